"""Refusals, deflections and blame read from a frame with an open slot (issue 9, session 38, L37).

Each held-out part brought refusals in words no list held, and most unseen misses were not heard word for word. The
shapes here read the frame and leave the words open: a closed door ("that / it" + a negation + ANY verb that ends
the sentence: "that's not happening", "that dog won't hunt"), the matter put outside the agent's part ("not my / our"
+ a remit: "not my stall", "that isn't our remit"), a cleft that puts a doing on the customer's side ("it's your own
lad that snapped it"), a fault denied as the product's ("that's hardly a factory fault") and a rule said to be itself
("regulations are regulations"). Round one was designed from lists AA-AH only and frozen before list AI's misses were
read. Each shape's look-alikes stay quiet: what a thing does or a harm kept off ("that won't hurt", "it won't take
long", "that won't happen again"), a promise or conjunction before the "that", a purpose or offer after a remit ("not
my job to judge", "not our area, but I'll put you through"), receiving or telling in a cleft ("it was your son who
rang us"), the customer's fault denied ("not your fault"). Text level, one grammar built once: cheap."""

from __future__ import annotations

import pytest

from tests.test_language_wording import kinds_fired, wording_list
from tests.test_positive_language_shapes import grammar


@pytest.mark.parametrize(
    ("line", "part"),
    [
        ("that dog won't hunt", 'action "hunt"'),
        ("that idea won't fly", 'action "fly"'),
        ("well that ain't gonna wash mate", 'action "wash"'),
        ("sorry, that's just not happening", "happening"),
        ("it isn't going to materialise i'm afraid", 'action "materialise"'),
        ("nope, that's not gonna fly, mate", 'action "fly"'),
    ],
)
def test_a_closed_door_is_read_over_any_verb(line: str, part: str) -> None:
    assert any(part in f for f in grammar(line)), (line, grammar(line))


@pytest.mark.parametrize(
    ("line", "part"),
    [
        ("not my stall, mate", 'away "my stall"'),
        ("that isn't our remit", 'away "our remit"'),
        ("sorry, not my department", 'away "my department"'),
        ("that ain't our problem", 'away "our problem"'),
        ("that's nothing to do with us", 'away "to do with us"'),
    ],
)
def test_the_matter_put_outside_the_agents_part_is_a_deflection(line: str, part: str) -> None:
    assert any(part in f for f in grammar(line)), (line, grammar(line))


@pytest.mark.parametrize(
    ("line", "action"),
    [
        ("it's your own lad that snapped the hurley", "snapped"),
        ("it was you who left the side gate open", "left"),
        ("it's your dog that's chewed the cable", "chewed"),
        ("it must have been your kids who jammed the lock", "jammed"),
    ],
)
def test_a_cleft_that_puts_a_doing_on_the_customers_side_is_blame(line: str, action: str) -> None:
    assert any(f.startswith("blame") and f'action "{action}"' in f for f in grammar(line)), (line, grammar(line))


@pytest.mark.parametrize(
    "line",
    [
        "that's hardly a factory fault",
        "this isn't a manufacturing defect",
        "it's not a warranty fault",
        "regulations are regulations",
        "a deal's a deal",
        "rules is rules",
    ],
)
def test_a_fault_denied_as_the_products_or_a_rule_said_to_be_itself_refuses(line: str) -> None:
    assert grammar(line), line


@pytest.mark.parametrize(
    "line",
    [
        "don't worry, that won't hurt",
        "it won't take long at all",
        "that won't happen again",
        "so that it won't leak again",
        "that won't change your bill",
        "it isn't going to rain",
        "it won't be long now",
        "that won't be a problem at all",
        "honestly that's not going to matter",
        "the heating's not on at the moment",
        "it's not my job to judge",
        "not our area, but i'll put you through to billing",
        "no, my department sorted it last week",
        "that's not my favourite either",
        "it was your son who rang us this morning",
        "it's you that we need to thank",
        "it's your neighbour who spotted the fire",
        "it's not your fault at all",
        "that's not a fault, they all hum a bit",
        "rules aren't rules to him",
        "if that won't fly, we'll try the other way",
    ],
)
def test_the_look_alikes_of_the_open_slots_stay_quiet(line: str) -> None:
    assert not grammar(line), (line, grammar(line))


