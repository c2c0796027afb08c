"""Prosodic and spectral features of one customer speech window, for the arousal model.

One definition for training (``scripts/train_arousal.py``) and run time (:mod:`coach.classify.arousal`).
Compliance: these features feed an emotion model and are computed for the **customer lane only**.

Contract of :func:`window_features`:

- input: mono float32 PCM in [-1, 1] at :data:`~coach.types.SAMPLE_RATE` (16 kHz), about 2 s of
  speech (the model was trained on 2.00 s clips; 1-4 s works). Pauses inside the window are fine.
- output: float64 vector of ``len(FEATURE_NAMES)`` raw (not yet speaker-normalised) values in the
  units named below. A value is NaN when it cannot be measured (e.g. pitch with fewer than
  :data:`MIN_VOICED_FRAMES` voiced frames, or a silent window); :class:`~coach.classify.normaliser.
  SpeakerNormaliser` turns NaN into "at baseline" (z = 0).
- pure function, no state, thread-safe. Single-threaded on purpose: products are ``np.einsum`` (not
  BLAS ``@``), because a multi-threaded BLAS made these small products ~5x slower in CPU time on a
  2-core machine (thread spin-up per call).

Spectral features only look at 60-4000 Hz so that 8 kHz telephone audio (upsampled to 16 kHz) is
measured on the same scale as wide-band audio; the model therefore never sees energy above 4 kHz.
Every feature is invariant to the overall gain of the window: the training clips are peak-normalised
(their absolute level is an artefact: acted anger, being peakier, ends up *quieter* on average), so
loudness enters only as dynamics (spread, range, crest, frame-to-frame change). Whether the
customer is louder than before is measured by the prosody stage, not by this model.
"""

from __future__ import annotations

import functools

import librosa
import numpy as np
import scipy.fft

from coach.types import SAMPLE_RATE

FEATURE_VERSION = 1
"""Bump when a feature's definition changes; the ONNX metadata records the version it was trained on."""

N_FFT = 512
"""STFT size: 32 ms at 16 kHz."""
HOP = 160
"""STFT hop: 10 ms at 16 kHz."""
PITCH_FRAME = 512
"""YIN frame: 32 ms, holds two periods of :data:`FMIN_HZ`."""
PITCH_HOP = 320
"""YIN hop: 20 ms."""
FMIN_HZ = 65.0
FMAX_HZ = 600.0
BAND_LO_HZ = 60.0
BAND_HI_HZ = 4000.0
N_MELS = 26
N_MFCC = 12
"""MFCC 1..12 (c0, the overall level, is left out: loudness has its own features)."""
ACTIVE_DB = 35.0
"""A frame is active when its energy is within this many dB of the window's loudest frame."""
MIN_VOICED_FRAMES = 3
PERIODICITY_MIN = 0.5
"""Normalised autocorrelation at the YIN period above which an active frame counts as voiced."""

_PITCH_NAMES = ("pitch_mean_st", "pitch_std_st", "pitch_p10_st", "pitch_p90_st", "pitch_range_st",
                "pitch_slope_st_per_s", "pitch_delta_st")
_LOUD_NAMES = ("loud_std_db", "loud_range_db", "loud_crest_db", "loud_delta_db")
_VOICE_NAMES = ("voicing_ratio", "active_ratio", "periodicity_mean")
_SPEC_NAMES = ("centroid_hz", "centroid_std_hz", "tilt_db_per_khz", "alpha_ratio_db", "hammarberg_db",
               "flux_mean", "flux_std", "flatness_mean")
_RATE_NAMES = ("peak_rate_hz",)
_MFCC_NAMES = tuple(f"mfcc{i}_mean" for i in range(1, N_MFCC + 1)) + tuple(
    f"mfcc{i}_std" for i in range(1, N_MFCC + 1)
)

FEATURE_NAMES: tuple[str, ...] = (
    _PITCH_NAMES + _LOUD_NAMES + _VOICE_NAMES + _SPEC_NAMES + _RATE_NAMES + _MFCC_NAMES
)
"""Names (and units: st = semitones re 100 Hz, db, hz, ratios in [0, 1]) of the feature vector."""

_PEAK_REACH = 10
"""Frames (100 ms) each side of an envelope peak within which it must rise 3 dB above the minimum."""
_REL_FLOOR = 1e-8
"""Energy floor relative to the window's loudest frame (-80 dB)."""


@functools.lru_cache(maxsize=4)
def _mel_basis(sr: int) -> tuple[int, int, np.ndarray]:
    """The mel filterbank restricted to the FFT bins it weights: ``(first bin, last bin + 1, [N_MELS, bins])``."""
    full = librosa.filters.mel(sr=sr, n_fft=N_FFT, n_mels=N_MELS, fmin=BAND_LO_HZ, fmax=BAND_HI_HZ)
    used = np.flatnonzero(full.any(axis=0))
    lo, hi = int(used[0]), int(used[-1]) + 1
    return lo, hi, np.ascontiguousarray(full[:, lo:hi])


