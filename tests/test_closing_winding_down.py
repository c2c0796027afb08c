"""The closing rule shows no goodbye nudge for a wish said mid-call (issue 9, c257's flicker): a tail or
wrap-up cue is nudged from a partial only when the customer's side says the call is ending; otherwise
the turn's final decides. Wording written for these tests, not taken from the calls."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.types import Nudge, Withdrawal
from tests.test_language_rules import final
from tests.test_language_stream import heard_after

OPENING = final("customer", "Hi there, I want to book a table for six on Friday for our silver wedding.", 5.0)


def kinds(found: list) -> list[str]:
    return [n.kind if isinstance(n, Nudge) else "withdrawal" for n in found if isinstance(n, Nudge | Withdrawal)]


def test_a_wish_answering_the_customers_news_is_not_nudged_from_its_pause_nor_taken_back():
    coach = LanguageCoach()
    coach.push(OPENING)
    wish = "Oh lovely, happy anniversary to you."
    assert kinds(coach.push(heard_after(wish, 12.0, 0.4))) == []  # a pause after the wish: no nudge shown
    going_on = "Oh lovely, happy anniversary to you. Would you like the window table or the garden room?"
    assert kinds(coach.push(heard_after(going_on, 12.0, 0.0))) == []
    assert kinds(coach.push(final("agent", going_on, 12.0, utt="agent-1"))) == []  # nothing to take back


def test_a_wish_that_ends_the_agents_turn_still_closes_on_the_final():
    coach = LanguageCoach()
    coach.push(OPENING)
    wish = "Right then, happy anniversary to you."
    assert kinds(coach.push(heard_after(wish, 12.0, 0.4))) == []
    assert kinds(coach.push(final("agent", wish, 12.0, utt="agent-1"))) == ["check_anything_else"]


def booked(customer: str) -> LanguageCoach:
    """A coach that heard the opening, the agent's booking and the customer's turn ``customer`` after it."""
    coach = LanguageCoach()
    coach.push(OPENING)
    coach.push(final("agent", "That's booked for Friday at seven, under Okafor.", 12.0, utt="agent-1"))
    coach.push(final("customer", customer, 18.0))
    return coach


def test_once_the_customer_says_goodbye_a_wish_is_nudged_from_its_pause():
    coach = booked("Smashing, that's all I needed. Thanks for your help.")
    [n] = coach.push(heard_after("My pleasure, happy anniversary to you.", 22.0, 0.4, utt="agent-2"))
    assert isinstance(n, Nudge) and n.kind == "check_anything_else"


@pytest.mark.parametrize(
    ("wish", "ask"),
    [
        ("Great, you're all set then.", "Is there anything else I can do for you?"),
        ("The deposit comes back to you too, with our best wishes to the couple.", "Anything else today?"),
        ("Okay, lovely, speak to you soon.", "Oh, and was there anything else?"),
    ],
)
def test_while_no_customer_goodbye_waits_a_close_waits_for_the_final_the_ask_may_follow_its_pause(wish, ask):
    """Session 42 (Q40), quiet c950's class: the customer settled ("Perfect. Thanks."), the agent pauses after a wish,
    a wrap-up or a goodbye proper and then asks "anything else?": no close is nudged from the pause (it was, and was
    taken back when the ask came). A close that does end the turn is nudged by the final."""
    coach = booked("Perfect. Thanks.")
    assert kinds(coach.push(heard_after(wish, 22.0, 0.4, utt="agent-2"))) == []  # the pause: nothing shown
    going_on = f"{wish} {ask}"
    assert kinds(coach.push(heard_after(going_on, 22.0, 0.0, utt="agent-2"))) == []
    assert kinds(coach.push(final("agent", going_on, 22.0, utt="agent-2"))) == []  # nothing to take back
    ended = booked("Perfect. Thanks.")
    assert kinds(ended.push(heard_after(wish, 22.0, 0.4, utt="agent-2"))) == []
    assert kinds(ended.push(final("agent", wish, 22.0, utt="agent-2"))) == ["check_anything_else"]


def test_a_goodbye_proper_mid_call_is_nudged_by_its_final():
    coach = LanguageCoach()
    coach.push(OPENING)
    assert kinds(coach.push(heard_after("Okay, lovely, speak to you soon.", 12.0, 0.4))) == []
    [n] = coach.push(final("agent", "Okay, lovely, speak to you soon.", 12.0, utt="agent-1"))
    assert isinstance(n, Nudge) and n.kind == "check_anything_else"


@pytest.mark.parametrize(
    "asked",
    [
        "Does the tent fit in a car boot? We park the car close by, bye!",  # "by" heard as a goodbye
        "Can I collect it Saturday? The depot's nearby, bye.",
    ],
)
def test_a_customer_question_ending_on_a_lone_bye_is_not_a_close(asked):
    """Session 14 (D7), c307's class: "We've got street lights nearby." heard as "... there, bye!" after a
    question; the agent's long answer with no "anything else?" was nudged. A question with only a lone
    "bye" in the turn waits for its answer; the call goes on."""
    coach = LanguageCoach()
    coach.push(OPENING)
    coach.push(final("agent", "Sure, the family tent is in stock in green.", 12.0, utt="agent-1"))
    assert kinds(coach.push(final("customer", asked, 18.0))) == []
    answer = "Yes, it packs down to the size of a holdall, so any hatchback takes it easily."
    found = coach.push(final("agent", answer, 24.0, utt="agent-2"))
    found += coach.tick(int(40.0 * 16000))
    assert kinds(found) == []


def test_a_customer_question_then_thanks_and_bye_still_closes():
    """The same frame with a thanks in it is a goodbye: the agent who answers with no "anything else?"
    is nudged once the wait runs out."""
    coach = LanguageCoach()
    coach.push(OPENING)
    coach.push(final("agent", "Sure, the family tent is in stock in green.", 12.0, utt="agent-1"))
    coach.push(final("customer", "Is the green one in the shop window? Great, cheers, bye.", 18.0))
    found = coach.tick(int(40.0 * 16000))
    assert kinds(found) == ["check_anything_else"]


@pytest.mark.parametrize(
    ("asked", "nudged"),
    [
        ("Brilliant. Was there some other thing else we can do for you today?", []),  # "anything" heard as "thing"
        ("Brilliant. I'm afraid there's nothing else I can do about the fee.", ["check_anything_else"]),
    ],
)
def test_anything_else_with_its_head_misheard_still_counts_but_nothing_else_does_not(asked, nudged):
    """Session 15 (Q9), c330's class: "Is there anything else I can do for you?" heard as "is around the
    thing else I can do for you": the tail "thing else I can do" is the ask; "nothing else I can do" is not."""
    coach = LanguageCoach()
    coach.push(OPENING)
    coach.push(final("agent", asked, 12.0, utt="agent-1"))
    coach.push(final("customer", "Okay, thanks for your help, bye.", 18.0))
    found = coach.tick(int(40.0 * 16000))
    assert kinds(found) == nudged


