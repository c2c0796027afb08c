"""``load_language_config`` remembers what it parsed by the files' texts: the same texts give the same config,
an edited file is read again, and overrides are part of the key (coach/language/config.py, session 41 T1)."""

from __future__ import annotations

from pathlib import Path

from coach.config import load_config
from coach.language.config import _parse, load_language_config


def packaged_texts() -> tuple[str, str]:
    root = Path(__file__).resolve().parent.parent / "coach"
    return (root / "language" / "phrases.toml").read_text("utf-8"), (root / "default_config.toml").read_text("utf-8")


def test_the_packaged_config_is_parsed_once_and_equals_a_fresh_parse():
    first = load_language_config()
    assert load_language_config() is first
    # coach analyze's settings: its [language] table laid over again as overrides, the same settings
    assert load_config().language == first
    assert load_config().language is load_config().language
    text, product = packaged_texts()
    assert _parse(text, product, {}) == first


def test_overrides_are_part_of_the_key():
    plain = load_language_config()
    off = load_language_config(overrides={"avoid_calm_down": {"model_threshold": 1.1}})
    assert off is not plain
    assert off.avoid_calm_down.model_threshold == 1.1 != plain.avoid_calm_down.model_threshold
    assert load_language_config(overrides={"avoid_calm_down": {"model_threshold": 1.1}}) is off
    assert load_language_config(overrides={}) is plain


def test_a_phrases_file_edited_between_loads_is_read_again(tmp_path):
    text, _ = packaged_texts()
    path = tmp_path / "phrases.toml"
    path.write_text(text, "utf-8")
    before = load_language_config(path)
    assert load_language_config(path) is before
    marker = "test_a_phrases_file_edited_between_loads"
    assert "\n[slots]\n" in text
    path.write_text(text.replace("\n[slots]\n", f'\n[slots]\n{marker} = ["zorbly"]\n', 1), "utf-8")
    after = load_language_config(path)
    assert after is not before
    assert after.slots[marker] == ("zorbly",) and marker not in before.slots
