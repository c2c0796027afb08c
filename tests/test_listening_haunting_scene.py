"""A scene that will not leave the customer's mind asks for an acknowledgement (issue 9, session 49 Q47).

Told in the first person with no feeling word ("I keep seeing her going down that slope", heard "I keep seeing so
going down that slope": the person's word garbled), what comes back is someone falling or going under, what happened
or might have, the accident. It is a feeling to acknowledge (``listening.toml`` ``[hardship]``),
read whatever the feeling head says (rated 0.1 here). Its look-alikes name a thing seen or heard again (a fault: the
mirror's), a figure falling, or a happy thought, and stay quiet (lines the tables read as upset before this class,
such as a night without sleep or "I can't stop thinking about ...", are not this file's). Every line is our wording,
none a call's. Text level: milliseconds each."""

from __future__ import annotations

import pytest

from tests.test_quiet_call_classes import _ack

ACK = "acknowledge_feelings"
BARE = "Which size was it, the medium or the large?"
ACKNOWLEDGED = "Oh, that must have been so frightening for you both."

HAUNTED = [
    "She slid down the bank. I keep seeing her going down that slope.",
    "The ladder gave way under him. I keep seeing so going down that slope.",
    "I can't stop picturing him falling off that roof.",
    "The boat tipped over and I still keep seeing them go under.",
    "I kept imagining my boy lying there in the road.",
    "I keep thinking about what could have happened if she'd been on it.",
    "I can't stop thinking about what might have happened to the kids.",
    "We keep reliving the crash, every night.",
    "I keep wondering what would have happened if we'd been upstairs.",
    "Honestly I can't get the image out of my head.",
    "I just can't get his face out of my mind.",
    "It keeps going round in my head, the whole thing.",
]

NOT_HAUNTED = [
    "I keep seeing an error message on the screen.",
    "I keep hearing a clicking noise from the drum.",
    "I keep seeing the same charge on my statement.",
    "I keep picturing the new kitchen, I can't wait.",
    "The kids slept all night in the new tent.",
    "I keep seeing your van going past my house.",
    "I keep seeing the price going down on your website.",
    "I kept watching the pressure falling on the gauge.",
    "We keep picturing the kids opening it on Christmas morning.",
]


# round two (designed after c1126-c1149 were opened: c1128's "I was up half the night thinking about it", heard "I was a
# path the night thinking about it"): a night lost to the trouble, told in the past, up to three words garbled
NIGHT = [
    "I was a path the night thinking about it.",
    "I was up half the night thinking about it.",
    "We were awake most of the night worrying about him.",
    "I spent the whole night crying over it.",
    "I've been lying there the night fretting about what happened.",
]

NOT_NIGHT = [
    "I'll spend the night thinking about it and ring you back.",
    "I was up half the night thinking about which colour to choose.",
    "We spent the night at the hotel by the station.",
]


@pytest.mark.parametrize("customer", NIGHT)
def test_a_night_lost_to_the_trouble_asks_for_an_acknowledgement(customer):
    assert _ack(customer, BARE) == [ACK]


@pytest.mark.parametrize("customer", NOT_NIGHT)
def test_a_night_ahead_or_a_choice_weighed_is_no_feeling_to_name(customer):
    assert _ack(customer, BARE) == []


@pytest.mark.parametrize("customer", HAUNTED)
def test_a_scene_that_keeps_coming_back_asks_for_an_acknowledgement(customer):
    assert _ack(customer, BARE) == [ACK]


@pytest.mark.parametrize("customer", HAUNTED[:4])
def test_an_acknowledging_reply_answers_it(customer):
    assert _ack(customer, ACKNOWLEDGED) == []


@pytest.mark.parametrize("customer", NOT_HAUNTED)
def test_a_thing_seen_again_or_a_happy_thought_is_no_feeling_to_name(customer):
    assert _ack(customer, BARE) == []
