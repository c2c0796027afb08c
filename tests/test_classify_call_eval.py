"""The through-the-product escalation evaluation harness (``training/call_eval.py``): call layout,
event labelling and the level measures, on real EmoDB clips and synthetic event lists (no analyser)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from coach.types import SAMPLE_RATE
from training import call_eval as E
from training.datasets import emodb_clips


def test_call_puts_customer_phases_and_agent_lines_on_separate_lanes(shared_data: Path) -> None:
    clips = emodb_clips(shared_data)
    neutral = [c for c in clips if c.speaker == "10" and c.emotion == "N"]
    anger = [c for c in clips if c.speaker == "10" and c.emotion == "W"][:2]
    line = np.full(SAMPLE_RATE, 0.1, np.float32)
    phases = [E.Phase("N", E.cycle(neutral, 10.0)), E.Phase("W", tuple(anger))]
    call = E.build_call(phases, [line], tail_s=1.0)
    assert len(call.customer) == len(call.agent)
    assert [lab for _, _, lab in call.clips] == ["N"] * 5 + ["W"] * 2  # 4 neutral clips cycled to >= 10 s
    [(a0, a1)] = call.agent_turns
    assert a1 - a0 == SAMPLE_RATE and np.all(call.agent[a0:a1] == 0.1)
    assert not np.any(call.customer[a0:a1])  # the customer is silent while the agent speaks
    assert call.phase_starts[1] == (call.clips[5][0], "W") and call.clips[5][0] > a1
    assert not np.any(call.agent[: call.clips[4][1]])


def test_events_are_labelled_by_the_clip_being_spoken_and_levels_are_measured() -> None:
    call = E.BuiltCall(
        np.zeros(10 * SAMPLE_RATE, np.float32),
        np.zeros(10 * SAMPLE_RATE, np.float32),
        clips=[(0, 2 * SAMPLE_RATE, "N"), (4 * SAMPLE_RATE, 6 * SAMPLE_RATE, "W")],
    )
    events = [
        {"t": 1.0, "score": 0.1, "level": "calm", "drivers": {"voice": 0.1}},
        {"t": 3.5, "score": 0.2, "level": "calm", "drivers": {"voice": 0.2}},  # between clips
        {"t": 5.0, "score": 0.5, "level": "tense", "drivers": {"voice": 0.7}},
        {"t": 6.4, "score": 0.8, "level": "escalated", "drivers": {"voice": 0.9}},  # within the slack
        {"t": 9.0, "score": 0.1, "level": "calm", "drivers": {"voice": 0.0}},
    ]
    assert [(t, lab) for t, _, lab, _ in E.label_events(call, events)] == [(1.0, "N"), (5.0, "W"), (6.4, "W")]
    assert E.max_level(events, 4.0, 7.0) == "escalated" and E.max_level(events, 0.0, 3.0) == "calm"
    assert E.level_at(events, 7.0) == "escalated"
    assert E.seconds_to_calm(events, 7.0) == 2.0 and E.seconds_to_calm(events, 0.0) == 0.0
    assert E.seconds_to_calm(events[:-1], 7.0) is None
