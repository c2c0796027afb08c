"""The customer-arousal stream's audio buffer: readings depend on the speech pushed, not on the pieces.

The analyser pushes 32 ms frames; the benchmark pushes 20 ms chunks; a telephony feed may push other
sizes. :class:`~coach.classify.arousal.CustomerArousal` keeps its speech in one preallocated buffer
(issue 10, cost), so a window must hold the same samples, and a reading the same call positions,
however the speech was cut, across pauses (a new turn) too.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from coach.classify.arousal import CustomerArousal, load_arousal_model
from coach.types import SAMPLE_RATE
from training.datasets import emodb_clips, load_audio


@pytest.fixture(scope="module")
def speech(shared_data: Path) -> np.ndarray:
    """About 9 s of EmoDB speech (four clips, mixed speakers and emotions)."""
    clips = emodb_clips(shared_data)
    return np.concatenate([load_audio(c.path) for c in clips[::40][:4]])


def readings(pcm: np.ndarray, piece: int, gap_at: int) -> list[tuple[int, int, float]]:
    """Push ``pcm`` in pieces of ``piece`` samples, with a 2 s pause (a new turn) after ``gap_at``."""
    arousal = CustomerArousal(load_arousal_model())
    out = []
    for i in range(0, len(pcm), piece):
        start = i + (2 * SAMPLE_RATE if i >= gap_at else 0)
        out += [(r.start, r.end, r.p) for r in arousal.push(start, pcm[i : i + piece])]
    return out


def test_readings_do_not_depend_on_how_the_speech_is_cut(speech: np.ndarray) -> None:
    gap_at = 4 * 5120  # a multiple of every piece size below: the pause falls between pieces
    whole = readings(speech, len(speech), len(speech))  # one push, no pause
    assert len(whole) >= 6
    assert readings(speech, 512, len(speech)) == whole
    assert readings(speech, 333, len(speech)) == whole  # pieces that straddle every window edge
    cut = readings(speech, 512, gap_at)
    assert readings(speech, 320, gap_at) == cut and readings(speech, 5120, gap_at) == cut
    # after the pause a new turn starts: its first reading comes after 1 s of new speech
    after = [r for r in cut if r[1] > gap_at + 2 * SAMPLE_RATE]
    assert after[0][0] == gap_at + 2 * SAMPLE_RATE and after[0][1] == after[0][0] + SAMPLE_RATE
