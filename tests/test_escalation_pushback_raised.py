"""A voice raised in answer to the agent's pushback counts whatever the words (issue 10, session 55, E68).

A customer who answers a refusal, a rule cited, the blame put elsewhere or a calm-down (:func:`coach.classify.pushback
.pushes_back`, ``told_calm_down``) in a voice louder than their own usual level, with a voice the model reads calm and
words that read calm, stayed calm: a raised voice counts only as far as complaint words let it. In that turn, until
their next final, the raised voice ``R`` counts on its own with weight ``agent_pushback_raised``. Synthetic tracker
sequences in call time (one voice reading a second of customer speech, a turn starting at a loudness report that
spans a pause) and the stage's reading of the agent's final.
"""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.classify.pushback import pushes_back
from coach.classify.stage import EscalationStage
from coach.config import load_config
from coach.types import SAMPLE_RATE

CALM_DBFS = -30.0
FLAT_VOICE = 0.05  # the voice model reads the reply calm


def at(seconds: float) -> int:
    return int(seconds * SAMPLE_RATE)


def _speak(tracker: EscalationTracker, second: float, rise_db: float, span_s: float = 1.0) -> str:
    """One second of customer speech ``rise_db`` above their usual level, the voice read calm; the level after."""
    tracker.push_level(at(second), CALM_DBFS + rise_db, span_s=span_s)
    tracker.push_loudness(at(second), rise_db, span_s=span_s)
    return tracker.push_voice(at(second), FLAT_VOICE).level


def _reply(
    agent: str,
    rises: tuple[float, ...] = (4.5, 1.0, 0.5),
    stage: EscalationStage | None = None,
    **kw: float,
) -> list[str]:
    """Ten seconds of calm speech heard as calm words, their final, the agent's 6 s answer (``agent``: "pushback"
    heard before the reply, "late" after its first second, "none", or else the text of an agent final ``stage`` hears
    before the reply), then a reply whose seconds are ``rises`` dB above their usual level (a raised start, then back
    towards it): the level after each second of it. With ``stage`` its own tracker is driven."""
    tracker = stage._tracker if stage else EscalationTracker(EscalationConfig(**kw), words_expected=True)  # noqa: SLF001
    for s in range(1, 11):
        _speak(tracker, s, 0.0)
    tracker.push_words(at(11), 0.02, n_words=14, calm=True)
    if agent == "pushback":
        tracker.pushed_back()
    elif stage is not None:
        stage.hear_agent({"speaker": "agent", "final": True, "t": 12.0, "text": agent})
    levels = [_speak(tracker, 18, rises[0], span_s=7.0)]
    if agent == "late":
        tracker.pushed_back()
    return levels + [_speak(tracker, 19 + i, r) for i, r in enumerate(rises[1:])]


def test_a_raised_reply_with_calm_voice_and_words_stays_calm_without_a_pushback() -> None:
    assert set(_reply("none")) == {"calm"}


def test_a_raised_reply_to_a_pushback_is_tense_within_3_s() -> None:
    assert "tense" in _reply("pushback")


def test_pushed_back_after_the_reply_started_counts_from_then() -> None:
    assert "tense" in _reply("late", rises=(4.5, 4.5, 1.0))


def test_a_reply_at_their_usual_level_after_a_pushback_stays_calm() -> None:
    """A calm answer to a refusal ("Right, I see.") gains nothing: only the raised voice counts."""
    assert set(_reply("pushback", rises=(0.0, 0.5, 0.0))) == {"calm"}


def test_it_never_escalates_on_the_raised_voice_alone() -> None:
    assert "escalated" not in _reply("pushback", rises=(6.0, 6.0, 6.0))


def test_with_the_key_off_nothing_changes() -> None:
    assert _reply("pushback", agent_pushback_raised=0.0) == _reply("none")


