"""The closing ask's tail heard as a refusal (issue 9, session 56, Q54): coach/language/heard_ask.py ``ask_tail_heard``.

"Is there anything else I can help with today?" said last in a turn, its "can" heard "can't" and its "Is there
anything else" garbled or lost, read as "I can't help ..." and nudged for positive language on three tuning parts'
held-out runs (c1106, quiet c1238, c1212) and still at the session's start. A last sentence "I|we can't help|do" with
one to four words after it, the word before it heard unsurely, and a word after it heard unsurely or a stranded "with"
last, is the ask heard; a refusal that names what it refuses, stops at its verb, goes on past the turn's last
sentence, or is heard surely still nudges. The heard finals of c1106, c1212 and c1238 are quoted as the product's finals
wrote them (their ends); the other lines are Q54's own. Each case goes through the whole coach on an agent final."""

from __future__ import annotations

import pytest

from tests.test_heard_ask import nudged

ASKS_HEARD = [
    # c1106 at 151.5 s, "... Is there anything else I can help with today?"
    "for/0.88 your/0.99 mum/0.73 in/0.88 around/0.12 if/0.16 the/0.75 hails/0.48 I/0.75 can't/0.73 help/0.95 win/0.37 "
    "to/0.18 me./0.98",
    # c1212 at 88.6 s, "Is there anything else to do with the catering I can help with?"
    "It's/0.65 not/0.12 anything/0.89 else/1.00 to/1.00 do/1.00 with/0.78 the/0.71 catering/0.27 I/0.77 can't/0.94 "
    "help/0.98 with./0.91",
    # quiet c1238 at 111.0 s, "... Is there anything else I can help with today?"
    "This/0.22 may/0.17 or/0.25 may/0.83 not/0.26 be/0.85 enough,/0.33 I/0.90 can't/0.65 help/0.70 winter/0.59 "
    "day./0.29",
]


@pytest.mark.parametrize("line", ASKS_HEARD)
def test_the_closing_asks_tail_heard_with_cant_is_no_refusal(line: str) -> None:
    assert not nudged(line)


LOOK_ALIKES = [
    "Sorry/0.4 I can't help with that.",  # names what it refuses
    "I'm/0.6 afraid/0.4 I can't help you there.",
    "Sorry/0.4 I can't help with refunds.",  # heard surely after the verb, no stranded "with"
    "Honestly/0.5 I can't do refunds on sale items.",
    "Sorry,/0.3 I can't help.",  # stops at its verb
    "Look,/0.5 I can't do it.",
    "Unfortunately/0.6 we cannot help with the deposit.",
    "That's/0.4 why I can't do a refund.",
    "The/0.3 driver/0.4 has gone and I can't help you until Monday.",
    "Sorry/0.4 I can't help with/0.4 refunds./0.3 The shop closes at five.",  # not the turn's last sentence
    "I'm sorry but I can't help you with this one.",  # heard surely
    "Sorry/0.95 I can't help with/0.4 it./0.3",  # "it": the refused thing named
]


@pytest.mark.parametrize("line", LOOK_ALIKES)
def test_a_refusal_that_names_its_object_stops_or_is_heard_surely_still_nudges(line: str) -> None:
    assert nudged(line)
