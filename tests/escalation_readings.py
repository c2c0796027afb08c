"""Synthetic voice readings for the EscalationTracker tests: a customer speaking louder than usual,
read aroused by the voice model. Times in call samples (``SAMPLE_RATE`` a second)."""

from __future__ import annotations

from coach.classify.escalation import EscalationTracker
from coach.types import SAMPLE_RATE


def loud_readings(tracker: EscalationTracker, seconds: range, aroused: float = 0.85) -> list[tuple[float, str]]:
    """``(score, level)`` after each second of ``seconds`` of speech 5 dB above the
    customer's usual level, read ``aroused`` (0-1) by the voice model (one reading a second, each over
    a one-second window)."""
    out = []
    for t in seconds:
        tracker.push_loudness(t * SAMPLE_RATE, 5.0)
        state = tracker.push_voice(t * SAMPLE_RATE, aroused, window_samples=SAMPLE_RATE)
        out.append((state.score, state.level))
    return out
