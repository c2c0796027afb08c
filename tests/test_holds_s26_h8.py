"""Session 26, second round, H8 (issue 9): a hold asked for with "hold" heard as a near rhyme and no size word,
and one minute said with a word between "a" and "minute".

c591 (quiet): "Can I put you on hold for about a minute ..." was written "Can I put you on -fold for a mountain
minute ...": no hold was read, and the 48 s hold kept in time was nudged as dead air 6 s in (and again). The class:
the request's frame (the agent asking, or about to put the customer on), a near rhyme of "hold" (tiny.en may also
mark it as a word piece with a leading hyphen) and then a time, a reason or the sentence's end; and one minute said
with a size word or a mis-heard "about" between "a" and "minute"; "bear with me" with "bear" heard as a near rhyme,
in the same request's shape. The wordings are new (none from a call). Driven on
an injected timeline of 32 ms frames (call time only).
"""

from __future__ import annotations

import pytest

from coach.turns.config import TurnConfig
from coach.turns.holds import announced_seconds, classify_hold
from tests.test_holds_from_partials import replay
from tests.test_holds_h20 import AGENT_END, silent_after

NEAR_RHYMES = [  # (line, announced seconds): a hold word, with the duration it names
    ("Could I pop you on old for two minutes?", 120.0),
    ("I'm just going to put you on -hole while I speak to the chef.", None),
    ("Shall we put you on fold, just while I find the form?", None),
    ("Let me put you on whole for a brief minute.", 60.0),
    ("Right, I'll put ya on holt now and call the kennels.", None),
    ("Beer with me while I phone the kennels.", None),  # "bear" heard as a near rhyme, in the request's shape
    ("Bury with me for forty seconds.", 40.0),
    ("Berry with me and I will ask the foreman.", None),
]


@pytest.mark.parametrize(("text", "announced"), NEAR_RHYMES)
def test_a_hold_heard_as_a_near_rhyme_in_a_request_is_a_hold_word(text: str, announced: float | None) -> None:
    assert classify_hold(text) == (announced, False)
    assert classify_hold(text, whole=True) == (announced, False)


@pytest.mark.parametrize(
    "text",
    [
        "I'll put you on the old tariff for now.",  # an article: a plan or a tariff, not a rhyme of hold
        "We can put you on whole life cover instead.",
        "Could we put them on old stock for the sale?",
        "She put you on fold-out seating last year.",  # no request frame
        "Come and have a beer with me after the match.",  # a drink, not a wait
        "Fancy a beer with me?",
    ],
)
def test_a_plan_or_a_tariff_is_no_hold(text: str) -> None:
    assert classify_hold(text) is None


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("bear with me for a quick minute", 60.0),
        ("hold on for a little minute please", 60.0),
        ("put you on hold for a motor minute while I ask", 60.0),  # "about" mis-heard
        ("give me half a minute", 30.0),  # unchanged
        ("hold for a minute and a half", 90.0),  # unchanged
        ("give me a couple of minutes", 120.0),  # unchanged
        ("it's a 5 minute walk", 300.0),  # a count keeps its own reading
    ],
)
def test_one_minute_said_with_a_word_before_minute(text: str, seconds: float) -> None:
    assert announced_seconds(text) == seconds


def test_a_garbled_hold_kept_in_time_is_no_dead_air_and_one_that_runs_long_is_checked_at_its_end() -> None:
    """The agent's final (1-5 s) asks for a minute in mis-heard words; nobody speaks until 50 s (kept: no cue), or
    until 80 s (ran long: one check-in ``hold_grace_s`` after the minute, not dead air after ``dead_air_s``)."""
    cfg = TurnConfig()
    agent = "Can I put you on -fold for a mango minute while I ask?"
    holds, dead_air = replay(silent_after(agent, back=50.0), cfg, until=50.0)
    assert [h.data["hold_s"] for h in holds] == [60.0]
    assert dead_air == []
    holds, dead_air = replay(silent_after(agent, back=80.0), cfg, until=80.0)
    [(at, cue)] = dead_air
    assert at == pytest.approx(AGENT_END + 60.0 + cfg.hold_grace_s, abs=0.05)
    assert cue.evidence["on_hold"] is True and cue.evidence["announced_s"] == 60.0
