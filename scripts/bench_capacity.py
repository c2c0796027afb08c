"""Capacity: N two-lane calls streamed in real time into ``coach serve``, transcription on.

The path a site uses: a ``coach serve`` process (loopback, ``--no-auth``, a throw-away store,
``[server] transcribe = true`` and any ``--set`` overrides) is started afresh for each N; this
process streams N labelled calls into its ingest websocket (``coach.server.client.send_call``,
stereo 20 ms messages paced in real time, starts 0.37 s apart) and listens on each agent's page
websocket (``/ws/agent/<id>``), where the agent's browser receives the transcript. Each call is built
from labelled speech (the 8 kHz asterisk prompts and jfk from ``shared/data/asr``): turns alternate
between the agent and the customer lane with pauses between them, and every call starts at a
different clip, so calls carry different words. For each N it prints:

- final p50/p95: when the agent page received a turn's final transcript minus when the turn's last
  speech sample was played (VAD hangover included);
- partials/lane-s: partial transcript events per second of speech on a lane;
- committed-word delay p50/p95 (all words, and the agent lane's, which the language rules read): for
  each word, when it was first committed (in a partial's ``stable`` prefix or, failing that, in the
  final) minus when its audio was played; ``via partial`` is the share committed by partials;
- CPU cores used by the server process, audio it dropped (``/api/health``, seconds, all calls);
- the cores of every process in the run by thread group (this client, the server's event loop, decoder threads and
  analysis, its decode processes; :func:`process_sampler`), over the calls' audio and while finals decode, with how
  many of each group's threads waited for a core and how often they were put on one, and the client's own CPU-s
  per call-second: what the bench itself takes from the two cores the product runs on;
- WER of the finals (each lane's finals joined, against its clips' reference texts), and of the same
  clips decoded offline one by one with beam 5 (the reference figure: target <= 1.15x).

    .venv/bin/python scripts/bench_capacity.py [--calls 1,4,8,16,24] [--seconds 40] \
        [--set asr.workers=2 --set asr.partial_workers=1 ...] \
        [--variant 'default:' --variant 'proc:asr.decode_process=true,asr.workers=2' ...]

``--client`` picks who sends the calls: ``sdk`` (the default: :func:`coach.server.client.send_call` per call, as
above), ``lean`` (:mod:`lean_client`: pre-encoded messages on one sleeping clock, each call on its own phase of the
20 ms step, pages parsed after the run: the least a client in the same box can cost), ``batched`` (``lean`` with
every call's messages sent together); several are run interleaved like variants.

Several ``--variant`` configurations (each on top of the ``--set`` ones) are run interleaved, level
by level, a fresh server each, so that the machine's load hits them alike; the load average at each
start is printed. A variant named ``NAME@FOLDER`` runs the ``coach`` package found in ``FOLDER`` (a
frozen copy: ``git archive <commit> coach models dashboard | tar -x -C FOLDER``), so code before and after a
change is compared in one run.

While the calls stream, ``/api/health`` is read every :data:`BACKLOG_EVERY_S`: ``backlog`` is the call
audio waiting for analysis (the most behind call, seconds of call time; max and p95 over the
samples), the analysis's lag measured directly rather than through the finals.

The clips are the fixed asterisk subset also used for tuning in ``bench_asr_wer.py``; nothing here is
held out. Wall-clock figures depend on the machine and on what else runs on it (this process's own
CPU, sending audio and reading pages, is printed too).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import numpy as np
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_fanout import cpu_seconds, health, start_server  # noqa: E402
from lean_client import encode_call, stream_lean  # noqa: E402
from proc_cpu import SAMPLER_THREAD, ProcSampler, Usage  # noqa: E402
from wer_sets import tally_lines, tally_turns  # noqa: E402

from coach.asr.config import AsrConfig  # noqa: E402
from coach.asr.engine import DECODER_THREAD_NAME, DecodeOptions, get_engine  # noqa: E402
from coach.asr.profile import PHASES, PROFILE_ENV, merged  # noqa: E402
from coach.asr.revision import revised_texts  # noqa: E402
from coach.asr.textnorm import corpus_wer, word_key  # noqa: E402
from coach.asr.timeline import DECODE_KINDS, behind, read  # noqa: E402
from coach.server.client import send_call  # noqa: E402
from coach.types import SAMPLE_RATE, AudioChunk, Lane  # noqa: E402
from training.asr_corpus import Clip, asterisk, asterisk_subset, jfk  # noqa: E402

STAGGER_S = 0.37
DRAIN_S = 600.0
"""How long to keep the pages open after the last call ended, for finals the server still owes."""

CHUNK = SAMPLE_RATE // 50  # 20 ms, as telephony sources deliver
BACKLOG_EVERY_S = 0.5
"""How often the analysis backlog is read from ``/api/health`` while the calls stream (seconds)."""


@dataclass
class LabelledCall:
    """Two lanes of audio and, per lane, the reference texts of its turns and their speech spans."""

    lanes: dict[Lane, np.ndarray]
    refs: dict[Lane, list[str]]
    speech_s: float
    spans: dict[Lane, list[tuple[int, int]]] = field(default_factory=dict)
    """Each lane's turns as ``(start, end)`` samples, in the order of ``refs`` (``build_call``)."""
    names: dict[Lane, list[str]] = field(default_factory=dict)
    """Each lane's turns' clip names, in the order of ``refs`` (``build_call``)."""
    offline: dict[Lane, list[str]] = field(default_factory=dict)
    """Each lane's turns decoded offline, in the order of ``refs`` (filled by :func:`offline_wer`)."""


def build_call(clips: list[Clip], first: int, seconds: float) -> LabelledCall:
    """Alternating turns from ``clips`` (starting at ``first``), 0.9-1.6 s apart, ``seconds`` long."""
    total = int(seconds * SAMPLE_RATE)
    lanes = {lane: np.zeros(total, dtype=np.float32) for lane in Lane}
    refs: dict[Lane, list[str]] = {lane: [] for lane in Lane}
    spans: dict[Lane, list[tuple[int, int]]] = {lane: [] for lane in Lane}
    names: dict[Lane, list[str]] = {lane: [] for lane in Lane}
    pos, k, speech = int(0.5 * SAMPLE_RATE), first, 0
    while True:
        clip = clips[k % len(clips)]
        if pos + len(clip.pcm) > total - SAMPLE_RATE:
            break
        lane = Lane.AGENT if (k - first) % 2 == 0 else Lane.CUSTOMER
        lanes[lane][pos : pos + len(clip.pcm)] = clip.pcm
        refs[lane].append(clip.text)
        spans[lane].append((pos, pos + len(clip.pcm)))
        names[lane].append(clip.name)
        speech += len(clip.pcm)
        pos += len(clip.pcm) + int((0.9 + 0.7 * ((k * 7) % 5) / 4) * SAMPLE_RATE)
        k += 1
    return LabelledCall(lanes, refs, speech / SAMPLE_RATE, spans, names)


