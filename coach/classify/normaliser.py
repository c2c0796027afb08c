"""Per-speaker baseline of the arousal features, so the model sees change rather than a voice.

Compliance: one :class:`SpeakerNormaliser` per call for the **customer lane only**.

The baseline is the speaker's own calm-ish speech. Its mean is learned from the speaker's windows;
its spread is a blend of a population prior (``prior_std``: the pooled within-speaker spread of the
training speakers, shipped in the model's metadata) and the speaker's observed spread::

    mean_f = running mean of feature f over the baseline windows
    sd_f   = sqrt((k0 * prior_std_f**2 + n * observed_var_f) / (k0 + n)),   k0 = prior_weight

During the first ``warmup_windows`` windows the mean and variance are exact running values; after
that they follow an exponential moving average with rate ``adapt_rate`` per window (so about
``1 / adapt_rate`` windows of memory and ``n`` is capped there). The caller decides which windows
are fed to :meth:`update` (the runtime feeds only windows the model does not call aroused, from the
first window on, so anger never becomes the customer's normal; :attr:`ready` says when the relative
view is used).

Training uses the very same class: each EmoDB speaker's baseline is fed that speaker's neutral
clips, then every clip of the speaker is normalised against it. :func:`population_z` is the other,
*absolute* half of the model input: z against the training population, needing nothing from the
speaker.

Not thread-safe; one instance per speaker, used from one thread.
"""

from __future__ import annotations

import numpy as np

Z_CLIP = 5.0
"""z values are clipped to +-Z_CLIP so one wild feature cannot dominate the logistic model."""


def population_z(features: np.ndarray, mean: np.ndarray, std: np.ndarray, z_clip: float = Z_CLIP) -> np.ndarray:
    """float32 z-scores of raw features against the training population (the *absolute* view).

    ``features``: ``[F]`` or ``[N, F]`` raw values (NaN allowed, mapped to 0); ``mean``/``std``: ``[F]``.
    Unlike :class:`SpeakerNormaliser` this needs nothing from the speaker, so it is available from a
    call's first window, even when the customer is angry from the first word.
    """
    z = (np.asarray(features, dtype=np.float64) - mean) / std
    return np.clip(np.where(np.isfinite(z), z, 0.0), -z_clip, z_clip).astype(np.float32)


class SpeakerNormaliser:
    """Running per-feature baseline (see module docstring). Feature vectors may contain NaN."""

    def __init__(
        self,
        prior_std: np.ndarray,
        *,
        warmup_windows: int = 4,
        prior_weight: float = 3.0,
        adapt_rate: float = 0.05,
        z_clip: float = Z_CLIP,
    ) -> None:
        prior = np.asarray(prior_std, dtype=np.float64)
        if prior.ndim != 1 or not np.all(prior > 0):
            raise ValueError("prior_std must be a 1-D array of positive values")
        if warmup_windows < 1 or not 0.0 < adapt_rate < 1.0 or prior_weight < 0:
            raise ValueError("need warmup_windows >= 1, 0 < adapt_rate < 1, prior_weight >= 0")
        self._prior_var = prior**2
        self.warmup_windows = warmup_windows
        self.prior_weight = prior_weight
        self.adapt_rate = adapt_rate
        self.z_clip = z_clip
        self.reset()

    def reset(self) -> None:
        """Forget the speaker (start of a new call)."""
        n = len(self._prior_var)
        self._count = np.zeros(n)
        self._mean = np.zeros(n)
        self._var = np.zeros(n)
        self.windows_seen = 0

    @property
    def ready(self) -> bool:
        """True once ``warmup_windows`` windows have been added to the baseline."""
        return self.windows_seen >= self.warmup_windows

    def update(self, features: np.ndarray) -> None:
        """Add one window's raw feature vector to the baseline (NaN entries are skipped)."""
        x = np.asarray(features, dtype=np.float64)
        if x.shape != self._mean.shape:
            raise ValueError(f"expected {self._mean.shape[0]} features, got shape {x.shape}")
        ok = np.isfinite(x)
        self.windows_seen += 1
        cap = 1.0 / self.adapt_rate
        n_new = np.where(ok, np.minimum(self._count + 1, cap), self._count)
        # exact running moments while n < cap, exponential forgetting (rate 1/cap) once capped
        rate = np.where(ok, 1.0 / np.maximum(n_new, 1.0), 0.0)
        delta = np.where(ok, x - self._mean, 0.0)
        self._mean = self._mean + rate * delta
        self._var = (1.0 - rate) * (self._var + rate * delta**2)
        self._count = n_new

    def std(self) -> np.ndarray:
        """Current baseline spread per feature (prior blended with the observed spread)."""
        k0 = self.prior_weight
        return np.sqrt((k0 * self._prior_var + self._count * self._var) / (k0 + self._count))

    def normalise(self, features: np.ndarray) -> np.ndarray:
        """float32 z-scores against the current baseline; NaN or never-seen features map to 0."""
        x = np.asarray(features, dtype=np.float64)
        z = (x - self._mean) / self.std()
        z = np.where(np.isfinite(z) & (self._count > 0), z, 0.0)
        return np.clip(z, -self.z_clip, self.z_clip).astype(np.float32)
