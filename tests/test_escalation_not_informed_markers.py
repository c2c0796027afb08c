"""Escalation lexicon phrases of session 18, second round (E16, issue 10), with wording not taken from the
calls: nobody told the customer, said for the household or with another verb of telling, or asked why
nobody did, is blame (below tense alone); calm look-alikes stay unmarked."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.lexicon import EscalationLexicon

LEX = EscalationLexicon.from_toml()
TENSE = EscalationConfig().tense_enter


@pytest.mark.parametrize(
    "said",
    [
        "Nobody told us the road would be shut!",
        "No one warned us about the deposit.",
        "Nobody mentioned a fee when we signed.",
        "Nobody let me know it had been moved.",
        "I'd like to know why no one rang the landlord.",
    ],
)
def test_not_informed_is_blame_below_tense(said: str) -> None:
    hits = LEX.find(said)
    assert [h.category for h in hits] == ["blame"], said
    assert hits[0].weight < TENSE


@pytest.mark.parametrize(
    "said",
    [
        "Nobody was in when the parcel came, so it's at the depot.",
        "Somebody told us you open at nine.",
        "Why not Thursday then?",
    ],
)
def test_calm_look_alikes_are_unmarked(said: str) -> None:
    assert LEX.find(said) == [], said