# ---- the server under test ----------------------------------------------------------------------


def server_config(settings: list[str]) -> str:
    """A TOML configuration: transcription on, a throw-away store, and ``section.key=value`` overrides
    (values in TOML syntax, e.g. ``asr.workers=2``)."""
    tables: dict[str, dict[str, str]] = {"server": {"transcribe": "true"}, "store": {"retention_days": "0"}}
    for item in settings:
        key, _, value = item.partition("=")
        section, _, name = key.partition(".")
        if not name or not value:
            raise SystemExit(f"--set wants section.key=value, not {item!r}")
        tables.setdefault(section, {})[name] = value
    return "".join(
        f"[{section}]\n" + "".join(f"{k} = {v}\n" for k, v in values.items()) for section, values in tables.items()
    )


STOP_GRACE_S = 180.0
"""How long :meth:`Server.stop` waits for the server after SIGTERM: a loaded 2-core machine took more than 30 s to
stop one (session 45), and the figures were lost when the wait raised."""


CHILD_GRACE_S = 10.0
"""How long :meth:`Server.stop` waits for the server's child processes once the server is gone."""


@dataclass
class Server:
    """A ``coach serve`` subprocess on loopback (started as the fan-out benchmark starts it)."""

    proc: subprocess.Popen[str]
    base: str

    @classmethod
    def start(cls, folder: Path, config_text: str, product: Path | None = None) -> Server:
        """``product``: a folder holding another copy of ``coach`` (with ``models`` and ``dashboard``) to
        serve, else this checkout's."""
        config = folder / "bench.toml"
        config.write_text(config_text)
        return cls(*start_server(folder, config, product))

    def health(self) -> dict[str, Any]:
        return health(self.base)

    def cpu_s(self) -> float:
        """User + system CPU seconds of the server process (all its threads) and of its live child
        processes (``asr.decode_process``)."""
        return cpu_seconds(self.proc.pid) + sum(cpu_seconds(pid) for pid in _children(self.proc.pid))

    def stop(self, grace_s: float | None = None, child_grace_s: float = CHILD_GRACE_S) -> float:
        """Stop the server and its decode processes; never raises (a benchmark's figures are kept). SIGTERM,
        then up to ``grace_s`` seconds (default :data:`STOP_GRACE_S`) for the server to exit, then SIGKILL; its
        child processes still alive ``child_grace_s`` seconds after that (they exit when their pipe closes) are
        killed too. Returns the seconds the stop took; a kill is reported on stderr."""
        grace_s = STOP_GRACE_S if grace_s is None else grace_s
        started = time.monotonic()
        children = _children(self.proc.pid)
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            self.proc.wait(grace_s)
        except subprocess.TimeoutExpired:
            print(f"bench: the server did not stop in {grace_s:.0f} s of SIGTERM; killed", file=sys.stderr)
            self.proc.kill()
            self.proc.wait()
        deadline = time.monotonic() + child_grace_s
        while (left := [pid for pid in children if _alive(pid)]) and time.monotonic() < deadline:
            time.sleep(0.1)
        for pid in left:
            print(f"bench: a child of the server ({pid}) outlived it; killed", file=sys.stderr)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        return time.monotonic() - started


def _alive(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie (from /proc)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def _children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


# ---- calls in, pages out ------------------------------------------------------------------------


RECEIVED, EMITTED = "_received_unix", "_emitted_unix"
"""Keys the bench adds to each event it logs: the Unix time (s) the page received it and the Unix time
the server's analysis produced it (the envelope's ``emitted``), for :func:`final_breakdown`."""


async def agent_page(url: str, log: list[tuple[float, dict[str, Any]]], ready: asyncio.Event) -> None:
    """An agent page: every event of the agent's calls, with the loop time it arrived."""
    loop = asyncio.get_running_loop()
    async with connect(url, max_size=2**24, compression=None, open_timeout=60) as ws:
        ready.set()
        async for raw in ws:
            msg = json.loads(raw)
            if msg.get("kind") == "event":
                event = msg["event"] | {RECEIVED: time.time(), EMITTED: msg.get("emitted", float("nan")) / 1000.0}
                log.append((loop.time(), event))


async def paced(call: LabelledCall, origin: list[float]) -> AsyncIterator[tuple[AudioChunk, AudioChunk]]:
    """The call as stereo 20 ms pairs, each sent when its last sample has been "played"; ``origin``
    receives the loop time and the Unix time at which the call's sample 0 was played."""
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    origin += [t0, time.time()]  # loop time, Unix time
    total = len(call.lanes[Lane.AGENT])
    for pos in range(0, total, CHUNK):
        delay = t0 + (pos + CHUNK) / SAMPLE_RATE - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        yield (
            AudioChunk(Lane.AGENT, pos, call.lanes[Lane.AGENT][pos : pos + CHUNK]),
            AudioChunk(Lane.CUSTOMER, pos, call.lanes[Lane.CUSTOMER][pos : pos + CHUNK]),
        )


async def stream_calls(
    base: str,
    calls: list[LabelledCall],
    tag: str,
    backlog: list[float] | None = None,
    starts: list[float] | None = None,
) -> list[list[tuple[float, dict[str, Any]]]]:
    """Stream ``calls`` (call ``i`` starting ``i * STAGGER_S`` late) and return, per call, its events as
    (seconds since its audio began, event) the way its agent page received them. ``backlog`` receives
    the most behind call's analysis backlog (seconds of call time) every :data:`BACKLOG_EVERY_S`; ``starts``
    each call's start (its sample 0 played) on ``time.monotonic``, the decode scheduler's clock in a server."""
    ws_base = base.replace("http", "ws", 1)
    agents = [f"{tag}-{i:02d}" for i in range(len(calls))]
    logs: list[list[tuple[float, dict[str, Any]]]] = [[] for _ in calls]
    readies = [asyncio.Event() for _ in calls]
    pages = [
        asyncio.create_task(agent_page(f"{ws_base}/ws/agent/{a}", logs[i], readies[i])) for i, a in enumerate(agents)
    ]
    await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies)), 60)
    origins: list[list[float]] = [[] for _ in calls]

    async def one(i: int) -> None:
        await asyncio.sleep(i * STAGGER_S)
        await send_call(base, paced(calls[i], origins[i]), agent_id=agents[i], source="bench", realtime=True)

    watcher = asyncio.create_task(_watch(base, backlog))
    await asyncio.gather(*(one(i) for i in range(len(calls))))
    watcher.cancel()
    await asyncio.gather(watcher, return_exceptions=True)
    await _settle(base)
    if starts is not None:
        starts += [origin[0] for origin in origins]  # the loop's clock is time.monotonic
    for page in pages:
        page.cancel()
    await asyncio.gather(*pages, return_exceptions=True)
    return [
        [(at - origin[0], _since(e, origin[1])) for at, e in log] for log, origin in zip(logs, origins, strict=True)
    ]


