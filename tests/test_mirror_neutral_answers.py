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


# ---- a fault stated calmly as the reason for a request the agent grants (c259) ----------------------

GREETING = ("agent", "Morning, Wheelhouse Scooters, Dan speaking.")
FAULT = "Hello. The chain on my scooter keeps coming off when I go uphill."
REQUEST = " Can I bring it in this week?"


@pytest.mark.parametrize(
    "reply", ["Of course, we've got space on Thursday afternoon if that suits.", "Sure, what's the registration?"]
)
def test_a_calm_fault_behind_a_request_the_agent_says_yes_to_needs_no_mirror(reply):
    assert mirror_nudges([GREETING, ("customer", FAULT + REQUEST), ("agent", reply)]) == 0


def test_without_the_yes_or_without_the_request_the_fault_is_still_mirrored():
    assert mirror_nudges([GREETING, ("customer", FAULT + REQUEST), ("agent", "What's the registration number?")]) == 1
    assert mirror_nudges([GREETING, ("customer", FAULT), ("agent", "Sure, what's the registration?")]) == 1


def test_an_upset_fault_behind_a_request_still_needs_the_mirror():
    upset = "Hello. The chain on my scooter keeps coming off and I'm absolutely fed up with it. Can I bring it in?"
    assert mirror_nudges([GREETING, ("customer", upset), ("agent", "Sure, what's the registration?")]) == 1
