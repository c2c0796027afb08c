"""Silero VAD (the ONNX model that ships inside the faster-whisper wheel).

One :class:`SileroModel` (one ONNX session) serves every lane of every call; each lane keeps its
own recurrent state and audio context in a small :class:`SileroLaneState`. The model scores
512-sample frames (32 ms at 16 kHz), each preceded by the last 64 samples of the frame before.
Scoring several consecutive frames of a lane in one call gives the same numbers as scoring them
one by one, so the results do not depend on how audio was chunked.

A call scores its two lanes together (:meth:`SileroModel.score_lanes`): one ONNX run instead of two
per frame, which costs about a third less CPU (each run of this small model pays a fixed overhead).
The shipped graph runs one lane (its LSTM sees the frames as a sequence with a batch of one), so
the session uses a copy of it whose LSTM takes the lanes as its batch (:func:`lane_batched_graph`);
every lane gets exactly the numbers it would get alone. Building that copy needs the ``onnx``
package; without it each lane is scored in its own run, with the same results. The copy is kept on
disk (:func:`coach.graph_cache.cached_graph`), so a later process loads it without ``onnx``.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np

from coach.errors import ModelMissingError
from coach.graph_cache import cached_graph
from coach.types import FRAME_SAMPLES

CONTEXT_SAMPLES = 64
_STATE_SHAPE = (1, 1, 128)


def default_model_path() -> Path:
    """Path of ``silero_vad_v6.onnx`` inside the installed faster-whisper package."""
    try:
        assets = resources.files("faster_whisper").joinpath("assets")
    except ModuleNotFoundError:
        raise ModelMissingError(
            "the Silero VAD model ships with faster-whisper, which is not installed: pip install faster-whisper"
        ) from None
    path = Path(str(assets.joinpath("silero_vad_v6.onnx")))
    if not path.exists():
        raise ModelMissingError(
            f"Silero VAD model not found at {path}; reinstall it with: pip install --force-reinstall faster-whisper"
        )
    return path


class SileroLaneState:
    """Recurrent state and 64-sample context of one lane. Not shared between lanes or calls."""

    __slots__ = ("h", "c", "context")

    def __init__(self) -> None:
        self.h = np.zeros(_STATE_SHAPE, dtype=np.float32)
        self.c = np.zeros(_STATE_SHAPE, dtype=np.float32)
        self.context = np.zeros(CONTEXT_SAMPLES, dtype=np.float32)


def lane_batched_graph(model_path: Path) -> bytes | None:
    """The Silero graph with lanes as the LSTM's batch, serialised; ``None`` without ``onnx``.

    The shipped graph turns each 576-sample row into one 128-value feature vector (convolutions that
    see one row at a time) and feeds the rows to the LSTM as a sequence of batch one, with states
    ``h``, ``c`` of shape ``(1, 1, 128)``. The copy reshapes the feature vectors to
    ``(frames, lanes, 128)`` before the LSTM, the lanes' count taken from ``h`` (``(1, lanes, 128)``),
    so its input is the rows time-major (frame 0 of every lane, then frame 1, ...) and its
    probabilities come out lane-major. With one lane it is the shipped graph."""
    try:
        import onnx
        from onnx import TensorProto, helper
    except ModuleNotFoundError:
        return None
    model = onnx.load(str(model_path))
    graph = model.graph
    lstm = next(node for node in graph.node if node.op_type == "LSTM")
    graph.initializer.extend(
        [
            helper.make_tensor("lanes/minus_one", TensorProto.INT64, [1], [-1]),
            helper.make_tensor("lanes/one", TensorProto.INT64, [1], [1]),
            helper.make_tensor("lanes/two", TensorProto.INT64, [1], [2]),
            helper.make_tensor("lanes/features", TensorProto.INT64, [1], [_STATE_SHAPE[2]]),
        ]
    )
    reshape = [
        helper.make_node("Shape", ["h"], ["lanes/h_shape"]),
        helper.make_node("Slice", ["lanes/h_shape", "lanes/one", "lanes/two"], ["lanes/count"]),
        helper.make_node("Concat", ["lanes/minus_one", "lanes/count", "lanes/features"], ["lanes/shape"], axis=0),
        helper.make_node("Reshape", [lstm.input[0], "lanes/shape"], ["lanes/sequence"]),
    ]
    at = list(graph.node).index(lstm)
    for k, node in enumerate(reshape):
        graph.node.insert(at + k, node)
    lstm.input[0] = "lanes/sequence"
    for value in [*graph.input, *graph.output]:
        if value.name in ("h", "c", "hn", "cn"):
            value.type.tensor_type.shape.dim[1].dim_param = "lanes"
    return model.SerializeToString()


class SileroModel:
    """The shared ONNX session. :meth:`score` and :meth:`score_lanes` are thread-safe; lane states are
    not shared."""

    def __init__(self, path: Path | None = None) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        model_path = path or default_model_path()
        batched = cached_graph(model_path, lane_batched_graph)  # on disk: no ``onnx`` import at a start
        self.lanes_together = batched is not None
        self._session = ort.InferenceSession(
            batched if batched is not None else str(model_path),
            sess_options=options,
            providers=["CPUExecutionProvider"],
        )
        self._lock = threading.Lock()

    def score(self, state: SileroLaneState, frames: np.ndarray) -> np.ndarray:
        """Speech probability for each row of ``frames`` (shape ``(n, 512)``, float32, 16 kHz).

        Frames must be the lane's consecutive audio; ``state`` is advanced past them.
        """
        if frames.shape[0] == 0:
            return np.zeros(0, dtype=np.float32)
        return self._run([state], [frames])[0]

    def score_lanes(self, states: Sequence[SileroLaneState], frames: Sequence[np.ndarray]) -> list[np.ndarray]:
        """:meth:`score` for several lanes at once (one ONNX run when :attr:`lanes_together`): lane ``k``
        scores ``frames[k]`` (``(n, 512)``, the same ``n`` for every lane) from ``states[k]``; the
        probabilities are exactly those of scoring each lane alone."""
        n = frames[0].shape[0] if frames else 0
        if not self.lanes_together or len(states) < 2 or n == 0:
            return [self.score(state, f) for state, f in zip(states, frames, strict=True)]
        return self._run(states, frames)

    def _run(self, states: Sequence[SileroLaneState], frames: Sequence[np.ndarray]) -> list[np.ndarray]:
        """One ONNX run over ``n >= 1`` frames of each lane (several lanes only with the lane-batched
        graph): each row is a frame preceded by the 64 samples before it, rows time-major (frame 0 of
        every lane, then frame 1...); advances every state past its frames."""
        n = frames[0].shape[0]
        lanes = len(states)
        batch = np.empty((n, lanes, CONTEXT_SAMPLES + FRAME_SAMPLES), dtype=np.float32)
        for k, (state, f) in enumerate(zip(states, frames, strict=True)):
            if f.shape[0] != n:
                raise ValueError(f"every lane needs the same number of frames: {f.shape[0]} != {n}")
            batch[:, k, CONTEXT_SAMPLES:] = f
            batch[0, k, :CONTEXT_SAMPLES] = state.context
            if n > 1:
                batch[1:, k, :CONTEXT_SAMPLES] = f[:-1, -CONTEXT_SAMPLES:]
        h = states[0].h if lanes == 1 else np.concatenate([state.h for state in states], axis=1)
        c = states[0].c if lanes == 1 else np.concatenate([state.c for state in states], axis=1)
        with self._lock:
            probs, hn, cn = self._session.run(None, {"input": batch.reshape(n * lanes, -1), "h": h, "c": c})
        probs = np.asarray(probs, dtype=np.float32).reshape(lanes, n)
        out = []
        for k, (state, f) in enumerate(zip(states, frames, strict=True)):
            state.h, state.c = hn[:, k : k + 1].copy(), cn[:, k : k + 1].copy()
            state.context = f[-1, -CONTEXT_SAMPLES:].copy()
            out.append(probs[k].copy())
        return out


_shared: SileroModel | None = None
_shared_lock = threading.Lock()


def shared_model() -> SileroModel:
    """The process-wide Silero model, loaded on first use."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = SileroModel()
        return _shared
