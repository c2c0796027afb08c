"""Escalation lexicon classes of session 16, second round (E11, issue 10), with wording not taken from the
calls: having to say it again within the call, asking who will answer for a loss, wanting it on record,
rejecting the answer given, wanting somebody there today, and nobody even doing the least; their calm
look-alikes stay below "tense" or unmarked."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.lexicon import EscalationLexicon

LEX = EscalationLexicon.from_toml()
TENSE = EscalationConfig().tense_enter


@pytest.mark.parametrize(
    "said",
    [
        "I have just told you, the parcel never came.",
        "Like I just said, the meter reads zero.",
        "So who is going to pay for the new carpet?",
        "Who's gonna pay for my hotel then?",
        "I want that in writing before I hang up.",
        "This isn't good enough, frankly.",
        "I want somebody out here this week.",
    ],
)
def test_angry_lines_reach_tense_on_one_marker(said: str) -> None:
    assert max((h.weight for h in LEX.find(said)), default=0.0) >= TENSE, said


def test_nobody_even_is_blame_below_tense() -> None:
    hits = LEX.find("Nobody even answered the door at the depot.")
    assert [h.category for h in hits] == ["blame"] and hits[0].weight < TENSE


def test_what_was_booked_going_to_someone_else_is_blame() -> None:
    hits = LEX.find("We got to the restaurant and our table had been given to someone else.")
    assert [h.category for h in hits] == ["blame"] and hits[0].weight < TENSE
    assert LEX.find("Can the ticket be transferred to my sister?") == []


@pytest.mark.parametrize(
    "said",
    [
        "Who pays for the postage on a return?",
        "Could you put that in an email for me?",
        "The signal's not good enough to stream in the back room.",
        "I've just moved house and need a new account.",
    ],
)
def test_calm_look_alikes_are_not_tense(said: str) -> None:
    assert max((h.weight for h in LEX.find(said)), default=0.0) < TENSE, said
