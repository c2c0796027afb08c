"""A hold whose hold words the recogniser lost, read from its time and its errand (issue 9, session 52, H1).

c1214 (quiet): the agent said "That'll be roughly a minute on hold while I look, if you don't mind." and was heard
"I'll be roughly a minute on total while I look if you don't mind."; the customer's "Not at all, I'll hang on." was
withheld, and the 49 s hold read as a look-up's 8 s took two false ``dead_air`` nudges. A short time, one or two
words, then "while / whilst I" and a desk verb is a hold of that time whatever the words between were heard as. A
visit, a job, a task after the time, a time from now or past, and a look-up with no time still read no hold of that
length, so the silence after them stays dead air. The same for a hold asked for a time with "hold" heard as another
word ("I'll put you on told for about a minute", "If you can total for half a minute, I'll check ..."), not a plan
put on or the customer's own task; and the agent back in a moment with "back" heard as another word ("I'll be bag with
you shortly"), not a state, a visit or a send. Sentences written for this test (heard-style garbles included),
not c1214's but the first.
"""

from __future__ import annotations

import pytest

from coach.turns.config import TurnConfig
from coach.turns.holds import classify_hold
from tests.test_holds_bare_duration import run_call

HEARD = [  # (final as heard, seconds announced)
    (
        "I'll catch it round for your side on the mallet, and I'll be roughly a minute on total while I look if you"
        " don't mind.",
        60.0,
    ),
    ("That'll be roughly a minute on hold while I look.", 60.0),
    ("It'll be about two minutes on fold while I check the rota.", 120.0),
    ("Okay, half a minute on fold whilst I find out.", 30.0),
    ("Right, that's a couple of minutes on goal while we check with the yard.", 120.0),
    ("So about forty seconds on told, while I just pull that up.", 40.0),
    ("It'll be a minute or two all whole while I have a look at the diary.", 120.0),
    ("Could be three minutes honestly while I ring the depot.", 180.0),
    ("Just a minute on hole while I ask him.", 60.0),
]


ASKED_HEARD = [  # the customer asked to hold or put on hold, "hold" heard as another word, and the time asked
    ("I'm going to place you on total for a couple of minutes, is that alright?", 120.0),
    ("Okay, I'll put you on goal for around fifteen seconds.", 15.0),
    ("Can I pop you on vote for about a minute?", 60.0),
    ("Thanks. If you can total for half a minute, I'll check whether the payment reached us.", 30.0),
    ("Right, can you cold on for about a minute?", 60.0),
    ("If you could bowl for two minutes, I'll just ring the warehouse.", 120.0),
]


@pytest.mark.parametrize(("text", "seconds"), HEARD + ASKED_HEARD)
def test_a_time_announces_a_hold_when_the_hold_words_were_lost(text: str, seconds: float) -> None:
    assert classify_hold(text, whole=True) == (seconds, False)
    if (text, seconds) in HEARD:  # committed words read the time and its errand too: the errand is said
        assert classify_hold(text, whole=False) == (seconds, False)


@pytest.mark.parametrize(
    "text",
    [
        "He'll be ten minutes in your loft while we check the pipes.",  # a visit: a place word, a long time
        "It was a minute or two on hold while I looked.",  # past
        "I was on hold for about a minute yesterday while I checked.",
        "It needs a minute to warm up while I check.",  # a task after the time
        "He'll be two minutes up the ladder while I check.",  # three words between: a place, not the hold
        "I'll ring you back in a minute on Monday while I check.",  # a time from now
        "It took a few minutes on site while we checked the meter.",
        "Give it ten minutes on low while I check on the oven.",  # a recipe's time: too long to be the line
        "We'll put you on the new tariff for twelve months.",  # a plan: two words, a long time
        "We'll put you on antibiotics for five days.",
        "Could you leave it on for about a minute?",  # the customer's own task
        "If you can stir it for two minutes, I'll check the oven.",
        "If you can log on for a minute, I'll check your account.",
    ],
)
def test_look_alikes_read_no_hold_of_that_length(text: str) -> None:
    reading = classify_hold(text, whole=True)
    assert reading is None or reading[0] is None


@pytest.mark.parametrize(
    "text",
    [
        "I'll be about a minute on the computer while I check.",  # already a hold: the time at the desk
        "Bear with me while I pull that up.",
        "Back in a minute, I'll just check with the team.",
    ],
)
def test_the_hold_words_still_read_as_before(text: str) -> None:
    reading = classify_hold(text, whole=True)
    assert reading is not None and reading[1] is False


@pytest.mark.parametrize(
    "text",
    [
        "Thanks, I'll be bag with you shortly.",  # "back" heard as another word
        "Let me check the diary for the eighteenth, I'll be pack in a tick.",
        "Right, I'll be black in two ticks.",
        "I'll be rat with you in a moment.",  # "right"
    ],
)
def test_the_agent_back_in_a_moment_with_back_misheard_reads_as_said(text: str) -> None:
    said = text.replace("bag", "back").replace("pack", "back").replace("black", "back").replace("rat", "right")
    assert classify_hold(text, whole=True) == classify_hold(said, whole=True) == (None, False)


@pytest.mark.parametrize(
    "text",
    [
        "I'll be in touch with you shortly.",  # a state or a place, not the agent back on the line
        "We'll be out with you in a minute.",
        "We'll be closing in a minute.",  # a verb's "-ing"
        "We'll be delivering in a couple of minutes.",
        "I'll be emailing it to you shortly.",
        "He'll be with you in a minute.",
    ],
)
def test_a_state_a_visit_or_a_send_is_no_hold(text: str) -> None:
    assert classify_hold(text, whole=True) is None


def test_the_heard_hold_keeps_the_silence_quiet_for_its_time() -> None:
    """c1214's shape: the agent's final as heard, the customer's answer not transcribed, a 49 s hold: no dead air."""
    holds, dead_air, _ = run_call(HEARD[0][0], seconds=65.0)
    assert [h.data["announced_s"] for h in holds] == [60.0]
    assert dead_air == []


def test_a_look_up_with_no_time_still_leaves_dead_air_after_its_moment() -> None:
    """Recall kept: "while I look" with no time heard covers a look-up's few seconds; a long silence is nudged."""
    cfg = TurnConfig()
    agent = "I'll catch it round for your side on the mallet, and I'll be on total while I look if you don't mind."
    holds, dead_air, _ = run_call(agent, seconds=40.0)
    assert [h.data["hold_s"] for h in holds] == [cfg.hold_vague_s]
    silence_start = 1.0 + 0.3 * len(agent.split()) + 3.0
    [(at, cue)] = dead_air
    assert at == pytest.approx(silence_start + cfg.hold_vague_s + cfg.hold_vague_grace_s, abs=0.05)
