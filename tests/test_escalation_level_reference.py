"""A caller who was already "tense" may have had their own usual level learnt while angry: a later raised turn reads
no louder than it. ``level_reference_db`` (issue 10; models/arousal.md, session 58, E71) lets such a call's later
turns read raised against the agent's level before the customer spoke plus that many dB, as ``opener_loud_later_db``
does after "opens loud"; "tense" alone, never "escalated" on it, and nothing in a call that was never "tense" (a
customer lane hotter than the agent's cannot make a calm call "tense" by it).

Stage tests feed prosody reports and finals as the analyser would (time from the injected sample clock); the embedder
is a stand-in (no calm words, word anger or complaint reading: only markers and loudness count).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from coach.classify.escalation import EscalationConfig
from coach.errors import ConfigError
from coach.types import SAMPLE_RATE
from tests.test_escalation_opener_loud import AGENT_DBFS, _later_report, _report, _stage

ANGRY_FIRST = "This is the second delivery that never came and I want your manager"
CALM_FIRST = "Hello there I'm ringing about the delivery for next week please"


def _first_turn(stage: Any, first_db: float, text: str) -> str:
    """The agent greets at :data:`AGENT_DBFS` (2-3 s); the customer speaks from 4 s at ``first_db`` over it (their
    own level: no rise), their final at 9 s; the level at 10 s."""
    for at in (2.0, 3.0):
        _report(stage, "agent", at, AGENT_DBFS)
    stage.push_speech(int(4.0 * SAMPLE_RATE), np.zeros(512, np.float32))
    for at in (5.0, 6.0, 7.0, 8.0, 9.0):
        _later_report(stage, at, AGENT_DBFS + first_db)
    words = [{"w": w, "p": 0.9, "start": 4.0 + 0.4 * i, "end": 4.3 + 0.4 * i} for i, w in enumerate(text.split())]
    final = {"type": "transcript", "speaker": "customer", "utt": "customer-1", "t": 4.0, "final": True}
    stage.push_final({**final, "text": text, "words": words}, int(9.0 * SAMPLE_RATE))
    stage.tick(int(10.0 * SAMPLE_RATE))
    return stage.level


def _later_turn(stage: Any, later_db: float) -> str:
    """After the first turn has faded (the level calm at 150 s), a turn at ``later_db`` over the agent's greeting
    whose rise over their own level is nil (its first report spans the agent's turn: a turn start); the level at
    +2 s."""
    for at in range(20, 151, 10):
        stage.tick(int(at * SAMPLE_RATE))
    assert stage.level == "calm"
    for i, at in enumerate((153.0, 154.0, 155.0)):
        _later_report(stage, at, AGENT_DBFS + later_db, span_s=4.0 if i == 0 else 1.0)
    stage.tick(int(155.0 * SAMPLE_RATE))
    return stage.level


@pytest.mark.parametrize(
    ("later_db", "setting", "level"),
    [
        (6.0, 1.0, "tense"),  # 6 dB over the agent's greeting, 5 over the reference
        (6.0, math.inf, "calm"),  # off: no louder than their own level, learnt on the angry first turn
        (3.0, 1.0, "calm"),  # 3 dB over the greeting: within the reference's margin
        (0.0, 1.0, "calm"),  # an ordinary later turn at the greeting's level
    ],
)
def test_after_a_tense_turn_a_later_turn_reads_raised_against_the_agents_level(
    later_db: float, setting: float, level: str
) -> None:
    stage = _stage(level_reference_db=setting)
    assert _first_turn(stage, 3.0, ANGRY_FIRST) == "tense"  # the marker, not the voice (3 dB: no "opens loud" rise)
    assert _later_turn(stage, later_db) == level


def test_nothing_in_a_call_that_was_never_tense() -> None:
    """A calm caller whose lane is hot (every report 3 dB over the agent, then 6): their own level holds."""
    stage = _stage(level_reference_db=1.0)
    assert _first_turn(stage, 3.0, CALM_FIRST) == "calm"
    assert _later_turn(stage, 6.0) == "calm"


def test_never_escalated_on_it_and_off_by_default() -> None:
    assert math.isinf(EscalationConfig().level_reference_db)
    stage = _stage(level_reference_db=0.0)
    _first_turn(stage, 3.0, ANGRY_FIRST)
    assert _later_turn(stage, 14.0) == "tense"
    stage.tick(int(158.0 * SAMPLE_RATE))
    assert stage.level == "tense"


@pytest.mark.parametrize("bad", [-1.0, -math.inf, math.nan])
def test_a_negative_or_nan_setting_is_refused(bad: float) -> None:
    with pytest.raises(ConfigError):
        EscalationConfig(level_reference_db=bad)
