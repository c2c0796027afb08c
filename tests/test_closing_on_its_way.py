"""What was ordered promised on its way ("your tickets will be in the post by Friday") frames a sign-off heard as any
words; a clause naming when ("well before Sunday") is a detail, not a goodbye; getting "all het up" (a calm-down's
words, heard "all set up") is no "all set" close (issue 9, session 50, C20, round two: in sample). Wording written for
these tests, not taken from the calls. Round three: "your order's in" as a wrap-up frame (list AU, in sample)."""

from __future__ import annotations

import pytest

from tests.closing_exchange import closes_after

OPENING = "Hi, I'm calling to book two seats for the organ recital."
FOUND_IT = "Right, I've found the recital on the system."


def closes(customer: str, agent: str) -> bool:
    """Whether the agent's reply ``agent`` to the customer's turn ``customer`` is nudged as a close."""
    return closes_after(OPENING, FOUND_IT, customer, agent)


@pytest.mark.parametrize(
    "agent",
    [
        "So, your tickets will be in the post by Friday, based on eating milk.",  # "be seeing you" heard as other words
        "Lovely, they'll be with you by the weekend, sea you soon.",
        "Right, the receipt will be in your inbox, be sing you.",
    ],
)
def test_a_promise_on_its_way_frames_a_sign_off(agent: str) -> None:
    assert closes("And when will they get here?", agent)


@pytest.mark.parametrize(
    "agent",
    [
        "It'll be with you by Thursday, well before Sunday.",
        "Your tickets will be in the post, first thing tomorrow.",
        "They'll be with you by Friday, and the programme too.",
        "Your refund will be in your inbox, usually within three to five days.",
    ],
)
def test_a_promise_with_details_after_it_is_no_close(agent: str) -> None:
    assert not closes("And when will they get here?", agent)


@pytest.mark.parametrize(
    "agent",
    [
        "Alright, alright, we don't need to get all set up.",
        "Okay, there's no need to get all het up.",
    ],
)
def test_getting_all_het_up_is_no_close(agent: str) -> None:
    assert not closes("I've rung twice now and nobody rang me back.", agent)


def test_all_set_ending_the_turn_still_closes() -> None:
    assert closes("Thanks, that's great.", "Right, you're all set.")


@pytest.mark.parametrize(
    ("agent", "closed"),
    [
        ("Sweet as, your order's in, lay tuz, bro.", True),
        ("Right, the refund's gone through, tara a bit.", True),
        ("Right, your order's in, now the delivery address.", False),
        ("Your refund's gone through, it'll show on Monday.", False),
        ("Your order's in the queue, but the printer is down.", False),
    ],
)
def test_an_order_said_in_or_through_frames_a_sign_off(agent: str, closed: bool) -> None:
    assert closes("And when will they get here?", agent) is closed


@pytest.mark.parametrize(
    ("agent", "closed"),
    [
        # session 52 (C22, from R15's note): a hedge or a regret after the promise is the agent still on the business
        ("It'll be with you by Friday, hopefully.", False),
        ("They'll be in the post tomorrow, fingers crossed.", False),
        ("Your tickets will be in the post, all being well.", False),
        ("Your refund's gone through, apologies.", False),
        ("Right, it'll be with you by the weekend, probably.", False),
        ("It's all booked, annoyingly.", False),
        # a clause going on with the business between the frame and the last clause
        ("Your payment's gone through, but the booking isn't confirmed, annoyingly.", False),
        ("The refund is through, it takes three days, as a rule.", False),
        ("You're all booked in, the deposit comes off Friday's invoice, be sing you.", False),
        # still closes: a sign-off heard as any words, a name or a term of address between
        ("So, your tickets will be in the post by Friday, based on eating milk.", True),
        ("Sweet as, your order's in, lay tuz, bro.", True),
        ("Lovely, that's you booked in, Joan, safe home.", True),
        ("You're all set, lovely, tara a bit.", True),
        ("Right, the refund's gone through, Kimberly.", True),
    ],
)
def test_a_hedge_or_the_business_going_on_after_a_frame_is_no_sign_off(agent: str, closed: bool) -> None:
    assert closes("And when will they get here?", agent) is closed
