"""Session 28, second round (G15, issue 9): goodbyes and answers of the twenty-seventh held-out part and list Y, heard
garbled, and a "that's all" that means "only this".

Classes (wording written for these tests, not taken from the calls or the lists):

- "that's all" ending an explanation ("it just needs resetting, that's all"; c622's agent cutting in, heard garbled)
  is "only this", not a goodbye: a clause of its own before it in the sentence (``closing._minimising``), or "that's
  all it is"; a lead-in of acknowledgements ("Okay, lovely, I think that's all.") or a wrap-up ("the refund's gone
  through, that's all") still closes;
- the Welsh "hwyl" (list Y's miss) as a goodbye;
- "cheers now" heard as "chair is now" as the turn's last words (c626); a chair with words after it is no close;
- "no, that's everything, thanks" with its "that's" heard as other words (c642: "No, I say everything, thank you so
  much.") answers "anything else?": the agent's goodbye after it is no missed ask.

The phrases are in ``coach/language/phrases.toml`` ([check_anything_else]), the minimiser in
``coach/language/closing.py``. These tests run the packaged tables.
"""

from __future__ import annotations

import pytest

from tests.test_language_g11_closing import CLOSE, closes, started
from tests.test_language_rules import final, kinds, run


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
    ],
)
def test_a_no_everything_with_thanks_answers_the_ask(answer):
    assert CLOSE not in _answer_then_goodbye(answer)


@pytest.mark.parametrize("answer", ["Okay, lovely.", "No, everything's fine with the order. When does it ship?"])
def test_other_answers_leave_the_goodbye_nudged(answer):
    assert CLOSE in _answer_then_goodbye(answer)
