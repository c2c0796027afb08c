"""Session 26, second round (Q24): the twenty-fifth part's listening false nudges and misses, as classes, each tested
with wordings written for this test (not the calls' sentences), with controls that still nudge:

- how good something felt, told outright (quiet c594's "felt marvellous afterwards"), is enjoyment: no feeling to
  acknowledge and no complaint to mirror; the same words beside a "but" and a trouble are still heard;
- a reply whose first clause names what the customer's sentence is about (c590's "three cancellations at an hour's
  notice", heard "to a free cancellation, ...") is judged when its first sentence ends, where the apology often is;
  one that names it and never acknowledges is still nudged;
- the dread of a loss told as "I feel / I fear ... it might be lost" (c589, its feeling word misheard) is a feeling to
  acknowledge; a guess ("I think it might have been lost") is not;
- a sentence the feeling head found and the mirror's cue of that same sentence (c588's "I had to take two dishes off
  the menu") are both nudged; a verdict cue the mirror would only tell back is still nudged once (Q23's rule)."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.language.utterance import nudge
from coach.types import Nudge
from tests.test_language_q21_classes import _reply
from tests.test_language_q22_classes import _coach
from tests.test_language_rules import final

MIRROR, ACK = "mirror_complaint", "acknowledge_feelings"
BUSINESS = "What's your postcode, please?"
ALWAYS = (0.0, 0.0)  # the feeling head's bars at 0: every scored sentence reads as a feeling
CUES_ONLY = (1.1, 1.1)  # the feeling head off: upset cues only

# ---- enjoyment told outright (c594) -----------------------------------------------------------------------------

ENJOYMENT = [
    "Morning, we tried the cold plunge on Sunday and felt absolutely wonderful after it, do you open early on Mondays?",
    "Hello, we came to the lantern evening on Friday and loved every minute of it, are you doing one at Easter?",
    "Hi, I've been doing your yoga mornings and I feel like a new woman, could I bring a friend on Thursday?",
]
ENJOYMENT_BUT = [
    "Hello, I felt wonderful after the sauna, but the lockers were broken and my purse was taken.",
    "Hi, we loved every minute of the tour, but the coach left without us and nobody rang.",
]


@pytest.mark.parametrize("customer", ENJOYMENT)
def test_enjoyment_told_outright_asks_for_no_acknowledgement_and_no_mirror(customer):
    assert _reply(customer, BUSINESS, _coach(*ALWAYS)) == []


@pytest.mark.parametrize("customer", ENJOYMENT_BUT)
def test_enjoyment_beside_a_trouble_is_still_acknowledged(customer):
    assert ACK in _reply(customer, BUSINESS, _coach(*ALWAYS))


# ---- a reply that opens by naming what the customer's sentence is about (c590) ----------------------------------

CANCELLED = "I'm fuming, you've cancelled my pottery class three times now."
NAMING_THEN_SORRY = [
    "Cancelling on you at such short notice when you had set the evening aside for it is not on, and I'm sorry.",
    "Your pottery evenings called off again with the kiln booked and the clay ready, that's not good, I'm so sorry.",
]
NAMING_NO_SORRY = "Cancelling on you at such short notice when you had set the evening aside for it is our policy."


def _shown(customer: str, agent: str) -> list[str]:
    """The acknowledgement nudges shown on the agent's reply ``agent`` to ``customer`` (cues only), heard word by word
    then as a final (:func:`_reply`): a nudge the final took back was shown all the same (the coach remembers its
    moment)."""
    coach = _coach(*CUES_ONLY)
    _reply(customer, agent, coach)
    return [ACK] if f"c1:{ACK}" in coach._moments else []


@pytest.mark.parametrize("reply", NAMING_THEN_SORRY)
def test_a_reply_naming_the_trouble_is_judged_at_its_first_sentences_end(reply):
    assert _shown(CANCELLED, reply) == []


def test_a_reply_naming_the_trouble_with_no_acknowledgement_is_still_nudged():
    assert _shown(CANCELLED, NAMING_NO_SORRY) == [ACK]


# ---- the dread of a loss (c589) ----------------------------------------------------------------------------------

DREAD = [
    "It was my grandad's pocket watch. I feel that after all these months it might have been thrown away.",
    "She made that quilt for me. I feel each week I ring you it could have been binned.",
]
GUESSES = [
    "It was my grandad's pocket watch. I think it might have been lost in the post.",
    "It was my grandad's pocket watch. I feel fine about waiting, it's been a while anyway.",
]


def _second_turn(customer: str) -> list[str]:
    """The acknowledgement nudges on the agent's business reply to the customer's second turn ``customer``, after an
    opening complaint the agent went straight past (cues only: the feeling head opens nothing)."""
    coach = _coach(*CUES_ONLY)
    coach.push(final("agent", "Hello, repairs desk, how can I help?", 0.0, utt="a1"))
    coach.push(final("customer", "I sent you a watch to mend in March.", 3.0, utt="c1"))
    coach.push(final("agent", "Right, these older ones take a while.", 10.0, utt="a2"))
    coach.push(final("customer", customer, 14.0, utt="c2"))
    out = coach.push(final("agent", "What was the job number on your receipt?", 24.0, utt="a3"))
    return [n.kind for n in out if isinstance(n, Nudge) and n.kind == ACK and n.moment.startswith("c2")]


@pytest.mark.parametrize("customer", DREAD)
def test_the_dread_of_a_loss_is_a_feeling_to_acknowledge(customer):
    assert _second_turn(customer) == [ACK]


@pytest.mark.parametrize("customer", GUESSES)
def test_a_guess_at_a_loss_is_no_feeling(customer):
    assert _second_turn(customer) == []


# ---- a sentence the feeling head found, mirrored too (c588) ------------------------------------------------------


def _kept(ack_evidence: dict) -> set[str]:
    """The kinds the coach keeps of an acknowledgement nudge (``ack_evidence``) and a mirror nudge of the same
    customer utterance whose cue is that sentence."""
    said = "We lost the whole afternoon's bookings yesterday."
    ack = nudge(ACK, "t", "high", 0, "c1", cue=said, **ack_evidence)
    mirror = nudge(MIRROR, "t", "high", 0, "c1", cue=said)
    return {n.kind for n in LanguageCoach()._one_for_later([ack, mirror]) if isinstance(n, Nudge)}


def test_a_sentence_the_feeling_head_found_is_mirrored_too():
    assert _kept({"model": 0.74}) == {ACK, MIRROR}


def test_an_upset_cue_the_mirror_would_only_tell_back_is_nudged_once():
    assert _kept({}) == {ACK}
