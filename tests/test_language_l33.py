"""Session 34 (L33, issue 9): positive language on unseen calls, as classes: a flat no that answers a fear the
customer has just voiced is reassurance, not a refusal (c713's "Not a chance." after "I honestly thought I'd have to
give it up"; the rule remembers the customer's last final turn); list AE's classes (flat no's in idioms: "not a runner",
"a big fat no on", a stance that will not move, "simply not a thing", "that door is closed"; blame told as a cause:
"that's what happens when ... aren't followed", an over-verb of what the customer did, a mishandling "..., which is
why the <thing> broke", "someone in your house ... and that wrecked it"; policy as the reason: "<shop> policy is
<X> only", "bound by the terms you signed", "..., so the charge applies", "we hold our <rules> firmly", "once it's on
the system it stays, we don't wipe them"); list AE's false alarms as classes; and their look-alikes. One rule built
once: cheap. The lines of tests/data/language_wording/tuning_l33.toml are L33's own wording."""

from __future__ import annotations

import tomllib

import pytest

from coach.language import LanguageCoach
from coach.language.utterance import Utterance
from tests.test_language_l30 import RULE, family  # one rule built once; the family nudged on one final agent line
from tests.test_language_rules import final
from tests.test_language_wording import CONFIG, DATA


def answer_family(customer: str, agent: str) -> str | None:
    """The family nudged on the agent's final line ``agent`` said after the customer's final turn ``customer``."""
    RULE.on_customer(Utterance.from_event(final("customer", customer, 0.5)))
    try:
        return family(agent)
    finally:
        RULE.on_customer(Utterance.from_event(final("customer", "", 0.5)))  # the shared rule forgets the turn


@pytest.mark.parametrize(
    "customer",
    [
        "Thank you so much. I honestly thought I'd have to give the class up.",
        "I was really worried you'd cut the line off.",
        "Will I lose my place on the course?",
        "Are you going to charge me twice for it?",
        "Does that mean I have to start the forms again?",
        "I was convinced we'd be out of pocket.",
    ],
)
@pytest.mark.parametrize(
    "agent", ["Not a chance. Anything else I can do for you?", "No chance at all.", "Not a hope, love."]
)
def test_a_flat_no_answering_a_fear_is_reassurance(customer: str, agent: str) -> None:
    assert answer_family(customer, agent) is None


@pytest.mark.parametrize(
    ("customer", "agent"),
    [
        # a request refused, not a fear answered
        ("Could I get my money back on it?", "Not a chance, the sale was final."),
        ("Can you knock the fee off this once?", "Not a chance."),
        ("I thought you'd be able to swap it for me.", "No chance, I'm afraid."),
        # a fear, but the no goes on to refuse something
        ("I thought I'd lose the deposit.", "Not a chance we'd waive it, the deadline passed on Monday."),
        # no customer turn heard
        ("", "Not a chance."),
    ],
)
def test_a_flat_no_after_a_request_still_nudges(customer: str, agent: str) -> None:
    assert answer_family(customer, agent) == "cant_do"


def test_the_coach_hands_the_customer_turn_to_the_rule() -> None:
    """c713's shape through the whole language coach: quiet after the fear, a nudge after a request."""

    def said(customer: str) -> list[str]:
        coach = LanguageCoach(CONFIG)
        coach.push(final("customer", customer, 1.0))
        return [n.kind for n in coach.push(final("agent", "Not a chance. Anything else tonight?", 5.0))]

    assert "positive_language" not in said("Thanks. I really thought I'd have to give it up.")
    assert "positive_language" in said("Can I have the late fee taken off?")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # flat no's in idioms
        ("Sorry, a second free visit's not a runner this year.", "cant_do"),
        ("I'm afraid it's a big fat no on changing the colour.", "cant_do"),
        ("The seller's position is final, so the price stays.", "cant_do"),
        ("There's no movement on the fee, I'm afraid.", "cant_do"),
        ("Head office is completely immovable about it.", "cant_do"),
        ("Sadly, part refunds are just not a thing after the trip.", "cant_do"),
        ("That door's closed, I'm afraid, the offer ended.", "cant_do"),
        # blame told as a cause
        ("That's what happens when the fitting guide isn't followed.", "blame"),
        ("You've overloaded the washer, it says six kilos on the door.", "blame"),
        ("The mower was left out in the rain, that's why the blade's rusted.", "blame"),
        ("Someone in your house scrubbed it with wire wool and that scratched the glass.", "blame"),
        ("Your boys have been climbing on the gate, which is why the hinge went.", "blame"),
        # policy as the reason
        ("Shop policy is exchange only on sale items.", "policy"),
        ("We're bound by the agreement you signed, it's twelve months.", "policy"),
        ("The notice is two days, so the late fee applies.", "policy"),
        ("We hold our cancellation rules firmly, I'm sorry.", "policy"),
        ("Once a penalty is on the account it stays, I'm afraid.", "policy"),
        ("We don't wipe old marks off the record.", "grammar_refusal"),
        # the thirty-third part's (c766-c789): a job "is one we decline", an offer not on the cards any more, "there'll
        # be no swapping it before ..." (heard right), "full stop" heard "full top", the damage "come from your <thing>
        # <soaking> it", "down to how it was <loaded>", the fee "stays with" the firm
        ("A clock someone else has opened is one we turn away.", "cant_do"),
        ("The winter price isn't on the cards any more.", "cant_do"),
        ("There'll be no switching it before the year is up.", "cant_do"),
        ("No second visit, full top, sorry.", "cant_do"),
        ("That stain's come from your hanging baskets dripping on it.", "blame"),
        ("The warping is down to how it was stored.", "blame"),
        ("After the first week the fee stays with the club.", "policy"),
    ],
)
def test_l33_classes_nudge(text: str, expected: str) -> None:
    assert family(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # list AE's false alarms, as classes: what the agent cannot see for the customer's safety, blame taken off the
        # customer, no problem said without apostrophes
        "I'm not able to see your full card number, which keeps it safe.",
        "Blame the wind, not yourself, the fence was old.",
        "no thats fine its not an issue we can book it for monday",
        # look-alikes of the classes
        "She's not a runner, she's our goalkeeper.",
        "The door's closed so the dog can't get out.",
        "It's simply not a thing you need to fret about.",
        "There's no movement on your parcel yet, so I've chased the depot.",
        "If you've overloaded it, just take a few things out.",
        "The discounted rate applies, as you booked early.",
        "Once it's bolted down it stays put.",
        "The rule is you only pay for the first visit.",
        "Your deposit is kept safe in the scheme until you move out.",
        "It's a full top up of the tank, so you're set.",
        "Was that a firm no from the bank, or can we try again?",
        "There's no changing needed, it fits as it is.",
        "There'll be no cancelling it without asking you first.",
        "The deposit stays with you until the keys are back.",
        "Can you tell me how it was stored before I book the repair?",
    ],
)
def test_l33_look_alikes_stay_quiet(text: str) -> None:
    assert family(text) is None


def test_l33_list_holds_its_own_classes() -> None:
    """tuning_l33.toml through the one rule: every must-nudge line nudges, no look-alike does."""
    tables = tomllib.loads((DATA / "tuning_l33.toml").read_text("utf-8"))
    missed = [t for t in tables["positive_language"]["lines"] if family(t) is None]
    fired = [t for t in tables["quiet"]["lines"] if family(t) is not None]
    assert (missed, fired) == ([], [])
