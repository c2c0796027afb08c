"""Session 32 (H21, issue 9): holds asked with a count straight after "hang on"; a wait asked in "minute" whose count
was garbled.

c697: "Hang on two secs while I check the diary." was written "hang on to sex while I check how's diary.": "hang on"
followed by a count was not read as a hold word (only "hang on a sec", "hang on, let me ..." were), so the turn was a
look-up said in passing (``hold_vague_s``, 8 s) and the hold was nudged as dead air 10 s into it. The class: a count
and its unit straight after "hang on" / "hold on" ("two secs", "5 minutes", "a couple of ticks"), with "two" as tiny.en
may write it ("to", "too") and "secs" heard as "sex" after a count, asks for a wait: a hold word sized short (a few
seconds is a manner of speaking: ``hold_default_s``), or the duration when it names one. Not "hang on to the receipt"
(no unit), nor a count said of something else after "hold on to ...".

Quiet c711: "Can you hold for about a minute while I walk over and ask her?" was written "Can you vote for an out -of
-minute while I walk over and ask?" (the clip alone: "... for another minute while ..."), answered "Sure, no
problem.": no hold word and no count were read, the customer's grant after a question covered ``hold_default_s`` (30
s) and the hold kept in 49 s was nudged at 30 s. The class (G16's wait asked in "minutes" with its count unheard,
widened): the request's frame ("can / could / would / will you", "mind", "bear with me"), up to six words, "minute" or
"minutes" and the agent's errand under way ("while I walk over / head down / step out / ask ...") is a hold of one
minute (singular) or two (plural); not a time from now or a rate ("in a minute", "in 5 minutes", "every minute").

The wordings are new (none from a call). Driven on an injected timeline of 32 ms frames (call time only).
"""

from __future__ import annotations

import pytest

from coach.turns.config import TurnConfig
from coach.turns.holds import classify_hold, hold_word_only
from tests.test_holds_from_partials import replay
from tests.test_holds_g16 import AGENT_END, CUSTOMER_END, silence_after

GARBLED_MINUTE = [  # (the agent's turn as heard, the hold's seconds)
    ("Can you bowl for an out -of -minute while I walk over to the stores?", 60.0),
    ("Would you mind poking for another minute while I head down and check?", 60.0),
    ("Could you fold for a bout of minute while I step out and ask the foreman?", 60.0),
    ("Can you cold for a lot of minutes while I walk across to the office?", 120.0),
]

COUNT_AFTER_HANG_ON = [
    "Okay, hang on two secs while I look at the rota.",
    "Right, hang on to secs while I find the van list.",  # "two" heard as "to"
    "Hold on too seconds while I pull it up.",
    "hang on to sex while I check the ledger.",  # "two secs" heard as "to sex"
    "Hang on, 5 seconds, I'll grab the folder.",
    "Just hang on a couple of ticks while I ring the stores.",
]


@pytest.mark.parametrize("text", COUNT_AFTER_HANG_ON)
def test_a_count_after_hang_on_is_a_hold_word_sized_short(text: str) -> None:
    assert classify_hold(text, whole=True) == (None, False)
    assert not hold_word_only(text)


@pytest.mark.parametrize(
    ("text", "seconds"), [("Hang on two minutes while I ask.", 120.0), ("hang on to 30 seconds", 30.0)]
)
def test_a_count_after_hang_on_that_names_a_duration_is_the_hold(text: str, seconds: float) -> None:
    assert classify_hold(text, whole=True) == (seconds, False)


@pytest.mark.parametrize(
    "text",
    [
        "Hang on to the receipt, you'll need it for the refund.",
        "Hang on to it for two minutes and then let go.",
        "I held on to it for 5 seconds.",
        "Could you hang on to the sex education leaflets?",
        "Sorry, you've been hanging on twenty minutes already.",  # a wait already had
        "I know you were holding on for ages earlier.",
    ],
)
def test_hang_on_to_a_thing_or_a_wait_already_had_is_no_hold(text: str) -> None:
    assert classify_hold(text, whole=True) is None


@pytest.mark.parametrize("text", COUNT_AFTER_HANG_ON[:4])
def test_a_short_hold_kept_in_time_is_quiet_and_one_that_runs_long_is_checked_after_the_default(text: str) -> None:
    cfg = TurnConfig()
    holds, dead_air = replay(silence_after(text, back=35.0, answer="Sure."), cfg, until=37.0)  # 27 s of quiet
    assert holds[-1].data["hold_s"] == cfg.hold_default_s
    assert dead_air == []
    holds, dead_air = replay(silence_after(text, back=80.0, answer="Sure."), cfg, until=80.0)
    [(at, cue)] = dead_air
    assert at == pytest.approx(CUSTOMER_END + cfg.hold_default_s + cfg.hold_grace_s, abs=0.1)
    assert cue.evidence["on_hold"] is True


def test_a_look_up_with_no_hold_word_still_covers_hold_vague_s() -> None:
    cfg = TurnConfig()
    holds, dead_air = replay(silence_after("Let me just check the rota.", back=30.0, answer=None), cfg, until=30.0)
    assert [h.data["hold_s"] for h in holds] == [cfg.hold_vague_s]
    [(at, _)] = dead_air
    assert at == pytest.approx(AGENT_END + cfg.hold_vague_s + cfg.hold_grace_s, abs=0.1)


@pytest.mark.parametrize(("text", "seconds"), GARBLED_MINUTE)
def test_a_wait_asked_in_minute_with_its_count_garbled_is_its_minutes(text: str, seconds: float) -> None:
    assert classify_hold(text, whole=True) == (seconds, False)
    assert classify_hold(text) == (seconds, False)  # committed words of a partial read it too


@pytest.mark.parametrize(
    "text",
    [
        "Could you ring back in 5 minutes while I find it?",
        "Can you check the meter every minute while I look?",
        "Can you read me the meter every minute while I walk over to the boiler?",
    ],
)
def test_a_time_from_now_or_a_rate_is_no_such_hold(text: str) -> None:
    assert classify_hold(text, whole=True) in (None, (None, True))


@pytest.mark.parametrize(("text", "seconds"), GARBLED_MINUTE[:2])
def test_a_garbled_minute_granted_and_kept_in_time_is_quiet(text: str, seconds: float) -> None:
    cfg = TurnConfig()
    back = CUSTOMER_END + seconds - 10.0  # the agent is back 10 s before the time said runs out
    holds, dead_air = replay(silence_after(text, back=back, answer="Sure, no problem."), cfg, until=back + 2.0)
    assert [h.data["hold_s"] for h in holds] == [seconds, seconds]  # the agent's words, then the customer's grant
    assert dead_air == []
    holds, dead_air = replay(silence_after(text, back=150.0, answer="Sure, no problem."), cfg, until=150.0)
    [(at, cue)] = dead_air
    assert at == pytest.approx(CUSTOMER_END + seconds + cfg.hold_grace_s, abs=0.1) and cue.evidence["on_hold"]
