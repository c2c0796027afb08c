"""Load benchmark of telephony ingest: N simulated calls over each protocol into one server process.

For each protocol and each N (doubling until the server degrades), a fresh server process runs the
ingest endpoints on loopback with the analysis sink (``coach/telephony/collector.py``: one
CallAnalyzer per call on a worker thread; transcription is not wired in yet, so it is off). The
benchmark process plays N copies of a recording excerpt into it with ``coach simulate``'s clients,
paced in real time and started within the first second. Reported per N:

- nudge latency p50/p95: when the server emitted a nudge minus when the audio it had consumed (the
  nudge's ``at``) was played by the client, i.e. transport + queueing + analysis, on top of the
  detector's own delay (``at - t``, a property of the rules, reported once);
- dropped audio: audio the server lost (gaps filled, late audio, queue overflow) over audio sent;
- server CPU (share of one core, over the run) and peak RSS;
- degraded: p95 above ``--max-p95`` seconds, any dropped audio above 0.1 %, or a call not ending.

The server sits behind ``ServerUnderTest``. ``--target serve`` measures the real ``coach serve``
instead (``CoachServer``: uvicorn, the ASGI app, the call manager's analysis thread and the store,
transcription off): the nudges and the ingest statistics are read from the live board's
``agent:bench`` topic through a hub relay in the server process (the agent page's path, minus the
browser's socket), and each call's protocol key from the store.

    .venv/bin/python scripts/bench_ingest.py [--protocols twilio,audiohook,audiosocket]
        [--calls 1,2,4,8,16,32,64] [--call tests/data/calls/demo.flac --start 20 --end 40]
    .venv/bin/python scripts/bench_ingest.py --ingest-cost --start 0 --end 79   # parsing+alignment only
    .venv/bin/python scripts/bench_ingest.py --target serve --calls 8,16       # through coach serve

Only loopback addresses are used.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import platform
import resource
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.config import load_config  # noqa: E402
from coach.sources.replay import Pacer  # noqa: E402
from coach.telephony import simulate  # noqa: E402
from coach.telephony.pairing import PairRegistry  # noqa: E402
from coach.types import Lane  # noqa: E402

ORG = "d7934305-0972-4844-938e-9060eef73d05"
KEY = "bench-key"
TOKEN = "bench-twilio-token"
# The two legs of the sans-I/O cost run (any UUIDs: the dialplan registers them as one call first).
LEG_UUIDS = {Lane.AGENT: "9e2d4c3a-1b6f-4f0e-8a55-3d2c1b0a9f80", Lane.CUSTOMER: "5b1f0c7e-2d3a-4e9b-9c1d-7a6e5f4d3c2b"}
CALL_KEYS = {"twilio": "call_sid", "audiohook": "conversation_id", "audiosocket": "audiosocket_uuid"}  # agent leg UUID


async def register_pairs_until_told(conn: Any, pairs: Any, ingest: Any) -> None:
    """Register the AudioSocket leg pairs the client process sends on ``pairs`` (answering "ok") until
    the client says on ``conn`` that its calls are all sent."""
    while not conn.poll():
        while pairs.poll():
            agent_uuid, customer_uuid = pairs.recv()
            ingest.register_pair(agent_uuid=agent_uuid, customer_uuid=customer_uuid, agent_id="bench")
            pairs.send("ok")
        await asyncio.sleep(0.005)


def _bench_config():
    cfg = load_config()
    tel = replace(cfg.telephony, audiohook_org_id=ORG, audiohook_api_keys=(KEY,), twilio_auth_tokens=(TOKEN,))
    return replace(cfg, telephony=tel)


# -- server process ----------------------------------------------------------------------------------


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _summarise(calls: list[Any]) -> list[dict[str, Any]]:
    out = []
    for call in calls:
        stats = next((e for e in call.events if e["type"] == "stream.ingest_stats"), {})
        nudges = [
            {"kind": e["kind"], "t": e["t"], "at": e["at"], "emitted": e["_emitted"], "ingest": call.ingest_latency(e)}
            for e in call.events
            if e["type"] == "nudge"
        ]
        out.append(
            {
                "key": str(call.metadata.get(CALL_KEYS[call.source], "")),
                "complete": call.complete,
                "nudges": nudges,
                "queue_dropped_s": call.dropped_samples / 16000,
                "pushed_s": min(call.pushed_samples.values()) / 16000,
                "lost_s": float(stats.get("gap_s", 0.0)) + float(stats.get("late_s", 0.0)),
            }
        )
    return out


def _warm_up(cfg: Any, audio: simulate.CallAudio) -> None:
    from coach.pipeline.analyzer import CallAnalyzer
    from coach.types import AudioChunk, Lane

    analyzer = CallAnalyzer(cfg, call_id="warm-up")
    analyzer.push(AudioChunk(Lane.AGENT, 0, audio.agent))
    analyzer.push(AudioChunk(Lane.CUSTOMER, 0, audio.customer))
    analyzer.finish()


def _server_main(conn: Any, pairs: Any) -> None:
    """Child process: serve until told how many calls to wait for, then report and exit.

    ``pairs`` carries AudioSocket pair registrations from the clients (what a dialplan's
    ``POST /api/audiosocket/pairs`` does); each is answered once registered."""
    from coach.telephony.collector import CollectingSink
    from coach.telephony.loopback import IngestServer
    from coach.vad.silero import shared_model

    cfg = _bench_config()
    shared_model()  # load the VAD model and compile librosa's numba kernels before measuring
    warm = simulate.load_call_audio(str(ROOT / "tests/data/calls/demo.flac"), start_s=20.0, end_s=26.0)
    _warm_up(cfg, warm)
    sink = CollectingSink(cfg)

    async def main() -> None:
        async with IngestServer(sink, cfg) as server:
            conn.send(
                {
                    "twilio": server.twilio_url,
                    "audiohook": server.audiohook_url,
                    "audiosocket": server.audiosocket_address,
                }
            )
            usage0, wall0 = resource.getrusage(resource.RUSAGE_SELF), time.monotonic()
            await register_pairs_until_told(conn, pairs, server.ingest)
            expected, timeout = conn.recv()
            calls = await asyncio.to_thread(sink.wait_for_calls, expected, timeout)
            usage1, wall1 = resource.getrusage(resource.RUSAGE_SELF), time.monotonic()
            cpu = (usage1.ru_utime + usage1.ru_stime) - (usage0.ru_utime + usage0.ru_stime)
            conn.send(
                {
                    "calls": _summarise(calls),
                    "started": len(sink.calls),
                    "cpu_s": cpu,
                    "wall_s": wall1 - wall0,
                    "peak_rss_mb": usage1.ru_maxrss / 1024,
                    "rss_mb": _rss_mb(),
                }
            )

    asyncio.run(main())


class _PageCollector:
    """A hub relay's socket that keeps what an agent page would receive, with its arrival time."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []

    async def send(self, message: str) -> None:
        self.messages.append(json.loads(message))

    async def close(self, code: int = 1000, reason: str = "") -> None:
        pass

    def calls(self) -> dict[str, list[dict[str, Any]]]:
        """Call id → its events, each with ``_emitted`` (monotonic seconds) from the board's Unix ms stamp."""
        offset = time.monotonic() - time.time()
        out: dict[str, list[dict[str, Any]]] = {}
        for m in self.messages:
            if m.get("kind") == "event":
                out.setdefault(m["call_id"], []).append({**m["event"], "_emitted": m["emitted"] / 1000 + offset})
        return out


