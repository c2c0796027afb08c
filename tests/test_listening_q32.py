"""Session 34 (Q32): the listening rules' code health, and listening nudges on unseen calls' classes, with wordings
written for this test (not the calls' sentences). Pure text, no model, no audio: cheap and deterministic.

- The mirror line reads words as every language rule does (``coach.language.patterns``: ``WORD`` and ``fold``): a
  curly apostrophe after "you" ("the parcel you didn’t send") turns it around as a straight one does, and an accented
  cue ("Café") finds its clause in a long sentence that spells it plainly.
- The listening tables are read through one helper and the "said plainly" checks (an aside, teasing, good news, joy)
  through one predicate: the same verdicts as before.

From the thirty-third part (c766-c789, flipped this session: 7 false listening nudges on its quiet calls):
- A reply opening "<name>, I'm so ..." waits for the whole turn: the word after "so" is the one the recogniser loses
  ("I'm so sorry" heard "I'm so tired of ...", quiet c782). A reply that then only goes to business is still nudged.
- Gladness ("That's really good to hear") answers a feeling the head read into good news even when the turn holds a
  negation that is part of the news ("the windows don't mist up any more", quiet c786); not when the sentence read
  holds one, nor when the turn has a "but". A congratulation answers it whatever the turn holds (quiet c784).
- The delight foretold of someone the customer books for ("she's going to lose her mind!", quiet c789) is no feeling
  to acknowledge; the customer's own "I'm going to lose my mind" is. A reply opening with a laugh ("Ha, ...") shares
  the customer's mood after a feeling only the head read.
- A long first turn whose most complaint-like piece the head rates from 0.4 is a complaint half heard (c774, c780):
  a reply that only asks for details misses its mirror."""

from __future__ import annotations

import pytest

from coach.language import listening as L
from coach.language.complaint import Reading, Unit
from coach.language.config import load_language_config
from coach.language.listening import AcknowledgeFeelingsRule, MirrorComplaintRule
from coach.language.mirror import complaint_clause, mirror_line, turn_pronouns
from coach.language.text import sentences
from coach.types import Nudge, Withdrawal
from tests.test_listening_q30 import GREETING, _replied, _utt

ACK = "acknowledge_feelings"
MIRROR = "mirror_complaint"


@pytest.mark.parametrize("apostrophe", ["'", "\u2019"])
def test_you_before_a_curly_negation_is_the_subject(apostrophe):
    assert turn_pronouns(f"the parcel you didn{apostrophe}t send") == f"the parcel we didn{apostrophe}t send"


def test_an_accented_cue_finds_its_clause_in_a_long_sentence():
    sentence = (
        "I booked a table at the cafe on the corner for my mum and it was a lovely evening, "
        "but the cafe charged me twice for the same dinner"
    )
    assert complaint_clause(sentence, "Café charged") == "the cafe charged me twice for the same dinner"


def test_the_mirror_line_is_unchanged_on_plain_words():
    assert mirror_line("You sent me the wrong size, I told you twice", "wrong size") == (
        "So we sent you the wrong size, you told us twice \u2014 is that right?"
    )


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("I expect I left it too late.", True),
        ("I left it too late and now nobody can come.", False),
        ("My husband said I was mad to book it.", True),
        ("My husband said I was mad to book it, but it never came.", False),
    ],
)
def test_said_plainly(text, plain):
    assert (L._is_aside(text) or L._teased(text)) is plain


def _ack_rule() -> AcknowledgeFeelingsRule:
    c = load_language_config()
    mc = c.mirror_complaint
    rule = AcknowledgeFeelingsRule(c.acknowledge_feelings, mc.cues, mc.not_complaints, mc)
    rule.on_agent(_utt("agent", GREETING, 0.0, "a1"))
    return rule


def _ack(customer: str, reply: str, *, feeling: float = 0.75) -> list[str]:
    """The acknowledgement nudges standing after ``reply`` to the calm first turn ``customer``, whose last sentence the
    feeling head rates ``feeling`` (the others 0.1)."""
    rule = _ack_rule()
    parts = [p.text for p in sentences(customer)]
    turn = [Unit(p, p, Reading(0.1, feeling if p == parts[-1] else 0.1)) for p in parts]
    rule.on_customer(_utt("customer", customer, 3.0, "c1"), turn)
    return [n.kind for n in _replied(rule, reply, 20.0, "a2")]


# ---- "I'm so ..." opening a reply waits for the whole turn (quiet c782) ------------------------------------------

UPSET = "The van you sent never turned up and my whole shop floor is flooded. I'm absolutely furious."


def _heard_then_final(heard: str, said: str) -> list[str]:
    """The acknowledgement nudges standing after a reply whose committed words were ``heard`` and whose final is
    ``said``."""
    rule = _ack_rule()
    rule.on_customer(_utt("customer", UPSET, 3.0, "c1"), [Unit(UPSET, UPSET, Reading(0.6, 0.8))])
    out: list[Nudge | Withdrawal] = []
    words = heard.split()
    for k in range(1, len(words) + 1):
        out += rule.on_agent_words(_utt("agent", " ".join(words[:k]), 20.0, "a2", done=False))
    out += rule.on_agent(_utt("agent", said, 20.0, "a2"))
    shown = [n for n in out if isinstance(n, Nudge)]  # a nudge shown is not taken back in the evaluation
    return [n.kind for n in shown]


