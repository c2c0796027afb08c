"""Per-call totals the call list filters on (duration, peak level, nudges by kind, interruptions).

Kept up to date from each event as it is stored, and recomputed from the stored events when a call
is closed by someone other than its writer (after a crash, or when its node is lost).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from coach.store.backend import StoreConnection
from coach.store.schema import LEVEL_RANK


@dataclass
class CallTotals:
    """``duration_s``: the latest event's ``at`` (call-audio seconds); ``peak_rank``: see :data:`LEVEL_RANK`."""

    duration_s: float = 0.0
    peak_rank: int = -1
    nudges: Counter[str] = field(default_factory=Counter)
    interruptions: int = 0

    def add(self, event: dict[str, Any]) -> None:
        """Count one event (an ``Event.to_dict()`` object)."""
        kind = event.get("type")
        at = event.get("at")
        if isinstance(at, int | float):
            self.duration_s = max(self.duration_s, float(at))
        if kind == "nudge":
            self.nudges[str(event.get("kind", "unknown"))] += 1
        elif kind == "escalation":
            self.peak_rank = max(self.peak_rank, LEVEL_RANK.get(str(event.get("level")), -1))
        elif kind == "overlap" and event.get("kind") == "interruption":
            self.interruptions += 1

    @property
    def peak_level(self) -> str | None:
        return level_name(self.peak_rank)

    def nudges_json(self) -> str:
        return json.dumps(dict(self.nudges))


def level_name(rank: int) -> str | None:
    """The level of ``rank`` in :data:`LEVEL_RANK`, or None (-1: no escalation data)."""
    for name, value in LEVEL_RANK.items():
        if value == rank:
            return name
    return None


def stored_totals(conn: StoreConnection, call_id: str) -> CallTotals:
    """The totals of every event stored for ``call_id``."""
    totals = CallTotals()
    for (data,) in conn.execute("SELECT data FROM events WHERE call_id = ? ORDER BY seq", (call_id,)):
        totals.add(json.loads(data))
    return totals
