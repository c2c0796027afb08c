"""Session 19 (L13), issue 9: the classes behind the eighteenth part's language misses, in words written for
them (``tests/data/language_wording/tuning_l13.toml``): blame guessed on the customer's own doing ("you've
probably fitted it too tight"), the cost or the task put on the customer ("out of your pocket", "yours to
fetch", "on your side", "at your own expense"), nothing on the agent's side to reopen, a limit said as what
"we only" do, a complaint handed to a third party as their duty ("one for him to answer for"), the calm-downs
"steamed up", "ease off" and "easy now"; and look-alikes in the same words that stay quiet (the cost taken on,
"yours to keep", "one for the diary", a goodbye "take it easy now" at the close, "help calm it in").
Text level only (no audio): a few seconds in all."""

from __future__ import annotations

import pytest

from tests.test_language_wording import kinds_fired, wording_list

LIST = wording_list("tuning_l13")


@pytest.mark.parametrize("line", LIST["positive_language"]["lines"])
def test_onus_on_the_customer_and_deflections_nudge(line: str) -> None:
    assert "positive_language" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST["avoid_calm_down"]["lines"])
def test_steamed_up_and_ease_off_nudge(line: str) -> None:
    assert "avoid_calm_down" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST["quiet"]["lines"])
def test_look_alikes_stay_quiet(line: str) -> None:
    assert kinds_fired(line) == set()


HEARD = [
    # (the recogniser's words on the eighteenth part's events, the kind, whether it must fire)
    ("It'll be the tape measure. You've probably measured it to lose that home.", "positive_language", True),
    (
        "And once you're located in the proof, re-endraving come out of your pocket. I'll tell you.",
        "positive_language",
        True,
    ),
    ("Well, the job marked closed, so now nothing on my side I can reopen.", "positive_language", True),
    ("Well, we only go as far as the road, anything past that is yours to fetch.", "positive_language", True),
    (
        "Okay, so the three minutes were done by the local franchise owner,"
        " so the lawn's really one for him to answer for.",
        "positive_language",
        True,
    ),
    (
        "Look, getting yourself all steamed up won't change it. I can move you to Saturday night.",
        "avoid_calm_down",
        True,
    ),
    ("Okay, just team off a bit, will you? The researcher was waiting on an archive.", "avoid_calm_down", True),
    # a goodbye after the booking, and "help carry them in" heard "help calm it in"
    ("I learned four models to the band. Brand, that's all worked in. Take it easy now.", "avoid_calm_down", False),
    ("and parents are welcome to help calm it in love.", "avoid_calm_down", False),
]


@pytest.mark.parametrize(("heard", "kind", "fires"), HEARD)
def test_the_eighteenth_parts_lines_as_heard(heard: str, kind: str, fires: bool) -> None:
    assert (kind in kinds_fired(heard)) is fires
