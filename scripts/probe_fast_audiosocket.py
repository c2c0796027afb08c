"""Run ``coach simulate --fast`` of the demo call's interruption as two registered AudioSocket legs, N times
against one real server (loopback, real store), and print per call what the ingest filled or dropped.

The scenario of ``tests/test_server_audiosocket.py::test_two_legs_registered...``, repeated so that a
rare loss under load shows: per call, the nudge kinds, the recording's seconds, and the ``stream``
events (``gap`` with its reason, ``dropped``, ``ingest_stats``). Numbers and kinds only, no audio.
Usage: ``nice -n 10 .venv/bin/python scripts/probe_fast_audiosocket.py [N]`` (default 30; about 1 s a
call plus the server's start).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coach.cli import main  # noqa: E402
from tests.ports import free_loopback_port  # noqa: E402
from tests.test_server_audiosocket import events, stored_calls  # noqa: E402
from tests.test_server_support import INTERRUPTION_EXCERPT, JOE, excerpt_file, make_config, running_server  # noqa: E402


def run(n: int) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="probe_fast_audiosocket_"))
    port = free_loopback_port()
    cfg = make_config(tmp, telephony={"audiosocket_port": port})
    clip = excerpt_file(tmp, *INTERRUPTION_EXCERPT)
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
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
