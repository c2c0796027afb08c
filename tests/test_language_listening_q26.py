"""Session 28 (Q26): the twenty-seventh part's listening false nudges, extra and miss, as classes, each tested with
wordings written for this test (not the calls' sentences), with controls:

- a complaint cue naming a thing said to have done well (c644's pleased customer, "leeks" heard "leaks" before "did
  wonders") is no complaint; a "but" or a negation beside the praise keeps it one;
- a death told with a complaint cue's "died" (c641's bereavement in the first turn) is a loss: an acknowledgement
  answers the mirror too; a reply that ignores it is still nudged;
- a bare noun phrase the complaint head rated beside a feeling (c642's "and my sister") names nothing to mirror; a
  piece that tells what went wrong still does;
- a later complaint told with a feeling (c636's retort after a policy, "she's been crying") is answered by an
  acknowledgement; ignored, it is still nudged; one told calmly still asks for the mirror (Q22);
- what came back from the work still as bad, told by its state (c633's "still sour", no cue word), is a complaint."""

from __future__ import annotations

import pytest

from coach.language.complaint import Reading, Unit
from coach.language.config import load_language_config
from coach.language.listening import MirrorComplaintRule
from coach.types import Nudge
from tests.test_language_listening_q25 import _utt
from tests.test_language_q21_classes import _reply
from tests.test_language_q22_classes import _coach
from tests.test_language_rules import final

MIRROR, ACK = "mirror_complaint", "acknowledge_feelings"
BUSINESS = "What's the reference on your receipt, please?"
CUES_ONLY = (1.1, 1.1)  # the feeling head off: upset cues only


# ---- a cue word said to have done well (c644) --------------------------------------------------------------------

DID_WELL = [
    "Hello, I'd like the same seaweed mulch again please, my leaks came up a treat with it in the spring.",
    "Hi, could I have another tin of that polish? The scratched bit came up beautifully with it.",
    "Morning, another sack of the chicken pellets please, the leaks thrived on it all summer.",
]
STILL_BAD = [
    "Hi, I bought your polish for the table and the scratched bit never came up lovely, whatever I tried.",
    "Morning, the tap you fitted worked a treat for a week, but now it leaks all over the floor.",
    "Hello, the new hose leaks at the tap end.",
]


@pytest.mark.parametrize("customer", DID_WELL)
def test_a_cue_word_said_to_have_done_well_is_no_complaint(customer):
    assert MIRROR not in _reply(customer, "We do, that's twelve pounds a bag.", _coach(*CUES_ONLY))


@pytest.mark.parametrize("customer", STILL_BAD)
def test_praise_denied_or_undone_keeps_the_complaint(customer):
    assert MIRROR in _reply(customer, BUSINESS, _coach(*CUES_ONLY))


# ---- a death told with a complaint cue's word (c641) -------------------------------------------------------------

DEATH = "Hello, my mum died in March and the landlord wants her bungalow emptied before the end of May."
CARING = "Oh, I'm so sorry to hear that. There's no rush at all, we'll take it one step at a time together."


def test_a_death_acknowledged_asks_for_no_mirror():
    assert _reply(DEATH, CARING, _coach(*CUES_ONLY)) == []


def test_a_death_ignored_is_still_nudged():
    assert ACK in _reply(DEATH, "What's the postcode of the bungalow?", _coach(*CUES_ONLY))


@pytest.mark.parametrize(
    ("customer", "weak"),
    [(DEATH, True), ("Hello, my kettle died after three days and I've only had one cup of tea out of it.", False)],
)
def test_a_death_is_a_weak_moment_and_a_thing_that_died_is_not(customer, weak):
    c = load_language_config()
    rule = MirrorComplaintRule(c.mirror_complaint, c.acknowledge_feelings.acknowledgements)
    rule.on_agent(_utt("agent", "Hello, house clearances, Jo speaking.", 0.0, "a1"))
    rule.on_customer(_utt("customer", customer, 3.0, "c1"))
    assert rule._pending is not None and rule._pending.weak is weak


