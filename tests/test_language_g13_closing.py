"""Session 26, second round (G13, issue 9): goodbyes of the twenty-fifth held-out part and list W, and one mid-call
offer taken for a wish.

Classes (wording written for these tests, not taken from the calls or the lists):

- the Scots "bye the now" / "cheerio the noo", as the recogniser writes it ("by the now", c587); not "by the new year";
- the northern "have a good un", in the recogniser's spellings (c584's "have a good done");
- "see you <weekday>" with no "on", as the turn's last words (c584); not someone else seeing the customer on that day;
- a bare "sorted then" answering a settled customer, as a short turn;
- a goodbye followed by nothing but a send-off: a wish ("ta-ra, enjoy the <activity>", list W) or thanks ("goodbye
  and thanks for your patience", list W), however long the send-off runs;
- "so long for now" (list U's miss), not "so long for <whom or what>" (a length of time);
- not a wish: "have a day" with no wish word, offered ("you can come back and have a day in <month>", c580's extra).

The phrases are in ``coach/language/phrases.toml`` ([check_anything_else], the send-off thanks in
``send_off_thanks``); the send-off rule in ``coach/language/closing.py``. These tests run the packaged tables.
"""

from __future__ import annotations

import pytest

from tests.test_language_g11_closing import CLOSE, closes, started
from tests.test_language_rules import final, kinds, run


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
