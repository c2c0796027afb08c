"""Session 32 (Q30): listening nudges on the thirtieth part's calls, as classes, with wordings written for this test
(not the calls' sentences) and look-alikes that must still be nudged. The rules are driven directly, the agent's
reply word by word (its committed words) and then as its final, with the heads' readings injected (no model, no
audio, no clock: cheap and deterministic).

- A present or a surprise being planned for someone ("so I thought I'd spoil her with a weekend on the canal") is
  fondness, not a feeling to acknowledge (quiet c712's gift story, rated a feeling at the opening bar); and the agent
  praising the present ("What a lovely present", heard "the lovely present") shares the customer's pleasure, as
  "great to hear" does. A present that went wrong ("... but it came broken") is still a feeling to name.
- Made in the wrong size, told as how far out it is ("two sizes too small", "a full size short"), is a complaint to
  mirror (c708's angry opener, the complaint head under its threshold, no cue word). Not a size asked for.
- While the call's first complaint's mirror stands nudged and unanswered, the customer telling the same complaint
  again (the words of the first turn: answering back a deflection, c705) or a later complaint with a feeling (which the
  acknowledgement answers, c702) opens no second mirror moment. A different complaint told calmly still does, and so
  does the same one once the first was mirrored.
- From the thirty-first part (c718-c741, flipped this session): fondness for someone's passion ("she's absolutely
  obsessed with owls", quiet c741) and the reason for new work the customer asks for ("I'd like to turn the loft into a
  bedroom. The stairs take up half the landing.", quiet c738) are no feeling the head may name; a complaint cue the
  customer fears may happen ("worried about leaks") or asks about ("will it all get soaked?") is no fault to mirror,
  and a worry about what may happen lowers no bar for the turn's other pieces; "That's a real worry." acknowledges
  (quiet c739)."""

from __future__ import annotations

import pytest

from coach.language.complaint import Reading, Unit
from coach.language.config import load_language_config
from coach.language.listening import AcknowledgeFeelingsRule, MirrorComplaintRule
from coach.language.text import sentences
from coach.language.utterance import Utterance
from coach.types import Nudge, Withdrawal
from tests.test_language_rules import final

GREETING = "Hello, Riverside Workshops, Tom speaking."
ACK = "acknowledge_feelings"
MIRROR = "mirror_complaint"


def _utt(speaker: str, text: str, t: float, utt: str, *, done: bool = True) -> Utterance:
    u = Utterance.from_event(final(speaker, text, t, utt=utt))
    return u if done else Utterance(u.speaker, u.text, u.start, u.end, u.at, u.utt, u.words, final=False)


def _replied(rule: AcknowledgeFeelingsRule | MirrorComplaintRule, reply: str, t: float, utt: str) -> list[Nudge]:
    """The nudges ``rule`` gives on the agent's ``reply`` (word by word, then its final) and does not take back."""
    out: list[Nudge | Withdrawal] = []
    words = reply.split()
    for k in range(1, len(words) + 1):
        out += rule.on_agent_words(_utt("agent", " ".join(words[:k]), t, utt, done=False))
    out += rule.on_agent(_utt("agent", reply, t, utt))
    taken = {w.moment for w in out if isinstance(w, Withdrawal)}
    return [n for n in out if isinstance(n, Nudge) and n.moment not in taken]


def _ack(customer: str, reply: str, *, feeling: float = 0.7, complaint: float = 0.1, last: bool = False) -> list[str]:
    """The acknowledgement nudges standing after the agent's ``reply`` to the customer's calm first turn
    ``customer``, whose sentence the heads rate ``feeling`` and ``complaint`` (``last``: only its last sentence, the
    others rated 0.1 for both)."""
    c = load_language_config()
    mc = c.mirror_complaint
    rule = AcknowledgeFeelingsRule(c.acknowledge_feelings, mc.cues, mc.not_complaints, mc)
    rule.on_agent(_utt("agent", GREETING, 0.0, "a1"))
    parts = [p.text for p in sentences(customer)] if last else [customer]
    turn = [Unit(p, p, Reading(0.1, 0.1) if p != parts[-1] else Reading(complaint, feeling)) for p in parts]
    rule.on_customer(_utt("customer", customer, 3.0, "c1"), turn)
    return [n.kind for n in _replied(rule, reply, 20.0, "a2")]


