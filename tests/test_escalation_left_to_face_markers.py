"""Markers of session 19, second round (helper E19, issue 10), each below tense alone: the customer is left to
face others with the company's failure ("I'm not telling the whole class their photos are lost") or asks how the
obvious is hard ("How is that hard?"): disbelief; a journey made for nothing ("We drove an hour"): loss; how
long they waited for it ("I waited five weeks"): waiting. Calm look-alikes stay unmarked. Wording of our own."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.lexicon import EscalationLexicon

LEX = EscalationLexicon.from_toml()
TENSE = EscalationConfig().tense_enter


@pytest.mark.parametrize(
    ("said", "category"),
    [
        ("I'm not telling forty guests the cake isn't coming.", "disbelief"),
        ("How am I supposed to tell my mum her flowers went to the wrong town?", "disbelief"),
        ("Just swap the part while you're there. How is that hard?", "disbelief"),
        ("We drove all the way to the depot and it was shut.", "loss"),
        ("That's a wasted journey for the second Saturday.", "loss"),
        ("I waited six weeks for a chair that wobbles.", "waiting"),
    ],
)
def test_markers_below_tense(said: str, category: str) -> None:
    hits = LEX.find(said)
    assert category in {h.category for h in hits}, said
    assert max(h.weight for h in hits) < TENSE, said


@pytest.mark.parametrize(
    ("said", "category"),
    [
        ("How hard is it to fit myself, do I need tools?", "disbelief"),
        ("I'll have to tell my husband and ring you back.", "disbelief"),
        ("I've driven past and the shop looked closed, are you open today?", "loss"),
        ("The delivery takes six weeks, that's fine.", "waiting"),
    ],
)
def test_calm_look_alikes_are_unmarked(said: str, category: str) -> None:
    assert category not in {h.category for h in LEX.find(said)}, said


def test_a_known_look_alike_stays_below_tense() -> None:
    """'I'm not telling you ...' said calmly holds the marker's words: it counts, but under tense alone."""
    hits = LEX.find("I'm not telling you anything new, it's the same address.")
    assert [h.category for h in hits] == ["disbelief"] and hits[0].weight < TENSE
