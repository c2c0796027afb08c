"""Session 24, second round (Q22): the twenty-third part's listening false nudges and miss, as classes, each tested
with wordings written for this test (not the calls' sentences), with controls that still nudge:

- "surprise" as the verb of a gift ("I want to surprise her with a boat party", quiet c544) is no sarcastic
  "surprise, surprise": no feeling to acknowledge, and no complaint to mirror from the turn it made upset;
- a saying with a "no" in it ("no wedding is a wedding without a ceilidh", quiet c549; "no place like home") is no
  complaint cue's missing thing;
- a customer's answer to the agent's question for details asked after a lead-in in one sentence ("Congratulations,
  what's the date and roughly how many guests?", quiet c549) is read at the answer's bar;
- a death told as "passed" with no "away" ("She passed in the summer", c534) is a feeling to acknowledge;
- a later complaint told in a tense voice (c510's "my youngest was soaked", c383's "Nobody told us that"), after the
  call's first complaint moment, asks for one nudge, the acknowledgement, not the mirror from the same cue too."""

from __future__ import annotations

import dataclasses

import pytest

from coach.language import LanguageCoach
from coach.language.config import load_language_config
from coach.types import Nudge
from tests.test_language_q21_classes import _reply
from tests.test_language_rules import final

GREETING = "Hello, thanks for calling, how can I help?"
MIRROR, ACK = "mirror_complaint", "acknowledge_feelings"
BUSINESS = "What's your postcode, please?"


def _coach(opening: float, later: float) -> LanguageCoach:
    """A coach whose feeling head opens a moment at ``opening`` in the customer's opening turns, ``later`` after
    them and for the answer to a request for details (1.1: never)."""
    base = load_language_config()
    ack = dataclasses.replace(base.acknowledge_feelings, model_threshold=opening, later_model_threshold=later)
    return LanguageCoach(dataclasses.replace(base, acknowledge_feelings=ack))


# ---- "surprise" as the verb of a gift (c544) -------------------------------------------------------------------

GIFTS = [
    "Hi there, my husband turns forty next week and I'd love to surprise him with a hot air balloon ride.",
    "Hello, it's our tenth anniversary, so we're going to surprise them with a weekend on a narrowboat.",
    "Hiya, the twins finish their exams on Friday, let's surprise everyone with a barbecue, can you cater?",
    "Morning, my nan's ninety on Sunday and me and my brother wanna surprise her with a trip on a steam train.",
]
SARCASM = [
    "Hello, I ordered a lamp last week and surprise, the engineer never turned up to fit it.",
    "Hi, I rang about my bill and surprise, it's gone up again this month.",
]


@pytest.mark.parametrize("customer", GIFTS)
def test_surprise_as_a_gift_asks_for_no_acknowledgement_and_no_mirror(customer):
    assert _reply(customer, BUSINESS) == []


@pytest.mark.parametrize("customer", SARCASM)
def test_a_lone_sarcastic_surprise_before_what_went_wrong_still_asks_for_an_acknowledgement(customer):
    assert ACK in _reply(customer, BUSINESS, _coach(1.1, 1.1))


# ---- a saying with a "no" in it (c549) ------------------------------------------------------------------------

SAYINGS = [
    "Hiya, we're getting married in May, and there's no wedding like a Welsh wedding, so we'd love a choir.",
    "Morning, it's my dad's seventieth, and there's no party like a Greek party, so we'd like the big room.",
    "Hello, I know you're closed on Sundays, but there's no harm in asking, could you open for a private party?",
    "Hi, we've been travelling for months, and there's no place like home, so could you service the boiler?",
]
MISSING = [
    "Hello, I'm locked out of the flat, and there's no way in without a key, the door won't budge.",
    "Hi, the boiler's running, but there's no hot water anywhere in the house since Monday.",
]


@pytest.mark.parametrize("customer", SAYINGS)
def test_a_saying_with_a_no_in_it_is_no_complaint(customer):
    assert MIRROR not in _reply(customer, BUSINESS, _coach(1.1, 1.1))


@pytest.mark.parametrize("customer", MISSING)
def test_something_missing_told_plainly_is_still_a_complaint_to_mirror(customer):
    assert MIRROR in _reply(customer, BUSINESS, _coach(1.1, 1.1))


# ---- the answer to a question for details asked after a lead-in (c549) ----------------------------------------


