"""Listening classes of the thirty-fourth part (c790-c813; issue 9), each tested with wordings written for this test
(not the calls' sentences), with controls that still nudge. Pure text: the heads' readings are injected, so only the
rules decide (a few seconds).

- a worry the agent's news has just settled ("That's reassuring, I was worried about ...", quiet c810): no feeling
  left to acknowledge; a worry with no relief before it, said now, or after a "but" still asks for one;
- crying told plainly in the past, of the customer or someone close ("she sat in the car and cried", c798): a feeling
  to acknowledge; tears of joy or laughter are not;
- a mismatch told as two things that should look alike and do not ("it looks like two different doors", c801): a
  complaint to mirror, with no cue word and a head that rates it low;
- empathy with the agent's own remedy, done or promised ("That must have been a shock. I've refunded the fee", quiet
  c429, c518, c787 on their scripts): the complaint heard and taken on; the remedy alone, or empathy then business,
  still misses it;
- a calm statement of the problem taken on by the agent's own next step asked about when or with whom ("Let me check
  when the technician is free", quiet c807), or the fault named as one of the easy ones to put right: answered.
"""

from __future__ import annotations

import pytest

from coach.language.complaint import Reading, Unit
from coach.language.config import load_language_config
from coach.language.listening import (
    LISTENING_TABLES,
    AcknowledgeFeelingsRule,
    MirrorComplaintRule,
    _settled_worry,
    load_tables,
)
from coach.language.patterns import compile_patterns
from coach.language.text import find_phrases
from tests.test_quiet_call_classes import _mirror_q28, _replied, _utt

ACK, MIRROR = "acknowledge_feelings", "mirror_complaint"
ANSWER = "Yes, the side gate works fine for that, and the crew will lay boards down."

# ---- a worry the agent's news has just settled (quiet c810) ----------------------------------------------------

SETTLED = [
    "That's a relief, I was a bit worried the scaffold had scratched the car. Can they move it to the drive?",
    "Good to know, we were anxious the roots had been damaged. Could the fence go on the left?",
    "Oh that's reassuring I was scared the ceiling had been soaked could they check the loft as well",
    "That's great, I'd been worried sick the deposit had gone astray. What time will they arrive?",
]
STILL_WORRIED = [
    "Honestly I was really worried, the scaffold has scratched the car.",
    "That's a relief, but I'm still worried the roots have been damaged.",
    "That's reassuring, but I was scared the ceiling had been soaked, honestly.",
    "Good morning. I was really anxious, the last crew left the gate open and the dog got out.",
]


def _second(customer: str, reply: str) -> list[str]:
    """The acknowledgement nudges standing after ``reply`` to the customer's second turn ``customer`` (the feeling
    head rates it 0.1) about work already under way: no new work asked for, so no worry about planned work."""
    c = load_language_config()
    mc = c.mirror_complaint
    rule = AcknowledgeFeelingsRule(c.acknowledge_feelings, mc.cues, mc.not_complaints, mc)
    rule.on_agent(_utt("agent", "Hello, Oakley Roofing, Sam speaking.", 0.0, "a1"))
    first = "Hi, it's about the roof repair your crew started on Monday at number nine."
    rule.on_customer(_utt("customer", first, 3.0, "c0"), [Unit(first, first, Reading(0.1, 0.1))])
    rule.on_agent(_utt("agent", "Yes, I've got it here, they're back on site this morning.", 8.0, "a1b"))
    rule.on_customer(_utt("customer", customer, 14.0, "c1"), [Unit(customer, customer, Reading(0.1, 0.1))])
    return _replied(rule, reply)


@pytest.mark.parametrize("customer", SETTLED)
def test_a_worry_settled_by_the_agents_news_asks_for_no_acknowledgement(customer):
    assert _second(customer, ANSWER) == []


@pytest.mark.parametrize("customer", STILL_WORRIED)
def test_a_worry_with_no_relief_before_it_said_now_or_after_a_but_is_still_acknowledged(customer):
    assert _second(customer, ANSWER) == [ACK]


def test_a_settled_worry_is_a_worry_word_in_the_past_after_the_relief():
    cues = compile_patterns(("(worried|nervous|upset)",))
    (m,) = find_phrases("That's a relief, I was nervous about it.", cues)
    assert _settled_worry("That's a relief, I was nervous about it.", m)
    (m,) = find_phrases("That's a relief, I'm nervous about it.", cues)
    assert not _settled_worry("That's a relief, I'm nervous about it.", m)  # said now: still a worry
    (m,) = find_phrases("That's a relief, I was upset about it.", cues)
    assert not _settled_worry("That's a relief, I was upset about it.", m)  # not a worry word: still a feeling


# ---- crying told plainly in the past (c798) ---------------------------------------------------------------------

