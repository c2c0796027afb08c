"""The calm-down family (issue 9, session 49 Q47, round two: designed on c1133 and c1136 after c1126-c1149 were opened):
cool "as a cucumber" asked for ("Stay cool as a cucumber for me", heard "Stay cool and a cucumber"), "stay cool for
me", and the customer's upset called a storm in a teacup or a song and dance. Look-alikes: a bare "stay cool" ending a
turn (a goodbye), a thing kept cool, a cucumber sold, a teacup. Every line is our wording. Text level."""

from __future__ import annotations

import pytest

from tests.test_language_wording import kinds_fired

CALM = "avoid_calm_down"


@pytest.mark.parametrize(
    "text",
    [
        "Stay cool and a cucumber for me. I'm looking at the dates now.",
        "Stay cool as a cucumber, sir, I'm on it.",
        "Just keep calm as a cucumber and we'll sort it.",
        "Stay cool for me, I've got the booking here.",
        "Let's not make a storm in a teacup out of it.",
        "Don't make such a song and dance about it, it's one missing screw.",
        "There's no need to make a meal of it, I'll send another.",
        "Honestly, it's just a storm in a teacup.",
    ],
)
def test_cool_as_a_cucumber_and_a_storm_in_a_teacup_are_calm_downs(text: str) -> None:
    assert CALM in kinds_fired(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Keep the cheese cool in the fridge and it'll last a fortnight.",
        "We sell cucumber plants as well, three for a fiver.",
        "The teacup set comes in a storm grey glaze.",
        "The cellar stays cool as a cucumber in summer.",
        "The song and dance show starts at seven.",
        "We'll make a meal of it, the whole family is coming.",
    ],
)
def test_things_kept_cool_cucumbers_and_teacups_stay_quiet(text: str) -> None:
    assert CALM not in kinds_fired(text), text
