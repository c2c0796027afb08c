#!/usr/bin/env python3
"""Why a two-thread decoder gets about one core under load: the same finals decoded alone and beside a
stand-in for the server's analysis (issue 11, session 46, A40).

Starts one decode process as ``coach serve`` does (:class:`coach.asr.decodeproc.DecodeProcesses`, ``--threads``
CTranslate2 threads) and decodes the tuning prompts of ``asterisk_subset(--n)`` through it as fresh finals (beam
``final_beam_size``, the padded 30 s window) in rounds, one round per condition, conditions alternating:

- ``alone``: nothing of this script runs beside the decode;
- ``beside``: a stand-in for the analysis in a second process started by this one (so in the same session and
  scheduling group as the decoder, as the server's threads are): ``--analysis-threads`` Python threads, each
  waking every ``--period-ms`` and spinning ``--burst-ms`` (holding its GIL, as the analysis' Python does), about
  ``threads * burst / period`` cores, at niceness ``--analysis-nice`` above this process's.

Per condition it prints the decodes' wall seconds (p50 and mean), the decode process's CPU over the same time (its
cores while decoding) and, from ``/proc/<pid>/task/*/schedstat``, what the decode process's threads did while the
decodes ran: on a CPU, runnable but waiting for one (preempted or not yet picked), or asleep (the OpenMP worker
waiting at a barrier for the other thread, the caller waiting for CTranslate2). No audio or text is printed.

    nice -n 10 .venv/bin/python scripts/bench_asr_contention.py --rounds 3 --n 6
    nice -n 10 .venv/bin/python scripts/bench_asr_contention.py --decoder-nice -5   # needs CAP_SYS_NICE (root)
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.asr.config import AsrConfig  # noqa: E402
from coach.asr.decodeproc import DecodeProcesses  # noqa: E402
from coach.asr.engine import DecodeOptions  # noqa: E402
from training.asr_corpus import asterisk, asterisk_subset  # noqa: E402


def sched(pid: int) -> dict[int, tuple[float, float]]:
    """Each thread of ``pid``: (seconds on a CPU, seconds runnable but waiting for one), Linux schedstat."""
    out: dict[int, tuple[float, float]] = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            fields = Path(f"/proc/{pid}/task/{tid}/schedstat").read_text().split()
        except OSError:
            continue
        out[int(tid)] = (int(fields[0]) / 1e9, int(fields[1]) / 1e9)
    return out


def busiest(before: dict[int, tuple[float, float]], after: dict[int, tuple[float, float]]) -> list[tuple[float, float]]:
    """The two threads that ran most between two :func:`sched` readings (CTranslate2's OpenMP master and worker
    with two threads), each as (on a CPU, runnable-waiting) seconds."""
    rows = []
    for tid, (run, wait) in after.items():
        run0, wait0 = before.get(tid, (0.0, 0.0))
        rows.append((run - run0, wait - wait0))
    rows.sort(reverse=True)
    return (rows + [(0.0, 0.0), (0.0, 0.0)])[:2]


def threads_of(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


def _analysis(stop: mp.Event, threads: int, period_s: float, burst_s: float, nice: int) -> None:
    """The stand-in: ``threads`` Python threads waking every ``period_s`` and spinning ``burst_s``."""
    if nice:
        os.nice(nice)

    def loop() -> None:
        while not stop.is_set():
            end = time.perf_counter() + burst_s
            x = 0
            while time.perf_counter() < end:
                x += 1
            time.sleep(period_s)

    workers = [threading.Thread(target=loop, daemon=True) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2, help="CTranslate2 threads of the decode process")
    parser.add_argument("--n", type=int, default=6, help="tuning prompts per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--conditions", default="alone,beside,beside+5", help="alone, beside, beside+N (analysis at +N)"
    )
    parser.add_argument("--analysis-threads", type=int, default=2)
    parser.add_argument("--period-ms", type=float, default=6.0)
    parser.add_argument("--burst-ms", type=float, default=1.0)
    parser.add_argument("--analysis-nice", type=int, default=0)
    parser.add_argument("--decoder-nice", type=int, default=0, help="niceness of the decode process (below 0: root)")
    args = parser.parse_args()
    config = AsrConfig(cpu_threads=args.threads)
    pcms = [asterisk(stem).pcm for stem in asterisk_subset(args.n)]
    final = DecodeOptions.final_from_config(config)
    procs = DecodeProcesses(config, 1, nice=max(0, args.decoder_nice))
    pid = procs.pids()[0]
    if args.decoder_nice < 0:
        os.setpriority(os.PRIO_PROCESS, pid, args.decoder_nice)  # the process only; its threads exist already
        for tid in os.listdir(f"/proc/{pid}/task"):
            os.setpriority(os.PRIO_PROCESS, int(tid), args.decoder_nice)
    procs.decode(pcms[0], None, final)  # warm-up (CTranslate2's threads start on the first decode)
    if args.decoder_nice < 0:
        for tid in os.listdir(f"/proc/{pid}/task"):
            os.setpriority(os.PRIO_PROCESS, int(tid), args.decoder_nice)
    print(
        f"threads {args.threads} (process threads {threads_of(pid)}), {args.n} prompts x {args.rounds} rounds, "
        f"analysis {args.analysis_threads} x {args.burst_ms:g}/{args.period_ms:g} ms nice +{args.analysis_nice}, "
        f"decoder nice {args.decoder_nice}, load {os.getloadavg()[0]:.1f}"
    )
    conditions = args.conditions.split(",")
    results: dict[str, list[tuple[float, float, float, float, float]]] = {c: [] for c in conditions}
    for _ in range(args.rounds):
        for condition in conditions:
            stop = mp.Event()
            helper = None
            if condition != "alone":  # "beside" or "beside+N": the stand-in at niceness +N (default --analysis-nice)
                nice = int(condition.split("+")[1]) if "+" in condition else args.analysis_nice
                helper = mp.Process(
                    target=_analysis,
                    args=(stop, args.analysis_threads, args.period_ms / 1e3, args.burst_ms / 1e3, nice),
                    daemon=True,
                )
                helper.start()
                time.sleep(0.3)
            for pcm in pcms:
                before, t0 = sched(pid), time.perf_counter()
                procs.decode(pcm, None, final)
                wall = time.perf_counter() - t0
                (run_a, wait_a), (run_b, wait_b) = busiest(before, sched(pid))
                results[condition].append((wall, run_a, wait_a, run_b, wait_b))
            stop.set()
            if helper is not None:
                helper.join(5)
    procs.close()
    print(f"load at the end {os.getloadavg()[0]:.1f}")
    print(
        "condition decodes | wall p50 / mean s | cores (two busiest threads) | thread A run / runnable / asleep s |"
        " thread B run / runnable / asleep s (per decode)"
    )
    for condition, rows in results.items():
        n = len(rows)
        walls = [r[0] for r in rows]
        wall, run_a, wait_a, run_b, wait_b = (sum(r[i] for r in rows) / n for i in range(5))
        print(
            f"{condition:10s} {n:3d} | {statistics.median(walls):.3f} / {wall:.3f} | {(run_a + run_b) / wall:.2f} |"
            f" {run_a:.3f} / {wait_a:.3f} / {max(0.0, wall - run_a - wait_a):.3f} |"
            f" {run_b:.3f} / {wait_b:.3f} / {max(0.0, wall - run_b - wait_b):.3f}"
        )


if __name__ == "__main__":
    main()
