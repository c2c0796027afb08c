"""Markers of session 19 (helper E17, issue 10): the same failure again, month after month ("This is the second
month running the driver has dumped the sack at the end of the drive"), a repeat contact (tense alone). Calm
look-alikes stay unmarked. Wording of our own."""

from __future__ import annotations

import pytest

from coach.classify.lexicon import EscalationLexicon


@pytest.fixture(scope="module")
def lexicon() -> EscalationLexicon:
    return EscalationLexicon.from_toml()


@pytest.mark.parametrize(
    ("said", "category"),
    [
        ("Hi. This is the second month running the parcel has been left in the rain.", "repeat_contact"),
        ("The bins have been missed three weeks in a row now.", "repeat_contact"),
        ("It's two months in a row you've charged me twice.", "repeat_contact"),
    ],
)
def test_repeat_failures_are_markers(lexicon: EscalationLexicon, said: str, category: str) -> None:
    assert category in {h.category for h in lexicon.find(said)}, said


@pytest.mark.parametrize(
    "said",
    [
        "The offer has been running for a month.",
        "Could we book three seats in a row?",
        "That one is not mine, it belongs to my neighbour.",
        "I'm running a bit late this week.",
    ],
)
def test_calm_look_alikes_are_not_markers(lexicon: EscalationLexicon, said: str) -> None:
    assert "repeat_contact" not in {h.category for h in lexicon.find(said)}, said
