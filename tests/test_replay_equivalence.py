"""Time comes from the audio, not the wall clock: however the audio is chunked and however fast it
arrives, the analyser produces the same events."""

from __future__ import annotations

import json

import numpy as np
import pytest

from coach import cli
from coach.config import load_config
from coach.pipeline.analyzer import CallAnalyzer
from coach.sources.recording import CallRecording, load_recording
from coach.sources.replay import Pacer, replay_chunks
from coach.types import SAMPLE_RATE, AudioChunk, Lane
from tests.conftest import CALLS

CFG = load_config()


@pytest.fixture(scope="module")
def excerpt() -> CallRecording:
    """The demo call's stretch with the interruption and the dead air (25 s to 50 s)."""
    rec = load_recording(CALLS / "demo.flac")
    a, b = 25 * SAMPLE_RATE, 50 * SAMPLE_RATE
    return CallRecording(rec.agent[a:b], rec.customer[a:b], rec.source_rate, rec.path)


def run(chunks) -> list[dict]:
    analyzer = CallAnalyzer(CFG)
    out = [e.to_dict() for c in chunks for e in analyzer.push(c)]
    return out + [e.to_dict() for e in analyzer.finish()]


def uneven_chunks(rec: CallRecording, seed: int):
    """Each lane cut at its own random places, the lanes interleaved unevenly (as two sound cards would)."""
    rng = np.random.default_rng(seed)
    pending = {}
    for lane in Lane:
        pcm = rec.lane(lane)
        cuts = np.sort(rng.choice(np.arange(1, len(pcm)), size=300, replace=False))
        edges = [0, *cuts.tolist(), len(pcm)]
        pending[lane] = [AudioChunk(lane, s, pcm[s:e]) for s, e in zip(edges, edges[1:], strict=False)]
    while pending[Lane.AGENT] or pending[Lane.CUSTOMER]:
        lane = Lane.AGENT if rng.random() < 0.5 else Lane.CUSTOMER
        if not pending[lane]:
            lane = lane.other
        for _ in range(int(rng.integers(1, 4))):
            if pending[lane]:
                yield pending[lane].pop(0)


@pytest.fixture(scope="module")
def reference(excerpt) -> list[dict]:
    """The excerpt's events in 20 ms chunks: the run every other way of feeding it must reproduce."""
    return run(replay_chunks(excerpt, chunk_ms=20))


def test_events_do_not_depend_on_chunk_size(excerpt, reference):
    assert any(e["type"] == "nudge" for e in reference)
    for chunk_ms in (7, 100, 1000):
        assert run(replay_chunks(excerpt, chunk_ms=chunk_ms)) == reference


def test_events_do_not_depend_on_how_the_lanes_interleave(excerpt, reference):
    assert run(uneven_chunks(excerpt, seed=3)) == reference


def test_pacing_waits_for_the_audio_time_and_changes_nothing_else(excerpt, reference):
    class FakeClock:
        def __init__(self) -> None:
            self.now = 100.0
            self.waits: list[float] = []

        def __call__(self) -> float:
            return self.now

        def sleep(self, seconds: float) -> None:
            self.waits.append(seconds)
            self.now += seconds

    clock = FakeClock()
    paced = run(replay_chunks(excerpt, chunk_ms=20, pacer=Pacer(clock=clock, sleep=clock.sleep)))
    assert paced == reference
    assert clock.now - 100.0 == pytest.approx(excerpt.duration_s, abs=0.001)
    assert len(clock.waits) == pytest.approx(excerpt.duration_s / 0.02, abs=2)


def test_realtime_replay_through_the_cli_writes_the_same_events_as_the_fast_one(tmp_path):
    """A real paced run on the wall clock (4 s of audio, so about 4 s of test time)."""
    import soundfile as sf

    rec = load_recording(CALLS / "demo.flac")
    a, b = int(30.5 * SAMPLE_RATE), int(34.5 * SAMPLE_RATE)
    short = tmp_path / "short.wav"
    sf.write(short, np.stack([rec.agent[a:b], rec.customer[a:b]], axis=1), SAMPLE_RATE)
    fast, paced = tmp_path / "fast.jsonl", tmp_path / "paced.jsonl"
    assert cli.main(["analyze", str(short), "--events", str(fast), "--quiet", "--no-asr"]) == 0
    assert cli.main(["analyze", str(short), "--events", str(paced), "--realtime", "--quiet", "--no-asr"]) == 0
    fast_events = [json.loads(line) for line in fast.read_text().splitlines()]
    assert fast_events == [json.loads(line) for line in paced.read_text().splitlines()]
    assert any(e["type"] == "nudge" and e["kind"] == "stop_interrupting" for e in fast_events)
