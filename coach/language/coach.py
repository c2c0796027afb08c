"""The language coach of one call: transcript finals in, language nudges out.

Pure and synchronous. Call from one thread, in call order: :meth:`LanguageCoach.push` with every
transcript event dict (partials and other events are ignored), :meth:`~LanguageCoach.tick` with the
call position now and then (timers: closing wait, expiry), :meth:`~LanguageCoach.set_customer_upset`
whenever the escalation model's level changes. Every nudge's ``moment`` is unique within the call
("<utterance id>:<kind>"); a moment is never returned twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coach.language.closing import ClosingRule
from coach.language.config import LanguageConfig, load_language_config
from coach.language.listening import UPSET_LEVELS, AcknowledgeFeelingsRule, MirrorComplaintRule
from coach.language.pace import SlowDownRule
from coach.language.phrasing import CalmDownRule, OverApologizingRule, PositiveLanguageRule
from coach.language.utterance import Utterance
from coach.types import Nudge

AGENT = "agent"
CUSTOMER = "customer"


class LanguageCoach:
    """One call's language rules (see module docstring)."""

    def __init__(self, config: LanguageConfig | None = None) -> None:
        self.config = config or load_language_config()
        self.reset()

    def reset(self) -> None:
        """Forget the call (new call, same config)."""
        c = self.config
        self._positive = PositiveLanguageRule(c.positive_language)
        self._calm = CalmDownRule(c.avoid_calm_down)
        self._apology = OverApologizingRule(c.over_apologizing)
        self._mirror = MirrorComplaintRule(c.mirror_complaint)
        self._ack = AcknowledgeFeelingsRule(c.acknowledge_feelings)
        self._pace = SlowDownRule(c.slow_down)
        self._closing = ClosingRule(c.check_anything_else)
        self._moments: set[str] = set()

    @property
    def customer_upset(self) -> str:
        """The current upset level (calm | tense | escalated)."""
        return self._ack.level

    def set_customer_upset(self, level: str) -> None:
        """Customer upset level from the escalation model: one of calm, tense, escalated."""
        if level not in UPSET_LEVELS:
            raise ValueError(f"upset level must be one of {UPSET_LEVELS}, got {level!r}")
        self._ack.set_level(level)

    def push(self, event: Mapping[str, Any]) -> list[Nudge]:
        """Feed one transcript event dict; returns the nudges it triggers (finals only)."""
        if event.get("type", "transcript") != "transcript" or not event.get("final"):
            return []
        u = Utterance.from_event(event)
        if not u.text.strip():
            return []
        if u.speaker == AGENT:
            found = (
                self._calm.on_agent(u)
                + self._positive.on_agent(u)
                + self._apology.on_agent(u)
                + self._mirror.on_agent(u)
                + self._ack.on_agent(u)
                + self._pace.on_agent(u)
                + self._closing.on_agent(u)
            )
        elif u.speaker == CUSTOMER:
            found = self._mirror.on_customer(u) + self._ack.on_customer(u) + self._closing.on_customer(u)
        else:
            return []
        return self._fresh(found)

    def tick(self, now_sample: int) -> list[Nudge]:
        """Advance timers to call position ``now_sample``; returns nudges that came due."""
        self._mirror.tick(now_sample)
        self._ack.tick(now_sample)
        return self._fresh(self._closing.tick(now_sample))

    def _fresh(self, nudges: list[Nudge]) -> list[Nudge]:
        out = []
        for n in nudges:
            if n.moment not in self._moments:
                self._moments.add(n.moment)
                out.append(n)
        return out