# ---- a present being planned: fondness, no feeling to name (c712) -------------------------------------------------

PLANNING = [
    "Hi, my wife's mad about pottery, she's on the wheel every weekend, so I want to treat her to one of your courses.",
    "Hello, my dad retires in June and he's talked about sailing for years, so we'd like to surprise him with lessons.",
    "Morning, it's my sister's thirtieth and I'm after a birthday present, she's been obsessed with bees since school.",
    "Hiya, my best friend has been through a lot this year, I'd love to spoil my best friend with a spa day for two.",
]
BUSINESS_REPLY = "The course runs on Saturdays from ten till four and the clay is included."
STILL_A_FEELING = [
    "Hi, I bought the course as a birthday present for my wife but the voucher never came and now I feel awful.",
    "Hello, we wanted to surprise him with lessons, but your website took the money twice and I'm really upset.",
]


@pytest.mark.parametrize("customer", PLANNING)
def test_a_present_being_planned_is_no_feeling_to_acknowledge(customer):
    assert _ack(customer, BUSINESS_REPLY) == []


@pytest.mark.parametrize("customer", STILL_A_FEELING)
def test_a_present_gone_wrong_is_still_a_feeling(customer):
    assert _ack(customer, BUSINESS_REPLY, complaint=0.8) == [ACK]


FOND = "Hi, my partner's been on about making his own cheese for months, he watches videos of it every night."
PRAISING = [
    "What a lovely present. The cheese day runs on the first Saturday of the month.",
    "Oh, what a thoughtful gift. The cheese day runs on the first Saturday of the month.",
    "The lovely present. The cheese day runs on the first Saturday of the month.",  # "What a" heard "The"
    "Such a great idea. The cheese day runs on the first Saturday of the month.",
]


@pytest.mark.parametrize("reply", PRAISING)
def test_praise_of_the_present_answers_a_feeling_the_head_read_into_a_fond_story(reply):
    assert _ack(FOND, reply) == []


def test_a_business_reply_to_the_same_story_is_still_nudged():
    """The control: the head's reading stands when the reply shares nothing of the customer's pleasure."""
    assert _ack(FOND, "The cheese day runs on the first Saturday of the month, it's ninety pounds.") == [ACK]


def test_praise_of_a_present_does_not_answer_a_feeling_told_in_words():
    upset = "Hi, I'm so worried, the clock I sent you for repair was my grandad's and it's gone missing."
    assert _ack(upset, "What a lovely present. What's the job number?") == [ACK]


# ---- made in the wrong size (c708) -------------------------------------------------------------------------------


def _first(customer: str, reply: str, *, complaint: float = 0.6) -> list[str]:
    """The mirror nudges standing after the agent's ``reply`` to the customer's first turn ``customer``, its
    sentence rated ``complaint`` by the head (under the head's threshold by default)."""
    c = load_language_config()
    rule = MirrorComplaintRule(c.mirror_complaint, c.acknowledge_feelings.acknowledgements)
    rule.on_agent(_utt("agent", GREETING, 0.0, "a1"))
    rule.on_customer(_utt("customer", customer, 3.0, "c1"), [Unit(customer, customer, Reading(complaint, 0.1))])
    return [n.kind for n in _replied(rule, reply, 20.0, "a2")]


SIZES = [
    "Morning, the riding boots you made for my son came on Tuesday and they're two sizes too small.",
    "Hello, my wedding dress came back from your alterations a full size too tight round the waist.",
    "Hi, the school blazer you embroidered for my daughter arrived a whole size small.",
    "Afternoon, the wetsuit you measured me for is a size too short in the legs.",
]
ASKING_DETAILS = "Okay. And when did you place the order?"
NO_SIZE_WRONG = [
    "Morning, what size riding boots would a seven year old need, roughly?",
    "Hello, could I order the blazer in a size ten, please? It's for my daughter.",
]


