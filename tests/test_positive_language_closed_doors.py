"""Closed doors said without "can't" (issue 9, session 43, L42).

Round one was designed from the non-blind lists' standing positive misses (A-AM) and one tuning call's script turn
(c847), before list AN or the held-out part c982-c1005 were read: "we've no way of <doing> it", a service "impossible
to" give, "Impossible, sir," opening the answer, damage called "self-inflicted", and a cause put on what the customer
did in an irregular past ("because you slept in them"). Each class is checked through the whole coach beside the
look-alikes it must leave alone: the customer's own lack ("you've got no way of getting to work"), a thing impossible
to say or miss, a wound the firm owns, a good outcome put down to the customer. Every line here in L42's own words."""

from __future__ import annotations

import pytest

from tests.test_language_wording import kinds_fired


@pytest.mark.parametrize(
    "line",
    [
        "We've no way of getting the parcel to you before the weekend.",
        "I have no way of reversing that charge once it's gone through.",
        "It's impossible to rebook the coach at this late stage.",
        "It's simply impossible to get a fitter out to you this month.",
        "Impossible, madam, the order has already gone to the printer.",
        "Impossible, I'm afraid, the van left the depot an hour ago.",
        "Well, that scuffing is self-inflicted, you've been dragging the case along the kerb.",
        "The soles split because you wore them in the sea.",
    ],
)
def test_a_closed_door_without_cant_is_read(line: str) -> None:
    assert "positive_language" in kinds_fired(line), line


@pytest.mark.parametrize(
    "line",
    [
        "So you've got no way of getting to the station now, that's awful.",
        "It's impossible to say exactly when, but it'll be before Friday.",
        "The red door is impossible to miss, it's right beside the bakery.",
        "That delay was self-inflicted on our side, and I'm sorry for it.",
        "It's half price because you wore the club badge, nice one.",
    ],
)
def test_its_look_alikes_stay_quiet(line: str) -> None:
    assert "positive_language" not in kinds_fired(line), line
