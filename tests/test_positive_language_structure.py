"""Positive language (issue 9): refusals and blame read by their structure in plain words (session 53, L52).

A matter denied as the agent's remit ("none of my concern", with or without its copula: "that be no concern of ours",
"dat no our kine"), a power denied ("not within my power to"), the customer's choice thrown back ("nobody forced you
to", "nobody made you sign"), the fault called the customer's skill, a failure told as the customer's omission and
then "no wonder <the thing failed>" or "so it's down to <the thing omitted>", and a scope the agent keeps to before
sending the customer elsewhere. The look-alikes beside each stay quiet: a promise "within my power", "none of our
customers", reassurance that nothing was forced, "no wonder" of a feeling, a scope followed by the agent's own
transfer. Dialect spellings folded by :func:`coach.language.patterns.normalise` ("'tis", "dat", "doh", "mi", "yuh",
"wid"). Text level only: milliseconds a case."""

from __future__ import annotations

import pytest

from coach.language.patterns import normalise, word_tokens
from tests.test_language_wording import kinds_fired


@pytest.mark.parametrize(
    "text",
    [
        # the remit denied, any copula or none
        "That's none of my concern, you'll have to ask the landlord.",
        "Honestly that is no concern of ours.",
        "That one is not our lookout, I'm afraid.",
        "Well, that be none of our affair, friend.",
        "Dat no our kine, try the shop.",
        "The parking fine is nothing to do with my department.",
        # a power denied
        "It's not within my power to change the price.",
        "Refunds aren't in my gift, sorry.",
        "That's outside my authority to approve.",
        "'Tis not within our power to extend it, madam.",
        # the customer's choice thrown back
        "Nobody forced you to take the cheaper plan.",
        "We never pressured you into signing that contract.",
        "Nobody made you pick the non-refundable fare.",
        "I didn't make you click the upgrade button.",
        "Nobody twisted your arm, mate.",
        # the fault called the customer's skill
        "That's a skill issue, the app works fine.",
        "Sounds like a skills gap on your side, honestly.",
        # the customer's omission, then the thing's failure after "no wonder"
        "You never bled the radiators, no wonder they stopped heating.",
        "You left the window open all night, no wonder the frame warped.",
        "You overfilled it again, small wonder the lid won't shut.",
        # a failure told as an omission, then put down to the thing omitted
        "It only rusts like that if the coating wasn't dried first, so it's down to the prep.",
        "When the filter isn't changed the pump runs hot, so that's down to your maintenance.",
        # a scope kept to, then the customer sent elsewhere
        "I only deal with bookings, you'll need to ring the refunds line.",
        "We only handle the hardware, you'd have to contact the software maker.",
        # dialect spellings folded
        "Mi cyaan do dat for yuh, sorry.",
    ],
)
def test_refusal_or_blame_by_structure_fires(text: str) -> None:
    assert "positive_language" in kinds_fired(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'll do everything within my power to get it to you by Friday.",
        "It's well within my power to waive that, so I have.",
        "None of our customers have had that problem before, so let me look into it.",
        "None of my colleagues were told, which is our fault, and I've fixed it.",
        "Nobody forced you to do anything, you can cancel any time.",
        "Nobody made you wait on purpose, the system went down and I'm sorry.",
        "Nobody's forcing you to decide today, take your time.",
        "You've had a long week, no wonder you're worn out.",
        "No wonder they're excited, it's a lovely park.",
        "No wonder.",
        "You had it serviced every year, no wonder it's lasted so long.",
        "You've waited three weeks, no wonder you're fed up.",
        "That's a known issue and we're fixing it this week.",
        "I only need your postcode and then we're done.",
        "I only handle bookings, but I'll put you through to refunds myself.",
        "If the parcel isn't here by Friday, so it's down to us to replace it.",
        "Cool yuh head, mi cyaan help yuh if yuh a bawl so.",
    ],
)
def test_look_alikes_stay_clear_of_positive_language(text: str) -> None:
    assert "positive_language" not in kinds_fired(text)


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("'tis not in my gift", "it is not in my gift"),
        ("'twas never ours", "it was never ours"),
        ("dat no our kine", "that no our kine"),
        ("doh vex", "don't vex"),
        ("mi cyaan help yuh wid dat", "i can't help you with that"),
    ],
)
def test_dialect_spellings_are_folded(said: str, read: str) -> None:
    assert " ".join(normalise(word_tokens(said))[0]) == read


