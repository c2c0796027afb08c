"""The read side of the call store, for the review pages, the JSON API and the cluster's node monitor.

Each method borrows a connection from the backend for its few queries (SQLite in WAL mode lets
readers run beside the writer thread; PostgreSQL readers come from a small pool), so it may be
called from any thread; the server calls it off the event loop.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coach.dsp.baseline import VoiceBaseline
from coach.store.backend import Row, StoreBackend, StoreConnection, as_backend, open_backend
from coach.store.baselines import load_agent_baseline
from coach.store.config import StoreConfig
from coach.store.errors import StoreError
from coach.store.query import CallQuery


class StoreReader:
    """Queries over a store written by :class:`~coach.store.db.CallStore`.

    ``location`` is a SQLite file path or a :class:`~coach.store.backend.StoreBackend`; recordings
    are files in ``recordings_dir`` (the store keeps their names relative to it).
    """

    def __init__(self, location: str | Path | StoreBackend, recordings_dir: str | Path) -> None:
        self.backend = as_backend(location)
        self.recordings_dir = Path(recordings_dir)

    @classmethod
    def from_config(cls, cfg: StoreConfig) -> StoreReader:
        """A reader of the store ``[store]`` describes (for tools that run beside the servers)."""
        backend = open_backend(cfg)
        recordings = cfg.recordings_dir or backend.default_recordings_dir()
        return cls(backend, recordings or "")

    def _read(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[Row]:
        with self.backend.reading() as conn:
            return _query(conn, sql, params)

    def list_calls(self, query: CallQuery) -> tuple[list[dict[str, Any]], int]:
        """Calls matching ``query``, newest first, and how many match in all."""
        where, params = query.where(self.backend)
        with self.backend.reading() as conn:
            total = _query(conn, f"SELECT COUNT(*) FROM calls WHERE {where}", params)[0][0]
            rows = _query(
                conn,
                f"SELECT * FROM calls WHERE {where} ORDER BY started_at DESC, id LIMIT ? OFFSET ?",
                [*params, query.limit, query.offset],
            )
        return [call_json(row, with_summary=False) for row in rows], int(total)

    def live_calls(self) -> list[dict[str, Any]]:
        """Every call still ``live`` in the store, oldest first: ``id``, ``agent_id``, ``source``,
        ``node_id`` and ``started_at`` (Unix seconds). On a shared store: every node's."""
        rows = self._read(
            "SELECT id, agent_id, source, node_id, started_at FROM calls WHERE status = 'live' ORDER BY started_at, id"
        )
        return [{k: row[k] for k in ("id", "agent_id", "source", "node_id", "started_at")} for row in rows]

    def agent_baseline(self, agent_id: str) -> VoiceBaseline | None:
        """The voice baseline remembered for ``agent_id`` from earlier calls, or None; raises
        :class:`~coach.store.errors.StoreError` when the store is there but cannot be read."""
        if not self.backend.exists():
            return None
        try:
            with self.backend.reading() as conn:
                return load_agent_baseline(conn, agent_id)
        except self.backend.errors as exc:
            where = self.backend.where
            raise StoreError(f"cannot read agent {agent_id}'s voice baseline from {where}: {exc}") from None

    def get_call(self, call_id: str) -> dict[str, Any] | None:
        """One call's metadata and summary, or None."""
        rows = self._read("SELECT * FROM calls WHERE id = ?", (call_id,))
        return call_json(rows[0], with_summary=True) if rows else None

    def events(self, call_id: str) -> list[dict[str, Any]]:
        """Every stored event of a call, in the order it was emitted."""
        rows = self._read("SELECT data FROM events WHERE call_id = ? ORDER BY seq", (call_id,))
        return [json.loads(row[0]) for row in rows]

    def recording_path(self, call_id: str) -> tuple[Path | None, str]:
        """The recording file and ``ok``; or None and why: ``no_call``, ``deleted``, ``none``, ``missing``."""
        rows = self._read("SELECT recording, recording_deleted FROM calls WHERE id = ?", (call_id,))
        if not rows:
            return None, "no_call"
        row = rows[0]
        if row["recording_deleted"]:
            return None, "deleted"
        if not row["recording"]:
            return None, "none"
        path = self.recordings_dir / row["recording"]
        return (path, "ok") if path.is_file() else (None, "missing")


def _query(conn: StoreConnection, sql: str, params: list[Any] | tuple[Any, ...]) -> list[Row]:
    return conn.execute(sql, params).fetchall()


def _iso(ts: float | None) -> str | None:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds") if ts is not None else None


def call_json(row: Row, *, with_summary: bool) -> dict[str, Any]:
    """A calls row as the API's JSON object."""
    out: dict[str, Any] = {
        "id": row["id"],
        "agent_id": row["agent_id"],
        "node_id": row["node_id"],
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
