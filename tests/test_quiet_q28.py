"""Session 30 (Q28): no nudge on a well-handled call, as classes, with wordings written for this test (not the calls'
sentences) and look-alikes that must still be nudged. The rules are driven directly, with the complaint head's
readings injected (no model, no audio, no clock: cheap and deterministic).

- The agent sharing the customer's good news ("That's so good to hear", "Congratulations!") answers a mirror moment
  the complaint head read into a pleased story with no negation or "but" (quiet c664: a cheerful first turn, garbled
  by the recogniser, rated 0.43 beside a feeling). A moment a complaint cue opened, or a turn with a "but" or a
  negation, still asks for the mirror; so does a reply that is business.
- A verdict cue said of the customer's own surroundings, the roads, traffic or parking ("our lane is a nightmare for
  parking", quiet c690's delivery question) is no feeling and no complaint; said of the company's ("your car park"),
  or of what went wrong, it still is.
- The agent taking the customer's turn as a question ("Good question.") answers a feeling or complaint the heads read
  into it (quiet c688's "Does she do Saturdays?" misheard and rated a feeling); not a cue's moment, nor a feeling at
  an upset level."""

from __future__ import annotations

import pytest

from coach.language.complaint import Reading, Unit
from coach.language.config import load_language_config
from coach.language.listening import AcknowledgeFeelingsRule, MirrorComplaintRule
from coach.language.utterance import Utterance
from coach.types import Nudge, Withdrawal
from tests.test_language_rules import final

GREETING = "Hello, garden rooms, Priya speaking."


def _utt(speaker: str, text: str, t: float, utt: str, *, done: bool = True) -> Utterance:
    u = Utterance.from_event(final(speaker, text, t, utt=utt))
    return u if done else Utterance(u.speaker, u.text, u.start, u.end, u.at, u.utt, u.words, final=False)


def _replied(rule: AcknowledgeFeelingsRule | MirrorComplaintRule, reply: str) -> list[str]:
    """The kinds ``rule`` nudges on the agent's ``reply`` (word by word, then its final) and does not take back."""
    out: list[Nudge | Withdrawal] = []
    words = reply.split()
    for k in range(1, len(words) + 1):
        out += rule.on_agent_words(_utt("agent", " ".join(words[:k]), 20.0, "a2", done=False))
    out += rule.on_agent(_utt("agent", reply, 20.0, "a2"))
    taken = {w.moment for w in out if isinstance(w, Withdrawal)}
    return [n.kind for n in out if isinstance(n, Nudge) and n.moment not in taken]


def _ack(customer: str, reply: str, *, feeling: float = 0.1, level: str = "calm") -> list[str]:
    """The acknowledgement nudges still standing after the agent's ``reply`` (word by word, then its final) to the
    customer's second turn ``customer``, whose sentences the feeling head rates ``feeling``, at upset ``level``."""
    c = load_language_config()
    mc = c.mirror_complaint
    rule = AcknowledgeFeelingsRule(c.acknowledge_feelings, mc.cues, mc.not_complaints, mc)
    rule.set_level(level)
    rule.on_agent(_utt("agent", GREETING, 0.0, "a1"))
    first = "Hi, I'd like to book a visit for next week please."
    rule.on_customer(_utt("customer", first, 3.0, "c0"), [Unit(first, first, Reading(0.1, 0.1))])
    rule.on_agent(_utt("agent", "Of course, we come out to you, and the first visit is forty minutes.", 8.0, "a1b"))
    rule.on_customer(_utt("customer", customer, 14.0, "c1"), [Unit(customer, customer, Reading(0.1, feeling))])
    return _replied(rule, reply)


def _mirror(customer: str, reply: str, *, complaint: float, felt: str | None = None) -> list[str]:
    """The mirror nudges still standing after the agent's ``reply`` (word by word, then its final) to the customer's
    first turn ``customer``, whose sentences the complaint head rates ``complaint``; ``felt``: the sentence of the
    turn that says a feeling (the acknowledgement rule's finding), if any."""
    c = load_language_config()
    rule = MirrorComplaintRule(c.mirror_complaint, c.acknowledge_feelings.acknowledgements)
    rule.on_agent(_utt("agent", GREETING, 0.0, "a1"))
    turn = [Unit(customer, customer, Reading(complaint, 0.8 if felt else 0.1))]
    rule.on_customer(_utt("customer", customer, 3.0, "c1"), turn, upset=felt)
    return _replied(rule, reply)


# ---- good news shared: the head's complaint was none (c664) ------------------------------------------------------

PLEASED = [
    "Hiya, your lads laid our new patio a fortnight ago and we've had friends round every single evening since.",
    "Morning, the piano tuner came on Monday and my granddaughter has played it for three hours every day.",
    "Hello, we picked the puppy up from your kennels on Saturday and she has slept through every night already.",
    "Hi there, the summerhouse went up last week and I've been sitting out in it with a book till ten at night.",
]
GLAD = [
    "That's so good to hear. The follow-up visit takes about twenty minutes.",
    "Oh, lovely to hear that. What day suits you for the check?",
    "Congratulations, that's brilliant news! Can I take the postcode?",
    "Ah, great to hear, thanks for letting us know. I'll book the free check for you.",
]


@pytest.mark.parametrize("customer", PLEASED)
@pytest.mark.parametrize("reply", GLAD)
def test_good_news_shared_answers_a_complaint_the_head_read_into_it(customer, reply):
    assert _mirror(customer, reply, complaint=0.43, felt=customer) == []
    assert _mirror(customer, reply, complaint=0.7) == []


BUSINESS = "Can I take the postcode and the name on the order, please?"


