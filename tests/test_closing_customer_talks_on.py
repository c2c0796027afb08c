"""A customer's goodbye the customer talks on after, the agent silent, is no close (issue 9, session 58, Q56): said to
someone in the room ("... Have a great evening, bye!" to a colleague, then "Sorry about that, end of shift.", quiet
c1338's shape, in sample). The waiting close is dropped at the customer's next words (a partial) and their final is
judged afresh; a second goodbye, or the agent's own goodbye without the ask, is still nudged. Wording written for these
tests, apart from the heard lines marked."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.types import Nudge, seconds_to_samples
from tests.test_language_rules import final

OPENING = ("customer", "Hi, we're on your weekly lab coat contract and I need to add six coats for three new starters.")
REPLY = ("agent", "Sure. Your contract is twenty coats on Mondays. What sizes for the new ones?")
SIZES = ("customer", "Two medium, two large and two extra large. Can they have names on the pocket?")
ROOM_GOODBYES = [
    "Thanks for closing up the fridge log, Yesenia. Have a great evening, bye!",
    "Thanks for closing up in the fridge long. You'll see me. Same great evening. Bye.",  # c1338 at 36.2 s as heard
    "Night, Dave, see you tomorrow.",
]
TALKING_ON = [
    "Sorry about that, end of shift. So, names on the pocket.",
    "Sorry about that, end on shift, so name is on the bucket.",  # c1338 at 42.4 s as heard
    "Right, where were we? The names.",
]


def call(*turns: tuple[str, str, float], partial_at: float | None = None, ticks: tuple[float, ...] = ()) -> list:
    """The closing nudges of a call: each turn (speaker, text, start s) a final 0.5 s after its last word; with
    ``partial_at``, the next customer turn's first words come as a partial at that time (before its final)."""
    coach, out = LanguageCoach(), []
    events = [final(speaker, text, t, utt=f"{speaker}-{i}") for i, (speaker, text, t) in enumerate(turns)]
    for i, e in enumerate(events):
        if partial_at is not None and e["t"] == partial_at:
            first = " ".join(e["text"].split()[:3])
            p = dict(final(e["speaker"], first, e["t"], utt=e["utt"]), final=False, stable=0)
            out += coach.push(p) + coach.tick(seconds_to_samples(p["at"]))
        out += coach.push(e)
        out += coach.tick(seconds_to_samples(e["at"]))
        nxt = events[i + 1]["t"] if i + 1 < len(events) else e["at"] + 10.0
        step = e["at"]
        while step + 0.25 < nxt:  # the timers ticked every 0.25 s, as a live call's are
            step += 0.25
            out += coach.tick(seconds_to_samples(step))
    for t in ticks:
        out += coach.tick(seconds_to_samples(t))
    return [n for n in out if isinstance(n, Nudge) and n.kind == "check_anything_else"]


GAP_S = 1.2
"""Seconds between the goodbye's last word and the customer's next words (c1338's script: ``gap_s = 1.2``)."""


def on_at(goodbye: str) -> float:
    """When the customer talks on after ``goodbye`` said from 25 s (0.4 s a word: :func:`final`)."""
    return round(25.0 + 0.4 * len(goodbye.split()) + GAP_S, 2)


def room_call(goodbye: str, on: str) -> list[tuple[str, str, float]]:
    """The opening, a size question, the customer's goodbye to someone else at 25 s and their words on after it."""
    return [
        (*OPENING, 0.0),
        (*REPLY, 8.0),
        (*SIZES, 14.0),
        ("customer", goodbye, 25.0),
        ("customer", on, on_at(goodbye)),
    ]


@pytest.mark.parametrize("on", TALKING_ON)
@pytest.mark.parametrize("goodbye", ROOM_GOODBYES)
def test_a_goodbye_the_customer_talks_on_after_is_no_close(goodbye: str, on: str) -> None:
    assert call(*room_call(goodbye, on), partial_at=on_at(goodbye)) == []


@pytest.mark.parametrize("goodbye", ROOM_GOODBYES[:2])
def test_the_goodbye_left_alone_is_still_nudged(goodbye: str) -> None:
    turns = room_call(goodbye, TALKING_ON[0])[:-1]
    assert len(call(*turns)) == 1  # no words after it: the agent had wait_s to ask


def test_a_second_goodbye_is_still_nudged() -> None:
    goodbye = "Thanks so much for your help."
    assert len(call(*room_call(goodbye, "Bye now!"), partial_at=on_at(goodbye))) == 1


@pytest.mark.parametrize("on", TALKING_ON[:1])
def test_the_real_close_after_it_is_still_nudged(on: str) -> None:
    turns = [
        *room_call(ROOM_GOODBYES[0], on),
        ("agent", "No problem, names are included and the coats come on Monday.", 40.0),
        ("customer", "Lovely, thanks.", 47.0),
        ("agent", "You're welcome, have a good evening, bye.", 51.0),
    ]
    nudges = call(*turns, partial_at=on_at(ROOM_GOODBYES[0]))
    assert len(nudges) == 1 and nudges[0].start == seconds_to_samples(51.0)
