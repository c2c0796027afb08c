"""Escalation lexicon phrases of session 17 (E12, issue 10), with wording not taken from the calls: the
agent's answer brushed aside, somebody wanted there without a time, the company calling off what it
promised or sending the customer away, proof held up, an ask to skip the process; their calm
look-alikes stay unmarked."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.lexicon import EscalationLexicon

LEX = EscalationLexicon.from_toml()
TENSE = EscalationConfig().tense_enter


@pytest.mark.parametrize(
    ("said", "category"),
    [
        ("That's not the point, I need it working.", "frustration"),
        ("I don't care whose computer lost it, I want it back.", "frustration"),
        ("So the fitter cancelled on us the morning of the job.", "blame"),
        ("The desk turned me away because the booking was missing.", "blame"),
        ("They sent us away at the door.", "blame"),
    ],
)
def test_brushed_aside_and_sent_away_are_markers_below_tense(said: str, category: str) -> None:
    hits = LEX.find(said)
    assert [h.category for h in hits] == [category], said
    assert hits[0].weight < TENSE


def test_somebody_wanted_here_is_a_demand() -> None:
    assert max(h.weight for h in LEX.find("Look, I want somebody here to sort the leak.")) >= TENSE


@pytest.mark.parametrize(
    "said",
    [
        "The point is the boiler works now, thanks.",
        "I don't mind whose engineer comes.",
        "Can I cancel my order from Tuesday?",
        "They turned the heating on this morning.",
        "Could you send me the form?",
    ],
)
def test_calm_look_alikes_are_unmarked(said: str) -> None:
    assert LEX.find(said) == [], said


def test_proof_held_up_only_adds_to_other_evidence() -> None:
    hits = LEX.find("I have the confirmation text right here on my phone.")
    assert [h.category for h in hits] == ["proof"] and hits[0].weight < TENSE
    assert LEX.find("I have the reference number if you need it.") == []


def test_an_ask_to_skip_the_process_is_disbelief() -> None:
    hits = LEX.find("Why can't you just send a new one out?")
    assert [h.category for h in hits] == ["disbelief"] and hits[0].weight < TENSE
