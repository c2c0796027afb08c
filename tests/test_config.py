import dataclasses

import pytest

from coach.config import CoachConfig, load_config
from coach.errors import ConfigError
from coach.nudges.config import NudgePolicyConfig


def test_defaults_load_and_every_core_nudge_has_wording():
    cfg = load_config()
    for kind in ("stop_interrupting", "let_them_finish", "pause_and_breathe", "dead_air", "long_monologue"):
        assert cfg.nudges.texts[kind].text


def test_a_user_file_overrides_only_what_it_names(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[turns]\ndead_air_s = 9\n[nudges.texts.dead_air]\ntext = 'Say something'\n")
    cfg = load_config(path)
    assert cfg.turns.dead_air_s == 9.0
    assert cfg.turns.monologue_s == load_config().turns.monologue_s
    assert cfg.nudges.texts["dead_air"].text == "Say something"
    assert cfg.nudges.texts["dead_air"].reason == load_config().nudges.texts["dead_air"].reason


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[turns]\ndead_air = 9\n", "unknown key"),
        ("[turnz]\n", "unknown key"),
        ("[vad]\nonset_threshold = 0.2\noffset_threshold = 0.4\n", "offset_threshold"),
        ("[turns]\ndead_air_s = 'long'\n", "expected float"),
        ("[nudges.texts.dead_air]\nseverity = 'urgent'\n", "severity"),
        ("not toml [", "not valid TOML"),
        ("[server]\nclient_max_lag_s = 0\n", "server: client_max_lag_s must be > 0"),
        ("[telephony]\nreconnect_window_s = -1\n", "telephony: reconnect_window_s must be >= 0"),
        ("[telephony]\ndefault_agent_id = 'Front desk'\n", "telephony: default_agent_id: agent_id must be 1-64"),
        ("[vad]\nlevel_gate_min_s = 0\n", "vad: level_gate_min_s must be > 0"),
    ],
)
def test_bad_configuration_is_a_clear_error(tmp_path, text, message):
    path = tmp_path / "c.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_missing_config_file_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")


def test_a_config_path_that_is_a_folder_or_not_utf8_text_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="is a folder; pass the .toml file in it"):
        load_config(tmp_path)
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes("[nudges.texts.dead_air]\ntext = 'Ça va?'\n".encode("latin-1"))
    with pytest.raises(ConfigError, match="is not UTF-8 text .*save it as UTF-8"):
        load_config(latin1)


def _differences(code: object, toml: object, where: str) -> list[str]:
    """Every leaf setting whose dataclass default differs from the shipped TOML's value."""
    if dataclasses.is_dataclass(code) and type(code) is type(toml):
        found: list[str] = []
        for f in dataclasses.fields(code):
            found += _differences(getattr(code, f.name), getattr(toml, f.name), f"{where}.{f.name}")
        return found
    return [] if code == toml else [f"{where}: dataclass {code!r} != toml {toml!r}"]


def test_dataclass_defaults_and_the_shipped_toml_never_drift():
    """One source per setting: a default changed in code but not in default_config.toml (or back) fails.

    The nudge texts and the language rules have no dataclass defaults: their only source is TOML
    (``default_config.toml`` and ``coach/language/phrases.toml``).
    """
    from_toml = load_config()
    from_code = dataclasses.replace(
        CoachConfig(),
        nudges=dataclasses.replace(NudgePolicyConfig(), texts=from_toml.nudges.texts),
        language=from_toml.language,
    )
    assert _differences(from_code, from_toml, "config") == []


def test_the_drift_check_sees_a_changed_default():
    changed = dataclasses.replace(CoachConfig(), turns=dataclasses.replace(CoachConfig().turns, dead_air_s=99.0))
    assert _differences(changed, CoachConfig(), "config") == ["config.turns.dead_air_s: dataclass 99.0 != toml 6.0"]


def test_settings_built_in_code_from_lists_hold_tuples_and_wrong_items_are_named():
    from coach.server.config import ServerConfig
    from coach.telephony.config import TelephonyConfig

    assert TelephonyConfig(audiosocket_allowed_hosts=["10.0.0.1"]).audiosocket_allowed_hosts == ("10.0.0.1",)
    assert ServerConfig(replay_dirs=["calls"]).replay_dirs == ("calls",)
    with pytest.raises(ConfigError, match="telephony: twilio_auth_tokens must be a list of strings"):
        TelephonyConfig(twilio_auth_tokens=[1])
