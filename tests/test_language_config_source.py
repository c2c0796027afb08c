"""One source for the language settings: whatever builds the language rules without a configuration of its own (a
bare :class:`~coach.language.LanguageCoach`, the wording tests, the replay and evaluation tools) reads the settings
``coach analyze`` / ``coach serve`` run (:func:`coach.config.load_config`: ``phrases.toml`` with the product's
``[language]`` table of ``coach/default_config.toml`` over it), unless it overrides them in so many words."""

from __future__ import annotations

import dataclasses
import tomllib

import pytest

from coach.config import default_table, load_config
from coach.language import LanguageCoach
from coach.language.config import load_language_config, product_language_table


def _leaves(table: dict, where: str = "") -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for key, value in table.items():
        name = f"{where}.{key}" if where else key
        out += _leaves(value, name) if isinstance(value, dict) else [(name, value)]
    return out


def _setting(config: object, dotted: str) -> object:
    for part in dotted.split("."):
        config = getattr(config, part)
    return config


def test_the_language_rules_built_without_a_config_read_the_products_settings():
    product = load_config().language
    assert load_language_config() == product
    assert LanguageCoach().config == product


def test_every_language_setting_of_the_shipped_config_reaches_the_bare_loader():
    """Each leaf of default_config.toml's [language] (the calm-down head's threshold among them) is what the
    packaged loader returns, and none is left at the phrases file's or the dataclass's own default."""
    leaves = _leaves(default_table()["language"])
    assert "avoid_calm_down.model_threshold" in dict(leaves)
    bare = load_language_config()
    for dotted, value in leaves:
        assert _setting(bare, dotted) == value, dotted
    assert product_language_table() == default_table()["language"]


def test_an_override_is_said_in_so_many_words_and_wins():
    tables_alone = load_language_config(overrides={"avoid_calm_down": {"model_threshold": 1.1}})
    assert tables_alone.avoid_calm_down.model_threshold == 1.1
    assert tables_alone != load_language_config()
    product = load_language_config().avoid_calm_down
    assert dataclasses.replace(tables_alone.avoid_calm_down, model_threshold=product.model_threshold) == product


def test_another_phrases_file_is_read_as_it_is(tmp_path):
    """A path names a whole phrases file of its own: the product's table is laid over it only when asked."""
    from importlib import resources

    own = tmp_path / "phrases.toml"
    own.write_text(resources.files("coach.language").joinpath("phrases.toml").read_text("utf-8"), encoding="utf-8")
    assert load_language_config(own, overrides=product_language_table()) == load_language_config()
    raw = tomllib.loads(own.read_text("utf-8"))["avoid_calm_down"]
    assert load_language_config(own).avoid_calm_down.model_threshold == raw.get("model_threshold", 1.1)


HEAD_FLAGS = pytest.mark.xfail(
    strict=True,
    reason="the calm-down head (default_config.toml [language.avoid_calm_down] model_threshold 0.98, ON in the "
    "product) flags this look-alike the phrase tables leave alone: a false calm-down nudge the product gives today, "
    "found once the tests read the product's settings (session 40, P3; docs/nudges.md). Strict: passes once fixed.",
)
"""For a look-alike line of a class test that must stay quiet, which the product's calm-down head flags: the test
states what the product should do and this mark states that it does not yet (it fails the suite once it does)."""

HEAD_FLAGGED = frozenset(
    {
        "You'll give yourself a headache reading all the small print.",
        "I keep a calm head in these calls, honestly.",
        "Ain't nothing better than a fresh start, eh?",
        "I'm so sorry about Helen. I can't be mad in how hard it is.",
        "I'm spitting feathers, it's been a long shift without a drink.",
    }
)
"""The look-alike lines of the class tests the product's calm-down head flags (found in session 40, P3, when the
tests first read the product's settings): reported to the head's and the tables' owners, not hidden. Thirteen in
session 40; six left since session 41 (M4): the head no longer judges a sentence whose calm-down words the tables'
exceptions excuse (``CalmDownRule.excused``: "I'd never ask you to calm down", "grab the handrail to steady
yourself"). Five since session 44 (M5): the head refitted on lists A-AN and calls c01-c1005 rates "a bit calmer
once the heating is on" 0.972 (was 0.983). Those five name no calm-down wording at all."""


def marked(cases: list) -> list:
    """``cases`` of a parametrized look-alike test (lines, or tuples whose first item is the line), those in
    :data:`HEAD_FLAGGED` marked :data:`HEAD_FLAGS`."""

    def line(case: object) -> object:
        return case[0] if isinstance(case, tuple) else case

    return [
        pytest.param(*(c if isinstance(c, tuple) else (c,)), marks=HEAD_FLAGS) if line(c) in HEAD_FLAGGED else c
        for c in cases
    ]
