"""Session 23, second round (G10, issue 9): the closing rule and a goodbye the recogniser looped on.

A goodbye of :data:`coach.language.closing.LOOP_WORDS` words or more said twice back to back ("We'll see you next
time, see you next time.") is Whisper's loop on a noisy pause, in either speaker's turn (c510, c514), not a close;
a short goodbye doubled ("bye bye", "take care, take care") and a goodbye said once still close. Wording written for
these tests, not taken from the calls."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from tests.test_language_rules import final, kinds, run

OPENING = final("customer", "Hi, I booked a pottery class for Sunday and I need to move it, please.", 2.0)
CLOSE = "check_anything_else"
INFO = final("agent", "No problem, what's the name on the booking?", 9.0, utt="agent-1")

LOOPS = [
    "We'll see you next time, see you next time.",
    "Right, so we'll see you next time, see you next time",
    "Thanks for your help, thanks for your help.",
    "Okay. Have a good day, have a good day.",
    "and we'll speak to you soon, speak to you soon.",
]


def started() -> LanguageCoach:
    coach = LanguageCoach()
    run(OPENING, INFO, coach=coach)
    return coach


@pytest.mark.parametrize("loop", LOOPS)
def test_a_looped_goodbye_ending_an_agent_turn_is_no_close(loop):
    coach = started()
    turn = final("agent", f"Sorry, that came out wrong. I can move you to the Tuesday evening. {loop}", 20.0)
    assert CLOSE not in kinds(run(turn, ticks=(30.0, 40.0), coach=coach))


@pytest.mark.parametrize("loop", LOOPS)
def test_a_looped_goodbye_as_a_customer_turn_opens_no_close(loop):
    coach = started()
    run(final("customer", loop, 14.0), coach=coach)
    reply = final("agent", "And the date was Sunday the fourth?", 18.0, utt="agent-2")
    assert CLOSE not in kinds(run(reply, ticks=(20.0, 30.0), coach=coach))


@pytest.mark.parametrize(
    "goodbye",
    [
        "Lovely, that's you moved to Tuesday. See you next time.",
        "Lovely, that's you moved to Tuesday. Bye bye.",
        "Lovely, that's you moved to Tuesday. Take care, take care.",
        "Lovely, that's you moved to Tuesday. Cheers, bye, bye now.",
        "Lovely, that's you moved to Tuesday. See you next time, bye.",
    ],
)
def test_a_goodbye_said_once_or_a_short_one_doubled_still_closes(goodbye):
    coach = started()
    assert kinds(run(final("agent", goodbye, 20.0), coach=coach)) == [CLOSE]


def test_a_customer_goodbye_said_once_still_opens_the_close():
    coach = started()
    run(final("customer", "Great, we'll see you next time then.", 14.0), coach=coach)
    assert kinds(run(ticks=(30.0,), coach=coach)) == [CLOSE]


@pytest.mark.parametrize(
    "wrap_up",
    [
        "Right, that's the four inch day sorted, shall we?",  # c506's "cheerio" lost, the wrap-up kept
        "Okay, that's your MOT booked in, so long.",
        "Lovely, that's the chimney sweep arranged then, tar or.",
        "Great, that's your membership renewed, cheery bye.",
        "Grand, the new card's on its way, so you are.",  # c512's "see ya" heard as "so you are"
        "Right, the forms are in the post, see ya.",
    ],
)
def test_a_wrap_up_naming_what_was_done_ending_the_turn_is_a_close(wrap_up):
    """Session 23 (G10's classes, applied to the phrase tables by the lead): the goodbye after a wrap-up is heard as
    other words; the wrap-up as the turn's last words tells the close."""
    coach = started()
    assert CLOSE in kinds(run(final("agent", wrap_up, 20.0), ticks=(30.0, 40.0), coach=coach))


@pytest.mark.parametrize(
    "mid_call",
    [
        "Okay, that's your address updated.",
        "Right, that's the first part sorted, now can you read me the meter number on the front?",
        "So that's the parcel sent, and what I need next is the order number from the email.",
        "The engineer's on the way, so you are covered for today and tomorrow, and the visit is free.",
    ],
)
def test_a_wrap_up_mid_call_is_no_close(mid_call):
    coach = started()
    assert CLOSE not in kinds(run(final("agent", mid_call, 20.0), ticks=(30.0, 40.0), coach=coach))
