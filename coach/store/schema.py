"""SQLite schema of the call store and the connection settings every connection uses.

Times: ``started_at``/``ended_at`` are wall-clock Unix seconds (UTC); ``duration_s`` and every
event's ``at`` are call-audio seconds, as in ``docs/events.md``. JSON columns hold objects.
"""

from __future__ import annotations

import sqlite3

from coach.store.baselines import SCHEMA as BASELINES_SCHEMA

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS calls (
    id TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL,
    source TEXT NOT NULL,
    started_at REAL NOT NULL,
    ended_at REAL,
    duration_s REAL NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('live', 'complete', 'incomplete')),
    end_reason TEXT,
    peak_level TEXT,
    peak_rank INTEGER NOT NULL DEFAULT -1,
    nudges TEXT NOT NULL DEFAULT '{}',
    interruptions INTEGER NOT NULL DEFAULT 0,
    summary TEXT,
    metadata TEXT NOT NULL DEFAULT '{}',
    recording TEXT,
    recording_s REAL NOT NULL DEFAULT 0,
    recording_deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS calls_by_start ON calls (started_at);
CREATE INDEX IF NOT EXISTS calls_by_agent ON calls (agent_id, started_at);
CREATE INDEX IF NOT EXISTS calls_by_status ON calls (status);

CREATE TABLE IF NOT EXISTS events (
    call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    at REAL NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (call_id, seq)
) WITHOUT ROWID;
"""

LEVEL_RANK = {"calm": 0, "tense": 1, "escalated": 2}
"""Order of the customer's escalation levels; ``peak_rank`` is -1 while none was reported."""


def connect(path: str, *, readonly: bool = False) -> sqlite3.Connection:
    """Open the store file in autocommit mode (transactions are explicit), WAL journal, 5 s busy wait."""
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5.0, isolation_level=None)
    else:
        conn = sqlite3.connect(path, timeout=5.0, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.row_factory = sqlite3.Row
    return conn


def migrate(conn: sqlite3.Connection) -> None:
    """Create the tables if missing; refuse a store written by a newer version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise sqlite3.DatabaseError(
            f"the call store has schema version {version}; this coach understands up to {SCHEMA_VERSION}"
        )
    conn.executescript(SCHEMA)
    conn.executescript(BASELINES_SCHEMA)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