def wound_down(customer: str, agent: str, at: float = 70.0, asked: bool = False) -> list[str]:
    """The closing nudges (their kinds) of the agent's final ``agent`` at ``at`` s, after the customer's turn
    ``customer`` just before it, in a call that opened at 5 s and had a booking confirmed at 30 s (``asked``: the
    agent asked "anything else?" then, heard whole)."""
    coach = LanguageCoach()
    coach.push(OPENING)
    coach.push(final("agent", "That's booked for Friday at seven, under Okafor.", 12.0, utt="agent-1"))
    coach.push(final("customer", "And can the cake come out with candles on it?", 20.0))
    booked = "Yes, the kitchen will bring it out with candles." + (" Anything else I can do?" if asked else "")
    coach.push(final("agent", booked, 30.0, utt="agent-2"))
    coach.push(final("customer", customer, at - 5.0))
    return [k for k in kinds(coach.push(final("agent", agent, at, utt="agent-3"))) if k == "check_anything_else"]


# session 47 (C17): the agent's short reply to a customer who accepted, its goodbye lost to the recogniser
# ("Thanks for all in hand later." for "that's all in hand, laters"): the call's shape closes it
@pytest.mark.parametrize(
    ("customer", "agent", "at", "asked", "closes"),
    [
        ("Perfect, that's the lot then.", "Lovely stuff, all in hand for later.", 70.0, False, True),
        ("Okay, we'll see you Friday. Thanks.", "Right, the table's yours for the evening.", 70.0, False, True),
        ("Fine, seven it is.", "Lovely stuff, all in hand for later.", 70.0, True, False),  # asked "anything else?"
        ("Fine, seven it is.", "Lovely stuff, all in hand for later.", 40.0, False, False),  # the call's early part
        ("No, thank you.", "Lovely stuff, all in hand for later.", 70.0, False, False),  # answers a question
        ("Fine, and is there parking?", "Lovely stuff, all in hand for later.", 70.0, False, False),  # asks
        ("The van broke down twice on the way to the venue.", "Right, all in hand.", 70.0, False, False),  # news
        ("Perfect, that's the lot then.", "Sorry, sorry, go on.", 70.0, False, False),  # a hand-back
        ("Perfect, that's the lot then.", "Lovely, now the first line of the address.", 70.0, False, False),  # next
        ("Perfect, that's the lot then.", "Lovely, and shall I add a bottle of fizz?", 70.0, False, False),
        ("Perfect.", "Lovely, the kitchen will do the candles and the card on the table.", 70.0, False, False),
    ],
)
def test_a_short_reply_to_a_customer_who_accepted_closes_by_the_calls_shape(customer, agent, at, asked, closes):
    assert wound_down(customer, agent, at, asked) == (["check_anything_else"] if closes else [])


