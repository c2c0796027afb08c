"""The read side of the call store, for the review pages and the JSON API.

Each method opens its own short-lived connection (SQLite in WAL mode lets readers run beside the
writer thread), so it may be called from any thread; the server calls it off the event loop.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coach.dsp.baseline import VoiceBaseline
from coach.store.baselines import load_agent_baseline
from coach.store.query import CallQuery
from coach.store.schema import connect


class StoreReader:
    """Queries over a store written by :class:`~coach.store.db.CallStore`."""

    def __init__(self, db_path: str | Path, recordings_dir: str | Path) -> None:
        self.db_path = Path(db_path)
        self.recordings_dir = Path(recordings_dir)

    def _connect(self) -> sqlite3.Connection:
        conn = connect(str(self.db_path))
        conn.execute("PRAGMA query_only = ON")
        return conn

    def list_calls(self, query: CallQuery) -> tuple[list[dict[str, Any]], int]:
        """Calls matching ``query``, newest first, and how many match in all."""
        where, params = query.where()
        conn = self._connect()
        try:
            total = conn.execute(f"SELECT COUNT(*) FROM calls WHERE {where}", params).fetchone()[0]
            rows = conn.execute(
                f"SELECT * FROM calls WHERE {where} ORDER BY started_at DESC, id LIMIT ? OFFSET ?",
                [*params, query.limit, query.offset],
            ).fetchall()
        finally:
            conn.close()
        return [call_json(row, with_summary=False) for row in rows], int(total)

    def agent_baseline(self, agent_id: str) -> VoiceBaseline | None:
        """The voice baseline remembered for ``agent_id`` from earlier calls, or None."""
        if not self.db_path.exists():
            return None
        conn = self._connect()
        try:
            return load_agent_baseline(conn, agent_id)
        finally:
            conn.close()

    def get_call(self, call_id: str) -> dict[str, Any] | None:
        """One call's metadata and summary, or None."""
        conn = self._connect()
        try:
            row = conn.execute("SELECT * FROM calls WHERE id = ?", (call_id,)).fetchone()
        finally:
            conn.close()
        return call_json(row, with_summary=True) if row else None

    def events(self, call_id: str) -> list[dict[str, Any]]:
        """Every stored event of a call, in the order it was emitted."""
        conn = self._connect()
        try:
            rows = conn.execute("SELECT data FROM events WHERE call_id = ? ORDER BY seq", (call_id,)).fetchall()
        finally:
            conn.close()
        return [json.loads(row[0]) for row in rows]

    def recording_path(self, call_id: str) -> tuple[Path | None, str]:
        """The recording file and ``ok``; or None and why: ``no_call``, ``deleted``, ``none``, ``missing``."""
        conn = self._connect()
        try:
            row = conn.execute("SELECT recording, recording_deleted FROM calls WHERE id = ?", (call_id,)).fetchone()
        finally:
            conn.close()
        if row is None:
            return None, "no_call"
        if row["recording_deleted"]:
            return None, "deleted"
        if not row["recording"]:
            return None, "none"
        path = self.recordings_dir / row["recording"]
        return (path, "ok") if path.is_file() else (None, "missing")


def _iso(ts: float | None) -> str | None:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds") if ts is not None else None


def call_json(row: sqlite3.Row, *, with_summary: bool) -> dict[str, Any]:
    """A calls row as the API's JSON object."""
    out: dict[str, Any] = {
        "id": row["id"],
        "agent_id": row["agent_id"],
        "source": row["source"],
        "started_at": _iso(row["started_at"]),
        "ended_at": _iso(row["ended_at"]),
        "duration_s": round(row["duration_s"], 3),
        "status": row["status"],
        "end_reason": row["end_reason"],
        "peak_level": row["peak_level"],
        "nudges": json.loads(row["nudges"]),
        "interruptions": row["interruptions"],
        "recording": {
            "available": bool(row["recording"]) and not row["recording_deleted"],
            "deleted": bool(row["recording_deleted"]),
            "seconds": round(row["recording_s"], 3),
        },
    }
    if with_summary:
        out["summary"] = json.loads(row["summary"]) if row["summary"] else None
        out["metadata"] = json.loads(row["metadata"])
    return out
