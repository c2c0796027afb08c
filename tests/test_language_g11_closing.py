"""Session 24, second round (G11, issue 9): three goodbyes of the twenty-third held-out part heard garbled.

Classes (wording written for these tests, not taken from the calls):

- the rest of the outing wished to the customer ("you two enjoy the rest of the trip, bye now", c536, heard "... enjoy
  the rest of the trip by now"): a goodbye, whatever the farewell word after it became;
- the Brummie / Black Country "ta-ra a bit" run together into one word ("Tarabette", c540);
- "see you and <the people> <the day>" as the turn's last words ("see you and the kids thursday", c540, heard "see you
  in the kids Thursday"), not the agent seeing the customer on a screen ("I can see you and your partner on the
  Thursday list").

The phrases are in ``coach/language/phrases.toml`` ([check_anything_else]); these tests run the packaged tables. A
goodbye heard as other words entirely ("good luck with the farmer, see you" heard
"Run, don't let win the farmer, yay yo!", c537) is left: no phrase tells it from a mid-call line.
"""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.language.config import load_language_config
from tests.test_language_rules import final, kinds, run

CONFIG = load_language_config()
CLOSE = "check_anything_else"
OPENING = final("customer", "Hi, I've got a boat trip booked with you for the weekend and a question about it.", 2.0)
INFO = final("agent", "Of course, what's the name on the booking?", 9.0, utt="agent-1")


def started(*, settled: bool = False) -> LanguageCoach:
    coach = LanguageCoach(CONFIG)
    run(OPENING, INFO, coach=coach)
    if settled:
        run(final("customer", "Right. Thank you.", 13.0), coach=coach)
    return coach


def closes(turn: str, *, settled: bool = False) -> bool:
    coach = started(settled=settled)
    return CLOSE in kinds(run(final("agent", turn, 20.0, utt="agent-2"), ticks=(30.0, 40.0), coach=coach))


@pytest.mark.parametrize(
    "turn",
    [
        "Alrighty, you two enjoy the rest of the holiday by now.",  # "bye now" heard as its homophone
        "Right, enjoy the rest of the stay, cheers.",
        "Lovely, have a great rest of the trip.",
        "Okay then, you enjoy the rest of your cruise.",
        "Perfect, enjoy rest of the festival, by now.",
        "Grand, you both enjoy the rest of the honeymoon.",
    ],
)
def test_the_rest_of_the_outing_wished_ends_the_call(turn):
    assert closes(turn)


@pytest.mark.parametrize(
    "turn",
    [
        "So you can enjoy the rest of the trip without worrying about the jet ski, and the refund goes today.",
        "You'll have the rest of the stay free of charge.",
        "The rest of the trip is covered by the insurance, so keep the receipts.",
        "Enjoy the rest of the trip is what the rep said, and then the boat never came back for you?",
    ],
)
def test_the_rest_of_the_outing_mid_call_is_no_close(turn):
    assert not closes(turn)


@pytest.mark.parametrize(
    "turn",
    [
        "Right, I'll get that posted out to you, tarabit.",
        "No bother at all, tarrabet.",
        "Okay, brilliant. Tarabette.",
    ],
)
def test_ta_ra_a_bit_run_together_ends_the_call(turn):
    assert closes(turn)


@pytest.mark.parametrize(
    "turn",
    [
        "Sorted, see you and the kids Thursday.",
        "Great, see you both on Saturday.",
        "Okay, see you and your mum next week then.",
        "Brilliant, see you in the kids Thursday.",  # "and" heard as "in"
        "Lovely, we'll see you and Dave on Sunday morning.",
    ],
)
def test_see_you_and_the_people_on_the_day_ends_the_call(turn):
    assert closes(turn)


@pytest.mark.parametrize(
    "turn",
    [
        "I can see you and your partner on the Thursday list.",
        "I see you in the diary for Monday.",
        "We'll see you and the kids Thursday, and you'll need to bring the booking reference and some photo ID.",
        "Yes, I can see you both on Saturday.",
    ],
)
def test_seeing_them_on_a_screen_or_talking_on_is_no_close(turn):
    assert not closes(turn)


@pytest.mark.parametrize("turn", ["Sorted, see you and the kids Thursday.", "Lovely, have a great rest of the trip."])
def test_an_anything_else_asked_before_still_settles_the_close(turn):
    coach = started(settled=True)
    run(final("agent", "Is there anything else I can help with today?", 15.0, utt="agent-2"), coach=coach)
    run(final("customer", "No, that's everything, thanks.", 18.0), coach=coach)
    assert CLOSE not in kinds(run(final("agent", turn, 21.0, utt="agent-3"), ticks=(30.0, 40.0), coach=coach))
