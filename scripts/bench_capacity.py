"""Capacity: N two-lane calls streamed in real time into the server's call manager, transcription on.

Each call is built from labelled speech (the 8 kHz asterisk prompts and jfk from ``shared/data/asr``):
turns alternate between the agent and the customer lane with pauses between them, and every call
starts at a different clip, so calls carry different words. One feeder thread plays every call's
20 ms chunks at their wall-clock time into ``coach.server.calls.CallManager`` (bounded per-call audio
queues that drop the oldest audio when analysis falls behind, ``[server] analysis_threads`` analysis
threads, analyzers built by ``build_analyzer(..., live=True)``: VAD, prosody, turns, escalation,
streaming ASR through the process's shared decode scheduler, language rules). For each N it prints:

- final p50/p95: wall time when the analysis emitted a turn's final transcript minus the wall time
  the turn's last speech sample was played (VAD hangover included; the websocket hop is not);
- partials/lane-s: partial transcript events per second of speech on a lane;
- committed-word delay p50/p95: for each word, when it was first committed (in a partial's ``stable``
  prefix or, failing that, in the final) minus when its audio was played; ``via partial`` is the
  share of words that reached the language rules through partials;
- CPU cores used by the process, audio dropped by the call queues (seconds, all calls);
- WER of the finals (each lane's finals joined, against its clips' reference texts), and of the same
  clips decoded offline one by one with beam 5 (the reference figure: target <= 1.15x).

    .venv/bin/python scripts/bench_capacity.py [--calls 1,4,8,16,24] [--seconds 40] [--config TOML]

The clips are the fixed asterisk subset also used for tuning in ``bench_asr_wer.py``; nothing here is
held out. Wall-clock figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.asr.config import AsrConfig  # noqa: E402
from coach.asr.engine import DecodeOptions, get_engine  # noqa: E402
from coach.asr.scheduler import scheduler_stats  # noqa: E402
from coach.asr.stage import TranscriptionStage  # noqa: E402
from coach.asr.textnorm import corpus_wer  # noqa: E402
from coach.config import CoachConfig, load_config  # noqa: E402
from coach.pipeline.analyzer import CallAnalyzer  # noqa: E402
from coach.pipeline.factory import build_analyzer  # noqa: E402
from coach.server.calls import CallManager, ServerCall  # noqa: E402
from coach.types import SAMPLE_RATE, AudioChunk, Lane  # noqa: E402
from training.asr_corpus import Clip, asterisk, asterisk_subset, jfk  # noqa: E402

CHUNK = SAMPLE_RATE // 50  # 20 ms, as telephony sources deliver


@dataclass
class LabelledCall:
    """Two lanes of audio and, per lane, the reference texts of its turns and their speech spans."""

    lanes: dict[Lane, np.ndarray]
    refs: dict[Lane, list[str]]
    speech_s: float


def build_call(clips: list[Clip], first: int, seconds: float) -> LabelledCall:
    """Alternating turns from ``clips`` (starting at ``first``), 0.9-1.6 s apart, ``seconds`` long."""
    total = int(seconds * SAMPLE_RATE)
    lanes = {lane: np.zeros(total, dtype=np.float32) for lane in Lane}
    refs: dict[Lane, list[str]] = {lane: [] for lane in Lane}
    pos, k, speech = int(0.5 * SAMPLE_RATE), first, 0
    while True:
        clip = clips[k % len(clips)]
        if pos + len(clip.pcm) > total - SAMPLE_RATE:
            break
        lane = Lane.AGENT if (k - first) % 2 == 0 else Lane.CUSTOMER
        lanes[lane][pos : pos + len(clip.pcm)] = clip.pcm
        refs[lane].append(clip.text)
        speech += len(clip.pcm)
        pos += len(clip.pcm) + int((0.9 + 0.7 * ((k * 7) % 5) / 4) * SAMPLE_RATE)
        k += 1
    return LabelledCall(lanes, refs, speech / SAMPLE_RATE)


class _NoBoard:
    """The manager's live board, unused here (no event loop, no browsers)."""

    def __getattr__(self, name: str) -> Callable[..., None]:
        return lambda *args, **kwargs: None


