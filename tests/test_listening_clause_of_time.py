"""Listening (issue 9): a sentence opening "When" / "Where" + a subject is a clause of time or place, not a question.

Session 40, Q38: quiet c902's agent answered an angry customer with a 37-word reply opening on her name ("Gwen,
that's a lot of money for a set that can't be played ..."), heard "When that's a lot of monitor effort that can't be
played ...". ``listening._asks`` read any sentence opening with a wh-word as a question, so the reply counted as one
going to a question and was judged on its first words (a false acknowledgement nudge), and at its final it was not the
long statement that engages (a false mirror nudge). Now "when" / "where" followed by a subject, not an auxiliary, asks
only if an auxiliary comes before a subject later in the sentence ("... does anything happen") or a clause after a
comma opens as a question. Over the tuning scripts' lines (c01-c909, 10,609 agent and customer lines) the change reads
14 sentences differently, every one a statement ("When they arrive, float the bags in the tank ..."). Our own
wordings, not the call's. ``test_a_long_reply_*`` fails at the commit before this change (checked); the rest are
controls that pass at both.
"""

from __future__ import annotations

import pytest

from coach.language.listening import _asks
from tests.test_listening_classes import ACK, MIRROR, _reply

ANGRY = (
    "Hi, it's Dora Finch, and I'm not happy. I paid four hundred pounds for the walnut chess table, it came this"
    " morning, and two of the legs are split right through. My brother's coming to play on Friday."
)
# The agent's "Dora, ..." heard as "When": a long reply that takes the news in, its words garbled
HEARD_AS_WHEN = (
    "When that's a lot of money for a tape that can't be stood and the lady tie on short wound rangers don't do games"
    " before your brother's night and be cross to I'm sorry. Let me look at how it was packed."
)


def test_a_long_reply_opening_with_a_name_heard_as_when_is_not_nudged() -> None:
    assert _reply(ANGRY, HEARD_AS_WHEN) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "When that's a lot of money for a table that can't be stood up, I'd be cross too.",
        "When they arrive, keep them in the box overnight.",
        "So where we are with it is the frame has been sanded.",
        "When it rained last night the roof leaked again.",
    ],
)
def test_a_clause_of_time_or_place_is_no_question(sentence: str) -> None:
    assert not _asks(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "And when you press the power button, does anything happen at all.",
        "When did it arrive.",
        "When you opened the box, what did you see.",
        "When it arrived was it already damaged.",
        "Where is it now.",
    ],
)
def test_control_questions_still_ask(sentence: str) -> None:
    assert _asks(sentence)


def test_control_a_question_reply_opening_when_is_still_nudged() -> None:
    assert ACK in _reply(ANGRY, "When did the table arrive, this morning.")


def test_control_a_short_statement_opening_when_still_judged() -> None:
    assert MIRROR in _reply(ANGRY, "When you're ready, read me the order number.")
