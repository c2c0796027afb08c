"""A per-lane level gate: speech far quieter than the lane's own talker is somebody else; speech as
loud as the talker that the VAD is unsure about is the talker.

A headset microphone also picks up the neighbours on the floor, 20-30 dB below the agent; Silero
VAD calls their voices speech just the same. The gate compares each frame's *envelope* (the loudest
32 ms frame of the last ``envelope_ms``, so the quiet consonants and decays inside a word pass) with
the lane's own speech level: the ``percentile`` of the envelopes of the speech frames it let through
during the last ``history_s`` seconds of speech. A speech frame whose envelope is more than
``gate_db`` below that level gets probability 0, so it becomes neither a speech segment, nor an
overlap, nor loudness or pitch. Frames it removes never enter the history, so a neighbour talking
while the agent is silent cannot pull the level down to their own. Until ``min_s`` seconds of speech
have been let through the gate is open (the lane's level is not known yet).

The same frames are kept out of the transcript: :meth:`LevelGate.for_asr` turns the frames the gate
took for another talker down by ``level_gate_asr_db`` before the lane's audio reaches the recogniser,
so a neighbour's words in the agent's pauses (inside a speech segment, or in its hangover) cannot be
decoded as the agent's. Only frames the VAD scores at least ``level_assist_min_prob`` are touched:
quiet frames that are nobody's speech (line noise, the pauses) reach the recogniser as they are.

The other way round, Silero VAD is sometimes unsure of a talker's first words (a soft "yes, well"
scored 0.3-0.47 on some synthetic and telephone voices, below the onset threshold): a frame the VAD
gives at least ``level_assist_min_prob`` whose envelope is within ``level_assist_db`` of the lane's
level gets the onset probability, so loud, speech-like frames start speech promptly.

One :class:`LevelGate` per lane and call; feed every frame in order. Levels are dBFS.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from coach.dsp.loudness import level_dbfs
from coach.types import FRAME_SAMPLES, SAMPLE_RATE
from coach.vad.config import VadConfig

_FRAME_S = FRAME_SAMPLES / SAMPLE_RATE
_REFRESH_FRAMES = 8  # the lane level is recomputed every this many accepted frames (0.26 s of speech)


class LevelGate:
    """Gate of one lane (see module docstring). ``gate_db <= 0`` turns it off."""

    def __init__(self, cfg: VadConfig) -> None:
        self._threshold = cfg.offset_threshold
        self._onset = cfg.onset_threshold
        self._assist_db = cfg.level_assist_db
        self._assist_min = cfg.level_assist_min_prob
        self._gate_db = cfg.level_gate_db
        self._percentile = cfg.level_gate_percentile
        self._min_frames = max(1, round(cfg.level_gate_min_s / _FRAME_S))
        self._recent: deque[float] = deque(maxlen=max(1, round(cfg.level_gate_envelope_ms / 1000 / _FRAME_S)))
        self._history: deque[float] = deque(maxlen=max(1, round(cfg.level_gate_history_s / _FRAME_S)))
        self._since_refresh = 0
        self._asr_gain = 10.0 ** (-cfg.level_gate_asr_db / 20.0)
        self.other_talker = np.zeros(0, dtype=bool)  # per frame of the last apply(): another talker
        self.levels_db: list[float] = []  # per frame of the last apply(): its level (dBFS), for prosody
        self.level_db: float | None = None
        self.gated_frames = 0
        self.assisted_frames = 0

    def apply(self, frames: np.ndarray, probs: np.ndarray) -> np.ndarray:
        """Gate ``n`` frames (``(n, 512)`` float32) and their speech probabilities (``(n,)``); return
        the probabilities with gated frames set to 0. Each frame's level is kept in :attr:`levels_db`."""
        self.other_talker = np.zeros(len(probs), dtype=bool)
        self.levels_db = [level_dbfs(frame) for frame in frames]
        if self._gate_db <= 0:
            return probs
        out = np.array(probs, dtype=np.float32, copy=True)
        for i, level in enumerate(self.levels_db):
            self._recent.append(level)
            envelope = max(self._recent)
            quiet = self.level_db is not None and envelope < self.level_db - self._gate_db  # another talker's level
            if quiet and out[i] >= self._assist_min:
                self.other_talker[i] = True
            if (
                self._assist_db > 0
                and self.level_db is not None
                and self._assist_min <= out[i] < self._onset
                and envelope >= self.level_db - self._assist_db
            ):
                out[i] = self._onset
                self.assisted_frames += 1
            if out[i] < self._threshold:
                continue
            if quiet:
                out[i] = 0.0
                self.gated_frames += 1
                continue
            self._history.append(envelope)
            self._since_refresh += 1
            if len(self._history) >= self._min_frames and (
                self.level_db is None or self._since_refresh >= _REFRESH_FRAMES
            ):
                self.level_db = float(np.percentile(self._history, self._percentile))
                self._since_refresh = 0
        return out

    def for_asr(self, frame: np.ndarray, index: int) -> np.ndarray:
        """Frame ``index`` of the last :meth:`apply` as the recogniser should hear it: turned down by
        ``level_gate_asr_db`` when the gate took it for another talker, else ``frame`` itself."""
        if index < len(self.other_talker) and self.other_talker[index] and self._asr_gain < 1.0:
            return (frame * self._asr_gain).astype(np.float32)
        return frame
