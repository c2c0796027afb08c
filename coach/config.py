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
from importlib import resources
from pathlib import Path
from typing import Any

from coach.asr.config import AsrConfig
from coach.bus.config import BusConfig
from coach.classify.escalation import EscalationConfig
from coach.errors import ConfigError
from coach.language.config import LanguageConfig, load_language_config
from coach.nudges.config import NudgePolicyConfig, NudgeText
from coach.prosody.config import ProsodyConfig, RaisedVoiceConfig
from coach.server.config import AuthConfig, ServerConfig, TokenConfig
from coach.store.config import StoreConfig
from coach.tables import merge_tables
from coach.telephony.config import TelephonyConfig
from coach.turns.config import TurnConfig
from coach.vad.config import VadConfig

# Each section's dataclass lives beside the code that uses it; they are named here so that
# ``coach.config`` stays the one place that assembles (and loads) the whole configuration.
__all__ = [
    "AsrConfig", "AuthConfig", "BusConfig", "CoachConfig", "ConfigError", "EscalationConfig", "LanguageConfig",
    "NudgePolicyConfig", "NudgeText", "ProsodyConfig", "RaisedVoiceConfig", "ServerConfig", "StoreConfig",
    "TelephonyConfig", "TokenConfig", "TurnConfig", "VadConfig", "config_from_table", "default_table", "load_config",
]  # fmt: skip


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
    bus: BusConfig = field(default_factory=BusConfig)


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
        except IsADirectoryError:
            raise ConfigError(f"config file {p} is a folder; pass the .toml file in it") from None
        except UnicodeDecodeError as exc:
            raise ConfigError(f"config file {p} is not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
        except OSError as exc:
            raise ConfigError(f"cannot read config file {p}: {exc.strerror or exc}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {p} is not valid TOML: {exc}") from None
        table = merge_tables(table, override)
    return config_from_table(table)


def config_from_table(table: dict[str, Any]) -> CoachConfig:
    """Validate a whole configuration table (defaults already merged in) into a :class:`CoachConfig`.

    ``[language]`` overlays ``coach/language/phrases.toml``, which holds the language rules' defaults.
    """
    table = dict(table)
    language = table.pop("language", {})
    try:
        language_cfg = load_language_config(overrides=language)
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"language: {exc}") from None
    return dataclasses.replace(_build(CoachConfig, table, ""), language=language_cfg)
