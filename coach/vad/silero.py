"""Silero VAD (the ONNX model that ships inside the faster-whisper wheel).

One :class:`SileroModel` (one ONNX session) serves every lane of every call; each lane keeps its
own recurrent state and audio context in a small :class:`SileroLaneState`. The model scores
512-sample frames (32 ms at 16 kHz), each preceded by the last 64 samples of the frame before.
Scoring several consecutive frames of a lane in one call gives the same numbers as scoring them
one by one, so the results do not depend on how audio was chunked.
"""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path

import numpy as np

from coach.errors import ModelMissingError
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


class SileroModel:
    """The shared ONNX session. :meth:`score` is thread-safe; lane states are not shared."""

    def __init__(self, path: Path | None = None) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        model_path = path or default_model_path()
        self._session = ort.InferenceSession(
            str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._lock = threading.Lock()

    def score(self, state: SileroLaneState, frames: np.ndarray) -> np.ndarray:
        """Speech probability for each row of ``frames`` (shape ``(n, 512)``, float32, 16 kHz).

        Frames must be the lane's consecutive audio; ``state`` is advanced past them.
        """
        n = frames.shape[0]
        if n == 0:
            return np.zeros(0, dtype=np.float32)
        batch = np.empty((n, CONTEXT_SAMPLES + FRAME_SAMPLES), dtype=np.float32)
        batch[:, CONTEXT_SAMPLES:] = frames
        batch[0, :CONTEXT_SAMPLES] = state.context
        if n > 1:
            batch[1:, :CONTEXT_SAMPLES] = frames[:-1, -CONTEXT_SAMPLES:]
        with self._lock:
            probs, state.h, state.c = self._session.run(None, {"input": batch, "h": state.h, "c": state.c})
        state.context = frames[-1, -CONTEXT_SAMPLES:].copy()
        return np.asarray(probs, dtype=np.float32).reshape(n)


_shared: SileroModel | None = None
_shared_lock = threading.Lock()


def shared_model() -> SileroModel:
    """The process-wide Silero model, loaded on first use."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = SileroModel()
        return _shared
