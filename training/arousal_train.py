"""Training and evaluation recipe of the acoustic arousal model (EmoDB, leave-one-speaker-out).

Used by ``scripts/train_arousal.py``, ``scripts/eval_*.py`` and the tests; needs scikit-learn
(imported lazily). Target: high arousal (anger W, happiness F, fear A) = 1 against low arousal
(neutral N, boredom L, sadness T) = 0; disgust (E) is left out of training.

Model input (as at run time, :meth:`coach.classify.arousal.ArousalModel.inputs`): the window's features
against the training population (*absolute*) next to its z against the speaker's calm baseline
(*relative*). Every clip enters training twice: with the relative half from a :class:`SpeakerNormaliser`
fed that speaker's neutral clips (a neutral clip never in its own baseline), and with the relative
half zero (no baseline yet: the start of a call, or a customer angry from the first word).

Channels: every clip is used as recorded and through simulated channels (:data:`CHANNELS`: telephone
band at several levels, background noise); each copy is normalised against its own channel's
baseline (one call = one channel). Calibration: Platt scaling of the logistic output fitted on
leave-one-speaker-out logits inside the training speakers, so that a probability means the same
for a speaker the model has not heard (folded into the exported weights).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from coach.classify.arousal_features import FEATURE_NAMES, PROSODY_FEATURES, window_features
from coach.classify.normaliser import SpeakerNormaliser, population_z
from training.datasets import EmoClip, load_audio
from training.metrics import bootstrap_auc_ci, roc_auc

C = 0.1
"""Inverse L2 strength of the logistic regression."""
WARMUP_WINDOWS = 3
"""Calm windows a customer's baseline needs before the relative half of the input is used."""
PRIOR_WEIGHT = 3.0
ADAPT_RATE = 0.05
SEED = 0


def telephone_band(
    pcm: np.ndarray, sr: int = 16_000, *, level_db: float = 0.0, noise_snr_db: float | None = None, seed: int = 0
) -> np.ndarray:
    """Simulated narrow-band telephone channel: optional noise at ``noise_snr_db`` (dB re the speech
    power), 300-3400 Hz, 8 kHz, 8-bit mu-law at peak ``0.7 * 10**(level_db / 20)``, back to 16 kHz."""
    import soxr
    from scipy.signal import butter, sosfilt

    x = add_noise(pcm, noise_snr_db, seed) if noise_snr_db is not None else pcm
    sos = butter(4, [300.0, 3400.0], btype="bandpass", fs=sr, output="sos")
    y = soxr.resample(sosfilt(sos, x), sr, 8000)
    mu = 255.0
    y = np.clip(y / max(1e-9, np.max(np.abs(y))) * 0.7 * 10.0 ** (level_db / 20.0), -1.0, 1.0)
    q = np.round(np.sign(y) * np.log1p(mu * np.abs(y)) / np.log1p(mu) * 127.0) / 127.0
    y = np.sign(q) * ((1.0 + mu) ** np.abs(q) - 1.0) / mu
    return soxr.resample(y, 8000, sr).astype(np.float32)


def add_noise(pcm: np.ndarray, snr_db: float, seed: int = 0) -> np.ndarray:
    """``pcm`` plus pink-ish (1/f power) stationary noise ``snr_db`` below the speech power (seeded)."""
    rng = np.random.default_rng(seed)
    spec = np.fft.rfft(rng.standard_normal(len(pcm)))
    spec /= np.sqrt(np.maximum(np.arange(len(spec)), 1.0))
    noise = np.fft.irfft(spec, len(pcm))
    speech_power = float(np.mean(np.asarray(pcm, np.float64) ** 2))
    noise *= np.sqrt(speech_power / 10.0 ** (snr_db / 10.0) / max(1e-20, float(np.mean(noise**2))))
    return (pcm + noise).astype(np.float32)


CHANNELS: dict[str, Callable[[np.ndarray, int], np.ndarray]] = {
    "telephone": lambda pcm, i: telephone_band(pcm),
    "telephone_quiet": lambda pcm, i: telephone_band(pcm, level_db=-20.0),
    "telephone_noisy": lambda pcm, i: telephone_band(pcm, level_db=-10.0, noise_snr_db=15.0, seed=i),
    "noisy": lambda pcm, i: add_noise(pcm, 20.0, seed=i),
}
"""Simulated channels used as training copies (``i``: the clip's index, its noise seed)."""


PARTS = ("whole", "first_half", "second_half")
"""Windows cut from each clip: the whole 2 s clip, and its two 1 s halves (the run time scores the
first second of a turn on its own)."""