def test_a_close_by_the_calls_shape_is_taken_back_when_the_agent_speaks_again_and_the_real_goodbye_is_nudged():
    coach = LanguageCoach()
    coach.push(OPENING)
    coach.push(final("agent", "That's booked for Friday at seven, under Okafor.", 12.0, utt="agent-1"))
    coach.push(final("customer", "Perfect, that's the lot then.", 60.0))
    [shaped] = [
        n for n in coach.push(final("agent", "Done, the card will be on the table.", 66.0)) if isinstance(n, Nudge)
    ]
    assert shaped.kind == "check_anything_else" and shaped.evidence["basis"] == "shape"
    coach.push(final("customer", "Lovely, thank you.", 72.0))
    found = coach.push(final("agent", "My pleasure, see you Friday, bye now.", 78.0, utt="agent-3"))
    assert [type(n).__name__ for n in found if isinstance(n, Nudge | Withdrawal)] == ["Withdrawal", "Nudge"]
    assert found[0].moment == shaped.moment and found[-1].kind == "check_anything_else"


def test_a_close_by_the_calls_shape_stands_while_the_agent_adds_short_details_and_goes_when_they_ask():
    """Session 48 (R12): each short final after the customer accepted used to take the close back and nudge it
    again (a flicker at every final); it now stands until a final that would not close by the shape."""
    coach = LanguageCoach()
    coach.push(OPENING)
    coach.push(final("agent", "That's booked for Friday at seven, under Okafor.", 12.0, utt="agent-1"))
    coach.push(final("customer", "Perfect, that's the lot then.", 60.0))
    [shaped] = [n for n in coach.push(final("agent", "Done, the card will be on the table.", 66.0, utt="agent-2"))]
    assert shaped.kind == "check_anything_else" and shaped.evidence["basis"] == "shape"
    assert kinds(coach.push(final("agent", "And the cake comes out at nine.", 69.0, utt="agent-3"))) == []
    assert kinds(coach.push(final("agent", "Right, the deposit is forty pounds.", 72.0, utt="agent-4"))) == []
    found = coach.push(final("agent", "Oh, and was there anything else I can do?", 75.0, utt="agent-5"))
    assert [(type(n).__name__, n.moment) for n in found if isinstance(n, Nudge | Withdrawal)] == [
        ("Withdrawal", shaped.moment)
    ]


# session 48 (C18): a customer who asks the agent to do something (a "please", a "would", an order: "Perfect, book
# the lot.") has not accepted a done deal: the agent's short reply does it and tells them what comes next, and the
# customer answers that; the close comes after (the script-text extras of c824, c1009, c1033, c1045)
@pytest.mark.parametrize(
    ("customer", "closes"),
    [
        ("Smashing, wrap the lot up for me.", True),  # no verb of REQUEST_VERBS: accepted, the reply may close
        ("Brilliant, stick the lot on my card.", False),
        ("Yes, just pencil me in.", False),
        ("Great. Please go ahead with the engraving.", False),
        ("Thanks. Tuesday would suit us best.", False),
        ("Lovely, that'd be handy.", False),
        ("Okay, we'll see you Friday. Thanks.", True),
        ("Right, send it to the shop then, cheers.", False),
        ("Right, the shop sends it on then, cheers.", True),
        ("Okay. Give me the shop's number then.", False),
    ],
)
def test_a_short_reply_to_a_customer_who_asked_for_something_is_no_close_by_the_calls_shape(customer, closes):
    agent = "Done, the receipt comes by email tonight."
    assert wound_down(customer, agent) == (["check_anything_else"] if closes else [])


# session 48 (C18, in sample: c63's and c587's script-text extras): a short final that hands the floor back in a clause
# of its own ("go ahead"), or opens by promising the next step ("I'll ..."), is answered by the customer: no close by
# the call's shape; a promise that is a goodbye's own verb ("We'll be in touch") may still close
@pytest.mark.parametrize(
    ("agent", "closes"),
    [
        ("Lovely, go on, and I'll take it down.", False),
        ("I'll post you the receipt tonight.", False),
        ("We will text you the code.", False),
        ("We'll be in touch about the fitting.", True),
        ("Lovely stuff, all in hand for later.", True),
    ],
)
def test_a_hand_back_or_a_promised_next_step_is_no_close_by_the_calls_shape(agent, closes):
    assert wound_down("Perfect, that's the lot then.", agent) == (["check_anything_else"] if closes else [])


# session 51 (C21): a longer final (10 to 12 words) closes by the call's shape only when its wrap-up frame says the
# whole business is done ("that's all sorted", "you're all set", "everything's done": c1163 as heard, its goodbye lost,
# "..., and I'm going to be okay"); a frame naming one item done, with a detail after it, is the business going on
@pytest.mark.parametrize(
    ("agent", "closes"),
    [
        ("Right, that's all sorted for you, and we'll be glad to help.", True),
        ("Okay, you're all set for Friday, and I'm glad we got there.", True),
        ("Great, everything's done on our side, and that's grand then.", True),
        ("Right, that's you down for Friday, and the corkage is ten pounds.", False),
        ("That's you pencilled in, and the bill goes to your flat.", False),
        ("Right, the table is booked now and the corkage is ten pounds.", False),
        ("Okay, that's all sorted for you, and I'll go through the corkage rules next.", False),  # 15 words
    ],
)
def test_a_longer_reply_closes_by_the_calls_shape_only_when_it_says_the_whole_business_is_done(agent, closes):
    assert wound_down("Perfect, that's the lot then.", agent) == (["check_anything_else"] if closes else [])
