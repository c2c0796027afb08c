"""Session 30 (L29): goodbyes and calm-downs as tiny.en hears them (issue 9 language recall).

Classes (wording fresh, none copied from the calls or the lists):

- "bye bye" heard as two homophones ("by by", "buy buy", "bye by"): "bye" (``patterns.BYE_SOUNDS``), so "bye bye
  now" heard "by by now" ends the call; a lone "by" keeps its meaning ("it should be there by now");
- the close after the customer's thanks, its goodbye heard as other words ending the agent's turn (``closing.py``,
  ``THANKED_WRAP_UP_WORDS``): "cheerio" as "carry on" after a wrap-up word / "cherry oh", "bye" as "by", "cheers" as
  "chairs", "take care" as "take hair", "have a good one" as "have a good won"; not "just carry on", "I'll pop by",
  "the chairs", nor any of them when the customer did not thank or settle;
- "have a lovely day" with its "have" heard wrong ("I'm a lovely day"); not the weather ("it's a lovely day");
- calm-down: a handle or grip on yourself, as heard ("get a hand along your head"); not a hand on a thing;
- the agent's first reply to a long opening (the reason for the call) is no close by a tail or wrap-up cue
  (``closing.OPENING_STORY_WORDS``); a goodbye proper still closes it.
"""

from __future__ import annotations

import pytest

from coach.language.patterns import normalise, word_tokens
from tests.test_language_g11_closing import CLOSE, closes, started
from tests.test_language_rules import final, kinds, run

CALM = "avoid_calm_down"


def after(customer: str, turn: str) -> bool:
    """Whether the agent's ``turn`` answering the customer's ``customer`` (after the call's opening) is nudged as a
    close with no "anything else?"."""
    coach = started()
    run(final("customer", customer, 13.0), coach=coach)
    return CLOSE in kinds(run(final("agent", turn, 20.0, utt="agent-2"), ticks=(30.0, 40.0), coach=coach))


@pytest.mark.parametrize(
    ("heard", "read"),
    [
        ("by by now", ("bye", "now")),
        ("buy buy then", ("bye", "then")),
        ("bye by", ("bye",)),
        ("it'll be there by now", ("it'll", "be", "there", "by", "now")),
    ],
)
def test_two_bye_sounds_in_a_row_read_as_bye(heard: str, read: tuple[str, ...]) -> None:
    assert normalise(word_tokens(heard))[0] == read


@pytest.mark.parametrize(
    "turn",
    [
        "Okay, so the boiler man's booked for Friday, by by now.",
        "Lovely, the refund's on its way. Buy buy then.",
        "Right, that's the parcel redirected, bye by.",
    ],
)
def test_bye_bye_heard_as_homophones_ends_the_call(turn: str) -> None:
    assert closes(turn)


@pytest.mark.parametrize(
    "turn",
    [
        "The courier should have been by now, so I'll chase the depot.",
        "It ought to be with you by now, can you check the porch?",
    ],
)
def test_a_deadline_by_now_mid_call_is_no_close(turn: str) -> None:
    assert not closes(turn)


THANKS = [
    "Half past two, that's grand, thank you.",
    "Right, I'll keep an eye out for it then. Thanks very much.",
    "Okay, cheers.",
]


@pytest.mark.parametrize("customer", THANKS)
@pytest.mark.parametrize(
    "turn",
    [
        "No bother, the engineer's on his way, carry on.",  # "cheerio"
        "Lovely, the new card goes out today, carry on now.",
        "Right you are, the form's in the post, cherry oh.",
        "No worries, by.",  # "bye"
        "Smashing, that's the reading logged, thanks, buy.",
        "Okay, that's all sorted, chairs.",  # "cheers"
        "You're welcome, take hair.",  # "take care"
        "Not a problem, have a good won.",  # "have a good one"
    ],
)
def test_a_goodbye_heard_wrong_after_the_customer_s_thanks_ends_the_call(customer: str, turn: str) -> None:
    assert after(customer, turn)


@pytest.mark.parametrize("customer", THANKS)
@pytest.mark.parametrize(
    "turn",
    [
        "That's fine, just carry on.",
        "Okay, you can carry on with the form then.",
        "Great, so carry on.",
        "No problem, I'll pop by.",
        "Right, the engineer will drop by.",
        "Okay, we'll bring the chairs.",
        "Right, that's the dining chairs.",
        "That should cheer you up.",
        "Thanks, carry on.",
        "Yes love, carry on.",
        "No worries, by the way, did the parcel come?",
        "Lovely, so the next step is the survey, and the surveyor will carry on from there once it's done, okay.",
    ],
)
def test_mid_call_look_alikes_after_thanks_do_not_close(customer: str, turn: str) -> None:
    assert not after(customer, turn)


