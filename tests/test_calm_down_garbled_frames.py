"""The temper idioms' frame as the recogniser keeps it when their words go (issue 9, session 53, L52 round four): a
negated "get" over the customer's or our own "<something> up" or "<something> in a <state>" is a calm-down whatever
the lost words ("no call to get yourself all steamed up" heard "no call don't get your phone cleaned up"; "let's not
get ourselves in a flap" heard "let's not get our film in a platform"); a hope, a thing knotted or a plain errand is
not. Text level: milliseconds a case after the shared config load."""

from __future__ import annotations

import pytest

from tests.test_language_wording import kinds_fired


@pytest.mark.parametrize(
    "text",
    [
        "No, no call don't get your phone cleaned up.",
        "Now, let's not get our film in a platform.",
        "Or don't be getting your killed in a toy store.",
        "There's no need to get your fur all ruffled up.",
        "Don't go getting yourself all steamed up, sir.",
        "Let's not get our feathers in a tangle over it.",
        "Don't get your temper in a state over a parcel.",
    ],
)
def test_a_negated_get_over_something_up_or_in_a_state_is_a_calm_down(text: str) -> None:
    assert "avoid_calm_down" in kinds_fired(text)


@pytest.mark.parametrize(
    "text",
    [
        "Don't get your hopes up, it might be a week.",
        "Don't get your cable in a knot when you coil it up.",
        "Let's not get our wires crossed, I'll email it.",
        "Don't get your money out yet.",
        "Don't get your coat, it's raining.",
        "Don't get your bins out till Thursday, they moved the day up.",
        "Let's get your order in a box and out today.",
        "You'll get your refund in a day or two.",
    ],
)
def test_a_hope_a_knot_or_an_errand_is_not(text: str) -> None:
    assert "avoid_calm_down" not in kinds_fired(text)
