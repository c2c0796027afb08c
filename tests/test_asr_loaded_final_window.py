"""``[asr] loaded_final_encoder_window_s`` (issue 11, session 51, A45): while at least ``loaded_calls`` calls share the
scheduler, a pack of finals that is not a backlog pack runs its encoder on the pack's audio plus
``final_encoder_pad_s`` of silence (at least the setting's seconds) instead of the padded 30 s window; fewer calls,
a backlog pack and the setting off keep what they had. Scripted decoder (no model): it records each decode's beam
and encoder frames (10 ms each)."""

from __future__ import annotations

import numpy as np
import pytest

from coach.asr.config import AsrConfig
from coach.asr.engine import DecodeOptions
from coach.asr.scheduler import DecodeScheduler
from coach.asr.stream import FINAL
from coach.errors import ConfigError
from coach.types import SAMPLE_RATE, Lane
from tests.test_asr_loaded_final_beam import one_pack
from tests.test_asr_loaded_final_beam import scheduler as beam_scheduler
from tests.test_asr_scheduler import Clock, ScriptedDecoder, request


class FramesDecoder(ScriptedDecoder):
    """The scripted decoder, also recording each decode's (beam, encoder frames)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[int, int]] = []

    def __call__(self, pcm: np.ndarray, prompt: str | None, options: DecodeOptions):
        self.seen.append((options.beam_size, options.encoder_frames(len(pcm) / SAMPLE_RATE)))
        return super().__call__(pcm, prompt, options)


def scheduler(calls: int, clock: Clock | None = None, **settings) -> tuple[DecodeScheduler, FramesDecoder]:
    """A scheduler on ``clock`` with ``calls`` attached and the frames decoder (``loaded_calls = 3``)."""
    sched, decoder = beam_scheduler(calls, clock, FramesDecoder(), **settings)
    assert isinstance(decoder, FramesDecoder)
    return sched, decoder


def test_a_fresh_pack_under_load_runs_the_encoder_on_its_audio_plus_the_pad_and_fewer_calls_on_30_s():
    sched, decoder = scheduler(3, loaded_final_encoder_window_s=12.0, final_encoder_pad_s=2.0)
    assert one_pack(sched) == ["w1 w2", "w3 w4"]  # a few seconds of audio: the 12 s floor
    sched.detach()  # two calls left: below loaded_calls, the finals' padded window again
    assert one_pack(sched) == ["w1 w2", "w3 w4"]
    assert decoder.seen == [(5, 1200), (5, 3000)]


def test_a_long_fresh_pack_under_load_gets_its_audio_plus_the_pad_not_the_floor():
    sched, decoder = scheduler(3, loaded_final_encoder_window_s=1.0, final_encoder_pad_s=2.0)
    assert one_pack(sched) == ["w1 w2", "w3 w4"]
    ((beam, frames),) = decoder.seen
    audio_s = decoder.calls[0][0] / SAMPLE_RATE
    assert beam == 5 and (audio_s + 2.0) * 100 <= frames <= (audio_s + 2.0) * 100 + 2 < 3000  # audio + 2 s of pad


def test_15_s_by_default_and_30_keeps_a_loaded_scheduler_on_the_padded_window():
    assert AsrConfig().loaded_final_encoder_window_s == 15.0  # on since session 51 (docs/benchmarks.md)
    sched, decoder = scheduler(5, loaded_final_encoder_window_s=30.0)
    assert one_pack(sched) == ["w1 w2", "w3 w4"]
    assert decoder.seen == [(5, 3000)]


def test_a_backlog_pack_under_load_keeps_the_backlog_window():
    clock = Clock()
    sched, decoder = scheduler(
        4, clock, loaded_final_encoder_window_s=12.0, backlog_batch=False, backlog_encoder_window_s=16.0
    )
    a = sched.submit(request(FINAL, [1, 2], utt=1))
    b = sched.submit(request(FINAL, [3, 4], lane=Lane.CUSTOMER, utt=2))
    clock.t += 1.5  # waited past final_greedy_backlog_s (1.0 s): a backlog pack
    assert sched.step()
    assert [a.result().text, b.result().text] == ["w1 w2", "w3 w4"]
    assert decoder.seen == [(1, 1600)]  # the backlog's greedy decode in its own window, not the loaded one


def test_the_window_is_validated():
    for bad in (0.5, 31.0):
        with pytest.raises(ConfigError, match="loaded_final_encoder_window_s"):
            AsrConfig(loaded_final_encoder_window_s=bad)
