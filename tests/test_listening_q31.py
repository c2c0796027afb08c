"""Session 33 (Q31): listening nudges on unseen calls' classes, with wordings written for this test (not the calls'
sentences) and look-alikes that must still be nudged. The rules are driven directly, the agent's reply word by word
(its committed words) and then as its final, with the heads' readings injected (no model, no audio, no clock: cheap
and deterministic).

- A worry about what the work the customer asks for may do ("I'd like to have the cellar tanked ... I'm nervous about
  damp coming through into the lounge", quiet c738's second turn) asks how the work guards against it: in a call
  whose customer asked for new work at a calm level, it opens no acknowledgement moment (the agent answers it by
  explaining, often heard as other words). A worry in a call that asked for no new work, a worry about what the
  company did ("... about the crack your fitter left"), or one said at a raised level is still a feeling to name.

From the thirty-second part (c742-c765, flipped this session):
- Guilt at having failed someone close ("I feel like I've let my daughter down") and someone close crying, told with
  how long or how hard ("he cried himself to sleep"), are feelings in words: later in the call, where the feeling head
  opens no more moments, they still do (c750's missed acknowledgement). Not "cried with laughter", not a negated feel.
- "I can't tell you how awful that is to hear" acknowledges whatever the recogniser made of its tail (quiet c761).
  "I can't tell you how long it takes" does not.
- A reply whose words so far are one sentence opening with a cry ("Oh, Howard, no." heard "Oh, hi, I don't know.",
  quiet c761's pause partial) waits for the next words; a question or a business opener after the cry is judged.
- A feeling only the head read (no cue word: a garbled complaint sentence, quiet c763) is answered by a reply that
  tells the turn back ("So the rug came back with ..."); a feeling a cue names still asks for its acknowledgement.
- The customer's long first turn, saying a feeling at a raised level, with nothing the complaint head rates, is an
  angry first line the recogniser garbled (c756): a reply that only asks for details misses its mirror."""

from __future__ import annotations

import pytest

from coach.language.complaint import Reading, Unit
from coach.language.config import load_language_config
from coach.language.listening import AcknowledgeFeelingsRule, MirrorComplaintRule, acknowledges
from coach.language.text import sentences
from tests.test_listening_q30 import GREETING, _replied, _utt

ACK = "acknowledge_feelings"
MIRROR = "mirror_complaint"
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


def _ack_rule() -> AcknowledgeFeelingsRule:
    c = load_language_config()
    mc = c.mirror_complaint
    return AcknowledgeFeelingsRule(c.acknowledge_feelings, mc.cues, mc.not_complaints, mc)


# ---- the thirty-second part (c742-c765) ----------------------------------------------------------------------------

OPENER = "Hi, I'm really fed up, the piano teacher has not come for two weeks now."
LATER_FEELINGS = [
    "She practises every evening. I honestly feel like I've let my daughter down.",
    "He was counting the days. I feel as if we've failed him over this.",
    "She was so looking forward to it. She cried herself to sleep last night.",
    "It was his first concert. He sobbed his heart out in the car.",
]
LATER_NOT = [
    "She practises every evening. I don't feel like we've let anyone down, to be fair.",
    "She practises every evening. She cried with laughter at the last lesson.",
]


def _later(second: str) -> list[str]:
    """The acknowledgement nudges after a business reply to ``second``, the customer's second turn (each piece rated
    0.9 by the feeling head), the first turn's feeling already nudged after a business reply."""
    rule = _ack_rule()
    rule.on_agent(_utt("agent", GREETING, 0.0, "a1"))
    rule.on_customer(_utt("customer", OPENER, 3.0, "c1"), [Unit(OPENER, OPENER, Reading(0.3, 0.9))])
    assert [n.kind for n in _replied(rule, "What's the name on the account?", 12.0, "a2")] == [ACK]
    turn = [Unit(p.text, p.text, Reading(0.1, 0.9)) for p in sentences(second)]
    rule.on_customer(_utt("customer", second, 16.0, "c2"), turn)
    return [n.kind for n in _replied(rule, "The spring term starts on the ninth of January.", 25.0, "a3")]


@pytest.mark.parametrize("second", LATER_FEELINGS)
def test_guilt_or_a_close_one_crying_told_later_is_a_feeling(second):
    assert _later(second) == [ACK]


@pytest.mark.parametrize("second", LATER_NOT)
def test_no_guilt_and_happy_tears_are_not(second):
    assert _later(second) == []


