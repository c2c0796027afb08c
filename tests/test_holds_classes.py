"""Holds and dead air (issue 9) by class: a hold asked in its many shapes (a count, "a minute or two", "half a
minute", "back in a sec", "hang fire", a hold verb or size word the recogniser mis-heard), a look-up stated as a plan,
a hold kept in time (quiet) or run long (checked in on), and the words that only look like a hold. Session 33's and
34's behaviour parts (H22, H23) also test a raised turn's opening against the agent's usual openings, a customer
overlap read in the language rules' words, and one calm window as the agent's own level.

Moved here from the per-session files test_holds_h19.py, test_holds_h20.py, test_holds_s26_h8.py,
test_holds_s27_g14.py, test_holds_g16.py, test_holds_h21.py, test_behaviour_h22.py and test_behaviour_h23.py
(session 35, T1); each part keeps its session's docstring as a comment. Tests are unchanged; a constant whose name two
sessions shared carries its session's tag (``AGENT_END_G16``). New hold tests go here or in a topic file
``test_holds_<topic>.py``, never in a file named after a session or helper."""

from __future__ import annotations

import numpy as np
import pytest

from coach.dsp.baseline import SpeakerBaseline
from coach.turns.config import TurnConfig
from coach.turns.cut_in import is_cut_in, words_of
from coach.turns.holds import HoldWatcher, announced_seconds, classify_hold, hold_word_only, plain_lookup
from coach.turns.tracker import TurnTracker
from coach.types import Lane, seconds_to_samples
from tests.test_holds_customer_consent import AGENT_END, AGENT_START, CUSTOMER_END, CUSTOMER_START, call, push, spoken
from tests.test_holds_customer_consent import BACK as BACK_CONSENT
from tests.test_holds_customer_consent import call as answered
from tests.test_holds_from_partials import AGENT_END as AGENT_END_S27_G14
from tests.test_holds_from_partials import AGENT_START as AGENT_START_S27_G14
from tests.test_holds_from_partials import CUSTOMER_END as CUSTOMER_END_S27_G14
from tests.test_holds_from_partials import Step, replay, transcript, words
from tests.test_holds_from_partials import call as call_s27_g14

# ====================================================================================================
# Moved from tests/test_holds_h19.py in session 35 (T1: tests by topic). Its docstring:
#
# Two dead-air classes of the twenty-second part (session 23, H19, issue 9), on an injected timeline of 32 ms
# frames (call time only, no wall clock); the wordings are written anew, not the calls' sentences.
#
# 1. A hold asked as a question the recogniser wrote as a statement, granted (c522: "... It'll take about a
#    minute, is it okay if I pop you on hold?" heard "... let me check in the road to win them. That'll take a
#    moment and then it'll take a pipe off your own cold.", its partials "... it'll take a few minutes",
#    answered "Yes, no problem."): a bare grant agrees to the wait when the turn asked for one firmly (a hold
#    word or a duration in its final or its partials), not only when its final ends on a question mark.
# 2. A customer's question after a look-up said in passing (c509: "I'll check with the conservation officer
#    first" ... "Okay. When could you come out for the survey?" ... 12 s of silence): the look-up no longer
#    explains the silence after the question, which is dead air after ``dead_air_s`` (it was 4 s late); a hold
#    word or a duration still covers it.
# ====================================================================================================

# -- 1. a hold question heard as a statement, granted -----------------------------------------------------

# the final keeps only a look-up; a partial heard the duration (or the hold word) in uncommitted words
LOOKUP_FINAL = (
    "So for twelve I need the two vans, let me check the yard for them. That'll take a moment and a tip of your mould."
)
LOOKUP_PARTIAL = "So for twelve I need the two vans, let me check the yard for them. It'll take a couple of minutes."
BEAR_FINAL = "Right, the kiln log is in the back, so bury the meal while I look it up for you."
BEAR_PARTIAL = "Right, the kiln log is in the back, so bear with me while I look"
STATED_HOLD = "I'll pop you on a short hold for a minute while I check the diary."


def test_a_duration_only_the_partials_heard_granted_covers_the_kept_hold():
    """c522's class: a 60 s wait after "Yes, no problem." is quiet (it was dead air at ``hold_vague_s``)."""
    cfg = TurnConfig()
    holds, dead_air = replay(call(LOOKUP_FINAL, "Yes, no problem.", partials=((7.0, LOOKUP_PARTIAL, 12),)), cfg)
    # the partials' two minutes, capped at hold_heard_s (the final re-heard them as other words)
    assert [h.data["hold_s"] for h in holds] == [cfg.hold_vague_s, cfg.hold_heard_s]
    assert holds[-1].data["announced_s"] == 120.0
    assert holds[-1].t == pytest.approx(CUSTOMER_START, abs=0.01)  # announced at the customer's grant
    assert dead_air == []  # the agent is back 90 s after the grant


@pytest.mark.parametrize("answer", ["Of course.", "Sure, no problem.", "Yeah, that's fine."])
def test_a_hold_word_only_the_partials_heard_granted_covers_hold_default_s(answer: str):
    cfg = TurnConfig()
    holds, dead_air = replay(call(BEAR_FINAL, answer, partials=((6.0, BEAR_PARTIAL, 8),)), cfg)
    assert holds[-1].data["announced_s"] is None and holds[-1].data["hold_s"] == cfg.hold_default_s
    [(at, cue)] = dead_air  # the agent is away past the default: a check-in once it has run, not before
    assert at == pytest.approx(CUSTOMER_END + cfg.hold_default_s + cfg.hold_grace_s, abs=0.05)
    assert cue.evidence["on_hold"]


def test_a_stated_hold_granted_is_the_agents_hold_as_before():
    """The final holds the hold: the grant adds nothing (no second announcement, no window at the answer)."""
    cfg = TurnConfig()
    holds, dead_air = replay(call(STATED_HOLD, "Yes, no problem."), cfg)
    assert [h.data["announced_s"] for h in holds] == [60.0] and holds[0].t == pytest.approx(AGENT_START, abs=0.5)
    [(at, _)] = dead_air
    assert at == pytest.approx(CUSTOMER_END + 60.0 + cfg.hold_grace_s, abs=0.05)


@pytest.mark.parametrize(
    ("agent", "partials", "answer"),
    [
        (LOOKUP_FINAL, (), "Yes, no problem."),  # a look-up alone, a grant of nothing asked
        ("Lovely, and the postcode is on the form.", (), "Sure."),  # no hold reading at all
        (LOOKUP_FINAL, ((7.0, LOOKUP_PARTIAL, 12),), "Yes, it's the white van."),  # not a grant
        (LOOKUP_FINAL, ((7.0, LOOKUP_PARTIAL, 12),), "Okay."),  # agrees to nothing
    ],
)
def test_without_a_firm_ask_or_a_grant_the_silence_stays_dead_air(agent: str, partials: tuple, answer: str):
    cfg = TurnConfig()
    holds, dead_air = replay(call(agent, answer, partials=partials), cfg)
    assert cfg.hold_default_s not in [h.data["hold_s"] for h in holds]
    assert all(h.data["hold_s"] <= cfg.hold_vague_s for h in holds)
    assert dead_air[0][0] <= CUSTOMER_END + cfg.hold_vague_s + cfg.hold_vague_grace_s + 0.05


# -- 2. a customer's question after a look-up said in passing ---------------------------------------------

QUESTION_START, QUESTION_END, AGENT_BACK = 9.0, 11.0, 30.0


def asked_after(agent: str, customer: str, *, lead: str | None = None) -> dict[float, Step]:
    """The agent's turn 1.0-8.0 s (its final ``agent``), the customer's ``customer`` 9.0-11.0 s, silence
    until 30 s. ``lead``: a customer turn 0.0-0.8 s before the agent's (said before any look-up)."""
    steps = spoken(Lane.AGENT, AGENT_START, AGENT_END) | spoken(Lane.CUSTOMER, QUESTION_START, QUESTION_END)
    steps[AGENT_END + 0.6] = push(transcript(words(agent, AGENT_START, AGENT_END), final=True))
    said = words(customer, QUESTION_START, QUESTION_END)
    steps[QUESTION_END + 0.5] = push(transcript(said, final=True, utt="customer-1", speaker="customer"))
    if lead is not None:
        steps[0.9] = push(transcript(words(lead, 0.0, 0.8), final=True, utt="customer-0", speaker="customer"))
    steps[AGENT_BACK + 0.2] = lambda t, w, now: t.on_start(Lane.AGENT, seconds_to_samples(AGENT_BACK), now)
    return steps


