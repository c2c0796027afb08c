"""Goodbyes said to someone in the room, not to the agent (issue 9, session 55, C25): a lone "bye" after an agent
final that is only a filler or a moment asked ("Okay.", "Hmm.", "Let me see.": :func:`closing._filler`, the agent
about to work in silence), and any goodbye after the customer asked the agent to wait ("Oh, hang on one second.":
:func:`closing._steps_away`, c1288's shape, in sample) open no close; the real close after them is still nudged.
Wording written for these tests, apart from the heard line marked."""

from __future__ import annotations

import pytest

from coach.language.closing import _filler, _steps_away
from tests.test_closing_answer_tail import closing_nudges

ROOM_BYE = "Sorry, bye love!"
CLOSE = ("agent", "Lovely, that's all sorted, bye now.")
FILLERS = [
    "Okay.",
    "Hmm.",
    "Mm-hm.",
    "Right then.",
    "Hmm. Okay, right.",
    "Let me see.",
    "One moment.",
    "Okay, let me see.",
]
NOT_FILLERS = [
    "Okay, that's booked.",
    "Right, see you then.",
    "Let me see if the van's free on Tuesday.",
    "One moment of your time for a survey, if you would.",
    "Okay, seven one nine.",
    "Right, you're all set.",
    "Thanks.",
    "Lovely.",
    "Perfect, that's the lot.",
    "Yeah, no problem at all.",
]


@pytest.mark.parametrize("line", FILLERS)
def test_a_lone_bye_after_a_filler_is_said_in_the_room(line: str) -> None:
    assert _filler(line)
    turns = (("customer", "Can you see when the engineer's due?"), ("agent", line), ("customer", ROOM_BYE))
    assert closing_nudges(*turns, tick_s=60.0) == []
    later = (*turns, ("agent", "Thursday between eight and twelve."), ("customer", "Great, thanks."), CLOSE)
    assert len(closing_nudges(*later)) == 1  # the rule stays armed for the real close


@pytest.mark.parametrize("line", NOT_FILLERS)
def test_other_short_agent_finals_are_no_filler(line: str) -> None:
    assert not _filler(line)


@pytest.mark.parametrize("answer", ["Thanks for your help, bye.", "Cheers, that's all, bye!"])
def test_thanks_after_a_filler_is_said_to_the_agent_and_closes(answer: str) -> None:
    turns = (("customer", "Can you see when the engineer's due?"), ("agent", "Okay."), ("customer", answer))
    assert len(closing_nudges(*turns, tick_s=60.0)) == 1


STEPS_AWAY = [
    "Thirty pounds each, please. Oh, hang on one second, Hepsie.",
    "30 pound siege, please. second.",  # c1288 at 26.5 s as heard
    "Sorry, one sec.",
    "Hold on a second, love.",
    "Just a moment.",
    "Bear with me.",
    "Give me a sec.",
]
NOT_STEPS_AWAY = [
    "Wait, a real rabbit?",
    "Give me a call back tomorrow.",
    "Second, the lid is cracked and the hinge is bent.",
    "Hold on, is that the total?",
    "I will hang onto the receipt.",
    "Hang on, that is not right at all, you said Tuesday.",
    "It was the second one I ordered.",
    "Hold onto it until Friday, please.",
    "Just a moment ago it worked fine.",
    "One moment it's hot, the next it's freezing, the thermostat is broken.",
]
ROOM_TALK = "Have you got your bus pass? Right, thanks for doing the bins, love. Have a good day at college, bye bye!"


@pytest.mark.parametrize("line", STEPS_AWAY)
def test_a_goodbye_after_the_customer_asked_the_agent_to_wait_opens_no_close(line: str) -> None:
    assert _steps_away(line)
    turns = (
        ("agent", "How much would you like to put on each?"),
        ("customer", line),
        ("customer", ROOM_TALK),
        ("customer", "Sorry about that, that was my eldest off out."),
    )
    assert closing_nudges(*turns, tick_s=60.0) == []


@pytest.mark.parametrize("line", NOT_STEPS_AWAY)
def test_other_customer_lines_do_not_step_away(line: str) -> None:
    assert not _steps_away(line)


def test_the_agent_speaking_again_ends_the_wait_and_the_close_after_it_is_nudged() -> None:
    turns = (
        ("customer", "Hang on one second."),
        ("agent", "No problem."),
        ("customer", "Okay, that's all, thanks, bye!"),
    )
    assert len(closing_nudges(*turns, tick_s=60.0)) == 1


def test_the_agents_own_goodbye_after_the_room_talk_still_closes() -> None:
    turns = (("customer", "Oh, hang on one second."), ("customer", ROOM_TALK), CLOSE)
    assert len(closing_nudges(*turns)) == 1


# After the matter is done and the customer settled or thanked, a filler is the call winding down, not the agent
# starting to work: the customer's goodbye after it is their close (session 55, R20, after C25's round two).
WOUND_DOWN = [
    ("Lovely, that's great.", "Okay.", "Okay, bye."),
    ("Lovely, that's great.", "Right then.", "Bye."),
    ("Perfect.", "Okay, right.", "Okay, bye bye."),
    ("Cheers.", "Mm-hm.", "Bye then."),
    ("That's fine.", "Yes, sure.", "Okay, bye."),
]


@pytest.mark.parametrize(("settled", "filler", "bye"), WOUND_DOWN)
def test_a_goodbye_after_a_filler_once_the_customer_settled_closes(settled: str, filler: str, bye: str) -> None:
    assert _filler(filler)
    turns = (
        ("customer", "Hi, my bin wasn't emptied this week and I'd like it collected, please."),
        ("agent", "I've booked a crew for Thursday morning to pick it up, you'll get a text the day before."),
        ("customer", settled),
        ("agent", filler),
        ("customer", bye),
    )
    assert len(closing_nudges(*turns, tick_s=60.0)) == 1


@pytest.mark.parametrize("answer", ["Right, thanks very much, bye.", "Oh lovely, ta, bye."])
def test_any_thanks_with_the_goodbye_after_a_filler_closes(answer: str) -> None:
    turns = (("customer", "Can you see when the engineer's due?"), ("agent", "Okay."), ("customer", answer))
    assert len(closing_nudges(*turns, tick_s=60.0)) == 1
