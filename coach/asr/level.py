"""Level normalisation of the audio handed to Whisper (``[asr] agent_level_dbfs``).

Whisper's log-mel front end is not level-invariant: it clips the spectrogram 8 log10 units below its
loudest bin and then shifts it by a fixed offset, so a quiet lane (a soft voice, a telephone channel
that lost 10 dB) is heard through a different front end than a loud one. Scaling each decoded stretch
so that its loudest half second has a fixed RMS makes every lane reach the model at the same level.
The gain depends only on the stretch's own samples, so a replay gives the same text every time.
"""

from __future__ import annotations

import numpy as np

from coach.asr.config import AsrConfig
from coach.dsp.loudness import dbfs_to_power, mean_power
from coach.types import SAMPLE_RATE, Lane

FRAME_S = 0.5
"""Length of the frames whose largest RMS sets the gain, s."""
HOP_S = 0.1
"""Hop between those frames, s."""
SILENT_RMS = 1e-4
"""Below this RMS (about -80 dBFS) the stretch is left as it is: nothing to scale up but noise."""
PEAK_MAX = 0.99
"""The scaled stretch never peaks above this (no clipping)."""


def loudest_rms(pcm: np.ndarray) -> float:
    """Largest RMS of the ``FRAME_S`` frames of ``pcm`` every ``HOP_S`` (the whole stretch when shorter)."""
    frame, hop = int(FRAME_S * SAMPLE_RATE), int(HOP_S * SAMPLE_RATE)
    x = np.asarray(pcm, dtype=np.float64)
    if len(x) == 0:
        return 0.0
    if len(x) <= frame:
        return float(np.sqrt(mean_power(x)))
    power = np.concatenate(([0.0], np.cumsum(x * x)))
    starts = np.arange(0, len(x) - frame + 1, hop)
    return float(np.sqrt(np.max((power[starts + frame] - power[starts]) / frame)))


def normalise_level(pcm: np.ndarray, target_dbfs: float) -> np.ndarray:
    """``pcm`` (float32, full scale 1.0) scaled so its loudest ``FRAME_S`` has RMS ``target_dbfs``
    (dB relative to full scale), limited so no sample exceeds ``PEAK_MAX``. A near-silent stretch
    (loudest RMS below ``SILENT_RMS``) is returned unchanged. Returns a new float32 array."""
    x = np.asarray(pcm, dtype=np.float32)
    rms = loudest_rms(x)
    if rms < SILENT_RMS:
        return x.copy()
    gain = float(np.sqrt(dbfs_to_power(target_dbfs))) / rms
    peak = float(np.max(np.abs(x))) * gain
    if peak > PEAK_MAX:
        gain *= PEAK_MAX / peak
    return (x * gain).astype(np.float32)


def decode_audio(lane: Lane, pcm: np.ndarray, config: AsrConfig) -> np.ndarray:
    """The audio a decode of ``lane`` hears: ``pcm`` itself, or for the agent lane with
    ``config.agent_level_dbfs`` set (below 0), ``pcm`` normalised to that level."""
    if lane is Lane.AGENT and config.agent_level_dbfs < 0.0:
        return normalise_level(pcm, config.agent_level_dbfs)
    return pcm