def test_it_lasts_until_their_next_final_only() -> None:
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    for s in range(1, 11):
        _speak(tracker, s, 0.0)
    tracker.push_words(at(11), 0.02, n_words=14, calm=True)
    tracker.pushed_back()
    _speak(tracker, 18, 0.0, span_s=7.0)
    tracker.push_words(at(19), 0.02, n_words=14, calm=True)  # their reply's final, calm words again
    for s in range(20, 30):  # the agent's next answer, without pushback
        tracker.advance(at(s))
    levels = [_speak(tracker, 30, 4.5, span_s=11.0)] + [_speak(tracker, s, r) for s, r in ((31, 1.0), (32, 0.5))]
    assert set(levels) == {"calm"}


def _stage_reply(text: str, **kw: float) -> list[str]:
    """:func:`_reply` through a stage that hears the agent's final ``text`` before the raised reply."""
    return _reply(text, stage=EscalationStage(EscalationConfig(**kw)))


def test_the_stage_reads_the_pushback_with_only_this_key_on() -> None:
    assert "tense" in _stage_reply("Without the permit, the charge stands.", agent_pushback_undamps=0.0)
    off = _stage_reply("Without the permit, the charge stands.", agent_pushback_undamps=0.0, agent_pushback_raised=0.0)
    assert set(off) == {"calm"}


def test_the_packaged_setting_is_the_class_default_and_on() -> None:
    assert load_config().escalation.agent_pushback_raised == EscalationConfig().agent_pushback_raised > 0


PLAIN_AGENT_LINES = (
    "Your refund will go back to the card you paid with, within five working days.",
    "The engineer can come on Thursday morning, between eight and one.",
    "I've just checked, and the parcel is at your local depot now.",
    "We close at six tonight, but the online chat runs until ten.",
    "Let me put you through to billing, they can change the direct debit date.",
    "If you keep the receipt, the warranty covers it for two years.",
    "The voucher is valid until the end of March, so there's plenty of time.",
    "The terms say delivery is free over fifty pounds, so you won't pay postage.",
    "There's no charge for the callout, it's covered by your plan.",
    "Take your time, there's no rush at all, I'll stay on the line.",
    "The rule of thumb is to leave the paint a day before the second coat.",
    "Our policy is to refund in full if it arrives damaged, so that's sorted.",
    "I'm afraid the line dropped for a second there, could you say that again?",
)


@pytest.mark.parametrize("text", PLAIN_AGENT_LINES)
def test_plain_service_talk_leaves_a_raised_reply_to_its_words(text: str) -> None:
    """Errands, schedules, rules that favour the customer: a raised reply after them gains nothing from this key."""
    assert set(_stage_reply(text)) == {"calm"}


@pytest.mark.parametrize(
    "text",
    [
        "In American Hills, I can't tell. You win.",  # c1280's "Is there anything else I can help you with?" as heard
        "I can't remember the last time we had a delay like that, I'm sorry.",
        "Sorry, I can't hear you very well, could you say that again?",
        "I can't thank you enough for your patience today.",
        "I can't say exactly when the driver will be there, but I'll text you.",
        "I can't tell you how sorry I am about the mix up.",
        "I can't see why not, let me book that for you now.",
        "Honestly, I can't tell from here, so I'll send someone to look.",
        "I can't say for sure yet, but it should be Thursday.",
        "I can't imagine how frustrating that's been.",
        "I can't tell if it's the cable or the router, so let's check both.",
    ],
)
def test_a_cant_that_refuses_nothing_is_no_pushback(text: str) -> None:
    """A "can't" of memory, hearing, thanks or what is not known yet refuses the customer nothing."""
    assert not pushes_back(text)


@pytest.mark.parametrize(
    "text",
    [
        "I can't tell you his home number, it's confidential.",
        "I can't refund that, I'm afraid.",
        "I can't say yes to that, it's against our policy.",
        "I can't see us doing that this week, we're fully booked.",
        "I can't see that happening before the spring, I'm afraid.",
        # helper R21's probe of 32697b74 (someone seen doing; no way or point seen): test_escalation_pushback_seen
        "I can't.",
    ],
)
def test_a_cant_that_refuses_still_pushes_back(text: str) -> None:
    assert pushes_back(text)