@pytest.mark.parametrize("customer", PLEASED)
def test_the_same_story_answered_with_business_is_still_nudged(customer):
    """The control: the head's reading opens the moment beside a feeling, and a reply that is business misses it."""
    assert _mirror(customer, BUSINESS, complaint=0.43, felt=customer) == ["mirror_complaint"]
    assert _mirror(customer, BUSINESS, complaint=0.7, felt=customer) == ["mirror_complaint"]


TROUBLE = [
    # a "but" or a negation in the turn: what went wrong is there to be told back
    "Hiya, your lads laid our new patio a fortnight ago, but the slabs by the door rock when you step on them.",
    "Morning, the piano tuner came on Monday and the top octave still doesn't sound right.",
    "Hello, the summerhouse went up last week and the door never shuts properly.",
]


@pytest.mark.parametrize("customer", TROUBLE)
@pytest.mark.parametrize("reply", GLAD[:2])
def test_gladness_to_a_turn_with_a_but_or_a_negation_still_misses_the_mirror(customer, reply):
    assert _mirror(customer, reply, complaint=0.7, felt=customer) == ["mirror_complaint"]


CUED = [
    # a complaint cue opens the moment: gladness does not answer what the customer named as wrong
    "Hello, the summerhouse went up last week and it arrived damaged along the back panel.",
    "Hi, your lads laid our new patio a fortnight ago and it's cracked right across the middle.",
]


@pytest.mark.parametrize("customer", CUED)
def test_gladness_does_not_answer_a_complaint_cue(customer):
    assert _mirror(customer, GLAD[0], complaint=0.1, felt=customer) == ["mirror_complaint"]


def test_gladness_later_in_the_reply_is_not_an_opening_of_it():
    """The glad words must open the reply (its first three words), as the acknowledgement rule reads them."""
    reply = "Can I take the postcode first, and that's good to hear by the way."
    assert _mirror(PLEASED[0], reply, complaint=0.7, felt=PLEASED[0]) == ["mirror_complaint"]


# ---- a verdict said of the customer's surroundings (c690) ---------------------------------------------------------

SURROUNDINGS = [
    "That all sounds fine. Our lane is a nightmare for parking though, so can the driver ring when he's close?",
    "And what time do the vans come? The high street is murder to get down after nine.",
    "Lovely. The traffic round here is a pain on a Friday, so a morning slot would suit me.",
    "Mill Road's a total nightmare to turn round in, is it a small van?",
]
NOT_SURROUNDINGS = [
    # the company's own, or what went wrong: still a feeling to name
    "Your car park is a nightmare for parking, I drove round it three times.",
    "The last delivery was a nightmare, the driver shouted at my neighbour.",
    "Honestly this whole booking has been a nightmare from start to finish.",
    "The van blocked the whole drive and it was a nightmare to get out for work.",
]
PLAN = "Yes, the driver will ring ahead, and the van is a small one."


@pytest.mark.parametrize("customer", SURROUNDINGS)
def test_a_verdict_on_the_customers_surroundings_asks_for_no_acknowledgement(customer):
    assert _ack(customer, PLAN) == []


@pytest.mark.parametrize("customer", NOT_SURROUNDINGS)
def test_a_verdict_on_the_company_or_on_what_went_wrong_is_still_a_feeling(customer):
    assert _ack(customer, PLAN) == ["acknowledge_feelings"]


@pytest.mark.parametrize("customer", SURROUNDINGS)
def test_the_complaint_head_on_the_surroundings_opens_no_mirror(customer):
    assert _mirror(customer, PLAN, complaint=0.8, felt=customer) == []


def test_the_complaint_head_on_the_companys_car_park_still_asks_for_the_mirror():
    assert _mirror(NOT_SURROUNDINGS[0], PLAN, complaint=0.8, felt=NOT_SURROUNDINGS[0]) == ["mirror_complaint"]


# ---- the agent takes the turn as a question (c688) -----------------------------------------------------------------

QUESTIONS = [
    "Doesn't she ever come out on a Sunday, like?",
    "Would the engineer not be able to do the back garden as well?",
    "And you wouldn't have the same lad every time, I suppose.",
]
AS_QUESTION = [
    "Good question. She does Saturdays, mornings only.",
    "Oh, that's a fair question, yes, it's always Dave on your round.",
    "Glad you asked, the garden is included in the price.",
]


@pytest.mark.parametrize("customer", QUESTIONS)
@pytest.mark.parametrize("reply", AS_QUESTION)
def test_a_question_taken_as_one_answers_the_feeling_the_head_read_into_it(customer, reply):
    assert _ack(customer, reply, feeling=0.9) == []
    assert _mirror(customer, reply, complaint=0.8, felt=customer) == []


@pytest.mark.parametrize("customer", QUESTIONS)
def test_the_same_question_answered_with_business_is_still_nudged(customer):
    """The control: the heads' readings open the moments, and a plain answer does not answer them."""
    assert _ack(customer, "She does Saturdays, mornings only.", feeling=0.9) == ["acknowledge_feelings"]
    assert _mirror(customer, BUSINESS, complaint=0.8, felt=customer) == ["mirror_complaint"]


def test_good_question_at_an_upset_level_does_not_answer_the_feeling():
    assert _ack(QUESTIONS[0], AS_QUESTION[0], feeling=0.9, level="tense") == ["acknowledge_feelings"]


@pytest.mark.parametrize(
    "customer",
    [
        "Why does nobody ever ring me back when they say they will? It's ridiculous.",
        "Is it normal that the boiler you fitted is leaking again?",
    ],
)
def test_good_question_does_not_answer_a_cue(customer):
    """A feeling or a complaint named by a cue word is there to be answered, however the agent takes the question."""
    assert _ack(customer, AS_QUESTION[0]) + _mirror(customer, AS_QUESTION[0], complaint=0.1, felt=customer) != []
