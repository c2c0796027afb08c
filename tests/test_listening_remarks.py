"""The agent remarking on what the customer told (issue 9; session 36): a word pointing back at the turn and a verb
of impression ("That sounds like a ...", "she sounds ...", "That doesn't sound ... at all"), or the account named a
common case ("That's a common one"), answers a listening moment the complaint or feeling head read into a calmly told
turn, as a shared gladness does. Wordings written for this test, not the calls' sentences, with controls that still
nudge: the same turn answered with business, a feeling or complaint a cue word names, a look-up's news ("it looks
like ...") and an impression that dismisses what was told. A remark answers such a feeling at a tense level too (a
lively voice reads tense), not at an escalated one. The event named as the distress it is ("what a horrible thing to
happen") answers the mirror. Pure text: the heads' readings are injected (seconds).
"""

from __future__ import annotations

import pytest

from coach.language.complaint import Reading, Unit
from coach.language.listening import _REMARKS, _REMARKS_NOT
from coach.language.text import first_match, sentences
from tests.test_listening_classes import ACK_Q32, _ack_q32, _ack_rule_q32, _replied
from tests.test_quiet_call_classes import _mirror_q28
from tests.wording_helpers import utterance

MIRROR = "mirror_complaint"

STORY = (
    "Hello, we've just taken on an old narrowboat and the engine hasn't been run for ten years. My uncle left it us."
)
CLEARING = (
    "Morning, my dad's retiring from the farm after forty years and we're clearing the old barn. There's a lot of his"
    " stuff in there."
)

REMARKS = [
    "That sounds like a wonderful thing to inherit. Old engines like that usually just need new seals and a service.",
    "Oh, that sounds like a lovely project, we see a few of those every spring.",
    "Ha, he sounds like he's earned a rest. We run clearances on weekdays from eight.",
    "Well, that doesn't sound daunting at all, it's a smashing idea. There are spaces on the ninth.",
    "That's a really common one with boats laid up for years. We'd start with the fuel and the seals.",
    "Marcus, that sounds great, we can certainly help with that.",
    "It sounds like it means a lot to the family, so we'll take good care of it.",
]

BUSINESS = [
    "What's the postcode where the boat is moored?",
    "Okay. Can I take a name for the booking?",
    "It looks like the next slot we have is the ninth. What's the postcode?",
    "They look fine from here, what's the postcode?",
]


@pytest.mark.parametrize("reply", REMARKS)
@pytest.mark.parametrize("customer", [STORY, CLEARING])
def test_a_remark_on_a_calm_story_answers_the_feeling_the_head_read(customer, reply):
    assert _ack_q32(customer, reply) == []


@pytest.mark.parametrize("reply", BUSINESS)
@pytest.mark.parametrize("customer", [STORY, CLEARING])
def test_the_same_story_answered_with_business_is_still_nudged(customer, reply):
    assert _ack_q32(customer, reply) == [ACK_Q32]


def test_a_feeling_a_cue_names_still_asks_for_its_acknowledgement():
    upset = "Hello, the boat you serviced broke down on the canal and I'm absolutely devastated."
    assert _ack_q32(upset, REMARKS[1]) == [ACK_Q32]


@pytest.mark.parametrize("reply", REMARKS[:5])
def test_a_remark_answers_the_complaint_the_head_read_into_a_first_turn(reply):
    assert _mirror_q28(STORY, reply, complaint=0.8) == []


def test_a_first_turn_answered_with_business_still_misses_the_mirror():
    assert _mirror_q28(STORY, BUSINESS[0], complaint=0.8) == [MIRROR]


def test_a_complaint_a_cue_names_still_asks_for_its_mirror():
    broken = "Hello, the narrowboat engine you serviced arrived back broken and leaking oil everywhere."
    assert _mirror_q28(broken, REMARKS[1], complaint=0.8) == [MIRROR]


@pytest.mark.parametrize(
    ("text", "remark"),
    [
        ("That sounds like a lot to deal with.", True),
        ("Oh, she sounds lovely.", True),
        ("They really look gorgeous in the photos.", True),
        ("That's a very typical problem with older sheds.", True),
        ("It looks like the courier left it at the door.", False),
        ("It seems the order went out on Monday.", False),
        ("Everything looks fine on the system.", False),
        ("It sounds normal to me.", False),
        ("Can I take the order number?", False),
        ("I've checked and the order sounds like it's on its way.", False),
    ],
)
def test_a_remark_is_a_word_pointing_back_and_a_verb_of_impression_at_the_reply_start(text, remark):
    m = first_match(text, _REMARKS, exceptions=_REMARKS_NOT, open_end=True)
    assert (m is not None and m.offset + m.start < 3) is remark


# ---- the event named as the distress it is (quiet c833) ----------------------------------------------------------

BROKEN_CAKE = "Hi, the cake you delivered for my daughter's christening arrived with the top tier caved in. I'm gutted."
FELT = "I'm gutted."

EVENT_NAMED = [
    "Oh no, what an awful thing to open on the morning of a christening, and after all the planning.",
    "That's such a rotten start to a family day, I can only imagine.",
    "Oh dear, that must have been a horrible shock when you lifted the lid.",
]


@pytest.mark.parametrize("reply", EVENT_NAMED)
def test_naming_what_happened_as_distressing_answers_the_mirror(reply):
    assert _mirror_q28(BROKEN_CAKE, reply, complaint=0.8, felt=FELT) == []


@pytest.mark.parametrize(
    "reply",
    ["Oh no. Can I take the order number?", "We deliver the cakes boxed and chilled, so that's unusual."],
)
def test_the_same_complaint_answered_with_business_still_misses_the_mirror(reply):
    assert _mirror_q28(BROKEN_CAKE, reply, complaint=0.8, felt=FELT) == [MIRROR]


def test_a_remark_on_the_customers_news_as_what_the_agent_likes_to_hear():
    assert _ack_q32(CLEARING, "That's exactly what we like to hear. We do barns most weeks.") == []
    assert _ack_q32(CLEARING, "We do barns most weeks. What's the postcode?") == [ACK_Q32]


def _ack_at(level: str, reply: str) -> list[str]:
    """The acknowledgement nudges standing after ``reply`` to the calm story ``CLEARING`` told while the escalation
    level is ``level`` (its last sentence rated a feeling at 0.75 by the head)."""
    rule = _ack_rule_q32()
    rule.set_level(level)
    parts = [p.text for p in sentences(CLEARING)]
    turn = [Unit(p, p, Reading(0.1, 0.75 if p == parts[-1] else 0.1)) for p in parts]
    rule.on_customer(utterance("customer", CLEARING, 3.0, "c1"), turn)
    return [n.kind for n in _replied(rule, reply, 20.0, "a2")]


def test_a_remark_answers_a_feeling_the_head_read_at_a_tense_level_a_lively_voice_may_give():
    assert _ack_at("tense", REMARKS[1]) == []
    assert _ack_at("tense", BUSINESS[0]) == [ACK_Q32]
    assert _ack_at("escalated", REMARKS[1]) == [ACK_Q32]
