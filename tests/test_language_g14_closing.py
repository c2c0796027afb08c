"""Session 27, second round (G14, issue 9): goodbyes and asks of the twenty-sixth held-out part and list X, heard
garbled, and a customer's consent to a hold taken for a close.

Classes (wording written for these tests, not taken from the calls or the lists):

- "bye" heard as "by" after "then" ending a short wrap-up (c611: "sorted, cheers then, bye" heard "sorted here and
  then by."); not "then by" with a word after it (a deadline or a means);
- the Irish "slan" ("slan go foill", "slan leat") and "mind yourself", and "ciao ciao" spelt "chow chow", as the
  turn's last words (list X's misses); not a dog called a chow chow, nor "mind yourself on the step";
- "is there anything else I can help with" heard with "everything" and "help" as near rhymes (c617: "... everything
  else I can tell with") counts as the ask; "everything else I can tell you" is a remark;
- the customer's "no" with a term of address ("No pet, thank you.") answers "anything else?";
- a goodbye-looking reply to the agent's hold request is consent to the hold, not a close (c618: "Not at all, I'll
  wait." heard "Don't that's all, I'll do it." after "would you mind holding for a minute or so" heard garbled): no
  nudge over the silence of the hold.

The phrases are in ``coach/language/phrases.toml`` ([check_anything_else]); the hold request in
``coach/language/closing.py`` (read with ``coach/turns/holds.py``). These tests run the packaged tables.
"""

from __future__ import annotations

import pytest

from tests.test_language_g11_closing import CLOSE, closes, started
from tests.test_language_rules import final, kinds, run


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
def test_look_alikes_mid_call_are_no_close(turn):
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
    ],
)
def test_the_ask_heard_with_near_rhymes_counts(ask):
    assert CLOSE not in _ask_then_goodbye(ask, "Oh, lovely.")


def test_a_remark_with_everything_else_is_no_ask():
    assert CLOSE in _ask_then_goodbye("Everything else I can tell you is in the letter.", "Okay. Thanks.")


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
