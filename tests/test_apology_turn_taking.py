"""An apology for the talk itself, one list for both readers (issue 9 and issue 10, session 54, Q52).

``coach.language.apology.TURN_TAKING`` (words right after "sorry" that make it one for the talk: "sorry, go on",
"sorry, I didn't catch that", "sorry to keep you") is read by the acknowledgement's bare apology
(:func:`bare_apology`) and by the escalation stage's amends (:func:`makes_amends`). The two lists had grown apart:
amends took "I'm sorry, I didn't catch that. I'll send ..." as amends, and a bare "I'm sorry, go on." acknowledged
the customer. Every line here is our wording; text level, milliseconds each."""

from __future__ import annotations

import pytest

from coach.classify import amends
from coach.classify.amends import makes_amends
from coach.language import apology
from coach.language.apology import bare_apology

REMEDY = "I'll send an engineer round tomorrow and I'll ring you first thing with a time slot for the visit, okay then."


def test_amends_reads_the_apology_modules_list():
    assert amends.TURN_TAKING is apology.TURN_TAKING


@pytest.mark.parametrize(
    "talk",
    [
        "I'm sorry, I didn't catch that.",
        "I'm sorry, you broke up there.",
        "Sorry, could you say that again?",
        "I'm sorry, the line went funny.",
        "Sorry to keep you, thanks for holding.",
        "Sorry, go on.",
        "Sorry, carry on.",
        "Sorry, yes, I'm back.",
    ],
)
def test_an_apology_for_the_talk_makes_no_amends(talk):
    assert not makes_amends(f"{talk} {REMEDY}")


@pytest.mark.parametrize(
    "fault",
    [
        "I'm sorry, that should never have happened.",
        "I'm so sorry about the mess, that's our mistake.",
        "You're right, and I apologise.",
        "Sorry, that's on us.",
    ],
)
def test_an_apology_for_the_fault_with_a_remedy_makes_amends(fault):
    assert makes_amends(f"{fault} {REMEDY}")


@pytest.mark.parametrize("talk", ["I'm sorry, go on.", "I'm sorry, carry on.", "I'm sorry, I didn't hear you."])
def test_a_bare_sorry_that_hands_the_turn_back_is_no_acknowledgement(talk):
    assert not bare_apology(talk)


@pytest.mark.parametrize(
    "said", ["I'm sorry.", "Oh, I'm so sorry, Mrs Reyes.", "Right, I'm really sorry, that's awful."]
)
def test_a_bare_sorry_still_acknowledges(said):
    assert bare_apology(said)


# "The line" and "I didn't hear" are talk only in a talk shape (the line's sound, what was said); as the fault or its
# news they open an apology for the customer's trouble (helper R19's look-alikes, session 54; R20, session 55).
LINE_FAULTS = [
    "I'm sorry, the line fault should have been fixed on Monday.",
    "I'm so sorry, the line rental was charged twice.",
    "I'm sorry, the line engineer didn't turn up.",
    "I'm sorry, the line is down again, that's not good enough.",
    "I'm sorry, I didn't hear back from the engineer either.",
    "I'm sorry, we didn't hear from the courier, that's on us.",
]
LINE_TALK = [
    "I'm sorry, the line's breaking up.",
    "I'm sorry, the line is bad, I didn't get that.",
    "I'm sorry, the line went quiet there.",
    "I'm sorry, the line crackled.",
    "I'm sorry, I didn't hear the last bit.",
    "I'm sorry, I couldn't hear your postcode.",
    "I'm sorry, I did not hear that.",
    "I'm sorry, I didn't catch your postcode.",
]


@pytest.mark.parametrize("fault", LINE_FAULTS)
def test_an_apology_for_a_line_fault_or_its_news_is_for_the_fault(fault):
    assert makes_amends(f"{fault} {REMEDY}")
    assert bare_apology(fault)


@pytest.mark.parametrize("talk", LINE_TALK)
def test_an_apology_for_the_line_or_for_not_hearing_is_for_the_talk(talk):
    assert not makes_amends(f"{talk} {REMEDY}")
    assert not bare_apology(talk)
