"""Several calls' VAD scored in one ONNX run: what an analysis thread does when several of its calls
are waiting at once (it fell behind, or their audio came together).

Each run of the small Silero model pays a fixed overhead; a call's two lanes already share a run
(:meth:`coach.vad.silero.SileroModel.score_lanes`). Calls analysed together share it further: one run
per frame count instead of one per call, measured at 2 lanes x 3 frames 5.0 CPU-ms per lane-second
of audio against 2.9 at 32 lanes x 3 frames (``scripts/profile_core.py --together``). Every lane's
probabilities are exactly those it gets alone (the lanes are the LSTM's batch), so the events do not
change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from coach.types import Lane
from coach.vad.silero import SileroLaneState, SileroModel

Frames = dict[Lane, np.ndarray]


class Scored(Protocol):
    """What :func:`score_together` needs of an analyzer (``CallAnalyzer`` satisfies it)."""

    @property
    def vad_model(self) -> SileroModel: ...

    def vad_inputs(self, frames: Frames) -> tuple[list[SileroLaneState], list[np.ndarray]]: ...


def score_together(ready: Sequence[tuple[Scored, Frames]]) -> list[list[np.ndarray]]:
    """The VAD scores of each ``(analyzer, frames from its take_ready())``, in order: one ONNX run per
    (model, frame count) over every lane of those calls. Advances each call's VAD states, as
    ``score_lanes`` on its own would."""
    groups: dict[tuple[int, int], list[int]] = {}
    for i, (analyzer, frames) in enumerate(ready):
        n = len(next(iter(frames.values())))
        groups.setdefault((id(analyzer.vad_model), n), []).append(i)
    scores: list[list[np.ndarray]] = [[] for _ in ready]
    for members in groups.values():
        states: list[SileroLaneState] = []
        frames_in: list[np.ndarray] = []
        for i in members:
            lane_states, lane_frames = ready[i][0].vad_inputs(ready[i][1])
            states += lane_states
            frames_in += lane_frames
        probs = ready[members[0]][0].vad_model.score_lanes(states, frames_in)
        at = 0
        for i in members:
            lanes = len(ready[i][1])
            scores[i] = probs[at : at + lanes]
            at += lanes
    return scores