async def _watch(base: str, backlog: list[float] | None) -> None:
    """Read the most behind call's analysis backlog (seconds of call time) into ``backlog`` every
    :data:`BACKLOG_EVERY_S` until cancelled."""
    while True:
        calls_health = (await asyncio.to_thread(health, base))["calls"]
        if backlog is not None:  # both lanes' audio waiting: half of it is call time
            backlog.append(calls_health["audio_backlog_s"] / 2)
        await asyncio.sleep(BACKLOG_EVERY_S)


async def _settle(base: str) -> None:
    """Wait (at most :data:`DRAIN_S`) for the finals the server still owes once the calls' audio is in: the ingest
    socket says "ended" after at most 60 s of waiting; the analysis may go on longer under overload."""
    waited = 0.0
    while waited < DRAIN_S and not await asyncio.to_thread(_settled, base):
        await asyncio.sleep(1.0)
        waited += 1.0
    await asyncio.sleep(1.0)  # the last events on their way to the pages


async def stream_calls_lean(
    base: str,
    messages: list[list[bytes]],
    tag: str,
    backlog: list[float],
    starts: list[float],
    late: list[float],
    phases: int,
) -> list[list[tuple[float, dict[str, Any]]]]:
    """:func:`stream_calls` through the lean client (:mod:`lean_client`: pre-encoded ``messages``, one sleeping
    clock, pages parsed after the run; ``phases``: its clock's); ``late`` receives how late each message was sent
    (s)."""
    watcher = asyncio.create_task(_watch(base, backlog))

    async def settle() -> None:
        watcher.cancel()
        await asyncio.gather(watcher, return_exceptions=True)
        await _settle(base)

    logs, origins, sent_late = await stream_lean(base, messages, tag, STAGGER_S, settle, (RECEIVED, EMITTED), phases)
    starts += [loop_t for loop_t, _ in origins]
    late += sent_late
    return [
        [(at - origin[0], _since(e, origin[1])) for at, e in log] for log, origin in zip(logs, origins, strict=True)
    ]


def _since(event: dict[str, Any], origin_unix: float) -> dict[str, Any]:
    """The event with its received / emitted Unix times made seconds since its call's audio began."""
    return event | {RECEIVED: event[RECEIVED] - origin_unix, EMITTED: event[EMITTED] - origin_unix}


def final_breakdown(timed: list[list[tuple[float, dict[str, Any]]]], seconds: float) -> dict[str, float]:
    """Where each final's latency (page received - end of its speech) goes, p50 / p95 over the finals
    scored by :func:`score_transcripts` (seconds):

    - ``audio``: speech end -> the call position (``at``, audio time) at which the analysis produced the
      final: the provisional end (or the VAD's hangover), the decode's queue wait and the decode, plus
      the audio analysed before the stage was polled again after the decode came back;
    - ``lag``: how far the analysis's position was behind the audio played, when it produced the final
      (audio queued for the call's analysis: ``[server] analysis_batch_s`` and the analysis's own time);
      ``lag_close``: the same for the finals produced when their call closed (``at`` is the call's end),
      whose wait is the decoder's, not the analysis's (``closed``: how many);
    - ``publish``: produced -> received by the agent page (hub, websocket, the page's event loop).

    The three add up to the final's latency. The scheduler's stats (``final_wait_*``,
    ``final_decode_*``) split ``audio`` further."""
    parts: dict[str, list[float]] = {"audio": [], "lag": [], "lag_close": [], "publish": []}
    for events in timed:
        for _, e in events:
            if e.get("type") == "transcript" and e.get("final") and e["end"] < seconds - 1.0:
                parts["audio"].append(e["at"] - e["end"])
                parts["lag_close" if e["at"] >= seconds - 0.04 else "lag"].append(e[EMITTED] - e["at"])
                parts["publish"].append(e[RECEIVED] - e[EMITTED])
    return {
        f"{name}_p{q}": float(np.percentile(values, q)) if values else float("nan")
        for name, values in parts.items()
        for q in (50, 95)
    } | {"closed": len(parts["lag_close"])}


def _settled(base: str) -> bool:
    """No live call left and no final waiting in any decode scheduler of the server."""
    calls = health(base)["calls"]
    return calls["live_calls"] == 0 and not any(a["queued_finals"] for a in calls.get("asr") or [])


def run_level(
    server: Server,
    calls: list[LabelledCall],
    seconds: float,
    timeline: Path | None = None,
    encoded: list[list[bytes]] | None = None,
    phases: int = 0,
    alone: bool = False,
) -> dict[str, Any]:
    """One level: ``calls`` streamed into ``server`` and scored; with ``timeline`` (the profiling folder the
    server's decode scheduler writes to, :mod:`coach.asr.timeline`) each final's latency split by
    :func:`final_parts` too (``parts``). With ``encoded`` (the calls' ingest messages, :func:`lean_client.encode_call`)
    the lean client sends them (:func:`stream_calls_lean`, its clock's ``phases``, 0: one a call; ``late``: p50 / p95 /
    max of how late it sent a message), else :func:`stream_calls`; with ``alone`` the calls are streamed one after
    another (each call alone on the server; the level's wall time is then the sum of the calls')."""
    health0 = server.health()["calls"]
    dropped0 = health0["audio_dropped_total_s"]
    split0 = _cpu_split(server)
    sampler = process_sampler(server)
    sampler.start()
    cpu0, me0, t0 = server.cpu_s(), time.process_time(), time.monotonic()
    backlog: list[float] = []
    starts: list[float] = []
    late: list[float] = []
    tag = f"n{len(calls)}"
    if alone:  # one call after another: each call's figures are those of one call alone, on the same audio
        timed = [
            asyncio.run(stream_calls(server.base, [c], f"{tag}-{i}", backlog, starts))[0] for i, c in enumerate(calls)
        ]
    elif encoded is None:
        timed = asyncio.run(stream_calls(server.base, calls, tag, backlog, starts))
    else:
        lean = stream_calls_lean(server.base, encoded[: len(calls)], tag, backlog, starts, late, phases or len(calls))
        timed = asyncio.run(lean)
    t1 = time.monotonic()
    wall = t1 - t0
    sampler.stop()
    health = server.health()
    decodes = read(timeline)[1] if timeline is not None else None
    parts = final_parts(timed, starts, *read(timeline), seconds) if timeline is not None else None
    return score_transcripts(calls, timed, seconds) | {
        "parts": parts,
        "breakdown": final_breakdown(timed, seconds),
        "cores": (server.cpu_s() - cpu0) / wall,
        "bench_cores": (time.process_time() - me0) / wall,
        "dropped_s": health["calls"]["audio_dropped_total_s"] - dropped0,
        "cpu_split": {k: round(v - split0[k], 1) for k, v in _cpu_split(server).items()},
        "asr": health["calls"].get("asr"),
        "backlog_max": max(backlog, default=float("nan")),
        "backlog_p95": float(np.percentile(backlog, 95)) if backlog else float("nan"),
        "late": [float(np.percentile(late, q)) for q in (50, 95, 100)] if late else None,
        "by_process": by_process(sampler, min(starts, default=t0), min(starts, default=t0) + seconds, decodes),
        "client_cpu_s": client_cores(sampler.cores(t0, t1)) * (t1 - t0),
    }


