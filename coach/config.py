"""Configuration: frozen keyword-only dataclasses loaded from one TOML file.

``coach/default_config.toml`` documents every key with its default. A user file passed with
``--config`` overrides any subset of it; an unknown section or key is an error, so a typo never
silently falls back to a default. :func:`load_config` is the only loader.
"""

from __future__ import annotations

import dataclasses
import tomllib
import types
import typing
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

from coach.asr.config import AsrConfig
from coach.classify.escalation import EscalationConfig
from coach.errors import ConfigError
from coach.language.config import LanguageConfig, load_language_config
from coach.tables import merge_tables


@dataclass(frozen=True, kw_only=True)
class VadConfig:
    """Silero VAD hysteresis. Probabilities are per 32 ms frame; durations in milliseconds."""

    onset_threshold: float = 0.5
    offset_threshold: float = 0.35
    min_speech_ms: int = 160
    min_silence_ms: int = 500

    def __post_init__(self) -> None:
        if not 0.0 < self.offset_threshold <= self.onset_threshold < 1.0:
            raise ConfigError("vad: need 0 < offset_threshold <= onset_threshold < 1")
        if self.min_speech_ms < 0 or self.min_silence_ms < 0:
            raise ConfigError("vad: min_speech_ms and min_silence_ms must be >= 0")


@dataclass(frozen=True, kw_only=True)
class ProsodyConfig:
    """Loudness and pitch against each speaker's own baseline. Seconds count speech only."""

    window_s: float = 1.0
    report_every_s: float = 1.0
    speech_floor_dbfs: float = -55.0
    baseline_learn_s: float = 6.0
    baseline_adapt_s: float = 120.0
    pitch_fmin_hz: float = 70.0
    pitch_fmax_hz: float = 400.0
    voiced_correlation: float = 0.5

    def __post_init__(self) -> None:
        if self.window_s <= 0 or self.report_every_s <= 0 or self.baseline_learn_s <= 0:
            raise ConfigError("prosody: window_s, report_every_s and baseline_learn_s must be > 0")
        if not 0 < self.pitch_fmin_hz < self.pitch_fmax_hz < 2000:
            raise ConfigError("prosody: need 0 < pitch_fmin_hz < pitch_fmax_hz < 2000")


@dataclass(frozen=True, kw_only=True)
class TurnConfig:
    """Turn-taking thresholds, in seconds."""

    backchannel_max_s: float = 1.0
    min_overlap_s: float = 0.4
    talkover_nudge_s: float = 1.5
    dead_air_s: float = 6.0
    monologue_max_pause_s: float = 2.0
    monologue_s: float = 45.0

    def __post_init__(self) -> None:
        for name in ("backchannel_max_s", "dead_air_s", "monologue_s", "talkover_nudge_s"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"turns: {name} must be > 0")


@dataclass(frozen=True, kw_only=True)
class RaisedVoiceConfig:
    """When the agent counts as clearly louder / higher than their own baseline."""

    loudness_delta_db: float = 6.0
    combined_loudness_delta_db: float = 3.0
    combined_pitch_delta_st: float = 2.5
    sustain_s: float = 1.0


@dataclass(frozen=True, kw_only=True)
class NudgeText:
    """What the agent reads (``text``, a few words) and why (``reason``, with ``{field}``s from evidence)."""

    text: str
    reason: str
    severity: str = "medium"
    cooldown_s: float = 30.0

    def __post_init__(self) -> None:
        if self.severity not in ("low", "medium", "high"):
            raise ConfigError(f"nudge severity must be low, medium or high, not {self.severity!r}")


def _default_texts() -> dict[str, NudgeText]:
    return {}


@dataclass(frozen=True, kw_only=True)
class NudgePolicyConfig:
    """The budget: one nudge on screen at a time, a quiet gap after it, a cooldown per kind."""

    display_s: float = 6.0
    min_gap_s: float = 3.0
    max_wait_s: float = 3.0
    boost_when_escalated: tuple[str, ...] = ()
    texts: dict[str, NudgeText] = field(default_factory=_default_texts)


@dataclass(frozen=True, kw_only=True)
class TelephonyConfig:
    """Telephony ingest (``coach/telephony``): who is the agent, who may connect, size limits, timeouts.

    Durations in seconds unless the name says ``_ms``; sizes in bytes. Empty credentials with
    ``allow_unauthenticated = false`` refuse every Twilio and AudioHook connection.
    """

    agent_track: str = "outbound"
    default_agent_id: str = "unassigned"
    allow_unauthenticated: bool = False
    twilio_auth_tokens: tuple[str, ...] = ()
    twilio_public_url: str = ""
    audiohook_org_id: str = ""
    audiohook_api_keys: tuple[str, ...] = ()
    audiosocket_allowed_hosts: tuple[str, ...] = ("127.0.0.1", "::1")
    audiosocket_port: int = 0
    max_message_bytes: int = 65_536
    max_audiosocket_payload_bytes: int = 16_384
    start_timeout_s: float = 5.0
    idle_timeout_s: float = 10.0
    reconnect_window_s: float = 10.0
    reorder_window_ms: int = 200
    lane_skew_ms: int = 1000
    timestamp_tolerance_ms: int = 10
    max_gap_s: float = 120.0

    def __post_init__(self) -> None:
        for name in ("twilio_auth_tokens", "audiohook_api_keys", "audiosocket_allowed_hosts"):
            value = getattr(self, name)
            if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"telephony: {name} must be a list of strings")
            object.__setattr__(self, name, tuple(value))
        if self.agent_track not in ("inbound", "outbound"):
            raise ConfigError("telephony: agent_track must be inbound or outbound")
        if not self.default_agent_id:
            raise ConfigError("telephony: default_agent_id must not be empty")
        if self.max_message_bytes < 1024 or not 320 <= self.max_audiosocket_payload_bytes <= 65_535:
            raise ConfigError(
                "telephony: need max_message_bytes >= 1024 and 320 <= max_audiosocket_payload_bytes <= 65535"
            )
        for name in ("start_timeout_s", "idle_timeout_s", "max_gap_s", "lane_skew_ms", "reorder_window_ms"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"telephony: {name} must be > 0")
        if not 0 <= self.audiosocket_port <= 65_535:
            raise ConfigError("telephony: audiosocket_port must be 0 (off) or a TCP port")
        if self.reconnect_window_s < 0 or self.timestamp_tolerance_ms < 0:
            raise ConfigError("telephony: reconnect_window_s and timestamp_tolerance_ms must be >= 0")


