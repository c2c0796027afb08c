"""Escalation lexicon, session 15 second round (issue 10): a calm customer telling how they made do ("we had
to sleep somewhere else") threatens no one, and a date still to come ("the wedding is in three weeks") is
no waiting; a threat to take their custom away and a real wait still hit. Wording of our own, not the
calls'."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.classify.lexicon import default_lexicon
from coach.types import SAMPLE_RATE


@pytest.mark.parametrize(
    "text",
    [
        "The lift was broken so we had to sleep somewhere else that night",
        "Could you send the parcel somewhere else, to my office maybe",
        "My son's wedding is in three weeks and I need the suit altered",
        "The course starts in two weeks, is there a reading list",
        "We fly out two weeks from now, can I add a bag",
        "I'd like the refund within two weeks if that's the usual",
    ],
)
def test_a_calm_story_or_a_coming_date_hits_no_marker(text: str) -> None:
    assert default_lexicon().find(text) == []


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Fine, I'll just go somewhere else then", "churn"),
        ("I'm going to take my money somewhere else", "churn"),
        ("We've been waiting three weeks for a reply", "waiting"),
        ("It's been two weeks and the gate is still broken", "waiting"),
    ],
)
def test_a_threat_to_leave_or_a_real_wait_still_hits(text: str, category: str) -> None:
    assert category in {h.category for h in default_lexicon().find(text)}


def _level_after(text: str) -> str:
    """Level after one final ``text`` read calm by the text model (p 0.05), then ten seconds of calm voice."""
    tracker = EscalationTracker(EscalationConfig())
    hits = default_lexicon().find(text)
    state = tracker.push_words(4 * SAMPLE_RATE, 0.05, n_words=len(text.split()), hits=hits)
    for t in range(5, 15):
        state = tracker.push_voice(t * SAMPLE_RATE, 0.1, window_samples=SAMPLE_RATE)
    return state.level


def test_a_story_of_making_do_leaves_a_calm_customer_calm_but_a_threat_does_not() -> None:
    assert _level_after("The room was flooded when we got there so we found somewhere else and slept fine") == "calm"
    assert _level_after("If the room is not ready tonight we will go somewhere else") != "calm"