@pytest.mark.parametrize(
    ("agent", "question"),
    [
        (
            "Like for like usually needs no consent, but I'll just check with the planning officer.",
            "Okay. When can you come?",
        ),
        ("That's the older model, let me just have a look at the manual.", "And is there parking near the shop?"),
        ("Fine, I'll just pull up the booking.", "Right, sorry, did you say Tuesday?"),
    ],
)
def test_a_question_after_a_look_up_leaves_the_silence_after_it_dead_air(agent: str, question: str):
    cfg = TurnConfig()
    holds, dead_air = replay(asked_after(agent, question), cfg, until=AGENT_BACK)
    assert [h.data["hold_s"] for h in holds] == [cfg.hold_vague_s]  # the look-up was read...
    [(at, cue)] = dead_air  # ...but the customer's question is the agent's to answer
    assert at == pytest.approx(QUESTION_END + cfg.dead_air_s, abs=0.05) and "on_hold" not in cue.evidence


def test_a_look_up_answered_without_a_question_still_covers_hold_vague_s():
    cfg = TurnConfig()
    _, dead_air = replay(asked_after("Let me just have a look at the manual.", "Okay, thanks."), cfg, until=AGENT_BACK)
    [(at, cue)] = dead_air
    assert (
        at == pytest.approx(QUESTION_END + cfg.hold_vague_s + cfg.hold_vague_grace_s, abs=0.05)
        and cue.evidence["on_hold"]
    )


def test_a_question_before_the_look_up_leaves_it_covering():
    """The customer asked first, then the agent went to look: the look-up explains the short quiet."""
    cfg = TurnConfig()
    steps = asked_after("Let me just have a look at the manual.", "Okay, thanks.", lead="Is it the older model?")
    _, dead_air = replay(steps, cfg, until=AGENT_BACK)
    assert dead_air[0][0] == pytest.approx(QUESTION_END + cfg.hold_vague_s + cfg.hold_vague_grace_s, abs=0.05)


@pytest.mark.parametrize(
    "agent", ["I'll pop you on hold for a minute while I check the diary.", "Bear with me while I look."]
)
def test_a_question_after_a_hold_word_or_a_duration_leaves_the_hold(agent: str):
    """The customer may ask while the agent goes to look; the hold they were told of still explains it."""
    cfg = TurnConfig()
    _, dead_air = replay(asked_after(agent, "Okay, will it be long?"), cfg, until=AGENT_BACK)
    assert dead_air == []


# ====================================================================================================
# Moved from tests/test_holds_h20.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 24, H20 (issue 9): a look-up stated as a plan explains no silence; an announced count is the hold.
#
# c533: "Let me look at the treble." then 14 s of quiet was nudged 10 s in (a vague look-up covered ``hold_vague_s``
# plus the grace) where every truth written for a look-up stated as a plan (c17, c395, c487, c533) has dead air after
# ``dead_air_s``; a look-up asked as a moment ("let me just check something", "just a second while I check", "give
# me a few seconds") keeps ``hold_vague_s`` (c42, c105, quiet c34). c529: "give me twenty seconds or so" is a hold of
# 20 s, checked in on 2 s after it runs out (as c147's same words, and every hold that ran long in the tuning set).
# The wordings are new (none from a call). Driven on an injected timeline of 32 ms frames (call time only).
# ====================================================================================================

AGENT_START_H20, AGENT_END_H20, BACK = 1.0, 5.0, 40.0  # the agent's turn, then silence until the agent is back

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
    steps = spoken(Lane.AGENT, AGENT_START_H20, AGENT_END_H20)
    steps[AGENT_END_H20 + 0.6] = push(transcript(words(agent, AGENT_START_H20, AGENT_END_H20), final=True))
    steps[back + 0.2] = lambda t, w, now: t.on_start(Lane.AGENT, seconds_to_samples(back), now)
    return steps


@pytest.mark.parametrize("agent", PLANS)
def test_a_look_up_stated_as_a_plan_leaves_the_silence_after_it_dead_air(agent: str):
    cfg = TurnConfig()
    assert plain_lookup(agent)
    holds, dead_air = replay(silent_after(agent), cfg, until=BACK)
    assert holds == []
    [(at, cue)] = dead_air
    assert at == pytest.approx(AGENT_END_H20 + cfg.dead_air_s, abs=0.05) and "on_hold" not in cue.evidence


@pytest.mark.parametrize("agent", MOMENTS)
def test_a_look_up_asked_as_a_moment_still_covers_hold_vague_s(agent: str):
    cfg = TurnConfig()
    assert not plain_lookup(agent)
    holds, dead_air = replay(silent_after(agent), cfg, until=BACK)
    assert [h.data["hold_s"] for h in holds] == [cfg.hold_vague_s]
    [(at, cue)] = dead_air
    assert (
        at == pytest.approx(AGENT_END_H20 + cfg.hold_vague_s + cfg.hold_vague_grace_s, abs=0.05)
        and cue.evidence["on_hold"]
    )


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
    assert dead_air[0][0] == pytest.approx(AGENT_END_H20 + hold_s + cfg.hold_grace_s, abs=0.05)


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
    said = words("let me check the rota, just a second", AGENT_START_H20, AGENT_END_H20)
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
    holds, dead_air = replay(silent_after(agent, back=AGENT_END_H20 + 90.0), cfg, until=AGENT_END_H20 + 90.0)
    assert holds[-1].data["announced_s"] == announced
    [(at, cue)] = dead_air
    assert at == pytest.approx(AGENT_END_H20 + announced + cfg.hold_grace_s, abs=0.05) and cue.evidence["on_hold"]


# ====================================================================================================
# Moved from tests/test_holds_s26_h8.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 26, second round, H8 (issue 9): a hold asked for with "hold" heard as a near rhyme and no size word,
# and one minute said with a word between "a" and "minute".
#
# c591 (quiet): "Can I put you on hold for about a minute ..." was written "Can I put you on -fold for a mountain
# minute ...": no hold was read, and the 48 s hold kept in time was nudged as dead air 6 s in (and again). The class:
# the request's frame (the agent asking, or about to put the customer on), a near rhyme of "hold" (tiny.en may also
# mark it as a word piece with a leading hyphen) and then a time, a reason or the sentence's end; and one minute said
# with a size word or a mis-heard "about" between "a" and "minute"; "bear with me" with "bear" heard as a near rhyme,
# in the same request's shape. The wordings are new (none from a call). Driven on
# an injected timeline of 32 ms frames (call time only).
# ====================================================================================================

