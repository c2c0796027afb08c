"""Speaking rate from word timestamps."""

from __future__ import annotations

import pytest

from coach.asr.rate import rate_wpm, speaking_time


def words(starts: list[float], dur: float = 0.3) -> list[dict]:
    return [{"w": "x", "start": s, "end": s + dur, "p": 1.0} for s in starts]


def test_rate_counts_words_per_minute_of_speaking():
    ws = words([i * 0.4 for i in range(10)])  # 10 words over 3.9 s
    assert rate_wpm(ws) == pytest.approx(60 * 10 / 3.9)


def test_long_pauses_are_not_speaking_time():
    ws = words([0.0, 0.4, 0.8]) + words([5.0, 5.4, 5.8])  # a 3.9 s pause in the middle
    assert speaking_time(ws) == pytest.approx(2 * 1.1)
    assert rate_wpm(ws) == pytest.approx(60 * 6 / 2.2)


def test_short_stretches_are_not_measured():
    assert rate_wpm(words([0.0, 0.3])) is None
    assert rate_wpm([]) is None


def test_rate_accepts_objects_with_start_and_end():
    class W:
        def __init__(self, s: float) -> None:
            self.start, self.end = s, s + 0.2

    assert rate_wpm([W(i * 0.25) for i in range(8)]) == pytest.approx(60 * 8 / 1.95)
