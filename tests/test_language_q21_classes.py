"""Session 23, second round (Q21): the twenty-second part's listening misses and false nudges, as classes, each tested
with wordings written for this test (not the calls' sentences), with controls that still nudge:

- a complaint word heard with its first sound lost ("keeps sticking" heard "keeps ticking", quiet c523): the agent's
  restatement saying the right word tells it back (with an acknowledgement, two words of the turn are enough);
- the agent sharing a calm customer's good news ("Great to hear", quiet c524, to "We've got enough regulars for a
  team at last" rated a feeling) acknowledges the delight the feeling head heard;
- a bereavement told with no feeling word ("It was for my wife's memorial garden", c516) is a feeling to acknowledge;
- a reply whose final the recogniser cut short mid-sentence ("Perhaps the" for a 3.7 s turn, c516) is still a reply."""

from __future__ import annotations

import dataclasses

import pytest

from coach.language import LanguageCoach
from coach.language.config import load_language_config
from coach.language.listening import shared_roots
from coach.types import Nudge, Withdrawal
from tests.test_language_rules import final, kinds, run

GREETING = "Hello, thanks for calling, how can I help?"
MIRROR, ACK = "mirror_complaint", "acknowledge_feelings"


def _reply(customer: str, agent: str, coach: LanguageCoach | None = None) -> list[str]:
    """The listening kinds still standing after the agent's reply ``agent`` to the customer's turn ``customer``,
    heard word by word (each partial holds the words so far, all but the last two committed), then as a final."""
    coach = coach or LanguageCoach()
    coach.push(final("agent", GREETING, 0.0, utt="a1"))
    coach.push(final("customer", customer, 3.0, utt="c1"))
    words, out = agent.split(), []
    for k in range(1, len(words) + 1):
        e = final("agent", " ".join(words[:k]), 20.0, utt="a2")
        out += coach.push(dict(e, final=False, stable=max(0, k - 2)))
    out += coach.push(final("agent", agent, 20.0, utt="a2"))
    taken = {w.moment for w in out if isinstance(w, Withdrawal)}
    return sorted(n.kind for n in out if isinstance(n, Nudge) and n.kind in (MIRROR, ACK) and n.moment not in taken)


# ---- a complaint word heard with its first sound lost (c523) ---------------------------------------------------

DRAIN = (
    "Hello, it's Mo Patel, you fitted a new tap in my kitchen on Tuesday, but the drain keeps locking up and I've got"
    " people coming for dinner on Friday, I'm really stressed."
)
MOWER = (
    "Hi, it's Jo Reid, you serviced my mower last week and I collected it Saturday, but the blade keeps parking"
    " against the deck, I'm so fed up."
)
SLIPS = [
    (DRAIN, "So the kitchen sink's blocking, with guests due at the weekend. I can hear how worrying that is."),
    (MOWER, "So the mower's sparking now. I can see why that's frustrating, that's not right."),
]
OTHER_WORDS = [
    (DRAIN, "So the kitchen sink's playing up, with guests due at the weekend. I can hear how worrying that is."),
    (MOWER, "So the mower's acting up now. I can see why that's frustrating, that's not right."),
]


@pytest.mark.parametrize(("customer", "agent"), SLIPS)
def test_a_restatement_saying_the_word_the_recogniser_lost_a_sound_of_tells_the_complaint_back(customer, agent):
    assert _reply(customer, agent) == []


@pytest.mark.parametrize(("customer", "agent"), OTHER_WORDS)
def test_a_restatement_in_other_words_sharing_one_word_still_misses_the_complaint(customer, agent):
    assert _reply(customer, agent) == [MIRROR]


def test_words_a_first_sound_apart_are_shared_and_short_or_unrelated_words_are_not():
    assert shared_roots("the seam keeps plitting open", "it's splitting") == 1  # "splitting" heard "plitting"
    assert shared_roots("the gate keeps licking shut", "it's slicking") == 1
    assert shared_roots("the lid keeps topping up", "it's stopping") == 0  # "top": under four letters
    assert shared_roots("the hinge keeps ticking", "it's kicking") == 0  # a different first sound, not a lost one
    assert shared_roots("the pump keeps stopping", "it's stopping, it stops") == 1  # one word, counted once


