"""The state of one live call as the floor page shows it, folded from the call's events.

:class:`CallTile` is a small reducer: :meth:`CallTile.apply` takes each event (``docs/events.md``
objects) in order and reports whether the tile changed and whether the call has just crossed into
``escalated`` (the floor's alert). Times are call-audio seconds except ``started_at`` (Unix seconds).
Pure and synchronous; the hub uses it on the event loop.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

LEVEL_RANK = {"calm": 0, "tense": 1, "escalated": 2}
SEVERITY_RANK = {"low": 0, "medium": 1, "high": 2}
TREND_WINDOW_S = 15.0
"""The escalation trend compares the score now with the score this many seconds of call audio ago."""
TREND_EPSILON = 0.05


@dataclass
class CallTile:
    """What the floor (and a newly opened agent page) needs to know about a call."""

    call_id: str
    agent_id: str
    source: str
    started_at: float
    status: str = "live"
    end_reason: str | None = None
    duration_s: float = 0.0
    level: str | None = None
    score: float | None = None
    trend: str = "steady"
    nudge: dict[str, Any] | None = None
    nudges: int = 0
    interruptions: dict[str, int] = field(default_factory=lambda: {"agent": 0, "customer": 0})
    speech_s: dict[str, float] = field(default_factory=lambda: {"agent": 0.0, "customer": 0.0})
    loudness_delta_db: float | None = None
    rate_wpm: float | None = None
    dropped_s: float = 0.0
    emitted: float = 0.0
    _scores: deque[tuple[float, float]] = field(default_factory=lambda: deque(maxlen=256), repr=False)

    def apply(self, event: dict[str, Any], emitted: float) -> tuple[bool, bool]:
        """Fold one event in; return ``(changed, crossed_into_escalated)``."""
        kind = event.get("type")
        at = _num(event.get("at"))
        changed = False
        if at is not None and at > self.duration_s:
            self.duration_s = at
            if self.nudge is not None and at >= _num(self.nudge.get("expires"), default=at):
                self.nudge = None
                changed = True
        crossed = False
        if kind == "nudge":
            self.nudge = {
                "kind": event.get("kind"),
                "text": event.get("text"),
                "severity": event.get("severity"),
                "reason": event.get("reason") or (event.get("evidence") or {}).get("reason"),
                "t": event.get("t"),
                "expires": event.get("expires"),
            }
            self.nudges += 1
            changed = True
        elif kind == "escalation":
            crossed = self._escalation(event, at or self.duration_s)
            changed = True
        elif kind == "overlap" and event.get("kind") == "interruption":
            by = event.get("by")
            if by in self.interruptions:
                self.interruptions[by] += 1
                changed = True
        elif kind == "speech":
            speaker, t, end = event.get("speaker"), _num(event.get("t")), _num(event.get("end"))
            if speaker in self.speech_s and t is not None and end is not None and end > t:
                self.speech_s[speaker] = round(self.speech_s[speaker] + end - t, 3)
                changed = True
        elif kind == "prosody" and event.get("speaker") == "agent":
            self.loudness_delta_db = _num(event.get("loudness_delta_db"))
            self.rate_wpm = _num(event.get("rate_wpm"), default=self.rate_wpm)
        elif kind == "stream" and event.get("kind") == "dropped":
            self.dropped_s = round(self.dropped_s + (_num(event.get("seconds")) or 0.0), 3)
            changed = True
        elif kind == "call.end":
            self.status = "ended"
            self.nudge = None
            changed = True
        if changed:
            self.emitted = emitted
        return changed, crossed

    def _escalation(self, event: dict[str, Any], at: float) -> bool:
        level = event.get("level")
        if level not in LEVEL_RANK:
            return False
        before = self.level
        self.level = str(level)
        score = _num(event.get("score"))
        self.score = score
        value = score if score is not None else LEVEL_RANK[self.level] / 2.0
        self._scores.append((at, value))
        past = next((v for t, v in self._scores if t >= at - TREND_WINDOW_S), value)
        delta = value - past
        self.trend = "rising" if delta > TREND_EPSILON else "falling" if delta < -TREND_EPSILON else "steady"
        return self.level == "escalated" and before != "escalated"

    @property
    def talk_ratio(self) -> dict[str, float]:
        total = sum(self.speech_s.values())
        return {k: round(v / total, 3) if total else 0.0 for k, v in self.speech_s.items()}

    @property
    def hot(self) -> float:
        """Sort key of the floor, hottest first: level, then score, then a nudge on screen, then interruptions."""
        rank = LEVEL_RANK.get(self.level or "", -1) + 1
        nudge = SEVERITY_RANK.get((self.nudge or {}).get("severity") or "", -1) + 1
        live = 1000 if self.status == "live" else 0
        return live + rank * 100 + (self.score or 0.0) * 50 + nudge * 5 + min(sum(self.interruptions.values()), 10)

    def to_json(self) -> dict[str, Any]:
        """The tile as sent to the pages."""
        return {
            "call_id": self.call_id,
            "agent_id": self.agent_id,
            "source": self.source,
            "started_at": self.started_at,
            "status": self.status,
            "end_reason": self.end_reason,
            "duration_s": round(self.duration_s, 3),
            "level": self.level,
            "score": round(self.score, 3) if self.score is not None else None,
            "trend": self.trend,
            "nudge": self.nudge,
            "nudges": self.nudges,
            "interruptions": dict(self.interruptions),
            "speech_s": dict(self.speech_s),
            "talk_ratio": self.talk_ratio,
            "loudness_delta_db": self.loudness_delta_db,
            "rate_wpm": self.rate_wpm,
            "dropped_s": self.dropped_s,
            "hot": round(self.hot, 3),
            "emitted": self.emitted,
        }


def _num(value: Any, default: float | None = None) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else default
