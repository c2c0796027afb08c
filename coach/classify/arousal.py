"""Run-time acoustic arousal of the customer: ``models/arousal.onnx`` + a per-call speaker baseline.

Compliance: emotion is inferred for the **customer lane only**. Never feed agent audio to this
module; :class:`CustomerArousal` refuses any lane but :attr:`~coach.types.Lane.CUSTOMER`.

- :func:`load_arousal_model` loads the ONNX file once per process (shared, thread-safe session).
- :class:`CustomerArousal` is the per-call state: it keeps the last ``window_samples`` of customer
  speech (2.00 s at 16 kHz by default, the training clip length) and, every ``hop_samples`` of new
  speech (1 s by default), scores that window: the features of
  :mod:`coach.classify.arousal_features` are seen two ways, *absolute* (z against the training
  population, available from the first window, so a customer who is angry from the first word is
  caught) and *relative* (z against this customer's own calm baseline, a
  :class:`~coach.classify.normaliser.SpeakerNormaliser`; zeros until ``warmup_windows`` calm windows
  have been seen). The model returns the probability that the window is high-arousal speech (anger,
  also excitement or fear). Only windows scored below ``update_below`` feed the baseline, so anger
  never becomes this customer's normal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.classify.arousal_features import FEATURE_NAMES, FEATURE_VERSION, FrameCache, window_features
from coach.classify.normaliser import SpeakerNormaliser, population_z
from coach.classify.onnx_session import MODELS_DIR, get_session, metadata
from coach.types import SAMPLE_RATE, Lane

MODEL_PATH = MODELS_DIR / "arousal.onnx"
REBUILD_HINT = "python scripts/train_arousal.py"
WINDOW_SAMPLES = 2 * SAMPLE_RATE
"""Default analysis window: 2.00 s (32 000 samples), the EmoDB clip length."""
HOP_SAMPLES = SAMPLE_RATE
"""Default reading interval: one reading per 1.00 s of new customer speech (windows overlap by half)."""
FIRST_WINDOW_SAMPLES = SAMPLE_RATE
"""The first reading of a turn comes after this much speech (1.00 s), on that shorter window."""
NEW_TURN_GAP_SAMPLES = SAMPLE_RATE
"""A pause in the pushed speech longer than this (1.00 s) starts a new turn: the audio buffer is
cleared, so a window never mixes the end of one turn with the start of the next."""
INPUT_LAYOUT = "absolute+relative"
"""Model input: ``[population z (F), speaker-relative z (F)]``; the ONNX metadata must say the same."""
SILENCE_DBFS = -55.0
"""Windows whose loudest 32 ms frame is below this level (dB re full scale) are skipped."""


@dataclass(frozen=True)
class ArousalModel:
    """The loaded model and the settings it was trained with (from the ONNX metadata)."""

    session: object
    prior_std: np.ndarray
    pop_mean: np.ndarray
    pop_std: np.ndarray
    warmup_windows: int
    prior_weight: float
    adapt_rate: float
    info: dict[str, str]

    def predict(self, z: np.ndarray) -> np.ndarray:
        """Probabilities ``[N]`` for model input rows ``z: [N, 2F]`` (or one row ``[2F]``), see :meth:`inputs`."""
        return self.predict_both(z)[0]

    def predict_both(self, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(p, p_full)``, each ``[N]``: the model's reading (the lower of its full and prosody heads)
        and the full head's alone (``p`` again for a one-head model)."""
        x = np.atleast_2d(np.asarray(z, dtype=np.float32))
        out = self.session.run(None, {"features": x})  # type: ignore[attr-defined]
        return out[0][:, 0], out[-1][:, 0]

    def inputs(self, raw: np.ndarray, relative: np.ndarray | None) -> np.ndarray:
        """Model input ``[2F]`` of one window: its raw features ``[F]`` against the population, and its
        speaker-relative z ``[F]`` (None while the speaker's baseline is not ready: zeros)."""
        rel = np.zeros(len(self.pop_mean), np.float32) if relative is None else np.asarray(relative, np.float32)
        return np.concatenate([population_z(raw, self.pop_mean, self.pop_std), rel])

    def new_normaliser(self) -> SpeakerNormaliser:
        """A fresh per-customer baseline with the trained settings."""
        return SpeakerNormaliser(
            self.prior_std,
            warmup_windows=self.warmup_windows,
            prior_weight=self.prior_weight,
            adapt_rate=self.adapt_rate,
        )


