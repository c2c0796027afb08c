"""Latency of streaming transcription on a two-lane call replayed in real time (threaded mode).

Default call: jfk on the agent lane, then telephone prompts on the customer lane, then jfk again
(real speech, alternating turns, ~40 s). Or give any stereo file (channel 0 agent, channel 1
customer). Speech boundaries come from the project VAD over each whole lane and are delivered when
the streaming VAD would report them (start + min_speech_ms, end + min_silence_ms).

Printed, in seconds of call audio (``at`` = audio consumed when the event was emitted):
  final latency           at - speech end        (includes the VAD's end hangover)   target p95 <= 1.0
  first-partial latency   at - speech start      (first partial of each turn)       target p95 <= 1.5

    .venv/bin/python scripts/bench_asr_latency.py [CALL.wav] [--no-final-from-partial] [--speed 1.0]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from coach.asr.config import AsrConfig
from coach.asr.engine import get_engine
from coach.asr.replay import replay
from coach.asr.segments import detection_delays_s, speech_segments
from coach.asr.stage import TranscriptionStage
from coach.sources.recording import load_recording
from coach.types import SAMPLE_RATE, Lane

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository's training package
from training.asr_corpus import asterisk, jfk  # noqa: E402

CUSTOMER_PROMPTS = ("ss-noservice", "vm-instructions", "queue-youarenext")


def default_call() -> tuple[np.ndarray, np.ndarray]:
    """jfk (agent) / three prompts (customer) / jfk (agent), 0.7 s between turns."""
    gap = np.zeros(int(0.7 * SAMPLE_RATE), np.float32)
    speech = jfk().pcm
    customer_part = np.concatenate([np.concatenate([asterisk(s).pcm, gap]) for s in CUSTOMER_PROMPTS])
    agent = np.concatenate([speech, gap, np.zeros_like(customer_part), speech])
    customer = np.concatenate([np.zeros_like(speech), gap, customer_part, np.zeros_like(speech)])
    return agent, customer


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("call", nargs="?", help="stereo file: channel 0 agent, channel 1 customer")
    parser.add_argument("--model", default="tiny.en")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--chunk", type=float, default=0.032, help="chunk length in seconds (default 32 ms)")
    parser.add_argument("--speed", type=float, default=1.0, help="call clock speed vs wall (1 = real time)")
    parser.add_argument("--no-final-from-partial", action="store_true", help="always run a final decode at speech end")
    args = parser.parse_args(argv)

    if args.call:
        recording = load_recording(args.call)
        agent, customer = recording.agent, recording.customer
    else:
        agent, customer = default_call()
    n = max(len(agent), len(customer))
    agent, customer = (np.pad(x, (0, n - len(x))) for x in (agent, customer))
    lanes = {Lane.AGENT: agent, Lane.CUSTOMER: customer}
    segments = {lane: speech_segments(pcm) for lane, pcm in lanes.items()}
    start_delay, end_delay = detection_delays_s()
    config = AsrConfig(
        model=args.model,
        cpu_threads=args.threads,
        mode="threaded",
        final_from_partial=not args.no_final_from_partial,
    )
    engine = get_engine(config)
    engine.transcribe(agent[:SAMPLE_RATE])  # warm-up
    stage = TranscriptionStage(config, engine=engine)
    speed = args.speed
    wall0 = time.perf_counter()
    events = replay(
        stage,
        lanes,
        segments,
        chunk_s=args.chunk,
        start_delay_s=start_delay,
        end_delay_s=end_delay,
        realtime=True,
        clock=lambda: time.perf_counter() * speed,
        sleep=lambda s: time.sleep(s / speed),
    )
    wall = time.perf_counter() - wall0

    transcripts = [e for e in events if e.type == "transcript"]
    finals = [e for e in transcripts if e.data["final"]]
    final_lat = [e.at - e.data["end"] for e in finals]
    first: dict[str, float] = {}
    for e in transcripts:
        if not e.data["final"] and e.data["utt"] not in first:
            first[e.data["utt"]] = e.at - e.t
    partial_lat = list(first.values())
    stats = stage.stats
    decodes = stats.partial_decodes + stats.final_decodes
    print(
        f"call {n / SAMPLE_RATE:.1f}s replayed in {wall:.1f}s wall (speed {speed}); "
        f"turns agent={len(segments[Lane.AGENT])} customer={len(segments[Lane.CUSTOMER])}; "
        f"VAD report delays start={start_delay}s end={end_delay}s"
    )
    print(
        f"decodes={decodes} (partial {stats.partial_decodes}, final {stats.final_decodes}, "
        f"finals from partial {stats.finals_from_partial}) "
        f"mean decode={stats.decode_s / max(1, decodes):.2f}s "
        f"max={stats.max_decode_s:.2f}s coalesced={stats.coalesced} rejected={dict(stats.rejected)}"
    )
    print(
        f"final latency (at - speech end): n={len(final_lat)} p50={pct(final_lat, 50):.2f}s "
        f"p95={pct(final_lat, 95):.2f}s max={max(final_lat, default=float('nan')):.2f}s (target p95 <= 1.0)"
    )
    print(
        f"  of which after the VAD reported the end: p50={pct(final_lat, 50) - end_delay:.2f}s "
        f"p95={pct(final_lat, 95) - end_delay:.2f}s"
    )
    print(
        f"first-partial latency (at - speech start): n={len(partial_lat)} p50={pct(partial_lat, 50):.2f}s "
        f"p95={pct(partial_lat, 95):.2f}s (target p95 <= 1.5)"
    )
    ok = pct(final_lat, 95) <= 1.0 and pct(partial_lat, 95) <= 1.5
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
