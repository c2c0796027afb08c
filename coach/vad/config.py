"""Settings of the voice activity detector (``[vad]``).

One home for each setting: these defaults and ``coach/default_config.toml`` are checked against
each other by ``tests/test_config.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.errors import ConfigError
from coach.settings import require_non_negative, require_positive


@dataclass(frozen=True, kw_only=True)
class VadConfig:
    """Silero VAD hysteresis and the per-lane level gate (:mod:`coach.vad.gate`). Probabilities are
    per 32 ms frame; durations in milliseconds unless the name says ``_s``; levels in dB."""

    onset_threshold: float = 0.5
    offset_threshold: float = 0.35
    min_speech_ms: int = 160
    min_silence_ms: int = 500
    level_gate_db: float = 15.0
    level_gate_percentile: float = 75.0
    level_gate_envelope_ms: int = 320
    level_gate_history_s: float = 20.0
    level_gate_min_s: float = 1.0
    level_gate_asr_db: float = 40.0
    level_assist_db: float = 10.0
    level_assist_min_prob: float = 0.25

    def __post_init__(self) -> None:
        if not 0.0 < self.offset_threshold <= self.onset_threshold < 1.0:
            raise ConfigError("vad: need 0 < offset_threshold <= onset_threshold < 1")
        if self.min_speech_ms < 0 or self.min_silence_ms < 0:
            raise ConfigError("vad: min_speech_ms and min_silence_ms must be >= 0")
        if not 0 < self.level_gate_percentile <= 100 or self.level_gate_envelope_ms < 32:
            raise ConfigError("vad: need 0 < level_gate_percentile <= 100 and level_gate_envelope_ms >= 32")
        if not 0 < self.level_assist_min_prob <= self.offset_threshold:
            raise ConfigError("vad: need 0 < level_assist_min_prob <= offset_threshold")
        require_non_negative("vad", self, "level_gate_asr_db")
        require_positive("vad", self, "level_gate_history_s", "level_gate_min_s")
