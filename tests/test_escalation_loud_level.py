"""A loud voice on the absolute scale counts where complaint words let a raised voice count (issue 10,
``loud_level``): the customer's first seconds have no usual level of theirs, and an angry caller's usual
level is itself loud.

The tracker tests are synthetic; the stage test runs the real sentence embedder and complaint head on
sentences written for it (not from the call set).
"""

from __future__ import annotations

from typing import Any

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.types import SAMPLE_RATE, Event
from tests.test_escalation_complaint_meaning import _partial

COMPLAINT = "They took the money for the boiler service and the engineer was a no show"
"""A plain complaint: no lexicon marker, text anger below ``words_floor``; the complaint head reads ~0.9."""
LOUD_DBFS = -17.0
"""A loud voice: above ``loud_level_ceiling_dbfs``."""
USUAL_DBFS = -27.0
"""Telephone speech at about its nominal level: below ``loud_level_floor_dbfs``."""


def test_a_loud_level_adds_nothing_alone_and_counts_with_a_complaint() -> None:
    cfg = EscalationConfig()
    alone = EscalationTracker(cfg)
    assert alone.push_level(SAMPLE_RATE, LOUD_DBFS).score == 0.0

    both = EscalationTracker(cfg)
    both.push_level(SAMPLE_RATE, LOUD_DBFS)
    state = both.push_complaint(2 * SAMPLE_RATE, 0.95, final=False)
    assert state.level == "tense" and state.score < cfg.escalated_enter
    assert both.loud_evidence > 0.99 and both.louder_evidence == 0.0  # R (own level) is untouched

    later = EscalationTracker(cfg)  # after the first turn only R makes the stage read partials (cost)
    later.push_words(SAMPLE_RATE, 0.02, n_words=8)
    later.push_level(2 * SAMPLE_RATE, LOUD_DBFS)
    assert later.loud_evidence == 0.0

    usual = EscalationTracker(cfg)
    usual.push_level(SAMPLE_RATE, USUAL_DBFS)
    assert usual.push_complaint(2 * SAMPLE_RATE, 0.95, final=False).score == 0.0

    off = EscalationTracker(EscalationConfig(loud_level=False))
    off.push_level(SAMPLE_RATE, LOUD_DBFS)
    assert off.push_complaint(2 * SAMPLE_RATE, 0.95, final=False).level == "calm"


def test_a_loud_level_falls_with_the_voice_release_once_the_level_drops() -> None:
    tracker = EscalationTracker(EscalationConfig())
    tracker.push_level(SAMPLE_RATE, LOUD_DBFS)
    tracker.push_level(2 * SAMPLE_RATE, USUAL_DBFS)
    assert 0.0 < tracker.loud_evidence < 0.6
    assert tracker.push_level(3 * SAMPLE_RATE, LOUD_DBFS).sample == 3 * SAMPLE_RATE
    assert tracker.loud_evidence == 1.0  # a louder report counts at once


def test_a_loud_level_neither_undoes_calm_words_nor_counts_with_an_aroused_voice() -> None:
    """A loud, calm, lively customer (a loud line, a happy caller): the same score with and without the
    loud level once calm words have come and the voice reads aroused."""
    scores = []
    for level in (None, LOUD_DBFS):
        tracker = EscalationTracker(EscalationConfig(), words_expected=True)
        tracker.push_words(SAMPLE_RATE, 0.02, n_words=12, calm=True)
        for i in range(2, 8):
            if level is not None:
                tracker.push_level(i * SAMPLE_RATE, level)
            state = tracker.push_voice(i * SAMPLE_RATE, 0.75, window_samples=SAMPLE_RATE)
        scores.append(state.score)
    assert scores[0] == scores[1]


def _level(stage: Any, at_s: float, dbfs: float) -> None:
    """A customer prosody report of their first seconds: an absolute level, no usual level of theirs yet."""
    now = int(at_s * SAMPLE_RATE)
    report = Event.at_samples(
        "prosody", now - SAMPLE_RATE, now, speaker="customer", loudness_db=dbfs, loudness_delta_db=None
    )
    stage.observe([report], now)


def test_a_complaint_opening_the_call_loud_is_tense_within_3_s_and_one_at_the_usual_level_is_not() -> None:
    from coach.classify.stage import EscalationStage
    from coach.classify.text_anger import TextAngerScorer

    scorer = TextAngerScorer()
    levels = []
    for dbfs in (LOUD_DBFS, USUAL_DBFS):
        stage = EscalationStage(EscalationConfig(calm_words_damp=0.0), text_scorer=scorer)
        words = COMPLAINT.split()
        for i, at in enumerate((1.2, 1.9, 2.6)):
            _level(stage, at, dbfs)
            stage.push_partial(_partial(" ".join(words[: 8 + 2 * i]), "customer-1", 0.2), int(at * SAMPLE_RATE))
        stage.tick(int(3.0 * SAMPLE_RATE))
        levels.append(stage.level)
    assert levels == ["tense", "calm"]
