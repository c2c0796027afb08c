"""The agent's goodbye to someone in the room, after asking the customer to wait, is no close (issue 9, session 58,
Q56): "Sorry, one second. Bye, Ravinder, see you in the morning!" (quiet c1360's colleague leaving, designed after the
flip of c1342-c1365: in sample), in one final or two; a goodbye after more business, or after the customer spoke, still
closes, and the real close later is nudged. Wording written for these tests, apart from the lines marked."""

from __future__ import annotations

import pytest

from tests.test_closing_answer_tail import closing_nudges

BEFORE = ("customer", "The orange refills, I bought three.")  # c1360's script
IN_THE_ROOM = [
    "Right, that's helpful. Sorry, one second. Bye, Ravinder, see you in the morning!",  # c1360's script
    "Right, that's helpful. Sorry, one second. Bye, Raminder. See you in the morning.",  # c1360 at 26.8 s as heard
    "Hang on one second. Bye, Sue, take care!",
]
CLOSES = [
    "Sorry, one second. Right, that's the spools booked for Thursday, bye now.",
    "One moment. Okay, all done, see you Thursday.",
]


@pytest.mark.parametrize("line", IN_THE_ROOM)
def test_a_goodbye_after_asking_the_customer_to_wait_is_said_in_the_room(line: str) -> None:
    assert closing_nudges(BEFORE, ("agent", line), tick_s=90.0) == []


def test_the_same_in_two_finals() -> None:
    turns = (BEFORE, ("agent", "Sorry, one second."), ("agent", "Bye, Ravinder, see you in the morning!"))
    assert closing_nudges(*turns, tick_s=90.0) == []


@pytest.mark.parametrize("line", CLOSES)
def test_a_goodbye_after_more_business_still_closes(line: str) -> None:
    assert len(closing_nudges(BEFORE, ("agent", line))) == 1


@pytest.mark.parametrize(
    "line",
    [
        "Right, that's all done, bye now.",
        "Okay, you're booked in. Bye for now.",
        "Yes, that's Thursday the ninth confirmed, take care, bye.",  # helper R23's look-alikes
        "Yep, he's booked in for nine, thanks for calling, bye.",
    ],
)
def test_back_from_the_wait_with_business_and_a_goodbye_closes(line: str) -> None:
    turns = (BEFORE, ("agent", "Sorry, one second."), ("agent", line))
    assert len(closing_nudges(*turns)) == 1


def test_a_goodbye_after_the_customer_answered_still_closes() -> None:
    turns = (BEFORE, ("agent", "Sorry, one second."), ("customer", "Sure."), ("agent", "Lovely, all done, bye now."))
    assert len(closing_nudges(*turns)) == 1


def test_the_real_close_after_it_is_still_nudged() -> None:
    turns = (
        BEFORE,
        ("agent", IN_THE_ROOM[0]),
        ("agent", "Sorry about that. The orange line is the thin one, so keep the spools in water overnight."),
        ("customer", "That's very kind, thank you."),
        ("agent", "Cheers, Jabez, bye now."),
    )
    assert len(closing_nudges(*turns, tick_s=90.0)) == 1