CLIENT, SERVER, DECODE = "client", "server", "decode processes"
"""The roles :func:`process_sampler` samples: this process (the calls' sender and the agents' pages), the ``coach
serve`` process and the server's child processes (the decoders, ``asr.decode_process``)."""


def process_sampler(server: Server) -> ProcSampler:
    """A :class:`proc_cpu.ProcSampler` of the client, the server and its children (looked up again every 2 s), its
    threads grouped as :func:`thread_group` says."""
    found: dict[str, Any] = {"at": -1e9, "pids": []}

    def roles() -> dict[str, list[int]]:
        if time.monotonic() - found["at"] > 2.0:
            found["at"], found["pids"] = time.monotonic(), _children(server.proc.pid)
        return {CLIENT: [os.getpid()], SERVER: [server.proc.pid], DECODE: found["pids"]}

    return ProcSampler(roles, thread_group)


def thread_group(role: str, pid: int, tid: int, name: str) -> str:
    """What a sampled thread is: the client's event loop (sending the calls, reading the pages), its sampler, its
    other threads (``/api/health`` reads); the server's event loop, its decoder threads (in-process decoding and the
    scheduler's ``coach-asr`` workers), its other threads (the calls' analysis, the store, the classifiers); the
    decode processes."""
    if role == CLIENT:
        return "client loop" if tid == pid else "client sampler" if name == SAMPLER_THREAD else "client other"
    if role == SERVER:
        if tid == pid:
            return "server loop"
        return "server decoder" if name.startswith((DECODER_THREAD_NAME, "coach-asr")) else "server analysis+other"
    return role


def by_process(
    sampler: ProcSampler, start: float, end: float, decodes: list[dict[str, Any]] | None
) -> dict[str, Usage]:
    """The sampled cores by thread group over the calls' audio (first call's start to the calls' length after it),
    and, with the decoder's timeline, over the moments a pack of finals or a backlog pack was decoding."""
    out = {"stream": sampler.cores(start, end)}
    if decodes is not None:
        busy = [(d["s"], d["e"]) for d in decodes if d["what"] in ("finals", "backlog") and start <= d["s"] < end]
        out["finals decoding"] = sampler.cores(start, end, busy)
    return out


def client_cores(usage: Usage) -> float:
    """The client's cores in ``usage`` (its event loop and other threads, not its sampler)."""
    return sum(v[0] for g, v in usage.groups.items() if g.startswith(CLIENT) and g != "client sampler")


def by_process_lines(found: dict[str, Usage]) -> list[str]:
    """:func:`by_process` as lines: per span, each group's cores (threads waiting for a core, times put on a core a
    second), the client's without its sampler."""
    lines = []
    for span, usage in found.items():
        ranked = sorted(usage.groups.items(), key=lambda kv: -kv[1][0])
        groups = ", ".join(f"{g} {c:.2f} ({w:.2f}, {n:.0f}/s)" for g, (c, w, n) in ranked)
        client = client_cores(usage)
        lines.append(
            f"cores by process, {span} ({usage.seconds:.1f} s; in brackets: threads waiting for a core, times put on"
            f" a core a second): {groups}; client without its sampler {client:.2f} cores"
        )
    return lines


def _cpu_split(server: Server) -> dict[str, float]:
    """The server's CPU seconds so far, per thread from ``/proc``: its main thread (the event loop:
    sockets, pages), the decoder in the server (CTranslate2's threads, named
    :data:`coach.asr.engine.DECODER_THREAD_NAME` when the model loads, and the scheduler's
    ``coach-asr-*`` workers), the decode processes (children), and the rest (the calls' analysis, the
    store, the ONNX classifiers)."""
    pid = server.proc.pid
    loop = cpu_seconds(pid, thread=pid)
    decoder = 0.0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            name = (task / "comm").read_text().strip()
            if name.startswith((DECODER_THREAD_NAME, "coach-asr")):
                decoder += cpu_seconds(pid, thread=int(task.name))
        except (OSError, ValueError):  # a thread that ended meanwhile
            continue
    children = sum(cpu_seconds(p) for p in _children(pid))
    rest = cpu_seconds(pid) - loop - decoder
    return {"event_loop": loop, "decoder": decoder, "decode_processes": children, "rest": rest}


MATCH_END_S = 0.5
"""How far a decode's speech end (and its queueing before the speech was played) may lie from the final's own
(a partial promoted to its turn's final was requested before the turn's end; calls are 0.37 s apart)."""

PARTS = ("hangover", *(f"behind {k}" for k in DECODE_KINDS), "behind idle", "decode", "to page", "publish")
"""How :func:`final_parts` splits a final's latency (they add up to it)."""


