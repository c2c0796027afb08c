"""Session 14 (M7, issue 9): an agent who acknowledged or mirrored while the recogniser misheard them.

- An "I'm sorry" said as a whole clause acknowledges the customer whatever the recogniser made of the
  words after it ("I'm sorry about your uncle" heard as "I'm sorry, I'm a bull in the yard"); an
  "I'm sorry?" asking to repeat, an "I'm sorry, but ..." or "I'm sorry, could you ..." does not.
- A reply opening with "I'm sorry" is judged on its whole turn (partials drop the comma).
- "the worst" is a feeling as a verdict ("this is the worst", "the worst week of my life"), not as a
  noun phrase the recogniser made of other words ("for the worst day").
- A clause the head rates a complaint whose whole sentence it rates no complaint is a weak moment.
- An acknowledgement plus part of the story told back answers the complaint.

All wording here is new (written for these tests, not taken from the calls).
"""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.language.apology import bare_apology, opens_with_apology
from coach.language.complaint import Reading, Unit, sentence_reading
from coach.language.config import load_language_config
from coach.language.listening import MirrorComplaintRule
from coach.language.utterance import Utterance
from coach.types import seconds_to_samples
from tests.test_language_listening import partial
from tests.test_language_rules import final, kinds, run

BUSINESS = "Can I take the account number, please?"
BEREAVED = "My uncle passed away in March and I need to close his landline account."


@pytest.mark.parametrize(
    "reply",
    [
        "I'm sorry, I'm a bull in the yard. I'll close it today, can I take the account number?",
        "Right, the account's on screen, and I'm so sorry. I'll close it today.",
        "Oh, I am really sorry. I'll close it from today.",
    ],
)
def test_a_bare_im_sorry_acknowledges_whatever_follows(reply):
    assert bare_apology(reply)
    assert "acknowledge_feelings" not in kinds(run(final("customer", BEREAVED, 0.0), final("agent", reply, 7.0)))


@pytest.mark.parametrize(
    "reply",
    [
        "I'm sorry? Can I take the account number, please?",
        "I'm sorry, could you say that again? Can I take the account number?",
        "I'm sorry, but I need the account number first.",
        "I'm sorry to keep you waiting, can I take the account number?",
    ],
)
def test_a_sorry_that_asks_or_turns_to_but_is_no_acknowledgement(reply):
    assert not bare_apology(reply)
    assert "acknowledge_feelings" in kinds(run(final("customer", BEREAVED, 0.0), final("agent", reply, 7.0)))


def test_a_reply_opening_with_sorry_is_judged_on_its_whole_turn():
    assert opens_with_apology("Oh I'm sorry I'm a bull in the yard") and not opens_with_apology("Sorry, what?")
    coach = LanguageCoach()
    coach.push(final("customer", BEREAVED, 0.0))
    heard = "I'm sorry I'm a bull in the yard. I'll close it today and send a final bill to you."
    assert coach.push(partial(heard, 7.0, 12, utt="a1")) == []  # no comma yet: wait for the final
    assert kinds(coach.push(final("agent", heard.replace("sorry I'm", "sorry, I'm"), 7.0, utt="a1"))) == []


@pytest.mark.parametrize(
    "line",
    [
        "I'd like a kite for my niece for the worst day on Sunday.",
        "We're getting her a bike for the worst day this year.",
    ],
)
def test_the_worst_as_a_noun_phrase_is_no_feeling(line):
    assert "acknowledge_feelings" not in kinds(run(final("customer", line, 0.0), final("agent", BUSINESS, 7.0)))


@pytest.mark.parametrize(
    "line", ["Honestly this has been the worst week of my life.", "Your booking system is the worst."]
)
def test_the_worst_as_a_verdict_is_a_feeling(line):
    assert "acknowledge_feelings" in kinds(run(final("customer", line, 0.0), final("agent", BUSINESS, 7.0)))


def _rule() -> MirrorComplaintRule:
    lang = load_language_config()
    return MirrorComplaintRule(lang.mirror_complaint, lang.acknowledge_feelings.acknowledgements)


def _utt(speaker: str, text: str, start_s: float, end_s: float, utt: str) -> Utterance:
    start, end = seconds_to_samples(start_s), seconds_to_samples(end_s)
    return Utterance(speaker, text, start, end, end, utt)


SENTENCE = "My aunt left me a rocking horse in her will and I'd like it restored."
CLAUSE = "and left me a rocking horse"


@pytest.mark.parametrize(("whole", "answered"), [(0.04, True), (0.5, False)])
def test_a_clause_its_sentence_reads_as_no_complaint_is_answered_by_an_acknowledgement(whole, answered):
    """Head readings are given (the rule is under test, not the head): the clause at 0.9 is over
    model_threshold; with its whole sentence under clause_context_floor the moment is weak."""
    rule = _rule()
    turn = [Unit(SENTENCE, SENTENCE, Reading(whole, 0.3)), Unit(SENTENCE, CLAUSE, Reading(0.9, 0.3))]
    assert sentence_reading(turn, SENTENCE) == whole
    rule.on_customer(_utt("customer", SENTENCE, 0.0, 5.0, "c1"), turn, upset=SENTENCE)
    out = rule.on_agent(_utt("agent", "I'm sorry, I'm all over the place. Let's have a look at it.", 6.0, 9.0, "a1"))
    assert (out == []) is answered


COMPLAINT = "The blender I ordered came with a cracked lid and I'm really upset. I paid extra for next day delivery."


@pytest.mark.parametrize(
    ("reply", "nudged"),
    [
        ("Paid for delivery, and I'm sorry, let's get a new one sent out.", False),
        ("Paid for delivery, let's get a new one sent out today.", True),  # no acknowledgement
        ("I'm sorry, let's get a new one sent out today for you.", True),  # nothing told back
    ],
)
def test_an_acknowledgement_with_part_of_the_story_told_back_answers_the_complaint(reply, nudged):
    out = kinds(run(final("customer", COMPLAINT, 0.0), final("agent", reply, 8.0)))
    assert ("mirror_complaint" in out) is nudged
