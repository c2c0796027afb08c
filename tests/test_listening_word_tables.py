"""listening.toml's ``[words]`` lists read as token sets (:func:`coach.language.listening.word_set`): the packaged
lists load, and a malformed one is refused with an error naming the file, the list and the entry (session 39, R3:
the word classes of the curt-fact rule, ``persons``, ``pointing_back`` and ``pointed_verbs``, moved out of the code).
"""

from __future__ import annotations

import tomllib

import pytest

from coach.language import listening
from coach.language.listening import LISTENING_TABLES, word_set


def test_the_moved_word_classes_are_the_packaged_lists():
    words = tomllib.loads(LISTENING_TABLES.read_text(encoding="utf-8"))["words"]
    for key, loaded in (
        ("persons", listening._PERSONS),
        ("pointing_back", listening._POINTING_BACK),
        ("pointed_verbs", listening._POINTED_VERBS),
    ):
        assert loaded == frozenset(words[key]) and len(words[key]) == len(loaded)


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ({}, "listening.toml [words] persons: expected a non-empty list of lower-case words, got None"),
        ({"persons": "i"}, "expected a non-empty list of lower-case words, got 'i'"),
        ({"persons": []}, "expected a non-empty list of lower-case words, got []"),
        ({"persons": ["i", "You"]}, "'You' is not a lower-case single word"),
        ({"persons": ["i", "let us"]}, "'let us' is not a lower-case single word"),
        ({"persons": ["i", 3]}, "3 is not a lower-case single word"),
        ({"persons": ["i", "me", "i"]}, "['i'] repeated"),
    ],
)
def test_a_malformed_list_is_refused_naming_it(words, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        word_set("persons", words)
