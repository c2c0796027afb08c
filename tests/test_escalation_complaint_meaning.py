"""Complaint meaning of the customer's words lets a raised voice count (issue 10, ``complaint_gate``).

The tracker tests are synthetic; the stage tests run the real sentence embedder and complaint head
(:mod:`coach.language.complaint`) on sentences written for them (not from the call set).
"""

from __future__ import annotations

from typing import Any

import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.types import SAMPLE_RATE, Event

COMPLAINT = "They took the money for the boiler service and the engineer was a no show"
"""A plain complaint: no lexicon marker, text anger below ``words_floor``; the complaint head reads ~0.9."""
ENQUIRY = "Hello, I'd like to book a table for four on Friday"
"""A calm request: the complaint head reads ~0.05."""


def test_complaint_meaning_lets_a_raised_voice_count_but_adds_nothing_alone() -> None:
    cfg = EscalationConfig()
    meaning_only = EscalationTracker(cfg)
    state = meaning_only.push_complaint(SAMPLE_RATE, 0.95, final=True)
    assert state.level == "calm" and state.score == 0.0 and state.drivers["complaint"] == 1.0

    both = EscalationTracker(cfg)
    both.push_loudness(SAMPLE_RATE, 4.5)  # a raised voice alone: no evidence (louder_weight 0)
    assert both.advance(SAMPLE_RATE).score == 0.0
    state = both.push_complaint(2 * SAMPLE_RATE, 0.95, final=False)
    assert state.level == "tense" and state.score < cfg.escalated_enter  # never "escalated" on these two

    off = EscalationTracker(EscalationConfig(complaint_gate=0.0))
    off.push_loudness(SAMPLE_RATE, 4.5)
    assert off.push_complaint(2 * SAMPLE_RATE, 0.95, final=False).level == "calm"

    weak = EscalationTracker(cfg)
    weak.push_loudness(SAMPLE_RATE, 4.5)
    assert weak.push_complaint(2 * SAMPLE_RATE, cfg.complaint_floor, final=False).score == 0.0


def test_a_final_replaces_the_complaint_meaning_and_a_partial_only_raises_it() -> None:
    tracker = EscalationTracker(EscalationConfig())
    assert tracker.push_complaint(SAMPLE_RATE, 0.8, final=True).drivers["complaint"] == 1.0
    assert tracker.push_complaint(SAMPLE_RATE, 0.2, final=False).drivers["complaint"] == 1.0
    assert tracker.push_complaint(SAMPLE_RATE, 0.2, final=True).drivers["complaint"] == 0.0
    assert tracker.push_complaint(SAMPLE_RATE, 0.65, final=False).drivers["complaint"] == pytest.approx(0.5)


def test_complaint_meaning_does_not_undo_the_calm_words_damping() -> None:
    """A lively but calm voice after calm words stays damped when the words' meaning reads like a
    complaint but the voice is not raised (a calm caller describing a fault)."""
    cfg = EscalationConfig()
    scores = []
    for p in (0.0, 0.95):
        tracker = EscalationTracker(cfg)
        tracker.push_words(SAMPLE_RATE, 0.02, n_words=12, calm=True)
        tracker.push_complaint(SAMPLE_RATE, p, final=True)
        for i in range(2, 8):
            state = tracker.push_voice(i * SAMPLE_RATE, 0.75, window_samples=SAMPLE_RATE)
        scores.append(state.score)
    assert scores[0] == scores[1]


def _partial(text: str, utt: str, start_s: float) -> dict[str, Any]:
    return {
        "type": "transcript",
        "speaker": "customer",
        "utt": utt,
        "t": start_s,
        "final": False,
        "words": [{"w": w, "p": 0.9} for w in text.split()],
        "stable": 0,
    }


def _raised(stage: Any, at_s: float, delta_db: float) -> None:
    """A customer prosody report ``delta_db`` above their usual level over the second before ``at_s``."""
    now = int(at_s * SAMPLE_RATE)
    report = Event.at_samples("prosody", now - SAMPLE_RATE, now, speaker="customer", loudness_delta_db=delta_db)
    stage.observe([report], now)


