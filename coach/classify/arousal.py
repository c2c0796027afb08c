"""Run-time acoustic arousal of the customer: ``models/arousal.onnx`` + a per-call speaker baseline.

Compliance: emotion is inferred for the **customer lane only**. Never feed agent audio to this
module; :class:`CustomerArousal` refuses any lane but :attr:`~coach.types.Lane.CUSTOMER`.

- :func:`load_arousal_model` loads the ONNX file once per process (shared, thread-safe session).
- :class:`CustomerArousal` is the per-call state: it collects customer speech into windows of
  ``window_samples`` (2.00 s at 16 kHz by default, the training clip length), measures the features
  of :mod:`coach.classify.arousal_features`, normalises them with a per-call
  :class:`~coach.classify.normaliser.SpeakerNormaliser` and returns the model's probability that the
  window is high-arousal speech (anger, also excitement or fear) *relative to this customer's own
  calm speech*. No reading is produced during the first ``warmup_windows`` windows (the baseline
  is being learned); after that, only windows scored below ``update_below`` adapt the baseline.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.classify.arousal_features import FEATURE_NAMES, FEATURE_VERSION, window_features
from coach.classify.normaliser import SpeakerNormaliser
from coach.classify.onnx_session import MODELS_DIR, get_session, metadata
from coach.types import SAMPLE_RATE, Lane

MODEL_PATH = MODELS_DIR / "arousal.onnx"
REBUILD_HINT = "python scripts/train_arousal.py"
WINDOW_SAMPLES = 2 * SAMPLE_RATE
"""Default analysis window: 2.00 s (32 000 samples), the EmoDB clip length."""
SILENCE_DBFS = -55.0
"""Windows whose loudest 32 ms frame is below this level (dB re full scale) are skipped."""


@dataclass(frozen=True)
class ArousalModel:
    """The loaded model and the settings it was trained with (from the ONNX metadata)."""

    session: object
    prior_std: np.ndarray
    warmup_windows: int
    prior_weight: float
    adapt_rate: float
    info: dict[str, str]

    def predict(self, z: np.ndarray) -> np.ndarray:
        """Probabilities ``[N]`` for speaker-normalised feature rows ``z: [N, F]`` (or one row ``[F]``)."""
        x = np.atleast_2d(np.asarray(z, dtype=np.float32))
        return self.session.run(None, {"features": x})[0][:, 0]  # type: ignore[attr-defined]

    def new_normaliser(self) -> SpeakerNormaliser:
        """A fresh per-customer baseline with the trained settings."""
        return SpeakerNormaliser(self.prior_std, warmup_windows=self.warmup_windows,
                                 prior_weight=self.prior_weight, adapt_rate=self.adapt_rate)


def load_arousal_model(path: Path | None = None) -> ArousalModel:
    """Load (once per process and path) and check the model; raises ModelMissingError if absent."""
    session = get_session(Path(path or MODEL_PATH), REBUILD_HINT)
    meta = metadata(session)
    names = tuple(meta.get("feature_names", "").split(","))
    if names != FEATURE_NAMES or int(meta.get("feature_version", -1)) != FEATURE_VERSION:
        raise RuntimeError(f"{path or MODEL_PATH} was trained on other features than "
                           f"coach.classify.arousal_features v{FEATURE_VERSION}; rebuild it: {REBUILD_HINT}")
    return ArousalModel(session=session, prior_std=np.array(json.loads(meta["prior_std"])),
                        warmup_windows=int(meta["warmup_windows"]), prior_weight=float(meta["prior_weight"]),
                        adapt_rate=float(meta["adapt_rate"]), info=meta)


@dataclass(frozen=True, slots=True)
class ArousalReading:
    """One scored window: customer speech ``[start, end)`` in call samples, ``p`` in [0, 1].

    ``start``/``end`` are the call positions of the window's first and last-plus-one speech samples
    (pauses that were not pushed are not inside the window's audio, so ``end - start`` can exceed it).
    """

    start: int
    end: int
    p: float


class CustomerArousal:
    """Per-call customer-lane state. Not thread-safe: push from one thread.

    Call order: ``push`` customer speech in call order (the caller gates it with VAD; pauses that
    are pushed dilute a window but do not break it), read the returned readings, ``reset`` at the
    end of a call.
    """

    def __init__(self, model: ArousalModel | None = None, *, lane: Lane = Lane.CUSTOMER,
                 window_samples: int = WINDOW_SAMPLES, update_below: float = 0.5) -> None:
        if lane is not Lane.CUSTOMER:
            raise ValueError("arousal is inferred for the customer lane only")
        if window_samples < SAMPLE_RATE:
            raise ValueError("window_samples must be at least one second")
        self.model = model or load_arousal_model()
        self.window_samples = window_samples
        self.update_below = update_below
        self.normaliser = self.model.new_normaliser()
        self.reset()

    def reset(self) -> None:
        """Forget the call: audio buffer and speaker baseline."""
        self._parts: list[np.ndarray] = []
        self._buffered = 0
        self._window_start: int | None = None
        self.normaliser.reset()
        self.windows_skipped = 0

    @property
    def ready(self) -> bool:
        """True once the speaker baseline is warm and readings are produced."""
        return self.normaliser.ready

    def push(self, start_sample: int, pcm: np.ndarray) -> list[ArousalReading]:
        """Add customer speech starting at call sample ``start_sample``; return the windows completed."""
        x = np.asarray(pcm, dtype=np.float32).reshape(-1)
        out: list[ArousalReading] = []
        pos = 0
        while pos < len(x):
            if self._window_start is None:
                self._window_start = start_sample + pos
            take = min(len(x) - pos, self.window_samples - self._buffered)
            self._parts.append(x[pos:pos + take])
            self._buffered += take
            pos += take
            if self._buffered == self.window_samples:
                reading = self._score(np.concatenate(self._parts), self._window_start, start_sample + pos)
                self._parts, self._buffered, self._window_start = [], 0, None
                if reading is not None:
                    out.append(reading)
        return out

    def _score(self, window: np.ndarray, start: int, end: int) -> ArousalReading | None:
        n = len(window) // 512 * 512
        peak = float(np.max(np.mean(window[:n].reshape(-1, 512) ** 2, axis=1)))
        if 10.0 * np.log10(peak + 1e-12) < SILENCE_DBFS:
            self.windows_skipped += 1
            return None
        feats = window_features(window)
        if not self.normaliser.ready:
            self.normaliser.update(feats)
            return None
        p = float(self.model.predict(self.normaliser.normalise(feats))[0])
        if p < self.update_below:
            self.normaliser.update(feats)
        return ArousalReading(start=start, end=end, p=p)
