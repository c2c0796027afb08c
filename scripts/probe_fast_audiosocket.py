"""Run ``coach simulate --fast`` of the demo call's interruption as two registered AudioSocket legs, N times
against one real server (loopback, real store), and print per call what the ingest filled or dropped.

The scenario of ``tests/test_server_audiosocket.py::test_two_legs_registered...``, repeated so that a
rare loss under load shows: per call, the nudge kinds, the recording's seconds, and the ``stream``
events (``gap`` with its reason, ``dropped``, ``ingest_stats``). Numbers and kinds only, no audio.
Usage: ``nice -n 10 .venv/bin/python scripts/probe_fast_audiosocket.py [N] [--excerpt START END]
[--call-queue-s S]`` (default 30 calls of the interruption's 6 s with the configured queue; about 1 s a
call plus the server's start). A longer excerpt and a shorter ``[server] call_queue_s`` make the analysis
fall behind the fast sender (where the ingest holds it back: ``ingest_stats``' ``backpressure_s``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coach.cli import main  # noqa: E402
from tests.ports import free_loopback_port  # noqa: E402
from tests.test_server_audiosocket import events, stored_calls  # noqa: E402
from tests.test_server_support import INTERRUPTION_EXCERPT, JOE, excerpt_file, make_config, running_server  # noqa: E402


def run(n: int, excerpt: tuple[float, float] = INTERRUPTION_EXCERPT, call_queue_s: float | None = None) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="probe_fast_audiosocket_"))
    port = free_loopback_port()
    server_section = {} if call_queue_s is None else {"call_queue_s": call_queue_s, "analysis_batch_s": 0.0}
    cfg = make_config(tmp, telephony={"audiosocket_port": port}, server=server_section)
    clip = excerpt_file(tmp, *excerpt)
    lost = missed = 0
    with running_server(cfg) as server:
        base = f"http://127.0.0.1:{server.port}"
        seen: set[str] = set()
        for i in range(n):
            t0 = time.monotonic()
            argv = ["simulate", str(clip), "--protocol", "audiosocket", "--url", f"127.0.0.1:{port}", "--fast"]
            main([*argv, "--agent-id", "joe", "--register-url", base, "--token", JOE])
            calls = stored_calls(base, "joe", count=i + 1)
            [call] = [c for c in calls if c["id"] not in seen]
            seen.add(call["id"])
            evs = events(base, call["id"])
            kinds = [e.get("kind") for e in evs if e["type"] == "nudge"]
            stream = [
                {k: v for k, v in e.items() if k not in ("type", "t", "at")} for e in evs if e["type"] == "stream"
            ]
            filled = [s for s in stream if s.get("kind") in ("gap", "dropped")]
            lost += bool(filled)
            missed += "stop_interrupting" not in kinds
            print(
                i,
                f"{time.monotonic() - t0:.1f}s",
                call["status"],
                call["recording"]["seconds"],
                kinds,
                stream,
                flush=True,
            )
    print(f"calls {n}: with audio filled or dropped {lost}, without stop_interrupting {missed}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=30, help="calls, one after the other")
    parser.add_argument("--excerpt", type=float, nargs=2, default=INTERRUPTION_EXCERPT, metavar=("START", "END"))
    parser.add_argument("--call-queue-s", type=float, help="[server] call_queue_s (default: the configured 5 s)")
    args = parser.parse_args()
    run(args.n, tuple(args.excerpt), args.call_queue_s)
