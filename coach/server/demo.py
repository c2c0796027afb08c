"""``make demo``: start ``coach serve`` with the demo configuration, replay the bundled demo call into
it in real time, and print the agent, floor and review addresses (with the demo tokens).

    python -m coach.server.demo [--port 8765] [--exit]

The server keeps running after the replay so the call can be reviewed; Ctrl-C stops it (``--exit``
stops it once the replay is done).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEMO_CONFIG = HERE / "demo_config.toml"
DEMO_CALL = HERE.parent / "data" / "demo_call.flac"
LEAD_TOKEN = "demo-team-lead-token"
AGENT_TOKEN = "demo-agent-joe-token"
AGENT = "joe"


def _wait_healthy(base: str, proc: subprocess.Popen[str], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"coach demo: the server exited (status {proc.returncode}); see the messages above")
        with contextlib.suppress(OSError, ValueError), urllib.request.urlopen(f"{base}/api/health", timeout=1) as r:
            if json.load(r).get("ok"):
                return
        time.sleep(0.2)
    raise SystemExit("coach demo: the server did not start in time")


def main() -> int:
    parser = argparse.ArgumentParser(description="Serve the pages and replay the demo call into them.")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--exit", action="store_true", help="stop the server once the replay is done")
    args = parser.parse_args()
    base = f"http://127.0.0.1:{args.port}"
    serve = [sys.executable, "-m", "coach.cli", "serve", "--config", str(DEMO_CONFIG), "--port", str(args.port)]
    server = subprocess.Popen(serve, stdout=subprocess.DEVNULL, text=True)
    try:
        _wait_healthy(base, server)
        print("\nCall coach demo: open these in a browser on this machine\n", flush=True)
        print(f"  agent page (Joe)  {base}/agent/{AGENT}?token={AGENT_TOKEN}", flush=True)
        print(f"  live floor        {base}/floor?token={LEAD_TOKEN}", flush=True)
        print(f"  past calls        {base}/calls?token={LEAD_TOKEN}", flush=True)
        print(
            "\nReplaying coach/data/demo_call.flac in real time (80 s). Each nudge is printed below as it"
            " reaches the agent page.\n",
            flush=True,
        )
        replay = [
            sys.executable, "-m", "coach.cli", "replay", str(DEMO_CALL), "--realtime",
            "--server", base, "--agent", AGENT, "--token", LEAD_TOKEN,
        ]  # fmt: skip
        status = subprocess.call(replay)
        if status != 0:
            return status
        print(f"\nReview the call at {base}/calls?token={LEAD_TOKEN}", flush=True)
        if args.exit:
            return 0
        print("The server keeps running; press Ctrl-C to stop it.", flush=True)
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                server.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
