"""Wall time of a final's decode while the partials' decoder is busy, with and without pausing it
(``[asr] final_pauses_partials``, issue 11: one call's final p95).

Two :class:`~coach.asr.decodeproc.DecodeProcesses` as the scheduler runs them at one call: the finals'
child (niceness 0) and the partials' child (``partial_decoder_nice``). A thread keeps the partials' child
decoding greedily (a piece of ``--partial-s`` seconds, again and again: at one call a partial is being
decoded most of the time a turn ends). Each round decodes the same final pieces (beam 5) twice, once
with the partials' child running beside ("beside") and once with it paused for the final ("paused"),
in alternating order, so machine load hits both alike. Prints each variant's wall seconds per final
(median, spread), the finals' child CPU seconds, the paired ratio paused / beside, and the partials
decoded meanwhile.

    .venv/bin/python scripts/bench_final_beside_partial.py [--audio tests/data/calls/demo.flac] [--rounds 6]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_decode_heap import DEMO_CALL, agent_lane  # noqa: E402

from coach.asr.decodeproc import DecodeProcesses  # noqa: E402
from coach.asr.engine import DecodeOptions  # noqa: E402
from coach.config import load_config  # noqa: E402

FINALS_S = ((0.0, 3.0), (4.0, 6.0), (12.0, 2.0))
"""(start, length) of the final pieces, seconds (one call's short and mid-length turns)."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--audio", type=Path, default=DEMO_CALL)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--partial-s", type=float, default=6.0, help="length of the partials' piece, seconds")
    args = parser.parse_args()
    lane, rate = agent_lane(args.audio)
    finals = [lane[int(s * rate) : int((s + n) * rate)] for s, n in FINALS_S if len(lane) >= (s + 1.0) * rate]
    partial_piece = lane[: int(args.partial_s * rate)]
    config = load_config().asr
    final_opts = DecodeOptions(language=config.language, beam_size=config.final_beam_size)
    partial_opts = DecodeOptions(language=config.language, beam_size=config.beam_size)
    final_procs = DecodeProcesses(config, 1, name="bench-final")
    partial_procs = DecodeProcesses(config, 1, nice=max(1, config.partial_decoder_nice), name="bench-partial")
    stop = threading.Event()
    partials_done = [0]

    def keep_partials_busy() -> None:
        while not stop.is_set():
            partial_procs.decode(partial_piece, None, partial_opts)
            partials_done[0] += 1

    busy = threading.Thread(target=keep_partials_busy, daemon=True)
    busy.start()
    wall: dict[str, list[float]] = {"beside": [], "paused": []}
    cpu: dict[str, list[float]] = {"beside": [], "paused": []}
    texts: dict[str, list[str]] = {"beside": [], "paused": []}
    try:
        time.sleep(1.0)  # the partials' child is mid-decode
        for rnd in range(args.rounds):
            order = ["beside", "paused"] if rnd % 2 else ["paused", "beside"]
            for piece in finals:
                for name in order:
                    before, started = final_procs.cpu_s(), time.perf_counter()
                    if name == "paused":
                        partial_procs.pause()
                    try:
                        out = final_procs.decode(piece, None, final_opts)
                    finally:
                        partial_procs.resume()
                    wall[name].append(time.perf_counter() - started)
                    cpu[name].append(final_procs.cpu_s() - before)
                    texts[name].append(" ".join(s.text for s in out))
    finally:
        stop.set()
        busy.join()
        final_procs.close()
        partial_procs.close()
    n = len(wall["beside"])
    print(f"{len(finals)} final pieces of {args.audio.name} x {args.rounds} rounds, beam {final_opts.beam_size}")
    for name in wall:
        w = sorted(wall[name])
        print(
            f"{name:7s} wall per final: median {statistics.median(w):.3f} s "
            f"(min {w[0]:.3f}, p90 {w[int(0.9 * (n - 1))]:.3f}, max {w[-1]:.3f}); "
            f"finals' child CPU median {statistics.median(cpu[name]):.3f} s"
        )
    ratios = sorted(p / b for p, b in zip(wall["paused"], wall["beside"], strict=True))
    print(
        f"paired wall paused / beside: median {statistics.median(ratios):.2f} "
        f"(range {ratios[0]:.2f}-{ratios[-1]:.2f}); same words: {texts['paused'] == texts['beside']}; "
        f"partials decoded meanwhile: {partials_done[0]}"
    )


if __name__ == "__main__":
    main()
