"""Cluster benchmark of ``coach serve`` (issue 13): nodes sharing one floor through Redis and one PostgreSQL store.

Starts a private Redis and PostgreSQL (the test fixtures' code: ``tests/services_redis.py``,
``tests/services_pg.py``) on free loopback ports, then two runs with the same calls:

1. *single*: one ``coach serve`` node (``[bus]`` in-process, the default) holding every call;
2. *cluster*: ``--nodes`` nodes (``[bus] url`` = the Redis), calls spread round-robin over them, and
   the last node SIGKILLed ``--kill-after`` seconds into the calls.

Every node: loopback, ``--no-auth``, transcription off, the shared PostgreSQL store and one shared
recordings folder. From this process: ``--calls`` replays of the demo call paced in real time (starts
spread over ``--spread`` s, ingest websocket, 100 ms stereo messages), and, on the first node only,
one floor page and one agent page per call (one agent per call). Reported: event -> page latency
(arrival minus the analysis' ``emitted`` stamp, same clock) for calls on the floor's node and on the
others, floor tile latency (tiles are batched every [server] floor_interval_s by design), events lost (stored in
PostgreSQL but not received by the agent page on the first node; calls of the killed node excluded),
how long after the kill the floor showed every call of the killed node ended incomplete, and the
nodes' CPU. The machine's load average is printed: other jobs may share it.

    .venv/bin/python scripts/bench_cluster.py [--nodes 3] [--calls 16] [--seconds 45] [--kill-after 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_fanout import PageClient, cpu_seconds, pct, start_server  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402

from coach.errors import CoachError  # noqa: E402
from coach.server.client import paced_chunks, send_call  # noqa: E402
from coach.server.replay import excerpt  # noqa: E402
from coach.sources.recording import load_recording  # noqa: E402
from tests.services_pg import PostgresServer  # noqa: E402
from tests.services_redis import RedisServer  # noqa: E402

CHUNK_MS = 100


def get_json(url: str) -> object:
    with urllib.request.urlopen(url, timeout=20) as resp:
        return json.load(resp)


class FloorClient:
    """The floor page: every tile's latency, and when each call was first seen with each status."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.tile_ms: dict[str, list[float]] = {}  # call_id -> latencies, ms
        self.status_at: dict[tuple[str, str], float] = {}  # (call_id, status) -> first arrival, wall ms
        self.error: str | None = None

    async def run(self, stop: asyncio.Event) -> None:
        try:
            async with connect(self.url, max_size=2**24, compression=None, open_timeout=60) as ws:
                while not stop.is_set():
                    try:
                        raw = await asyncio.wait_for(ws.recv(), timeout=0.5)
                    except TimeoutError:
                        continue
                    now = time.time() * 1000.0
                    msg = json.loads(raw)
                    tiles = msg.get("tiles", []) if msg.get("kind") in ("tiles", "floor") else []
                    for tile in tiles:
                        if msg["kind"] == "tiles" and tile.get("emitted"):
                            self.tile_ms.setdefault(tile["call_id"], []).append(now - tile["emitted"])
                        self.status_at.setdefault((tile["call_id"], tile["status"]), now)
        except Exception as exc:  # reported: a floor that lost its connection must not go unnoticed
            self.error = f"{type(exc).__name__}: {exc}"


def node_config(folder: Path, name: str, pg_url: str, redis_url: str) -> Path:
    """One node's TOML: transcription off, the shared store and recordings, the bus when ``redis_url``."""
    bus = f'[bus]\nurl = "{redis_url}"\nprefix = "bench-{folder.name}"\n' if redis_url else ""
    text = (
        f'[server]\ntranscribe = false\n[store]\nurl = "{pg_url}"\nrecordings_dir = "{folder / "recordings"}"\n'
        f'node_id = "{name}"\nretention_days = 0\n{bus}'
    )
    path = folder / f"{name}.toml"
    path.write_text(text)
    return path


async def one_call(base: str, agent: str, recording, delay: float) -> dict:
    await asyncio.sleep(delay)
    call: dict = {"agent": agent, "server": base, "call_id": None, "summary": None, "error": None}

    def started(call_id: str) -> None:
        call["call_id"] = call_id

    chunks = (pair async for pair in paced_chunks(recording, realtime=True, chunk_ms=CHUNK_MS))
    try:
        result = await send_call(base, chunks, agent_id=agent, realtime=True, on_started=started)
        call["summary"] = result.summary
    except (CoachError, OSError, Exception) as exc:  # the killed node's calls lose their connection
        call["error"] = type(exc).__name__
    return call


