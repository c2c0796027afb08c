"""Settings of turn-taking (``[turns]``).

One home for each setting: these defaults and ``coach/default_config.toml`` are checked against
each other by ``tests/test_config.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.errors import ConfigError


@dataclass(frozen=True, kw_only=True)
class TurnConfig:
    """Turn-taking thresholds, in seconds."""

    backchannel_max_s: float = 1.0
    min_overlap_s: float = 0.3
    talkover_nudge_s: float = 1.2
    dead_air_s: float = 6.0
    monologue_max_pause_s: float = 2.0
    monologue_s: float = 45.0
    yield_grace_s: float = 0.2
    hold_default_s: float = 30.0
    hold_vague_s: float = 8.0
    hold_heard_s: float = 90.0
    hold_answer_s: float = 4.0
    hold_grace_s: float = 2.0
    hold_lead_s: float = 1.0

    def __post_init__(self) -> None:
        positive = ("backchannel_max_s", "dead_air_s", "monologue_s", "talkover_nudge_s")
        positive += ("hold_default_s", "hold_vague_s", "hold_heard_s", "hold_answer_s")
        for name in positive:
            if getattr(self, name) <= 0:
                raise ConfigError(f"turns: {name} must be > 0")
        for name in ("yield_grace_s", "hold_grace_s", "hold_lead_s"):
            if getattr(self, name) < 0:
                raise ConfigError(f"turns: {name} must be >= 0")
