"""The Redis Streams bus between nodes, on a real private Redis server (tests/services_redis.py).

Nodes here are live boards with their hubs in this process (one event loop), except the node that
is killed: a separate Python process, SIGKILLed, so nothing says goodbye for it. Heartbeats use short
configured intervals; every wait is on a condition with a generous failsafe, never a speed assert.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import signal
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
import redis

from coach.bus.config import BusConfig
from coach.bus.lag import measure
from coach.bus.nodes import NODE_LOST, lost_origins
from coach.bus.records import Origin
from coach.bus.redis_bus import RedisBus
from coach.bus.setup import store_marker
from coach.errors import CoachError, ConfigError
from coach.server.board import LiveBoard
from coach.server.floor import CallTile
from coach.server.hub import CLOSE_TOO_SLOW, Hub, Relay
from coach.store.config import StoreConfig
from coach.store.query import CallQuery
from coach.store.writer import StoreWriter
from tests.services_pg import pg_url_fixture, postgres_fixture  # noqa: F401  (fixtures)
from tests.services_redis import RedisServer

ROOT = Path(__file__).resolve().parent.parent
FAILSAFE_S = 20.0
HEARTBEAT_S = 0.05
NODE_LOST_S = 3.0
"""Test nodes beat often but are found lost only after 3 s without a beat: a node starved of CPU for a
second on a busy machine is not lost by mistake (the killed node's tests wait those 3 s)."""


class Page:
    """A page's socket: records what it is sent; ``stalled`` never finishes a send (a frozen tab)."""

    def __init__(self, stalled: bool = False) -> None:
        self.stalled = stalled
        self.received: list[dict] = []
        self.closed: tuple[int, str] | None = None

    async def send(self, message: str) -> None:
        if self.stalled:
            await asyncio.Event().wait()
        self.received.append(json.loads(message))

    async def close(self, code: int = 1000, reason: str = "") -> None:
        self.closed = (code, reason)

    def kinds(self, kind: str) -> list[dict]:
        return [m for m in self.received if m["kind"] == kind]


class Node:
    """One node's live board, hub and bus."""

    def __init__(self, url: str, prefix: str, node_id: str, marks: list | None = None) -> None:
        self.hub = Hub()
        self.board = LiveBoard(self.hub, floor_interval_s=0.05, ended_linger_s=60.0)
        cfg = BusConfig(url=url, prefix=prefix, heartbeat_s=HEARTBEAT_S, node_lost_s=NODE_LOST_S)
        marker = None if marks is None else (lambda node, calls: marks.append((node, calls)))
        self.bus = RedisBus(cfg, self.board, node_id, on_node_lost=marker)

    def page(self, topic: str, *, stalled: bool = False, max_messages: int = 10_000) -> Page:
        page = Page(stalled)
        relay = Relay(page, name=topic, max_messages=max_messages, max_lag_s=600)
        self.hub.subscribe(topic, relay)
        relay.start()
        return page

    def call(self, call_id: str, agent_id: str) -> None:
        self.board.add_call(CallTile(call_id=call_id, agent_id=agent_id, source="test", started_at=1.0e9))


def escalation(at: float, level: str, score: float) -> dict:
    return {"type": "escalation", "t": at, "at": at, "level": level, "score": score}


async def until(condition: Callable[[], bool]) -> None:
    """Wait for ``condition`` (a failsafe of FAILSAFE_S fails the test rather than hang it)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + FAILSAFE_S
    while not condition():
        assert loop.time() < deadline, "condition not reached before the failsafe"
        await asyncio.sleep(0.01)


@pytest.fixture
def prefix() -> str:
    return f"t{uuid.uuid4().hex[:10]}"


def test_two_nodes_see_each_others_calls_on_their_floors_agent_pages_and_alerts(redis_server, prefix):
    async def scenario():
        a, b = Node(redis_server.url, prefix, "a"), Node(redis_server.url, prefix, "b")
        await a.bus.start()
        await b.bus.start()
        floor_b, agent_page_b = b.page("floor"), b.page("agent:ann")
        a.call("a1", "ann")
        b.call("b1", "bob")
        a.board.on_events("a1", [escalation(3.0, "tense", 0.5)], 1000.0)
        a.board.on_events("a1", [escalation(6.0, "escalated", 0.8)], 2000.0)
        await until(
            lambda: "b1" in a.board.tiles and b.board.tiles.get("a1") and b.board.tiles["a1"].level == "escalated"
        )
        b.board.flush_floor()
        a.board.end_call("a1", complete=True, reason=None)
        await until(lambda: b.board.tiles["a1"].status == "ended")
        await until(lambda: len(agent_page_b.received) >= 4)
        # b counts the other live nodes on its watch tick, not when asked: wait for a tick that saw a's
        # heartbeat (on a loaded machine the stats could otherwise be read before the first such tick)
        await until(lambda: b.bus.stats()["other_nodes_alive"] == 1)
        stats = b.bus.stats()
        await a.bus.stop()
        await b.bus.stop()
        return a, b, floor_b, agent_page_b, stats

    a, b, floor_b, agent_page_b, stats = asyncio.run(scenario())
    assert set(a.board.tiles) == set(b.board.tiles) == {"a1", "b1"}
    tiles = {t["call_id"]: t for m in floor_b.kinds("tiles") for t in m["tiles"]}
    assert tiles["a1"]["level"] == "escalated" and tiles["a1"]["agent_id"] == "ann"
    assert [m["call_id"] for m in floor_b.kinds("alert")] == ["a1"]  # the alert crosses nodes once
    events = [m for m in agent_page_b.kinds("event")]
    assert [(m["event"]["level"], m["emitted"]) for m in events] == [("tense", 1000.0), ("escalated", 2000.0)]
    assert [m["tile"]["status"] for m in agent_page_b.kinds("call")] == ["live", "ended"]
    assert stats["ok"] and stats["remote_calls"] == 0 and stats["applied"] == 4  # start, 2 batches, end
    assert stats["other_nodes_alive"] == 1 and stats["node_id"] == "b"


NODE_SCRIPT = textwrap.dedent("""
    import asyncio, sys
    from coach.bus.config import BusConfig
    from coach.bus.redis_bus import RedisBus
    from coach.server.board import LiveBoard
    from coach.server.floor import CallTile
    from coach.server.hub import Hub
    from coach.store.config import StoreConfig
    from coach.store.writer import StoreWriter

    async def main():
        if len(sys.argv) > 3:  # a shared store: the node's calls are in it, live, as it dies
            cfg = StoreConfig(url=sys.argv[3], recordings_dir=sys.argv[4], retention_days=0, node_id="k")
            writer = StoreWriter(cfg)
            writer.start()
            for call_id in ("k1", "k2"):
                writer.create_call(call_id, agent_id="kim", source="test", metadata={})
            assert writer.sync()
        board = LiveBoard(Hub(), floor_interval_s=0.05, ended_linger_s=60.0)
        cfg = BusConfig(url=sys.argv[1], prefix=sys.argv[2], heartbeat_s=0.05, node_lost_s=3.0)  # as NODE_LOST_S
        bus = RedisBus(cfg, board, "k")
        await bus.start()
        for call_id in ("k1", "k2"):
            board.add_call(CallTile(call_id=call_id, agent_id="kim", source="test", started_at=1.0e9))
        board.on_events("k1", [{"type": "escalation", "t": 1.0, "at": 1.0, "level": "tense", "score": 0.4}], 1.0)
        while bus.published < 3:
            await asyncio.sleep(0.01)
        print("ready", flush=True)
        await asyncio.Event().wait()

    asyncio.run(main())
""")


async def start_node_k(*args: str) -> asyncio.subprocess.Process:
    """Node ``k`` with calls k1 and k2 (in the store too when given its url and recordings folder)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", NODE_SCRIPT, *args, env=env, stdout=subprocess.PIPE
    )
    assert (await asyncio.wait_for(proc.stdout.readline(), FAILSAFE_S)).strip() == b"ready"
    return proc


