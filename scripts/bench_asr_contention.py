#!/usr/bin/env python3
"""Why a two-thread decoder gets about one core under load: the same finals decoded alone and beside a
stand-in for the server's analysis (issue 11, session 46, A40).

Starts one decode process as ``coach serve`` does (:class:`coach.asr.decodeproc.DecodeProcesses`) for each of
``--threads`` (a comma list of CTranslate2 thread counts) and decodes the tuning prompts of ``asterisk_subset(--n)``
through each as fresh finals (beam ``final_beam_size``, the padded 30 s window; with ``--pack K``, K prompts at a
time packed into one window as the scheduler packs finals, ``pack_gap_s`` of silence between them) in rounds, one
round per condition and thread count, alternating:

- ``alone``: nothing of this script runs beside the decode;
- ``beside``: a stand-in for the analysis in a second process started by this one (so in the same session and
  scheduling group as the decoder, as the server's threads are): ``--analysis-threads`` Python threads, each
  waking every ``--period-ms`` and spinning ``--burst-ms`` (holding its GIL, as the analysis' Python does), about
  ``threads * burst / period`` cores, at niceness ``--analysis-nice`` above this process's.

With ``--workers W`` each thread count gets W decode processes and W callers, so W decodes run at once (the
scheduler's ``workers``). Per condition and thread count it prints the decodes' wall seconds (p50 and mean), windows
decoded a second, the decode processes' CPU seconds per decode (all their threads) and cores while decoding, how
many of their threads waited for a core on average, and, from ``/proc/<pid>/task/*/schedstat``, what their two
busiest threads did while the decodes ran: on a CPU,
runnable but waiting for one (preempted or not yet picked), or asleep (the OpenMP worker waiting at a barrier for
the other thread, the caller waiting for CTranslate2). No audio or text is printed.

    nice -n 10 .venv/bin/python scripts/bench_asr_contention.py --rounds 3 --n 6
    nice -n 10 .venv/bin/python scripts/bench_asr_contention.py --conditions alone --threads 2,1 --pack 4
    nice -n 10 .venv/bin/python scripts/bench_asr_contention.py --decoder-nice -5   # needs CAP_SYS_NICE (root)

On a machine loaded by other sessions, what the decodes would take with the cores to themselves is read under the
real-time class (root; the run takes the cores for a few seconds, its decode processes inherit the class): the
kernel then puts each woken thread on a free core at once, so wall and CPU per decode are the decoder's own, and
``taskset -c 0`` beside it shows the same threads on one core (docs/benchmarks.md, "Session 48 (A42)"):

    chrt -r 1 .venv/bin/python scripts/bench_asr_contention.py --conditions alone --threads 2,1 --pack 4 --rounds 2
    chrt -r 1 .venv/bin/python scripts/bench_asr_contention.py --conditions alone --threads 1 --workers 2 --pack 4
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.asr.config import AsrConfig  # noqa: E402
from coach.asr.decodeproc import DecodeProcesses  # noqa: E402
from coach.asr.engine import DecodeOptions  # noqa: E402
from coach.asr.packing import fits, pack  # noqa: E402
from coach.types import SAMPLE_RATE, seconds_to_samples  # noqa: E402
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


def totals(before: dict[int, tuple[float, float]], after: dict[int, tuple[float, float]]) -> tuple[float, float]:
    """All of a process's threads between two :func:`sched` readings: (seconds on a CPU, seconds runnable but
    waiting for one)."""
    run = sum(r - before.get(tid, (0.0, 0.0))[0] for tid, (r, _) in after.items())
    wait = sum(w - before.get(tid, (0.0, 0.0))[1] for tid, (_, w) in after.items())
    return run, wait


@dataclass
class Batch:
    """One round's decodes of every window through one set of decode processes: each decode's wall seconds, the
    round's wall seconds, and over it the processes' seconds on a CPU and runnable-waiting (all threads) and the
    two busiest threads' (A, B)."""

    walls: list[float]
    elapsed: float
    run: float
    wait: float
    run_a: float
    wait_a: float
    run_b: float
    wait_b: float


def decode_all(procs: DecodeProcesses, pcms: list[np.ndarray], options: DecodeOptions) -> Batch:
    """Decode every window through ``procs``, as many at once as it has children (one caller thread each)."""
    pids, walls, lock = procs.pids(), [], threading.Lock()

    def caller(share: list[np.ndarray]) -> None:
        for pcm in share:
            t0 = time.perf_counter()
            procs.decode(pcm, None, options)
            with lock:
                walls.append(time.perf_counter() - t0)

    callers = [threading.Thread(target=caller, args=(pcms[i :: len(pids)],)) for i in range(len(pids))]
    before, t0 = {tid: v for pid in pids for tid, v in sched(pid).items()}, time.perf_counter()
    for c in callers:
        c.start()
    for c in callers:
        c.join()
    elapsed, after = time.perf_counter() - t0, {tid: v for pid in pids for tid, v in sched(pid).items()}
    (run_a, wait_a), (run_b, wait_b) = busiest(before, after)
    return Batch(walls, elapsed, *totals(before, after), run_a, wait_a, run_b, wait_b)


