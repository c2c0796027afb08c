"""A real offer of more help written without a question mark (:func:`coach.language.closing_offer.offers_more`; issue 9,
session 56, helper R21's probe of C26's 29e1999f, ``/tmp/R21/c26a.py``): a clause opened by "is / was / are there"
asks by its words, so the thing named after the "more" word need not be one of ``ASKED_THINGS`` ("Was there any
other bits I can help with."). At 29e1999f these lost the ask and the customer's goodbye after them was nudged as a
close with no "anything else?". Statements whose clause opens with "and any", "the" or "some" stay no offer. Wording
written for these tests."""

from __future__ import annotations

import pytest

from coach.language.closing_offer import offers_more
from tests.test_closing_answer_tail import closing_nudges
from tests.test_closing_offer_statements import CLOSE, OPENING

UNMARKED_OFFERS = [
    "Was there any other bits I can help with.",
    "Was there any more at all I can tell with.",
    "Is there any other stuff I can tell with.",
    "And is there any more today we can tell you with.",
    "Is there any other bits I could tell with.",
    "Was there any other jobs for you I can tell with.",
    "Okay, is there any further at all I can tell with.",
    "Right, was there anything else on your mind we can help with.",
    "Is there anything further on the account I can help with.",
    "Lovely, is there anything else for you we can tell with.",
]
# the same words as a statement: the clause opens with "and any", "the", "a" or "some" and names no asked thing
STATEMENTS = [
    "We'll sort the bins and any other jobs we can help with.",
    "The crew will take the bins and any other bags we can help with.",
    "So the crew's booked, and the other bins we can help with.",
    "The van comes Thursday, and any more boxes we can help with.",
    "I've listed the other jobs we can help with.",
    "The plan covers any other repairs we can help with.",
    "The leaflet has more ideas we can help with.",
    "Then the other rooms we could help with.",
    "And a few more boxes we can help with.",
    "The driver brings any further parcels we can help with.",
]


@pytest.mark.parametrize("line", UNMARKED_OFFERS)
def test_an_offer_asked_by_its_words_without_a_question_mark_is_the_offer(line: str) -> None:
    assert offers_more(line)
    assert closing_nudges(OPENING, ("agent", line), CLOSE, tick_s=60.0) == []


@pytest.mark.parametrize("line", STATEMENTS)
def test_the_same_words_said_as_a_statement_stay_no_offer(line: str) -> None:
    assert not offers_more(line)
