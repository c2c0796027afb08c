"""A blip alone in a silence (a breath or a click on a headset: a speech segment shorter than the ``[turns]`` setting
``blip_s``) does not end it (issue 9, session 35, H24, c797's class: a 0.26 s agent blip 1.6 s into a 13 s dead air
put the cue 1.9 s late); a short word is a blip too, a longer one ends the silence as before.
Scripted segments, 32 ms frames."""

from __future__ import annotations

import pytest

from coach.turns.config import TurnConfig
from coach.types import seconds_to_samples
from tests.test_turns import A, C, cues, play


@pytest.mark.parametrize("lane", [A, C])
def test_a_blip_in_a_silence_does_not_restart_the_dead_air_clock(lane) -> None:
    found, _ = play([(A, 0.0, 2.0), (C, 2.5, 4.0), (lane, 5.6, 5.86), (A, 16.0, 18.0)], 18)
    [(at, cue)] = cues(found, "dead_air")
    assert cue.start == seconds_to_samples(4.0)
    assert 0 <= at - (4.0 + 6.0) <= 1.0


def test_a_word_longer_than_a_blip_ends_the_silence_as_before() -> None:
    found, _ = play([(A, 0.0, 2.0), (C, 2.5, 4.0), (A, 5.6, 6.1), (A, 16.0, 18.0)], 18)
    [(at, cue)] = cues(found, "dead_air")
    assert cue.start == seconds_to_samples(6.1)
    assert 0 <= at - (6.1 + 6.0) <= 1.0


def test_a_blip_after_the_dead_air_was_called_ends_it_as_before() -> None:
    found, _ = play([(A, 0.0, 2.0), (C, 2.5, 4.0), (A, 11.0, 11.26), (A, 20.0, 22.0)], 22)
    starts = [cue.start for _, cue in cues(found, "dead_air")]
    assert starts == [seconds_to_samples(4.0), seconds_to_samples(11.26)]


def test_the_blip_length_is_the_turns_setting() -> None:
    """``blip_s`` is a ``[turns]`` setting (one home for each number): at 0 every segment ends the silence."""
    found, _ = play([(A, 0.0, 2.0), (C, 2.5, 4.0), (A, 5.6, 5.86), (A, 16.0, 18.0)], 18, TurnConfig(blip_s=0.0))
    [(_, cue)] = cues(found, "dead_air")
    assert cue.start == seconds_to_samples(5.86)
