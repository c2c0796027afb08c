"""The call store's backends for the tests: ``store_cfg`` runs a test on a SQLite file and on PostgreSQL.

Import the fixtures into a test module (``from tests.store_backends import pg_url_fixture, postgres_fixture,
store_cfg_fixture  # noqa: F401``);
the PostgreSQL server is the session's one (``tests/services_pg.py``), each test has its own schema.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from typing import Any

import pytest
import soundfile as sf

from coach.store import CallStore, StoreReader, open_backend
from coach.store.config import StoreConfig
from tests.conftest import ROOT
from tests.services_pg import pg_url_fixture, postgres_fixture  # noqa: F401  (fixtures store_cfg needs)

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(params=BACKENDS, name="store_cfg")
def store_cfg_fixture(request: pytest.FixtureRequest, tmp_path) -> StoreConfig:
    """The store of one test: a SQLite file in ``tmp_path``, or an empty PostgreSQL schema with its
    recordings in ``tmp_path/recordings`` (where the SQLite store keeps them too)."""
    if request.param == "sqlite":
        return StoreConfig(path=str(tmp_path / "calls.sqlite3"), retention_days=0)
    url = request.getfixturevalue("pg_url")
    return StoreConfig(url=url, recordings_dir=str(tmp_path / "recordings"), retention_days=0)


def open_store(cfg: StoreConfig, node_id: str = "") -> CallStore:
    """A :class:`CallStore` on ``cfg``'s database, writing calls as ``node_id``."""
    return CallStore(open_backend(cfg), cfg.recordings_dir or None, node_id=node_id)


def reader_of(cfg: StoreConfig) -> StoreReader:
    """A :class:`StoreReader` of ``cfg``'s database and recordings."""
    return StoreReader.from_config(cfg)


WRITER_THAT_DIES = textwrap.dedent(
    """
    import os, signal, sys
    import numpy as np
    from coach.config import StoreConfig
    from coach.store import StoreWriter
    from coach.types import Lane
    url, path, recordings, node_id, call_id = sys.argv[1:]
    cfg = StoreConfig(url=url, path=path, recordings_dir=recordings, node_id=node_id, flush_s=0.5, retention_days=0)
    writer = StoreWriter(cfg)
    writer.start()
    writer.create_call(call_id, agent_id="joe", source="test", metadata={})
    t = np.arange(1600) / 16000
    block = (0.3 * np.sin(2 * np.pi * 300 * t)).astype(np.float32)
    for i in range(40):  # 4 s of call; the writer's own flush (every flush_s) is synced at 3 s
        for lane in Lane:
            writer.push_audio(call_id, lane, i * 1600, block)
        at = round((i + 1) * 0.1, 3)
        writer.add_events(call_id, [{"type": "prosody", "t": at, "at": at, "speaker": "agent"}])
        if i == 29:
            assert writer.sync()  # what a flush_s tick commits: everything queued so far
    os.kill(os.getpid(), signal.SIGKILL)  # no end_call, no further flush, no close
    """
)


def kill_a_writer_mid_call(cfg: StoreConfig, call_id: str) -> None:
    """A writer process (node ``cfg.node_id``) records 4 s of ``call_id``, commits the first 3 s and is
    killed (SIGKILL) before it can write more: what a crash or a node lost mid-call leaves behind."""
    args = [cfg.url, cfg.path, cfg.recordings_dir, cfg.node_id, call_id]
    proc = subprocess.run(
        [sys.executable, "-c", WRITER_THAT_DIES, *args], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr


def assert_flushed_part_is_reviewable(reader: StoreReader, call_id: str) -> dict[str, Any]:
    """The call left by :func:`kill_a_writer_mid_call` is ``incomplete`` with everything committed before
    the kill: its events up to 3 s and a repaired recording of that length. Returns the call."""
    call = reader.get_call(call_id)
    assert call["status"] == "incomplete"
    events = reader.events(call_id)
    assert max(e["at"] for e in events) >= 3.0  # everything up to the last flush survived the kill
    path, why = reader.recording_path(call_id)
    assert why == "ok"
    info = sf.info(str(path))  # repaired: a normal FLAC file with its length in the header
    assert 3.0 - 4096 / 16000 <= info.duration <= 4.0  # the encoder may still hold one FLAC block
    assert call["recording"]["seconds"] == pytest.approx(info.duration, abs=0.01)
    assert call["duration_s"] >= 3.0 - 4096 / 16000
    return call
