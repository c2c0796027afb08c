"""Checks on the committed scripted calls (tests/data/calls/*.flac + *.truth.json).

These read the files produced by ``scripts/synth_calls.py``; they never re-synthesise. Speech is
detected per lane with faster-whisper's Silero VAD (threshold 0.5, 500 ms minimum silence, 100 ms
padding). Times are seconds; audio is 16 kHz stereo, channel 0 = agent, channel 1 = customer.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile as sf
from faster_whisper import vad

ROOT = Path(__file__).resolve().parent.parent
CALLS_DIR = ROOT / "tests" / "data" / "calls"
CALLS = ("demo", "polite", "rude")
LANES = ("agent", "customer")
SR = 16_000
DURATION_RANGE_S = {"demo": (60.0, 80.0), "polite": (45.0, 60.0), "rude": (60.0, 80.0)}
MIN_COVERAGE = 0.7  # fraction of each truth utterance inside VAD speech (internal pauses excluded)
VAD_PAD_S = 0.1
KINDS = {"interruption", "backchannel", "talkover", "loud_stretch", "dead_air", "agent_talks_over_customer"}


@cache
def truth(name: str) -> dict[str, Any]:
    return json.loads((CALLS_DIR / f"{name}.truth.json").read_text(encoding="utf-8"))


@cache
def audio(name: str) -> np.ndarray:
    pcm, sr = sf.read(CALLS_DIR / f"{name}.flac", dtype="float32", always_2d=True)
    assert sr == SR
    return pcm


@cache
def speech_mask(name: str, lane: int) -> np.ndarray:
    """Boolean per-sample mask of Silero speech on one lane."""
    pcm = audio(name)[:, lane]
    mask = np.zeros(len(pcm), dtype=bool)
    opts = vad.VadOptions(min_silence_duration_ms=500, speech_pad_ms=round(VAD_PAD_S * 1000))
    for seg in vad.get_speech_timestamps(pcm, opts, sampling_rate=SR):
        mask[seg["start"] : seg["end"]] = True
    return mask


def span(item: dict[str, Any]) -> slice:
    return slice(round(item["start_s"] * SR), round(item["end_s"] * SR))


def utterances(name: str, speaker: str) -> list[dict[str, Any]]:
    return [u for u in truth(name)["utterances"] if u["speaker"] == speaker]


def phenomena(name: str, kind: str) -> list[dict[str, Any]]:
    return [p for p in truth(name)["phenomena"] if p["kind"] == kind]


def dur(item: dict[str, Any]) -> float:
    return float(item["end_s"] - item["start_s"])


@pytest.mark.parametrize("name", CALLS)
def test_call_file_is_small_stereo_16k_pcm16_and_as_long_as_its_truth(name: str) -> None:
    info = sf.info(str(CALLS_DIR / f"{name}.flac"))
    assert (info.channels, info.samplerate, info.format, info.subtype) == (2, SR, "FLAC", "PCM_16")
    assert abs(info.frames / SR - truth(name)["duration_s"]) < 1.0 / SR
    assert truth(name)["sample_rate"] == SR
    lo, hi = DURATION_RANGE_S[name]
    assert lo <= truth(name)["duration_s"] <= hi
    assert (CALLS_DIR / f"{name}.flac").stat().st_size <= 1_600_000


@pytest.mark.parametrize("name", CALLS)
def test_truth_is_well_formed_and_inside_the_call(name: str) -> None:
    t = truth(name)
    for u in t["utterances"]:
        assert u["speaker"] in LANES and u["text"] and isinstance(u["raised"], bool)
        assert 0.0 <= u["start_s"] < u["end_s"] <= t["duration_s"]
    for p in t["phenomena"]:
        assert p["kind"] in KINDS and p["by"] in (*LANES, None)
        assert 0.0 <= p["start_s"] < p["end_s"] <= t["duration_s"]


@pytest.mark.parametrize("name", CALLS)
def test_audio_does_not_clip(name: str) -> None:
    assert np.abs(audio(name)).max() < 0.95


@pytest.mark.parametrize("name", CALLS)
@pytest.mark.parametrize("lane", range(2))
def test_vad_detects_every_truth_utterance_on_its_own_lane(name: str, lane: int) -> None:
    mask = speech_mask(name, lane)
    for u in utterances(name, LANES[lane]):
        coverage = mask[span(u)].mean()
        assert coverage >= MIN_COVERAGE, f"{u['start_s']:.2f}s {u['text']!r}: coverage {coverage:.2f}"


@pytest.mark.parametrize("name", CALLS)
@pytest.mark.parametrize("lane", range(2))
def test_lane_has_no_vad_speech_outside_that_partys_utterances(name: str, lane: int) -> None:
    expected = np.zeros(len(audio(name)), dtype=bool)
    pad = round((VAD_PAD_S + 0.1) * SR)
    for u in utterances(name, LANES[lane]):
        expected[max(0, span(u).start - pad) : span(u).stop + pad] = True
    stray = speech_mask(name, lane) & ~expected
    assert stray.sum() == 0, f"speech at {np.flatnonzero(stray)[0] / SR:.2f}s not in truth"


@pytest.mark.parametrize("name", ["demo", "rude"])
def test_dead_air_has_no_speech_on_either_lane(name: str) -> None:
    (dead,) = phenomena(name, "dead_air")
    assert 8.0 <= dur(dead) <= 9.0
    margin = round((VAD_PAD_S + 0.1) * SR)
    inner = slice(span(dead).start + margin, span(dead).stop - margin)
    for lane in range(2):
        assert not speech_mask(name, lane)[inner].any()
    for u in truth(name)["utterances"]:
        assert u["end_s"] <= dead["start_s"] or u["start_s"] >= dead["end_s"]


@pytest.mark.parametrize(("name", "count"), [("demo", 1), ("rude", 2)])
def test_agent_interrupts_and_customer_yields_within_a_second(name: str, count: int) -> None:
    found = phenomena(name, "interruption")
    assert len(found) == count
    for p in found:
        assert p["by"] == "agent" and 0.5 <= dur(p) <= 0.8
        (agent,) = [u for u in utterances(name, "agent") if u["start_s"] == p["start_s"]]
        assert dur(agent) >= 2.0


@pytest.mark.parametrize("name", ["demo", "polite"])
def test_customer_backchannels_are_short_and_inside_agent_speech(name: str) -> None:
    found = phenomena(name, "backchannel")
    assert found
    for p in found:
        assert p["by"] == "customer" and dur(p) < 0.8
        assert any(a["start_s"] < p["start_s"] and p["end_s"] < a["end_s"] for a in utterances(name, "agent"))


@pytest.mark.parametrize("name", ["demo", "rude"])
def test_raised_agent_stretch_follows_twelve_seconds_of_normal_speech(name: str) -> None:
    (loud,) = phenomena(name, "loud_stretch")
    assert loud["by"] == "agent" and 4.0 <= dur(loud) <= 6.0
    before = [u for u in utterances(name, "agent") if u["end_s"] <= loud["start_s"]]
    assert not any(u["raised"] for u in before)
    assert sum(dur(u) for u in before) >= 12.0


def test_rude_agent_talks_over_customer_until_she_gives_up() -> None:
    (p,) = phenomena("rude", "agent_talks_over_customer")
    assert dur(p) >= 1.5
    (agent,) = [a for a in utterances("rude", "agent") if a["start_s"] < p["start_s"] < a["end_s"]]
    assert agent["end_s"] > p["end_s"] + 1.0


def test_polite_call_has_no_overlaps_raised_voice_or_long_silences() -> None:
    assert {p["kind"] for p in truth("polite")["phenomena"]} == {"backchannel"}
    assert not any(u["raised"] for u in truth("polite")["utterances"])
    backchannels = {p["start_s"] for p in phenomena("polite", "backchannel")}
    turns = [u for u in truth("polite")["utterances"] if u["start_s"] not in backchannels]
    for prev, nxt in zip(turns, turns[1:], strict=False):
        gap = nxt["start_s"] - prev["end_s"]
        assert gap < 3.0
        if prev["speaker"] != nxt["speaker"]:
            assert 0.3 <= gap <= 1.0


@pytest.mark.parametrize(
    ("name", "speaker", "phrases"),
    [
        ("demo", "customer", ["third time"]),
        ("polite", "agent", ["what I'm hearing", "frustrating", "anything else I can help you with"]),
        ("rude", "agent", ["calm down", "nothing I can do", "Unfortunately that's policy"]),
    ],
)
def test_scripts_carry_the_coaching_phrases(name: str, speaker: str, phrases: list[str]) -> None:
    said = " ".join(u["text"] for u in utterances(name, speaker)).replace(",", "")
    for phrase in phrases:
        assert phrase in said


def test_packaged_demo_call_is_a_copy_of_the_test_demo() -> None:
    packaged = ROOT / "coach" / "data"
    assert (packaged / "demo_call.flac").read_bytes() == (CALLS_DIR / "demo.flac").read_bytes()
    assert (packaged / "demo_call.truth.json").read_bytes() == (CALLS_DIR / "demo.truth.json").read_bytes()
