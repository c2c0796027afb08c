"""The temper idioms' "get your / yourself ... up / in a <state>" frame (issue 9, session 53): helper L52's round four
read the frame with its words lost as a calm-down ("no call to get yourself all steamed up" heard "no call don't get
your phone cleaned up"; "let's not get ourselves in a flap" heard "let's not get our film in a platform"), but the
same frame is an errand ("don't get your account topped up until the refund clears", helper R18's probe), so the lead
took it out: the idioms said are calm-downs, the errands and the garbled frames are not. Text level: milliseconds a
case after the shared config load."""

from __future__ import annotations

import pytest

from tests.test_language_wording import kinds_fired


@pytest.mark.parametrize(
    "text",
    [
        "there's no call to get yourself all steamed up, Tobiah, it's one wee appointment",
        "let's not get ourselves in a flap over it, Mrs Bamidele",
        "There's no need to get your fur all ruffled up.",
        "Don't go getting yourself all steamed up, sir.",
        "Don't get your temper in a state over a parcel.",
        "Don't get yourself in a state about it.",
        "No need to get your knickers in a twist.",
    ],
)
def test_the_temper_idioms_said_are_calm_downs(text: str) -> None:
    assert "avoid_calm_down" in kinds_fired(text)


@pytest.mark.parametrize(
    "text",
    [
        # errands in the idioms' frame (helper R18's probe)
        "Don't get your account topped up until the refund clears.",
        "No need to get your phone fixed up elsewhere, we'll do it free.",
        "There's no need to get your meter read up there, we'll do it remotely.",
        "Let's not get your parcel in a muddle, I'll send it to the depot.",
        "Don't get your car looked at in a hurry, wait for our engineer.",
        # a hope, a thing knotted, a plain errand
        "Don't get your hopes up, it might be a week.",
        "Don't get your cable in a knot when you coil it up.",
        "Let's not get our wires crossed, I'll email it.",
        "Don't get your money out yet.",
        "Don't get your coat, it's raining.",
        "Don't get your bins out till Thursday, they moved the day up.",
        "Let's get your order in a box and out today.",
        "You'll get your refund in a day or two.",
        # the garbled frames themselves: nothing in them tells them from an errand
        "No, no call don't get your phone cleaned up.",
        "Now, let's not get our film in a platform.",
    ],
)
def test_errands_and_garbled_frames_are_not(text: str) -> None:
    assert "avoid_calm_down" not in kinds_fired(text)
