"""Calm words said before the agent pushed back do not damp the customer's next turn (issue 10, session 54, E64).

A customer whose earlier turns were heard as calm words (``K`` 1) and whose voice then reads aroused stayed calm:
the calm words damped that voice to a quarter. After an agent final that tells them to calm down or pushes back on
them (a refusal, a rule cited, the blame put elsewhere: :func:`coach.classify.pushback.pushes_back`), the next turn
is angry far more often than not on the tuning scripts, and the calm words said before it no longer damp its voice
(``agent_pushback_undamps``), until the customer's next final. Synthetic tracker sequences in call time (one voice
reading a second of customer speech, a turn starting at a loudness report that spans a pause) and the text rule.
"""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.classify.pushback import pushes_back
from coach.classify.stage import EscalationStage
from coach.config import load_config
from coach.types import SAMPLE_RATE

CALM_DBFS = -30.0


def at(seconds: float) -> int:
    return int(seconds * SAMPLE_RATE)


def _speak(tracker: EscalationTracker, second: float, p: float, span_s: float = 1.0) -> str:
    """One second of customer speech at their usual level whose voice reads ``p`` aroused; the level after."""
    tracker.push_level(at(second), CALM_DBFS, span_s=span_s)
    tracker.push_loudness(at(second), 0.0, span_s=span_s)
    return tracker.push_voice(at(second), p).level


def _calm_then(agent: str, p: float = 0.75, **kw: float) -> list[str]:
    """Ten seconds of calm speech heard as calm words, their final, the agent's 6 s answer (``agent``: "pushback"
    heard before the reply, "late" after its first second, "none"), then three seconds of a reply at the usual level
    whose voice reads ``p``: the level after each second of it."""
    tracker = EscalationTracker(EscalationConfig(**kw), words_expected=True)
    for s in range(1, 11):
        _speak(tracker, s, 0.1)
    tracker.push_words(at(11), 0.02, n_words=14, calm=True)
    if agent == "pushback":
        tracker.pushed_back()
    levels = [_speak(tracker, 18, p, span_s=7.0)]
    if agent == "late":
        tracker.pushed_back()
    return levels + [_speak(tracker, 18 + i, p) for i in (1, 2, 3)]


def test_an_aroused_reply_damped_by_earlier_calm_words_stays_calm_without_it() -> None:
    assert set(_calm_then("none")) == {"calm"}


def test_after_the_agent_pushed_back_the_aroused_reply_is_tense_within_3_s() -> None:
    assert "tense" in _calm_then("pushback")


def test_pushed_back_after_the_reply_started_counts_from_then() -> None:
    assert "tense" in _calm_then("late")


def test_a_calm_voice_after_a_pushback_stays_calm() -> None:
    """It lifts the damping only: a reply whose voice reads calm gains nothing."""
    assert set(_calm_then("pushback", p=0.2)) == {"calm"}


def test_with_the_key_off_nothing_changes() -> None:
    assert _calm_then("pushback", agent_pushback_undamps=0.0) == _calm_then("none")


def test_it_lasts_until_their_next_final_only() -> None:
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    for s in range(1, 11):
        _speak(tracker, s, 0.1)
    tracker.push_words(at(11), 0.02, n_words=14, calm=True)
    tracker.pushed_back()
    _speak(tracker, 18, 0.2, span_s=7.0)
    tracker.push_words(at(19), 0.02, n_words=14, calm=True)  # their reply's final, calm words again
    for s in range(20, 30):  # the agent's next answer, without pushback
        tracker.advance(at(s))
    assert set([_speak(tracker, 30, 0.75, span_s=11.0)] + [_speak(tracker, s, 0.75) for s in (31, 32, 33)]) == {"calm"}


@pytest.mark.parametrize(
    "text",
    [
        "We can't take reeds back once they've been blown, that's a hygiene rule.",
        "We don't redo a wheel once it's left the yard, that's been our rule for thirty years.",
        "Without the permit, the charge stands, end of story.",
        "That's down to the contractor, they're the ones who keep missing the pickups.",
        "No, outside engineers aren't allowed on our desk, that's a hard no.",
    ],
)
def test_refusals_rules_and_blame_push_back(text: str) -> None:
    assert pushes_back(text)


