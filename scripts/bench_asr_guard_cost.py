"""CPU of :func:`coach.asr.guards.judge` on one final, plain and ending in a subtitle outro (process time).

The guards run on every decode; this measures what they add (a final's decode costs 0.7-1 CPU-s). Text written for
the benchmark, no call's. Run with ``PYTHONPATH=<a git archive of coach>`` to time another commit's guards.

    .venv/bin/python scripts/bench_asr_guard_cost.py [--rounds 5] [--n 200]
"""

from __future__ import annotations

import argparse
import time

from coach.asr.config import GuardConfig
from coach.asr.engine import DecodedWord, DecodeResult, compression_ratio
from coach.asr.guards import judge

TEXT = (
    "Right, so I can see the order here. It went out on Tuesday, and the courier says it was left with a neighbour "
    "at number twelve. Could you check with them for me? If not, I'll raise a claim today."
)


def decode(text: str) -> DecodeResult:
    """``text`` as a confident decode, a word every 0.3 s."""
    words = tuple(DecodedWord(0.3 + i * 0.3, 0.55 + i * 0.3, " " + w, 0.9) for i, w in enumerate(text.split()))
    return DecodeResult(text, words, -0.3, 0.02, compression_ratio(text), len(words) * 0.3 + 1.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--n", type=int, default=200, help="judge calls per round")
    args = ap.parse_args()
    cfg = GuardConfig()
    for name, result in (("plain", decode(TEXT)), ("outro", decode(TEXT + " Thanks for watching!"))):
        per_call = []
        for _ in range(args.rounds):
            start = time.process_time()
            for _ in range(args.n):
                judge(result, cfg)
            per_call.append((time.process_time() - start) / args.n * 1e3)
        print(
            f"{name}: {len(result.words)} words, {min(per_call):.2f} ms per judge "
            f"(best of {args.rounds} x {args.n}; spread {min(per_call):.2f}-{max(per_call):.2f})"
        )


if __name__ == "__main__":
    main()
