"""The nudge budget: which candidate nudges reach the agent, and when.

Rules, in order: a moment never fires twice; each kind waits out its own cooldown; at most one
nudge is on screen (for ``display_s``) and the screen then stays quiet for ``min_gap_s``, unless the
new nudge is more severe than the last one, which it then replaces. A nudge that arrives while the
screen is busy or quiet waits (at most ``max_wait_s``) and is shown as soon as the screen frees up;
one that waits too long is dropped. Everything dropped is counted by reason, never silently lost.
Pure and synchronous; positions are samples at 16 kHz. Call :meth:`offer` once per frame.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from coach.config import NudgePolicyConfig
from coach.nudges.catalogue import NudgeCatalogue
from coach.types import SAMPLE_RATE, SEVERITY_RANK, Event, Nudge, seconds_to_samples


@dataclass
class _Waiting:
    nudge: Nudge
    since: int


@dataclass
class NudgePolicy:
    """Decides, as call audio advances, which nudges to show."""

    cfg: NudgePolicyConfig
    catalogue: NudgeCatalogue
    fired: Counter[str] = field(default_factory=Counter)
    held_back: Counter[str] = field(default_factory=Counter)
    _seen: set[str] = field(default_factory=set)
    _waiting: list[_Waiting] = field(default_factory=list)
    _last_by_kind: dict[str, int] = field(default_factory=dict)
    _showing: Nudge | None = None
    _showing_until: int = -1

    def offer(self, nudges: list[Nudge], now: int) -> list[Event]:
        """Offer the candidates found at sample ``now`` (maybe none); return the ``nudge`` events to show."""
        if not nudges and not self._waiting:
            return []
        for nudge in nudges:
            if nudge.moment in self._seen:
                self.held_back["repeat"] += 1
                continue
            self._seen.add(nudge.moment)
            self._waiting.append(_Waiting(nudge, now))
        max_wait = seconds_to_samples(self.cfg.max_wait_s)
        out: list[Event] = []
        for waiting in sorted(self._waiting, key=lambda w: (-SEVERITY_RANK[w.nudge.severity], w.since)):
            reason = self._refusal(waiting.nudge, now)
            if reason is None:
                out.append(self._show(waiting.nudge, now))
            elif reason == "cooldown" or now - waiting.since >= max_wait:
                self.held_back[reason] += 1
            else:
                continue
            self._waiting.remove(waiting)
        return out

    def _show(self, nudge: Nudge, now: int) -> Event:
        self._showing = nudge
        self._showing_until = now + seconds_to_samples(self.cfg.display_s)
        self._last_by_kind[nudge.kind] = now
        self.fired[nudge.kind] += 1
        return Event.at_samples(
            "nudge",
            nudge.start,
            now,
            kind=nudge.kind,
            text=nudge.text,
            severity=nudge.severity,
            evidence=dict(nudge.evidence),
            expires=round(self._showing_until / SAMPLE_RATE, 3),
        )

    def _refusal(self, nudge: Nudge, now: int) -> str | None:
        last = self._last_by_kind.get(nudge.kind)
        if last is not None and now - last < seconds_to_samples(self.catalogue.cooldown_s(nudge.kind)):
            return "cooldown"
        outranks = (
            self._showing is not None
            and SEVERITY_RANK[nudge.severity] > SEVERITY_RANK[self._showing.severity]
        )
        if now < self._showing_until and not outranks:
            return "busy"
        if now < self._showing_until + seconds_to_samples(self.cfg.min_gap_s) and not outranks:
            return "gap"
        return None
