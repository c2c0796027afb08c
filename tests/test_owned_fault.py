"""The agent owning the fault heard as a policy (issue 9, session 45, helper P2): coach/language/owned_fault.py.

"You're right, and I'm sorry ... and that's our work." heard "... and that's how it works." is the agent taking the
fault on, not a policy; the policy said with a "but", a "just", a "not", or with no concession and apology before it,
still nudges. Each case goes through the whole coach on an agent final (word p 0.9). The heard final of c1036 is
quoted as the product's final wrote it; the other lines are P2's own."""

from __future__ import annotations

import pytest

from coach.language.owned_fault import fault_words
from tests.test_positive_language_heard import nudged


@pytest.mark.parametrize(
    ("line", "want"),
    [
        # the product's final on c1036 at 47.0 s (said "... and that's our work.")
        (
            "You're right, and I'm sorry. I went quiet on you and met one short with you. Hence, that means the skin "
            "woman's taxi, runway and that's how it works. Bring it into tomorrow at night and Keiran will review it "
            "while you wait.",
            False,
        ),
        (
            "I'm sorry, you're right, the hinge was fitted crooked and that's how it works, I'll send someone out.",
            False,
        ),
        # a policy, said as one
        ("I'm sorry, but that's how it works.", True),
        ("You're right, I'm sorry, but that's how it works here.", True),
        ("You're right, I'm sorry, that's just how it works.", True),
        ("You're right, I'm sorry, though that's how it works with deposits.", True),
        ("That's how it works, the deposit stays with us.", True),
        ("You're right, that's how it works, the deposit stays with us.", True),
    ],
)
def test_owning_the_fault_heard_as_that_is_how_it_works_is_no_policy(line: str, want: bool) -> None:
    assert nudged(line) is want, line


def test_the_word_classes_come_from_the_toml() -> None:
    words = fault_words()
    assert ("that's", "how", "it", "works") in words.shapes and ("sorry",) in words.apologise
    assert "but" in words.contrast and any(p[-1] == "right" for p in words.concede)
