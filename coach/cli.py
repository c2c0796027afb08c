"""The ``coach`` command line: ``coach analyze CALL`` (more subcommands join as they are built).

Errors meant for the user (:class:`~coach.errors.CoachError`) are printed as one line on stderr
with exit status 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from coach.config import load_config
from coach.errors import CoachError
from coach.pipeline.analyzer import CallAnalyzer
from coach.sources.recording import load_recording
from coach.sources.replay import Pacer, replay_chunks
from coach.timeline import render_event, render_summary
from coach.types import Event

PROGRESS_MIN_S = 60.0


class _Progress:
    """A one-line progress bar on stderr for long files replayed as fast as possible."""

    def __init__(self, total_s: float, stream: TextIO) -> None:
        self._total = total_s
        self._stream = stream
        self._shown = -1

    def update(self, done_s: float) -> None:
        percent = int(100 * done_s / self._total) if self._total else 100
        if percent != self._shown:
            self._shown = percent
            bar = "#" * (percent // 4)
            self._stream.write(f"\ranalysing [{bar:<25}] {percent:3d}%")
            self._stream.flush()

    def clear(self) -> None:
        """Blank the bar's line so that a timeline line can be printed in its place."""
        self._stream.write("\r" + " " * 40 + "\r")
        self._shown = -1

    def close(self) -> None:
        self.update(self._total)
        self._stream.write("\n")
        self._stream.flush()


def _analyze(args: argparse.Namespace) -> int:
    cfg = load_config(args.config)
    recording = load_recording(args.call, agent_channel=args.agent_channel)
    analyzer = CallAnalyzer(cfg, call_id=Path(args.call).stem)
    pacer = Pacer() if args.realtime else None
    progress = None
    if not args.realtime and recording.duration_s >= PROGRESS_MIN_S and not args.quiet:
        progress = _Progress(recording.duration_s, sys.stderr)
    sink = open(args.events, "w", encoding="utf-8") if args.events else None  # noqa: SIM115
    try:

        def emit(events: Iterable[Event]) -> None:
            for event in events:
                record = event.to_dict()
                if sink is not None:
                    sink.write(json.dumps(record) + "\n")
                elif event.type == "call.end":
                    print(render_summary(record["summary"]))
                else:
                    line = render_event(record)
                    if line:
                        if progress is not None:
                            progress.clear()
                        print(line, flush=True)

        for chunk in replay_chunks(recording, pacer=pacer):
            emit(analyzer.push(chunk))
            if progress is not None:
                progress.update(analyzer.position / 16000)
        emit(analyzer.finish())
    finally:
        if progress is not None:
            progress.close()
        if sink is not None:
            sink.close()
    if sink is not None and not args.quiet:
        print(f"wrote events to {args.events}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="coach", description="Real-time coach for contact-centre agents.")
    sub = parser.add_subparsers(dest="command", required=True)
    analyze = sub.add_parser("analyze", help="analyse a stereo call recording and print or write its events")
    analyze.add_argument("call", help="stereo recording (agent and customer on separate channels)")
    analyze.add_argument(
        "--agent-channel", type=int, default=0, choices=(0, 1), help="channel of the agent (0)"
    )
    analyze.add_argument("--events", metavar="OUT.jsonl", help="write every event as JSON Lines to this file")
    analyze.add_argument(
        "--realtime", action="store_true", help="pace the replay in real time, as a live call"
    )
    analyze.add_argument("--config", metavar="TOML", help="configuration overriding the defaults")
    analyze.add_argument("--quiet", action="store_true", help="no progress bar or status lines")
    analyze.set_defaults(func=_analyze)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CoachError as exc:
        print(f"coach: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("coach: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
