"""A call's two lanes scored by the VAD in one ONNX run get exactly the probabilities each lane gets
scored alone, frame by frame, whatever the number of frames per run."""

from __future__ import annotations

import numpy as np
import pytest

from coach.sources.recording import load_recording
from coach.types import FRAME_SAMPLES
from coach.vad.silero import SileroLaneState, SileroModel, shared_model
from tests.conftest import CALLS


@pytest.fixture(scope="module")
def lanes() -> list[np.ndarray]:
    """The demo call's first 20 s, both lanes, as ``(n, 512)`` frames."""
    rec = load_recording(CALLS / "demo.flac")
    n = 20 * 16000 // FRAME_SAMPLES
    return [lane[: n * FRAME_SAMPLES].reshape(n, FRAME_SAMPLES) for lane in (rec.agent, rec.customer)]


def alone(model: SileroModel, frames: np.ndarray) -> np.ndarray:
    state = SileroLaneState()
    return np.concatenate([model.score(state, frames[i : i + 1]) for i in range(len(frames))])


@pytest.mark.parametrize("per_run", [1, 3, 50])
def test_two_lanes_together_score_exactly_as_each_lane_alone(lanes: list[np.ndarray], per_run: int) -> None:
    model = shared_model()
    pytest.importorskip("onnx")  # without it the lanes are scored one run each (the same numbers)
    assert model.lanes_together
    expected = [alone(model, frames) for frames in lanes]
    states = [SileroLaneState(), SileroLaneState()]
    got: list[list[np.ndarray]] = [[], []]
    for i in range(0, len(lanes[0]), per_run):
        for k, probs in enumerate(model.score_lanes(states, [frames[i : i + per_run] for frames in lanes])):
            got[k].append(probs)
    for k in range(2):
        np.testing.assert_array_equal(np.concatenate(got[k]), expected[k])
    assert expected[0].max() > 0.9 and expected[1].max() > 0.9  # both lanes hold speech: a real check


def test_lanes_need_the_same_number_of_frames(lanes: list[np.ndarray]) -> None:
    model = shared_model()
    if not model.lanes_together:
        pytest.skip("lanes are scored one run each without onnx")
    with pytest.raises(ValueError):
        model.score_lanes([SileroLaneState(), SileroLaneState()], [lanes[0][:3], lanes[1][:2]])
