"""A customer's short goodbye while the agent looks something up is said to someone in the room, not an answer to the
agent's close (``closing._looks_up_now``, session 54, C24, after helper C23's probe of session 53): when its every
goodbye is a lone "bye", it neither fires the close at once nor waits ``wait_s`` to, and the rule stays armed for the
call's real close (thanks or "that's all" said then still open the close: tests/test_closing_classes.py). A close
whose goodbye the recogniser lost, answered by the customer's goodbye, still fires at once, whatever look-up-like
words it holds (a promise for later, "let me know", "I'm just glad"). Wording written for these tests, not taken from
the calls."""

from __future__ import annotations

import pytest

from coach.language.closing import _looks_up_now
from tests.test_language_closing_reply import started
from tests.test_language_rules import final, kinds, run

LOOK_UPS_NOW = [
    "Let me just check the crew's route for you.",
    "One moment while I pull that up.",
    "I'm just looking at the schedule now.",
    "Right, let me have a look at the diary.",
    "Okay, I'm checking the stock now.",
    "Just a sec, I'll bring your account up.",
    "Give me a second to check the system.",
    "Lovely. We're just pulling your details up.",
    "Let me just bring your saved details up.",
    "I'm just looking for the order now.",
]
ROOM_BYES = ["Oh, bye Dave.", "Sorry, bye love!", "Bye, Jim.", "Okay. Bye Sam."]

# Closes whose goodbye was lost in hearing, in words a look-up shares (a promise, "let me know", "while I have you")
LOST_CLOSES = [
    "Lovely, let me know if it doesn't turn up by Friday.",
    "I'll check on it tomorrow and ring you back.",
    "Right, I'll get that booked and you'll have the text tonight.",
    "I'm just glad we got it sorted for you.",
    "That's all done, I'm sending the receipt now, so I will have my.",
    "Brilliant, we'll see how it goes then.",
    "Let's hope the weather holds for you.",
    "I'll just pop the confirmation in the post for you.",
    "Okay, I'm booking you in for nine, I'll go to the floor.",
    "Great, I'm looking forward to seeing the photos.",
    "Hang on to the receipt, the refund has gone through.",
    "Okay, while I have you, that's the refund gone through.",
    # work done for the customer, narrated as the call closes (helper R19's read of round one)
    "I'm just sending the confirmation email now, it should be with you shortly.",
    "I'm just updating your notes now so it's all on file.",
    "Lovely, I'm just popping the reference number through to your phone.",
    "We're just processing the refund now, it'll show in three days.",
    "Let me just pop that in the post to you today.",
]
# ... and work told in look-up words that seeks nothing: looking forward, checking out (leaving), a thing got into a
# state ("tidied up": a past form before "up"); helper R19's look-alikes (session 54) and R21's (session 56)
SEEKS_NOTHING = [
    "Let me get that all tidied up for you now.",
    "I'm just looking forward to the weekend now, to be honest.",
    "Right, I'm just checking out of the system now, you're all done.",
    "I'm just getting your new card lined up now, it'll be with you Friday.",
    "Let me get you signed up for the paperless bills now.",
    "We're just getting the van loaded up now, it leaves at two.",
    "I'm just looking forward to getting you sorted, to be honest.",
    "Right, let me get this all wrapped up for you now.",
    "Okay, I'm just checking out of your account now, it's all saved.",
    "Let me just get the last bits tidied up and you're done.",
    "We're just getting your order packed up now, it's all paid.",
]
# ... and two that close by their own words: no look-up either
CLOSING_NARRATION = [
    "Right, I'm just confirming that's all booked for Thursday.",
    "We're just closing the ticket now, so you're all sorted.",
]


@pytest.mark.parametrize(("look_up", "bye"), [(lu, ROOM_BYES[i % len(ROOM_BYES)]) for i, lu in enumerate(LOOK_UPS_NOW)])
def test_a_goodbye_during_a_look_up_is_no_close(look_up, bye):
    coach = started()
    assert run(final("agent", look_up, 20.0, utt="agent-2"), coach=coach) == []
    assert run(final("customer", bye, 23.0), ticks=(24.0, 30.0, 40.0), coach=coach) == []


def test_the_rule_stays_armed_for_the_real_close_after_the_look_up():
    coach = started()
    run(final("agent", LOOK_UPS_NOW[0], 20.0, utt="agent-2"), coach=coach)
    assert run(final("customer", ROOM_BYES[0], 23.0), ticks=(30.0,), coach=coach) == []
    back = final("agent", "Right, they're on their way to you now. Lovely, bye for now.", 36.0, utt="agent-3")
    assert kinds(run(back, coach=coach)) == ["check_anything_else"]


@pytest.mark.parametrize("close", LOST_CLOSES)
def test_a_lost_close_answered_by_the_customers_goodbye_still_fires_at_once(close):
    coach = started()
    assert run(final("agent", close, 20.0, utt="agent-2"), coach=coach) == []
    assert kinds(run(final("customer", "Oh, okay, bye.", 24.0), coach=coach)) == ["check_anything_else"]


@pytest.mark.parametrize("line", [*LOST_CLOSES, *CLOSING_NARRATION, *SEEKS_NOTHING])
def test_plain_lines_are_no_look_up_now(line):
    assert not _looks_up_now(line)


@pytest.mark.parametrize("line", LOOK_UPS_NOW)
def test_look_ups_done_now_are_read(line):
    assert _looks_up_now(line)
