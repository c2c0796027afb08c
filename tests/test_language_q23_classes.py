"""Session 25, second round (Q23): the twenty-fourth part's listening false nudges, extras and miss, as classes, each
tested with wordings written for this test (not the calls' sentences), with controls that still nudge:

- an eager or delighted customer's turn with no complaint in it (quiet c573's "Oh my goodness, I've wanted to see
  puffins my whole life") is no feeling to acknowledge and no complaint to mirror, nor is their next calm turn;
  a cheerful customer who tells a complaint is still heard;
- a feeling cue said of a reference, with nobody to feel it (c558's "It's paid" heard "H-T HD449 is scared") is no
  feeling; the customer's real upset after it is then acknowledged (c558's miss);
- a complaint told on in the answer giving the details the agent asked for, after the call's first complaint was
  nudged and not yet answered (c565), asks for no second mirror; a later complaint told instead of the details
  still does (session 24's tested rule);
- a verdict after a refusal that both rules read (c555's "That's ridiculous"), the mirror's cue the verdict alone,
  is nudged once, as the acknowledgement; a verdict or a feeling beside what went wrong still asks for both;
- a sentence listing what nobody did (c560's "Nobody rang me, nobody emailed!") is a complaint for the mirror, not a
  feeling for the head to name at a calm level."""

from __future__ import annotations

import pytest

from coach.types import Nudge
from tests.test_language_q21_classes import _reply
from tests.test_language_q22_classes import _coach, _two_turns
from tests.test_language_rules import final

GREETING = "Hello, thanks for calling, how can I help?"
MIRROR, ACK = "mirror_complaint", "acknowledge_feelings"
BUSINESS = "What's your postcode, please?"
ALWAYS = (0.0, 0.0)  # the feeling head's bars at 0: every scored sentence reads as a feeling


# ---- an eager customer's turn with no complaint (c573) ---------------------------------------------------------

EAGER = [
    "Hiya! I've wanted to ride in a hot air balloon my whole life, and my husband's just as bad, can we book for June?",
    "Morning, I'm so excited, our little one has been on about dolphins ever since she was tiny, is Saturday free?",
    "Hello, a steam train dinner has been on my bucket list for years, we're dead chuffed, is there room on the ninth?",
    "Hi, we can't wait, the kids are buzzing about the llama trek, do we need wellies?",
    "Hiya, it's a dream come true, we're finally doing the zip wire for my fiftieth, what time should we arrive?",
]
CHEERFUL_COMPLAINTS = [
    "Hiya, I've waited my whole life for this trip, and your office put us on the wrong flight home.",
    "Hello, I'm so excited about the cruise, but the tickets you promised never came.",
    "Hi, we can't wait for the wedding, only the cake you made us has arrived smashed to bits.",
]


@pytest.mark.parametrize("customer", EAGER)
def test_an_eager_turn_with_no_complaint_asks_for_no_acknowledgement_and_no_mirror(customer):
    assert _reply(customer, BUSINESS, _coach(*ALWAYS)) == []


@pytest.mark.parametrize("customer", CHEERFUL_COMPLAINTS)
def test_a_cheerful_customer_telling_a_complaint_is_still_heard(customer):
    kinds = _reply(customer, BUSINESS, _coach(*ALWAYS))
    assert ACK in kinds and MIRROR in kinds


def _calls_second_turn(first: str, second: str) -> list[str]:
    """The listening kinds nudged on the agent's reply to the customer's second turn ``second``, after an opening
    ``first`` the agent answered warmly (the feeling head's bars at 0)."""
    coach = _coach(*ALWAYS)
    coach.push(final("agent", GREETING, 0.0, utt="a1"))
    coach.push(final("customer", first, 3.0, utt="c1"))
    coach.push(final("agent", "You'll love it, we've got space on the ten o'clock.", 15.0, utt="a2"))
    coach.push(final("customer", second, 20.0, utt="c2"))
    out = coach.push(final("agent", "Right, and how many of you are coming?", 30.0, utt="a3"))
    return sorted(n.kind for n in out if isinstance(n, Nudge) and n.kind in (MIRROR, ACK))


def test_an_eager_customers_next_calm_turn_asks_for_nothing():
    assert _calls_second_turn(EAGER[0], "Ten o'clock, lovely, the earlier the better! Will we go up really high?") == []


def test_an_eager_customers_later_upset_is_still_acknowledged():
    kinds = _calls_second_turn(EAGER[0], "Oh no, I've just remembered my husband is terrified of heights.")
    assert ACK in kinds


def test_a_calm_turn_with_no_eager_words_still_reads_as_a_feeling():
    plain = "Hello, I need to book a boat trip for next week for my family, can we come on Tuesday?"
    assert ACK in _reply(plain, BUSINESS, _coach(*ALWAYS))


# ---- a feeling cue said of a reference (c558) ------------------------------------------------------------------

REFERENCES = [
    "B K seven seven two is scared, the money went out on Friday.",
    "Booking reference KX 2291 is stressed, it left the account Monday.",
    "Yes, account 55 61 20 is upset, I've got the statement here.",
]
FEELERS = [
    "It's BK 7721, and I'm scared stiff the boiler will go again.",
    "It's 4471. The kids are scared stiff of it now.",
    "Account 55 61 20, we're really worried about the payment.",
]
ASKED = "Could I have the booking reference, please?"