def clip_features(
    clips: Sequence[EmoClip],
    *,
    telephone: bool = False,
    channel: str | None = None,
    part: str = "whole",
    cache: bool = True,
) -> np.ndarray:
    """Raw feature matrix ``[len(clips), F]`` of one window per clip (``part`` of :data:`PARTS`),
    optionally through a channel of :data:`CHANNELS` (``telephone=True`` means ``channel="telephone"``).

    Cached under ``.cache/arousal/`` (gitignored), keyed by the clip files, channel, part and the
    feature code version.
    """
    import hashlib

    from coach.classify.arousal_features import FEATURE_VERSION
    from training.datasets import REPO_ROOT

    name = "telephone" if telephone else channel
    key = hashlib.sha256(
        "|".join([str(FEATURE_VERSION), str(name), part, *(str(c.path) for c in clips)]).encode()
    ).hexdigest()[:16]
    path = REPO_ROOT / ".cache" / "arousal" / f"{name or 'clean'}-{part}-{key}.npy"
    if cache and path.is_file():
        return np.load(path)
    rows = []
    for i, c in enumerate(clips):
        pcm = load_audio(c.path)
        pcm = CHANNELS[name](pcm, i) if name else pcm
        half = len(pcm) // 2
        pcm = {"whole": pcm, "first_half": pcm[:half], "second_half": pcm[half:]}[part]
        rows.append(window_features(pcm))
    x = np.stack(rows)
    if cache:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, x)
    return x


def feature_sets(
    clips: Sequence[EmoClip], channels: Sequence[str] = tuple(CHANNELS), parts: Sequence[str] = PARTS
) -> tuple[np.ndarray, list[np.ndarray]]:
    """The clean whole-clip matrix and the list of every other (channel, part) copy, same rows."""
    x = clip_features(clips)
    copies = [clip_features(clips, part=p) for p in parts if p != "whole"]
    copies += [clip_features(clips, channel=ch, part=p) for ch in channels for p in parts]
    return x, copies


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
    return SpeakerNormaliser(prior_std, warmup_windows=WARMUP_WINDOWS, prior_weight=PRIOR_WEIGHT, adapt_rate=ADAPT_RATE)


def normalise_calm_baseline(x: np.ndarray, emotions: np.ndarray, prior_std: np.ndarray) -> np.ndarray:
    """Relative z of one speaker's clips against a baseline of the speaker's neutral clips.

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


@dataclass(frozen=True)
class Population:
    """What the model knows about its training population: per-feature mean and spread (absolute
    view) and the pooled within-speaker spread (prior of the relative view)."""

    mean: np.ndarray
    std: np.ndarray
    prior_std: np.ndarray

    @classmethod
    def of(cls, x: np.ndarray, speakers: np.ndarray) -> Population:
        return cls(
            mean=np.nanmean(x, axis=0), std=np.maximum(np.nanstd(x, axis=0), 1e-3), prior_std=pooled_std(x, speakers)
        )

    def inputs(self, x: np.ndarray, relative: np.ndarray | None) -> np.ndarray:
        """Model input rows ``[N, 2F]`` (relative half zero when ``relative`` is None)."""
        absolute = population_z(x, self.mean, self.std).astype(np.float64)
        return np.hstack([absolute, np.zeros_like(absolute) if relative is None else relative])


@dataclass
class LogisticFit:
    """Standardiser + logistic regression on the model input (calibration folded in)."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    def logit(self, z: np.ndarray) -> np.ndarray:
        return ((z - self.mean) / self.scale) @ self.weights + self.bias

    def predict(self, z: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.logit(z)))


def fit(z: np.ndarray, y: np.ndarray, c: float = C) -> LogisticFit:
    """Fit on rows where ``y`` is not NaN."""
    from sklearn.linear_model import LogisticRegression

    ok = ~np.isnan(y)
    mean = z[ok].mean(axis=0)
    scale = np.maximum(z[ok].std(axis=0), 1e-6)
    clf = LogisticRegression(C=c, max_iter=5000, random_state=SEED).fit((z[ok] - mean) / scale, y[ok])
    return LogisticFit(mean=mean, scale=scale, weights=clf.coef_[0].astype(np.float64), bias=float(clf.intercept_[0]))


def training_set(
    copies: Sequence[np.ndarray], speakers: np.ndarray, emotions: np.ndarray
) -> tuple[Population, np.ndarray, np.ndarray, np.ndarray]:
    """(population, model inputs, targets, row speakers) over all channel copies of the clips.

    ``copies[0]`` is the clean feature matrix, the others the same clips through simulated channels.
    Each clip gives two rows: relative half against the calm baseline, and relative half zero.
    """
    tags = np.concatenate([np.char.add(speakers.astype(str), f"~{k}") for k in range(len(copies))])
    pop = Population.of(np.vstack(copies), tags)
    y = arousal_target(emotions)
    rows, ys, who = [], [], []
    for x in copies:
        for s in np.unique(speakers):
            m = speakers == s
            rel = normalise_calm_baseline(x[m], emotions[m], pop.prior_std)
            rows += [pop.inputs(x[m], rel), pop.inputs(x[m], None)]
            ys.append(np.r_[y[m], y[m]])
            who.append(np.r_[speakers[m], speakers[m]])
    return pop, np.vstack(rows), np.concatenate(ys), np.concatenate(who)


