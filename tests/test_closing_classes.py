"""Closings and goodbyes (issue 9) by class: the closing rule (the agent's close with and without "anything
else?"), goodbyes as the recogniser garbles, loops on or hears them in other languages and accents, wishes, thanks
and bookings confirmed as a turn's last words, and the mid-call look-alikes (an offer, a customer's consent to a
hold, "that's all" meaning "only this") that must not close. Sessions 30-34's parts (L29, C2-C4) also hold the
calm-down classes they wrote beside their goodbyes (accents folded, a handle on yourself, list AE's).

Moved here from the per-session files test_language_g10_closing.py ... test_language_g14_closing.py,
test_language_closing_g15.py, test_language_closing_g16.py, test_language_l29.py and test_language_c2.py ...
test_language_c4.py (session 35, T1); each part keeps its session's docstring as a comment. G11's helpers
(``started``, ``closes``, ``CLOSE``) come first, as the later parts use them. Tests are unchanged; a name two sessions
shared carries its session's tag (``started_g10``). New closing tests go here or in a topic file
``test_closing_<topic>.py``, never in a file named after a session or helper."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.language.closing import ADDRESS_TERMS, GLUED_GOODBYE_WORDS, _ends_on_thanks, _past_address
from coach.language.config import load_language_config
from coach.language.patterns import fold, normalise, word_tokens
from coach.language.text import sentences
from coach.types import seconds_to_samples
from tests.test_language_config_source import marked
from tests.test_language_rules import final, kinds, run
from tests.test_language_wording import closing_false, closing_recall, kinds_fired, scores

# ====================================================================================================
# Moved from tests/test_language_g11_closing.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 24, second round (G11, issue 9): three goodbyes of the twenty-third held-out part heard garbled.
#
# Classes (wording written for these tests, not taken from the calls):
#
# - the rest of the outing wished to the customer ("you two enjoy the rest of the trip, bye now", c536, heard "... enjoy
#   the rest of the trip by now"): a goodbye, whatever the farewell word after it became;
# - the Brummie / Black Country "ta-ra a bit" run together into one word ("Tarabette", c540);
# - "see you and <the people> <the day>" as the turn's last words ("see you and the kids thursday", c540, heard "see you
#   in the kids Thursday"), not the agent seeing the customer on a screen ("I can see you and your partner on the
#   Thursday list").
#
# The phrases are in ``coach/language/phrases.toml`` ([check_anything_else]); these tests run the packaged tables. A
# goodbye heard as other words entirely ("good luck with the farmer, see you" heard
# "Run, don't let win the farmer, yay yo!", c537) is left: no phrase tells it from a mid-call line.
# ====================================================================================================

CONFIG = load_language_config()
CLOSE = "check_anything_else"
OPENING = final("customer", "Hi, I've got a boat trip booked with you for the weekend and a question about it.", 2.0)
INFO = final("agent", "Of course, what's the name on the booking?", 9.0, utt="agent-1")


def started(*, settled: bool = False) -> LanguageCoach:
    coach = LanguageCoach(CONFIG)
    run(OPENING, INFO, coach=coach)
    if settled:
        run(final("customer", "Right. Thank you.", 13.0), coach=coach)
    return coach


def closes(turn: str, *, settled: bool = False) -> bool:
    coach = started(settled=settled)
    return CLOSE in kinds(run(final("agent", turn, 20.0, utt="agent-2"), ticks=(30.0, 40.0), coach=coach))


@pytest.mark.parametrize(
    "turn",
    [
        "Alrighty, you two enjoy the rest of the holiday by now.",  # "bye now" heard as its homophone
        "Right, enjoy the rest of the stay, cheers.",
        "Lovely, have a great rest of the trip.",
        "Okay then, you enjoy the rest of your cruise.",
        "Perfect, enjoy rest of the festival, by now.",
        "Grand, you both enjoy the rest of the honeymoon.",
    ],
)
def test_the_rest_of_the_outing_wished_ends_the_call(turn):
    assert closes(turn)


@pytest.mark.parametrize(
    "turn",
    [
        "So you can enjoy the rest of the trip without worrying about the jet ski, and the refund goes today.",
        "You'll have the rest of the stay free of charge.",
        "The rest of the trip is covered by the insurance, so keep the receipts.",
        "Enjoy the rest of the trip is what the rep said, and then the boat never came back for you?",
    ],
)
def test_the_rest_of_the_outing_mid_call_is_no_close(turn):
    assert not closes(turn)


@pytest.mark.parametrize(
    "turn",
    [
        "Right, I'll get that posted out to you, tarabit.",
        "No bother at all, tarrabet.",
        "Okay, brilliant. Tarabette.",
    ],
)
def test_ta_ra_a_bit_run_together_ends_the_call(turn):
    assert closes(turn)


@pytest.mark.parametrize(
    "turn",
    [
        "Sorted, see you and the kids Thursday.",
        "Great, see you both on Saturday.",
        "Okay, see you and your mum next week then.",
        "Brilliant, see you in the kids Thursday.",  # "and" heard as "in"
        "Lovely, we'll see you and Dave on Sunday morning.",
    ],
)
def test_see_you_and_the_people_on_the_day_ends_the_call(turn):
    assert closes(turn)


@pytest.mark.parametrize(
    "turn",
    [
        "I can see you and your partner on the Thursday list.",
        "I see you in the diary for Monday.",
        "We'll see you and the kids Thursday, and you'll need to bring the booking reference and some photo ID.",
        "Yes, I can see you both on Saturday.",
    ],
)
def test_seeing_them_on_a_screen_or_talking_on_is_no_close(turn):
    assert not closes(turn)


@pytest.mark.parametrize("turn", ["Sorted, see you and the kids Thursday.", "Lovely, have a great rest of the trip."])
def test_an_anything_else_asked_before_still_settles_the_close(turn):
    coach = started(settled=True)
    run(final("agent", "Is there anything else I can help with today?", 15.0, utt="agent-2"), coach=coach)
    run(final("customer", "No, that's everything, thanks.", 18.0), coach=coach)
    assert CLOSE not in kinds(run(final("agent", turn, 21.0, utt="agent-3"), ticks=(30.0, 40.0), coach=coach))


# ====================================================================================================
# Moved from tests/test_language_g10_closing.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 23, second round (G10, issue 9): the closing rule and a goodbye the recogniser looped on.
#
# A goodbye of :data:`coach.language.closing.LOOP_WORDS` words or more said twice back to back ("We'll see you next
# time, see you next time.") is Whisper's loop on a noisy pause, in either speaker's turn (c510, c514), not a close;
# a short goodbye doubled ("bye bye", "take care, take care") and a goodbye said once still close. Wording written for
# these tests, not taken from the calls.
# ====================================================================================================

OPENING_G10 = final("customer", "Hi, I booked a pottery class for Sunday and I need to move it, please.", 2.0)
INFO_G10 = final("agent", "No problem, what's the name on the booking?", 9.0, utt="agent-1")

LOOPS = [
    "We'll see you next time, see you next time.",
    "Right, so we'll see you next time, see you next time",
    "Thanks for your help, thanks for your help.",
    "Okay. Have a good day, have a good day.",
    "and we'll speak to you soon, speak to you soon.",
]


def started_g10() -> LanguageCoach:
    coach = LanguageCoach()
    run(OPENING_G10, INFO_G10, coach=coach)
    return coach


@pytest.mark.parametrize("loop", LOOPS)
def test_a_looped_goodbye_ending_an_agent_turn_is_no_close(loop):
    coach = started_g10()
    turn = final("agent", f"Sorry, that came out wrong. I can move you to the Tuesday evening. {loop}", 20.0)
    assert CLOSE not in kinds(run(turn, ticks=(30.0, 40.0), coach=coach))


@pytest.mark.parametrize("loop", LOOPS)
def test_a_looped_goodbye_as_a_customer_turn_opens_no_close(loop):
    coach = started_g10()
    run(final("customer", loop, 14.0), coach=coach)
    reply = final("agent", "And the date was Sunday the fourth?", 18.0, utt="agent-2")
    assert CLOSE not in kinds(run(reply, ticks=(20.0, 30.0), coach=coach))


@pytest.mark.parametrize(
    "goodbye",
    [
        "Lovely, that's you moved to Tuesday. See you next time.",
        "Lovely, that's you moved to Tuesday. Bye bye.",
        "Lovely, that's you moved to Tuesday. Take care, take care.",
        "Lovely, that's you moved to Tuesday. Cheers, bye, bye now.",
        "Lovely, that's you moved to Tuesday. See you next time, bye.",
    ],
)
def test_a_goodbye_said_once_or_a_short_one_doubled_still_closes(goodbye):
    coach = started_g10()
    assert kinds(run(final("agent", goodbye, 20.0), coach=coach)) == [CLOSE]


def test_a_customer_goodbye_said_once_still_opens_the_close():
    coach = started_g10()
    run(final("customer", "Great, we'll see you next time then.", 14.0), coach=coach)
    assert kinds(run(ticks=(30.0,), coach=coach)) == [CLOSE]


@pytest.mark.parametrize(
    "wrap_up",
    [
        "Right, that's the four inch day sorted, shall we?",  # c506's "cheerio" lost, the wrap-up kept
        "Okay, that's your MOT booked in, so long.",
        "Lovely, that's the chimney sweep arranged then, tar or.",
        "Great, that's your membership renewed, cheery bye.",
        "Grand, the new card's on its way, so you are.",  # c512's "see ya" heard as "so you are"
        "Right, the forms are in the post, see ya.",
    ],
)
def test_a_wrap_up_naming_what_was_done_ending_the_turn_is_a_close(wrap_up):
    """Session 23 (G10's classes, applied to the phrase tables by the lead): the goodbye after a wrap-up is heard as
    other words; the wrap-up as the turn's last words tells the close."""
    coach = started_g10()
    assert CLOSE in kinds(run(final("agent", wrap_up, 20.0), ticks=(30.0, 40.0), coach=coach))


@pytest.mark.parametrize(
    "mid_call",
    [
        "Okay, that's your address updated.",
        "Right, that's the first part sorted, now can you read me the meter number on the front?",
        "So that's the parcel sent, and what I need next is the order number from the email.",
        "The engineer's on the way, so you are covered for today and tomorrow, and the visit is free.",
    ],
)
def test_a_wrap_up_mid_call_is_no_close(mid_call):
    coach = started_g10()
    assert CLOSE not in kinds(run(final("agent", mid_call, 20.0), ticks=(30.0, 40.0), coach=coach))


# ====================================================================================================
# Moved from tests/test_language_g12_closing.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 25, second round (G12, issue 9): three goodbyes of the twenty-fourth held-out part heard garbled.
#
# Classes (wording written for these tests, not taken from the calls):
#
# - a booking confirmed as the turn's last words, "that's you booked in (then)", its farewell heard as other words
#   ("smashing, that's you booked in then, cheerio", c554, heard "... that's you booked in the interior."); not "you're
#   booked in" (the answer to "am I booked in?" mid-call);
# - "see you on the <date>" as the turn's last words, whatever the recogniser made of the date ("see you on the ninth,
#   ta
#   ra", c560, heard "See you on the night. Ah, rah."); not someone else seeing the customer on a date ("the nurse can
#   see you on the ninth") or the agent seeing them on a record ("I see you on the waiting list");
# - "see you" after the day or the time the call booked, as the turn's last words ("sorted then, Tuesday at
#   eight, see you, tara", c564, heard "... Tuesday at 8, see you, turn up.").
#
# The phrases are in ``coach/language/phrases.toml`` ([check_anything_else] ``closing_tail_cues`` and ``not_tail``):
# these tests run the packaged tables. Still left: a goodbye heard as other words entirely as the call's last turn
# ("good luck with the farmer, see you" heard "Run, don't let win the farmer, yay yo!", c537): only the call's end tells
# it from a mid-call line, and the language rules are not told of it.
# ====================================================================================================


@pytest.mark.parametrize("settled", [False, True])
@pytest.mark.parametrize(
    "turn",
    [
        "Lovely, that's you booked in then, the rear.",  # "cheerio" heard as other words
        "Right, that's you booked in, to run.",
        "Perfect, that's you both booked in now.",
        "Champion, that's you all pencilled in then.",
        "Okay, that's you in the diary, tie.",
        "Okay, that is everyone signed up for you.",
    ],
)
def test_booked_in_ending_the_turn_ends_the_call(turn, settled):
    assert closes(turn, settled=settled)


@pytest.mark.parametrize(
    "turn",
    [
        "Yes, you're booked in.",  # answering "am I booked in?"
        "That's you booked in for the Tuesday, and now I need a contact number for the driver.",
        "So that's you booked in, but the deposit still has to go through before the ninth.",
        "Was that you booked in under your maiden name?",
    ],
)
def test_booked_in_mid_call_is_no_close(turn):
    assert not closes(turn)


@pytest.mark.parametrize("settled", [False, True])
@pytest.mark.parametrize(
    "turn",
    [
        "Right you are, see you on the night. Tah.",  # "the ninth, ta ra" as the recogniser may write it
        "Okay then, see you on the twelfth.",
        "Great, catch you on the fifth, love.",
        "Lovely, see you on the 3rd.",
        "Brilliant, see you the tenth then.",
        "Champion. We'll see you on the twenty first.",
    ],
)
def test_see_you_on_the_date_ending_the_turn_ends_the_call(turn, settled):
    assert closes(turn, settled=settled)


@pytest.mark.parametrize(
    "turn",
    [
        "The nurse can see you on the ninth.",
        "I see you on the waiting list.",
        "Dr Shah could see you on the twelfth.",
        "We can see you on the monitor.",
        "So you'll see on the ninth whether the parts have come in, and then we can book the fitting.",
        "The fitter will see you at ten.",
    ],
)
def test_someone_seeing_the_customer_is_no_close(turn):
    assert not closes(turn)


@pytest.mark.parametrize("settled", [False, True])
@pytest.mark.parametrize(
    "turn",
    [
        "Done then, Friday at 9, see you, turn.",  # "tara" heard as other words
        "Right, that's Monday morning, see you, terror.",
        "Grand, half past four tomorrow, see you.",
        "Sorted, eleven o'clock, see you there.",
    ],
)
def test_see_you_after_the_day_or_time_ends_the_call(turn, settled):
    assert closes(turn, settled=settled)


@pytest.mark.parametrize(
    "turn",
    [
        "On Tuesday I see you had a parcel returned, is that the one?",
        "Tuesday at eight, see you're down for two tables, and the fee is waived.",
        "Yes, I can see you there.",
        "Let me see, you had the appointment on Monday at ten, and the engineer did not turn up.",
    ],
)
def test_see_you_mid_call_is_no_close(turn):
    assert not closes(turn)


def test_a_date_see_you_after_anything_else_was_asked_is_no_nudge():
    coach = started()
    run(final("agent", "Is there anything else I can help with today?", 14.0, utt="agent-2"), coach=coach)
    run(final("customer", "No, that's all, thanks.", 17.0), coach=coach)
    said = run(
        final("agent", "Lovely, see you on the night then, bye.", 20.0, utt="agent-3"), ticks=(30.0,), coach=coach
    )
    assert CLOSE not in kinds(said)


# ====================================================================================================
# Moved from tests/test_language_g13_closing.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 26, second round (G13, issue 9): goodbyes of the twenty-fifth held-out part and list W, and one mid-call
# offer taken for a wish.
#
# Classes (wording written for these tests, not taken from the calls or the lists):
#
# - the Scots "bye the now" / "cheerio the noo", as the recogniser writes it ("by the now", c587); not "by the new
#   year";
# - the northern "have a good un", in the recogniser's spellings (c584's "have a good done");
# - "see you <weekday>" with no "on", as the turn's last words (c584); not someone else seeing the customer on that day;
# - a bare "sorted then" answering a settled customer, as a short turn;
# - a goodbye followed by nothing but a send-off: a wish ("ta-ra, enjoy the <activity>", list W) or thanks ("goodbye
#   and thanks for your patience", list W), however long the send-off runs;
# - "so long for now" (list U's miss), not "so long for <whom or what>" (a length of time);
# - not a wish: "have a day" with no wish word, offered ("you can come back and have a day in <month>", c580's extra).
#
# The phrases are in ``coach/language/phrases.toml`` ([check_anything_else], the send-off thanks in
# ``send_off_thanks``); the send-off rule in ``coach/language/closing.py``. These tests run the packaged tables.
# ====================================================================================================


@pytest.mark.parametrize("settled", [False, True])
@pytest.mark.parametrize(
    "turn",
    [
        "Right you are, have a braw new year, bye the now.",
        "Okay, that's the kilt on its way, by the now.",
        "Grand, cheerio the noo.",
        "Lovely, you have a grand un.",
        "Smashing, have a good un, love.",
        "Okay, have a great done.",  # "un" heard as another word
        "Right, that's the table for six, see you Friday.",
        "Ace, catch you Sunday morning.",
    ],
)
def test_scots_and_northern_goodbyes_end_the_call(turn, settled):
    assert closes(turn, settled=settled)


@pytest.mark.parametrize(
    "turn",
    [
        "The refund should reach you by the new year.",
        "You'll have a good un of those in the shed, I'd say, and the other one goes to the depot.",
        "The fitter can see you Thursday.",
        "Could we see you Monday instead of the Friday?",
        "Who'll see you Saturday at the gate, is it Dave or Priya?",
        "So the nurse will see you Tuesday, and before that I need your GP's name.",
        "You can come back and have a day in June.",
        "So we'll upgrade you, and you can have a day out on the lake for free.",
        "If the dogs find nothing, you could have a weekend here on us.",
    ],
)
def test_look_alikes_mid_call_are_no_close(turn):
    assert not closes(turn)


def test_a_wish_with_no_wish_word_is_no_goodbye_but_a_wish_word_keeps_it():
    assert not closes("Then you can have a day on the river.")
    assert closes("Brilliant, and have a lovely day.")


@pytest.mark.parametrize(
    "turn",
    [
        "Lovely. Sorted then.",
        "Sort it then, cheers.",
    ],
)
def test_sorted_then_after_a_settled_customer_ends_the_call(turn):
    assert closes(turn, settled=True)


def test_sorted_then_after_a_question_is_no_close():
    assert not closes("Let's get that sorted then.")


@pytest.mark.parametrize("settled", [False, True])
@pytest.mark.parametrize(
    "turn",
    [
        "Okay then, ta-ra, enjoy the canal boat trip.",
        "Right, bye bye, good luck with the new allotment shed.",
        "Cheerio, and enjoy the climbing wall on Sunday.",
        "That's the lamp on its way, goodbye, and thanks for bearing with us today.",
        "All done, bye now, thank you so much for waiting on the line.",
        "Take care, cheers again for your patience, love.",
        "Okay, so long for now, and best of luck with the harvest.",
    ],
)
def test_a_goodbye_with_only_a_send_off_after_it_ends_the_call(turn, settled):
    assert closes(turn, settled=settled)


@pytest.mark.parametrize(
    "turn",
    [
        "Bye the way, thanks for your patience, the parcel left the depot this morning and should be with you soon.",
        "Thanks for your patience.",  # back from a hold
        "Take care of it, and thanks for waiting.",
        "Goodbye to the old tariff, and enjoy the new one from March when the meter is swapped.",
        "Sorry it took so long for someone to ring you back.",
        "We held it so long for you, and the deposit is still on the account.",
    ],
)
def test_thanks_or_a_wish_without_a_goodbye_ending_the_turn_is_no_close(turn):
    assert not closes(turn)


def test_a_send_off_after_anything_else_was_asked_is_no_nudge():
    coach = started()
    run(final("agent", "Is there anything else I can help with today?", 14.0, utt="agent-2"), coach=coach)
    run(final("customer", "No, that's all, thanks.", 17.0), coach=coach)
    said = run(
        final("agent", "Lovely, goodbye, and thanks for your patience today.", 20.0, utt="agent-3"),
        ticks=(30.0,),
        coach=coach,
    )
    assert CLOSE not in kinds(said)


# ====================================================================================================
# Moved from tests/test_language_g14_closing.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 27, second round (G14, issue 9): goodbyes and asks of the twenty-sixth held-out part and list X, heard
# garbled, and a customer's consent to a hold taken for a close.
#
# Classes (wording written for these tests, not taken from the calls or the lists):
#
# - "bye" heard as "by" after "then" ending a short wrap-up (c611: "sorted, cheers then, bye" heard "sorted here and
#   then by."); not "then by" with a word after it (a deadline or a means);
# - the Irish "slan" ("slan go foill", "slan leat") and "mind yourself", and "ciao ciao" spelt "chow chow", as the
#   turn's last words (list X's misses); not a dog called a chow chow, nor "mind yourself on the step";
# - "is there anything else I can help with" heard with "everything" and "help" as near rhymes (c617: "... everything
#   else I can tell with") counts as the ask; "everything else I can tell you" is a remark;
# - the customer's "no" with a term of address ("No pet, thank you.") answers "anything else?";
# - a goodbye-looking reply to the agent's hold request is consent to the hold, not a close (c618: "Not at all, I'll
#   wait." heard "Don't that's all, I'll do it." after "would you mind holding for a minute or so" heard garbled): no
#   nudge over the silence of the hold.
#
# The phrases are in ``coach/language/phrases.toml`` ([check_anything_else]); the hold request in
# ``coach/language/closing.py`` (read with ``coach/turns/holds.py``). These tests run the packaged tables.
# ====================================================================================================


@pytest.mark.parametrize("settled", [False, True])
@pytest.mark.parametrize(
    "turn",
    [
        "Done here and then by.",  # "done, cheers then, bye"
        "Lovely, that's all in then, by.",
        "Right, brilliant, there buy.",
        "Grand so, slan go foill.",
        "Okay, slan leat now.",
        "Right so, you mind yourself.",
        "Perfect, that's it, chow chow.",
        "Lovely stuff, ciao for now.",
    ],
)
def test_garbled_and_regional_goodbyes_end_the_call(turn, settled):
    assert closes(turn, settled=settled)


@pytest.mark.parametrize(
    "turn",
    [
        "Sorted, and then by Friday the plumber will have been.",
        "Lovely, you can pay the deposit now and then by card on the day.",
        "Right, first the form, then by post the receipt.",
        "Mind yourself on the step when you collect it, it's a bit loose.",
        "Okay, so the groomer said your chow chow needs the long clip?",
        "Right, and is that for the chow chow or the spaniel?",
    ],
)
def test_look_alikes_mid_call_are_no_close_g14(turn):
    assert not closes(turn)


def _ask_then_goodbye(ask: str, answer: str) -> list[str]:
    coach = started()
    out = run(final("agent", ask, 20.0, utt="agent-2"), coach=coach)
    out += run(final("customer", answer, 24.0), coach=coach)
    out += run(final("agent", "Take care now, bye.", 26.0, utt="agent-3"), ticks=(35.0, 45.0), coach=coach)
    return kinds(out)


@pytest.mark.parametrize(
    "ask",
    [
        "Brilliant, it's everything else I can tell with today?",
        "Lovely, is there everything else I can hell for?",
        "Okay, and anything else I can help with?",  # the ask as said
        "Lovely. They're everything else I can fetch you for the fete.",  # session 47: "Is there" heard "They're"
    ],
)
def test_the_ask_heard_with_near_rhymes_counts(ask):
    assert CLOSE not in _ask_then_goodbye(ask, "Oh, lovely.")


@pytest.mark.parametrize(
    "remark", ["Everything else I can tell you is in the letter.", "And everything else is already in the box."]
)
def test_a_remark_with_everything_else_is_no_ask(remark):
    assert CLOSE in _ask_then_goodbye(remark, "Okay. Thanks.")


@pytest.mark.parametrize("answer", ["No pet, thank you.", "Nah mate, that's me.", "No love, that's everything."])
def test_a_no_with_a_term_of_address_answers_the_ask(answer):
    # the ask itself lost: the customer's answer tells it was made
    assert CLOSE not in _ask_then_goodbye("Lovely, is there a thing you'd want?", answer)


HOLD_ASKS = [
    "Let me check the depot for you, would you mind hoping for a minute or so?",
    "I'll check with the warehouse, could I put you on hold?",
    "Bear with me for about two minutes.",
]


@pytest.mark.parametrize("ask", HOLD_ASKS)
def test_a_goodbye_looking_reply_to_a_hold_request_is_no_close(ask):
    coach = started()
    out = run(final("agent", ask, 20.0, utt="agent-2"), coach=coach)
    out += run(final("customer", "Not that's all, thanks.", 25.0), ticks=(30.0, 45.0, 60.0), coach=coach)
    assert CLOSE not in kinds(out)


def test_the_same_reply_after_a_look_up_in_passing_or_a_statement_still_opens_the_close():
    for agent in ("Let me just check that.", "That's the order for the table and chairs."):
        coach = started()
        out = run(final("agent", agent, 20.0, utt="agent-2"), coach=coach)
        out += run(final("customer", "Right, that's all, thanks.", 25.0), ticks=(30.0, 45.0), coach=coach)
        assert CLOSE in kinds(out), agent


# ====================================================================================================
# Moved from tests/test_language_closing_g15.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 28, second round (G15, issue 9): goodbyes and answers of the twenty-seventh held-out part and list Y, heard
# garbled, and a "that's all" that means "only this".
#
# Classes (wording written for these tests, not taken from the calls or the lists):
#
# - "that's all" ending an explanation ("it just needs resetting, that's all"; c622's agent cutting in, heard garbled)
#   is "only this", not a goodbye: a clause of its own before it in the sentence (``closing._minimising``), or "that's
#   all it is"; a lead-in of acknowledgements ("Okay, lovely, I think that's all.") or a wrap-up ("the refund's gone
#   through, that's all") still closes;
# - the Welsh "hwyl" (list Y's miss) as a goodbye;
# - "cheers now" heard as "chair is now" as the turn's last words (c626); a chair with words after it is no close;
# - "no, that's everything, thanks" with its "that's" heard as other words (c642: "No, I say everything, thank you so
#   much.") answers "anything else?": the agent's goodbye after it is no missed ask.
#
# The phrases are in ``coach/language/phrases.toml`` ([check_anything_else]), the minimiser in
# ``coach/language/closing.py``. These tests run the packaged tables.
# ====================================================================================================


@pytest.mark.parametrize(
    "turn",
    [
        "Yeah, it just wants resetting, that's all.",
        "Oh, the filter needs a rinse, that's all.",
        "No, it's a loose wire in the plug, that's all.",
        "Right, you pressed it twice, that's all.",
        "It's the winter timetable, that's all it is.",
        "Okay, the seal's perished, that's all it was.",
    ],
)
def test_that_s_all_ending_an_explanation_is_no_close(turn):
    assert not closes(turn)
    assert not closes(turn, settled=True)


@pytest.mark.parametrize(
    "turn",
    [
        "Okay, lovely, I think that's all.",
        "Right then, that's all, cheers.",
        "So yes, that's all for today.",
        "Right, your refund's gone through, that's all.",
        "Lovely, the engineer's booked, that's all.",
        "That's all, take care now.",
    ],
)
def test_that_s_all_after_acknowledgements_or_a_wrap_up_still_closes(turn):
    assert closes(turn)


def test_a_customer_s_that_s_all_ending_an_explanation_opens_no_close():
    coach = started()
    out = run(final("customer", "I only wanted to know the collection day, that's all.", 16.0), coach=coach)
    out += run(final("agent", "It's Thursdays on your road.", 22.0, utt="agent-2"), ticks=(25.0, 30.0), coach=coach)
    assert CLOSE not in kinds(out)


@pytest.mark.parametrize("settled", [False, True])
@pytest.mark.parametrize(
    "turn",
    [
        "Cheers for that, hwyl now.",
        "Lovely, hwyl fawr.",
        "Okay, all booked, hwyl am y tro.",
        "Right you are, the van comes Friday, this chair is now.",  # "... cheers now"
        "Okay, chair is now.",
    ],
)
def test_welsh_and_garbled_goodbyes_end_the_call(turn, settled):
    assert closes(turn, settled=settled)


@pytest.mark.parametrize(
    "turn",
    [
        "The chair is now in stock.",
        "Your office chair is now on its way.",
        "We've got the chairs now.",
        "Okay, and the share is now worth more.",
    ],
)
def test_chairs_mid_call_are_no_close(turn):
    assert not closes(turn)


def _answer_then_goodbye(answer: str) -> list[str]:
    coach = started()
    out = run(final("agent", "Lovely, I'll email the receipt, and is there a thing I can do?", 20.0, utt="agent-2"),
              coach=coach)  # fmt: skip
    out += run(final("customer", answer, 25.0), coach=coach)
    out += run(
        final("agent", "You're welcome, have a lovely weekend.", 29.0, utt="agent-3"), ticks=(40.0,), coach=coach
    )
    return kinds(out)


@pytest.mark.parametrize(
    "answer",
    [
        "No, I say everything, thank you so much.",
        "No, it's everything, thanks.",
        "Nope, that his everything, cheers.",
        "No, that's everything, thank you.",  # as said
        # session 44 (C14): "no, that's all / it" with thanks, whole, and its "no" as tiny.en writes it ("So, that's
        # all, thanks very much.", quiet c904's class; our wording)
        "Nope, that's it, ta very much.",
        "So, that's all, thanks a lot.",
        "Now that's it.",
        "So that is everything.",
        "So, it's everything, thank you.",  # round two: "everything" in the sentence (quiet c1024's class)
    ],
)
def test_a_no_everything_with_thanks_answers_the_ask(answer):
    assert CLOSE not in _answer_then_goodbye(answer)


@pytest.mark.parametrize(
    "answer",
    [
        "Okay, lovely.",
        "No, everything's fine with the order. When does it ship?",
        # session 44 (C14): dismay, or a story, opening on "so that's ...", or a lone "So.": no answer to the ask (our
        # wording)
        "So that's it? Nobody is coming out?",
        "So.",
        "So that's all I get for a ruined weekend, a voucher.",
    ],
)
def test_other_answers_leave_the_goodbye_nudged(answer):
    assert CLOSE in _answer_then_goodbye(answer)


# ====================================================================================================
# Moved from tests/test_language_closing_g16.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 29 (G16, issue 9): the agent's close with no "anything else?" fires; mid-call "anything else" questions
# about a thing and "that's everything I need from you" do not.
#
# Guards written for the closing rule's families (wording new, none from the calls or the lists):
#
# - the agent's goodbye ending the call after a recap or a wrap-up, with no ask before it, in the families the rule
#   reads (thanks, wishes, see-you, take care, bye, regional goodbyes, wrap-up tails);
# - mid-call lines that look like the close: "is there anything else on the order?", "was there anything else in the
#   box?", "that's everything I need from you, so ...", "I've got everything I need. Now ...": no nudge;
# - a real "anything else I can help with?" answered "no" settles the close.
#
# The phrases are in ``coach/language/phrases.toml`` ([check_anything_else]), the rule in
# ``coach/language/closing.py``. These tests run the packaged tables.
# ====================================================================================================


@pytest.mark.parametrize("settled", [False, True])
@pytest.mark.parametrize(
    "turn",
    [
        "Right, the new date's in the system for you. Have a lovely evening, bye now.",
        "Okay, the parcel goes out first thing tomorrow. Thanks for calling, take care.",
        "Lovely. That's all booked in for Thursday then. Goodbye.",
        "Brilliant, you're all sorted. Speak soon.",
        "Perfect, I'll email the invoice over now. Enjoy your weekend.",
        "Okay, so that's the refund on its way. Thanks for your patience, have a good one.",
        "Right, the engineer's booked for Monday. All the best.",
        "Great, I'll leave you to it then. Bye for now.",
        "That's you all done. Thanks ever so much, cheerio.",
        "Smashing, that's your booking confirmed. Catch you later.",
        "So that's two adults on the Friday at ten, paid in full. Cheerio.",
        "Right, so that's the Friday at ten for two. Cheerio now.",
        "Alright po, the courier comes Monday, ingat.",  # session 47: a bare Tagalog "ingat"
        "ok the van is sorted cya",  # ... and a texted "cya" said aloud
    ],
)
def test_the_agent_s_close_with_no_ask_fires(turn: str, settled: bool) -> None:
    assert closes(turn, settled=settled)


@pytest.mark.parametrize("settled", [False, True])
@pytest.mark.parametrize(
    "turn",
    [
        "Is there anything else on the order you'd like to change before I send it?",
        "That's everything I need from you, so I'll run the check now.",
        "Okay, that's everything I need from you for the claim. The next step is the assessor's visit.",
        "Was there anything else in the box when it arrived?",
        "Do you have anything else to add to the delivery?",
        "Anything else wrong with the unit, any noises or leaks?",
        "That's all the details I need, let me pull up the stock now.",
        "Right, I've got everything I need. Now, about the delivery slot.",
    ],
)
def test_mid_call_look_alikes_of_the_close_do_not_fire(turn: str, settled: bool) -> None:
    assert not closes(turn, settled=settled)


def test_a_real_ask_answered_no_settles_the_close() -> None:
    coach = started()
    run(final("agent", "Is there anything else I can help you with today?", 20.0, utt="agent-2"), coach=coach)
    run(final("customer", "No, that's it, thanks.", 26.0), coach=coach)
    out = run(final("agent", "Lovely, have a good day, bye.", 32.0, utt="agent-3"), ticks=(40.0, 50.0), coach=coach)
    assert CLOSE not in kinds(out)


def test_a_close_after_a_mid_call_question_that_was_no_ask_still_fires() -> None:
    coach = started()
    run(final("agent", "Shall I put the two chairs on the order then?", 20.0, utt="agent-2"), coach=coach)
    run(final("customer", "Yes please, just the two.", 26.0), coach=coach)
    out = run(
        final("agent", "Lovely, that's the order placed. Have a good day, bye.", 32.0, utt="agent-3"),
        ticks=(40.0, 50.0),
        coach=coach,
    )
    assert CLOSE in kinds(out)


# ====================================================================================================
# Moved from tests/test_language_l29.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 30 (L29): goodbyes and calm-downs as tiny.en hears them (issue 9 language recall).
#
# Classes (wording fresh, none copied from the calls or the lists):
#
# - "bye bye" heard as two homophones ("by by", "buy buy", "bye by"): "bye" (``patterns.BYE_SOUNDS``), so "bye bye
#   now" heard "by by now" ends the call; a lone "by" keeps its meaning ("it should be there by now");
# - the close after the customer's thanks, its goodbye heard as other words ending the agent's turn (``closing.py``,
#   ``THANKED_WRAP_UP_WORDS``): "cheerio" as "carry on" after a wrap-up word / "cherry oh", "bye" as "by", "cheers" as
#   "chairs", "take care" as "take hair", "have a good one" as "have a good won"; not "just carry on", "I'll pop by",
#   "the chairs", nor any of them when the customer did not thank or settle;
# - "have a lovely day" with its "have" heard wrong ("I'm a lovely day"); not the weather ("it's a lovely day");
# - calm-down: a handle or grip on yourself, as heard ("get a hand along your head"); not a hand on a thing;
# - the agent's first reply to a long opening (the reason for the call) is no close by a tail or wrap-up cue
#   (``closing.OPENING_STORY_WORDS``); a goodbye proper still closes it.
# ====================================================================================================

CALM = "avoid_calm_down"


def after(customer: str, turn: str) -> bool:
    """Whether the agent's ``turn`` answering the customer's ``customer`` (after the call's opening) is nudged as a
    close with no "anything else?"."""
    coach = started()
    run(final("customer", customer, 13.0), coach=coach)
    return CLOSE in kinds(run(final("agent", turn, 20.0, utt="agent-2"), ticks=(30.0, 40.0), coach=coach))


@pytest.mark.parametrize(
    ("heard", "read"),
    [
        ("by by now", ("bye", "now")),
        ("buy buy then", ("bye", "then")),
        ("bye by", ("bye",)),
        ("it'll be there by now", ("it'll", "be", "there", "by", "now")),
    ],
)
def test_two_bye_sounds_in_a_row_read_as_bye(heard: str, read: tuple[str, ...]) -> None:
    assert normalise(word_tokens(heard))[0] == read


@pytest.mark.parametrize(
    "turn",
    [
        "Okay, so the boiler man's booked for Friday, by by now.",
        "Lovely, the refund's on its way. Buy buy then.",
        "Right, that's the parcel redirected, bye by.",
    ],
)
def test_bye_bye_heard_as_homophones_ends_the_call(turn: str) -> None:
    assert closes(turn)


@pytest.mark.parametrize(
    "turn",
    [
        "The courier should have been by now, so I'll chase the depot.",
        "It ought to be with you by now, can you check the porch?",
    ],
)
def test_a_deadline_by_now_mid_call_is_no_close(turn: str) -> None:
    assert not closes(turn)


THANKS = [
    "Half past two, that's grand, thank you.",
    "Right, I'll keep an eye out for it then. Thanks very much.",
    "Okay, cheers.",
]


@pytest.mark.parametrize("customer", THANKS)
@pytest.mark.parametrize(
    "turn",
    [
        "No bother, the engineer's on his way, carry on.",  # "cheerio"
        "Lovely, the new card goes out today, carry on now.",
        "Right you are, the form's in the post, cherry oh.",
        "No worries, by.",  # "bye"
        "Smashing, that's the reading logged, thanks, buy.",
        "Okay, that's all sorted, chairs.",  # "cheers"
        "You're welcome, take hair.",  # "take care"
        "Not a problem, have a good won.",  # "have a good one"
    ],
)
def test_a_goodbye_heard_wrong_after_the_customer_s_thanks_ends_the_call(customer: str, turn: str) -> None:
    assert after(customer, turn)


@pytest.mark.parametrize("customer", THANKS)
@pytest.mark.parametrize(
    "turn",
    [
        "That's fine, just carry on.",
        "Okay, you can carry on with the form then.",
        "Great, so carry on.",
        "No problem, I'll pop by.",
        "Right, the engineer will drop by.",
        "Okay, we'll bring the chairs.",
        "Right, that's the dining chairs.",
        "That should cheer you up.",
        "Thanks, carry on.",
        "Yes love, carry on.",
        "No worries, by the way, did the parcel come?",
        "Lovely, so the next step is the survey, and the surveyor will carry on from there once it's done, okay.",
    ],
)
def test_mid_call_look_alikes_after_thanks_do_not_close(customer: str, turn: str) -> None:
    assert not after(customer, turn)


@pytest.mark.parametrize(
    "turn",
    [
        "No bother, the engineer's on his way, carry on.",
        "No worries, by.",
        "Right, Mill Lane, great, chairs.",
    ],
)
def test_a_goodbye_heard_wrong_without_thanks_is_no_close(turn: str) -> None:
    assert not after("And the address is twelve Mill Lane, the blue door by the garage.", turn)


@pytest.mark.parametrize(
    "turn",
    [
        "Right, the tickets are emailed over. I'm a lovely day.",
        "Okay, that's everything changed, ave a good evening.",
        "Great, it's all paid, half a nice weekend.",
    ],
)
def test_have_a_lovely_day_with_its_have_heard_wrong_ends_the_call(turn: str) -> None:
    assert closes(turn)


@pytest.mark.parametrize(
    "turn",
    [
        "It's a lovely day for it, so the van can get on the beach.",
        "It was a lovely day out, wasn't it, so what went wrong after lunch?",
    ],
)
def test_a_lovely_day_said_of_the_weather_is_no_close(turn: str) -> None:
    assert not closes(turn)


@pytest.mark.parametrize(
    "turn",
    [
        "You need to get a handle on yourself before we go on.",
        "Listen, get a grip on your temper, please.",
        "You'll have to get a hand along your head or we'll go round in circles.",  # "a handle on yourself" heard
        "Take a hold of yourself, sir.",
    ],
)
def test_a_handle_on_yourself_is_a_calm_down(turn: str) -> None:
    assert CALM in kinds(run(final("agent", turn, 1.0)))


@pytest.mark.parametrize(
    "turn",
    [
        "Get a hand on the railing as you go down the steps.",
        "You'll get a handle on the new app quickly, it's easy.",
        "Grab a hold of the ladder while I check the hatch.",
    ],
)
def test_a_hand_on_a_thing_is_no_calm_down(turn: str) -> None:
    assert CALM not in kinds(run(final("agent", turn, 1.0)))


STORY = (
    "Hiya, it's Dana from Oak Row. The heater I bought off you last month tripped the fuse twice overnight and the "
    "whole kitchen went cold, and the fish tank lost its heat too."
)


def first_reply(opening: str, turn: str) -> bool:
    """Whether the agent's first reply ``turn`` to the customer's ``opening`` is nudged as a close."""
    out = run(final("customer", opening, 2.0), final("agent", turn, 14.0), ticks=(25.0, 35.0))
    return CLOSE in kinds(out)


@pytest.mark.parametrize(
    "turn",
    [
        "Right, you've had it on the timer then, have fun, you.",  # a question heard as a wish
        "Okay, so the fuse tripped, that's you sorted then.",
        "Oh dear, and the fish were okay, cheers.",
    ],
)
def test_the_first_reply_to_the_reason_for_the_call_is_no_close_by_a_wrap_up(turn: str) -> None:
    assert not first_reply(STORY, turn)


def test_the_first_reply_to_a_long_opening_still_closes_on_a_goodbye_proper() -> None:
    assert first_reply(STORY, "Right, I'll send a new one out today. Bye now.")


def test_the_first_reply_to_a_short_opening_closes_on_a_wrap_up() -> None:
    assert first_reply("Okay, I see what you mean.", "Lovely, you're all set, cheers.")


@pytest.mark.parametrize(
    "answer",
    [
        "No, that's plenty for one morning. Thanks, you've been ever so kind.",
        "Nope, that's enough for one day. Cheers for sorting it.",
        "No no, that's everything for this week. You've been brilliant.",
    ],
)
def test_nothing_more_for_the_stretch_of_time_answers_anything_else(answer: str) -> None:
    """The customer's "no, that's plenty for one morning" answers the agent's "anything else?", however it was heard:
    the agent's goodbye after it is no close without an ask (c666's class)."""
    assert not after(answer, "My pleasure, have a lovely rest of your day.")


def test_plenty_for_a_thing_is_no_answer_to_anything_else() -> None:
    assert after("No, that's plenty for one person, thank you.", "Lovely, enjoy the rest of your day.")


# ====================================================================================================
# Moved from tests/test_language_c2.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 32 (C2): the calm-down family and goodbyes in idioms no family held (issue 9 language recall).
#
# Classes (wording fresh, none copied from the calls or the lists):
#
# - calm-down: the temperature, heat or volume of the talk lowered ("lower the temperature of this call", "cool things
#   down", "take some of the heat out of this"); "no point / no sense (you) getting in a flap / stew / tizzy"; the
#   feelings moderated, tempered, regulated, reined in, managed (formal registers), or kept from getting the better of
#   the customer; calm-down words of other languages and pidgins said in English calls ("take am easy", "sakin ol",
#   "doucement", "stai tranquillo", "tranquilo", "aram se", "don't take tension"); the idioms of agitation said of the
#   customer ("all of a fluster", "off at the deep end", "feathers all ruffled", "overwrought", "het up", "wound up",
#   "in a right state"), "a lather" heard "the ladder";
# - its look-alikes: a break or a product named for the family ("the Calm Down Weekend"), someone else who tells the
#   customer to relax, the agent's or a third person's own state, the feeling acknowledged ("I can hear you're all of
#   a fluster"), "a state of", "wound up with", the deep end of a pool, a thermostat's temperature, a hob's heat;
# - goodbyes of other languages said in English calls ("kwaheri", "Allah hafiz", "auf Wiedersehen", "hasta luego"),
#   formal and slang farewells ("good day to you", "peace out", "fare thee well"), "ta ta" heard "tah tah", "talk soon"
#   heard "talk to me" after the customer settled on a next step ("I'll email it tonight"), the booked day confirmed
#   as the close after the customer's thanks ("Friday it is then"), thanks in other languages as the customer's
#   thanks; not "without further adieu", "peace of mind", a day confirmed while the call goes on, "talk to me" asking
#   the customer to go on.
# ====================================================================================================


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


# ====================================================================================================
# Moved from tests/test_language_c3.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 33 (C3): accents folded before any rule reads a word, and the calm-downs and goodbyes that need it (issue 9).
#
# The tokeniser (``coach.language.patterns.WORD``) took only unaccented letters, so "cálmate" was two tokens, "c" and
# "lmate", and no rule saw it. Now a word of a Latin alphabet is one token whatever its accents, and ``fold`` writes it
# plainly ("calmate"), in one place, so every rule (and every pattern, parsed through the same tokens) reads plain
# letters. Classes (wording fresh, none copied from the calls or the lists):
#
# - calm-downs of other languages said in English calls, with their accents or without ("cálmese", "tranquilícese",
#   "no se altere", "acalme-se", "restez calme", "si calmi", "ganz ruhig", "uspokój się", "sakinleşin");
# - look-alikes: accented names, places, dishes and products, which folding must not make fire; a place named with a
#   calm word first ("the Hotel Tranquilo"); the agent's own calm ("I'm tranquilo about it");
# - goodbyes with accents ("adiós", "à bientôt", "tschüss", "até logo", "hasta la próxima", "bis später", "hej då",
#   "güle güle") as the turn's last words; not those words mid-call, the call going on;
# - the thirty-second part's (c742-c765, tuning since the lead's flip) and list AD's missed classes: "yourself" heard
#   "your health" ("stop working your health into a ..."), "all of a lather", the mind or the head kept calm or cool,
#   "jai yen yen", "don't upset yourself", the energy brought down, "less heatedly", "be still a moment", "settle a
#   moment", "dinnae fash", "divvent git aw worked up", flying off the handle stopped; their look-alikes ("hard to
#   breathe", "room to breathe", "it holds not to breathe" as c762's words were heard, a "Deep Relax" range); goodbyes
#   "take it handy", "doei", "annyeonghi gaseyo"; "she'll be right" closing after the customer's thanks and one short
#   remark ("Thank you. The account number is on the form." as c755 ends); one step of several done mid-call.
# ====================================================================================================


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
    marked(
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
        ]
    ),
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


