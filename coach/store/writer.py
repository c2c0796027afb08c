"""The store's writer thread: every write to the call store goes through one bounded queue.

Callers (the event loop, analysis threads) never wait for the disk: each method enqueues and
returns. The thread applies the writes and commits every ``flush_s`` seconds, so a crash loses at
most that much. When the queue is full (the disk is too slow) writes are dropped and counted; when
the disk fails (full, unwritable, removed) the error is logged once, reported by :meth:`status`,
and the live coaching is not affected. Retention runs at start and then hourly.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from coach.store.config import StoreConfig
from coach.store.db import CallStore, StoreError
from coach.types import Lane

log = logging.getLogger(__name__)

RETENTION_EVERY_S = 3600.0

_Op = tuple[str, tuple[Any, ...]]


class StoreWriter:
    """Owns a :class:`CallStore` on its own thread. All public methods are thread-safe."""

    def __init__(self, cfg: StoreConfig, *, clock: Callable[[], float] = time.time) -> None:
        self.cfg = cfg
        self._clock = clock
        self._queue: queue.Queue[_Op] = queue.Queue(maxsize=cfg.queue_items)
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

    @property
    def db_path(self) -> str:
        return str(self._store.db_path) if self._store else self.cfg.path

    @property
    def recordings_dir(self) -> str:
        return str(self._store.recordings_dir) if self._store else ""

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
        if self._thread is None or not self._thread.is_alive():
            return
        self._put(("stop", ()), force=True)
        self._thread.join(timeout)

    # -- writes (non-blocking) ------------------------------------------------------------------

    def create_call(self, call_id: str, *, agent_id: str, source: str, metadata: dict[str, Any]) -> None:
        self._put(("create", (call_id, agent_id, source, self._clock(), metadata)), force=True)

    def add_events(self, call_id: str, events: list[dict[str, Any]]) -> None:
        if events:
            self._put(("events", (call_id, events)), force=True)

    def push_audio(self, call_id: str, lane: Lane, start_sample: int, pcm: np.ndarray) -> None:
        self._put(("audio", (call_id, lane, start_sample, pcm)))

    def push_audio_many(self, call_id: str, parts: list[tuple[Lane, int, np.ndarray]]) -> None:
        """Several ``(lane, start_sample, pcm)`` pieces of one call in one queue entry."""
        self._put(("audio_many", (call_id, parts)))

    def end_call(self, call_id: str, *, complete: bool, reason: str | None, summary: dict[str, Any] | None) -> None:
        self._put(("end", (call_id, complete, reason, summary)), force=True)

    def sync(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued so far is applied and committed; False on timeout."""
        done = threading.Event()
        self._put(("sync", (done,)), force=True)
        return done.wait(timeout)

    def status(self) -> dict[str, Any]:
        """``ok`` false while the last write failed; ``error`` that failure, ``last_error`` the latest ever."""
        with self._lock:
            return {
                "ok": self._store is not None and self.error is None,
                "error": self.error,
                "last_error": self.last_error,
                "dropped_writes": self.dropped,
                "failed_writes": self.failed_writes,
                "pending": self._queue.qsize(),
            }

    def _put(self, op: _Op, *, force: bool = False) -> None:
        """Enqueue; audio is dropped when the queue is full, other writes wait up to 1 s (then dropped)."""
        if self._thread is None or not self._thread.is_alive():
            return
        try:
            if force:
                self._queue.put(op, timeout=1.0)
            else:
                self._queue.put_nowait(op)
        except queue.Full:
            with self._lock:
                self.dropped += 1

    # -- the thread -----------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._store = CallStore(self.cfg.path, self.cfg.recordings_dir or None)
            self.recovered = self._store.recover()
            self._store.flush()
        except StoreError as exc:
            self._open_error = exc
            self._store = None
        except Exception as exc:  # sqlite3 errors during recovery
            self._open_error = StoreError(f"cannot open the call store at {self.cfg.path}: {exc}")
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