def load_arousal_model(path: Path | None = None) -> ArousalModel:
    """Load (once per process and path) and check the model; raises ModelMissingError if absent."""
    session = get_session(Path(path or MODEL_PATH), REBUILD_HINT)
    meta = metadata(session)
    names = tuple(meta.get("feature_names", "").split(","))
    if (
        names != FEATURE_NAMES
        or int(meta.get("feature_version", -1)) != FEATURE_VERSION
        or meta.get("input_layout") != INPUT_LAYOUT
    ):
        raise RuntimeError(
            f"{path or MODEL_PATH} was trained on other features than "
            f"coach.classify.arousal_features v{FEATURE_VERSION}; rebuild it: {REBUILD_HINT}"
        )
    return ArousalModel(
        session=session,
        prior_std=np.array(json.loads(meta["prior_std"])),
        pop_mean=np.array(json.loads(meta["pop_mean"])),
        pop_std=np.array(json.loads(meta["pop_std"])),
        warmup_windows=int(meta["warmup_windows"]),
        prior_weight=float(meta["prior_weight"]),
        adapt_rate=float(meta["adapt_rate"]),
        info=meta,
    )


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

    Call order: ``push`` customer speech in call order (the caller gates it with VAD and pushes speech
    only; a gap of more than ``new_turn_gap_samples`` between pushes starts a new turn), read the
    returned readings, ``reset`` at the end of a call.
    """

    def __init__(
        self,
        model: ArousalModel | None = None,
        *,
        lane: Lane = Lane.CUSTOMER,
        window_samples: int = WINDOW_SAMPLES,
        hop_samples: int = HOP_SAMPLES,
        first_window_samples: int = FIRST_WINDOW_SAMPLES,
        new_turn_gap_samples: int = NEW_TURN_GAP_SAMPLES,
        update_below: float = 0.5,
        extreme_p: float = 0.0,
        extreme_n: int = 1,
        extreme_now_p: float = float("inf"),
    ) -> None:
        if lane is not Lane.CUSTOMER:
            raise ValueError("arousal is inferred for the customer lane only")
        if not (SAMPLE_RATE // 2 <= first_window_samples <= window_samples and 0 < hop_samples <= window_samples):
            raise ValueError("need 0.5 s <= first_window_samples <= window_samples, 0 < hop_samples <= window_samples")
        self.model = model or load_arousal_model()
        self.window_samples = window_samples
        self.hop_samples = hop_samples
        self.first_window_samples = first_window_samples
        self.new_turn_gap_samples = new_turn_gap_samples
        self.update_below = update_below
        if extreme_n < 1:
            raise ValueError("extreme_n must be at least 1")
        self.extreme_p = extreme_p
        self.extreme_n = extreme_n
        self.extreme_now_p = extreme_now_p
        self.normaliser = self.model.new_normaliser()
        self.frames = FrameCache()
        self.reset()

    def reset(self) -> None:
        """Forget the call: audio buffer and speaker baseline."""
        self._clear()
        self._last_end: int | None = None
        self.normaliser.reset()
        self.windows_skipped = 0
        self._extreme_run = 0  # consecutive readings whose lower head read at least extreme_p
        self._extreme = False  # the full head counts (before the baseline): see _score
        self._extreme_seen = False  # ... and has counted at some point in this call

    def _clear(self) -> None:
        # the buffered speech is self._audio[:self._buffered] (never more than window_samples: a reading
        # is due by then); self._parts holds (call sample of its first sample, length) of each pushed piece
        self._audio = np.empty(self.window_samples, dtype=np.float32)
        self._parts: list[tuple[int, int]] = []
        self._buffered = 0
        self._since_reading = 0
        self._turn_samples = 0  # speech pushed in this turn; windows overlap, so frames are analysed once
        self.frames.clear()

    @property
    def ready(self) -> bool:
        """True once the speaker baseline is warm (readings are produced before, from the absolute view)."""
        return self.normaliser.ready

    def push(self, start_sample: int, pcm: np.ndarray) -> list[ArousalReading]:
        """Add customer speech starting at call sample ``start_sample``; return the windows scored.

        Within a turn, the first window is scored after ``first_window_samples`` of speech, then one
        every further ``hop_samples`` of speech, each on the latest ``window_samples`` (or fewer, early
        in the turn) of speech. A gap of more than ``new_turn_gap_samples`` since the end of the
        previous push starts a new turn.
        """
        x = np.asarray(pcm, dtype=np.float32).reshape(-1)
        if self._last_end is not None and start_sample - self._last_end > self.new_turn_gap_samples:
            self._clear()
        self._last_end = start_sample + len(x)
        out: list[ArousalReading] = []
        pos = 0
        while pos < len(x):
            need = max(self.first_window_samples - self._buffered, self.hop_samples - self._since_reading)
            take = min(len(x) - pos, need)
            self._parts.append((start_sample + pos, take))
            self._audio[self._buffered : self._buffered + take] = x[pos : pos + take]
            self._buffered += take
            self._since_reading += take
            self._turn_samples += take
            pos += take
            if take == need:
                n = min(self._buffered, self.window_samples)
                reading = self._score(
                    self._audio[self._buffered - n : self._buffered].copy(),
                    self._window_start(n),
                    start_sample + pos,
                    origin=self._turn_samples - n,
                )
                self._since_reading = 0
                self._trim(self.window_samples - self.hop_samples)
                if reading is not None:
                    out.append(reading)
        return out

    def _window_start(self, n: int) -> int:
        """Call sample of the first sample of the latest ``n`` buffered speech samples."""
        skip = self._buffered - n
        for start, length in self._parts:
            if skip < length:
                return start + skip
            skip -= length
        raise AssertionError("window longer than the buffer")

    def _trim(self, keep: int) -> None:
        """Drop the oldest speech so that at most ``keep`` samples stay buffered."""
        drop = self._buffered - keep
        if drop <= 0:
            return
        self._audio[:keep] = self._audio[drop : self._buffered]  # move the kept speech to the front
        self._buffered = keep
        first = 0  # pieces wholly dropped
        for _start, length in self._parts:
            if length > drop:
                break
            drop -= length
            first += 1
        del self._parts[:first]
        if drop and self._parts:
            start, length = self._parts[0]
            self._parts[0] = (start + drop, length - drop)

    def _score(self, window: np.ndarray, start: int, end: int, *, origin: int) -> ArousalReading | None:
        """Score one window; ``origin`` is the turn position of its first sample (for the frame cache)."""
        n = len(window) // 512 * 512
        peak = float(np.max(np.mean(window[:n].reshape(-1, 512) ** 2, axis=1)))
        if 10.0 * np.log10(peak + 1e-12) < SILENCE_DBFS:
            self.windows_skipped += 1
            return None
        feats = window_features(window, cache=self.frames if origin % 2 == 0 else None, origin=origin)
        relative = self.normaliser.normalise(feats) if self.normaliser.ready else None
        both, full = self.model.predict_both(self.model.inputs(feats, relative))
        # until the customer's calm is known, judge absolutely: the full head's reading once the lower
        # head too has read at least extreme_p on extreme_n consecutive readings (at once when it reads
        # extreme_now_p, or when extreme was already seen in this call: an angry first word counts
        # fully) and while it does not read calm (below update_below or extreme_p, the lower), else the
        # lower one; after, a voice that only looks unusual is not taken for arousal (the lower head)
        low = float(both[0])
        self._extreme_run = self._extreme_run + 1 if low >= self.extreme_p else 0
        hold = low >= min(self.extreme_p, self.update_below)
        need = 1 if self._extreme_seen or low >= self.extreme_now_p else self.extreme_n
        self._extreme = hold and (self._extreme or self._extreme_run >= need)
        self._extreme_seen = self._extreme_seen or self._extreme
        early = float(full[0]) if self._extreme else low
        p = float(both[0]) if self.normaliser.ready else early
        if float(both[0]) < self.update_below:
            self.normaliser.update(feats)
        return ArousalReading(start=start, end=end, p=p)