@pytest.mark.parametrize(
    "text",
    [
        "I can't think of any way we could refund that.",
        "I can't imagine we'd refund that, to be honest.",
        "Honestly, I can't see why we'd refund it.",
        "I can't see why we should pay for that.",
        "I cannot see how we could replace it when it's been dropped.",
        "I can't wait any longer for the paperwork, so the claim's closed.",
        "I can't believe you'd expect a refund for that.",
    ],
)
def test_a_refusal_told_as_what_cannot_be_thought_pushes_back(text: str) -> None:
    """Helper R20's probe (session 55): the firm's giving thought impossible, the request scorned, a wait ended."""
    assert pushes_back(text)


@pytest.mark.parametrize(
    "text",
    [
        "I can't think of anything else you'd need to do, it's all sorted.",
        "I can't see why we'd charge you for that, let me take it off now.",
        "I can't believe we charged you twice, I'm so sorry, I'll refund it now.",
        "I can't think why it hasn't arrived yet, let me chase the courier.",
        "I can't wait to hear how the party goes!",
        "I can't see why we couldn't refund that, let me just check with billing.",
        "I can't think of any reason we'd refuse the return, it's well within the thirty days.",
        "I can't believe you'd have to wait that long, I'll book the engineer for tomorrow.",
        "I can't see why we wouldn't replace it under the warranty.",
        "I can't imagine we'd have any trouble getting it to you by Friday.",
        "I can't imagine we'd take long to get it sorted.",
        "I can't wait for the system to update, so I'll ring you back in ten minutes.",
        "I can't see any reason we'd bill you for the callout.",
        "I can't think of a better way to put it, the parcel's on its way.",
        "I can't believe how quickly the team sorted that out for you.",
        "I can't see the order on this screen, so let me open the other system.",
        "I can't imagine anyone would mind, go ahead and bring it in.",
        "Honestly, I can't see why not, we'd be happy to do it.",
        # helper R21's probe of 144ef6f3 (/tmp/R21/e69a.py): a giving in a later clause, a negation after the modal,
        # 'do' and 'send', a thing not seen on the file
        "I can't see the order on my screen yet, but we can send a new one today.",
        "I can't see any damage in the photos, but I'd replace it anyway.",
        "I can't see the tracking yet, so we will send a replacement tomorrow.",
        "I can't think straight today, sorry, but we could refund it by Friday.",
        "I can't think of a better way we could do it, to be honest.",
        "I can't think of anything we could do better, thank you for saying so.",
        "I can't see why we would not refund it, so I'll put it through now.",
        "I can't see why we could not replace it, it's still under warranty.",
        "I can't imagine we'd send it to the wrong address again, I've fixed the postcode.",
        "I can't see your old address, so we'll send it to the new one.",
        "I can't think of a reason we'd refuse, so I'll refund it now.",
        "I can't imagine how frustrating that was, we'll replace it today.",
        "I can't see a problem, we can exchange it in store.",
        # look-alikes of R21's 'can't see' refusals (/tmp/R21/e69b.py): a thing on the file, one seen on a record
        "I can't see anything on the system under that name.",
        "I can't see the booking anywhere, can you spell the surname?",
        "I can't see any pending orders on your account.",
        "I can't see your parcel moving on the tracker yet, so I'll chase the depot.",
        "I can't see the delivery driver's notes yet.",
        "I can't see a missing payment, it all went through.",
        "I can't see the listing online, could you send me the link?",
    ],
)
def test_a_cant_of_thought_that_reassures_or_explains_is_no_pushback(text: str) -> None:
    """Look-alikes of the refusals above: a charge doubted, a negated giving, sympathy, a wait for a system."""
    assert not pushes_back(text)
