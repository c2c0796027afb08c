"""Settings of the prosody tracker (``[prosody]``, ``[raised_voice]``).

One home for each setting: these defaults and ``coach/default_config.toml`` are checked against
each other by ``tests/test_config.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.errors import ConfigError


@dataclass(frozen=True, kw_only=True)
class ProsodyConfig:
    """Loudness and pitch against each speaker's own baseline. Seconds count speech only."""

    window_s: float = 1.0
    report_every_s: float = 1.0
    speech_floor_dbfs: float = -55.0
    baseline_min_own_s: float = 2.0
    baseline_history_s: float = 120.0
    baseline_reject_above_db: float = 5.0
    agent_prior_dbfs: float = -26.0
    agent_prior_weight_s: float = 2.0
    agent_prior_margin_db: float = 11.0
    agent_prior_release_s: float = 20.0
    remembered_weight_s: float = 20.0
    remembered_memory_s: float = 600.0
    pitch_fmin_hz: float = 70.0
    pitch_fmax_hz: float = 400.0
    voiced_correlation: float = 0.5
    agent_opening_min_turns: int = 3
    agent_opening_louder_db: float = 3.0

    def __post_init__(self) -> None:
        if self.agent_opening_min_turns < 1 or self.agent_opening_louder_db < 0:
            raise ConfigError("prosody: need agent_opening_min_turns >= 1 and agent_opening_louder_db >= 0")
        if self.window_s <= 0 or self.report_every_s <= 0 or self.baseline_min_own_s <= 0:
            raise ConfigError("prosody: window_s, report_every_s and baseline_min_own_s must be > 0")
        if self.baseline_history_s < self.report_every_s or self.baseline_reject_above_db <= 0:
            raise ConfigError("prosody: need baseline_history_s >= report_every_s and baseline_reject_above_db > 0")
        if self.agent_prior_weight_s < 0 or self.remembered_weight_s < 0 or self.remembered_memory_s <= 0:
            raise ConfigError("prosody: prior weights must be >= 0 and remembered_memory_s > 0")
        if not 0 < self.pitch_fmin_hz < self.pitch_fmax_hz < 2000:
            raise ConfigError("prosody: need 0 < pitch_fmin_hz < pitch_fmax_hz < 2000")


@dataclass(frozen=True, kw_only=True)
class RaisedVoiceConfig:
    """When the agent counts as clearly louder / higher than their own baseline."""

    loudness_delta_db: float = 6.0
    combined_loudness_delta_db: float = 4.0
    combined_pitch_delta_st: float = 3.0
    combined_word_s: float = 0.2
    combined_rest_delta_db: float = 2.0
    own_loudness_delta_db: float = 7.0
    stay_below_db: float = 2.0
    sustain_s: float = 0.5
    end_after_pause_s: float = 1.0

    def __post_init__(self) -> None:
        if self.own_loudness_delta_db < self.loudness_delta_db:
            raise ConfigError("raised_voice: own_loudness_delta_db must be >= loudness_delta_db")
        if self.combined_word_s < 0 or self.combined_rest_delta_db > self.combined_loudness_delta_db:
            raise ConfigError("raised_voice: need combined_word_s >= 0 and combined_rest <= combined_loudness_delta_db")
        if not 0 <= self.stay_below_db < self.loudness_delta_db:
            raise ConfigError("raised_voice: need 0 <= stay_below_db < loudness_delta_db")
