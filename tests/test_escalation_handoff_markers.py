"""Escalation lexicon phrases of session 17, second round (E13, issue 10), with wording not taken from the
calls: the blame handed to a third party refused, the company's own app failing, being told one argues,
a flat contradiction of what was said; "you lot" in praise is no reproach; calm look-alikes stay unmarked."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.lexicon import EscalationLexicon

LEX = EscalationLexicon.from_toml()
TENSE = EscalationConfig().tense_enter


@pytest.mark.parametrize(
    ("said", "category"),
    [
        ("I paid the fee to you, not to the shop. My contract's with you.", "blame"),
        ("Look, I booked it with you, so it's down to you.", "blame"),
        ("Your system didn't send the reminder.", "blame"),
        ("I don't care who's fault it was.", "frustration"),
        ("But that can't be, I was at home all day.", "disbelief"),
    ],
)
def test_refusals_and_contradictions_are_markers_below_tense(said: str, category: str) -> None:
    hits = LEX.find(said)
    assert [h.category for h in hits] == [category], said
    assert hits[0].weight < TENSE


def test_being_told_one_argues_is_indignation() -> None:
    hits = LEX.find("I am not arguing with you, I want an answer.")
    assert [h.category for h in hits] == ["indignation"] and hits[0].weight >= TENSE


@pytest.mark.parametrize(
    "said",
    [
        "You lot are amazing, it came in a day.",
        "Thanks you lot, that's sorted.",
        "I bought a new charger from the shop.",
        "Your app says the parcel is in locker four.",
        "But it can wait until Monday.",
    ],
)
def test_calm_look_alikes_are_unmarked(said: str) -> None:
    assert LEX.find(said) == [], said


def test_you_lot_as_a_reproach_still_counts() -> None:
    assert [h.category for h in LEX.find("You lot never ring back.")] == ["frustration"]
