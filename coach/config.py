"""Configuration: frozen keyword-only dataclasses loaded from one TOML file.

``coach/default_config.toml`` documents every key with its default. A user file passed with
``--config`` overrides any subset of it; an unknown section or key is an error, so a typo never
silently falls back to a default. :func:`load_config` is the only loader.
"""

from __future__ import annotations

import dataclasses
import tomllib
import typing
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from coach.errors import ConfigError


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
    texts: dict[str, NudgeText] = field(default_factory=_default_texts)


@dataclass(frozen=True, kw_only=True)
class CoachConfig:
    """The whole configuration; each section is one table of the TOML file."""

    vad: VadConfig = field(default_factory=VadConfig)
    prosody: ProsodyConfig = field(default_factory=ProsodyConfig)
    turns: TurnConfig = field(default_factory=TurnConfig)
    raised_voice: RaisedVoiceConfig = field(default_factory=RaisedVoiceConfig)
    nudges: NudgePolicyConfig = field(default_factory=NudgePolicyConfig)


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
    except TypeError as exc:
        raise ConfigError(f"{where or 'config'}: {exc}") from None


def _coerce(hint: Any, value: Any, path: str) -> Any:
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint in (int, float, str, bool) and not isinstance(value, hint):
        raise ConfigError(f"{path}: expected {hint.__name__}, got {value!r}")
    return value


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


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
        table = _merge(table, override)
    return _build(CoachConfig, table, "")