@pytest.mark.parametrize(
    "turn",
    [
        "No bother, the engineer's on his way, carry on.",
        "No worries, by.",
        "Right, Mill Lane, great, chairs.",
    ],
)
def test_a_goodbye_heard_wrong_without_thanks_is_no_close(turn: str) -> None:
    assert not after("And the address is twelve Mill Lane, the blue door by the garage.", turn)


@pytest.mark.parametrize(
    "turn",
    [
        "Right, the tickets are emailed over. I'm a lovely day.",
        "Okay, that's everything changed, ave a good evening.",
        "Great, it's all paid, half a nice weekend.",
    ],
)
def test_have_a_lovely_day_with_its_have_heard_wrong_ends_the_call(turn: str) -> None:
    assert closes(turn)


@pytest.mark.parametrize(
    "turn",
    [
        "It's a lovely day for it, so the van can get on the beach.",
        "It was a lovely day out, wasn't it, so what went wrong after lunch?",
    ],
)
def test_a_lovely_day_said_of_the_weather_is_no_close(turn: str) -> None:
    assert not closes(turn)


@pytest.mark.parametrize(
    "turn",
    [
        "You need to get a handle on yourself before we go on.",
        "Listen, get a grip on your temper, please.",
        "You'll have to get a hand along your head or we'll go round in circles.",  # "a handle on yourself" heard
        "Take a hold of yourself, sir.",
    ],
)
def test_a_handle_on_yourself_is_a_calm_down(turn: str) -> None:
    assert CALM in kinds(run(final("agent", turn, 1.0)))


@pytest.mark.parametrize(
    "turn",
    [
        "Get a hand on the railing as you go down the steps.",
        "You'll get a handle on the new app quickly, it's easy.",
        "Grab a hold of the ladder while I check the hatch.",
    ],
)
def test_a_hand_on_a_thing_is_no_calm_down(turn: str) -> None:
    assert CALM not in kinds(run(final("agent", turn, 1.0)))


STORY = (
    "Hiya, it's Dana from Oak Row. The heater I bought off you last month tripped the fuse twice overnight and the "
    "whole kitchen went cold, and the fish tank lost its heat too."
)


def first_reply(opening: str, turn: str) -> bool:
    """Whether the agent's first reply ``turn`` to the customer's ``opening`` is nudged as a close."""
    out = run(final("customer", opening, 2.0), final("agent", turn, 14.0), ticks=(25.0, 35.0))
    return CLOSE in kinds(out)


@pytest.mark.parametrize(
    "turn",
    [
        "Right, you've had it on the timer then, have fun, you.",  # a question heard as a wish
        "Okay, so the fuse tripped, that's you sorted then.",
        "Oh dear, and the fish were okay, cheers.",
    ],
)
def test_the_first_reply_to_the_reason_for_the_call_is_no_close_by_a_wrap_up(turn: str) -> None:
    assert not first_reply(STORY, turn)


def test_the_first_reply_to_a_long_opening_still_closes_on_a_goodbye_proper() -> None:
    assert first_reply(STORY, "Right, I'll send a new one out today. Bye now.")


def test_the_first_reply_to_a_short_opening_closes_on_a_wrap_up() -> None:
    assert first_reply("Okay, I see what you mean.", "Lovely, you're all set, cheers.")


@pytest.mark.parametrize(
    "answer",
    [
        "No, that's plenty for one morning. Thanks, you've been ever so kind.",
        "Nope, that's enough for one day. Cheers for sorting it.",
        "No no, that's everything for this week. You've been brilliant.",
    ],
)
def test_nothing_more_for_the_stretch_of_time_answers_anything_else(answer: str) -> None:
    """The customer's "no, that's plenty for one morning" answers the agent's "anything else?", however it was heard:
    the agent's goodbye after it is no close without an ask (c666's class)."""
    assert not after(answer, "My pleasure, have a lovely rest of your day.")


def test_plenty_for_a_thing_is_no_answer_to_anything_else() -> None:
    assert after("No, that's plenty for one person, thank you.", "Lovely, enjoy the rest of your day.")
