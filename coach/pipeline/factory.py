"""Builds a :class:`CallAnalyzer` with the stages a use needs, in one place.

``transcribe`` adds streaming ASR and the language nudges; ``live`` chooses threaded decoding (the
model works off the caller's thread, so a live call never waits for it) instead of the
deterministic inline decoding used for replaying files as fast as possible.
"""

from __future__ import annotations

import dataclasses

from coach.asr.stage import TranscriptionStage
from coach.config import CoachConfig
from coach.dsp.jit import prepare_librosa
from coach.pipeline.analyzer import CallAnalyzer


def build_analyzer(cfg: CoachConfig, *, call_id: str, transcribe: bool = True, live: bool = False) -> CallAnalyzer:
    """An analyser for one call. Loads each model once per process (later calls share it), and
    librosa's numba-compiled code before any audio arrives (:func:`coach.dsp.jit.prepare_librosa`)."""
    prepare_librosa()
    stage = None
    if transcribe:
        asr_cfg = dataclasses.replace(cfg.asr, mode="threaded" if live else cfg.asr.mode)
        stage = TranscriptionStage(asr_cfg)
    return CallAnalyzer(cfg, call_id=call_id, transcription=stage)