@pytest.mark.parametrize("customer", SIZES)
def test_made_in_the_wrong_size_is_a_complaint_to_mirror(customer):
    assert _first(customer, ASKING_DETAILS) == [MIRROR]


@pytest.mark.parametrize("customer", NO_SIZE_WRONG)
def test_a_size_asked_for_is_no_complaint(customer):
    assert _first(customer, ASKING_DETAILS, complaint=0.1) == []


def test_the_wrong_size_told_back_answers_it():
    told = "Oh no, two sizes too small, that's no good for the show. Let me check the measurements we took."
    assert _first(SIZES[0], told) == []


# ---- the first complaint's mirror unanswered: the same story told on opens no second one (c705, c702) ------------

FIRST = "Hi, my lad was booked on your climbing taster today, and we got a text at seven saying it was cancelled."
FIRST_REPLY = "Okay. Can I take his date of birth?"
DEFLECTION = "Cancellations are down to the instructors themselves, you'd have to ring the centre."


def _later(later: str, *, upset: str | None = None, first_reply: str = FIRST_REPLY) -> list[tuple[str, str]]:
    """(customer utterance, kind) of the mirror nudges on the agent's replies: to the first complaint
    (``first_reply``), then, after a deflection, to the customer's ``later`` turn (``upset``: its sentence that
    says a feeling, if any), with a reply that tells nothing back."""
    c = load_language_config()
    rule = MirrorComplaintRule(c.mirror_complaint, c.acknowledge_feelings.acknowledgements)
    rule.on_agent(_utt("agent", GREETING, 0.0, "a1"))
    rule.on_customer(_utt("customer", FIRST, 3.0, "c1"), [Unit(FIRST, FIRST, Reading(0.8, 0.1))])
    out = _replied(rule, first_reply, 15.0, "a2")
    out += _replied(rule, DEFLECTION, 25.0, "a3")
    rule.on_customer(_utt("customer", later, 32.0, "c3"), [Unit(later, later, Reading(0.8, 0.1))], upset=upset)
    out += _replied(rule, "Right. The next taster is on Saturday at nine.", 45.0, "a4")
    return [(n.moment.split(":")[0], n.kind) for n in out]


RESTATED = [
    "I booked it with you, and your text said it was cancelled. I'm not ringing round.",
    "The booking was cancelled by your text, not by the centre, so it's yours to sort.",
]
FELT = "And now he's in bits, he's been crying all morning, and nobody told us anything about a new date."
OTHER_COMPLAINT = "And the deposit you took for the harness hire has been charged twice as well."


@pytest.mark.parametrize("later", RESTATED)
def test_the_same_complaint_told_again_asks_for_no_second_mirror(later):
    assert _later(later) == [("c1", MIRROR)]


def test_a_later_complaint_with_a_feeling_is_left_to_the_acknowledgement():
    assert _later(FELT, upset=FELT) == [("c1", MIRROR)]


def test_a_different_complaint_told_calmly_still_asks_for_its_mirror():
    assert _later(OTHER_COMPLAINT) == [("c1", MIRROR), ("c3", MIRROR)]


def test_the_same_complaint_after_the_first_was_mirrored_still_asks_for_one():
    """The control: with the first complaint told back, the same story told again after a deflection is a moment."""
    mirrored = "Oh no, so the climbing taster was cancelled by text this morning. Can I take his date of birth?"
    assert _later(RESTATED[0], first_reply=mirrored) == [("c3", MIRROR)]


# ---- the thirty-first part's quiet calls (c738, c739, c741) -------------------------------------------------------

