"""Closing calls whose writer is gone: after a crash (at the next start) or when their node is lost.

Such a call is still ``live`` in the store. :func:`close_live_calls` ends it ``incomplete`` with a
reason, its totals recomputed from the events that were committed, in one transaction that locks
the rows, so two nodes noticing the same loss mark each call once. :func:`repair_recordings` then
rewrites its recording's header (every FLAC frame written before the writer stopped decodes) so
that whatever was flushed can be reviewed; it is slower (decoding and encoding the whole file), so
the floor can be told first.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from coach.store.backend import StoreBackend, StoreConnection
from coach.store.recording import repair_recording
from coach.store.totals import stored_totals

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ClosedCall:
    """A call :func:`close_live_calls` ended: its recording (a name in the recordings folder, or None),
    its start (Unix seconds) and its duration from the stored events (call-audio seconds)."""

    call_id: str
    recording: str | None
    started_at: float
    duration_s: float


def mark_incomplete(
    backend: StoreBackend, conn: StoreConnection, recordings_dir: Path, *, reason: str, node_id: str | None
) -> list[str]:
    """:func:`close_live_calls`, then :func:`repair_recordings`; returns the ids of the calls closed."""
    closed = close_live_calls(backend, conn, reason=reason, node_id=node_id)
    repair_recordings(conn, recordings_dir, closed)
    return [c.call_id for c in closed]


def close_live_calls(
    backend: StoreBackend, conn: StoreConnection, *, reason: str, node_id: str | None
) -> list[ClosedCall]:
    """End the ``live`` calls of ``node_id`` (None: every node's) ``incomplete`` with ``reason``, in one
    transaction; oldest first. Database errors propagate (nothing is marked then)."""
    where, params = ("status = 'live'", []) if node_id is None else ("status = 'live' AND node_id = ?", [node_id])
    marked: list[ClosedCall] = []
    with backend.write_transaction(conn):
        rows = conn.execute(
            f"SELECT id, started_at, recording FROM calls WHERE {where} ORDER BY started_at, id{backend.for_update}",
            params,
        ).fetchall()
        for row in rows:
            totals = stored_totals(conn, row["id"])
            conn.execute(
                "UPDATE calls SET status = 'incomplete', end_reason = ?, ended_at = ?, duration_s = ?, peak_rank = ?,"
                " peak_level = ?, nudges = ?, interruptions = ? WHERE id = ?",
                (
                    reason,
                    row["started_at"] + totals.duration_s,
                    totals.duration_s,
                    totals.peak_rank,
                    totals.peak_level,
                    totals.nudges_json(),
                    totals.interruptions,
                    row["id"],
                ),
            )
            marked.append(ClosedCall(row["id"], row["recording"], row["started_at"], totals.duration_s))
    return marked


def repair_recordings(conn: StoreConnection, recordings_dir: Path, closed: list[ClosedCall]) -> None:
    """Repair the recordings of ``closed`` calls and store their lengths (a call lasts at least as long
    as its recording). About 0.1 s of CPU per minute of call; a file that cannot be repaired is logged
    and left as it is."""
    for call in closed:
        path = recordings_dir / call.recording if call.recording else None
        if path is None or not path.exists():
            continue
        try:
            recording_s = repair_recording(path)
        except Exception as exc:  # a damaged file must not stop the others (or the server's start)
            log.warning("could not repair the recording of call %s: %s", call.call_id, exc)
            continue
        duration = max(call.duration_s, recording_s)
        conn.execute(
            "UPDATE calls SET recording_s = ?, duration_s = ?, ended_at = ? WHERE id = ?",
            (recording_s, duration, call.started_at + duration, call.call_id),
        )