def test_a_killed_nodes_calls_end_incomplete_on_every_floor_and_the_others_lose_nothing(redis_server, prefix):
    marks: list[tuple[str, list[str]]] = []

    async def scenario():
        a, b = Node(redis_server.url, prefix, "a", marks), Node(redis_server.url, prefix, "b", marks)
        await a.bus.start()
        await b.bus.start()
        agent_page_b = b.page("agent:ann")
        a.call("a1", "ann")
        proc = await start_node_k(redis_server.url, prefix)
        # k1's level has arrived on both floors before the kill (fresh-clone run 126 once killed k between the
        # tiles' arrival and the level's): what arrived must stay
        await until(
            lambda: (
                all(c in n.board.tiles for n in (a, b) for c in ("k1", "k2"))
                and all(n.board.tiles["k1"].level == "tense" for n in (a, b))
            )
        )
        proc.send_signal(signal.SIGKILL)
        await proc.wait()
        for i in range(40):  # call a1 goes on while k is being found lost
            a.board.on_events("a1", [escalation(float(i), "calm", 0.1)], float(i))
            await asyncio.sleep(0.01)
        await until(lambda: all(n.board.tiles[c].status != "live" for n in (a, b) for c in ("k1", "k2")))
        await until(lambda: len(agent_page_b.kinds("event")) == 40 and marks)
        nodes = {"a": a, "b": b}
        tiles = {(n, c): (t.status, t.end_reason, t.level) for n in nodes for c, t in nodes[n].board.tiles.items()}
        marked = list(marks)
        await a.bus.stop()
        await b.bus.stop()
        return tiles, agent_page_b, marked

    tiles, agent_page_b, marked = asyncio.run(scenario())
    for node in "ab":
        assert tiles[node, "k1"] == ("incomplete", NODE_LOST, "tense")  # what arrived before the kill stays
        assert tiles[node, "k2"] == ("incomplete", NODE_LOST, None)
        assert tiles[node, "a1"] == ("live", None, "calm")
    assert [m["emitted"] for m in agent_page_b.kinds("event")] == [float(i) for i in range(40)]
    assert marked == [("k", ["k1", "k2"])]  # one node marks the store, once


