"""Acoustic arousal: features, speaker baseline, the committed ONNX model and a held-out-speaker check.

The committed ``models/arousal.onnx`` is trained on all six EmoDB speakers, so scoring EmoDB clips
with it is *not* a held-out check. ``test_held_out_speaker_*`` trains the same recipe inside the
test without speaker 13 and scores speaker 13 only.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from coach.classify.arousal import CustomerArousal, load_arousal_model
from coach.classify.arousal_features import FEATURE_NAMES, window_features
from coach.classify.normaliser import SpeakerNormaliser
from coach.classify.onnx_session import ModelMissingError
from coach.types import SAMPLE_RATE, Lane
from training import arousal_train as A
from training.datasets import EmoClip, emodb_clips, load_audio
from training.metrics import roc_auc


@pytest.fixture(scope="module")
def clips(shared_data: Path) -> list[EmoClip]:
    return emodb_clips(shared_data)


def of(clips: list[EmoClip], speaker: str, emotion: str) -> list[EmoClip]:
    return [c for c in clips if c.speaker == speaker and c.emotion == emotion]


def test_features_are_finite_and_gain_invariant(clips: list[EmoClip]) -> None:
    pcm = load_audio(clips[0].path)
    f = window_features(pcm)
    assert f.shape == (len(FEATURE_NAMES),) and np.all(np.isfinite(f))
    # the training clips are level-normalised, so no feature may depend on the overall gain
    np.testing.assert_allclose(window_features(pcm * 0.05), f, rtol=1e-3, atol=1e-3)


def test_features_of_digital_silence_are_nan() -> None:
    assert np.all(np.isnan(window_features(np.zeros(2 * SAMPLE_RATE, dtype=np.float32))))


def test_normaliser_centres_on_the_baseline_and_maps_nan_to_zero() -> None:
    rng = np.random.default_rng(0)
    norm = SpeakerNormaliser(np.ones(3), warmup_windows=3)
    base = rng.normal([10.0, -5.0, 0.0], 0.5, size=(50, 3))
    for row in base[:3]:
        norm.update(row)
    assert norm.ready
    for row in base[3:]:
        norm.update(row)
    assert np.all(np.abs(norm.normalise(base.mean(axis=0))) < 0.3)
    assert norm.normalise(np.array([np.nan, 10.0, 0.0]))[0] == 0.0
    assert norm.normalise(np.array([20.0, -5.0, 0.0]))[0] > 5.0 - 1e-6  # far above baseline, clipped


def test_committed_model_scores_anger_above_neutral_of_the_same_speaker(clips: list[EmoClip]) -> None:
    """Not held out: the committed model has seen these speakers (see module docstring)."""
    model = load_arousal_model()
    neutral, anger = of(clips, "03", "N"), of(clips, "03", "W")
    norm = model.new_normaliser()
    for c in neutral[1:]:
        norm.update(window_features(load_audio(c.path)))
    p_neutral = float(model.predict(norm.normalise(window_features(load_audio(neutral[0].path))))[0])
    p_anger = model.predict(np.stack([norm.normalise(window_features(load_audio(c.path))) for c in anger]))
    assert p_neutral < 0.3
    assert np.all(p_anger > p_neutral) and np.median(p_anger) > 0.7


def test_held_out_speaker_anger_beats_neutral_with_a_model_trained_without_them(
        clips: list[EmoClip]) -> None:
    use = [c for c in clips if c.emotion in "WNFALT"]
    x = A.clip_features(use)
    speakers = np.array([c.speaker for c in use])
    emotions = np.array([c.emotion for c in use])
    train = speakers != "13"
    fit, prior = A.train_final(x[train], speakers[train], emotions[train])
    p = fit.predict(A.normalise_calm_baseline(x[~train], emotions[~train], prior))
    e = emotions[~train]
    wn = np.isin(e, ["W", "N"])
    assert roc_auc(e[wn] == "W", p[wn]) >= 0.95
    assert roc_auc(np.isin(e, list("WFA")), p) >= 0.85


def test_stream_warms_up_then_scores_anger_above_calm(clips: list[EmoClip]) -> None:
    arousal = CustomerArousal()
    t = 0
    readings = []
    calm = of(clips, "08", "N")
    for c in calm[:arousal.model.warmup_windows]:  # the calm opening becomes the baseline
        pcm = load_audio(c.path)
        for i in range(0, len(pcm), 320):  # 20 ms chunks
            readings += arousal.push(t + i, pcm[i:i + 320])
        t += len(pcm)
    assert readings == [] and arousal.ready
    p = {}
    for label, group in (("calm", calm[arousal.model.warmup_windows:]), ("anger", of(clips, "08", "W")[:4])):
        scores = []
        for c in group:
            pcm = load_audio(c.path)
            (r,) = arousal.push(t, pcm)
            assert (r.start, r.end) == (t, t + len(pcm))
            scores.append(r.p)
            t += len(pcm)
        p[label] = np.array(scores)
    assert p["anger"].min() > p["calm"].max()


def test_stream_is_customer_only_and_skips_silence() -> None:
    with pytest.raises(ValueError, match="customer"):
        CustomerArousal(lane=Lane.AGENT)
    arousal = CustomerArousal()
    assert arousal.push(0, np.zeros(3 * SAMPLE_RATE, dtype=np.float32)) == []
    assert arousal.windows_skipped == 1 and arousal.normaliser.windows_seen == 0


def test_missing_model_names_the_rebuild_script(tmp_path: Path) -> None:
    with pytest.raises(ModelMissingError, match="scripts/train_arousal.py"):
        load_arousal_model(tmp_path / "nope.onnx")


def test_runtime_package_does_not_import_training_code() -> None:
    """The call-time path (analyser -> escalation stage) loads neither ``training`` nor scikit-learn."""
    import subprocess
    import sys

    code = ("import sys, coach.pipeline.analyzer, coach.classify.stage; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('training', 'sklearn', 'onnx')]; "
            "print(','.join(bad)); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"run-time imports training code: {done.stdout.strip()} {done.stderr[-500:]}"
