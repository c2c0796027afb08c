"""EscalationTracker: after the customer's first final, a voice both raised above their usual level and
read aroused counts (``louder_voice_weight``) although their earlier words were calm; not in their
first turn. Synthetic readings, times in call samples."""

from __future__ import annotations

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.types import SAMPLE_RATE
from tests.escalation_readings import loud_readings


def raised_and_aroused(weight: float, *, first_turn_over: bool) -> list[tuple[float, str]]:
    """``(score, level)`` of a customer whose 12 calm words were a final (or, ``first_turn_over``
    False, the committed words of their first turn), then speaks 5 dB above their usual level with a
    voice read 0.8 aroused, one reading a second."""
    tracker = EscalationTracker(EscalationConfig(louder_voice_weight=weight), words_expected=True)
    if first_turn_over:
        tracker.push_words(SAMPLE_RATE, 0.02, n_words=12, calm=True)
    else:
        tracker.push_committed_words(SAMPLE_RATE, 12, calm=True)
    return loud_readings(tracker, range(2, 6), aroused=0.8)


def test_a_raised_and_aroused_voice_after_calm_words_is_tense_on_its_first_reading() -> None:
    on = raised_and_aroused(0.5, first_turn_over=True)
    off = raised_and_aroused(0.0, first_turn_over=True)
    assert on[0][1] == "tense" and off[0][1] == "calm"  # c172, c219: seconds sooner
    assert all(a[0] > b[0] for a, b in zip(on, off, strict=True))


def test_not_in_the_customers_first_turn() -> None:
    assert raised_and_aroused(0.5, first_turn_over=False) == raised_and_aroused(0.0, first_turn_over=False)


def test_a_raised_voice_the_voice_model_reads_calm_adds_nothing() -> None:
    for weight in (0.0, 0.5):
        tracker = EscalationTracker(EscalationConfig(louder_voice_weight=weight), words_expected=True)
        tracker.push_words(SAMPLE_RATE, 0.02, n_words=12, calm=True)
        tracker.push_loudness(2 * SAMPLE_RATE, 5.0)
        assert tracker.push_voice(2 * SAMPLE_RATE, 0.05, window_samples=SAMPLE_RATE).score == 0.0
