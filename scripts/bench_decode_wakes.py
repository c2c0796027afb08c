"""How often CTranslate2's decode threads sleep and wake during a final's decode (issue 11: the decoder's wait).

Decodes a few of the tuning prompts (the asterisk subset, nothing held out) as beam-5 finals in this process, with
``[asr]``'s defaults (tiny.en, two threads), and prints per decode: wall and CPU seconds, seconds its threads were
runnable but waited for a core, and their voluntary (slept) and involuntary (preempted) context switches, also per
CPU-second, by thread (``/proc/self/task/*``). Run it under different ``OMP_WAIT_POLICY`` / ``GOMP_SPINCOUNT`` to see
whether the sleeps are OpenMP's wait policy (session 47: they are not; the counts are the same to a few):

    OMP_WAIT_POLICY=ACTIVE nice -n 10 .venv/bin/python scripts/bench_decode_wakes.py [--n 4]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.asr.config import AsrConfig  # noqa: E402
from coach.asr.engine import DecodeOptions, get_engine  # noqa: E402
from training.asr_corpus import asterisk, asterisk_subset  # noqa: E402

Counts = dict[str, tuple[str, int, int, float, float]]
"""tid -> (thread name, voluntary switches, involuntary switches, seconds on a core, seconds waiting for one)."""


def threads() -> Counts:
    """This process's threads' counts now (a thread that ends meanwhile is left out)."""
    out: Counts = {}
    for task in Path("/proc/self/task").iterdir():
        try:
            status = (task / "status").read_text().splitlines()
            vol, inv = (int(line.split()[1]) for line in status if "ctxt_switches" in line)  # in that order
            run_ns, wait_ns = (task / "schedstat").read_text().split()[:2]
            out[task.name] = ((task / "comm").read_text().strip(), vol, inv, int(run_ns) / 1e9, int(wait_ns) / 1e9)
        except (OSError, ValueError):
            continue
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=4, help="prompts to decode (after one warm-up decode)")
    args = parser.parse_args()
    config = AsrConfig()
    engine = get_engine(config)
    clips = [asterisk(stem) for stem in asterisk_subset(60)[: args.n]]
    opts = DecodeOptions(language=config.language, beam_size=config.final_beam_size)
    engine.transcribe(clips[0].pcm, options=opts)
    for clip in clips:
        before, started = threads(), time.monotonic()
        engine.transcribe(clip.pcm, options=opts)
        wall, after = time.monotonic() - started, threads()
        rows = []
        for tid, (name, *now) in after.items():
            was = before.get(tid, (name, 0, 0, 0.0, 0.0))[1:]
            rows.append((name, tid, *(a - b for a, b in zip(now, was, strict=True))))
        vol, inv, cpu, wait = (sum(r[i] for r in rows) for i in range(2, 6))
        busy = ", ".join(f"{r[0]}/{r[1]} slept {r[2]} preempted {r[3]}" for r in rows if r[2] + r[3] > 5)
        print(
            f"wall {wall:.2f} s, CPU {cpu:.2f} s, waiting {wait:.2f} s; slept {vol} ({vol / cpu:.0f} per CPU-s),"
            f" preempted {inv} ({inv / cpu:.0f} per CPU-s); {busy}",
            flush=True,
        )


if __name__ == "__main__":
    main()
