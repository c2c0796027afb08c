"""Escalation fusion, session 15 (issue 10): a customer final read as calm words cools the markers of
their earlier utterances by ``calm_words_cool`` (they came down once the agent put it right), not the
markers of the utterance now ending nor the turn-taking ones; a new marker counts in full. Synthetic
inputs on the tracker's own clock (no audio)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.types import SAMPLE_RATE

CALM_P = 0.01  # text anger of a calm sentence (below words_floor)


def _after_calm_final(config: EscalationConfig, *, calm: bool, said: bool = True) -> tuple[float, float]:
    """Scores just before and just after a calm-looking final that follows a marker, 2 s apart."""
    t = EscalationTracker(config)
    t.push_words(1 * SAMPLE_RATE, CALM_P, n_words=8, hits=[("livid", 0.45)], said=said, calm=False)
    before = t.advance(3 * SAMPLE_RATE).score
    after = t.push_words(3 * SAMPLE_RATE, CALM_P, n_words=6, calm=calm).score
    return before, after


def test_a_calm_final_cools_the_earlier_markers() -> None:
    cfg = EscalationConfig()
    before, after = _after_calm_final(cfg, calm=True)
    assert before >= cfg.tense_enter
    assert after == pytest.approx(before * (1.0 - cfg.calm_words_cool), abs=0.01)
    # not heard as calm (None): nothing cooled; the setting off: nothing cooled
    assert _after_calm_final(cfg, calm=None)[1] == pytest.approx(before, abs=0.001)
    assert _after_calm_final(replace(cfg, calm_words_cool=0.0), calm=True)[1] == pytest.approx(before, abs=0.001)


def test_turn_taking_markers_are_not_cooled() -> None:
    before, after = _after_calm_final(EscalationConfig(), calm=True, said=False)
    assert after == pytest.approx(before, abs=0.001)


def test_markers_of_the_utterance_now_ending_are_not_cooled_and_new_ones_count_in_full() -> None:
    cfg = EscalationConfig()
    t = EscalationTracker(cfg)
    t.push_words(1 * SAMPLE_RATE, CALM_P, n_words=6, calm=True)  # an earlier calm final
    # a marker from the partials of the next utterance, then its final reads calm (the marker was counted)
    t.push_words(2 * SAMPLE_RATE, float("nan"), n_words=0, hits=[("livid", 0.45)])
    kept = t.push_words(3 * SAMPLE_RATE, CALM_P, n_words=6, calm=True).score
    assert kept >= cfg.tense_enter
    fresh = t.push_words(4 * SAMPLE_RATE, CALM_P, n_words=6, hits=[("furious", 0.45)], calm=False).score
    assert fresh > kept
