"""Session 25, second round (G12, issue 9): three goodbyes of the twenty-fourth held-out part heard garbled.

Classes (wording written for these tests, not taken from the calls):

- a booking confirmed as the turn's last words, "that's you booked in (then)", its farewell heard as other words
  ("smashing, that's you booked in then, cheerio", c554, heard "... that's you booked in the interior."); not "you're
  booked in" (the answer to "am I booked in?" mid-call);
- "see you on the <date>" as the turn's last words, whatever the recogniser made of the date ("see you on the ninth, ta
  ra", c560, heard "See you on the night. Ah, rah."); not someone else seeing the customer on a date ("the nurse can
  see you on the ninth") or the agent seeing them on a record ("I see you on the waiting list");
- "see you" after the day or the time the call booked, as the turn's last words ("sorted then, Tuesday at
  eight, see you, tara", c564, heard "... Tuesday at 8, see you, turn up.").

The phrases are in ``coach/language/phrases.toml`` ([check_anything_else] ``closing_tail_cues`` and ``not_tail``):
these tests run the packaged tables. Still left: a goodbye heard as other words entirely as the call's last turn
("good luck with the farmer, see you" heard "Run, don't let win the farmer, yay yo!", c537): only the call's end tells
it from a mid-call line, and the language rules are not told of it.
"""

from __future__ import annotations

import pytest

from tests.test_language_g11_closing import CLOSE, closes, started
from tests.test_language_rules import final, kinds, run


@pytest.mark.parametrize("settled", [False, True])
@pytest.mark.parametrize(
    "turn",
    [
        "Lovely, that's you booked in then, the rear.",  # "cheerio" heard as other words
        "Right, that's you booked in, to run.",
        "Perfect, that's you both booked in now.",
        "Champion, that's you all pencilled in then.",
        "Okay, that's you in the diary, tie.",
        "Okay, that is everyone signed up for you.",
    ],
)
def test_booked_in_ending_the_turn_ends_the_call(turn, settled):
    assert closes(turn, settled=settled)


@pytest.mark.parametrize(
    "turn",
    [
        "Yes, you're booked in.",  # answering "am I booked in?"
        "That's you booked in for the Tuesday, and now I need a contact number for the driver.",
        "So that's you booked in, but the deposit still has to go through before the ninth.",
        "Was that you booked in under your maiden name?",
    ],
)
def test_booked_in_mid_call_is_no_close(turn):
    assert not closes(turn)


@pytest.mark.parametrize("settled", [False, True])
@pytest.mark.parametrize(
    "turn",
    [
        "Right you are, see you on the night. Tah.",  # "the ninth, ta ra" as the recogniser may write it
        "Okay then, see you on the twelfth.",
        "Great, catch you on the fifth, love.",
        "Lovely, see you on the 3rd.",
        "Brilliant, see you the tenth then.",
        "Champion. We'll see you on the twenty first.",
    ],
)
def test_see_you_on_the_date_ending_the_turn_ends_the_call(turn, settled):
    assert closes(turn, settled=settled)


@pytest.mark.parametrize(
    "turn",
    [
        "The nurse can see you on the ninth.",
        "I see you on the waiting list.",
        "Dr Shah could see you on the twelfth.",
        "We can see you on the monitor.",
        "So you'll see on the ninth whether the parts have come in, and then we can book the fitting.",
        "The fitter will see you at ten.",
    ],
)
def test_someone_seeing_the_customer_is_no_close(turn):
    assert not closes(turn)


@pytest.mark.parametrize("settled", [False, True])
@pytest.mark.parametrize(
    "turn",
    [
        "Done then, Friday at 9, see you, turn.",  # "tara" heard as other words
        "Right, that's Monday morning, see you, terror.",
        "Grand, half past four tomorrow, see you.",
        "Sorted, eleven o'clock, see you there.",
    ],
)
def test_see_you_after_the_day_or_time_ends_the_call(turn, settled):
    assert closes(turn, settled=settled)


@pytest.mark.parametrize(
    "turn",
    [
        "On Tuesday I see you had a parcel returned, is that the one?",
        "Tuesday at eight, see you're down for two tables, and the fee is waived.",
        "Yes, I can see you there.",
        "Let me see, you had the appointment on Monday at ten, and the engineer did not turn up.",
    ],
)
def test_see_you_mid_call_is_no_close(turn):
    assert not closes(turn)


def test_a_date_see_you_after_anything_else_was_asked_is_no_nudge():
    coach = started()
    run(final("agent", "Is there anything else I can help with today?", 14.0, utt="agent-2"), coach=coach)
    run(final("customer", "No, that's all, thanks.", 17.0), coach=coach)
    said = run(
        final("agent", "Lovely, see you on the night then, bye.", 20.0, utt="agent-3"), ticks=(30.0,), coach=coach
    )
    assert CLOSE not in kinds(said)
