"""Session 29 (Q27): listening classes, each tested with wordings written for this test (not the calls' sentences),
with look-alikes that must not change:

- an acknowledgement taken back in the same turn, by a calm-down phrase or a dismissal after it ("I hear you, but
  that's just the policy"), is no good listening: it covers no later upset turn and answers no loss for the mirror;
  one followed by an offer or a plain "but we can't ... , let's ..." still listens;
- acknowledgements of new families: the agent would feel the same in the customer's place ("I'd be just as annoyed
  in your shoes"), the news named as unwelcome ("I know that's not what you wanted to hear");
- the complaint told back in the agent's own words behind a frame that says so ("Just so I'm clear, ...", "Let me
  make sure I've understood: ...") is a mirror; a frame that opens a question is not."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.language.config import load_language_config
from coach.language.listening import acknowledges, listens, undone
from coach.language.patterns import compile_patterns
from coach.types import Nudge, Withdrawal
from tests.test_language_listening_q26 import CARING, CUES_ONLY, DEATH
from tests.test_language_q21_classes import _reply
from tests.test_language_q22_classes import _coach
from tests.test_language_rules import final

MIRROR, ACK = "mirror_complaint", "acknowledge_feelings"
ACKS = compile_patterns(load_language_config().acknowledge_feelings.acknowledgements)

UPSET = "I'm absolutely livid, the bouncy castle never turned up and twenty kids are stood in my garden crying!"
BUSINESS = "What's the booking reference, please?"

# ---- an acknowledgement taken back in the same turn ---------------------------------------------------------------

UNDONE = [
    "I can hear how upset you are, but that's just the policy.",
    "I'm really sorry, but there's nothing we can do about it now.",
    "I understand you're frustrated, but you need to calm down.",
    "I can see why you're angry. Rules are rules though.",
    "That sounds stressful, however I can't do anything about the courier.",
    "No wonder you're cross, but honestly you're overreacting a bit.",
]
STILL_LISTENS = [
    "I'm so sorry, that sounds awful. Let me sort it out.",
    "I completely understand, but we can't refund without the receipt, so let's find another way.",
    "I understand how frustrating that is. It's not your fault, it's our system.",
    "That sounds really stressful. But I can't promise Tuesday, I can do Wednesday.",
    "I'm sorry, I know that's not what you wanted to hear. I'll ring the depot myself.",
]


@pytest.mark.parametrize("agent", UNDONE)
def test_an_acknowledgement_taken_back_is_no_listening(agent):
    assert acknowledges(agent, ACKS) and undone(agent, ACKS) and not listens(agent, ACKS)


@pytest.mark.parametrize("agent", STILL_LISTENS)
def test_an_acknowledgement_followed_by_an_offer_still_listens(agent):
    assert listens(agent, ACKS) and not undone(agent, ACKS)


def _second_upset(answer: str) -> list[str]:
    """The acknowledgement nudges standing after the agent answers a first upset turn with ``answer`` and a second
    upset turn (well inside ``acknowledged_recently_s``) with business."""
    coach = LanguageCoach()
    out: list = []
    out += coach.push(final("agent", "Party Hire, Dev speaking.", 0.0, utt="a1"))
    out += coach.push(final("customer", UPSET, 3.0, utt="c1"))
    out += coach.push(final("agent", answer, 10.0, utt="a2"))
    second = "And now my daughter's in tears, I'm so upset I can't even think straight."
    out += coach.push(final("customer", second, 15.0, utt="c2"))
    out += coach.push(final("agent", BUSINESS, 22.0, utt="a3"))
    taken = {w.moment for w in out if isinstance(w, Withdrawal)}
    return [n.moment for n in out if isinstance(n, Nudge) and n.kind == ACK and n.moment not in taken]


@pytest.mark.parametrize("answer", UNDONE[:2])
def test_an_acknowledgement_taken_back_covers_no_later_upset(answer):
    assert any(m.startswith("c2") for m in _second_upset(answer))


@pytest.mark.parametrize("answer", STILL_LISTENS[:2])
def test_an_acknowledgement_kept_covers_the_later_upset(answer):
    assert not any(m.startswith("c2") for m in _second_upset(answer))


def test_a_loss_acknowledged_then_dismissed_still_asks_for_the_mirror():
    dismissed = "Oh, I'm so sorry to hear that, but there's nothing we can do, the dates are fixed."
    assert MIRROR in _reply(DEATH, dismissed, _coach(*CUES_ONLY))
    assert _reply(DEATH, CARING, _coach(*CUES_ONLY)) == []


# ---- acknowledgements of new families ----------------------------------------------------------------------------

SAME_IN_YOUR_PLACE = [
    "I'd be just as annoyed in your shoes, honestly.",
    "In your position I'd be fuming.",
    "I'd have been cross as well, that's a long wait.",
    "If it was me I'd feel exactly the same.",
]
UNWELCOME_NEWS = [
    "I know that's not what you wanted to hear.",
    "It's not the news you were hoping for, I'm afraid.",
    "This isn't the answer you needed to hear today.",
]
LOOK_ALIKES = [
    "That's not what you ordered, is it?",
    "That's not what you want, you want the blue one.",
    "That's not the answer you were looking for on the form.",
    "That's what you wanted to hear, isn't it?",
    "I'd be happy to look into that.",
    "I'd be surprised if it's more than a tenner.",
]


@pytest.mark.parametrize("agent", SAME_IN_YOUR_PLACE + UNWELCOME_NEWS)
def test_new_acknowledgement_families(agent):
    assert acknowledges(agent, ACKS)


@pytest.mark.parametrize("agent", LOOK_ALIKES)
def test_acknowledgement_look_alikes(agent):
    assert not acknowledges(agent, ACKS)


@pytest.mark.parametrize("agent", SAME_IN_YOUR_PLACE[:2] + UNWELCOME_NEWS[:2])
def test_a_new_family_answers_an_upset_turn(agent):
    assert ACK not in _reply(UPSET, agent + " Let me find your booking.")


# ---- the complaint told back behind a frame that says so, in the agent's own words ------------------------------

COAT = (
    "Hi, I picked my coat up from your dry cleaners yesterday and there's a big brown stain right across the back"
    " that wasn't there before."
)
FRAMED = [
    "So if I've got this right, it's come back from us with a mark on it that wasn't there before. What's the ticket?",
    "Let me make sure I've understood: you dropped it off clean and it came back dirty. What's the ticket number?",
    "Just so I'm clear, the garment went in spotless and came out marked. What's the ticket number?",
    "In other words it went in fine and we've spoiled it. Ticket number please?",
    "Let me play that back to you, the jacket left here soiled when it arrived clean. Ticket number?",
]
FRAME_THEN_BUSINESS = [
    "Just so I'm clear, can I take the ticket number?",
    "Just so we're on the same page, which branch was it?",
    "What's the ticket number please?",
]


@pytest.mark.parametrize("agent", FRAMED)
def test_a_framed_telling_back_in_other_words_is_a_mirror(agent):
    assert MIRROR not in _reply(COAT, agent, _coach(*CUES_ONLY))


@pytest.mark.parametrize("agent", FRAME_THEN_BUSINESS)
def test_a_frame_that_opens_business_is_no_mirror(agent):
    assert MIRROR in _reply(COAT, agent, _coach(*CUES_ONLY))
