"""Session 29 (G16, issue 9): the agent's close with no "anything else?" fires; mid-call "anything else" questions
about a thing and "that's everything I need from you" do not.

Guards written for the closing rule's families (wording new, none from the calls or the lists):

- the agent's goodbye ending the call after a recap or a wrap-up, with no ask before it, in the families the rule
  reads (thanks, wishes, see-you, take care, bye, regional goodbyes, wrap-up tails);
- mid-call lines that look like the close: "is there anything else on the order?", "was there anything else in the
  box?", "that's everything I need from you, so ...", "I've got everything I need. Now ...": no nudge;
- a real "anything else I can help with?" answered "no" settles the close.

The phrases are in ``coach/language/phrases.toml`` ([check_anything_else]), the rule in
``coach/language/closing.py``. These tests run the packaged tables.
"""

from __future__ import annotations

import pytest

from tests.test_language_g11_closing import CLOSE, closes, started
from tests.test_language_rules import final, kinds, run


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
