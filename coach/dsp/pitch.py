"""Pitch and voicing as pure functions over 16 kHz float32 PCM.

The fundamental frequency comes from ``librosa.yin``; a yin frame counts as voiced when the
signal's normalised autocorrelation at the found period is at least ``voiced_correlation``
(yin itself always returns a period, even for noise).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import librosa
import numpy as np

from coach.dsp.jit import prepare_librosa

FRAME_LENGTH = 1024  # 64 ms at 16 kHz: two periods of a 70 Hz voice
HOP_LENGTH = 256  # 16 ms


@dataclass(frozen=True, slots=True)
class PitchEstimate:
    """``median_hz`` over voiced frames (``None`` when none is voiced) and the voiced share 0..1."""

    median_hz: float | None
    voiced_ratio: float
    voiced_hz: np.ndarray


def estimate_pitch(pcm: np.ndarray, sr: int, *, fmin: float, fmax: float, voiced_correlation: float) -> PitchEstimate:
    """Estimate pitch over ``pcm`` (mono float32 at ``sr`` Hz, at least one 64 ms frame)."""
    if len(pcm) < FRAME_LENGTH:
        return PitchEstimate(None, 0.0, np.zeros(0))
    prepare_librosa()  # the first call in a process compiles librosa's numba code under a lock
    f0 = librosa.yin(
        pcm.astype(np.float32, copy=False),
        fmin=fmin,
        fmax=fmax,
        sr=sr,
        frame_length=FRAME_LENGTH,
        hop_length=HOP_LENGTH,
        center=False,
    )
    frames = librosa.util.frame(pcm, frame_length=FRAME_LENGTH, hop_length=HOP_LENGTH, axis=0)
    n = min(len(f0), frames.shape[0])
    voiced = np.zeros(n, dtype=bool)
    for i in range(n):
        lag = int(round(sr / f0[i]))
        if lag <= 0 or lag >= FRAME_LENGTH // 2:
            continue
        a = frames[i, : FRAME_LENGTH - lag]
        b = frames[i, lag:]
        denom = math.sqrt(float(np.dot(a, a)) * float(np.dot(b, b)))
        voiced[i] = denom > 0 and float(np.dot(a, b)) / denom >= voiced_correlation
    voiced_hz = f0[:n][voiced]
    median = float(np.median(voiced_hz)) if len(voiced_hz) else None
    return PitchEstimate(median, float(voiced.mean()) if n else 0.0, voiced_hz)


def semitones(f_hz: float, ref_hz: float) -> float:
    """Interval from ``ref_hz`` up to ``f_hz`` in semitones (negative when lower)."""
    return 12.0 * math.log2(f_hz / ref_hz)
