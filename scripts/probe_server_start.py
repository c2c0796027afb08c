"""Start N real servers at once (separate processes, loopback, each its own store) and print each one's
seconds from its process start to listening, with what it waited on librosa's numba lock.

Each child imports the product, builds the tests' server configuration (no transcription, so the
start is the models' warm-up and librosa's numba code, :func:`coach.server.app.warm_up`), starts a
:class:`~coach.server.app.CoachServer` on a free loopback port, checks ``/health``, and stops. Repeated
``--rounds`` times; ``--checkout DIR`` runs the children in another checkout of the product (e.g. a
worktree at an earlier commit), for a before/after comparison on the same machine, alternated by
``--also``. Times come from ``CLOCK_MONOTONIC`` (shared by the processes). No audio or transcripts.
Usage: ``nice -n 10 .venv/bin/python scripts/probe_server_start.py [--servers 2] [--rounds 3]
[--checkout DIR] [--also DIR]``.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, logging, sys, tempfile, time, urllib.request
from pathlib import Path
sys.path.insert(0, ".")
logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(message)s")
logging.getLogger("coach.dsp.jit").setLevel(logging.INFO)
from tests.test_server_support import make_config, running_server
imported = time.monotonic()
with running_server(make_config(Path(tempfile.mkdtemp(prefix="probe_server_start_")))) as server:
    ready = time.monotonic()
    with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/api/health", timeout=30) as reply:
        status = reply.status
print(json.dumps({"imported": imported, "ready": ready, "health": status}), flush=True)
"""
"""One server's start, run with the checkout as working directory; prints monotonic times as JSON."""

READY_LINE = re.compile(r"ready in ([0-9.]+) s \((\w+) lock, waited ([0-9.]+) s\)")


def start_round(checkout: Path, n: int) -> list[dict]:
    """``n`` children started together in ``checkout``; per child its seconds to import and to listen
    (from the moment it was spawned), and what its numba lock log said."""
    spawned = time.monotonic()
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD], cwd=checkout, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(n)
    ]
    rows = []
    for child in children:
        out, err = child.communicate(timeout=900)
        row: dict = {"rc": child.returncode}
        if child.returncode != 0:
            row["error"] = (err.strip().splitlines() or [""])[-1][:200]  # the exception's line (no audio)
        else:
            times = json.loads(out.splitlines()[-1])
            row["import_s"] = round(times["imported"] - spawned, 1)
            row["ready_s"] = round(times["ready"] - spawned, 1)
        row["waited_log"] = "waiting for another process" in err
        found = READY_LINE.search(err)
        if found:
            row["jit"] = f"{found.group(2)} lock, {found.group(1)} s, waited {found.group(3)} s"
        rows.append(row)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--servers", type=int, default=2, help="servers started at once per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--checkout", type=Path, default=ROOT, help="the product checkout the servers run")
    parser.add_argument("--also", type=Path, help="a second checkout, run alternately round by round")
    args = parser.parse_args()
    checkouts = [args.checkout] + ([args.also] if args.also else [])
    summary: dict[Path, list[float]] = {c: [] for c in checkouts}
    for r in range(args.rounds):
        for checkout in checkouts:
            rows = start_round(checkout, args.servers)
            summary[checkout] += [row["ready_s"] for row in rows if "ready_s" in row]
            print(r, checkout, rows, flush=True)
    for checkout, ready in summary.items():
        ready.sort()
        print(f"{checkout}: {len(ready)} starts, ready_s median {ready[len(ready) // 2]} max {ready[-1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
