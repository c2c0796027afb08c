"""Settings of the event bus between ``coach serve`` nodes (``[bus]``).

One home for each setting: these defaults and ``coach/default_config.toml`` are checked against
each other by ``tests/test_config.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.errors import ConfigError

FLOOR_DEADLINE_S = 5.0
"""A lost node's calls must show as incomplete on every floor within this many seconds."""


@dataclass(frozen=True, kw_only=True)
class BusConfig:
    """How the nodes of one site share their live calls (wall-clock seconds).

    ``url``: empty keeps everything in this process (one node, the default); ``redis://host:port/db``
    publishes this node's call events to a Redis stream that every node reads, so any node serves
    every page. ``prefix`` names the stream and keys (one site per prefix). ``stream_maxlen``: entries
    the stream keeps (approximately; older ones are trimmed). ``outbox``: records waiting to be
    written to Redis; beyond it the oldest are dropped and counted. Each node refreshes its heartbeat
    every ``heartbeat_s``; a node not heard from for ``node_lost_s`` is lost and its calls shown
    ended incomplete (detected within ``node_lost_s + heartbeat_s``, which must stay under 5 s).
    """

    url: str = ""
    prefix: str = "coach"
    stream_maxlen: int = 100_000
    outbox: int = 10_000
    heartbeat_s: float = 1.0
    node_lost_s: float = 3.0

    def __post_init__(self) -> None:
        if self.url and not self.url.startswith(("redis://", "rediss://", "unix://")):
            raise ConfigError("bus: url must be empty (one node) or redis://host:port/db")
        if not self.prefix or any(c in self.prefix for c in " {}"):
            raise ConfigError("bus: prefix must be a non-empty name without spaces or braces")
        if self.stream_maxlen < 1000 or self.outbox < 100:
            raise ConfigError("bus: stream_maxlen must be >= 1000 and outbox >= 100")
        if not 0 < self.heartbeat_s < self.node_lost_s:
            raise ConfigError("bus: heartbeat_s must be > 0 and shorter than node_lost_s")
        if self.node_lost_s + self.heartbeat_s >= FLOOR_DEADLINE_S:
            raise ConfigError(
                f"bus: node_lost_s + heartbeat_s must be under {FLOOR_DEADLINE_S:g} s "
                "(a lost node's calls are shown incomplete within that)"
            )
