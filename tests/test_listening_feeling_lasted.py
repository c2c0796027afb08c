"""A feeling that lasted a stretch of time asks for an acknowledgement (issue 9, session 51 Q49).

Told in the first person with "felt" (or "been feeling") and up to four words before the stretch ("all weekend",
"the whole day"), the words of what was felt may be garbled ("I've felt sick about it all weekend" heard "I felt it
came out it all weekend", tuning c1138). It is a feeling to acknowledge (``listening.toml`` ``[hardship]``), read
whatever the feeling head says (rated 0.1 here). A good feeling that lasted ("I've felt great all week") and a stretch
spent doing something ("I've been reading it all day") stay quiet. So does a state not let up since, said with
the negation after the auxiliary ("I've not stopped crying since", tuning c1042's line). Every line is our wording,
none a call's. Text level: milliseconds each."""

from __future__ import annotations

import pytest

from tests.test_quiet_call_classes import _ack

ACK = "acknowledge_feelings"
BARE = "Which size was it, the medium or the large?"
ACKNOWLEDGED = "Oh, I'm so sorry, that must have been horrible for you."

LASTED = [
    "I felt it came out it all weekend.",
    "I've felt sick about it all weekend.",
    "Honestly, I've felt awful the whole day.",
    "We've felt so let down all week.",
    "I have felt terrible about it the whole week.",
    "I've been feeling rotten all morning over this.",
    "I felt like a fool all evening at the do.",
    "We just felt gutted all afternoon.",
    "I'd felt on edge all night waiting for the call.",
    "I felt dreadful all this week.",
]

NOT_LASTED = [
    "I've felt great all week since the new one came.",
    "I felt so much better all day after the visit.",
    "We've felt really relaxed all weekend with it.",
    "I've been reading it all day, it's a lovely book.",
    "We've been putting it up all week.",
    "I felt the fabric, it's the same all the way round.",
    "She felt the whole day went well.",
]


# the negation after the auxiliary ("I've not stopped crying since"), as [hardship]'s "haven't stopped * since"
NOT_STOPPED = [
    "I've not stopped crying since.",
    "We've not stopped worrying since the letter came.",
    "Honestly I've just not stopped shaking since Friday.",
    "I'd not stopped fretting since the phone call.",
]

NOT_NOT_STOPPED = [
    "I've not stopped laughing since you rang.",
    "We've not stopped talking about it since, the kids loved it.",
    "I've not stopped using it since, it's brilliant.",
]


@pytest.mark.parametrize("customer", NOT_STOPPED)
def test_a_state_not_let_up_said_with_ve_not_asks_for_an_acknowledgement(customer):
    assert _ack(customer, BARE) == [ACK]


@pytest.mark.parametrize("customer", NOT_NOT_STOPPED)
def test_a_laugh_or_a_pastime_not_let_up_is_no_feeling_to_name(customer):
    assert _ack(customer, BARE) == []


@pytest.mark.parametrize("customer", LASTED)
def test_a_feeling_that_lasted_asks_for_an_acknowledgement(customer):
    assert _ack(customer, BARE) == [ACK]


@pytest.mark.parametrize("customer", LASTED[:4])
def test_an_acknowledging_reply_answers_it(customer):
    assert _ack(customer, ACKNOWLEDGED) == []


@pytest.mark.parametrize("customer", NOT_LASTED)
def test_a_good_feeling_or_a_stretch_of_work_is_no_feeling_to_name(customer):
    assert _ack(customer, BARE) == []
