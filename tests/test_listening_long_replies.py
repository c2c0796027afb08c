"""A reply's length and shape as the listening rules read it (issue 9; session 37): a statement (no details question,
no business opener) is judged on the agent's whole turn, not its first sentence, and one of ``ENGAGED_WORDS`` words or
more answers the moment: an agent who takes the news in, explains and names the next step in their own words engaged
with it, the acknowledgement often last or heard garbled. A reply going straight to business or to a question is
judged on its first words as before, and a curt statement still misses the moment. And a question the feeling head
alone read as a feeling, answered outright ("You can, ...", "Yes, they will"), was heard. Wordings written for this
test, not the calls' sentences. Pure text, the default rules or the heads' readings injected (seconds).
"""

from __future__ import annotations

import pytest

from coach.language.listening import ENGAGED_WORDS
from coach.types import Nudge, Withdrawal
from tests.test_listening_classes import _ack_q32, reply_out

MIRROR, ACK = "mirror_complaint", "acknowledge_feelings"

UPSET = (
    "Hi, it's Dana Price. The dishwasher you installed on Monday has flooded the kitchen twice now, the floor is"
    " ruined, and I'm so upset about it."
)
WORRIED = (
    "Hello, this is Sam Okafor. The roof you repaired last month is dripping through the bedroom ceiling again and"
    " I'm really worried about the wiring."
)


def _emitted(customer: str, agent: str) -> tuple[list[str], list[str]]:
    """The listening kinds the rules emitted at any point of the agent's reply ``agent`` to ``customer`` (heard word by
    word, then its final: :func:`tests.test_listening_classes.reply_out`), and those still standing (not taken back)."""
    out = reply_out(customer, agent)
    nudges = [n for n in out if isinstance(n, Nudge) and n.kind in (MIRROR, ACK)]
    taken = {w.moment for w in out if isinstance(w, Withdrawal)}
    return sorted(n.kind for n in nudges), sorted(n.kind for n in nudges if n.moment not in taken)


ENGAGED = [
    # the news taken in, explained and the next step named; no acknowledgement phrase
    "Right, so the pipe behind the machine must have worked loose when the unit was pushed back in, and that would"
    " explain both leaks. Tom can come out first thing tomorrow to refit it and look at the floor.",
    "Okay, that's the second time in a week, so something in the fitting has gone, and water on a kitchen floor can"
    " spread under the units. I'll send our lead fitter round this afternoon to put it right.",
]
CURT = [
    "Our fitters work Monday to Friday, eight till six.",
    "The installation was signed off by the fitter on the day.",
]
BUSINESS_THEN_LONG = [
    "What's the postcode at the property? Once I have it I can see which of our fitters is closest to you and when"
    " they could come, because we do keep a couple of slots free each day for jobs like this.",
]


@pytest.mark.parametrize("agent", ENGAGED)
@pytest.mark.parametrize("customer", [UPSET, WORRIED])
def test_a_long_statement_engaging_with_the_turn_is_not_nudged(customer, agent):
    assert len(agent.split()) >= ENGAGED_WORDS
    assert _emitted(customer, agent) == ([], [])


@pytest.mark.parametrize("agent", CURT)
@pytest.mark.parametrize("customer", [UPSET, WORRIED])
def test_a_curt_statement_still_misses_the_feeling(customer, agent):
    emitted, standing = _emitted(customer, agent)
    assert ACK in standing and emitted == standing


@pytest.mark.parametrize("agent", BUSINESS_THEN_LONG)
@pytest.mark.parametrize("customer", [UPSET, WORRIED])
def test_a_long_reply_opening_with_a_details_question_is_still_nudged(customer, agent):
    assert len(agent.split()) >= ENGAGED_WORDS
    _, standing = _emitted(customer, agent)
    assert ACK in standing


def test_the_acknowledgement_at_the_end_of_a_statement_is_waited_for():
    """The first sentence tells what happened at the firm's end; the acknowledgement comes after it (a pause, or heard
    garbled at first): no acknowledgement nudge is shown and then taken back, none is shown at all (the complaint,
    not told back, still asks for its mirror)."""
    agent = "The fitter's notes say the hose was left unclipped on Monday. I can hear how stressful that has been."
    assert len(agent.split()) < ENGAGED_WORDS
    emitted, standing = _emitted(UPSET, agent)
    assert ACK not in emitted and standing == [MIRROR]


def test_a_question_after_a_long_engaged_statement_does_not_turn_it_into_a_miss():
    """The question comes after the agent engaged at length ("... How many are in the party?"): the words before it
    already answered the moment, on the committed words as on the final."""
    agent = ENGAGED[0] + " How many people were in the kitchen when it happened?"
    assert _emitted(UPSET, agent) == ([], [])


def test_a_question_after_an_opening_statement_is_judged_at_once():
    """A statement, then a details question: the question shows the reply went to business, judged as before."""
    emitted, standing = _emitted(UPSET, "Oh right. And the postcode is?")
    assert ACK in emitted and ACK in standing


def test_a_statement_just_short_of_the_length_is_still_judged_a_miss():
    agent = " ".join(["The", "fitters", "are", "booked", "all", "week"] * 5).split()[: ENGAGED_WORDS - 1]
    _, standing = _emitted(UPSET, " ".join(agent) + ".")
    assert ACK in standing


# ---- a question the head read as a feeling, answered outright (quiet c856) ----------------------------------------

GROWING = "Hello, we've just set up the tower in the conservatory. Could I grow peppers in it as well?"
SHARPENING = "Hi, the new blades came this morning, thanks. Can I use them on my older model too?"
ANSWERS = [
    "You can, they like the top two rows where the light is strongest, just pinch the tips out early.",
    "Yes, they will, the fitting hasn't changed since the first model, so they'll slot straight on.",
    "Absolutely, peppers do really well in it, give them a cane each once they flower.",
]


@pytest.mark.parametrize("reply", ANSWERS)
@pytest.mark.parametrize("customer", [GROWING, SHARPENING])
def test_a_question_the_head_read_as_a_feeling_answered_outright_is_not_nudged(customer, reply):
    assert _ack_q32(customer, reply) == []


@pytest.mark.parametrize("customer", [GROWING, SHARPENING])
def test_the_same_question_answered_with_business_is_still_nudged(customer):
    assert _ack_q32(customer, "What's the order number on the box?") == [ACK]


def test_an_answer_to_a_turn_that_asks_nothing_is_no_answer():
    told = "Hello, we've just set up the tower in the conservatory. The peppers have gone all limp and yellow."
    assert _ack_q32(told, "Yes, the order shows it went out on the ninth.") == [ACK]


def test_an_answer_does_not_cover_a_feeling_a_cue_word_names():
    customer = "The tower leaked all over the floor and I'm so upset. Can you send someone today?"
    _, standing = _emitted(customer, "Yes, we can, what's the postcode?")
    assert ACK in standing
