"""Level normalisation of the agent lane's decodes (``[asr] agent_level_dbfs``, coach/asr/level.py)."""

from __future__ import annotations

import numpy as np
import pytest

from coach.asr.config import AsrConfig
from coach.asr.level import SILENT_RMS, decode_audio, loudest_rms, normalise_level
from coach.asr.stream import LaneTranscriber
from coach.errors import ConfigError
from coach.types import SAMPLE_RATE, AudioChunk, Lane, seconds_to_samples


def _dbfs(rms: float) -> float:
    return 20 * np.log10(rms)


def _tone(seconds: float, dbfs: float, hz: float = 440.0) -> np.ndarray:
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return (np.sqrt(2) * 10 ** (dbfs / 20) * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def test_a_quiet_voice_is_brought_to_the_target_by_its_loudest_half_second():
    """A -45 dBFS burst after a -65 dBFS lead-in: the gain is set by the burst, not by the average."""
    pcm = np.concatenate([_tone(1.0, -65.0), _tone(1.0, -45.0)])
    out = normalise_level(pcm, -20.0)
    assert _dbfs(loudest_rms(out)) == pytest.approx(-20.0, abs=0.1)
    assert out.dtype == np.float32 and len(out) == len(pcm)
    gain = out[-100:] / pcm[-100:]
    assert _dbfs(float(np.median(gain))) == pytest.approx(25.0, abs=0.1)  # one gain for the whole stretch


def test_the_gain_never_clips_and_silence_is_left_alone():
    click = np.zeros(SAMPLE_RATE, dtype=np.float32)
    click[100] = 0.5  # a lone peak: the RMS target would need a gain that clips it
    assert float(np.max(np.abs(normalise_level(click, -10.0)))) <= 0.99 + 1e-6
    hiss = np.full(SAMPLE_RATE, SILENT_RMS / 2, dtype=np.float32)
    assert np.array_equal(normalise_level(hiss, -20.0), hiss)
    assert len(normalise_level(np.zeros(0, dtype=np.float32), -20.0)) == 0


def test_only_the_agent_lane_is_normalised_and_only_when_configured():
    pcm = _tone(1.0, -40.0)
    on = AsrConfig()  # on by default, at -20 dBFS
    assert _dbfs(loudest_rms(decode_audio(Lane.AGENT, pcm, on))) == pytest.approx(-20.0, abs=0.1)
    assert decode_audio(Lane.CUSTOMER, pcm, on) is pcm
    assert decode_audio(Lane.AGENT, pcm, AsrConfig(agent_level_dbfs=0.0)) is pcm
    with pytest.raises(ConfigError):
        AsrConfig(agent_level_dbfs=3.0)


@pytest.mark.parametrize("lane", [Lane.AGENT, Lane.CUSTOMER])
def test_the_final_request_of_a_turn_carries_the_normalised_audio(lane):
    """Through the lane transcriber: the request handed to the decoder is what Whisper hears."""
    config = AsrConfig(partials=False, agent_level_dbfs=-20.0)
    transcriber = LaneTranscriber(lane, config)
    pcm = _tone(2.0, -42.0)
    transcriber.speech_started(0)
    for i in range(0, len(pcm), 1600):
        transcriber.push(AudioChunk(lane=lane, start_sample=i, pcm=pcm[i : i + 1600]))
    transcriber.speech_ended(seconds_to_samples(1.7))
    req = transcriber.next_final()
    want = -20.0 if lane is Lane.AGENT else -42.0
    assert _dbfs(loudest_rms(req.pcm)) == pytest.approx(want, abs=0.2)
