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

from tests.test_language_wording import kinds_fired
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