def _answer(question: str, answer: str, reply: str) -> list[str]:
    """The listening kinds nudged on ``reply`` after the customer's short hello (not scored), the agent's
    ``question`` and the customer's ``answer``, with a feeling head that opens on any sentence of the opening turns
    and on none after them or in an answer to a request for details."""
    coach = _coach(0.0, 1.1)
    out = []
    for e in (
        final("agent", GREETING, 0.0, utt="a1"),
        final("customer", "Hiya there.", 3.0, utt="c1"),
        final("agent", question, 5.0, utt="a2"),
        final("customer", answer, 12.0, utt="c2"),
        final("agent", reply, 22.0, utt="a3"),
    ):
        out += coach.push(e)
    return sorted(n.kind for n in out if isinstance(n, Nudge) and n.kind == ACK)


ANSWER = "The ninth of August, about sixty of us, and half of them have never danced a step."
REPLY = "We play from seven until eleven, and the caller walks everyone through it."


@pytest.mark.parametrize(
    "question",
    [
        "Congratulations, they're right you know, what's the date and how many guests?",
        "Oh lovely, and which venue is it?",
        "Brilliant, that sounds fun, can I take the date of the party?",
    ],
)
def test_the_answer_to_a_question_for_details_after_a_lead_in_is_read_at_the_answers_bar(question):
    assert _answer(question, ANSWER, REPLY) == []


@pytest.mark.parametrize("question", ["Oh lovely, we'd be glad to have you.", "Right then, and is it a big family?"])
def test_an_answer_to_anything_else_is_read_at_the_opening_bar(question):
    assert _answer(question, ANSWER, REPLY) == [ACK]


# ---- a death told as "passed" with no "away" (c534) -----------------------------------------------------------

PASSED = [
    "It's about my dad's season ticket, he passed last month and I'd like to cancel it.",
    "Hello, my gran passed in the spring and we found her old sewing machine, could you service it?",
    "Hi, it's the booking for the fourteenth, my husband sadly passed on Sunday so it won't be needed.",
    "Morning, the dog was my mum's, she passed three weeks ago, and he needs his jabs.",
]
PASSED_OTHERWISE = [
    "Hi, I passed in twenty nineteen, so I've got a full licence for the van.",
    "Hello, my son passed his driving test last week, so we'd like to add him to the policy.",
    "Hiya, they've both passed their grade three, so can they move up a class?",
    "Morning, he passed the parcel to his neighbour on Monday, so it should be there.",
]


@pytest.mark.parametrize("customer", PASSED)
def test_a_death_told_as_passed_asks_for_an_acknowledgement(customer):
    assert ACK in _reply(customer, BUSINESS, _coach(1.1, 1.1))


@pytest.mark.parametrize("customer", PASSED_OTHERWISE)
def test_a_test_passed_or_a_thing_passed_on_is_no_bereavement(customer):
    assert ACK not in _reply(customer, BUSINESS, _coach(1.1, 1.1))


# ---- a later complaint told in a tense voice: one nudge, the acknowledgement (c510, c383) ---------------------

FIRST = "Hello, the minibus that was meant to collect us from the river never turned up, we waited two hours."
LATER = [
    "And the life jackets you gave us were torn as well.",
    "Yes, and my son's phone was soaked through in the bag.",
    "Nobody rang to say the bus was late.",
]


def _two_turns(later: str, level: str | None, first_level: str | None = None) -> list[tuple[str, str]]:
    """(customer utterance, kind) of the listening nudges on the agent's replies to the customer's first complaint
    (``first_level``: the escalation level set before it) and to a later one (``level`` set before it); each
    reply goes straight to business."""
    coach = LanguageCoach()
    out = []
    events = [
        ("level", first_level),
        final("agent", GREETING, 0.0, utt="a1"),
        final("customer", FIRST, 3.0, utt="c1"),
        final("agent", "What name was the booking under?", 15.0, utt="a2"),
        ("level", level),
        final("customer", later, 20.0, utt="c2"),
        final("agent", "And was that the Sunday trip at four?", 30.0, utt="a3"),
    ]
    for e in events:
        if isinstance(e, tuple):
            if e[1] is not None:
                coach.set_customer_upset(e[1])
            continue
        out += coach.push(e)
    return [(n.moment.split(":")[0], n.kind) for n in out if isinstance(n, Nudge) and n.kind in (MIRROR, ACK)]


@pytest.mark.parametrize("later", LATER)
def test_a_later_complaint_in_a_tense_voice_asks_for_the_acknowledgement_alone(later):
    nudges = _two_turns(later, "tense")
    assert ("c2", ACK) in nudges and ("c2", MIRROR) not in nudges


@pytest.mark.parametrize("later", LATER)
def test_a_later_complaint_said_calmly_still_asks_for_the_mirror(later):
    assert ("c2", MIRROR) in _two_turns(later, None)


def test_the_calls_first_complaint_in_a_tense_voice_still_asks_for_both():
    nudges = _two_turns(LATER[0], None, first_level="tense")
    assert ("c1", ACK) in nudges and ("c1", MIRROR) in nudges
