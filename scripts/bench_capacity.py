"""Capacity: N two-lane calls analysed at once, each paced in real time, with transcription on.

Each call replays the first ``--seconds`` of a stereo recording (default: the bundled demo call) in
its own thread through the whole pipeline (``build_analyzer(..., live=True)``: VAD, prosody,
turn-taking, escalation, threaded streaming ASR sharing one Whisper worker, language nudges). Calls
start staggered by a fraction of a second, as real calls would. For N = 1, 2, 4, 8 it prints:

- final-transcript latency p50/p95: wall time when the final was emitted minus the wall time at which
  the turn's last audio was played (includes the VAD's 0.5 s end hangover);
- analysis lag p95: how far the analysis of the audio trailed the audio being played (a growing lag
  means the machine cannot keep up: on a sound card or a telephony socket that audio would be queued
  and eventually dropped);
- decodes coalesced (partials skipped because the model was busy; finals are never skipped);
- CPU use of the process (cores).

    .venv/bin/python scripts/bench_capacity.py [--calls 1,2,4,8] [--seconds 40] [--call PATH] [--config TOML]
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.config import load_config  # noqa: E402
from coach.pipeline.factory import build_analyzer  # noqa: E402
from coach.sources.recording import CallRecording, load_recording  # noqa: E402
from coach.sources.replay import Pacer, replay_chunks  # noqa: E402
from coach.types import SAMPLE_RATE  # noqa: E402


class CallRun(threading.Thread):
    """Replays one call in real time and records, for every event, the wall time of its emission."""

    def __init__(self, recording: CallRecording, index: int, delay_s: float, config: str | None) -> None:
        super().__init__(daemon=True)
        self.recording, self.index, self.delay_s, self.config = recording, index, delay_s, config
        self.finals: list[tuple[float, float]] = []  # (audio end of the turn, wall latency)
        self.lags: list[float] = []
        self.coalesced = 0

    def run(self) -> None:
        time.sleep(self.delay_s)
        analyzer = build_analyzer(load_config(self.config), call_id=f"bench-{self.index}", live=True)
        origin = time.monotonic()
        pacer = Pacer()
        pacer.wait_until(0.0)
        origin = time.monotonic()
        for chunk in replay_chunks(self.recording, pacer=pacer):
            events = analyzer.push(chunk)
            now = time.monotonic() - origin
            self.lags.append(now - analyzer.position / SAMPLE_RATE)
            self._record(events, now)
        self._record(analyzer.finish(), time.monotonic() - origin)

    def _record(self, events, now: float) -> None:
        for event in events:
            if event.type == "transcript" and event.data.get("final"):
                self.finals.append((event.data["end"], now - event.data["end"]))
            elif event.type == "asr.backlog":
                self.coalesced += int(event.data.get("coalesced", 0))


def run_level(recording: CallRecording, n: int, config: str | None) -> dict[str, float]:
    runs = [CallRun(recording, i, delay_s=0.37 * i, config=config) for i in range(n)]
    cpu0, wall0 = time.process_time(), time.monotonic()
    for r in runs:
        r.start()
    for r in runs:
        r.join()
    cpu, wall = time.process_time() - cpu0, time.monotonic() - wall0
    # finals emitted at finish() (after the last audio) are the call's closing turn: leave them out
    latencies = np.array([lat for r in runs for end, lat in r.finals if end < recording.duration_s - 1.0])
    lags = np.array([x for r in runs for x in r.lags])
    return {
        "calls": n,
        "finals": len(latencies),
        "p50": float(np.percentile(latencies, 50)) if len(latencies) else float("nan"),
        "p95": float(np.percentile(latencies, 95)) if len(latencies) else float("nan"),
        "lag_p95": float(np.percentile(lags, 95)),
        "coalesced": sum(r.coalesced for r in runs),
        "cores": cpu / wall,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", default="1,2,4,8")
    parser.add_argument("--seconds", type=float, default=40.0)
    parser.add_argument("--call", default=str(ROOT / "coach/data/demo_call.flac"))
    parser.add_argument("--config", help="configuration TOML (e.g. [asr] workers / cpu_threads)")
    args = parser.parse_args()
    full = load_recording(args.call)
    n = int(args.seconds * SAMPLE_RATE)
    recording = CallRecording(full.agent[:n], full.customer[:n], full.source_rate, full.path)
    build_analyzer(load_config(args.config), call_id="warm-up", live=True)  # load the models once, outside the timing
    print(f"{recording.duration_s:.0f} s of {Path(args.call).name} per call, paced in real time, transcription on")
    print("calls  finals  final-latency p50   p95   analysis-lag p95  partials-coalesced  cpu-cores")
    for level in (int(x) for x in args.calls.split(",")):
        r = run_level(recording, level, args.config)
        print(
            f"{r['calls']:5d}  {r['finals']:6d}  {r['p50']:16.2f} {r['p95']:6.2f}  {r['lag_p95']:16.2f}"
            f"  {r['coalesced']:18d}  {r['cores']:9.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
