"""Transcription capacity on audio time: N labelled two-lane calls through one shared decode scheduler
whose single worker is busy, for every pack it decodes, for the CPU time that pack really took.

Why: on a shared, loaded machine wall-clock latency measures the other tenants. Here the calls'
audio advances in 20 ms steps of a simulated clock; the scheduler (no threads) starts a pack when its
worker is idle, decodes it for real with tiny.en, and the results reach the calls only once the
clock has advanced by that decode's CPU seconds divided by ``--cores`` (how much faster than one core
the model's threads decode; 1.5 for two threads on two cores, from docs/benchmarks.md). The figures
are therefore those of a machine that gives the decoder ``--cores`` cores and nothing else: the
rest of the analysis (VAD, prosody, language rules) is not included, and nothing is dropped.

Same calls as ``bench_capacity.py`` (asterisk prompts and jfk in alternating turns, speech
boundaries from the project VAD reported with its detection delays). For each N it prints final
p50/p95 after the end of the turn (VAD hangover included), partials per lane-second of speech,
committed-word delay p50/p95, the decoder's busy share, packs and slots, and the finals' WER.

    .venv/bin/python scripts/bench_asr_capacity_sim.py [--calls 1,4,8,16,24] [--seconds 30] [--cores 1.5]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
from training.asr_corpus import asterisk, asterisk_subset, jfk  # noqa: E402

STEP = SAMPLE_RATE // 50


def simulate(calls: list[LabelledCall], config: AsrConfig, cores: float) -> dict[str, float]:
    now = {"s": 0.0}
    sched = DecodeScheduler(config, threads=0, clock=lambda: now["s"])
    stages = [TranscriptionStage(config, scheduler=sched) for _ in calls]
    offsets = [int(0.37 * i * SAMPLE_RATE) for i in range(len(calls))]
    pending = [boundaries({lane: speech_segments(c.lanes[lane]) for lane in Lane}) for c in calls]
    total = len(calls[0].lanes[Lane.AGENT])
    emitted: list[list[tuple[float, Event]]] = [[] for _ in calls]
    held: list[tuple[float, Callable[[], None]]] = []
    busy_until, busy_s, cpu_s = 0.0, 0.0, 0.0
    closed = [False] * len(calls)
    end = total + offsets[-1] + 30 * SAMPLE_RATE
    for t in range(0, end, STEP):
        now["s"] = t / SAMPLE_RATE
        for _, publish in [h for h in held if h[0] <= now["s"]]:
            publish()
        held[:] = [h for h in held if h[0] > now["s"]]
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
        if now["s"] >= busy_until:
            cpu0 = time.process_time()
            started = sched.step(defer=lambda publish, held=held: held.append((float("inf"), publish)))
            if started:
                cost = (time.process_time() - cpu0) / cores
                cpu_s += cost * cores
                busy_s += cost
                busy_until = now["s"] + cost
                held[-1] = (busy_until, held[-1][1])
        if all(closed):
            break
    for i, stage in enumerate(stages):
        if not closed[i]:
            emitted[i] += [(now["s"], e) for e in stage.close(total)]
    return summarise(calls, emitted, offsets, total) | {
        "busy": busy_s / max(1e-9, now["s"]),
        "windows": sched.stats()["windows"],
        "final_slots": sched.stats()["final_slots"],
        "partial_slots": sched.stats()["partial_slots"],
        "cpu_per_call_s": cpu_s / len(calls) / (total / SAMPLE_RATE),
    }


def summarise(
    calls: list[LabelledCall], emitted: list[list[tuple[float, Event]]], offsets: list[int], total: int
) -> dict[str, Any]:
    """Score each call's transcript events on the simulated clock, from when its audio began."""
    timed = [
        [(at - offset / SAMPLE_RATE, e.to_dict()) for at, e in events]
        for events, offset in zip(emitted, offsets, strict=True)
    ]
    return score_transcripts(calls, timed, total / SAMPLE_RATE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", default="1,4,8,16,24")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--cores", type=float, default=1.5, help="decoder speed-up over one core")
    parser.add_argument("--no-pack", action="store_true")
    parser.add_argument("--final-beam", type=int, default=AsrConfig().final_beam_size)
    parser.add_argument("--partial-pack", type=float, default=AsrConfig().partial_pack_s, help="partial_pack_s")
    args = parser.parse_args()
    config = AsrConfig(
        mode="threaded", pack=not args.no_pack, final_beam_size=args.final_beam, partial_pack_s=args.partial_pack
    )
    clips = [jfk()] + [asterisk(stem) for stem in asterisk_subset(60)]
    levels = [int(x) for x in args.calls.split(",")]
    calls = [build_call(clips, 5 * i, args.seconds) for i in range(max(levels))]
    print(
        f"audio-time simulation, decoder = {args.cores} cores, pack={config.pack}, "
        f"final beam {config.final_beam_size}, partial packs <= {config.partial_pack_s} s, {args.seconds:.0f} s calls"
    )
    print("calls finals  final p50   p95  partials/lane-s  word p50   p95  busy  packs  finals/partials  WER")
    for n in levels:
        r = simulate(calls[:n], dataclasses.replace(config), args.cores)
        print(
            f"{n:5d} {r['finals']:6d} {r['p50']:10.2f} {r['p95']:5.2f} {r['partials_per_lane_s']:16.2f}"
            f" {r['word_p50']:9.2f} {r['word_p95']:5.2f} {r['busy']:5.2f} {r['windows']:6d}"
            f" {r['final_slots']:8d}/{r['partial_slots']:<7d} {r['wer']:5.3f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
