"""Escalation lexicon, session 39, second round (issue 10): whatever the customer is told, refused with its "where",
"when" or "how" ("Don't tell me where to park"), the money back as the other choice, what the company will do asked
as a statement, a curt "Then fix it.", and what they were told repeated back ("You're telling me to ...").
Look-alikes of a calm customer are none.

Wording of our own.
"""

from __future__ import annotations

import pytest

from coach.classify.lexicon import default_lexicon


@pytest.mark.parametrize(
    ("said", "category"),
    [
        ("Don't tell me where to park, I've lived here thirty years.", "indignation"),
        ("Do not tell me how to load my own van.", "indignation"),
        ("Either it's replaced by Friday or my money back.", "demand"),
        ("What I want to hear is what you're going to do about the mould.", "demand"),
        ("Then fix it.", "demand"),
        ("A phone number. You're telling me to ring someone else.", "disbelief"),
    ],
)
def test_the_classes_are_markers(said: str, category: str) -> None:
    assert category in {h.category for h in default_lexicon().find(said)}


@pytest.mark.parametrize(
    "said",
    [
        "You told me the van comes on Tuesday, is that still right?",
        "I'd like the money back to the same card, please.",
        "What are you doing for Christmas, anything nice?",
        "Then fixing the date for March works for us.",
        "I don't care which colour, whichever is quicker.",
    ],
)
def test_calm_look_alikes_are_none(said: str) -> None:
    assert default_lexicon().find(said) == []
