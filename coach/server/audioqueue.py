"""A live call's audio waiting for analysis: bounded, overflow policy ``drop-oldest``, counted.

A source cannot be slowed down (a phone line keeps talking), so :meth:`AudioQueue.put` never blocks:
when more than ``max_samples`` of audio (both lanes together) wait, the oldest chunks are dropped and
counted per lane. The consumer sees the hole as a jump in ``start_sample`` and fills it with silence
(see :class:`~coach.server.runner.CallRunner`). Markers (notes, the end of the call) are never dropped
and keep their place in the order. Thread-safe.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from coach.types import SAMPLE_RATE, AudioChunk, Lane

OVERFLOW_POLICY = "drop-oldest"


@dataclass(frozen=True)
class Note:
    """Something about the stream itself (``gap``, ``reconnect``...), emitted as a ``stream`` event."""

    kind: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class End:
    """The call is over; ``complete=False`` when it was cut short."""

    complete: bool
    reason: str | None


Item = AudioChunk | Note | End


class AudioQueue:
    """FIFO of chunks and markers with a bound on queued audio samples."""

    policy = OVERFLOW_POLICY

    def __init__(self, max_samples: int) -> None:
        if max_samples <= 0:
            raise ValueError("max_samples must be positive")
        self.max_samples = max_samples
        self._items: deque[Item] = deque()
        self._samples = 0
        self._lock = threading.Lock()
        self.dropped_samples = {lane: 0 for lane in Lane}
        self.dropped_chunks = 0

    @property
    def queued_samples(self) -> int:
        """Audio samples waiting (both lanes)."""
        return self._samples

    @property
    def dropped_s(self) -> float:
        """Seconds of audio dropped so far, both lanes together."""
        return sum(self.dropped_samples.values()) / SAMPLE_RATE

    def put(self, item: Item) -> bool:
        """Queue a chunk or marker; True if audio had to be dropped to make room."""
        with self._lock:
            self._items.append(item)
            if not isinstance(item, AudioChunk):
                return False
            self._samples += len(item.pcm)
            if self._samples <= self.max_samples:
                return False
            kept: list[Item] = []
            while self._samples > self.max_samples and self._items:
                old = self._items.popleft()
                if isinstance(old, AudioChunk):
                    self._samples -= len(old.pcm)
                    self.dropped_samples[old.lane] += len(old.pcm)
                    self.dropped_chunks += 1
                else:
                    kept.append(old)
            self._items.extendleft(reversed(kept))
            return True

    def take_all(self) -> list[Item]:
        """Remove and return everything queued, oldest first."""
        with self._lock:
            items = list(self._items)
            self._items.clear()
            self._samples = 0
            return items
