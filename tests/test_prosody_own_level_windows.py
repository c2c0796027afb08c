"""A young own level from two calm windows (session 32, P10, issue 9): the windows are averaged as heard (power
over their seconds), not by the median of two dB values, which let a short fading last word drag the level
down by half the gap and turned a bright but calm first reply into a raised voice (c736's shape). Synthetic
voiced audio fed frame by frame as the analyser does; levels in dBFS, times in seconds of call audio."""

from __future__ import annotations

import numpy as np
import pytest

from coach.dsp.baseline import SpeakerBaseline
from tests.test_raised_voice_onsets import first_cues


def cue_starts(parts: list[tuple[float, float | None]]) -> list[float]:
    """Start (s) of each ``pause_and_breathe`` moment of the agent lane fed (seconds, level or None: a pause)."""
    return [start for start, _ in first_cues([(s, level, 120.0) for s, level in parts])]


def test_two_calm_windows_are_averaged_as_heard_and_three_by_their_median():
    b = SpeakerBaseline(min_own_s=2.0, history=120, reject_above_db=5.0)
    b.update(-25.0, np.empty(0), 1.0)
    b.update(-33.0, np.empty(0), 0.6)
    expected = 10 * np.log10((1.0 * 10**-2.5 + 0.6 * 10**-3.3) / 1.6)
    assert b.own_level_db == pytest.approx(expected, abs=0.01)  # -26.6 dB; the median of two said -29
    b.update(-28.0, np.empty(0), 1.0)
    assert b.own_level_db == pytest.approx(-28.0)


def test_a_bright_first_reply_after_a_greeting_with_a_fading_tail_is_not_raised():
    # c736's shape: a 1 s greeting window at -25 dB and its 0.6 s fading tail at -33 dB, the customer, then
    # a cheerful "Oh, how lovely" 0.8 s at -21.5 dB and calm words: 5 dB over the greeting as heard
    assert cue_starts([(1.0, -25.0), (0.6, -33.0), (4.0, None), (0.8, -21.5), (3.0, -28.0), (1.5, None)]) == []


def test_a_raised_reply_after_a_greeting_with_a_fading_tail_is_still_caught():
    # the same greeting, then a reply 9 dB over it as heard (the raised agent voices of the call set)
    [start] = cue_starts([(1.0, -25.0), (0.6, -33.0), (4.0, None), (2.0, -17.5), (1.5, None)])
    assert start == pytest.approx(5.6, abs=0.15)
