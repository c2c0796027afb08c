"""Session 32 (C2): the calm-down family and goodbyes in idioms no family held (issue 9 language recall).

Classes (wording fresh, none copied from the calls or the lists):

- calm-down: the temperature, heat or volume of the talk lowered ("lower the temperature of this call", "cool things
  down", "take some of the heat out of this"); "no point / no sense (you) getting in a flap / stew / tizzy"; the
  feelings moderated, tempered, regulated, reined in, managed (formal registers), or kept from getting the better of
  the customer; calm-down words of other languages and pidgins said in English calls ("take am easy", "sakin ol",
  "doucement", "stai tranquillo", "tranquilo", "aram se", "don't take tension"); the idioms of agitation said of the
  customer ("all of a fluster", "off at the deep end", "feathers all ruffled", "overwrought", "het up", "wound up",
  "in a right state"), "a lather" heard "the ladder";
- its look-alikes: a break or a product named for the family ("the Calm Down Weekend"), someone else who tells the
  customer to relax, the agent's or a third person's own state, the feeling acknowledged ("I can hear you're all of
  a fluster"), "a state of", "wound up with", the deep end of a pool, a thermostat's temperature, a hob's heat;
- goodbyes of other languages said in English calls ("kwaheri", "Allah hafiz", "auf Wiedersehen", "hasta luego"),
  formal and slang farewells ("good day to you", "peace out", "fare thee well"), "ta ta" heard "tah tah", "talk soon"
  heard "talk to me" after the customer settled on a next step ("I'll email it tonight"), the booked day confirmed
  as the close after the customer's thanks ("Friday it is then"), thanks in other languages as the customer's
  thanks; not "without further adieu", "peace of mind", a day confirmed while the call goes on, "talk to me" asking
  the customer to go on.
"""

from __future__ import annotations

import pytest

from coach.language.closing import _ends_on_thanks
from tests.test_language_g11_closing import closes
from tests.test_language_l29 import after
from tests.test_language_wording import kinds_fired

CALM = "avoid_calm_down"


@pytest.mark.parametrize(
    "line",
    [
        "Can we lower the heat of this discussion, please.",
        "Let's all calm things down a little before the next bit.",
        "We should take a bit of the heat out of the conversation.",
        "I need us to turn the heat down before we look at the invoice.",
        "It's no good you getting in a lather about the parcel.",
        "There's no sense you getting all het up, it's one form.",
        "I'd ask you to moderate your behaviour on this call.",
        "Please restrain your anger, sir.",
        "Try not to let your frustration run away with you.",
        "Take am easy, oga, I dey check am.",
        "Sakin olun, please, we'll sort it out.",
        "Tranquila, senora, let me see.",
        "Aaram se, sir, I'm checking now.",
        "You're all in a flap, love.",
        "You sound all het up, madam.",
        "Don't go off at the deep end, the money's safe.",
        "Your feathers are all ruffled, sir.",
        "No use getting in the ladder about it, we'll replace it.",  # "a lather" as heard
        "Right, bring the temperature down before we talk money.",
        "No need to go blowing your top, it's one parcel.",
        "Don't be having kittens, sir, it's booked.",
        "Let's lower the vibe a bit, shall we.",
        "Stop all the tutting, please, I'm looking.",
        "Don't grow so cross with me.",
    ],
)
def test_the_calm_down_classes_nudge(line: str) -> None:
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        "The Chill Out Weekend package includes breakfast.",
        "If your neighbour tells you to relax about the smell, still ring us.",
        "She was all of a fluster when the van came.",
        "I can see you're in a right state, and I'd be the same.",
        "It's been left in a state of neglect, I'm afraid.",
        "You wound up paying the fee twice, so I'll refund one.",
        "The filter sits at the deep end of the pond.",
        "Set the temperature of the hot tub to thirty eight.",
        "There's no point you ringing back, I'll call you.",
        "Lower the heat after it boils and leave it ten minutes.",
        "We'll cool down the compressor before we open it.",
        "Relax, your money's protected.",
        "Breathe through the mask, the nurse will count.",
        "Turn the temperature down to eighteen at night.",
    ],
)
def test_the_look_alikes_stay_quiet(line: str) -> None:
    assert CALM not in kinds_fired(line)


@pytest.mark.parametrize(
    "turn",
    [
        "Lovely, all sorted, kwaheri.",
        "Right, that's booked, Allah hafiz.",
        "Okay then, auf Wiedersehen.",
        "Brilliant, hasta luego.",
        "Good day to you, madam.",
        "That's you sorted, peace out.",
        "Fare ye well, then.",
        "Lovely, tah tah.",  # "ta ta" as heard
        "Copy that, over and out.",
    ],
)
def test_goodbyes_of_other_languages_and_registers_end_the_call(turn: str) -> None:
    assert closes(turn)


@pytest.mark.parametrize(
    "turn",
    [
        "So without further adieu, the quote comes to two hundred.",
        "The warranty gives you peace of mind, and the next thing is the survey.",
        "Right, Tuesday it is, and can I take the postcode?",
    ],
)
def test_mid_call_look_alikes_are_no_close(turn: str) -> None:
    assert not closes(turn)


@pytest.mark.parametrize("customer", ["Tuesday suits me. Thank you so much.", "That's perfect, asante sana."])
def test_the_booked_day_confirmed_after_thanks_ends_the_call(customer: str) -> None:
    assert after(customer, "Okay, Tuesday it is then.")


def test_the_booked_day_confirmed_mid_call_is_no_close() -> None:
    assert not after("And what time would the fitter come?", "Okay, Tuesday it is then.")


@pytest.mark.parametrize("text", ["Lovely, shukriya.", "Friday is fine, merci beaucoup.", "Okay, gracias."])
def test_thanks_in_other_languages_end_a_customer_turn_on_thanks(text: str) -> None:
    assert _ends_on_thanks(text)


@pytest.mark.parametrize("customer", ["I'll post it in the morning.", "I'll ring them tomorrow."])
def test_talk_soon_heard_as_talk_to_me_after_a_next_step_settled_ends_the_call(customer: str) -> None:
    assert after(customer, "Great, talk to you.")
    assert after(customer, "Cool, talk to me.")


@pytest.mark.parametrize(
    ("customer", "turn"),
    [
        ("The boiler keeps cutting out.", "Okay, talk to me."),
        ("I'll post it in the morning.", "Okay, talk to me, what went wrong with it?"),
        ("I'll ring them tomorrow. Is that okay?", "Cool, talk to me."),
    ],
)
def test_talk_to_me_mid_call_is_no_close(customer: str, turn: str) -> None:
    assert not after(customer, turn)