def _serve_summary(events: list[dict[str, Any]], metadata: dict[str, Any], source: str) -> dict[str, Any]:
    notes = [e for e in events if e["type"] == "stream"]
    stats = next((e for e in notes if e.get("kind") == "ingest_stats"), {})
    end = next((e for e in events if e["type"] == "call.end"), None)
    return {
        "key": str(metadata.get(CALL_KEYS.get(source, ""), "")),
        "complete": end is not None,
        "nudges": [
            {"kind": e["kind"], "t": e["t"], "at": e["at"], "emitted": e["_emitted"], "ingest": None}
            for e in events
            if e["type"] == "nudge"
        ],
        "queue_dropped_s": sum(float(e.get("seconds", 0.0)) for e in notes if e.get("kind") == "dropped"),
        "lost_s": float(stats.get("gap_s", 0.0)) + float(stats.get("late_s", 0.0)),
    }


def _coach_serve_main(conn: Any, pairs: Any) -> None:
    """Child process: the real ``coach serve`` (CoachServer) with the bench's telephony settings."""
    import socket
    import tempfile

    from coach.server.app import CoachServer
    from coach.server.hub import Relay

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        audiosocket_port = s.getsockname()[1]
    cfg = _bench_config()
    store = replace(cfg.store, path=str(Path(tempfile.mkdtemp(prefix="bench-ingest-")) / "calls.sqlite3"))
    cfg = replace(
        cfg,
        server=replace(cfg.server, transcribe=False),
        store=store,
        telephony=replace(cfg.telephony, audiosocket_port=audiosocket_port, default_agent_id="bench"),
    )

    async def main() -> None:
        server = CoachServer(cfg, host="127.0.0.1", port=0, auth_enabled=False)
        await server.start()
        collector = _PageCollector()
        relay = Relay(collector, name="bench", max_messages=10**7, max_lag_s=1e9)
        server.hub.subscribe("agent:bench", relay)
        relay.start()
        base = f"ws://127.0.0.1:{server.port}"
        conn.send(
            {
                "twilio": f"{base}/ingest/twilio",
                "audiohook": f"{base}/ingest/audiohook",
                "audiosocket": f"127.0.0.1:{audiosocket_port}",
            }
        )
        usage0, wall0 = resource.getrusage(resource.RUSAGE_SELF), time.monotonic()
        await register_pairs_until_told(conn, pairs, server.telephony)
        expected, timeout = conn.recv()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ended = [c for c, ev in collector.calls().items() if any(e["type"] == "call.end" for e in ev)]
            if len(ended) >= expected:
                break
            await asyncio.sleep(0.1)
        usage1, wall1 = resource.getrusage(resource.RUSAGE_SELF), time.monotonic()
        calls = []
        for call_id, events in collector.calls().items():
            stored = await asyncio.to_thread(server.api.reader.get_call, call_id) if server.api.reader else None
            stored = stored or {}
            calls.append(_serve_summary(events, stored.get("metadata") or {}, str(stored.get("source", ""))))
        cpu = (usage1.ru_utime + usage1.ru_stime) - (usage0.ru_utime + usage0.ru_stime)
        conn.send(
            {
                "calls": calls,
                "started": len(calls),
                "cpu_s": cpu,
                "wall_s": wall1 - wall0,
                "peak_rss_mb": usage1.ru_maxrss / 1024,
                "rss_mb": _rss_mb(),
            }
        )
        relay.stop()
        await server.stop()

    asyncio.run(main())


