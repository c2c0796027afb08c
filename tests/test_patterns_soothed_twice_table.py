"""The normaliser's soothing words read from the packaged phrases.toml (``[slots]`` ``soothed_twice``;
:func:`coach.language.patterns.packaged_word_list`): the list loads, and a malformed one is refused with an error naming
the file, the table, the key and the entry (session 39, R3: moved out of patterns.py, contents unchanged)."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from coach.language.patterns import SOOTHED_TWICE, normalise, packaged_word_list


def test_the_soothing_words_are_the_packaged_slot_and_keep_their_repeat():
    text = resources.files("coach.language").joinpath("phrases.toml").read_text("utf-8")
    listed = tomllib.loads(text)["slots"]["soothed_twice"]
    assert frozenset(listed) == SOOTHED_TWICE and len(listed) == len(SOOTHED_TWICE)
    assert normalise(["easy", "easy", "now"])[0] == ("easy", "easy", "now")  # a soothing word's repeat is kept
    assert normalise(["steady", "steady", "now"])[0] == ("steady", "now")  # not in the list: counted once


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[slots]\n", "phrases.toml [slots] soothed_twice: expected a non-empty list of lower-case words, got None"),
        ('[slots]\nsoothed_twice = "easy"\n', "expected a non-empty list of lower-case words, got 'easy'"),
        ('[slots]\nsoothed_twice = ["easy", "Hush"]\n', "'Hush' is not a lower-case single word"),
        ('[slots]\nsoothed_twice = ["easy", "pole pole"]\n', "'pole pole' is not a lower-case single word"),
        ('[slots]\nsoothed_twice = ["easy", "hush", "easy"]\n', "['easy'] repeated"),
    ],
)
def test_a_malformed_list_is_refused_naming_it(text, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        packaged_word_list("slots", "soothed_twice", text)
