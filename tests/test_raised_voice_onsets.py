"""Raised voice at the start of an agent turn (session 22, P5): a turn is judged on its own words, not on the
pitch of the turn before it. Synthetic voiced audio (harmonic tones at a given pitch), fed frame by frame
as the analyser does; levels in dBFS, times in seconds of call audio."""

from __future__ import annotations

import numpy as np

from coach.config import load_config
from coach.prosody.tracker import ProsodyTracker
from coach.types import FRAME_SAMPLES, SAMPLE_RATE, Cue, Lane

CFG = load_config()
RNG = np.random.default_rng(22)

Part = tuple[float, float | None, float]  # seconds, level (None: a pause on this lane), pitch in Hz


def voice(seconds: float, level_db: float, hz: float) -> np.ndarray:
    """A voiced, syllable-like sound: harmonics of ``hz`` with a 4 Hz amplitude envelope, at ``level_db`` RMS."""
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    x = sum(np.sin(2 * np.pi * hz * k * t + RNG.uniform(0, 6)) / k for k in range(1, 6))
    x = x * (0.6 + 0.4 * np.sin(2 * np.pi * 4 * t))
    return (x / np.sqrt(np.mean(x**2)) * 10 ** (level_db / 20)).astype(np.float32)


def first_cues(parts: list[Part]) -> list[tuple[float, float]]:
    """(start s, first sent s) of each ``pause_and_breathe`` moment of the agent lane fed ``parts``."""
    tracker = ProsodyTracker(Lane.AGENT, CFG.prosody, CFG.raised_voice)
    audio = np.concatenate(
        [voice(s, lvl, hz) if lvl is not None else np.zeros(int(s * SAMPLE_RATE), np.float32) for s, lvl, hz in parts]
    )
    seen: dict[str, tuple[float, float]] = {}
    for i in range(len(audio) // FRAME_SAMPLES):
        frame = audio[i * FRAME_SAMPLES : (i + 1) * FRAME_SAMPLES]
        now = (i + 1) * FRAME_SAMPLES
        for x in tracker.push(frame, i * FRAME_SAMPLES, bool(np.any(frame)), now):
            if isinstance(x, Cue) and x.kind == "pause_and_breathe":
                seen.setdefault(x.moment, (x.start / SAMPLE_RATE, now / SAMPLE_RATE))
    return list(seen.values())


def test_a_reply_a_little_louder_after_a_greeting_that_rose_in_pitch_is_not_raised():
    # c499's shape: a 2 s greeting whose second second is 4 st above its first (a rising "this is Simon?"),
    # the customer, then an empathic reply 4.5 dB up at the usual pitch. The pitch delta of the greeting's
    # last report is not the reply's: with it, 4.5 dB counted as loud-and-high (the combined rule)
    assert first_cues([(1.0, -26.0, 100.0), (1.0, -26.0, 126.0), (4.0, None, 0.0), (3.0, -21.5, 100.0)]) == []


def test_an_apology_a_little_louder_after_a_raised_high_turn_is_a_new_turn_not_the_shout_again():
    # c490's shape: a calm turn, a shout 10 dB up and 5 st higher (one moment), the customer, then the
    # apology 4.5 dB up at the usual pitch: judged on its own pitch, not the shout's
    parts = [(3.0, -26.0, 120.0), (2.0, None, 0.0), (2.0, -16.0, 160.0), (2.0, None, 0.0), (3.0, -21.5, 120.0)]
    [(start, _)] = first_cues(parts)
    assert abs(start - 5.0) <= 0.1


def test_a_turn_loud_and_high_from_its_first_words_is_still_caught_by_loudness_and_then_pitch():
    # 8 dB up and 5 st higher: the loudness rule alone catches it at once; a turn 5 dB up and 5 st higher
    # is caught by the combined rule once its own first report has measured its pitch
    [(start, at)] = first_cues([(3.0, -26.0, 120.0), (2.0, None, 0.0), (3.0, -18.0, 160.0)])
    assert abs(start - 5.0) <= 0.1 and at - 5.0 <= 1.0
    [(start, at)] = first_cues([(3.0, -26.0, 120.0), (2.0, None, 0.0), (3.0, -21.0, 160.0)])
    assert at - 5.0 <= 2.0


def test_one_stressed_word_in_a_lively_high_sentence_is_not_a_raised_voice():
    # c594's class: a lively sentence 4 st above the usual pitch at the usual level, with one stressed word
    # 10 dB up for 0.2 s in its middle. The word lifts the 1 s window about 5 dB (loud-and-high by the
    # combined rule) for as long as the window holds it; without its loudest 0.2 s the window is at the
    # usual level, so it is not a raised stretch
    calm = [(3.0, -26.0, 120.0), (2.0, None, 0.0)]
    assert first_cues([*calm, (2.0, -26.0, 151.0), (0.2, -16.0, 151.0), (2.0, -26.0, 151.0), (1.5, None, 0.0)]) == []
    # the same sentence 5 dB up throughout is caught by the combined rule
    [(start, _)] = first_cues([*calm, (2.0, -21.0, 151.0), (0.2, -16.0, 151.0), (2.0, -21.0, 151.0)])
    assert abs(start - 5.0) <= 1.2
