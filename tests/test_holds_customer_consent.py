"""A hold the recogniser garbled, read from the customer's answer (issue 9, c424's class).

The agent asks to go and check ("I'll put you on hold for about two minutes while I go through it",
written "I'll put you on the phone and I'll do minutes while I go through it") and the customer agrees
to the wait ("Yes, of course. Take your time."): :class:`~coach.turns.holds.HoldWatcher` announces the
hold at the customer's words, with the duration the agent's turn named (a homophone of "two" read as
the count; else the partials' duration capped at ``hold_heard_s``; else ``hold_default_s``), for a
silence that begins within ``hold_answer_s`` of the answer. An answer that agrees to nothing, a
different wait, or one after a turn that asked for none leaves the silence dead air. Driven on an
injected timeline of 32 ms frames (call time only, no wall clock).
"""

from __future__ import annotations

import pytest

from coach.turns.config import TurnConfig
from coach.types import Event, Lane, seconds_to_samples
from tests.test_holds_from_partials import STEP, Step, replay, transcript, words

AGENT_START, AGENT_END = 1.0, 8.0
ASKED = (  # the agent's final: "two minutes" heard as "do minutes", "hold" as "the phone"
    "He's in the yard, I'll put you on the phone and I'll do minutes while I go through it within it, and that's okay."
)
LOOKUP = "There's a note on it for the fitter, let me just check what it means with him."
NO_LOOKUP = "Lovely, and what's the postcode there?"
CONSENT = "Yes, of course. Take your time."
# the customer's answer 8.5-10.0 s, then silence until the agent is back
CUSTOMER_START, CUSTOMER_END, BACK = 8.5, 10.0, 100.0


def push(event: Event) -> Step:
    """A step that pushes ``event`` to the hold watcher."""
    return lambda tracker, watcher, now: watcher.push([event], now)


def spoken(lane: Lane, start: float, end: float) -> dict[float, Step]:
    """The steps of ``lane`` speaking from ``start`` to ``end`` (seconds), as the VAD confirms them."""
    return {
        start + 0.2: lambda t, w, now: t.on_start(lane, seconds_to_samples(start), now),
        end + 0.3: lambda t, w, now: t.on_end(lane, seconds_to_samples(start), seconds_to_samples(end), now),
    }


def call(
    agent: str,
    answer: str,
    *,
    partials: tuple[tuple[float, str, int], ...] = (),
    answer_start: float = CUSTOMER_START,
    talks_on: float | None = None,
) -> dict[float, Step]:
    """The agent's turn (its ``partials``: time pushed, text, stable words; then its final ``agent``),
    the customer's ``answer`` from ``answer_start`` to ``CUSTOMER_END``, optionally the agent talking
    on from 10.5 s to ``talks_on``, then silence until ``BACK``."""
    steps = spoken(Lane.AGENT, AGENT_START, AGENT_END) | spoken(Lane.CUSTOMER, answer_start, CUSTOMER_END)
    steps[BACK + 0.2] = lambda t, w, now: t.on_start(Lane.AGENT, seconds_to_samples(BACK), now)
    for at, text, stable in partials:
        steps[at] = push(transcript(words(text, AGENT_START, min(at - 0.2, AGENT_END)), final=False, stable=stable))
    steps[AGENT_END + 0.6] = push(transcript(words(agent, AGENT_START, AGENT_END), final=True))
    said = words(answer, answer_start, CUSTOMER_END)
    steps[CUSTOMER_END + 0.4] = push(transcript(said, final=True, utt="customer-1", speaker="customer"))
    if talks_on is not None:
        steps.update(spoken(Lane.AGENT, 10.5, talks_on))
        steps[talks_on + 0.5] = push(
            transcript(words("Thanks, so the fitter says", 10.5, talks_on), final=True, utt="a2")
        )
    return steps


def test_the_customer_agreeing_to_the_wait_announces_the_garbled_two_minutes():
    holds, dead_air = replay(call(ASKED, CONSENT), TurnConfig(), until=BACK + 2.0)
    *_, hold = holds  # the final's own reading (a look-up: vague) first, then the answer's
    assert hold.at == pytest.approx(CUSTOMER_END + 0.4, abs=STEP)
    assert hold.t == pytest.approx(CUSTOMER_START, abs=0.01)  # announced at the customer's words
    assert hold.data["announced_s"] == 120.0 and hold.data["hold_s"] == 120.0
    assert dead_air == []  # the 90 s wait is quiet


def test_without_the_answer_the_same_silence_is_dead_air():
    cfg = TurnConfig()
    holds, dead_air = replay(call(ASKED, "Okay."), cfg)
    assert [h.data["hold_s"] for h in holds] == [cfg.hold_vague_s]  # the look-up in the final, nothing more
    [(at, cue)] = dead_air
    assert at == pytest.approx(CUSTOMER_END + cfg.hold_vague_s + cfg.hold_vague_grace_s, abs=0.05)  # a look-up's wait


