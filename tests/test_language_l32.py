"""Session 33 (L32, issue 9): positive language on unseen calls, as classes: a change refused because the arrangement
is fixed with someone else (a third party's contract "locked in / set in stone / binding", c723 as heard), a thing
"locked in" given with a hedge, a schedule or an order "locked" as the reason; list AD's classes (Scots "we'll no be
<doing>", "off the menu", no engineer sent out again, "no possible to", no discretion, house rules, blame as a cause
in fresh shapes, the customer sent to whoever "deals with that"); the thirty-second part's as heard ("just isn't on
the card", "your <animals> rubbing on it that's pulled the seal off", "written into the terms you agreed", "billed in
full", "no squeezing <a job> in"); and their look-alikes. One rule built once: cheap. The lines of
tests/data/language_wording/tuning_l32.toml are L32's own wording."""

from __future__ import annotations

import tomllib

import pytest

from tests.test_language_l30 import family  # the family nudged on one final agent line, on one rule built once
from tests.test_language_wording import DATA


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a third party's contract fixed, as the recogniser wrote c723's (no apostrophe, its refusal misheard)
        ("No, that's not the one we're going to take, and the brewers contract is locked in.", "policy"),
        ("The hall's agreement with the school is set in stone.", "policy"),
        # a thing locked in with a hedge, a schedule locked as the reason
        ("It's locked in, I'm afraid.", "policy"),
        ("Sorry, the timetable's locked.", "policy"),
        ("The allocation is locked for this term.", "policy"),
        # list AD's classes
        ("We'll no be exchanging them, they've been worn.", "cant_do"),
        ("A refund's off the menu, I'm afraid.", "cant_do"),
        ("We aren't sending a third technician out.", "cant_do"),
        ("No possible to refund after the trip.", "cant_do"),
        ("There's no discretion here, I'm afraid.", "policy"),
        ("Those are the campsite rules.", "policy"),
        ("Your terrier chewing the hose, that's why.", "blame"),
        ("You'd left the back window open.", "blame"),
        ("It was your decorator who drilled into the cable.", "blame"),
        ("It's from how you packed it, the corners took the knock.", "blame"),
        ("You've been running the mower on the wrong oil.", "blame"),
        ("You never bled the radiators, so the top floor's cold.", "blame"),
        ("Phone the water board, they deal with that.", "not_our_job"),
        # the thirty-second part's, as heard (c747, c748, c756, c757)
        ("A free redo simply isn't on the card.", "cant_do"),
        ("It's your goats butting the door that's split the frame.", "blame"),
        ("That's written into the terms you signed.", "policy"),
        ("Classes missed on the day are charged in full.", "policy"),
        ("There's no slotting another car in this week.", "cant_do"),
        # c751's and c748's scripts: a harsh treatment that did the damage, a fault not down to our people
        ("You've bleached the grout, that's what's stripped the colour.", "blame"),
        ("That isn't down to our installers.", "not_our_job"),
    ],
)
def test_l32_classes_nudge(text: str, expected: str) -> None:
    assert family(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # kept for the customer
        "Your rate is locked in until the end of the year.",
        "The tariff is locked in at today's price for you.",
        "Your slot's locked in, sorry it took so long.",
        # a lock on a door, a thing mended
        "The shed is locked, sorry, the key's at reception.",
        "Sorry, the booking is fixed now, you'll get the email.",
        # list AD's look-alikes: a thing that can be done, the agent ringing whoever deals with it, the customer's own
        # account said back, no charge, nothing ruled out
        "There's no reason we can't do it tomorrow.",
        "I'll call the council for you, they deal with that.",
        "So you left the back door open and the cat got out?",
        "We'll no be charging a penny for it.",
        "Nothing's off the menu yet.",
        # a bank card, a part needing no fitting, "oh no" heard "I don't know" before a question, the terms quoted
        # for the customer's good
        "The long number isn't on the card, it's on the letter.",
        "There's no fitting required, it clips straight on.",
        "I don't know, is the order under your partner's name?",
        "The terms you signed include a free second visit.",
        # a drop-off, and a fault owned as ours
        "You dropped them round early, that's what's saved the day.",
        "It's down to our engineers, so the visit is free.",
    ],
)
def test_l32_look_alikes_stay_quiet(text: str) -> None:
    assert family(text) is None


def test_l32_list_holds_its_own_classes() -> None:
    """tuning_l32.toml through the one rule: every must-nudge line nudges, no look-alike does."""
    tables = tomllib.loads((DATA / "tuning_l32.toml").read_text("utf-8"))
    missed = [t for t in tables["positive_language"]["lines"] if family(t) is None]
    fired = [t for t in tables["quiet"]["lines"] if family(t) is not None]
    assert (missed, fired) == ([], [])