# ====================================================================================================
# Moved from tests/test_language_c4.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 34 (C4): the calm-down family, goodbyes and closings of list AE and the thirty-third part (issue 9).
#
# Classes (wording fresh, none copied from the calls or the lists; list AE itself not read, only its FLOORS comment):
#
# - calm-downs: the intensity brought down a number scale ("from a ten down to a three"), the frustration let go or
#   the customer grounded, "back it down a notch", the nerves steadied with any determiner, asked not to be so cross,
#   slang aimed at the agent ("don't get snippy with me"), "settle it down", the brakes pumped on the shouting, "there's
#   no call to" as "no need to", "go nuclear" heard "do nuclear", and calm-downs of other languages as a recogniser
#   spells them (Russian, Hungarian, Indonesian / Malay, Mandarin, Japanese, Korean, Greek, Afrikaans);
# - their look-alikes: someone else who will say the words (a nurse), a breath held for a procedure, the fitters' own
#   noise kept down, a corner named for chilling out, a place named with a calm word of another language;
# - goodbyes followed by a term of address and a short remark, praise or wish ("caller, you've been a star"), "over
#   and out", goodbyes of other languages, "that's us done", "that's you pencilled in", "till Tuesday then", "I'll
#   leave you in peace", luck wished to someone the call was about; their mid-call look-alikes;
# - a customer's story the recogniser ended on a farewell (c772's "... sits right We'll see you next time."): no close.
# ====================================================================================================


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
    marked(
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
        ]
    ),
)
def test_their_look_alikes_stay_quiet_c4(line):
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
