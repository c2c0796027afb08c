import numpy as np
import pytest

from coach.dsp.baseline import SpeakerBaseline, VoiceBaseline, VoicePrior
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


def test_without_a_prior_the_baseline_is_the_median_of_calm_windows_after_min_own_s():
    base = SpeakerBaseline(min_own_s=2.0, history=120, reject_above_db=5.0)
    base.update(-30.0, np.array([120.0, 122.0]), 1.0)
    assert not base.ready and base.loudness_db is None and base.own() is None
    base.update(-28.0, np.array([121.0]), 1.0)
    base.update(-31.0, np.array([121.0]), 1.0)
    assert base.ready
    assert base.loudness_db == pytest.approx(-30.0)
    assert base.pitch_hz == pytest.approx(121.0, abs=1.0)
    assert base.own() == VoiceBaseline(loudness_db=-30.0, pitch_hz=base.pitch_hz, speech_s=3.0)


def test_a_loud_turn_does_not_drag_the_baseline_up():
    base = SpeakerBaseline(min_own_s=2.0, history=120, reject_above_db=5.0)
    for level in (-26.0, -27.0, -25.0):
        base.update(level, np.array([120.0]), 1.0)
    for _ in range(5):  # five seconds 8 dB louder: left out as not calm
        assert not base.update(-18.0, np.array([160.0]), 1.0)
    for _ in range(2):  # a couple of windows 4 dB up get in, but the median shrugs them off
        base.update(-22.0, np.array([130.0]), 1.0)
    assert base.loudness_db == pytest.approx(-25.0)  # a plain mean of all ten would be -21.5
    assert base.rejected == 5
    assert base.pitch_hz == pytest.approx(120.0)


def test_the_median_runs_over_the_last_windows_so_the_baseline_follows_a_lasting_change():
    base = SpeakerBaseline(min_own_s=2.0, history=10, reject_above_db=5.0)
    for _ in range(10):
        base.update(-30.0, np.array([]), 1.0)
    for _ in range(6):  # 3 dB louder, calm: within the margin, and it lasts
        base.update(-27.0, np.array([]), 1.0)
    assert base.loudness_db == pytest.approx(-27.0)


def test_a_prior_gives_a_baseline_from_the_first_words_and_blends_into_the_own_one():
    prior = VoicePrior(loudness_db=-26.0, pitch_hz=None, weight_s=3.0, margin_db=9.0)
    base = SpeakerBaseline(min_own_s=2.0, history=120, reject_above_db=5.0, prior=prior)
    assert base.ready and base.loudness_db == -26.0
    assert base.margin_db(6.0) == 9.0
    base.update(-20.0, np.array([150.0]), 1.0)
    assert base.margin_db(6.0) == pytest.approx(7.5)
    base = SpeakerBaseline(min_own_s=2.0, history=120, reject_above_db=5.0, prior=prior)
    for _ in range(3):
        base.update(-20.0, np.array([150.0]), 1.0)
    assert base.own_weight == pytest.approx(0.5)
    assert base.loudness_db == pytest.approx(-23.0)
    assert base.margin_db(6.0) == pytest.approx(6.0)  # the margin is the caller's after min_own_s
    assert base.pitch_hz == pytest.approx(150.0)
    for _ in range(297):
        base.update(-20.0, np.array([150.0]), 1.0)
    assert base.loudness_db == pytest.approx(-20.0, abs=0.1)
    assert base.margin_db(6.0) == pytest.approx(6.0, abs=0.1)


def test_with_a_prior_a_window_well_above_the_first_calm_one_stays_out():
    prior = VoicePrior(loudness_db=-26.0, pitch_hz=None, weight_s=2.0, margin_db=11.0)
    base = SpeakerBaseline(min_own_s=2.0, history=120, reject_above_db=5.0, prior=prior)
    assert base.own_level_db is None
    base.update(-28.5, np.array([]), 1.0)
    assert base.own_level_db == -28.5
    assert not base.update(-21.9, np.array([]), 1.0)  # within the prior's margin, 6.6 dB above their own
    assert base.own_level_db == -28.5 and base.speech_s == 1.0
    assert base.update(-25.0, np.array([]), 1.0)  # 3.5 dB up is still calm


def test_a_remembered_baseline_merges_with_a_new_call_weighted_by_speech_capped_by_memory():
    old = VoiceBaseline(loudness_db=-30.0, pitch_hz=100.0, speech_s=5000.0)
    new = VoiceBaseline(loudness_db=-20.0, pitch_hz=200.0, speech_s=600.0)
    merged = old.merged(new, memory_s=600.0)
    assert merged.loudness_db == pytest.approx(-25.0)
    assert merged.pitch_hz == pytest.approx(np.sqrt(100.0 * 200.0))
    assert merged.speech_s == 600.0
    silent = VoiceBaseline(loudness_db=-20.0, pitch_hz=None, speech_s=0.0)
    assert old.merged(silent, memory_s=600.0).loudness_db == -30.0


def test_a_prior_that_is_wrong_for_a_hot_microphone_is_dropped_after_release_s():
    prior = VoicePrior(loudness_db=-26.0, pitch_hz=None, weight_s=3.0, margin_db=9.0)
    base = SpeakerBaseline(min_own_s=2.0, history=120, reject_above_db=5.0, release_s=5.0, prior=prior)
    for _ in range(4):
        assert not base.update(-15.0, np.array([]), 1.0)
    assert base.loudness_db == -26.0
    base.update(-15.0, np.array([]), 1.0)
    assert base.prior is None and base.loudness_db == -15.0 and base.speech_s == 5.0
    assert base.margin_db(6.0) == 6.0
