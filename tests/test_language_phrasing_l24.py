"""Session 28, second round (L24, issue 9): the twenty-seventh part's refusal, blame, deflection and policy misses and
list Y's, as classes (tests/data/language_wording/tuning_l24.toml: lines written by L24), the recogniser's kind of
words for three of them, and a "there's no way to" whose "to" the recogniser was unsure of (c642's kind)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from coach.language import LanguageCoach
from tests.test_language_phrasing_l22 import CONFIG, line_kinds
from tests.test_language_rules import final, kinds, run

LIST = tomllib.loads((Path(__file__).parent / "data" / "language_wording" / "tuning_l24.toml").read_text("utf-8"))


@pytest.mark.parametrize("line", LIST["positive_language"]["lines"])
def test_l24_refusals_blame_and_deflections_nudge_by_class(line: str) -> None:
    assert "positive_language" in line_kinds(line)


@pytest.mark.parametrize("line", LIST["quiet"]["lines"])
def test_l24_look_alikes_stay_quiet(line: str) -> None:
    assert line_kinds(line) == set()


@pytest.mark.parametrize(
    "heard",
    [
        # the recogniser's kind of words for three of the part's misses: "down" lost, "home" heard as "him", the
        # blame's second half written as a sentence of its own
        "A free respray on old paintwork is the road we don't go now",
        "Mostly that's the dog jumping up, so I'd look closer to him.",
        "That's you braking hard. Not our fitting",
    ],
)
def test_l24_the_part_misses_as_the_recogniser_writes_them_nudge(heard: str) -> None:
    assert "positive_language" in line_kinds(heard)


def _heard(text: str, p_to: float) -> dict:
    """An agent final whose word "to" the recogniser gave ``p_to`` (the others 0.9)."""
    event = final("agent", text, 1.0)
    event["words"] = [dict(w, p=p_to) if w["w"].strip(".,").lower() == "to" else w for w in event["words"]]
    return event


def test_l24_no_way_to_with_the_to_heard_unsurely_is_not_a_refusal() -> None:
    text = "Sorry, there's no way to move the date now."
    assert "positive_language" not in set(kinds(run(_heard(text, 0.2), coach=LanguageCoach(CONFIG))))
    assert "positive_language" in set(kinds(run(_heard(text, 0.9), coach=LanguageCoach(CONFIG))))
