"""Session 34 (C4): the calm-down family, goodbyes and closings of list AE and the thirty-third part (issue 9).

Classes (wording fresh, none copied from the calls or the lists; list AE itself not read, only its FLOORS comment):

- calm-downs: the intensity brought down a number scale ("from a ten down to a three"), the frustration let go or
  the customer grounded, "back it down a notch", the nerves steadied with any determiner, asked not to be so cross,
  slang aimed at the agent ("don't get snippy with me"), "settle it down", the brakes pumped on the shouting, "there's
  no call to" as "no need to", "go nuclear" heard "do nuclear", and calm-downs of other languages as a recogniser
  spells them (Russian, Hungarian, Indonesian / Malay, Mandarin, Japanese, Korean, Greek, Afrikaans);
- their look-alikes: someone else who will say the words (a nurse), a breath held for a procedure, the fitters' own
  noise kept down, a corner named for chilling out, a place named with a calm word of another language;
- goodbyes followed by a term of address and a short remark, praise or wish ("caller, you've been a star"), "over
  and out", goodbyes of other languages, "that's us done", "that's you pencilled in", "till Tuesday then", "I'll
  leave you in peace", luck wished to someone the call was about; their mid-call look-alikes;
- a customer's story the recogniser ended on a farewell (c772's "... sits right We'll see you next time."): no close.
"""

from __future__ import annotations

import pytest

from coach.language.closing import ADDRESS_TERMS, GLUED_GOODBYE_WORDS, _past_address
from tests.test_language_g11_closing import CLOSE, closes, started
from tests.test_language_l29 import after
from tests.test_language_rules import final, kinds, run
from tests.test_language_wording import closing_false, closing_recall, kinds_fired, scores

CALM = "avoid_calm_down"


@pytest.mark.parametrize(
    "line",
    [
        "Let's take it from a ten down to a two, sir, and I'll check the slot.",
        "Could we bring things from an eleven to about a four, please.",
        "Let the irritation drift off for a moment, madam, I've got the file.",
        "Can we ground ourselves a second and go through the bill.",
        "Back it down a peg, please, I'm looking now.",
        "Steady them nerves, the parcel's safe.",
        "Can you please not be so cross with me, I'm new here.",
        "Don't get crabby with me, the van is booked.",
        "I'm going to ask you to calm it down before I go on.",
        "Okay, pump the brakes on the yelling for me so I can look.",
        "Whack the brakes on the attitude, mate, I'm helping.",
        "There's no call to panic, it's one missed slot.",
        "There's no call to do nuclear on me over a parcel.",
        "Uspokoytes, sir, the refund is processing.",
        "Nyugi, madam, the room is still yours.",
        "Tenang saja, the driver has your number.",
        "Lengjing yidian, please, I'm on the booking.",
        "Ochitsuite, the order is not lost.",
        "Chimchakhaseyo, the seat is reserved.",
        "Bedaar nou, the cover is still active.",
        "Okay, to pump the brakes on the hullering for me, so I can pull up the vehicle.",  # c768's words as heard
        "Mr. Prude, there's no call to do nuclear on me over a fountain, will you get it forward?",  # c768 as heard
    ],
)
def test_list_ae_and_the_thirty_third_parts_calm_down_classes_are_flagged(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        "The radiographer will say take a deep breath and keep still for the picture.",
        "Breathe in and hold it while the scanner goes round.",
        "Take one deep breath and blow steadily into the mouthpiece.",
        "The plasterers will keep the noise down until the kids are up.",
        "The chill out area has free water and phone chargers.",
        "Tulia Lodge is a short walk from the beach.",
        "Tenang Villas have a pool and a shuttle.",
        "The score went from a ten to a four after the update, so we're fixing the app.",
        "Pump the brakes a few times before you bleed the line.",
        "There's no call to the depot logged yet, so I'll ring them now.",
        "The nerves in your back are what the scan looks at.",
        "Ground yourself before you touch the circuit board.",
    ],
)
def test_their_look_alikes_stay_quiet(line):
    assert CALM not in kinds_fired(line)


@pytest.mark.parametrize(
    "turn",
    [
        "Catch you later, caller, you've been brilliant.",
        "Take care, madam, everything's booked in.",
        "Cheerio, love, it's all sorted now.",
        "Over and out, good buddy.",
        "Goodbye, sir, break a leg on the night.",
        "Bye now, pal, keep safe on the roads.",
        "Sampai jumpa lagi, sir, see you at the marina.",
        "Okay, paalam po.",
        "Great, yassou.",
        "Lovely, that's us sorted.",
        "Lovely, that's you pencilled in, safe home.",  # c770's line as scripted
    ],
)
def test_goodbyes_with_an_address_and_a_remark_and_other_goodbyes_close(turn):
    assert closes(turn)


@pytest.mark.parametrize("turn", ["Okay, till Friday then.", "Right, I'll leave you to your evening."])
def test_wrap_ups_close_a_short_turn_after_a_settled_customer(turn):
    assert closes(turn, settled=True)
    assert not closes(f"{turn} And the next thing is the deposit, which I'll take now.", settled=True)


@pytest.mark.parametrize(
    "turn",
    [
        "The cable comes over and out through the skirting, so we'll clip it.",
        "Take care, madam, when you lift the lid, the hinge is stiff, and then read me the code.",
        "Did she break a leg on the step? Then we'll need the incident form first.",
        "You've been so patient, now can I take the card number?",
        "Till Friday then the account stays frozen, and after that the fee drops.",
    ],
)
def test_their_mid_call_look_alikes_do_not_close(turn):
    assert not closes(turn)


def test_luck_wished_to_someone_the_call_was_about_closes_after_thanks():
    assert after("Lovely, thank you.", "Great, good luck to her on Saturday.")
    assert not after("Lovely, thank you.", "Good luck to her, and which size did she want?")


def test_terms_of_address_after_a_goodbye_are_skipped():
    words = ["bye", "now", "good", "buddy", "sir", "all", "done"]
    assert _past_address(words, 2) == 5
    assert _past_address(words, 5) == 5
    assert ("good", "buddy") in ADDRESS_TERMS


def test_a_story_the_recogniser_ended_on_a_farewell_is_no_close():
    story = " ".join(["and then the gate came off and the post went soft"] * 4)
    coach = started()
    out = run(final("customer", f"Well {story} right We'll see you next time.", 13.0), ticks=(30.0, 40.0), coach=coach)
    assert len(story.split()) > GLUED_GOODBYE_WORDS
    assert CLOSE not in kinds(out)
    coach = started()
    out = run(
        final("customer", "Right, that's lovely, thanks, see you next time.", 13.0), ticks=(30.0, 40.0), coach=coach
    )
    assert CLOSE in kinds(out)


def test_the_c4_list_scores():
    """The list tuning_c4 (tests/data/language_wording): calm-downs 1.00 / 1.00, goodbyes 1.00, mid-call 0."""
    recall, precision = scores("tuning_c4")[CALM]
    assert recall >= 0.95 and precision >= 0.95
    assert closing_recall("tuning_c4") >= 0.95
    assert closing_false("tuning_c4") == 0.0
