"""What a happening did to the customer since is a feeling to acknowledge (issue 9, session 53 Q51, round one).

Told with no feeling word (``listening.toml`` ``[hardship]``): the scene comes back, said of the happening by a pronoun
("... I keep seeing it", as tuning c1198's customer ends her story); the customer cannot bring themselves near the
thing or the place ("I've not been able to pick the thing up since", "I couldn't face going back"); the body
reacted ("my heart was pounding", "I was physically sick", "I've had nightmares"). A reply naming the feeling answers
it. Not a fault seen again ("I keep seeing it on my statement"), a use the thing no longer allows ("I haven't been
able to use it since": the mirror's), an advert ("I keep seeing them advertised") or a good surprise. Every
line is our wording, none a call's; the feeling head is not consulted for these (text level: milliseconds each)."""

from __future__ import annotations

import pytest

from tests.test_quiet_call_classes import _ack

ACK = "acknowledge_feelings"
BARE = "Which size was it, the medium or the large?"
ACKNOWLEDGED = [
    "Oh, that sounds really frightening, I'm so sorry.",
    "How terrifying. No wonder you're shaken.",
    "That must have been an awful shock for you.",
]

WHAT_IT_DID = [
    "The ladder gave way under me. I keep seeing it.",
    "The dog went under the wheels, and I still keep picturing it.",
    "The shelf came down on the cot. I can't stop reliving it.",
    "It fell right next to her and I can't stop thinking about it.",
    "Every time I close my eyes I see the pan going up in flames.",
    "I've not been able to pick the thing up since.",
    "We haven't been able to go near the shed since it happened.",
    "I couldn't bring myself to open the box after that.",
    "I honestly can't face going back in that kitchen.",
    "When the wheel came off my heart was pounding.",
    "My hands are still shaking now.",
    "My legs went to jelly when I saw it.",
    "I was physically sick when I found it.",
    "I nearly jumped out of my skin when it went bang.",
    "I've had nightmares about it every night this week.",
]

NOT_WHAT_IT_DID = [
    "I keep seeing it on my statement, the same charge twice.",
    "I keep seeing it pop up on the screen when I log in.",
    "I haven't been able to use it since, it won't switch on.",
    "I keep seeing them advertised, are they any good?",
    "I keep seeing the price going down on your website.",
    "My heart is set on the blue one, to be honest.",
    "We keep picturing the new kitchen, it'll be lovely.",
]


@pytest.mark.parametrize("customer", WHAT_IT_DID)
def test_what_a_happening_did_to_them_asks_for_an_acknowledgement(customer):
    assert _ack(customer, BARE) == [ACK]


@pytest.mark.parametrize("reply", ACKNOWLEDGED)
@pytest.mark.parametrize("customer", WHAT_IT_DID[::4])
def test_a_reply_naming_the_feeling_answers_it(customer, reply):
    assert _ack(customer, reply) == []


@pytest.mark.parametrize("customer", NOT_WHAT_IT_DID)
def test_a_fault_seen_again_a_wish_or_a_plan_is_no_feeling_to_name(customer):
    assert _ack(customer, BARE) == []