def calibrate(z: np.ndarray, y: np.ndarray, who: np.ndarray, c: float = C) -> tuple[float, float]:
    """Platt scaling ``(a, b)`` for ``sigmoid(a * logit + b)``, fitted on leave-one-speaker-out logits
    within the training speakers (it corrects the confidence a fit shows on speakers it has heard)."""
    from sklearn.linear_model import LogisticRegression

    logits = np.full(len(y), np.nan)
    for s in np.unique(who):
        inner = fit(z[who != s], y[who != s], c)
        logits[who == s] = inner.logit(z[who == s])
    ok = ~np.isnan(y)
    platt = LogisticRegression(C=1e4, max_iter=1000).fit(logits[ok, None], y[ok])
    return float(platt.coef_[0, 0]), float(platt.intercept_[0])


@dataclass
class MinOfHeads:
    """The exported model: ``p = min(p_full, p_prosody)`` (see
    :data:`coach.classify.arousal_features.PROSODY_FEATURES`). Both heads take the same input rows."""

    full: LogisticFit
    prosody: LogisticFit

    def predict(self, z: np.ndarray) -> np.ndarray:
        return np.minimum(self.full.predict(z), self.prosody.predict(z))


def _fit_head(z: np.ndarray, y: np.ndarray, who: np.ndarray, calibrated: bool, c: float) -> LogisticFit:
    model = fit(z, y, c)
    if calibrated:
        a, b = calibrate(z, y, who, c)
        model = LogisticFit(mean=model.mean, scale=model.scale, weights=model.weights * a, bias=model.bias * a + b)
    return model


def train_final(
    x: np.ndarray,
    speakers: np.ndarray,
    emotions: np.ndarray,
    x_aug: np.ndarray | Sequence[np.ndarray] | None = None,
    *,
    calibrated: bool = True,
    c: float = C,
) -> tuple[MinOfHeads, Population]:
    """The recipe on the given speakers: clean clips plus channel copies ``x_aug`` (one matrix or a
    list, same rows as ``x``). Returns the two (calibrated) heads and the population statistics.

    The prosody head is fitted on the same rows with the absolute half of every feature outside
    :data:`PROSODY_FEATURES` set to zero; its weights there are then exactly zero, so at run time it
    ignores them."""
    aug = [] if x_aug is None else [x_aug] if isinstance(x_aug, np.ndarray) else list(x_aug)
    pop, z, y, who = training_set([x, *aug], speakers, emotions)
    full = _fit_head(z, y, who, calibrated, c)
    off = np.r_[~np.isin(FEATURE_NAMES, PROSODY_FEATURES), np.zeros(len(FEATURE_NAMES), bool)]
    prosody = _fit_head(np.where(off, 0.0, z), y, who, calibrated, c)
    prosody = LogisticFit(
        mean=np.where(off, 0.0, prosody.mean),
        scale=np.where(off, 1.0, prosody.scale),
        weights=np.where(off, 0.0, prosody.weights),
        bias=prosody.bias,
    )
    return MinOfHeads(full=full, prosody=prosody), pop


def calm_baseline_inputs(x: np.ndarray, speakers: np.ndarray, emotions: np.ndarray, pop: Population) -> np.ndarray:
    """Model input rows of every clip, each speaker's relative half against its own neutral clips."""
    rel = np.zeros_like(x, dtype=np.float64)
    for s in np.unique(speakers):
        m = speakers == s
        rel[m] = normalise_calm_baseline(x[m], emotions[m], pop.prior_std)
    return pop.inputs(x, rel)


@dataclass
class LosoResult:
    """Leave-one-speaker-out predictions per scenario: name -> p per clip (NaN where not scored)."""

    speakers: np.ndarray
    emotions: np.ndarray
    p: dict[str, np.ndarray] = field(default_factory=dict)


