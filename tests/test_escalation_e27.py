"""Escalation lexicon, session 24 second round (E27, issue 10): complaint phrasings of the twenty-third part's
angry turns that the lexicon had no class for.

Told to calm down, the customer claims the judgement of their own reaction ("I'll decide what's worth getting
upset about", "I'll be the judge of that"): tense on its own, like "Don't tell me to relax". The customer asks
whether the agent even looked at what they sent ("Have you even read my email?") or denies having signed what they
are held to ("Nobody signed anything"): each adds under ``tense_enter`` alone (calm customers use near words), so
it counts with other evidence: a marker of an earlier turn still held, or a raised voice. Their calm and happy
look-alikes do not hit, or stay calm alone ("Check your own records" has no class: see models/arousal.md, E27).
Wording of our own, not the calls'."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.classify.lexicon import default_lexicon
from tests.test_escalation_said_again_markers import (  # a customer's final turn pushed to the tracker
    _final,
    level_after_a_calm_opening,
    level_while_a_grievance_is_held,
)

TENSE = EscalationConfig().tense_enter


@pytest.mark.parametrize(
    "said",
    [
        "I'll decide what's worth getting wound up about, thanks.",
        "I'll decide what is worth a fuss, not you.",
        "I will decide what's worth being cross about.",
        "I'll decide how upset I get over my own wedding.",
        "I'll decide how I feel about it, thank you very much.",
        "I'll be the judge of that.",
        "I'll be the judge of what's reasonable here.",
        "Don't tell me how to feel about a ruined carpet.",
        "Don't tell me how I should feel, it's my money.",
        "You don't get to tell me how to react.",
        "You don't get to decide how I feel about this.",
        "It's not for you to decide how I react.",
    ],
)
def test_claiming_the_judgement_of_ones_own_reaction_is_tense_on_its_own(said: str) -> None:
    hits = default_lexicon().find(said)
    assert "indignation" in [h.category for h in hits]
    assert max(h.weight for h in hits) >= TENSE


@pytest.mark.parametrize(
    ("said", "category"),
    [
        ("Have you even looked at the photos I sent?", "disbelief"),
        ("Did you even read my email?", "disbelief"),
        ("Did you even check the order before it went out?", "disbelief"),
        ("Has anyone even looked at the form?", "disbelief"),
        ("Did you even bother to open the box?", "disbelief"),
        ("Nobody signed anything, we were out all day.", "blame"),
        ("I never signed anything for a second visit.", "blame"),
        ("No one agreed to that price.", "blame"),
    ],
)
def test_each_mid_call_class_adds_under_tense_alone(said: str, category: str) -> None:
    hits = default_lexicon().find(said)
    assert category in [h.category for h in hits]
    assert max(h.weight for h in hits) < TENSE


@pytest.mark.parametrize(
    "said",
    [
        "Honestly, it's not worth getting worked up about, it's only a mug.",
        "I'll decide which colour tomorrow and ring you back.",
        "I'll decide when I've seen the quote.",
        "I'll decide what's best once I've talked to my wife.",
        "The judge of the show was lovely.",
        "Can you tell me how to fill in the form?",
        "Have you had a chance to look at it yet? No rush.",
        "I even looked at the website first, it's very clear.",
        "I checked my own records and you're right, it was paid.",
        "Let me check my own notes, one second.",
        "Check your own records if you like, but I'm sure it's fine.",
        "Somebody signed for it, my neighbour I think.",
        "We signed everything on the day, it was easy.",
        "We agreed to that on the phone, that's fine.",
    ],
)
def test_calm_and_happy_look_alikes_do_not_hit(said: str) -> None:
    assert default_lexicon().find(said) == []


@pytest.mark.parametrize(
    "said",
    [
        "Have you even read what I sent you?",
        "I never signed anything for a hire, I was at work.",
        "Nobody signed anything, I was at work.",
    ],
)
def test_a_later_turn_with_the_class_is_tense_while_an_earlier_grievance_is_held(said: str) -> None:
    assert level_while_a_grievance_is_held(said) == "tense"


@pytest.mark.parametrize(
    "said",
    [
        "Have you even looked at the new menu? It's gorgeous.",
        "Did you even check the weather? It's glorious out.",
        "I never signed anything, is that a problem? Happy to do it now.",
    ],
)
def test_a_known_look_alike_that_hits_stays_calm_alone(said: str) -> None:
    assert level_after_a_calm_opening(said) == "calm"


def test_the_judgement_claimed_after_a_calm_opening_is_tense() -> None:
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    assert _final(tracker, 5.0, "Hi, it's about the room we booked for Sunday.", calm=True) == "calm"
    assert _final(tracker, 20.0, "I'll decide what's worth getting upset about.") == "tense"