NEAR_RHYMES = [  # (line, announced seconds): a hold word, with the duration it names
    ("Could I pop you on old for two minutes?", 120.0),
    ("I'm just going to put you on -hole while I speak to the chef.", None),
    ("Shall we put you on fold, just while I find the form?", None),
    ("Let me put you on whole for a brief minute.", 60.0),
    ("Right, I'll put ya on holt now and call the kennels.", None),
    ("Beer with me while I phone the kennels.", None),  # "bear" heard as a near rhyme, in the request's shape
    ("Bury with me for forty seconds.", 40.0),
    ("Berry with me and I will ask the foreman.", None),
    # "bear" heard as any word when a short time ends the request (session 47, lead: c1096's class)
    ("Could you pair with me for about a minute?", 60.0),
    ("Sure, just dare with us for thirty seconds.", 30.0),
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
        "Could you speak with me for a minute?",  # a talk asked, not a wait
        "He was with me for a minute.",  # a stay told
        # session 48 (R12): the told forms too, not only the base ones
        "He spoke with us for a minute.",
        "She stayed with us for a few minutes.",
        "My colleague was chatting with me for a minute.",
        "The engineer sat with us for two minutes.",
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
    assert at == pytest.approx(AGENT_END_H20 + 60.0 + cfg.hold_grace_s, abs=0.05)
    assert cue.evidence["on_hold"] is True and cue.evidence["announced_s"] == 60.0


# ====================================================================================================
# Moved from tests/test_holds_s27_g14.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 27, second round, G14 (issue 9): a wait asked for a stated time whose hold verb was mis-heard.
#
# c618 (quiet): "Would you mind holding for a minute or so?" was written "... new mind folding for a minute or so.": no
# hold was read, and the 46 s hold kept in time was nudged as dead air 6 s in (and again). The class: the request's
# frame ("mind", or "can / could / would / will you"), one word for the verb, then "for" a count and unit as the
# utterance's last words, read in a final only. A duration alone still leaves real dead air alone: a task's length, a
# wait already had, or a minute of something with words after it announce nothing. The wordings are new (none from a
# call). Driven on an injected timeline of 32 ms frames (call time only).
# ====================================================================================================

REQUESTS = [  # (the agent's final, announced seconds): no other hold word, look-up or duration shape in them
    ("Okay, so the blue ones. Would you mind folding for a minute or so?", 60.0),
    ("Right, do you mind hoping for about two minutes.", 120.0),
    ("Right, could you old for a couple of minutes?", 120.0),
    ("Okay, will you hone for 40 seconds?", 40.0),
    # session 43, B3 (c1000's class): the errand after it, "while I ...", to the utterance's end
    ("Could you bold for about 30 seconds while I can't what's in the back?", 30.0),
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
        "Could you stir for a minute or so while we wait. Then add the rest.",  # the errand's sentence is not the last
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
    final = words(
        "Let me ask the stores, would you mind folding for a minute or so?", AGENT_START_S27_G14, AGENT_END_S27_G14
    )
    holds, dead_air = replay(call_s27_g14([], final), cfg, until=50.0)
    assert [h.data["hold_s"] for h in holds] == [60.0]
    assert dead_air == []
    holds, dead_air = replay(call_s27_g14([], final), cfg, until=80.0)
    [(at, cue)] = dead_air
    assert at == pytest.approx(CUSTOMER_END_S27_G14 + 60.0 + cfg.hold_grace_s, abs=0.1)
    assert cue.evidence["on_hold"] is True and cue.evidence["announced_s"] == 60.0


def test_a_duration_said_as_a_task_length_leaves_the_silence_dead_air() -> None:
    cfg = TurnConfig()
    final = words("The courier takes a minute or so to arrive.", AGENT_START_S27_G14, AGENT_END_S27_G14)
    holds, dead_air = replay(call_s27_g14([], final), cfg, until=30.0)
    assert holds == []
    [(at, cue)] = dead_air
    assert at == pytest.approx(CUSTOMER_END_S27_G14 + cfg.dead_air_s, abs=0.1) and "on_hold" not in cue.evidence


# ====================================================================================================
# Moved from tests/test_holds_g16.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 29 (G16, issue 9): a hold announced with no duration heard, a duration said before the hold words, and a
# duration whose last word was lost.
#
# c642 (quiet): "It may take a minute or two, can you hold on for me?" was heard without its "minute" ("It may be coming
# in for two. Can you hold on for me?"): a hold word with no duration covered ``hold_default_s`` (30 s) and the 44 s
# hold kept in time was nudged as a hold that ran long. The classes:
#
# - a hold asked in hold words alone, with no word sizing it as short ("Can you hold on for me?", "I'll pop you on
#   hold while I ring the yard", "bear with me while I ask the skipper") covers ``hold_word_s`` (60 s): the agent did
#   not say how long; a moment asked ("give me a moment", "hold on a sec", "two ticks", "a brief hold", "I won't be
#   long") keeps ``hold_default_s`` (30 s), as does a look-up granted by the customer;
# - the length said first and the hold words after it in the same sentence ("It'll be a minute or two, bear with me",
#   "Only a couple of minutes, can you hold?") is the hold's length; not another thing's time ("The van's two minutes
#   away, hang on");
# - a range whose last word was lost ("a minute or", "for a minute or.") still counts its first count.
#
# An unexplained silence is still dead air after ``dead_air_s``, and a hold that runs past its time still gets a
# check-in ``hold_grace_s`` after it. The wordings are new (none from a call). Driven on an injected timeline of 32 ms
# frames (call time only).
# ====================================================================================================

AGENT_START_G16, AGENT_END_G16 = 1.0, 6.0
CUSTOMER_START_G16, CUSTOMER_END_G16 = 6.8, 8.0


def silence_after(agent: str, back: float, answer: str | None = "Yes, that's fine.") -> dict[float, Step]:
    """The agent's final (1-6 s), the customer's ``answer`` (6.8-8 s; none: silence straight after the agent), then
    nobody until the agent is back at ``back``."""

    def push(said: list[dict], **kw) -> Step:
        return lambda tracker, watcher, now: watcher.push([transcript(said, final=True, **kw)], now)

    steps: dict[float, Step] = {
        AGENT_START_G16 + 0.2: lambda t, w, now: t.on_start(Lane.AGENT, seconds_to_samples(AGENT_START_G16), now),
        AGENT_END_G16 + 0.3: lambda t, w, now: t.on_end(
            Lane.AGENT, seconds_to_samples(AGENT_START_G16), seconds_to_samples(AGENT_END_G16), now
        ),
        AGENT_END_G16 + 0.6: push(words(agent, AGENT_START_G16, AGENT_END_G16)),
        back + 0.2: lambda t, w, now: t.on_start(Lane.AGENT, seconds_to_samples(back), now),
    }
    if answer is not None:
        steps[CUSTOMER_START_G16 + 0.2] = lambda t, w, now: t.on_start(
            Lane.CUSTOMER, seconds_to_samples(CUSTOMER_START_G16), now
        )
        steps[CUSTOMER_END_G16 + 0.3] = lambda t, w, now: t.on_end(
            Lane.CUSTOMER, seconds_to_samples(CUSTOMER_START_G16), seconds_to_samples(CUSTOMER_END_G16), now
        )
        steps[CUSTOMER_END_G16 + 0.6] = push(
            words(answer, CUSTOMER_START_G16, CUSTOMER_END_G16), utt="customer-1", speaker=Lane.CUSTOMER.value
        )
    return steps


HOLD_WORDS_ONLY = [
    "Right, let me ring the harbour office. Can you hold on for me?",
    "I'll just pop you on hold while I speak to the yard.",
    "Bear with me while I ask the skipper about the mooring.",
    "Okay, stay on the line for me and I'll find out.",
    "Would you mind holding while I get the warden on the radio?",
]
MOMENTS_G16 = [
    "Give me a moment to ring the harbour office.",
    "Hold on a sec, I'll ask the yard.",
    "Bear with me two ticks while I look.",
    "I'll pop you on a brief hold.",
    "Hang on, I won't be long.",
]


@pytest.mark.parametrize("text", HOLD_WORDS_ONLY)
def test_a_hold_asked_in_hold_words_alone_is_unsized(text: str) -> None:
    assert classify_hold(text, whole=True) == (None, False)
    assert hold_word_only(text)


@pytest.mark.parametrize("text", MOMENTS_G16)
def test_a_hold_asked_as_a_moment_is_sized_short(text: str) -> None:
    assert classify_hold(text, whole=True) == (None, False)
    assert not hold_word_only(text)


@pytest.mark.parametrize("text", HOLD_WORDS_ONLY[:3])
def test_an_unsized_hold_kept_within_a_minute_is_no_dead_air_and_one_that_runs_long_is_checked(text: str) -> None:
    cfg = TurnConfig()
    holds, dead_air = replay(silence_after(text, back=55.0), cfg, until=57.0)  # 47 s of quiet: kept
    assert holds[-1].data["hold_s"] == cfg.hold_word_s == 60.0
    assert dead_air == []
    holds, dead_air = replay(silence_after(text, back=100.0), cfg, until=100.0)
    [(at, cue)] = dead_air
    assert at == pytest.approx(
        CUSTOMER_END_G16 + cfg.hold_word_s + cfg.hold_grace_s, abs=0.1
    )  # from the silence's start
    assert cue.evidence["on_hold"] is True and cue.evidence["announced_s"] is None


def test_the_customer_agreeing_to_an_unsized_hold_keeps_its_length() -> None:
    """The agent's "Can you hold on for me?" answered "Yes, of course, I'll hold.": the hold is read again at the
    customer's words (the answer path), still a hold word with no size."""
    cfg = TurnConfig()
    agent = "Let me ask the lock keeper, can you hold on for me?"
    holds, dead_air = replay(silence_after(agent, back=100.0, answer="Yes, of course, I'll hold."), cfg, until=100.0)
    assert [h.data["hold_s"] for h in holds][-1] == cfg.hold_word_s
    [(at, cue)] = dead_air
    assert at == pytest.approx(CUSTOMER_END_G16 + cfg.hold_word_s + cfg.hold_grace_s, abs=0.1)


@pytest.mark.parametrize("text", MOMENTS_G16[:2])
def test_a_moment_that_runs_long_is_still_checked_after_the_default(text: str) -> None:
    cfg = TurnConfig()
    holds, dead_air = replay(silence_after(text, back=80.0, answer=None), cfg, until=80.0)
    assert holds[-1].data["hold_s"] == cfg.hold_default_s == 30.0
    [(at, cue)] = dead_air
    assert at == pytest.approx(AGENT_END_G16 + cfg.hold_default_s + cfg.hold_grace_s, abs=0.1)


def test_a_granted_look_up_keeps_the_default() -> None:
    cfg = TurnConfig()
    holds, _ = replay(silence_after("Let me look up the tide table.", back=20.0, answer="No rush."), cfg, until=20.0)
    assert [h.data["hold_s"] for h in holds] == [cfg.hold_default_s]


@pytest.mark.parametrize(
    "text",
    ["The harbour office looks after the moorings.", "The van's two minutes away, hang on to the receipt."],
)
def test_an_unexplained_silence_is_still_dead_air(text: str) -> None:
    cfg = TurnConfig()
    holds, dead_air = replay(silence_after(text, back=30.0, answer=None), cfg, until=30.0)
    assert holds == []
    [(at, cue)] = dead_air
    assert at == pytest.approx(AGENT_END_G16 + cfg.dead_air_s, abs=0.1) and "on_hold" not in cue.evidence


@pytest.mark.parametrize(
    ("text", "announced"),
    [
        ("It'll be a minute or two, bear with me.", 120.0),
        ("Only a couple of minutes, can you hold?", 120.0),
        ("Okay, I'll just be thirty seconds, hang on.", 30.0),
        ("It's only going to be a minute, if you can hold the line.", 60.0),
        ("It won't be more than two minutes, please hold.", 120.0),
        ("Sorry, it'll only take me a minute, so bear with me.", 60.0),
        ("Right. A minute or so, stay on the line for me.", 60.0),
    ],
)
def test_the_length_said_before_the_hold_words_is_the_hold_s(text: str, announced: float) -> None:
    assert classify_hold(text, whole=True) == (announced, False)


@pytest.mark.parametrize(
    "text",
    [
        "The van's two minutes away, hang on.",  # another thing's time
        "Delivery takes a minute, bear with me.",  # said after other words
        "That was ten minutes ago, hang on.",
        "It'll be a second, bear with me.",  # a second is a manner of speaking
    ],
)
def test_a_time_that_is_not_the_hold_s_leaves_it_unsized(text: str) -> None:
    assert classify_hold(text, whole=True) == (None, False)


def test_a_leading_length_kept_is_no_dead_air() -> None:
    cfg = TurnConfig()
    holds, dead_air = replay(silence_after("It'll be a minute or two, bear with me.", back=100.0), cfg, until=100.0)
    assert holds[-1].data["hold_s"] == 120.0
    assert dead_air == []


@pytest.mark.parametrize(
    ("text", "announced"),
    [
        ("It might take a minute or, can you hold on?", 60.0),  # "or two" lost
        ("I'll pop you on hold for a minute or.", 60.0),
        ("Could you hold for about two minutes or.", 120.0),
    ],
)
def test_a_range_whose_last_word_was_lost_still_counts_its_first_count(text: str, announced: float) -> None:
    assert classify_hold(text, whole=True) == (announced, False)


@pytest.mark.parametrize(
    ("text", "announced"),
    [
        # the whole request heard (before, "mind holding for a couple ..." and "hold for a couple ..." read no hold)
        ("Do you mind holding for a couple of minutes while I speak to her?", 120.0),
        ("Are you okay to hold for a few minutes?", 180.0),
        ("Would you be happy to wait for a couple of minutes?", 120.0),
        # the count heard as other words, "minutes" and the errand kept (c666's class)
        ("Would you mind folding the wreck a lot of minutes while I ask him?", 120.0),
        ("Could you bear with me a bother minutes while I check with them?", 120.0),
        ("Can you hang the corner of minutes whilst I ring the depot?", 120.0),
    ],
)
def test_a_wait_asked_in_minutes_is_a_hold_even_with_its_count_misheard(text: str, announced: float) -> None:
    assert classify_hold(text, whole=True) == (announced, False)


@pytest.mark.parametrize(
    "text",
    [
        "Would you mind if it took a lot of minutes while I was away?",  # a wait had: "while I was"
        "I'll ask her to call you back.",  # asking the person to do something
        "I'll ask him tomorrow when he's in.",  # later
        "Are you happy to wait for a refund?",  # another wait
        "Do you mind waiting in for the courier?",
    ],
)
def test_look_alikes_of_a_wait_in_minutes_are_no_hold(text: str) -> None:
    assert classify_hold(text, whole=True) is None


def test_a_misheard_wait_in_minutes_kept_is_no_dead_air() -> None:
    """c666's class: the request heard garbled, a hold of "a couple of minutes" kept for 100 s: no check-in."""
    cfg = TurnConfig()
    agent = "Would you mind folding the wreck a lot of minutes while I ask him?"
    holds, dead_air = replay(silence_after(agent, back=108.0), cfg, until=110.0)
    assert holds[-1].data["hold_s"] == 120.0
    assert dead_air == []


# ====================================================================================================
# Moved from tests/test_holds_h21.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 32 (H21, issue 9): holds asked with a count straight after "hang on"; a wait asked in "minute" whose count
# was garbled.
#
# c697: "Hang on two secs while I check the diary." was written "hang on to sex while I check how's diary.": "hang on"
# followed by a count was not read as a hold word (only "hang on a sec", "hang on, let me ..." were), so the turn was a
# look-up said in passing (``hold_vague_s``, 8 s) and the hold was nudged as dead air 10 s into it. The class: a count
# and its unit straight after "hang on" / "hold on" ("two secs", "5 minutes", "a couple of ticks"), with "two" as
# tiny.en
# may write it ("to", "too") and "secs" heard as "sex" after a count, asks for a wait: a hold word sized short (a few
# seconds is a manner of speaking: ``hold_default_s``), or the duration when it names one. Not "hang on to the receipt"
# (no unit), nor a count said of something else after "hold on to ...".
#
# Quiet c711: "Can you hold for about a minute while I walk over and ask her?" was written "Can you vote for an out -of
# -minute while I walk over and ask?" (the clip alone: "... for another minute while ..."), answered "Sure, no
# problem.": no hold word and no count were read, the customer's grant after a question covered ``hold_default_s`` (30
# s) and the hold kept in 49 s was nudged at 30 s. The class (G16's wait asked in "minutes" with its count unheard,
# widened): the request's frame ("can / could / would / will you", "mind", "bear with me"), up to six words, "minute" or
# "minutes" and the agent's errand under way ("while I walk over / head down / step out / ask ...") is a hold of one
# minute (singular) or two (plural); not a time from now or a rate ("in a minute", "in 5 minutes", "every minute").
#
# The wordings are new (none from a call). Driven on an injected timeline of 32 ms frames (call time only).
# ====================================================================================================

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
    assert at == pytest.approx(CUSTOMER_END_G16 + cfg.hold_default_s + cfg.hold_grace_s, abs=0.1)
    assert cue.evidence["on_hold"] is True


def test_a_look_up_with_no_hold_word_still_covers_hold_vague_s() -> None:
    cfg = TurnConfig()
    holds, dead_air = replay(silence_after("Let me just check the rota.", back=30.0, answer=None), cfg, until=30.0)
    assert [h.data["hold_s"] for h in holds] == [cfg.hold_vague_s]
    [(at, _)] = dead_air
    assert at == pytest.approx(AGENT_END_G16 + cfg.hold_vague_s + cfg.hold_vague_grace_s, abs=0.1)


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
    back = CUSTOMER_END_G16 + seconds - 10.0  # the agent is back 10 s before the time said runs out
    holds, dead_air = replay(silence_after(text, back=back, answer="Sure, no problem."), cfg, until=back + 2.0)
    assert [h.data["hold_s"] for h in holds] == [seconds, seconds]  # the agent's words, then the customer's grant
    assert dead_air == []
    holds, dead_air = replay(silence_after(text, back=150.0, answer="Sure, no problem."), cfg, until=150.0)
    [(at, cue)] = dead_air
    assert at == pytest.approx(CUSTOMER_END_G16 + seconds + cfg.hold_grace_s, abs=0.1) and cue.evidence["on_hold"]


# ====================================================================================================
# Moved from tests/test_behaviour_h22.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 33 (H22, issue 9): behaviour on unseen calls: holds, dead air, raised voice, turn-taking.
#
# c721 (the thirty-first part): a hold asked as "half a minute" while the agent checks a diary, granted ("No problem."),
# that ran 88 s. The agent's turn was heard with its hold word garbled ("... and on four half a minute while I check
# us,") and still read as a hold of 30 s; the check-in came ``hold_grace_s`` after the half minute ran out (t 73.42 s,
# shown 75.42 s), as on every other hold that runs long in the tuning set. The truth file put the moment 45 s into the
# silence (``after_s = 45``, 15 s past the count said), so that check-in was scored "extra" and its re-show 30 s later
# "17 s late": the call file's convention, not the product's (``scripts/eval_calls.py``: a hold that ran long is timed
# "when the announced time ran out"; the other half-minute holds c128, c171, c218, c314, c386, c410, c481, c553, c649
# put it at 30 s). Pinned here: a half minute asked in several words (heard right and garbled) is a hold of 30 s, quiet
# when kept in time, checked in on at 30 s + ``hold_grace_s`` when it runs long, and never before.
#
# c745 (the thirty-second part): "Let me check the lake diary for the eighteenth, I'll be back in a tick." was heard
# "... I'll be back in a ticket." (a partial: "back in a take"), granted "No problem.", and the hold ran 79 s: it was
# checked in on 62 s into the silence (32 s after the truth's moment, +32.00 s), not at 30 s + grace. Two classes:
#
# - "(I'll) be back in a <word>" said at a sentence's end or before the errand sizes the hold as short whatever the
#   last word was heard as ("a ticket", "a tic", "a thick"; :func:`hold_word_only`); "back in a while" still says no
#   size. And a return days away is no hold at all ("I'll be back in a few days", "in about a week", "in 2 hours").
# - The hold word committed before the word that sizes it ("I'll be back" in a partial's stable words, "... in a tick"
#   only in the final): the hold was announced unsized (``hold_word_s``, 60 s) and the final, the same firmness and no
#   duration, was not announced again. Now a later reading that sizes it short re-announces it (``hold_default_s``), as
#   the whole turn reads; a hold word left unsized keeps ``hold_word_s``.
#
# The wordings are new (none from a call). Driven on an injected timeline of 32 ms frames (call time only).
# ====================================================================================================

HALF_MINUTE = [
    "Right, hang on for half a minute while I look at the van rota.",
    "Lovely, and on four half a minute while I check the booking sheet,",  # "hang on for" heard garbled
    "Could you bear with me half a minute while I ring the kitchen?",
    "Give me half a minute to find the order in the system.",
    "Hold for thirty seconds while I check the calendar, please.",
]


@pytest.mark.parametrize("text", HALF_MINUTE)
def test_a_half_minute_asked_is_a_hold_of_thirty_seconds(text: str) -> None:
    assert classify_hold(text, whole=True) == (30.0, False)


@pytest.mark.parametrize("text", HALF_MINUTE[:3])
def test_a_half_minute_kept_in_time_is_quiet(text: str) -> None:
    cfg = TurnConfig()
    back = CUSTOMER_END_G16 + 27.0  # back 3 s before the half minute runs out
    holds, dead_air = replay(silence_after(text, back=back, answer="No problem."), cfg, until=back + 2.0)
    assert holds and holds[-1].data["hold_s"] == 30.0
    assert dead_air == []


@pytest.mark.parametrize("text", HALF_MINUTE[:3])
def test_a_half_minute_that_runs_long_is_checked_in_on_when_it_runs_out_and_not_before(text: str) -> None:
    cfg = TurnConfig()
    back = CUSTOMER_END_G16 + 88.0  # c721's shape: an 88 s hold after a half minute was asked
    holds, dead_air = replay(silence_after(text, back=back, answer="No problem."), cfg, until=back)
    [(at, cue)] = dead_air  # one moment, first raised when the announced time ran out
    assert at == pytest.approx(CUSTOMER_END_G16 + 30.0 + cfg.hold_grace_s, abs=0.1)
    assert cue.evidence["on_hold"] is True


BACK_IN_A_GARBLED = [
    "Let me look at the van diary. I'll be back in a ticket.",  # "tick"
    "Right, let me find the order, I'll be back in a tic.",
    "I'll go and ask the foreman, we'll be back in a thick, okay?",
    "Okay, I'll be back in a sack while I check the stock.",  # "sec"
]


@pytest.mark.parametrize("text", BACK_IN_A_GARBLED)
def test_back_in_a_word_heard_garbled_is_a_moment_asked(text: str) -> None:
    assert classify_hold(text, whole=True) == (None, False)
    assert not hold_word_only(text)


@pytest.mark.parametrize(
    "text",
    ["Back in two ticks.", "Right, back in a sec.", "Let me check the diary. Back in a moment.", "Be right back."],
)
def test_back_in_a_short_time_said_without_its_subject_is_a_hold_sized_short(text: str) -> None:
    assert classify_hold(text, whole=True) == (None, False)
    assert not hold_word_only(text)


@pytest.mark.parametrize(
    "text",
    ["The refund will be back in a second payment.", "I put the fuse back in a minute ago.", "It's back in stock."],
)
def test_back_in_mid_sentence_is_no_hold(text: str) -> None:
    assert classify_hold(text, whole=True) is None


@pytest.mark.parametrize(
    "text", ["I'll be back in a while.", "Can you hold on for me? I'll be back.", "Bear with me while I ask the yard."]
)
def test_a_hold_with_no_size_said_is_still_asked_in_hold_words_alone(text: str) -> None:
    assert classify_hold(text, whole=True) == (None, False)
    assert hold_word_only(text)


@pytest.mark.parametrize(
    "text",
    [
        "The fitter will ring you, and we'll be back in a few days to finish the fence.",
        "I'll be back in about a week with the new panels.",
        "We'll be back in a couple of days to fit it.",
        "I'll be back in two hours with the van.",
        "I'll be back in a fortnight to check the seal.",
    ],
)
def test_a_return_days_or_hours_away_is_no_hold(text: str) -> None:
    assert classify_hold(text, whole=True) is None


def committed_first(partial: str, stable: int, final: str, back: float) -> dict:
    """``silence_after(final, ...)`` with a partial before the final whose first ``stable`` words are committed."""
    steps = silence_after(final, back=back, answer="No problem.")
    shown = words(partial, AGENT_START_G16, AGENT_END_G16)
    steps[AGENT_END_G16 - 0.5] = lambda t, w, now: w.push([transcript(shown, final=False, stable=stable)], now)
    return steps


@pytest.mark.parametrize(
    "final", ["Let me check the diary. I'll be back in a tick.", "Let me check the diary. I'll be back in a ticket."]
)
def test_a_hold_word_committed_before_its_size_word_is_re_read_as_a_moment(final: str) -> None:
    cfg = TurnConfig()
    partial = "Let me check the diary. I'll be back in a take."
    back = CUSTOMER_END_G16 + 79.0  # c745's shape: back after 79 s
    holds, dead_air = replay(committed_first(partial, 8, final, back), cfg, until=back)  # "... I'll be back" committed
    assert holds[0].data["hold_s"] == cfg.hold_word_s  # the hold word alone, first
    assert holds[-1].data["hold_s"] == cfg.hold_default_s
    [(at, cue)] = dead_air
    assert at == pytest.approx(CUSTOMER_END_G16 + cfg.hold_default_s + cfg.hold_grace_s, abs=0.1)
    assert cue.evidence["on_hold"] is True


def test_a_hold_word_left_unsized_by_the_final_keeps_hold_word_s() -> None:
    cfg = TurnConfig()
    final = "Let me ring the yard. Can you hold on for me?"
    back = CUSTOMER_END_G16 + 79.0
    holds, dead_air = replay(committed_first(final, 8, final, back), cfg, until=back)  # "... hold on" committed
    assert {h.data["hold_s"] for h in holds} == {cfg.hold_word_s}
    [(at, _)] = dead_air
    assert at == pytest.approx(CUSTOMER_END_G16 + cfg.hold_word_s + cfg.hold_grace_s, abs=0.1)


# Quiet c760 (the thirty-second part): a voice whose every turn opens 7-9 dB over its body ("They do, Peigi.", "That's
# five bags," "Twelve Habost"), the body at -29.5 dBFS. The own level is the body's (the median of the calm windows),
# so the fourth turn's opening (0.8 s at -21.3 dBFS) measured 8 dB over it and was cued as a raised voice. The class:
# once the agent's calm turns have opened ``agent_opening_min_turns`` (3) times, their median opening
# ``agent_opening_louder_db`` (3 dB) or more over the own level, a turn's first window is judged against that median
# (capped at the baseline + ``baseline_reject_above_db``) by the raised margin, as well as by the other rules; after
# its first window the turn is judged as before, and a voice that opens at about its body's level as before.
# Synthetic voiced audio fed frame by frame as the analyser does (``tests/test_raised_voice_onsets.py``).

CALM_TURNS = [
    (1.5, -25.0),
    (3.0, None),
    (1.0, -23.0),
    (3.0, -29.0),
    (3.0, None),
    (1.0, -23.5),
    (3.0, -29.5),
    (3.0, None),
]


def starts(parts: list[tuple[float, float | None]]) -> list[float]:
    from tests.test_raised_voice_onsets import first_cues

    return [start for start, _ in first_cues([(s, level, 110.0) for s, level in parts])]


def test_a_turn_opening_as_loud_as_the_agents_usual_openings_is_not_raised() -> None:
    assert starts(CALM_TURNS + [(0.8, -21.3), (3.0, -29.5), (2.0, None)]) == []


def test_a_turn_raised_from_its_opening_over_the_usual_openings_is_caught_at_its_start() -> None:
    opens = sum(s for s, _ in CALM_TURNS)
    [start] = starts(CALM_TURNS + [(3.0, -16.0), (2.0, None)])
    assert start == pytest.approx(opens, abs=0.15)


def test_a_turn_raised_after_its_opening_is_caught_as_before() -> None:
    from tests.test_raised_voice_onsets import first_cues

    loud = sum(s for s, _ in CALM_TURNS) + 1.0  # a calm 1 s opening, then 8 dB over the body
    [(_, at)] = first_cues([(s, level, 110.0) for s, level in CALM_TURNS + [(1.0, -24.0), (3.0, -21.0), (2.0, None)]])
    assert loud < at <= loud + 1.2  # the 1 s window fills with the louder words (the same before the change)


def test_a_raised_second_turn_is_judged_without_openings() -> None:
    # fewer than three calm openings: the second turn's opening is judged by the own level as before (c80's shape)
    [start] = starts([(1.5, -25.0), (3.0, None), (2.0, -17.0), (2.0, None)])
    assert start == pytest.approx(4.5, abs=0.15)


def test_a_voice_opening_at_its_bodys_level_has_its_raised_opening_caught_as_before() -> None:
    # c751's shape: openings 1.5 dB over the body, then a turn opening 8 dB over the body
    turns = [
        (1.5, -27.5),
        (3.0, None),
        (1.0, -27.0),
        (3.0, -28.5),
        (3.0, None),
        (1.0, -27.0),
        (3.0, -28.5),
        (3.0, None),
    ]
    opens = sum(s for s, _ in turns)
    [start] = starts(turns + [(3.0, -20.0), (2.0, None)])
    assert start == pytest.approx(opens, abs=0.15)


# ====================================================================================================
# Moved from tests/test_behaviour_h23.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 34 (H23, issue 9): behaviour on unseen calls: how an agent says they will be a moment.
#
# Holds announced in everyday shapes the grammar missed (read before the thirty-third part's flip, with new wordings
# of our own, none from a call):
#
# - "I'll be back in half a minute" / "in around two minutes" / "in no time": the lead-in after "back in" knew "a",
#   "one", a count, "just", "about", "under", "less"; "half", "around", "roughly", "maybe", "like", "no time" read no
#   hold. A return hours or days away is still no hold ("in half an hour", "in around two days").
# - "Back with you in a tick", "I'll be with you in a sec", "I'll be right with you": the agent back on the line, said
#   with "with you"; not what is sent ("it should be with you in a minute"), nor a visit ("he can be with you in about
#   forty minutes").
# - "I'll only be a minute.", "I'll be two minutes.", "I'll just be a moment.": the agent's own time away ending its
#   clause; not a time late, away or spent ("I'll be a minute late").
# - "Won't be a moment." / "Shan't be long." without their subject at a sentence's start, as "I won't be long" is.
# - "Hang fire a second" / "hang fire while I look": asked as "hang on" is; not a decision put off ("we'll hang fire
#   on the order until Monday", "hang fire for a week").
# - "Two shakes", "a jiffy", "in no time", "right with you" size a hold as short (``hold_default_s``, not the
#   ``hold_word_s`` of a hold asked in hold words alone).
# - "Just two ticks." / "Two secs, ...": a moment said in passing (vague), as "just a tick" is.
# - Second round, the same grammar's other everyday words: "pop you on mute", "stick with me a sec", "stay put while I
#   ...", "hang about", "leave you on the line", "leave it with me a minute", "step away for a minute", "keep holding",
#   "bear with." clipped, "back shortly", "(be) with you in a sec", "I'll be straight back to you", "I'll just need a
#   moment", "I'm just going to check ...", "just a jiffy".
# - Third round: "haud on" / "hing on" (Scots "hold on" / "hang on"), "half a mo", "won't be a jiffy", "just a minute,
#   let me see", "(be / come) back on the line", "put the phone down for a second" (the agent's own), fetching a person
#   to the phone ("let me just get my supervisor"; not "I'll get someone to ring you"), "a gander / a nosey / a squint
#   / a shufti" as "a look", "run upstairs and check".
# - Fourth round: "can I ask you to hold?", "you're going on hold for a sec", "you'll hear a bit of hold music", "pop
#   you on pause", "hold please", "hang on there a sec", "just stay there", "I'll be with you (shortly)", "two minutes
#   and I'll be with you", "I'll come right back to you", "I'll get back to you in a sec", "back to you in a sec", "I'll
#   be back with the details in a minute", "it'll just take a moment", "pop off and check", "just a wee moment", "let
#   me just do the sums".
#
# Driven on an injected timeline of 32 ms frames (call time only) where a silence is replayed.
# ====================================================================================================

SHORT_UNSIZED = [  # a hold with no count, sized as short: hold_default_s
    "Let me look at the kennel diary, I'll be back in two shakes.",
    "Right, I'll be back in no time.",
    "Back with you in a tick.",
    "I'll just find the invoice, I'll be with you again in a sec.",
    "Let me grab the folder, I'll be right with you.",
    "I'll just be a moment.",
    "Okay, I'll only be a jiffy while I ask upstairs.",
    "Won't be a moment.",
    "Lovely. Shan't be long.",
    "Hang fire a second.",
    "Could you bear with me for two shakes?",
]


@pytest.mark.parametrize("text", SHORT_UNSIZED)
def test_a_short_time_away_said_in_everyday_words_is_a_hold_sized_short(text: str) -> None:
    assert classify_hold(text, whole=True) == (None, False)
    assert not hold_word_only(text)


COUNTED = [
    ("I'll be back in half a minute, just checking the board.", 30.0),
    ("I'll be back in around two minutes.", 120.0),
    ("Let me ring the yard, I'll be back in roughly a minute.", 60.0),
    ("Back with you in two minutes.", 120.0),
    ("I'll only be a minute.", 60.0),
    ("I'll be two minutes while I find it.", 120.0),
    ("We'll be a couple of minutes, okay?", 120.0),
    ("I'll be a minute or two.", 120.0),
    ("Right, back in half a minute.", 30.0),
]


@pytest.mark.parametrize(("text", "seconds"), COUNTED)
def test_a_counted_time_away_is_a_hold_of_that_length(text: str, seconds: float) -> None:
    assert classify_hold(text, whole=True) == (seconds, False)


NOT_A_HOLD = [
    "It should be with you in a minute.",  # an email on its way
    "He can be with you in about forty minutes.",  # a visit
    "The engineer will be with you in a couple of hours.",
    "I'll be a minute late tomorrow.",
    "We'll be two minutes away from the depot.",
    "I'll be five minutes on the phone to them later.",
    "We'll hang fire on the order until Monday.",
    "Let's hang fire for a week and see.",
    "I'd hang fire on that if I were you.",
    "I'll be back in half an hour with the van.",
    "We'll be back in around two days to fit it.",
    "I'll be right with you on Tuesday morning.",
    "The van won't be long.",
    "It won't be a minute before the page loads.",
    "Two ticks in the boxes please.",
    "She'll settle into the halls in no time.",
    "I'll be with you in spirit.",
]


@pytest.mark.parametrize("text", ["Just two ticks.", "Two secs, let me look.", "Just a couple of seconds."])
def test_a_moment_counted_in_passing_is_a_vague_look_up(text: str) -> None:
    assert classify_hold(text, whole=True) == (None, True)


def test_no_time_limit_does_not_size_a_hold() -> None:
    assert hold_word_only("Can you hold on for me? There's no time limit on the claim.")
    assert not hold_word_only("Can you hold on for me? I'll be back in no time.")


@pytest.mark.parametrize("text", ["Hang fire while I check the rota.", "Hang fire one moment while I look."])
def test_hang_fire_while_the_agent_looks_is_a_hold_word(text: str) -> None:
    assert classify_hold(text, whole=True) == (None, False)


@pytest.mark.parametrize("text", SHORT_UNSIZED[:5])
def test_a_short_time_away_that_runs_long_is_checked_in_on_after_hold_default_s(text: str) -> None:
    cfg = TurnConfig()
    back = CUSTOMER_END_G16 + 70.0
    holds, dead_air = replay(silence_after(text, back=back, answer="No problem."), cfg, until=back)
    assert holds and holds[-1].data["hold_s"] == cfg.hold_default_s
    [(at, cue)] = dead_air
    assert at == pytest.approx(CUSTOMER_END_G16 + cfg.hold_default_s + cfg.hold_grace_s, abs=0.1)
    assert cue.evidence["on_hold"] is True


def test_i_will_only_be_a_minute_kept_in_time_is_quiet() -> None:
    cfg = TurnConfig()
    back = CUSTOMER_END_G16 + 55.0
    holds, dead_air = replay(silence_after("I'll only be a minute.", back=back, answer="Okay."), cfg, until=back + 2.0)
    assert holds and holds[-1].data["hold_s"] == 60.0
    assert dead_air == []


SECOND_ROUND = [
    ("Let me pop you on mute for a second.", (None, False)),
    ("Stick with me a sec.", (None, False)),
    ("Could you stay put while I ring the yard?", (None, False)),
    ("Hang about, let me look.", (None, False)),
    ("Can I leave you on the line for a minute?", (60.0, False)),
    ("Leave it with me a minute.", (60.0, False)),
    ("I'm just going to step away for a minute.", (60.0, False)),
    ("Can you keep holding for me?", (None, False)),
    ("Bear with, bear with.", (None, False)),
    ("Right, back shortly.", (None, False)),
    ("With you in a moment.", (None, False)),
    ("I'll be straight back to you.", (None, False)),
    ("I'll just need a moment.", (None, True)),
    ("I'm just going to check the rota.", (None, True)),
    ("Just a jiffy.", (None, True)),
]


SECOND_ROUND_NOT = [
    "The price will stay put.",
    "Tell the kids to stay put and the AA will reach you.",
    "Stick with me on this one, the second option is better.",
    "Stick with us for the long haul and the price is fixed.",
    "We'll hang about until the fitter arrives.",
    "Keep holding the power button down.",
    "You'll need to keep holding down the reset.",
    "I'll leave it with you for a couple of days.",
    "Leave it with me and I'll call you tomorrow.",
    "Step away from the boiler for a minute if it's hissing.",
    "I'll be back to you on Monday.",
    "Stay put for a couple of days while it dries.",
    "Your parcel will be with you in a couple of days.",
    "Bear with the new system, it's a bit slow.",
    "I'll just need a copy of the receipt.",
]


def test_a_moment_asked_in_shakes_is_no_plain_look_up() -> None:
    assert not plain_lookup("Give me two shakes.")
    assert plain_lookup("Let me check that for you.")


def test_a_customer_overlap_is_read_in_the_language_rules_words_accents_folded() -> None:
    assert words_of("Sí, señora, ça va") == ["si", "senora", "ca", "va"]
    assert words_of("Mm\u2011hmm, that\u2019s RIGHT.") == ["mm", "hmm", "that's", "right"]
    cfg = TurnConfig(backchannel_words=(*TurnConfig().backchannel_words, "si"))
    assert not is_cut_in("Sí, sí.", cfg)  # was "s", "s": two words left, a cut-in
    assert is_cut_in("Perdón, ¿cuál?", cfg)


THIRD_ROUND = [
    ("Haud on a wee second while I find the order.", (None, False)),
    ("Hing on a second.", (None, False)),
    ("Half a mo.", (None, True)),
    ("Won't be a jiffy.", (None, False)),
    ("Just a minute, let me see.", (60.0, False)),
    ("I'll be back on the line in a moment.", (None, False)),
    ("I'll come back on the line in two minutes.", (120.0, False)),
    ("I'm going to put the phone down for a second.", (None, False)),
    ("Let me just get my supervisor.", (None, True)),
    ("I'll just go and fetch someone.", (None, True)),
    ("Let me just have a quick squint at the rota.", (None, True)),
    ("I'll just run upstairs and check.", (None, True)),
]


THIRD_ROUND_NOT = [
    "I'll get someone to ring you back this afternoon.",
    "We'll get a manager to call you tomorrow.",
    "Just a minute, that's not right.",
    "Just a minute ago you said Tuesday.",
    "It only takes half a second to load.",
    "Put the phone down for a second and restart the router.",
    "Haud on to your ticket.",
]


@pytest.mark.parametrize("seconds", [0.5, 1.0, 2.5])
def test_one_calm_window_is_its_own_level_so_fewer_than_three_is_the_rule_for_two(seconds: float) -> None:
    """The open question since session 32 (P10): should the power average "of exactly two windows" be "of fewer than
    three"? One window's power average over its seconds is the window itself, as its median is: the same rule."""
    b = SpeakerBaseline(min_own_s=0.1, history=120, reject_above_db=5.0)
    b.update(-27.3, np.empty(0), seconds)
    assert b.own_level_db == pytest.approx(-27.3)


FOURTH_ROUND = [
    ("Can I ask you to hold?", (None, False)),
    ("You're going on hold for a sec.", (None, False)),
    ("You'll hear a bit of hold music while I check.", (None, False)),
    ("Let me just put you on pause.", (None, False)),
    ("Hold please.", (None, False)),
    ("Hang on there a sec.", (None, False)),
    ("Just stay there.", (None, False)),
    ("I'll be with you shortly.", (None, False)),
    ("Two minutes and I'll be with you.", (120.0, False)),
    ("I'll check and come straight back to you.", (None, False)),
    ("I'll get back on to you in a second.", (None, False)),
    ("Right, back to you in a sec.", (None, False)),
    ("I'll be back with the details in a minute.", (60.0, False)),
    ("It'll just take a moment to load.", (None, True)),
    ("Let me just pop off and check.", (None, True)),
    ("Just a wee moment.", (None, True)),
    ("Let me just do the sums.", (None, True)),
]


FOURTH_ROUND_NOT = [
    "I'll ask you to hold the ladder while I drill.",
    "Hold on there, you said Tuesday?",
    "Stay there and the AA will reach you.",
    "I'll get back to you tomorrow with a price.",
    "I'll get back to you in a couple of days.",
    "I'll be back with the van in two days.",
    "Don't worry, I'll be with you every step of the way.",
    "I'll be with you on Tuesday at nine.",
    "You'll be on hold for ages if you ring on Monday.",
    "The hold music is awful, I know.",
    "I'll go away and think about it.",
    "It'll just take a day to dry.",
]


@pytest.mark.parametrize("text", ["Hold on there.", "Just stay there.", "I'll come right back to you."])
def test_a_hold_word_kept_in_time_is_quiet_and_one_that_runs_long_is_checked_in_on(text: str) -> None:
    cfg = TurnConfig()
    covered = cfg.hold_default_s if not hold_word_only(text) else cfg.hold_word_s
    holds, dead_air = replay(
        silence_after(text, back=CUSTOMER_END_G16 + covered - 3.0), cfg, until=CUSTOMER_END_G16 + covered
    )
    assert holds and dead_air == []
    back = CUSTOMER_END_G16 + covered + 20.0
    holds, dead_air = replay(silence_after(text, back=back), cfg, until=back)
    [(at, _cue)] = dead_air
    assert at == pytest.approx(CUSTOMER_END_G16 + covered + cfg.hold_grace_s, abs=0.1)


@pytest.mark.parametrize(
    ("partial", "stable", "final"),
    [
        ("We'll be with you between eight and ten.", 4, "We'll be with you between eight and ten."),
        ("We'll hang about until the fitter comes.", 3, "We'll hang about until the fitter comes."),
        ("Keep holding the power button down.", 2, "Keep holding the power button down."),
        ("I'll only be a minute late tomorrow.", 5, "I'll only be a minute late tomorrow."),
        ("Bear with the new system, it's slow.", 2, "Bear with the new system, it's slow."),
    ],
)
def test_a_partial_stopping_on_everyday_words_announces_no_hold_the_sentence_goes_on(
    partial: str, stable: int, final: str
) -> None:
    """The committed words of a partial may stop where one of these wordings would end ("We'll be with you" ...
    "between eight and ten"): they read a hold only with what ends or follows the wait, not at the partial's end."""
    cfg = TurnConfig()
    back = CUSTOMER_END_G16 + 20.0
    holds, dead_air = replay(committed_first(partial, stable, final, back), cfg, until=back)
    assert holds == []
    [(at, cue)] = dead_air
    assert at == pytest.approx(CUSTOMER_END_G16 + cfg.dead_air_s, abs=0.2)
    assert "on_hold" not in cue.evidence


@pytest.mark.parametrize(("text", "reading"), SECOND_ROUND + THIRD_ROUND + FOURTH_ROUND)
def test_the_everyday_words_for_a_wait_are_read(text: str, reading: tuple) -> None:
    assert classify_hold(text, whole=True) == reading


@pytest.mark.parametrize("text", NOT_A_HOLD + SECOND_ROUND_NOT + THIRD_ROUND_NOT + FOURTH_ROUND_NOT)
def test_the_same_words_said_of_something_else_are_no_hold(text: str) -> None:
    assert classify_hold(text, whole=True) is None


# ====================================================================================================
# Session 36 (H25, issue 9): one minute asked with the word before "minute" garbled, "an" as its article (c831's class:
# "It'll take me about a minute, is that all right?" heard "It'll take me an outer minute, isn't it all right?", granted
# "Yes, of course.", a hold kept in 52 s: read from the grant as hold_default_s and checked in on at 32 s). The shape of
# a wait asked reads the time as one minute whatever the one word between the article and "minute" (_GARBLED_MINUTE);
# our own wordings.


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("it'll take me an outer minute", 60.0),
        ("give me an extra minute", 60.0),
        ("hold on for a mellow minute", 60.0),
        ("an 8 minute drive", 480.0),  # a count keeps its own reading
        ("wait an hour", None),
        ("give me a couple of minutes", 120.0),  # unchanged
    ],
)
def test_one_minute_said_with_an_and_a_word_before_minute(text: str, seconds: float | None) -> None:
    assert announced_seconds(text) == seconds