@pytest.mark.parametrize(
    "line",
    [
        "Sorry, that idea won't fly.",
        "That's not my department, I'm afraid.",
        "It was you who left the side gate open.",
        "Honestly, that's hardly a factory fault.",
    ],
)
def test_through_the_whole_coach_the_open_slots_nudge(line: str) -> None:
    assert "positive_language" in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        "Don't worry, that won't hurt a bit.",
        "It's your neighbour who spotted the smoke, thank goodness.",
        "It was your son who rang us this morning, he was lovely.",
        "That won't happen again, I promise.",
    ],
)
def test_through_the_whole_coach_the_look_alikes_stay_quiet(line: str) -> None:
    assert "positive_language" not in kinds_fired(line)


# Round two (session 38, L37): list AI's and c862-c885's classes, read after round one was frozen, as frames with open
# slots. The lines of tests/data/language_wording/tuning_l37.toml are L37's own wording.

TUNING_L37 = wording_list("tuning_l37")


@pytest.mark.parametrize(
    ("line", "part"),
    [
        ("that isn't something we'll countenance", 'action "countenance"'),
        ("that's a solid no from the warehouse", 'declined "a solid no"'),
        ("it's a big fat nope on the swap", 'declined "a big fat nope"'),
        ("the area manager says nein to the voucher", 'refusing "says nein"'),
        ("the answer on the upgrade is nay", 'no "nay"'),
        ("a partial refund has been vetoed", 'refused "been vetoed"'),
        ("the swap was knocked back by the buyer", 'refused "was knocked back"'),
        ("there's a ban on exchanges during the sale", 'refusing "ban on"'),
        ("a free reprint is a non starter", 'closed "non starter"'),
        ("a courtesy car isn't on the cards", 'closed "on the cards"'),
        ("zero exchanges on clearance stock", 'thing "exchanges"'),
        ("don't hold your breath for a voucher", "hold your breath"),
        ("we'll be passing on that offer of a trade in", 'declined "pass on that"'),
        ("park rules, no bikes on the lake path", 'no "bikes"'),
    ],
)
def test_round_two_refusals_are_read_from_their_frames(line: str, part: str) -> None:
    assert any(part in f for f in grammar(line)), (line, grammar(line))


@pytest.mark.parametrize(
    ("line", "part"),
    [
        ("you've done this to yourself by leaving the tap on", 'customer "yourself"'),
        ("the flooded cellar is your own doing", 'fault "doing"'),
        ("so no cracked slates, you're own knowing i'm afraid", 'fault "knowing"'),
        ("you tipped the whole tin in yourself", 'action "tipped"'),
    ],
)
def test_a_cause_put_back_with_a_reflexive_is_blame(line: str, part: str) -> None:
    assert any(f.startswith("blame") and part in f for f in grammar(line)), (line, grammar(line))


@pytest.mark.parametrize(
    "line",
    [
        "it isn't something we'd ever charge you for",
        "that is not something we control",
        "a no from you is completely fine",
        "if the bank says no i'll ring you back",
        "you can always say no to the upgrade",
        "i haven't said no",
        "a leak has been ruled out",
        "your card was declined",
        "it was declined because the notes mention an old injury",
        "the phrase is banned on our floor",
        "there's a ban on smoking in the marquee",
        "zero charges and zero interest",
        "don't hold your breath in just breathe normally",
        "don't hold your breath for more than ten seconds",
        "the call out fee is off the table",
        "it's not on the menu yet but it will be in may",
        "you fitted the shelf yourself and it looks great",
        "that's your own choice whichever suits you",
        "master i jump don't i'll send someone thursday",
        "and yesterday six doesn't will come off your bill",
        "i'll be passing on that request to head office",
        "our policy no charge for a second visit",
    ],
)
def test_round_two_look_alikes_stay_quiet(line: str) -> None:
    assert not grammar(line), (line, grammar(line))


@pytest.mark.parametrize("line", TUNING_L37["positive_language"]["lines"])
def test_tuning_l37_must_nudge(line: str) -> None:
    assert "positive_language" in kinds_fired(line)


@pytest.mark.parametrize("line", TUNING_L37["quiet"]["lines"])
def test_tuning_l37_look_alikes_stay_quiet(line: str) -> None:
    assert not kinds_fired(line)