# ---- a bare noun phrase rated a complaint beside a feeling (c642) -------------------------------------------------


def _weak_piece(piece: str) -> str | None:
    """The said words of the mirror moment the rule opens on a first turn telling a feeling, whose other piece
    ``piece`` the complaint head rates 0.3 (over ``upset_model_threshold``, under ``model_threshold``)."""
    c = load_language_config()
    rule = MirrorComplaintRule(c.mirror_complaint, c.acknowledge_feelings.acknowledgements)
    rule.on_agent(_utt("agent", "Hello, river trips, Jo speaking.", 0.0, "a1"))
    feeling = "We're all so thrilled about it"
    text = f"{feeling}, {piece}."
    turn = [Unit(text, feeling, Reading(0.05, 0.9)), Unit(text, piece, Reading(0.3, 0.2))]
    rule.on_customer(_utt("customer", text, 3.0, "c1"), turn, upset=feeling)
    return rule._pending.said if rule._pending is not None else None


@pytest.mark.parametrize("piece", ["and my brother", "with the grandchildren", "and our two aunties"])
def test_a_bare_noun_phrase_is_nothing_to_mirror(piece):
    assert _weak_piece(piece) is None


def test_a_piece_that_tells_what_went_wrong_is_still_mirrored():
    assert _weak_piece("but the boat we booked has been sold to another party") is not None


# ---- a later complaint told with a feeling, acknowledged (c636) --------------------------------------------------


def _later(third: str, reply: str) -> list[str]:
    """The listening kinds nudged on the customer's third turn ``third`` by the agent's ``reply``, after a first
    complaint the agent only asked a reference of (its mirror nudged), the reference given, and a policy in reply."""
    coach = _coach(*CUES_ONLY)
    coach.push(final("agent", "Hello, party hire, how can I help?", 0.0, utt="a1"))
    coach.push(final("customer", "Hi, the bouncy castle you delivered is torn along one side.", 2.0))
    coach.push(final("agent", "Can I have the booking number from your email?", 10.0, utt="a2"))
    coach.push(final("customer", "It's H P seven seven two.", 14.0, utt="c2"))
    coach.push(final("agent", "Our terms say any damage has to be reported within one hour of delivery.", 18.0))
    coach.push(final("customer", third, 25.0, utt="c3"))
    out = coach.push(final("agent", reply, 32.0, utt="a4"))
    return sorted(n.kind for n in out if isinstance(n, Nudge) and n.moment.startswith("c3:"))


UPSET_AGAIN = "We rang within ten minutes. You sent us a broken one and the birthday girl is in tears."
SORRY = "I'm so sorry, I'll see what the depot has left for this afternoon."


def test_a_later_complaint_told_with_feeling_is_answered_by_an_acknowledgement():
    assert _later(UPSET_AGAIN, SORRY) == []


def test_a_later_complaint_told_with_feeling_and_ignored_is_still_nudged():
    assert _later(UPSET_AGAIN, "I'll see what the depot has left for this afternoon.") != []


def test_a_later_complaint_told_calmly_still_asks_for_the_mirror():
    assert MIRROR in _later("We rang within ten minutes. You sent us a broken one.", SORRY)


# ---- what came back from the work still as bad (c633) -------------------------------------------------------------

STILL = [
    "Hello, we paid you eighty pounds to service the accordion and the low reeds are still out of tune.",
    "Hi, the bathroom door you rehung last week is still crooked and it scrapes the tiles.",
]
NOT_STILL = [
    "Hello, is the workshop still open on Saturdays? I'd like to drop a cello off.",
    "Hi, I'm still flat out at work, so could the fitter come on Saturday instead?",
]


@pytest.mark.parametrize("customer", STILL)
def test_a_job_come_back_still_bad_is_a_complaint(customer):
    assert MIRROR in _reply(customer, BUSINESS, _coach(*CUES_ONLY))


@pytest.mark.parametrize("customer", NOT_STILL)
def test_still_said_of_no_fault_is_no_complaint(customer):
    assert MIRROR not in _reply(customer, BUSINESS, _coach(*CUES_ONLY))
