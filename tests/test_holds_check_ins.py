"""A check-in inside a hold keeps the hold (issue 9, session 42, B2; left by B1 in session 41).

When the agent speaks during a hold, the hold ends (``TurnTracker.on_end``: they are back) and the silence after their
words is judged afresh. A check-in that asks no time ("Still with me? Nearly there.", "Sorry, still checking with the
warehouse.") said the wait goes on, so the silence after it was dead air after ``dead_air_s`` though the customer had
just been told. Now such a check-in, said inside a hold, keeps it: what was left of the hold's time, at least
``hold_default_s``; one that asks a new time ("Still with me? Another minute or two.", the "?" now a stop) is a hold of
that time. The agent's return with news ("Thanks for holding, I've found it ...") and "Thanks for waiting." alone still
end the hold, and the same words said outside a hold explain nothing. No tuning call has a check-in (no script has an
agent line between two silences): our own wordings. Driven on an injected timeline of 32 ms frames (call time only, no
wall clock).
"""

from __future__ import annotations

import pytest

from coach.turns.config import TurnConfig
from coach.turns.holds import check_in, classify_hold
from coach.types import Lane
from tests.test_holds_customer_consent import BACK, CUSTOMER_END, call, push, spoken
from tests.test_holds_from_partials import replay, transcript, words

ASKED = "Can you hold for a minute while I check the stock room?"  # granted: a hold of 60 s from the answer's end
GRANT = "Of course, go ahead."


@pytest.mark.parametrize(
    "text",
    [
        "Still with me? Nearly there.",
        "Are you still there?",
        "Sorry, still checking with the warehouse.",
        "Still with me, Pete? Won't be much longer.",
        "Sorry about this, it's taking a while.",
        "Hi, just checking in. Still waiting on the yard.",
        "Thanks for your patience, almost done.",
        "Sorry, still on the other line to them, bear with me.",
        "Okay, not long now, thanks for holding.",
        "Still with me? Another minute or two.",
        "Sorry. right, still with me nearly mad.",  # "Sorry, still with me? Nearly there." as tiny.en heard it
    ],
)
def test_a_check_in_says_the_wait_goes_on_and_nothing_else(text: str) -> None:
    assert check_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for holding. I've found it, the fitter can come on Tuesday.",  # the return, with the news
        "Thanks for waiting.",  # a return that goes on with the news
        "Thanks for your patience, just a sec.",  # a moment asked: the hold words' reading
        "Sorry, let me just check.",  # a look-up
        "Nearly done, can I just confirm your postcode?",  # something asked of the customer
        "Still with me? Great, so the price is forty pounds.",  # the news after the question
        "Still there? Let me look at the treble.",  # a look-up stated as a plan (H20) explains no silence
        "It's still loading the van tomorrow morning, sorry.",  # not the wait
        "Are you still there I've got it here, the van comes Tuesday.",  # the news after a dropped "?"
    ],
)
def test_news_a_question_or_a_look_up_is_no_check_in(text: str) -> None:
    assert not check_in(text)


def test_more_time_asked_after_a_question_reads_its_time() -> None:
    """B1's left case: the "?" dropped ran "still with me another minute or two" together; a question is a stop."""
    assert classify_hold("Still with me? Another minute or two.", whole=True) == (120.0, False)
    assert classify_hold("You still there? Just a couple more minutes.", whole=True) == (120.0, False)


def with_check_in(said: str, begins: float, ends: float, *, final_at: float | None = None, asked: str = ASKED) -> dict:
    """The hold asked and granted (the answer ends at ``CUSTOMER_END``), the agent's words ``said`` from ``begins`` to
    ``ends`` (their final pushed at ``final_at``, by default after the VAD confirmed their end), silence until
    ``BACK``."""
    steps = call(asked, GRANT)
    steps |= spoken(Lane.AGENT, begins, ends)
    steps[ends + 0.6 if final_at is None else final_at] = push(
        transcript(words(said, begins, ends), final=True, utt="agent-2")
    )
    return steps