async def run_part(args: argparse.Namespace, folder: Path, pg_url: str, redis_url: str, nodes: int) -> dict:
    """One run: start ``nodes`` nodes, the pages on the first, the calls; kill the last node if clustered."""
    folder.mkdir(parents=True)
    procs, bases = [], []
    for i in range(nodes):  # one at a time: the first applies the store's migrations
        proc, base = await asyncio.to_thread(
            start_server, folder, node_config(folder, f"node-{i}", pg_url, redis_url if nodes > 1 else "")
        )
        procs.append(proc)
        bases.append(base)
    recording = load_recording(ROOT / "coach" / "data" / "demo_call.flac")
    recording = excerpt(recording, 0.0, min(args.seconds, recording.duration_s))
    agents = [f"agent-{i:02d}" for i in range(args.calls)]
    ws0 = bases[0].replace("http", "ws")
    stop = asyncio.Event()
    pages = {a: PageClient(f"{ws0}/ws/agent/{a}") for a in agents}
    floor = FloorClient(f"{ws0}/ws/floor")
    tasks = [asyncio.create_task(c.run(stop)) for c in [*pages.values(), floor]]
    await asyncio.sleep(2.0)
    rng = random.Random(13)
    load0 = os.getloadavg()
    cpu0 = [cpu_seconds(p.pid) for p in procs]
    wall0 = time.monotonic()
    calls = [
        asyncio.create_task(one_call(bases[i % nodes], a, recording, rng.uniform(0.0, args.spread)))
        for i, a in enumerate(agents)
    ]
    killed_at = None
    if nodes > 1:
        await asyncio.sleep(args.kill_after)
        cpu_killed = cpu_seconds(procs[-1].pid) - cpu0[-1]
        procs[-1].kill()
        killed_at = time.time() * 1000.0
    done = await asyncio.gather(*calls)
    wall = time.monotonic() - wall0
    cpu = [cpu_seconds(p.pid) - c0 if p.poll() is None else cpu_killed for p, c0 in zip(procs, cpu0, strict=True)]
    await asyncio.sleep(6.0)  # the floor's last batches, the lost node found
    load1 = os.getloadavg()
    health = get_json(f"{bases[0]}/api/health")
    stop.set()
    await asyncio.gather(*tasks)
    lost_base = bases[-1] if nodes > 1 else None
    result = measure(done, pages, floor, bases[0], lost_base, killed_at)
    result.update(
        nodes=nodes,
        calls=args.calls,
        wall_s=round(wall, 1),
        node_cpu_cores=[round(c / wall, 3) for c in cpu],
        load_avg=[round(load0[0], 1), round(load1[0], 1)],
        floor_health_bus=health.get("bus"),
        page_errors=[c.error for c in [*pages.values(), floor] if c.error],
    )
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        await asyncio.to_thread(proc.wait, 30)
    return result


def measure(done: list[dict], pages: dict, floor: FloorClient, base0: str, lost_base: str | None, killed_at) -> dict:
    """Latencies, events lost on the surviving calls, and when the lost node's calls showed incomplete."""
    local_ms, remote_ms, lost_events, survivors, received, on_lost = [], [], 0, 0, 0, []
    tiles_local, tiles_remote = [], []
    for call in done:
        page = pages[call["agent"]]
        if call["server"] == lost_base:
            on_lost.append(call["call_id"])
            continue
        survivors += 1
        stored = get_json(f"{base0}/api/calls/{call['call_id']}/events")
        stored_n = len(stored["events"] if isinstance(stored, dict) else stored)
        received += len(page.event_ms)
        lost_events += max(0, stored_n - len(page.event_ms))
        (local_ms if call["server"] == base0 else remote_ms).extend(lat for _, lat in page.event_ms)
        (tiles_local if call["server"] == base0 else tiles_remote).extend(floor.tile_ms.get(call["call_id"], []))
    both, tiles = local_ms + remote_ms, tiles_local + tiles_remote
    out = {
        "event_ms_p50_p95_p99": [round(pct(both, q), 1) for q in (0.5, 0.95, 0.99)],
        "event_ms_floor_node_p50_p95": [round(pct(local_ms, q), 1) for q in (0.5, 0.95)],
        "event_ms_other_nodes_p50_p95": [round(pct(remote_ms, q), 1) for q in (0.5, 0.95)],
        "floor_tile_ms_p50_p95": [round(pct(tiles, q), 1) for q in (0.5, 0.95)],
        "floor_tile_ms_floor_node_p50_p95": [round(pct(tiles_local, q), 1) for q in (0.5, 0.95)],
        "floor_tile_ms_other_nodes_p50_p95": [round(pct(tiles_remote, q), 1) for q in (0.5, 0.95)],
        "surviving_calls": survivors,
        "surviving_calls_complete": sum(1 for c in done if c["server"] != lost_base and c["summary"]),
        "events_received": received,
        "events_lost": lost_events,
    }
    if killed_at is not None:
        seen = [floor.status_at.get((c, "incomplete")) for c in on_lost]
        out["killed_node_calls"] = len(on_lost)
        out["killed_calls_incomplete_on_floor"] = sum(1 for s in seen if s is not None)
        out["kill_to_floor_incomplete_s"] = round((max(seen) - killed_at) / 1000.0, 2) if all(seen) else None
        stored = [get_json(f"{base0}/api/calls/{c}") for c in on_lost]
        out["killed_calls_in_store"] = sorted({f"{s['status']} ({s.get('end_reason')})" for s in stored})
    return out


async def main(args: argparse.Namespace) -> None:
    redis, pg = RedisServer.start(), PostgresServer.start()
    try:
        with tempfile.TemporaryDirectory(prefix="coach-cluster-") as tmp:
            results = {}
            for name, nodes in (("single", 1), ("cluster", args.nodes)):
                with pg.connect() as conn:  # each part on an empty schema of its own
                    conn.execute(f"CREATE SCHEMA {name}")
                url = f"{pg.url}?options=-csearch_path%3D{name}"
                results[name] = await run_part(args, Path(tmp) / name, url, redis.url, nodes)
                print(name, json.dumps(results[name]), flush=True)
    finally:
        redis.stop()
        pg.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=3)
    parser.add_argument("--calls", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=45.0, help="call length (the demo call's first seconds)")
    parser.add_argument("--spread", type=float, default=5.0, help="call starts spread over this many seconds")
    parser.add_argument("--kill-after", type=float, default=20.0, help="seconds after the first start")
    asyncio.run(main(parser.parse_args()))
