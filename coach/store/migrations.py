"""Versioned schema of the call store, for both backends.

:data:`MIGRATIONS` is the numbered list of steps; each holds its SQL for SQLite and for PostgreSQL
side by side. :func:`migrate` runs when the store opens: it applies, in one transaction, every step
the database has not recorded in its ``schema_version`` table (one row per applied step), so running
it again changes nothing, and it refuses a database whose version is newer than this code (an
older node must never write a schema it does not know). On PostgreSQL an advisory lock lets only
one node migrate at a time; the others wait and then find nothing to do.

A SQLite store from before this table existed (``PRAGMA user_version`` 1: tables ``calls``,
``events`` and perhaps ``agent_baselines``) upgrades in place: step 1 only creates what is missing.

Times: ``started_at``/``ended_at`` are wall-clock Unix seconds (UTC); ``duration_s`` and every
event's ``at`` are call-audio seconds, as in ``docs/events.md``. JSON columns hold objects.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from coach.store.backend import StoreBackend, StoreConnection
from coach.store.errors import StoreError

LEGACY_SQLITE_VERSION = 1
"""The ``user_version`` that stores written before ``schema_version`` existed carry."""


@dataclass(frozen=True)
class Migration:
    """Step ``version``: its statements per dialect (each run on its own, in order)."""

    version: int
    name: str
    sqlite: tuple[str, ...]
    postgresql: tuple[str, ...]

    def statements(self, dialect: str) -> tuple[str, ...]:
        return self.sqlite if dialect == "sqlite" else self.postgresql


_INDEXES = (
    "CREATE INDEX IF NOT EXISTS calls_by_start ON calls (started_at)",
    "CREATE INDEX IF NOT EXISTS calls_by_agent ON calls (agent_id, started_at)",
    "CREATE INDEX IF NOT EXISTS calls_by_status ON calls (status)",
)
_STATUS = "status TEXT NOT NULL CHECK (status IN ('live', 'complete', 'incomplete'))"

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "calls, events, agent baselines",
        sqlite=(
            f"""CREATE TABLE IF NOT EXISTS calls (
                id TEXT PRIMARY KEY, agent_id TEXT NOT NULL, source TEXT NOT NULL,
                started_at REAL NOT NULL, ended_at REAL, duration_s REAL NOT NULL DEFAULT 0, {_STATUS},
                end_reason TEXT, peak_level TEXT, peak_rank INTEGER NOT NULL DEFAULT -1,
                nudges TEXT NOT NULL DEFAULT '{{}}', interruptions INTEGER NOT NULL DEFAULT 0, summary TEXT,
                metadata TEXT NOT NULL DEFAULT '{{}}', recording TEXT, recording_s REAL NOT NULL DEFAULT 0,
                recording_deleted INTEGER NOT NULL DEFAULT 0)""",
            *_INDEXES,
            """CREATE TABLE IF NOT EXISTS events (
                call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE, seq INTEGER NOT NULL,
                type TEXT NOT NULL, at REAL NOT NULL, data TEXT NOT NULL, PRIMARY KEY (call_id, seq)
            ) WITHOUT ROWID""",
            """CREATE TABLE IF NOT EXISTS agent_baselines (
                agent_id TEXT PRIMARY KEY, loudness_db REAL NOT NULL, pitch_hz REAL, speech_s REAL NOT NULL,
                updated_at REAL NOT NULL, calls INTEGER NOT NULL DEFAULT 1)""",
        ),
        postgresql=(
            f"""CREATE TABLE IF NOT EXISTS calls (
                id TEXT PRIMARY KEY, agent_id TEXT NOT NULL, source TEXT NOT NULL,
                started_at DOUBLE PRECISION NOT NULL, ended_at DOUBLE PRECISION,
                duration_s DOUBLE PRECISION NOT NULL DEFAULT 0, {_STATUS},
                end_reason TEXT, peak_level TEXT, peak_rank INTEGER NOT NULL DEFAULT -1,
                nudges JSON NOT NULL DEFAULT '{{}}', interruptions INTEGER NOT NULL DEFAULT 0, summary JSON,
                metadata JSON NOT NULL DEFAULT '{{}}', recording TEXT,
                recording_s DOUBLE PRECISION NOT NULL DEFAULT 0, recording_deleted SMALLINT NOT NULL DEFAULT 0)""",
            *_INDEXES,
            """CREATE TABLE IF NOT EXISTS events (
                call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE, seq INTEGER NOT NULL,
                type TEXT NOT NULL, at DOUBLE PRECISION NOT NULL, data JSON NOT NULL, PRIMARY KEY (call_id, seq))""",
            """CREATE TABLE IF NOT EXISTS agent_baselines (
                agent_id TEXT PRIMARY KEY, loudness_db DOUBLE PRECISION NOT NULL, pitch_hz DOUBLE PRECISION,
                speech_s DOUBLE PRECISION NOT NULL, updated_at DOUBLE PRECISION NOT NULL,
                calls INTEGER NOT NULL DEFAULT 1)""",
        ),
    ),
    Migration(
        2,
        "calls.node_id: the node that runs the call",
        sqlite=(
            "ALTER TABLE calls ADD COLUMN node_id TEXT NOT NULL DEFAULT ''",
            "CREATE INDEX calls_by_node ON calls (node_id, status)",
        ),
        postgresql=(
            "ALTER TABLE calls ADD COLUMN node_id TEXT NOT NULL DEFAULT ''",
            "CREATE INDEX calls_by_node ON calls (node_id, status)",
        ),
    ),
)

LATEST = MIGRATIONS[-1].version

_VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_version"
    " (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at DOUBLE PRECISION NOT NULL)"
)


def migrate(
    backend: StoreBackend,
    conn: StoreConnection,
    migrations: tuple[Migration, ...] = MIGRATIONS,
    *,
    now: float | None = None,
) -> list[int]:
    """Bring the database to the last of ``migrations``; return the versions applied (empty: up to date).

    Raises :class:`StoreError` for a database newer than this code; database errors propagate (the
    transaction is rolled back, so a failed step leaves the previous version intact).
    """
    latest = migrations[-1].version
    applied = []
    with backend.write_transaction(conn):
        backend.schema_lock(conn)
        conn.execute(_VERSION_TABLE)
        current = schema_version(conn)
        if current == 0 and backend.legacy_version(conn) > LEGACY_SQLITE_VERSION:
            current = backend.legacy_version(conn)
        if current > latest:
            raise StoreError(
                f"the call store at {backend.where} has schema version {current}, newer than this coach"
                f" understands ({latest}): run the newer coach, or upgrade this one"
            )
        for step in migrations:
            if step.version <= current:
                continue
            for statement in step.statements(backend.dialect):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                (step.version, step.name, now if now is not None else time.time()),
            )
            applied.append(step.version)
        if applied:
            backend.after_migrate(conn, latest)
    return applied


def schema_version(conn: StoreConnection) -> int:
    """The version recorded in ``schema_version`` (0 when no step was recorded)."""
    return int(conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0])