TARGETS = {"loopback": _server_main, "serve": _coach_serve_main}
"""``--target``: the telephony endpoints alone (loopback server + collecting sink) or ``coach serve``."""


@dataclass
class ServerUnderTest:
    """The ingest server in its own process (``target``: a key of :data:`TARGETS`)."""

    target: str = "loopback"
    process: mp.Process | None = None
    conn: Any = None
    urls: dict[str, str] | None = None
    pairs: Any = None
    _pairs_lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> dict[str, str]:
        parent, child = mp.Pipe()
        self.pairs, pairs_child = mp.Pipe()
        main = TARGETS[self.target]
        self.process = mp.get_context("spawn").Process(target=main, args=(child, pairs_child), daemon=True)
        self.process.start()
        self.conn = parent
        if not parent.poll(60):
            raise RuntimeError("the server did not start")
        self.urls = parent.recv()
        return self.urls

    def register_pair(self, agent_uuid: str, customer_uuid: str) -> None:
        """Register two AudioSocket legs as one call and wait until the server has it."""
        with self._pairs_lock:
            self.pairs.send((agent_uuid, customer_uuid))
            if not self.pairs.poll(30) or self.pairs.recv() != "ok":
                raise RuntimeError("the server did not register the AudioSocket pair")

    def results(self, calls: int, timeout: float) -> dict[str, Any]:
        self.conn.send((calls, timeout))
        if not self.conn.poll(timeout + 30):
            raise RuntimeError("the server did not report")
        return self.conn.recv()

    def stop(self) -> None:
        if self.process is not None:
            self.process.join(10)
            if self.process.is_alive():
                self.process.terminate()


# -- clients -------------------------------------------------------------------------------------------


