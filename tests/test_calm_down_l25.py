"""Session 28, second round (L25), issue 9: the calm-down family's misses in the twenty-seventh part (c622-c645) and
list Y, and its look-alikes, as classes in words written for them (``tests/data/language_wording/tuning_l25.toml``):
the shouting or the anger stopped, the temper reduced, the voice lowered, the volume dialled back, a palaver made,
driving oneself mad, nerves told off, "why are you yelling", "speak to me calmly", and the nosebleed they'll give
themselves carrying on like that; fish that stay calm, a slogan, a word said to a horse and a device's volume stay
quiet. Text level, and the heard forms."""

from __future__ import annotations

import pytest

from tests.test_language_wording import kinds_fired, wording_list

LIST = wording_list("tuning_l25")


@pytest.mark.parametrize("line", LIST["avoid_calm_down"]["lines"])
def test_shouting_stopped_tempers_lowered_palavers_and_nerves_nudge(line: str) -> None:
    assert "avoid_calm_down" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST["quiet"]["lines"])
def test_calm_fish_slogans_horses_and_relax_modes_stay_quiet(line: str) -> None:
    assert kinds_fired(line) == set()


HEARD = [
    # (words as the recogniser might write them, whether avoid_calm_down must fire)
    ("Alright, you'll give yourself a no fully carrying on like that, let me look.", True),  # "a nosebleed"
    ("Okay, you'll give yourself a hard attack getting so worked up, sir.", True),  # "a heart attack"
    ("Please, stop the roaring, I can't hear the number.", True),
    ("Lower you're voice, sir, the line is clear.", True),  # "your" as "you're"
    ("You'll give yourself a hernia lifting that on your own.", False),  # a strain, no carrying on
    ("The horses stay calm in the box if you leave the radio on.", False),
]


@pytest.mark.parametrize(("heard", "fires"), HEARD)
def test_heard_forms(heard: str, fires: bool) -> None:
    assert ("avoid_calm_down" in kinds_fired(heard)) is fires
