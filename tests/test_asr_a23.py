"""``[asr] backlog_beam_size``: the beam of a backed-up pack of finals (docs/benchmarks.md, "Session 29 (A23)").

Under load the shared scheduler decodes finals that back up with cheaper options (``final_greedy_backlog_s``):
a 10 s encoder window (``backlog_encoder_window_s``) and, before this setting, greedy search. On the tuning
prompts greedy in that window wrote 1.22x the errors of the beam-5 final, beam 2 in the same window 0.96x at
the CPU greedy costs there. The tests: the option reaches the decoder (scripted), and real tiny.en on real
prompts hears with it the words greedy misses in a backed-up pack (deterministic: one thread, no clock).
"""

from __future__ import annotations

import numpy as np
import pytest

from coach.asr.config import AsrConfig, ConfigError
from coach.asr.level import decode_audio
from coach.asr.scheduler import DecodeScheduler
from coach.asr.segments import speech_segments
from coach.asr.stream import FINAL, DecodeRequest
from coach.asr.textnorm import normalize
from coach.types import SAMPLE_RATE, Lane
from tests.test_asr_batch import ScriptedBatch, backlog
from tests.test_asr_scheduler import Clock, ScriptedDecoder, texts
from training.asr_corpus import asterisk


def test_a_backed_up_pack_is_decoded_with_backlog_beam_size_and_a_fresh_final_with_final_beam_size():
    config = AsrConfig(final_greedy_backlog_s=1.0, backlog_batch=True, backlog_beam_size=2)
    decoder = ScriptedDecoder()
    batch = ScriptedBatch(decoder)
    expected = [" ".join([f"w{k}"] * n) for k, n in ((1, 4), (2, 4), (3, 5), (4, 6))]
    assert backlog(config, batch, decoder) == expected
    assert [beam for _, beam, _ in batch.batches] == [2]  # the backed-up pack: beam 2, in its 10 s windows
    assert [frames for _, _, frames in batch.batches] == [1000]
    assert [beam for _, beam in decoder.calls] == [config.final_beam_size, 2, 2, 2]
    # packed in time instead of batched: the same beam
    packed = ScriptedDecoder()
    assert backlog(AsrConfig(final_greedy_backlog_s=1.0, backlog_batch=False, backlog_beam_size=2), None, packed)
    assert [beam for _, beam in packed.calls] == [config.final_beam_size, 2]


def test_backlog_beam_size_zero_keeps_the_partials_beam_and_negative_is_refused():
    decoder = ScriptedDecoder()
    batch = ScriptedBatch(decoder)
    backlog(AsrConfig(final_greedy_backlog_s=1.0, backlog_beam_size=0, beam_size=1), batch, decoder)
    assert [beam for _, beam, _ in batch.batches] == [1]
    with pytest.raises(ConfigError, match="backlog_beam_size"):
        AsrConfig(backlog_beam_size=-1)


# ---- real tiny.en on real prompts ------------------------------------------------------------------


def final_request(stem: str, utt: int, config: AsrConfig) -> DecodeRequest:
    """A prompt's final as the agent lane asks for it: its speech with the pads, at the agent's level."""
    pcm = asterisk(stem).pcm
    segs = speech_segments(pcm)
    start = max(0, segs[0][0] - int(config.pre_pad_s * SAMPLE_RATE))
    end = min(len(pcm), segs[-1][1] + int(config.post_pad_s * SAMPLE_RATE))
    audio = decode_audio(Lane.AGENT, pcm[start:end], config).astype(np.float32)
    return DecodeRequest(Lane.AGENT, FINAL, utt, 0, audio, 0, len(audio), 1.0, len(audio))


def backed_up(config: AsrConfig, stems: list[str]) -> list[str]:
    """The prompts' finals queued together and taken once the oldest waited 1.5 s: one backlog pack."""
    clock = Clock()
    sched = DecodeScheduler(config, threads=0, clock=clock)  # in-process: the model of ``config``, one thread
    futures = [sched.submit(final_request(stem, k, config)) for k, stem in enumerate(stems, 1)]
    clock.t = 1.5
    while sched.step():
        pass
    assert sched.stats()["greedy_final_packs"] >= 1  # decoded as a backlog, not as fresh finals
    return [normalize(t) for t in texts(futures)]


# Two prompts where greedy search in the backlog's 10 s window misheard a word (a conjunction heard as a
# preposition, a singular heard as a plural) and beam 2 in the same window hears what the beam-5 final
# hears. Tuning prompts (asterisk_subset(60)), measured with scripts/bench_asr_backlog_options.py.
STEMS = ["check-number-dial-again", "queue-youarenext"]


def test_real_backlog_pack_with_beam_two_hears_the_words_greedy_misses(shared_data):
    base = dict(
        final_greedy_backlog_s=1.0,
        backlog_batch=True,
        backlog_encoder_window_s=10.0,
        decode_process=False,  # in-process (its batch decoder is the engine's own) and one thread
        cpu_threads=1,
    )
    greedy = backed_up(AsrConfig(**base, backlog_beam_size=1), STEMS)
    beam2 = backed_up(AsrConfig(**base, backlog_beam_size=2), STEMS)
    assert beam2 == [
        normalize("Please check the number and dial again."),
        normalize("Your call is now first in line and will be answered by the next available representative."),
    ]
    assert greedy != beam2  # the class the setting is for: greedy's misheard words
