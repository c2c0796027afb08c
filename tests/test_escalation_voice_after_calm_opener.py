"""``voice_confirm_after_calm_opener``: a caller whose voice read aroused through a first turn that stayed calm is
not "tense" on the same reading in a later turn without a second cue (quiet c1118, issue 10).

A transcribed call's first turn waits for a second cue before a voice-only rise counts (``voice_confirm_s``:
complaining words or markers, a loud voice). Quiet c1118's calm caller read ``V`` 0.99 there and stayed calm; after a
hold her happy turn read ``V`` 0.78 and went "tense" at once on the voice alone. With the key a later turn's
voice-only rise waits in the same way when the first turn's did and the level stayed calm through it; a first turn
whose voice never rose alone, or that reached "tense", leaves later turns as before. Synthetic readings, times in call
samples (16 kHz).
"""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.config import load_config
from coach.types import SAMPLE_RATE

AROUSED = 0.95
"""An arousal probability whose voice evidence alone puts the score above ``tense_enter``."""
QUIET = 0.05
"""One the model gives a calm voice."""
ON = EscalationConfig(voice_confirm_after_calm_opener=True)
OFF = EscalationConfig(voice_confirm_after_calm_opener=False)


def at(seconds: float) -> int:
    return int(round(seconds * SAMPLE_RATE))


def _after_first_turn(cfg: EscalationConfig, p: float, *, hits: list[tuple[str, float]] = ()) -> EscalationTracker:
    """Six seconds of first-turn voice readings ``p``, the turn's final at 7 s (12 words, no anger; ``hits``: its
    markers) and a pause: the second turn starts at 20 s."""
    tracker = EscalationTracker(cfg, words_expected=True)
    for k in range(1, 7):
        tracker.push_voice(at(k), p, window_samples=SAMPLE_RATE)
    tracker.push_words(at(7.0), 0.0, n_words=12, hits=list(hits))
    tracker.advance(at(20.0))
    return tracker


def _second_turn(tracker: EscalationTracker, seconds: int = 6) -> list[str]:
    """The level after each of ``seconds`` aroused voice readings of the customer's second turn (from 21 s)."""
    return [tracker.push_voice(at(20 + k), AROUSED, window_samples=SAMPLE_RATE).level for k in range(1, seconds + 1)]


@pytest.mark.parametrize(("cfg", "rises"), [(ON, False), (OFF, True)])
def test_the_same_aroused_voice_after_a_calm_first_turn_waits_for_a_second_cue(
    cfg: EscalationConfig, rises: bool
) -> None:
    tracker = _after_first_turn(cfg, AROUSED)
    assert tracker.level == "calm"  # the first turn's rise waited and no cue came
    assert (_second_turn(tracker)[-1] != "calm") is rises


def test_a_second_cue_in_the_later_turn_still_confirms_it() -> None:
    tracker = _after_first_turn(ON, AROUSED)
    _second_turn(tracker, 2)
    state = tracker.push_words(at(23.0), 0.0, n_words=12, hits=[("a grievance", 0.2)])
    assert state.level != "calm" or tracker.advance(at(24.5)).level != "calm"


def test_a_first_turn_whose_voice_never_rose_alone_leaves_later_turns_as_they_were() -> None:
    """A caller whose voice read calm in the first turn and aroused now has changed: no wait."""
    on, off = _after_first_turn(ON, QUIET), _after_first_turn(OFF, QUIET)
    assert _second_turn(on) == _second_turn(off)
    assert _second_turn(_after_first_turn(ON, QUIET))[-1] != "calm"


def test_a_first_turn_that_reached_tense_leaves_later_turns_as_they_were() -> None:
    """An aroused first turn that a marker took to "tense" proved nothing about the caller's usual voice."""
    on = _after_first_turn(ON, AROUSED, hits=[("a grievance", 0.6)])
    off = _after_first_turn(OFF, AROUSED, hits=[("a grievance", 0.6)])
    assert _second_turn(on) == _second_turn(off)


def test_the_key_is_a_setting_of_the_product() -> None:
    assert load_config().escalation.voice_confirm_after_calm_opener is True


def test_a_voice_raised_over_their_own_level_is_a_second_cue_in_a_later_turn() -> None:
    """c1124's upset and c1103's angry later turns rose on an aroused voice 3.9 dB over the caller's own level: that
    is news whatever their first turn read."""
    on, off = _after_first_turn(ON, AROUSED), _after_first_turn(OFF, AROUSED)
    for tracker in (on, off):
        for k in range(8):  # their usual level, from the first turn's reports
            tracker.push_loudness(at(8 + k * 0.5), 0.0)
        tracker.push_loudness(at(20.5), 3.0, span_s=1.0)  # R 0.33: the voice still carries the rise
    assert _second_turn(on) == _second_turn(off)
    assert _second_turn(on, 1) != ["calm"]
