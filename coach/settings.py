"""Checks the configuration sections share in their ``__post_init__``, with one wording per error.

Each section's dataclass (``coach/*/config.py``) validates its own values; these helpers are the
checks several sections make, so that a bad value is reported the same way everywhere:
``section: name must be > 0``. They raise :class:`~coach.errors.ConfigError`.
"""

from __future__ import annotations

from coach.errors import ConfigError


def require_positive(section: str, settings: object, *names: str) -> None:
    """Each setting in ``names`` must be > 0 (durations, sizes, rates in the units their names say)."""
    for name in names:
        if getattr(settings, name) <= 0:
            raise ConfigError(f"{section}: {name} must be > 0")


def require_non_negative(section: str, settings: object, *names: str) -> None:
    """Each setting in ``names`` must be >= 0 (0 usually switches the behaviour off)."""
    for name in names:
        if getattr(settings, name) < 0:
            raise ConfigError(f"{section}: {name} must be >= 0")


def string_tuples(section: str, settings: object, *names: str) -> None:
    """Each setting in ``names`` must be a list (or tuple) of strings; it is stored as a tuple, so a
    frozen settings object built in code from a list stays hashable and unchangeable."""
    for name in names:
        value = getattr(settings, name)
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{section}: {name} must be a list of strings")
        object.__setattr__(settings, name, tuple(value))
