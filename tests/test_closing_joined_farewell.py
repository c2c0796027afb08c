"""A goodbye written with a capital straight after a lower-case word, no stop or comma between, deep in a sentence
(``closing.GLUED_LEAD_WORDS``) is the recogniser's subtitle farewell joined onto speech, not a close (issue 9, session
55, C25, in sample: c1287's first reply heard "... and 1 of our game gurus to teach See you next time."); a goodbye
after a comma or a stop, early in its sentence, or after a capitalised name still closes. Wording written for these
tests, apart from the heard line marked."""

from __future__ import annotations

import pytest

from tests.test_closing_answer_tail import closing_nudges

OPENING = ("customer", "Hi, I'd like to book a big table for Saturday evening, about ten of us.")
JOINED = [
    # c1287 at 30.7 s as heard (a quiet call)
    "Brilliant, for 10, there are 3 packages. Games only are 6 pounds ahead for unlimited play, games and beats so as "
    "14 pounds ahead, and the party package adds a cake, a private corner and 1 of our game gurus to teach See you next"
    " time.",
    "We can do the big table in the back room with the long benches and the games shelf right beside it See you next "
    "time.",
    "The deposit is twenty pounds and the rest is paid on the night when you all come in Take care.",
]
CLOSES = [
    "Lovely, that's the table booked for Saturday. See you next time.",
    "That's you all booked in for the big table on Saturday evening, see you next time.",
    "Right, see you Saturday.",
    "All booked for ten on Saturday night, thanks for calling Bob Bye now.",
]


@pytest.mark.parametrize("line", JOINED)
def test_a_farewell_joined_on_deep_in_a_sentence_is_no_close(line: str) -> None:
    assert closing_nudges(OPENING, ("agent", line), tick_s=60.0) == []


@pytest.mark.parametrize("line", CLOSES)
def test_a_goodbye_after_a_comma_a_stop_or_a_name_still_closes(line: str) -> None:
    turns = (OPENING, ("agent", "Yes, Saturday's free."), ("customer", "Great, book it please."), ("agent", line))
    assert len(closing_nudges(*turns, tick_s=60.0)) == 1


RUN_ON_CLOSES = [
    "That's brilliant thanks ever so much for sorting that out Bye.",
    "Okay that's great I'll look out for the text on Wednesday then Bye bye.",
    "Lovely that's really kind of you to sort it so quickly Cheers bye.",
    "Okay then I'll keep the bin out by the gate on Saturday Bye.",
]


@pytest.mark.parametrize("line", RUN_ON_CLOSES)
def test_a_customers_run_on_goodbye_is_their_close(line: str) -> None:
    """Only the agent's turn carries the recogniser's made-up farewell (c1287); a customer's goodbye run on after their
    thanks, no stop before its capital, is their close (session 55, R20, after C25's round four)."""
    turns = (OPENING, ("agent", "Lovely, that's all booked in for Saturday evening then."), ("customer", line))
    nudges = closing_nudges(*turns, tick_s=60.0)
    assert len(nudges) == 1 and nudges[0].evidence["speaker"] == "customer"
