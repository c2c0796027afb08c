"""Escalation, session 34 (E38, issue 10): in the customer's first turn a rise the voice alone carries, with the voice
also loud on the absolute scale (``voice_confirm_loud``), is not lost to a dip of the voice reading at the moment its
wait ends (``voice_confirm_loud_dip``): once ``voice_confirm_s`` have passed without the rise being called off (no new
calm words, the score not under ``tense_exit``) it counts though the score is just under ``tense_enter`` (c756: its
reading dipped exactly as the wait ended, "tense" at +5.1 s instead of +3.0 s). Calm words within the wait still call
the rise off (a lively greeting); a dip under ``tense_exit`` still does; an aroused opener at telephone level waits as
before; after the first final or without transcription nothing changes.

Across the agent's answer: when the customer speaks again after ``reply_steps_down_s`` of silence, an "escalated"
that the score no longer reaches (below ``escalated_enter``, the old turn's markers and voice fading) steps down to
"tense" at once instead of holding over their calm next turn (c747, c766, c776, c777); a score still at
``escalated_enter`` keeps it; a pause shorter than the key changes nothing; 0: off.

Lexicon: the anger the customer is told they show, denied in other words for a show of anger ("I'm not aerated", "I'm
not hollering"): [indignation], tense alone, as "I'm not shouting" is; an upset customer's "I'm not riled up, I'm about
to cry" and third-person or plain uses of the words stay unmarked.

Synthetic readings, times in call samples; wording our own."""

from __future__ import annotations

import numpy as np
import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.classify.lexicon import default_lexicon
from coach.classify.stage import EscalationStage
from coach.config import load_config
from coach.types import FRAME_SAMPLES, SAMPLE_RATE
from tests.test_escalation_e36 import CFG as LEXICON_ONLY
from tests.test_escalation_e36 import _heard, _LexiconOnly
from tests.test_escalation_voice_sustained import AROUSED, first_tense, run

CFG = EscalationConfig()
OFF = EscalationConfig(voice_confirm_loud_dip=False)
LOUD = -20.0
"""A level (dBFS) loud enough for ``voice_confirm_loud`` (``A`` 0.5)."""
DIP = 0.62
"""A voice reading that takes the score under ``tense_enter`` but above ``tense_exit`` (checked below)."""


def at(seconds: float) -> int:
    return int(seconds * SAMPLE_RATE)


def _opener(
    ps: list[float], level_dbfs: float | None, cfg: EscalationConfig = CFG, *, calm_at: float | None = None
) -> float | None:
    """When a transcribed call's first turn with voice readings ``ps`` (one a second from 1 s, the tracker advanced
    every 0.25 s) first reaches "tense"; a level report of ``level_dbfs`` (None: none) at 1.5 s and, with ``calm_at``,
    committed words read calm (a name, a place: twelve words) at that second."""
    tracker = EscalationTracker(cfg, words_expected=True)
    if level_dbfs is not None:
        tracker.push_level(at(1.5), level_dbfs)
    if calm_at is None:
        return first_tense(run(tracker, ps))
    steps = []
    for i, p in enumerate(ps):
        for q in (0.25, 0.5, 0.75, 1.0):
            t = i + q
            if t == calm_at:
                state = tracker.push_committed_words(at(t), 12, calm=True)
            elif q == 1.0:
                state = tracker.push_voice(at(t), p, window_samples=SAMPLE_RATE)
            else:
                state = tracker.advance(at(t))
            steps.append((t, state.level, state.evidence[1]))
    return first_tense(steps)


WAVERS = [0.1, AROUSED, DIP, DIP, 0.2, 0.1, 0.1, 0.1]
"""Aroused at 2 s, the reading at 3 s (as the wait ends) and 4 s just under "tense" by itself."""


def test_the_dip_reading_is_between_the_exit_and_the_entry() -> None:
    tracker = EscalationTracker(CFG, words_expected=False)
    tracker.push_voice(at(1), AROUSED, window_samples=SAMPLE_RATE)
    score = tracker.push_voice(at(2), DIP, window_samples=SAMPLE_RATE).score
    assert CFG.tense_exit <= score < CFG.tense_enter
    assert CFG.voice_confirm_loud_dip and load_config(None).escalation.voice_confirm_loud_dip


def test_a_loud_opener_whose_reading_dips_as_the_wait_ends_rises_then() -> None:
    rose = _opener(WAVERS, LOUD)
    assert rose == 2.0 + CFG.voice_confirm_s  # the wait's end, not later
    assert _opener(WAVERS, LOUD, OFF) is None  # before: lost to the dip (c756 rose 2 s later on another reading)


def test_a_loud_opener_held_aroused_rises_after_the_wait_as_before() -> None:
    held = [0.1, AROUSED, AROUSED, AROUSED, 0.2, 0.1, 0.1, 0.1]
    assert _opener(held, LOUD) == _opener(held, LOUD, OFF) == 2.0 + CFG.voice_confirm_s


def test_calm_words_within_the_wait_still_call_the_rise_off() -> None:
    """A lively greeting: loud and aroused, its calm words half a second after its aroused reading."""
    assert _opener(WAVERS, LOUD, calm_at=2.5) is None
    assert _opener(WAVERS, LOUD, calm_at=3.25) == 3.0  # calm words after the rise: it stands


def test_a_dip_under_the_exit_still_calls_the_rise_off() -> None:
    assert _opener([0.1, AROUSED, 0.1, 0.1, 0.1, 0.1], LOUD) is None


