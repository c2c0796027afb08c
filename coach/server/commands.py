"""The ``coach serve`` and ``coach replay`` commands (argument parsing stays in :mod:`coach.cli`)."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import logging
import os
import sys
from typing import Any

from coach.config import CoachConfig, load_config
from coach.errors import CoachError
from coach.logs import configure_logging
from coach.server.auth import is_loopback
from coach.timeline import render_event, render_summary


def _config(args: argparse.Namespace) -> CoachConfig:
    cfg = load_config(args.config)
    if getattr(args, "store", None):
        cfg = dataclasses.replace(cfg, store=dataclasses.replace(cfg.store, path=args.store))
    return cfg


def urls(server: Any, agent_id: str = "<agent-id>") -> dict[str, str]:
    """The agent, floor and review addresses, with a configured token where auth is on."""
    auth = server.auth
    lead = auth.token_for("team_lead") if auth.enabled else None
    agent = (auth.token_for("agent", agent_id) or lead) if auth.enabled else None

    def with_token(path: str, token: str | None) -> str:
        return f"{server.url}{path}" + (f"?token={token}" if token else "")

    return {
        "agent": with_token(f"/agent/{agent_id}", agent),
        "floor": with_token("/floor", lead),
        "review": with_token("/calls", lead),
    }


def serve_command(args: argparse.Namespace) -> int:
    from coach.server.app import CoachServer, run

    cfg = _config(args)
    configure_logging(logging.INFO)  # faster-whisper's line per decode and websockets' per request stay off
    server = CoachServer(cfg, host=args.host, port=args.port, auth_enabled=not args.no_auth)

    def announce(s: CoachServer) -> None:
        links = urls(s)
        print(f"coach: serving on {s.url}", flush=True)
        print(f"  agent page   {links['agent']}", flush=True)
        print(f"  live floor   {links['floor']}", flush=True)
        print(f"  past calls   {links['review']}", flush=True)
        if s.auth.enabled and not s.auth.has_tokens:
            print(
                "coach: no access tokens configured ([auth.tokens.*]); every page will be refused."
                " Add tokens to your --config, or use --no-auth on 127.0.0.1.",
                file=sys.stderr,
                flush=True,
            )
        if not s.auth.enabled:
            print("coach: --no-auth: anyone on this machine can open every page", file=sys.stderr, flush=True)
        if s.store_error:
            print(f"coach: warning: {s.store_error}; calls are coached but not stored", file=sys.stderr, flush=True)
        if not is_loopback(s.host):
            print(f"coach: listening on {s.host}: reachable from the network", file=sys.stderr, flush=True)

    return run(server, announce=announce)


def replay_command(args: argparse.Namespace) -> int:
    from coach.server.client import paced_chunks, send_call
    from coach.sources.recording import load_recording

    recording = load_recording(args.call, agent_channel=args.agent_channel)
    base = args.server.rstrip("/")

    def started(call_id: str) -> None:
        if not args.quiet:
            print(f"coach: call {call_id} started; agent page {base}/agent/{args.agent}", file=sys.stderr, flush=True)

    def event(ev: dict[str, Any]) -> None:
        if args.quiet:
            return
        line = render_summary(ev["summary"]) if ev.get("type") == "call.end" else render_event(ev)
        if line:
            print(line, flush=True)

    chunks = paced_chunks(recording, realtime=args.realtime, chunk_ms=args.chunk_ms)
    result = asyncio.run(
        send_call(
            args.server,
            chunks,
            agent_id=args.agent,
            token=args.token,
            source="replay",
            realtime=args.realtime,
            metadata={"file": recording.path.rsplit("/", 1)[-1]},
            on_started=started,
            on_event=event,
        )
    )
    review = f"{base}/calls/{result.call_id}"
    if not result.complete:
        raise CoachError(
            f"call {result.call_id} is incomplete after {result.sent_s:.1f} s of {recording.duration_s:.1f} s sent:"
            f" {result.why_incomplete}. The server keeps what it received, marked incomplete: {review}"
        )
    if not args.quiet:
        print(f"coach: call {result.call_id} complete; review it at {review}", file=sys.stderr)
    return 0


def live_to_server(args: argparse.Namespace, source: Any) -> int:
    """``coach live --server``: send the microphones' audio to a running server instead of analysing here."""
    from coach.server.client import send_call, thread_chunks

    if not args.agent:
        raise CoachError("coach live --server needs --agent ID (whose page shows the call)")

    def event(ev: dict[str, Any]) -> None:
        line = render_summary(ev["summary"]) if ev.get("type") == "call.end" else render_event(ev)
        if line:
            print(line, flush=True)

    print("coaching live through the server; press Ctrl-C to end the call", file=sys.stderr)
    with source:
        try:
            result = asyncio.run(
                send_call(
                    args.server,
                    thread_chunks(source.chunks()),
                    agent_id=args.agent,
                    token=args.token,
                    source="mic",
                    realtime=True,
                    on_event=event,
                )
            )
            if not result.complete:
                print(
                    f"coach: call {result.call_id} cut after {result.sent_s:.1f} s: {result.why_incomplete};"
                    " the server keeps what it received, marked incomplete",
                    file=sys.stderr,
                )
            else:
                print(f"coach: call {result.call_id} sent", file=sys.stderr)
        except KeyboardInterrupt:
            pass
    return 0


def add_live_options(live: Any) -> None:
    """``coach live --server URL --agent ID [--token T]``."""
    live.add_argument("--server", metavar="URL", help="send the call to a running `coach serve` instead")
    live.add_argument("--agent", metavar="ID", help="with --server: agent whose page shows the call")
    live.add_argument("--token", default=os.environ.get("COACH_TOKEN"), help="with --server: access token")


def add_parsers(sub: Any) -> None:
    """Register ``serve`` and ``replay`` on the ``coach`` sub-command parser."""
    serve = sub.add_parser("serve", help="serve the agent, floor and review pages and coach calls sent to it")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, help="port (default 8765; 0 picks a free one)")
    serve.add_argument("--config", metavar="TOML", help="configuration overriding the defaults (tokens: [auth])")
    serve.add_argument("--store", metavar="PATH", help="call store database file (overrides [store] path)")
    serve.add_argument("--no-auth", action="store_true", help="no tokens needed (only allowed on 127.0.0.1)")
    serve.set_defaults(func=serve_command)

    replay = sub.add_parser("replay", help="send a recording to a running `coach serve` as a live call")
    replay.add_argument("call", help="stereo recording (agent and customer on separate channels)")
    replay.add_argument("--server", required=True, metavar="URL", help="the server, e.g. http://127.0.0.1:8765")
    replay.add_argument("--agent", required=True, metavar="ID", help="agent whose page shows the call")
    replay.add_argument(
        "--token",
        default=os.environ.get("COACH_TOKEN"),
        help="access token: team lead or the agent's own ($COACH_TOKEN)",
    )
    replay.add_argument("--realtime", action="store_true", help="pace the audio in real time, as a live call")
    replay.add_argument("--agent-channel", type=int, default=0, choices=(0, 1), help="channel of the agent (0)")
    replay.add_argument("--chunk-ms", type=int, default=20, help="audio per message and lane, ms (20)")
    replay.add_argument("--quiet", action="store_true", help="do not print nudges and status lines")
    replay.set_defaults(func=replay_command)
