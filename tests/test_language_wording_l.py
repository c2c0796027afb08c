"""Session 11 (helper L): calm-down, closings, complaints and feelings on wording nobody wrote the
tables from (``tests/data/language_wording_l/``, written before any table change of the session).

Each list's lines at even positions are the tuning half (the tables were widened where they missed);
the odd positions are the untouched half, scored but never used to change the tables. The floors
below are what the halves measured when the session ended, rounded down (docs/nudges.md, "Session 11
(L)"), so a later change that loses a family fails here. Scores::

    PYTHONPATH=. .venv/bin/python -c 'import tests.test_language_wording_l as t; t.report()'
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import pytest

from coach.language import LanguageCoach
from coach.language.config import load_language_config
from coach.types import Withdrawal
from tests.test_language_rules import final

DATA = Path(__file__).parent / "data" / "language_wording_l"
CONFIG = load_language_config()
BUSINESS_REPLY = "Can I take your account number?"
"""The agent's reply to every customer line: straight to business, neither a mirror nor an acknowledgement."""


@cache
def _lists(name: str) -> dict[str, tuple[str, ...]]:
    data = tomllib.loads((DATA / f"{name}.toml").read_text("utf-8"))
    return {section: tuple(table["lines"]) for section, table in data.items()}


def half(name: str, section: str, which: str) -> tuple[str, ...]:
    """The ``which`` half ("tune": even positions, "held": odd) of a list's ``section``."""
    lines = _lists(name)[section]
    return lines[0::2] if which == "tune" else lines[1::2]


def calm_down_fired(text: str) -> bool:
    """Whether the agent line ``text`` (a final) gets avoid_calm_down."""
    return any(n.kind == "avoid_calm_down" for n in LanguageCoach(CONFIG).push(final("agent", text, 1.0)))


def closing_fired(text: str) -> bool:
    """Whether the agent's ``text``, said after the customer settled with no "anything else?" before it,
    gets check_anything_else."""
    coach = LanguageCoach(CONFIG)
    out = coach.push(final("customer", "Okay, I see what you mean.", 1.0))
    out += coach.push(final("agent", text, 5.0))
    return any(n.kind == "check_anything_else" for n in out)


def reply_kinds(customer: str) -> set[str]:
    """The mirror / acknowledge nudges when the customer's first turn ``customer`` is answered with
    :data:`BUSINESS_REPLY` (the agent greeted first)."""
    coach = LanguageCoach(CONFIG)
    out = coach.push(final("agent", "Hello, customer services, Sam speaking.", 0.0))
    out += coach.push(final("customer", customer, 3.0))
    out += coach.push(final("agent", BUSINESS_REPLY, 3.5 + 0.4 * len(customer.split())))
    return {n.kind for n in out} & {"mirror_complaint", "acknowledge_feelings"}


def share(lines: tuple[str, ...], hit) -> float:
    return sum(1 for line in lines if hit(line)) / len(lines)


def scores(which: str) -> dict[str, float]:
    """Recall (share of lines caught) and false share on the look-alikes, for one half."""
    return {
        "calm_down": share(half("calm_down", "avoid_calm_down", which), calm_down_fired),
        "calm_down_false": share(half("calm_down", "quiet", which), calm_down_fired),
        "closing": share(half("closing", "closing", which), closing_fired),
        "closing_false": share(half("closing", "not_closing", which), closing_fired),
        "complaint": share(half("complaints", "complaint", which), lambda t: "mirror_complaint" in reply_kinds(t)),
        "upset": share(half("complaints", "upset", which), lambda t: "acknowledge_feelings" in reply_kinds(t)),
        "calm_false": share(half("complaints", "calm", which), lambda t: bool(reply_kinds(t))),
    }


def report() -> None:
    for which in ("tune", "held"):
        print(which, {k: round(v, 2) for k, v in scores(which).items()})