def _answer(customer: str) -> list[str]:
    """The listening kinds nudged on the agent's business reply to the customer's answer ``customer`` to a request
    for a reference, after an opening the agent took on (the feeling head off: cues only)."""
    coach = _coach(1.1, 1.1)
    coach.push(final("agent", GREETING, 0.0, utt="a1"))
    coach.push(final("customer", "Hello, I'm ringing about my order from last week.", 3.0, utt="c1"))
    coach.push(final("agent", ASKED, 10.0, utt="a2"))
    coach.push(final("customer", customer, 14.0, utt="c2"))
    out = coach.push(final("agent", "Right, and what's the postcode on the account?", 22.0, utt="a3"))
    return sorted(n.kind for n in out if isinstance(n, Nudge) and n.kind == ACK)


@pytest.mark.parametrize("customer", REFERENCES)
def test_a_feeling_cue_said_of_a_reference_is_no_feeling(customer):
    assert _answer(customer) == []


@pytest.mark.parametrize("customer", FEELERS)
def test_a_feeling_cue_with_someone_to_feel_it_beside_a_reference_is_still_a_feeling(customer):
    assert _answer(customer) == [ACK]


def test_the_real_upset_after_a_reference_misheard_is_acknowledged():
    """c558's miss: with no moment opened by the reference, the feeling head hears the next turn's upset."""
    coach = _coach(0.65, 0.85)
    coach.push(final("agent", GREETING, 0.0, utt="a1"))
    coach.push(final("customer", "Hi, our order of crabs for today's lunch hasn't turned up.", 3.0, utt="c1"))
    coach.push(final("agent", ASKED, 10.0, utt="a2"))
    coach.push(final("customer", REFERENCES[0], 14.0, utt="c2"))
    coach.push(final("agent", "Right, B K seven seven two, twelve crabs, Wednesday.", 20.0, utt="a3"))
    coach.push(final("customer", "I'm honestly shaking here. I feel like I'm going to be sick.", 26.0, utt="c3"))
    out = coach.push(final("agent", "The van left the harbour at seven with the other drops first.", 34.0, utt="a4"))
    assert any(isinstance(n, Nudge) and n.kind == ACK and n.moment.startswith("c3") for n in out)


# ---- the complaint told on after the details asked for, its mirror already nudged (c565) ----------------------

TOLD_ON = [
    "E V three three one eight. She took her own saddle because nobody told us she couldn't.",
    "It's 40217, and the part was supposed to come on Monday, that's why I'm ringing.",
    "Yes, KT 99 1, the driver never came, like I said.",
]


@pytest.mark.parametrize("later", TOLD_ON)
def test_a_complaint_told_on_with_the_details_asks_for_no_second_mirror(later):
    assert ("c2", MIRROR) not in _two_turns(later, None)


def test_a_later_complaint_told_instead_of_the_details_still_asks_for_the_mirror():
    assert ("c2", MIRROR) in _two_turns("And the life jackets you gave us were torn as well.", None)


def test_the_first_complaint_is_still_mirrored_once():
    assert ("c1", MIRROR) in _two_turns(TOLD_ON[0], None)


# ---- a verdict read by both rules: the feeling named once (c555) -----------------------------------------------

REFUSAL = "Once a job has left the counter we don't reopen it, that's just how the shop runs."
VERDICTS = [
    "That's just ridiculous, that is.",
    "Honestly, that's outrageous.",
    "Pathetic, that is.",
]
FEELING_AND_TROUBLE = [
    "I'm fed up, the straps you stitched have come apart again.",
    "I'm so frustrated, the heel you fitted has snapped off already.",
    "That's ridiculous, I've had these boots for a fortnight.",
]


def _after_refusal(later: str) -> set[str]:
    """The listening kinds nudged on the agent's second refusal, replying to ``later``: the customer's answer to a
    first refusal of a calm request (no complaint moment opened before it)."""
    coach = _coach(0.65, 0.85)
    coach.push(final("agent", GREETING, 0.0, utt="a1"))
    coach.push(final("customer", "Hello, I'd like my walking boots looked at again, please.", 3.0, utt="c1"))
    coach.push(final("agent", REFUSAL, 10.0, utt="a2"))
    coach.push(final("customer", later, 16.0, utt="c2"))
    out = coach.push(
        final("agent", "Money back on glue work is a non starter, the boss won't wear it.", 24.0, utt="a3")
    )
    return {n.kind for n in out if isinstance(n, Nudge) and n.moment.startswith("c2")}


@pytest.mark.parametrize("later", VERDICTS)
def test_a_verdict_read_by_both_rules_is_nudged_once_as_the_acknowledgement(later):
    assert _after_refusal(later) == {ACK}


@pytest.mark.parametrize("later", FEELING_AND_TROUBLE)
def test_a_feeling_or_verdict_beside_what_went_wrong_still_asks_for_both(later):
    assert _after_refusal(later) == {ACK, MIRROR}


# ---- a list of what nobody did, read by the feeling head (c560) -----------------------------------------------

OMISSIONS = [
    "Nobody phoned, nobody wrote, nobody said a single word.",
    "No letter, no email, and no call from the depot.",
    "Never a reply, never a callback, nothing.",
]
NOT_ONLY_OMISSIONS = [
    "Nobody phoned me, and I'm absolutely shattered.",
    "I've been sat here all morning wondering what on earth is going on.",
]


@pytest.mark.parametrize("customer", OMISSIONS)
def test_a_list_of_what_nobody_did_is_no_feeling_for_the_head(customer):
    assert ACK not in _reply(customer, BUSINESS, _coach(*ALWAYS))


@pytest.mark.parametrize("customer", NOT_ONLY_OMISSIONS)
def test_a_sentence_that_is_not_only_omissions_is_still_read_by_the_feeling_head(customer):
    assert ACK in _reply(customer, BUSINESS, _coach(*ALWAYS))
