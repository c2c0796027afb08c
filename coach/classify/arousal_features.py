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
- pure function, no state, thread-safe (the optional :class:`FrameCache` is per-stream state, one
  per customer turn; it changes the cost, not the result). Single-threaded on purpose: products are ``np.einsum`` (not
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
from collections.abc import Callable

import librosa
import numpy as np
import scipy.fft

from coach.types import SAMPLE_RATE

FEATURE_VERSION = 2
"""Bump when a feature's definition changes; the ONNX metadata records the version it was trained on.
v2 (issue 10, cost): 20 ms STFT hop (was 10 ms); pitch by the vectorised YIN of :func:`_pitch_rows` on
the audio halved to 8 kHz (was ``librosa.yin`` at 16 kHz); about half the CPU of v1 per window."""

N_FFT = 512
"""STFT size: 32 ms at 16 kHz."""
HOP = 320
"""STFT hop: 20 ms at 16 kHz."""
PITCH_SR = 8000
"""Pitch is tracked on the window halved to 8 kHz (pairs of samples averaged): telephone bandwidth,
and half the work of tracking at 16 kHz."""
PITCH_FRAME = 256
"""YIN frame at :data:`PITCH_SR`: 32 ms, holds two periods of :data:`FMIN_HZ`."""
PITCH_HOP = 160
"""YIN hop at :data:`PITCH_SR`: 20 ms."""
MIN_SAMPLES = 1024
"""Shortest window accepted (64 ms at 16 kHz)."""
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
YIN_THRESHOLD = 0.1
"""YIN's absolute threshold on the cumulative-mean-normalised difference."""
PERIODICITY_MIN = 0.5
"""Normalised autocorrelation at the YIN period above which an active frame counts as voiced."""

_PITCH_NAMES = (
    "pitch_mean_st",
    "pitch_std_st",
    "pitch_p10_st",
    "pitch_p90_st",
    "pitch_range_st",
    "pitch_slope_st_per_s",
    "pitch_delta_st",
)
_LOUD_NAMES = ("loud_std_db", "loud_range_db", "loud_crest_db", "loud_delta_db")
_VOICE_NAMES = ("voicing_ratio", "active_ratio", "periodicity_mean")
_SPEC_NAMES = (
    "centroid_hz",
    "centroid_std_hz",
    "tilt_db_per_khz",
    "alpha_ratio_db",
    "hammarberg_db",
    "flux_mean",
    "flux_std",
    "flatness_mean",
)
_RATE_NAMES = ("peak_rate_hz",)
_MFCC_NAMES = tuple(f"mfcc{i}_mean" for i in range(1, N_MFCC + 1)) + tuple(f"mfcc{i}_std" for i in range(1, N_MFCC + 1))

FEATURE_NAMES: tuple[str, ...] = _PITCH_NAMES + _LOUD_NAMES + _VOICE_NAMES + _SPEC_NAMES + _RATE_NAMES + _MFCC_NAMES
"""Names (and units: st = semitones re 100 Hz, db, hz, ratios in [0, 1]) of the feature vector."""
_INDEX = {name: i for i, name in enumerate(FEATURE_NAMES)}
_MFCC_AT = FEATURE_NAMES.index("mfcc1_mean")
"""The MFCC means (then their standard deviations) are the vector's last ``2 * N_MFCC`` values."""

PROSODY_FEATURES: tuple[str, ...] = _PITCH_NAMES + _LOUD_NAMES + ("flux_mean", "flux_std") + _RATE_NAMES
"""The features the model's *prosody head* sees absolutely (against the training population): pitch,
loudness dynamics, spectral flux and speaking rate, the prosody anger raises in any voice. The model's
reading is the lower of two heads (issue 10): the full head sees every feature absolutely, the prosody
head sees only these absolutely and every feature against the customer's own calm speech. The spectral
balance (tilt, alpha ratio, Hammarberg index, centroid), voicing and the MFCCs describe the voice and the
line as much as the mood: with them alone, a synthetic, bright or harsh-line voice read aroused on every
window, never built a calm baseline and stayed "aroused" for the whole call."""

_PEAK_SMOOTH = 3
"""Frames (60 ms) of the moving average that smooths the energy envelope before peak picking."""
_PEAK_REACH = 5
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
def _band(sr: int) -> tuple[slice, np.ndarray]:
    """The FFT bins of 60-4000 Hz (a contiguous run) and their frequencies."""
    freqs = np.fft.rfftfreq(N_FFT, 1.0 / sr)
    inside = np.flatnonzero((freqs >= BAND_LO_HZ) & (freqs <= BAND_HI_HZ))
    keep = slice(int(inside[0]), int(inside[-1]) + 1)
    return keep, freqs[keep]


@functools.lru_cache(maxsize=4)
def _band_constants(sr: int) -> tuple[int, int, np.ndarray]:
    """Per-window constants of the spectral-shape features, computed once: the band's 1 kHz and 2 kHz
    bin edges and its frequencies in kHz centred on their mean (``fkc``, sums to 0), read-only."""
    freqs = _band(sr)[1]
    k1, k2 = np.searchsorted(freqs, [1000.0, 2000.0])  # freqs are ascending
    fkc = freqs / 1000.0 - np.mean(freqs / 1000.0)
    fkc.flags.writeable = False
    return int(k1), int(k2), fkc


def _mean_std(a: np.ndarray) -> tuple[float, float]:
    """Mean and (population) standard deviation of a non-empty 1-D array, in one pass of float64 sums."""
    a = np.asarray(a, dtype=np.float64)
    m = float(a.sum()) / len(a)
    return m, float(np.sqrt(max(float(np.dot(a, a)) / len(a) - m * m, 0.0)))


@functools.lru_cache(maxsize=4)
def _window(n: int) -> np.ndarray:
    return np.hanning(n + 1)[:-1].astype(np.float32)


def _frames(x: np.ndarray, frame: int, hop: int) -> np.ndarray:
    """Centred frames ``[n_frames, frame]`` (zero-padded by half a frame at each end): a read-only view."""
    half = frame // 2
    padded = np.zeros(len(x) + 2 * half, dtype=x.dtype)
    padded[half : half + len(x)] = x
    n = 1 + (len(padded) - frame) // hop
    step = padded.strides[0]
    return np.lib.stride_tricks.as_strided(padded, (n, frame), (hop * step, step), writeable=False)


def _percentiles(a: np.ndarray, qs: tuple[float, ...]) -> list[float]:
    """``np.percentile(a, qs)`` (linear interpolation between the closest ranks) of a non-empty 1-D array."""
    s = np.sort(a)
    out = []
    for q in qs:
        pos = q / 100.0 * (len(s) - 1)
        i = min(int(pos), len(s) - 1)
        j = min(i + 1, len(s) - 1)
        out.append(float(s[i]) + (pos - i) * (float(s[j]) - float(s[i])))
    return out


USED_BINS = int(np.floor(BAND_HI_HZ * N_FFT / SAMPLE_RATE)) + 1
"""FFT bins 0 .. 4000 Hz (129 of 257): the 60-4000 Hz band and the mel filterbank read no bin above."""


def _power_rows(frames: np.ndarray) -> np.ndarray:
    """Hann-windowed power spectra of frames ``[n, N_FFT]``, bins 0 .. :data:`USED_BINS` - 1 only
    (``[n, USED_BINS]``; the bins above 4 kHz are never read)."""
    fr = np.multiply(frames, _window(N_FFT), dtype=np.float32)
    return _power(scipy.fft.rfft(fr, axis=1)[:, :USED_BINS])


def _power(spec: np.ndarray) -> np.ndarray:
    """``re**2 + im**2`` of a complex spectrum, with one temporary (the same values as the expression)."""
    out = np.square(spec.real)
    out += np.square(spec.imag)
    return out


class FrameCache:
    """Per-frame analysis shared by the overlapping windows of one stream (one customer turn).

    A frame wholly inside a window depends on the audio only, not on the window: the rows of the
    previous window (power spectra, or pitch, periodicity and energy) are kept with the stream position
    of that window, and the next window copies the rows of the frames both hold wholly inside them.
    Frames touching a window's edge (zero-padded there) are recomputed. Results are the same as without
    a cache. Not thread-safe; one per stream.
    """

    def __init__(self) -> None:
        self._last: dict[str, tuple[int, int, np.ndarray]] = {}  # kind -> (origin, length, rows)
        self.reused = 0
        self.computed = 0

    def clear(self) -> None:
        """Forget every frame (a new turn: positions restart)."""
        self._last.clear()

    def rows(
        self, kind: str, x: np.ndarray, frame: int, hop: int, origin: int, compute: Callable[[np.ndarray], np.ndarray]
    ) -> np.ndarray:
        """``compute``'s rows for the centred frames of ``x`` (see :func:`_frames`); ``origin`` is the
        stream position of ``x[0]`` in samples of ``x``'s rate."""
        fr = _frames(x, frame, hop)
        half = frame // 2
        first, last = -(-half // hop), (len(x) - half) // hop  # this window's interior frames
        lo = hi = 0  # reused frames [lo, hi) of this window
        if kind in self._last:
            p_origin, p_len, p_rows = self._last[kind]
            shift, rest = divmod(origin - p_origin, hop)
            if rest == 0 and shift >= 0:
                lo = max(first, -(-half // hop) - shift)
                hi = min(last, (p_len - half) // hop - shift, len(fr) - 1) + 1
        if hi > lo:  # compute the frames before lo and from hi on (two runs), copy the others
            fresh = compute(np.concatenate((fr[:lo], fr[hi:])))
            out = np.empty((len(fr), fresh.shape[1]), dtype=fresh.dtype)
            out[:lo] = fresh[:lo]
            out[hi:] = fresh[lo:]
            out[lo:hi] = p_rows[lo + shift : hi + shift]
        else:
            out = compute(np.ascontiguousarray(fr))
        self._last[kind] = (origin, len(x), out)
        self.reused += max(0, hi - lo)
        self.computed += len(fr) - max(0, hi - lo)
        return out


def _framewise(
    kind: str,
    x: np.ndarray,
    frame: int,
    hop: int,
    compute: Callable[[np.ndarray], np.ndarray],
    cache: FrameCache | None,
    origin: int,
) -> np.ndarray:
    """``compute``'s rows for the centred frames of ``x``, through ``cache`` when there is one."""
    if cache is None:
        return compute(np.ascontiguousarray(_frames(x, frame, hop)))
    return cache.rows(kind, x, frame, hop, origin, compute)


def _pitch_rows(frames: np.ndarray, sr: int = PITCH_SR) -> np.ndarray:
    """``[n, 3]``: YIN f0 (Hz), periodicity in [-1, 1] and mean energy of each frame ``[n, PITCH_FRAME]``.

    YIN (de Cheveigne & Kawahara 2002), all frames at once: the difference function ``d(tau) =
    sum_j (x_j - x_{j+tau})**2`` over the ``PITCH_FRAME - tau`` sample pairs inside the frame, from one
    FFT autocorrelation and the frame's cumulative energy; its cumulative-mean-normalised form; the
    first local minimum below :data:`YIN_THRESHOLD` (else the lowest value) between the periods of
    ``FMAX_HZ`` and ``FMIN_HZ``, refined by a parabola. Periodicity is the normalised correlation of
    the frame with itself shifted by the chosen (integer) period, from the same autocorrelation.
    """
    fr = np.asarray(frames, dtype=np.float32)
    n_frames, width = fr.shape
    lo = int(np.floor(sr / FMAX_HZ))
    hi = int(np.ceil(sr / FMIN_HZ))
    n_fft = scipy.fft.next_fast_len(width + hi + 2, real=True)  # no circular wrap up to lag hi + 1
    if n_frames == 0:
        return np.zeros((0, 3))
    padded = np.zeros((n_frames, n_fft), dtype=np.float32)  # zero-padded here: cheaper than rfft's n=
    padded[:, :width] = fr
    spec = scipy.fft.rfft(padded, axis=1)
    acf = scipy.fft.irfft(_power(spec), n=n_fft, axis=1)[:, : hi + 2].astype(np.float64)
    cum = np.zeros((n_frames, width + 1))  # cum[:, k]: energy of the frame's first k samples
    np.cumsum(np.square(fr, dtype=np.float64), axis=1, out=cum[:, 1:])
    taus = np.arange(hi + 2)
    e_head = cum[:, width - hi - 1 : width + 1][:, ::-1]  # cum[:, width - taus]: energy of x_0 .. x_{W-1-tau}
    e_tail = cum[:, width : width + 1] - cum[:, : hi + 2]  # cum[:, width] - cum[:, taus]: energy of x_tau .. x_{W-1}
    # in place from here (fewer temporaries, the same arithmetic as the textbook expressions in the comments)
    diff = e_head + e_tail  # diff = max(e_head + e_tail - 2 acf, 0)
    diff -= 2.0 * acf
    np.maximum(diff, 0.0, out=diff)
    running = np.cumsum(diff[:, 1:], axis=1)  # cmnd = diff * tau / max(running, 1e-30), 1 at tau = 0
    np.maximum(running, 1e-30, out=running)
    cmnd = np.empty_like(diff)
    cmnd[:, 0] = 1.0
    np.multiply(diff[:, 1:], taus[1:], out=cmnd[:, 1:])
    cmnd[:, 1:] /= running
    search = cmnd[:, lo : hi + 1]
    right = cmnd[:, lo + 1 : hi + 2]
    dips = (search < YIN_THRESHOLD) & (search <= right)
    first = np.where(dips.any(axis=1), np.argmax(dips, axis=1), np.argmin(search, axis=1)) + lo
    rows = np.arange(n_frames)
    a_, b_, c_ = cmnd[rows, first - 1], cmnd[rows, first], cmnd[rows, first + 1]
    curve = a_ + c_ - 2.0 * b_
    shift = np.where(curve > 0, 0.5 * (a_ - c_) / np.where(curve > 0, curve, 1.0), 0.0)
    f0 = sr / (first + np.clip(shift, -1.0, 1.0))
    periodicity = acf[rows, first] / (np.sqrt(e_head[rows, first] * e_tail[rows, first]) + 1e-30)
    return np.stack([f0, periodicity, cum[:, width] / width], axis=1)


def _slope(y: np.ndarray, x: np.ndarray) -> float:
    xc = x - x.mean()
    den = float(np.sum(xc * xc))
    return float(np.sum(xc * (y - y.mean())) / den) if den > 0 else 0.0


def _peak_rate(env_db: np.ndarray, active: np.ndarray, frame_rate: float) -> float:
    """Energy-envelope peaks (syllable-nucleus proxy) per second of active speech."""
    if active.sum() < 5:
        return float("nan")
    env = np.convolve(env_db, np.ones(_PEAK_SMOOTH) / _PEAK_SMOOTH, mode="same")
    mid = env[1:-1]
    is_peak = (mid > env[:-2]) & (mid >= env[2:]) & active[1:-1]
    # a peak must rise at least 3 dB above the lower of the minima within +-100 ms (the peak
    # included, clipped at the window's ends)
    padded = np.full(len(env) + 2 * _PEAK_REACH, np.inf)
    padded[_PEAK_REACH : _PEAK_REACH + len(env)] = env
    # runs[i] = min(padded[i : i + _PEAK_REACH + 1]): the running minimum, one shifted slice at a time
    # (the same values as sliding_window_view(...).min(axis=1), without its per-call overhead)
    runs = padded[: len(env) + _PEAK_REACH].copy()
    for k in range(1, _PEAK_REACH + 1):
        np.minimum(runs, padded[k : k + len(env) + _PEAK_REACH], out=runs)
    left_min = runs[: len(env)]
    right_min = runs[_PEAK_REACH:]
    peaks = np.flatnonzero(is_peak) + 1
    rise = env[peaks] - np.maximum(left_min[peaks], right_min[peaks])
    return int(np.count_nonzero(rise >= 3.0)) / (active.sum() / frame_rate)


def window_features(
    pcm: np.ndarray, sr: int = SAMPLE_RATE, *, cache: FrameCache | None = None, origin: int = 0
) -> np.ndarray:
    """Raw feature vector (see module docstring) of one speech window.

    ``cache`` (optional, the same result): per-frame analysis shared with the previous window of the
    same stream; ``origin`` is the stream position (16 kHz samples) of ``pcm[0]``, an even number.
    """
    if sr != SAMPLE_RATE:
        raise ValueError(f"window_features expects {SAMPLE_RATE} Hz audio, got {sr}")
    x = np.asarray(pcm, dtype=np.float32)
    if x.ndim != 1 or len(x) < MIN_SAMPLES:
        raise ValueError(f"expected mono audio of at least {MIN_SAMPLES} samples, got shape {x.shape}")
    out = np.full(len(FEATURE_NAMES), np.nan)
    values: dict[str, float] = {}

    if cache is not None and origin % 2:
        raise ValueError("origin must be even (the pitch track runs at half the sample rate)")
    power = _framewise("power", x, N_FFT, HOP, _power_rows, cache, origin)
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
    n2 = len(x) // 2 * 2
    x8 = (x[0:n2:2] + x[1:n2:2]) * np.float32(0.5)  # pairs averaged (as .reshape(-1, 2).mean(axis=1), ~20x cheaper)
    f0, periodicity, energy = _framewise("pitch", x8, PITCH_FRAME, PITCH_HOP, _pitch_rows, cache, origin // 2).T
    pdb = 10.0 * np.log10(energy + energy.max() * _REL_FLOOR + 1e-30)
    p_active = pdb > pdb.max() - ACTIVE_DB
    inside = (f0 > FMIN_HZ * 1.02) & (f0 < FMAX_HZ * 0.98)
    voiced = p_active & inside & (periodicity > PERIODICITY_MIN)
    values["voicing_ratio"] = voiced.sum() / max(1, p_active.sum())
    values["active_ratio"] = float(active.mean())
    values["periodicity_mean"] = float(periodicity[p_active].sum()) / max(1, int(p_active.sum()))
    if voiced.sum() >= MIN_VOICED_FRAMES:
        st = 12.0 * np.log2(f0[voiced] / 100.0)
        t = np.flatnonzero(voiced) * (PITCH_HOP / PITCH_SR)
        p10, p90 = _percentiles(st, (10, 90))
        st_mean, st_std = _mean_std(st)
        values.update(
            pitch_mean_st=st_mean,
            pitch_std_st=st_std,
            pitch_p10_st=float(p10),
            pitch_p90_st=float(p90),
            pitch_range_st=float(p90 - p10),
            pitch_slope_st_per_s=_slope(st, t),
        )
        steps = np.diff(np.flatnonzero(voiced)) == 1
        dst = np.abs(np.diff(st))[steps]
        values["pitch_delta_st"] = float(np.mean(dst)) if len(dst) else np.nan

    # --- loudness (20 ms frames, 60-4000 Hz band energy)
    l10, l90, l95 = _percentiles(act_db, (10, 90, 95))
    db_mean, db_std = _mean_std(act_db)
    values.update(loud_std_db=db_std, loud_range_db=float(l90 - l10), loud_crest_db=float(l95) - db_mean)
    d_db = np.abs(np.diff(frame_db))[active[1:] & active[:-1]]
    values["loud_delta_db"] = float(d_db.sum()) / len(d_db) if len(d_db) else np.nan

    # --- spectral shape over active frames (one row per frame, averaged at once)
    ab = band[active] + floor / len(freqs)
    total = ab.sum(axis=1)
    ln_spec = np.log(ab)
    ln_mean = ln_spec.mean(axis=1)
    log_spec = (10.0 / np.log(10.0)) * ln_spec
    k1, k2, fkc = _band_constants(sr)
    low = ab[:, :k1].sum(axis=1)
    per_frame = np.stack(
        [
            np.einsum("ij,j->i", ab, freqs) / total,  # centroid, Hz
            np.einsum("ij,j->i", log_spec, fkc) / np.dot(fkc, fkc),  # tilt, dB/kHz (fkc sums to 0)
            10.0 * np.log10((total - low) / low),  # alpha ratio, dB
            log_spec[:, :k2].max(axis=1) - log_spec[:, k2:].max(axis=1),  # Hammarberg index, dB
            np.exp(ln_mean) / (total / len(freqs)),  # flatness
        ],
        axis=1,
    )
    centroid, tilt, alpha, hammarberg, flatness = per_frame.mean(axis=0)
    values.update(
        centroid_hz=float(centroid),
        centroid_std_hz=_mean_std(per_frame[:, 0])[1],
        tilt_db_per_khz=float(tilt),
        alpha_ratio_db=float(alpha),
        hammarberg_db=float(hammarberg),
        flatness_mean=float(flatness),
    )
    lo, hi, basis = _mel_basis(sr)
    mel = np.log(np.einsum("ij,kj->ik", power[:, lo:hi], basis) + floor / N_MELS)
    flux = np.sqrt(np.mean(np.diff(mel, axis=0) ** 2, axis=1))[active[1:] & active[:-1]]
    if len(flux):
        values["flux_mean"], values["flux_std"] = _mean_std(flux)
    mfcc = scipy.fft.dct(mel[active], type=2, norm="ortho", axis=1)[:, 1 : N_MFCC + 1]
    out[_MFCC_AT : _MFCC_AT + N_MFCC] = mfcc.mean(axis=0)
    out[_MFCC_AT + N_MFCC : _MFCC_AT + 2 * N_MFCC] = mfcc.std(axis=0)

    # --- speaking-rate proxy
    values["peak_rate_hz"] = _peak_rate(frame_db, active, sr / HOP)

    for name, value in values.items():
        out[_INDEX[name]] = value
    return out
