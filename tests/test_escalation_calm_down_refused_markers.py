"""Markers of session 19, second round (helper E19, issue 10): the customer refuses being told to calm down in
other words than "calm down" ("Don't tell me to cool off!"), says they will not, or answers a lecture: indignation,
tense on its own (a raised voice then makes it more). Calm look-alikes stay unmarked. Wording of our own."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.classify.lexicon import EscalationLexicon
from coach.types import SAMPLE_RATE

LEX = EscalationLexicon.from_toml()
CFG = EscalationConfig()


@pytest.mark.parametrize(
    "said",
    [
        "Don't tell me to cool down, I've been without a cooker since Monday!",
        "Don't tell me to settle down, you sent the wrong sofa.",
        "And don't tell me to take a breath.",
        "Don't tell me to keep my voice down when you've lost my car keys!",
        "No, I will not calm down.",
        "I don't need a lecture about your opening hours.",
        "Don't lecture me, just send the engineer.",
    ],
)
def test_refusing_a_calm_down_is_indignation_tense_alone(said: str) -> None:
    hits = LEX.find(said)
    assert "indignation" in {h.category for h in hits}, said
    assert max(h.weight for h in hits) >= CFG.tense_enter


@pytest.mark.parametrize(
    "said",
    [
        "The oven needs to cool down before the engineer looks at it.",
        "Tell me when to take a breath for the reading.",
        "Let it settle down for an hour, then run the tap.",
        "My daughter has a lecture at nine, so after ten is better.",
        "Don't tell me the price yet, I'll ask my husband first.",
    ],
)
def test_calm_look_alikes_are_unmarked(said: str) -> None:
    assert "indignation" not in {h.category for h in LEX.find(said)}, said


@pytest.mark.parametrize(("delta_db", "level"), [(0.0, "tense"), (5.0, "escalated")])
def test_the_refusal_in_a_partial_is_tense_and_escalated_with_a_raised_voice(delta_db: float, level: str) -> None:
    """As the tracker takes it from a partial after a calm utterance: the marker alone is tense; with a voice
    5 dB above the customer's own level it lets the raised voice count (complaint-gated)."""
    tracker = EscalationTracker(CFG)
    tracker.push_words(SAMPLE_RATE, 0.02, n_words=10, calm=True)
    tracker.push_loudness(3 * SAMPLE_RATE, delta_db)
    hits = [(h.phrase, h.weight) for h in LEX.find("Don't tell me to cool down")]
    assert tracker.set_provisional(3 * SAMPLE_RATE + SAMPLE_RATE // 2, hits).level == level
