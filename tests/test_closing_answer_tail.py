"""The customer's "no, that's all" with a short clause after it still answers "anything else?"; "that's all I'm really
asking" is no goodbye; "there's everything else" only asks with the question's tail (issue 9, session 49, C19).
Wording written for these tests, not taken from the calls."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.types import Nudge, seconds_to_samples
from tests.test_language_rules import final

OPENING = final("customer", "Hi, I'm ringing about the marquee we booked for the fete on the twelfth.", 5.0)
GARBLED_ASK = "If there are any details I can do from the page, I like how you roll the link."


def closing_nudges(*turns: tuple[str, str], tick_s: float | None = None) -> list[Nudge]:
    """The closing nudges of a call of ``turns`` (speaker, text), each 8 s after the last, ticked at ``tick_s``."""
    coach = LanguageCoach()
    out = coach.push(OPENING)
    for i, (speaker, text) in enumerate(turns):
        out += coach.push(final(speaker, text, 20.0 + 8.0 * i, utt=f"{speaker}-{i}"))
    if tick_s is not None:
        out += coach.tick(seconds_to_samples(tick_s))
    return [n for n in out if isinstance(n, Nudge) and n.kind == "check_anything_else"]


@pytest.mark.parametrize(
    "answer",
    [
        "So, that's all for now, and you plan.",  # "No, that's all for now. Thank you, Clive." as heard
        "No, that's everything, cheers Dave.",
        "Nope, that's it, ta love.",
    ],
)
def test_the_answer_with_a_short_clause_after_it_still_answers_the_ask(answer: str) -> None:
    turns = (("agent", GARBLED_ASK), ("customer", answer), ("agent", "You're welcome. Goodbye for now."))
    assert closing_nudges(*turns) == []


@pytest.mark.parametrize(
    "answer",
    [
        "No, that's all wrong, you've sent the small one.",
        "No, that's it, but the side panels are missing.",
        "No, that's everything, and then the generator and the lights and the flooring on top.",
    ],
)
def test_more_than_an_answer_leaves_the_goodbye_nudged(answer: str) -> None:
    turns = (("agent", GARBLED_ASK), ("customer", answer), ("agent", "Okay, lovely. Goodbye for now."))
    assert len(closing_nudges(*turns)) == 1


def test_all_im_really_asking_waits_for_the_answer() -> None:
    turns = (
        ("agent", "Right, let me find the order."),
        ("customer", "So could you put the side panels on at least? That's all I'm really asking."),
        ("agent", "Side panels are not something the crew can fit once the marquee is up."),
    )
    assert closing_nudges(*turns, tick_s=60.0) == []


def test_all_i_wanted_still_opens_the_close() -> None:
    turns = (
        ("agent", "I've moved you to the bigger marquee at no charge."),
        ("customer", "Thank you. That's all I wanted."),
        ("agent", "Lovely, enjoy the fete then."),
    )
    assert len(closing_nudges(*turns, tick_s=60.0)) == 1


@pytest.mark.parametrize(
    ("said", "asks"),
    [
        ("They're everything else I can get you for the fete.", True),  # "Is there anything else ...?" as heard
        ("Is there everything else I can help with?", True),
        ("There's everything else you need in the box, pegs and all.", False),
        ("There is everything else to sort on the day, so don't worry.", False),
    ],
)
def test_there_is_everything_else_asks_only_with_the_questions_tail(said: str, asks: bool) -> None:
    turns = (("agent", said), ("customer", "Great, thanks, bye."))
    assert (closing_nudges(*turns) == []) is asks


@pytest.mark.parametrize(
    ("agent", "closes"),
    [
        ("Right, that's paid. Good luck to the team on Saturday week.", True),
        ("Lovely, best of luck to Poppy at the county show.", True),
        ("Sorted, good luck to the lads on the twenty first.", True),
        ("All booked, all the best to you both in June.", True),
        ("Good luck to anyone trying to park there on the day, so I'd take the shuttle bus from the station.", False),
        ("Best of luck to the bride, and what time would you like the marquee up?", False),
    ],
)
def test_luck_wished_to_whoever_as_the_last_words_closes(agent: str, closes: bool) -> None:
    turns = (("agent", "I've put the marquee down for the twelfth."), ("customer", "Put it on the club card, please."))
    assert (len(closing_nudges(*turns, ("agent", agent))) == 1) is closes
