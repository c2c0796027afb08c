"""CPU cost of the per-frame analysis outside the decoder, as a server with several calls pays it.

Drives ``--calls`` CallAnalyzers (transcription off) side by side, the way ``coach serve`` does:
each call's two lanes arrive in ``--chunk-ms`` chunks (20 ms like Twilio Media Streams), the calls
interleaved chunk by chunk. A warm-up call runs first, so one-time costs (model loading, numba
compilation inside librosa) are not counted: a server pays them once, not per call. Prints CPU
milliseconds per lane-second (thread CPU time of this process) by analysis stage, plus the cost of
turning the events into JSON as the fan-out does, for each of ``--repeat`` runs and their spread.
``--chunk-ms 100`` is what ``[server] analysis_batch_s = 0.1`` hands each call's analysis.
``--mode together`` analyses the calls as an analysis thread does when all of them are waiting at
once: every call's chunk fed, then their VAD scored in one run (``coach.pipeline.together``), then
each analysed; ``--mode both`` alternates the two modes run by run (same process, same load).

    .venv/bin/python scripts/profile_core.py [--calls 4] [--seconds 60] [--repeat 3] [--chunk-ms 20] [--no-stages]
        [--mode one|together|both] [--call coach/data/demo_call.flac] [--cprofile /tmp/core.prof]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_core import looped  # noqa: E402

from coach.config import load_config  # noqa: E402
from coach.pipeline.analyzer import CallAnalyzer  # noqa: E402
from coach.pipeline.together import score_together  # noqa: E402
from coach.sources.recording import load_recording  # noqa: E402
from coach.sources.replay import replay_chunks  # noqa: E402
from coach.types import Event, Lane  # noqa: E402


def run_calls(
    recording, n_calls: int, chunk_ms: int, *, stages: bool = True, together: bool = False
) -> tuple[Counter[str], float, int]:
    """Analyse ``n_calls`` copies of ``recording`` interleaved chunk by chunk (``together``: each pair
    of chunks of every call fed, then all scored together). Returns CPU seconds by stage (``other``:
    framing and chunk handling; ``json``: events to JSON text; empty without ``stages``, whose timers
    cost a little), total CPU seconds and the number of events."""
    cfg = load_config()
    analyzers = [CallAnalyzer(cfg, call_id=f"p{i}", profile=stages) for i in range(n_calls)]
    streams = [replay_chunks(recording, chunk_ms=chunk_ms) for _ in range(n_calls)]
    encode = 0.0
    vad_together = 0.0
    events = 0

    def publish(found: list[Event]) -> None:
        nonlocal encode, events
        if found:
            t = time.thread_time()
            json.dumps([e.to_dict() for e in found])
            encode += time.thread_time() - t
            events += len(found)

    cpu0 = time.thread_time()
    for chunks in zip(*streams, strict=True):
        if not together:
            for analyzer, chunk in zip(analyzers, chunks, strict=True):
                publish(analyzer.push(chunk))
            continue
        for analyzer, chunk in zip(analyzers, chunks, strict=True):
            publish(analyzer.feed(chunk))
        if chunks[0].lane is not Lane.CUSTOMER:  # a pair is fed once its customer chunk is
            continue
        ready = [(a, frames) for a in analyzers if (frames := a.take_ready()) is not None]
        t = time.thread_time()
        scores = score_together(ready)
        vad_together += time.thread_time() - t
        for (analyzer, frames), call_scores in zip(ready, scores, strict=True):
            publish(analyzer.analyse_scored(frames, call_scores))
    for analyzer in analyzers:
        found = analyzer.finish()
        t = time.thread_time()
        json.dumps([e.to_dict() for e in found])
        encode += time.thread_time() - t
        events += len(found)
    cpu = time.thread_time() - cpu0
    by_stage: Counter[str] = Counter()
    if stages:
        for analyzer in analyzers:
            by_stage.update(analyzer.stage_seconds)
        by_stage["json"] = encode
        by_stage["vad"] += vad_together
        by_stage["other"] = cpu - sum(by_stage.values())
    return by_stage, cpu, events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60.0, help="length of each call")
    parser.add_argument("--chunk-ms", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--call", default=str(ROOT / "coach/data/demo_call.flac"))
    parser.add_argument("--cprofile", help="also write a cProfile of the last run to this file")
    parser.add_argument("--no-stages", action="store_true", help="totals only, without the stage timers (as served)")
    parser.add_argument("--mode", choices=("one", "together", "both"), default="one", help="see the docstring")
    args = parser.parse_args()
    recording = looped(load_recording(args.call), args.seconds)
    run_calls(looped(recording, 10.0), 1, args.chunk_ms)  # warm-up: models, numba, caches
    lane_s = 2 * args.calls * recording.duration_s
    modes = ["one", "together"] if args.mode == "both" else [args.mode]
    totals: dict[str, list[float]] = {mode: [] for mode in modes}
    for r in range(args.repeat):
        for mode in modes:
            profiler = cProfile.Profile() if args.cprofile and r == args.repeat - 1 else None
            if profiler:
                profiler.enable()
            stages, cpu, events = run_calls(
                recording, args.calls, args.chunk_ms, stages=not args.no_stages, together=mode == "together"
            )
            if profiler:
                profiler.disable()
                profiler.dump_stats(args.cprofile)
            totals[mode].append(1000 * cpu / lane_s)
            by_stage = "  ".join(
                f"{k} {1000 * v / lane_s:.2f}" for k, v in sorted(stages.items(), key=lambda kv: -kv[1])
            )
            print(
                f"run {r + 1} {mode}: {totals[mode][-1]:.2f} CPU-ms per lane-second ({events} events)"
                f"  by stage: {by_stage}"
            )
    for mode, values in totals.items():
        print(
            f"{mode}: {args.calls} calls x {recording.duration_s:.0f} s, {args.chunk_ms} ms chunks: CPU-ms per"
            f" lane-second min {min(values):.2f} median {sorted(values)[len(values) // 2]:.2f} max {max(values):.2f}"
        )


if __name__ == "__main__":
    main()
