"""Positive language found by its shape, not by its idiom (issue 9, session 35, L34).

Blame told as a cause was the class the held-out parts missed most, each time in words no family held. The refusal
grammar now reads it from three parts in one sentence (``RefusalGrammar._cause``): an effect (a damage word), a cause
link ("down to", "from", "because", or a link back: ", that's why / that's what's / and that <cracked>", ", that's on
you") and a doing of the customer's side ("you've been <doing>", "your <dog> <doing>", a handling in the passive).
Its look-alikes stay quiet: the cause on our side or on nobody, "nothing you did", a condition, a good cause, a choice
"down to you, whichever", a passive whose doer is named, what was done to the customer.

And a flat no that greets a person's news ("No way, your daughter passed first time?") closes no door, also in the
committed words before the "?" arrives (list AF's committed-words replay). The lines of
tests/data/language_wording/tuning_l34.toml are L34's own wording. Text-level, one rule built once: cheap."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.language.patterns import word_tokens
from coach.language.refusal_grammar import RefusalGrammar
from coach.types import Withdrawal
from tests.test_language_wording import CONFIG, kinds_fired, word_by_word, wording_list
from tests.test_positive_language_classes import family

GRAMMAR = RefusalGrammar(
    CONFIG.positive_language.grammar, CONFIG.slots.get("mishandled", ()), CONFIG.slots.get("customer_side", ())
)


def causes(line: str) -> list[str]:
    """The cause findings of the grammar in ``line`` (one sentence), explained."""
    found = GRAMMAR._cause(word_tokens(line))
    return [found.explain()] if found is not None else []


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("the warping is down to the radiator you put beside it", ("warping", "down to", "you put")),
        ("that rust is from your sprinkler soaking the legs", ("rust", "from", "your sprinkler soaking")),
        ("the zip split because it was overfilled", ("split", "because", "was overfilled")),
        ("that'll be from the polish you've been rubbing in", ("that'll", "from", "you've been rubbing")),
        ("your kids have been climbing on it that's why the rail's bent", ("kids have been climbing", "bent")),
        ("you've been reversing into it that's done it", ("you've been reversing", "done it")),
        ("you've been pressure washing it that's on you", ("you've been pressure washing", "on you")),
    ],
)
def test_damage_put_down_to_the_customers_side_is_read_from_its_parts(line: str, parts: tuple[str, ...]) -> None:
    found = causes(line)
    assert found, line
    assert all(p in found[0] for p in parts), found


@pytest.mark.parametrize(
    "line",
    [
        "the warping is down to a bad batch of timber at our end",
        "nothing you did caused the split it's a known fault",
        "if you've been drying clothes on it that's why it's damp but we'll still fix it",
        "you've been so patient that's why i've taken the fee off",
        "you've been charged twice that's why the account's overdrawn",
        "it was dropped by the courier which is why it cracked",
        "bring it down to us whenever you're passing",
        "that's because you moved to the cheaper plan",
        "the leak is from the pipe our plumber fitted",
    ],
)
def test_a_cause_on_our_side_denied_supposed_or_good_is_no_blame(line: str) -> None:
    assert causes(line) == []


@pytest.mark.parametrize(
    "line",
    [
        "No way, your grandson got into the team?",
        "No way, you've finished the whole box set already?",
        "No way, he passed his theory test?",
    ],
)
def test_a_flat_no_greeting_a_persons_news_stays_quiet_word_by_word(line: str) -> None:
    """The committed words before the "?" nudge nothing, and nothing is withdrawn (list AF's committed-words class)."""
    assert_quiet_word_by_word(line)


def assert_quiet_word_by_word(line: str) -> None:
    """Fed word by word as committed partials then the final, ``line`` nudges no positive language and withdraws
    nothing."""
    coach = LanguageCoach(CONFIG)
    out = [x for event in word_by_word(line) for x in coach.push(event)]
    assert not [x for x in out if isinstance(x, Withdrawal)]
    assert "positive_language" not in {n.kind for n in out if not isinstance(n, Withdrawal)}


@pytest.mark.parametrize("line", ["No way, the discount ended on Friday.", "Absolutely not, that offer's expired."])
def test_a_flat_no_with_a_door_closed_still_nudges(line: str) -> None:
    assert family(line) is not None


def grammar(line: str) -> list[str]:
    """Every refusal and blame the grammar finds in ``line`` (one sentence), explained."""
    return [f.explain() for f in GRAMMAR.find(word_tokens(line))]


@pytest.mark.parametrize(
    ("line", "part"),
    [
        ("the club rules forbid bringing your own food", 'refusing "forbid"'),
        ("our terms strictly prohibit a transfer", 'refusing "prohibit"'),
        ("a job like that is one we decline", 'refusing "decline"'),
        ("we'd rule out a partial refund", 'refusing "rule"'),
        ("we'd never in a hundred years waive that", 'action "waive"'),
        ("we don't wave the admin fee", 'action "wave"'),
        ("tough luck the promotion ended yesterday", 'negation "tough luck"'),
        ("we won't be reissuing the pass without a payment first", 'action "reissuing"'),
    ],
)
def test_a_refusal_in_a_shape_no_family_holds(line: str, part: str) -> None:
    assert any(part in f for f in grammar(line)), grammar(line)


@pytest.mark.parametrize(
    "line",
    [
        "god forbid it happens again",
        "the bank declined the payment",
        "the law bars us from passing on your details",
        "if the rules forbid it we'll tell you",
        "we won't cancel anything without asking you",
        "we wave them off at the door",
    ],
)
def test_a_refusing_word_said_of_something_else_is_no_refusal(line: str) -> None:
    assert grammar(line) == []


TUNING = wording_list("tuning_l34")


@pytest.mark.parametrize("line", TUNING["positive_language"]["lines"])
def test_tuning_l34_must_nudge(line: str) -> None:
    assert "positive_language" in kinds_fired(line)


@pytest.mark.parametrize("line", TUNING["quiet"]["lines"])
def test_tuning_l34_look_alikes_stay_quiet(line: str) -> None:
    assert kinds_fired(line) == set()


# Session 36 (L35): shapes over open slots, designed from the older parts' misses before list AG was read: an agent's
# action as an -ing subject refused, "not an option", a state of answering refused, the customer's side leaving undone
# what it should have done or tampering, "nobody gets", "I'll have to say no", a verbless "no <changes>" after a rule.


@pytest.mark.parametrize(
    ("line", "part"),
    [
        ("rebooking the ferry is simply not an option", 'state "option"'),
        ("upgrading the seats isn't possible i'm afraid", 'state "possible"'),
        ("the removals firm isn't responsible once the boxes are signed for", 'state "responsible"'),
        ("we aren't liable for anything left in the pockets", 'state "liable"'),
        ("you never measured the alcove", 'omitted "never measured"'),
        ("your plumber didn't check the pressure", 'omitted "didn\'t check"'),
        ("you lot obviously never read the leaflet", 'omitted "never read"'),
        ("you forgot to renew the permit", 'omitted "forgot to renew"'),
        ("you never turned the water off", 'omitted "never turned"'),
        ("you never told us about the dog", 'omitted "never told"'),
        ("your son has been meddling with the thermostat", 'tampered "meddling"'),
        ("you've tampered with the fuse box", 'tampered "tampered"'),
        ("the kids have messed about with the router", 'tampered "messed"'),
        ("nobody gets a second free trial", 'given "a"'),
        ("i'm going to have to say no to the extra night", 'refusing "say no"'),
        ("the menu is fixed for groups no swaps", 'thing "swaps"'),
        ("tickets are final sale no refunds whatsoever", 'thing "refunds"'),
    ],
)
def test_a_shape_over_open_slots_is_read_from_its_parts(line: str, part: str) -> None:
    assert any(part in f for f in grammar(line)), grammar(line)


@pytest.mark.parametrize(
    "line",
    [
        "shouting at me won't get it here any faster",
        "getting angry isn't an option",
        "cancelling isn't your only option",
        "you're not responsible for that debt",
        "the courier isn't responsible we are",
        "you didn't do anything wrong",
        "you never need to register it",
        "i know you didn't read the small print",
        "you didn't cancel it we did",
        "if you didn't follow the leaflet we'll talk you through it",
        "so you never checked the balance",
        "you never told me your postcode",
        "you never turned up late once",
        "you haven't tampered with anything",
        "you can play about with the settings",
        "your son's been playing with the puppy",
        "nobody gets charged twice",
        "nobody gets a bill for this",
        "i can never say no to a biscuit",
        "we'll say no more about it",
        "the price is fixed no extra charges",
        "the booking is confirmed no changes needed",
    ],
)
def test_a_look_alike_of_those_shapes_is_no_refusal_or_blame(line: str) -> None:
    assert grammar(line) == []


@pytest.mark.parametrize(
    "line",
    [
        "You didn't cancel it, we did, and that's our mistake to put right.",
        "I know you didn't check the box, lots of people miss it, so I'll tick it for you.",
        "The courier isn't responsible for the delay, we are, and I'll refund the postage today.",
        "Nobody gets charged twice for the same delivery, I promise.",
    ],
)
def test_those_look_alikes_stay_quiet_word_by_word(line: str) -> None:
    """The committed words before the agent's side takes it on nudge nothing, and nothing is withdrawn."""
    assert_quiet_word_by_word(line)


@pytest.mark.parametrize(
    ("line", "part"),
    [
        ("you won't be getting a new hose out of us", 'denied "won\'t be getting"'),
        ("you're not getting your money back on that", 'denied "not getting"'),
        ("the answer on a refund is no", 'no "no"'),
        ("the verdict's no i'm afraid", 'no "no"'),
        ("our hire rules say opened kits can't come back", 'reason "say"'),
        ("the terms are clear that a missed lesson loses the fee", 'reason "clear"'),
        ("per the hire agreement a late key costs the full fee", 'rule "per"'),
        ("the fault's at your end", 'fault "fault\'s"'),
        ("the problem lies with your installer", 'fault "problem"'),
        ("you've fitted the seal upside down", 'wrong "wrong"'),
        ("had you bled the system first the pump would have coped", 'counterfactual "had you bled"'),
        ("you'll need to ring whoever fitted the kitchen", 'away "whoever"'),
        ("we're going to have to decline that claim", 'refusing "decline"'),
        ("i'll have to knock that back", 'refusing "knock"'),
        ("you've been running it dry and that's what cooked the motor", 'effect "cooked"'),
    ],
)
def test_round_two_shapes_are_read_from_their_parts(line: str, part: str) -> None:
    assert any(part in f for f in grammar(line)), grammar(line)


@pytest.mark.parametrize(
    "line",
    [
        "you won't be getting any more letters",
        "you won't be getting charged for it",
        "you won't have to go back",
        "the answer is no problem",
        "the terms say you're entitled to a refund",
        "per the contract we'll refund you",
        "if the fault's at your end we'll still come",
        "the fault isn't with your boiler",
        "we sent you the wrong size",
        "you've been given the wrong date",
        "had you heard of us before",
        "i'll speak to whoever is on the desk",
        "something that can't be replaced",
        "knock on the back door",
    ],
)
def test_round_two_look_alikes_are_no_refusal_or_blame(line: str) -> None:
    assert grammar(line) == []


TUNING_L35 = wording_list("tuning_l35")


@pytest.mark.parametrize("line", TUNING_L35["positive_language"]["lines"])
def test_tuning_l35_must_nudge(line: str) -> None:
    assert "positive_language" in kinds_fired(line)


@pytest.mark.parametrize("line", TUNING_L35["quiet"]["lines"])
def test_tuning_l35_look_alikes_stay_quiet(line: str) -> None:
    assert kinds_fired(line) == set()