def final_parts(
    timed: list[list[tuple[float, dict[str, Any]]]],
    starts: list[float],
    finals: list[dict[str, Any]],
    decodes: list[dict[str, Any]],
    seconds: float,
) -> dict[str, Any]:
    """Each final the pages received (as :func:`score_transcripts` scores them), joined with its decode in the
    server's scheduler timeline (:mod:`coach.asr.timeline`: the same piece, its speech end nearest the final's within
    :data:`MATCH_END_S`, queued and handed over between the speech played and the page's receipt), its latency split
    into :data:`PARTS` (seconds, adding up to it):

    - ``hangover``: its speech played -> the final queued (the VAD's end of speech or the provisional end, the
      analysis reaching that audio, the stage's request);
    - ``behind <kind>``: queued -> taken, while a decoder was busy with a pack of fresh finals, a backlog
      pack, a pack of partials (and no finals), or none of them (``idle``: the scheduler's own wait, e.g. its
      lock) (:func:`coach.asr.timeline.behind`);
    - ``decode``: taken -> handed over (its pack or batch, a refused slot's decode again);
    - ``to page``: handed over -> the analysis emitting the event (the stage collects decodes when the call's
      analysis next runs; a lane's finals in order);
    - ``publish``: emitted -> received by the agent page.

    ``all``: the p50 of each part over the joined finals; ``tail``: the mean of each part over the finals at or
    above the p90 latency (their count and how they were decoded); ``missing``: finals with no decode in the
    timeline (a customer's final taken from a partial: not through the finals' queue)."""
    rows, missing, how = [], 0, []
    for events, start in zip(timed, starts, strict=True):
        for at, e in events:
            if e.get("type") != "transcript" or not e.get("final") or e["end"] >= seconds - 1.0:
                continue
            played, received = start + e["end"], start + at
            emitted = received - (e[RECEIVED] - e[EMITTED])
            mine = [  # the piece's id is "<lane>-<utt>" in the event; every call numbers its pieces alike
                f
                for f in finals
                if f"{f['lane']}-{f['utt']}" == e["utt"]
                and abs(f["end_s"] - e["end"]) < MATCH_END_S
                and played - MATCH_END_S <= f["q"] <= f["d"] <= received
            ]
            if not mine:
                missing += 1
                continue
            f = min(mine, key=lambda f: abs(f["end_s"] - e["end"]))
            waits = behind(f["q"], f["t"], decodes)
            rows.append(
                [f["q"] - played, *(waits[k] for k in (*DECODE_KINDS, "idle")), f["d"] - f["t"], emitted - f["d"]]
                + [received - emitted, received - played]
            )
            how.append(f["how"])
    if not rows:
        return {"finals": 0, "missing": missing}
    table = np.array(rows)
    cut = float(np.percentile(table[:, -1], 90))
    tail = table[:, -1] >= cut
    shapes: dict[str, int] = {}
    for h, t in zip(how, tail, strict=True):
        if t:
            shapes[h] = shapes.get(h, 0) + 1
    return {
        "finals": len(rows),
        "missing": missing,
        "all": {p: float(np.percentile(table[:, i], 50)) for i, p in enumerate(PARTS)},
        "tail": {p: float(table[tail, i].mean()) for i, p in enumerate(PARTS)},
        "tail_finals": int(tail.sum()),
        "tail_cut_s": cut,
        "tail_latency_s": float(table[tail, -1].mean()),
        "tail_how": shapes,
    }


def parts_lines(parts: dict[str, Any] | None) -> list[str]:
    """:func:`final_parts` as two lines (p50 of every final; the mean of the tail's), or a line saying why not."""
    if not parts or not parts.get("finals"):
        return [f"final latency split: no final joined with the scheduler's timeline ({parts})"]
    how = ", ".join(f"{k} {v}" for k, v in sorted(parts["tail_how"].items()))
    return [
        f"final latency split over {parts['finals']} finals ({parts['missing']} not through the finals' queue), p50:"
        + ", ".join(f" {p} {parts['all'][p]:.2f}" for p in PARTS),
        f"tail: {parts['tail_finals']} finals >= {parts['tail_cut_s']:.2f} s (mean {parts['tail_latency_s']:.2f} s)"
        f" = " + " + ".join(f"{p} {parts['tail'][p]:.2f}" for p in PARTS) + f"; decoded as {how}",
    ]


def score_transcripts(
    calls: list[LabelledCall], timed: list[list[tuple[float, dict[str, Any]]]], seconds: float
) -> dict[str, Any]:
    """Latency and accuracy of each call's ``transcript`` events, given as ``(t, event dict)`` with ``t``
    in seconds since the call's audio began arriving (wall or simulated time).

    ``p50``/``p95``: final transcripts after the end of their speech (turns ending in the last second
    excluded); ``word_*``: each word's delay from its end to when it was first committed (by a
    partial's ``stable`` prefix or a final; ``agent_word_p50`` for the agent lane's words, which the
    language rules read); ``via_partial``: the share committed by partials; ``agent_p50`` / ``agent_p95`` and
    ``customer_p50`` / ``customer_p95``: the finals' latency lane by lane.
    """
    latencies, word_delays, agent_delays, partials, via_partial, pairs = [], [], [], 0, 0, []
    by_lane: dict[Lane, list[float]] = {lane: [] for lane in Lane}  # final latencies, lane by lane
    for labelled, events in zip(calls, timed, strict=True):
        finals: dict[Lane, list[str]] = {lane: [] for lane in Lane}
        committed: dict[str, int] = {}
        revised = revised_texts(e for _, e in events)  # a final's words as revised (transcript.revised)
        for at, e in events:
            if e.get("type") != "transcript":
                continue
            words = e.get("words", [])
            delays = agent_delays if e.get("speaker") == Lane.AGENT.value else []
            if e.get("final"):
                finals[Lane(e["speaker"])].append(revised.get(e["utt"], e["text"]))
                if e["end"] < seconds - 1.0:
                    latencies.append(at - e["end"])
                    by_lane[Lane(e["speaker"])].append(at - e["end"])
                start = committed.get(e["utt"], 0)
                word_delays += [at - w["end"] for w in words[start:]]
                delays += [at - w["end"] for w in words[start:]]
                committed[e["utt"]] = len(words)
            else:
                partials += 1
                stable, start = int(e.get("stable", 0)), committed.get(e["utt"], 0)
                if stable > start:
                    word_delays += [at - w["end"] for w in words[start:stable]]
                    delays += [at - w["end"] for w in words[start:stable]]
                    via_partial += stable - start
                    committed[e["utt"]] = stable
        for lane in Lane:
            pairs.append((" ".join(labelled.refs[lane]), " ".join(finals[lane])))
    lat, delays = np.array(latencies), np.array(word_delays)

    def pct(a: np.ndarray, q: float) -> float:
        return float(np.percentile(a, q)) if len(a) else float("nan")

    return {
        "finals": len(lat),
        "p50": pct(lat, 50),
        "p95": pct(lat, 95),
        "partials_per_lane_s": partials / max(1e-9, sum(c.speech_s for c in calls)),
        "word_p50": pct(delays, 50),
        "word_p95": pct(delays, 95),
        "agent_word_p50": pct(np.array(agent_delays), 50),
        **{f"{lane.value}_{q}": pct(np.array(by_lane[lane]), float(q[1:])) for lane in Lane for q in ("p50", "p95")},
        "via_partial": via_partial / max(1, len(delays)),
        "wer": corpus_wer(pairs),
        "pairs": pairs,
        "turns": tally_turns(calls, timed) if all(c.names for c in calls) else {},
        **agent_word_parts(timed),
    }