def test_a_duration_only_a_partial_heard_is_capped_at_hold_heard_s():
    """The final re-heard the partial's "two minutes" as other words; the answer says a wait was asked."""
    cfg = TurnConfig(hold_heard_s=50.0)
    partial = "He's in the yard, I'll put you on hold for two minutes while I go through it."
    final = "He's in the yard, I'll put you on the phone and I'll see me in it while I go through it within it."
    holds, dead_air = replay(call(final, CONSENT, partials=((7.0, partial, 5),)), cfg)
    # the final re-heard the phrase: only its look-up at the final, then the answer's hold
    assert [h.data["hold_s"] for h in holds] == [cfg.hold_vague_s, 50.0] and holds[-1].data["announced_s"] == 120.0
    [(at, cue)] = dead_air
    assert at == pytest.approx(CUSTOMER_END + 50.0 + cfg.hold_grace_s, abs=0.05) and cue.evidence["on_hold"]


@pytest.mark.parametrize("answer", ["No rush.", "That's fine, I'll hold on.", "Sure, go ahead.", "I'll wait, thanks."])
def test_a_look_up_answered_with_a_wait_covers_hold_default_s(answer: str):
    cfg = TurnConfig()
    holds, dead_air = replay(call(LOOKUP, answer), cfg)
    assert holds[-1].data["announced_s"] is None and holds[-1].data["hold_s"] == cfg.hold_default_s
    checked_in_after_default_hold(dead_air, cfg)


def checked_in_after_default_hold(dead_air: list, cfg: TurnConfig) -> None:
    """One dead-air cue: the check-in once the answer's ``hold_default_s`` (and its grace) has run."""
    [(at, cue)] = dead_air
    assert (
        at == pytest.approx(CUSTOMER_END + cfg.hold_default_s + cfg.hold_grace_s, abs=0.05) and cue.evidence["on_hold"]
    )


@pytest.mark.parametrize(
    "answer",
    [
        "Okay.",
        "That's fine.",
        "Take your time with the form, I'll post it back.",
        "No rush on the payment.",
        "I'll wait for the letter then.",
        "I'll wait and see.",
        # not the customer's own "I'll ... on" of a wait (session 48, H27)
        "Okay, I'll pass that on.",
        "Right, I'll log on.",
        "Fine, I'll carry on.",
        "No, I'll switch it on.",
        "Sure, I'll send you one.",
        "I'll turn it on later.",
    ],
)
def test_an_answer_agreeing_to_no_wait_leaves_the_silence_dead_air(answer: str):
    cfg = TurnConfig()
    holds, dead_air = replay(call(LOOKUP, answer), cfg)
    assert [h.data["hold_s"] for h in holds] == [cfg.hold_vague_s]
    [(at, cue)] = dead_air
    assert at == pytest.approx(CUSTOMER_END + cfg.hold_vague_s + cfg.hold_vague_grace_s, abs=0.05)  # a look-up's wait


def test_agreeing_after_a_turn_that_asked_for_no_wait_announces_nothing():
    cfg = TurnConfig()
    holds, dead_air = replay(call(NO_LOOKUP, CONSENT), cfg)
    assert holds == []
    assert dead_air[0][0] == pytest.approx(CUSTOMER_END + cfg.dead_air_s, abs=0.05)


def test_an_answer_long_after_the_turn_is_not_its_answer():
    cfg = TurnConfig()
    holds, _ = replay(call(LOOKUP, CONSENT, answer_start=AGENT_END + cfg.hold_answer_s + 0.5), cfg)
    assert [h.data["hold_s"] for h in holds] == [cfg.hold_vague_s]


def test_take_your_time_with_no_silence_after_it_covers_no_later_silence():
    """The agent talks on after the answer; the silence after their turn is judged on its own."""
    cfg = TurnConfig()
    holds, dead_air = replay(call(LOOKUP, CONSENT, talks_on=20.0), cfg)
    assert holds[-1].data["hold_s"] == cfg.hold_default_s  # the answer was read...
    [(at, cue)] = dead_air  # ...but the silence from 20 s is dead air after dead_air_s
    assert at == pytest.approx(20.0 + cfg.dead_air_s, abs=0.05) and "on_hold" not in cue.evidence


# c472's class: a question that asked to hold while the agent checks, its hold words garbled, granted by
# the customer; written anew, not c472's sentences
GARBLED_QUESTION = "Right, the rules moved this year. Could you bear for a bit in it while I check with the surveyor?"
GARBLED_STATEMENT = "Right, the rules moved this year, so I'll bear for a bit in it while I check with the surveyor."