def windows(pcms: list[np.ndarray], per_pack: int, config: AsrConfig) -> list[np.ndarray]:
    """``pcms`` as the decoder gets them: each alone (``per_pack`` <= 1), else in windows of up to ``per_pack``
    utterances (as many as fit in ``pack_window_s``), ``pack_gap_s`` of silence between them."""
    if per_pack <= 1:
        return pcms
    gap, limit = seconds_to_samples(config.pack_gap_s), seconds_to_samples(config.pack_window_s)
    out, i = [], 0
    while i < len(pcms):
        take = max(1, min(per_pack, fits([len(p) for p in pcms[i : i + per_pack]], gap=gap, window=limit)))
        out.append(pack(pcms[i : i + take], gap=gap)[0])
        i += take
    return out


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
    parser.add_argument(
        "--threads", default="2", help="CTranslate2 threads of the decode process; a comma list: one each"
    )
    parser.add_argument("--workers", type=int, default=1, help="decode processes per thread count, decoding at once")
    parser.add_argument("--pack", type=int, default=1, help="prompts packed into one window per decode (1: alone)")
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
    counts = [int(t) for t in args.threads.split(",")]
    config = AsrConfig()
    pcms = windows([asterisk(stem).pcm for stem in asterisk_subset(args.n)], args.pack, config)
    final = DecodeOptions.final_from_config(config)
    decoders = {
        t: DecodeProcesses(AsrConfig(cpu_threads=t), args.workers, nice=max(0, args.decoder_nice)) for t in counts
    }
    for procs in decoders.values():
        pids = procs.pids()
        if args.decoder_nice < 0:
            for pid in pids:  # the processes only; their threads exist already
                os.setpriority(os.PRIO_PROCESS, pid, args.decoder_nice)
        for _ in pids:  # warm-up, each child once (CTranslate2's threads start on the first decode)
            procs.decode(pcms[0], None, final)
        if args.decoder_nice < 0:
            for pid in pids:
                for tid in os.listdir(f"/proc/{pid}/task"):
                    os.setpriority(os.PRIO_PROCESS, int(tid), args.decoder_nice)
    seconds = sum(len(p) for p in pcms) / SAMPLE_RATE
    print(
        f"threads {args.threads}, {args.workers} decode(s) at once, {len(pcms)} windows of {seconds / len(pcms):.1f} s"
        f" on average x {args.rounds} rounds, analysis {args.analysis_threads} x {args.burst_ms:g}/{args.period_ms:g}"
        f" ms nice +{args.analysis_nice}, decoder nice {args.decoder_nice}, load {os.getloadavg()[0]:.1f}"
    )
    conditions = args.conditions.split(",")
    results: dict[tuple[str, int], list[Batch]] = {(c, t): [] for c in conditions for t in counts}
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
            for t, procs in decoders.items():
                results[(condition, t)].append(decode_all(procs, pcms, final))
            stop.set()
            if helper is not None:
                helper.join(5)
    for procs in decoders.values():
        procs.close()
    print(f"load at the end {os.getloadavg()[0]:.1f}")
    print(
        "condition threads decodes | wall p50 / mean s | windows/s | process CPU s per decode | cores | threads waiting"
        " | thread A run / runnable / asleep s | thread B run / runnable / asleep s (per decode)"
    )
    for (condition, t), batches in results.items():
        walls = [w for b in batches for w in b.walls]
        n, elapsed = len(walls), sum(b.elapsed for b in batches)
        run, wait, run_a, wait_a, run_b, wait_b = (
            sum(getattr(b, k) for b in batches) for k in ("run", "wait", "run_a", "wait_a", "run_b", "wait_b")
        )
        print(
            f"{condition:10s} {t:2d} {n:3d} | {statistics.median(walls):.3f} / {statistics.mean(walls):.3f} |"
            f" {n / elapsed:.2f} | {run / n:.3f} | {run / elapsed:.2f} | {wait / elapsed:.2f} |"
            f" {run_a / n:.3f} / {wait_a / n:.3f} / {max(0.0, elapsed - run_a - wait_a) / n:.3f} |"
            f" {run_b / n:.3f} / {wait_b / n:.3f} / {max(0.0, elapsed - run_b - wait_b) / n:.3f}"
        )


if __name__ == "__main__":
    main()
