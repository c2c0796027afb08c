"""The store's writer thread: every write to the call store goes through one bounded queue.

Callers (the event loop, analysis threads) never wait for the disk: every method enqueues without
blocking and returns. The thread applies the writes in order and commits every ``flush_s`` seconds,
so a crash loses at most that much.

Overflow policy (the disk is slower than the calls): the queue holds ``queue_items`` entries of
audio; event batches may use a further tenth of that, and the few control entries (a call's start
and end, sync, stop) another tenth, so when the queue fills, audio is shed first, then events, and
a call is still opened and closed in its row. Every shed write is counted by kind, logged once per
episode (counts only, no content) and reported by :meth:`status` (``shedding`` while the last shed
write is under :data:`SHEDDING_HOLD_S` old). When the disk fails (full, unwritable, removed) the
error is logged once, reported by :meth:`status`, and the live coaching is not affected. Retention
runs at start and then hourly.

For a cluster (a shared PostgreSQL store), :meth:`StoreWriter.live_calls` lists every node's live
calls and :meth:`StoreWriter.mark_node_calls_incomplete` closes a lost node's calls; both use their
own connection on the caller's thread, never the queue (which may be long behind a slow disk).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import numpy as np

from coach.dsp.baseline import VoiceBaseline
from coach.store.backend import open_backend
from coach.store.config import StoreConfig
from coach.store.db import CallStore, StoreError
from coach.store.reader import StoreReader
from coach.store.recovery import ClosedCall, close_live_calls, repair_recordings
from coach.types import Lane

log = logging.getLogger(__name__)

RETENTION_EVERY_S = 3600.0
SHEDDING_HOLD_S = 10.0  # ``status()["shedding"]`` stays true this long after the last shed write, s

_AUDIO_OPS = frozenset({"audio", "audio_many"})
_EVENT_OPS = frozenset({"events"})

_Op = tuple[str, tuple[Any, ...]]


def open_call_store(cfg: StoreConfig) -> CallStore:
    """The store ``cfg`` describes (SQLite file or PostgreSQL database), this node's calls named ``cfg.node``."""
    return CallStore(open_backend(cfg), cfg.recordings_dir or None, node_id=cfg.node)