def test_the_node_that_finds_a_node_lost_marks_its_calls_incomplete_in_the_shared_store(
    redis_server, prefix, pg_url, tmp_path
):
    shared = StoreConfig(url=pg_url, recordings_dir=str(tmp_path / "recordings"), retention_days=0)
    writer = StoreWriter(dataclasses.replace(shared, node_id="b"))
    writer.start()
    writer.create_call("b1", agent_id="bob", source="test", metadata={})
    assert writer.sync()

    async def scenario():
        b = Node(redis_server.url, prefix, "b")
        b.bus.on_node_lost = store_marker(writer)
        await b.bus.start()
        proc = await start_node_k(redis_server.url, prefix, pg_url, shared.recordings_dir)
        await until(lambda: all(c in b.board.tiles for c in ("k1", "k2")))
        proc.send_signal(signal.SIGKILL)
        await proc.wait()
        await until(lambda: b.bus.lost_nodes == 1)
        await b.bus.stop()

    asyncio.run(scenario())
    assert writer.wait_repairs()
    calls = {c["id"]: c for c in writer.reader().list_calls(CallQuery.from_params({}))[0]}
    writer.stop()
    assert {c: (calls[c]["status"], calls[c]["end_reason"]) for c in calls} == {
        "k1": ("incomplete", NODE_LOST), "k2": ("incomplete", NODE_LOST), "b1": ("live", None)
    }  # fmt: skip


def test_remote_calls_reach_pages_through_the_same_bounded_relays(redis_server, prefix):
    async def scenario():
        a, b = Node(redis_server.url, prefix, "a"), Node(redis_server.url, prefix, "b")
        await a.bus.start()
        await b.bus.start()
        good, stalled = b.page("agent:ann"), b.page("agent:ann", stalled=True, max_messages=50)
        a.call("a1", "ann")
        for i in range(200):
            a.board.on_events("a1", [escalation(float(i), "calm", 0.1)], float(i))
        await until(lambda: len(good.kinds("event")) == 200 and stalled.closed is not None)
        stats = b.hub.stats()
        await a.bus.stop()
        await b.bus.stop()
        return good, stalled, stats

    good, stalled, stats = asyncio.run(scenario())
    assert [m["emitted"] for m in good.kinds("event")] == [float(i) for i in range(200)]
    assert stalled.closed[0] == CLOSE_TOO_SLOW and "too slow: 50 messages" in stalled.closed[1]
    assert stats["dropped_clients"] == 1 and stats["clients"] == 1