@pytest.mark.parametrize(
    "answer",
    ["Of course, take over time.", "Yeah, take ya time.", "No problem.", "Of course.", "Yes, sure, no worries."],
)
def test_a_question_to_check_granted_covers_hold_default_s(answer: str):
    """The answer's "your" as tiny.en hears it, or a bare grant of the question: the wait the turn asked for."""
    cfg = TurnConfig()
    holds, dead_air = replay(call(GARBLED_QUESTION, answer), cfg)
    assert [h.data["hold_s"] for h in holds] == [cfg.hold_vague_s, cfg.hold_default_s]
    checked_in_after_default_hold(dead_air, cfg)


@pytest.mark.parametrize(
    ("agent", "answer"),
    [
        (GARBLED_STATEMENT, "Of course."),  # a grant, but the turn asked nothing
        (GARBLED_QUESTION, "Of course, it's the one with the blue door."),  # answers the question, grants no wait
        (GARBLED_QUESTION, "Sure, take over the form for me."),
        (NO_LOOKUP, "Of course."),  # a question, but no look-up in it
        (GARBLED_QUESTION, "Take your time filling in the form."),
        (LOOKUP, "I'll put the kettle on?"),  # a question, not the customer's own wait
    ],
)
def test_a_grant_of_no_wait_leaves_the_silence_to_the_look_up(agent: str, answer: str):
    cfg = TurnConfig()
    holds, dead_air = replay(call(agent, answer), cfg)
    assert cfg.hold_default_s not in [h.data["hold_s"] for h in holds]
    assert dead_air[0][0] < CUSTOMER_END + cfg.hold_vague_s + cfg.hold_vague_grace_s + 0.05


# c1118's class (session 48, H27): the words asking for the wait garbled, only the errand heard ("... while I count
# it"), granted; written anew, not c1118's sentences
ERRANDS = [
    "Twelve of the blue ones. Come to your own for them out. I mean, it's while I count it.",
    "Right, the small size. Could ya fold for the mount while I nip down to the cellar.",
    "So the spring catalogue, a bolt for the tummy out whilst I sort through the boxes in the back.",
    "Ten metres of the linen. Can you fault for them art, while I measure what's left on the roll.",
]


@pytest.mark.parametrize("agent", ERRANDS)
@pytest.mark.parametrize("answer", ["Yes, go ahead.", "Of course, take your time.", "Sure, I'll wait."])
def test_an_errand_named_and_granted_covers_hold_word_s(agent: str, answer: str):
    """No word sized the wait: the customer agreed to one of the agent's telling (c1118: 48 s, quiet)."""
    cfg = TurnConfig()
    holds, dead_air = replay(call(agent, answer), cfg)
    assert [(h.data["announced_s"], h.data["hold_s"]) for h in holds] == [(None, cfg.hold_word_s)]
    [(at, cue)] = dead_air
    assert at == pytest.approx(CUSTOMER_END + cfg.hold_word_s + cfg.hold_grace_s, abs=0.05) and cue.evidence["on_hold"]


def test_an_errand_sized_short_and_granted_covers_hold_default_s():
    cfg = TurnConfig()
    holds, dead_air = replay(call("Come to your own for them out while I quickly count it.", "Yes, go ahead."), cfg)
    assert [h.data["hold_s"] for h in holds] == [cfg.hold_default_s]
    checked_in_after_default_hold(dead_air, cfg)


@pytest.mark.parametrize(
    ("agent", "answer"),
    [
        (ERRANDS[0], "Okay."),  # the errand, but no wait agreed to
        (ERRANDS[1], "Thanks."),
        ("I saw it while I was away. What's the order number?", "Yes, go ahead."),  # a past
        ("While I'm here, your renewal is due in May.", "Yes, go ahead."),  # a state
        ("While I remember, the shop shuts early on Friday.", "Go ahead."),  # talk, not work
        ("The fine is on hold while we process it.", "Go ahead."),  # the firm's, not the agent's errand now
        ("I found it while I looked through the file.", "Go ahead."),
    ],
)
def test_no_errand_or_no_grant_leaves_the_silence_dead_air(agent: str, answer: str):
    cfg = TurnConfig()
    holds, dead_air = replay(call(agent, answer), cfg)
    assert holds == []
    assert dead_air[0][0] == pytest.approx(CUSTOMER_END + cfg.dead_air_s, abs=0.05)


# c1117's class (session 48, H27): "Sure, I'll hang on." heard "Sure, I'll send you on."; the customer's own "I'll ...
# on" ending the answer after a look-up agrees to the wait whatever its verb was heard as
@pytest.mark.parametrize(
    "answer",
    ["Sure, I'll send you on.", "Of course. I'll put the kettle on.", "Yes, I'll hand on.", "Okay, I'll stand on."],
)
def test_the_customers_own_i_will_on_after_a_look_up_covers_hold_default_s(answer: str):
    cfg = TurnConfig()
    holds, dead_air = replay(call(LOOKUP, answer), cfg)
    assert [h.data["hold_s"] for h in holds] == [cfg.hold_vague_s, cfg.hold_default_s]
    checked_in_after_default_hold(dead_air, cfg)