def agent_word_parts(timed: list[list[tuple[float, dict[str, Any]]]]) -> dict[str, Any]:
    """Where the agent's committed words wait (the language rules read them), from the same events as
    :func:`score_transcripts`. A word first committed by its turn's final waits for the rest of its piece
    (``agent_place_*``: the piece's speech end minus the word's end) and then for the final
    (``agent_final_wait_*``: the final's arrival minus that speech end, each word counted); a word committed by
    a partial waits ``agent_partial_delay_*``. ``agent_word_p95``; ``agent_via_partial``: the share committed by
    partials; ``commit_changed``: of the words partials committed, how many the piece's final wrote otherwise
    (aligned in order: a word the final lacks or wrote otherwise): words the language rules saw that the final
    changed."""
    place, final_wait, by_partial, changed, committed_n = [], [], [], 0, 0
    for events in timed:
        shown: dict[str, list[str]] = {}  # utt -> the keys partials committed, in order
        for at, e in events:
            if e.get("type") != "transcript" or e.get("speaker") != Lane.AGENT.value:
                continue
            words, utt = e.get("words", []), e["utt"]
            done = shown.setdefault(utt, [])
            if e.get("final"):
                keys = [word_key(w.get("w", "")) for w in words]
                kept = SequenceMatcher(None, done, keys, autojunk=False).get_matching_blocks()
                changed += len(done) - sum(b.size for b in kept)  # committed words the final has not, in order
                committed_n += len(done)
                for w in words[len(done) :]:
                    place.append(e["end"] - w["end"])
                    final_wait.append(at - e["end"])
                shown[utt] = keys
            else:
                stable = int(e.get("stable", 0))
                by_partial += [at - w["end"] for w in words[len(done) : stable]]
                done += [word_key(w.get("w", "")) for w in words[len(done) : stable]]

    def pct(a: list[float], q: float) -> float:
        return float(np.percentile(a, q)) if a else float("nan")

    every = [p + f for p, f in zip(place, final_wait, strict=True)] + by_partial
    return {
        "agent_word_p95": pct(every, 95),
        "agent_place_p50": pct(place, 50),
        "agent_final_wait_p50": pct(final_wait, 50),
        "agent_partial_delay_p50": pct(by_partial, 50),
        "agent_partial_delay_p95": pct(by_partial, 95),
        "agent_via_partial": len(by_partial) / max(1, len(every)),
        "commit_changed": changed,
        "commit_words": committed_n,
    }


def dump_pairs(path: Path, pairs: list[tuple[str, str]], run: str) -> Path:
    """Write one run's ``(reference, finals)`` texts per call lane to ``path`` as JSON, or, when several runs
    share the bench (``run`` names one: variant, calls, repeat), to ``path`` with ``.RUN`` before its suffix, so
    that no run's texts overwrite another's. Returns the file written."""
    out = path.with_name(f"{path.stem}.{run}{path.suffix}") if run else path
    out.write_text(json.dumps(pairs, indent=1))
    return out


def offline_texts(clips: list[Clip], config: AsrConfig) -> dict[str, str]:
    """Each clip (by name) decoded alone, offline, with the finals' beam."""
    engine = get_engine(config)
    opts = DecodeOptions(language=config.language, beam_size=config.final_beam_size)
    return {c.name: engine.transcribe(c.pcm, options=opts).text for c in clips}