def test_an_aroused_opener_at_telephone_level_is_unchanged() -> None:
    assert _opener(WAVERS, None) is None
    assert _opener(WAVERS, CFG.loud_level_floor_dbfs - 4.0) is None  # nominal telephone speech: no loud evidence


def test_a_loud_opener_whose_voice_reads_calm_adds_nothing() -> None:
    assert _opener([0.1] * 8, LOUD) is None
    assert _opener([0.1, 0.3, 0.3, 0.3, 0.1, 0.1], CFG.loud_level_ceiling_dbfs) is None


def test_after_the_first_final_the_dip_loses_the_rise_as_it_never_waited() -> None:
    """After the customer's first final nothing waits: the aroused reading rises at once, the rule has nothing to do."""
    tracker = EscalationTracker(CFG, words_expected=True)
    tracker.push_words(at(0.5), 0.0, n_words=3)
    tracker.push_level(at(1.5), LOUD)
    assert first_tense(run(tracker, WAVERS)) == 2.0


def test_without_transcription_nothing_waits() -> None:
    tracker = EscalationTracker(CFG, words_expected=False)
    assert first_tense(run(tracker, WAVERS)) == 2.0


def _indignation(said: str) -> list[float]:
    return [h.weight for h in default_lexicon().find(said) if h.category == "indignation"]


@pytest.mark.parametrize(
    "said",
    [
        "I'm not aerated, I'm just sick of waiting.",
        "I am not hollering, I want the gate fixed.",
        "I'm not screaming, I'm asking you a question.",
        "I'm not getting het up, I want my money back.",
        "I'm not agitated, I've been on hold for forty minutes.",
        "Look, I'm not having a go, but this is the third engineer.",
        "I'm not flying off the handle, it's my roof.",
    ],
)
def test_anger_denied_in_other_words_is_indignation_tense_alone(said: str) -> None:
    weights = _indignation(said)
    assert weights, said
    assert max(weights) >= CFG.tense_enter, said


@pytest.mark.parametrize(
    "said",
    [
        "I'm not riled up, I'm about to cry, he was so looking forward to it.",
        "The kids are screaming in the back, sorry, can you say that again?",
        "My dog gets agitated when the van comes, so knock loudly.",
        "She was fuming when it didn't come, but it's fine now.",
        "Don't worry, I'm not having the blue one, I'll take the green.",
    ],
)
def test_plain_uses_of_the_words_are_no_denial(said: str) -> None:
    assert not _indignation(said), said


def test_a_denial_mid_call_is_tense_once_its_words_are_committed() -> None:
    stage = EscalationStage(LEXICON_ONLY, text_scorer=_LexiconOnly())  # type: ignore[arg-type]
    opening = "Hi, it's about the fence panels you put up on Monday."
    stage.push_final(
        {"speaker": "customer", "utt": "c1", "text": opening, "words": _heard(opening.split(), 1.0), "final": True},
        at(4.0),
    )
    assert stage.level == "calm"
    said = "I'm not aerated, I'm"
    words = _heard(said.split(), 20.0)
    stage.push_partial({"speaker": "customer", "utt": "c2", "t": 20.0, "words": words, "stable": 4}, at(21.3))
    assert stage.level == "tense"


def _escalated_then(silent_s: float, cfg: EscalationConfig = CFG, *, speaks_again: bool = True) -> str:
    """Two complaints (markers 0.6 and 0.5, "escalated"), then ``silent_s`` of the customer's silence (the agent
    answers), then the customer speaks again; the level a second into their new turn."""
    tracker = EscalationTracker(cfg, words_expected=True)
    tracker.push_words(at(5.0), 0.0, n_words=10, hits=[("first complaint", 0.6)])
    state = tracker.push_words(at(8.0), 0.0, n_words=10, hits=[("second complaint", 0.5)])
    assert state.level == "escalated"
    if speaks_again:
        tracker.advance(at(8.0 + silent_s))
        tracker.customer_speaks_again()
    return tracker.advance(at(9.0 + silent_s)).level


def test_an_escalated_level_the_score_no_longer_reaches_steps_down_as_the_customer_speaks_again() -> None:
    assert _escalated_then(30.0) == "tense"  # score ~0.63: between escalated_exit and escalated_enter
    assert _escalated_then(30.0, speaks_again=False) == "escalated"  # held, as before
    assert _escalated_then(30.0, EscalationConfig(reply_steps_down_s=0.0)) == "escalated"  # key off


def test_a_score_still_at_escalated_enter_keeps_the_level() -> None:
    assert _escalated_then(2.0) == "escalated"  # score ~0.79


def _gaps_seen(gaps_s: list[float]) -> int:
    """How often the stage tells the tracker that the customer speaks again: one second of customer speech, then
    each gap of silence followed by another second of speech."""
    stage = EscalationStage(LEXICON_ONLY, text_scorer=_LexiconOnly())  # type: ignore[arg-type]
    seen = []
    stage._tracker.customer_speaks_again = lambda: seen.append(1)  # type: ignore[method-assign]
    frame = np.zeros(FRAME_SAMPLES, dtype=np.float32)
    start = 0
    for gap in [0.0, *gaps_s]:
        start += at(gap)
        for _ in range(SAMPLE_RATE // FRAME_SAMPLES):
            stage.push_speech(start, frame)
            start += FRAME_SAMPLES
    return len(seen)


def test_the_stage_tells_a_new_turn_only_after_the_silence_of_the_key() -> None:
    assert _gaps_seen([0.5, 2.0, 3.9]) == 0  # pauses within a turn
    assert _gaps_seen([4.0, 12.0]) == 2


def test_the_reply_key_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="reply_steps_down_s"):
        EscalationConfig(reply_steps_down_s=-1.0)