@pytest.mark.parametrize(
    "text",
    [
        "It'll take me an outer minute, is that all right?",
        "Let me check the diary. It'll take me a mellow minute, is that okay?",
        "Hang on a mango minute while I look.",
        "Give me an honour minute to check the rota.",
    ],
)
def test_a_wait_asked_with_its_minute_garbled_is_a_one_minute_hold(text: str) -> None:
    assert classify_hold(text, whole=True) == (60.0, False)


@pytest.mark.parametrize(
    "text",
    [
        "It takes an extra minute to heat up.",
        "I was on hold for a whole minute yesterday.",
        "Wait an hour before you use it.",
        "The van will be with you in a short minute.",
    ],
)
def test_a_minute_that_is_no_wait_asked_stays_no_hold(text: str) -> None:
    assert classify_hold(text, whole=True) is None


def test_a_minute_asked_in_garbled_words_and_granted_covers_the_kept_hold() -> None:
    """The agent's own time with the customer's leave asked, its "about a" heard as "an outer": a 52 s hold is quiet,
    an 80 s one is checked in on at the minute + ``hold_grace_s`` (not at ``hold_default_s``)."""
    cfg = TurnConfig()
    agent = "Let me look at the evening diary. It'll take me an outer minute, isn't it all right?"
    holds, dead_air = replay(silent_after(agent, back=57.0), cfg, until=57.0)
    assert [h.data["hold_s"] for h in holds] == [60.0]
    assert dead_air == []
    _, dead_air = replay(silent_after(agent, back=80.0), cfg, until=80.0)
    [(at, cue)] = dead_air
    assert at == pytest.approx(AGENT_END_H20 + 60.0 + cfg.hold_grace_s, abs=0.05)


