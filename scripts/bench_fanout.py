"""Fan-out benchmark of ``coach serve``: many live calls, many pages, one stalled page.

Starts ``coach serve`` (loopback only, ``--no-auth``, a throw-away store) as a subprocess, then from
this process: ``--calls`` replays of the demo call paced in real time (starts spread over a few
seconds, as calls are), one agent-page websocket per call, ``--floors`` floor-page websockets, a
deliberately stalled floor client (tiny receive buffer, never reads) and optionally ``--browsers``
real agent pages in headless Chromium. Reports the event-to-client latency (server ``emitted`` stamp
to arrival here, same clock) p50/p95/p99, the floor tiles' latency, the nudge latency measured in
the browsers (to paint), the server's CPU, the audio the analysis dropped, and what happened to the
stalled client.

    .venv/bin/python scripts/bench_fanout.py [--calls 50] [--floors 5] [--seconds 79] [--browsers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from websockets.asyncio.client import connect  # noqa: E402

from coach.server.client import paced_chunks, send_call  # noqa: E402
from coach.server.replay import excerpt  # noqa: E402
from coach.sources.recording import load_recording  # noqa: E402

HOST = "127.0.0.1"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def cpu_seconds(pid: int, *, thread: int | None = None) -> float:
    """User + system CPU seconds of a process (all its threads), or of one of its threads, from /proc."""
    stat = Path(f"/proc/{pid}/task/{thread}/stat" if thread is not None else f"/proc/{pid}/stat")
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def health(base: str) -> dict:
    with urllib.request.urlopen(f"{base}/api/health", timeout=5) as resp:
        return json.load(resp)


def start_server(store: Path, config: Path, cwd: Path | None = None) -> tuple[subprocess.Popen[str], str]:
    """``coach serve`` on a free loopback port, its ``coach`` package taken from ``cwd`` (this checkout,
    when None, or a folder holding another copy); returns the process and its base URL."""
    cmd = [sys.executable, "-m", "coach.cli", "serve", "--no-auth", "--host", HOST, "--port", "0",
           "--store", str(store / "calls.sqlite3"), "--config", str(config)]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=cwd or ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline() if proc.stdout else ""
    if "serving on" not in line:
        proc.kill()
        raise SystemExit(f"bench: the server in {cwd or ROOT} did not start: {line!r}")
    return proc, line.split("serving on ")[1].strip()


class PageClient:
    """A websocket page client recording (arrival - emitted) for every event or tile it receives."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.event_ms: list[tuple[float, float]] = []  # (arrival wall ms, latency ms)
        self.nudge_ms: list[float] = []
        self.nudge_at: list[tuple[float, float]] = []  # (emitted wall ms, call-audio seconds consumed)
        self.tile_ms: list[float] = []
        self.messages = 0
        self.error: str | None = None

    async def run(self, stop: asyncio.Event) -> None:
        try:
            await self._run(stop)
        except Exception as exc:  # reported: a page that lost its connection must not go unnoticed
            self.error = f"{type(exc).__name__}: {exc}"

    async def _run(self, stop: asyncio.Event) -> None:
        async with connect(self.url, max_size=2**24, compression=None, open_timeout=60) as ws:
            stopper = asyncio.ensure_future(stop.wait())
            while not stop.is_set():
                receiver = asyncio.ensure_future(ws.recv())
                await asyncio.wait({receiver, stopper}, return_when=asyncio.FIRST_COMPLETED)
                if not receiver.done():
                    receiver.cancel()
                    break
                raw = receiver.result()
                now = time.time() * 1000.0
                msg = json.loads(raw)
                self.messages += 1
                if msg.get("kind") == "event":
                    lat = now - msg["emitted"]
                    self.event_ms.append((now, lat))
                    if msg["event"]["type"] == "nudge":
                        self.nudge_ms.append(lat)
                        self.nudge_at.append((msg["emitted"], msg["event"]["at"]))
                elif msg.get("kind") == "tiles":
                    self.tile_ms.extend(now - t["emitted"] for t in msg["tiles"] if t.get("emitted"))


def stalled_floor_client(port: int) -> socket.socket:
    """A floor page that completes the websocket handshake and then never reads (a frozen tab)."""
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
    s.connect((HOST, port))
    s.sendall(
        f"GET /ws/floor HTTP/1.1\r\nHost: {HOST}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()
    )
    if not s.recv(12).startswith(b"HTTP/1.1 101"):
        raise SystemExit("bench: the stalled client's handshake failed")
    return s


