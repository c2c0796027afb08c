"""Settings of nudge wording and delivery (``[nudges]``).

One home for each setting: these defaults and ``coach/default_config.toml`` are checked against
each other by ``tests/test_config.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.errors import ConfigError


@dataclass(frozen=True, kw_only=True)
class NudgeText:
    """What the agent reads (``text``, a few words) and why (``reason``, with ``{field}``s from evidence)."""

    text: str
    reason: str
    severity: str = "medium"
    cooldown_s: float = 30.0

    def __post_init__(self) -> None:
        if self.severity not in ("low", "medium", "high"):
            raise ConfigError(f"nudge severity must be low, medium or high, not {self.severity!r}")


def _default_texts() -> dict[str, NudgeText]:
    return {}


@dataclass(frozen=True, kw_only=True)
class NudgePolicyConfig:
    """The budget: one nudge on screen at a time, a quiet gap after it, a cooldown per kind."""

    display_s: float = 6.0
    min_gap_s: float = 3.0
    max_wait_s: float = 3.0
    boost_when_escalated: tuple[str, ...] = (
        "pause_and_breathe",
        "avoid_calm_down",
        "acknowledge_feelings",
        "mirror_complaint",
        "positive_language",
    )
    texts: dict[str, NudgeText] = field(default_factory=_default_texts)
