"""A small real :class:`~coach.pipeline.calls.CallSink` for tests, benchmarks and demos without ``coach serve``.

Each call gets a :class:`~coach.pipeline.analyzer.CallAnalyzer` running on its own worker thread,
fed through a bounded queue (overflow policy: drop the oldest chunk, counted in
``dropped_samples``), so ``push`` never blocks the event loop. Every event is kept as its JSON
dict plus the monotonic wall time it was emitted at (``_emitted``); stream notes become events of
type ``stream.<kind>`` at the call position reached so far. The wall time at which each lane's
audio reached each position is kept too, so :meth:`CollectedCall.ingest_latency` can say how long
after its audio arrived an event was emitted.
"""

from __future__ import annotations

import bisect
import itertools
import queue
import threading
import time
from collections.abc import Mapping
from typing import Any

import numpy as np

from coach.config import CoachConfig
from coach.pipeline.analyzer import CallAnalyzer
from coach.types import SAMPLE_RATE, AudioChunk, Event, Lane

_END = object()


class CollectedCall:
    """A call analysed on a worker thread; implements :class:`~coach.pipeline.calls.LiveCall`."""

    def __init__(
        self,
        cfg: CoachConfig,
        *,
        call_id: str,
        agent_id: str,
        source: str,
        metadata: Mapping[str, Any],
        queue_chunks: int,
    ) -> None:
        self.call_id = call_id
        self.agent_id = agent_id
        self.source = source
        self.metadata = dict(metadata)
        self.events: list[dict[str, Any]] = []
        self.complete: bool | None = None
        self.end_reason: str | None = None
        self.dropped_samples = 0
        self.pushed_samples = dict.fromkeys(Lane, 0)
        self.done = threading.Event()
        self._arrivals: dict[Lane, tuple[list[int], list[float]]] = {lane: ([], []) for lane in Lane}
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=queue_chunks)
        self._lock = threading.Lock()
        self._analyzer = CallAnalyzer(cfg, call_id=call_id)
        self._ended = False
        self._analysed = dict.fromkeys(Lane, 0)
        self._thread = threading.Thread(target=self._run, name=f"analyse-{call_id}", daemon=True)
        self._thread.start()

    # -- LiveCall ---------------------------------------------------------------------------------

    def push(self, chunk: AudioChunk) -> None:
        with self._lock:
            if self._ended:
                return
            ends, walls = self._arrivals[chunk.lane]
            ends.append(chunk.end_sample)
            walls.append(time.monotonic())
            self.pushed_samples[chunk.lane] = chunk.end_sample
            self._put(chunk)

    def note(self, kind: str, **fields: Any) -> None:
        with self._lock:
            if not self._ended:
                self._put(("note", kind, fields))

    def end(self, *, complete: bool = True, reason: str | None = None) -> None:
        with self._lock:
            if self._ended:
                return
            self._ended = True
            self.complete, self.end_reason = complete, reason
            while True:
                try:
                    self._queue.put_nowait(_END)
                    break
                except queue.Full:
                    self._drop_oldest()

    # -- results ----------------------------------------------------------------------------------

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the call has ended and every event is out."""
        return self.done.wait(timeout)

    def of_type(self, type_: str, kind: str | None = None) -> list[dict[str, Any]]:
        return [e for e in self.events if e["type"] == type_ and (kind is None or e.get("kind") == kind)]

    def ingest_latency(self, event: Mapping[str, Any]) -> float | None:
        """Seconds from when both lanes' audio up to the event's ``at`` had been pushed to when it was emitted."""
        target = round(event["at"] * SAMPLE_RATE)
        arrived = []
        for ends, walls in self._arrivals.values():
            i = bisect.bisect_left(ends, target)
            if i == len(ends):
                return None
            arrived.append(walls[i])
        return event["_emitted"] - max(arrived)

    # -- internals --------------------------------------------------------------------------------

    def _put(self, item: Any) -> None:
        try:
            self._queue.put_nowait(item)
        except queue.Full:
            self._drop_oldest()
            self._queue.put_nowait(item)

    def _drop_oldest(self) -> None:
        try:
            old = self._queue.get_nowait()
        except queue.Empty:
            return
        if isinstance(old, AudioChunk):
            self.dropped_samples += len(old.pcm)

    def _record(self, events: list[Event]) -> None:
        now = time.monotonic()
        for event in events:
            self.events.append({**event.to_dict(), "_emitted": now})

    def _run(self) -> None:
        try:
            while True:
                item = self._queue.get()
                if item is _END:
                    self._record(self._analyzer.finish())
                    return
                if isinstance(item, AudioChunk):
                    self._record(self._analyzer.push(self._fill_dropped(item)))
                else:
                    _, kind, fields = item
                    at = round(self._analyzer.position / SAMPLE_RATE, 3)
                    note = {"type": f"stream.{kind}", "t": at, "at": at, **fields, "_emitted": time.monotonic()}
                    self.events.append(note)
        finally:
            self.done.set()

    def _fill_dropped(self, chunk: AudioChunk) -> AudioChunk:
        """After a dropped chunk, stretch the next one back with silence so the lane stays contiguous."""
        expected = self._analysed[chunk.lane]
        self._analysed[chunk.lane] = chunk.end_sample
        if chunk.start_sample > expected:
            pad = np.zeros(chunk.start_sample - expected, dtype=np.float32)
            return AudioChunk(chunk.lane, expected, np.concatenate([pad, chunk.pcm]))
        return chunk


class CollectingSink:
    """Starts a :class:`CollectedCall` per call and keeps them all (``calls``, in start order)."""

    def __init__(self, cfg: CoachConfig, *, queue_chunks: int = 2000) -> None:
        self._cfg = cfg
        self._queue_chunks = queue_chunks
        self._ids = itertools.count(1)
        self.calls: list[CollectedCall] = []
        self.started = threading.Condition()

    def start_call(self, *, agent_id: str, source: str, metadata: Mapping[str, Any] | None = None) -> CollectedCall:
        call = CollectedCall(
            self._cfg,
            call_id=f"{source}-{next(self._ids)}",
            agent_id=agent_id,
            source=source,
            metadata=metadata or {},
            queue_chunks=self._queue_chunks,
        )
        with self.started:
            self.calls.append(call)
            self.started.notify_all()
        return call

    def wait_for_calls(self, n: int, timeout: float) -> list[CollectedCall]:
        """Wait until ``n`` calls have started and ended; returns them (fewer on timeout)."""
        deadline = time.monotonic() + timeout
        with self.started:
            self.started.wait_for(lambda: len(self.calls) >= n, timeout)
        for call in self.calls[:n]:
            call.wait(max(0.0, deadline - time.monotonic()))
        return [c for c in self.calls[:n] if c.done.is_set()]
