import numpy as np
import pytest

from coach.config import VadConfig
from coach.types import FRAME_SAMPLES, SAMPLE_RATE
from coach.vad.gate import LevelGate
from coach.vad.segmenter import SpeechEnd, SpeechSegmenter, SpeechStart

CFG = VadConfig(onset_threshold=0.5, offset_threshold=0.35, min_speech_ms=160, min_silence_ms=320)


def run(probs: list[float]) -> list[tuple[str, int, int | None]]:
    seg = SpeechSegmenter(CFG)
    out = []
    for i, p in enumerate(probs):
        b = seg.push(p, i * FRAME_SAMPLES)
        if isinstance(b, SpeechStart):
            out.append(("start", b.start // FRAME_SAMPLES, i))
        elif isinstance(b, SpeechEnd):
            out.append(("end", b.end // FRAME_SAMPLES, i))
    end = seg.flush(len(probs) * FRAME_SAMPLES)
    if end is not None:
        out.append(("flush", end.end // FRAME_SAMPLES, None))
    return out


def test_speech_start_is_backdated_to_the_first_frame_above_onset():
    out = run([0.0] * 5 + [0.9] * 20 + [0.0] * 20)
    assert out[0] == ("start", 5, 9)  # confirmed after 5 frames (160 ms), reported from frame 5


def test_speech_end_is_backdated_to_where_silence_began():
    out = run([0.0] * 5 + [0.9] * 20 + [0.0] * 20)
    assert out[1] == ("end", 25, 34)  # 10 frames (320 ms) of silence confirm it


def test_a_dip_shorter_than_min_silence_does_not_split_the_segment():
    out = run([0.9] * 20 + [0.1] * 5 + [0.9] * 20 + [0.0] * 20)
    assert [kind for kind, *_ in out] == ["start", "end"]


def test_a_blip_shorter_than_min_speech_is_not_speech():
    assert run([0.0] * 5 + [0.9] * 3 + [0.0] * 30) == []


def test_probability_between_thresholds_keeps_speech_going_but_not_a_pending_silence():
    # in speech, 0.4 (between offset 0.35 and onset 0.5) keeps it going ...
    assert [k for k, *_ in run([0.9] * 10 + [0.4] * 30)] == ["start", "flush"]
    # ... but once a silence run has begun, 0.4 does not rescue it: only the onset does
    out = run([0.9] * 10 + [0.1] * 3 + [0.4] * 20)
    assert out[1] == ("end", 10, 19)


def test_flush_closes_an_open_segment_at_the_end_of_the_call():
    assert run([0.9] * 10) == [("start", 0, 4), ("flush", 10, None)]


def _frames(seconds: float, level_db: float, seed: int = 0) -> np.ndarray:
    n = round(seconds * SAMPLE_RATE / FRAME_SAMPLES)
    x = np.random.default_rng(seed).normal(0, 1, (n, FRAME_SAMPLES))
    return (x / np.sqrt(np.mean(x**2)) * 10 ** (level_db / 20)).astype(np.float32)


def test_the_level_gate_silences_speech_far_below_the_lane_talker_and_keeps_the_talker():
    gate = LevelGate(VadConfig())
    loud, quiet, softer = _frames(3.0, -26.0), _frames(2.0, -51.0, 1), _frames(2.0, -34.0, 2)
    speech = np.full(len(loud), 0.9, np.float32)
    assert np.array_equal(gate.apply(loud, speech), speech)
    assert gate.level_db == pytest.approx(-26.0, abs=1.0)
    neighbour = gate.apply(quiet, np.full(len(quiet), 0.9, np.float32))
    assert np.all(neighbour[len(neighbour) // 5 :] == 0.0)  # after the talker's last envelope has passed
    assert np.all(gate.apply(softer, np.full(len(softer), 0.9, np.float32)) == 0.9)  # 8 dB softer: still the talker
    assert gate.level_db == pytest.approx(-26.0, abs=3.0)  # the neighbour never entered the lane level


def test_the_level_gate_is_open_until_the_lane_level_is_known_and_can_be_turned_off():
    quiet = _frames(0.5, -51.0)
    assert np.all(LevelGate(VadConfig()).apply(quiet, np.full(len(quiet), 0.9, np.float32)) == 0.9)
    off = LevelGate(VadConfig(level_gate_db=0.0))
    off.apply(_frames(3.0, -26.0), np.full(94, 0.9, np.float32))
    assert np.all(off.apply(quiet, np.full(len(quiet), 0.9, np.float32)) == 0.9)
