"""Session 33 (C3): accents folded before any rule reads a word, and the calm-downs and goodbyes that need it (issue 9).

The tokeniser (``coach.language.patterns.WORD``) took only unaccented letters, so "cálmate" was two tokens, "c" and
"lmate", and no rule saw it. Now a word of a Latin alphabet is one token whatever its accents, and ``fold`` writes it
plainly ("calmate"), in one place, so every rule (and every pattern, parsed through the same tokens) reads plain
letters. Classes (wording fresh, none copied from the calls or the lists):

- calm-downs of other languages said in English calls, with their accents or without ("cálmese", "tranquilícese",
  "no se altere", "acalme-se", "restez calme", "si calmi", "ganz ruhig", "uspokój się", "sakinleşin");
- look-alikes: accented names, places, dishes and products, which folding must not make fire; a place named with a
  calm word first ("the Hotel Tranquilo"); the agent's own calm ("I'm tranquilo about it");
- goodbyes with accents ("adiós", "à bientôt", "tschüss", "até logo", "hasta la próxima", "bis später", "hej då",
  "güle güle") as the turn's last words; not those words mid-call, the call going on;
- the thirty-second part's (c742-c765, tuning since the lead's flip) and list AD's missed classes: "yourself" heard
  "your health" ("stop working your health into a ..."), "all of a lather", the mind or the head kept calm or cool,
  "jai yen yen", "don't upset yourself", the energy brought down, "less heatedly", "be still a moment", "settle a
  moment", "dinnae fash", "divvent git aw worked up", flying off the handle stopped; their look-alikes ("hard to
  breathe", "room to breathe", "it holds not to breathe" as c762's words were heard, a "Deep Relax" range); goodbyes
  "take it handy", "doei", "annyeonghi gaseyo"; "she'll be right" closing after the customer's thanks and one short
  remark ("Thank you. The account number is on the form." as c755 ends); one step of several done mid-call.
"""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.language.patterns import fold, word_tokens
from coach.language.text import sentences
from coach.types import seconds_to_samples
from tests.test_language_g11_closing import CLOSE, closes, started
from tests.test_language_l29 import after
from tests.test_language_rules import final, kinds, run
from tests.test_language_wording import closing_false, closing_recall, kinds_fired, scores

CALM = "avoid_calm_down"


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("¡Cálmate, señora!", ("calmate", "senora")),
        ("Tranquilícese por favor", ("tranquilicese", "por", "favor")),
        ("ca\u0301lmate", ("calmate",)),  # written decomposed: the accent a mark of its own
        ("Uspokój się", ("uspokoj", "sie")),
        ("Straße, Ærø, Łódź", ("strasse", "aero", "lodz")),
        ("Ça va, à bientôt", ("ca", "va", "a", "bientot")),
        ("don\u2019t, can't", ("don't", "can't")),
        ("Привет, calm down", ("calm", "down")),  # other scripts are not read, as before
        ("x \u0301 y", ("x", "y")),  # a stray mark is no word
        ("No accents at all, 3rd time", ("no", "accents", "at", "all", "3rd", "time")),
    ],
)
def test_accented_words_are_one_token_written_plainly(text, tokens):
    assert word_tokens(text) == tokens


def test_plain_words_fold_as_before():
    for word in ("Calm", "DON'T", "you\u2019re", "relaaax", "3rd"):
        assert fold(word) == word.lower().replace("\u2019", "'")


def test_a_sentence_keeps_one_spoken_word_for_each_accented_word():
    (s,) = sentences("Señora, cálmese, por favor.")
    assert s.spoken == ("Señora", "cálmese", "por", "favor")
    assert s.tokens == ("senora", "calmese", "por", "favor")


def test_the_nudge_starts_at_the_accented_word():
    """The words of an accented match line up with the recogniser's word dicts (one token a word, as the text)."""
    event = final("agent", "Señora, cálmese, por favor, I'm checking.", 10.0)
    (nudge,) = [n for n in LanguageCoach().push(event) if n.kind == CALM]
    assert nudge.start == seconds_to_samples(event["words"][1]["start"])


@pytest.mark.parametrize(
    "line",
    [
        "Cálmese, caballero, I'm reading the notes now.",
        "Please, tranquilícese, the order isn't lost.",
        "Tranquilizate, the driver's just running late.",
        "No se altere, I'll get the manager to ring you.",
        "No te pongas así, it's an easy fix.",
        "Acalme-se, por favor, I'm on the booking.",
        "Restez calme, s'il vous plaît, the form is saved.",
        "Si calmi, per favore, I'm looking at it.",
        "Ganz ruhig, bitte, the order is still open.",
        "Bleiben Sie ruhig, the refund has been issued.",
        "Uspokój się, it's only the delivery date.",
        "Sakinleşin, efendim, I'm moving the slot.",
        "Calma, señor, I'll go through the bill with you.",
    ],
)
def test_accented_calm_downs_are_flagged(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        "Your room at the Hotel Tranquila is booked for two nights.",
        "The Finca Calma shuttle leaves at nine.",
        "I'm muy tranquilo on timings, so pick whatever suits.",
        "José from the Málaga depot will bring the chairs.",
        "The Renée Blanc candles are back in stock.",
        "The café's crêpe pan is on back order until March.",
        "The Ruhig dehumidifier is the quiet one, yes.",
    ],
)
def test_accented_look_alikes_stay_quiet(line):
    assert kinds_fired(line) == set()


