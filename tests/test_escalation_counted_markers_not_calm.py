"""A final whose marker its partials already counted is a complaint, not calm words (issue 10, session 19).

The stage counts a marker as soon as a partial's committed words hold it, and the final does not count it
again; before session 19 the final then read as calm words when its text anger was low ("Nobody told us
that. There wasn't a note.", the marker counted from a partial), so the angry line damped the customer's
voice as a calm one would (``calm_words_damp``) and cooled their earlier markers. The stage test runs the
real text model on sentences written for it (not from the call set).
"""

from __future__ import annotations

from typing import Any

from coach.classify.escalation import EscalationConfig
from coach.classify.stage import EscalationStage
from coach.classify.text_anger import TextAngerScorer
from coach.types import SAMPLE_RATE

MARKED = "Nobody told us that and there was not a note or a word from anyone"
"""A marker ("nobody told us") in words the text model reads with little anger."""
PLAIN = "The van came on Tuesday and the driver left the parcel by the door"
"""Calm words of the same length, without a marker."""


def _words(text: str, start_s: float) -> list[dict[str, Any]]:
    return [
        {"w": w, "p": 0.9, "start": start_s + 0.3 * i, "end": start_s + 0.3 * i + 0.25}
        for i, w in enumerate(text.split())
    ]


def _calm_words_after(scorer: TextAngerScorer, text: str, *, partial_first: bool) -> float:
    """The calm-words evidence ``K`` after the customer's utterance ``text`` (its final, after a partial
    whose committed words hold all of it when ``partial_first``)."""
    stage = EscalationStage(EscalationConfig(), text_scorer=scorer)
    words = _words(text, 1.0)
    base = {"type": "transcript", "speaker": "customer", "utt": "customer-1", "t": 1.0}
    if partial_first:
        stage.push_partial({**base, "final": False, "words": words, "stable": len(words)}, 5 * SAMPLE_RATE)
    stage.push_final({**base, "final": True, "text": text, "words": words}, 6 * SAMPLE_RATE)
    return stage._tracker.advance(6 * SAMPLE_RATE).drivers["calm_words"]  # noqa: SLF001


def test_a_final_whose_marker_a_partial_counted_is_not_calm_words() -> None:
    scorer = TextAngerScorer()
    assert scorer.score(MARKED).p < EscalationConfig().words_floor  # its text alone would read calm
    assert _calm_words_after(scorer, MARKED, partial_first=True) == 0.0
    assert _calm_words_after(scorer, MARKED, partial_first=False) == 0.0  # the final's own marker: as before
    assert _calm_words_after(scorer, PLAIN, partial_first=True) > 0.5  # calm words stay calm words
