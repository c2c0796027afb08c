"""Whole-recording speech detection: the streaming VAD and segmenter run over one lane at once.

Used by tools that look at a finished recording (``coach transcribe``, the VAD agreement test);
live analysis goes through :class:`~coach.pipeline.analyzer.CallAnalyzer` instead, with the
same model and the same hysteresis, so both see the same segments.
"""

from __future__ import annotations

import numpy as np

from coach.types import FRAME_SAMPLES
from coach.vad.config import VadConfig
from coach.vad.segmenter import SpeechEnd, SpeechSegmenter
from coach.vad.silero import SileroLaneState, SileroModel, shared_model


def frame_probabilities(pcm: np.ndarray, model: SileroModel | None = None) -> np.ndarray:
    """Speech probability of each ``FRAME_SAMPLES`` frame of mono float32 ``pcm`` at 16 kHz (the last
    frame zero-padded), scored in one pass from a fresh lane state, as the live VAD scores them."""
    model = model or shared_model()
    n = -(-len(pcm) // FRAME_SAMPLES)
    padded = np.zeros(n * FRAME_SAMPLES, dtype=np.float32)
    padded[: len(pcm)] = pcm
    return model.score(SileroLaneState(), padded.reshape(n, FRAME_SAMPLES))


def speech_segments(pcm: np.ndarray, cfg: VadConfig, model: SileroModel | None = None) -> list[tuple[int, int]]:
    """Speech segments ``[(start, end), ...]`` in samples of mono float32 ``pcm`` at 16 kHz."""
    probs = frame_probabilities(pcm, model)
    segmenter = SpeechSegmenter(cfg)
    segments: list[tuple[int, int]] = []
    for i, p in enumerate(probs):
        boundary = segmenter.push(float(p), i * FRAME_SAMPLES)
        if isinstance(boundary, SpeechEnd):
            segments.append((boundary.start, boundary.end))
    last = segmenter.flush(len(pcm))
    if last is not None:
        segments.append((last.start, min(last.end, len(pcm))))
    return segments
