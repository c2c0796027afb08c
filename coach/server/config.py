"""Settings of ``coach serve`` (``[server]``, ``[auth]``).

One home for each setting: these defaults and ``coach/default_config.toml`` are checked against
each other by ``tests/test_config.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from coach.errors import ConfigError
from coach.settings import require_positive, string_tuples


@dataclass(frozen=True, kw_only=True)
class ServerConfig:
    """``coach serve``: where it listens and how its queues are bounded (wall-clock seconds).

    ``call_queue_s``: audio of one call waiting for analysis; beyond it the oldest audio is dropped
    (policy ``drop-oldest``, counted, the gap analysed as silence). ``client_queue`` messages or
    ``client_max_lag_s`` seconds waiting for one browser; beyond either the client is disconnected
    with the reason. ``replay_dirs``: folders whose recordings ``POST /api/calls/replay`` may read.
    ``transcribe``: live calls get streaming ASR (``[asr]``), the transcript and the language nudges.
    ``analysis_batch_s``: a call's analysis runs once this much audio per lane is waiting (or a note
    or the end of the call arrives), so the VAD scores several frames per run; it delays the events
    by at most this much, never changes them (0: analyse every chunk as it comes).
    ``freeze_heap``: once the server has loaded and warmed up, the objects alive then (settings, models, the
    language rules' compiled tables: about 0.6 million) are kept out of later full garbage collections, each of
    which would otherwise walk them all with every thread of the process stopped (:mod:`coach.server.heap`); off by
    default: no gain measured on a quiet machine (docs/benchmarks.md, session 55).
    """

    host: str = "127.0.0.1"
    port: int = 8765
    analysis_threads: int = 1
    transcribe: bool = True
    call_queue_s: float = 5.0
    analysis_batch_s: float = 0.1
    client_queue: int = 1000
    client_max_lag_s: float = 10.0
    floor_interval_s: float = 0.1
    ended_linger_s: float = 30.0
    replay_dirs: tuple[str, ...] = (".",)
    dashboard_dir: str = ""
    freeze_heap: bool = False

    def __post_init__(self) -> None:
        string_tuples("server", self, "replay_dirs")
        if not 0 <= self.port <= 65535:
            raise ConfigError("server: port must be 0..65535")
        if self.analysis_threads < 1 or self.client_queue < 1:
            raise ConfigError("server: analysis_threads and client_queue must be >= 1")
        if not 0 <= self.analysis_batch_s < self.call_queue_s:
            raise ConfigError("server: analysis_batch_s must be >= 0 and below call_queue_s")
        require_positive("server", self, "call_queue_s", "client_max_lag_s", "floor_interval_s")


@dataclass(frozen=True, kw_only=True)
class TokenConfig:
    """One access token. ``role``: ``team_lead`` (floor, review, every agent page) or ``agent`` (only
    the page of ``agent_id``, and sending that agent's calls). ``expires``: ISO 8601 time, empty = never."""

    secret: str
    role: str
    agent_id: str = ""
    expires: str = ""

    def __post_init__(self) -> None:
        if len(self.secret) < 8:
            raise ConfigError("auth: a token secret must have at least 8 characters")
        if self.role not in ("team_lead", "agent"):
            raise ConfigError(f"auth: token role must be team_lead or agent, not {self.role!r}")
        if self.role == "agent" and not self.agent_id:
            raise ConfigError("auth: an agent token needs agent_id")
        if self.expires:
            try:
                datetime.fromisoformat(self.expires)
            except ValueError:
                raise ConfigError(f"auth: expires must be an ISO 8601 time, not {self.expires!r}") from None


def _default_tokens() -> dict[str, TokenConfig]:
    return {}


@dataclass(frozen=True, kw_only=True)
class AuthConfig:
    """Access tokens of ``coach serve``, by name (the name only labels the token in logs)."""

    tokens: dict[str, TokenConfig] = field(default_factory=_default_tokens)
