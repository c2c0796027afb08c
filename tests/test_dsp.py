import numpy as np
import pytest

from coach.dsp.baseline import SpeakerBaseline
from coach.dsp.loudness import SILENCE_DBFS, energy_mean_dbfs, level_dbfs
from coach.dsp.pitch import estimate_pitch, semitones

SR = 16_000


def tone(hz: float, seconds: float, amp: float, harmonics: int = 4, seed: int = 0) -> np.ndarray:
    t = np.arange(int(seconds * SR)) / SR
    x = sum(np.sin(2 * np.pi * hz * k * t) / k for k in range(1, harmonics + 1))
    x = x / np.max(np.abs(x)) * amp
    return (x + np.random.default_rng(seed).normal(0, 1e-4, len(x))).astype(np.float32)


def test_level_of_a_full_scale_square_is_0_dbfs_and_of_a_sine_about_minus_3():
    assert level_dbfs(np.ones(1000, dtype=np.float32)) == pytest.approx(0.0)
    sine = np.sin(2 * np.pi * 440 * np.arange(SR) / SR).astype(np.float32)
    assert level_dbfs(sine) == pytest.approx(-3.01, abs=0.02)


def test_level_of_silence_is_floored_not_infinite():
    assert level_dbfs(np.zeros(512, dtype=np.float32)) == SILENCE_DBFS
    assert level_dbfs(np.zeros(0, dtype=np.float32)) == SILENCE_DBFS


def test_energy_mean_is_dominated_by_the_loud_part():
    assert energy_mean_dbfs(np.array([-20.0, -40.0])) == pytest.approx(-22.97, abs=0.01)


@pytest.mark.parametrize("hz", [90.0, 150.0, 220.0, 310.0])
def test_pitch_of_a_harmonic_tone_is_found_within_two_percent(hz):
    est = estimate_pitch(tone(hz, 1.0, 0.3), SR, fmin=70, fmax=400, voiced_correlation=0.5)
    assert est.median_hz == pytest.approx(hz, rel=0.02)
    assert est.voiced_ratio > 0.9


def test_white_noise_is_mostly_unvoiced():
    noise = np.random.default_rng(1).normal(0, 0.1, SR).astype(np.float32)
    est = estimate_pitch(noise, SR, fmin=70, fmax=400, voiced_correlation=0.5)
    assert est.voiced_ratio < 0.2


def test_too_short_audio_has_no_pitch():
    est = estimate_pitch(np.zeros(100, dtype=np.float32), SR, fmin=70, fmax=400, voiced_correlation=0.5)
    assert est.median_hz is None and est.voiced_ratio == 0.0


def test_semitones():
    assert semitones(220.0, 110.0) == pytest.approx(12.0)
    assert semitones(100.0, 100.0 * 2 ** (3 / 12)) == pytest.approx(-3.0)


def test_baseline_is_learnt_from_the_first_seconds_then_adapts_slowly():
    base = SpeakerBaseline(learn_s=6.0, adapt_s=120.0)
    for _ in range(5):
        base.update(-30.0, np.array([120.0, 122.0]), 1.0)
    assert not base.ready and base.loudness_db is None
    base.update(-30.0, np.array([121.0]), 1.0)
    assert base.ready
    assert base.loudness_db == pytest.approx(-30.0)
    assert base.pitch_hz == pytest.approx(121.0, abs=1.0)
    for _ in range(5):  # five seconds 10 dB louder barely move it
        base.update(-20.0, np.array([160.0]), 1.0)
    assert -30.0 < base.loudness_db < -29.4
    for _ in range(600):  # ten minutes at the new level: it has followed
        base.update(-20.0, np.array([160.0]), 1.0)
    assert base.loudness_db == pytest.approx(-20.0, abs=0.1)
    assert base.pitch_hz == pytest.approx(160.0, rel=0.01)
