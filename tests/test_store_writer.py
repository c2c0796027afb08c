"""The store writer never blocks its callers: a slow disk sheds audio first, never a call's start or end.

A slow disk cannot be produced on demand in CI, so the disk is a stand-in: a real :class:`CallStore`
whose recording writes wait on a gate the test opens. Shedding episodes are timed on an injected
clock. Only the "did the call finish" check has a wall-clock limit, as a failsafe against a hang.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time

import numpy as np
import pytest

from coach.store import CallStore, StoreWriter, open_backend
from coach.store.config import StoreConfig
from coach.types import Lane
from tests.store_backends import pg_url_fixture, postgres_fixture, reader_of, store_cfg_fixture  # noqa: F401


class SlowDisk(CallStore):
    """A real call store whose recording writes stall until ``gate`` is set."""

    def __init__(self, cfg: StoreConfig, gate: threading.Event) -> None:
        super().__init__(open_backend(cfg), cfg.recordings_dir or None)
        self.gate = gate

    def push_audio(self, *args, **kwargs) -> None:
        self.gate.wait()
        super().push_audio(*args, **kwargs)


def _until(predicate, failsafe_s: float = 30.0) -> None:
    deadline = time.monotonic() + failsafe_s
    while not predicate():
        assert time.monotonic() < deadline, "the writer thread never got there"
        time.sleep(0.01)


def test_a_slow_disk_sheds_audio_then_events_but_the_call_is_still_opened_and_closed(store_cfg, caplog):
    gate = threading.Event()
    clock = [100.0]
    writer = StoreWriter(
        dataclasses.replace(store_cfg, queue_items=100),
        monotonic=lambda: clock[0],
        open_store=lambda cfg: SlowDisk(cfg, gate),
    )
    writer.start()
    block = np.zeros(1600, dtype=np.float32)
    writer.create_call("c1", agent_id="joe", source="test", metadata={})
    assert writer.push_audio("c1", Lane.AGENT, 0, block)
    _until(lambda: writer.status()["pending"] == 0)  # the writer thread is now stuck on the disk

    with caplog.at_level(logging.WARNING, logger="coach.store.writer"):
        audio = [writer.push_audio("c1", Lane.AGENT, 1600 * (i + 1), block) for i in range(150)]
        events = [writer.add_events("c1", [{"type": "speech", "t": i, "at": i}]) for i in range(15)]
        writer.end_call("c1", complete=True, reason=None, summary={"duration_s": 1.0})

    assert audio.count(True) == 100 and audio.count(False) == 50  # audio is shed at queue_items
    assert events.count(True) == 10 and events.count(False) == 5  # events have a reserve of a tenth more
    status = writer.status()
    assert status["shedding"] and not status["ok"]
    assert status["shed"] == {"audio": 50, "events": 5} and status["dropped_writes"] == 55
    shed_logs = [r for r in caplog.records if "shedding" in r.getMessage()]
    assert len(shed_logs) == 1  # once per episode, with counts only

    clock[0] += 11.0  # the episode is over once nothing has been shed for SHEDDING_HOLD_S
    assert not writer.status()["shedding"]

    gate.set()  # the disk catches up
    assert writer.sync(timeout=30)
    writer.stop()
    reader = reader_of(store_cfg)
    call = reader.get_call("c1")
    assert call["status"] == "complete"  # the end was never shed
    assert len(reader.events("c1")) == 10
    assert call["recording"]["seconds"] == pytest.approx(10.1)  # the first write and the 100 admitted ones
