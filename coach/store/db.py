"""The write side of the call store: a database (SQLite or PostgreSQL) plus a FLAC recording per call.

:class:`CallStore` is used by one thread only (the :class:`~coach.store.writer.StoreWriter`). Writes
go into an open transaction that :meth:`CallStore.flush` commits, together with the recordings, so
the caller decides how much a crash may lose. Opening the store claims it (SQLite: an exclusive
lock file, one server per store; PostgreSQL: shared by every node), brings the schema up to date
(:mod:`coach.store.migrations`) and marks calls left ``live`` by a previous run of this node
``incomplete``, repairing their recordings so that the partial call can be reviewed.
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from coach.dsp.baseline import VoiceBaseline
from coach.store.backend import StoreBackend, as_backend
from coach.store.baselines import load_agent_baseline, save_agent_baseline
from coach.store.errors import StoreError
from coach.store.migrations import migrate
from coach.store.recording import StereoRecorder, describe_write_failure
from coach.store.recovery import mark_incomplete
from coach.store.totals import CallTotals
from coach.types import Lane

log = logging.getLogger(__name__)

INCOMPLETE_REASON = "the server stopped before the call ended"

__all__ = ["INCOMPLETE_REASON", "CallStore", "StoreError"]


@dataclass
class _CallState(CallTotals):
    """What the store keeps in memory about a call it is writing."""

    seq: int = 0
    recorder: StereoRecorder | None = None
    recording_failed: bool = False
    dirty: bool = False


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror}{where}"
    return str(exc) or type(exc).__name__


class CallStore:
    """Calls, events and recordings. Not thread-safe: one owner thread.

    ``location`` is a SQLite file path or a :class:`~coach.store.backend.StoreBackend`;
    ``recordings_dir`` defaults to ``recordings/`` beside a SQLite file (a shared database needs it
    given). ``node_id`` is written on every call this store creates.
    """

    def __init__(
        self, location: str | Path | StoreBackend, recordings_dir: str | Path | None = None, *, node_id: str = ""
    ) -> None:
        self.backend = as_backend(location)
        self.node_id = node_id
        default_dir = self.backend.default_recordings_dir()
        if not recordings_dir and default_dir is None:
            raise StoreError(f"cannot open the call store at {self.backend.where}: no recordings folder configured")
        self.recordings_dir = Path(recordings_dir).expanduser() if recordings_dir else default_dir
        self._calls: dict[str, _CallState] = {}
        self._in_tx = False
        where = self.backend.where
        for folder in (*self.backend.folders(), self.recordings_dir):
            blocker = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
            if blocker is not None:
                raise StoreError(f"cannot open the call store at {where}: {blocker} is a file, not a folder")
        try:
            for folder in (*self.backend.folders(), self.recordings_dir):
                folder.mkdir(parents=True, exist_ok=True)
            self.backend.lock()
            self._conn = self.backend.connect()
            try:
                migrate(self.backend, self._conn)
            except BaseException:
                self._conn.close()
                raise
        except (OSError, *self.backend.errors) as exc:
            self.backend.unlock()
            raise StoreError(f"cannot open the call store at {where}: {_describe(exc)}") from None
        except StoreError:
            self.backend.unlock()
            raise

    @property
    def db_path(self) -> str:
        """Where the database is (a file path, or a PostgreSQL URL without its password)."""
        return self.backend.where

    # -- lifecycle ------------------------------------------------------------------------------

    def close(self) -> None:
        """Commit, finalise open recordings (their calls stay ``live``: see :meth:`recover`), release the lock."""
        try:
            for state in self._calls.values():
                if state.recorder is not None:
                    with contextlib.suppress(Exception):
                        state.recorder.close()
            with contextlib.suppress(*self.backend.errors):
                self.flush()
            self._conn.close()
        finally:
            self.backend.unlock()
            self.backend.close()

    def recover(self) -> list[str]:
        """Mark calls left ``live`` by an earlier run ``incomplete``; repair their recordings. Returns their ids.

        A database of its own (SQLite) has no other writer, so every ``live`` call is left over; in a
        shared one only this node's calls are (the other nodes' are running).
        """
        node = self.node_id if self.backend.shared else None
        return mark_incomplete(self.backend, self._conn, self.recordings_dir, reason=INCOMPLETE_REASON, node_id=node)

    # -- writes ---------------------------------------------------------------------------------

    def _begin(self) -> None:
        if not self._in_tx:
            self._conn.execute("BEGIN")
            self._in_tx = True

    def create_call(
        self,
        call_id: str,
        *,
        agent_id: str,
        source: str,
        started_at: float | None = None,
        metadata: dict[str, Any] | None = None,
        record: bool = True,
    ) -> None:
        """Insert a ``live`` call and open its recording (``record=False``: events only)."""
        self._begin()
        state = _CallState()
        self._calls[call_id] = state
        recording = f"{call_id}.flac" if record else None
        self._conn.execute(
            "INSERT INTO calls (id, agent_id, source, started_at, status, metadata, recording, node_id)"
            " VALUES (?, ?, ?, ?, 'live', ?, ?, ?)",
            (call_id, agent_id, source, started_at or time.time(), json.dumps(metadata or {}), recording, self.node_id),
        )
        if recording:
            try:
                state.recorder = StereoRecorder(self.recordings_dir / recording)
            except Exception as exc:
                state.recording_failed = True
                raise StoreError(f"cannot create the recording of call {call_id}: {_describe(exc)}") from None

    def add_events(self, call_id: str, events: list[dict[str, Any]]) -> None:
        """Append events (``Event.to_dict()`` objects) to a call created by :meth:`create_call`."""
        state = self._calls.get(call_id)
        if state is None:
            raise StoreError(f"events for unknown call {call_id}")
        self._begin()
        rows = []
        for event in events:
            state.seq += 1
            kind, at = str(event.get("type", "")), float(event.get("at", 0.0))
            rows.append((call_id, state.seq, kind, at, json.dumps(event)))
            state.add(event)
        self._conn.executemany("INSERT INTO events (call_id, seq, type, at, data) VALUES (?, ?, ?, ?, ?)", rows)
        state.dirty = True

    def push_audio(self, call_id: str, lane: Lane, start_sample: int, pcm: np.ndarray) -> None:
        """Buffer a lane's audio for the call's recording (written on :meth:`flush`)."""
        state = self._calls.get(call_id)
        if state is None or state.recorder is None:
            return
        state.recorder.push(lane, start_sample, pcm)

    def end_call(self, call_id: str, *, complete: bool, reason: str | None, summary: dict[str, Any] | None) -> None:
        """Close the call's recording and mark it ``complete`` or ``incomplete`` (a call another node
        already marked ``incomplete``, believing this node lost, keeps that status)."""
        state = self._calls.pop(call_id, None)
        if state is None:
            return
        recording_s = 0.0
        error: StoreError | None = None
        if state.recorder is not None:
            try:
                state.recorder.close()
            except Exception as exc:
                why = describe_write_failure(state.recorder.path, exc)
                error = StoreError(f"cannot finish the recording of call {call_id}: {why}")
            recording_s = state.recorder.written_s
        self._begin()
        self._write_state(call_id, state)
        row = self._conn.execute("SELECT started_at FROM calls WHERE id = ?", (call_id,)).fetchone()
        ended_at = row["started_at"] + max(state.duration_s, recording_s) if row else time.time()
        self._conn.execute(
            "UPDATE calls SET status = ?, end_reason = ?, ended_at = ?, summary = ?, recording_s = ?"
            " WHERE id = ? AND status = 'live'",
            (
                "complete" if complete else "incomplete",
                reason,
                ended_at,
                json.dumps(summary) if summary is not None else None,
                recording_s,
                call_id,
            ),
        )
        self._remember_agent_voice(call_id, summary)
        if error is not None:
            raise error

    def _remember_agent_voice(self, call_id: str, summary: dict[str, Any] | None) -> None:
        """Store the agent's updated voice baseline (summary ``agent_voice``) for the call's agent."""
        baseline = VoiceBaseline.from_json((summary or {}).get("agent_voice"))
        if baseline is None:
            return
        row = self._conn.execute("SELECT agent_id FROM calls WHERE id = ?", (call_id,)).fetchone()
        if row is not None:
            save_agent_baseline(self._conn, row["agent_id"], baseline, now=time.time())

    def agent_baseline(self, agent_id: str) -> VoiceBaseline | None:
        """The voice baseline remembered for ``agent_id`` (see :mod:`coach.store.baselines`)."""
        return load_agent_baseline(self._conn, agent_id)

    def flush(self) -> None:
        """Write pending recording frames and commit. Raises :class:`StoreError` naming what failed."""
        failures = []
        for call_id, state in self._calls.items():
            if state.recorder is not None and not state.recording_failed:
                try:
                    state.recorder.flush()
                except Exception as exc:
                    state.recording_failed = True
                    failures.append(f"recording of call {call_id}: {describe_write_failure(state.recorder.path, exc)}")
            if state.dirty:
                self._begin()
                self._write_state(call_id, state)
        if self._in_tx:
            try:
                self._conn.execute("COMMIT")
            except self.backend.errors as exc:
                with contextlib.suppress(*self.backend.errors):
                    self._conn.execute("ROLLBACK")
                self._in_tx = False
                self._reconnect_if_lost()
                raise StoreError(f"cannot write the call store {self.backend.where}: {_describe(exc)}") from None
            self._in_tx = False
        if failures:
            raise StoreError("; ".join(failures))

    def rollback(self) -> None:
        """Abandon the open transaction (after a failed write)."""
        if self._in_tx:
            with contextlib.suppress(*self.backend.errors):
                self._conn.execute("ROLLBACK")
            self._in_tx = False
        self._reconnect_if_lost()

    def _reconnect_if_lost(self) -> None:
        """A database server that restarted or dropped the connection: connect again (the failed
        transaction is lost; the calls' totals are rewritten at the next flush)."""
        if self.backend.alive(self._conn):
            return
        try:
            self._conn = self.backend.connect()
        except self.backend.errors as exc:
            log.warning("cannot reconnect to the call store %s: %s", self.backend.where, _describe(exc))
            return
        for state in self._calls.values():
            state.dirty = True

    def apply_retention(self, days: int, *, now: float | None = None) -> list[str]:
        """Delete the recordings of ended calls that started more than ``days`` days ago; return their ids."""
        if days <= 0:
            return []
        cutoff = (now or time.time()) - days * 86_400
        rows = self._conn.execute(
            "SELECT id, recording FROM calls WHERE started_at < ? AND status != 'live' AND recording IS NOT NULL"
            " AND recording_deleted = 0",
            (cutoff,),
        ).fetchall()
        deleted = []
        for row in rows:
            try:
                (self.recordings_dir / row["recording"]).unlink(missing_ok=True)
            except OSError as exc:
                log.warning("retention could not delete the recording of call %s: %s", row["id"], _describe(exc))
                continue
            deleted.append(row["id"])
        if deleted:
            self._begin()
            self._conn.executemany("UPDATE calls SET recording_deleted = 1 WHERE id = ?", [(i,) for i in deleted])
            self.flush()
        return deleted

    # -- internals ------------------------------------------------------------------------------

    def _write_state(self, call_id: str, state: _CallState) -> None:
        self._conn.execute(
            "UPDATE calls SET duration_s = ?, peak_rank = ?, peak_level = ?, nudges = ?, interruptions = ?"
            " WHERE id = ?",
            (
                state.duration_s,
                state.peak_rank,
                state.peak_level,
                state.nudges_json(),
                state.interruptions,
                call_id,
            ),
        )
        state.dirty = False
