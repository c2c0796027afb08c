"""Session 18 (L12), issue 9: refusals the recogniser garbles, by class, in words written for them
(``tests/data/language_wording/tuning_l12.toml``): blame on the customer ("that's on you", heard "nice on
you"; "you needed to be in"), the complaint handed to a third party ("raise it with them", "complaints go to
him", "I just answer the phone"), a decision closed ("final, no appeal", "that's the rota"), the terms quoted
against the customer, regional or misheard calm-downs, and helpful lines in the same words that stay quiet.
Text level only (no audio): a few seconds in all."""

from __future__ import annotations

import pytest

from tests.test_language_wording import kinds_fired, wording_list

LIST = wording_list("tuning_l12")


@pytest.mark.parametrize("line", LIST["positive_language"]["lines"])
def test_blame_deflection_and_closed_decisions_nudge(line: str) -> None:
    assert "positive_language" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST["avoid_calm_down"]["lines"])
def test_regional_and_misheard_calm_downs_nudge(line: str) -> None:
    assert "avoid_calm_down" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST["quiet"]["lines"])
def test_helpful_lines_in_the_same_words_stay_quiet(line: str) -> None:
    assert kinds_fired(line) == set()