@pytest.mark.parametrize("heard", ["Dawn, I'm so tied up with it.", "Oh Dawn, I'm really tired of eating."])
def test_a_reply_opening_with_im_so_waits_for_its_final(heard):
    said = "Dawn, I'm so sorry. So the van never came and the shop floor is under water."
    assert _heard_then_final(heard, said) == []


def test_im_so_then_only_business_is_still_nudged_at_the_final():
    said = "Dawn, I'm so busy today. What's the job number?"
    assert _heard_then_final(said, said) == [ACK]


def test_a_reply_going_straight_to_business_is_still_nudged_on_its_words():
    said = "Right. What's the job number, Dawn?"
    assert _heard_then_final(said, said) == [ACK]


# ---- gladness and congratulations after a feeling only the head read (quiet c784, c786) ---------------------------

GOOD_NEWS = (
    "We've had it a year now. The back window doesn't mist up any more. "
    "And my son's asthma has been easier this winter."
)
GLAD = "That's really good to hear. The filters help a lot with that, as long as they're changed."


def test_gladness_answers_good_news_holding_a_negation():
    assert _ack(GOOD_NEWS, GLAD) == []


@pytest.mark.parametrize(
    "customer",
    [
        "Honestly, it's been fine. The windows are clear, but my son's asthma has been worse this winter.",
        "Honestly, it's been fine. The windows are clear. My son's asthma hasn't got any better this winter.",
    ],
)
def test_gladness_does_not_answer_a_but_or_a_negation_in_the_sentence_read(customer):
    assert _ack(customer, GLAD) == [ACK]


NEWS = "Morning, we've just moved into a farmhouse with a big old garden. The hedges haven't been cut in years."


def test_a_congratulation_answers_news_whatever_negation_it_holds():
    assert _ack(NEWS, "Congratulations on the farmhouse. Hedges like that usually take two visits.") == []


def test_the_same_news_answered_with_business_is_still_nudged():
    assert _ack(NEWS, "Hedges like that usually take two visits. What's the postcode?") == [ACK]


# ---- another's delight foretold; a laugh shared (quiet c789) -------------------------------------------------------

BOOKING = "Hiya, I want to book your cheese making day for my dad's seventieth. He eats cheddar for breakfast. "
BUSINESS = "The next day with spaces is the fourth of March, and it runs from ten till three."


@pytest.mark.parametrize("joy", ["He's going to lose his mind!", "He'll be over the moon!"])
def test_delight_foretold_of_someone_treated_is_no_feeling(joy):
    assert _ack(BOOKING + joy, BUSINESS) == []


@pytest.mark.parametrize(
    "customer",
    [
        "Hiya, the boiler you fitted has packed in again. I'm going to lose my mind.",
        "Hiya, I booked the cheese day for my dad. He's not going to lose his mind, he's going to be livid.",
    ],
)
def test_the_customers_own_exasperation_is_still_a_feeling(customer):
    assert _ack(customer, BUSINESS) == [ACK]


def test_a_laugh_answers_a_feeling_only_the_head_read():
    assert _ack(BOOKING + "He's a proper character.", "Ha, he sounds like great fun. " + BUSINESS) == []


def test_a_laugh_does_not_answer_a_feeling_told_in_words():
    assert _ack("Hiya, I'm so upset, the cake you made for my dad's party was squashed.", "Ha, right. " + BUSINESS) == [
        ACK
    ]


# ---- a long first turn's complaint half heard at a lower bar (c774, c780) ------------------------------------------

LONG_FIRST = (
    "Hello, it's Morag Fraser. You're binding my late father's diaries into a single volume for the family and it "
    "was promised for his anniversary, that was three weeks ago, and only the first half has come back."
)


def _first_turn_nudges(first: str, complaint: float) -> list[str]:
    """The mirror nudges standing after a reply that only asks for details to the first turn ``first``, each of whose
    sentences the complaint head rates ``complaint``."""
    c = load_language_config()
    rule = MirrorComplaintRule(c.mirror_complaint, c.acknowledge_feelings.acknowledgements)
    rule.on_agent(_utt("agent", GREETING, 0.0, "a1"))
    turn = [Unit(p.text, p.text, Reading(complaint, 0.1)) for p in sentences(first)]
    rule.on_customer(_utt("customer", first, 3.0, "c1"), turn)
    return [n.kind for n in _replied(rule, "Can I take the order number, please?", 20.0, "a2")]


@pytest.mark.parametrize(("complaint", "kinds"), [(0.45, [MIRROR]), (0.3, [])])
def test_a_details_only_reply_to_a_long_first_turn_misses_its_mirror(complaint, kinds):
    assert _first_turn_nudges(LONG_FIRST, complaint) == kinds


@pytest.mark.parametrize(("complaint", "kinds"), [(0.45, []), (0.6, [MIRROR])])
def test_a_first_turn_ending_in_an_enquiry_is_half_heard_only_from_the_old_bar(complaint, kinds):
    assert _first_turn_nudges(LONG_FIRST + " I just wondered if it's been finished yet.", complaint) == kinds
