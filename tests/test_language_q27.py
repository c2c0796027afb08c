"""Session 29 (Q27): listening classes, each tested with wordings written for this test (not the calls' sentences),
with look-alikes that must not change:

- a reply to an upset turn that says a calm-down phrase and no acknowledgement (c632's "you'll give yourself a
  nosebleed carrying on like that") is left to the calm-down nudge: the acknowledgement nudge its first words caused
  is taken back; a plain business reply is still nudged;
- an acknowledgement taken back in the same turn, by a calm-down phrase or a dismissal after it ("I hear you, but
  that's just the policy"), is no good listening: it covers no later upset turn and answers no loss for the mirror;
  one followed by an offer or a plain "but we can't ... , let's ..." still listens;
- acknowledgements of new families: the agent would feel the same in the customer's place ("I'd be just as annoyed
  in your shoes"), the news named as unwelcome ("I know that's not what you wanted to hear")."""

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

# ---- a calm-down reply with no acknowledgement (c632) ------------------------------------------------------------

CALM_DOWN_REPLIES = [
    "Whoa, whoa, there's no need to shout at me, I'll pull the booking up.",
    "Okay okay, settle down a minute and let me look at the van sheet.",
    "Alright, keep your hair on, I'm checking the driver's route now.",
    "Right, simmer down a bit and give me the postcode.",
]


@pytest.mark.parametrize("agent", CALM_DOWN_REPLIES)
def test_a_calm_down_reply_leaves_the_feeling_to_the_calm_down_nudge(agent):
    assert ACK not in _reply(UPSET, agent)


def test_a_business_reply_to_the_same_turn_is_still_nudged():
    assert ACK in _reply(UPSET, BUSINESS)


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
