"""Two-lane calls assembled from real single-speaker recordings (the Asterisk telephone prompts, a
professional human voice at 8 kHz) with known overlaps, backchannels and silence."""

from __future__ import annotations

import numpy as np
import pytest

from coach.config import load_config
from coach.dsp.resample import to_pipeline_rate
from coach.pipeline.analyzer import CallAnalyzer
from coach.sources.recording import CallRecording, read_audio
from coach.sources.replay import replay_chunks
from coach.types import SAMPLE_RATE


def prompt(shared_data, name: str) -> np.ndarray:
    pcm, rate = read_audio(shared_data / "asr" / "asterisk_8k" / f"{name}.flac")
    return to_pipeline_rate(pcm[:, 0], rate)


def place(lane: np.ndarray, clip: np.ndarray, at_s: float) -> float:
    """Add ``clip`` into ``lane`` at ``at_s`` seconds; return where it ends, in seconds."""
    start = int(at_s * SAMPLE_RATE)
    lane[start : start + len(clip)] += clip
    return (start + len(clip)) / SAMPLE_RATE


def first_speech(clip: np.ndarray) -> float:
    """Seconds of leading near-silence in a prompt (so placed times can be corrected to real onsets)."""
    frames = np.abs(clip[: len(clip) // 160 * 160]).reshape(-1, 160).max(axis=1)
    return float(np.argmax(frames > 0.02) * 160 / SAMPLE_RATE)


@pytest.fixture(scope="module")
def call(shared_data):
    agent = np.zeros(60 * SAMPLE_RATE, dtype=np.float32)
    customer = np.zeros_like(agent)
    noise = np.random.default_rng(0).normal(0, 3e-4, (2, len(agent))).astype(np.float32)
    agent += noise[0]
    customer += noise[1]
    times = {}
    greeting = prompt(shared_data, "conf-getconfno")
    end = place(agent, greeting, 1.0)
    complaint = prompt(shared_data, "conf-usermenu")  # 14 s of the customer talking
    c_start = end + 0.6
    c_end = place(customer, complaint, c_start)
    barge = prompt(shared_data, "vm-options")  # the agent barges in 5 s into it and keeps going
    times["barge"] = c_start + 5.0 + first_speech(barge)
    a_end = place(agent, barge, c_start + 5.0)
    times["backchannel"] = a_end - 5.0
    place(customer, prompt(shared_data, "is"), times["backchannel"] - first_speech(prompt(shared_data, "is")))
    times["silence_from"] = max(c_end, a_end)
    place(customer, prompt(shared_data, "auth-thankyou"), times["silence_from"] + 9.0)
    return CallRecording(agent, customer, SAMPLE_RATE, "assembled"), times


@pytest.fixture(scope="module")
def plain_events(call) -> list[dict]:
    return analyse(call[0])


def test_real_voices_interruption_backchannel_and_dead_air(call, plain_events):
    _, times = call
    events = plain_events
    overlaps = [e for e in events if e["type"] == "overlap"]
    nudges: dict[str, dict] = {}
    for e in events:
        if e["type"] == "nudge":
            nudges.setdefault(e["kind"], e)  # the first of each kind

    [barge] = [o for o in overlaps if o["by"] == "agent"]
    assert barge["kind"] in ("interruption", "talkover")
    assert barge["t"] == pytest.approx(times["barge"], abs=0.3)
    assert nudges["stop_interrupting"]["at"] - times["barge"] <= 1.5

    [short] = [o for o in overlaps if o["by"] == "customer"]
    assert short["kind"] == "backchannel"
    assert short["t"] == pytest.approx(times["backchannel"], abs=0.3)

    assert nudges["dead_air"]["t"] == pytest.approx(times["silence_from"], abs=0.5)
    assert "let_them_finish" not in nudges and "pause_and_breathe" not in nudges


def analyse(recording: CallRecording) -> list[dict]:
    analyzer = CallAnalyzer(load_config())
    events = [e.to_dict() for c in replay_chunks(recording, chunk_ms=50) for e in analyzer.push(c)]
    return events + [e.to_dict() for e in analyzer.finish()]


def behaviour(events: list[dict]) -> list[tuple]:
    """What the turn-taking and nudges saw, without the prosody measurements."""
    keep = ("speech", "overlap", "dead_air", "nudge")
    return [
        (e["type"], e.get("speaker"), e.get("kind"), e.get("by"), round(e["t"])) for e in events if e["type"] in keep
    ]


def test_a_neighbour_25_db_below_the_agent_on_the_headset_changes_nothing(call, plain_events, shared_data):
    recording, times = call
    agent = recording.agent.copy()
    # a colleague's voice on the agent's headset, 25 dB below the agent's speech: while the customer
    # talks (it would be an overlap), during the dead air (it would break it) and after the call's talk
    for name, at_s in (("agent-loggedoff", 7.0), ("conf-full", times["silence_from"] + 2.0), ("activated", 50.0)):
        place(agent, prompt(shared_data, name) * 10 ** (-25 / 20), at_s)
    with_neighbour = CallRecording(agent, recording.customer, SAMPLE_RATE, "assembled+neighbour")
    # (without the level gate the same neighbour makes an agent "interruption" at 7 s and breaks the dead air)
    assert behaviour(analyse(with_neighbour)) == behaviour(plain_events)
