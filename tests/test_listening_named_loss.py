"""Listening (issue 9): a death told of someone by name, with no feeling word, is a feeling to acknowledge.

Session 39, Q37: c901's customer told "He's getting married on Saturday, Jack passed in the spring, and I wanted him
to wear them" and the agent answered "Okay. Let me find the job sheet."; the ``[loss]`` table's "passed" pattern asks
for a person word ("she", "my husband"), so the name opened no moment. ``listening._named_loss`` reads the pattern
with a capitalised word before "passed" (the recogniser writes names so) in the person's place, unless the word
names no one (``[loss] not_names``). Our own wordings, not the call's. The first two tests fail at the commit before
this change (checked); the controls pass at both.
"""

from __future__ import annotations

from coach.language.listening import _named_loss
from coach.language.patterns import compile_patterns
from tests.test_listening_classes import ACK, _reply

BUSINESS = "Okay, let me find the job sheet."
NONE = compile_patterns(())


def test_a_named_death_then_a_complaint_asks_for_an_acknowledgement() -> None:
    turn = "The frame was for my grandson's christening. Margaret passed a month ago and it was her last gift to him."
    assert ACK in _reply(turn, BUSINESS)


def test_named_death_read_with_its_own_words() -> None:
    m = _named_loss("We booked it for the twins, Arthur sadly passed last winter, and it came broken.", NONE)
    assert m is not None and m.said.lower() == "arthur sadly passed last winter"


def test_control_named_pass_of_a_test_is_no_death() -> None:
    assert _named_loss("Jack passed his driving test last week and the car broke down.", NONE) is None


def test_control_words_that_name_no_one() -> None:
    assert _named_loss("It passed last week, and now the brakes squeal.", NONE) is None
    assert _named_loss("Everything passed on Monday, then it stopped.", NONE) is None
    assert _named_loss("The van passed on Monday without stopping.", NONE) is None


def test_control_no_time_no_death() -> None:
    assert _named_loss("Margaret passed the parcel to her neighbour.", NONE) is None


def test_control_acknowledged_named_death_stays_quiet() -> None:
    turn = "The frame was for my grandson's christening. Margaret passed a month ago and it was her last gift to him."
    assert ACK not in _reply(turn, "Oh, I'm so sorry for your loss. Let me find the job sheet.")
