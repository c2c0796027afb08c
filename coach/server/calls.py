"""The server's call manager: the :class:`~coach.pipeline.calls.CallSink` every source starts calls on.

Per call: a bounded :class:`~coach.server.audioqueue.AudioQueue` (``drop-oldest``), a
:class:`~coach.server.runner.CallRunner` pinned to one analysis thread, the recording and events
sent to the store writer (never waited for), and the events published on the live board (on the
event loop, via ``call_soon_threadsafe`` when they come from an analysis thread).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from coach.asr.scheduler import scheduler_stats
from coach.pipeline.calls import AGENT_ID_RULE, SOURCE_RULE, is_agent_id, is_source
from coach.server.audioqueue import AudioQueue, End, Note
from coach.server.board import LiveBoard
from coach.server.floor import CallTile
from coach.server.runner import AnalysisPool, Analyzer, CallRunner
from coach.store.errors import StoreError
from coach.store.writer import StoreWriter
from coach.types import SAMPLE_RATE, AudioChunk, Lane

log = logging.getLogger(__name__)

RESERVED_FIELDS = {"type", "t", "at"}

AnalyzerFactory = Callable[[str], Analyzer]
"""``make(call_id) -> analyzer``; called on the call's analysis thread when its first audio arrives."""


def new_call_id(clock: Callable[[], float] = time.time) -> str:
    """``YYYYMMDD-HHMMSS-xxxxxx`` (UTC start time and 24 random bits): sortable and URL-safe."""
    return datetime.fromtimestamp(clock(), UTC).strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)


