"""Speaking rate from word timestamps.

Words are anything with ``start``/``end`` in seconds, as attributes (``DecodedWord``) or mapping keys
(the ``{"w", "start", "end", "p"}`` dicts of transcript events). Speaking time is the sum of the
spans of runs of words separated by pauses no longer than ``max_pause_s``; longer pauses are not
speaking time. The rate is words per minute of speaking time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def _span(word: Any) -> tuple[float, float]:
    if isinstance(word, Mapping):
        return float(word["start"]), float(word["end"])
    return float(word.start), float(word.end)


def speaking_time(words: Iterable[Any], *, max_pause_s: float = 0.5) -> float:
    """Seconds of speaking in ``words`` (sorted by start), pauses longer than ``max_pause_s`` excluded."""
    total = 0.0
    run_start = run_end = None
    for start, end in sorted(_span(w) for w in words):
        end = max(end, start)
        if run_end is None or start - run_end > max_pause_s:
            if run_end is not None:
                total += run_end - run_start
            run_start, run_end = start, end
        else:
            run_end = max(run_end, end)
    if run_end is not None:
        total += run_end - run_start
    return total


def rate_wpm(words: Iterable[Any], *, max_pause_s: float = 0.5, min_speaking_s: float = 1.0) -> float | None:
    """Words per minute of speaking time; ``None`` when under ``min_speaking_s`` of speaking (too little
    to measure)."""
    words = list(words)
    seconds = speaking_time(words, max_pause_s=max_pause_s)
    if not words or seconds < min_speaking_s:
        return None
    return 60.0 * len(words) / seconds