@functools.lru_cache(maxsize=4)
def _band(sr: int) -> tuple[np.ndarray, np.ndarray]:
    freqs = np.fft.rfftfreq(N_FFT, 1.0 / sr)
    keep = (freqs >= BAND_LO_HZ) & (freqs <= BAND_HI_HZ)
    return keep, freqs[keep]


@functools.lru_cache(maxsize=4)
def _window(n: int) -> np.ndarray:
    return np.hanning(n + 1)[:-1].astype(np.float32)


def _frames(x: np.ndarray, frame: int, hop: int) -> np.ndarray:
    """Centred frames ``[n_frames, frame]`` (zero-padded by half a frame at each end)."""
    padded = np.pad(x, (frame // 2, frame // 2))
    n = 1 + (len(padded) - frame) // hop
    return np.lib.stride_tricks.sliding_window_view(padded, frame)[::hop][:n]


def _spectrogram(pcm: np.ndarray) -> np.ndarray:
    """Power spectrogram ``[n_frames, N_FFT // 2 + 1]`` with a Hann window."""
    fr = _frames(pcm, N_FFT, HOP) * _window(N_FFT)
    spec = scipy.fft.rfft(fr, axis=1)
    return spec.real**2 + spec.imag**2


def _pitch_track(pcm: np.ndarray, sr: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """YIN f0 (Hz), periodicity in [-1, 1] and frame energy (dB), one value per 20 ms frame."""
    f0 = librosa.yin(pcm, fmin=FMIN_HZ, fmax=FMAX_HZ, sr=sr, frame_length=PITCH_FRAME,
                     hop_length=PITCH_HOP, center=True)
    fr = _frames(pcm, PITCH_FRAME, PITCH_HOP)[: len(f0)]
    f0 = f0[: len(fr)]
    max_lag = int(np.ceil(sr / FMIN_HZ))
    span = PITCH_FRAME - max_lag
    lag = np.clip(np.rint(sr / f0).astype(np.int64), 1, max_lag)
    head = fr[:, :span]
    idx = lag[:, None] + np.arange(span)[None, :]
    tail = np.take_along_axis(fr, idx, axis=1)
    num = np.einsum("ij,ij->i", head, tail)
    den = np.sqrt(np.einsum("ij,ij->i", head, head) * np.einsum("ij,ij->i", tail, tail)) + 1e-30
    energy = np.einsum("ij,ij->i", fr, fr) / PITCH_FRAME
    energy_db = 10.0 * np.log10(energy + energy.max() * _REL_FLOOR + 1e-30)
    return f0, num / den, energy_db


def _slope(y: np.ndarray, x: np.ndarray) -> float:
    xc = x - x.mean()
    den = float(np.sum(xc * xc))
    return float(np.sum(xc * (y - y.mean())) / den) if den > 0 else 0.0


def _peak_rate(env_db: np.ndarray, active: np.ndarray, frame_rate: float) -> float:
    """Energy-envelope peaks (syllable-nucleus proxy) per second of active speech."""
    if active.sum() < 5:
        return float("nan")
    env = np.convolve(env_db, np.ones(5) / 5.0, mode="same")
    mid = env[1:-1]
    is_peak = (mid > env[:-2]) & (mid >= env[2:]) & active[1:-1]
    # a peak must rise at least 3 dB above the lower of the minima within +-100 ms (10 frames each
    # side, the peak included, clipped at the window's ends)
    padded = np.pad(env, _PEAK_REACH, constant_values=np.inf)
    runs = np.lib.stride_tricks.sliding_window_view(padded, _PEAK_REACH + 1)
    left_min = runs[: len(env)].min(axis=1)
    right_min = runs[_PEAK_REACH:].min(axis=1)
    peaks = np.flatnonzero(is_peak) + 1
    rise = env[peaks] - np.maximum(left_min[peaks], right_min[peaks])
    return int(np.count_nonzero(rise >= 3.0)) / (active.sum() / frame_rate)


def window_features(pcm: np.ndarray, sr: int = SAMPLE_RATE) -> np.ndarray:
    """Raw feature vector (see module docstring) of one speech window."""
    if sr != SAMPLE_RATE:
        raise ValueError(f"window_features expects {SAMPLE_RATE} Hz audio, got {sr}")
    x = np.asarray(pcm, dtype=np.float32)
    if x.ndim != 1 or len(x) < PITCH_FRAME * 2:
        raise ValueError(f"expected mono audio of at least {PITCH_FRAME * 2} samples, got shape {x.shape}")
    out = np.full(len(FEATURE_NAMES), np.nan)
    values: dict[str, float] = {}

    power = _spectrogram(x)
    keep, freqs = _band(sr)
    band = power[:, keep]
    frame_power = band.sum(axis=1)
    ref = float(frame_power.max())
    if ref < 1e-9:  # digital silence: nothing to measure
        return out
    floor = ref * _REL_FLOOR  # floors relative to the loudest frame keep every feature gain-invariant
    frame_db = 10.0 * np.log10(frame_power + floor)
    active = frame_db > frame_db.max() - ACTIVE_DB
    act_db = frame_db[active]

    # --- pitch and voicing (20 ms frames)
    f0, periodicity, pdb = _pitch_track(x, sr)
    p_active = pdb > pdb.max() - ACTIVE_DB
    inside = (f0 > FMIN_HZ * 1.02) & (f0 < FMAX_HZ * 0.98)
    voiced = p_active & inside & (periodicity > PERIODICITY_MIN)
    values["voicing_ratio"] = voiced.sum() / max(1, p_active.sum())
    values["active_ratio"] = float(active.mean())
    values["periodicity_mean"] = float(np.mean(periodicity[p_active])) if p_active.any() else np.nan
    if voiced.sum() >= MIN_VOICED_FRAMES:
        st = 12.0 * np.log2(f0[voiced] / 100.0)
        t = np.flatnonzero(voiced) * (PITCH_HOP / sr)
        p10, p90 = np.percentile(st, [10, 90])
        values.update(pitch_mean_st=float(np.mean(st)), pitch_std_st=float(np.std(st)),
                      pitch_p10_st=float(p10), pitch_p90_st=float(p90), pitch_range_st=float(p90 - p10),
                      pitch_slope_st_per_s=_slope(st, t))
        steps = np.diff(np.flatnonzero(voiced)) == 1
        dst = np.abs(np.diff(st))[steps]
        values["pitch_delta_st"] = float(np.mean(dst)) if len(dst) else np.nan

    # --- loudness (10 ms frames, 60-4000 Hz band energy)
    l10, l90, l95 = np.percentile(act_db, [10, 90, 95])
    values.update(loud_std_db=float(np.std(act_db)), loud_range_db=float(l90 - l10),
                  loud_crest_db=float(l95 - np.mean(act_db)))
    d_db = np.abs(np.diff(frame_db))[active[1:] & active[:-1]]
    values["loud_delta_db"] = float(np.mean(d_db)) if len(d_db) else np.nan

    # --- spectral shape over active frames
    ab = band[active] + floor / len(freqs)
    total = ab.sum(axis=1)
    centroid = np.einsum("ij,j->i", ab, freqs) / total
    ln_spec = np.log(ab)
    log_spec = (10.0 / np.log(10.0)) * ln_spec
    fk = freqs / 1000.0
    fkc = fk - fk.mean()
    tilt = np.einsum("ij,j->i", log_spec - log_spec.mean(axis=1, keepdims=True), fkc) / np.sum(fkc * fkc)
    low = freqs < 1000.0
    values.update(
        centroid_hz=float(np.mean(centroid)), centroid_std_hz=float(np.std(centroid)),
        tilt_db_per_khz=float(np.mean(tilt)),
        alpha_ratio_db=float(np.mean(10.0 * np.log10(ab[:, ~low].sum(axis=1) / ab[:, low].sum(axis=1)))),
        hammarberg_db=float(np.mean(log_spec[:, freqs < 2000.0].max(axis=1)
                                    - log_spec[:, freqs >= 2000.0].max(axis=1))),
        flatness_mean=float(np.mean(np.exp(np.mean(ln_spec, axis=1)) / np.mean(ab, axis=1))),
    )
    lo, hi, basis = _mel_basis(sr)
    mel = np.log(np.einsum("ij,kj->ik", power[:, lo:hi], basis) + floor / N_MELS)
    flux = np.sqrt(np.mean(np.diff(mel, axis=0) ** 2, axis=1))[active[1:] & active[:-1]]
    if len(flux):
        values.update(flux_mean=float(np.mean(flux)), flux_std=float(np.std(flux)))
    mfcc = scipy.fft.dct(mel[active], type=2, norm="ortho", axis=1)[:, 1:N_MFCC + 1]
    for i, (m, sd) in enumerate(zip(mfcc.mean(axis=0), mfcc.std(axis=0), strict=True)):
        values[f"mfcc{i + 1}_mean"] = float(m)
        values[f"mfcc{i + 1}_std"] = float(sd)

    # --- speaking-rate proxy
    values["peak_rate_hz"] = _peak_rate(frame_db, active, sr / HOP)

    for i, name in enumerate(FEATURE_NAMES):
        if name in values:
            out[i] = values[name]
    return out
