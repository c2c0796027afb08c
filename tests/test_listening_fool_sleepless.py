"""Feeling a fool, and sleep lost since a happening, ask for an acknowledgement (issue 9, session 51 Q49, round four:
designed after c1174-c1197 were opened, on c1176 and c1185, so in sample for them).

"I felt such a fool standing on that platform" (heard "I felt such a full standing ...") and "I've hardly slept since
the carer rang" (heard "I'm hardly flipped since ...") tell a feeling with no word of the upset cues: the noun after
"such a" and the verb before "since" are free, as the recogniser may write another (``listening.toml``
``[hardship]``). "Like a" counts only before a fool's word ("I feel like a cup of tea" is a wish); a good or a young
feeling ("such a relief", "like a kid again") and a thing hardly used since stay quiet. Every line is our wording,
none a call's. Text level: milliseconds each."""

from __future__ import annotations

import pytest

from tests.test_listening_haunting_scene import ACK, BARE
from tests.test_quiet_call_classes import _ack

ACKNOWLEDGED = "Oh, I'm so sorry, that must have been horrible for you."

FOOL = [
    "I felt such a fall standing there with everyone watching.",
    "I felt such an idiot in front of the whole class.",
    "We felt such a pair of mugs waiting at the gate.",
    "Honestly I feel like a complete fool for booking it.",
    "I felt like such a failure when she opened it.",
    "I just felt like a right prat at the counter.",
    "I feel like a bad mum for not checking it.",
]

SLEEPLESS = [
    "I've hardly slept since the letter came.",
    "I'm hardly clipped since the man rang.",
    "We've barely eaten since the phone call.",
    "I have scarcely slept since Friday.",
]

NOT_FOOL = [
    "I feel like a cup of tea after all that.",
    "I felt like a walk so I went to the shop myself.",
    "I felt such a relief when it turned up.",
    "We felt such a part of it all, it was lovely.",
    "I felt like a kid again on the bouncy castle.",
    "I feel like a new woman after the massage.",
    "I felt such a buzz when we won.",
    "I've hardly used it since, it's still in the box.",
]


@pytest.mark.parametrize("customer", FOOL + SLEEPLESS)
def test_a_fool_felt_or_sleep_lost_asks_for_an_acknowledgement(customer):
    assert _ack(customer, BARE) == [ACK]


@pytest.mark.parametrize("customer", (FOOL + SLEEPLESS)[::3])
def test_an_acknowledging_reply_answers_it(customer):
    assert _ack(customer, ACKNOWLEDGED) == []


@pytest.mark.parametrize("customer", NOT_FOOL)
def test_a_wish_a_good_feeling_or_a_thing_unused_is_no_feeling_to_name(customer):
    assert _ack(customer, BARE) == []
