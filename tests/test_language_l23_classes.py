"""Session 27, second round (L23), issue 9: the calm-down family's misses in the twenty-sixth part (c598-c621) and
list X, and its look-alikes, as classes in words written for them (``tests/data/language_wording/tuning_l23.toml``):
a mood "got on" or "up" in dialect, a fit pitched, going up like a rocket, the temper dialled back, the drama
stopped, the everyday words for a bad mood after the family's heads, "go aisy", "calm right down", "collect
yourself", "unwind a bit"; the family's words said of a thing (an oven let cool down, a cloth that relaxes, a wine
that needs to breathe) or reported ("being told to relax") stay quiet. Text level, and the heard partials."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.types import Nudge
from tests.test_language_stream import partial
from tests.test_language_wording import kinds_fired, wording_list

LIST = wording_list("tuning_l23")


@pytest.mark.parametrize("line", LIST["avoid_calm_down"]["lines"])
def test_dialect_moods_fits_and_tempers_dialled_back_nudge(line: str) -> None:
    assert "avoid_calm_down" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST["quiet"]["lines"])
def test_things_that_cool_relax_or_breathe_stay_quiet(line: str) -> None:
    assert kinds_fired(line) == set()


HEARD = [
    # (words as the recogniser might write them, whether avoid_calm_down must fire)
    ("Now then, no need to go up like rock, that's all in hand.", True),  # "like a rocket", the article lost
    ("So I need you to unwind the little, then we'll start the claim.", True),  # "unwind a little"
    ("Go aisy, sure the bus will be along.", True),
    # a subject of two words takes only a verb "you" cannot take: the feeling, then an order to the customer
    ("I get the feeling you need to breathe for a second, sir.", True),
    ("The sheets will relax in the wash, no need to iron them.", False),
    ("Everyone hates being told to calm down, so I won't.", False),
]


@pytest.mark.parametrize(("heard", "fires"), HEARD)
def test_heard_forms_and_the_two_word_subject(heard: str, fires: bool) -> None:
    assert ("avoid_calm_down" in kinds_fired(heard)) is fires


def test_an_unfinished_turn_is_nudged_once_a_word_follows_the_new_phrase() -> None:
    # "cut the drama" may yet be a drama series (an exception after it): not while it is the partial's last words
    coach = LanguageCoach()
    assert coach.push(partial("Okay, cut the drama", 0.0, 0)) == []
    [n] = coach.push(partial("Okay, cut the drama please, I've", 0.0, 0))
    assert isinstance(n, Nudge) and n.kind == "avoid_calm_down" and n.evidence["basis"] == "heard"


def test_a_drama_series_cut_from_a_package_is_no_calm_down_in_the_partials_either() -> None:
    coach = LanguageCoach()
    assert coach.push(partial("We cut the drama series from your", 0.0, 0)) == []
    assert coach.push(partial("We cut the drama series from your package last month.", 0.0, 0)) == []
