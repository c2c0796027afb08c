#!/usr/bin/env python3
"""Where a decode's CPU goes by thread: is the second CTranslate2 thread worth a core? (issue 11, A26)

Loads tiny.en in this process with ``--threads`` CTranslate2 threads and decodes the finals a 16-call server
decodes most, ``--rounds`` times over the tuning prompts of ``asterisk_subset(--n)``:

- ``backlog``: ``--group`` prompts at a time as one CTranslate2 batch, greedy, each in its own short window
  (``[asr] backlog_*``: the scheduler's pack of backed-up finals);
- ``final``: one prompt alone, beam ``final_beam_size``, the padded 30 s window (a final while the finals keep
  up).

For each kind it prints, per decode, the CPU seconds of the calling (Python) thread and of the other threads
(CTranslate2's OpenMP workers), read from ``/proc/self/task``, and the wall seconds. These are load-insensitive
where wall-clock is not: on an idle machine a decode's wall time is about its calling thread's CPU (that
thread is busy from the first feature to the last word time, in the serial parts and in its share of the
parallel ones; an OpenMP worker's spin at a barrier counts too, so it is an upper bound), and with one thread
the whole CPU. So ``threads 1 CPU / threads 2 caller CPU`` is the speed a second thread gives one decoder,
and ``2 / (that)`` the most that two one-thread decoders (``workers = 2, cpu_threads = 1``) could give.

    nice -n 10 .venv/bin/python scripts/bench_asr_threads.py --threads 1 [--n 24 --group 3 --rounds 2]
    nice -n 10 .venv/bin/python scripts/bench_asr_threads.py --threads 2

Tuning prompts only (no call of ``scripts/calls``).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.asr.config import AsrConfig  # noqa: E402
from coach.asr.engine import DecodeOptions, get_engine  # noqa: E402
from training.asr_corpus import asterisk, asterisk_subset  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def thread_cpu() -> dict[int, float]:
    """CPU seconds (user + system) of each thread of this process, by thread id."""
    out: dict[int, float] = {}
    for tid in os.listdir("/proc/self/task"):
        try:
            fields = Path(f"/proc/self/task/{tid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[int(tid)] = (int(fields[11]) + int(fields[12])) / TICK
    return out


def split_cpu(before: dict[int, float], after: dict[int, float], caller: int) -> tuple[float, float, float]:
    """(the caller thread's CPU, the busiest other thread's, the rest's) between two :func:`thread_cpu`
    readings: the busiest other thread is CTranslate2's replica thread (the OpenMP team's master), the rest
    its OpenMP workers."""
    own = after.get(caller, 0.0) - before.get(caller, 0.0)
    others = sorted((v - before.get(t, 0.0) for t, v in after.items() if t != caller), reverse=True)
    return own, (others[0] if others else 0.0), sum(others[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--n", type=int, default=24)
    parser.add_argument("--group", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--kinds", default="backlog,final")
    args = parser.parse_args()
    config = AsrConfig(cpu_threads=args.threads)
    engine = get_engine(config)
    pcms = [asterisk(stem).pcm for stem in asterisk_subset(args.n)]
    backlog = dataclasses.replace(DecodeOptions.from_config(config), beam_size=config.backlog_beam_size or 1)
    backlog = backlog.within(config.backlog_encoder_window_s, config.backlog_encoder_pad_s)
    final = DecodeOptions.final_from_config(config)
    groups = [pcms[i : i + args.group] for i in range(0, len(pcms), args.group)]
    work = {
        "backlog": (lambda: [engine.batch_segments(g, options=backlog) for g in groups], len(groups)),
        "final": (lambda: [engine.segments(p, options=final) for p in pcms], len(pcms)),
    }
    engine.segments(pcms[0], options=final)  # warm-up
    caller = threading.get_native_id()
    print(f"cpu_threads {args.threads}, {args.n} prompts, groups of {args.group}, load {os.getloadavg()[0]:.1f}")
    for kind in args.kinds.split(","):
        run, count = work[kind]
        rows = []
        for _ in range(args.rounds):
            before, t0 = thread_cpu(), time.perf_counter()
            run()
            wall = time.perf_counter() - t0
            own, master, rest = split_cpu(before, thread_cpu(), caller)
            rows.append((own / count, master / count, rest / count, wall / count))
        own, master, rest, wall = (min(r[i] for r in rows) for i in range(4))
        print(
            f"{kind:8s} per decode ({count} x, best of {args.rounds}): caller {own:.3f} + CTranslate2 master "
            f"{master:.3f} (critical path {own + master:.3f}) + workers {rest:.3f} = CPU {own + master + rest:.3f} s;"
            f" wall {wall:.3f} s"
        )


if __name__ == "__main__":
    main()
