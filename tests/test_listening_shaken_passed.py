"""Two feelings told without a cue word, as a recogniser may hear them (issue 9; session 50, Q48, designed on c1150
and c1159 after their part was opened): shaken or rattled in the first person with no "up" ("I'm still shaken"), and
a death told as "passed in the" and one free word (the season heard as another word: "She passed in the pruning").
Look-alikes stay quiet: an exam or a place passed, someone else shaken, a thing shaken. Rule level, the feeling
head's readings injected low; wordings written for this test (milliseconds)."""

from __future__ import annotations

import pytest

from tests.test_quiet_call_classes import _ack

ACK = "acknowledge_feelings"
BUSINESS = "Okay. Do you have the serial number from the plate?"

SHAKEN = [
    "The ladder slipped while I was on it and I'm still shaken when I think about it.",
    "I was really rattled by the whole thing, the saw jumped straight at me.",
    "Honestly I'm a bit shook, it went off like a gunshot.",
    "I've been left properly shaken, the glass came down right beside the cot.",
    "We were badly shaken, the wheel came off on the motorway.",
    "I felt so shaken afterwards that I couldn't drive home.",
]
PASSED = [
    "It was my wife's clock. She passed in the pruning and it's the last thing of hers I wind.",
    "My dad sadly passed in the sprig, and this was his chair.",
    "He passed in the autumnal, and the bench was for his grave.",
    "Mum passed in the spring and I wanted it restored for her.",
]
QUIET = [
    "My son sat the theory test twice and he passed in the end, so we need the lessons now.",
    "She passed in the corridor without a word, so I assumed the order was done.",
    "He passed in the first round and now the team needs new shirts.",
    "Shake the bottle well. It has to be shaken before every use.",
    "She's shaken but fine, the reference is L L two nine.",
    "The tree was shaken by the wind and a branch fell on the fence.",
]


@pytest.mark.parametrize("customer", SHAKEN + PASSED)
def test_the_feeling_told_without_a_cue_word_asks_for_its_acknowledgement(customer):
    assert _ack(customer, BUSINESS) == [ACK]


@pytest.mark.parametrize("customer", QUIET)
def test_an_exam_a_place_or_a_thing_shaken_is_no_feeling(customer):
    assert _ack(customer, BUSINESS) == []


@pytest.mark.parametrize("customer", SHAKEN[:2] + PASSED[:2])
def test_an_acknowledgement_answers_it(customer):
    assert _ack(customer, "Oh, that must have been frightening, I'm so sorry. Let's get it sorted today.") == []
