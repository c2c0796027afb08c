"""'I can't see' as a refusal or as information (:func:`coach.classify.pushback.pushes_back`; issue 10, session 56,
helper R21's probe of E69's 32697b74, ``/tmp/R21/e69b.py``). E69 made "I can't see" refuse only before someone or
something seen doing ("I can't see us doing that"), so a thing on file stays information ("I can't see your old
address, so we'll send it to the new one"); that also dropped refusals that pushed back at b1c6b2c: a doer giving way
("I can't see my manager agreeing to a refund") and a way or point denied ("I can't see any way to refund that").
Wording written for these tests."""

from __future__ import annotations

import pytest

from coach.classify.pushback import pushes_back

REFUSALS = [
    "I can't see any way to refund that, I'm afraid.",
    "I can't see a way round that, the policy is clear.",
    "I can't see my manager agreeing to a refund.",
    "I can't see head office signing that off.",
    "I can't see the company paying for a new one.",
    "I can't see any point in sending another one.",
    "Honestly, I can't see the warranty covering it.",
    "I can't see them agreeing to that.",
]
# 'I can't see' a thing on file, on screen or in a photo, with an -ing or a 'way' further on: information
INFORMATION = [
    "I can't see your payment on the account yet, give it a day.",
    "I can't see the engineer's notes, so let me ring the depot.",
    "I can't see any charges for that month.",
    "I can't see a second order on your account.",
    "I can't see the direct debit paying out on the system yet.",
    "I can't see your card being charged twice.",
    "I can't see any sign of the parcel on the tracker.",
    "I can't see a way to log in as you, so could you read me the code?",
    "I can't see anything happening on your account since Monday.",
    "I can't see the new tariff covering page on my screen, bear with me.",
    "I can't see the refund going through until Monday, it's still pending.",
]


@pytest.mark.parametrize("text", REFUSALS)
def test_a_doer_giving_way_or_a_way_denied_after_i_cant_see_pushes_back(text: str) -> None:
    assert pushes_back(text)


@pytest.mark.parametrize("text", INFORMATION)
def test_a_thing_seen_on_file_is_information(text: str) -> None:
    assert not pushes_back(text)
