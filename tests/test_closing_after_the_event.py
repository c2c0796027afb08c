"""Talking again after the event the call waits for, as the agent's last words, closes the call (issue 9, session 49,
C19, in sample: held-out c1126 after the flip). Wording written for these tests, not taken from the calls."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.types import Nudge
from tests.test_language_rules import final


def closes(agent: str) -> bool:
    """Whether ``agent``, the agent's reply to the customer's settled turn late in a call, is nudged as a close."""
    coach = LanguageCoach()
    coach.push(final("customer", "Hi, it's about the refund for the club's trailer that was damaged.", 5.0))
    coach.push(final("agent", "I'll put it to the board when they meet on Monday.", 20.0, utt="agent-1"))
    coach.push(final("customer", "Monday then. I'll post the photos tomorrow.", 30.0))
    found = coach.push(final("agent", agent, 40.0, utt="agent-2"))
    return any(isinstance(n, Nudge) and n.kind == "check_anything_else" for n in found)


@pytest.mark.parametrize(
    ("agent", "nudged"),
    [
        ("Right you are, speak to you after the board meeting.", True),
        ("Grand, talk to you after the committee, tarra.", True),
        ("Lovely, see you after the holidays then.", True),
        ("I'll speak to you after the board meeting about the price, and can I take your postcode?", False),
        ("The assessor will talk to you after the inspection and explain the options in detail for you.", False),
    ],
)
def test_talking_again_after_the_event_as_the_last_words_closes(agent: str, nudged: bool) -> None:
    assert closes(agent) is nudged
