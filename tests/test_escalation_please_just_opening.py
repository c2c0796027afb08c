"""[reproach] "please just" counts only opening the customer's sentence (session 52, E60, issue 10;
``sentence_opening_phrases``): an imperative that cuts the agent short ("Please just send the engineer.") is "tense"
on its own, the same words in a polite answer, a pause or a question ("Yes please, just the one.", "Please, just a
moment", "Could you please just check ...?") are no marker. Wording of our own; word probabilities set by hand."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.lexicon import default_lexicon
from coach.classify.sentence_opening import keep_opening
from coach.classify.stage import EscalationStage
from coach.classify.text_anger import TextAngerScorer
from coach.types import SAMPLE_RATE

PHRASES = EscalationConfig().sentence_opening_phrases

CUT_SHORT = [
    "Please just send the engineer.",
    "Right. Then please just cancel the order.",
    "So please just put me through to the depot",
    "Please just...",  # a partial: the sentence is still being said
]
POLITE = [
    "Yes please, just the one.",
    "Three please, just for the Sunday.",
    "Please, just a second, I'm getting my card out.",
    "Could you please just check the postcode?",
    "Can I please just ask what the fee is?",
    "I'd like the blue one please just like last time.",
]


def _kept(text: str) -> list[str]:
    return [h.phrase for h in keep_opening(text, default_lexicon().find(text), PHRASES)]


@pytest.mark.parametrize("text", CUT_SHORT)
def test_a_cut_short_imperative_keeps_the_marker(text: str) -> None:
    assert "please just" in _kept(text), text


@pytest.mark.parametrize("text", POLITE)
def test_the_polite_look_alikes_lose_it(text: str) -> None:
    assert "please just" in [h.phrase for h in default_lexicon().find(text)], text  # the lexicon alone hits them
    assert "please just" not in _kept(text), text


def test_other_markers_and_an_empty_list_are_untouched() -> None:
    text = "Yes please, just sort it out, this is ridiculous."
    hits = default_lexicon().find(text)
    assert keep_opening(text, hits, ()) == hits
    assert "ridiculous" in _kept(text) and "please just" not in _kept(text)


def _final(utt: str, t: float, text: str) -> dict[str, object]:
    words = [{"w": w, "start": t + 0.3 * i, "end": t + 0.3 * i + 0.25, "p": 0.9} for i, w in enumerate(text.split())]
    return {"speaker": "customer", "utt": utt, "t": t, "final": True, "text": text, "words": words}


@pytest.mark.parametrize(
    ("text", "phrases", "level"),
    [
        ("Yes please, just the one.", PHRASES, "calm"),
        ("Please just send it.", PHRASES, "tense"),
        ("Yes please, just the one.", (), "tense"),  # off: the polite answer read as the reproach
    ],
)
def test_through_the_stage(text: str, phrases: tuple[str, ...], level: str) -> None:
    stage = EscalationStage(EscalationConfig(sentence_opening_phrases=phrases), text_scorer=TextAngerScorer())
    stage.push_final(_final("c1", 1.0, "Hello, it's about the parcel I ordered."), 4 * SAMPLE_RATE)
    stage.push_final(_final("c2", 6.0, text), 8 * SAMPLE_RATE)
    assert stage.level == level
