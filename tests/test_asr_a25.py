"""``partial_encoder_window_s`` (session 31, A25): a partial's encoder runs on its audio plus
``partial_encoder_pad_s`` of silence instead of the padded 30 s window; finals and backlog packs keep
their own windows. Scripted decoder only (no model)."""

from __future__ import annotations

import numpy as np
import pytest

from coach.asr.config import AsrConfig
from coach.asr.engine import DecodedSegment, DecodeOptions
from coach.asr.scheduler import DecodeScheduler
from coach.asr.stream import FINAL, PARTIAL
from coach.errors import ConfigError
from coach.types import SAMPLE_RATE, Lane
from tests.test_asr_scheduler import Clock, ScriptedDecoder, request, texts


def test_the_partial_encoder_window_follows_its_settings_and_is_validated():
    default = AsrConfig()
    assert DecodeOptions.partial_from_config(default) == DecodeOptions.from_config(default)  # 30: the full window
    short = DecodeOptions.partial_from_config(AsrConfig(partial_encoder_window_s=8.0, partial_encoder_pad_s=1.5))
    assert (short.beam_size, short.encoder_window_s, short.encoder_pad_s) == (1, 8.0, 1.5)
    assert short.encoder_frames(2.0) == 800 and short.encoder_frames(12.0) == 1350 and short.encoder_frames(40) == 3000
    every = AsrConfig(encoder_window_s=6.0, encoder_pad_s=1.0, partial_encoder_window_s=10.0)  # shorter for all
    assert DecodeOptions.partial_from_config(every).encoder_window_s == 6.0
    for bad in ({"partial_encoder_window_s": 0.5}, {"partial_encoder_window_s": 31.0}, {"partial_encoder_pad_s": -1}):
        with pytest.raises(ConfigError):
            AsrConfig(**bad)


@pytest.mark.parametrize("window_s", [30.0, 8.0])
def test_a_lone_partial_runs_the_encoder_on_its_own_audio_and_packs_and_finals_keep_theirs(window_s):
    """A partial decoded alone gets the partials' window; a pack of two partials the full window (a short
    one makes the splitter refuse slots), a fresh final the finals' (full) window, a backed-up pack of
    finals the backlog window, whatever the partials' setting."""
    clock, decoder, seen = Clock(), ScriptedDecoder(), []

    def decode(pcm: np.ndarray, prompt: str | None, options: DecodeOptions) -> list[DecodedSegment]:
        seen.append((options.beam_size, options.encoder_frames(len(pcm) / SAMPLE_RATE)))
        return decoder(pcm, prompt, options)

    config = AsrConfig(
        partial_encoder_window_s=window_s,
        partial_encoder_pad_s=2.0,
        idle_partial_beam=False,
        backlog_batch=False,
        pack_window_s=5.0,
        partial_pack_s=5.0,  # two 1 s partials, 2 s apart, in one pack
    )
    sched = DecodeScheduler(config, decode=decode, threads=0, clock=clock)
    pair = [sched.submit(request(PARTIAL, [k] * 2, lane=lane)) for k, lane in ((5, Lane.AGENT), (6, Lane.CUSTOMER))]
    assert sched.step()  # one pack of two: the full window
    partial = sched.submit(request(PARTIAL, [7] * 4))  # 2 s, alone
    assert sched.step()
    first = sched.submit(request(FINAL, [1] * 6))
    assert sched.step()  # alone and fresh: beam search on the full window
    backlog = [sched.submit(request(FINAL, [k] * 6, utt=k)) for k in (2, 3)]
    assert sched.step()  # leaves a final queued behind it: greedy, the backlog window
    clock.t = 1.5
    assert sched.step() and not sched.step()
    assert texts([*pair, partial]) == ["w5 w5", "w6 w6", "w7 w7 w7 w7"]
    assert texts([first, *backlog]) == [" ".join([f"w{k}"] * 6) for k in (1, 2, 3)]
    own = 3000 if window_s == 30.0 else 800  # 2 s of audio + 2 s pad, at least 8 s: 800 mel frames
    beam, greedy = config.final_beam_size, config.beam_size
    assert seen == [(greedy, 3000), (greedy, own), (beam, 3000), (greedy, 1000), (greedy, 1000)]
