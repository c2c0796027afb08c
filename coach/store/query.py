"""Filters of the call list (``GET /api/calls``) and their SQL.

Values are validated here so that the API can turn a :class:`QueryError` into a 400 answer; the SQL
only ever receives them as bound parameters. The SQL is the store's (``?`` placeholders); what is
spelt differently per database (JSON access, case-insensitive ``LIKE``) comes from the backend.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from coach.store.backend import StoreBackend
from coach.store.schema import LEVEL_RANK

_KIND = re.compile(r"^[a-z][a-z0-9_]{0,40}$")
STATUSES = ("live", "complete", "incomplete")
MAX_LIMIT = 500


class QueryError(ValueError):
    """A filter value is malformed; the message names the parameter and what is expected."""


@dataclass(frozen=True, kw_only=True)
class CallQuery:
    """Which calls to list. Dates are UTC days, inclusive; ``q`` matches the call id, the agent id or
    the words of a final transcript line; ``peak`` is a level name or ``none`` (no escalation data)."""

    agent: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    peak: str | None = None
    nudge: str | None = None
    status: str | None = None
    q: str | None = None
    limit: int = 100
    offset: int = 0

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> CallQuery:
        """Build from URL query parameters (empty values mean "no filter"); raise :class:`QueryError`."""
        known = {"agent", "from", "to", "peak", "nudge", "status", "q", "limit", "offset"}
        unknown = sorted(set(params) - known - {"token"})
        if unknown:
            raise QueryError(f"unknown parameter(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        get = {k: v.strip() for k, v in params.items() if v.strip()}
        peak = get.get("peak")
        if peak is not None and peak not in (*LEVEL_RANK, "none"):
            raise QueryError("peak must be calm, tense, escalated or none")
        nudge = get.get("nudge")
        if nudge is not None and not _KIND.match(nudge):
            raise QueryError("nudge must be a nudge kind such as stop_interrupting")
        status = get.get("status")
        if status is not None and status not in STATUSES:
            raise QueryError(f"status must be one of {', '.join(STATUSES)}")
        for name in ("agent", "q"):
            if len(get.get(name, "")) > 200:
                raise QueryError(f"{name} is too long (200 characters at most)")
        return cls(
            agent=get.get("agent"),
            date_from=_day(get, "from"),
            date_to=_day(get, "to"),
            peak=peak,
            nudge=nudge,
            status=status,
            q=get.get("q"),
            limit=_int(get, "limit", 100, 1, MAX_LIMIT),
            offset=_int(get, "offset", 0, 0, 10**9),
        )

    def where(self, backend: StoreBackend | None = None) -> tuple[str, list[Any]]:
        """The ``WHERE`` clause (without the keyword; ``1 = 1`` when no filter) and its parameters, in
        ``backend``'s SQL (default: SQLite's). ``q`` matches case-insensitively on both databases."""
        if backend is None:
            from coach.store.sqlite import SQLiteBackend

            backend = SQLiteBackend(":memory:")
        clauses: list[str] = []
        params: list[Any] = []
        if self.agent:
            clauses.append("agent_id = ?")
            params.append(self.agent)
        if self.date_from:
            clauses.append("started_at >= ?")
            params.append(_epoch(self.date_from))
        if self.date_to:
            clauses.append("started_at < ?")
            params.append(_epoch(self.date_to + timedelta(days=1)))
        if self.peak == "none":
            clauses.append("peak_rank < 0")
        elif self.peak:
            clauses.append("peak_rank = ?")
            params.append(LEVEL_RANK[self.peak])
        if self.nudge:
            clauses.append(backend.json_has_key("calls.nudges"))
            params.append(self.nudge)
        if self.status:
            clauses.append("status = ?")
            params.append(self.status)
        if self.q:
            pattern = "%" + self.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            match = f"{backend.like} ? ESCAPE '\\'"
            clauses.append(
                f"(id {match} OR agent_id {match} OR EXISTS (SELECT 1 FROM events e WHERE e.call_id = calls.id"
                f" AND e.type = 'transcript' AND {backend.json_text('e.data', 'text')} {match}))"
            )
            params.extend([pattern, pattern, pattern])
        return (" AND ".join(clauses) or "1 = 1"), params


def _day(params: Mapping[str, str], name: str) -> date | None:
    value = params.get(name)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"{name} must be a date as YYYY-MM-DD, not {value!r}") from None


def _int(params: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    value = params.get(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise QueryError(f"{name} must be a whole number, not {value!r}") from None
    if not low <= number <= high:
        raise QueryError(f"{name} must be between {low} and {high}")
    return number


def _epoch(day: date) -> float:
    return datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()