@pytest.mark.parametrize(
    "text",
    [
        "I can see the order here, it went out on Tuesday.",
        "We can send a replacement today if that suits you.",
        "There's nothing else on the account, so you're all set.",
        "I don't think you'll need to do anything else, it's all booked.",
        "Our policy number for you is P four five six, if you want to note it down.",
        "The courier will be with you between nine and twelve.",
        "I'm afraid I didn't catch the postcode, could you say it again?",
        "Let me check with the workshop and I'll ring you back by three.",
        "No problem at all, I can change the date for you.",
        "That's the rule of thumb for the glue: leave it a day to set.",
        "The fault was on the supplier's side, and we've already credited you.",
        "Unfortunately the weather looks grim for Saturday, so bring a coat.",
        "We can't wait to see you at the show!",
        "You can't go wrong with the larger size, honestly.",
        "I don't know the exact time yet, but I'll text you as soon as the driver sets off.",
        "It's not a problem, we do that all the time.",
        "",
    ],
)
def test_plain_service_talk_does_not_push_back(text: str) -> None:
    assert not pushes_back(text)


def _pushed_by(stage: EscalationStage, *texts: str) -> bool:
    for k, text in enumerate(texts):
        stage.hear_agent({"speaker": "agent", "final": True, "t": 5.0 + k, "text": text})
    return stage._tracker._pushed_back_next > 0  # noqa: SLF001


def test_the_stage_hears_it_in_an_agent_final_and_the_key_is_a_product_setting() -> None:
    cfg = load_config().escalation
    assert cfg.agent_pushback_undamps == EscalationConfig().agent_pushback_undamps > 0
    assert _pushed_by(EscalationStage(cfg), "Without the permit, the charge stands, end of story.")
    assert _pushed_by(EscalationStage(cfg), "Sir, please calm down.")
    assert not _pushed_by(EscalationStage(cfg), "The courier will be with you between nine and twelve.")


def test_an_answer_that_makes_amends_is_no_pushback() -> None:
    """A refusal inside an answer that apologises and commits to an action (:mod:`coach.classify.amends`) is not
    counted: the customer's next turn after such an answer is almost always calm."""
    stage = EscalationStage(EscalationConfig())
    assert not _pushed_by(
        stage,
        "You're right, and I'm sorry, that one is on us. We can't take reeds back once they've been blown, that's a "
        "hygiene rule, but I'll send you a new set today by first class post at no charge, and I've added a note.",
    )


def test_with_the_key_off_the_stage_hears_nothing() -> None:
    stage = EscalationStage(EscalationConfig(agent_pushback_undamps=0.0))
    assert not _pushed_by(stage, "Without the permit, the charge stands, end of story.")


def _aroused_caller(agent: bool) -> list[str]:
    """A caller whose first turn read aroused and stayed calm (their later voice-only rises wait for words,
    ``voice_confirm_after_calm_opener``), a calm second turn, then (``agent``) the agent's pushback and a reply at the
    usual level whose voice reads aroused: the level after each second of the reply."""
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    for s in range(1, 4):  # an aroused voice in their first turn; its rise waits for the words ...
        tracker.push_voice(at(s), 0.9)
    tracker.push_words(at(3.5), 0.02, n_words=14, calm=True)  # ... which come calm
    for s in range(5, 12):
        _speak(tracker, s, 0.1, span_s=1.5 if s == 5 else 1.0)
    tracker.push_words(at(12), 0.02, n_words=14, calm=True)
    if agent:
        tracker.pushed_back()
    return [_speak(tracker, 18, 0.8, span_s=6.0)] + [_speak(tracker, s, 0.8) for s in (19, 20)]


def test_a_reply_to_a_pushback_is_news_from_a_caller_whose_voice_reads_aroused_at_its_usual() -> None:
    """Such a caller's aroused reading is no news by itself; in a reply to the agent's pushback it counts at once."""
    assert set(_aroused_caller(agent=False)) == {"calm"}
    assert "tense" in _aroused_caller(agent=True)
