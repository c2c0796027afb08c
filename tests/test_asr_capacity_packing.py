"""Transcription capacity (issue 11): the shared decode scheduler under load, with scripted decoders (no model): the
backlog beam and its bounds, a partial's own encoder window, single-threaded decoders kept for load, packs refused
and decoded again, the pack hand-over switches, the decode split out of the scheduler's loop, and the capacity
simulation's CPU breakdown and the streaming-WER alignment.

Moved here from the per-session files test_asr_a23.py, test_asr_a25.py ... test_asr_a29.py (session 35, T1); each
part keeps its session's docstring as a comment; tests unchanged. New capacity tests go here or in a topic file
``test_asr_<topic>.py``, never in a file named after a session or helper."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from coach.asr import scheduler as scheduler_module
from coach.asr.config import AsrConfig, ConfigError
from coach.asr.engine import DecodedSegment, DecodedWord, DecodeOptions
from coach.asr.level import decode_audio
from coach.asr.packing import Slot, split
from coach.asr.scheduler import SHED, DecodeScheduler
from coach.asr.segments import speech_segments
from coach.asr.stream import FINAL, PARTIAL, DecodeRequest
from coach.asr.textnorm import normalize
from coach.asr.timeline import behind, read
from coach.config import config_from_table, load_config
from coach.server.wire import decode_audio as wire_decode
from coach.types import SAMPLE_RATE, Lane
from tests.test_asr_batch import ScriptedBatch, backlog
from tests.test_asr_scheduler import Clock, ScriptedDecoder, request, texts
from training.asr_corpus import Clip, asterisk

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import bench_capacity  # noqa: E402
from bench_asr_capacity_sim import COST, CostModel, breakdown, variant  # noqa: E402
from bench_asr_wer_causes import align, wrong_words  # noqa: E402
from bench_capacity import (  # noqa: E402
    EMITTED,
    PARTS,
    RECEIVED,
    LabelledCall,
    Server,
    build_call,
    final_parts,
    greedy_share,
    score_transcripts,
    tail_line,
)
from lean_client import STEP, _Live, encode_call  # noqa: E402
from lean_client import Clock as SendClock  # noqa: E402
from proc_cpu import ProcSampler, Sample, covered  # noqa: E402

# ====================================================================================================
# Moved from tests/test_asr_a23.py in session 35 (T1: tests by topic). Its docstring:
#
# ``[asr] backlog_beam_size``: the beam of a backed-up pack of finals (docs/benchmarks.md, "Session 29 (A23)").
#
# Under load the shared scheduler decodes finals that back up with cheaper options (``final_greedy_backlog_s``):
# a 10 s encoder window (``backlog_encoder_window_s``) and, before this setting, greedy search. On the tuning
# prompts greedy in that window wrote 1.22x the errors of the beam-5 final, beam 2 in the same window 0.96x at
# the CPU greedy costs there. The tests: the option reaches the decoder (scripted), and real tiny.en on real
# prompts hears with it the words greedy misses in a backed-up pack (deterministic: one thread, no clock).
# ====================================================================================================


def test_a_backed_up_pack_is_decoded_with_backlog_beam_size_and_a_fresh_final_with_final_beam_size():
    config = AsrConfig(final_greedy_backlog_s=1.0, backlog_batch=True, backlog_beam_size=2, backlog_batch_rows=0)
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
    config = AsrConfig(final_greedy_backlog_s=1.0, backlog_beam_size=0, beam_size=1, backlog_batch_rows=0)
    backlog(config, batch, decoder)
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


# ====================================================================================================
# Moved from tests/test_asr_a25.py in session 35 (T1: tests by topic). Its docstring:
#
# ``partial_encoder_window_s`` (session 31, A25): a partial's encoder runs on its audio plus
# ``partial_encoder_pad_s`` of silence instead of the padded 30 s window; finals and backlog packs keep
# their own windows. Scripted decoder only (no model).
# ====================================================================================================


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


# ====================================================================================================
# Moved from tests/test_asr_a26.py in session 35 (T1: tests by topic). Its docstring:
#
# Single-threaded decoders kept for load (``[asr] loaded_workers``, issue 11, session 32 helper A26).
#
# With at least ``loaded_calls`` calls attached every pack goes to ``loaded_workers`` decoders of one
# CTranslate2 thread each (at most that many packs at once, ``partial_workers`` of them partials); fewer calls
# keep the ``workers`` decoder. Scripted decoders on a scheduler without threads (``step``), an injected clock;
# the child processes' start is checked with a stand-in for :class:`coach.asr.decodeproc.DecodeProcesses` (no
# model is loaded).
# ====================================================================================================


def batch_of(decoder: ScriptedDecoder):
    return lambda pcms, options: [decoder(pcm, None, options) for pcm in pcms]


def loaded_scheduler(clock: Clock | None = None, calls: int = 2, **settings):
    """A scheduler with scripted main and loaded decoders (``loaded_calls = 2`` unless set), ``calls`` attached."""
    main, loaded = ScriptedDecoder(), ScriptedDecoder()
    config = AsrConfig(**{"loaded_workers": 2, "loaded_calls": 2} | settings)
    sched = DecodeScheduler(
        config,
        decode=main,
        decode_batch=batch_of(main),
        decode_loaded=loaded,
        decode_loaded_batch=batch_of(loaded),
        threads=0,
        clock=clock or Clock(),
    )
    for _ in range(calls):
        sched.attach()
    return sched, main, loaded


def test_under_load_two_finals_decode_at_once_on_the_loaded_decoders_and_a_third_waits():
    sched, main, loaded = loaded_scheduler()
    assert sched.decoders == 2 and sched.loaded_decoders_ready(0)
    in_flight: list = []
    first = sched.submit(request(FINAL, [1, 2], lane=Lane.AGENT, utt=1))
    assert sched.step(defer=in_flight.append)
    second = sched.submit(request(FINAL, [3, 4], lane=Lane.CUSTOMER, utt=2))
    assert sched.step(defer=in_flight.append)  # beside the first: two decoders
    third = sched.submit(request(FINAL, [5, 6], lane=Lane.AGENT, utt=3))
    assert not sched.step(defer=in_flight.append)  # both busy
    in_flight.pop(0)()
    assert first.result().text == "w1 w2" and sched.step(defer=in_flight.append)
    for publish in in_flight:
        publish()
    assert second.result().text == "w3 w4" and third.result().text == "w5 w6"
    assert main.calls == [] and len(loaded.calls) == 3
    assert sched.stats()["loaded_windows"] == 3


def test_under_load_a_partial_goes_beside_a_final_but_never_two_partials_at_once():
    sched, main, loaded = loaded_scheduler(loaded_partials=True)  # partials under load (off by default since s51)
    in_flight: list = []
    sched.submit(request(PARTIAL, [1, 2], lane=Lane.AGENT, utt=1))
    assert sched.step(defer=in_flight.append)
    sched.submit(request(PARTIAL, [3, 4], lane=Lane.CUSTOMER, utt=2))
    assert not sched.step(defer=in_flight.append)  # partial_workers = 1
    final = sched.submit(request(FINAL, [5, 6], lane=Lane.CUSTOMER, utt=3))
    assert sched.step(defer=in_flight.append)  # the final on the other decoder
    for publish in in_flight:
        publish()
    assert final.result().text == "w5 w6" and main.calls == []


def test_a_backed_up_pack_of_finals_is_one_batch_on_a_loaded_decoder():
    clock = Clock()
    sched, main, loaded = loaded_scheduler(clock, final_greedy_backlog_s=1.0)
    futures = [sched.submit(request(FINAL, [k, k + 1], lane=Lane.CUSTOMER, utt=k)) for k in (1, 4)]
    clock.t = 1.5  # the finals waited past final_greedy_backlog_s: a backlog pack, greedy, one batch
    assert sched.step()
    assert [f.result().text for f in futures] == ["w1 w2", "w4 w5"]
    assert main.calls == [] and [beam for _, beam in loaded.calls] == [1, 1]


def test_fewer_calls_keep_the_main_decoder_and_one_pack_at_a_time():
    """Below ``loaded_calls`` the extra worker thread (``loaded_workers`` above ``workers``) takes nothing: one
    pack at a time on the two-threaded decoder, as without the option."""
    sched, main, loaded = loaded_scheduler(partial_decoder_nice=0, loaded_calls=3)
    assert sched.decoders == 2
    in_flight: list = []
    first = sched.submit(request(FINAL, [1, 2], lane=Lane.AGENT, utt=1))
    assert sched.step(defer=in_flight.append)
    second = sched.submit(request(FINAL, [3, 4], lane=Lane.CUSTOMER, utt=2))
    assert not sched.step(defer=in_flight.append)
    in_flight.pop()()
    assert sched.step() and first.result().text == "w1 w2" and second.result().text == "w3 w4"
    assert loaded.calls == [] and [beam for _, beam in main.calls] == [5, 5]
    sched.attach()  # a third call: the loaded decoders from the next pack on
    third = sched.submit(request(FINAL, [5, 6], lane=Lane.AGENT, utt=3))
    assert sched.step() and third.result().text == "w5 w6" and len(loaded.calls) == 1


def test_loaded_decoders_go_before_the_partials_decoder_when_both_apply():
    """``loaded_calls`` at or below ``light_load_calls``: one call is both; the loaded decoders take its partial."""
    sched, main, loaded = loaded_scheduler(calls=1, loaded_calls=1, light_load_calls=1, loaded_partials=True)
    partial = sched.submit(request(PARTIAL, [1, 2]))
    assert sched.step() and partial.result().text == "w1 w2"
    assert main.calls == [] and len(loaded.calls) == 1 and sched.stats()["nice_partial_slots"] == 0


def test_off_by_default_and_validated():
    assert AsrConfig().loaded_workers == 0 and AsrConfig().loaded_calls == 8
    sched = DecodeScheduler(AsrConfig(), decode=ScriptedDecoder(), threads=0, clock=Clock())
    assert not sched.loaded_decoders_ready(0) and sched.decoders == 2
    with pytest.raises(ConfigError):
        AsrConfig(loaded_workers=-1)
    with pytest.raises(ConfigError):
        AsrConfig(loaded_calls=0)
    with pytest.raises(ConfigError, match="unknown key.*final_decoder_nice"):  # removed in session 48 (A42)
        config_from_table({"asr": {"final_decoder_nice": -2}})


class FakeProcesses:
    """Stands in for DecodeProcesses: records how it was started, decodes nothing."""

    started: list[tuple[int, int, str]] = []

    def __init__(self, config, n=1, *, nice=0, name="coach-asr-proc"):
        self.name = name
        FakeProcesses.started.append((config.cpu_threads, n, name))

    def decode(self, pcm, prompt, options):
        return []

    def decode_batch(self, pcms, options):
        return [[] for _ in pcms]

    def cpu_s(self):
        return 1.0

    def pause(self):
        pass

    def resume(self):
        pass

    def close(self):
        pass


def test_the_loaded_decoders_are_single_threaded_children_started_beside(monkeypatch):
    # waits are bounds, not speeds: a busy CI machine may take seconds to schedule the threads (as test_asr_scheduler)
    FakeProcesses.started = []
    monkeypatch.setattr(scheduler_module, "DecodeProcesses", FakeProcesses)
    # two threads asked for the finals' and the partials' children, so the loaded ones' single thread shows
    sched = DecodeScheduler(
        AsrConfig(decode_process=True, cpu_threads=2, loaded_workers=2, loaded_calls=2, partial_decoder_nice=7)
    )
    try:
        assert sched.loaded_decoders_ready(120) and sched.partials_decoder_ready(120)
        assert sorted(FakeProcesses.started) == [
            (1, 2, "coach-asr-loaded-proc"),
            (2, 1, "coach-asr-partial-proc"),
            (2, 1, "coach-asr-proc"),
        ]
        sched.attach()
        sched.attach()
        result = sched.submit(request(FINAL, [1, 2])).result(timeout=120)
        assert result.text == "" and sched.stats()["loaded_windows"] == 1
        assert sched.stats()["process_cpu_s"] == 3.0  # the finals', the partials' and the loaded children
    finally:
        sched.stop()


# ====================================================================================================
# Moved from tests/test_asr_a27.py in session 35 (T1: tests by topic). Its docstring:
#
# Packs refused and decoded again (issue 11, session 32 helper A27).
#
# :func:`coach.asr.packing.split` names why it refuses a slot (``gap_word``, ``straddle``, ``no_words``), the
# scheduler counts refused slots by reason (``refused_by``, with ``cut_short`` and ``batch_short``), and a pack of
# finals hands its trusted finals over as soon as the pack is decoded, before its refused ones are decoded
# again alone; a word still never reaches another utterance. Scripted decoders, a scheduler without threads.
# ====================================================================================================

SLOTS = [Slot(0, 2 * SAMPLE_RATE), Slot(4 * SAMPLE_RATE, 2 * SAMPLE_RATE), Slot(8 * SAMPLE_RATE, 2 * SAMPLE_RATE)]
MARGIN = int(0.8 * SAMPLE_RATE)


def segment(*words: tuple[float, float, str]) -> DecodedSegment:
    dws = tuple(DecodedWord(a, b, f" {t}", 0.9) for a, b, t in words)
    return DecodedSegment(dws[0].start, dws[-1].end, "".join(w.word for w in dws), dws, -0.2, 0.01, len(dws))


@pytest.mark.parametrize(
    ("stray", "why"),
    [
        ((1.5, 3.5, "x"), {0: "straddle", 1: "straddle"}),  # from the first slot to within reach of the second
        ((2.9, 3.1, "x"), {0: "gap_word", 1: "gap_word"}),  # deep in the gap between them
    ],
)
def test_split_names_why_it_refuses_and_gives_the_stray_word_to_nobody(stray, why):
    segs = [segment((0.2, 0.8, "a"), (4.2, 4.8, "b"), stray, (8.2, 8.8, "c"))]
    reasons: dict[int, str] = {}
    out = split(segs, SLOTS, margin=MARGIN, reasons=reasons)
    assert reasons == why
    assert out[0] is None and out[1] is None and out[2] is not None and out[2].text == "c"


def test_split_names_a_slot_left_without_words():
    reasons: dict[int, str] = {}
    out = split([segment((0.2, 0.8, "a"), (8.2, 8.8, "c"))], SLOTS, margin=MARGIN, reasons=reasons)
    assert reasons == {1: "no_words"} and out[1] is None and [out[0].text, out[2].text] == ["a", "c"]


@pytest.mark.parametrize("at", [(9.8, 10.6), (10.1, 12.1), (2.4, 3.6)])  # the last slot's edge, the rest, a gap
def test_a_lone_mark_outside_the_slots_is_no_ones_and_does_not_judge_a_slot(at):
    mark = DecodedSegment(at[0], at[1], " .", (DecodedWord(at[0], at[1], " .", 0.1),), -1.5, 0.95, 1)
    segs = [segment((0.2, 0.8, "a"), (4.2, 4.8, "b"), (8.2, 8.8, "c")), mark]
    reasons: dict[int, str] = {}
    out = split(segs, SLOTS, margin=MARGIN, reasons=reasons)
    assert reasons == {} and [r.text for r in out] == ["a", "b", "c"]
    assert max(r.no_speech_prob for r in out) == 0.01  # the mark's segment (0.95) judged none of them


def test_a_lone_mark_inside_a_slot_stays_that_slots():
    segs = [segment((0.2, 0.8, "a"), (1.0, 1.2, "."), (4.2, 4.8, "b"), (8.2, 8.8, "c"))]
    assert [r.text for r in split(segs, SLOTS, margin=MARGIN)] == ["a .", "b", "c"]


def packed_only(change, alone_up_to_s: float = 2.0, decoder: ScriptedDecoder | None = None):
    """A scripted decoder (``decoder``'s), honest on audio of at most ``alone_up_to_s``; on a longer (packed)
    window its segments go through ``change``."""
    inner = decoder or ScriptedDecoder()

    def decode(pcm: np.ndarray, prompt: str | None, options: DecodeOptions) -> list[DecodedSegment]:
        segs = inner(pcm, prompt, options)
        return segs if len(pcm) <= alone_up_to_s * SAMPLE_RATE else change(segs)

    return decode


def smear(segs: list[DecodedSegment]) -> list[DecodedSegment]:
    """A word from the second slot (3-4 s of the window: slots of 1 s, 2 s apart) to within reach of the third."""
    word = DecodedWord(3.5, 5.5, " smear", 0.5)
    return [*segs, DecodedSegment(word.start, word.end, " smear", (word,), -0.5, 0.01, 1)]


def smearing_between_second_and_third():
    return packed_only(smear)


def test_a_packs_trusted_final_is_handed_over_before_its_refused_ones_and_each_of_those_once_decoded_alone():
    sched = DecodeScheduler(AsrConfig(), decode=smearing_between_second_and_third(), threads=0, clock=Clock())
    a, b, c = (sched.submit(request(FINAL, [k, k + 1], utt=k)) for k in (1, 3, 5))
    held: list = []
    assert sched.step(defer=held.append)
    assert len(held) == 3  # the trusted final's hand-over, then each refused one once decoded alone
    held[0]()
    assert a.done() and a.result().text == "w1 w2" and not b.done() and not c.done()
    held[1]()
    assert b.done() and not c.done()
    held[2]()
    assert [f.result().text for f in (a, b, c)] == ["w1 w2", "w3 w4", "w5 w6"]  # the smear in none
    stats = sched.stats()
    assert stats["refused"] == 2 and stats["refused_by"] == {"final:straddle": 2}


def test_without_early_delivery_the_pack_is_handed_over_at_once():
    config = AsrConfig(early_delivery=False)
    sched = DecodeScheduler(config, decode=smearing_between_second_and_third(), threads=0, clock=Clock())
    futures = [sched.submit(request(FINAL, [k, k + 1], utt=k)) for k in (1, 3, 5)]
    held: list = []
    assert sched.step(defer=held.append) and len(held) == 1
    held[0]()
    assert [f.result().text for f in futures] == ["w1 w2", "w3 w4", "w5 w6"]


def test_partials_refused_are_shed_and_counted_by_reason():
    sched = DecodeScheduler(AsrConfig(), decode=smearing_between_second_and_third(), threads=0, clock=Clock())
    p = [sched.submit(request(PARTIAL, [k, k + 1], lane=lane, utt=k)) for k, lane in ((1, Lane.AGENT),)]
    q = [sched.submit(request(PARTIAL, [k, k + 1], lane=Lane.CUSTOMER, utt=k)) for k in (3,)]
    sched.drain()
    results = [f.result() for f in p + q]
    assert all(r is SHED or r.text for r in results)
    assert sum(sched.stats()["refused_by"].values()) == sched.stats()["refused"]


def test_a_cut_short_slot_is_counted_as_such():
    def lose_the_middle(segs: list[DecodedSegment]) -> list[DecodedSegment]:  # w2..w4 of the first slot
        kept = tuple(w for w in segs[0].words if w.start < 0.4 or w.start >= 4.0)
        return [DecodedSegment(0.0, kept[-1].end, "".join(w.word for w in kept), kept, -0.2, 0.01, len(kept))]

    sched = DecodeScheduler(AsrConfig(), decode=packed_only(lose_the_middle, 3.0), threads=0, clock=Clock())
    first = sched.submit(request(FINAL, [1, 2, 3, 4]))
    second = sched.submit(request(FINAL, [5, 6], lane=Lane.CUSTOMER))
    sched.drain()
    assert [first.result().text, second.result().text] == ["w1 w2 w3 w4", "w5 w6"]
    assert sched.stats()["refused_by"] == {"final:cut_short": 1}


def test_a_word_deep_in_a_gap_refuses_the_two_slots_beside_that_gap_not_the_next_pair():
    reasons: dict[int, str] = {}
    segs = [segment((0.2, 0.8, "a"), (3.1, 3.1, "x"), (4.2, 4.8, "b"), (8.2, 8.8, "c"))]  # nearer the second
    out = split(segs, SLOTS, margin=MARGIN, reasons=reasons)
    assert reasons == {0: "gap_word", 1: "gap_word"} and out[2].text == "c"


def late_edge(segs: list[DecodedSegment]) -> list[DecodedSegment]:
    """The second slot's last word (w4, 3.5-4 s of the window) stretched to within reach of the third slot."""
    words = tuple(DecodedWord(3.5, 5.5, w.word, w.probability) if w.word == " w4" else w for w in segs[0].words)
    return [dataclasses.replace(segs[0], words=words)]


@pytest.mark.parametrize("change", [late_edge, smear])
def test_both_slots_beside_a_stray_word_are_decoded_again_alone(change):
    decoder = ScriptedDecoder()
    sched = DecodeScheduler(AsrConfig(), decode=packed_only(change, decoder=decoder), threads=0, clock=Clock())
    futures = [sched.submit(request(FINAL, [k, k + 1], utt=k)) for k in (1, 3, 5)]
    sched.drain()
    assert [f.result().text for f in futures] == ["w1 w2", "w3 w4", "w5 w6"]  # no stray word in another's
    stats = sched.stats()
    assert len(decoder.calls) == 3 and stats["windows"] == 3
    assert stats["refused"] == 2


# ====================================================================================================
# Moved from tests/test_asr_a28.py in session 35 (T1: tests by topic). Its docstring:
#
# Issue 11, session 33 helper A28: the pack hand-over switches as ``[asr]`` settings; the alignment the
# streaming-WER diagnosis (``scripts/bench_asr_wer_causes.py``) counts its errors with; the backlog beam only
# where few finals queue behind (``backlog_beam_max_queued``). Cheap: scripted decoders, no model.
# ====================================================================================================


def test_early_delivery_is_an_asr_setting_with_one_source(tmp_path):
    assert load_config().asr.early_delivery and AsrConfig().early_delivery
    path = tmp_path / "site.toml"
    path.write_text("[asr]\nearly_delivery = false\n")
    assert not load_config(path).asr.early_delivery
    # no second source left in the scheduler module
    assert not hasattr(scheduler_module, "EARLY_DELIVERY")


@pytest.mark.parametrize(
    "key",
    [
        "verify_by_neighbour",  # session 34 (A29): off by default, never better on both latency and words
        "pack_straddle_sound",  # session 45 (A39): off, mixed in the simulation, slower in the quiet coach serve run
        "pause_partial_s",  # session 46 (A40): off, more finals from partials, worse WER, no lower latency
        "pause_level",  # (pause_partial_s's threshold)
        "idle_partial_beam",  # session 46 (A40): off, no better WER on the tuning prompts, more CPU, no lower latency
        "provisional_idle_end_s",  # session 46 (A40): off, one call's committed words p95 2.85 -> 10.02 s (simulated)
        "agent_partial_every_s",  # session 46 (A40): off, the agents' words and the finals later (simulated)
        "turn_context_gap_s",  # session 46 (A40): off, the same texts on every set it was measured on
        "refused_repack",  # session 47 (A41): off, mixed on five sets, the held-out part's p95 2.08 -> 2.97 s
        "loaded_final_hold_s",  # session 47 (A41): off, almost never acts at 0.25 s, p95 +0.12 s at 0.5 s
        "cut_decode",  # session 47 (A41): off since 2026-12-01, a tie on tuning audio, worse with digit runs
        "cut_prompt",  # (cut_decode's prompt: still worse than no cut decode)
        "final_pauses_partials",  # session 47 (A41): off, through coach serve the p95 rose in both pairs (A39)
    ],
)
def test_a_removed_setting_is_gone_and_a_site_file_naming_it_fails_to_load(tmp_path, key):
    assert not hasattr(AsrConfig(), key)
    path = tmp_path / "site.toml"
    path.write_text(f"[asr]\n{key} = true\n")
    with pytest.raises(ConfigError, match=key):
        load_config(path)


def test_the_simulations_session_32_key_sets_the_setting():
    _, config, _, flags = variant("v:early=false,solo=1.4,cores=1.4")
    assert not config.early_delivery and flags == {"promote": True}
    _, config, _, _ = variant("w:early_delivery=false")
    assert not config.early_delivery


def test_the_causes_alignment_counts_substitutions_deletions_and_insertions():
    ref = ["so", "my", "fellow", "americans", "ask", "not"]
    hyp = ["so", "i", "fellow", "americans", "ask", "not", "now"]
    wrong, inserted, match = wrong_words(ref, hyp)
    assert wrong == [False, True, False, False, False, False]
    assert inserted == [5] and match[1] == 1
    wrong, inserted, match = wrong_words(ref, ["so", "fellow", "americans", "ask", "not"])
    assert wrong == [False, True, False, False, False, False] and match[1] is None and inserted == []
    assert align([], ["x"]) == [(None, 0)] and align(["x"], []) == [(0, None)]


def backlog_beams(max_queued: int) -> list[int]:
    """Five one-word finals backed up behind 2 s of queueing, two to a 5 s pack: each decode's beam."""
    config = AsrConfig(
        final_greedy_backlog_s=1.0,
        backlog_batch=False,
        backlog_beam_size=2,
        backlog_beam_max_queued=max_queued,
        pack_window_s=5.0,
        partial_pack_s=5.0,
    )
    decoder, clock = ScriptedDecoder(), Clock()
    sched = DecodeScheduler(config, decode=decoder, threads=0, clock=clock)
    futures = [sched.submit(request(FINAL, [k], utt=k)) for k in range(1, 6)]
    clock.t = 2.0
    sched.drain()
    assert [f.result().text for f in futures] == [f"w{k}" for k in range(1, 6)]  # each its own word
    return [beam for _, beam in decoder.calls]


def test_the_backlog_beam_goes_only_to_packs_with_at_most_backlog_beam_max_queued_finals_behind():
    assert backlog_beams(-1) == [2, 2, 2]  # whatever the queue (the setting off)
    assert backlog_beams(1) == [1, 2, 2]  # three behind the first pack: greedy; one, then none: the beam
    assert backlog_beams(0) == [1, 1, 2]
    with pytest.raises(ConfigError, match="backlog_beam_max_queued"):
        AsrConfig(backlog_beam_max_queued=-2)


def test_the_bench_calls_say_where_each_reference_turn_lies():
    clips = [
        Clip(f"c{k}", np.full(SAMPLE_RATE * (1 + k % 3), 0.1 * (k + 1), np.float32), f"text {k}") for k in range(5)
    ]
    call = build_call(clips, 2, 12.0)
    for lane in Lane:
        assert len(call.spans[lane]) == len(call.refs[lane]) > 0
        for (start, end), text in zip(call.spans[lane], call.refs[lane], strict=True):
            k = int(text.split()[1])
            assert np.allclose(call.lanes[lane][start:end], 0.1 * (k + 1)) and end - start == len(clips[k].pcm)


def pack_beams(pack_finals: int, n: int) -> list[int]:
    """``n`` one-word finals submitted at once (no wait, nothing behind the pack): each decode's beam."""
    config = AsrConfig(backlog_batch=False, backlog_beam_size=2, backlog_pack_finals=pack_finals)
    decoder = ScriptedDecoder()
    sched = DecodeScheduler(config, decode=decoder, threads=0, clock=Clock())
    futures = [sched.submit(request(FINAL, [k], utt=k)) for k in range(1, n + 1)]
    sched.drain()
    assert [f.result().text for f in futures] == [f"w{k}" for k in range(1, n + 1)]
    return [beam for _, beam in decoder.calls]


def test_a_pack_of_backlog_pack_finals_finals_is_a_backlog_pack_however_short_its_wait():
    assert pack_beams(0, 3) == [5]  # off: a fresh pack gets the finals' beam
    assert pack_beams(3, 3) == [2]  # three at once: the backlog's decode
    assert pack_beams(3, 2) == [5]
    with pytest.raises(ConfigError, match="backlog_pack_finals"):
        AsrConfig(backlog_pack_finals=-1)


# ====================================================================================================
# Moved from tests/test_asr_a29.py in session 35 (T1: tests by topic). Its docstring:
#
# Issue 11, session 34 helper A29: the scheduler's decode split out of ``_run`` (a failed pack, a pack of finals
# decoded as one batch, each final in its own short window, with the backlog beam), and the capacity simulation's
# CPU breakdown by kind of decode. Cheap: scripted decoders, no model.
# ====================================================================================================


def every_final_batched() -> AsrConfig:
    """The variant measured in session 34: every pack of finals a backlog pack (``backlog_pack_finals = 1``),
    so each final is decoded in its own window of its audio + 2 s (at least 10 s), with beam 5."""
    return AsrConfig(backlog_pack_finals=1, backlog_beam_size=5, backlog_batch=True, backlog_batch_rows=0)


def test_every_final_in_its_own_short_window_keeps_only_its_own_words():
    config = every_final_batched()
    decoder = ScriptedDecoder()
    batch = ScriptedBatch(decoder)
    sched = DecodeScheduler(config, decode=decoder, decode_batch=batch, threads=0, clock=Clock())
    lone = sched.submit(request(FINAL, [1] * 4))
    assert sched.step()  # alone: not a batch, but the backlog's short window and beam
    lanes = (Lane.AGENT, Lane.CUSTOMER)
    calls = [sched.submit(request(FINAL, [10 * k + 1, 10 * k + 2], lane=lanes[k % 2], utt=k)) for k in (1, 2, 3)]
    assert sched.step() and not sched.step()
    assert texts([lone, *calls]) == ["w1 w1 w1 w1", "w11 w12", "w21 w22", "w31 w32"]  # no word in another's
    assert decoder.calls[0][1] == 5 and len(batch.batches) == 1
    lengths, beam, frames = batch.batches[0]
    assert len(lengths) == 3 and beam == 5 and frames == 1000  # three finals, each in its own 10 s window
    assert sched.stats()["final_slots"] == 4 and sched.stats()["refused"] == 0


def test_a_failed_packed_decode_is_every_slots_error_and_counted_once_per_slot():
    def broken(pcm: np.ndarray, prompt: str | None, options: DecodeOptions) -> list[DecodedSegment]:
        raise RuntimeError("decoder crashed")

    sched = DecodeScheduler(AsrConfig(), decode=broken, threads=0, clock=Clock())
    futures = [sched.submit(request(FINAL, [k, k + 1], utt=k)) for k in (1, 3)]
    assert sched.step()
    assert all(isinstance(f.exception(), RuntimeError) for f in futures)
    stats = sched.stats()
    assert stats["errors"] == 2 and stats["refused"] == 0 and stats["windows"] == 1


def test_the_simulations_breakdown_charges_each_kind_of_decode_its_encoder_and_tokens():
    cost = CostModel(base=0.0, per_pass=1.0, per_token=0.01, per_token_beam=0.001)
    log = [(1.0, 100, 5), (0.3, 50, 1), (1.0, 10, 5), (2.0, 20, 1)]
    kinds = [(True, "pack"), (True, "batch of 2"), (True, "again alone"), (False, "pack")]
    lines = breakdown(log, kinds, cost, call_s=10.0)
    assert len(lines) == 4
    # the costliest first: 1 pass (0.1 CPU-s per call-s) + 100 tokens at beam 5 (0.14)
    assert "final   pack         beam 5" in lines[0] and "encoder 0.1000 + tokens 0.1400" in lines[0]
    assert "partial pack" in lines[1] and "0.2000 + tokens 0.0200" in lines[1]  # 2 passes, 20 greedy tokens
    assert any("final   batch" in line and "0.0300 + tokens 0.0500" in line for line in lines)
    assert COST.per_pass > 0  # the shipped model is the default


# ====================================================================================================
# Issue 11, session 36 (A31): ``[asr] refused_batch``: a packed window's refused finals decoded again together as
# one batch in the backlog's short windows (with the pack's beam) instead of one after the other, each alone in a
# padded 30 s window; a row the batch refuses is decoded alone as before. Scripted decoders, no model.
# ====================================================================================================


def rebatching(refuse: frozenset[str] = frozenset(), **settings):
    decoder = ScriptedDecoder()
    batch = ScriptedBatch(decoder, refuse=refuse)
    config = AsrConfig(refused_batch=True, **settings)
    decode = packed_only(smear, decoder=decoder)
    return DecodeScheduler(config, decode=decode, decode_batch=batch, threads=0, clock=Clock()), decoder, batch


def test_a_packs_refused_finals_are_decoded_again_as_one_batch_in_short_windows_each_with_only_its_words():
    sched, decoder, batch = rebatching()
    a, b, c = (sched.submit(request(FINAL, [k, k + 1], utt=k)) for k in (1, 3, 5))
    held: list = []
    assert sched.step(defer=held.append)
    assert len(held) == 2  # the trusted final, then the two refused ones together once their batch is done
    held[0]()
    assert a.done() and not b.done() and not c.done()
    held[1]()
    assert [f.result().text for f in (a, b, c)] == ["w1 w2", "w3 w4", "w5 w6"]  # the stray word in none
    assert len(decoder.calls) == 1 + 2  # the pack's window, then the batch's two rows; no decode alone
    ((lengths, beam, frames),) = batch.batches
    assert lengths == [len(request(FINAL, [k, k + 1]).pcm) for k in (3, 5)]
    assert beam == AsrConfig().final_beam_size and frames == 1000  # the pack's beam, the backlog's 10 s window
    stats = sched.stats()
    assert stats["refused"] == 2 and stats["windows"] == 2  # the pack and the batch


def test_a_row_the_batch_refuses_in_turn_is_decoded_alone():
    sched, decoder, batch = rebatching(refuse=frozenset({"w5"}))
    futures = [sched.submit(request(FINAL, [k, k + 1], utt=k)) for k in (1, 3, 5)]
    held: list = []
    assert sched.step(defer=held.append)
    assert len(held) == 3  # the trusted final; the batch's good row; the one decoded alone
    for publish in held:
        publish()
    assert [f.result().text for f in futures] == ["w1 w2", "w3 w4", "w5 w6"]
    assert len(batch.batches) == 1 and decoder.calls[-1][0] == len(request(FINAL, [5, 6]).pcm)
    assert sched.stats()["windows"] == 3


def test_a_backlog_batchs_refused_row_is_not_batched_again():
    decoder = ScriptedDecoder()
    batch = ScriptedBatch(decoder, refuse=frozenset({"w3"}))
    config = AsrConfig(final_greedy_backlog_s=1.0, refused_batch=True, backlog_batch_rows=0)
    assert backlog(config, batch, decoder) == [" ".join([f"w{k}"] * n) for k, n in ((1, 4), (2, 4), (3, 5), (4, 6))]
    assert len(batch.batches) == 1  # its short window stopped early: alone in the full window, as before


def test_refused_batch_is_an_off_by_default_asr_setting_and_needs_a_batch_decoder(tmp_path):
    assert not AsrConfig().refused_batch and not load_config().asr.refused_batch
    path = tmp_path / "site.toml"
    path.write_text("[asr]\nrefused_batch = true\n")
    assert load_config(path).asr.refused_batch
    decoder = ScriptedDecoder()
    sched = DecodeScheduler(AsrConfig(refused_batch=True), decode=packed_only(smear, decoder=decoder), threads=0)
    futures = [sched.submit(request(FINAL, [k, k + 1], utt=k)) for k in (1, 3, 5)]
    sched.drain()
    assert [f.result().text for f in futures] == ["w1 w2", "w3 w4", "w5 w6"]
    assert len(decoder.calls) == 3  # no batch decoder: each refused final alone, as before


# ``[asr] loaded_partials`` (session 36, A31): false, no partial is decoded while at least ``loaded_calls`` calls are
# attached (at 16 calls partials took 6-27 % of the simulated decoder and committed 0-1 % of the words); false by
# default since session 51 (with ``loaded_final_encoder_window_s`` 15: docs/benchmarks.md, "Capacity re-measured at
# the end of session 51").


def test_without_loaded_partials_no_partial_is_decoded_under_load_and_a_stale_one_is_shed():
    clock = Clock()
    decoder = ScriptedDecoder()
    sched = DecodeScheduler(AsrConfig(loaded_partials=False, loaded_calls=2), decode=decoder, threads=0, clock=clock)
    for _ in range(2):
        sched.attach()
    partial = sched.submit(request(PARTIAL, [1, 2]))
    assert not sched.step() and not partial.done() and decoder.calls == []  # held back, not decoded
    final = sched.submit(request(FINAL, [3, 4], lane=Lane.CUSTOMER, utt=2))
    clock.t = 2.0  # the partial is stale by now
    sched.drain()
    assert final.result().text == "w3 w4" and partial.result() is SHED
    assert len(decoder.calls) == 1  # the final alone


def test_without_loaded_partials_a_held_partial_is_still_promoted_and_fewer_calls_keep_their_partials():
    clock = Clock()
    sched = DecodeScheduler(
        AsrConfig(loaded_partials=False, loaded_calls=2), decode=ScriptedDecoder(), threads=0, clock=clock
    )
    sched.attach()
    sched.attach()
    req = request(PARTIAL, [1, 2])
    held = sched.submit(req)
    assert not sched.step() and sched.promote(req)  # its turn ended: decoded as the turn's final
    sched.drain()
    assert held.result().text == "w1 w2"
    sched.detach()  # one call left: partials again
    light = sched.submit(request(PARTIAL, [5, 6], utt=3))
    assert sched.step() and light.result().text == "w5 w6"
    assert not AsrConfig().loaded_partials and not load_config().asr.loaded_partials  # off by default (session 51)


# ====================================================================================================
# ``[asr] agent_finals_first`` (off): a pack of finals takes the agent lanes' queued finals before the customers'
# (issue 11, committed words for the language rules sooner under load; docs/asr.md, "Session 37 (2026-12-05),
# helper A32"). Each lane keeps its own order, every final keeps only its own words, none is lost.
# ====================================================================================================


def lane_first_packs(agent_first: bool) -> tuple[list[list[int]], list[str]]:
    """Two customers' finals queued before two agents', two finals to a window: the finals (1-4) each pack
    handed over, and each final's text."""
    config = AsrConfig(
        pack_window_s=6.0, partial_pack_s=5.0, agent_finals_first=agent_first, final_greedy_backlog_s=0.0
    )
    sched = DecodeScheduler(config, decode=ScriptedDecoder(), threads=0, clock=Clock())
    lanes = [Lane.CUSTOMER, Lane.CUSTOMER, Lane.AGENT, Lane.AGENT]
    futures = [
        sched.submit(request(FINAL, [10 + k, 20 + k, 0], lane=lane, utt=k)) for k, lane in enumerate(lanes, start=1)
    ]
    packs: list[list[int]] = []
    while sched.step():
        packs.append([k for k, f in enumerate(futures, start=1) if f.done() and k not in sum(packs, [])])
    return packs, texts(futures)


def test_agent_finals_first_puts_the_agents_finals_in_the_first_pack_and_each_keeps_its_own_words():
    packs, finals_ = lane_first_packs(agent_first=True)
    assert packs == [[3, 4], [1, 2]]  # the agents', then the customers'
    assert finals_ == ["w11 w21", "w12 w22", "w13 w23", "w14 w24"]  # every final, only its own words
    packs, finals_ = lane_first_packs(agent_first=False)
    assert packs == [[1, 2], [3, 4]]  # oldest first, whatever the lane
    assert finals_ == ["w11 w21", "w12 w22", "w13 w23", "w14 w24"]


def test_agent_finals_first_is_an_off_by_default_asr_setting(tmp_path):
    assert not AsrConfig().agent_finals_first and not load_config().asr.agent_finals_first
    path = tmp_path / "site.toml"
    path.write_text("[asr]\nagent_finals_first = true\n")
    assert load_config(path).asr.agent_finals_first
    assert variant("af:agent_finals_first=true")[1].agent_finals_first  # the simulation's variant key


# ---- session 47 (A41): the bench's processes by CPU; the lean client -------------------------------------------


def test_the_sampler_shares_each_groups_cpu_over_a_span_and_over_the_part_of_it_given_intervals_cover():
    assert covered(0.0, 1.0, [(0.5, 2.0), (-1.0, 0.25), (0.6, 0.7)]) == pytest.approx(0.75)  # overlaps once
    sampler = ProcSampler(lambda: {}, lambda *_: "")
    sampler.samples = [  # (seconds on a core, waiting, times put on a core), cumulative per (group, tid)
        Sample(0.0, {("decoder", 1): (0.0, 0.0, 0), ("client", 2): (0.0, 0.0, 0)}),
        Sample(1.0, {("decoder", 1): (0.9, 0.1, 10), ("client", 2): (0.1, 0.0, 800)}),
        Sample(2.0, {("decoder", 1): (1.2, 0.8, 20), ("client", 2): (0.2, 0.0, 1600), ("client", 3): (0.3, 0.0, 5)}),
    ]
    whole = sampler.cores(0.0, 2.0)
    assert whole.seconds == 2.0 and whole.groups["decoder"] == pytest.approx((0.6, 0.4, 10.0))
    assert whole.groups["client"] == pytest.approx((0.25, 0.0, 802.5))  # a thread first seen later counts from 0
    decoding = sampler.cores(0.0, 2.0, [(0.0, 0.5), (1.5, 2.5)])  # half of each second
    assert decoding.seconds == pytest.approx(1.0) and decoding.groups["decoder"][0] == pytest.approx(0.6)
    assert sampler.cores(0.5, 2.0).groups["decoder"][0] == pytest.approx(0.3)  # only the intervals inside


def test_the_lean_client_sends_every_calls_pre_encoded_messages_once_in_order_each_on_its_phase():
    pcm = np.arange(2 * STEP + 40, dtype=np.float32) / 1e4
    messages = encode_call({Lane.AGENT: pcm, Lane.CUSTOMER: -pcm})
    assert [len(m) for m in messages] == [1 + 4 * STEP, 1 + 4 * STEP, 1 + 4 * 40]  # stereo int16, the last short
    positions = {lane: 0 for lane in Lane}
    chunks = [c for m in messages for c in wire_decode(m, positions)]
    assert np.allclose(np.concatenate([c.pcm for c in chunks if c.lane is Lane.AGENT]), pcm, atol=1e-4)

    class Socket:
        def __init__(self, log: list, name: str) -> None:
            self.log, self.name = log, name

        async def send(self, message: bytes) -> None:
            self.log.append((self.name, message))

    async def two_calls() -> tuple[list, list[float]]:
        loop = asyncio.get_running_loop()
        log: list = []
        clock = SendClock(loop.time(), phases=2)
        sender = asyncio.create_task(clock.run(2))
        calls = []
        for name in ("a", "b"):
            call = _Live(Socket(log, name), [name.encode() + bytes([k]) for k in range(3)], 0.0)
            call.origin = clock.origin(clock.grid0 + 0.001)  # both asked in the grid's first step
            clock.add(call)
            calls.append(call)
        await sender
        return log, [c.origin - clock.grid0 for c in calls]

    log, origins = asyncio.run(two_calls())
    assert [m for name, m in log if name == "a"] == [b"a\x00", b"a\x01", b"a\x02"]  # each once, in order
    assert [m for name, m in log if name == "b"] == [b"b\x00", b"b\x01", b"b\x02"]
    assert origins[1] - origins[0] == pytest.approx(0.01)  # the second call half a step later


def test_the_benchs_spinners_run_at_sched_idle_and_are_gone_once_stopped():
    (spinner,) = bench_capacity.keep_awake(1)
    try:
        deadline = time.monotonic() + 30.0  # a failsafe only: the child sets its policy first thing
        while os.sched_getscheduler(spinner.pid) != os.SCHED_IDLE and time.monotonic() < deadline:
            time.sleep(0.01)
        assert os.sched_getscheduler(spinner.pid) == os.SCHED_IDLE and spinner.poll() is None
    finally:
        bench_capacity.stop_spinners([spinner])
    assert spinner.returncode is not None


def test_the_capacity_benches_give_each_lanes_final_latency():
    call = LabelledCall({lane: np.zeros(10) for lane in Lane}, {Lane.AGENT: ["a b"], Lane.CUSTOMER: ["c d"]}, 4.0)
    words = [{"end": 1.0}, {"end": 2.0}]
    final = {"type": "transcript", "final": True, "words": words}
    events = [
        (2.5, final | {"speaker": "agent", "text": "a b", "end": 2.0, "utt": "1"}),
        (5.0, final | {"speaker": "customer", "text": "c d", "end": 3.0, "utt": "2"}),
    ]
    scored = score_transcripts([call], [events], seconds=10.0)
    assert (scored["agent_p50"], scored["customer_p50"]) == (0.5, 2.0) and scored["wer"] == 0.0


# ---- session 39 (A34): how many finals a backlog pack decoded -----------------------------------------------
# At 16 calls the finals' WER follows the share of finals decoded greedily in backlog packs (docs/asr.md, "Session
# 39 (2026-12-05), helper A34"); the scheduler counts them so a capacity run's WER can be read beside that share.


def test_the_scheduler_counts_the_finals_a_backlog_pack_decoded_not_only_the_packs():
    config = AsrConfig(final_greedy_backlog_s=1.0, backlog_batch=True)
    clock, decoder = Clock(), ScriptedDecoder()
    sched = DecodeScheduler(config, decode=decoder, decode_batch=ScriptedBatch(decoder), threads=0, clock=clock)
    sched.submit(request(FINAL, [1] * 4))
    assert sched.step()  # alone and fresh: not a backlog pack
    assert (sched.stats()["greedy_final_packs"], sched.stats()["greedy_final_slots"]) == (0, 0)
    for k in (2, 3, 4):
        sched.submit(request(FINAL, [k] * 4, utt=k))
    clock.t = 1.5  # the three waited past final_greedy_backlog_s: one backlog pack of three finals
    assert sched.step() and not sched.step()
    stats = sched.stats()
    assert (stats["greedy_final_packs"], stats["greedy_final_slots"], stats["final_slots"]) == (1, 3, 4)
    assert greedy_share([stats, stats]) == "finals decoded in backlog packs 6 of 8"  # every scheduler summed
    assert greedy_share(None) == "no scheduler"


# ---- session 40 (A35): which finals make the scheduler's tail, and why ---------------------------------------
# The capacity bench reads the scheduler's tail through coach serve (/api/health): of the finals whose wait plus
# decode is at least the p90, the mean wait and decode and how they were decoded (docs/asr.md, "Session 40").


def taking(clock: Clock, seconds: float, decode):
    """``decode`` that takes ``seconds`` of the injected clock (the decode time the scheduler reads)."""

    def timed(*args, **kwargs):
        clock.t += seconds
        return decode(*args, **kwargs)

    return timed


def test_the_tail_says_the_backed_up_finals_waited_and_how_they_were_decoded():
    config = AsrConfig(final_greedy_backlog_s=1.0, backlog_batch=True, backlog_batch_rows=0)  # one batch
    clock, decoder = Clock(), ScriptedDecoder()
    batch = taking(clock, 0.3, ScriptedBatch(decoder))
    sched = DecodeScheduler(config, decode=taking(clock, 0.5, decoder), decode_batch=batch, threads=0, clock=clock)
    assert sched.stats()["final_tail"] is None  # no final yet
    sched.submit(request(FINAL, [1] * 4))
    assert sched.step()  # taken at 0, decoded alone with the finals' beam until 0.5
    lanes = (Lane.AGENT, Lane.CUSTOMER, Lane.CUSTOMER)
    for k, lane in zip((2, 3, 4), lanes, strict=True):
        sched.submit(request(FINAL, [k] * 4, lane=lane, utt=k))  # queued at 0.5
    clock.t = 2.0  # taken 1.5 s later as one greedy backlog batch, decoded until 2.3
    assert sched.step() and not sched.step()
    tail = sched.stats()["final_tail"]
    assert tail == {
        "finals": 3,
        "agent": 1,
        "cut_s": 1.8,
        "wait_s": 1.5,
        "decode_s": 0.3,
        "how": {"batch greedy": 3},
    }
    assert tail_line([sched.stats()]) == (
        "scheduler tail (wait + decode >= p90): 3 finals (agent 1) at or above 1.80 s:"
        " wait 1.50 + decode 0.30 s; decoded as batch greedy 3"
    )
    assert tail_line(None) == "scheduler tail (wait + decode >= p90): none"


def test_a_refused_final_in_the_tail_is_told_apart_and_counts_its_decode_again():
    clock, inner = Clock(), ScriptedDecoder()
    decode = taking(clock, 0.4, packed_only(smear, decoder=inner))
    sched = DecodeScheduler(AsrConfig(), decode=decode, threads=0, clock=clock)
    futures = [sched.submit(request(FINAL, [k, k + 1], utt=k)) for k in (1, 3, 5)]
    held: list = []
    assert sched.step(defer=held.append)
    for publish in held:
        publish()
    assert [f.result().text for f in futures] == ["w1 w2", "w3 w4", "w5 w6"]
    # the pack (0.4 s; the first final handed over then), then each refused final alone (0.4 s each)
    tail = scheduler_module.final_tail(sched._stats.final_timings, q=50)
    assert tail is not None and tail["how"] == {"pack beam 5, again": 2} and tail["finals"] == 2
    assert tail["wait_s"] == 0.0 and tail["decode_s"] == pytest.approx(1.0)  # 0.8 and 1.2 s
    whole = scheduler_module.final_tail(sched._stats.final_timings, q=0)
    assert whole is not None and whole["how"] == {"pack beam 5, again": 2, "pack beam 5": 1}


def test_the_shape_names_the_decode_and_its_beam():
    assert scheduler_module.final_shape(1, 5, batch=False) == "alone beam 5"
    assert scheduler_module.final_shape(3, 5, batch=False) == "pack beam 5"
    assert scheduler_module.final_shape(3, 1, batch=True) == "batch greedy"
    assert scheduler_module.final_shape(2, 2, batch=True) == "batch beam 2"


# ``[asr] backlog_batch_rows`` (0: off): a backlog batch of more finals than that is decoded in parts, oldest first,
# each part's finals handed over once it is decoded; every final keeps only its own words.


def backed_up_in_parts(rows: int | None, n: int = 5):
    """``n`` finals (lanes alternating) that back up behind a fresh one and leave as one backlog pack; each batch
    call takes 0.3 s of the injected clock (``rows`` None: the default ``backlog_batch_rows``). The futures, the
    batches' lengths, the hand-overs, the stats."""
    rows_set = {} if rows is None else {"backlog_batch_rows": rows}
    config = AsrConfig(final_greedy_backlog_s=1.0, backlog_batch=True, **rows_set)
    clock, decoder = Clock(), ScriptedDecoder()
    batch = ScriptedBatch(decoder)
    sched = DecodeScheduler(config, decode=decoder, decode_batch=taking(clock, 0.3, batch), threads=0, clock=clock)
    sched.submit(request(FINAL, [1] * 4))
    assert sched.step()  # fresh, alone: not a batch
    lanes = (Lane.AGENT, Lane.CUSTOMER)
    futures = [sched.submit(request(FINAL, [k] * 3, lane=lanes[k % 2], utt=k)) for k in range(2, 2 + n)]
    clock.t = 1.5
    held: list = []
    assert sched.step(defer=held.append) and not sched.step()
    return futures, [len(lengths) for lengths, _, _ in batch.batches], held, sched


def test_a_backlog_batch_is_decoded_in_parts_oldest_first_and_each_part_handed_over_once_decoded():
    futures, batches, held, sched = backed_up_in_parts(rows=2)
    assert batches == [1, 2, 2]  # five rows in parts of at most two, the smaller first
    assert len(held) == 3 and not any(f.done() for f in futures)
    held[0]()
    assert futures[0].done() and not futures[1].done()  # the oldest final, after the first part only
    held[1]()
    assert all(f.done() for f in futures[:3]) and not futures[3].done()
    held[2]()
    assert [f.result().text for f in futures] == [" ".join([f"w{k}"] * 3) for k in range(2, 7)]
    stats = sched.stats()
    assert (stats["windows"], stats["final_slots"], stats["greedy_final_slots"]) == (4, 6, 5)
    decodes = sorted(round(t.decode_s, 3) for t in sched._stats.final_timings if t.how == "batch greedy")
    assert decodes == [0.3, 0.6, 0.6, 0.9, 0.9]  # each final's decode ends with its own part


def test_a_batch_no_larger_than_the_rows_or_off_stays_one_batch_and_the_default_is_parts_of_two(tmp_path):
    for rows in (0, 5):
        futures, batches, held, _ = backed_up_in_parts(rows=rows)
        assert batches == [5] and len(held) == 1
        held[0]()
        assert [f.result().text for f in futures] == [" ".join([f"w{k}"] * 3) for k in range(2, 7)]
    # on by default since session 42 (A36): two rows, in the dataclass and the shipped TOML alike
    assert AsrConfig().backlog_batch_rows == 2 and load_config().asr.backlog_batch_rows == 2
    futures, batches, held, _ = backed_up_in_parts(rows=None)  # five backed-up finals with the defaults
    assert batches == [1, 2, 2] and len(held) == 3  # three parts of at most two rows, the smaller first
    for hand_over in held:
        hand_over()
    assert [f.result().text for f in futures] == [" ".join([f"w{k}"] * 3) for k in range(2, 7)]
    path = tmp_path / "site.toml"
    path.write_text("[asr]\nbacklog_batch_rows = 3\n")
    assert load_config(path).asr.backlog_batch_rows == 3
    with pytest.raises(ConfigError, match="backlog_batch_rows"):
        AsrConfig(backlog_batch_rows=-1)
    _, config, _, _ = variant("r2:backlog_batch_rows=2")  # a simulation variant key
    assert config.backlog_batch_rows == 2


def test_a_batchs_parts_are_in_order_at_most_the_rows_and_as_even_as_they_go():
    parts = scheduler_module.batch_parts
    assert (
        parts(5, 2) == [[0], [1, 2], [3, 4]]
        and parts(4, 3) == [[0, 1], [2, 3]]
        and parts(7, 3) == [[0, 1], [2, 3], [4, 5, 6]]
    )
    assert parts(3, 3) == parts(3, 0) == [[0, 1, 2]]  # no larger than the rows, or off: one batch


# ---- session 45 (A39): each final's latency split through the server's own scheduler timeline ---------------
# With the profiling flag (COACH_ASR_PROFILE_DIR) the scheduler writes when each final was queued, taken and
# handed over and what each decode was (coach.asr.timeline); bench_capacity.py joins that with the events the
# agent pages received (final_parts), so a quiet `coach serve` run says which share of the p95 is which.


def test_the_timeline_says_what_a_final_waited_behind_and_the_bench_splits_its_latency(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_ASR_PROFILE_DIR", str(tmp_path))
    clock, decoder = Clock(), ScriptedDecoder()
    final = request(FINAL, [3, 4], lane=Lane.CUSTOMER, utt=7)
    sched: DecodeScheduler

    def decode(pcm, prompt, options):  # the partial's decode runs 0 -> 0.5; the final arrives at 0.2
        if options.beam_size == 1:
            clock.t += 0.2
            sched.submit(final)
            clock.t += 0.3
        else:
            clock.t += 0.4
        return decoder(pcm, prompt, options)

    sched = DecodeScheduler(AsrConfig(), decode=decode, threads=0, clock=clock)
    sched.submit(request(PARTIAL, [1, 2]))
    assert sched.step() and sched.step() and not sched.step()
    finals, decodes = read(tmp_path)
    assert [(d["what"], d["s"], d["e"], d["slots"]) for d in decodes] == [
        ("partials", 0.0, 0.5, 1),
        ("finals", 0.5, pytest.approx(0.9), 1),
    ]
    (f,) = finals
    assert (f["lane"], f["utt"], f["q"], f["t"], f["how"]) == ("customer", 7, 0.2, 0.5, "alone beam 5")
    assert f["end_s"] == len(final.pcm) / SAMPLE_RATE and f["d"] == pytest.approx(0.9)
    assert behind(0.0, 2.0, decodes) == pytest.approx({"finals": 0.4, "backlog": 0.0, "partials": 0.5, "idle": 1.1})
    beside = decodes + [{"what": "partials", "s": 0.6, "e": 1.2, "slots": 1}]  # a partials' decoder of its own
    assert behind(0.0, 2.0, beside) == pytest.approx({"finals": 0.4, "backlog": 0.0, "partials": 0.8, "idle": 0.8})
    # the page: the call's sample 0 played at clock -1.0; its speech ended 0.15 s before the final was queued;
    # the analysis emitted the event 0.1 s after the hand-over, the page received it 0.05 s later
    start = f["q"] - 0.15 - f["end_s"]
    at = f["d"] + 0.15 - start
    event = {"type": "transcript", "final": True, "speaker": "customer", "utt": "customer-7", "end": f["end_s"]}
    event |= {RECEIVED: at + 100.0, EMITTED: at + 100.0 - 0.05}  # on another clock: only their difference counts
    timed = [[(at, event), (at, event | {"final": False})]]
    parts = final_parts(timed, [start], finals, decodes, seconds=30.0)
    assert parts["finals"] == 1 and parts["missing"] == 0 and parts["tail_how"] == {"alone beam 5": 1}
    expected = [0.15, 0.0, 0.0, 0.3, 0.0, 0.4, 0.1, 0.05]
    assert [parts["tail"][p] for p in PARTS] == pytest.approx(expected)
    assert parts["tail_latency_s"] == pytest.approx(sum(expected))
    other = final_parts([[(at, event | {"utt": "customer-8"})]], [start], finals, decodes, seconds=30.0)
    assert other == {"finals": 0, "missing": 1}  # no decode of that piece: a final taken from a partial


def test_without_the_profiling_flag_the_scheduler_writes_no_timeline(tmp_path, monkeypatch):
    monkeypatch.delenv("COACH_ASR_PROFILE_DIR", raising=False)
    sched = DecodeScheduler(AsrConfig(), decode=ScriptedDecoder(), threads=0, clock=Clock())
    sched.submit(request(FINAL, [1, 2]))
    assert sched.step() and sched._timeline is None


def test_the_bench_stops_a_server_that_ignores_sigterm_and_kills_the_children_it_leaves():
    """Session 45: a server that took over 30 s to stop on a loaded machine crashed bench_capacity (the wait
    raised and the run's figures were lost). Server.stop now kills after its grace, kills the children the
    server leaves behind, and returns instead of raising."""
    import subprocess
    import time

    proc = subprocess.Popen(["sh", "-c", 'trap "" TERM; sleep 60 & sleep 60'], text=True)
    failsafe = time.monotonic() + 30.0  # waits below end on their condition; the failsafe only stops a hang
    while len(bench_capacity._children(proc.pid)) < 2 and time.monotonic() < failsafe:
        time.sleep(0.02)  # the shell starts its two children (on a busy machine, not within a fixed time)
    children = bench_capacity._children(proc.pid)
    assert len(children) == 2
    took = Server(proc, "http://127.0.0.1:0").stop(grace_s=0.3, child_grace_s=0.2)
    assert proc.returncode == -9  # SIGTERM ignored, so killed
    assert 0.3 <= took < 30.0  # its grace waited, and killed well before the shell's own 60 s end
    while any(bench_capacity._alive(pid) for pid in children) and time.monotonic() < failsafe + 30.0:
        time.sleep(0.05)
    assert not any(bench_capacity._alive(pid) for pid in children)
