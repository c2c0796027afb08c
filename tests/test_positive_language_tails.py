"""Blame put with a tag, a refusal shut by "..., period", and the grammar's smaller gaps (issue 9, session 40, L39).

Round one was designed from the standing misses of lists A-AJ and the tuning calls' script text (c01-c909), and frozen
before list AK or c910-c933 were read: a sentence closed by a tag that expects "yes" ("..., haven't you?") read as the
statement before it; the customer's doing and the "wrong" of it up to eight words apart; "no" + one word of kind + a
thing refused; "return" among the grammar's actions, "touch" and "collect" among its everyday verbs; a verb's negation
shut by a sentence-ending "period"; an -ing noun after an article and one word ("a second reading"). Each with the
look-alikes it must leave alone. Text level (one grammar built once) and, for the tuning list and the tags, through the
whole coach."""

from __future__ import annotations

import pytest

from tests.test_language_wording import kinds_fired, wording_list
from tests.test_positive_language_shapes import grammar


@pytest.mark.parametrize(
    ("line", "part"),
    [
        ("the deposit shall not be returned", 'action "returned"'),
        ("we don't return booking fees", 'action "return"'),
        ("the gunsmith won't touch a rifle from another shop", 'action "touch"'),
        ("the council won't be collecting it this week", 'action "collecting"'),
        ("no cash refunds on the wine club", 'thing "refunds"'),
        ("there are no partial refunds on the season ticket", 'thing "refunds"'),
        ("we won't put a plane up for your cabin run till spring period", 'tail "period"'),
        ("the ferry doesn't sail for one passenger period", 'tail "period"'),
        ("a second reading is not possible", 'state "possible"'),
        ("you've plugged the telescope motor into the wrong port", 'wrong "wrong"'),
    ],
)
def test_round_one_frames_find_their_part(line: str, part: str) -> None:
    found = grammar(line)
    assert any(part in f for f in found), (line, found)


@pytest.mark.parametrize(
    "line",
    [
        "i'll return your call this afternoon",
        "so the landlord won't return the deposit",
        "you don't need to return anything",
        "we won't touch your savings don't worry",
        "your no-claims discount won't be touched by a windscreen claim",
        "we won't be collecting it until monday",
        "we have no cash refunds pending on the account",
        "we don't charge anything during the trial period",
        "we don't charge anything in that period",
        "it won't affect your credit score period",
        "we'll never charge you for that period",
        "you ordered the red one and we sent the wrong colour",
        "shouting at me won't get the engineer out any faster",
    ],
)
def test_round_one_look_alikes_stay_quiet(line: str) -> None:
    assert not grammar(line), (line, grammar(line))


@pytest.mark.parametrize(
    ("text", "nudged"),
    [
        ("You've plugged the telescope motor into the wrong port, haven't you?", True),
        ("Your husband fitted the bracket the wrong way up, didn't he?", True),
        ("You haven't been charged twice, have you?", False),
        ("You've had a rotten week of it, haven't you?", False),
        ("You plugged it into the wrong port?", False),
        ("Your parcel won't be returned to us, it's yours to keep.", False),  # the exception "returned to us"
    ],
)
def test_through_the_whole_coach_a_tag_that_expects_yes_leaves_the_statement(text: str, nudged: bool) -> None:
    assert ("positive_language" in kinds_fired(text)) is nudged, text


TUNING_L39 = wording_list("tuning_l39")


@pytest.mark.parametrize("line", TUNING_L39["positive_language"]["lines"])
def test_the_tuning_l39_lines_nudge_through_the_whole_coach(line: str) -> None:
    assert "positive_language" in kinds_fired(line)


@pytest.mark.parametrize("line", TUNING_L39["quiet"]["lines"])
def test_the_tuning_l39_look_alikes_stay_quiet_through_the_whole_coach(line: str) -> None:
    assert not kinds_fired(line), line


# Round two (session 40, L39): list AK's misses and false flags by class, read after round one was frozen (6dab276), in
# sample from then on; every line here in L39's own words.


@pytest.mark.parametrize(
    ("line", "part"),
    [
        ("the hire deposit is forfeited if the bike comes back late", 'refused "is forfeited"'),
        ("the bond was withheld under clause four", 'refused "was withheld"'),
        ("the till has locked the refund and i've no override", 'power "override"'),
        ("we've got no authority on that one", 'power "authority"'),
        ("that's your guttering not our roof tiles", 'away "not our roof tiles"'),
        ("the fittings are their job not the installer's", 'away "not the installer\'s"'),
        ("so there's no getting that back i'm afraid", 'action "getting that back"'),
        ("the booking fee is not returnable", 'action "returnable"'),
    ],
)
def test_round_two_frames_find_their_part(line: str, part: str) -> None:
    found = grammar(line)
    assert any(part in f for f in found), (line, found)


@pytest.mark.parametrize(
    "line",
    [
        "nothing's forfeited you'll get the lot back",
        "if i had no override i'd tell you",
        "i've no doubt you're right",
        "it's your call not the shop's",
        "that's your money not the bank's",
        "we did that not the courier",
        "we have no refunds pending",
        "there's no charging you twice",
    ],
)
def test_round_two_look_alikes_stay_quiet(line: str) -> None:
    assert not grammar(line), (line, grammar(line))


@pytest.mark.parametrize(
    ("text", "nudged"),
    [
        ("I can't let you stand out in the cold, I'll send the driver to the door.", False),
        ("It's in the terms, but it's in your favour: illness cancellations are refunded.", False),
    ],
)
def test_round_two_through_the_whole_coach(text: str, nudged: bool) -> None:
    assert ("positive_language" in kinds_fired(text)) is nudged, text
