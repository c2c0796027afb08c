"""The offer of more help read by its shape when its words are garbled (:mod:`coach.language.closing_offer`; issue 9,
session 55, C25): a sentence ending "... other / else / more <thing> I can help with" asks "anything else?", however
the help was heard; statements, refusals and questions about a detail with the same words do not. The weaker "any
other <thing> you want" counts only when the customer answers it by closing (no question, ending on thanks). Wording
written for these tests, apart from the two heard lines marked."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.language.closing_offer import offers_more
from tests.test_closing_answer_tail import closing_nudges

OFFERS = [
    "And the refund should be on your card within the week and the other thing I can tell with",  # c1257 as heard
    "Is there any other worry about the hutch I can help with?",
    "Is there anything further we could help you with today?",
    "Any other thing I can help with?",
    "Right, that's all booked. Anything more we can yelp you with?",
    "Okay, so is there some other query I might hell with",
]
NOT_OFFERS = [
    "That's something I can help with.",
    "The other thing I can help with is the delivery charge.",
    "I'm afraid there's nothing more I can help with.",
    "There's no other way we can help with that, sorry.",
    "There's no other way we can help with.",
    "Is there any other number we can reach you on?",
    "Any other card I can take the payment from?",
    "The other parcel is one I can sign for.",
    "The other form's the one we can help with.",
    "That's the other one I can do for you.",
    "Yes, that's definitely one more problem we can help with.",
    "One more thing I can tell you is the code.",
    "Is there another date I could book you in for?",
    "Is there any other time I can ring you back for?",
    "We can do the other colour for you.",
    "The other branch is the one that can help you with that.",
]
GOODBYE = "Lovely, take care now, bye."


@pytest.mark.parametrize("line", OFFERS)
def test_an_offer_ending_on_its_preposition_is_the_ask(line: str) -> None:
    assert offers_more(line)
    assert LanguageCoach()._closing._asks(line)
    turns = (("agent", line), ("customer", "No, ta, that's me done."), ("agent", GOODBYE))
    assert closing_nudges(*turns, tick_s=60.0) == []


def test_the_offer_counts_with_the_customers_answer_lost() -> None:
    """c1257 as heard: the offer garbled, the customer's "No, ta, that's me done." not heard at all."""
    turns = (("customer", "Thank you, I'll keep the Saturday slot cancelled then."), ("agent", OFFERS[0]))
    assert closing_nudges(*turns, ("agent", "Look after those toes and good luck."), tick_s=60.0) == []


@pytest.mark.parametrize("line", NOT_OFFERS)
def test_the_same_words_as_a_statement_refusal_or_detail_are_no_ask(line: str) -> None:
    assert not offers_more(line)
    assert not LanguageCoach()._closing._asks(line)
    turns = (("customer", "Okay, that all sounds fine."), ("agent", line), ("agent", GOODBYE))
    assert len(closing_nudges(*turns, tick_s=60.0)) == 1


WANTING = "The driver's number will come by text. This near any other cut you want in front of the world this week."


def test_any_other_thing_you_want_answered_with_thanks_is_the_ask() -> None:
    """c1251 as heard ("Is there any other kit you're wanting for the build this week?")."""
    answer = "Maybe a whacker plate on Thursday, but I'll phone about that, cheers."
    turns = (("agent", WANTING), ("customer", answer), ("agent", "Right, good luck with the pour."))
    assert closing_nudges(*turns, tick_s=60.0) == []


@pytest.mark.parametrize(
    "question,answer",
    [
        ("Is there any other address you want it sent to?", "Yes, my work address, it's 4 Mill Lane."),
        ("Is there any other colour you want?", "What else have you got?"),
        ("Any other name you want on the booking?", "My husband, Tom Barker."),
    ],
)
def test_any_other_detail_you_want_answered_with_a_detail_is_no_ask(question: str, answer: str) -> None:
    turns = (("agent", question), ("customer", answer), ("agent", "Lovely. Okay then, cheers, bye now."))
    assert len(closing_nudges(*turns, tick_s=60.0)) == 1