def offline_wer(texts: dict[str, str], calls: list[LabelledCall]) -> float:
    """WER of the calls' clips decoded one by one offline (``texts``: :func:`offline_texts`); each call's
    ``offline`` texts are filled turn by turn. A call built without clip names (``build_monologue``: one reference
    of several clips) has no offline text per turn: it is left out (its ``offline`` stays empty)."""
    pairs = []
    for call in (c for c in calls if c.names):
        call.offline = {lane: [texts[name] for name in call.names[lane]] for lane in call.names}
        for lane in Lane:
            pairs.append((" ".join(call.refs[lane]), " ".join(call.offline[lane])))
    return corpus_wer(pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", default="1,4,8,16,24")
    parser.add_argument("--seconds", type=float, default=40.0)
    parser.add_argument("--clips", type=int, default=60, help="asterisk prompts in the fixed subset")
    parser.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE", help="server setting")
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="NAME:SECTION.KEY=VALUE,...",
        help="a configuration to compare (on top of --set); several are run interleaved, level by level",
    )
    parser.add_argument("--no-offline", action="store_true", help="skip the offline reference WER")
    parser.add_argument(
        "--dump",
        help="write each lane's reference and final texts here (JSON; test audio only; with several runs, one"
        " file per run: FILE.VARIANT-CALLS-REPEAT.json)",
    )
    parser.add_argument(
        "--profile",
        metavar="FOLDER",
        help="count the decode processes' CPU by phase and kind of decode (coach.asr.profile) into FOLDER/<run>",
    )
    parser.add_argument(
        "--py-spy",
        metavar="BIN",
        help="with --profile: sample the server process (not its decode processes) with this py-spy binary",
    )
    parser.add_argument("--repeat", type=int, default=1, help="run every level's variants this many times, interleaved")
    parser.add_argument(
        "--alone",
        action="store_true",
        help="stream each level's calls one after another, each alone on the server (the same audio as N at once)",
    )
    parser.add_argument(
        "--client",
        default="sdk",
        help="who sends the calls: sdk (coach.server.client.send_call per call), lean (scripts/lean_client.py, each"
        " call's messages apart), batched (lean, every call's messages together), or several as 'sdk,lean',"
        " interleaved like the variants",
    )
    parser.add_argument(
        "--awake",
        default="off",
        help="on: while the calls stream, one busy loop per core at SCHED_IDLE keeps every core from halting (a core"
        " then runs any real thread at once; see keep_awake); 'off,on' runs both, interleaved",
    )
    args = parser.parse_args()
    if not set(args.awake.split(",")) <= {"off", "on"}:
        raise SystemExit(f"--awake takes off and / or on, not {args.awake!r}")
    clients = args.client.split(",")
    if not set(clients) <= {"sdk", "lean", "batched"}:
        raise SystemExit(f"--client takes sdk, lean and / or batched, not {args.client!r}")
    clips = [jfk()] + [asterisk(stem) for stem in asterisk_subset(args.clips)]
    levels = [int(x) for x in args.calls.split(",")]
    calls = [build_call(clips, 5 * i, args.seconds) for i in range(max(levels))]
    variants = [_variant(spec, args.set) for spec in args.variant] or [("default", server_config(args.set))]
    head = 3 * SAMPLE_RATE
    warm_up = LabelledCall({lane: pcm[:head] for lane, pcm in calls[0].lanes.items()}, {lane: [] for lane in Lane}, 0.0)
    encoded = [encode_call(c.lanes) for c in calls] if set(clients) - {"sdk"} else None
    off = float("nan") if args.no_offline else offline_wer(offline_texts(clips, AsrConfig()), calls)
    print(f"{args.seconds:.0f} s two-lane calls of labelled speech streamed in real time into `coach serve` with:")
    for name, config_text in variants:
        print(f"  {name}: " + config_text.strip().replace("\n", "; "))
    print(f"offline WER of the same clips (one decode each, beam {AsrConfig().final_beam_size}): {off:.3f}")
    print(
        "variant      calls finals  final p50   p95  partials/lane-s  word p50   p95  agent word p50  via-partial"
        "  cores  bench-cores  dropped-s    WER"
    )
    awakes = [a == "on" for a in args.awake.split(",")]
    runs = [
        (n, rep, v, c, a)
        for n in levels
        for rep in range(args.repeat)
        for v in variants
        for c in clients
        for a in awakes
    ]
    for n, rep, (name, config_text), client, awake in runs:  # interleaved: the machine's load hits all alike
        label, _, product = name.partition("@")
        label += f"/{client}" if len(clients) > 1 else ""
        label += "/awake" if awake else ""
        folder = Path(args.profile, f"{label.replace('/', '-')}-{n}-{rep}") if args.profile else None
        if folder is not None:
            os.environ[PROFILE_ENV] = str(folder / "decode")  # the decode processes inherit it
        with tempfile.TemporaryDirectory(prefix="coach-capacity-") as tmp:
            server = Server.start(Path(tmp), config_text, Path(product).resolve() if product else None)
            try:
                asyncio.run(stream_calls(server.base, [warm_up], "warm"))  # the model loads outside the timing
                load = os.getloadavg()[0]
                spy = _py_spy(args.py_spy, server.proc.pid, folder) if folder is not None and args.py_spy else None
                decode0 = merged(folder / "decode") if folder is not None else {}
                timeline = folder / "decode" if folder is not None else None
                phases = 1 if client == "batched" else 0
                spinners = keep_awake(os.cpu_count() or 1) if awake else []
                try:
                    lean = None if client == "sdk" else encoded
                    r = run_level(server, calls[:n], args.seconds, timeline, lean, phases, args.alone)
                finally:
                    stop_spinners(spinners)
                if spy is not None:
                    spy.send_signal(signal.SIGINT)  # py-spy writes its file on an interrupt
                    spy.wait(60)
            finally:
                server.stop()
        pairs = r.pop("pairs")
        turns = r.pop("turns")
        if args.dump:
            dump_pairs(Path(args.dump), pairs, f"{label.replace('/', '-')}-{n}-{rep}" if len(runs) > 1 else "")
        print(
            f"{label[:12]:12s} {n:5d} {r['finals']:6d} {r['p50']:10.2f} {r['p95']:5.2f}"
            f" {r['partials_per_lane_s']:16.2f} {r['word_p50']:9.2f} {r['word_p95']:5.2f}"
            f" {r['agent_word_p50']:15.2f} {r['via_partial']:12.2f} {r['cores']:6.2f} {r['bench_cores']:12.2f}"
            f" {r['dropped_s']:10.1f} {r['wer']:6.3f}",
            flush=True,
        )
        for line in tally_lines(turns, with_offline=not args.no_offline):
            print(f"      WER by set and pieces:{line}", flush=True)
        print(
            f"      by lane: agent final p50 / p95 {r['agent_p50']:.2f} / {r['agent_p95']:.2f} s,"
            f" customer {r['customer_p50']:.2f} / {r['customer_p95']:.2f} s; {greedy_share(r['asr'])}",
            flush=True,
        )
        print(f"      load average at start {load:.1f}; server CPU s: {r['cpu_split']}", flush=True)
        print(
            f"      client CPU {r['client_cpu_s']:.2f} s over the level (calls in, pages out, its sampler left out) ="
            f" {r['client_cpu_s'] / (n * args.seconds):.4f} CPU-s per call-second",
            flush=True,
        )
        if r["late"] is not None:
            print(
                "      lean client: messages sent late by p50 / p95 / max {:.3f} / {:.3f} / {:.3f} s".format(*r["late"])
            )
        for line in by_process_lines(r["by_process"]):
            print(f"      {line}", flush=True)
        print(f"      scheduler: {r['asr']}", flush=True)
        print(f"      {tail_line(r['asr'])}", flush=True)
        print(
            "      final p50 / p95 split (s): "
            + ", ".join(
                f"{part} {r['breakdown'][part + '_p50']:.2f} / {r['breakdown'][part + '_p95']:.2f}"
                for part in ("audio", "lag", "lag_close", "publish")
            )
            + f" ({r['breakdown']['closed']} finals at their call's close); analysis backlog max"
            f" {r['backlog_max']:.2f} / p95 {r['backlog_p95']:.2f} s",
            flush=True,
        )
        if folder is not None:
            for line in profile_lines(decode_delta(merged(folder / "decode"), decode0), n * args.seconds):
                print(f"      {line}", flush=True)
            for line in parts_lines(r["parts"]):
                print(f"      {line}", flush=True)
            if args.py_spy:
                for line in spy_lines(folder / "server.spy", r["cpu_split"]):
                    print(f"      {line}", flush=True)


SPIN = "import os\nos.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))\nwhile True:\n    pass\n"


def keep_awake(n: int) -> list[subprocess.Popen[bytes]]:
    """``n`` processes that spin at ``SCHED_IDLE`` (``--awake on``): a diagnostic, not a setting. A thread that wakes
    on a core running one of them preempts it at once, so no core of the machine halts while they run. On this VM
    (``haltpoll.guest_halt_poll_ns=0``: an idle vCPU halts at once) every wake-up of a thread on an idle core waits
    for the host to run the halted vCPU again; CTranslate2's two threads sleep and wake thousands of times a
    second of decoding, so the decoder's "threads waiting for a core" beside idle cores may be that wait. The
    spinners' CPU shows only in the ``machine`` figure; they keep the whole session's scheduling group busy, so use
    it on a quiet machine only."""
    return [subprocess.Popen([sys.executable, "-c", SPIN]) for _ in range(n)]


