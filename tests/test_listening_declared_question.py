"""A long statement the recogniser wrote with a "?" asks nothing (issue 9, session 48 Q46): quiet c1098's reply, the
customer's breakdown told back, was decoded at its pause with a "?" ("... and you couldn't get through those?") and
judged there as a question that skipped the feeling and the complaint, although the whole turn (40 words, the fear
and the anger named) engaged with it. Such a sentence (``listening.DECLARED_WORDS`` tokens or more, no wh-word, no
auxiliary before a subject, none opening it) is a statement: the reply waits for its whole turn. Short declaratives
("And you dropped him off on the second?") and long real questions still ask. Our wording, text level."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.language.config import load_language_config
from coach.language.listening import _asking
from coach.language.patterns import compile_patterns
from tests.test_language_pause_nudge import paused
from tests.test_language_rules import final, kinds

BUSINESS = compile_patterns(load_language_config().mirror_complaint.business_openers)

TOLD_BACK = [
    "So the van broke down on the motorway this morning with your dog in the back and nobody picked up the phone?",
    "Right, your hired trailer lost a wheel on the ring road with the ponies loaded and our line just rang out?",
    "Okay, the boiler we fitted on Monday has stopped again and you've got two small children and no hot water?",
    "You waited in all day for the fitters, took the day off work for it, and nobody came or rang to say so?",
    "You're tired, but as broken by one day for a hundred and twenty-nine with your marathon board on a busy road "
    "and you couldn't get through those?",
]

ASKING = [
    "And you dropped him off on the second?",
    "The order number on the email?",
    "Can you give me the registration of the van and the postcode where you've broken down?",
    "Got it W four one seven do you want the order to stay at six dozen for tomorrow or go up to eight?",
    "Are the bottles kept near the lane or will the driver have to carry them across a field to the house?",
    "So the van broke down on the motorway this morning and which junction are you nearest to right now?",
    "Right so the trailer lost a wheel on the ring road and you want it collected today is that right?",
]


@pytest.mark.parametrize("reply", TOLD_BACK)
def test_a_long_statement_written_with_a_question_mark_asks_nothing(reply: str) -> None:
    assert not _asking(reply, BUSINESS), reply


@pytest.mark.parametrize("reply", ASKING)
def test_short_declaratives_and_real_questions_still_ask(reply: str) -> None:
    assert _asking(reply, BUSINESS), reply


UPSET = "I'm so worried, the van has broken down on the motorway and my dog is in the back."
PAUSE = (  # told back in other words (as misheard, c1098): no content word shared, so no restatement defers it
    "Right, you're stuck on the hard shoulder with lorries flying past and the whole family waiting in the car, "
    "and our line just rang out?"
)
TURN = PAUSE + " That must be frightening, and I'd be furious too."


def test_the_reply_told_back_is_not_nudged_at_its_pause() -> None:
    coach = LanguageCoach()
    coach.push(final("customer", UPSET, 1.0))
    assert coach.push(paused(PAUSE, 8.0)) == []  # before: both listening nudges, shown, then withdrawn by the final
    assert coach.push(final("agent", TURN, 8.0, utt="agent-1")) == []


def test_a_details_question_is_still_nudged_at_its_pause() -> None:
    coach = LanguageCoach()
    coach.push(final("customer", UPSET, 1.0))
    question = "Can you give me the registration of the van and the postcode where you've broken down?"
    assert "acknowledge_feelings" in kinds(coach.push(paused(question, 8.0)))