class _CountingEmbedder:
    """The real sentence embedder, counting the texts it embeds."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.texts = inner, 0

    def encode(self, texts: list[str]) -> Any:
        self.texts += len(texts)
        return self.inner.encode(texts)


def _stage() -> tuple[Any, _CountingEmbedder]:
    from coach.classify.stage import EscalationStage
    from coach.classify.text_anger import TextAngerScorer

    scorer = TextAngerScorer()
    counting = _CountingEmbedder(scorer.embedder)
    scorer.embedder = counting  # type: ignore[assignment]
    # calm words off: this test is about the complaint reading alone
    return EscalationStage(EscalationConfig(calm_words_damp=0.0), text_scorer=scorer), counting


def test_a_plain_complaint_said_louder_is_tense_within_3_s_from_two_agreeing_partials() -> None:
    stage, _ = _stage()
    _raised(stage, 1.0, 4.5)
    words = COMPLAINT.split()
    stage.push_partial(_partial(" ".join(words[:9]), "customer-1", 0.2), int(1.2 * SAMPLE_RATE))
    assert stage.tick(int(1.3 * SAMPLE_RATE)) is None or stage.level == "calm"  # one partial is not enough
    _raised(stage, 1.9, 4.5)
    stage.push_partial(_partial(" ".join(words[:12]), "customer-1", 0.2), int(1.9 * SAMPLE_RATE))
    stage.tick(int(2.0 * SAMPLE_RATE))
    assert stage.level == "tense"


def test_a_calm_enquiry_said_louder_and_a_complaint_said_calmly_stay_calm() -> None:
    stage, _ = _stage()
    for i, at in enumerate((1.2, 1.9, 2.6)):
        _raised(stage, at, 4.5)
        stage.push_partial(_partial(" ".join(ENQUIRY.split()[: 5 + 2 * i]), "customer-1", 0.2), int(at * SAMPLE_RATE))
    stage.tick(int(3.0 * SAMPLE_RATE))
    assert stage.level == "calm"

    stage, counting = _stage()
    for i, at in enumerate((1.2, 1.9, 2.6)):
        stage.push_partial(_partial(" ".join(COMPLAINT.split()[: 8 + 2 * i]), "customer-2", 0.2), int(at * SAMPLE_RATE))
    stage.tick(int(3.0 * SAMPLE_RATE))
    assert stage.level == "calm"
    assert counting.texts == 0  # no raised voice: the partials are not even read


def test_partials_are_read_only_in_the_first_complaint_onset_s_of_the_utterance() -> None:
    stage, counting = _stage()
    for at in (5.0, 5.7):
        _raised(stage, at, 4.5)
        stage.push_partial(_partial(COMPLAINT, "customer-1", 0.2), int(at * SAMPLE_RATE))
    stage.tick(int(6.0 * SAMPLE_RATE))
    assert counting.texts == 0 and stage.level == "calm"  # the final will read it


def test_partials_are_read_only_when_their_pair_needs_them() -> None:
    """E65 (cost): a partial opening an utterance is read once the next pairs with it, and a pair one of whose
    readings is below ``complaint_floor`` (no evidence either way) spares the other: three raised partials of a calm
    enquiry take one reading, two of a plain complaint two (both above the floor: the lower counts)."""
    stage, _ = _stage()
    for i, at in enumerate((1.2, 1.9, 2.6)):
        _raised(stage, at, 4.5)
        stage.push_partial(_partial(" ".join(ENQUIRY.split()[: 5 + 2 * i]), "customer-1", 0.2), int(at * SAMPLE_RATE))
        assert stage._complaint_pair.reads == min(i, 1)
    stage.tick(int(3.0 * SAMPLE_RATE))
    assert stage.level == "calm"

    stage, _ = _stage()
    _raised(stage, 1.0, 4.5)
    words = COMPLAINT.split()
    stage.push_partial(_partial(" ".join(words[:9]), "customer-1", 0.2), int(1.2 * SAMPLE_RATE))
    assert stage._complaint_pair.reads == 0
    _raised(stage, 1.9, 4.5)
    stage.push_partial(_partial(" ".join(words[:12]), "customer-1", 0.2), int(1.9 * SAMPLE_RATE))
    stage.tick(int(2.0 * SAMPLE_RATE))
    assert stage._complaint_pair.reads == 2 and stage.level == "tense"