def stop_spinners(spinners: list[subprocess.Popen[bytes]]) -> None:
    """Kill :func:`keep_awake`'s processes and reap them."""
    for proc in spinners:
        proc.kill()
    for proc in spinners:
        proc.wait()


Counters = dict[str, dict[str, float]]
"""Decode counters kind by kind (:func:`coach.asr.profile.merged`)."""


def decode_delta(after: Counters, before: Counters) -> Counters:
    """The decode processes' counters (:func:`coach.asr.profile.merged`) of a run: ``after`` less ``before``."""
    return {
        kind: {key: value - before.get(kind, {}).get(key, 0.0) for key, value in row.items()}
        for kind, row in after.items()
        if row.get("requests", 0.0) > before.get(kind, {}).get("requests", 0.0)
    }


def profile_lines(kinds: Counters, call_s: float) -> list[str]:
    """The decode processes' CPU of a run, kind by kind (``--profile``): requests, their rows and audio, faster-whisper
    decodes, CPU-s per call-second and its phases (``coach.asr.profile``), encoder passes; then all kinds."""
    lines = [f"decode CPU by kind (CPU-s per call-second over {call_s:.0f} call-s; phases: shares of the kind's CPU):"]
    keys = ("cpu_s", "wall_s", "runnable_s", "requests", *PHASES, "rest")
    total = {key: sum(row.get(key, 0.0) for row in kinds.values()) for key in keys}
    for kind, row in sorted(kinds.items(), key=lambda kv: -kv[1]["cpu_s"]) + [("all", total)]:
        cpu = max(1e-9, row["cpu_s"])
        phases = ", ".join(f"{p} {row.get(p, 0.0) / cpu:.0%}" for p in (*PHASES, "rest"))
        sizes = (
            f" rows {row['rows']:.0f}, audio {row['audio_s']:.0f} s, decodes {row['decodes']:.0f},"
            f" encoder passes {row.get('encoder_calls', 0):.0f}, generate calls {row.get('generate_calls', 0):.0f};"
            if kind != "all"
            else ""
        )
        cores = f", {row['cpu_s'] / row['wall_s']:.2f} cores while decoding" if row.get("wall_s") else ""
        if row.get("wall_s") and "runnable_s" in row:  # counted since session 46
            cores += f" ({row['runnable_s'] / row['wall_s']:.2f} of its threads waiting for a core)"
        lines.append(
            f"  {kind:10s} requests {row['requests']:.0f};{sizes} CPU {row['cpu_s']:.1f} s"
            f" = {row['cpu_s'] / call_s:.3f} /call-s, {row['cpu_s'] / max(1.0, row['requests']):.3f} s each{cores};"
            f" {phases}"
        )
    return lines


def _py_spy(binary: str, pid: int, folder: Path) -> subprocess.Popen[bytes]:
    """``py-spy record`` of the server process (its threads, not its decode processes) into ``folder/server.spy``
    (collapsed stacks), sampling without pausing it; stopped with SIGINT, when it writes the file."""
    folder.mkdir(parents=True, exist_ok=True)
    cmd = [binary, "record", "--pid", str(pid), "--nonblocking", "--rate", "50", "--format", "raw",
           "--output", str(folder / "server.spy")]  # fmt: skip
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def spy_lines(path: Path, cpu_split: dict[str, float], top: int = 14) -> list[str]:
    """The server process's samples (``py-spy``'s collapsed stacks, idle threads left out) by the innermost
    ``coach`` module on each stack (else the leaf's file), as shares of the samples and as CPU-s when spread over
    the server process's own CPU (``cpu_split`` less its decode processes)."""
    if not path.exists():
        return [f"py-spy: no samples in {path}"]
    counts: dict[str, int] = {}
    for line in path.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        frames = stack.split(";")
        where = next((_module(f) for f in reversed(frames) if "coach/" in f), None) or _module(frames[-1])
        counts[where] = counts.get(where, 0) + int(n)
    samples = max(1, sum(counts.values()))
    own = sum(v for k, v in cpu_split.items() if k != "decode_processes")
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])[:top]
    return [f"server process ({own:.1f} CPU-s, {samples} samples) by innermost coach module:"] + [
        f"  {where:40s} {n / samples:6.1%}  ~{own * n / samples:.1f} CPU-s" for where, n in ranked
    ]


def _module(frame: str) -> str:
    """``func (path/to/file.py:line)`` -> the file as a module path from ``coach/`` (or the file's name)."""
    path = frame.rpartition("(")[2].rpartition(":")[0]
    return path[path.find("coach/") :] if "coach/" in path else Path(path).name or frame


def greedy_share(schedulers: list[dict[str, Any]] | None) -> str:
    """How many of the decoded finals went greedily in a backlog pack (``/api/health``'s ``calls.asr``, all
    schedulers): at 16 calls the finals' WER follows this share (docs/asr.md, session 39 A34), so a WER reading
    is read beside it."""
    if not schedulers:
        return "no scheduler"
    greedy = sum(s.get("greedy_final_slots", 0) for s in schedulers)
    finals = sum(s.get("final_slots", 0) for s in schedulers)
    return f"finals decoded in backlog packs {greedy} of {finals}"


def tail_line(schedulers: list[dict[str, Any]] | None) -> str:
    """The finals at the top of each scheduler's wait + decode (``final_tail`` in ``/api/health``'s ``calls.asr``:
    :func:`coach.asr.scheduler.final_tail`), one line: how many (of an agent lane), their mean queue wait and
    decode in seconds, and how they were decoded. A final's latency on the page adds the VAD's hangover before
    the scheduler (about 0.27 s) and the publishing after it."""
    parts = []
    for tail in (s.get("final_tail") for s in schedulers or []):
        if tail:
            how = ", ".join(f"{k} {v}" for k, v in tail["how"].items())
            parts.append(
                f"{tail['finals']} finals (agent {tail['agent']}) at or above {tail['cut_s']:.2f} s: wait"
                f" {tail['wait_s']:.2f} + decode {tail['decode_s']:.2f} s; decoded as {how}"
            )
    return "scheduler tail (wait + decode >= p90): " + ("; ".join(parts) or "none")


def _variant(spec: str, common: list[str]) -> tuple[str, str]:
    """``NAME:section.key=value,...`` -> (name, TOML configuration with ``common`` settings first)."""
    name, _, settings = spec.partition(":")
    return name, server_config(common + [item for item in settings.split(",") if item])


if __name__ == "__main__":
    main()