def _one_call(protocol: str, server: ServerUnderTest, audio: simulate.CallAudio, delay: float) -> simulate.SimResult:
    urls = server.urls or {}
    time.sleep(delay)
    pacer = Pacer()
    if protocol == "twilio":
        return simulate.run_twilio(audio, urls["twilio"], auth_token=TOKEN, agent_id="bench", pacer=pacer)
    if protocol == "audiohook":
        return simulate.run_audiohook(audio, urls["audiohook"], api_key=KEY, org_id=ORG, agent_id="bench", pacer=pacer)
    host, port = urls["audiosocket"].rsplit(":", 1)
    return simulate.run_audiosocket(audio, host, int(port), register=server.register_pair, pacer=pacer)


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run_round(
    protocol: str, n: int, audio: simulate.CallAudio, max_p95: float, target: str = "loopback"
) -> dict[str, Any]:
    server = ServerUnderTest(target)
    server.start()
    client_cpu0 = time.process_time()
    try:
        with ThreadPoolExecutor(max_workers=n) as pool:
            futures = [pool.submit(_one_call, protocol, server, audio, i / n) for i in range(n)]
            sims = []
            for f in futures:
                try:
                    sims.append(f.result())
                except Exception as exc:  # a refused or broken call counts as a failure
                    print(f"  client error: {exc}", file=sys.stderr)
        report = server.results(n, timeout=30 + audio.duration_s)
    finally:
        server.stop()
    client_cpu = time.process_time() - client_cpu0
    origins = {s.call_id: s.origin for s in sims}
    e2e, ingest, detector = [], [], []
    for call in report["calls"]:
        origin = origins.get(call["key"])
        for nudge in call["nudges"]:
            detector.append(nudge["at"] - nudge["t"])
            if origin:
                e2e.append(nudge["emitted"] - (origin + nudge["at"]))
            if nudge["ingest"] is not None:
                ingest.append(nudge["ingest"])
    sent_s = len(sims) * audio.duration_s
    lost_s = sum(c["lost_s"] + c["queue_dropped_s"] for c in report["calls"])
    complete = sum(1 for c in report["calls"] if c["complete"])
    row = {
        "protocol": protocol,
        "calls": n,
        "complete": complete,
        "nudges": len(e2e),
        "p50": _percentile(e2e, 0.5),
        "p95": _percentile(e2e, 0.95),
        "ingest_p95": _percentile(ingest, 0.95),
        "detector_s": statistics.median(detector) if detector else float("nan"),
        "dropped_pct": 100 * lost_s / sent_s if sent_s else float("nan"),
        "cpu_pct": 100 * report["cpu_s"] / report["wall_s"],
        "cpu_per_call_pct": 100 * report["cpu_s"] / report["wall_s"] / n,
        "client_cpu_pct": 100 * client_cpu / report["wall_s"],
        "peak_rss_mb": report["peak_rss_mb"],
    }
    row["degraded"] = bool(complete < n or len(sims) < n or not e2e or row["p95"] > max_p95 or row["dropped_pct"] > 0.1)
    return row


class _NullCall:
    call_id = "cost"

    def push(self, chunk: Any) -> None:
        pass

    def note(self, kind: str, **fields: Any) -> None:
        pass

    def end(self, *, complete: bool = True, reason: str | None = None) -> None:
        pass


class _NullSink:
    def start_call(self, **kw: Any) -> _NullCall:
        return _NullCall()


def _wire_frames(protocol: str, audio: simulate.CallAudio) -> list[Any]:
    """What a client sends for ``audio``, encoded up front (not timed)."""
    import numpy as np

    from coach.telephony import audiohook, audiosocket, twilio
    from coach.telephony.codecs import ulaw_encode

    agent = simulate._at_rate(audio.agent, 8000)  # noqa: SLF001 - the client's own resampling
    customer = simulate._at_rate(audio.customer, 8000)  # noqa: SLF001
    steps = range(0, len(agent), 160)
    if protocol == "twilio":
        frames = [twilio.start_message(call_sid="CA1", stream_sid="MZ1")]
        for n, i in enumerate(steps, start=1):
            for track, pcm in (("outbound", agent), ("inbound", customer)):
                frames.append(
                    twilio.media_message(
                        stream_sid="MZ1",
                        track=track,
                        chunk=n,
                        timestamp_ms=i // 8,
                        payload=ulaw_encode(pcm[i : i + 160]),
                        sequence=n,
                    )
                )
        return frames
    if protocol == "audiohook":
        client = audiohook.AudioHookClient("e160e428-53e2-487c-977d-96989bf5c99d")
        frames = [client.open(organization_id=ORG, conversation_id="090eaa2f-72fa-480a-83e0-8667ff89c0ec")]
        both = np.stack([customer, agent], axis=1)
        return frames + [ulaw_encode(both[i : i + 160].reshape(-1)) for i in steps]
    legs = {lane: [audiosocket.uuid_frame(LEG_UUIDS[lane])] for lane in Lane}
    for i in steps:
        legs[Lane.AGENT].append(audiosocket.audio_frame(agent[i : i + 160]))
        legs[Lane.CUSTOMER].append(audiosocket.audio_frame(customer[i : i + 160]))
    return [
        (lane, frame)
        for pair in zip(legs[Lane.AGENT], legs[Lane.CUSTOMER], strict=True)
        for lane, frame in zip(Lane, pair, strict=True)
    ]


