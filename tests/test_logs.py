"""Operator logs: the libraries' per-decode and per-request chatter stays off unless asked for."""

from __future__ import annotations

import logging
import subprocess
import sys

import numpy as np
import soundfile as sf

from coach.logs import QUIET_LIBRARIES, WITHHELD, ContentFreeFormatter, configure_logging
from tests.conftest import ROOT, SHARED_DATA

JFK = SHARED_DATA / "asr" / "jfk"
JFK_SECONDS = 5.0
"""How much of jfk the CLI transcribes (seconds from its start): through "ask not"."""


def test_library_chatter_is_off_by_default_and_back_with_verbose():
    try:
        configure_logging(logging.INFO)
        for name in QUIET_LIBRARIES:
            assert not logging.getLogger(name).isEnabledFor(logging.INFO), name
        assert logging.getLogger("coach.server").isEnabledFor(logging.WARNING)
        configure_logging(logging.INFO, verbose=True)
        assert logging.getLogger("faster_whisper").isEnabledFor(logging.INFO)
    finally:
        for name in QUIET_LIBRARIES:
            logging.getLogger(name).setLevel(logging.NOTSET)


def test_a_logged_exception_shows_its_type_and_code_but_never_its_message(capsys):
    """An error met while analysing a call can quote it (a transcript line, DTMF digits): the operator's
    log keeps where it was raised and drops what it says; verbose logging (a developer's machine) shows it."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    root.handlers.clear()  # stand in for `coach serve`'s process, where configure_logging adds the handler
    try:
        configure_logging(logging.INFO)
        assert isinstance(root.handlers[0].formatter, ContentFreeFormatter)
        said, digits = " ".join(("you charged me", "twice")), "".join(("4929", "1234"))  # not in any source line
        try:
            try:
                raise KeyError(digits)
            except KeyError as inner:
                raise ValueError(f"cannot mirror {said!r}") from inner
        except ValueError:
            logging.getLogger("coach.server.runner").exception("analysis of call %s failed", "c1")
        err = capsys.readouterr().err
        assert "analysis of call c1 failed" in err and "test_logs.py" in err and "raise ValueError(" in err
        assert "builtins.KeyError: " + WITHHELD in err and "builtins.ValueError: " + WITHHELD in err
        assert err.index("KeyError: ") < err.index("ValueError: ")  # the cause first, as Python prints it
        assert said not in err and digits not in err
        try:  # an OS error's reason and file are the operator's, never the call's: kept
            open("/no/such/folder/calls.sqlite3")  # noqa: SIM115
        except OSError:
            logging.getLogger("coach.store").exception("store failed")
        assert "builtins.FileNotFoundError: No such file or directory: /no/such/folder/calls.sqlite3" in (
            capsys.readouterr().err
        )
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        for name in QUIET_LIBRARIES:
            logging.getLogger(name).setLevel(logging.NOTSET)


def test_a_transcription_run_prints_no_faster_whisper_line_per_decode(tmp_path):
    """A real decode through the CLI: faster-whisper logs 'Processing audio with duration' at INFO.
    The first 5 s of jfk (its final "Ask not!" starts at 3.3 s) are enough: every decode would log, and the
    child's decodes cost CPU in proportion to its audio (7.0 s of CPU for all 11 s, 5.0 s for 5 s)."""
    clip = next(JFK.glob("*.flac"))
    stereo = tmp_path / "two_lanes.flac"
    pcm, sr = sf.read(clip, dtype="float32")
    pcm = pcm[: int(JFK_SECONDS * sr)]
    sf.write(stereo, np.stack([pcm, np.zeros_like(pcm)], axis=1), sr)
    code = (
        "import logging, sys; logging.basicConfig(level=logging.INFO);"
        "from coach.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "transcribe", str(stereo)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    assert "ask not" in proc.stdout.lower()  # it really transcribed
    assert "faster_whisper" not in proc.stderr and "Processing audio" not in proc.stderr


def test_the_operators_log_writes_each_record_on_one_line(capsys):
    """A value holding a line break (a client's stream id or source name) is written as an escape, so it cannot
    start a line that reads as the server's; a message ending in a line break (uvicorn's "Exception in ASGI
    application") loses it; a traceback still follows on its own lines."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    root.handlers.clear()  # stand in for `coach serve`'s process, where configure_logging adds the handler
    try:
        configure_logging(logging.INFO)
        log = logging.getLogger("coach.server.calls")
        log.info("call %s started (agent %s, source %s)", "c1", "joe", "mic\ncoach WARNING coach.auth: forged")
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            logging.getLogger("uvicorn.error").exception("Exception in ASGI application\n")
        lines = capsys.readouterr().err.splitlines()
        forged = r"source mic\x0acoach WARNING coach.auth: forged)"
        assert lines[0] == "coach INFO coach.server.calls: call c1 started (agent joe, " + forged
        assert lines[1] == "coach ERROR uvicorn.error: Exception in ASGI application"
        assert lines[2] == "Traceback (most recent call last):"
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        for name in QUIET_LIBRARIES:
            logging.getLogger(name).setLevel(logging.NOTSET)
