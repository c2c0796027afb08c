"""The voice read every 2 s instead of every 1 s while the customer's voice is steadily calm (issue 10, cost).

:class:`~coach.classify.arousal.CustomerArousal` with ``calm_hop_samples``: after ``CALM_AFTER`` readings
below ``CALM_BELOW`` (baseline ready) the windows stop overlapping (every speech sample still read once),
and the first reading at or above ``CALM_BELOW`` brings back the 1 s interval. Real model, real speech:
one EmoDB speaker's neutral sentences, then their angry ones (about 22 s).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from coach.classify.arousal import (
    CALM_AFTER,
    CALM_BELOW,
    CALM_HOP_SAMPLES,
    ArousalReading,
    CustomerArousal,
    calm_hop_for,
    load_arousal_model,
)
from coach.types import SAMPLE_RATE
from training.datasets import emodb_clips, load_audio

Reading = tuple[int, int, float, int]


@pytest.fixture(scope="module")
def calm_then_angry(shared_data: Path) -> tuple[np.ndarray, int]:
    """Speaker 03: eight neutral sentences, then three angry ones; and the sample where anger starts."""
    clips = [c for c in emodb_clips(shared_data) if c.speaker == "03"]
    calm = np.concatenate([load_audio(c.path) for c in clips if c.emotion == "N"][:8])
    angry = np.concatenate([load_audio(c.path) for c in clips if c.emotion == "W"][:3])
    return np.concatenate([calm, angry]), len(calm)


def readings(pcm: np.ndarray, piece: int, calm_hop: int) -> list[Reading]:
    arousal = CustomerArousal(load_arousal_model(), calm_hop_samples=calm_hop)
    out: list[ArousalReading] = []
    for i in range(0, len(pcm), piece):
        out += arousal.push(i, pcm[i : i + piece])
    return [(r.start, r.end, r.p, r.hop) for r in out]


def test_calm_speech_is_read_every_two_seconds_and_a_rise_brings_back_every_second(
    calm_then_angry: tuple[np.ndarray, int],
) -> None:
    pcm, anger_at = calm_then_angry
    slow = readings(pcm, 512, CALM_HOP_SAMPLES)
    fast = readings(pcm, 512, 0)
    assert all(r[3] == SAMPLE_RATE for r in fast)
    n_slow = [i for i, r in enumerate(slow) if r[3] == CALM_HOP_SAMPLES]
    assert n_slow and slow[n_slow[0] - 1][1] < anger_at  # the calm part went slow
    assert slow[: n_slow[0]] == fast[: n_slow[0]]  # the same readings until then
    assert len(slow) < len(fast) - 3
    for i, r in enumerate(slow):
        before = slow[max(0, i - CALM_AFTER) : i]
        if r[3] == CALM_HOP_SAMPLES:  # only after CALM_AFTER calm readings, on 2 s of new speech
            assert len(before) == CALM_AFTER and all(b[2] < CALM_BELOW for b in before)
            assert r[1] - r[0] == CALM_HOP_SAMPLES and r[0] == slow[i - 1][1]  # no speech left unread
        if before and before[-1][2] >= CALM_BELOW:  # any rise: back to every second
            assert r[3] == SAMPLE_RATE
    # the anger is read within 2 s of speech of its start (1 s at the full rate), then every second
    first_angry = next(i for i, r in enumerate(slow) if r[2] >= 0.5)
    assert anger_at < slow[first_angry][1] <= anger_at + CALM_HOP_SAMPLES
    assert slow[first_angry + 1][1] - slow[first_angry][1] == SAMPLE_RATE


def test_calm_hop_readings_do_not_depend_on_how_the_speech_is_cut(calm_then_angry: tuple[np.ndarray, int]) -> None:
    pcm, _ = calm_then_angry
    assert readings(pcm, 333, CALM_HOP_SAMPLES) == readings(pcm, 5120, CALM_HOP_SAMPLES)


def test_calm_hop_setting() -> None:
    assert calm_hop_for(SAMPLE_RATE) == CALM_HOP_SAMPLES
    assert calm_hop_for(CALM_HOP_SAMPLES) == 0  # not slower than the normal interval: off
    model = load_arousal_model()
    with pytest.raises(ValueError):
        CustomerArousal(model, calm_hop_samples=3 * SAMPLE_RATE)  # longer than the 2 s window
    with pytest.raises(ValueError):
        CustomerArousal(model, calm_hop_samples=CALM_HOP_SAMPLES, calm_after=0)


def test_the_calm_interval_only_while_the_caller_allows_it(calm_then_angry: tuple[np.ndarray, int]) -> None:
    """The escalation stage allows it only while the call is at rest (``slow_ok``); withdrawn while 1-2 s
    of speech wait for a calm reading, the reading comes at once, then one every second."""
    pcm, _ = calm_then_angry
    fast = readings(pcm, 512, 0)
    arousal = CustomerArousal(load_arousal_model(), calm_hop_samples=CALM_HOP_SAMPLES)
    arousal.slow_ok = False
    held = [r for i in range(0, len(pcm), 512) for r in arousal.push(i, pcm[i : i + 512])]
    assert [(r.start, r.end, r.p, r.hop) for r in held] == fast
    arousal = CustomerArousal(load_arousal_model(), calm_hop_samples=CALM_HOP_SAMPLES)
    got: list[ArousalReading] = []
    i = 0
    while not (got and got[-1].hop == CALM_HOP_SAMPLES):  # until the first reading at the calm interval
        got += arousal.push(i, pcm[i : i + 512])
        i += 512
    mark = got[-1].end
    while i < mark + 3 * SAMPLE_RATE // 2:  # 1.5 s more: no reading due at the calm interval yet
        got += arousal.push(i, pcm[i : i + 512])
        i += 512
    assert got[-1].end == mark
    arousal.slow_ok = False
    now = arousal.push(i, pcm[i : i + 512])
    assert now[0].end == i and now[0].hop == i - mark  # due at once, on the speech waiting since the last
    later = [r for j in range(i + 512, i + 4 * SAMPLE_RATE, 512) for r in arousal.push(j, pcm[j : j + 512])]
    assert [r.hop for r in later] == [SAMPLE_RATE] * len(later) and len(later) >= 3
