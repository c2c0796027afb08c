"""The customer's "nothing more" with the agent's name straight after it, no comma between, still answers "anything
else?" (``closing._unnamed``; issue 9, session 54, C24, in sample: "Nothing more Carmen, goodbye." after an ask heard
garbled, nudged as a close). Wording written for these tests, not taken from the calls."""

from __future__ import annotations

import pytest

from coach.language.closing import _unnamed
from tests.test_closing_answer_tail import GARBLED_ASK, closing_nudges


@pytest.mark.parametrize(
    "answer", ["Nothing more Priya, goodbye.", "No, that's all Dave.", "Nope, that's everything Mrs Hale, bye."]
)
def test_an_answer_with_the_agents_name_after_it_answers_the_ask(answer: str) -> None:
    turns = (("agent", GARBLED_ASK), ("customer", answer), ("agent", "You're welcome. Goodbye for now."))
    assert closing_nudges(*turns, tick_s=60.0) == []


@pytest.mark.parametrize(
    "answer",
    [
        "No, that's all wrong Dave, you've sent the small one.",
        "Nothing more I can do about it, Dave, bye.",
        "No, that's it, but the side panels are missing Dave.",
    ],
)
def test_more_than_an_answer_with_a_name_leaves_the_goodbye_nudged(answer: str) -> None:
    turns = (("agent", GARBLED_ASK), ("customer", answer), ("agent", "Okay, lovely. Goodbye for now."))
    assert len(closing_nudges(*turns, tick_s=60.0)) == 1


@pytest.mark.parametrize(
    ("clause", "left"),
    [
        ("Nothing more Carmen", "Nothing more"),
        ("No thanks Mrs Okafor.", "No thanks"),
        ("No thanks I", "No thanks I"),  # "I" is no name
        ("Nothing else, Dave", "Nothing else, Dave"),  # after a comma: the answer-tail rule's
        ("Nothing more", "Nothing more"),
    ],
)
def test_unnamed(clause: str, left: str) -> None:
    assert _unnamed(clause) == left
