"""Session 25, second round (L20), issue 9: the classes behind the twenty-fourth part's language misses (c550-c573)
and list V's, in words written for them (``tests/data/language_wording/tuning_l20.toml``): a job not done again
("we don't reopen the job"), "that's just how the shop runs", a boss who "won't wear it", a fault "his to sort", a
complaint to "take up with him direct", "off limits", "zero wiggle room", the flat tails ("full stop", "end of
story", "simple as"); "steady yourself", "in a two and eight", Geordie and Yorkshire forms, "don't so angry", the tone
brought "right down", "less emotional", "enough with the dramatics". Look-alikes in the same words stay quiet, and
c552's "I can't have it on the van in 20 minutes" (tiny.en's "can't" for "can") is no refusal. Text level only."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.language.patterns import normalise, word_tokens
from coach.types import Nudge
from tests.test_language_stream import partial
from tests.test_language_wording import kinds_fired, wording_list

LIST = wording_list("tuning_l20")


@pytest.mark.parametrize("line", LIST["positive_language"]["lines"])
def test_refusals_blame_and_flat_tails_by_class_nudge(line: str) -> None:
    assert "positive_language" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST["avoid_calm_down"]["lines"])
def test_regional_and_heard_calm_downs_nudge(line: str) -> None:
    assert "avoid_calm_down" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST["quiet"]["lines"])
def test_look_alikes_stay_quiet(line: str) -> None:
    assert kinds_fired(line) == set()


HEARD = [
    # (the recogniser's words on the twenty-fourth part's events, the kind, whether it must fire)
    # c555: "we don't reopen the job, that's just how the shop runs"
    (
        "We will the path has left the counter, we don't reopen the job. Let's just find the shop run.",
        "positive_language",
        True,
    ),
    # c563: "... a loose grip is his to sort, you'd be better taking that up with him direct"
    (
        "I, the drips are made by the welcome garden car like all, so at least rippin' to sort, you'd be better to "
        "take a nut up with them direct.",
        "positive_language",
        True,
    ),
    # c565: "own bikes ... are strictly off limits ..., there's zero wiggle room in the track rules on that"
    (
        "Don't like some of them all masterically off-limits unless they're fixed here. There's near a wiggle room "
        "in the track room on that.",
        "positive_language",
        True,
    ),
    # c552's extra: "I can have it on the van in twenty minutes" heard with "can't"
    (
        "Right, we have a second single swun carved for a Saturday job. I can't have it on the van in 20 minutes "
        "and with you in an hour and a quarter, and the",
        "positive_language",
        False,
    ),
]


@pytest.mark.parametrize(("heard", "kind", "fires"), HEARD)
def test_the_twenty_fourth_parts_lines_as_heard(heard: str, kind: str, fires: bool) -> None:
    assert (kind in kinds_fired(heard)) is fires


def test_geordie_and_yorkshire_forms_are_matched_as_written_plainly() -> None:
    assert normalise(word_tokens("divvent be aal het up, simmer thissen down"))[0] == (
        "don't",
        "be",
        "all",
        "het",
        "up",
        "simmer",
        "yourself",
        "down",
    )


def test_a_few_notches_heard_as_if_you_notches_is_nudged_from_the_partials() -> None:
    # c552's partials: "a few notches" was heard once with no word after it, then "if you notches, would you"; the
    # nudge came only with the final, 3.2 s after the phrase. Any words between "down" and "notches" now carry it
    # from the first partial that has a word after the phrase.
    coach = LanguageCoach()
    assert coach.push(partial("Well, bring it down a few notches.", 0.0, 0)) == []
    [n] = coach.push(partial("Well, bring it down if you notches would you?", 0.0, 0))
    assert isinstance(n, Nudge) and n.kind == "avoid_calm_down" and n.evidence["basis"] == "heard"
    assert coach.push(partial("Well, bring it down if you notches, would you?", 0.0, 0)) == []