@dataclass
class CallLog:
    """What one call's analysis emitted, with wall times (seconds since the call's first sample)."""

    origin: float = 0.0
    events: list[tuple[float, dict[str, Any]]] = field(default_factory=list)


def make_analyzer(cfg: CoachConfig, call_id: str, *, escalation: bool = True) -> CallAnalyzer:
    """The live analyzer the server builds (``escalation=False`` leaves the escalation stage out)."""
    if escalation:
        return build_analyzer(cfg, call_id=call_id, transcribe=True, live=True)
    stage = TranscriptionStage(dataclasses.replace(cfg.asr, mode="threaded"))
    return CallAnalyzer(cfg, call_id=call_id, transcription=stage, escalation=False)


class BenchManager(CallManager):
    """The server's call manager, recording each call's events with the wall time they were emitted."""

    def __init__(self, cfg: CoachConfig, *, escalation: bool = True) -> None:
        super().__init__(
            make_analyzer=lambda call_id: make_analyzer(cfg, call_id, escalation=escalation),
            board=_NoBoard(),  # type: ignore[arg-type]
            store=None,
            analysis_threads=cfg.server.analysis_threads,
            call_queue_s=cfg.server.call_queue_s,
        )
        self.logs: dict[str, CallLog] = {}
        self._log_lock = threading.Lock()

    def _emitted(self, call: ServerCall, events: list[dict[str, Any]], emitted: float) -> None:
        with self._log_lock:
            log = self.logs.setdefault(call.call_id, CallLog())
            log.events += [(time.monotonic(), e) for e in events]


def run_level(cfg: CoachConfig, calls: list[LabelledCall], seconds: float, *, escalation: bool) -> dict[str, Any]:
    manager = BenchManager(cfg, escalation=escalation)
    live = [manager.start_call(agent_id=f"bench{i}", source="bench") for i in range(len(calls))]
    origins = [0.37 * i for i in range(len(calls))]
    total = len(calls[0].lanes[Lane.AGENT])
    steps = [
        (origins[i] + (pos + CHUNK) / SAMPLE_RATE, i, pos) for i in range(len(calls)) for pos in range(0, total, CHUNK)
    ]
    steps.sort()
    cpu0, t0 = time.process_time(), time.monotonic()
    for call in live:
        manager.logs[call.call_id] = CallLog(origin=t0)
    for i, call in enumerate(live):
        manager.logs[call.call_id].origin = t0 + origins[i]
    for due, i, pos in steps:
        lag = t0 + due - time.monotonic()
        if lag > 0:
            time.sleep(lag)
        pcm = calls[i].lanes
        live[i].push_many([AudioChunk(lane, pos, pcm[lane][pos : pos + CHUNK]) for lane in Lane])
        if pos + CHUNK >= total:
            live[i].end(complete=True)
    for call in live:
        call.done.wait()
    cpu, wall = time.process_time() - cpu0, time.monotonic() - t0
    dropped = sum(c.audio.dropped_s for c in live)
    manager.pool.stop()
    return summarise(manager, live, calls, seconds) | {"cores": cpu / wall, "dropped_s": dropped}


def summarise(
    manager: BenchManager, live: list[ServerCall], calls: list[LabelledCall], seconds: float
) -> dict[str, Any]:
    timed = []
    for call in live:
        log = manager.logs[call.call_id]
        timed.append([(wall - log.origin, e) for wall, e in log.events])
    return score_transcripts(calls, timed, seconds)