async def browsers(base: str, agents: list[str], stop: asyncio.Event, shot_after_s: float) -> dict[str, list[float]]:
    """Agent pages and one floor page in headless Chromium; returns the latencies they measured (emitted ->
    painted) and leaves screenshots of the floor and an agent page mid-run in artifacts/."""
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        print("bench: playwright not installed; no browser pages", file=sys.stderr)
        return {"nudge": [], "tile": []}
    async with async_playwright() as p:
        b = await p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        pages = []
        for agent in agents:
            page = await b.new_page(viewport={"width": 1280, "height": 800})
            await page.goto(f"{base}/agent/{agent}")
            pages.append(page)
        floor = await b.new_page(viewport={"width": 1600, "height": 1000})
        await floor.goto(f"{base}/floor")
        try:
            await asyncio.wait_for(stop.wait(), timeout=shot_after_s)
        except TimeoutError:
            (ROOT / "artifacts").mkdir(exist_ok=True)
            await floor.screenshot(path=str(ROOT / "artifacts" / "bench-floor.png"))
            if pages:
                await pages[0].screenshot(path=str(ROOT / "artifacts" / "bench-agent.png"))
        await stop.wait()
        nudge: list[float] = []
        for page in pages:
            nudge.extend(await page.evaluate("window.coachMetrics.nudgeLatencyMs"))
        tile = await floor.evaluate("window.floorMetrics.tileLatencyMs")
        await b.close()
        return {"nudge": nudge, "tile": tile}


async def bench(args: argparse.Namespace, base: str, port: int, pid: int) -> dict:
    recording = load_recording(ROOT / "coach" / "data" / "demo_call.flac")
    recording = excerpt(recording, 0.0, min(args.seconds, recording.duration_s))
    agents = [f"agent-{i:02d}" for i in range(args.calls)]
    ws_base = base.replace("http", "ws")
    stop = asyncio.Event()
    pages = {a: PageClient(f"{ws_base}/ws/agent/{a}") for a in agents}
    floors = [PageClient(f"{ws_base}/ws/floor") for _ in range(args.floors)]
    page_tasks = [asyncio.create_task(c.run(stop)) for c in [*pages.values(), *floors]]
    browser_task = None
    if args.browsers:
        shot_after = 2.0 + 1.5 * args.browsers + args.spread + 40.0
        browser_task = asyncio.create_task(browsers(base, agents[: args.browsers], stop, shot_after))
    await asyncio.sleep(2.0 + 1.5 * args.browsers)  # pages connected (browsers take a moment)
    stalled = stalled_floor_client(port) if args.stall else None
    stall_since = time.time() * 1000.0
    cpu0, wall0 = cpu_seconds(pid), time.monotonic()
    loop0 = cpu_seconds(pid, thread=pid)  # the main thread runs the event loop: HTTP, websockets, hub
    me0 = time.process_time()
    dropped_at = None

    async def watch_stall() -> None:
        nonlocal dropped_at
        while dropped_at is None and not stop.is_set():
            await asyncio.sleep(0.25)
            if health(base)["clients"]["dropped_clients"]:
                dropped_at = time.time() * 1000.0

    watcher = asyncio.create_task(watch_stall()) if stalled else None
    calls = await run_sources(args, base, agents)
    summaries = [c["summary"] for c in calls]
    origins = {c["agent"]: c["origin_ms"] for c in calls}
    cpu, wall = cpu_seconds(pid) - cpu0, time.monotonic() - wall0
    loop_cpu = cpu_seconds(pid, thread=pid) - loop0
    clients_cpu = time.process_time() - me0
    await asyncio.sleep(1.0)
    stop.set()
    await asyncio.gather(*page_tasks, return_exceptions=True)
    browser = await browser_task if browser_task else {"nudge": [], "tile": []}
    browser_ms = browser["nudge"]
    if watcher:
        watcher.cancel()
    h = health(base)
    if stalled:
        stalled.close()

    all_events = [lat for c in pages.values() for _, lat in c.event_ms]
    during_stall = [lat for c in pages.values() for at, lat in c.event_ms if dropped_at is None or at <= dropped_at]
    nudges = [lat for c in pages.values() for lat in c.nudge_ms]
    # audio played -> nudge emitted: transport, queueing and analysis on top of the rule's detection delay
    system = [emitted - origins[a] - 1000.0 * at for a, c in pages.items() for emitted, at in c.nudge_at if origins[a]]
    tiles = [lat for c in floors for lat in c.tile_ms]
    analysed = [s["duration_s"] for s in summaries if s]
    return {
        "calls": args.calls,
        "call_seconds": round(recording.duration_s, 1),
        "agent_clients": len(pages),
        "floor_clients": len(floors),
        "browser_pages": args.browsers,
        "wall_s": round(wall, 1),
        "server_cpu_s": round(cpu, 1),
        "server_cores": round(cpu / wall, 2),
        "server_loop_cpu_s": round(loop_cpu, 1),
        "page_clients_cores": round(clients_cpu / wall, 2),
        "source_processes": args.source_procs,
        "analysis_threads": args.analysis_threads,
        "transcribe": args.transcribe,
        "machine_cores": os.cpu_count(),
        "events_received": len(all_events),
        "event_ms": {k: round(pct(all_events, q), 1) for k, q in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99))},
        "event_max_ms": round(max(all_events, default=float("nan")), 1),
        "nudges_received": len(nudges),
        "nudge_ms": {k: round(pct(nudges, q), 1) for k, q in (("p50", 0.5), ("p95", 0.95))},
        "audio_to_nudge_emitted_ms": {k: round(pct(system, q), 1) for k, q in (("p50", 0.5), ("p95", 0.95))},
        "browser_nudges": len(browser_ms),
        "browser_nudge_ms": {k: round(pct(browser_ms, q), 1) for k, q in (("p50", 0.5), ("p95", 0.95))},
        "floor_tile_ms": {k: round(pct(tiles, q), 1) for k, q in (("p50", 0.5), ("p95", 0.95))},
        "browser_floor_tile_ms": {k: round(pct(browser["tile"], q), 1) for k, q in (("p50", 0.5), ("p95", 0.95))},
        "page_errors": sorted({c.error for c in [*pages.values(), *floors] if c.error}),
        "pages_without_events": sum(1 for c in pages.values() if not c.event_ms),
        "complete_calls": sum(1 for s in summaries if s),
        "analysed_s_mean": round(statistics.fmean(analysed), 2) if analysed else None,
        "stalled_client_dropped_after_s": round((dropped_at - stall_since) / 1000, 1) if dropped_at else None,
        "event_ms_while_stalled_client_connected_p95": round(pct(during_stall, 0.95), 1),
        "server_dropped_clients": h["clients"]["dropped_clients"],
        "audio_dropped_s": h["calls"]["audio_dropped_total_s"],
        "nudges_in_summaries": sum(sum(s["nudges"].values()) for s in summaries if s),
        "store": {k: h["store"][k] for k in ("ok", "dropped_writes", "failed_writes")},
    }


