"""Several nodes on one PostgreSQL store: each names its calls, a lost node's calls are closed by another
(what it flushed stays reviewable), and the other nodes' calls lose nothing."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import soundfile as sf

from coach.store import StoreWriter
from coach.store.config import StoreConfig
from coach.types import Lane
from tests.store_backends import (  # noqa: F401  (fixtures)
    assert_flushed_part_is_reviewable,
    kill_a_writer_mid_call,
    pg_url_fixture,
    postgres_fixture,
    reader_of,
    store_cfg_fixture,
)

LOST = "node n1 lost (no heartbeat)"


def _block(i: int) -> np.ndarray:
    t = (np.arange(1600) + i * 1600) / 16000
    return (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)


def _talk(writer: StoreWriter, call_id: str, first: int, count: int) -> None:
    """``count`` 0.1 s blocks of both lanes and one event per block, from block ``first``."""
    for i in range(first, first + count):
        for lane in Lane:
            writer.push_audio(call_id, lane, i * 1600, _block(i))
        at = round((i + 1) * 0.1, 3)
        writer.add_events(call_id, [{"type": "prosody", "t": at, "at": at, "speaker": "agent"}])


def test_a_lost_nodes_calls_are_closed_by_another_node_and_the_others_lose_nothing(pg_url, tmp_path):
    shared = StoreConfig(url=pg_url, recordings_dir=str(tmp_path / "recordings"), retention_days=0)
    kill_a_writer_mid_call(dataclasses.replace(shared, node_id="n1"), "on-n1")  # node n1 dies mid-call

    n2 = StoreWriter(dataclasses.replace(shared, node_id="n2"))
    assert n2.start() == []  # n2's start recovers n2's calls only: n1's is not n2's to close
    n2.create_call("on-n2", agent_id="ann", source="test", metadata={})
    _talk(n2, "on-n2", 0, 20)
    assert n2.sync()
    assert [(c["id"], c["node_id"]) for c in n2.live_calls()] == [("on-n1", "n1"), ("on-n2", "n2")]

    assert n2.mark_node_calls_incomplete("n1", LOST) == ["on-n1"]
    assert n2.mark_node_calls_incomplete("n1", LOST) == []  # a second monitor finds nothing left to mark
    assert [c["id"] for c in n2.live_calls()] == ["on-n2"]
    assert n2.wait_repairs()  # the recording's header is rewritten after the status change
    call = assert_flushed_part_is_reviewable(reader_of(shared), "on-n1")
    assert (call["end_reason"], call["node_id"]) == (LOST, "n1")

    _talk(n2, "on-n2", 20, 20)  # n2's call goes on to its end, untouched
    n2.end_call("on-n2", complete=True, reason=None, summary={"duration_s": 4.0})
    n2.stop()
    reader = reader_of(shared)
    survivor = reader.get_call("on-n2")
    assert (survivor["status"], survivor["node_id"], survivor["duration_s"]) == ("complete", "n2", 4.0)
    assert [e["at"] for e in reader.events("on-n2")] == pytest.approx([(i + 1) * 0.1 for i in range(40)])
    path, _ = reader.recording_path("on-n2")
    assert sf.info(str(path)).frames == 40 * 1600
    assert reader.live_calls() == []


def test_a_call_closed_as_lost_stays_incomplete_when_its_node_comes_back(store_cfg):
    """A node wrongly declared lost (a network split) ends its call later: the call keeps the status the
    floor was shown, while every event the node wrote is kept."""
    writer = StoreWriter(dataclasses.replace(store_cfg, node_id="n1"))
    writer.start()
    writer.create_call("c", agent_id="joe", source="test", metadata={})
    _talk(writer, "c", 0, 10)
    assert writer.sync()
    assert writer.mark_node_calls_incomplete("n1", LOST) == ["c"]  # works beside the writer's own connection
    _talk(writer, "c", 10, 10)
    writer.end_call("c", complete=True, reason=None, summary=None)
    writer.stop()
    reader = reader_of(store_cfg)
    call = reader.get_call("c")
    assert (call["status"], call["end_reason"]) == ("incomplete", LOST)
    assert len(reader.events("c")) == 20
    assert writer.status()["error"] is None
