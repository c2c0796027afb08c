"""Session 27, second round (Q25): the twenty-sixth part's listening misses and false nudges, as classes, each tested
with wordings written for this test (not the calls' sentences), with controls:

- a feeling told in the first person with no upset cue word (c606's crying told in the past and feeling bad told
  outright, c608's body in distress, c613's hard stretch of time) is a feeling to acknowledge, and a second one
  after a first the agent passed over is a new moment; a fine feeling or a busy year is none;
- the wrong thing delivered, told with no negative word (c606: what came, then what the customer chose), and a
  thing that runs badly told by how it moves (c609: "in fits and starts") are complaints to mirror;
- a turn that opens as a pleased reaction to what the agent did (c615's "Brilliant," and a misheard line) asks for
  no acknowledgement from the feeling head's rating; an upset cue in it still does;
- a story told on after the agent acknowledged the feelings (c617) opens no mirror from the complaint head; a
  complaint cue in it still does;
- what others said of the customer's plan, told with a laugh (c621's "said I was mad to"), is no anger to
  acknowledge; anger told outright beside it still is."""

from __future__ import annotations

import pytest

from coach.language.complaint import Reading, Unit
from coach.language.config import load_language_config
from coach.language.listening import MirrorComplaintRule, not_as_chosen
from coach.language.utterance import Utterance
from coach.types import Nudge
from tests.test_language_q21_classes import _reply
from tests.test_language_q22_classes import _coach
from tests.test_language_rules import final

MIRROR, ACK = "mirror_complaint", "acknowledge_feelings"
BUSINESS = "What's the reference on your receipt, please?"
ALWAYS = (0.0, 0.0)  # the feeling head's bars at 0: every scored sentence reads as a feeling
CUES_ONLY = (1.1, 1.1)  # the feeling head off: upset cues only


def _turns(first: str, answer: str, second: str, reply: str = BUSINESS, bars: tuple = CUES_ONLY) -> list[str]:
    """The listening nudges of the customer's second turn ``second`` on the agent's ``reply``, after the customer's
    first turn ``first`` and the agent's ``answer`` (the feeling head's bars ``bars``)."""
    coach = _coach(*bars)
    coach.push(final("agent", "Hello, bookings desk, how can I help?", 0.0, utt="a1"))
    coach.push(final("customer", first, 3.0, utt="c1"))
    coach.push(final("agent", answer, 12.0, utt="a2"))
    coach.push(final("customer", second, 18.0, utt="c2"))
    out = coach.push(final("agent", reply, 30.0, utt="a3"))
    return sorted(n.kind for n in out if isinstance(n, Nudge) and n.moment.startswith("c2:"))


# ---- a feeling told in the first person with no cue word (c606, c608, c613) --------------------------------------

OPENING = "I ordered a set of curtains from you in May."
TOLD = [
    "I burst into tears when they finally went up on the rail.",
    "To be honest I feel absolutely wretched about the whole business.",
    "We've had such a tough few months since the move.",
    "I've been out in the rain all morning and I can't keep warm.",
    "I sobbed in the car park after the fitting.",
    "We were drenched to the skin waiting for your van.",
]
NOT_TOLD = [
    "I feel fine about waiting another week for them.",
    "It's been a busy year for the shop, I expect.",
    "The lining is a soft grey, quite warm in the evenings.",
    "The box was soaked through when the courier left it.",
]


@pytest.mark.parametrize("customer", TOLD)
def test_a_feeling_told_with_no_cue_word_is_acknowledged(customer):
    assert ACK in _turns(OPENING, "Right, let me find the order.", customer)


@pytest.mark.parametrize("customer", NOT_TOLD)
def test_a_fine_feeling_or_a_busy_year_is_no_feeling(customer):
    assert ACK not in _turns(OPENING, "Right, let me find the order.", customer)


def test_a_second_feeling_after_one_passed_over_is_a_new_moment():
    first = "I'm so upset, the quilt I sent for cleaning came back with a scorch mark."
    assert ACK in _turns(first, "What's the docket number?", "It's 4411. It's been such a rough year for us.")


# ---- the wrong thing delivered, and a thing that runs badly (c606, c609) -----------------------------------------

WRONG_THING = [
    "Hello, the sofa came this morning and it's a bright mustard yellow. We chose a pale sage green in the showroom.",
    "Hi, my reading glasses arrived today with thick black frames. I picked the thin gold ones at the optician's.",
]
NOT_WRONG = [
    "Hello, I ordered a pale sage sofa from you. It came this morning, could I book the assembly?",
    "Hi, the glasses arrived today, thank you. I'd like to order a spare pair of the same.",
]
JUDDERING = [
    "Hi, I bought the electric scooter on Monday and it only goes in fits and starts on the flat.",
    "Hello, the new sewing machine juddered to a halt halfway through the first hem.",
]