@dataclass(frozen=True, kw_only=True)
class ServerConfig:
    """``coach serve``: where it listens and how its queues are bounded (wall-clock seconds).

    ``call_queue_s``: audio of one call waiting for analysis; beyond it the oldest audio is dropped
    (policy ``drop-oldest``, counted, the gap analysed as silence). ``client_queue`` messages or
    ``client_max_lag_s`` seconds waiting for one browser; beyond either the client is disconnected
    with the reason. ``replay_dirs``: folders whose recordings ``POST /api/calls/replay`` may read.
    ``transcribe``: live calls get streaming ASR (``[asr]``), the transcript and the language nudges.
    """

    host: str = "127.0.0.1"
    port: int = 8765
    analysis_threads: int = 1
    transcribe: bool = True
    call_queue_s: float = 5.0
    client_queue: int = 1000
    client_max_lag_s: float = 10.0
    floor_interval_s: float = 0.2
    ended_linger_s: float = 30.0
    replay_dirs: tuple[str, ...] = (".",)
    dashboard_dir: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.replay_dirs, list | tuple) or not all(isinstance(v, str) for v in self.replay_dirs):
            raise ConfigError("server: replay_dirs must be a list of strings")
        object.__setattr__(self, "replay_dirs", tuple(self.replay_dirs))
        if not 0 <= self.port <= 65535:
            raise ConfigError("server: port must be 0..65535")
        if self.analysis_threads < 1 or self.client_queue < 1:
            raise ConfigError("server: analysis_threads and client_queue must be >= 1")
        for name in ("call_queue_s", "client_max_lag_s", "floor_interval_s"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"server: {name} must be > 0")


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


@dataclass(frozen=True, kw_only=True)
class CoachConfig:
    """The whole configuration; each section is one table of the TOML file."""

    vad: VadConfig = field(default_factory=VadConfig)
    prosody: ProsodyConfig = field(default_factory=ProsodyConfig)
    turns: TurnConfig = field(default_factory=TurnConfig)
    raised_voice: RaisedVoiceConfig = field(default_factory=RaisedVoiceConfig)
    nudges: NudgePolicyConfig = field(default_factory=NudgePolicyConfig)
    escalation: EscalationConfig = field(default_factory=EscalationConfig)
    asr: AsrConfig = field(default_factory=AsrConfig)
    language: LanguageConfig = field(default_factory=load_language_config)
    server: ServerConfig = field(default_factory=ServerConfig)
    store: StoreConfig = field(default_factory=StoreConfig)
    auth: AuthConfig = field(default_factory=AuthConfig)
    telephony: TelephonyConfig = field(default_factory=TelephonyConfig)


def _build(cls: type, table: dict[str, Any], where: str) -> Any:
    """Build dataclass ``cls`` from a TOML table, recursing into nested dataclasses."""
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table, got {type(table).__name__}")
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    kwargs: dict[str, Any] = {}
    for name, value in table.items():
        hint = hints[name]
        path = f"{where}.{name}" if where else name
        if dataclasses.is_dataclass(hint):
            kwargs[name] = _build(hint, value, path)
        elif typing.get_origin(hint) is dict:
            item_type = typing.get_args(hint)[1]
            if not isinstance(value, dict):
                raise ConfigError(f"{path}: expected a table")
            kwargs[name] = {k: _build(item_type, v, f"{path}.{k}") for k, v in value.items()}
        else:
            kwargs[name] = _coerce(hint, value, path)
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where or 'config'}: {exc}") from None


def _coerce(hint: Any, value: Any, path: str) -> Any:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        members = typing.get_args(hint)
        if value is None and type(None) in members:
            return None
        for member in members:
            if member is not type(None):
                try:
                    return _coerce(member, value, path)
                except ConfigError:
                    continue
        raise ConfigError(f"{path}: {value!r} does not fit {hint}")
    if typing.get_origin(hint) is tuple:
        if not isinstance(value, list | tuple):
            raise ConfigError(f"{path}: expected a list, got {value!r}")
        args = typing.get_args(hint)
        item = args[0] if args else Any
        return tuple(_coerce(item, v, path) if item is not Any else v for v in value)
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint in (int, float, str, bool) and not isinstance(value, hint):
        raise ConfigError(f"{path}: expected {hint.__name__}, got {value!r}")
    return value




def default_table() -> dict[str, Any]:
    """The parsed ``default_config.toml`` shipped with the package."""
    text = resources.files("coach").joinpath("default_config.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def load_config(path: str | Path | None = None) -> CoachConfig:
    """Load the defaults, overlay ``path`` (if given) and validate the result."""
    table = default_table()
    if path is not None:
        p = Path(path)
        try:
            override = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {p}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {p} is not valid TOML: {exc}") from None
        table = merge_tables(table, override)
    language = table.pop("language", {})
    try:
        language_cfg = load_language_config(overrides=language)
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"language: {exc}") from None
    return dataclasses.replace(_build(CoachConfig, table, ""), language=language_cfg)
