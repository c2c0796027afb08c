"""The agent's goodbye said as letting the customer go ("Right, I won't keep you any longer"), the Scots "that's you
then" (you're done) and "that's all from me" close the call only as the turn's last words; the same words mid-call
("I won't keep you long", "that's everything from me on the billing side, now ...") go on (issue 9, session 48, C18).
Wording written for these tests, not taken from the calls or the lists."""

from __future__ import annotations

import pytest

from tests.test_language_wording import closing_fired


@pytest.mark.parametrize(
    ("text", "closes"),
    [
        ("Okay, I won't keep you any longer.", True),
        ("Right, I'll not keep you, pet.", True),
        ("Lovely, I'll not hold you up.", True),
        ("Grand, we won't keep you any more then.", True),
        ("Righto, that's you then.", True),
        ("Lovely, that's you now.", True),
        ("Okay, that's everything from me.", True),
        ("Brilliant, that's all from my end.", True),
        ("I won't keep you long.", False),
        ("Right, I won't keep you waiting.", False),
        ("I'll not keep you a minute, it's just your postcode.", False),
        ("Okay, I won't keep you on hold.", False),
        ("I won't hold you up for long, just two questions.", False),
        ("That's everything from me on the billing side, now the delivery.", False),
        ("If the part fails again, that's it from us.", False),
    ],
)
def test_letting_the_customer_go_closes_only_as_the_turns_last_words(text, closes):
    assert closing_fired(text) is closes


@pytest.mark.parametrize(
    ("text", "closes"),
    [
        ("I will, sure. Right so, bye, bye, bye bye bye.", True),  # one goodbye said over and over (c920's class)
        ("Okay, bye bye bye, and the form is in the post for you, with the receipt.", False),  # words go on after it
    ],
)
def test_a_goodbye_said_over_and_over_ends_the_turn(text, closes):
    assert closing_fired(text) is closes


@pytest.mark.parametrize(
    ("text", "closes"),
    [
        # the recogniser's subtitle farewell glued on after an article (quiet c1118's class): no goodbye stands there
        ("Okay, so the fitter comes round on the See you next time.", False),
        ("Okay, the fitter comes round on Tuesday. See you next time.", True),
        ("Right, the fitter's booked for your Bye.", False),
        ("Right, the fitter's booked for you, bye.", True),
        ("The deposit comes back to you, with all our best wishes to the couple.", True),
    ],
)
def test_a_goodbye_after_an_article_is_glued_on_not_said(text, closes):
    assert closing_fired(text) is closes


@pytest.mark.parametrize(
    ("text", "closes"),
    [
        # session 51 (C21, c1066's class, in sample): ... after a preposition, "We'll" / "I'll" opening it, and the
        # goodbyes after it in the turn are the same farewell
        ("The fitter can't get the boiler out of the cupboard in We'll see you next time. Bye bye.", False),
        ("So the fitter brings the new valve round to See you next time.", False),
        ("Right, the fitter's coming on Tuesday with I'll see you then.", False),
        ("Right, the fitter comes in the morning, I'll see you then.", True),
        ("Just pop the form in, we'll see you next time, bye.", True),
        ("The fitter's coming on Tuesday. Bye bye.", True),
        # session 51 (C21, c1177's class, in sample): a wrap-up tail cue ending a sentence of over 40 words is the
        # recogniser's ending to a long explanation, as a goodbye there is (AGENT_GLUED_GOODBYE_WORDS)
        (
            "The sticks are the moulded ones that don't warp in the pool, and the pucks are the standard lead core with"
            " the coating so they don't scratch the floor, and the whole lot comes in a mesh bag you can drop straight"
            " in to rinse, and clubs up north have used the same sets for three seasons now we're out.",
            False,
        ),
        ("Right, the sticks and the pucks are on the order now, we're out.", True),
    ],
)
def test_a_farewell_glued_on_or_ending_a_long_explanation_is_no_goodbye(text, closes):
    assert closing_fired(text) is closes
