"""A question whether there is more, in other words, that the customer says no to is the ask (issue 9, session 58,
Q56): "Was there anything more on your list today?" "Nothing else. Goodbye." leaves the agent's goodbye un-nudged
(quiet c1339's "... is there any other little job I could be doing for you this morning?" "No, I don't think so. That
was the only thing on my list.", in sample); a question about a detail of the errand, or a "no" that raises more, does
not. Wording written for these tests, apart from the heard line marked."""

from __future__ import annotations

import pytest

from coach.language.closing_offer import asks_more
from tests.test_closing_answer_tail import closing_nudges

GOODBYE = ("agent", "Lovely, I'll get that sent off now. Goodbye.")
MORE_ASKS = [
    "I'll email that over now. Anything more on the trip I can chase up?",
    "Any other thing to sort before you fly?",
    "Was there anything more on your list today?",
    "Now, before I let you get on, is there any other little job I could be doing for you this morning?",
    # c1339 at 55.7 s as heard
    "Of course, I'll send the invoice to the address on your letter, then now, before I let you get on, is there any "
    "other letter than I could be doing for you this morning?",
]
DETAIL_QUESTIONS = [
    "Is there any other address you want it sent to?",
    "Do you need any more bags?",
    "Do you want any other bags for the move?",
    "Was it any more than forty pounds?",
    "Is there any other time that suits?",
    "Any other colour I could do it in?",
    "Would you like anything more of the blue ones?",
    "Is there any other address I could use?",
    "Did the last engineer say anything more about the part?",  # helper R23's look-alike
    "Has he told you anything more about it?",
    "We'll sort anything more on the list when the van comes.",  # no question
]
DECLINES = [
    "No, I don't think so. That was the only thing on my list.",
    "Naw, we're fine.",
    "Nothing else. Goodbye, Ninian.",
    "Nope.",
    "Not really, thanks.",
]
MORE_RAISED = [
    "No, but the lid on the other one is cracked too.",
    "No. Actually, the invoice needs to go to the council.",
    "Nope, the blue ones were fine, it's the red ones I'm ringing about.",
    "No, I don't think so. Oh, could you put a note in with it?",
    "No. I also need six more kits for the school.",
    "Not really, though the courier was very late last time and left it in the rain.",
]


@pytest.mark.parametrize("line", MORE_ASKS)
def test_a_question_whether_there_is_more_reads_so(line: str) -> None:
    assert asks_more(line)


@pytest.mark.parametrize("line", DETAIL_QUESTIONS)
def test_a_question_about_a_detail_is_not_one(line: str) -> None:
    assert not asks_more(line)


@pytest.mark.parametrize("answer", DECLINES)
@pytest.mark.parametrize("ask", MORE_ASKS[1:4])
def test_a_no_to_it_is_the_ask_answered(ask: str, answer: str) -> None:
    turns = (("agent", ask), ("customer", answer), GOODBYE)
    assert closing_nudges(*turns, tick_s=90.0) == []


@pytest.mark.parametrize("answer", MORE_RAISED)
def test_a_no_that_raises_more_is_no_answer(answer: str) -> None:
    turns = (("agent", MORE_ASKS[2]), ("customer", answer), GOODBYE)
    assert len(closing_nudges(*turns)) == 1


@pytest.mark.parametrize("answer", ["No.", "Nope, just the one."])
@pytest.mark.parametrize("line", DETAIL_QUESTIONS[:-1])
def test_a_no_to_a_detail_question_leaves_the_goodbye_nudged(line: str, answer: str) -> None:
    turns = (("agent", line), ("customer", answer), GOODBYE)
    assert len(closing_nudges(*turns)) == 1


def test_c1339_as_heard() -> None:
    turns = (
        ("agent", MORE_ASKS[-1]),
        ("customer", DECLINES[0]),
        ("agent", "Then I'll get the organ out. Thank you Mrs. Henry and don't look to the sewing group."),
        ("customer", "Thank you, Everton. Good bye."),
    )
    assert closing_nudges(*turns, tick_s=90.0) == []


C1327_ASK = "Be off it, cause there ain't nothing else at all I can tell, win."  # c1327 at 94.8 s as heard
C1327_BYE = "My pleasure, Ian. I'll ring you tomorrow once she's confirmed. Bye for now."  # c1327 at 102.6 s as heard


@pytest.mark.parametrize(
    "answer",
    [
        "No, that's everything how. Thank you so much.",  # c1327 at 98.5 s as heard
        "Nope, that's it for the day I think. Cheers.",
        "No, that's all really. Thanks.",
    ],
)
def test_done_said_first_and_settled_is_the_ask_answered(answer: str) -> None:
    assert closing_nudges(("agent", C1327_ASK), ("customer", answer), ("agent", C1327_BYE)) == []


@pytest.mark.parametrize(
    "answer",
    [
        "No, that's everything I ordered, but the lamp is missing.",
        "No, that's it, the lid won't close at all and I want it collected.",
        "No, that's all wrong, you've sent the small one.",
    ],
)
def test_done_said_first_then_more_leaves_the_goodbye_nudged(answer: str) -> None:
    assert len(closing_nudges(("agent", C1327_ASK), ("customer", answer), ("agent", C1327_BYE))) == 1
