"""Constants of the call store's schema (the tables themselves: :mod:`coach.store.migrations`)."""

from __future__ import annotations

LEVEL_RANK = {"calm": 0, "tense": 1, "escalated": 2}
"""Order of the customer's escalation levels; ``peak_rank`` is -1 while none was reported."""