class ServerCall:
    """A live call on the server (implements :class:`~coach.pipeline.calls.LiveCall`)."""

    def __init__(self, manager: CallManager, call_id: str, agent_id: str, source: str, max_samples: int) -> None:
        self.call_id = call_id
        self.agent_id = agent_id
        self.source = source
        self.audio = AudioQueue(max_samples)
        self._manager = manager
        self._ended = False
        self._lock = threading.Lock()
        self.done = threading.Event()
        self.summary: dict[str, Any] | None = None
        self.complete: bool | None = None
        self.end_reason: str | None = None
        self.runner: CallRunner | None = None
        self.received = {lane: 0 for lane in Lane}
        self.sources_held = 0
        """Sources waiting in :meth:`wait_for_room` right now (a replay held back while the analysis catches up)."""
        self._ending = False
        self._tail: Callable[[], list[AudioChunk]] | None = None

    def hold_back(self, tail: Callable[[], list[AudioChunk]]) -> None:
        """Say where the source holds back audio already received (a resampler's last few milliseconds):
        :meth:`end` pushes ``tail()`` before the call's end, whoever ends it (the source, or the server
        stopping), on the thread that calls :meth:`end` (so ``tail`` must be safe there)."""
        self._tail = tail

    @property
    def ended(self) -> bool:
        return self._ended

    def push(self, chunk: AudioChunk) -> None:
        """Queue one lane's audio (non-blocking, thread-safe); the oldest audio is dropped when behind."""
        if self._ended:
            return
        if not isinstance(chunk.lane, Lane):
            raise TypeError("chunk.lane must be a Lane")
        self.received[chunk.lane] = max(self.received[chunk.lane], chunk.end_sample)
        self.audio.put(chunk)
        self._manager.store_audio(self, chunk)
        if self.runner is not None:
            self.runner.wake(audio=True)

    def push_many(self, chunks: list[AudioChunk]) -> None:
        """:meth:`push` several chunks (both lanes of one message) with one wake-up and one store write."""
        if self._ended or not chunks:
            return
        for chunk in chunks:
            self.received[chunk.lane] = max(self.received[chunk.lane], chunk.end_sample)
            self.audio.put(chunk)
        self._manager.store_audio_many(self, chunks)
        if self.runner is not None:
            self.runner.wake(audio=True)

    def note(self, kind: str, /, **fields: Any) -> None:
        """Record a fact about the stream (``gap``, ``reconnect``...) as a ``stream`` event.

        ``kind`` is positional-only, so a source's note may carry any field name (``self`` too)."""
        if self._ended:
            return
        clean = {k: v for k, v in fields.items() if k not in RESERVED_FIELDS and k != "kind"}
        self.audio.put(Note(str(kind), clean))
        if self.runner is not None:
            self.runner.wake()

    def end(self, *, complete: bool = True, reason: str | None = None) -> None:
        """End the call: what the source holds back (:meth:`hold_back`) is pushed, the queued audio is
        analysed, then ``call.end``. Idempotent, non-blocking."""
        with self._lock:
            if self._ending:
                return
            self._ending = True
        if self._tail is not None:
            self.push_many(self._tail())
        self._ended = True
        self.audio.put(End(complete, reason))
        if self.runner is not None:
            self.runner.wake()

    @property
    def backlog_s(self) -> float:
        """Seconds of audio (both lanes together) waiting for analysis."""
        return self.audio.queued_samples / SAMPLE_RATE

    async def wait_for_room(self, below_s: float) -> None:
        """Wait until the backlog is under ``below_s`` (for sources that may be slowed down: fast replays);
        counted in :attr:`sources_held` while it waits."""
        if self.backlog_s <= below_s or self.done.is_set():
            return
        self.sources_held += 1
        try:
            while self.backlog_s > below_s and not self.done.is_set():
                await asyncio.sleep(0.005)
        finally:
            self.sources_held -= 1

    async def wait_done(self, timeout: float | None = None) -> bool:
        """Wait until the call's analysis has finished (after :meth:`end`)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.done.is_set():
            if deadline is not None and time.monotonic() > deadline:
                return False
            await asyncio.sleep(0.02)
        return True


class CallManager:
    """Starts and tracks live calls (implements :class:`~coach.pipeline.calls.CallSink`).

    Create and :meth:`bind` it on the event loop; ``start_call`` and the calls' methods may then be
    used from any thread.
    """

    def __init__(
        self,
        *,
        make_analyzer: AnalyzerFactory,
        board: LiveBoard,
        store: StoreWriter | None,
        analysis_threads: int,
        call_queue_s: float,
        analysis_batch_s: float = 0.0,
    ) -> None:
        """``analysis_batch_s``: see ``[server] analysis_batch_s`` (0 here: every chunk is analysed as it comes)."""
        self._make_analyzer = make_analyzer
        self.board = board
        self.store = store
        self.pool = AnalysisPool(analysis_threads)
        self.max_samples = int(call_queue_s * SAMPLE_RATE * 2)
        self.batch_samples = int(analysis_batch_s * SAMPLE_RATE * 2)  # both lanes, like max_samples
        self.calls: dict[str, ServerCall] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None
        self.started = 0
        self.ended = 0
        self.dropped_total_s = 0.0

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        """Attach to the event loop that owns the live board (call from that loop's thread)."""
        self._loop = loop
        self._loop_thread = threading.get_ident()

    def _on_loop(self, fn: Callable[..., Any], *args: Any) -> None:
        if self._loop is None:
            return
        if threading.get_ident() == self._loop_thread:
            fn(*args)
        else:
            with contextlib.suppress(RuntimeError):  # the loop is closed: the server is stopping
                self._loop.call_soon_threadsafe(fn, *args)

    def start_call(self, *, agent_id: str, source: str, metadata: Mapping[str, Any] | None = None) -> ServerCall:
        """Begin a call for ``agent_id``; raises ValueError for a malformed agent id or source."""
        if not is_agent_id(agent_id):
            raise ValueError(AGENT_ID_RULE)
        if not is_source(source):
            raise ValueError(SOURCE_RULE)
        call_id = new_call_id()
        while call_id in self.calls:
            call_id = new_call_id()
        call = ServerCall(self, call_id, agent_id, source, self.max_samples)
        meta = dict(metadata or {})
        runner = CallRunner(
            call_id,
            call.audio,
            lambda: self._analyzer_for(call_id, agent_id),
            lambda events, emitted: self._emitted(call, events, emitted),
            lambda complete, reason, summary: self._finished(call, complete, reason, summary),
            batch_samples=self.batch_samples,
        )
        self.pool.attach(runner)
        call.runner = runner
        self.calls[call_id] = call
        self.started += 1
        if self.store is not None:
            self.store.create_call(call_id, agent_id=agent_id, source=source, metadata=meta)
        tile = CallTile(call_id=call_id, agent_id=agent_id, source=source, started_at=time.time())
        self._on_loop(self.board.add_call, tile)
        log.info("call %s started (agent %s, source %s)", call_id, agent_id, source)
        return call

    def _analyzer_for(self, call_id: str, agent_id: str) -> Analyzer:
        """The call's analyzer, started from the agent's voice baseline remembered by the store (if the
        analyzer takes one: ``remember_agent_baseline``). Runs on the call's analysis thread."""
        analyzer = self._make_analyzer(call_id)
        remember = getattr(analyzer, "remember_agent_baseline", None)
        if remember is not None and self.store is not None:
            try:
                baseline = self.store.agent_baseline(agent_id)
            except (StoreError, sqlite3.Error) as exc:  # any backend's: the call is coached from a fresh baseline
                log.warning("agent voice baseline unavailable: %s", exc)
                baseline = None
            if baseline is not None:
                remember(baseline)
        return analyzer

    def store_audio(self, call: ServerCall, chunk: AudioChunk) -> None:
        if self.store is not None:
            self.store.push_audio(call.call_id, chunk.lane, chunk.start_sample, chunk.pcm)

    def store_audio_many(self, call: ServerCall, chunks: list[AudioChunk]) -> None:
        if self.store is not None:
            self.store.push_audio_many(call.call_id, [(c.lane, c.start_sample, c.pcm) for c in chunks])

    def live(self) -> list[ServerCall]:
        return [c for c in self.calls.values() if not c.done.is_set()]

    # -- from analysis threads ------------------------------------------------------------------

    def _emitted(self, call: ServerCall, events: list[dict[str, Any]], emitted: float) -> None:
        if self.store is not None:
            self.store.add_events(call.call_id, events)
        self._on_loop(self.board.on_events, call.call_id, events, emitted)

    def _finished(self, call: ServerCall, complete: bool, reason: str | None, summary: dict[str, Any] | None) -> None:
        call.summary = summary
        call.complete = complete
        call.end_reason = reason
        if self.store is not None:
            self.store.end_call(call.call_id, complete=complete, reason=reason, summary=summary)
        dropped = call.audio.dropped_s
        self.dropped_total_s += dropped
        state = "ended" if complete else "ended incomplete"
        log.info("call %s %s (%.1f s of audio dropped by the analysis queue)", call.call_id, state, dropped)
        self.ended += 1
        self._on_loop(self._ended_on_loop, call, complete, reason)
        call.done.set()

    def _ended_on_loop(self, call: ServerCall, complete: bool, reason: str | None) -> None:
        self.board.end_call(call.call_id, complete=complete, reason=reason)
        self.calls.pop(call.call_id, None)

    # -- shutdown -------------------------------------------------------------------------------

    def end_all(self, reason: str) -> None:
        """End every live call as incomplete (non-blocking)."""
        for call in list(self.calls.values()):
            call.end(complete=False, reason=reason)

    async def shutdown(self, timeout: float = 10.0) -> None:
        """End every live call as incomplete (server stopping), wait for their analysis, stop the threads."""
        calls = list(self.calls.values())
        self.end_all("the server stopped")
        deadline = time.monotonic() + timeout
        for call in calls:
            await call.wait_done(max(0.0, deadline - time.monotonic()))
        await asyncio.to_thread(self.pool.stop)

    def stats(self) -> dict[str, Any]:
        live = self.live()
        return {
            "live_calls": len(live),
            "started": self.started,
            "ended": self.ended,
            "audio_backlog_s": round(max((c.backlog_s for c in live), default=0.0), 3),
            "audio_dropped_s": round(sum(c.audio.dropped_s for c in live), 3),
            "audio_dropped_total_s": round(self.dropped_total_s + sum(c.audio.dropped_s for c in live), 3),
            "queue_policy": AudioQueue.policy,
            "asr": scheduler_stats(),
        }
