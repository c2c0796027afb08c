"""Which complaint is *later* (issue 9; session 50, Q48): ``MirrorComplaintRule.later`` counts from the call's first
sure complaint moment, one a cue opened or the complaint head read at ``model_threshold`` or over. A weak reading
before it (a feeling said, the head under its threshold: c1137's garbled "I bring my own gazebo and two trestle
tables", 0.21) is no complaint the call established, so the first sure complaint after it keeps its mirror beside the
acknowledgement (``LanguageCoach._one_for_later``). Rule level, the head's readings injected; our own wording
(milliseconds)."""

from __future__ import annotations

import pytest

from coach.language.complaint import Reading, Unit
from coach.language.config import load_language_config
from coach.language.listening import MirrorComplaintRule
from tests.test_quiet_call_classes import _replied
from tests.wording_helpers import utterance as _utt

FIRST = [
    "We're a stall of six and we bring our own gazebo, and honestly I'm exhausted already.",
    "There'll be two of us and a van, and I'm a bit fed up, it's been such a long week.",
]
LATER = [
    "Last year the water main burst on the Saturday and my whole pitch was flooded.",
    "And the marquee you sent us last spring arrived broken, the poles were snapped.",
]
ENGAGED = (
    "Six is fine, we have plenty of room at the top of the field, and the marquees shelter that row from the wind,"
    " so you'll be snug there all day and you can park the van right behind your stall."
)


def _rule_after_first(first: str, complaint: float, reply: str = ENGAGED) -> tuple[MirrorComplaintRule, list[str]]:
    """The mirror rule after a first customer turn ``first`` saying a feeling (the whole turn), its sentence rated
    ``complaint`` by the head, answered by ``reply`` (a long engaged one); and the kinds that reply was nudged."""
    c = load_language_config()
    rule = MirrorComplaintRule(c.mirror_complaint, c.acknowledge_feelings.acknowledgements)
    rule.on_agent(_utt("agent", "Hello, county show bookings, Ailsa speaking.", 0.0, "agent-1"))
    turn = [Unit(first, first, Reading(complaint, 0.8))]
    rule.on_customer(_utt("customer", first, 3.0, "customer-1"), turn, upset=first)
    return rule, _replied(rule, reply)


def _later_of(rule: MirrorComplaintRule, later: str) -> bool:
    rule.on_customer(_utt("customer", later, 40.0, "customer-2"), [Unit(later, later, Reading(0.9, 0.1))])
    return rule.later("customer-2:mirror_complaint")


@pytest.mark.parametrize("later", LATER)
@pytest.mark.parametrize("first", FIRST)
def test_a_complaint_after_only_a_weak_reading_is_the_calls_first(first, later):
    assert _rule_after_first(first, 0.3, "What's your stall number?")[1] == ["mirror_complaint"]  # a moment
    rule, _ = _rule_after_first(first, 0.3)
    assert rule.later("customer-1:mirror_complaint") is False
    assert _later_of(rule, later) is False


@pytest.mark.parametrize("later", LATER)
@pytest.mark.parametrize("first", FIRST)
def test_a_complaint_after_a_sure_reading_is_later(first, later):
    assert _later_of(_rule_after_first(first, 0.9)[0], later) is True


@pytest.mark.parametrize("later", LATER)
def test_a_complaint_after_a_cue_is_later(later):
    first = "The gazebo you hired us last week arrived broken and I'm really upset about it."
    assert _later_of(_rule_after_first(first, 0.1)[0], later) is True


def test_a_complaint_after_only_a_cue_heard_unsure_is_the_calls_first():
    """A cue heard unsure (``unsure_cue``, Q48's round one) opens its moment as the head's readings do, as likely
    misheard; it is no sure complaint either (round two's ``later``): the first complaint heard sure after it is the
    call's first, not a later one (R15, session 51, from reading the two rounds together)."""
    from coach.language.utterance import Utterance
    from tests.test_language_rules import final

    c = load_language_config()
    rule = MirrorComplaintRule(c.mirror_complaint, c.acknowledge_feelings.acknowledgements)
    rule.on_agent(_utt("agent", "Good afternoon, Team Kit Direct, Jo speaking.", 0.0, "agent-1"))
    garbled = "Hiya, it's gonna be more than it can't show this once a storm. We won the final on Sunday!"
    event = final("customer", garbled, 3.0, utt="customer-1")
    for w in event["words"]:
        if w["w"].lower() in ("can't", "show"):
            w["p"] = 0.15
    first = Utterance.from_event(event)
    rule.on_customer(first, [Unit(garbled, garbled, Reading(0.1, 0.1))])
    assert rule._pending is not None and rule._pending.unsure  # the unsure cue opened a moment
    _replied(rule, "Congratulations, that's brilliant news. You'll want the kit before the final, then.")
    assert _later_of(rule, LATER[1]) is False
