"""Training and evaluation recipe of the acoustic arousal model (EmoDB, leave-one-speaker-out).

Used by ``scripts/train_arousal.py``, ``scripts/eval_models.py`` and the tests; needs scikit-learn
(imported lazily). Target: high arousal (anger W, happiness F, fear A) = 1 against low arousal
(neutral N, boredom L, sadness T) = 0; disgust (E) is left out of training.

Speaker normalisation, in training exactly as at run time: a :class:`SpeakerNormaliser` per speaker
is fed that speaker's neutral clips as its calm baseline, and every clip of the speaker is then
normalised against it. When a speaker is evaluated, a neutral clip is never part of its own
baseline (leave-one-out within the speaker's neutral clips).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from coach.classify.arousal_features import window_features
from coach.classify.normaliser import SpeakerNormaliser
from training.datasets import EmoClip, load_audio
from training.metrics import bootstrap_auc_ci, roc_auc

C = 0.1
"""Inverse L2 strength of the logistic regression (LOSO AUC is flat between 0.03 and 1)."""
WARMUP_WINDOWS = 4
PRIOR_WEIGHT = 3.0
ADAPT_RATE = 0.05
SEED = 0


def clip_features(clips: Sequence[EmoClip], *, telephone: bool = False) -> np.ndarray:
    """Raw feature matrix ``[len(clips), F]`` of whole 2 s clips (optionally through
    :func:`telephone_band` first)."""
    rows = []
    for c in clips:
        pcm = load_audio(c.path)
        rows.append(window_features(telephone_band(pcm) if telephone else pcm))
    return np.stack(rows)


def arousal_target(emotions: np.ndarray) -> np.ndarray:
    """1.0 for W/F/A, 0.0 for N/L/T, NaN for E."""
    low = np.where(np.isin(emotions, list("NLT")), 0.0, np.nan)
    return np.where(np.isin(emotions, list("WFA")), 1.0, low)


def pooled_std(x: np.ndarray, speakers: np.ndarray) -> np.ndarray:
    """Root of the mean (over speakers) within-speaker variance of each feature, floored at 1e-3."""
    var = [np.nanvar(x[speakers == s], axis=0) for s in np.unique(speakers)]
    return np.maximum(np.sqrt(np.nanmean(var, axis=0)), 1e-3)


def new_normaliser(prior_std: np.ndarray) -> SpeakerNormaliser:
    """A normaliser with the committed run-time settings."""
    return SpeakerNormaliser(prior_std, warmup_windows=WARMUP_WINDOWS, prior_weight=PRIOR_WEIGHT,
                             adapt_rate=ADAPT_RATE)


def normalise_calm_baseline(x: np.ndarray, emotions: np.ndarray, prior_std: np.ndarray) -> np.ndarray:
    """z of one speaker's clips against a baseline of the speaker's neutral clips.

    A neutral clip is scored against the other neutral clips only (never against itself).
    """
    neutral = np.flatnonzero(emotions == "N")
    if len(neutral) < 2:
        raise ValueError("a speaker needs at least two neutral clips for a calm baseline")
    full = new_normaliser(prior_std)
    for i in neutral:
        full.update(x[i])
    z = np.stack([full.normalise(row) for row in x])
    for i in neutral:
        loo = new_normaliser(prior_std)
        for j in neutral:
            if j != i:
                loo.update(x[j])
        z[i] = loo.normalise(x[i])
    return z


def normalise_first_windows(x: np.ndarray, prior_std: np.ndarray, order: np.ndarray, k: int) -> np.ndarray:
    """z of one speaker's clips against a baseline of the clips ``order[:k]`` (any emotion)."""
    norm = new_normaliser(prior_std)
    for i in order[:k]:
        norm.update(x[i])
    return np.stack([norm.normalise(row) for row in x])


@dataclass
class LogisticFit:
    """Standardiser + logistic regression on speaker-normalised features."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    def predict(self, z: np.ndarray) -> np.ndarray:
        logit = ((z - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-logit))


def fit(z: np.ndarray, y: np.ndarray, c: float = C) -> LogisticFit:
    """Fit on rows where ``y`` is not NaN."""
    from sklearn.linear_model import LogisticRegression

    ok = ~np.isnan(y)
    mean = z[ok].mean(axis=0)
    scale = np.maximum(z[ok].std(axis=0), 1e-6)
    clf = LogisticRegression(C=c, max_iter=5000, random_state=SEED).fit((z[ok] - mean) / scale, y[ok])
    return LogisticFit(mean=mean, scale=scale, weights=clf.coef_[0].astype(np.float64),
                       bias=float(clf.intercept_[0]))


def training_matrix(x: np.ndarray, speakers: np.ndarray, emotions: np.ndarray,
                    prior_std: np.ndarray) -> np.ndarray:
    """Speaker-normalised features (calm baseline) for every clip of every speaker."""
    z = np.zeros_like(x, dtype=np.float64)
    for s in np.unique(speakers):
        m = speakers == s
        z[m] = normalise_calm_baseline(x[m], emotions[m], prior_std)
    return z


def _training_set(x: np.ndarray, speakers: np.ndarray, emotions: np.ndarray,
                  x_aug: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(prior spread, z, y) over the clean clips plus, if given, their telephone-band copies.

    A copy is normalised against its own channel's calm baseline (one call = one channel).
    """
    y = arousal_target(emotions)
    if x_aug is None:
        prior = pooled_std(x, speakers)
        return prior, training_matrix(x, speakers, emotions, prior), y
    prior = pooled_std(np.vstack([x, x_aug]), np.r_[speakers, np.char.add(speakers.astype(str), "~tel")])
    z = np.vstack([training_matrix(x, speakers, emotions, prior),
                   training_matrix(x_aug, speakers, emotions, prior)])
    return prior, z, np.r_[y, y]


