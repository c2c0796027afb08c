"""Turns per-frame speech probabilities into speech segments, with hysteresis.

Speech starts when the probability reaches ``onset_threshold`` and then stays at or above
``offset_threshold`` for ``min_speech_ms``; it ends once it has stayed below ``offset_threshold``
for ``min_silence_ms``. Reported start and end are where the speech really began and ended
(backdated), so a segment is known ``min_speech_ms`` after it starts and ``min_silence_ms`` after
it ends. One instance per lane; call :meth:`push` once per 32 ms frame, in order.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.types import FRAME_SAMPLES, SAMPLE_RATE
from coach.vad.config import VadConfig


@dataclass(frozen=True, slots=True)
class SpeechStart:
    start: int


@dataclass(frozen=True, slots=True)
class SpeechEnd:
    start: int
    end: int


SpeechBoundary = SpeechStart | SpeechEnd


class SpeechSegmenter:
    """Hysteresis state machine over frame probabilities. Sample indices are at 16 kHz."""

    def __init__(self, cfg: VadConfig) -> None:
        self._cfg = cfg
        self._min_speech_frames = max(1, round(cfg.min_speech_ms * SAMPLE_RATE / 1000 / FRAME_SAMPLES))
        self._min_silence_frames = max(1, round(cfg.min_silence_ms * SAMPLE_RATE / 1000 / FRAME_SAMPLES))
        self.reset()

    def reset(self) -> None:
        self._in_speech = False
        self._candidate_start: int | None = None
        self._run = 0
        self._speech_start = 0
        self._silence_start: int | None = None

    @property
    def in_speech(self) -> bool:
        """True between a reported :class:`SpeechStart` and its :class:`SpeechEnd`."""
        return self._in_speech

    @property
    def silence_since(self) -> int | None:
        """Inside a segment, where the silence now being counted began (the end it will report if
        the silence lasts ``min_silence_ms``); ``None`` while speaking or outside a segment."""
        return self._silence_start if self._in_speech else None

    @property
    def speech_start(self) -> int | None:
        return self._speech_start if self._in_speech else None

    def push(self, prob: float, frame_start: int) -> SpeechBoundary | None:
        """Feed the probability of the frame starting at sample ``frame_start``."""
        cfg = self._cfg
        if not self._in_speech:
            if self._candidate_start is None:
                if prob >= cfg.onset_threshold:
                    self._candidate_start = frame_start
                    self._run = 1
            elif prob >= cfg.offset_threshold:
                self._run += 1
            else:
                self._candidate_start = None
                self._run = 0
            if self._candidate_start is not None and self._run >= self._min_speech_frames:
                self._in_speech = True
                self._speech_start = self._candidate_start
                self._candidate_start = None
                self._silence_start = None
                return SpeechStart(self._speech_start)
            return None
        if prob >= cfg.onset_threshold or (prob >= cfg.offset_threshold and self._silence_start is None):
            self._silence_start = None
            return None
        # below offset_threshold, or between the thresholds while a silence is pending: silence
        if self._silence_start is None:
            self._silence_start = frame_start
            self._run = 0
        self._run += 1
        if self._run < self._min_silence_frames:
            return None
        end = self._silence_start
        self._in_speech = False
        self._silence_start = None
        self._run = 0
        return SpeechEnd(self._speech_start, end)

    def flush(self, end_sample: int) -> SpeechEnd | None:
        """Close an open segment at the end of the call (at ``end_sample`` or where silence began)."""
        if not self._in_speech:
            return None
        end = self._silence_start if self._silence_start is not None else end_sample
        self._in_speech = False
        self._silence_start = None
        return SpeechEnd(self._speech_start, end)