def score_transcripts(
    calls: list[LabelledCall], timed: list[list[tuple[float, dict[str, Any]]]], seconds: float
) -> dict[str, Any]:
    """Latency and accuracy of each call's ``transcript`` events, given as ``(t, event dict)`` with ``t``
    in seconds since the call's audio began arriving (wall or simulated time).

    ``p50``/``p95``: final transcripts after the end of their speech (turns ending in the last second
    excluded); ``word_*``: each word's delay from its end to when it was first committed (by a
    partial's ``stable`` prefix or a final); ``via_partial``: the share committed by partials.
    """
    latencies, word_delays, partials, via_partial, pairs = [], [], 0, 0, []
    for labelled, events in zip(calls, timed, strict=True):
        finals: dict[Lane, list[str]] = {lane: [] for lane in Lane}
        committed: dict[str, int] = {}
        for at, e in events:
            if e.get("type") != "transcript":
                continue
            words = e.get("words", [])
            if e.get("final"):
                finals[Lane(e["speaker"])].append(e["text"])
                if e["end"] < seconds - 1.0:
                    latencies.append(at - e["end"])
                start = committed.get(e["utt"], 0)
                word_delays += [at - w["end"] for w in words[start:]]
                committed[e["utt"]] = len(words)
            else:
                partials += 1
                stable, start = int(e.get("stable", 0)), committed.get(e["utt"], 0)
                if stable > start:
                    word_delays += [at - w["end"] for w in words[start:stable]]
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
        "via_partial": via_partial / max(1, len(delays)),
        "wer": corpus_wer(pairs),
        "pairs": pairs,
    }


def offline_wer(clips: list[Clip], calls: list[LabelledCall], config: AsrConfig) -> float:
    """WER of the calls' clips decoded one by one, offline, with the finals' beam."""
    engine = get_engine(config)
    opts = DecodeOptions(language=config.language, beam_size=config.final_beam_size)
    texts = {c.name: engine.transcribe(c.pcm, options=opts).text for c in clips}
    by_text = {c.text: texts[c.name] for c in clips}
    pairs = []
    for call in calls:
        for lane in Lane:
            pairs.append((" ".join(call.refs[lane]), " ".join(by_text[r] for r in call.refs[lane])))
    return corpus_wer(pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", default="1,4,8,16,24")
    parser.add_argument("--seconds", type=float, default=40.0)
    parser.add_argument("--clips", type=int, default=60, help="asterisk prompts in the fixed subset")
    parser.add_argument("--config", help="configuration TOML (e.g. [asr] workers / pack)")
    parser.add_argument("--no-escalation", action="store_true", help="leave the escalation stage out")
    parser.add_argument("--no-offline", action="store_true", help="skip the offline reference WER")
    parser.add_argument("--dump", help="write each lane's reference and final texts here (JSON; test audio only)")
    args = parser.parse_args()
    cfg = load_config(args.config)
    clips = [jfk()] + [asterisk(stem) for stem in asterisk_subset(args.clips)]
    levels = [int(x) for x in args.calls.split(",")]
    calls = [build_call(clips, 5 * i, args.seconds) for i in range(max(levels))]
    make_analyzer(cfg, "warm-up", escalation=not args.no_escalation)  # load the models outside the timing
    off = float("nan") if args.no_offline else offline_wer(clips, calls, cfg.asr)
    a = cfg.asr
    print(
        f"{args.seconds:.0f} s two-lane calls of labelled speech, real time; [asr] workers={a.workers} "
        f"cpu_threads={a.cpu_threads} shared_scheduler={a.shared_scheduler} pack={a.pack} "
        f"final_beam={a.final_beam_size}; [server] analysis_threads={cfg.server.analysis_threads}"
    )
    print(f"offline WER of the same clips (one decode each, beam {a.final_beam_size}): {off:.3f}")
    print("calls finals  final p50   p95  partials/lane-s  word p50   p95  via-partial  cores  dropped-s    WER")
    for n in levels:
        r = run_level(cfg, calls[:n], args.seconds, escalation=not args.no_escalation)
        if args.dump:
            Path(args.dump).write_text(json.dumps(r.pop("pairs"), indent=1))
        else:
            r.pop("pairs")
        print(
            f"{n:5d} {r['finals']:6d} {r['p50']:10.2f} {r['p95']:5.2f} {r['partials_per_lane_s']:16.2f}"
            f" {r['word_p50']:9.2f} {r['word_p95']:5.2f} {r['via_partial']:12.2f} {r['cores']:6.2f}"
            f" {r['dropped_s']:10.1f} {r['wer']:6.3f}",
            flush=True,
        )
        for s in scheduler_stats():
            print(f"      scheduler: {s}", flush=True)


if __name__ == "__main__":
    main()
