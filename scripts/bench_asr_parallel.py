"""How fast the machine decodes one Whisper window alone and two at once (the simulation's speeds).

Loads tiny.en with ``--threads`` CTranslate2 threads and two workers, packs asterisk prompts into a
28 s window (as the scheduler does) and decodes it ``--repeat`` times alone, then ``--repeat``
times two at once on two Python threads. Prints wall seconds per decode and the process's CPU
seconds, so that ``bench_asr_capacity_sim.py``'s ``solo`` / ``cores`` can be read off: with
``--threads 1`` the CPU seconds of one decode alone are one core's work ``w``; ``solo`` is
``w / wall alone`` (any thread count), ``cores`` is ``2 w / wall of the pair``. Wall-clock: run it
on a quiet machine and say how loaded it was.

    .venv/bin/python scripts/bench_asr_parallel.py --threads 1|2 [--beam 5] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.asr.config import AsrConfig  # noqa: E402
from coach.asr.engine import DecodeOptions, get_engine  # noqa: E402
from coach.asr.packing import fits, pack  # noqa: E402
from coach.types import seconds_to_samples  # noqa: E402
from training.asr_corpus import asterisk, asterisk_subset  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--beam", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    config = AsrConfig(cpu_threads=args.threads, workers=2)
    engine = get_engine(config)
    opts = DecodeOptions(language="en", beam_size=args.beam)
    pcms = [asterisk(stem).pcm for stem in asterisk_subset(20)]
    gap = seconds_to_samples(config.pack_gap_s)
    n = fits([len(p) for p in pcms], gap=gap, window=seconds_to_samples(config.pack_window_s))
    window, _ = pack(pcms[:n], gap=gap)
    engine.segments(window, options=opts)  # warm-up

    def decode() -> None:
        engine.segments(window, options=opts)

    def timed(parallel: int) -> tuple[float, float]:
        cpu0, t0 = time.process_time(), time.perf_counter()
        for _ in range(args.repeat):
            threads = [threading.Thread(target=decode) for _ in range(parallel)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        return (time.perf_counter() - t0) / args.repeat, (time.process_time() - cpu0) / args.repeat / parallel

    alone_wall, alone_cpu = timed(1)
    pair_wall, pair_cpu = timed(2)
    print(f"{len(window) / 16000:.1f} s window of {n} prompts, beam {args.beam}, cpu_threads {args.threads}")
    print(f"alone: wall {alone_wall:.3f} s, CPU {alone_cpu:.3f} s per decode")
    print(f"two at once: wall {pair_wall:.3f} s for both, CPU {pair_cpu:.3f} s per decode")


if __name__ == "__main__":
    main()
