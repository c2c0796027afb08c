"""Transcription capacity on audio time: N labelled two-lane calls through one shared decode scheduler
whose simulated workers are busy, for every pack they decode, for the CPU time that pack really took.

Why: on a shared, loaded machine wall-clock latency measures the other tenants. Here the calls'
audio advances in 20 ms steps of a simulated clock; the scheduler (no threads) starts a pack whenever
one of its ``workers`` is idle, decodes it for real with tiny.en on one thread, and the results reach
the calls once the clock has given that decode its CPU seconds of work: a decode alone progresses at
``solo`` single-core seconds per second (1.5 for two threads on two cores), several at once share
``cores`` (two single-threaded decodes on two cores: 1.87; both from docs/benchmarks.md). The figures
are therefore those of a machine that gives the decoder that speed and nothing else: the rest of the
analysis (VAD, prosody, language rules) is not included, and nothing is dropped.

Same calls as ``bench_capacity.py`` (asterisk prompts and jfk in alternating turns, speech
boundaries from the project VAD reported with its detection delays). For each N and configuration
(``--variant``, run interleaved so machine load hits them alike) it prints final p50/p95 after the
end of the turn (VAD hangover included), partials per lane-second of speech, committed-word delay
p50/p95, the share of time a decode ran, packs and slots, and the finals' WER.

    .venv/bin/python scripts/bench_asr_capacity_sim.py [--calls 1,4,8,16,24] [--seconds 30] \
        [--variant 'name:workers=2,solo=1.0,cores=1.87' ...]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_capacity import LabelledCall, build_call, score_transcripts  # noqa: E402

from coach.asr.config import AsrConfig  # noqa: E402
from coach.asr.replay import boundaries  # noqa: E402
from coach.asr.scheduler import DecodeScheduler  # noqa: E402
from coach.asr.segments import speech_segments  # noqa: E402
from coach.asr.stage import TranscriptionStage  # noqa: E402
from coach.types import SAMPLE_RATE, AudioChunk, Event, Lane  # noqa: E402
from training.asr_corpus import Clip, asterisk, asterisk_subset, jfk  # noqa: E402

STEP = SAMPLE_RATE // 50
DEFAULT_VARIANT = "default:solo=1.5,cores=1.5"


@dataclass(frozen=True)
class Speed:
    """How fast the machine decodes, in single-core CPU seconds per second: ``solo`` for one decode
    alone (1.5 for two threads on two cores), ``cores`` for all decodes together when several run at
    once (two single-threaded decodes on two cores: 1.87, docs/benchmarks.md)."""

    solo: float
    cores: float

    def per_decode(self, running: int) -> float:
        return min(self.solo, self.cores / max(1, running))


@dataclass
class _Job:
    """A pack being decoded on the simulated clock: CPU seconds of one core still to do, and the
    function that hands its results to the calls."""

    work: float
    publish: Callable[[], None]


def simulate(calls: list[LabelledCall], config: AsrConfig, speed: Speed) -> dict[str, float]:
    now = {"s": 0.0}
    sched = DecodeScheduler(config, threads=0, clock=lambda: now["s"])
    stages = [TranscriptionStage(config, scheduler=sched) for _ in calls]
    offsets = [int(0.37 * i * SAMPLE_RATE) for i in range(len(calls))]
    pending = [boundaries({lane: speech_segments(c.lanes[lane]) for lane in Lane}) for c in calls]
    total = len(calls[0].lanes[Lane.AGENT])
    emitted: list[list[tuple[float, Event]]] = [[] for _ in calls]
    running: list[_Job] = []
    busy_s, cpu_s = 0.0, 0.0
    closed = [False] * len(calls)
    end = total + offsets[-1] + 30 * SAMPLE_RATE
    dt = STEP / SAMPLE_RATE
    for t in range(0, end, STEP):
        now["s"] = t / SAMPLE_RATE
        if running:  # the packs in flight progress at the speed the machine gives each of them
            busy_s += dt
            rate = speed.per_decode(len(running))
            for job in running:
                job.work -= rate * dt
            for job in [j for j in running if j.work <= 1e-9]:
                running.remove(job)
                job.publish()
        for i, (call, stage) in enumerate(zip(calls, stages, strict=True)):
            pos = t - offsets[i]
            if pos < 0 or closed[i]:
                continue
            if pos < total:
                for lane in Lane:
                    stage.on_chunk(AudioChunk(lane, pos, call.lanes[lane][pos : pos + STEP]))
                while pending[i] and pending[i][0].due <= pos + STEP:
                    b = pending[i].pop(0)
                    (stage.on_speech_start if b.kind == "start" else stage.on_speech_end)(b.lane, b.sample)
                emitted[i] += [(now["s"], e) for e in stage.poll(pos + STEP)]
            else:
                for b in pending[i]:
                    if b.kind == "end":
                        stage.on_speech_end(b.lane, b.sample)
                pending[i] = []
                emitted[i] += [(now["s"], e) for e in stage.poll(total)]
                if not stage.busy:  # the call is over once its last decode came back
                    emitted[i] += [(now["s"], e) for e in stage.close(total)]
                    closed[i] = True
        while len(running) < config.workers:
            held: list[Callable[[], None]] = []
            cpu0 = time.process_time()
            if not sched.step(defer=held.append):
                break
            work = time.process_time() - cpu0
            cpu_s += work
            running.append(_Job(work, held[0]))
        if all(closed):
            break
    for i, stage in enumerate(stages):
        if not closed[i]:
            emitted[i] += [(now["s"], e) for e in stage.close(total)]
    last = [
        max(
            ((at - off / SAMPLE_RATE - e.data["end"], e.data["end"]) for at, e in ev if _is_final(e)),
            key=lambda x: x[1],
        )
        for ev, off in zip(emitted, offsets, strict=True)
        if any(_is_final(e) for _, e in ev)
    ]
    return summarise(calls, emitted, offsets, total) | {
        "last_final_s": max((delay for delay, _ in last), default=float("nan")),
        "busy": busy_s / max(1e-9, now["s"]),
        "windows": sched.stats()["windows"],
        "final_slots": sched.stats()["final_slots"],
        "partial_slots": sched.stats()["partial_slots"],
        "cpu_per_call_s": cpu_s / len(calls) / (total / SAMPLE_RATE),
    }


def _is_final(e: Event) -> bool:
    return e.type == "transcript" and bool(e.data.get("final"))


def build_monologue(clips: list[Clip], first: int, seconds: float, pause_s: float = 0.3) -> LabelledCall:
    """One long agent turn: the asterisk prompts from ``first`` on, each trimmed to its speech and
    ``pause_s`` apart (shorter than the VAD's 0.5 s end hangover, so the VAD hears one turn), until
    ``seconds`` of it; then 4 s of silence; the customer is silent."""
    prompts = [c for c in clips if c.name != "jfk"]  # jfk pauses longer than the hangover
    parts, refs, k, speech = [], [], first, 0
    gap = np.zeros(int(pause_s * SAMPLE_RATE), dtype=np.float32)
    while speech < seconds * SAMPLE_RATE:
        clip = prompts[k % len(prompts)]
        spans = speech_segments(clip.pcm)
        pcm = clip.pcm[spans[0][0] : spans[-1][1]] if spans else clip.pcm
        parts += [pcm, gap]
        refs.append(clip.text)
        speech += len(pcm) + len(gap)
        k += 1
    silence = np.zeros(4 * SAMPLE_RATE, np.float32)
    agent = np.concatenate([np.zeros(SAMPLE_RATE // 2, dtype=np.float32), *parts, silence])
    lanes = {Lane.AGENT: agent, Lane.CUSTOMER: np.zeros_like(agent)}
    return LabelledCall(lanes, {Lane.AGENT: [" ".join(refs)], Lane.CUSTOMER: []}, speech / SAMPLE_RATE)


def summarise(
    calls: list[LabelledCall], emitted: list[list[tuple[float, Event]]], offsets: list[int], total: int
) -> dict[str, Any]:
    """Score each call's transcript events on the simulated clock, from when its audio began."""
    timed = [
        [(at - offset / SAMPLE_RATE, e.to_dict()) for at, e in events]
        for events, offset in zip(emitted, offsets, strict=True)
    ]
    return score_transcripts(calls, timed, total / SAMPLE_RATE)


def variant(spec: str) -> tuple[str, AsrConfig, Speed]:
    """``name:key=value,...``: [asr] settings (``workers=2``, ``pack=false``, ...) and the machine's
    speed (``solo=``, ``cores=``) of one configuration to simulate."""
    name, _, body = spec.partition(":")
    base = AsrConfig(mode="threaded", cpu_threads=1)
    fields = {f.name: f for f in dataclasses.fields(AsrConfig)}
    changes: dict[str, Any] = {}
    speed = {"solo": 1.5, "cores": 1.5}
    for item in filter(None, body.split(",")):
        key, _, value = item.partition("=")
        if key in speed:
            speed[key] = float(value)
        elif key in fields:
            kind = type(getattr(base, key))
            changes[key] = value.lower() in ("1", "true", "yes") if kind is bool else kind(value)
        else:
            raise SystemExit(f"unknown setting {key!r} in --variant {spec!r}")
    return name, dataclasses.replace(base, **changes), Speed(**speed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", default="1,4,8,16,24")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument(
        "--monologue",
        action="store_true",
        help="each call is one agent turn of about --seconds (prompts 0.3 s apart): long-turn cuts",
    )
    parser.add_argument(
        "--variant",
        action="append",
        help="name:key=value,... ([asr] settings, solo=, cores=); repeat to compare side by side "
        f"(default: {DEFAULT_VARIANT})",
    )
    args = parser.parse_args()
    variants = [variant(v) for v in args.variant or [DEFAULT_VARIANT]]
    clips = [jfk()] + [asterisk(stem) for stem in asterisk_subset(60)]
    levels = [int(x) for x in args.calls.split(",")]
    build = build_monologue if args.monologue else build_call
    calls = [build(clips, 5 * i, args.seconds) for i in range(max(levels))]
    print(f"audio-time simulation, {args.seconds:.0f} s calls; decode cost = CPU time of one thread / speed")
    for (_, config, speed), spec in zip(variants, args.variant or [DEFAULT_VARIANT], strict=True):
        print(
            f"  {spec}  (workers={config.workers} partial_workers={config.partial_workers} "
            f"pause_partial_s={config.pause_partial_s} idle_partial_beam={config.idle_partial_beam}; "
            f"decode speed solo={speed.solo} cores={speed.cores})"
        )
    print(
        "variant       calls finals  final p50   p95  partials/lane-s  word p50   p95  agent p50  busy  packs"
        "  finals/partials  WER   last final"
    )
    for n in levels:  # variants interleaved per level, so machine load hits them alike
        for name, config, speed in variants:
            r = simulate(calls[:n], config, speed)
            print(
                f"{name:12s} {n:6d} {r['finals']:6d} {r['p50']:10.2f} {r['p95']:5.2f} {r['partials_per_lane_s']:16.2f}"
                f" {r['word_p50']:9.2f} {r['word_p95']:5.2f} {r['agent_word_p50']:10.2f} {r['busy']:5.2f}"
                f" {r['windows']:6d}"
                f" {r['final_slots']:8d}/{r['partial_slots']:<7d} {r['wer']:5.3f} {r['last_final_s']:8.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
