"""Session 29 (G16, issue 9): a hold announced with no duration heard, a duration said before the hold words, and a
duration whose last word was lost.

c642 (quiet): "It may take a minute or two, can you hold on for me?" was heard without its "minute" ("It may be coming
in for two. Can you hold on for me?"): a hold word with no duration covered ``hold_default_s`` (30 s) and the 44 s
hold kept in time was nudged as a hold that ran long. The classes:

- a hold asked in hold words alone, with no word sizing it as short ("Can you hold on for me?", "I'll pop you on
  hold while I ring the yard", "bear with me while I ask the skipper") covers ``hold_word_s`` (60 s): the agent did
  not say how long; a moment asked ("give me a moment", "hold on a sec", "two ticks", "a brief hold", "I won't be
  long") keeps ``hold_default_s`` (30 s), as does a look-up granted by the customer;
- the length said first and the hold words after it in the same sentence ("It'll be a minute or two, bear with me",
  "Only a couple of minutes, can you hold?") is the hold's length; not another thing's time ("The van's two minutes
  away, hang on");
- a range whose last word was lost ("a minute or", "for a minute or.") still counts its first count.

An unexplained silence is still dead air after ``dead_air_s``, and a hold that runs past its time still gets a
check-in ``hold_grace_s`` after it. The wordings are new (none from a call). Driven on an injected timeline of 32 ms
frames (call time only).
"""

from __future__ import annotations

import pytest

from coach.turns.config import TurnConfig
from coach.turns.holds import classify_hold, hold_word_only
from coach.types import Lane, seconds_to_samples
from tests.test_holds_from_partials import Step, replay, transcript, words

AGENT_START, AGENT_END = 1.0, 6.0
CUSTOMER_START, CUSTOMER_END = 6.8, 8.0


def silence_after(agent: str, back: float, answer: str | None = "Yes, that's fine.") -> dict[float, Step]:
    """The agent's final (1-6 s), the customer's ``answer`` (6.8-8 s; none: silence straight after the agent), then
    nobody until the agent is back at ``back``."""

    def push(said: list[dict], **kw) -> Step:
        return lambda tracker, watcher, now: watcher.push([transcript(said, final=True, **kw)], now)

    steps: dict[float, Step] = {
        AGENT_START + 0.2: lambda t, w, now: t.on_start(Lane.AGENT, seconds_to_samples(AGENT_START), now),
        AGENT_END + 0.3: lambda t, w, now: t.on_end(
            Lane.AGENT, seconds_to_samples(AGENT_START), seconds_to_samples(AGENT_END), now
        ),
        AGENT_END + 0.6: push(words(agent, AGENT_START, AGENT_END)),
        back + 0.2: lambda t, w, now: t.on_start(Lane.AGENT, seconds_to_samples(back), now),
    }
    if answer is not None:
        steps[CUSTOMER_START + 0.2] = lambda t, w, now: t.on_start(
            Lane.CUSTOMER, seconds_to_samples(CUSTOMER_START), now
        )
        steps[CUSTOMER_END + 0.3] = lambda t, w, now: t.on_end(
            Lane.CUSTOMER, seconds_to_samples(CUSTOMER_START), seconds_to_samples(CUSTOMER_END), now
        )
        steps[CUSTOMER_END + 0.6] = push(
            words(answer, CUSTOMER_START, CUSTOMER_END), utt="customer-1", speaker=Lane.CUSTOMER.value
        )
    return steps


HOLD_WORDS_ONLY = [
    "Right, let me ring the harbour office. Can you hold on for me?",
    "I'll just pop you on hold while I speak to the yard.",
    "Bear with me while I ask the skipper about the mooring.",
    "Okay, stay on the line for me and I'll find out.",
    "Would you mind holding while I get the warden on the radio?",
]
MOMENTS = [
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


@pytest.mark.parametrize("text", MOMENTS)
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
    assert at == pytest.approx(CUSTOMER_END + cfg.hold_word_s + cfg.hold_grace_s, abs=0.1)  # from the silence's start
    assert cue.evidence["on_hold"] is True and cue.evidence["announced_s"] is None


def test_the_customer_agreeing_to_an_unsized_hold_keeps_its_length() -> None:
    """The agent's "Can you hold on for me?" answered "Yes, of course, I'll hold.": the hold is read again at the
    customer's words (the answer path), still a hold word with no size."""
    cfg = TurnConfig()
    agent = "Let me ask the lock keeper, can you hold on for me?"
    holds, dead_air = replay(silence_after(agent, back=100.0, answer="Yes, of course, I'll hold."), cfg, until=100.0)
    assert [h.data["hold_s"] for h in holds][-1] == cfg.hold_word_s
    [(at, cue)] = dead_air
    assert at == pytest.approx(CUSTOMER_END + cfg.hold_word_s + cfg.hold_grace_s, abs=0.1)


@pytest.mark.parametrize("text", MOMENTS[:2])
def test_a_moment_that_runs_long_is_still_checked_after_the_default(text: str) -> None:
    cfg = TurnConfig()
    holds, dead_air = replay(silence_after(text, back=80.0, answer=None), cfg, until=80.0)
    assert holds[-1].data["hold_s"] == cfg.hold_default_s == 30.0
    [(at, cue)] = dead_air
    assert at == pytest.approx(AGENT_END + cfg.hold_default_s + cfg.hold_grace_s, abs=0.1)


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
    assert at == pytest.approx(AGENT_END + cfg.dead_air_s, abs=0.1) and "on_hold" not in cue.evidence


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
