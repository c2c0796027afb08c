"""Refusal frames that survive the recogniser (issue 9, session 42, L41).

Of the positive-language moments the product missed on the tuning calls c886-c957, most were not heard as said: tiny.en
garbles the object of a refusal and keeps its frame. c939's "getting our repair man out to you before Saturday, that
dog don't hunt" was heard "..., that's not going to hunt, ma'am, being booked through Monday" (the dog lost, the idiom's
frame kept, and not at the end of the turn, where the grammar reads a bare "that's not going to <verb>"); c945's
"that's between yourself and the seamstress" is the deflection British agents say with "yourself". Each class is
checked through the whole coach on a final with word timings and probabilities (as `coach analyze` hears it), beside
the look-alikes it must leave quiet: a dog that does not hunt, the space between the customer and a heater, a call the
agent sets up between the customer and someone. Every line here in L41's own words except the heard finals of c939 and
c960, quoted as the product's finals wrote them."""

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


# Round two (session 42, L41): list AM's misses and c958-c981's as their scripts say them, by class, read after round
# one was frozen (results.md 02:08): in sample from then on. Every line here in L41's own words.


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("Yinz should've kept the receipt, that's on yinz, hon.", True),
        ("Wunna should have checked de date on de ticket.", True),
        ("Thou shouldst have read the terms, that is thy own lookout.", True),
        ("Yinz are all booked in for Tuesday, no charge.", False),
        ("Wunna get de full refund, don't worry.", False),
        ("Thou art most welcome, and thy parcel is already on its way.", False),
    ],
)
def test_the_second_person_of_dialect_and_archaic_registers_is_you(line: str, want: bool) -> None:
    assert nudged(line) is want, line


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("Honestly that one is not us, it's the courier, give them a ring.", True),
        ("Abeg, na your fault, you put the wrong postcode.", True),
        ("Sorry o, dat nah we business, the agency handles it.", True),
        ("A door hanging loose like that is really on whoever fitted it.", True),
        ("That's not exactly something we handle, you'd want the council.", True),
        ("It's not just something we handle, it's our speciality.", False),
        ("E no be your fault at all, madam, we go fix am.", False),
        ("That crackle is not us, it's the line, let me ring you back.", False),
        ("The first round is on whoever wins the raffle.", False),
    ],
)
def test_a_fault_set_down_as_someone_elses_is_a_deflection(line: str, want: bool) -> None:
    assert nudged(line) is want, line


@pytest.mark.parametrize(
    ("line", "want"),
    [
        # the product's final on c960 at 85.8 s (heard for "She'll be there. Is there anything else I can help you with
        # today?")
        ("She'll be mad. If nothing else, I can't help you with today.", False),
        ("Nothing I can't sort for you by Friday.", False),
        ("I can't help you with that today, the workshop's closed.", True),
    ],
)
def test_the_closing_offer_misheard_with_cant_is_no_refusal(line: str, want: bool) -> None:
    assert nudged(line) is want, line


@pytest.mark.parametrize(
    ("line", "want"),
    [
        # a match a filter excuses (the fault owned heard as "that's how it works"; a plan told after a "can't"; the
        # offer announced before one) says nothing of a later refusal in the same turn (session 46, L45: before, only
        # the turn's first match was judged, and the policy after it was lost)
        ("You're right, and I'm sorry, that's how it works. Rules are rules though, no refund on sale items.", True),
        (
            "You're right, and I'm sorry, the hinge was fitted crooked and that's how it works. I'll send someone out.",
            False,
        ),
        ("I can't have a lad out to you tomorrow morning to clear it, and he'll look at the wall.", False),
        (
            "Here's what I can do. I can't have it in your kitchen tomorrow by ten. That's not my problem after that.",
            True,
        ),
    ],
)
def test_a_match_excused_by_a_filter_hides_no_later_refusal(line: str, want: bool) -> None:
    assert nudged(line) is want, line
