"""The decode processes' profiling flag (coach.asr.profile): phases and kinds counted on an injected CPU clock."""

from __future__ import annotations

import json
import time
from multiprocessing import Pipe
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from coach.asr import decodeproc
from coach.asr.engine import DecodeOptions
from coach.asr.profile import PROFILE_ENV, DecodeProfile, kind_of, merged, thread_sched
from coach.asr.timeline import Timeline
from coach.errors import ConfigError


class Clock:
    """CPU seconds that only the scripted model's calls advance."""

    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t

    def spend(self, seconds: float) -> None:
        self.t += seconds


class ScriptedModel:
    """CTranslate2's Whisper as faster-whisper calls it: each call spends a set CPU time."""

    is_multilingual = False

    def __init__(self, clock: Clock) -> None:
        self.clock = clock

    def encode(self, features: object) -> str:
        self.clock.spend(0.5)
        return "encoded"

    def generate(self, encoded: object) -> list[str]:
        self.clock.spend(0.25)
        return ["tokens"]

    def align(self, encoded: object) -> list[str]:
        self.clock.spend(0.125)
        return ["times"]


def scripted_engine(clock: Clock) -> SimpleNamespace:
    """An engine whose decode runs features, encoder, generate and align once, plus 1/16 s of Python; a loop makes
    it decode twice (as ``final_loop_again_beam`` does)."""
    model = SimpleNamespace(feature_extractor=lambda audio: clock.spend(0.0625) or "mel", model=ScriptedModel(clock))
    engine = SimpleNamespace(_model=model)

    def once(pcm: np.ndarray) -> list[str]:
        m = engine._model
        encoded = m.model.encode(m.feature_extractor(pcm))
        clock.spend(0.0625)
        return m.model.generate(encoded) + m.model.align(encoded)

    def segments(pcm: np.ndarray, loops: bool = False) -> list[str]:
        first = engine._segments_once(pcm)
        return engine._segments_once(pcm) if loops else first

    engine._segments_once, engine.segments = once, segments
    return engine


def test_a_requests_cpu_is_split_into_its_phases_and_its_kind(tmp_path: Path) -> None:
    clock = Clock()
    engine = scripted_engine(clock)
    # a request got half a core, and its threads waited a quarter of its CPU time for a core
    profile = DecodeProfile(tmp_path, clock=clock, wall=lambda: 2 * clock(), sched=lambda: (clock(), clock() / 4))
    profile.wrap(engine)
    pcm = np.zeros(16000 * 3, dtype=np.float32)
    final = DecodeOptions(beam_size=5)

    assert profile.request(pcm, final, lambda: engine.segments(pcm)) == ["tokens", "times"]
    profile.request(pcm, final, lambda: engine.segments(pcm, loops=True))  # a loop: decoded twice
    backlog = DecodeOptions(beam_size=1, encoder_window_s=10.0)
    profile.request([pcm, pcm[:16000]], backlog, lambda: engine.segments(pcm))

    rounded = {k: {n: round(v, 4) for n, v in r.items()} for k, r in profile.kinds.items()}
    (written,) = tmp_path.glob("*.json")
    assert json.loads(written.read_text()) == rounded
    beam = profile.kinds["b5 w30"]
    assert beam["requests"] == 2 and beam["decodes"] == 3 and beam["audio_s"] == 6.0
    assert beam["encoder"] == 1.5 and beam["encoder_calls"] == 3
    assert beam["generate"] == 0.75 and beam["align"] == 0.375 and beam["features"] == 0.1875
    assert beam["cpu_s"] == 3 * 1.0 and beam["rest"] == 3 * 0.0625  # the Python between the model's calls
    assert beam["wall_s"] == 2 * beam["cpu_s"] and beam["runnable_s"] == beam["cpu_s"] / 4
    batch = profile.kinds["batch b1"]
    assert batch["requests"] == 1 and batch["rows"] == 2 and batch["audio_s"] == 4.0 and batch["cpu_s"] == 1.0
    assert merged(tmp_path) == rounded


def test_kinds_and_the_flag() -> None:
    assert kind_of(np.zeros(10), DecodeOptions(beam_size=5)) == "b5 w30"
    assert kind_of(np.zeros(10), DecodeOptions(beam_size=1, encoder_window_s=10.0)) == "b1 w10"
    assert kind_of([np.zeros(10)], DecodeOptions(beam_size=1)) == "batch b1"


def test_no_flag_no_profile(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.delenv(PROFILE_ENV, raising=False)
    engine = scripted_engine(Clock())
    model = engine._model.model
    assert DecodeProfile.from_env(engine) is None
    assert engine._model.model is model  # nothing wrapped


def test_a_folder_that_cannot_be_written_is_refused_once_at_start(monkeypatch, tmp_path) -> None:  # noqa: ANN001
    """Session 45 (R9): a profiling folder that cannot be written (here: a path under a file) stops the decode process
    at start with an error naming the variable, before "ready" and before anything is wrapped; it no longer lets every
    request fail at the write of its counters; the scheduler's timeline refuses it alike."""
    (tmp_path / "a file").write_text("", encoding="utf-8")
    monkeypatch.setenv(PROFILE_ENV, str(tmp_path / "a file" / "profile"))
    engine = scripted_engine(Clock())
    model = engine._model.model
    with pytest.raises(ConfigError, match=PROFILE_ENV):
        DecodeProfile.from_env(engine)
    assert engine._model.model is model  # nothing wrapped
    with pytest.raises(ConfigError, match=PROFILE_ENV):
        Timeline.from_env()  # the scheduler's timeline reads the same folder the same way
    monkeypatch.setattr("coach.asr.engine.get_engine", lambda config: engine)
    parent, child = Pipe()
    parent.send("config")
    parent.send(None)  # without the check the child would be ready, then stop here
    decodeproc._serve(child)
    kind, detail = parent.recv()
    assert kind == "error" and detail.startswith(f"ConfigError: {PROFILE_ENV}=")
    monkeypatch.setenv(PROFILE_ENV, str(tmp_path / "made" / "here"))
    assert DecodeProfile.from_env(scripted_engine(Clock())) is not None
    assert (tmp_path / "made" / "here").is_dir()


def test_the_threads_scheduler_counters_are_read_from_linux() -> None:
    """``thread_sched``: this process's threads' seconds on a CPU and waiting for one, from /proc (session 46)."""
    run, waited = thread_sched()
    end = time.process_time() + 0.02
    while time.process_time() < end:  # 20 ms on a CPU
        pass
    assert waited >= 0.0 and thread_sched()[0] - run >= 0.015
