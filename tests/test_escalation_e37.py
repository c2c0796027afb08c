"""Escalation, session 33 (E37, issue 10): the fix handed back in a curt retort; a silent line checked with "even";
no disbelieving echo in the customer's first turn.

A customer who answers the agent's offer or excuse by handing the fix back ("Then come and look at it yourself",
"So fix it") reproaches the agent: [reproach], tense alone and brief (its own half-life). A request made calmly has
no retort ("Can someone come and look at it?"), and a plan or an invitation ("I'll measure up and then come and look
at the samples") is none. "Are you even there?" is a reproach; "Are you still there?" is a plain check. In the
customer's first turn a short question ("Morning, Sam, right?") is no disbelieving echo: nothing but the greeting
has been said to them; after their first final it counts as before. No text model is loaded (a lexicon-only
stand-in scorer). Wording of our own."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.classify.lexicon import LexiconHit, echo_accepted
from coach.classify.stage import ECHOES, EscalationStage
from coach.config import ConfigError
from coach.types import SAMPLE_RATE, Event
from tests.test_escalation_e36 import CFG, LEX, _heard, _LexiconOnly


def _stage() -> EscalationStage:
    return EscalationStage(CFG, text_scorer=_LexiconOnly())  # type: ignore[arg-type]


def _partial(stage: EscalationStage, utt: str, said: str, start_s: float, at_s: float) -> None:
    words = _heard(said.split(), start_s)
    transcript = {"speaker": "customer", "utt": utt, "t": start_s, "words": words, "stable": len(words)}
    stage.push_partial(transcript, round(at_s * SAMPLE_RATE))


def _final(stage: EscalationStage, utt: str, said: str, at_s: float) -> None:
    words = _heard(said.split(), at_s - len(said.split()) / 4)
    transcript = {"speaker": "customer", "utt": utt, "text": said, "words": words, "final": True}
    stage.push_final(transcript, round(at_s * SAMPLE_RATE))


def _reproach(said: str) -> list[LexiconHit]:
    return [h for h in LEX.find(said) if h.category == "reproach"]


@pytest.mark.parametrize(
    "said",
    [
        "Then come and look at the fence yourself.",
        "Then come and have a look at it, because it's still dripping.",
        "Right. Then come out and look at the roof.",
        "Then come and see the state of my hallway.",
        "So fix it. That's all I'm asking.",
        "So fix it then.",
        "Are you even there?",
        "Hello? Is anybody even there?",
        "Is anyone even there? I've been talking to myself.",
    ],
)
def test_the_fix_handed_back_and_a_line_checked_with_even_are_tense_alone_and_brief(said: str) -> None:
    found = _reproach(said)
    assert found, said
    assert max(h.weight for h in found) >= CFG.tense_enter, said
    assert all(0 < h.half_life_s <= 10.0 for h in found), said


@pytest.mark.parametrize(
    "said",
    [
        "Can someone come and look at it this week?",
        "Could you send somebody to come and see it?",
        "I'll measure up and then come and look at the samples.",
        "We'll pop in on Saturday and then come and see the new range.",
        "Lovely, I'll bring the kids then come and look round the showroom.",
        "If you're passing, then come and see us at the shop.",
        "Are you still there?",
        "Hello, are you still there, love?",
        "The engineer said he'd fix it on Friday.",
    ],
)
def test_a_calm_request_a_plan_or_a_plain_check_is_no_reproach(said: str) -> None:
    assert not _reproach(said), said


def test_a_retort_mid_call_is_tense_at_once_and_fades_after_a_calm_reply() -> None:
    stage = _stage()
    _final(stage, "c1", "Hi, it's about the gate you fitted on Monday.", 3.0)
    assert stage.level == "calm"
    _partial(stage, "c2", "Then come and look at it", 20.0, 21.2)
    assert stage.level == "tense"
    _final(stage, "c2", "Then come and look at it.", 21.6)
    _final(stage, "c3", "Thursday morning is fine, I'll be in all day.", 40.0)
    assert stage._tracker.advance(round(60.0 * SAMPLE_RATE)).level == "calm"


def _has_echo(stage: EscalationStage) -> bool:
    return ECHOES in stage._tracker._lexicon()[2]


def test_no_echo_in_the_first_turn_a_greeting_heard_as_a_question() -> None:
    stage = _stage()
    _partial(stage, "c1", "Morning Sam, right?", 5.0, 6.5)
    _partial(stage, "c1", "Morning Sam, right? This is going to sound silly, but", 5.0, 7.5)
    assert not _has_echo(stage)
    assert stage.level == "calm"
    _final(stage, "c1", "Morning Sam, right? This is going to sound silly, but my sister loves owls.", 10.0)
    assert not _has_echo(stage)
    assert stage._tracker.advance(round(12.0 * SAMPLE_RATE)).level == "calm"


def test_after_the_first_final_a_short_question_is_an_echo_as_before() -> None:
    stage = _stage()
    _final(stage, "c1", "Hi, I'm ringing about the boiler service you booked.", 6.0)
    _partial(stage, "c2", "Next month? I was told this week.", 20.0, 21.0)
    assert _has_echo(stage)


def _at(s: float) -> int:
    return round(s * SAMPLE_RATE)


def _lively_opener(cfg: EscalationConfig, *, later_dbfs: float) -> str:
    """A first turn: a loud greeting (-20.5 dBFS for two reports), then ``later_dbfs`` every second to 10 s, the voice
    model reading aroused (0.85) every second and the committed words read calm (eight words). The highest level
    reached from 4 s on."""
    tracker = EscalationTracker(cfg, words_expected=True)
    top = "calm"
    for k in range(1, 11):
        tracker.push_level(_at(k), -20.5 if k <= 2 else later_dbfs)
        state = tracker.push_voice(_at(k), 0.85)
        if k >= 2:
            state = tracker.push_committed_words(_at(k) + 1, 8, calm=True)
        if k >= 4 and state.level != "calm":
            top = state.level
    return top


def test_a_loud_greeting_does_not_undamp_an_opener_that_goes_on_at_an_ordinary_level() -> None:
    """The greeting was loud, the rest of the opener at an ordinary level with calm words: the calm words damp the
    aroused voice ("calm"); with the whole turn's highest (session 29) the greeting's loudness undid it ("tense")."""
    assert _lively_opener(EscalationConfig(), later_dbfs=-23.5) == "calm"
    assert _lively_opener(EscalationConfig(loud_opener_recent_s=0.0), later_dbfs=-23.5) == "tense"


def test_an_opener_loud_throughout_still_undamps() -> None:
    assert _lively_opener(EscalationConfig(), later_dbfs=-19.0) == "tense"


def test_loud_opener_recent_s_must_not_be_negative() -> None:
    with pytest.raises(ConfigError):
        EscalationConfig(loud_opener_recent_s=-1.0)


def _aroused_opener(
    cfg: EscalationConfig, *, words: bool = True, marker: float = 0.0, final_first: bool = False
) -> str:
    """A customer speaking 14 s with a voice read aroused (0.95 every second), words transcribed (``words``) but none
    read calm or angry (misheard); ``marker``: one marker of that weight in the committed words at 3 s;
    ``final_first``: a short final before (the turn is then not the first). The highest level reached."""
    tracker = EscalationTracker(cfg, words_expected=words)
    if final_first:
        tracker.push_words(_at(0.5), 0.0, n_words=3, calm=None)
    top = 0
    levels = ("calm", "tense", "escalated")
    for k in range(1, 15):
        state = tracker.push_voice(_at(k), 0.95)
        if marker and k == 3:
            state = tracker.push_words(_at(k), float("nan"), n_words=0, hits=[("a marker", marker)])
        top = max(top, levels.index(state.level))
    return levels[top]


def test_an_openers_voice_alone_makes_tense_not_escalated() -> None:
    assert _aroused_opener(EscalationConfig()) == "tense"
    assert _aroused_opener(EscalationConfig(opener_escalated_needs_words=False)) == "escalated"
    assert _aroused_opener(EscalationConfig(), marker=0.25) == "tense"  # a weak marker is not enough


def test_an_opener_whose_words_are_tense_alone_escalates_with_its_voice() -> None:
    assert _aroused_opener(EscalationConfig(), marker=0.45) == "escalated"


def test_after_the_first_final_or_without_transcription_the_voice_escalates_as_before() -> None:
    assert _aroused_opener(EscalationConfig(), final_first=True) == "escalated"
    assert _aroused_opener(EscalationConfig(), words=False) == "escalated"


@pytest.mark.parametrize(
    "said",
    [
        "I'm asking you to look it up, like I've asked twice before.",
        "I've emailed four times and nobody answers.",
        "I've told you twice, it's the blue one.",
        "I've rung three times this week about it.",
    ],
)
def test_how_many_times_the_customer_asked_already_is_a_repeat_contact(said: str) -> None:
    found = [h for h in LEX.find(said) if h.category == "repeat_contact"]
    assert found and max(h.weight for h in found) >= CFG.tense_enter, said


@pytest.mark.parametrize(
    "said",
    [
        "Your driver rang twice but I was out at the vet.",
        "They called twice yesterday to confirm, which was nice.",
        "The engineer phoned twice to check the address.",
    ],
)
def test_someone_else_ringing_twice_is_no_repeat_contact(said: str) -> None:
    assert not [h for h in LEX.find(said) if h.category == "repeat_contact"], said


@pytest.mark.parametrize(
    ("said", "accepted"),
    [
        ("Tonight.", True),  # the repeat alone: nothing objected yet
        ("Tonight. Okay, she'll come after school.", True),
        ("Next Friday. Fine, put me down.", True),
        ("Next Friday. I need it tomorrow.", False),
        ("A week. That's a week without heat.", False),
    ],
)
def test_a_repeat_followed_by_an_acceptance_is_no_disbelief(said: str, accepted: bool) -> None:
    assert echo_accepted(said) is accepted, said


def _raised_after_agent(customer: str) -> EscalationStage:
    """The agent offers tonight, the customer answers 6 dB up after a first final of theirs: their partial."""
    stage = _stage()
    _final(stage, "c1", "Hi, it's about the rackets I dropped off.", 3.0)
    stage.push_final({"speaker": "agent", "utt": "a1", "final": True, "text": "We can do it tonight."}, _at(8.0))
    report = Event.at_samples("prosody", _at(9.0), _at(10.0), speaker="customer", loudness_delta_db=6.0)
    stage.observe([report], _at(10.0))
    stage.observe(
        [Event.at_samples("prosody", _at(10.0), _at(11.0), speaker="customer", loudness_delta_db=6.0)], _at(11.0)
    )
    _partial(stage, "c2", customer, 10.0, 11.2)
    return stage


def test_a_raised_repeat_counts_once_the_customer_objects_not_when_they_accept() -> None:
    assert not _has_echo(_raised_after_agent("Tonight."))
    assert not _has_echo(_raised_after_agent("Tonight. Okay, she'll come after school."))
    assert _has_echo(_raised_after_agent("Tonight. I needed them this morning."))
