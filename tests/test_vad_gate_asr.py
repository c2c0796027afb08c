"""The level gate keeps another talker (a neighbour on the agent's headset) out of the transcript:
the frames it takes for another talker reach the recogniser turned down; the talker's own frames and
quiet non-speech frames reach it unchanged."""

from __future__ import annotations

import numpy as np
import pytest

from coach.config import VadConfig
from coach.dsp.loudness import level_dbfs
from coach.types import FRAME_SAMPLES, SAMPLE_RATE
from coach.vad.gate import LevelGate


def frames(seconds: float, level_db: float, seed: int) -> np.ndarray:
    n = round(seconds * SAMPLE_RATE / FRAME_SAMPLES)
    x = np.random.default_rng(seed).normal(0, 1, (n, FRAME_SAMPLES))
    return (x / np.sqrt(np.mean(x**2)) * 10 ** (level_db / 20)).astype(np.float32)


def heard(gate: LevelGate, block: np.ndarray, prob: float) -> list[float]:
    """Levels (dBFS) of ``block``'s frames as the recogniser gets them, after the gate saw them."""
    gate.apply(block, np.full(len(block), prob, np.float32))
    return [level_dbfs(gate.for_asr(f, i)) for i, f in enumerate(block)]


def test_a_neighbour_25_db_down_reaches_the_recogniser_40_db_lower_and_the_talker_unchanged():
    gate = LevelGate(VadConfig())
    talker = frames(3.0, -26.0, 0)
    assert heard(gate, talker, 0.9) == pytest.approx([level_dbfs(f) for f in talker])
    neighbour = frames(2.0, -51.0, 1)
    levels = heard(gate, neighbour, 0.9)[len(neighbour) // 5 :]  # after the talker's last envelope
    assert max(levels) == pytest.approx(-91.0, abs=1.5)
    back = frames(1.0, -27.0, 2)
    assert heard(gate, back, 0.9) == pytest.approx([level_dbfs(f) for f in back])


def test_quiet_frames_that_are_nobodys_speech_and_an_unknown_lane_level_pass_unchanged():
    gate = LevelGate(VadConfig())
    early = frames(0.5, -51.0, 3)  # before the lane's level is known
    assert heard(gate, early, 0.9) == pytest.approx([level_dbfs(f) for f in early])
    heard(gate, frames(3.0, -26.0, 4), 0.9)
    noise = frames(2.0, -51.0, 5)
    assert heard(gate, noise, 0.05) == pytest.approx([level_dbfs(f) for f in noise])


def test_level_gate_asr_db_zero_passes_the_neighbour_through():
    gate = LevelGate(VadConfig(level_gate_asr_db=0.0))
    heard(gate, frames(3.0, -26.0, 6), 0.9)
    neighbour = frames(2.0, -51.0, 7)
    assert heard(gate, neighbour, 0.9) == pytest.approx([level_dbfs(f) for f in neighbour])
