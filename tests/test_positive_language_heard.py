"""Refusal frames that survive the recogniser (issue 9, session 42, L41).

Of the positive-language moments the product missed on the tuning calls c886-c957, most were not heard as said: tiny.en
garbles the object of a refusal and keeps its frame. c939's "getting our repair man out to you before Saturday, that
dog don't hunt" was heard "..., that's not going to hunt, ma'am, being booked through Monday" (the dog lost, the idiom's
frame kept, and not at the end of the turn, where the grammar reads a bare "that's not going to <verb>"); c945's
"that's between yourself and the seamstress" is the deflection British agents say with "yourself". Each class is
checked through the whole coach on a final with word timings and probabilities (as `coach analyze` hears it), beside
the look-alikes it must leave quiet: a dog that does not hunt, the space between the customer and a heater, a call the
agent sets up between the customer and someone. Every line here in L41's own words except the heard c939 final, quoted
as the product's finals wrote it."""

from __future__ import annotations

import pytest

from tests.test_language_rules import final, kinds, run


def nudged(line: str) -> bool:
    """Whether one agent final of ``line`` (word p 0.9) raises a positive-language nudge through the whole coach."""
    return "positive_language" in kinds(run(final("agent", line, 1.0)))


@pytest.mark.parametrize(
    ("line", "want"),
    [
        # the product's final on c939 at 46.3 s (heard for "... before Saturday, that dog don't hunt")
        (
            "Getting out of a fair amount to do before Saturday, that's not going to hunt, ma 'am, "
            "being booked through Monday.",
            True,
        ),
        ("A refund on a hire that's been used all week, that won't hunt here, sorry.", True),
        ("Swapping it twice in one season, that ain't gonna hunt, friend.", True),
        ("That's not gonna hunt with the office, I'm afraid, they'll want the form.", True),
        ("Our old pointer won't hunt any more, he's happier on the sofa.", False),
        ("The pup's lovely, but it won't hunt, it's bred for shows.", False),
        ("This is not going to hunt rabbits, it's a lap dog.", False),
    ],
)
def test_the_hunt_idiom_is_read_with_its_dog_unheard(line: str, want: bool) -> None:
    assert nudged(line) is want, line


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("That's between yourself and the courier, I'm afraid.", True),
        ("Honestly, it's between yourself and the bank now.", True),
        ("The fitting is really between yourself and the installer.", True),
        ("Keep a good space between yourself and the heater while it warms up.", False),
        ("I'll set up a call between yourself and the surveyor for Tuesday.", False),
        ("Whatever you tell me stays between yourself and me.", False),
    ],
)
def test_a_matter_left_between_yourself_and_a_third_party_is_a_deflection(line: str, want: bool) -> None:
    assert nudged(line) is want, line
