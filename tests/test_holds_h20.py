"""Session 24, H20 (issue 9): a look-up stated as a plan explains no silence; an announced count is the hold.

c533: "Let me look at the treble." then 14 s of quiet was nudged 10 s in (a vague look-up covered ``hold_vague_s``
plus the grace) where every truth written for a look-up stated as a plan (c17, c395, c487, c533) has dead air after
``dead_air_s``; a look-up asked as a moment ("let me just check something", "just a second while I check", "give
me a few seconds") keeps ``hold_vague_s`` (c42, c105, quiet c34). c529: "give me twenty seconds or so" is a hold of
20 s, checked in on 2 s after it runs out (as c147's same words, and every hold that ran long in the tuning set).
The wordings are new (none from a call). Driven on an injected timeline of 32 ms frames (call time only).
"""

from __future__ import annotations

import pytest

from coach.turns.config import TurnConfig
from coach.turns.holds import HoldWatcher, plain_lookup
from coach.turns.tracker import TurnTracker
from coach.types import Lane, seconds_to_samples
from tests.test_holds_customer_consent import call as answered
from tests.test_holds_customer_consent import push, spoken
from tests.test_holds_from_partials import Step, replay, transcript, words

AGENT_START, AGENT_END, BACK = 1.0, 5.0, 40.0  # the agent's turn, then silence until the agent is back

PLANS = [  # a look-up stated as a plan: what the agent will look at, not that a silence is coming
    "Right, I'll look into the delivery notes for that.",
    "Good point. Let me check the warranty terms.",
    "Let me look up the kiln schedule.",
    "I'll find the order for you.",
    "Okay, I'll see what the depot says about it.",
    "Let me pull up the rota for March.",
]
MOMENTS = [  # the same look-ups asked as a moment: a short quiet is explained
    "Right, I'll just look into the delivery notes for that.",
    "Good point. One sec, let me check the warranty terms.",
    "Give me a few seconds to look up the kiln schedule.",
    "I'm looking into the order now.",
    "Let me have a quick look at the rota for March.",
    "Let me check that quickly for you.",
    "Bear in mind the rota changed, so just a moment while I pull it up.",
    "I'll text you when the fitter sets off. Give me a few seconds to find the slot.",  # the second look-up's moment
]


def silent_after(agent: str, back: float = BACK) -> dict[float, Step]:
    """The agent's final ``agent`` (1-5 s), nobody speaking until ``back`` (seconds)."""
    steps = spoken(Lane.AGENT, AGENT_START, AGENT_END)
    steps[AGENT_END + 0.6] = push(transcript(words(agent, AGENT_START, AGENT_END), final=True))
    steps[back + 0.2] = lambda t, w, now: t.on_start(Lane.AGENT, seconds_to_samples(back), now)
    return steps


@pytest.mark.parametrize("agent", PLANS)
def test_a_look_up_stated_as_a_plan_leaves_the_silence_after_it_dead_air(agent: str):
    cfg = TurnConfig()
    assert plain_lookup(agent)
    holds, dead_air = replay(silent_after(agent), cfg, until=BACK)
    assert holds == []
    [(at, cue)] = dead_air
    assert at == pytest.approx(AGENT_END + cfg.dead_air_s, abs=0.05) and "on_hold" not in cue.evidence


@pytest.mark.parametrize("agent", MOMENTS)
def test_a_look_up_asked_as_a_moment_still_covers_hold_vague_s(agent: str):
    cfg = TurnConfig()
    assert not plain_lookup(agent)
    holds, dead_air = replay(silent_after(agent), cfg, until=BACK)
    assert [h.data["hold_s"] for h in holds] == [cfg.hold_vague_s]
    [(at, cue)] = dead_air
    assert at == pytest.approx(AGENT_END + cfg.hold_vague_s + cfg.hold_grace_s, abs=0.05) and cue.evidence["on_hold"]


@pytest.mark.parametrize(
    ("agent", "hold_s"),
    [
        ("Let me check the warranty terms, bear with me.", 60.0),
        ("I'll look up the kiln schedule, it'll take about twenty seconds.", 20.0),
        ("I'll pop you on hold and find the order.", 60.0),
    ],
)
def test_a_hold_word_or_a_duration_with_the_plan_is_a_hold(agent: str, hold_s: float):
    cfg = TurnConfig()
    assert not plain_lookup(agent)
    holds, dead_air = replay(silent_after(agent, back=90.0), cfg, until=90.0)
    assert holds[-1].data["hold_s"] == hold_s
    assert dead_air[0][0] == pytest.approx(AGENT_END + hold_s + cfg.hold_grace_s, abs=0.05)


@pytest.mark.parametrize("text", ["Let me see.", "I'll look after you.", "I checked the rota yesterday.", "Okay."])
def test_no_look_up_is_no_plan(text: str):
    assert not plain_lookup(text)


def test_a_plan_the_customer_grants_a_wait_for_is_a_hold():
    """The customer's answer still grants the wait: "Let me look up the kiln schedule." "Take your time." """
    cfg = TurnConfig()
    holds, dead_air = replay(answered("Let me look up the kiln schedule.", "No rush, take your time."), cfg)
    assert [h.data["hold_s"] for h in holds] == [cfg.hold_default_s]


def test_a_plan_in_partials_is_no_hold_and_a_softener_committed_later_makes_it_one():
    cfg = TurnConfig()
    watcher = HoldWatcher(TurnTracker(cfg))
    said = words("let me check the rota, just a second", AGENT_START, AGENT_END)
    assert watcher.push([transcript(said, final=False, stable=5)], seconds_to_samples(3.0)) == []
    [hold] = watcher.push([transcript(said, final=True)], seconds_to_samples(5.5))
    assert hold.data["hold_s"] == cfg.hold_vague_s


@pytest.mark.parametrize(
    ("agent", "announced"),
    [
        ("No bother, give me twenty seconds or so and I'll ring the warehouse.", 20.0),
        ("Give me half a minute or so and I'll have the quote.", 30.0),
        ("Bear with me a minute or so while I call the yard.", 60.0),
    ],
)
def test_a_count_said_or_so_is_the_hold_and_a_hold_that_runs_long_is_checked_at_its_end(agent: str, announced: float):
    """c529's class: "twenty seconds or so" covers 20 s (as c147's same words, c481's "half a minute or so"),
    and the check-in comes ``hold_grace_s`` after it runs out, counted from the silence's start."""
    cfg = TurnConfig()
    holds, dead_air = replay(silent_after(agent, back=AGENT_END + 90.0), cfg, until=AGENT_END + 90.0)
    assert holds[-1].data["announced_s"] == announced
    [(at, cue)] = dead_air
    assert at == pytest.approx(AGENT_END + announced + cfg.hold_grace_s, abs=0.05) and cue.evidence["on_hold"]
