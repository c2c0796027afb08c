"""Two dead-air classes of the twenty-second part (session 23, H19, issue 9), on an injected timeline of 32 ms
frames (call time only, no wall clock); the wordings are written anew, not the calls' sentences.

1. A hold asked as a question the recogniser wrote as a statement, granted (c522: "... It'll take about a
   minute, is it okay if I pop you on hold?" heard "... let me check in the road to win them. That'll take a
   moment and then it'll take a pipe off your own cold.", its partials "... it'll take a few minutes",
   answered "Yes, no problem."): a bare grant agrees to the wait when the turn asked for one firmly (a hold
   word or a duration in its final or its partials), not only when its final ends on a question mark.
2. A customer's question after a look-up said in passing (c509: "I'll check with the conservation officer
   first" ... "Okay. When could you come out for the survey?" ... 12 s of silence): the look-up no longer
   explains the silence after the question, which is dead air after ``dead_air_s`` (it was 4 s late); a hold
   word or a duration still covers it.
"""

from __future__ import annotations

import pytest

from coach.turns.config import TurnConfig
from coach.types import Lane, seconds_to_samples
from tests.test_holds_customer_consent import (
    AGENT_END,
    AGENT_START,
    CUSTOMER_END,
    CUSTOMER_START,
    call,
    push,
    spoken,
)
from tests.test_holds_from_partials import Step, replay, transcript, words

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
    assert dead_air[0][0] <= CUSTOMER_END + cfg.hold_vague_s + cfg.hold_grace_s + 0.05


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
    assert at == pytest.approx(QUESTION_END + cfg.hold_vague_s + cfg.hold_grace_s, abs=0.05) and cue.evidence["on_hold"]


def test_a_question_before_the_look_up_leaves_it_covering():
    """The customer asked first, then the agent went to look: the look-up explains the short quiet."""
    cfg = TurnConfig()
    steps = asked_after("Let me just have a look at the manual.", "Okay, thanks.", lead="Is it the older model?")
    _, dead_air = replay(steps, cfg, until=AGENT_BACK)
    assert dead_air[0][0] == pytest.approx(QUESTION_END + cfg.hold_vague_s + cfg.hold_grace_s, abs=0.05)


@pytest.mark.parametrize(
    "agent", ["I'll pop you on hold for a minute while I check the diary.", "Bear with me while I look."]
)
def test_a_question_after_a_hold_word_or_a_duration_leaves_the_hold(agent: str):
    """The customer may ask while the agent goes to look; the hold they were told of still explains it."""
    cfg = TurnConfig()
    _, dead_air = replay(asked_after(agent, "Okay, will it be long?"), cfg, until=AGENT_BACK)
    assert dead_air == []
