"""Luck wished as a whole agent turn answering the customer's news is no close; a wrap-up said to two people booked
together ("you're both booked") frames a sign-off like "you're all booked" (issue 9, session 50, C20). Wording written
for these tests, not taken from the calls."""

from __future__ import annotations

import pytest

from tests.closing_exchange import closes_after

OPENING = "Hi, I'm ringing about the minibus we booked for the weekend."
FOUND_IT = "Right, I've found the booking on the system."


def closes(customer: str, agent: str) -> bool:
    """Whether the agent's reply ``agent`` to the customer's turn ``customer`` is nudged as a close."""
    return closes_after(OPENING, FOUND_IT, customer, agent)


@pytest.mark.parametrize(
    ("customer", "agent"),
    [
        (
            "My two lads are running the Great North Run on Sunday, that's why we need it back early.",
            "Oh, good luck to them.",
        ),
        ("My daughter sits her driving test on Friday, so she needs the car.", "Ah, best of luck to her."),
        ("It's for the school choir, they're singing at the cathedral.", "Lovely, good luck to the kids on the day."),
        ("The team's playing in the county final that afternoon.", "Wow, the best of luck to the team."),
        ("My son's the lead in the school play on Friday.", "Oh lovely, break a leg to him."),
        ("I'll be at the hall from six, doors at seven.", "Right, and mind you don't break a leg on the stairs."),
    ],
)
def test_luck_wished_in_answer_to_news_is_no_close(customer: str, agent: str) -> None:
    assert not closes(customer, agent)


@pytest.mark.parametrize(
    ("customer", "agent"),
    [
        ("Yes please, put it on the card.", "Done, the receipt is in your inbox, good luck to the kids on the day."),
        ("Thanks, that's great.", "Good luck to them."),
        ("Lovely, thank you so much.", "All the best to your mum."),
        ("Perfect, that's everything sorted.", "Oh, best of luck to her."),
        ("Thursday morning then. I'll drive it over.", "Alright, see you Thursday."),
        # session 51 (C21, c1181 in sample): the stage's luck wish after the business, the customer not settled
        ("I'll be at the hall from six, doors at seven.", "Great, the tickets are printed. Break a leg tonight."),
    ],
)
def test_luck_after_the_business_or_the_thanks_still_closes(customer: str, agent: str) -> None:
    assert closes(customer, agent)


@pytest.mark.parametrize(
    "agent",
    [
        "Nice one. You're both booked for Sunday. Top top for now.",
        "Lovely, you're both booked in for Sunday, tip top.",
        "Right, we're both done then, toodle pip.",
    ],
)
def test_both_booked_frames_a_sign_off(agent: str) -> None:
    assert closes("Sunday then. She'll be chuffed.", agent)


@pytest.mark.parametrize(
    "agent",
    [
        "You're both booked in for ten, so bring towels.",
        "You're both booked for Sunday. Now, the parking.",
        "You're both booked for Sunday, under Okafor.",
    ],
)
def test_both_booked_going_on_is_no_close(agent: str) -> None:
    assert not closes("Sunday then. She'll be chuffed.", agent)
