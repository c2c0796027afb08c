"""The nudge budget: which candidate nudges reach the agent.

Rules, in order: a moment never fires twice; each kind waits out its own cooldown; at most one
nudge is on screen (for ``display_s``) and the screen then stays quiet for ``min_gap_s``, unless the
new nudge is more severe than the last one, which it then replaces. Anything held back is counted by
reason, never silently lost. Pure and synchronous; positions are samples at 16 kHz.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from coach.config import NudgePolicyConfig
from coach.nudges.catalogue import NudgeCatalogue
from coach.types import SAMPLE_RATE, SEVERITY_RANK, Event, Nudge, seconds_to_samples


@dataclass
class NudgePolicy:
    """Decides, as call audio advances, which nudges to show."""

    cfg: NudgePolicyConfig
    catalogue: NudgeCatalogue
    fired: Counter[str] = field(default_factory=Counter)
    held_back: Counter[str] = field(default_factory=Counter)
    _seen: set[str] = field(default_factory=set)
    _last_by_kind: dict[str, int] = field(default_factory=dict)
    _showing: Nudge | None = None
    _showing_until: int = -1

    def offer(self, nudges: list[Nudge], now: int) -> list[Event]:
        """Offer the candidates found at sample ``now``; return the ``nudge`` events that pass."""
        out: list[Event] = []
        for nudge in sorted(nudges, key=lambda n: -SEVERITY_RANK[n.severity]):
            reason = self._refusal(nudge, now)
            self._seen.add(nudge.moment)
            if reason is not None:
                self.held_back[reason] += 1
                continue
            self._showing = nudge
            self._showing_until = now + seconds_to_samples(self.cfg.display_s)
            self._last_by_kind[nudge.kind] = now
            self.fired[nudge.kind] += 1
            out.append(
                Event.at_samples(
                    "nudge",
                    nudge.start,
                    now,
                    kind=nudge.kind,
                    text=nudge.text,
                    severity=nudge.severity,
                    evidence=dict(nudge.evidence),
                    expires=round(self._showing_until / SAMPLE_RATE, 3),
                )
            )
        return out

    def _refusal(self, nudge: Nudge, now: int) -> str | None:
        if nudge.moment in self._seen:
            return "repeat"
        last = self._last_by_kind.get(nudge.kind)
        if last is not None and now - last < seconds_to_samples(self.catalogue.cooldown_s(nudge.kind)):
            return "cooldown"
        outranks = self._showing is not None and SEVERITY_RANK[nudge.severity] > SEVERITY_RANK[self._showing.severity]
        if now < self._showing_until and not outranks:
            return "busy"
        if now < self._showing_until + seconds_to_samples(self.cfg.min_gap_s) and not outranks:
            return "gap"
        return None
