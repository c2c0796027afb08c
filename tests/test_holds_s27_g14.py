"""Session 27, second round, G14 (issue 9): a wait asked for a stated time whose hold verb was mis-heard.

c618 (quiet): "Would you mind holding for a minute or so?" was written "... new mind folding for a minute or so.": no
hold was read, and the 46 s hold kept in time was nudged as dead air 6 s in (and again). The class: the request's
frame ("mind", or "can / could / would / will you"), one word for the verb, then "for" a count and unit as the
utterance's last words, read in a final only. A duration alone still leaves real dead air alone: a task's length, a
wait already had, or a minute of something with words after it announce nothing. The wordings are new (none from a
call). Driven on an injected timeline of 32 ms frames (call time only).
"""

from __future__ import annotations

import pytest

from coach.turns.config import TurnConfig
from coach.turns.holds import classify_hold
from tests.test_holds_from_partials import AGENT_END, AGENT_START, CUSTOMER_END, call, replay, words

REQUESTS = [  # (the agent's final, announced seconds): no other hold word, look-up or duration shape in them
    ("Okay, so the blue ones. Would you mind folding for a minute or so?", 60.0),
    ("Right, do you mind hoping for about two minutes.", 120.0),
    ("Right, could you old for a couple of minutes?", 120.0),
    ("Okay, will you hone for 40 seconds?", 40.0),
]


@pytest.mark.parametrize(("text", "announced"), REQUESTS)
def test_a_wait_asked_for_a_stated_time_ending_the_final_is_a_hold(text: str, announced: float) -> None:
    assert classify_hold(text, whole=True) == (announced, False)


@pytest.mark.parametrize(
    "text",
    [
        "The courier takes a minute or so to arrive once it's out.",  # a task's length, words after it
        "I've been waiting for a minute or so.",  # a wait had: no request
        "Could you leave it for a minute or so to settle?",  # words after the time
        "Would you mind paying for a month up front?",  # a month is no wait on the line
        "You pay for a minute or so.",  # no request frame
        "The alarm sounds for about two minutes.",
    ],
)
def test_a_duration_without_the_request_or_with_words_after_it_is_no_hold(text: str) -> None:
    assert classify_hold(text, whole=True) is None


def test_the_request_is_read_only_in_a_final() -> None:
    """A partial's committed words may go on ("... for a minute or so, and then it'll restart"), so only the final
    reads the mis-heard request."""
    assert classify_hold("would you mind folding for a minute or so") is None


def test_a_garbled_hold_request_kept_in_time_is_no_dead_air_and_one_that_runs_long_is_checked_at_its_end() -> None:
    """The agent's final asks for a minute or so in mis-heard words, the customer answers (8.8-10 s) and nobody speaks
    until 50 s (kept: no cue), or until 80 s (ran long: one check-in ``hold_grace_s`` after the minute)."""
    cfg = TurnConfig()
    final = words("Let me ask the stores, would you mind folding for a minute or so?", AGENT_START, AGENT_END)
    holds, dead_air = replay(call([], final), cfg, until=50.0)
    assert [h.data["hold_s"] for h in holds] == [60.0]
    assert dead_air == []
    holds, dead_air = replay(call([], final), cfg, until=80.0)
    [(at, cue)] = dead_air
    assert at == pytest.approx(CUSTOMER_END + 60.0 + cfg.hold_grace_s, abs=0.1)
    assert cue.evidence["on_hold"] is True and cue.evidence["announced_s"] == 60.0


def test_a_duration_said_as_a_task_length_leaves_the_silence_dead_air() -> None:
    cfg = TurnConfig()
    final = words("The courier takes a minute or so to arrive.", AGENT_START, AGENT_END)
    holds, dead_air = replay(call([], final), cfg, until=30.0)
    assert holds == []
    [(at, cue)] = dead_air
    assert at == pytest.approx(CUSTOMER_END + cfg.dead_air_s, abs=0.1) and "on_hold" not in cue.evidence