def test_a_node_started_later_shows_the_calls_live_now_with_their_history(redis_server, prefix):
    async def scenario():
        a = Node(redis_server.url, prefix, "a")
        await a.bus.start()
        a.call("old", "ann")
        a.board.end_call("old", complete=True, reason=None)
        a.call("a1", "ann")
        a.board.on_events("a1", [escalation(2.0, "tense", 0.5)], 5.0)
        await until(lambda: a.bus.published == 4)
        while "a1" not in ((await a.bus.beats.read(["a"]))["a"] or {}).get("calls", []):
            await asyncio.sleep(0.01)  # until a's heartbeat lists a1 as live
        b = Node(redis_server.url, prefix, "b")
        await b.bus.start()
        await until(lambda: "a1" in b.board.tiles and b.board.tiles["a1"].level == "tense")
        snapshot = json.loads(b.board.snapshot_message(["a1"]))
        await a.bus.stop()
        await b.bus.stop()
        return b, snapshot

    b, snapshot = asyncio.run(scenario())
    assert set(b.board.tiles) == {"a1"}  # the call that ended before b started is not brought back
    assert [e["event"]["level"] for e in snapshot["calls"][0]["events"]] == ["tense"]


def test_consumer_lag_counts_entries_and_seconds_behind(redis_server, prefix):
    client = redis.Redis.from_url(redis_server.url)
    stream = f"{prefix}:events"
    now_ms = int(client.time()[0] * 1000)
    ids = [client.xadd(stream, {"m": b"x"}, id=f"{now_ms - 2000 + 500 * i}-0").decode() for i in range(5)]
    client.close()

    async def scenario():
        r = redis.asyncio.Redis.from_url(redis_server.url)
        lags = [await measure(r, stream, last) for last in ("0-0", ids[2], ids[4])]
        await r.aclose()
        return lags

    behind_all, behind_two, caught_up = asyncio.run(scenario())
    assert behind_all.entries == 5 and 1.9 < behind_all.seconds < 60
    assert behind_two.entries == 2 and behind_two.seconds < behind_all.seconds - 1.0  # its oldest is 1.5 s younger
    assert caught_up.to_json() == {"entries": 0, "seconds": 0.0, "capped": False}


def test_while_redis_is_away_the_outbox_stays_bounded_and_the_bus_reports_it(prefix):
    own = RedisServer.start()  # a server of this test's own, stopped under the node

    async def scenario():
        board = LiveBoard(Hub(), floor_interval_s=0.05, ended_linger_s=60.0)
        bus = RedisBus(BusConfig(url=own.url, prefix=prefix, outbox=100), board, "a")
        await bus.start()
        own.stop()
        board.add_call(CallTile(call_id="a1", agent_id="ann", source="test", started_at=1.0e9))
        for i in range(300):
            board.on_events("a1", [escalation(float(i), "calm", 0.1)], float(i))
        await until(lambda: (bus.error or "").startswith("publish"))  # tried, failed, batch put back
        stats = bus.stats()
        await bus.stop(timeout=0.5)
        return stats

    stats = asyncio.run(scenario())
    assert (stats["published"], stats["outbox"], stats["publish_dropped"]) == (0, 100, 201)
    assert not stats["ok"] and "ConnectionError" in stats["error"]


def test_a_node_that_cannot_reach_redis_fails_to_start_with_the_address():
    async def scenario():
        hub = Hub()
        board = LiveBoard(hub, floor_interval_s=0.05, ended_linger_s=1.0)
        bus = RedisBus(BusConfig(url="redis://127.0.0.1:1/0"), board, "n")
        with pytest.raises(CoachError, match="cannot reach the event bus at redis://127.0.0.1:1/0"):
            await bus.start()
        return board

    board = asyncio.run(scenario())
    assert board.link is None  # a node that cannot reach Redis is not half linked


def test_a_node_restarted_under_the_same_id_is_a_lost_incarnation():
    old, other = Origin("k", "boot1"), Origin("j", "boot9")
    assert lost_origins([old, other], {"k": {"boot": "boot2"}, "j": {"boot": "boot9"}}) == {old}
    assert lost_origins([old, other], {"j": {"boot": "boot9"}}) == {old}  # expired: no heartbeat at all
    assert lost_origins([old], {"k": {"boot": "boot1"}}) == set()


@pytest.mark.parametrize(
    ("fields", "message"),
    [({"url": "http://x"}, "url"), ({"heartbeat_s": 2.0, "node_lost_s": 3.0}, "under 5 s"),
     ({"heartbeat_s": 3.0, "node_lost_s": 1.0}, "shorter than node_lost_s")],
)  # fmt: skip
def test_bus_settings_are_checked(fields, message):
    with pytest.raises(ConfigError, match=message):
        BusConfig(**fields)
