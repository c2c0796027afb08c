"""Thanks then a short goodbye straight after an agent final answers the agent's close (issue 9, session 56, C26):
"Thanks, Aldwyn, bye now." heard "Thanks, old wind. Bye now." (c1270 at 137.3 s, the agent's "tara" heard "In the
meantime,") nudges at once, as "Cheers, bye." does, instead of waiting ``wait_s`` for an ask (which put c1270's nudge
after the close's window). Thanks *for* something, or with news of the customer's own, may open the close with the
agent's ask still to come, and waits as before. Wording written for these tests, apart from the heard line marked."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.types import Nudge, seconds_to_samples
from tests.test_language_rules import final

OPENING = final("customer", "Hi, I'd like to book the hoist for Thursday, please.", 2.0)
AGENT = "Grand, Thursday morning it is then."


def nudges_at_the_reply(reply: str) -> list[Nudge]:
    """The closing nudges given at the customer's ``reply`` (no tick: before ``wait_s`` runs out), after an agent
    final with no ask and no goodbye heard, 60 s into a call, answering a request (so no close by the call's shape)."""
    coach = LanguageCoach()
    coach.push(OPENING)
    coach.push(final("agent", "Right, that's the hoist booked and the sling on the van.", 30.0, utt="agent-1"))
    coach.push(final("customer", "And I'd like the driver to bring two sizes of sling.", 40.0))
    coach.push(final("agent", AGENT, 60.0, utt="agent-2"))
    out = coach.push(final("customer", reply, 63.0))
    return [n for n in out if isinstance(n, Nudge) and n.kind == "check_anything_else"]


@pytest.mark.parametrize(
    "reply",
    [
        "Thanks, old wind. Bye now.",  # c1270 as heard
        "Thank you very much, bye.",
        "Thanks ever so much, bye then.",
        "Oh, thanks a lot, bye now.",
        "Right, cheers again, bye now.",
        "Thanks, Mrs Jones, bye.",
        # helper R21's (session 56) on round 2b: short thanks for something, and fillers before the thanks
        "Cheers for that, bye.",
        "Thanks for that. Bye.",
        "Right, thanks, Aldwyn Jones, bye.",
        "Oh okay, thanks, Dan, bye now.",
    ],
)
def test_thanks_then_a_short_goodbye_answers_the_agents_close_at_once(reply: str) -> None:
    assert len(nudges_at_the_reply(reply)) == 1


@pytest.mark.parametrize(
    "reply",
    [
        "Okay, thanks for your help, bye.",
        "Thanks for sorting the hoist, bye.",
        "Thanks, I'll ring tomorrow, bye.",
        "Thanks, the van is due, bye.",
        "Thank you, my parcel, bye.",
        "Thanks, we'll manage then, bye.",
        "Thanks, that's the lot, bye.",
        "Thank you so much, Aldwyn, bye now then.",
        "Thanks, it's booked then, bye.",
        "Cheers, they'll be pleased, bye.",
        "Thanks, is that the earliest? Bye.",
        "Thank you. That's all I wanted.",
        "Cheers. It's all sorted, bye.",
    ],
)
def test_thanks_with_more_said_still_waits_for_the_ask(reply: str) -> None:
    assert nudges_at_the_reply(reply) == []


def test_the_ask_after_a_thanked_goodbye_that_waits_leaves_no_nudge() -> None:
    coach = LanguageCoach()
    coach.push(OPENING)
    coach.push(final("agent", AGENT, 60.0, utt="agent-1"))
    coach.push(final("customer", "Thanks, I'll ring tomorrow, bye.", 63.0))
    out = coach.push(final("agent", "Before you go, is there anything else I can help with?", 64.5, utt="agent-2"))
    out += coach.tick(seconds_to_samples(80.0))
    assert [n for n in out if isinstance(n, Nudge) and n.kind == "check_anything_else"] == []
