"""Session 33 (Q31): listening nudges on unseen calls' classes, with wordings written for this test (not the calls'
sentences) and look-alikes that must still be nudged. The rules are driven directly, the agent's reply word by word
(its committed words) and then as its final, with the heads' readings injected (no model, no audio, no clock: cheap
and deterministic).

- A worry about what the work the customer asks for may do ("I'd like to have the cellar tanked ... I'm nervous about
  damp coming through into the lounge", quiet c738's second turn) asks how the work guards against it: in a call
  whose customer asked for new work at a calm level, it opens no acknowledgement moment (the agent answers it by
  explaining, often heard as other words). A worry in a call that asked for no new work, a worry about what the
  company did ("... about the crack your fitter left"), or one said at a raised level is still a feeling to name."""

from __future__ import annotations

import pytest

from coach.language.complaint import Reading, Unit
from coach.language.config import load_language_config
from coach.language.listening import AcknowledgeFeelingsRule
from coach.language.text import sentences
from tests.test_listening_q30 import GREETING, _replied, _utt

ACK = "acknowledge_feelings"
BUSINESS = "We'd lay a membrane on the floor and up the walls first. What's the postcode there?"


def _ack_second(first: str, second: str, *, level: str = "calm", feeling: float = 0.75) -> list[str]:
    """The acknowledgement nudges standing after the agent's business reply to the customer's second turn
    ``second`` (its last sentence rated ``feeling``), the first turn ``first`` (rated calm) answered by a question."""
    c = load_language_config()
    mc = c.mirror_complaint
    rule = AcknowledgeFeelingsRule(c.acknowledge_feelings, mc.cues, mc.not_complaints, mc)
    rule.on_agent(_utt("agent", GREETING, 0.0, "a1"))
    rule.on_customer(_utt("customer", first, 3.0, "c1"), [Unit(first, first, Reading(0.1, 0.1))])
    assert _replied(rule, "Lovely. Is it a Victorian house, do you know?", 12.0, "a2") == []
    if level != "calm":
        rule.set_level(level)
    parts = [p.text for p in sentences(second)]
    turn = [Unit(p, p, Reading(0.1, feeling if p == parts[-1] else 0.1)) for p in parts]
    rule.on_customer(_utt("customer", second, 16.0, "c2"), turn)
    return [n.kind for n in _replied(rule, BUSINESS, 25.0, "a3")]


PLANNED = [
    "Hi there, we'd like to convert the cellar into a snug for the kids.",
    "Morning, I'm looking to have a log burner put in, we're thinking of fitting one in the front room.",
]
NOT_PLANNED = "Hi there, I've got a question about the invoice you sent for the cellar last month."
WORRIES = [
    "Yes, it's eighteen ninety or so. I'm nervous about damp coming through into the lounge above.",
    "I think so. My neighbour is fussy, so I'm worried about dust getting into his flat.",
    "It is. I'm a bit anxious about the smell of the sealant lingering for weeks.",
]
THEIRS = "Yes, it is. I'm worried about the crack your fitter left in the ceiling last time."


@pytest.mark.parametrize("first", PLANNED)
@pytest.mark.parametrize("second", WORRIES)
def test_a_worry_about_planned_work_opens_no_acknowledgement(first, second):
    assert _ack_second(first, second) == []


@pytest.mark.parametrize("second", WORRIES)
def test_the_same_worry_with_no_new_work_asked_for_is_a_feeling(second):
    assert _ack_second(NOT_PLANNED, second) == [ACK]


@pytest.mark.parametrize("first", PLANNED)
def test_a_worry_about_what_the_company_did_is_still_a_feeling(first):
    assert _ack_second(first, THEIRS) == [ACK]


def test_a_worry_said_at_a_raised_level_is_still_a_feeling():
    assert _ack_second(PLANNED[0], WORRIES[0], level="tense") == [ACK]


def test_a_worry_acknowledged_in_a_planning_call_asks_for_nothing():
    """The control: an acknowledging reply is no miss either way."""
    c = load_language_config()
    mc = c.mirror_complaint
    rule = AcknowledgeFeelingsRule(c.acknowledge_feelings, mc.cues, mc.not_complaints, mc)
    rule.on_customer(_utt("customer", NOT_PLANNED, 3.0, "c1"), [Unit(NOT_PLANNED, NOT_PLANNED, Reading(0.1, 0.1))])
    worry = WORRIES[0]
    rule.on_customer(_utt("customer", worry, 16.0, "c2"), [Unit(worry, worry, Reading(0.1, 0.75))])
    assert _replied(rule, "I can understand why you'd be worried about that. We seal it all.", 25.0, "a3") == []
