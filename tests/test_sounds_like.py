"""scripts/sounds_like.py and scripts/replay_sounds_like.py: a wording phrase the recogniser heard with a slip, found
by how its words sound (measured, not shipped: docs/nudges.md, session 37, P1). Text level, a small family."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from coach.language.config import load_language_config

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import replay_sounds_like  # noqa: E402
from sounds_like import SoundsLike, sound_key  # noqa: E402

_FAMILIES = {
    "avoid_calm_down": {"match": ["keep a lid on it", "no need to go off on one", "relax"], "exceptions": []},
    "check_anything_else": {"closing_cues": ["see you next (week|time)"]},
}


@pytest.fixture(scope="module")
def finder() -> SoundsLike:
    return SoundsLike(load_language_config(overrides=_FAMILIES))


def _words(text: str, unsure: tuple[str, ...] = (), p: float = 0.9) -> list[dict]:
    return [{"w": w, "p": 0.2 if w.strip(",.").lower() in unsure else p} for w in text.split()]


def test_sound_keys_fold_what_the_recogniser_swaps_and_keep_apart_what_it_does_not() -> None:
    assert sound_key("lid") == sound_key("lead")
    assert sound_key("kerb") == sound_key("curb")
    assert sound_key("phone") == sound_key("fone")
    assert sound_key("holding") != sound_key("helping")


def test_a_phrase_word_heard_as_a_word_of_the_same_sound_is_found_only_when_the_recogniser_was_unsure(
    finder: SoundsLike,
) -> None:
    found = finder.find(_words("Okay, let's keep a lead on it for a moment.", unsure=("lead",)))
    assert [(h.kind, h.phrase, h.said) for h in found] == [("avoid_calm_down", "keep a lid on it", "keep a lead on it")]
    assert finder.find(_words("Okay, let's keep a lead on it for a moment.")) == []  # heard clearly: another sentence


def test_words_the_rules_match_themselves_and_short_phrasings_are_left_to_the_rules(finder: SoundsLike) -> None:
    assert finder.find(_words("Just keep a lid on it please.", unsure=("lid",))) == []
    assert finder.find(_words("Ree lacks, sir.", p=0.1)) == []  # one-word "relax": under min_words


def test_at_most_the_allowed_slips_and_half_the_words_word_for_word(finder: SoundsLike) -> None:
    heard = _words("there is no need to go off in an event", unsure=("in", "an", "event"))
    assert [h.phrase for h in finder.find(heard)] == ["no need to go off on one"]  # two words, each the same key
    assert finder.find(_words("we'll see ya nest thyme", p=0.1)) == []  # a slip beyond the same key, none allowed
    loose = SoundsLike(load_language_config(overrides=_FAMILIES), slips=1)
    assert [h.phrase for h in loose.find(_words("we'll see you nest time", p=0.1))] == ["see you next time"]


def test_heard_classes_of_the_table() -> None:
    cls = replay_sounds_like.heard_class
    assert cls("keep a lid on it", "Okay, let's keep a lid on it for a moment") == "verbatim"
    assert cls("keep a lid on it", "let's keep a lead on it") == "slips"
    assert cls("no sense losing the rag", "there are no fences moving the rag") == "other"
    assert cls("don't blow a gasket", "I'm") == "dropped"