# (recall floor, false-share ceiling) per list and half, from the figures at the end of session 11 (tune
# half 1.0 / 0.0 on every list; untouched half: calm-down 0.93 / 0.20, send-offs 0.94 / 0.0, complaints
# 0.76, upset 0.95, calm customer lines 0.0), rounded down
FLOORS = {
    ("calm_down", "tune"): (0.95, 0.05),
    ("calm_down", "held"): (0.9, 0.2),
    ("closing", "tune"): (0.95, 0.05),
    ("closing", "held"): (0.9, 0.05),
    ("complaint", "tune"): (0.95, 0.05),
    ("complaint", "held"): (0.75, 0.05),
    ("upset", "tune"): (0.95, 0.05),
    ("upset", "held"): (0.9, 0.05),
}


def test_the_lists_are_big_enough():
    assert len(_lists("calm_down")["avoid_calm_down"]) >= 100
    assert len(_lists("closing")["closing"]) >= 100
    assert len(_lists("complaints")["complaint"]) >= 100


@pytest.mark.parametrize("which", ["tune", "held"])
def test_recall_and_false_share_stay_within_their_floors(which):
    s = scores(which)
    for kind, false in (
        ("calm_down", "calm_down_false"),
        ("closing", "closing_false"),
        ("complaint", "calm_false"),
        ("upset", "calm_false"),
    ):
        floor, ceiling = FLOORS[(kind, which)]
        assert s[kind] >= floor, (kind, which, s[kind])
        assert s[false] <= ceiling, (false, which, s[false])


# The ninth part's misses and extras (c190-c213), in the words tiny.en heard them


def _push(*turns: tuple[str, str, float]) -> set[str]:
    coach = LanguageCoach(CONFIG)
    out = []
    for speaker, text, t in turns:
        out += coach.push(final(speaker, text, t))
    return {n.kind for n in out if not isinstance(n, Withdrawal)}


def test_a_damaged_sofa_after_a_long_wait_answered_with_order_number_is_neither_mirrored_nor_acknowledged():
    said = (
        "Hi, we waited eight weeks for a corner sofa. It finally came this morning and when the drivers took "
        "the ramping off The fabric on when arm is ripped right open. They just struck them left it in the "
        "living room I'm good. We saved up for months for this"
    )  # c197: "I'm gutted" heard as "I'm good"
    kinds = _push(
        ("agent", "Hello, furniture deliveries, Tyler speaking.", 1.0),
        ("customer", said, 5.0),
        ("agent", "Order number", 19.6),
    )
    assert {"mirror_complaint", "acknowledge_feelings"} <= kinds


def test_a_customer_answering_anything_else_means_the_agent_asked_however_it_was_heard():
    kinds = _push(
        ("customer", "Perfect, so lunchtime visits from Monday, and a call on Friday about the weekend.", 119.0),
        ("agent", "That's it. There's me and the females I can film with for you, man.", 124.7),  # c203
        ("customer", "No, that's everything. Thanks, Miranda.", 128.5),
        ("agent", "You will come, David. Take care.", 131.6),
    )
    assert "check_anything_else" not in kinds


def test_a_time_to_do_something_is_not_a_goodbye():
    kinds = _push(
        ("customer", "Why wasn't I sent an email asking for it?", 29.0),
        ("agent", "We didn't send it, we didn't want to have a week to claim him.", 34.5),
    )  # c201
    assert "check_anything_else" not in kinds


def test_a_send_off_after_thanks_that_ends_a_longer_turn_closes():
    kinds = _push(
        ("customer", "Oh, there they are, they've just come through. Thanks.", 38.0),
        ("agent", "Sound enjoy the gig", 41.6),
    )  # c198
    assert "check_anything_else" in kinds


@pytest.mark.parametrize(
    "heard", ["Alright, that'll down. If you've got a full tour, upload it.", "Alright, let all down."]
)
def test_settle_down_as_tiny_en_hears_it(heard):  # c191
    assert calm_down_fired(heard)


def test_relief_that_nothing_is_left_to_do_is_no_complaint():
    kinds = _push(
        ("agent", "Hello, TV licensing, Chloe speaking.", 1.0),
        ("customer", "Thank you and there's nothing else I need to do.", 44.0),
        ("agent", "No, you're all done, it's on the record now.", 48.0),
    )  # c204
    assert "mirror_complaint" not in kinds
