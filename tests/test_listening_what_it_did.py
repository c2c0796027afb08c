"""What a happening did to the customer since is a feeling to acknowledge (issue 9, session 53 Q51, round one).

Told with no feeling word (``listening.toml`` ``[hardship]``): the scene comes back, said of the happening by a pronoun
("... I keep seeing it", as tuning c1198's customer ends her story); the customer cannot bring themselves near the
thing or the place ("I've not been able to pick the thing up since", "I couldn't face going back"); the body
reacted ("my heart was pounding", "I was physically sick", "I've had nightmares"). A reply naming the feeling answers
it. Not a fault seen again ("I keep seeing it on my statement"), a use the thing no longer allows ("I haven't been
able to use it since": the mirror's), an advert ("I keep seeing them advertised") or a good surprise. Every
line is our wording, none a call's; the feeling head is not consulted for these (text level: milliseconds each).

Round two (our wording, before c1222-c1245 were opened): the state it left them in ("I was in a right state"), not
knowing where to turn, a day it spoilt, the body or mind caught short ("I went cold", "my stomach dropped", "I just
froze", "I had to sit down after", "it knocked me for six"), life narrowed since ("I've barely left the house since",
"the dog hasn't been the same since"); not the same words of things, food, plans or errands ("I froze the
leftovers", "the car hasn't been the same since the service", "I went cold water swimming")."""

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


STATE_AND_BODY = [
    "The box arrived smashed and I was in a right state.",
    "I've been going out of my mind waiting for news.",
    "Honestly I didn't know where to turn when it flooded.",
    "We just didn't know what to do when the alarm went off.",
    "The whole weekend was ruined by it.",
    "I went cold when I saw the hole in the ceiling.",
    "My stomach dropped when I opened the lid.",
    "I just froze when it started sparking.",
    "We panicked when the water came through.",
    "I could barely speak when I saw the state of it.",
    "I had to sit down for ten minutes after.",
    "It took me a good hour to calm down.",
    "It knocked me for six, to be honest.",
    "It really shook me up.",
    "It's really knocked my confidence.",
    "I've barely left the house since.",
    "My daughter won't go near the pond now.",
    "The dog hasn't been the same since.",
    "I jump every time the doorbell goes now.",
    "I daren't tell my husband.",
    "I can't get the smell of it out of my head.",
]

NOT_STATE_AND_BODY = [
    "I don't know what to do with the old one, can you take it?",
    "I didn't know what to order, so I went for the medium.",
    "The screen went white and then it turned off.",
    "The room is in a right state after the builders, can you send the cleaners?",
    "The car hasn't been the same since the service.",
    "The plug won't go in the socket now.",
    "I froze the leftovers like you said.",
    "I had to sit down with the manual for an hour.",
    "It took me an hour to get there.",
    "I could hardly believe the price, it's so cheap.",
    "The wind knocked the fence sideways.",
    "The whole day was brilliant, thanks.",
    "I jump every time I get a chance to come.",
    "I went cold water swimming on Sunday.",
    "We had to sit down and work out the budget.",
    # an errand the customer could not do, a service complaint (the mirror's; the lead after helper R18's probe)
    "I haven't been able to pick up my parcel since Tuesday.",
    "I've not been able to pick up the prescription, the pharmacy says it's not there.",
    "We haven't been able to touch the money since the account was frozen.",
    "I haven't been able to look at my account since the update.",
    "I haven't been able to go back to the app since it logged me out.",
    "We couldn't even talk to a real person, just the bot.",
]


@pytest.mark.parametrize("customer", STATE_AND_BODY)
def test_the_state_a_happening_left_them_in_asks_for_an_acknowledgement(customer):
    assert _ack(customer, BARE) == [ACK]


@pytest.mark.parametrize("reply", ACKNOWLEDGED)
@pytest.mark.parametrize("customer", STATE_AND_BODY[::5])
def test_a_reply_naming_the_feeling_answers_the_state(customer, reply):
    assert _ack(customer, reply) == []


@pytest.mark.parametrize("customer", NOT_STATE_AND_BODY)
def test_the_same_words_of_things_food_or_errands_are_no_feeling_to_name(customer):
    assert _ack(customer, BARE) == []