def loso(
    x: np.ndarray,
    speakers: np.ndarray,
    emotions: np.ndarray,
    *,
    c: float = C,
    x_aug: np.ndarray | Sequence[np.ndarray] | None = None,
    x_test: np.ndarray | None = None,
    calibrated: bool = True,
) -> LosoResult:
    """Leave-one-speaker-out CV of :func:`train_final` on single clips (the model alone; the path a
    call takes is evaluated by ``scripts/eval_escalation.py``).

    ``x_test`` (same rows) replaces the held-out speaker's features if given (default ``x``).
    Scenarios for the held-out speaker: ``calm`` (relative half against its neutral clips,
    leave-one-out) and ``absolute`` (no baseline: relative half zero, as at the start of a call).
    """
    x_test = x if x_test is None else x_test
    aug = [] if x_aug is None else [x_aug] if isinstance(x_aug, np.ndarray) else list(x_aug)
    out = LosoResult(speakers=speakers, emotions=emotions)
    for name in ("calm", "absolute"):
        out.p[name] = np.full(len(x), np.nan)
    for s in np.unique(speakers):
        train = speakers != s
        model, pop = train_final(
            x[train], speakers[train], emotions[train], [a[train] for a in aug], calibrated=calibrated, c=c
        )
        idx = np.flatnonzero(~train)
        xs = x_test[idx]
        rel = normalise_calm_baseline(xs, emotions[idx], pop.prior_std)
        out.p["calm"][idx] = model.predict(pop.inputs(xs, rel))
        out.p["absolute"][idx] = model.predict(pop.inputs(xs, None))
    return out


def summarise(p: np.ndarray, speakers: np.ndarray, emotions: np.ndarray) -> dict[str, object]:
    """Pooled AUCs with bootstrap CIs, per-speaker AUCs, mean probability per emotion, and per speaker
    for N and W (the calibration check: the same emotion should score alike for every speaker)."""
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
    res["mean_p_per_speaker"] = {
        str(s): {e: float(np.nanmean(p[ok & (emotions == e) & (speakers == s)])) for e in "NW"}
        for s in np.unique(speakers)
    }
    return res


def _rescaled(head: LogisticFit, ref: LogisticFit) -> np.ndarray:
    """``head``'s weights on inputs standardised with ``ref``'s mean and scale (the same logits)."""
    return head.weights * ref.scale / head.scale


def _bias_rescaled(head: LogisticFit, ref: LogisticFit) -> float:
    return float(head.bias + np.sum((ref.mean - head.mean) / head.scale * head.weights))


def onnx_model(model: MinOfHeads, pop: Population, *, trained_on: str) -> object:
    """The ``onnx.ModelProto`` of a fitted recipe, with the metadata :func:`coach.classify.arousal.
    load_arousal_model` checks (feature names and version, input layout, population statistics,
    normaliser settings)."""
    import json

    from coach.classify.arousal import INPUT_LAYOUT
    from coach.classify.arousal_features import FEATURE_VERSION
    from training.export import logistic_model

    def vec(v: np.ndarray) -> str:
        return json.dumps([round(float(a), 6) for a in v])

    meta = {
        "feature_names": ",".join(FEATURE_NAMES),
        "feature_version": str(FEATURE_VERSION),
        "input_layout": INPUT_LAYOUT,
        "prosody_head_features": ",".join(PROSODY_FEATURES),
        "prior_std": vec(pop.prior_std),
        "pop_mean": vec(pop.mean),
        "pop_std": vec(pop.std),
        "warmup_windows": str(WARMUP_WINDOWS),
        "prior_weight": str(PRIOR_WEIGHT),
        "adapt_rate": str(ADAPT_RATE),
        "window_samples": "32000",
        "target": "high arousal (EmoDB W/F/A) vs low (N/L/T); input: [z vs the training population, "
        "z vs the speaker's calm baseline (zeros until it is ready)]",
        "trained_on": trained_on,
        "lane": "customer only",
        "card": "models/arousal.md",
    }
    return logistic_model(
        mean=model.full.mean,
        scale=model.full.scale,
        weights=np.stack([model.full.weights, _rescaled(model.prosody, model.full)], axis=1),
        bias=np.array([model.full.bias, _bias_rescaled(model.prosody, model.full)]),
        input_name="features",
        output_name="p_high_arousal",
        graph_name="coach_arousal",
        metadata=meta,
        doc="P(high arousal) of a 2 s customer speech window; input = "
        "[absolute, speaker-relative] z of coach.classify.arousal_features.",
    )


def format_summary(name: str, s: dict) -> str:
    """One readable block of :func:`summarise` output."""
    lines = [f"[{name}]"]
    for key in ("anger_vs_neutral", "high_vs_low_arousal"):
        lo, hi = s[key + "_ci95"]
        per = s[key + "_per_speaker"]
        vals = list(per.values())
        lines.append(
            f"  {key:22s} AUC {s[key]:.3f}  95% CI [{lo:.3f}, {hi:.3f}]  per speaker "
            f"min {min(vals):.3f} max {max(vals):.3f}  " + " ".join(f"{k}:{v:.3f}" for k, v in per.items())
        )
    lines.append("  mean p by emotion      " + " ".join(f"{e}:{v:.2f}" for e, v in s["mean_p"].items()))
    lines.append(
        "  mean p N/W per speaker "
        + " ".join(f"{k}:{v['N']:.2f}/{v['W']:.2f}" for k, v in s["mean_p_per_speaker"].items())
    )
    return "\n".join(lines)
