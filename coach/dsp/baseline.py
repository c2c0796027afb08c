"""A speaker's own baseline loudness and pitch, learnt from their early speech in the call.

During the first ``learn_s`` seconds of a speaker's speech the baseline is the power average of
their speech loudness and the median of their voiced pitch. After that it follows them slowly:
an exponential average with a time constant of ``adapt_s`` seconds of speech, so a raised
stretch of a few seconds barely moves it (and callers leave raised stretches out altogether).
"""

from __future__ import annotations

import math

import numpy as np

from coach.dsp.loudness import dbfs_to_power, power_to_dbfs


class SpeakerBaseline:
    """Running baseline of one speaker. Units: dBFS, Hz, seconds of that speaker's speech."""

    def __init__(self, *, learn_s: float, adapt_s: float) -> None:
        self._learn_s = learn_s
        self._adapt_s = adapt_s
        self._seconds = 0.0
        self._power_sum = 0.0
        self._pitch_values: list[float] = []
        self.loudness_db: float | None = None
        self.pitch_hz: float | None = None

    @property
    def ready(self) -> bool:
        """True once ``learn_s`` seconds of speech have been seen."""
        return self.loudness_db is not None

    @property
    def speech_s(self) -> float:
        return self._seconds

    def update(self, loudness_db: float, voiced_hz: np.ndarray, duration_s: float) -> None:
        """Add ``duration_s`` seconds of speech at ``loudness_db`` with these voiced pitch values."""
        if duration_s <= 0:
            return
        if not self.ready:
            self._seconds += duration_s
            self._power_sum += dbfs_to_power(loudness_db) * duration_s
            self._pitch_values.extend(float(v) for v in voiced_hz)
            if self._seconds >= self._learn_s:
                self.loudness_db = power_to_dbfs(self._power_sum / self._seconds)
                if self._pitch_values:
                    self.pitch_hz = float(np.median(self._pitch_values))
                self._pitch_values = []
            return
        self._seconds += duration_s
        alpha = 1.0 - math.exp(-duration_s / self._adapt_s)
        assert self.loudness_db is not None
        self.loudness_db += alpha * (loudness_db - self.loudness_db)
        if len(voiced_hz):
            median = float(np.median(voiced_hz))
            if self.pitch_hz is None:
                self.pitch_hz = median
            else:
                self.pitch_hz = float(
                    math.exp(math.log(self.pitch_hz) + alpha * math.log(median / self.pitch_hz))
                )