FONDNESS = [
    "Hello, my niece is absolutely obsessed with owls, she's got owl pyjamas, owl mugs, the lot, is the flying day on?",
    "Hi, my husband is besotted with steam engines, can we book the footplate ride for his sixtieth?",
    "Right, this will sound silly, but my brother is obsessed with trains, he's got the lot, can we book a ride?",
]
FOND_HEDGED = "Hi, I'm obsessed with getting this sorted, but nobody has rung me back about the refund."


@pytest.mark.parametrize("customer", FONDNESS)
def test_fondness_for_someones_passion_is_no_feeling_to_acknowledge(customer):
    assert _ack(customer, BUSINESS_REPLY, feeling=0.78) == []


def test_obsessed_with_a_trouble_is_still_a_feeling():
    assert _ack(FOND_HEDGED, BUSINESS_REPLY, feeling=0.78) == [ACK]


NEW_WORK = "Hello, I'd like to turn the loft into a bedroom. The stairs take up half the landing and we never use it."
NEW_WORK_THEIRS = "Hello, I'd like to redo the loft. Your fitter left the stairs taking up half the landing."


def test_the_reason_for_new_work_is_no_feeling_to_acknowledge():
    assert _ack(NEW_WORK, BUSINESS_REPLY, last=True) == []


def test_the_company_named_in_the_reason_is_still_read():
    assert _ack(NEW_WORK_THEIRS, BUSINESS_REPLY, last=True) == [ACK]


def test_the_request_itself_is_still_read():
    """The request's own sentence is no reason told for it: the head's reading of it stands."""
    assert _ack(NEW_WORK.split(". ")[0] + ".", BUSINESS_REPLY) == [ACK]


def test_a_real_worry_acknowledges():
    assert _ack(FOND_HEDGED, "That's a real worry. I'll chase the refund team now.", feeling=0.78) == []


FEARED = [
    "Hi, I'd like a quote for a walk-in shower, but I'm worried about leaks getting into the kitchen below.",
    "Hello, we want the patio relaid, and I'm nervous of the drains being damaged by the digger.",
]
ASKED_AHEAD = [
    "Hi, the shower room is quite small. Will the towels and everything get soaked?",
    "Hello, is the tray big enough, or could the floor end up damaged over time?",
]
STILL_WRONG = [
    "Hi, I'm worried, the shower you fitted leaks into the kitchen below.",
    "Hello, why did the towels get soaked the first time I used the shower?",
]


@pytest.mark.parametrize("customer", FEARED + ASKED_AHEAD)
def test_a_fault_feared_or_asked_about_is_no_complaint(customer):
    assert _first(customer, ASKING_DETAILS, complaint=0.1) == []


@pytest.mark.parametrize("customer", STILL_WRONG)
def test_a_fault_that_happened_is_still_a_complaint(customer):
    assert _first(customer, ASKING_DETAILS, complaint=0.1) == [MIRROR]


def _worried_turn(upset: str) -> list[str]:
    """The mirror nudges after a business reply to the customer's first turn: the sentence ``upset`` says a feeling,
    the other sentence is rated a complaint of 0.3 (under the head's threshold, over its bar beside a feeling)."""
    c = load_language_config()
    rule = MirrorComplaintRule(c.mirror_complaint, c.acknowledge_feelings.acknowledgements)
    rule.on_agent(_utt("agent", GREETING, 0.0, "a1"))
    other = "The floorboards creak a bit by the door."
    customer = f"{other} {upset}"
    turn = [Unit(other, other, Reading(0.3, 0.1)), Unit(upset, upset, Reading(0.1, 0.8))]
    rule.on_customer(_utt("customer", customer, 3.0, "c1"), turn, upset=upset)
    return [n.kind for n in _replied(rule, ASKING_DETAILS, 20.0, "a2")]


def test_a_worry_about_what_may_happen_lowers_no_bar_for_the_other_pieces():
    assert _worried_turn("I'm worried about water going through to the flat below.") == []


def test_a_feeling_about_what_happened_still_does():
    assert _worried_turn("I'm absolutely furious about the state of it.") == [MIRROR]