async def run_sources(args: argparse.Namespace, base: str, agents: list[str]) -> list[dict]:
    """Replay the calls from ``--source-procs`` worker processes (so that sending audio does not slow the
    page clients measured here); each prints one JSON list of call summaries."""
    shares = [agents[i :: args.source_procs] for i in range(args.source_procs)]
    procs = []
    for share in shares:
        options = ["--seconds", str(args.seconds), "--spread", str(args.spread), "--chunk-ms", str(args.chunk_ms)]
        cmd = [sys.executable, __file__, "--sources-for", ",".join(share), "--server", base, *options]
        procs.append(await asyncio.create_subprocess_exec(*cmd, stdout=asyncio.subprocess.PIPE))
    out: list[dict] = []
    for proc in procs:
        stdout, _ = await proc.communicate()
        out.extend(json.loads(stdout.decode().strip().splitlines()[-1]))
    return out


def sources_worker(args: argparse.Namespace) -> None:
    """``--sources-for a,b,c``: replay one call per agent in real time, print their summaries as JSON."""
    recording = load_recording(ROOT / "coach" / "data" / "demo_call.flac")
    recording = excerpt(recording, 0.0, min(args.seconds, recording.duration_s))
    rng = random.Random(hash(args.sources_for) & 0xFFFF)

    async def one(agent: str) -> dict:
        await asyncio.sleep(rng.uniform(0.0, args.spread))
        origin: list[float] = []

        async def timed():
            async for pair in paced_chunks(recording, realtime=True, chunk_ms=args.chunk_ms):
                if not origin:  # wall time at which call audio second 0 started playing
                    origin.append(time.time() * 1000.0 - args.chunk_ms)  # the first pair waits one chunk
                yield pair

        result = await send_call(args.server, timed(), agent_id=agent, realtime=True)
        return {"agent": agent, "summary": result.summary, "origin_ms": origin[0] if origin else None}

    async def all_calls() -> list[dict]:
        return await asyncio.gather(*(one(a) for a in args.sources_for.split(",")))

    print(json.dumps(asyncio.run(all_calls())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--floors", type=int, default=5)
    parser.add_argument("--browsers", type=int, default=2, help="real agent pages in headless Chromium (0: none)")
    parser.add_argument("--seconds", type=float, default=79.5, help="replay this much of the demo call")
    parser.add_argument("--spread", type=float, default=5.0, help="call starts spread over this many seconds")
    parser.add_argument("--chunk-ms", type=int, default=20)
    parser.add_argument("--no-stall", dest="stall", action="store_false", help="no stalled client")
    parser.add_argument("--source-procs", type=int, default=2, help="processes sending the calls' audio")
    parser.add_argument("--transcribe", action="store_true", help="run streaming ASR on every call (CPU-heavy)")
    parser.add_argument("--analysis-threads", type=int, default=1, help="the server's [server] analysis_threads")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    parser.add_argument("--sources-for", help=argparse.SUPPRESS)
    parser.add_argument("--server", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sources_for:
        sources_worker(args)
        return
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as tmp:
        config = Path(tmp) / "bench.toml"
        server = f"[server]\nanalysis_threads = {args.analysis_threads}\ntranscribe = {str(args.transcribe).lower()}\n"
        config.write_text(server + "[store]\nretention_days = 0\n")
        proc, base = start_server(Path(tmp), config)
        try:
            port = int(base.rsplit(":", 1)[1])
            result = asyncio.run(bench(args, base, port, proc.pid))
        finally:
            proc.terminate()
            proc.wait(30)
    for key, value in result.items():
        print(f"{key:<46} {value}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
