"""A told echo of four words (issue 10, session 19): the customer repeating the agent's noun phrase with its
article ("A couple of blocks. My husband's car wheel went into one of them") is disbelief when the voice is
raised, as a three-word one is (tests/test_escalation_echo_told.py); the words must all be the agent's, the
sentence short, and a calm repeat stays a confirmation. Wording of our own."""

from __future__ import annotations

import pytest

from coach.classify.lexicon import ECHO_TOLD_MAX_WORDS, echoes_told, tokens

TOLD = set(tokens("Don't worry, it's only a couple of scratches on the door, nothing more."))


@pytest.mark.parametrize(
    ("said", "echo"),
    [
        ("A couple of scratches. The door won't even shut", True),
        ("Only a couple scratches? It's hanging off", True),
        ("A couple of dents. The door won't even shut", False),  # not what was said
        ("A couple of scratches on the door. Fine.", False),  # six words: a sentence, not an echo
        ("The door. Nothing more.", True),  # three words as before
        ("Okay, a couple of scratches.", False),  # opens with a word of acceptance
    ],
)
def test_echoes_told_up_to_four_words(said: str, echo: bool) -> None:
    assert ECHO_TOLD_MAX_WORDS == 4
    assert echoes_told(said, TOLD) is echo, said
