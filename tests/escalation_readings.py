"""Synthetic inputs for the escalation tests: a customer speaking louder than usual, read aroused by the
voice model; the partials of an opener's words. Times in call samples (``SAMPLE_RATE`` a second)."""

from __future__ import annotations

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.classify.stage import EscalationStage
from coach.classify.text_anger import TextAngerScorer
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


def opening_levels(words: list[str], stables: tuple[int, ...]) -> list[str]:
    """Levels after each partial of the customer's first utterance ``words`` (partials 0.5 s apart, each
    with ``stable`` committed words and two more in its tail, heard surely), with no voice input: what
    the escalation stage makes of an opener's words alone (the real text model and lexicon)."""
    stage = EscalationStage(EscalationConfig(), text_scorer=TextAngerScorer())
    levels = []
    for n, stable in enumerate(stables, start=1):
        heard = [{"w": w, "p": 0.9} for w in words[: stable + 2]]
        now = n * SAMPLE_RATE // 2
        stage.push_partial({"speaker": "customer", "utt": "customer-1", "words": heard, "stable": stable}, now)
        levels.append(stage._tracker.advance(now).level)
    return levels
