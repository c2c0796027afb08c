"""Sample-rate conversion to the pipeline's 16 kHz."""

from __future__ import annotations

import numpy as np
import soxr

from coach.types import SAMPLE_RATE


def to_pipeline_rate(pcm: np.ndarray, source_rate: int) -> np.ndarray:
    """Resample mono or (frames, channels) float audio from ``source_rate`` Hz to 16 kHz float32.

    Works on whole recordings; live sources use :class:`soxr.ResampleStream` per lane instead.
    """
    if source_rate <= 0:
        raise ValueError(f"sample rate must be positive, got {source_rate}")
    pcm = np.asarray(pcm, dtype=np.float32)
    if source_rate == SAMPLE_RATE or len(pcm) == 0:
        return np.ascontiguousarray(pcm)
    return soxr.resample(pcm, source_rate, SAMPLE_RATE, quality="HQ").astype(np.float32, copy=False)
