"""Where the test suite's time goes, from the per-test lines ``tests/conftest.py`` writes when
``COACH_TEST_TIMES`` names a folder.

    COACH_TEST_TIMES=/tmp/times make test            # or: COACH_TEST_TIMES=/tmp/times pytest -n 2 ...
    .venv/bin/python scripts/test_times.py /tmp/times [--files 15] [--tests 20]

Prints the files by CPU seconds (each test's process and the children it waited for, setup to teardown)
with their wall seconds and worker, the slowest tests, and each worker's span: from its start to its end,
how long it spent inside tests, the longest gap between two tests, and when it finished against the other
workers (with ``--dist loadfile`` a file stays on one worker: a long file late in the order leaves the other
worker idle at the end). The background analyses of ``tests/transcribed_calls.py`` run in processes the
controller started: their CPU is in no test's line (the worker that runs their file only waits for them).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path


def read(folder: Path) -> tuple[list[dict], dict[str, dict]]:
    """The test lines (each with its worker) and, per worker, its start and end lines."""
    tests: list[dict] = []
    workers: dict[str, dict] = {}
    for path in sorted(folder.glob("*.jsonl")):
        worker = path.stem.rsplit("-", 1)[0]
        for line in path.read_text().splitlines():
            row = json.loads(line)
            if "id" in row:
                tests.append(dict(row, worker=worker))
            elif row.get("event") in ("start", "end"):
                workers.setdefault(worker, {})[row["event"]] = row
    return tests, workers


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--files", type=int, default=15, help="how many files to list (default 15)")
    ap.add_argument("--tests", type=int, default=20, help="how many tests to list (default 20)")
    args = ap.parse_args(argv)
    tests, workers = read(args.folder)
    if not tests:
        print(f"no test lines in {args.folder}")
        return 1
    files: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    where: dict[str, set[str]] = defaultdict(set)
    for t in tests:
        name = t["id"].split("::", 1)[0]
        row = files[name]
        row[0] += t["cpu"]
        row[1] += t["t1"] - t["t0"]
        row[2] += 1
        where[name].add(t["worker"])
    total_cpu = sum(t["cpu"] for t in tests)
    print(f"{len(tests)} tests in {len(files)} files, {total_cpu:.1f} CPU-s inside tests")
    print(f"\n{'CPU s':>8} {'wall s':>8} {'tests':>6}  file (worker)")
    for name, (cpu, wall, n) in sorted(files.items(), key=lambda kv: -kv[1][0])[: args.files]:
        print(f"{cpu:8.1f} {wall:8.1f} {n:6d}  {name} ({', '.join(sorted(where[name]))})")
    print(f"\n{'CPU s':>8} {'wall s':>8}  test")
    for t in sorted(tests, key=lambda t: -t["cpu"])[: args.tests]:
        print(f"{t['cpu']:8.1f} {t['t1'] - t['t0']:8.1f}  {t['id']}")
    print(f"\n{'worker':>8} {'span s':>8} {'in tests':>9} {'longest gap':>12} {'ends at':>8}  last file")
    start = min(w["start"]["t"] for w in workers.values() if "start" in w)
    for worker in sorted({t["worker"] for t in tests}):
        mine = sorted((t for t in tests if t["worker"] == worker), key=lambda t: t["t0"])
        ends = workers.get(worker, {}).get("end", {}).get("t", mine[-1]["t1"])
        began = workers.get(worker, {}).get("start", {}).get("t", mine[0]["t0"])
        busy = sum(t["t1"] - t["t0"] for t in mine)
        gap = max((b["t0"] - a["t1"] for a, b in zip(mine, mine[1:], strict=False)), default=0.0)
        last = mine[-1]["id"].split("::", 1)[0]
        print(f"{worker:>8} {ends - began:8.1f} {busy:9.1f} {gap:12.1f} {ends - start:8.1f}  {last}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
