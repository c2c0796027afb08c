"""Long fuzz run of the telephony parsers: the hypothesis properties of tests/test_telephony_fuzz.py,
with many more examples, repeated with fresh seeds until the time is up.

    .venv/bin/python scripts/fuzz_telephony.py [--minutes 10] [--examples 5000] [-k audiosocket]

Stops at the first failure and prints hypothesis' minimal failing example (exit status 1).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="keep starting rounds until this much time passed")
    parser.add_argument("--examples", type=int, default=5000, help="examples per property per round")
    parser.add_argument("-k", dest="select", help="only the properties whose name matches (pytest -k)")
    args = parser.parse_args()
    env = {**os.environ, "COACH_FUZZ_EXAMPLES": str(args.examples)}
    deadline = time.monotonic() + args.minutes * 60
    rounds = 0
    while time.monotonic() < deadline:
        seed = random.SystemRandom().randrange(2**32)
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-x",
            "-p",
            "no:cacheprovider",
            f"--hypothesis-seed={seed}",
            str(ROOT / "tests/test_telephony_fuzz.py"),
        ]
        if args.select:
            command += ["-k", args.select]
        rounds += 1
        print(f"round {rounds}: seed {seed}, {args.examples} examples per property", flush=True)
        if subprocess.run(command, cwd=ROOT, env=env).returncode != 0:
            print(f"fuzz: failure in round {rounds} (seed {seed})", file=sys.stderr)
            return 1
    print(f"fuzz: {rounds} rounds without a failure")
    return 0


if __name__ == "__main__":
    sys.exit(main())
