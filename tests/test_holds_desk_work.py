"""Work under way at the desk explains a few seconds of quiet, over any verb (issue 9, session 37).

An agent explains a silence as often by what they are doing as by a look-up verb: "let me just scroll down to
your last order", "I'm just keying that in", "Just typing that up.", "the system's a bit slow today". The grammar
in :mod:`coach.turns.holds` (``_DOING``): the agent about to act now, softened, or the work
narrated as under way, and then any verb but one of talk or mind ("let me just say", "I'm just wondering"), or the
machine's own wait. Each reads a look-up said in passing (vague: ``hold_vague_s``), only where the hold phrases and
the shape of a wait read nothing. The wordings are our own, written for these tests; the verbs are chosen to be
outside the look-up verb family, so each line reads because of the grammar and not a list. The timeline is an
injected 32 ms frame clock (call time only).
"""

from __future__ import annotations

import pytest

from coach.turns.config import TurnConfig
from coach.turns.holds import classify_hold, plain_lookup
from coach.types import Lane
from tests.test_holds_customer_consent import push, spoken
from tests.test_holds_from_partials import replay, transcript, words

DOING = (
    # about to act, softened, any verb but talk's
    "Let me just scroll down to your last order.",
    "Let me just tap that into the system.",
    "I'll quickly jot that down.",
    "Let me just copy that across to the new account.",
    "I'll just fill in the form for you.",
    "Let me just re-enter that.",
    "Right, let me just input that.",
    "Let me quickly scroll back through the history.",
    # a verb the recogniser mis-heard still has the frame ("pull that up" heard "pool that up")
    "Okay, let me just pool that up.",
    # narrated as under way
    "I'm just typing that in now.",
    "I'm just keying in your postcode.",
    "We're still uploading the photos.",
    "Just scrolling down now.",
    "Okay, just typing that up.",
    # the machine's wait
    "It's just loading now.",
    "The system's a bit slow this morning.",
    "Sorry, the computer's being really slow.",
    "It's taking a while to come up.",
    "I'm just waiting for the screen to come up.",
    "Just waiting for that page to load.",
)
SAID_NOT_DONE = (  # talk or mind: what follows fills the silence
    "Let me just say, that's really kind of you.",
    "Let me just explain how it works.",
    "I'm just saying it might be a week.",
    "Let me just tell you what happens next.",
    "I'm just wondering whether Tuesday suits.",
    "I'll just mention that the price includes fitting.",
    "Let me just repeat that back to you.",
    "I'm just going to ask you a few questions.",
    "Let me just be clear about the cost.",
    "I'm just calling to let you know.",
    "I'll just need your postcode.",
    "I'm just thinking out loud here.",
    "Let me just read you the terms.",
    "I'm just hoping it arrives in time.",
    # the customer's task, or the work done later or by the company
    "Just bring the guitar and a towel.",
    "The charge is put on hold while we look into it.",
    "I'll just post that out to you tomorrow.",
    "Let me just send it once you've paid.",
    # the customer's task while the agent works; a remark on the system, no wait now
    "I'll ask you to hold the ladder while I drill.",
    "Bear with the new system, it's a bit slow.",
    # a machine's work that is not the wait
    "It's loading the van tomorrow.",
    "The system's been updated since then.",
    # a plan stated without a softener stays a plain look-up or nothing
    "I'll type up the notes tonight.",
)


@pytest.mark.parametrize("text", DOING)
def test_work_under_way_over_any_verb_is_a_look_up_said_in_passing(text: str) -> None:
    assert classify_hold(text, whole=True) == (None, True)
    assert not plain_lookup(text)  # it explains a few seconds: not a plan stated


@pytest.mark.parametrize("text", SAID_NOT_DONE)
def test_talk_mind_the_customers_task_and_later_work_explain_no_silence(text: str) -> None:
    hold = classify_hold(text, whole=True)
    assert hold is None or plain_lookup(text)


@pytest.mark.parametrize(
    "text",
    [
        "Let me just check that for you.",  # the look-up family reads as before
        "Bear with me while it loads.",  # a hold word stays a hold word
        "I'm just typing that in, it'll take about a minute, is that okay?",  # a duration stays the duration
    ],
)
def test_what_the_phrases_read_is_unchanged(text: str) -> None:
    assert classify_hold(text, whole=True) != (None, True) or "check" in text


def _silence_after(text: str, back: float) -> dict:
    """The agent says ``text`` from 1.0 to 4.0 s (its final pushed at 4.6 s), then silence until ``back``."""
    steps = spoken(Lane.AGENT, 1.0, 4.0)
    steps[4.6] = push(transcript(words(text, 1.0, 4.0), final=True))
    steps[back + 0.2] = lambda t, w, now: t.on_start(Lane.AGENT, int(back * 16000), now)
    return steps


def test_a_few_seconds_at_the_keyboard_narrated_is_quiet_and_a_long_one_is_dead_air() -> None:
    cfg = TurnConfig()
    covered = cfg.hold_vague_s + cfg.hold_vague_grace_s  # the silence a look-up said in passing explains
    text = "I'm just keying in your postcode."
    holds, dead_air = replay(_silence_after(text, back=4.0 + covered - 1.0), cfg, until=4.0 + covered + 1.0)
    assert holds and dead_air == []
    holds, dead_air = replay(_silence_after(text, back=40.0), cfg, until=40.0)
    [(at, _cue)] = dead_air
    assert at == pytest.approx(4.0 + covered, abs=0.1)


def test_the_same_silence_after_talk_is_dead_air_at_the_threshold() -> None:
    cfg = TurnConfig()
    holds, dead_air = replay(_silence_after("Let me just say, that's a lovely choice.", back=40.0), cfg, until=40.0)
    assert holds == []
    [(at, _cue)] = dead_air
    assert at == pytest.approx(4.0 + cfg.dead_air_s, abs=0.1)
