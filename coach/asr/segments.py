"""Offline speech segments for whole-file work (``coach transcribe``, benchmarks, tests).

The one place the ASR package depends on a VAD: the project's own Silero VAD and hysteresis
segmenter (:func:`coach.vad.speech_map.speech_segments`), so whole-file transcription sees the same
segments as live analysis. Callers only see ``[(start, end), ...]`` in samples at 16 kHz.
"""

from __future__ import annotations

import numpy as np

from coach.vad.config import VadConfig


def vad_config() -> VadConfig:
    """The VAD settings used for offline segments (the project defaults)."""
    return VadConfig()


def speech_segments(pcm: np.ndarray, cfg: VadConfig | None = None) -> list[tuple[int, int]]:
    """Speech stretches ``[start, end)`` in samples of mono float32 audio at 16 kHz (unpadded)."""
    from coach.vad.speech_map import speech_segments as vad_segments

    audio = np.asarray(pcm, dtype=np.float32)
    if len(audio) == 0:
        return []
    return [(int(s), int(e)) for s, e in vad_segments(audio, cfg or vad_config())]


def detection_delays_s(cfg: VadConfig | None = None) -> tuple[float, float]:
    """How long after a speech start / end the streaming VAD reports it, in seconds."""
    cfg = cfg or vad_config()
    return cfg.min_speech_ms / 1000, cfg.min_silence_ms / 1000


def speech_fraction(segments: list[tuple[int, int]], start: int, end: int) -> float:
    """Share of ``[start, end)`` covered by ``segments`` (0 for an empty span)."""
    if end <= start:
        return 0.0
    covered = sum(max(0, min(e, end) - max(s, start)) for s, e in segments)
    return min(1.0, covered / (end - start))