@pytest.mark.parametrize("customer", WRONG_THING)
def test_the_wrong_thing_delivered_is_a_complaint(customer):
    assert not_as_chosen(customer) is not None
    assert MIRROR in _reply(customer, BUSINESS, _coach(*CUES_ONLY))


@pytest.mark.parametrize("customer", NOT_WRONG)
def test_an_order_told_before_it_came_is_no_wrong_thing(customer):
    assert not_as_chosen(customer) is None


@pytest.mark.parametrize("customer", JUDDERING)
def test_a_thing_running_badly_is_a_complaint(customer):
    assert MIRROR in _reply(customer, BUSINESS, _coach(*CUES_ONLY))


# ---- a pleased reaction to what the agent did (c615) --------------------------------------------------------------

ASKING = "Hello, I was wondering if the cellos are getting restrung this week?"  # an enquiry: no feeling
OFFER = "Of course, they're done and you can collect one for your daughter on Friday."
REACTIONS = [
    "Brilliant, and the bow is included in that, is it?",
    "Oh lovely, she'll be over the moon with that one.",
]


@pytest.mark.parametrize("customer", REACTIONS)
def test_a_pleased_reaction_asks_for_no_acknowledgement(customer):
    assert ACK not in _turns(ASKING, OFFER, customer, "Anything else I can help with?", ALWAYS)


def test_an_upset_cue_after_a_pleased_opening_is_still_acknowledged():
    customer = "Brilliant, although I'm really worried she'll drop it on the bus."
    assert ACK in _turns(ASKING, OFFER, customer, "Anything else I can help with?", CUES_ONLY)


def test_the_same_turn_without_the_pleased_opening_is_read_by_the_feeling_head():
    assert ACK in _turns(ASKING, OFFER, "And the bow is included in that, is it?", "Anything else?", ALWAYS)


# ---- a story told on after the agent acknowledged (c617) ---------------------------------------------------------


def _utt(speaker: str, text: str, t: float, utt: str) -> Utterance:
    return Utterance.from_event(final(speaker, text, t, utt=utt))


def _told_on(answer: str, second: str) -> bool:
    """Whether the mirror rule opens a moment on the customer's second turn ``second`` (every piece rated a complaint
    by the head) after the agent's ``answer`` to a first turn telling a loss (rated no complaint)."""
    c = load_language_config()
    rule = MirrorComplaintRule(c.mirror_complaint, c.acknowledge_feelings.acknowledgements)
    rule.on_agent(_utt("agent", "Hello, portraits, Sam speaking.", 0.0, "a1"))
    first = "Our old spaniel died last week."
    rule.on_customer(_utt("customer", first, 3.0, "c1"), [Unit(first, first, Reading(0.1, 0.9))], upset=first)
    rule.on_agent(_utt("agent", answer, 8.0, "a2"))
    rule.on_customer(_utt("customer", second, 15.0, "c2"), [Unit(second, second, Reading(0.9, 0.2))])
    return rule._pending is not None and rule._pending.utt == "c2"


def test_a_story_told_on_after_an_acknowledgement_is_not_mirrored():
    assert not _told_on("Oh no, I'm so sorry, he was part of the family.", "He used to wait by the gate every evening.")


def test_a_complaint_cue_told_on_after_an_acknowledgement_is_still_mirrored():
    answer = "Oh no, I'm so sorry, he was part of the family."
    assert _told_on(answer, "And the frame I ordered for his photo never arrived.")


def test_a_story_told_on_after_no_acknowledgement_is_read_by_the_head():
    assert _told_on("Right, send me the photos then.", "He used to wait by the gate every evening.")


# ---- teasing told on (c621) --------------------------------------------------------------------------------------

TEASED = [
    "Book it in please. My sister said I was mad to try a tandem at my age, so I'll show her.",
    "Lovely. Everyone thinks we're crazy to do the whole coast path in one weekend.",
]


@pytest.mark.parametrize("customer", TEASED)
def test_teasing_told_on_is_no_anger(customer):
    assert ACK not in _turns(ASKING, OFFER, customer, "That's all booked for Friday at nine.")


def test_anger_told_outright_beside_it_is_still_acknowledged():
    customer = "My sister said I was mad to try you again, and honestly I'm furious it's late again."
    assert ACK in _turns(ASKING, OFFER, customer, "That's all booked for Friday at nine.")