# ====================================================================================================
# Session 37 (H26, issue 9): a wait asked for "minutes" ending its sentence, its count garbled and no errand after it
# (c858's class: "Can you hold for about two minutes?" heard "Can you hold for them out through minutes?", granted
# "Sure, go ahead. I'll wait.", a hold kept in 97 s: read from the grant as hold_default_s and checked in on at 32 s).
# The request's frame, a verb of waiting, "for", one to three garbled words and plural "minutes" ending the request is
# two minutes, as session 29's unheard minutes with the errand after them are (_UNHEARD_MINUTES, its second shape);
# our own wordings.


@pytest.mark.parametrize(
    "text",
    [
        "Can you hold for them out through minutes?",
        "Would you mind holding for a lot of minutes, please?",
        "Could you wait for uh through minutes, is that okay?",
        "It takes a little while to open. Can you hang on for a bow two minutes?",
    ],
)
def test_a_wait_asked_for_minutes_with_its_count_garbled_is_two_minutes(text: str) -> None:
    assert classify_hold(text, whole=True) == (120.0, False)


@pytest.mark.parametrize(
    "text",
    [
        "Could you ring back in a few minutes?",  # no wait asked: a time from now
        "Can you wait for the next few minutes of the video?",  # words after it: another wait
        "You had to hold for forty minutes?",  # a wait had
        "Can you wait for the bus in five minutes?",
    ],
)
def test_minutes_that_are_no_wait_asked_stay_no_hold(text: str) -> None:
    assert classify_hold(text, whole=True) is None