def ingest_cost(protocol: str, audio: simulate.CallAudio) -> float:
    """CPU seconds per second of call audio for the sans-I/O path alone: parse, decode, align,
    resample to 16 kHz (no sockets, no analysis)."""
    from coach.telephony import audiohook, audiosocket, twilio
    from coach.telephony.actions import Media, StartCall
    from coach.telephony.ingest import CallTable

    cfg = _bench_config().telephony
    frames = _wire_frames(protocol, audio)
    table = CallTable(_NullSink(), cfg)
    registry = PairRegistry(ttl_s=cfg.audiosocket_pair_ttl_s)
    registry.register(agent_uuid=LEG_UUIDS[Lane.AGENT], customer_uuid=LEG_UUIDS[Lane.CUSTOMER], agent_id="bench")
    legs: dict[Any, Any] = {}
    machines: dict[Any, Any] = {}
    t0 = time.process_time()
    for item in frames:
        key, frame = item if isinstance(item, tuple) else (None, item)
        machine = machines.get(key)
        if machine is None:
            machine = machines[key] = (
                twilio.TwilioProtocol(cfg)
                if protocol == "twilio"
                else audiohook.AudioHookProtocol(cfg, {"X-API-KEY": KEY, "Audiohook-Organization-Id": ORG})
                if protocol == "audiohook"
                else audiosocket.AudioSocketProtocol(cfg, resolve=registry.resolve)
            )
        if protocol == "audiosocket":
            actions = machine.receive_data(frame)
        else:
            actions = machine.receive_text(frame) if isinstance(frame, str) else machine.receive_bytes(frame)
        for action in actions:
            if isinstance(action, StartCall):
                legs[key] = table.attach(
                    source=action.source,
                    key=action.key,
                    agent_id=action.agent_id,
                    rates=action.rates,
                    lanes=action.lanes,
                    paired=action.paired,
                )
            elif isinstance(action, Media):
                legs[key].media(action.lane, action.position, action.pcm)
    for leg in legs.values():
        leg.end(complete=True, reason="end")
    return (time.process_time() - t0) / audio.duration_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--protocols", default="twilio,audiohook,audiosocket")
    parser.add_argument("--calls", default="1,2,4,8,16,32,64,128")
    parser.add_argument("--call", default=str(ROOT / "tests/data/calls/demo.flac"))
    parser.add_argument("--start", type=float, default=20.0)
    parser.add_argument("--end", type=float, default=40.0)
    parser.add_argument("--max-p95", type=float, default=1.0, help="p95 nudge latency (s) counted as degraded")
    parser.add_argument("--ingest-cost", action="store_true", help="only measure the sans-I/O ingest path's CPU")
    parser.add_argument("--target", choices=sorted(TARGETS), default="loopback", help="the server measured")
    args = parser.parse_args()
    audio = simulate.load_call_audio(args.call, start_s=args.start, end_s=args.end)
    if args.ingest_cost:
        for protocol in args.protocols.split(","):
            print(f"{protocol:12s} ingest CPU per second of call audio: {ingest_cost(protocol, audio) * 1000:.2f} ms")
        return
    print(
        f"# {time.strftime('%Y-%m-%d')} {platform.node()} {os.cpu_count()} CPUs, Python {platform.python_version()},"
        f" excerpt {args.start:g}-{args.end:g} s of {Path(args.call).name}, target {args.target}"
    )
    header = (
        "protocol",
        "calls",
        "complete",
        "nudges",
        "p50 s",
        "p95 s",
        "ingest p95 s",
        "detector s",
        "dropped %",
        "server CPU %",
        "CPU %/call",
        "client CPU %",
        "peak RSS MB",
        "degraded",
    )
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    for protocol in args.protocols.split(","):
        for n in (int(x) for x in args.calls.split(",")):
            row = run_round(protocol, n, audio, args.max_p95, args.target)
            print(
                f"| {row['protocol']} | {row['calls']} | {row['complete']} | {row['nudges']} | {row['p50']:.3f} |"
                f" {row['p95']:.3f} | {row['ingest_p95']:.3f} | {row['detector_s']:.2f} | {row['dropped_pct']:.3f} |"
                f" {row['cpu_pct']:.0f} | {row['cpu_per_call_pct']:.1f} | {row['client_cpu_pct']:.0f} |"
                f" {row['peak_rss_mb']:.0f} | {'yes' if row['degraded'] else 'no'} |",
                flush=True,
            )
            if row["degraded"]:
                break


if __name__ == "__main__":
    main()
