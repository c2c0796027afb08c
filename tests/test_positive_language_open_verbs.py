"""A refusal in any verb (issue 9, session 37, L36): the agent's side, a negated ability or will, an open verb.

Each held-out part brought refusals in verbs no word class held ("can't swing a second slot", "we're not couriering
the oven"), and the recogniser often hears the verb as another word. ``RefusalGrammar._open_refusal`` reads the frame
instead of the verb: the agent's side as the subject ("I", "we", or left unsaid after an opener), a negation of
ability or will, any verb the grammar's classes do not read, and the start of what is refused. Its look-alikes stay
quiet: feeling and praise ("can't imagine", "couldn't agree more", "wouldn't change a thing"), a harm kept off the
customer after "won't" ("won't charge", "won't note it"), a passive, "you" as the object, a condition, a limit, and
the alternative said in the same sentence.

Round two (list AH's and c838-c861's classes, after round one was frozen): a request declined as "passed on", a thing
refused by a flat no, the customer sent to a third party, a rule stated as what it "is", dialect negations ("ain't",
"no fit") and dialect "you" ("ye've", "y'all") with "cos" in the cause shape; and two quiet classes heard on the part:
dismay before the agent's offer ("oh no, let me pull it up", c843) and the plan going on after a "can" heard "can't"
with "our <fitter> will ..." (c854). The lines of tests/data/language_wording/tuning_l36.toml are L36's own wording.
Text-level, one grammar built once: cheap."""

from __future__ import annotations

import pytest

from coach.language.patterns import word_tokens
from tests.test_language_wording import kinds_fired, wording_list
from tests.test_positive_language_shapes import GRAMMAR, assert_quiet_word_by_word, grammar

TUNING_L36 = wording_list("tuning_l36")


def open_refusal(line: str) -> str:
    """The open-verb refusal the grammar finds in ``line`` (one sentence), explained, or ""."""
    found = GRAMMAR._open_refusal(word_tokens(line))
    return found.explain() if found is not None else ""


@pytest.mark.parametrize(
    ("line", "verb"),
    [
        ("we can't swing a second slot this week", "swing"),
        ("nope can't squeeze another one in", "squeeze"),
        ("we're not couriering it to the island", "couriering"),
        ("i'm not able to bump the order up", "bump"),
        ("we will not be re-laying the patio", "laying"),
        ("honestly we couldn't magic up another van", "magic"),
    ],
)
def test_any_verb_after_a_negated_ability_or_will_is_read_as_a_refusal(line: str, verb: str) -> None:
    found = open_refusal(line)
    assert f'action "{verb}"' in found, (line, found)


@pytest.mark.parametrize(
    "line",
    [
        "i can't imagine how that felt",
        "we can't wait to see it",
        "i couldn't agree more",
        "we won't charge the card twice",
        "we're not closing the account",
        "we won't be beaten on price",
        "we won't leave you on your own",
        "if we can't source the part we'll refund it",
        "we won't be posting it today but i'll drop it round tomorrow",
        "we won't post it until the paint's dry",
        "the courier can't deliver it on sunday",
        "you can't park the van there",
    ],
)
def test_feeling_promise_passive_condition_limit_or_another_subject_is_no_open_refusal(line: str) -> None:
    assert open_refusal(line) == "", line


@pytest.mark.parametrize("line", TUNING_L36["positive_language"]["lines"])
def test_tuning_l36_must_nudge(line: str) -> None:
    assert "positive_language" in kinds_fired(line)


@pytest.mark.parametrize("line", TUNING_L36["quiet"]["lines"])
def test_tuning_l36_look_alikes_stay_quiet(line: str) -> None:
    assert kinds_fired(line) == set()


@pytest.mark.parametrize(
    "line",
    [
        "We're not couriering it, so I've booked our own van for Friday.",
        "We won't charge the card until the sofa's delivered.",
        "If we can't source the part, we'll refund it in full.",
    ],
)
def test_those_look_alikes_stay_quiet_word_by_word(line: str) -> None:
    """The committed words before the alternative, the limit or the verb arrive nudge nothing, nothing withdrawn."""
    assert_quiet_word_by_word(line)


@pytest.mark.parametrize(
    ("line", "part"),
    [
        ("i'm going to have to pass on that", 'declined "pass on that"'),
        ("we're gonna pass on resurfacing the drive", 'declined "pass on resurfacing"'),
        ("bumping you up the list is a hard pass from us", 'declined "a hard pass"'),
        ("negative on the refund", 'thing "refund"'),
        ("a discount on the floor model no way forget it", 'negation "no way"'),
        ("that's the council's business take it up with them", 'away "take it up with"'),
        ("so you'd have to go knock on their door", 'away "knock on their door"'),
        ("the rule here is no swaps once it's opened", 'reason "is"'),
        ("we ain't finna redo the grout", 'action "redo"'),
        ("the lid warped cos ye left it on the hob", 'cause "cos"'),
    ],
)
def test_round_two_shapes_are_read_from_their_parts(line: str, part: str) -> None:
    found = grammar(line)
    assert any(part in f for f in found), (line, found)


@pytest.mark.parametrize(
    "line",
    [
        "i'll pass that on to the manager",
        "i'll pass on your feedback to the team",
        "she got a pass in her driving test",
        "a refund no way you'll lose it",
        "the policy is no charge for a second visit",
        "just ring them on the number on the box",
        "i'll take it up with them this afternoon",
        "if it happens again we'll chase them for you",
        "oh no let me pull that up for you",
        "knock on the back door when you get there",
    ],
)
def test_round_two_look_alikes_are_no_refusal_or_blame(line: str) -> None:
    assert grammar(line) == [], line


@pytest.mark.parametrize(
    "line",
    [
        "Here's what I can do. I've a loan heater we lend out, and I can't have it at your house tomorrow by ten.",
        "I can't have the new panel with you tomorrow. by ten. And our fitter will take the old one away.",
        "What we'll do is this. We can't send an engineer out to you on Monday morning.",
    ],
)
def test_an_offer_announced_or_a_plan_going_on_reads_a_cant_as_the_can_it_was(line: str) -> None:
    """A "can" heard "can't" in the offer the agent just announced, or in a sentence whose plan goes on after a
    partial's full stops ("tomorrow. by ten. And our fitter will ..."): no nudge (c854's two false nudges)."""
    assert "positive_language" not in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        "Here's what I can do. I can't refund it, but I can put a voucher on the account.",
        "I can't refund the ticket, and the theatre won't either.",
    ],
)
def test_a_refusal_after_an_offer_frame_with_an_alternative_still_nudges(line: str) -> None:
    assert "positive_language" in kinds_fired(line)