def test_minutes_asked_in_garbled_words_and_granted_cover_a_hold_kept_in_time() -> None:
    """Granted, the two minutes cover a 90 s hold (quiet; ``hold_default_s`` checked in on at 30 s before)."""
    agent = "I'll check the early slots on the system, it's slow to open. Can you hold for them out through minutes?"
    holds, dead_air = replay(answered(agent, "Sure, go ahead. I'll wait."), TurnConfig(), until=BACK_CONSENT + 2.0)
    assert holds and all(h.data["hold_s"] == 120.0 for h in holds)
    assert dead_air == []


# ====================================================================================================
# Session 38 (H27, issue 9): c858's class carried to the other ways of asking. A wait asked for a time whose count the
# recogniser garbled was read only behind "can / could / would / will you" or "mind" and only in plural "minutes"; the
# same request in any frame the wait grammar reads as a request (_ASKED_FRAME: "would you be able to", "is it okay if
# you", "I'll need you to", "are you okay to", "if you could") and in "minute" (one minute, as the errand shape reads
# it) is the same promise of a time. Our own wordings.


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("Would you be able to hold for a bow two minutes?", 120.0),
        ("I'll need you to wait for a cup of minutes, please.", 120.0),
        ("Are you okay to hang on for them out tree minutes?", 120.0),
        ("If you could just hold for a fuse minutes.", 120.0),
        ("Is it okay if you hang on for a bout a minute?", 60.0),
        ("Can you hold for an oath her minute, is that okay?", 60.0),
    ],
)
def test_a_wait_asked_in_any_request_frame_with_its_count_garbled_reads_its_unit(text: str, seconds: float) -> None:
    assert classify_hold(text, whole=True) == (seconds, False)


@pytest.mark.parametrize(
    "text",
    [
        "Would you be able to ring back in a few minutes?",  # a time from now, no wait
        "Are you okay to wait for the last minute?",  # "the": another wait
        "I'll need you to wait for the engineer for twenty minutes after he arrives.",  # words after it
        "Would you be able to wait for the courier in ten minutes?",  # a time from now
    ],
)
def test_a_garbled_minute_that_is_no_wait_asked_stays_no_hold(text: str) -> None:
    assert classify_hold(text, whole=True) is None