def test_doh_is_told_as_a_calm_down() -> None:
    assert "avoid_calm_down" in kinds_fired("Doh vex, it'll be sorted by tonight.")


# Round two (before FLIPPED; list AX read after it was floored, so in sample for AX): a fault named as a third party's
# with no adverb, the matter put down to the customer, someone's trait given as the cause, a fault passed on "by it, not
# by me"; and the look-alikes: a choice left to the customer, a colleague's slip ("his mistake") the agent's side puts
# right, a trait with the agent's own plan after it, "by card, not by cheque".
@pytest.mark.parametrize(
    "text",
    [
        "The bank processed it twice, that's their mistake.",
        "It was the courier's error, plain and simple.",
        "Honestly, that's down to you, the gate was locked.",
        "You didn't give us a key, so it was really down to yourself.",
        "Our fitter's not the brightest, so that's why it leaks.",
        "The night porter is forever losing keys, which is why it's missing.",
        "She's always getting it wrong, that's how your name got misspelt.",
        "Your order was cancelled by the system, not by me.",
        "It got deleted by them, not by us.",
    ],
)
def test_round_two_blame_by_structure_fires(text: str) -> None:
    assert "positive_language" in kinds_fired(text)


@pytest.mark.parametrize(
    "text",
    [
        "It's down to you which colour you go for.",
        "The final choice is all down to you.",
        "That's down to you to decide, there's no rush.",
        "It's down to you whether you keep it or send it back.",
        "Kev fitted it from the bottom, that's his mistake. He'll come back on Monday and refit it.",
        "He's always late on Mondays, so I've booked you in for Tuesday.",
        "You can pay by card, not by cheque, for this one.",
        "That was their doing, and a lovely job they made of it too.",
    ],
)
def test_round_two_look_alikes_stay_clear(text: str) -> None:
    assert "positive_language" not in kinds_fired(text)


# Round three (IN SAMPLE for c1222-c1245: designed after FLIPPED on c1223, c1230 and c1235, script text and as heard):
# a colleague's rushed work given as where a fault came from, the customer's people's misuse after "so it'll be your",
# the trouble put "on them" with a word that makes it a charge.
@pytest.mark.parametrize(
    "text",
    [
        "The new fitter's been rushing his jobs to squeeze more in, so that'll be where the leak came from.",
        "Our lad's been cutting corners on the sealing, so that's why it lets water in.",
        "Those hinges only snap when the door's slammed in the wind, so it'll be your kids slamming it too hard.",
        "So it'll be your lodger bleaching them on the hot cycle.",
        "So it'll most likely be your staff stacking them too high.",
        "The wholesaler sent a bad batch, so the faded prints are on them really.",
        "The delay is on them, not us.",
    ],
)
def test_round_three_blame_by_structure_fires(text: str) -> None:
    assert "positive_language" in kinds_fired(text)


@pytest.mark.parametrize(
    "text",
    [
        "He's been rushing around all day, so that's why he missed your call, I'm sorry.",
        "So it'll be your engineer coming out on Monday.",
        "So that's your bar staff covering the late shift, lovely.",
        "So it'll be your order coming a bit too early, I can move it.",
        "So the labels are on them already, you'll see them when it arrives.",
        "The lids are on them really tight, so use a knife.",
        # (lead, after helper R18's probe: a misuse needs how it was done after its object; no garbled shape)
        "Then it's your installer leaving it on overnight to cure, that's normal.",
        "So it's your own team pulling it out of the box, then?",
        "So it'll be your new card that gets there too quick for the old one to cancel.",
        "So it'll be your refund coming through too fast for the statement to show it.",
    ],
)
def test_round_three_look_alikes_stay_clear(text: str) -> None:
    assert "positive_language" not in kinds_fired(text)
