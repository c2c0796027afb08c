"""PostgreSQL's own cases: connections the server ends (a restart, a failover, an administrator) are replaced."""

from __future__ import annotations

from coach.store import StoreWriter
from coach.store.config import StoreConfig
from coach.store.postgres import CHECK_IDLE_S
from tests.store_backends import pg_url_fixture, postgres_fixture, reader_of  # noqa: F401

EVENT = {"type": "speech", "t": 0.0, "at": 1.0, "speaker": "agent", "end": 0.5}


def _end_every_other_session(postgres) -> int:
    """What a server restart does to the store's open connections; returns how many were ended."""
    with postgres.connect() as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE pid <> pg_backend_pid() AND datname = current_database()"
        ).fetchall()
    return len(rows)


def test_a_writer_whose_connection_was_ended_reconnects_and_goes_on(pg_url, postgres, tmp_path):
    cfg = StoreConfig(url=pg_url, recordings_dir=str(tmp_path / "recordings"), retention_days=0, flush_s=0.1)
    writer = StoreWriter(cfg)
    writer.start()
    writer.create_call("c", agent_id="joe", source="test", metadata={})
    writer.add_events("c", [EVENT])
    assert writer.sync()
    assert _end_every_other_session(postgres) >= 1
    writer.add_events("c", [{**EVENT, "at": 2.0}])
    assert writer.sync()  # this write fails: the connection is gone (the writer connects again)
    assert "terminating connection" in writer.status()["last_error"]
    writer.add_events("c", [{**EVENT, "at": 3.0}])
    writer.end_call("c", complete=True, reason=None, summary=None)
    assert writer.sync()
    writer.stop()
    assert writer.status()["error"] is None  # the last commit went through
    reader = reader_of(cfg)
    assert [e["at"] for e in reader.events("c")] == [1.0, 3.0]  # only the transaction in flight was lost
    assert reader.get_call("c")["status"] == "complete"


def test_a_reader_replaces_a_pooled_connection_the_server_ended(pg_url, postgres, tmp_path):
    cfg = StoreConfig(url=pg_url, recordings_dir=str(tmp_path), retention_days=0)
    writer = StoreWriter(cfg)
    writer.start()
    writer.stop()
    reader = reader_of(cfg)
    assert reader.get_call("nope") is None  # its connection goes back to the pool
    assert _end_every_other_session(postgres) >= 1
    for conn in reader.backend._idle:
        conn.returned_at -= CHECK_IDLE_S  # as if it had idled that long
    assert reader.get_call("nope") is None
    assert reader.live_calls() == []
