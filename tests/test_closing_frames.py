"""Closings by their shape (issue 9): a wrap-up frame (the business said done: "that's you <anything>", "you're all
set", "<day> it is") and a short sign-off of any words ending the turn's last sentence close the call, whatever
the goodbye is or however the recogniser heard it (``coach.language.closing._framed_sign_off``, session 38).

The unseen parts' missed closes were, part after part, a wrap-up and a regional or slang goodbye no table held, often
heard as other words; the tables caught each once it had been read. The wording below is our own: sign-offs that
no goodbye table holds (made up, or garbled the way the recogniser garbles), and mid-call lines where a frame is
followed by the business going on."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.language.closing import CUSTOMER_AFTER_WORDS, FRAMED_WRAP_UPS, ClosingRule, _by_as_bye, _framed_sign_off
from coach.language.config import load_language_config
from tests.test_language_rules import final
from tests.test_language_wording import CONFIG, closing_false, closing_fired, closing_recall


@pytest.mark.parametrize(
    "text",
    [
        # a frame, a detail, and a sign-off no table holds (invented or garbled)
        "Smashing, that's you on the van list for Thursday, ta-tee-bye.",
        "Right, you're all set for the fourteenth, hoo roo ya.",
        "Okay, Wednesday it is then, ka pai, ka kite.",
        "Lovely, that's you down for half nine, mind the road.",
        "Grand, that's all booked in, slan go foill.",
        "Nice one, we're all sorted, laterz dude.",
        "Champion, you're booked in for the morning, haste ye hame.",
        # the sign-off heard as other words
        "Awesome, you're all set for Saturday, take a busy.",
        "Tidy, that's you in the book for Tuesday then, who will for now.",
        "Brill, that's you pencilled in, save home.",
        # session 40 (C10): the classes behind list AK's missed goodbyes (our wording): a frame with no verb right
        # before the sign-off, the call or the job said complete, the matter left there, the work finished
        "Okay, you all set, cheerio.",
        "Sweet, y'all sorted then, adios.",
        "Right, job complete, toodle pip.",
        "Copy that, call completed, out.",
        "Grand, we'll leave it there so, mind yourself.",
        "Okay, it's all finished, shalom.",
    ],
)
def test_a_wrap_up_frame_and_any_short_sign_off_close(text):
    assert _framed_sign_off(text) is not None
    assert closing_fired(text)


@pytest.mark.parametrize(
    "text",
    [
        # the business goes on after the frame
        "You're all set, one more thing though.",
        "That's you booked in, and the deposit is fifty pounds.",
        "Right, that's you on the list, the engineer rings first.",
        "You're all set for Friday, just bring the old part.",
        "That's you sorted for the boiler, now the radiators.",
        "That's you booked for Monday, could you spell the street?",
        "Friday it is, what time suits?",
        "You're all set for the install, the fitter will bring the brackets and the cable.",
        # no frame: a short last clause alone is no close
        "I've put the order through for the blue one, lovely.",
        "The van left the depot at nine, cheers.",
        # a frame with the sign-off not the turn's end: the explanation goes on in another sentence
        "That's you sorted, hooroo. Actually, wait, the postcode's wrong.",
        # the frame far from the last clause: a long sentence going on
        "That's you in the system now and the engineer is coming on the Tuesday after the bank holiday, hooroo.",
    ],
)
def test_the_business_going_on_after_a_frame_is_no_close(text):
    assert _framed_sign_off(text) is None


def test_the_frames_are_patterns_of_words_not_of_goodbyes():
    # the frame is the wrap-up; no goodbye word is in it
    assert all("bye" not in frame for frame in FRAMED_WRAP_UPS)


def test_a_wish_said_twice_closes_on_the_one_that_ends_the_turn():
    # a tail cue's occurrence that ends the turn counts, not only its first ("fair winds" opens the line)
    assert closing_fired("Right, fair winds and a following sea to you.")
    assert not closing_fired("Smooth sailing from here is what the skipper said, once the wind drops.")


def test_we_talk_closes_as_a_goodbye_not_as_the_next_step_of_a_sequence():
    assert closing_fired("Alright, go well, my brother, we talk.")
    assert not closing_fired("Check the meter first, then we talk.")
    assert not closing_fired("Read the leaflet and then we'll talk.")


def test_the_tuning_list_of_session_38_goodbyes_and_mid_call_lines():
    # tests/data/language_wording/tuning_c8.toml: list AI's missed goodbyes as classes (our own wording), in sample
    assert closing_recall("tuning_c8") == 1.0
    assert closing_false("tuning_c8") == 0.0


def test_whispers_subtitle_farewell_glued_to_a_customer_turn_is_no_close():
    # the recogniser's "thanks for watching, see you next time" after a customer's words (c869 as heard, our wording)
    rule = ClosingRule(load_language_config().check_anything_else)
    glued = "The hinge squeaks when it's damp, and then it needs Thanks for watching, I'll see you next time,"
    assert rule._goodbye_ending(glued, CUSTOMER_AFTER_WORDS) is None
    assert rule._goodbye_ending("Lovely, thanks for your help, see you next time.", CUSTOMER_AFTER_WORDS) is not None


@pytest.mark.parametrize(
    "text",
    [
        # session 40 (C10): a frame with no verb followed by more words is a sentence going on
        "When you set it up, press reset.",
        "Y'all set the alarm when you leave, thanks.",
        "So you done the form already, great.",
        "Once the order completed, it drops off the list, right.",
    ],
)
def test_a_verbless_frame_with_words_after_it_is_no_close(text):
    assert _framed_sign_off(text) is None
    assert not closing_fired(text)


def test_check_you_later_is_a_goodbye_that_ends_the_turn():
    assert closing_fired("Okay, that's the lot, check ya later.")
    assert not closing_fired("I'll check you later in the queue and ring back.")


def _closes_after(customer: str, agent: str) -> bool:
    """Whether the agent's final ``agent``, answering the customer's ``customer`` (a request, not settled, no thanks)
    after an opening exchange, gets check_anything_else."""
    coach = LanguageCoach(CONFIG)
    out = coach.push(final("customer", "Hello, it's about the booking for Saturday.", 0.5))
    out += coach.push(final("agent", "Sure, let me pull that up for you now.", 3.0))
    out += coach.push(final("customer", customer, 6.0))
    out += coach.push(final("agent", agent, 10.0))
    return "check_anything_else" in {n.kind for n in out}


@pytest.mark.parametrize(
    ("heard", "read"),
    [
        # session 41 (C11): a goodbye heard as its homophone where no preposition can stand (c920's "Grand so, bye"
        # heard "I will run so by,"; our wording)
        ("I will run so by,", "I will run so bye,"),
        ("Okay then, buy.", "Okay then, bye."),
        ("Lovely, good by", "Lovely, good bye"),
        # second round: "bye now" heard "by now" as a clause of its own (c947 as heard; our wording)
        ("Okay, we're all squared away, you betcha, by now.", "Okay, we're all squared away, you betcha, bye now."),
        ("Right then, buy for now", "Right then, bye for now"),
        ("It should be with you by now.", "It should be with you by now."),
        # after a verb or with words after it, "by" is a preposition and stays
        ("No problem, I'll pop by.", "No problem, I'll pop by."),
        ("That's the written quote we go by.", "That's the written quote we go by."),
        ("Okay so by Friday it's fitted.", "Okay so by Friday it's fitted."),
    ],
)
def test_a_turn_ending_by_after_a_lead_is_read_as_bye(heard, read):
    assert _by_as_bye(heard) == read


def test_a_goodbye_heard_as_by_closes_a_turn_that_answers_a_request():
    request = "Please ring me about the cellist tomorrow either way."
    assert _closes_after(request, "I will. Right so, by.")
    assert _closes_after(request, "I will run so by,")
    for agent in ("I will, I'll pop by.", "I will, please stand by.", "I will, so by Friday you'll know."):
        assert not _closes_after(request, agent), agent


def test_see_thee_later_with_its_th_said_d_is_a_goodbye():
    # session 41 (C11), second round: list AL's missed goodbye as a class (our wording)
    assert closing_fired("Dat's you sorted, see dee later.")
    assert closing_fired("Right so, see yous later.")
    assert not closing_fired("You'll see them later in the app, under bookings.")


def test_see_thee_later_heard_see_me_later_ends_a_call_and_a_visit_asked_for_does_not():
    # session 42 (C12), first round: c896's "see thee later" heard "See me later." as a class (our wording)
    assert closing_fired("Lovely, that's you all set, see me later.")
    assert closing_fired("Right, all done now, see me later then.")
    assert not closing_fired("If the light stays on, come and see me later.")
    assert not closing_fired("Drop by the desk and see me later.")


def test_scots_and_caribbean_goodbyes_close():
    # session 42 (C12), second round: list AM's missed goodbyes as classes (our wording)
    assert closing_fired("Right, that's you sorted, aw the best.")
    assert closing_fired("Sorted, cheers the noo.")
    assert closing_fired("Okay den, tek care now.")
    assert not closing_fired("Tek care with the ladder when you climb up to check the meter, it's wobbly.")


def test_see_you_inside_a_sentence_is_no_goodbye_now_thee_reads_as_you():
    # session 42 (C12): "thee" is "you" since 8077cba, so a closing cue "see thee" matched any "see you" (c967's partial
    # "we'll see you in the next one", our wording here)
    assert not closing_fired("Alright, we'll see you in the next one, those hardly ever come apart.")
    assert closing_fired("Reet, that's thee sorted, see thee later.")


def test_cornish_and_south_african_goodbyes_close():
    # session 43 (C13), second round: list AN's missed goodbyes as classes (our wording)
    assert closing_fired("Lovely job, that's the boiler booked, see you dreckly.")
    assert closing_fired("Sharp, thanks hey.")
    assert not closing_fired("Sharp, thanks hey, and can you spell the street name for me?")
    assert not closing_fired("The van will be there dreckly, just keep the gate open for him.")


def test_a_wish_to_hang_loose_and_see_you_at_the_event_close_and_a_glued_farewell_does_not():
    # session 43 (C13), third round: c984's "you hang loose now", c993's "see you at the gig then" (heard "glig") and
    # quiet c1002's long sentence that the recogniser ended on "We'll see you next time," as classes (our wording)
    assert closing_fired("Sweet as, that's the board waxed, you hang loose now.")
    assert closing_fired("Choice, see you at the hangi then.")
    assert not closing_fired("You hang loose for a sec while I check the stock.")
    assert not closing_fired("We'll see you at the branch then, bring the form with you.")
    glued = (
        "Thanks for holding, so the workshop says the frame and the two side panels fit on the standard pallet, that's"
        " about three metres of it, it would be out in four weeks and in oak with the brass trim it's two hundred and"
        " sixty We'll see you next time,"
    )
    assert not closing_fired(glued)
    assert closing_fired("Right, that's the oak one ordered, we'll see you next time.")


def test_a_day_called_after_an_agreeing_word_closes():
    # session 43 (C13): c988's script close as a class (our wording); the day called on a condition is no close
    assert closing_fired("Lovely, let's call it a day there then.")
    assert not closing_fired("If the wind picks up, we'll call it a day.")


def test_scouse_address_northern_irish_dead_on_and_we_good_lead_a_free_sign_off():
    # session 44 (C14), round two: list AO's missed goodbyes as classes (our wording)
    assert closing_fired("Ace, la, see yer.")
    assert closing_fired("Dead on, ye take care.")
    assert closing_fired("Cool, we all good, see yer.")
    assert not closing_fired("Right, la, I'll just check the order.")
    assert not closing_fired("Okay, we good, next thing is the postcode.")


def test_cheerio_spelled_cherio_closes_and_out_of_it_is_no_slang_goodbye():
    # session 45 (C15), round two: c1044's "cheerio" written "Cherio", c1042's "I'm out of it" read as the slang
    # "I'm out" (our wording)
    assert closing_fired("Grand, safe home now, cherio.")
    assert closing_fired("Right, that's me, I'm out.")
    assert not closing_fired("No idea what they meant there, I'm out of it.")
    assert not closing_fired("Sorry, the blue one, I'm out of stock.")


def test_fare_ye_weel_closes_and_adieu_as_a_name_does_not():
    # session 45 (C15), round four: list AP's missed Scots goodbye and mid-call shop name as classes (our wording)
    assert closing_fired("Right, that's the boiler booked, fare thee weel.")
    assert not closing_fired("You'll find it next to the Adieu Bakery on the corner, the blue door.")
    assert closing_fired("That's you done, adieu.")


def test_a_blessing_closed_by_amen_ends_the_call_and_amen_alone_does_not():
    # session 46 (C16), round two: list AQ's missed goodbye as a class (our wording)
    assert closing_fired("God bless you, the boiler's booked for Monday, amen.")
    assert not closing_fired("Amen to that, the weather's been awful, now what's the postcode?")
    assert not closing_fired("Amen.")


def test_a_sign_off_the_recogniser_cut_off_with_a_full_stop_closes_and_is_no_calm_down():
    # session 46 (C16), round three: c1057's close as heard, "Alrighty, it's on its way tomorrow. Take it easy now."
    # (the script's comma heard as a full stop): the wrap-up frame before the stop, the short sign-off after it, and
    # its "take it easy now" a farewell, not a calm-down (our wording)
    assert _framed_sign_off("Right, that's you booked in for Friday. Cheers now.") is not None
    assert _framed_sign_off("That's you booked in for Friday. What's the postcode?") is None
    assert _framed_sign_off("Right. Cheers now.") is None  # no frame before the stop
    coach = LanguageCoach(CONFIG)
    coach.push(final("customer", "Good, the choir will be glad to have it back.", 1.0))
    kinds = {n.kind for n in coach.push(final("agent", "Okey doke, that's you all sorted. Take it easy now.", 5.0))}
    assert kinds == {"check_anything_else"}
    angry = LanguageCoach(CONFIG)
    angry.push(final("customer", "This is a joke, three weeks I've waited for it!", 1.0))
    kinds = {n.kind for n in angry.push(final("agent", "Sir. Take it easy now.", 5.0))}
    assert "avoid_calm_down" in kinds and "check_anything_else" not in kinds