def test_cant_tell_you_how_awful_acknowledges():
    acks = load_language_config().acknowledge_feelings.acknowledgements
    assert acknowledges("I'm, I can't tell you how awful nothing to hear, we all remember her.", acks)
    assert acknowledges("We can't put into words how sad that is.", acks)
    assert not acknowledges("I can't tell you how long the repair takes, it depends on the part.", acks)


LOSS = "Hello. I'm afraid our old dog Pip died on Saturday, he was fifteen, and I need to stop his insurance."


def _first_words(words: str) -> list[str]:
    """The acknowledgement nudges from the agent's reply words so far ``words`` (judged as committed words) after the
    customer's turn telling a loss."""
    rule = _ack_rule()
    rule.on_agent(_utt("agent", GREETING, 0.0, "a1"))
    rule.on_customer(_utt("customer", LOSS, 3.0, "c1"), [Unit(LOSS, LOSS, Reading(0.1, 0.6))])
    return [n.kind for n in rule.on_agent_words(_utt("agent", words, 12.0, "a2", done=False))]


@pytest.mark.parametrize("words", ["Oh, hi, I don't know.", "Oh no, Margaret.", "Goodness me, after all these years."])
def test_a_reply_opening_with_a_cry_waits_for_its_next_words(words):
    assert _first_words(words) == []


@pytest.mark.parametrize("words", ["Oh, okay, what's the policy number?", "Oh right. And the policy number is?"])
def test_a_cry_then_business_is_judged(words):
    assert _first_words(words) == [ACK]


GARBLED = "Hi Sam, I collected the rug on Monday, and when I unrolled it a home there's a rip along the fringe."
CUED = "Hi Sam, I'm devastated, I collected the rug on Monday and there's a rip along the fringe."
TOLD_BACK = (
    "So the rug came home with a rip along the fringe, and it was whole when you brought it in. That's ours to fix."
)


def test_a_feeling_only_the_head_read_is_answered_by_telling_the_turn_back():
    rule = _ack_rule()
    rule.on_customer(_utt("customer", GARBLED, 3.0, "c1"), [Unit(GARBLED, GARBLED, Reading(0.1, 0.75))])
    assert _replied(rule, TOLD_BACK, 20.0, "a2") == []


def test_a_feeling_a_cue_names_still_asks_for_its_acknowledgement():
    rule = _ack_rule()
    rule.on_customer(_utt("customer", CUED, 3.0, "c1"), [Unit(CUED, CUED, Reading(0.1, 0.75))])
    assert [n.kind for n in _replied(rule, TOLD_BACK, 20.0, "a2")] == [ACK]


def test_a_business_reply_still_misses_the_head_read_feeling():
    rule = _ack_rule()
    rule.on_customer(_utt("customer", GARBLED, 3.0, "c1"), [Unit(GARBLED, GARBLED, Reading(0.1, 0.75))])
    assert [n.kind for n in _replied(rule, "Can I have the ticket number from the receipt?", 20.0, "a2")] == [ACK]


ANGRY_GARBLED = (
    "You know, take the money home, not my fault at all, I need to be in the Royal in the morning with chest pain, or "
    "a ring from the ward the same morning!"
)


def _angry_first(level: str, reply: str) -> list[str]:
    """The mirror nudges after ``reply`` to a garbled first turn saying a feeling, heard at ``level``."""
    c = load_language_config()
    rule = MirrorComplaintRule(c.mirror_complaint, c.acknowledge_feelings.acknowledgements)
    rule.level = level
    rule.on_agent(_utt("agent", GREETING, 0.0, "a1"))
    turn = [Unit(ANGRY_GARBLED, ANGRY_GARBLED, Reading(0.15, 0.75))]
    rule.on_customer(_utt("customer", ANGRY_GARBLED, 3.0, "c1"), turn, upset=ANGRY_GARBLED)
    return [n.kind for n in _replied(rule, reply, 20.0, "a2")]


@pytest.mark.parametrize("level", ["tense", "escalated"])
def test_an_angry_first_line_garbled_is_a_complaint_half_heard(level):
    assert _angry_first(level, "Which card was the session booked on?") == [MIRROR]


def test_the_same_at_a_calm_level_opens_no_mirror():
    assert _angry_first("calm", "Which card was the session booked on?") == []


def test_any_reply_but_details_answers_the_half_heard_complaint():
    assert _angry_first("tense", "I'm so sorry, that sounds awful. Let me look into the charge for you now.") == []
