"""``training.escalation_replay.ReplayStage`` (``scripts/eval_call_escalation.py --replay``, a call's first replay)
hands the stage a recorded transcript before the speech of the frame by whose end it was emitted, as
``replay_stage`` (the later replays, from saved inputs) and the analyser do: otherwise the two replays of one call
disagree (c900's peak 0.086 against 0.138 on the same inputs, session 40)."""

from __future__ import annotations

import numpy as np
import pytest

from coach.classify.stage import EscalationStage
from coach.config import load_config
from training.escalation_replay import ReplayStage

FRAME = 512


def _order(monkeypatch: pytest.MonkeyPatch, at_s: float, frames: int) -> list[str]:
    """What the stage was handed, in order, over ``frames`` frames of silence with one customer final emitted at
    ``at_s`` (call seconds): ``speech@<frame start>`` and ``final``."""
    seen: list[str] = []
    monkeypatch.setattr(EscalationStage, "push_final", lambda self, e, now: seen.append("final"))
    monkeypatch.setattr(EscalationStage, "push_speech", lambda self, start, f: seen.append(f"speech@{start}"))
    final = {"type": "transcript", "speaker": "customer", "final": True, "text": "no", "t": 0.0, "at": at_s}
    stage = ReplayStage(load_config().escalation, [final])
    for start in range(0, frames * FRAME, FRAME):
        stage.push_speech(start, np.zeros(FRAME, dtype=np.float32))
        stage.observe([], start + FRAME)
        stage.tick(start + FRAME)
    return seen


def test_a_final_is_handed_over_before_the_speech_of_the_frame_it_was_emitted_in(monkeypatch):
    assert _order(monkeypatch, 0.01, 2) == ["final", "speech@0", "speech@512"]
    assert _order(monkeypatch, 0.04, 2) == ["speech@0", "final", "speech@512"]  # 640 samples: the second frame's
