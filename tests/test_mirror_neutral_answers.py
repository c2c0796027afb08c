"""The mirror rule on details the agent asked for (issue 9, c256, c232): a complaint cue in a calm answer
to the agent's question opens a moment only when the complaint head reads the sentence as a complaint
(``answer_cue_threshold``); measurements and descriptions asked for are neutral information. Real
MiniLM embeddings and the shipped complaint head; wording written for these tests, not from the calls."""

from __future__ import annotations

import dataclasses

import pytest

from coach.language import LanguageCoach
from coach.language.complaint import Reading, Unit, sentence_complaint
from coach.language.config import load_language_config
from tests.test_language_rules import final

DRIVEWAY = [
    ("agent", "Good morning, Smooth Drives, Priya speaking."),
    ("customer", "Hi, I'd like a quote for resurfacing my driveway, please."),
    ("agent", "Of course. Roughly how big is it, and what's on there now?"),
]
TABLE = [
    ("agent", "Hello, Oak and Iron furniture, Sam speaking."),
    ("customer", "Hi, I'm calling about a dining table I ordered from you."),
    ("agent", "Sure, I can help with that. What's the order number?"),
]
NEXT_QUESTION = "Thanks. And can I take your postcode as well?"


def mirror_nudges(lines: list[tuple[str, str]], threshold: float | None = None) -> int:
    """Mirror nudges the language coach gives on the finals ``lines`` (speaker, text), 0.4 s a word."""
    cfg = load_language_config()
    if threshold is not None:
        mirror = dataclasses.replace(cfg.mirror_complaint, answer_cue_threshold=threshold)
        cfg = dataclasses.replace(cfg, mirror_complaint=mirror)
    coach, t, found = LanguageCoach(cfg), 0.0, []
    for i, (speaker, text) in enumerate(lines):
        found += coach.push(final(speaker, text, t, utt=f"{speaker}-{i}"))
        t += 0.4 * len(text.split()) + 1.0
    return sum(getattr(n, "kind", "") == "mirror_complaint" for n in found)


def test_measurements_and_a_description_asked_for_are_not_a_complaint():
    answer = ("customer", "About six metres by four, it's old tarmac with a few cracks near the gate.")
    lines = [*DRIVEWAY, answer, ("agent", "Okay, and is it a single or a double width drive?")]
    assert mirror_nudges(lines) == 0
    assert mirror_nudges(lines, threshold=0.0) == 1  # every cue counting: "with a few cracks" was a complaint


@pytest.mark.parametrize(
    "answer",
    [
        "It's four four seven one, and the table arrived with a huge crack right across the top.",
        "It's four four seven one. The legs were delivered with a deep scratch down one side.",
    ],
)
def test_a_complaint_given_with_the_details_asked_for_is_still_mirrored(answer):
    assert mirror_nudges([*TABLE, ("customer", answer), ("agent", NEXT_QUESTION)]) == 1


def test_a_sentence_the_head_did_not_score_keeps_its_cue():
    pieces = [Unit("It broke.", "It broke.", Reading(0.9, 0.1)), Unit("Long one here.", "Long", Reading(0.2, 0.1))]
    assert sentence_complaint(pieces, "It broke.") == 0.9
    assert sentence_complaint(pieces, "Dented.") is None
