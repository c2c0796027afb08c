"""Escalation lexicon, session 49 (E54, issue 10): a customer who asks whether they were heard as the transcriber
hears it (its "did" dropped) or with "not", or who judges the agent's answer no help, is reproaching the agent
("tense" alone, a flare with [reproach]'s own half-life); one left waiting on the line "over a minute" is waiting
(under ``tense_enter`` alone: it adds to other evidence). Session 50 (E55): the one thing asked again, cut short with
"please just", is a reproach too. Calm look-alikes stay unmarked. Wording of our own, not the calls'."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.classify.lexicon import default_lexicon
from coach.types import SAMPLE_RATE

TENSE = EscalationConfig().tense_enter


@pytest.mark.parametrize(
    "text",
    [
        "Martin, you hear what I said? The crate was empty.",
        "You hear what I just said about the hinge?",
        "Did you not hear me? The van is still outside.",
        "Well, that doesn't help me with the boiler.",
        "It's not going to help me get the parcel by Friday.",
        "Honestly, that's no help whatsoever.",
        # session 50 (E55): the one thing asked again, cut short with "please just"
        "Please just send somebody to look at the boiler.",
        "Then please just put the refund through, Dave.",
    ],
)
def test_not_heard_or_no_help_is_a_reproach_tense_alone_that_fades_fast(text: str) -> None:
    hits = default_lexicon().find(text)
    assert [h.category for h in hits] == ["reproach"], text
    assert hits[0].weight >= TENSE
    assert 0 < hits[0].half_life_s < EscalationConfig().lexicon_half_life_s


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Anyone there? I've been holding for over a minute with nothing.", "waiting"),
        ("That was longer than thirty seconds, you know.", "waiting"),
    ],
)
def test_left_waiting_on_the_line_adds_under_tense(text: str, category: str) -> None:
    hits = default_lexicon().find(text)
    assert [h.category for h in hits] == [category], text
    assert hits[0].weight < TENSE


@pytest.mark.parametrize(
    "text",
    [
        "Did you hear about the road closure on Monday?",
        "I can hear you fine now, go on.",
        "That would help me very much, thank you.",
        "Could you help me with the form?",
        "It was a long half minute, I thought we'd been cut off.",
        "I'll hold for a minute while you look.",
    ],
)
def test_calm_look_alikes_are_unmarked(text: str) -> None:
    assert default_lexicon().find(text) == [], text


def _at(s: float) -> int:
    return round(s * SAMPLE_RATE)


def test_no_help_said_is_tense_and_the_calm_reply_after_the_answer_is_not() -> None:
    """The reproach makes its utterance "tense" on the words alone; the customer's calm reply after the agent's
    answer (11 s later) is calm again: the flare has faded under ``tense_enter`` (a 60 s half-life held it)."""
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    hits = default_lexicon().find("That doesn't help me at all, I need it by Tuesday.")
    said = tracker.push_words(_at(10.0), 0.02, n_words=10, hits=hits, calm=False)
    assert said.level == "tense"
    tracker.advance(_at(21.0))
    tracker.customer_speaks_again()
    reply = tracker.push_words(_at(23.0), 0.01, n_words=6, hits=[], calm=True)
    assert reply.level == "calm"
