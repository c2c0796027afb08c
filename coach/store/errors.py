"""The call store's error type (its own module so every backend can raise it)."""

from __future__ import annotations

from coach.errors import CoachError


class StoreError(CoachError):
    """The call store cannot be opened or written; the message says where and why."""