class StoreWriter:
    """Owns a :class:`CallStore` on its own thread. All public methods are thread-safe."""

    def __init__(
        self,
        cfg: StoreConfig,
        *,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        open_store: Callable[[StoreConfig], CallStore] | None = None,
    ) -> None:
        """``clock`` stamps call start times (Unix seconds); ``monotonic`` times shedding episodes;
        ``open_store`` opens the store on the writer thread (tests pass a slow-disk stand-in)."""
        self.cfg = cfg
        self._clock = clock
        self._monotonic = monotonic
        self._open_store = open_store or open_call_store
        reserve = max(1, cfg.queue_items // 10)
        self._limits = {"audio": cfg.queue_items, "events": cfg.queue_items + reserve}
        self._control_limit = cfg.queue_items + 2 * reserve
        self._queue: queue.Queue[_Op] = queue.Queue()  # bounded by _put's admission limits
        self.shed: Counter[str] = Counter()
        self._last_shed: float | None = None
        self._thread: threading.Thread | None = None
        self._opened = threading.Event()
        self._open_error: StoreError | None = None
        self._store: CallStore | None = None
        self.recovered: list[str] = []
        self.dropped = 0
        self.failed_writes = 0
        self.error: str | None = None
        self.last_error: str | None = None
        self._logged: set[str] = set()
        self._lock = threading.Lock()
        self._repairs: list[threading.Thread] = []

    @property
    def db_path(self) -> str:
        """Where the database is: the SQLite file, or the PostgreSQL URL without its password."""
        return self._store.db_path if self._store else self.cfg.where

    @property
    def recordings_dir(self) -> str:
        return str(self._store.recordings_dir) if self._store else ""

    @property
    def node_id(self) -> str:
        """The node named on the calls this writer creates."""
        return self._store.node_id if self._store else self.cfg.node

    def reader(self) -> StoreReader:
        """A reader of the same store (same backend and connection pool; any thread). After :meth:`start`."""
        if self._store is None:
            raise StoreError(f"the call store at {self.cfg.where} is not open")
        return StoreReader(self._store.backend, self._store.recordings_dir)

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> list[str]:
        """Open the store on the writer thread; return the ids of calls recovered as incomplete.

        Raises :class:`StoreError` when the store cannot be opened (the thread then exits).
        """
        self._thread = threading.Thread(target=self._run, name="coach-store", daemon=True)
        self._thread.start()
        self._opened.wait()
        if self._open_error is not None:
            raise self._open_error
        return self.recovered

    def stop(self, timeout: float = 10.0) -> None:
        """Apply everything queued, commit and close the store."""
        self.wait_repairs(timeout)
        if self._thread is None or not self._thread.is_alive():
            return
        self._put(("stop", ()))
        self._thread.join(timeout)

    # -- writes (non-blocking) ------------------------------------------------------------------

    def create_call(self, call_id: str, *, agent_id: str, source: str, metadata: dict[str, Any]) -> None:
        self._put(("create", (call_id, agent_id, source, self._clock(), metadata)))

    def add_events(self, call_id: str, events: list[dict[str, Any]]) -> bool:
        """Queue a batch of event dicts; False when it was shed."""
        return self._put(("events", (call_id, events))) if events else True

    def push_audio(self, call_id: str, lane: Lane, start_sample: int, pcm: np.ndarray) -> bool:
        """Queue 16 kHz float32 audio of one lane; False when it was shed."""
        return self._put(("audio", (call_id, lane, start_sample, pcm)))

    def push_audio_many(self, call_id: str, parts: list[tuple[Lane, int, np.ndarray]]) -> bool:
        """Several ``(lane, start_sample, pcm)`` pieces of one call in one queue entry; False when shed."""
        return self._put(("audio_many", (call_id, parts)))

    def end_call(self, call_id: str, *, complete: bool, reason: str | None, summary: dict[str, Any] | None) -> None:
        self._put(("end", (call_id, complete, reason, summary)))

    def agent_baseline(self, agent_id: str) -> VoiceBaseline | None:
        """The voice baseline remembered for ``agent_id`` (committed by earlier calls), or None. Reads
        through its own short-lived connection, so any thread may call it; it never waits for the queue."""
        if self._store is None:
            return None
        return self.reader().agent_baseline(agent_id)

    def live_calls(self) -> list[dict[str, Any]]:
        """Every ``live`` call in the store, every node's (see :meth:`StoreReader.live_calls
        <coach.store.reader.StoreReader.live_calls>`). Blocking: call it off the event loop."""
        return self.reader().live_calls()

    def mark_node_calls_incomplete(self, node_id: str, reason: str) -> list[str]:
        """End the ``live`` calls of the lost node ``node_id`` as ``incomplete`` with ``reason``; return
        their ids (empty when another node got there first). Their recordings are then repaired on a
        background thread (about 0.1 s of CPU per minute of call: see :meth:`wait_repairs`), so that what
        the node flushed stays reviewable. Thread-safe and blocking for one transaction on its own
        connection (never the write queue): call it off the event loop. Raises :class:`StoreError`
        when the database cannot be reached."""
        store = self._store
        if store is None:
            raise StoreError(f"the call store at {self.cfg.where} is not open")
        backend = store.backend
        try:
            conn = backend.connect()
        except backend.errors as exc:
            raise StoreError(f"cannot mark the calls of node {node_id} incomplete in {backend.where}: {exc}") from None
        try:
            closed = close_live_calls(backend, conn, reason=reason, node_id=node_id)
        except backend.errors as exc:
            raise StoreError(f"cannot mark the calls of node {node_id} incomplete in {backend.where}: {exc}") from None
        finally:
            conn.close()
        repair = threading.Thread(target=self._repair, args=(store, closed), name="coach-store-repair", daemon=True)
        with self._lock:
            self._repairs = [t for t in self._repairs if t.is_alive()] + [repair]
        repair.start()
        return [c.call_id for c in closed]

    def wait_repairs(self, timeout: float = 60.0) -> bool:
        """Wait until the recordings of calls marked by :meth:`mark_node_calls_incomplete` are repaired."""
        with self._lock:
            pending = list(self._repairs)
        deadline = time.monotonic() + timeout
        for thread in pending:
            thread.join(max(0.0, deadline - time.monotonic()))
        return not any(t.is_alive() for t in pending)

    def _repair(self, store: CallStore, closed: list[ClosedCall]) -> None:
        """Repair the recordings of ``closed`` calls, on this thread's own connection."""
        try:
            conn = store.backend.connect()
            try:
                repair_recordings(conn, store.recordings_dir, closed)
            finally:
                conn.close()
        except Exception as exc:  # the calls are marked already; only their recorded length is missing
            log.warning("repairing the recordings of a lost node's calls failed: %s", exc)

    def sync(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued so far is applied and committed; False on timeout."""
        done = threading.Event()
        if not self._put(("sync", (done,))):
            return False
        return done.wait(timeout)

    def status(self) -> dict[str, Any]:
        """The store's health for ``/api/health``.

        ``ok`` is false while the last write failed or writes are being shed; ``error`` is that
        failure, ``last_error`` the latest ever; ``dropped_writes`` counts shed writes in all and
        ``shed`` by kind (``audio``, ``events``, ``control``); ``pending`` is the queue's length.
        """
        with self._lock:
            shedding = self._last_shed is not None and self._monotonic() - self._last_shed < SHEDDING_HOLD_S
            return {
                "ok": self._store is not None and self.error is None and not shedding,
                "error": self.error,
                "last_error": self.last_error,
                "shedding": shedding,
                "dropped_writes": self.dropped,
                "shed": dict(self.shed),
                "failed_writes": self.failed_writes,
                "pending": self._queue.qsize(),
            }

    def _put(self, op: _Op) -> bool:
        """Enqueue without ever blocking; False when the write was shed (see the module's overflow policy)."""
        if self._thread is None or not self._thread.is_alive():
            return False
        kind = "audio" if op[0] in _AUDIO_OPS else "events" if op[0] in _EVENT_OPS else "control"
        limit = self._limits.get(kind, self._control_limit)
        with self._lock:
            if self._queue.qsize() < limit:
                self._queue.put_nowait(op)
                return True
            now = self._monotonic()
            episode_starts = self._last_shed is None or now - self._last_shed >= SHEDDING_HOLD_S
            self.dropped += 1
            self.shed[kind] += 1
            self._last_shed = now
        if episode_starts:
            log.warning(
                "call store is behind: shedding writes (%d queued; shed so far: %s)",
                self._queue.qsize(),
                dict(self.shed),
                extra={"store_pending": self._queue.qsize(), "store_shed": dict(self.shed)},
            )
        return False

    # -- the thread -----------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._store = self._open_store(self.cfg)
            self.recovered = self._store.recover()
            self._store.flush()
        except StoreError as exc:
            self._open_error = exc
            self._store = None
        except Exception as exc:  # sqlite3 errors during recovery
            self._open_error = StoreError(f"cannot open the call store at {self.cfg.where}: {exc}")
            self._store = None
        finally:
            self._opened.set()
        if self._store is None:
            return
        store = self._store
        next_flush = time.monotonic() + self.cfg.flush_s
        next_retention = time.monotonic()
        running = True
        while running:
            timeout = max(0.0, next_flush - time.monotonic())
            try:
                op, args = self._queue.get(timeout=timeout)
            except queue.Empty:
                op, args = "", ()
            waiter: threading.Event | None = None
            if op == "stop":
                running = False
            elif op == "sync":
                waiter = args[0]
            elif op:
                self._apply(store, op, args)
            now = time.monotonic()
            if now >= next_flush or waiter is not None or not running:
                self._guard(store.flush)
                next_flush = now + self.cfg.flush_s
            if now >= next_retention and self.cfg.retention_days > 0:
                deleted = self._guard(lambda: store.apply_retention(self.cfg.retention_days, now=self._clock()))
                if deleted:
                    log.info("retention deleted %d old recording(s)", len(deleted))
                next_retention = now + RETENTION_EVERY_S
            if waiter is not None:
                waiter.set()
        self._guard(store.close)

    def _apply(self, store: CallStore, op: str, args: tuple[Any, ...]) -> None:
        if op == "create":
            call_id, agent_id, source, started_at, metadata = args
            self._guard(
                lambda: store.create_call(
                    call_id, agent_id=agent_id, source=source, started_at=started_at, metadata=metadata
                )
            )
        elif op == "events":
            self._guard(lambda: store.add_events(*args), quiet_unknown=True)
        elif op == "audio":
            self._guard(lambda: store.push_audio(*args))
        elif op == "audio_many":
            call_id, parts = args
            for lane, start, pcm in parts:
                self._guard(lambda lane=lane, start=start, pcm=pcm: store.push_audio(call_id, lane, start, pcm))
        elif op == "end":
            call_id, complete, reason, summary = args
            self._guard(lambda: store.end_call(call_id, complete=complete, reason=reason, summary=summary))

    def _guard(self, fn: Callable[[], Any], *, quiet_unknown: bool = False) -> Any:
        """Run one store operation; on failure record and log the error (once per message) and go on."""
        try:
            result = fn()
        except Exception as exc:
            message = str(exc) if isinstance(exc, StoreError) else f"call store write failed: {exc}"
            if self._store is not None and not isinstance(exc, StoreError):
                self._store.rollback()
            with self._lock:
                self.failed_writes += 1
                if not (quiet_unknown and message.startswith("events for unknown call")):
                    self.error = self.last_error = message
            if message not in self._logged and not message.startswith("events for unknown call"):
                self._logged.add(message)
                log.error("%s; live coaching continues, but calls are not fully stored", message)
            return None
        if fn.__name__ == "flush":
            with self._lock:
                self.error = None
        return result
