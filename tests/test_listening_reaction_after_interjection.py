"""An agent's reaction opened with an interjection (issue 9, session 56, Q54; designed on quiet c1291 as heard,
c1270-c1293 being tuning material then: in sample for it).

The listening rules take the agent's gladness, a congratulation, a question taken as one or a remark on the customer's
turn as the answer to a moment only the heads (or a cue heard unsure) found, when the reaction opens the reply: in its
first three words. An interjection before it ("Well, that's a smashing idea.", "Oh wow, what a lovely present") pushed
the reaction past that position, and quiet c1291's lively customer, whose garbled plans the feeling head read at 0.90,
was nudged for both. Now the leading interjections (``listening._REACTION_LEADS``) do not count; the guards stay (a
sure cue, a negation or a "but" in the customer's turn still needs its acknowledgement or mirror), and a reaction said
after business words, or interjections before plain business, answer nothing.

Every line is our wording; the rules are driven directly (milliseconds each)."""

from __future__ import annotations

import pytest

from tests.test_quiet_call_classes import _ack, _mirror_q28

ACK, MIRROR = "acknowledge_feelings", "mirror_complaint"
PLANS = [
    "My grandad turns eighty next month and he's been coming to your bingo every Thursday for thirty years.",
    "We're taking the whole choir to the coast in June and I'd like to book the big minibus.",
    "My daughter passed her driving test on Friday, so I'm buying her a first set of lessons on the motorway.",
]
REACTIONS = [  # each reaction starts on the fourth word or later (four of the six were nudged before)
    "Well, that's a smashing idea. The function room takes sixty people. Would a Saturday suit you?",
    "Oh, well, that's a lovely idea. We've got the big minibus free that weekend.",
    "Right, okay, what a lovely treat. I'll put the booking through now.",
    "Ooh, well, that's brilliant news. Which day would you like?",
    "Oh wow, well, congratulations! Which day would you like?",
    "Well, oh, well, good question. Yes, the price includes the driver.",
]


@pytest.mark.parametrize("customer", PLANS)
@pytest.mark.parametrize("reply", REACTIONS)
def test_a_reaction_after_interjections_answers_what_the_heads_read(customer, reply):
    assert _ack(customer, reply, feeling=0.9) == []
    assert _mirror_q28(customer, reply, complaint=0.8) == []


# look-alikes: interjections before business, a reaction said after business, and real complaints (a sure cue, a
# negation or a "but"), answered with an interjection and gladness; every one still nudged
NOT_REACTIONS = [
    "Well, okay, what's the order number?",
    "Oh, right, can I take your postcode first?",
    "Okay, well, let me check the diary for June.",
    "Yeah, right, the minibus is forty pounds a day.",
    "Well, let me check the booking, great to hear from you.",
    "Okay, can I take your name? Lovely idea.",
    "Right, so, the function room costs ninety pounds, smashing idea by the way.",
    "Oh, okay, the earliest we have is a Tuesday, good to hear it though.",
    "Ah, yes, so the driver starts at eight, congratulations.",
    "Well, um, the lessons are sold in blocks of five, what a lovely treat for her.",
]


@pytest.mark.parametrize("customer", PLANS)
@pytest.mark.parametrize("reply", NOT_REACTIONS)
def test_interjections_before_business_or_a_reaction_after_it_answer_nothing(customer, reply):
    assert _ack(customer, reply, feeling=0.9) == [ACK]
    assert _mirror_q28(customer, reply, complaint=0.8) == [MIRROR]


COMPLAINTS = [
    "The minibus you sent broke down on the motorway and we missed the whole concert.",
    "We booked the function room but nobody unlocked it and forty guests stood outside.",
    "Your caller never turned up and the bingo night was ruined.",
]


@pytest.mark.parametrize("customer", COMPLAINTS)
@pytest.mark.parametrize(
    "reply", ["Well, that's a smashing idea. Anything else?", "Oh wow, good to hear. Anything else?"]
)
def test_gladness_after_interjections_does_not_answer_a_sure_cue_a_negation_or_a_but(customer, reply):
    assert _mirror_q28(customer, reply, complaint=0.9) == [MIRROR]
