"""Statements and detail questions shaped like the offer of more help (:mod:`coach.language.closing_offer`; issue 9,
session 56, C26, mending helper R20's findings on session 55's round one): an offer is a question or an invitation to
the customer, so a sentence that says what exists ("The email lists the other repairs we can help with.") asks
nothing, and a question about a detail of the errand answered with thanks ("Is there any other address you want it
sent to?" / "No, just the home one, thanks.") is no "anything else?": the call's later close still nudges. R20's lines
(``/tmp/R20/c25a.py``) and C26's own look-alikes; wording written for these tests."""

from __future__ import annotations

import pytest

from coach.language.closing_offer import offers_more, wants_more
from tests.test_closing_answer_tail import closing_nudges

STATEMENTS = [
    # helper R20's (session 55): all read as the ask at 7cf1ba0
    "I'll send you a leaflet about the other services we can help with.",
    "The email lists the other repairs we can help with.",
    "Your plan covers a few more things I can help with.",
    "We get far more calls than we can help with.",
    "Next time, the app has more options we can help with.",
    "The website shows the other accounts we can help with.",
    "I've noted the other jobs we could help with.",
    "I've ticked the other boxes we can help for.",
    "So the crew's booked, and the other bins we can help with.",
    "I've added the other rooms I can help with.",
    # C26's
    "The brochure covers all the other appliances we can help with.",
    "Our engineers cover a lot more boilers than we can help with.",
    "I'll pop a note on the account about the other bills we can help with.",
    "You have other things we can help with under the plan.",
    "The tenants' guide explains the other repairs we can assist with.",
    "Our website lists more problems than I could help with.",
    "There's a whole page on other queries we can help with.",
    "My colleague deals with the other claims we could help with.",
    "I've flagged two more issues I can help with.",
    "We've added some further services we can help with.",
    "And the text will list the other things we can help with.",
    "Your landlord handles more repairs than we can help with.",
]
IN_ASKS_WORDING = [
    # the ask's own words ("anything else we can help with", phrases.toml ``asks``) inside a statement: read as the ask
    # word for word before session 55 too (R20 counted 10/12 of his lines nudged at 02234dc); offers_more adds nothing
    "There's a form for anything else we can help with.",
    "The survey at the end asks about anything more we could help with.",
    "That's in the leaflet along with anything else we can help with.",
]
OFFERS = [
    "Do you have any other questions I can help with?",
    "Have you got any more queries we can help with?",
    "Okay, and anything else I can help you with today",
    "Lovely, so any other problems we can help with",
    "Any other kit I can help with?",
]
OPENING = ("customer", "Lovely, that's the crew booked for Thursday then.")
CLOSE = ("customer", "Lovely, thanks, bye.")


@pytest.mark.parametrize("line", STATEMENTS)
def test_a_statement_about_what_exists_is_no_offer_and_the_close_still_nudges(line: str) -> None:
    assert not offers_more(line)
    assert len(closing_nudges(OPENING, ("agent", line), CLOSE, tick_s=60.0)) == 1


@pytest.mark.parametrize("line", IN_ASKS_WORDING)
def test_a_statement_in_the_asks_own_words_is_no_offer_by_shape(line: str) -> None:
    assert not offers_more(line)


@pytest.mark.parametrize("line", OFFERS)
def test_a_question_or_an_invitation_is_the_offer(line: str) -> None:
    assert offers_more(line)
    assert closing_nudges(OPENING, ("agent", line), CLOSE, tick_s=60.0) == []


DETAIL_QUESTIONS = [
    # helper R20's (session 55): the later close lost its nudge at 7cf1ba0
    ("Is there any other address you want it sent to?", "No, just the home one, thanks."),
    ("Any other name you want on the account?", "No, only mine, thank you."),
    ("Is there any other colour you want instead?", "The blue would be fine, cheers."),
    ("Any other day you need the van?", "Just the Friday, thanks."),
    ("Is there any other number you want us to ring?", "My mobile's best, thanks."),
    # C26's
    ("Any other email you want the receipt sent to?", "No, that one's fine, thanks."),
    ("Is there any other time you need the engineer?", "Mornings are best, thanks."),
    ("Any other size you want to try?", "Just the medium, thanks."),
    ("Is there any other card you want to use?", "The same one as last time, cheers."),
    ("Any other person you want on the policy?", "Just my wife, thank you."),
    ("Is there any other date you want us to avoid?", "The twelfth, thanks."),
    ("Any other room you need the fitter to look at?", "Only the kitchen, ta."),
    ("Any other slot you want me to hold?", "The Tuesday one please, thanks."),
    ("Is there any other bag you need the driver to take?", "Just the blue one, thanks."),
]


@pytest.mark.parametrize("question,answer", DETAIL_QUESTIONS)
def test_a_detail_question_answered_with_thanks_is_no_ask(question: str, answer: str) -> None:
    assert not wants_more(question)
    turns = (("agent", question), ("customer", answer), ("agent", "Lovely, that's all booked for Thursday then."))
    assert len(closing_nudges(*turns, ("customer", "Great, thanks, bye."), tick_s=60.0)) == 1


@pytest.mark.parametrize(
    "question",
    [
        "Is there any other kit you're wanting for the build this week?",
        "Any other bits you need for the garden?",
        "Is there any other help you need today?",
    ],
)
def test_an_offer_of_more_things_answered_with_thanks_is_the_ask(question: str) -> None:
    assert wants_more(question)
    answer = "Maybe a whacker plate on Thursday, but I'll phone about that, cheers."
    turns = (("agent", question), ("customer", answer), ("agent", "Right, good luck with the pour."))
    assert closing_nudges(*turns, tick_s=60.0) == []