def train_final(x: np.ndarray, speakers: np.ndarray, emotions: np.ndarray,
                x_aug: np.ndarray | None = None) -> tuple[LogisticFit, np.ndarray]:
    """The committed model: all speakers (plus telephone copies). Returns the fit and the prior spread."""
    prior, z, y = _training_set(x, speakers, emotions, x_aug)
    return fit(z, y), prior


@dataclass
class LosoResult:
    """Leave-one-speaker-out predictions per scenario: name -> p per clip (NaN where not scored)."""

    speakers: np.ndarray
    emotions: np.ndarray
    p: dict[str, np.ndarray] = field(default_factory=dict)


def loso(x: np.ndarray, speakers: np.ndarray, emotions: np.ndarray, *, mixed_repeats: int = 20,
         c: float = C, x_aug: np.ndarray | None = None, x_test: np.ndarray | None = None) -> LosoResult:
    """Leave-one-speaker-out CV of the recipe of :func:`train_final`.

    ``x_aug`` (telephone-band features of the same clips) is added to each fold's training set;
    ``x_test`` (same rows) replaces the held-out speaker's features if given (default ``x``).

    Scenarios for the held-out speaker's baseline:

    - ``calm``: its neutral clips (leave-one-out), the committed design's assumption;
    - ``all_clips``: all its clips (per-speaker z-scoring, label-free but transductive);
    - ``mixed_first4``: 4 random clips of any emotion, the rest scored; averaged over repeats.
    """
    x_test = x if x_test is None else x_test
    rng = np.random.default_rng(SEED)
    out = LosoResult(speakers=speakers, emotions=emotions)
    for name in ("calm", "all_clips", "mixed_first4"):
        out.p[name] = np.full(len(x), np.nan)
    for s in np.unique(speakers):
        train = speakers != s
        aug = None if x_aug is None else x_aug[train]
        prior, z, y = _training_set(x[train], speakers[train], emotions[train], aug)
        model = fit(z, y, c)
        idx = np.flatnonzero(~train)
        xs = x_test[idx]
        out.p["calm"][idx] = model.predict(normalise_calm_baseline(xs, emotions[idx], prior))
        everyone = new_normaliser(prior)
        everyone.adapt_rate = 1.0 / (len(idx) + 1)  # exact mean over all clips
        for row in xs:
            everyone.update(row)
        out.p["all_clips"][idx] = model.predict(np.stack([everyone.normalise(r) for r in xs]))
        acc = np.zeros(len(idx))
        cnt = np.zeros(len(idx))
        for _ in range(mixed_repeats):
            order = rng.permutation(len(idx))
            p = model.predict(normalise_first_windows(xs, prior, order, WARMUP_WINDOWS))
            scored = order[WARMUP_WINDOWS:]
            acc[scored] += p[scored]
            cnt[scored] += 1
        out.p["mixed_first4"][idx] = np.where(cnt > 0, acc / np.maximum(cnt, 1), np.nan)
    return out


def summarise(p: np.ndarray, speakers: np.ndarray, emotions: np.ndarray) -> dict[str, object]:
    """Pooled AUCs with bootstrap CIs, per-speaker AUCs and mean probabilities per emotion."""
    ok = ~np.isnan(p)
    res: dict[str, object] = {}
    for name, pos, neg in (("anger_vs_neutral", "W", "N"), ("high_vs_low_arousal", "WFA", "NLT")):
        m = ok & np.isin(emotions, list(pos + neg))
        y = np.isin(emotions[m], list(pos))
        res[name] = roc_auc(y, p[m])
        res[name + "_ci95"] = bootstrap_auc_ci(y, p[m], n_boot=2000, seed=SEED)
        per = {}
        for s in np.unique(speakers):
            ms = m & (speakers == s)
            per[str(s)] = roc_auc(np.isin(emotions[ms], list(pos)), p[ms])
        res[name + "_per_speaker"] = per
    res["mean_p"] = {e: float(np.nanmean(p[ok & (emotions == e)])) for e in "WFAENLT"}
    return res


def telephone_band(pcm: np.ndarray, sr: int = 16_000) -> np.ndarray:
    """Simulated narrow-band telephone channel: 300-3400 Hz, 8 kHz, 8-bit mu-law, back to 16 kHz."""
    import soxr
    from scipy.signal import butter, sosfilt

    sos = butter(4, [300.0, 3400.0], btype="bandpass", fs=sr, output="sos")
    y = soxr.resample(sosfilt(sos, pcm), sr, 8000)
    mu = 255.0
    y = np.clip(y / max(1e-9, np.max(np.abs(y))) * 0.7, -1.0, 1.0)
    q = np.round(np.sign(y) * np.log1p(mu * np.abs(y)) / np.log1p(mu) * 127.0) / 127.0
    y = np.sign(q) * ((1.0 + mu) ** np.abs(q) - 1.0) / mu
    return soxr.resample(y, 8000, sr).astype(np.float32)


def format_summary(name: str, s: dict) -> str:
    """One readable block of :func:`summarise` output."""
    lines = [f"[{name}]"]
    for key in ("anger_vs_neutral", "high_vs_low_arousal"):
        lo, hi = s[key + "_ci95"]
        per = s[key + "_per_speaker"]
        vals = list(per.values())
        lines.append(f"  {key:22s} AUC {s[key]:.3f}  95% CI [{lo:.3f}, {hi:.3f}]  per speaker "
                     f"min {min(vals):.3f} max {max(vals):.3f}  "
                     + " ".join(f"{k}:{v:.3f}" for k, v in per.items()))
    lines.append("  mean p by emotion      " + " ".join(f"{e}:{v:.2f}" for e, v in s["mean_p"].items()))
    return "\n".join(lines)
