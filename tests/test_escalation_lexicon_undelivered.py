"""Escalation lexicon, session 12: what was sent or paid for never reached the customer ("I never got
any letter", "kept my money") is a marker; the same words about something that did arrive are not."""

from __future__ import annotations

import pytest

from coach.classify.lexicon import default_lexicon


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("I never got any letter, I'd remember", "never got any"),
        ("We never got my replacement card", "never got my"),
        ("I've never received the refund you promised", "never received"),
        ("I didn't get any text at all", "didn't get any"),
        ("You gave my tyres to someone else and kept my money", "kept my money"),
    ],
)
def test_an_undelivered_thing_is_a_marker(text: str, phrase: str) -> None:
    assert phrase in [h.phrase for h in default_lexicon().find(text)]


@pytest.mark.parametrize(
    "text",
    [
        "I never got a chance to thank the engineer",
        "I got my refund yesterday, thanks",
        "Did you get my email about the move?",
    ],
)
def test_the_same_words_about_something_that_arrived_are_not(text: str) -> None:
    assert default_lexicon().find(text) == []
