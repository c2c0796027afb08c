"""Where a turn's sound really starts and ends, around the VAD's segment (``[asr] edge_extend_s``).

The VAD's hysteresis starts a segment once its speech probability is high and ends it once the
probability has been low for its hangover, so a weak first word ("If this is correct", "Sorry you're
having problems") or a trailing one can lie outside the segment, further than the fixed
``pre_pad_s`` / ``post_pad_s``: Whisper then never hears it. These functions find the run of sound
that leads into a segment's start or trails on from its end, on the RMS of 20 ms frames, counted
from the boundary outwards: a frame is sound when its RMS is at least a threshold (relative to the
turn's loudest frame), and a run ends after more than ``GAP_FRAMES`` quiet frames in a row.
Pure functions of audio (mono float32, 16 kHz); no state.
"""

from __future__ import annotations

import numpy as np

from coach.types import SAMPLE_RATE

FRAME = SAMPLE_RATE // 50
"""Samples per frame (20 ms)."""

GAP_FRAMES = 3
"""Quiet frames (60 ms) a run of sound may hold without ending: the closure of a stop consonant, or
the short gap between two words."""


def frame_rms(pcm: np.ndarray) -> np.ndarray:
    """RMS of each whole 20 ms frame of ``pcm`` (a trailing partial frame is left out)."""
    n = len(pcm) // FRAME
    frames = np.asarray(pcm[: n * FRAME], dtype=np.float64).reshape(n, FRAME)
    return np.sqrt((frames**2).mean(axis=1)) if n else np.zeros(0)


def loudest_frame(pcm: np.ndarray) -> float:
    """RMS of the loudest 20 ms frame of ``pcm`` (0.0 when it holds no whole frame)."""
    rms = frame_rms(pcm)
    return float(rms.max()) if len(rms) else 0.0


def sound_run(pcm: np.ndarray, threshold: float, gap_frames: int = GAP_FRAMES) -> int:
    """Samples from the start of ``pcm`` to the end of the run of sound that begins there: frames with
    RMS at least ``threshold``, quiet stretches of at most ``gap_frames`` frames inside it. 0 when the
    first ``gap_frames + 1`` frames are all quiet (or ``threshold`` is not above 0)."""
    if threshold <= 0.0:
        return 0
    last, quiet = -1, 0
    for i, value in enumerate(frame_rms(pcm)):
        if value >= threshold:
            last, quiet = i, 0
        else:
            quiet += 1
            if quiet > gap_frames:
                break
    return (last + 1) * FRAME


def sound_before(before: np.ndarray, threshold: float) -> int:
    """Samples of sound running into the end of ``before`` (the audio just before a segment's start),
    counted back from its end: :func:`sound_run` of the audio reversed."""
    return sound_run(np.ascontiguousarray(before[::-1]), threshold)


def sound_after(after: np.ndarray, threshold: float) -> int:
    """Samples of sound running on from the start of ``after`` (the audio just after a segment's end)."""
    return sound_run(after, threshold)


def threshold_below(loudest: float, db: float) -> float:
    """The RMS ``db`` decibels below ``loudest``."""
    return loudest * 10.0 ** (-db / 20.0)
