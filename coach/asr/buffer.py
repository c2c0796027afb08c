"""A growable audio buffer addressed by call sample index (one lane, 16 kHz float32)."""

from __future__ import annotations

import numpy as np


class AudioBuffer:
    """Holds samples ``[start, end)`` of one lane. Appends are amortised O(1); :meth:`trim` drops the
    past. Not thread-safe: owned by one :class:`coach.asr.stream.LaneTranscriber`."""

    def __init__(self, capacity: int = 16_000 * 8) -> None:
        self._data = np.zeros(capacity, dtype=np.float32)
        self._len = 0
        self.start = 0

    @property
    def end(self) -> int:
        """One past the last sample held (call sample index)."""
        return self.start + self._len

    def append(self, start_sample: int, pcm: np.ndarray) -> None:
        """Append a chunk; a gap is filled with silence, an overlap with already-held audio is skipped."""
        if self._len == 0 and start_sample != self.start:
            self.start = start_sample
        gap = start_sample - self.end
        if gap > 0:
            self._write(np.zeros(gap, dtype=np.float32))
        elif gap < 0:
            pcm = pcm[-gap:]
        self._write(np.asarray(pcm, dtype=np.float32))

    def _write(self, pcm: np.ndarray) -> None:
        need = self._len + len(pcm)
        if need > len(self._data):
            grown = np.zeros(max(need, 2 * len(self._data)), dtype=np.float32)
            grown[: self._len] = self._data[: self._len]
            self._data = grown
        self._data[self._len : need] = pcm
        self._len = need

    def slice(self, start: int, end: int) -> np.ndarray:
        """A copy of samples ``[start, end)`` clipped to what is held."""
        a = max(start, self.start) - self.start
        b = min(end, self.end) - self.start
        return self._data[a:b].copy() if b > a else np.zeros(0, dtype=np.float32)

    def trim(self, keep_from: int) -> None:
        """Forget samples before ``keep_from``."""
        drop = min(max(0, keep_from - self.start), self._len)
        if drop:
            self._data[: self._len - drop] = self._data[drop : self._len]
            self._len -= drop
            self.start += drop
