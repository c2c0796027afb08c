"""The pastime the call was about, wished to the customer as the agent's last words, closes the call (issue 9,
session 49, C19): "happy hunting", "happy baking" after the business is done. Being happy doing something, asked or
told, does not. Wording written for these tests, not taken from the calls."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.types import Nudge
from tests.test_language_rules import final

OPENING = final("customer", "Hi, I'd like to hire two fishing rods and a net for Saturday morning.", 5.0)


def closes(agent: str) -> bool:
    """Whether the agent's reply ``agent`` to the opening is nudged as a close without "anything else?"."""
    coach = LanguageCoach()
    coach.push(OPENING)
    found = coach.push(final("agent", agent, 12.0, utt="agent-1"))
    return any(isinstance(n, Nudge) and n.kind == "check_anything_else" for n in found)


@pytest.mark.parametrize(
    "agent",
    [
        "Brilliant, that's the rods ready for Saturday, happy fishing.",
        "Thanks, Priya, happy foraging.",
        "Cheers, all sorted. Happy planting, Joan.",
        "Right, the flour goes out tomorrow. Happy baking then.",
        "Lovely stuff, happy metal detecting to you both.",
    ],
)
def test_a_pastime_wished_as_the_last_words_closes(agent: str) -> None:
    assert closes(agent)


@pytest.mark.parametrize(
    "agent",
    [
        "Are you happy reading that out for me?",
        "Would you be happy cycling there?",
        "Some people are quite happy walking.",
        "Happy fishing is what we're all about, so which rods do you want?",
        "If you're happy shopping online, you'll find it cheaper.",
        "Okay, happy to help with anything.",
        "Lovely, happy morning to you.",
    ],
)
def test_being_happy_doing_something_does_not(agent: str) -> None:
    assert not closes(agent)


# session 51 (C21): the outing wished with "have a <good> <noun>" as the last words ("have a good dive", c1183's script,
# in sample): the tables held the days and trips only; what the customer is to look at or think about is no outing
@pytest.mark.parametrize(
    "agent",
    [
        "Right, the rods will be behind the counter, have a good cast.",
        "Lovely, all booked. Have a brilliant regatta, Joan.",
        "Cheers, and have a grand gala then.",
    ],
)
def test_an_outing_wished_as_the_last_words_closes(agent: str) -> None:
    assert closes(agent)


@pytest.mark.parametrize(
    "agent",
    [
        "Take your time, have a good look.",
        "Okay, have a good think about it.",
        "We have a good range.",
        "Have a good cast and then tell me which rod you prefer?",
    ],
)
def test_something_to_look_at_or_a_statement_with_have_a_good_does_not(agent: str) -> None:
    assert not closes(agent)
