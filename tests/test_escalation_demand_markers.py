"""Escalation lexicon, session 15 (issue 10): a customer who demands the fix or the money now, snaps back
at being told to calm down, or reproaches the company with their years as a customer is angry; the
first two are "tense" on those words alone (from the partials of their line, before any baseline of
their voice), the reproach and "you told me to" blame stay under ``tense_enter`` alone. A customer naming
their own role ("I'm the manager") asks for no manager, and when something happened ("three weeks ago")
is no waiting. Wording of our own, not the calls'."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.lexicon import default_lexicon
from tests.escalation_readings import opening_levels


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("So what are you going to do about the flooded hallway", "demand"),
        ("I want my money back before the weekend", "demand"),
        ("I need this fixing today, the shop opens at nine", "demand"),
        ("He had better be here by noon, I took the day off", "demand"),
        ("I'm not shouting, I'm telling you the boiler is dead", "indignation"),
        ("Don't tell me to relax, the van is blocking my drive", "indignation"),
        ("Don't talk to me like I'm a child", "indignation"),
    ],
)
def test_a_demand_or_indignant_reply_is_tense_on_its_own(text: str, category: str) -> None:
    hits = default_lexicon().find(text)
    assert category in [h.category for h in hits]
    assert max(h.weight for h in hits) >= EscalationConfig().tense_enter


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I've been with you for fifteen years and never missed a bill", "loyalty"),
        ("I set the timer exactly like you told me", "blame"),
        ("It's hardly my fault the post was late", "blame"),
        ("What am I supposed to do with a sofa in the garden", "disbelief"),
    ],
)
def test_reproach_and_refused_blame_stay_under_tense_alone(text: str, category: str) -> None:
    hits = default_lexicon().find(text)
    assert [h.category for h in hits] == [category]
    assert hits[0].weight < EscalationConfig().tense_enter


@pytest.mark.parametrize(
    "text",
    [
        "I'm the manager here, so you can send the invoice to me",
        "Well I am the supervisor on this site",
        "I'd better check the meter reading first",
        "What are you doing at the weekend, are you open",
        "I want to book a table for six",
        "You serviced the boiler three weeks ago, could you send the certificate",
    ],
)
def test_calm_look_alikes_do_not_hit(text: str) -> None:
    assert default_lexicon().find(text) == []


def test_a_request_for_a_manager_still_hits() -> None:
    assert {h.category for h in default_lexicon().find("Put me through to the manager")} == {"escalation_request"}


def test_an_opening_demand_reaches_tense_within_two_seconds_of_partials() -> None:
    said = [
        "What",
        "are",
        "you",
        "going",
        "to",
        "do",
        "about",
        "the",
        "hole",
        "in",
        "my",
        "fence,",
        "the",
        "dog",
        "got",
        "out",
    ]
    levels = opening_levels(said, (2, 4, 6, 8))  # partials at 0.5, 1.0, 1.5 and 2.0 s
    assert levels[-1] == "tense" and levels[0] == "calm"
    calm = "What are you open until on a Saturday, I need a new fence panel".split()  # noqa: SIM905
    assert opening_levels(calm, (2, 4, 6, 8)) == ["calm"] * 4