@pytest.mark.parametrize(
    "turn",
    [
        "Lovely, that's sorted, adiós.",
        "Brilliant, à bientôt, madame.",
        "Okay, tschüss.",
        "That's you booked, hasta la próxima.",
        "Perfect, até logo.",
        "Cheers, hej då.",
        "Grand, güle güle.",
        "Great, bis später.",
    ],
)
def test_accented_goodbyes_close(turn):
    assert closes(turn)


@pytest.mark.parametrize(
    "turn",
    [
        "Adiós Tacos is the name on the order, and the postcode there?",
        "The Bis Später removals van is booked, so the next thing is the deposit.",
        "Hasta la próxima is on the receipt, it's just the shop's sign-off, now the card number?",
    ],
)
def test_accented_goodbye_words_mid_call_do_not_close(turn):
    assert not closes(turn)


@pytest.mark.parametrize(
    "line",
    [
        "Stop working your health up into a state, it's one invoice.",
        "You're all of a lather, there's no need to be all of a panic.",
        "Calm your nerves a moment, sir, I'm reading it.",
        "Keep a level head, please, we'll get there.",
        "Jai yen, sir, the van's coming.",
        "Don't go upsetting yourself, it's sorted.",
        "Turn the heat down a notch, please, and we'll look at it.",
        "Can we talk about this a little less aggressively.",
        "Be still a second, I'm reading the note.",
        "Could you settle for a minute, please.",
        "Enough flying off the handle, sir.",
        "Don't fash yourself, it's all in hand.",
    ],
)
def test_the_thirty_second_parts_calm_down_classes_are_flagged(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        "It's a little heavier but it holds not to breathe.",  # c762's words as heard
        "The kiln needs space to breathe, so keep the door clear.",
        "It's impossible to breathe in there with the fumes, so we vent it first.",
        "The Cloud Calm duvet is the lighter one.",
        "Look after your health, the fitter will carry it up.",
        "The water will be still once the pump is off.",
        "I keep a calm head in these calls, honestly.",
        "Dinna fash, I'll ring the depot for you.",  # "don't worry" (list X): "dinna fash yersel" is the family's
        "Don't work yourself too hard at the weekend.",
    ],
)
def test_their_look_alikes_stay_quiet(line):
    assert CALM not in kinds_fired(line)


def test_take_it_handy_and_other_goodbyes_close_and_a_step_done_goes_on():
    assert closes("Lovely, take it handy.")
    assert closes("Okay, doei doei.")
    assert closes("Great, annyeonghi gyeseyo.")
    assert closes("Lovely, mā te wā.")
    assert not closes("Right, so that's the first bit done, now the paperwork.")
    assert closes("Right, that's the last bit done then.")


@pytest.mark.parametrize(
    ("customer", "turn", "closed"),
    [
        ("Thank you. I'll leave the key under the mat.", "No worries, she'll be right.", True),  # c755's class
        ("Thanks very much.", "Sweet as, she'll be apples.", True),
        ("Thank you. Can you send the manual as well?", "No worries, she'll be right.", False),  # a question
        (
            "Thanks. The old one is still in the hall and the new one has a dent in the side panel.",
            "No worries, she'll be right.",
            False,  # a story after the thanks, not one short remark
        ),
        ("The van came late.", "No worries, she'll be right, we'll send another out tomorrow.", False),
    ],
)
def test_she_will_be_right_closes_after_the_customers_thanks_and_one_short_remark(customer, turn, closed):
    assert after(customer, turn) is closed


@pytest.mark.parametrize(
    "customer",
    [
        "It only says the make and the colour. That's all it says.",  # reading a paper out (c751's class)
        "They gave me a number to ring. That's all I was told.",
        "The screen shows the balance and the date, that's all it shows.",
    ],
)
def test_that_is_all_reading_out_what_something_says_is_no_goodbye(customer):
    coach = started()
    out = run(final("customer", customer, 13.0), ticks=(30.0, 40.0), coach=coach)
    assert CLOSE not in kinds(out)


def test_the_c3_list_scores():
    """The list tuning_c3 (tests/data/language_wording): calm-downs 1.00 / 1.00, goodbyes 1.00, mid-call 0."""
    recall, precision = scores("tuning_c3")[CALM]
    assert recall >= 0.95 and precision >= 0.95
    assert closing_recall("tuning_c3") >= 0.95
    assert closing_false("tuning_c3") == 0.0
