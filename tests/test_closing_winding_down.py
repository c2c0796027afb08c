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
