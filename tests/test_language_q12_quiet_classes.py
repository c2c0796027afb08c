"""Session 17 (Q12), issue 9: classes behind false mirror / acknowledge / positive-language nudges on
must-stay-quiet calls, in wording written here (not the calls'): the feeling told it is nothing to be
ashamed of and the change named (acknowledgements), the busy place the customer rings from (not a
feeling), a clean record over years (not a complaint), ringing whoever holds the customer's thing (taking
the problem on), money the customer keeps not taken back (reassurance, not a refusal); and the
look-alikes that keep their nudge. Text level only (no audio, no model): milliseconds each."""

from __future__ import annotations

import pytest

from coach.language.config import load_language_config
from coach.language.listening import acknowledges
from coach.language.patterns import compile_patterns
from coach.language.text import first_match
from tests.test_language_wording import kinds_fired

CFG = load_language_config()
ACKS = compile_patterns(CFG.acknowledge_feelings.acknowledgements)
NOT_UPSET = compile_patterns(CFG.acknowledge_feelings.not_upset)
NOT_COMPLAINTS = compile_patterns(CFG.mirror_complaint.not_complaints)
TAKING_ON = compile_patterns(CFG.mirror_complaint.taking_on)


@pytest.mark.parametrize(
    "reply",
    [
        "Honestly, don't feel silly at all, lots of people find the hygienist daunting.",
        "There's no need to be ashamed, it happens to loads of our customers.",
        "You're definitely not the first person to ring us about this.",
        "That's a huge step for a little one, moving class in the middle of the year.",
        "What a big change for you both.",
    ],
)
def test_the_feeling_normalised_or_the_change_named_acknowledges(reply: str) -> None:
    assert acknowledges(reply, ACKS), reply


@pytest.mark.parametrize(
    "reply",
    [
        "Don't be late for the appointment on Friday.",
        "It happens on the first Monday of the month.",
        "That's a change of address done.",
    ],
)
def test_look_alikes_do_not_acknowledge(reply: str) -> None:
    assert not acknowledges(reply, ACKS), reply


def test_the_busy_place_rung_from_is_not_a_feeling() -> None:
    assert first_match("Sorry about the noise, it's manic out here at the station.", NOT_UPSET)
    assert first_match("It's so crazy in here today, bear with me.", NOT_UPSET)
    assert not first_match("It's crazy that you charged me twice.", NOT_UPSET)


def test_a_clean_record_over_years_is_not_a_complaint() -> None:
    assert first_match("I've had no accidents at all in the last six years.", NOT_COMPLAINTS)
    assert first_match("We have had no trouble with it in over ten years.", NOT_COMPLAINTS)
    assert not first_match("We've had no hot water since Tuesday.", NOT_COMPLAINTS)


def test_ringing_whoever_holds_the_customers_thing_takes_it_on() -> None:
    assert first_match("I'd like to ring the warehouse to find out where it is.", TAKING_ON)
    assert first_match("Let me just get hold of the engineer for you.", TAKING_ON)
    assert not first_match("I'd like to ring you back tomorrow.", TAKING_ON)


def test_money_the_customer_keeps_not_taken_back_is_reassurance() -> None:
    assert "positive_language" not in kinds_fired("And the allowance paid last week won't be clawed back.")
    assert "positive_language" not in kinds_fired("Don't worry, the refund won't be taken back from you.")
    assert "positive_language" in kinds_fired("I'm afraid we won't take the parcel back once it's opened.")
