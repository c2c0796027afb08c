"""`coach analyze` of a WAV whose header says less audio than the file holds (a recorder stopped before it
finished its header): all of it is analysed, with a warning; a header followed by a real chunk is believed.

Real files (the demo call's lanes written by libsndfile, the header's ``data`` size then overwritten as a
streaming recorder leaves it), the real command line (no speech recognition: the lengths are the point).
"""

from __future__ import annotations

import json
import logging
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from coach import cli
from coach.sources.recording import load_recording
from tests.conftest import CALLS

SECONDS = 6.0


def excerpt(rate: int) -> np.ndarray:
    """Six seconds of the demo call (both lanes) at ``rate``."""
    rec = load_recording(CALLS / "demo.flac")
    stereo = np.stack([rec.agent, rec.customer], axis=1)[30 * 16000 : int((30 + SECONDS) * 16000)]
    return stereo[:: 16000 // rate] if rate < 16000 else stereo


def recorded(tmp_path: Path, rate: int, subtype: str, declared: int | None, trailer: bytes = b"") -> Path:
    """A WAV of :func:`excerpt` whose ``data`` chunk declares ``declared`` bytes (None: the true size), with
    ``trailer`` appended after the audio."""
    path = tmp_path / "call.wav"
    sf.write(path, excerpt(rate), rate, format="WAV", subtype=subtype)
    raw = bytearray(path.read_bytes())
    at = raw.index(b"data")
    if declared is not None:
        raw[at + 4 : at + 8] = struct.pack("<I", declared)
    if trailer:
        raw[at + 4 : at + 8] = struct.pack("<I", len(raw) - at - 8)  # the true size, then the trailer
        raw += trailer
        raw[4:8] = struct.pack("<I", len(raw) - 8)
    path.write_bytes(bytes(raw))
    return path


def analyze(capsys, caplog, path: Path, tmp_path: Path) -> tuple[int, dict, str]:
    """Exit status, ``call.end`` and what the person running it is told (stderr and warnings logged: pytest's
    log handler holds what the command line's own handler would print on stderr)."""
    events = tmp_path / "e.jsonl"
    caplog.clear()
    code = cli.main(["analyze", str(path), "--quiet", "--no-asr", "--events", str(events)])
    told = capsys.readouterr().err + "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)
    end = json.loads(events.read_text().splitlines()[-1]) if events.exists() else {}
    return code, end, told


@pytest.mark.parametrize(
    ("rate", "subtype", "declared_s"),
    [(16000, "PCM_16", 0.0), (16000, "PCM_16", 2.0), (8000, "ULAW", 0.0), (16000, "FLOAT", 3.0)],
)
def test_a_header_that_says_less_than_the_file_holds_is_read_to_the_end(
    capsys, caplog, tmp_path, rate, subtype, declared_s
):
    frame_bytes = {"PCM_16": 4, "ULAW": 2, "FLOAT": 8}[subtype]
    path = recorded(tmp_path, rate, subtype, int(declared_s * rate) * frame_bytes)
    code, end, err = analyze(capsys, caplog, path, tmp_path)
    assert code == 0, err  # a header of 0 bytes was "the file holds no audio samples", exit 2
    assert end["type"] == "call.end" and end["complete"] is True
    assert end["summary"]["duration_s"] == pytest.approx(SECONDS, abs=0.05)  # not declared_s
    assert f"the WAV header says {declared_s:.2f} s of audio but the file holds {SECONDS:.2f} s" in err
    rec = load_recording(path)
    truth = load_recording(recorded(tmp_path, rate, subtype, None))
    assert np.array_equal(rec.agent, truth.agent) and np.array_equal(rec.customer, truth.customer)


def test_a_data_chunk_followed_by_a_real_chunk_is_believed(capsys, caplog, tmp_path):
    """Metadata after the audio (a ``LIST`` chunk, as many editors write) is not audio: no warning, no noise."""
    info = b"INFOISFT" + struct.pack("<I", 6) + b"coach\x00"
    path = recorded(tmp_path, 16000, "PCM_16", None, trailer=b"LIST" + struct.pack("<I", len(info)) + info)
    code, end, err = analyze(capsys, caplog, path, tmp_path)
    assert code == 0, err
    assert end["summary"]["duration_s"] == pytest.approx(SECONDS, abs=0.05)
    assert "WAV header" not in err


def test_the_command_line_prints_the_warning_on_stderr(tmp_path):
    """The command line's own log handler (not pytest's) shows the warning to the person running it."""
    path = recorded(tmp_path, 16000, "PCM_16", 0)
    coach = Path(sys.executable).with_name("coach")
    run = subprocess.run(
        [str(coach), "analyze", str(path), "--quiet", "--no-asr"], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    assert "the WAV header says 0.00 s of audio but the file holds 6.00 s" in run.stderr
