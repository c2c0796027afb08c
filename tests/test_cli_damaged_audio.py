"""`coach analyze` of a FLAC or OGG file damaged mid-way: the stretch that cannot be decoded becomes silence of
its length (with a warning), so everything after it keeps its time; it used to be closed up, moving the rest of
the call earlier (events no longer at their place in the recording) and shortening it without a word.

Real files (20 s of the demo call written by libsndfile, 200 bytes from a frame header past the middle
overwritten), the real command
line without speech recognition (the lengths and times are the point).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from coach import cli
from coach.sources.recording import load_recording
from coach.types import SAMPLE_RATE
from tests.conftest import CALLS

SECONDS = 20.0
FRAME_START = {"FLAC": b"\xff\xf8", "OGG": b"OggS"}
"""Where a FLAC frame (its sync code) or an Ogg page begins."""


def damaged(tmp_path: Path, fmt: str) -> tuple[Path, np.ndarray]:
    """A ``fmt`` file of 20 s of the demo call with 200 bytes overwritten from the first frame header past its
    middle, and the audio as written (both lanes)."""
    rec = load_recording(CALLS / "demo.flac")
    stereo = np.stack([rec.agent, rec.customer], axis=1)[30 * SAMPLE_RATE : int((30 + SECONDS) * SAMPLE_RATE)]
    path = tmp_path / f"call.{fmt.lower()}"
    sf.write(path, stereo, SAMPLE_RATE, format=fmt)
    raw = bytearray(path.read_bytes())
    at = raw.index(FRAME_START[fmt], len(raw) // 2)  # a frame's (FLAC) or page's (Ogg) header: it cannot be decoded
    raw[at : at + 200] = bytes(b ^ 0x5A for b in raw[at : at + 200])
    path.write_bytes(bytes(raw))
    return path, stereo


@pytest.mark.parametrize("fmt", ["FLAC", "OGG"])
def test_a_damaged_stretch_becomes_silence_and_the_rest_keeps_its_time(capsys, caplog, tmp_path, fmt):
    path, written = damaged(tmp_path, fmt)
    events = tmp_path / "e.jsonl"
    code = cli.main(["analyze", str(path), "--quiet", "--no-asr", "--events", str(events)])
    told = capsys.readouterr().err + "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)
    assert code == 0, told
    end = json.loads(events.read_text().splitlines()[-1])
    assert end["type"] == "call.end" and end["complete"] is True
    assert end["summary"]["duration_s"] == pytest.approx(SECONDS, abs=0.05)  # shorter before
    assert "damaged stretch(es) could not be decoded" in told
    rec = load_recording(path)
    tail = slice(-5 * SAMPLE_RATE, None)  # the last 5 s, well after the damage: at their own time
    if fmt == "FLAC":  # lossless: sample for sample
        assert np.array_equal(rec.agent[tail], written[tail, 0])
    else:
        assert np.corrcoef(rec.agent[tail], written[tail, 0])[0, 1] > 0.9
