"""EscalationTracker: in a transcribed call's first turn a voice-only rise waits ``voice_confirm_s``
(a lively calm opener's one aroused reading is not "tense"); without transcription, after the first
final, or with other evidence, nothing waits. Synthetic readings, times in call samples."""

from __future__ import annotations

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.types import SAMPLE_RATE

AROUSED = 0.95
"""An arousal probability whose voice evidence alone puts the score above ``tense_enter``."""


def at(seconds: float) -> int:
    return int(seconds * SAMPLE_RATE)


def voice(tracker: EscalationTracker, ps: list[float], start_s: float = 0.0) -> list[tuple[float, str]]:
    """One voice reading a second from ``start_s``; the tracker advanced every 0.25 s in between.
    Returns ``(seconds, level)`` after each step."""
    out = []
    for i, p in enumerate(ps):
        for q in (0.25, 0.5, 0.75):
            out.append((start_s + i + q, tracker.advance(at(start_s + i + q)).level))
        out.append((start_s + i + 1, tracker.push_voice(at(start_s + i + 1), p, window_samples=SAMPLE_RATE).level))
    return out


def first_tense(levels: list[tuple[float, str]]) -> float | None:
    return next((t for t, lv in levels if lv != "calm"), None)


def test_a_voice_only_spike_that_does_not_hold_in_a_transcribed_first_turn_is_not_tense() -> None:
    """One aroused reading, then calmer ones: tense at once without transcription, calm with it."""
    spike = [0.1, AROUSED, 0.5, 0.1, 0.1]
    assert first_tense(voice(EscalationTracker(EscalationConfig(), words_expected=False), spike)) == 2.0
    assert {lv for _, lv in voice(EscalationTracker(EscalationConfig(), words_expected=True), spike)} == {"calm"}


def test_a_held_aroused_voice_rises_voice_confirm_s_later_in_the_first_turn() -> None:
    # the wait alone (see _sustained; the held voice confirms only with voice_confirm_held_alone, off since session 37)
    cfg = EscalationConfig(voice_confirm_s=1.0, voice_confirm_sustained=0.0, voice_confirm_held_alone=True)
    tracker = EscalationTracker(cfg, words_expected=True)
    steps = []  # (seconds, level, score): the tracker advanced every 0.25 s, a reading every second
    for i in range(6):
        for q in (0.25, 0.5, 0.75):
            s = tracker.advance(at(i + q))
            steps.append((i + q, s.level, s.score))
        s = tracker.push_voice(at(i + 1), AROUSED, window_samples=SAMPLE_RATE)
        steps.append((i + 1, s.level, s.score))
    reached = next(t for t, _, score in steps if score >= cfg.tense_enter)
    waited = next(t for t, lv, _ in steps if lv == "tense")
    assert waited == reached + 1.0
    assert first_tense(voice(EscalationTracker(cfg, words_expected=False), [AROUSED] * 6)) == reached


def test_calm_words_read_while_the_rise_waits_call_it_off() -> None:
    """c234: the opener's voice reads aroused, then its first committed words read calm."""
    # the wait alone (tests/test_escalation_voice_sustained.py)
    cfg = EscalationConfig(voice_confirm_sustained=0.0, voice_confirm_held_alone=True)
    tracker = EscalationTracker(cfg, words_expected=True)
    tracker.push_voice(at(1.0), 0.1, window_samples=SAMPLE_RATE)
    state = tracker.push_voice(at(2.0), AROUSED, window_samples=SAMPLE_RATE)
    assert state.score >= cfg.tense_enter and state.level == "calm"  # the rise waits
    tracker.push_committed_words(at(2.5), 4, calm=True)  # damps the voice, but not below tense_exit...
    assert tracker.advance(at(2.5)).score >= cfg.tense_exit
    state = tracker.push_voice(at(3.0), AROUSED, window_samples=SAMPLE_RATE)
    assert state.score >= cfg.tense_enter and state.level == "calm"  # ...the wait starts again at 3.0
    # the same without the calm words rises
    rises = EscalationTracker(cfg, words_expected=True)
    states = [rises.push_voice(at(t), p, window_samples=SAMPLE_RATE) for t, p in ((1, 0.1), (2, AROUSED), (3, AROUSED))]
    assert states[-1].level == "tense"


def test_nothing_waits_without_transcription_after_the_first_final_or_when_off() -> None:
    ps = [0.1, AROUSED, AROUSED, 0.1]
    # no transcription (EmoDB): the voice alone rises at once
    assert first_tense(voice(EscalationTracker(EscalationConfig(), words_expected=False), ps)) == 2.0
    # voice_confirm_s 0: off
    off = EscalationTracker(EscalationConfig(voice_confirm_s=0.0), words_expected=True)
    assert first_tense(voice(off, ps)) == 2.0
    # after the customer's first final (a word-less "ok" is not one), the voice rises at once
    later = EscalationTracker(EscalationConfig(), words_expected=True)
    later.push_words(at(0.5), 0.1, n_words=2)
    assert first_tense(voice(later, ps, start_s=1.0)) == 3.0


def test_words_or_markers_above_tense_rise_at_once_in_the_first_turn() -> None:
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    state = tracker.push_words(at(1.0), 0.9, n_words=0, hits=[("third time", 0.5)])
    assert state.level == "tense"  # a marker alone is not the voice: no wait
