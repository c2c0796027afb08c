"""Escalation lexicon, session 39 (issue 10): four classes of an angry customer's later turns that held no marker in
the tuning scripts c01-c813: the company was paid itself ("I paid you, not them"), a sum pointed at what came of it
("... bucks for that"), what the customer asks restated against the agent's reading ("I'm not asking you to ...")
and the least the agent could do ("Can you at least ..."). The same words in a calm or upset customer's ask or
account are no marker; a reply opening with the weak ones reaches "tense" by the reply rule.

Wording of our own; word probabilities set by hand.
"""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.lexicon import default_lexicon
from coach.classify.stage import EscalationStage
from coach.classify.text_anger import TextAngerScorer
from coach.types import SAMPLE_RATE


@pytest.mark.parametrize(
    ("said", "category"),
    [
        ("I paid you, not the courier. I've never heard of them.", "blame"),
        ("We paid you two hundred pounds to service it in March.", "blame"),
        ("And it's warped down the middle. I spent six hundred pounds for that.", "loss"),
        ("Forty quid for that, and it snapped on the first day.", "loss"),
        ("I'm not asking you to rebuild it. I'm asking you to look at it.", "demand"),
        ("I'm not asking for a favour here.", "demand"),
        ("Then can you at least send the missing panel?", "disbelief"),
    ],
)
def test_the_four_classes_are_markers(said: str, category: str) -> None:
    assert category in {h.category for h in default_lexicon().find(said)}


@pytest.mark.parametrize(
    "said",
    [
        "I paid the deposit online in August, the reference is on the email.",
        "Could I at least pay a bit less each month?",  # the customer's own ask
        "Can we at least keep the table for the replay?",
        "That's all I'm asking for, that someone looks at it properly.",
        "I paid your shop by card, so you should have it.",
        "What's the price for that one in oak?",
    ],
)
def test_the_same_words_in_a_calm_ask_are_none(said: str) -> None:
    assert default_lexicon().find(said) == []


def _final(speaker: str, utt: str, t: float, text: str) -> dict[str, object]:
    words = [{"w": w, "start": t + 0.3 * i, "end": t + 0.3 * i + 0.25, "p": 0.9} for i, w in enumerate(text.split())]
    return {"speaker": speaker, "utt": utt, "t": t, "final": True, "text": text, "words": words}


def test_a_reply_opening_with_i_paid_you_is_tense() -> None:
    stage = EscalationStage(EscalationConfig(), text_scorer=TextAngerScorer())
    stage.push_final(_final("customer", "c1", 1.0, "Hello, it's about the repair of my bike."), 4 * SAMPLE_RATE)
    stage.hear_agent(_final("agent", "a1", 5.0, "Our partner workshop did the repair, please ask them."))
    assert stage.level == "calm"
    stage.push_final(_final("customer", "c2", 9.0, "I paid you, not them. I don't know them."), 12 * SAMPLE_RATE)
    assert stage.level == "tense"