CRYING = [
    "The frame came back with the glass cracked, and my mother sat in the car and cried.",
    "He opened the parcel at his party and just cried, it was meant to be his big present.",
    "My daughter cried at the school gate because the costume never came.",
]
JOY = [
    "The frame came back perfect, and my mother cried with happiness when she saw it.",
    "He opened the parcel at his party and we all cried laughing at the card.",
]


@pytest.mark.parametrize("customer", CRYING)
def test_someone_crying_told_plainly_asks_for_an_acknowledgement(customer):
    assert _second(customer, "What's the order number on the slip?") == [ACK]


@pytest.mark.parametrize("customer", JOY)
def test_tears_of_joy_or_laughter_are_no_hardship(customer):
    assert _second(customer, "What's the order number on the slip?") == []


# ---- a mismatch: two things that should look alike (c801) -------------------------------------------------------

MISMATCH = [
    "Hi, you fitted the two wardrobe doors on Monday and honestly they look like two different wardrobes side by side.",
    "Hello, the tiles for the hall came in two different shades, the back box is much greyer than the front.",
    "Hi, the new curtains you made don't match the sample I chose at all.",
]
ALIKE = [
    "Hi, could I order the wardrobe doors in two different colours, one for each of the kids' rooms?",
    "Hello, the tiles for the hall came yesterday and they match the sample perfectly, thank you.",
]


@pytest.mark.parametrize("customer", MISMATCH)
def test_a_mismatch_told_with_no_cue_word_asks_for_the_mirror(customer):
    assert _mirror_q28(customer, "Did you keep the boxes they came in?", complaint=0.1) == [MIRROR]


@pytest.mark.parametrize("customer", ALIKE)
def test_a_pair_asked_for_or_said_to_match_is_no_complaint(customer):
    assert _mirror_q28(customer, "Did you keep the boxes they came in?", complaint=0.1) == []


# ---- a calm statement taken on by the agent's next step (quiet c807) -----------------------------------------------

OPENING = "Hi, the glass in my back door cracked in the frost last night. Do you do same day repairs?"
TAKEN_ON = [
    "A cracked pane in the cold, right. Let me check when our glazier is free today, can you hold a minute?",
    "Oh dear. A crack like that is usually one of the easier jobs, I'll see who's nearest to you.",
    "Right, let me just check with the workshop whether we've got that size in.",
]
NOT_TAKEN_ON = [
    "What's the postcode, please?",
    "We only do repairs on Tuesdays and Thursdays, I'm afraid.",
]


def _opening(reply: str) -> list[str]:
    """The mirror nudges standing after ``reply`` to the calm first turn :data:`OPENING` (a cue: "cracked")."""
    c = load_language_config()
    rule = MirrorComplaintRule(c.mirror_complaint, c.acknowledge_feelings.acknowledgements)
    rule.on_agent(_utt("agent", "Hello, Dean's Glass, Kim speaking.", 0.0, "a1"))
    rule.on_customer(_utt("customer", OPENING, 3.0, "c1"), [])
    return _replied(rule, reply)


@pytest.mark.parametrize(("reply", "nudged"), [(r, []) for r in TAKEN_ON] + [(r, [MIRROR]) for r in NOT_TAKEN_ON])
def test_an_opening_taken_on_by_the_agents_next_step_is_answered_business_or_a_refusal_is_not(reply, nudged):
    assert _opening(reply) == nudged


def test_the_new_tables_load_from_listening_toml():
    tables = load_tables(LISTENING_TABLES)
    assert tables["settled_worry"]["relief"] and tables["taking_on"]["patterns"] and tables["hardship"]["not"]


# ---- empathy and the agent's own remedy (quiet c429, c518, c787 on their scripts) ----------------------------------

UPSET = "Your driver reversed into our gate yesterday and damaged the post. I'm absolutely furious."
FELT = "I'm absolutely furious."
REMEDIED = [
    "That must have been a real shock. I've booked a joiner to replace the post on Friday, at our cost.",
    "I completely understand why you're furious. We'll cover the repair, and I'll have someone round tomorrow.",
    "I'm so sorry, that's not on. I've refunded the call-out fee and I'm going to report it to the depot manager.",
]
NOT_REMEDIED = [
    "I've booked a joiner to replace the post on Friday.",  # a remedy with no acknowledgement
    "That must have been a real shock. What's the address, please?",  # empathy, then business
    "That must have been a real shock. I'll need you to send photos of the post first.",  # the customer's task
]


@pytest.mark.parametrize(("reply", "nudged"), [(r, []) for r in REMEDIED] + [(r, [MIRROR]) for r in NOT_REMEDIED])
def test_empathy_with_the_agents_own_remedy_answers_the_complaint_a_remedy_alone_does_not(reply, nudged):
    assert _mirror_q28(UPSET, reply, complaint=0.1, felt=FELT) == nudged
