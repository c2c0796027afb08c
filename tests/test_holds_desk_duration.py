"""A hold read from the time the agent will spend at the desk (session 22, Q20, issue 9; c498's class).

The agent says how long the look-up will take them ("it'll take me a couple of minutes on the system") and
the recogniser loses the hold word ("so I'll pop you on hold" heard "so I'll pop you on to it"): the
agent's own time, a count spent "on the system", is a hold of that length; pricing a job is a look-up (vague,
as "give me two ticks" stays); "that's fine" grants a question that asked to hold. Look-alikes (a task's
length, a wait already had) announce nothing, and the silence after them stays dead air. Sentences written
for this test, not c498's.
"""

from __future__ import annotations

import pytest

from coach.turns.config import TurnConfig
from coach.turns.holds import classify_hold
from tests.test_holds_customer_consent import BACK, CUSTOMER_END, call, checked_in_after_default_hold
from tests.test_holds_from_partials import replay


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("Let me price up the oak door. It will take me a couple of minutes on the system. Is that okay?", 120.0),
        ("It'll take me a few minutes on the computer, so I'll pop you on to it.", 180.0),
        ("That'll take us two minutes on the pricing system, if that's alright?", 120.0),
        ("Right, a couple of minutes on the system and I'll have the figure for you.", 120.0),
        ("This could take me about three minutes, I'm afraid.", 180.0),
    ],
)
def test_a_duration_at_the_desk_is_a_hold_of_that_length(text: str, seconds: float):
    assert classify_hold(text, whole=True) == (seconds, False)


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Let me price that up for you.", True),
        ("I'll cost it out now.", True),
        ("I'll get you a revised quote.", True),
        ("Give me two ticks, I'll price it up.", True),  # a few seconds, as "give me a second"
    ],
)
def test_pricing_is_a_look_up(text: str, vague: bool):
    assert classify_hold(text, whole=True) == (None, vague)


@pytest.mark.parametrize(
    "text",
    [
        "I spent twenty minutes on the system yesterday.",
        "The system was down for ten minutes.",
        "You waited ten minutes on the system.",
        "It takes a couple of minutes to install, is that okay?",
        "The price is up this year.",
        "It costs a lot more in oak.",
        "The kettle will take a couple of minutes to boil.",
    ],
)
def test_look_alikes_announce_no_hold(text: str):
    assert classify_hold(text, whole=True) is None


GARBLED = "Let me price up the oak door with the brass hinges. It will take me a couple of minutes on the system. So I'll pop you on to it. Is that okay?"  # noqa: E501


@pytest.mark.parametrize("answer", ["I go ahead.", "Yes, that's fine.", "That's okay."])
def test_the_desk_duration_covers_the_wait_whatever_the_answer(answer: str):
    holds, dead_air = replay(call(GARBLED, answer), TurnConfig(), until=BACK + 2.0)
    assert holds and holds[-1].data["announced_s"] == 120.0
    assert dead_air == []  # the 90 s wait is quiet


def test_a_task_length_with_no_hold_leaves_the_silence_dead_air():
    """A task's length ("It takes a couple of minutes to install") then an unexplained silence: dead air."""
    cfg = TurnConfig()
    holds, dead_air = replay(call("It takes a couple of minutes to install, is that okay?", "Go ahead."), cfg)
    assert holds == []
    at, cue = dead_air[0]
    assert at == pytest.approx(CUSTOMER_END + cfg.dead_air_s, abs=0.1) and "on_hold" not in cue.evidence


def test_that_s_fine_grants_a_question_to_check_with_no_duration():
    cfg = TurnConfig()
    holds, dead_air = replay(call("Let me price that up for you, is that okay?", "That's fine."), cfg)
    assert [h.data["hold_s"] for h in holds] == [cfg.hold_default_s]  # the look-up alone is a plan (H20), no hold
    checked_in_after_default_hold(dead_air, cfg)


def test_that_s_fine_after_a_statement_agrees_to_nothing():
    cfg = TurnConfig()
    holds, dead_air = replay(call("Let me price that up for you.", "That's fine."), cfg)
    assert holds == []  # a look-up stated as a plan explains no silence (H20)
    assert dead_air[0][0] == pytest.approx(CUSTOMER_END + cfg.dead_air_s, abs=0.05)
    holds, dead_air = replay(call("Let me just price that up for you.", "That's fine."), cfg)
    assert [h.data["hold_s"] for h in holds] == [cfg.hold_vague_s]
    assert dead_air[0][0] == pytest.approx(CUSTOMER_END + cfg.hold_vague_s + cfg.hold_vague_grace_s, abs=0.05)