def test_a_check_in_keeps_the_hold_at_least_hold_default_s() -> None:
    """The minute asked runs from the answer's end (10 s); a check-in at 55 s leaves 15 s of it, so the hold goes on
    for ``hold_default_s`` (30 s) from the check-in's end: checked in on as a hold that ran long at 58 + 30 + grace,
    not as dead air 6 s after the check-in."""
    cfg = TurnConfig()
    holds, dead_air = replay(with_check_in("Still with me? Nearly there.", 55.0, 58.0), cfg, until=BACK + 2.0)
    assert holds[-1].data["hold_s"] == cfg.hold_default_s and holds[-1].data["announced_s"] is None
    [(raised, cue)] = dead_air
    assert cue.evidence["on_hold"] is True
    assert raised == pytest.approx(58.0 + cfg.hold_default_s + cfg.hold_grace_s, abs=0.2)


def test_an_early_check_in_keeps_the_rest_of_the_holds_time() -> None:
    """Two minutes asked; a check-in at 25 s leaves 105 s of them: quiet until the agent is back at 100 s."""
    cfg = TurnConfig()
    two = "Can you hold for two minutes while I check the stock room?"
    holds, dead_air = replay(
        with_check_in("Sorry, still checking with the warehouse.", 25.0, 28.0, asked=two), cfg, until=BACK + 2.0
    )
    assert holds[-1].data["hold_s"] == pytest.approx(120.0 - (25.0 - CUSTOMER_END), abs=0.05)
    assert dead_air == []


def test_a_check_in_whose_final_comes_before_its_end_is_confirmed_keeps_the_hold() -> None:
    cfg = TurnConfig()
    holds, dead_air = replay(
        with_check_in("Still with me? Nearly there.", 55.0, 58.0, final_at=58.1), cfg, until=BACK + 2.0
    )
    [(raised, cue)] = dead_air
    assert cue.evidence["on_hold"] is True
    assert raised == pytest.approx(58.0 + cfg.hold_default_s + cfg.hold_grace_s, abs=0.2)


def test_a_check_in_asking_more_time_after_a_question_is_a_hold_of_that_time() -> None:
    cfg = TurnConfig()
    holds, dead_air = replay(with_check_in("Still with me? Another minute or two.", 55.0, 58.0), cfg, until=BACK + 2.0)
    assert holds[-1].data["hold_s"] == 120.0 and dead_air == []


@pytest.mark.parametrize(
    "said", ["Thanks for holding, I've found it, the fitter can come on Tuesday.", "Thanks for waiting."]
)
def test_the_agents_return_ends_the_hold(said: str) -> None:
    """The news (or thanks alone) ends the hold: the silence after it is dead air after ``dead_air_s``."""
    cfg = TurnConfig()
    holds, dead_air = replay(with_check_in(said, 55.0, 58.0), cfg, until=BACK + 2.0)
    [(raised, cue)] = dead_air
    assert raised == pytest.approx(58.0 + cfg.dead_air_s, abs=0.2) and not cue.evidence.get("on_hold")


def test_a_check_in_said_outside_a_hold_explains_nothing() -> None:
    """No hold asked ("what's the postcode there?"): the silence after the answer is dead air, and the same "Still with
    me? Nearly there." after it leaves the next silence dead air too."""
    cfg = TurnConfig()
    holds, dead_air = replay(
        with_check_in("Still with me? Nearly there.", 55.0, 58.0, asked="What's the postcode?"), cfg, until=BACK + 2.0
    )
    assert holds == []
    assert [round(r) for r, _ in dead_air] == [round(CUSTOMER_END + cfg.dead_air_s), round(58.0 + cfg.dead_air_s)]
    assert not any(cue.evidence.get("on_hold") for _, cue in dead_air)
