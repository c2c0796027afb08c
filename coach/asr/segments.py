"""Offline speech segments for whole-file work (``coach transcribe``, benchmarks, tests).

The one place the ASR package depends on a VAD: for now faster-whisper's bundled Silero
(``faster_whisper.vad.get_speech_timestamps``). Swap the body of :func:`speech_segments` for
``coach.vad`` once it exists; callers only see ``[(start, end), ...]`` in samples at 16 kHz.
"""

from __future__ import annotations

import numpy as np

from coach.types import SAMPLE_RATE


def speech_segments(pcm: np.ndarray, *, threshold: float = 0.5, min_silence_ms: int = 500,
                    min_speech_ms: int = 150, pad_ms: int = 100,
                    max_speech_s: float = float("inf")) -> list[tuple[int, int]]:
    """Speech stretches ``[start, end)`` in samples of mono float32 audio at 16 kHz.

    Pauses shorter than ``min_silence_ms`` stay inside a segment; segments shorter than
    ``min_speech_ms`` are dropped; each side is padded by ``pad_ms``; a segment longer than
    ``max_speech_s`` is split at its last pause before that length.
    """
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    audio = np.asarray(pcm, dtype=np.float32)
    if len(audio) == 0:
        return []
    options = VadOptions(threshold=threshold, min_silence_duration_ms=min_silence_ms,
                         min_speech_duration_ms=min_speech_ms, speech_pad_ms=pad_ms,
                         max_speech_duration_s=max_speech_s)
    stamps = get_speech_timestamps(audio, options, sampling_rate=SAMPLE_RATE)
    return [(int(s["start"]), int(s["end"])) for s in stamps]


def speech_fraction(segments: list[tuple[int, int]], start: int, end: int) -> float:
    """Share of ``[start, end)`` covered by ``segments`` (0 for an empty span)."""
    if end <= start:
        return 0.0
    covered = sum(max(0, min(e, end) - max(s, start)) for s, e in segments)
    return min(1.0, covered / (end - start))
