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
