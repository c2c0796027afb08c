"""Benchmark of the analysis core without transcription.

Builds a long two-lane call by looping the bundled demo call (default 10 minutes), replays it as
fast as possible through one CallAnalyzer on one core, and prints the real-time factor (CPU
seconds per second of call audio), the cost of each stage and the peak memory.

    .venv/bin/python scripts/bench_core.py [--minutes 10] [--call coach/data/demo_call.flac]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.config import load_config  # noqa: E402
from coach.pipeline.analyzer import CallAnalyzer  # noqa: E402
from coach.sources.recording import CallRecording, load_recording  # noqa: E402
from coach.sources.replay import replay_chunks  # noqa: E402
from coach.types import SAMPLE_RATE  # noqa: E402


def looped(recording: CallRecording, seconds: float) -> CallRecording:
    n = int(seconds * SAMPLE_RATE)
    reps = -(-n // len(recording.agent))
    return CallRecording(
        agent=np.tile(recording.agent, reps)[:n],
        customer=np.tile(recording.customer, reps)[:n],
        source_rate=SAMPLE_RATE,
        path=recording.path,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--call", default=str(ROOT / "coach/data/demo_call.flac"))
    parser.add_argument("--chunk-ms", type=int, default=20)
    args = parser.parse_args()
    recording = looped(load_recording(args.call), args.minutes * 60)
    analyzer = CallAnalyzer(load_config(), call_id="bench", profile=True)
    wall0, cpu0 = time.perf_counter(), time.process_time()
    events = 0
    for chunk in replay_chunks(recording, chunk_ms=args.chunk_ms):
        events += len(analyzer.push(chunk))
    events += len(analyzer.finish())
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    audio_s = recording.duration_s
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"call audio        {audio_s:8.1f} s  ({args.minutes:g} min, two lanes, {args.chunk_ms} ms chunks)")
    print(f"events            {events:8d}")
    print(f"wall time         {wall:8.2f} s")
    print(f"cpu time          {cpu:8.2f} s")
    print(f"real-time factor  {cpu / audio_s:8.4f}  (cpu s per s of call; target < 0.02)")
    print(f"calls per core    {audio_s / cpu:8.0f}")
    staged = sum(analyzer.stage_seconds.values())
    for stage, secs in sorted(analyzer.stage_seconds.items(), key=lambda kv: -kv[1]):
        print(f"  {stage:<14} {secs:7.2f} s  rtf {secs / audio_s:.4f}  (cpu)")
    print(f"  {'other':<14} {cpu - staged:7.2f} s  rtf {(cpu - staged) / audio_s:.4f}  (chunk handling, framing)")
    print(f"peak memory (RSS) {peak_mb:8.0f} MB")


if __name__ == "__main__":
    main()
