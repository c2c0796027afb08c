"""Settings of the call store (``[store]``).

One home for each setting: these defaults and ``coach/default_config.toml`` are checked against
each other by ``tests/test_config.py``.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from coach.errors import ConfigError

URL_SCHEMES = ("postgresql://", "postgres://")


@dataclass(frozen=True, kw_only=True)
class StoreConfig:
    """The call store: call metadata and events in a database, one FLAC recording per call.

    ``url`` empty: one SQLite file at ``path`` (this machine only); ``postgresql://user@host:port/db``:
    a PostgreSQL database that several coach servers (nodes) share. ``recordings_dir`` (default
    ``recordings/`` beside the SQLite file) must be a folder every node reaches when ``url`` is set.
    ``node_id`` names this node on its calls (empty: the host name). Pending writes are committed
    every ``flush_s`` seconds; ``retention_days`` deletes recordings of calls that started longer ago
    (0 keeps them)."""

    enabled: bool = True
    url: str = ""
    path: str = "~/.local/share/coach/calls.sqlite3"
    recordings_dir: str = ""
    node_id: str = ""
    retention_days: int = 90
    flush_s: float = 0.5
    queue_items: int = 50_000

    def __post_init__(self) -> None:
        if self.url and not self.url.startswith(URL_SCHEMES):
            raise ConfigError("store: url must be empty (SQLite at path) or postgresql://user@host:port/database")
        if self.url and not self.recordings_dir:
            raise ConfigError(
                "store: recordings_dir must be set when url is set (a folder every node can reach, e.g. an NFS mount)"
            )
        if not self.url and not self.path:
            raise ConfigError("store: path must not be empty")
        if len(self.node_id) > 100 or any(c.isspace() for c in self.node_id):
            raise ConfigError("store: node_id must be at most 100 characters, without spaces")
        if self.retention_days < 0:
            raise ConfigError("store: retention_days must be >= 0 (0 keeps recordings forever)")
        if not 0 < self.flush_s <= 1.0:
            raise ConfigError("store: flush_s must be in (0, 1] (a crash may lose at most this much)")
        if self.queue_items < 100:
            raise ConfigError("store: queue_items must be >= 100")

    @property
    def node(self) -> str:
        """This node's name on its calls and heartbeats: ``node_id``, or the host name when empty."""
        return self.node_id or socket.gethostname()

    @property
    def where(self) -> str:
        """Where the store is, for messages: the SQLite path, or the URL without password and options."""
        return redact_url(self.url) if self.url else self.path


def redact_url(url: str) -> str:
    """A database URL without its password and options (for messages and logs)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}@" if parts.username else ""
    return urlunsplit((parts.scheme, user + host, parts.path, "", ""))
