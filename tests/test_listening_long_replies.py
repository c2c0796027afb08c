"""A reply's length and shape as the listening rules read it (issue 9; session 37): a statement (no details question, no
business opener) is judged on the agent's whole turn, not its first sentence, and one of ``ENGAGED_WORDS`` words or more
answers the moment: an agent who takes the news in, explains and names the next step in their own words engaged with it,
the acknowledgement often last or heard garbled. A reply going straight to business or to a question is judged on its
first words as before, and a curt statement still misses the moment; one whose first sentence is a curt fact naming
nobody and nothing of the customer's turn is judged at that sentence (session 38). And a question the feeling head alone
read as a feeling, answered outright ("You can, ...", "Yes, they will"), was heard. Wordings written for this test, not
the calls' sentences. Pure text, the default rules or the heads' readings injected (seconds).
"""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.language.listening import ENGAGED_WORDS
from coach.types import Nudge, Withdrawal
from tests.test_language_rules import final
from tests.test_listening_classes import GREETING, _ack_q32, reply_out

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


# ---- a statement that moves on with a curt fact is judged at its first sentence (session 38) -----------------------


def _first_nudged_at(customer: str, agent: str, kind: str = ACK) -> int | None:
    """How many words of ``agent`` were heard when the rules first emitted ``kind``, fed as
    :func:`tests.test_listening_classes.reply_out` feeds them (word by word, all but the last two committed, then the
    final); ``len(words) + 1`` when it came at the final, None when never."""
    coach = LanguageCoach()
    coach.push(final("agent", GREETING, 0.0, utt="a1"))
    coach.push(final("customer", customer, 3.0, utt="c1"))
    words = agent.split()
    for k in range(1, len(words) + 1):
        e = final("agent", " ".join(words[:k]), 20.0, utt="a2")
        if any(isinstance(n, Nudge) and n.kind == kind for n in coach.push(dict(e, final=False, stable=max(0, k - 2)))):
            return k
    out = coach.push(final("agent", agent, 20.0, utt="a2"))
    return len(words) + 1 if any(isinstance(n, Nudge) and n.kind == kind for n in out) else None


CURT_FACTS = [
    "The showroom closes at six in the evening. Ring back then and ask for the service desk.",
    "Right. Parking is free behind the depot for customers. It's the second turning on the left.",
    "Yep, got it. That batch went out from the Leeds warehouse. They use a different courier up there.",
]
NOT_CURT = [
    # the agent as a person: a look-up said to the customer, often the start of an engaged reply
    "I have the job sheet here in front of me. It was Tom who went out to fit it.",
    # the customer's own thing named (a word of the turn told back)
    "The kitchen floor will need to dry out before anything else. It was Tom who went out to fit it.",
    # a cry of dismay first: the agent took the news in
    "Oh no. The showroom closes at six in the evening. Ring back then and ask for the service desk.",
    # a reaction to the customer's turn, naming nobody: it points back at what they said or answers it
    "That should never happen with a new machine. Ring back then and ask for the service desk.",
    "It's no trouble at all. Ring back then and ask for the service desk.",
    "Of course it does. Ring back then and ask for the service desk.",
    # a long first sentence: an explanation, judged on the whole turn
    "The pipe behind the machine must have worked loose when the unit was pushed back against the wall. That explains"
    " it.",
]


@pytest.mark.parametrize("agent", CURT_FACTS)
def test_a_curt_fact_first_is_nudged_before_the_reply_ends(agent):
    """The first sentence (past a short "Right." or "Yep, got it.") is a fact about something else, naming nobody and
    nothing of the customer's turn: the reply has moved on, and the acknowledgement is nudged once that sentence is
    committed, not at the final. The whole reply, a curt one, still misses the feeling."""
    at = _first_nudged_at(UPSET, agent)
    first = agent.split(". ")[0].split()
    assert at is not None and at <= len(agent.split()) - 2
    assert at >= len(first)  # not before the sentence is there
    assert ACK in _emitted(UPSET, agent)[1]


@pytest.mark.parametrize("agent", NOT_CURT)
def test_a_statement_that_is_no_curt_fact_still_waits_for_its_final(agent):
    at = _first_nudged_at(UPSET, agent)
    assert at is None or at > len(agent.split())


def test_a_curt_fact_then_an_acknowledgement_takes_the_nudge_back():
    """The cost of judging early: a curt fact first, the acknowledgement after it. The nudge comes at the first
    sentence, and the final takes it back (it is not left standing)."""
    agent = CURT_FACTS[0].split(". ")[0] + ". I'm so sorry, that sounds really upsetting."
    emitted, standing = _emitted(UPSET, agent)
    assert ACK in emitted and ACK not in standing
