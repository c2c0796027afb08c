"""Session 29 (L27): the "calm down" family's forms told to oneself or shared, its look-alikes said of a thing, and a
calm word that ends an agent partial held a bounded time (audio time) so a look-alike continuation can veto it."""

from __future__ import annotations

import dataclasses

import pytest

from coach.language import LanguageCoach, load_language_config
from coach.language.coach import HELD_S
from coach.types import Nudge, Withdrawal
from tests.test_language_rules import final

KIND = "avoid_calm_down"


def said(text: str) -> list[str]:
    """The kinds a final agent turn ``text`` is nudged for."""
    return [n.kind for n in LanguageCoach().push(final("agent", text, 3.0, utt="agent-1")) if isinstance(n, Nudge)]


@pytest.mark.parametrize(
    "text",
    [
        "Could you quieten yourself a little so I can hear the address.",
        "Quiet yerself, the engineer is booked.",
        "Steady yourself, okay, we'll sort the meter.",
        "Steady yourself now and read me the reference.",
        "Collect yourself and then we'll go through the bill.",
        "Let's keep our cool and look at the invoice.",
        "We both need to stay calm about the delivery.",
        "Let us all keep our tempers, it's only the first reminder.",
        "You'll want to steady yourself a touch, madam, before I read the terms.",
        "Collect yourself, the courier's only ten minutes late.",
    ],
)
def test_the_family_told_to_oneself_or_shared_is_a_calm_down(text: str) -> None:
    assert KIND in said(text)


@pytest.mark.parametrize(
    "text",
    [
        "Relax mode on the massage chair is the third button.",
        "Breathe mode on the air purifier runs it quieter at night.",
        "Calm setting is the lowest speed on the fan.",
        "Relax into the harness and let the rope take your weight.",
        "Hold the banister to steady yourself on the stairs.",
        "Grab the handrail to steady yourself.",
        "Temper the glaze slowly or it will crack.",
        "Steady yourself against the wall while you reach the fuse box.",
        "You can collect yourself a replacement from the depot.",
        "Collect yourself from the station? No, the courier brings it.",
        "Treat yourself to the upgrade if you like the colour.",
    ],
)
def test_the_calm_word_said_of_a_thing_or_oneself_given_a_thing_is_no_calm_down(text: str) -> None:
    assert KIND not in said(text)


def heard(text: str, t: float, at: float, stable: int, *, utt: str = "agent-1") -> dict:
    """A partial of the words ``text`` (0.4 s per word from ``t``), emitted at call position ``at`` s, its first
    ``stable`` words committed."""
    e = final("agent", text, t, utt=utt)
    return dict(e, final=False, stable=stable, at=at, end=at)


def calm(out: list) -> list[Nudge]:
    return [n for n in out if isinstance(n, Nudge) and n.kind == KIND]


def test_a_lone_relax_at_the_partials_end_waits_a_bounded_time_then_is_nudged() -> None:
    coach = LanguageCoach()
    end = 20.0 + 0.36  # "Relax." is one word from 20.0 s
    assert calm(coach.push(heard("Relax.", 20.0, end + 0.2, 1))) == []  # a look-alike could still run on
    [n] = calm(coach.push(heard("Relax.", 20.0, end + HELD_S + 0.2, 1)))  # the next partial: nothing came on
    assert n.evidence["basis"] == "held" and n.evidence["said"] == "Relax"
    assert n.evidence["phrase_end"] == pytest.approx(end)
    assert HELD_S + 0.2 <= 1.5  # nudged well within 1.5 s of the phrase's last word
    assert coach.push(final("agent", "Relax.", 20.0, utt="agent-1")) == []  # the final agrees: once only


def test_a_look_alike_continuation_heard_in_time_vetoes_the_held_relax() -> None:
    for text in ("Relax mode is the second button on the remote.", "Relax into the seat and let the belt go."):
        coach = LanguageCoach()
        out = coach.push(heard("Relax.", 20.0, 20.56, 1))
        out += coach.push(heard(text, 20.0, 21.26, 2))  # "Relax mode" / "Relax into" heard in the next partial
        out += coach.push(heard(text, 20.0, 21.96, 4))
        out += coach.push(final("agent", text, 20.0, utt="agent-1"))
        assert calm(out) == [], text


def test_relax_followed_by_other_words_is_nudged_from_the_heard_words_not_held() -> None:
    coach = LanguageCoach()
    [n] = calm(coach.push(heard("Relax, I'm sorting it", 20.0, 21.7, 1)))
    assert n.evidence["basis"] == "heard"


def test_a_held_nudge_is_withdrawn_when_the_final_hears_the_look_alike() -> None:
    coach = LanguageCoach()
    [n] = calm(coach.push(heard("Relax.", 20.0, 21.0, 1)))
    [w] = coach.push(final("agent", "Relax mode is on the remote.", 20.0, utt="agent-1"))
    assert isinstance(w, Withdrawal) and w.moment == n.moment


def test_with_committed_words_only_the_hold_reads_the_committed_words() -> None:
    cfg = load_language_config()
    off = dataclasses.replace(cfg, avoid_calm_down=dataclasses.replace(cfg.avoid_calm_down, heard_after_words=0))
    coach = LanguageCoach(off)
    assert calm(coach.push(heard("Relax.", 20.0, 21.5, 0))) == []  # heard, not committed
    assert calm(coach.push(heard("Relax mode", 20.0, 21.9, 1))) == []  # a word heard after the committed ones
    [n] = calm(coach.push(heard("Relax.", 20.0, 22.3, 1)))
    assert n.evidence["basis"] == "held"


def test_a_held_calm_down_is_not_nudged_for_the_customer() -> None:
    e = dict(heard("Relax.", 20.0, 21.5, 1), speaker="customer", utt="customer-1")
    assert LanguageCoach().push(e) == []
