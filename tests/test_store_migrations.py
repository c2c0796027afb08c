"""Versioned schema of the call store: an old SQLite store upgrades in place, a rerun changes nothing,
a newer store is refused, a failing step leaves the previous version, nodes migrating at once agree."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from coach.store import StoreError, StoreReader, StoreWriter, open_backend
from coach.store.config import StoreConfig
from coach.store.migrations import LATEST, MIGRATIONS, Migration, migrate, schema_version
from coach.store.postgres import PostgresBackend
from tests.store_backends import open_store, pg_url_fixture, postgres_fixture, store_cfg_fixture  # noqa: F401

# The schema as the store wrote it before migrations existed (version 1 in PRAGMA user_version), verbatim.
SCHEMA_BEFORE_MIGRATIONS = """
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
BASELINES_BEFORE_MIGRATIONS = """
CREATE TABLE IF NOT EXISTS agent_baselines (
    agent_id TEXT PRIMARY KEY,
    loudness_db REAL NOT NULL,
    pitch_hz REAL,
    speech_s REAL NOT NULL,
    updated_at REAL NOT NULL,
    calls INTEGER NOT NULL DEFAULT 1
);
"""


def _old_store(path, *, with_baselines: bool) -> None:
    """A store as the previous code left it: one finished call, one call left live by a crash."""
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA_BEFORE_MIGRATIONS + (BASELINES_BEFORE_MIGRATIONS if with_baselines else ""))
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO calls (id, agent_id, source, started_at, ended_at, duration_s, status, peak_level, peak_rank,"
        " nudges, summary) VALUES ('done', 'joe', 'test', 1780000000.0, 1780000060.0, 60.0, 'complete', 'tense', 1,"
        " '{\"dead_air\": 1}', '{\"duration_s\": 60.0}')"
    )
    conn.execute(
        "INSERT INTO calls (id, agent_id, source, started_at, status) VALUES ('left', 'ann', 'test', 1.0, 'live')"
    )
    conn.executemany(
        "INSERT INTO events (call_id, seq, type, at, data) VALUES (?, ?, ?, ?, ?)",
        [
            ("done", 1, "nudge", 10.0, '{"type": "nudge", "t": 10.0, "at": 10.0, "kind": "dead_air"}'),
            ("left", 1, "escalation", 5.0, '{"type": "escalation", "t": 5.0, "at": 5.0, "level": "escalated"}'),
        ],
    )
    conn.commit()
    conn.close()


@pytest.mark.parametrize("with_baselines", [True, False])
def test_a_sqlite_store_from_before_migrations_upgrades_in_place(tmp_path, with_baselines):
    db = tmp_path / "calls.sqlite3"
    _old_store(db, with_baselines=with_baselines)

    writer = StoreWriter(StoreConfig(path=str(db), retention_days=0, node_id="desk"))
    assert writer.start() == ["left"]  # the crashed call, recovered as before
    writer.create_call("new", agent_id="joe", source="test", metadata={})
    writer.end_call("new", complete=True, reason=None, summary=None)
    writer.stop()

    conn = sqlite3.connect(db)
    versions = [row[0] for row in conn.execute("SELECT version FROM schema_version ORDER BY version")]
    user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.close()
    assert versions == [m.version for m in MIGRATIONS] == list(range(1, LATEST + 1))
    assert user_version == LATEST > 1  # a coach from before migrations refuses the upgraded store
    reader = StoreReader(db, tmp_path / "recordings")
    done = reader.get_call("done")
    assert (done["status"], done["peak_level"], done["nudges"], done["node_id"]) == (
        "complete",
        "tense",
        {"dead_air": 1},
        "",
    )
    assert done["summary"] == {"duration_s": 60.0}
    assert reader.events("done") == [{"type": "nudge", "t": 10.0, "at": 10.0, "kind": "dead_air"}]
    left = reader.get_call("left")
    assert (left["status"], left["peak_level"], left["duration_s"]) == ("incomplete", "escalated", 5.0)
    assert reader.get_call("new")["node_id"] == "desk"
    assert reader.agent_baseline("joe") is None  # the table exists now, even in the oldest stores


def test_migrating_again_changes_nothing(store_cfg):
    open_store(store_cfg).close()
    open_store(store_cfg).close()  # a second start of the same store
    backend = open_backend(store_cfg)
    conn = backend.connect()
    try:
        assert migrate(backend, conn) == []
        rows = conn.execute("SELECT version, name FROM schema_version ORDER BY version").fetchall()
    finally:
        conn.close()
    assert [(r[0], r[1]) for r in rows] == [(m.version, m.name) for m in MIGRATIONS]


def test_a_store_newer_than_the_code_is_refused_with_the_reason(store_cfg):
    open_store(store_cfg).close()
    backend = open_backend(store_cfg)
    conn = backend.connect()
    conn.execute("INSERT INTO schema_version (version, name, applied_at) VALUES (?, 'from the future', 0)", (99,))
    conn.close()
    with pytest.raises(StoreError, match=f"schema version 99, newer than this coach understands \\({LATEST}\\)"):
        open_store(store_cfg)
    writer = StoreWriter(store_cfg)
    with pytest.raises(StoreError, match="newer than this coach"):
        writer.start()


def test_a_failing_step_leaves_the_previous_version_whole(store_cfg):
    open_store(store_cfg).close()
    broken = Migration(
        LATEST + 1,
        "a step that fails half way",
        sqlite=("CREATE TABLE half (x INTEGER)", "SELECT * FROM no_such_table"),
        postgresql=("CREATE TABLE half (x INTEGER)", "SELECT * FROM no_such_table"),
    )
    backend = open_backend(store_cfg)
    conn = backend.connect()
    try:
        with pytest.raises(backend.errors):
            migrate(backend, conn, (*MIGRATIONS, broken))
        assert schema_version(conn) == LATEST
        with pytest.raises(backend.errors):
            conn.execute("SELECT * FROM half")  # the first statement of the step was rolled back too
    finally:
        conn.close()
    open_store(store_cfg).close()  # and the store still opens


def test_nodes_starting_at_once_migrate_a_new_database_once(pg_url):
    backend = PostgresBackend(pg_url)
    start = threading.Barrier(4)
    applied: list[list[int]] = []
    errors: list[BaseException] = []

    def node() -> None:
        conn = backend.connect()
        try:
            start.wait()
            applied.append(migrate(backend, conn))
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            conn.close()

    threads = [threading.Thread(target=node) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    assert sorted(applied) == [[], [], [], list(range(1, LATEST + 1))]
