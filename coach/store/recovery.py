"""Closing calls whose writer is gone: after a crash (at the next start) or when their node is lost.

Such a call is still ``live`` in the store. :func:`mark_incomplete` ends it ``incomplete`` with a
reason, its totals recomputed from the events that were committed, and then repairs its recording
(every FLAC frame written before the writer stopped decodes; the header is rewritten) so that
whatever was flushed can be reviewed. The status change comes first, in one transaction that locks
the rows, so two nodes noticing the same loss mark each call once, and the floor learns of it
before the slower repair of the recordings.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from coach.store.backend import StoreBackend, StoreConnection
from coach.store.recording import repair_recording
from coach.store.totals import stored_totals

log = logging.getLogger(__name__)


def mark_incomplete(
    backend: StoreBackend, conn: StoreConnection, recordings_dir: Path, *, reason: str, node_id: str | None
) -> list[str]:
    """End the ``live`` calls of ``node_id`` (None: every node's) ``incomplete`` with ``reason``;
    repair their recordings. Returns their ids, oldest first. Database errors propagate (nothing is
    marked then); a recording that cannot be repaired is logged and left as it is."""
    where, params = ("status = 'live'", []) if node_id is None else ("status = 'live' AND node_id = ?", [node_id])
    marked: list[tuple[str, float, str | None, float]] = []
    conn.execute(backend.begin_write)
    try:
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
            marked.append((row["id"], row["started_at"], row["recording"], totals.duration_s))
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(*backend.errors):
            conn.execute("ROLLBACK")
        raise
    for call_id, started_at, recording, duration_s in marked:
        if recording:
            _repair(conn, recordings_dir / recording, call_id, started_at, duration_s)
    return [m[0] for m in marked]


def _repair(conn: StoreConnection, path: Path, call_id: str, started_at: float, duration_s: float) -> None:
    """Repair one recording and store its length (the call lasts at least that long)."""
    if not path.exists():
        return
    try:
        recording_s = repair_recording(path)
    except Exception as exc:  # a damaged file must not stop the others (or the server's start)
        log.warning("could not repair the recording of call %s: %s", call_id, exc)
        return
    duration = max(duration_s, recording_s)
    conn.execute(
        "UPDATE calls SET recording_s = ?, duration_s = ?, ended_at = ? WHERE id = ?",
        (recording_s, duration, started_at + duration, call_id),
    )
