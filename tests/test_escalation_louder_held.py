"""A voice held raised above the customer's own usual level counts alone in a transcribed call (issue 10,
``louder_held_weight``): a customer who suddenly speaks several dB louder than their own earlier speech
for a couple of seconds is "tense" whatever their words, one loud second is not, a delighted customer's
raised voice is not, and without transcription (EmoDB) nothing changes.

Synthetic tracker sequences: one loudness report per second of customer speech (dB above their own
usual level, as the prosody stage reports ``loudness_delta_db``).
"""

from __future__ import annotations

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.types import SAMPLE_RATE


def _reports(tracker: EscalationTracker, deltas: list[float], start_s: int = 1) -> list[str]:
    """Push one loudness report a second; the level after each."""
    return [tracker.push_loudness((start_s + i) * SAMPLE_RATE, d).level for i, d in enumerate(deltas)]


def test_a_voice_held_raised_for_two_reports_is_tense_alone() -> None:
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    levels = _reports(tracker, [0.5, 6.0, 7.0])
    assert levels == ["calm", "calm", "tense"]  # the first raised second alone is not held yet


def test_one_loud_second_or_a_small_rise_is_not_held() -> None:
    spike = EscalationTracker(EscalationConfig(), words_expected=True)
    assert set(_reports(spike, [0.0, 8.0, 0.5, 8.0, 0.0, 1.0])) == {"calm"}  # loud seconds never two in a row

    small = EscalationTracker(EscalationConfig(), words_expected=True)
    assert set(_reports(small, [3.5] * 10)) == {"calm"}  # 3.5 dB up, held: below "tense"


def test_a_held_raised_voice_alone_never_escalates() -> None:
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    levels = _reports(tracker, [9.0] * 30)
    assert "escalated" not in levels and levels[-1] == "tense"


def test_without_transcription_or_switched_off_nothing_changes() -> None:
    """EmoDB runs without transcription: its per-clip levels read louder than usual (models/arousal.md)."""
    no_words = EscalationTracker(EscalationConfig())
    assert set(_reports(no_words, [7.0] * 5)) == {"calm"}

    off = EscalationTracker(EscalationConfig(louder_held_weight=0.0), words_expected=True)
    assert set(_reports(off, [7.0] * 5)) == {"calm"}


def test_a_delighted_customer_raising_their_voice_stays_calm() -> None:
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    tracker.push_words(SAMPLE_RATE, 0.02, n_words=6, calm=True, pleasant=True)
    assert set(_reports(tracker, [7.0] * 5, start_s=2)) == {"calm"}


def test_the_held_evidence_falls_once_the_voice_comes_down() -> None:
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    _reports(tracker, [7.0, 7.0])
    high = tracker.advance(3 * SAMPLE_RATE).score
    levels = _reports(tracker, [0.0] * 12, start_s=3)
    assert tracker.advance(16 * SAMPLE_RATE).score < high / 4
    assert levels[-1] == "calm"


def _report(tracker: EscalationTracker, second: int, level_dbfs: float, delta_db: float) -> str:
    """One prosody report as the stage hands it over: the level (dBFS), then the rise above the baseline."""
    tracker.push_level(second * SAMPLE_RATE, level_dbfs)
    return tracker.push_loudness(second * SAMPLE_RATE, delta_db).level


def test_against_their_own_earlier_levels_a_raised_line_after_calm_speech_is_tense() -> None:
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    calm = [_report(tracker, s, -30.0 + 0.5 * (s % 2), 0.3) for s in range(1, 9)]
    raised = [_report(tracker, s, -24.0, 6.0) for s in range(9, 12)]
    assert set(calm) == {"calm"} and raised[-1] == "tense"


def test_a_baseline_set_on_a_quiet_first_second_does_not_make_ordinary_speech_raised() -> None:
    """The prosody baseline formed on two quiet seconds ("um, hello") rejects the customer's ordinary level
    as raised ever after (6 dB above it); their own level reports say it is their usual level."""
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    levels = [_report(tracker, 1, -32.0, 0.0), _report(tracker, 2, -32.0, 0.0)]
    levels += [_report(tracker, s, -26.0, 6.0) for s in range(3, 20)]
    assert set(levels) == {"calm"}


def test_a_raised_line_within_the_first_seconds_of_levels_is_not_held() -> None:
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    levels = [_report(tracker, 1, -30.0, 0.0), _report(tracker, 2, -30.0, 0.0), _report(tracker, 3, -30.0, 0.0)]
    levels += [_report(tracker, s, -24.0, 6.0) for s in (4, 5)]
    assert set(levels) == {"calm"}  # three reports only before the raised line: no usual level of theirs yet