# ---- the agent sharing a calm customer's good news (c524) ------------------------------------------------------


def _head_opens_any() -> LanguageCoach:
    """A coach whose feeling head opens a moment on any sentence of the customer's two opening turns (so only the
    rules decide)."""
    base = load_language_config()
    ack = dataclasses.replace(base.acknowledge_feelings, model_threshold=0.0, later_model_threshold=1.1)
    return LanguageCoach(dataclasses.replace(base, acknowledge_feelings=ack))


NEWS = [
    "Morning, it's Priya from the Red Lion quiz night. We've finally got our own team sorted, six of us.",
    "Hiya, it's Dev. The bank said yes to the loan at last, so we'd like to book the conversion.",
]


@pytest.mark.parametrize("customer", NEWS)
@pytest.mark.parametrize(
    "agent", ["Great to hear, the entry form is on our website.", "Oh, congratulations! Let me take a few details."]
)
def test_sharing_the_good_news_acknowledges_a_calm_customers_delight(customer, agent):
    assert ACK not in _reply(customer, agent, _head_opens_any())


@pytest.mark.parametrize("customer", NEWS)
def test_a_reply_going_straight_to_business_still_misses_it(customer):
    assert ACK in _reply(customer, "Right, the entry form is on our website, what's your postcode?", _head_opens_any())


def test_gladness_does_not_answer_a_feeling_a_cue_names_or_one_told_with_a_but_or_a_tense_voice():
    worried = "Hello, it's Dev. I'm really worried the loan won't come through in time."
    assert ACK in _reply(worried, "Great to hear, can I take your postcode?", _head_opens_any())
    hedged = "Hiya, it's Dev. The bank said yes at last, but the builder has pulled out."
    assert ACK in _reply(hedged, "Great to hear, can I take your postcode?", _head_opens_any())
    tense = _head_opens_any()
    tense.set_customer_upset("tense")
    assert ACK in _reply(NEWS[1], "Great to hear, can I take your postcode?", tense)


# ---- a bereavement told with no feeling word (c516) -----------------------------------------------------------

LOSSES = [
    "Hello, the bench in memory of my husband went in on Monday, and the plaque came with the wrong year on it.",
    "Hi, it's the vase for my mum's grave, and it arrived with a crack down the side.",
    "Morning, we ordered the rose in loving memory of our son and it's arrived dead in the pot.",
]


@pytest.mark.parametrize("customer", LOSSES)
def test_a_bereavement_told_without_a_feeling_word_asks_for_an_acknowledgement(customer):
    assert ACK in _reply(customer, "Can I take the order number, please?")
    assert ACK not in _reply(customer, "Oh, I'm so sorry for your loss. Can I take the order number, please?")


@pytest.mark.parametrize(
    "customer",
    [
        "Hello, we're the parish council, the war memorial in the square needs its lettering cleaned.",
        "Hi, I'm booking the memorial hall for the Saturday, the one on Church Lane.",
    ],
)
def test_a_memorial_that_is_nobodys_loss_is_no_feeling(customer):
    assert ACK not in _reply(customer, "Can I take the order number, please?")


# ---- a reply the recogniser cut short (c516) -------------------------------------------------------------------

SAD = "It's for my dad's funeral on Friday and the flowers haven't come."


def _short_reply(agent: str, dur: float) -> list[str]:
    coach = LanguageCoach()
    out = run(final("agent", GREETING, 0.0), final("customer", SAD, 3.0), coach=coach)
    out += run(final("agent", agent, 20.0, dur), coach=coach)
    return [k for k in kinds(out) if k == ACK]


def test_a_long_reply_cut_short_mid_sentence_is_judged():
    assert _short_reply("Maybe the", 3.5) == [ACK]


@pytest.mark.parametrize(("agent", "dur"), [("Maybe the", 1.0), ("Yes.", 4.0), ("Right,", 3.5)])
def test_a_short_turn_or_a_whole_word_said_slowly_is_no_reply(agent, dur):
    assert _short_reply(agent, dur) == []
