"""The closing rule reads the customer's short goodbye straight after an agent turn as the customer answering
the agent's goodbye (``closing.REPLY_GOODBYE_WORDS``): the agent has closed even when the recogniser lost
their goodbye, so the nudge fires on the customer's final, not ``wait_s`` later. Wording written for these
tests, not taken from the calls."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from tests.test_language_rules import final, kinds, run

OPENING = final("customer", "Hi, my bin wasn't emptied this week and I'd like it collected, please.", 2.0)
INFO = final("agent", "I've booked a crew for Thursday morning to pick it up.", 10.0, utt="agent-1")
LOST_GOODBYE = final("agent", "Right, that's you, but didn't carry you.", 20.0, utt="agent-2")  # goodbye misheard


def started() -> LanguageCoach:
    coach = LanguageCoach()
    run(OPENING, INFO, coach=coach)
    return coach


@pytest.mark.parametrize("reply", ["Oh, okay, bye.", "Oh. Bye.", "Cheers, bye.", "Oh. Right, bye then."])
def test_a_short_goodbye_answering_the_agent_is_a_close_at_once(reply):
    coach = started()
    assert run(LOST_GOODBYE, coach=coach) == []
    nudges = run(final("customer", reply, 24.0), coach=coach)  # fires on the customer's final, no wait
    assert kinds(nudges) == ["check_anything_else"]
    assert nudges[0].evidence["agent_said"].startswith("Right, that's you")


def test_a_mid_call_thanks_is_not_a_close():
    coach = started()
    assert run(final("customer", "Okay, thanks.", 16.0), ticks=(17.0, 20.0, 30.0), coach=coach) == []


def test_a_longer_goodbye_still_waits_for_the_agents_ask():
    coach = started()
    assert run(final("customer", "Brilliant, thanks so much for all your help today.", 16.0), coach=coach) == []
    asked = final("agent", "You're welcome. Is there anything else I can help with?", 20.5, utt="agent-2")
    assert run(asked, ticks=(22.0, 30.0), coach=coach) == []


def test_a_short_goodbye_after_a_question_is_no_close():
    coach = started()
    run(LOST_GOODBYE, coach=coach)
    reply = final("customer", "Okay, but when? Bye.", 24.0)  # the customer waits for the answer
    assert run(reply, ticks=(26.0, 30.0), coach=coach) == []


def test_a_short_goodbye_after_the_agent_asked_is_no_nudge():
    coach = started()
    run(final("agent", "Lovely. Is there anything else at all?", 20.0, utt="agent-2"), coach=coach)
    assert run(final("customer", "Oh. Bye.", 24.0), ticks=(26.0, 30.0), coach=coach) == []


def test_a_short_goodbye_that_does_not_follow_an_agent_turn_waits():
    coach = started()
    run(final("customer", "Okay, I'll put the bin out front.", 16.0), coach=coach)
    assert run(final("customer", "Right, bye.", 19.0), coach=coach) == []  # the customer's own close: wait_s
    assert kinds(run(ticks=(30.0,), coach=coach)) == ["check_anything_else"]


def test_a_goodbye_heard_as_two_short_finals_is_one_answer():
    coach = started()
    run(LOST_GOODBYE, coach=coach)
    assert run(final("customer", "Cool.", 23.3), coach=coach) == []  # "Oh." as its own final
    assert kinds(run(final("customer", "Bye.", 24.2), coach=coach)) == ["check_anything_else"]
