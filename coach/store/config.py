"""Settings of the call store (``[store]``).

One home for each setting: these defaults and ``coach/default_config.toml`` are checked against
each other by ``tests/test_config.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.errors import ConfigError


@dataclass(frozen=True, kw_only=True)
class StoreConfig:
    """The call store: one SQLite file, and one FLAC recording per call (``recordings_dir``, default
    ``recordings/`` beside the database). Pending writes are committed every ``flush_s`` seconds;
    ``retention_days`` deletes recordings of calls that started longer ago (0 keeps them)."""

    enabled: bool = True
    path: str = "~/.local/share/coach/calls.sqlite3"
    recordings_dir: str = ""
    retention_days: int = 90
    flush_s: float = 0.5
    queue_items: int = 50_000

    def __post_init__(self) -> None:
        if not self.path:
            raise ConfigError("store: path must not be empty")
        if self.retention_days < 0:
            raise ConfigError("store: retention_days must be >= 0 (0 keeps recordings forever)")
        if not 0 < self.flush_s <= 1.0:
            raise ConfigError("store: flush_s must be in (0, 1] (a crash may lose at most this much)")
        if self.queue_items < 100:
            raise ConfigError("store: queue_items must be >= 100")
