"""Session 27, second round (L22, issue 9): the twenty-sixth part's refusal, blame, deflection and policy misses and
list X's, as classes (tests/data/language_wording/tuning_l22.toml: lines written by L22), the recogniser's words
for two of them, and a bare "can't" from a partial whose verb the recogniser has not heard surely (c605)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from coach.language import LanguageCoach
from coach.language.config import load_language_config
from coach.language.patterns import normalise, word_tokens
from coach.types import Nudge, Withdrawal
from tests.test_language_rules import final, kinds, run

CONFIG = load_language_config()
LIST = tomllib.loads((Path(__file__).parent / "data" / "language_wording" / "tuning_l22.toml").read_text("utf-8"))


def line_kinds(text: str) -> set[str]:
    """Kinds nudged on one agent line, on a coach of its own (the tables parsed once, above)."""
    return set(kinds(run(final("agent", text, 1.0), coach=LanguageCoach(CONFIG))))


@pytest.mark.parametrize("line", LIST["positive_language"]["lines"])
def test_l22_refusals_blame_and_deflections_nudge_by_class(line: str) -> None:
    assert "positive_language" in line_kinds(line)


@pytest.mark.parametrize("line", LIST["quiet"]["lines"])
def test_l22_look_alikes_stay_quiet(line: str) -> None:
    assert line_kinds(line) == set()


@pytest.mark.parametrize(
    "heard",
    [
        # the recogniser's words for the blame the twenty-sixth part's tables missed (c604, c607)
        "so I'd say the Colin being shifted from inside, which makes it yours to put light.",
        "so it's your little one that have done that, not ever fixing.",
    ],
)
def test_l22_the_twenty_sixth_parts_blame_as_heard_nudges(heard: str) -> None:
    assert "positive_language" in line_kinds(heard)


def test_l22_caribbean_and_northern_words_are_matched_as_written_plainly() -> None:
    assert normalise(word_tokens("I cyah do nothin' wi' it, it's nowt"))[0] == (
        "i",
        "can't",
        "do",
        "nothing",
        "wi",
        "it",
        "it's",
        "nothing",
    )


def _partial(text: str, t: float, *, unsure: int | None = None, stable: int = 0) -> dict:
    """An agent partial of turn "a1" whose word number ``unsure`` the recogniser gave 0.2 (the others 0.9)."""
    event = dict(final("agent", text, t, utt="a1"), final=False, stable=stable)
    event["words"] = [dict(w, p=0.2) if i == unsure else w for i, w in enumerate(event["words"])]
    return event


def _shown_and_kept(partials: list[dict], last: str) -> tuple[int, int]:
    """(positive_language nudges shown from ``partials``, those still standing after the turn's final ``last``)."""
    coach = LanguageCoach(CONFIG)
    shown: list[Nudge] = []
    for e in partials:
        shown += [n for n in coach.push(e) if isinstance(n, Nudge) and n.kind == "positive_language"]
    out = coach.push(final("agent", last, 6.0, utt="a1"))
    taken = {w.moment for w in out if isinstance(w, Withdrawal)}
    kept = {n.moment for n in shown} - taken
    return len(shown), len(kept) + sum(isinstance(n, Nudge) and n.kind == "positive_language" for n in out)


GARBLED = "Send the last survey if you have one and we can't come alive the raft before we leave"
"""c605's kind: a greedy partial's "can't" (word 10, from 0) with a verb the recogniser was unsure of (word 11)."""


def test_l22_a_bare_cant_whose_verb_is_unsure_waits_for_the_final() -> None:
    partials = [_partial(GARBLED, 6.0, unsure=11), _partial(GARBLED + " and the skipper", 6.0, unsure=11)]
    last = "Send the last survey if you have one and we can check the raft before we leave."
    assert _shown_and_kept(partials, last) == (0, 0)


def test_l22_a_bare_cant_whose_verb_is_heard_surely_is_shown_from_the_partials() -> None:
    text = "Send the last survey if you have one and we can't take the raft back before we leave"
    partials = [_partial(text, 6.0), _partial(text + " and the skipper", 6.0)]
    assert _shown_and_kept(partials, text + " and the skipper knows.") == (1, 1)


def test_l22_a_bare_cant_whose_verb_was_unsure_is_nudged_at_the_final_that_keeps_it() -> None:
    partials = [_partial(GARBLED, 6.0, unsure=11), _partial(GARBLED + " and the skipper", 6.0, unsure=11)]
    assert _shown_and_kept(partials, "Sorry, we can't take the raft before we leave.") == (0, 1)


def test_l22_committed_words_ending_on_a_bare_cant_wait_for_the_verb() -> None:
    text = "Right so we can't"
    assert _shown_and_kept([_partial(text + " come", 6.0, stable=4, unsure=4)], "Right so we can come.") == (0, 0)
