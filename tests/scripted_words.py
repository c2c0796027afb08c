"""Scripted "speech" for decoder-free tests of the ASR lanes and scheduler: one word per 0.5 s block
of audio, its id written in the samples so a scripted decoder can read the words back.

Block ``k`` is a square wave of amplitude ``k / 1000`` whose sign flips every ``k`` samples: the id
is read from the run length, which no gain changes (the lanes scale every agent decode,
``[asr] agent_level_dbfs``), and the level still grows with the id (tests of the lane's pause
detection see louder and quieter words as before)."""

from __future__ import annotations

import numpy as np

from coach.types import SAMPLE_RATE

BLOCK = SAMPLE_RATE // 2
"""Samples per scripted word."""
MAX_ID = 40
"""Largest word id the scripted audio carries (:func:`read_id` looks this far ahead)."""


def scripted_audio(word_ids: list[int]) -> np.ndarray:
    """Audio whose 0.5 s blocks carry word ids (0 = silence), float32."""
    assert all(0 <= k <= MAX_ID for k in word_ids)
    blocks = [np.where((np.arange(BLOCK) // max(k, 1)) % 2 == 0, 1.0, -1.0) * k / 1000.0 for k in word_ids]
    return np.concatenate(blocks).astype(np.float32)


def read_id(pcm: np.ndarray, i: int) -> int:
    """The word id at sample ``i`` of ``pcm``: 0 in silence, else the length of the first whole sign
    run after ``i`` (near the stretch's end, the part of the run that is there)."""
    if pcm[i] == 0.0:
        return 0
    signs = np.sign(pcm[i : i + 4 * MAX_ID + 2])
    flips = np.flatnonzero(signs[1:] != signs[:-1]) + 1
    if len(flips) >= 2:
        return int(flips[1] - flips[0])
    return int(flips[0]) if len(flips) else len(signs)
