"""A reply that says again the agent's own words, which the customer took up before complaining, is no mirror (issue 9;
session 52, Q50): "Table nine by the window is lovely. But last time the soup came cold and the bill was wrong."
answered "So that's table nine by the window, and shall I take a card for the deposit?" tells back the agent's offer,
not the complaint, and is nudged for a mirror; a reply that tells the complaint back is not, nor one that tells back
words the customer brought to the call that the agent's turn before had not said. Through the product's composition
(``scripts/replay_listening``); the wordings are written for this test, not the calls' sentences (milliseconds).
"""

from __future__ import annotations

import pytest

from coach.language.listening import _not_echoed
from tests.test_language_rules import final
from tests.test_listening_unsure_cue import LISTENING, replay

# (the agent's offer, the customer taking it up then complaining, a reply echoing the offer, a reply mirroring)
CASES = [
    (
        "I can give you table nine by the window on Friday evening at half seven.",
        "Table nine by the window on Friday sounds lovely. But last time we came the soup was stone cold and the "
        "bill had been overcharged by twenty pounds, and nobody ever answered my email about it.",
        "So that's table nine by the window on Friday at half seven. Shall I take a card for the deposit?",
        "So last time the soup was stone cold and you were overcharged twenty pounds on the bill, and nobody "
        "answered your email.",
    ),
    (
        "There's a van slot on Tuesday morning between eight and ten for the sofa collection.",
        "Tuesday morning between eight and ten for the sofa is fine. Only the last driver never turned up, and I "
        "waited in all day with the sofa in the hallway.",
        "Lovely, so Tuesday morning between eight and ten for the sofa. Can I take the postcode?",
        "So the last driver never turned up and you waited in all day with the sofa in the hallway.",
    ),
    (
        "Your boiler service can be on the fourth, with the engineer arriving after lunch.",
        "The fourth after lunch for the boiler service suits me. Although the engineer last year left the boiler "
        "leaking all over the kitchen floor.",
        "Right, so the boiler service on the fourth after lunch, engineer booked. What's the account number?",
        "So last year the engineer left the boiler leaking all over your kitchen floor.",
    ),
]


def _call(offer: str, turn: str, reply: str) -> list[str]:
    events = [final("agent", "Good afternoon, Harbour Bookings, Sam speaking.", 0.0, utt="agent-1")]
    events.append(final("customer", "Hello, I'd like to book with you again please.", 2.0, utt="customer-2"))
    events.append(final("agent", offer, events[-1]["at"] + 0.5, utt="agent-3"))
    events.append(final("customer", turn, events[-1]["at"] + 1.0, utt="customer-4"))
    events += [final("agent", reply, events[-1]["at"] + 0.5, utt="agent-5"), {"type": "speech", "at": 90.0}]
    return [n.kind for _, n in replay.replay_events(events, LISTENING)]


@pytest.mark.parametrize(("offer", "turn", "echo", "mirror"), CASES)
def test_a_reply_saying_the_agents_own_offer_again_is_nudged(offer, turn, echo, mirror):
    assert "mirror_complaint" in _call(offer, turn, echo)


@pytest.mark.parametrize(("offer", "turn", "echo", "mirror"), CASES)
def test_a_reply_telling_the_complaint_back_is_not_nudged(offer, turn, echo, mirror):
    assert "mirror_complaint" not in _call(offer, turn, mirror)


def test_the_customers_own_words_still_count_when_the_agent_had_not_said_them():
    offer = "Let me see what we have for you next week."
    turn = CASES[0][1]
    reply = "So table nine by the window on Friday at half seven, and the soup was stone cold. Shall I take a card?"
    assert "mirror_complaint" not in _call(offer, turn, reply)


@pytest.mark.parametrize(
    ("reply", "echoed", "gone", "kept"),
    [
        ("So that's pitch fourteen with power.", "Pitch fourteen has power.", {"pitch", "power"}, {"so", "that's"}),
        ("So the driver never turned up.", "", set(), {"driver", "never", "turned"}),
        ("The windows by the sofa.", "a window and sofas", {"windows", "sofa"}, {"the", "by"}),
    ],
)
def test_not_echoed_drops_the_words_the_agent_said(reply, echoed, gone, kept):
    left = set(_not_echoed(reply, echoed).lower().replace(".", "").split())
    assert not gone & left
    assert kept <= left
