"""Session 32 (L31, issue 9): positive language in fresh words, as classes: a flat "zero chance / no way am I / ain't
no way" refusal of a service, "that's never gonna happen", a rule that "clearly states" or a procedure that "says we
have to" close or charge, blame told as a cause ("down to the <thing> you're using"), a request that is "the
<someone>'s call", and the thirty-first part's and list AC's classes ("<someone>'s doing", "one for the <maker>, not
us", "impossible for me to", "rule is no ..."); and their look-alikes (reassurance, a rule quoted for the customer's
good, a cause on our side, no excuses made, a look-up that cannot see why, what the customer was told said back).
One rule built once: cheap. The lines of tests/data/language_wording/tuning_l31.toml are L31's own wording."""

from __future__ import annotations

import tomllib

import pytest

from tests.test_language_l30 import family  # the family nudged on one final agent line, on one rule built once
from tests.test_language_wording import DATA


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a flat no to a service: no chance of it by a time, "no way am I" + a service verb, "ain't no way we can"
        ("There's no chance of getting a plumber out before Monday.", "cant_do"),
        ("No way are we refunding a coat that's been worn all winter.", "cant_do"),
        ("Ain't no way I can hold the room past six.", "cant_do"),
        # a request ruled out as never going to happen
        ("Moving it to the front row? That's never gonna happen.", "cant_do"),
        # the rule quoted as the reason, the procedure that closes or charges
        ("The small print clearly states that the booking fee is kept.", "policy"),
        ("The system says we have to suspend the line after two missed bills.", "policy"),
        # blame told as a cause
        ("That's down to the polish you're using, it clouds the lacquer.", "blame"),
        ("It comes from you stacking the pans on it.", "blame"),
        # a request handed on as someone else's call
        ("Upgrades are the captain's call.", "grammar_blame"),
        # a refund's chances slim to none, a rule's tail "no exceptions", what happens when people mishandle it
        ("The odds of getting a refund on that are pretty much zero.", "cant_do"),
        ("Collection is by appointment only, no exceptions.", "policy"),
        ("That's what happens when people stack the chairs wet.", "blame"),
        # the thirty-first part's classes (c724, c727, c729) and list AC's
        ("That's your electrician's doing, he's drilled through the cable.", "blame"),
        ("You'll have crammed it full and clogged the drain, that's the problem.", "blame"),
        ("A flaw in the glaze is one for the pottery that fired it, not us.", "not_our_job"),
        ("It's impossible for me to swap the tickets now.", "cant_do"),
        ("Our gym rule is no guests at weekends.", "policy"),
        ("You forgot to lock it, so the call-out fee is on you.", "blame"),
        # ... as the recogniser wrote them: no apostrophe, the problem cut off by a full stop, the "not us" lost
        ("Well if it has, that's your builders doing. He's cut the cable.", "blame"),
        ("You'll have overloaded it and clogged the filter. That's the problem", "blame"),
        ("Any crack in the frame is one for the foundry that cast it.", "not_our_job"),
        # an omission of the customer's with what it cost, a job not done again, a request not acted on
        ("You didn't tell us about the stairs, so the fitters couldn't get it up.", "blame"),
        ("We're not going to be re-printing the banners.", "cant_do"),
        ("Your claim isn't actionable, I'm afraid.", "grammar_refusal"),
    ],
)
def test_l31_classes_nudge(text: str, expected: str) -> None:
    assert family(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # reassurance: a feared thing that won't happen, a charge or delay there is no chance of
        "Don't worry, that's never gonna happen, the account is protected.",
        "It's not going to happen again, we've changed the courier.",
        "There's no chance of you getting charged before the refund lands.",
        "No way am I letting you go without a date.",
        # the rule or procedure on the customer's side
        "The policy clearly states you're entitled to a replacement.",
        "Procedure says I have to ring you back within the hour.",
        # the cause is ours, or the customer's choice
        "That's down to the hinge we fitted, so the new one's on us.",
        "It's down to the plan you're on, and I can move you to a cheaper one.",
        # no excuses for our mistake, a look-up that cannot see why with the next step, a fault not the family's
        "I won't make excuses, that was our error.",
        "I'm not able to tell why it failed, so I'll ask the engineer now.",
        "It wasn't your mum's fault at all.",
        # what the customer was told, said back; a rule clear that the customer is covered; sympathy "impossible to
        # imagine"; a privacy policy that is strict
        "You said you were told no exchanges, and that isn't right.",
        "The terms are clear that you're entitled to the upgrade.",
        "It's impossible for me to imagine how stressful that was.",
        "Our policy is strict about privacy, so your card details stay with us.",
        # a machine doing its job, a drop-off
        "That's your boiler doing its weekly self-test.",
        "You'll have dropped it off by then, so we'll start on Monday.",
        # nothing to redo, a job redone for free
        "We won't need to reprint anything, the proofs were fine.",
        "We're re-fitting it for free on Thursday.",
    ],
)
def test_l31_look_alikes_stay_quiet(text: str) -> None:
    assert family(text) is None


def test_l31_list_holds_its_own_classes() -> None:
    """tuning_l31.toml through the one rule: every must-nudge line nudges, no look-alike does (the lead's FLOORS in
    tests/test_language_wording.py score it through the whole coach)."""
    tables = tomllib.loads((DATA / "tuning_l31.toml").read_text("utf-8"))
    missed = [t for t in tables["positive_language"]["lines"] if family(t) is None]
    fired = [t for t in tables["quiet"]["lines"] if family(t) is not None]
    assert (missed, fired) == ([], [])
