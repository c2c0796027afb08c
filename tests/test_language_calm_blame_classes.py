"""Session 14 (W7), issue 9: the calm-down family and the blame-on-the-customer class extended by
classes, with wording written here (not taken from the calls or the lists): the other verbs of a
raised voice, "no call/need to be <shouting>", dialect spellings folded by ``patterns.normalise``,
"go easy", the temperature taken down, the hush; the cause put on something the customer did and
what they signed given as the reason. Hard negatives: someone else or the speaker calming down,
a thing that cannot freeze, sympathy, and explanations that put nothing on the customer."""

from __future__ import annotations

import pytest

from coach.language.patterns import normalise
from tests.test_language_wording import kinds_fired  # the nudge kinds of one agent line, as a final at 1.0 s


@pytest.mark.parametrize(
    "text",
    [
        "Look, there's no need to be bellowing at me, I'm sorting it.",
        "There's no cause to be yelling, sir, I'm looking now.",
        "Please quit bawling at me, I can hear you.",
        "Stop screeching, I've got the form open.",
        "Och, there's nae need tae be yelling, the van's coming.",
        "Go easy, would you, I only started this morning.",
        "Let's all just bring the heat down and look at the dates.",
        "Shush, shush, let me read the note.",
        "Wheesht a second, I'm reading it out.",
        "Don't be losing your temper over a parking fee.",
        "Easy, bro, we'll get there.",
    ],
)
def test_calm_down_classes_fire(text: str) -> None:
    assert "avoid_calm_down" in kinds_fired(text)


@pytest.mark.parametrize(
    "text",
    [
        "He'll settle down once he's eaten, the poor thing.",
        "I'll calm down the paperwork side for you, no bother.",
        "The pipe can't freeze now the lagging's on.",
        "I'm so sorry, that sounds really stressful.",
        "The dog was roaring at the postman, was he? Poor lad.",
        "Keep the head down on the form, sign at the bottom.",
    ],
)
def test_calm_down_classes_leave_these_alone(text: str) -> None:
    assert "avoid_calm_down" not in kinds_fired(text)


@pytest.mark.parametrize(
    "text",
    [
        "That'll be because you overloaded the drum, it's only rated for seven kilos.",
        "It's probably because you dropped it on the tiles.",
        "The order you approved says oak, so that's what we fitted.",
        "You ticked the large box on the form, so that's exactly what we sent.",
    ],
)
def test_blame_on_the_customers_own_action_fires(text: str) -> None:
    assert "positive_language" in kinds_fired(text)


@pytest.mark.parametrize(
    "text",
    [
        "That's because we changed the supplier last month, sorry about that.",
        "You chose the oak, and it looks lovely in the photos.",
    ],
)
def test_explanations_that_blame_nobody_are_left_alone(text: str) -> None:
    assert "positive_language" not in kinds_fired(text)


def test_dialect_spellings_fold_to_standard_words() -> None:
    words, index = normalise(("calm", "yersel", "doon", "nae", "need", "tae", "shout", "calmdown"))
    assert words == ("calm", "yourself", "down", "no", "need", "to", "shout", "calm", "down")
    assert index == (0, 1, 2, 3, 4, 5, 6, 7, 7)
