"""EscalationTracker, session 16 (issue 10): in a transcribed call's first turn a rise the voice alone
carries needs the aroused voice *held* (sustained evidence ``S`` at ``voice_confirm_sustained``), not
only ``voice_confirm_s`` of waiting: a lively, happy opener's burst of a few aroused seconds stays
calm, while an opener aroused for longer still rises; a complaint marker in the opener's words lets
the rise come after the wait alone; without transcription nothing waits. Since session 37 the held voice alone no
longer confirms the rise (``voice_confirm_held_alone`` false: tests/test_escalation_opener_voice_cue.py); these
tests keep the held-voice rule of sessions 16-36 under ``HELD_ALONE``. Synthetic readings, times in call samples."""

from __future__ import annotations

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.types import SAMPLE_RATE

AROUSED = 0.95
"""An arousal probability whose voice evidence alone puts the score above ``tense_enter``."""
HELD_ALONE = EscalationConfig(voice_confirm_held_alone=True)
"""The rule of sessions 16-36: the held voice alone confirms a voice-only rise of the first turn."""


def at(seconds: float) -> int:
    return int(seconds * SAMPLE_RATE)


def run(tracker: EscalationTracker, ps: list[float]) -> list[tuple[float, str, float]]:
    """One voice reading a second (the first at 1 s), the tracker advanced every 0.25 s in between;
    ``(seconds, level, sustained evidence)`` after each step."""
    out = []
    for i, p in enumerate(ps):
        for q in (0.25, 0.5, 0.75):
            s = tracker.advance(at(i + q))
            out.append((i + q, s.level, s.evidence[1]))
        s = tracker.push_voice(at(i + 1), p, window_samples=SAMPLE_RATE)
        out.append((i + 1.0, s.level, s.evidence[1]))
    return out


def first_tense(steps: list[tuple[float, str, float]]) -> float | None:
    return next((t for t, lv, _ in steps if lv != "calm"), None)


def test_a_lively_burst_of_aroused_voice_in_the_first_turn_stays_calm() -> None:
    burst = [0.1, AROUSED, AROUSED, AROUSED, 0.2, 0.1, 0.1, 0.1]
    cfg = HELD_ALONE
    assert cfg.voice_confirm_sustained > 0
    assert {lv for _, lv, _ in run(EscalationTracker(cfg, words_expected=True), burst)} == {"calm"}
    # the wait alone (the rule before) let the same burst rise
    waits_only = EscalationConfig(voice_confirm_sustained=0.0, voice_confirm_held_alone=True)
    assert first_tense(run(EscalationTracker(waits_only, words_expected=True), burst)) is not None


def test_an_aroused_voice_held_for_seconds_rises_once_its_sustained_evidence_is_there() -> None:
    cfg = HELD_ALONE
    steps = run(EscalationTracker(cfg, words_expected=True), [0.1] + [AROUSED] * 9)
    rose = first_tense(steps)
    assert rose is not None
    held = next(t for t, _, sustained in steps if sustained >= cfg.voice_confirm_sustained)
    assert rose == held  # not before the voice has been held, and at once when it has
    assert rose >= 2.0 + cfg.voice_confirm_s  # after the wait too (first aroused reading at 2 s)


def test_a_complaint_marker_in_the_opener_lets_the_rise_come_after_the_wait_alone() -> None:
    cfg = EscalationConfig()
    burst = [0.1, AROUSED, AROUSED, AROUSED, 0.2]
    tracker = EscalationTracker(cfg, words_expected=True)
    # a marker of the opener's committed words (a partial: no final, no word count), under tense alone
    tracker.push_words(at(0.5), float("nan"), n_words=0, hits=[("had to pay", 0.3)])
    rose = first_tense(run(tracker, burst))
    plain = first_tense(run(EscalationTracker(cfg, words_expected=True), burst))
    assert rose is not None and plain is None


def test_without_transcription_the_voice_rises_at_once() -> None:
    burst = [0.1, AROUSED, AROUSED, AROUSED, 0.2]
    assert first_tense(run(EscalationTracker(EscalationConfig(), words_expected=False), burst)) == 2.0
