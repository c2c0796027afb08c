"""Loudness as pure functions over float32 PCM in [-1, 1].

Levels are in dBFS of mean power, where a full-scale square wave is 0 dBFS (a full-scale sine is
about -3 dBFS). Silence is floored at :data:`SILENCE_DBFS` rather than minus infinity.
"""

from __future__ import annotations

import numpy as np

SILENCE_DBFS = -120.0
_POWER_FLOOR = 10.0 ** (SILENCE_DBFS / 10.0)


def power_to_dbfs(power: float) -> float:
    """Mean power (of samples in [-1, 1]) to dBFS."""
    return float(10.0 * np.log10(max(power, _POWER_FLOOR)))


def dbfs_to_power(dbfs: float) -> float:
    """Inverse of :func:`power_to_dbfs`."""
    return float(10.0 ** (dbfs / 10.0))


def mean_power(pcm: np.ndarray) -> float:
    """Mean of the squared samples; 0.0 for an empty array."""
    if len(pcm) == 0:
        return 0.0
    x = pcm.astype(np.float64, copy=False)
    return float(np.dot(x, x) / len(x))


def level_dbfs(pcm: np.ndarray) -> float:
    """Level of a stretch of audio in dBFS (power average)."""
    return power_to_dbfs(mean_power(pcm))


def energy_mean_dbfs(levels_db: np.ndarray) -> float:
    """Combine several levels (dBFS) into one, averaging their powers rather than their decibels."""
    if len(levels_db) == 0:
        return SILENCE_DBFS
    return power_to_dbfs(float(np.mean(10.0 ** (np.asarray(levels_db, dtype=np.float64) / 10.0))))
