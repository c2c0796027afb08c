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
    """Delivery (``coach/nudges/policy.py``): one nudge on screen for ``display_s`` seconds, then a quiet
    ``min_gap_s`` (not for a high moment or a condition still going on); a one-shot moment (a language
    rule's) waits at most ``max_wait_s`` for the screen (at least ``display_s`` + ``min_gap_s``, so one
    found as another nudge appears is listed under it and shown when it frees), an ongoing one as long as
    its detector refreshes it (at least every ``ongoing_refresh_s``); up to ``also_max`` waiting moments
    listed under the nudge on screen; a kind shown before is worded with ``repeat_prefix``; a nudge keeps
    the screen at least ``min_display_s`` (from when it was shown or a part joined it), then a high moment
    replaces a high nudge of another kind, and any waiting moment replaces a nudge whose moments are over (a
    phrase, a condition that ended). Times are seconds of call audio."""

    display_s: float = 6.0
    min_gap_s: float = 3.0
    max_wait_s: float = 9.0
    ongoing_refresh_s: float = 2.0
    min_display_s: float = 2.5
    also_max: int = 2
    repeat_prefix: str = "Again: "
    boost_when_escalated: tuple[str, ...] = (
        "pause_and_breathe",
        "avoid_calm_down",
        "acknowledge_feelings",
        "mirror_complaint",
        "positive_language",
    )
    texts: dict[str, NudgeText] = field(default_factory=_default_texts)

    def __post_init__(self) -> None:
        if min(self.display_s, self.max_wait_s, self.ongoing_refresh_s) <= 0 or self.min_gap_s < 0:
            raise ConfigError("nudges: display_s, max_wait_s and ongoing_refresh_s must be > 0, min_gap_s >= 0")
        if not 0 <= self.min_display_s <= self.display_s:
            raise ConfigError("nudges: need 0 <= min_display_s <= display_s")
        if not 0 <= self.also_max <= 2:
            raise ConfigError("nudges: also_max must be 0, 1 or 2")
