"""The write side of the call store: one SQLite file (WAL) plus a FLAC recording per call.

:class:`CallStore` is used by one thread only (the :class:`~coach.store.writer.StoreWriter`). Writes
go into an open transaction that :meth:`CallStore.flush` commits, together with the recordings, so
the caller decides how much a crash may lose. Opening the store takes an exclusive lock file (one
server per store), creates the tables and marks calls left ``live`` by a previous run
``incomplete``, repairing their recordings so that the partial call can be reviewed.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from coach.dsp.baseline import VoiceBaseline
from coach.errors import CoachError
from coach.store.baselines import load_agent_baseline, save_agent_baseline
from coach.store.recording import StereoRecorder, describe_write_failure, repair_recording
from coach.store.schema import LEVEL_RANK, connect, migrate
from coach.types import Lane

log = logging.getLogger(__name__)

INCOMPLETE_REASON = "the server stopped before the call ended"


class StoreError(CoachError):
    """The call store cannot be opened or written; the message says where and why."""


@dataclass
class _CallState:
    """What the store keeps in memory about a call it is writing."""

    seq: int = 0
    duration_s: float = 0.0
    peak_rank: int = -1
    nudges: Counter[str] = field(default_factory=Counter)
    interruptions: int = 0
    recorder: StereoRecorder | None = None
    recording_failed: bool = False
    dirty: bool = False


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror}{where}"
    return str(exc) or type(exc).__name__


class CallStore:
    """Calls, events and recordings. Not thread-safe: one owner thread."""

    def __init__(self, db_path: str | Path, recordings_dir: str | Path | None = None) -> None:
        self.db_path = Path(db_path).expanduser()
        self.recordings_dir = (
            Path(recordings_dir).expanduser() if recordings_dir else self.db_path.parent / "recordings"
        )
        self._calls: dict[str, _CallState] = {}
        self._in_tx = False
        self._lock_fd: int | None = None
        for folder in (self.db_path.parent, self.recordings_dir):
            blocker = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
            if blocker is not None:
                raise StoreError(f"cannot open the call store at {self.db_path}: {blocker} is a file, not a folder")
        try:
            self.db_path.parent.mkdir(parents=True, exist_ok=True)
            self.recordings_dir.mkdir(parents=True, exist_ok=True)
            self._lock()
            self._conn = connect(str(self.db_path))
            migrate(self._conn)
        except (OSError, sqlite3.Error) as exc:
            self._unlock()
            raise StoreError(f"cannot open the call store at {self.db_path}: {_describe(exc)}") from None

    # -- lifecycle ------------------------------------------------------------------------------

    def _lock(self) -> None:
        fd = os.open(str(self.db_path) + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreError(
                f"another coach server is using the call store at {self.db_path}; stop it or choose another"
                " [store] path"
            ) from None
        self._lock_fd = fd

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def close(self) -> None:
        """Commit, finalise open recordings (their calls stay ``live``: see :meth:`recover`), release the lock."""
        try:
            for state in self._calls.values():
                if state.recorder is not None:
                    with contextlib.suppress(Exception):
                        state.recorder.close()
            with contextlib.suppress(sqlite3.Error):
                self.flush()
            self._conn.close()
        finally:
            self._unlock()

    def recover(self) -> list[str]:
        """Mark calls left ``live`` by an earlier run ``incomplete``; repair their recordings. Returns their ids."""
        rows = self._conn.execute("SELECT id, started_at, recording FROM calls WHERE status = 'live'").fetchall()
        recovered = []
        for row in rows:
            recording_s = 0.0
            if row["recording"]:
                path = self.recordings_dir / row["recording"]
                if path.exists():
                    try:
                        recording_s = repair_recording(path)
                    except Exception as exc:  # a damaged file must not stop the server from starting
                        log.warning("could not repair the recording of call %s: %s", row["id"], _describe(exc))
            agg = self._aggregate(row["id"])
            duration = max(agg["duration_s"], recording_s)
            self._conn.execute(
                "UPDATE calls SET status = 'incomplete', end_reason = ?, ended_at = ?, duration_s = ?,"
                " peak_rank = ?, peak_level = ?, nudges = ?, interruptions = ?, recording_s = ? WHERE id = ?",
                (
                    INCOMPLETE_REASON,
                    row["started_at"] + duration,
                    duration,
                    agg["peak_rank"],
                    _level_name(agg["peak_rank"]),
                    json.dumps(agg["nudges"]),
                    agg["interruptions"],
                    recording_s,
                    row["id"],
                ),
            )
            recovered.append(row["id"])
        return recovered

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
            "INSERT INTO calls (id, agent_id, source, started_at, status, metadata, recording)"
            " VALUES (?, ?, ?, ?, 'live', ?, ?)",
            (call_id, agent_id, source, started_at or time.time(), json.dumps(metadata or {}), recording),
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
            _accumulate(state, event)
        self._conn.executemany("INSERT INTO events (call_id, seq, type, at, data) VALUES (?, ?, ?, ?, ?)", rows)
        state.dirty = True

    def push_audio(self, call_id: str, lane: Lane, start_sample: int, pcm: np.ndarray) -> None:
        """Buffer a lane's audio for the call's recording (written on :meth:`flush`)."""
        state = self._calls.get(call_id)
        if state is None or state.recorder is None:
            return
        state.recorder.push(lane, start_sample, pcm)

    def end_call(self, call_id: str, *, complete: bool, reason: str | None, summary: dict[str, Any] | None) -> None:
        """Close the call's recording and mark it ``complete`` or ``incomplete``."""
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
            "UPDATE calls SET status = ?, end_reason = ?, ended_at = ?, summary = ?, recording_s = ? WHERE id = ?",
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
            except sqlite3.Error as exc:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
                self._in_tx = False
                raise StoreError(f"cannot write the call store {self.db_path}: {_describe(exc)}") from None
            self._in_tx = False
        if failures:
            raise StoreError("; ".join(failures))

    def rollback(self) -> None:
        """Abandon the open transaction (after a failed write)."""
        if self._in_tx:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")
            self._in_tx = False

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
                _level_name(state.peak_rank),
                json.dumps(dict(state.nudges)),
                state.interruptions,
                call_id,
            ),
        )
        state.dirty = False

    def _aggregate(self, call_id: str) -> dict[str, Any]:
        state = _CallState()
        for (data,) in self._conn.execute("SELECT data FROM events WHERE call_id = ? ORDER BY seq", (call_id,)):
            _accumulate(state, json.loads(data))
        return {
            "duration_s": state.duration_s,
            "peak_rank": state.peak_rank,
            "nudges": dict(state.nudges),
            "interruptions": state.interruptions,
        }


def _accumulate(state: _CallState, event: dict[str, Any]) -> None:
    """Update the per-call totals the call list filters on."""
    kind = event.get("type")
    at = event.get("at")
    if isinstance(at, int | float):
        state.duration_s = max(state.duration_s, float(at))
    if kind == "nudge":
        state.nudges[str(event.get("kind", "unknown"))] += 1
    elif kind == "escalation":
        state.peak_rank = max(state.peak_rank, LEVEL_RANK.get(str(event.get("level")), -1))
    elif kind == "overlap" and event.get("kind") == "interruption":
        state.interruptions += 1


def _level_name(rank: int) -> str | None:
    for name, value in LEVEL_RANK.items():
        if value == rank:
            return name
    return None
