"""``calm_words_meaning`` (issue 10, session 18 E16): the complaint meaning ``M`` of the customer's words undoes
the calm words' damping of an aroused voice as complaint words do; off, ``M`` changes nothing there. Synthetic
tracker inputs, no model (< 0.01 s)."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.types import SAMPLE_RATE


def _aroused_after_calm_words(cfg: EscalationConfig, complaint_p: float) -> float:
    """Score after calm words, a complaint reading ``complaint_p`` and 6 s of an aroused voice (p 0.75)."""
    tracker = EscalationTracker(cfg)
    tracker.push_words(SAMPLE_RATE, 0.02, n_words=12, calm=True)
    tracker.push_complaint(SAMPLE_RATE, complaint_p, final=True)
    state = None
    for i in range(2, 8):
        state = tracker.push_voice(i * SAMPLE_RATE, 0.75, window_samples=SAMPLE_RATE)
    assert state is not None
    return state.score


def test_complaint_meaning_undoes_the_damping_only_when_on() -> None:
    on = EscalationConfig(calm_words_meaning=1.0)
    off = EscalationConfig(calm_words_meaning=0.0)
    assert _aroused_after_calm_words(off, 0.95) == _aroused_after_calm_words(off, 0.0)
    assert _aroused_after_calm_words(on, 0.0) == _aroused_after_calm_words(off, 0.0)  # no complaint: damped
    # a full complaint reading: the aroused voice counts undamped, "tense"
    assert _aroused_after_calm_words(on, 0.95) >= on.tense_enter > _aroused_after_calm_words(off, 0.95)


def test_calm_words_meaning_is_a_unit_setting() -> None:
    with pytest.raises(Exception, match="calm_words_meaning"):
        EscalationConfig(calm_words_meaning=1.5)
