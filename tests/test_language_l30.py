"""Session 31 (L30, issue 9): positive language in wording no family held, and a "not" the recogniser dropped
after "I'm afraid / sadly" (the lines of tests/data/language_wording/tuning_l30.toml are scored by
tests/test_language_wording.py's FLOORS; these are the classes' edges, on one rule built once: cheap)."""

from __future__ import annotations

import pytest

from coach.language.phrasing import PositiveLanguageRule
from coach.language.utterance import Utterance
from tests.test_language_rules import final
from tests.test_language_wording import CONFIG

RULE = PositiveLanguageRule(CONFIG.positive_language, CONFIG.slots)


def family(text: str) -> str | None:
    """The family of the positive-language nudge on one final agent line, or None."""
    found = RULE.on_agent(Utterance.from_event(final("agent", text, 1.0)))
    return found[0].evidence.get("family") if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a "not" lost after a hedge: the hedge says the agent is refusing
        ("I'm afraid we can swap it for the larger size.", "cant_do"),
        ("Sadly we're able to waive the fee this time.", "cant_do"),
        # a no-option said of anything, not only of a refund
        ("Collecting it from the flat isn't an option any more.", "cant_do"),
        # damage as the customer's doing, told as the cause
        ("You stacked it on the radiator, that's why it warped.", "blame"),
        ("The chip's from you dropping the lid.", "blame"),
        # a named fee that still applies, a rule given as the reason, whoever made it sent for
        ("The late booking surcharge still applies.", "policy"),
        ("Going by the house rules, we can no longer take cheques.", "policy"),
        ("It's the builder you want, we just supply the bricks.", "not_our_job"),
        ("We've got nothing to do with the invoices.", "not_our_job"),
        # the grammar's new actions: a booking put back or a case reopened, refused
        ("We won't rearrange the slot this close to the day.", "grammar_refusal"),
    ],
)
def test_l30_classes_nudge(text: str, expected: str) -> None:
    assert family(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the hedge before what we can see, tell or only do is news or a limit said another way, not a lost "not"
        "I'm afraid I can see the crack from here, so we'll send a new one.",
        "Luckily we can swap it for the larger size.",
        # no option because we will do better
        "Giving up isn't an option, so I'll keep chasing them.",
        # the cause is ours, or the customer was right
        "You were quite right, that's why it snapped, the batch was faulty.",
        # a free or reduced charge that still stands is good news
        "The waived call-out fee still stands for Thursday.",
        # the rule gives the customer something
        "Under our terms, you're covered for the whole year.",
        # the part the customer needs, sent
        "It's the smaller nozzle you need, we just had some back in.",
        # a postponement ruled out with a promise
        "We won't postpone anything without ringing you first.",
    ],
)
def test_l30_look_alikes_stay_quiet(text: str) -> None:
    assert family(text) is None
