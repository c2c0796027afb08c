"""The process-wide decode scheduler: finals first, partials shed first, several utterances (of
several calls) packed into one window and split back, and a word never given to another utterance.

Scheduling is tested with a scripted decoder on a scheduler without threads (``step`` decodes one
pack on the test's thread, the clock is injected). The packing itself is tested adversarially with
the real tiny.en model on real speech from different "calls"."""

from __future__ import annotations

import dataclasses
import os
import signal
import time
from pathlib import Path

import numpy as np
import pytest

from coach.asr.config import AsrConfig
from coach.asr.decodeproc import KEEP_HEAP_ENV, DecodeProcessError, DecodeProcesses
from coach.asr.engine import DecodedSegment, DecodedWord, DecodeOptions, get_engine
from coach.asr.packing import pack
from coach.asr.replay import finals
from coach.asr.scheduler import SHED, DecodeScheduler
from coach.asr.stage import TranscriptionStage
from coach.asr.stream import FINAL, PARTIAL, DecodeRequest
from coach.asr.textnorm import normalize, wer
from coach.errors import ConfigError
from coach.types import SAMPLE_RATE, AudioChunk, Lane
from tests.scripted_words import BLOCK, read_id, scripted_audio
from training.asr_corpus import asterisk, jfk


class ScriptedDecoder:
    """One word per non-silent 0.5 s block, read back from the samples (one segment per decode);
    records every decode's length and beam."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def __call__(self, pcm: np.ndarray, prompt: str | None, options: DecodeOptions) -> list[DecodedSegment]:
        self.calls.append((len(pcm), options.beam_size))
        words = []
        for i in range(0, len(pcm) - BLOCK // 2, BLOCK // 2):
            wid = read_id(pcm, i)
            if wid and (not words or words[-1][0] != wid or i - words[-1][1] >= BLOCK):
                words.append([wid, i, i + BLOCK // 2])
            elif wid:
                words[-1][2] = i + BLOCK // 2
        dws = tuple(DecodedWord(s / SAMPLE_RATE, e / SAMPLE_RATE, f" w{wid}", 0.9) for wid, s, e in words)
        if not dws:
            return []
        text = "".join(w.word for w in dws)
        return [DecodedSegment(dws[0].start, dws[-1].end, text, dws, -0.2, 0.01, len(dws))]


def request(kind: str, ids: list[int], lane: Lane = Lane.AGENT, utt: int = 1) -> DecodeRequest:
    pcm = scripted_audio(ids)
    return DecodeRequest(lane, kind, utt, 0, pcm, 0, len(pcm), 1.0, len(pcm))


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


def texts(futures) -> list[str]:
    return [f.result().text for f in futures]


def test_finals_go_first_packed_into_one_beam_decode_and_each_gets_only_its_words():
    decoder = ScriptedDecoder()
    sched = DecodeScheduler(AsrConfig(), decode=decoder, threads=0, clock=Clock())
    partial = sched.submit(request(PARTIAL, [7, 7]))
    finals_ = [sched.submit(request(FINAL, [10 * k + 1, 10 * k + 2, 0], lane=Lane.CUSTOMER)) for k in range(1, 4)]
    assert sched.step()
    assert all(f.done() for f in finals_) and not partial.done()
    assert decoder.calls[0][1] == AsrConfig().final_beam_size  # one packed beam decode for the three finals
    assert texts(finals_) == ["w11 w12", "w21 w22", "w31 w32"]
    for f in finals_:  # word times are relative to the utterance's own audio
        assert [w.start for w in f.result().words] == [0.0, 0.5]
    assert sched.step() and partial.result().text == "w7 w7" and decoder.calls[1][1] == 1
    assert not sched.step()
    stats = sched.stats()
    assert stats["windows"] == 2 and stats["final_slots"] == 3 and stats["partial_slots"] == 1
    assert stats["queued_finals"] == stats["queued_partials"] == 0


@pytest.mark.parametrize("keep", [False, True])
def test_a_packed_final_after_the_first_leaves_its_pre_roll_out_and_its_words_keep_their_times(keep):
    decoder = ScriptedDecoder()
    config = AsrConfig(pack_pre_roll=keep, pack_gap_s=0.5, pack_window_s=5.0, partial_pack_s=5.0)
    sched = DecodeScheduler(config, decode=decoder, threads=0, clock=Clock())
    reqs = []
    for k in range(1, 4):  # one block of quiet (the edge pre-roll) before each turn's two words: 1.5 s
        req = request(FINAL, [0, 10 * k + 1, 10 * k + 2], lane=Lane.CUSTOMER, utt=k)
        reqs.append(dataclasses.replace(req, words_from=req.start + BLOCK))
    futures = [sched.submit(r) for r in reqs]
    sched.drain()
    gap = BLOCK  # 0.5 s
    if keep:  # 1.5 + 0.5 + 1.5 + 0.5 + 1.5 s is more than the window: two slots, then one alone
        assert [n for n, _ in decoder.calls] == [2 * 3 * BLOCK + gap, 3 * BLOCK]
    else:  # the first slot keeps its pre-roll (the window starts out of quiet), the others leave it out
        assert [n for n, _ in decoder.calls] == [3 * BLOCK + 2 * (gap + 2 * BLOCK)]
    assert texts(futures) == ["w11 w12", "w21 w22", "w31 w32"]
    for f in futures:  # word times and duration count from each request's own audio, pre-roll included
        assert [w.start for w in f.result().words] == [0.5, 1.0]
        assert f.result().duration_s == 1.5


def test_a_partial_that_waited_too_long_while_finals_wait_is_shed_but_a_final_never_is():
    clock = Clock()
    sched = DecodeScheduler(AsrConfig(partial_max_wait_s=1.0), decode=ScriptedDecoder(), threads=0, clock=clock)
    patient = sched.submit(request(PARTIAL, [5, 6]))
    clock.t = 3.0
    assert sched.step() and patient.result().text == "w5 w6"  # no final waiting: decoded however late
    partial = sched.submit(request(PARTIAL, [1, 2]))
    final = sched.submit(request(FINAL, [3, 4]))
    assert sched.stats()["queued_partials"] == 1
    clock.t = 5.0
    sched.drain()
    assert partial.result() is SHED and final.result().text == "w3 w4"
    assert sched.stats()["shed"] == 1 and sched.stats()["final_wait_max_s"] == 2.0


def test_a_final_never_waits_behind_partials_while_a_worker_is_kept_for_finals():
    """Two workers, at most one decoding partials: while a pack of partials is being decoded, another
    lane's partial waits but a final starts at once; the partial goes once the pack came back."""
    sched = DecodeScheduler(AsrConfig(workers=2, partial_workers=1), decode=ScriptedDecoder(), threads=0, clock=Clock())
    in_flight: list = []
    first = sched.submit(request(PARTIAL, [1, 2], lane=Lane.AGENT))
    assert sched.step(defer=in_flight.append)  # the partial pack is being decoded (results held back)
    second = sched.submit(request(PARTIAL, [3, 4], lane=Lane.CUSTOMER))
    assert not sched.step(defer=in_flight.append)  # no second worker for partials
    final = sched.submit(request(FINAL, [5, 6], lane=Lane.CUSTOMER))
    assert sched.step(defer=in_flight.append)  # the final takes the worker kept for it
    assert not second.done() and not first.done()
    for publish in in_flight:
        publish()
    assert first.result().text == "w1 w2" and final.result().text == "w5 w6"
    assert sched.step() and second.result().text == "w3 w4"


def test_a_pack_of_partials_takes_the_agents_first_but_sheds_the_oldest_first():
    clock = Clock()
    config = AsrConfig(partial_pack_s=5.0)  # one 3 s partial per pack
    sched = DecodeScheduler(config, decode=ScriptedDecoder(), threads=0, clock=clock)
    customer = sched.submit(request(PARTIAL, [1] * 6, lane=Lane.CUSTOMER))
    agent = sched.submit(request(PARTIAL, [2] * 6, lane=Lane.AGENT))
    assert sched.step() and agent.done() and not customer.done()
    assert sched.step() and customer.result() is not SHED
    old_customer = sched.submit(request(PARTIAL, [3] * 6, lane=Lane.CUSTOMER))
    clock.t = 2.0
    new_agent = sched.submit(request(PARTIAL, [4] * 6, lane=Lane.AGENT))
    final = sched.submit(request(FINAL, [5, 6]))
    assert sched.step() and final.result().text == "w5 w6"  # the customer's partial waited 2 s: shed
    assert old_customer.result() is SHED and not new_agent.done()


def test_a_customers_partial_waits_for_a_pause_of_the_finals_and_is_shed_when_stale():
    """``customer_partial_gap_s``: while finals keep coming the customer's partial is not decoded (the
    agent's is); after the pause it is; held back past ``partial_max_wait_s`` it is shed unseen."""
    clock = Clock()
    config = AsrConfig(customer_partial_gap_s=1.0, partial_max_wait_s=1.0)
    sched = DecodeScheduler(config, decode=ScriptedDecoder(), threads=0, clock=clock)
    final = sched.submit(request(FINAL, [1, 2], lane=Lane.AGENT, utt=1))
    customer = sched.submit(request(PARTIAL, [3, 4], lane=Lane.CUSTOMER, utt=2))
    agent = sched.submit(request(PARTIAL, [5, 6], lane=Lane.AGENT, utt=3))
    assert sched.step() and final.result().text == "w1 w2"
    clock.t = 0.4
    assert sched.step() and agent.result().text == "w5 w6"  # the agent's lane has no gap
    assert not sched.step() and not customer.done()  # 0.4 s after a final: held back
    assert sched._until_partial_free() == pytest.approx(0.6)  # a worker thread would wake then
    clock.t = 1.0
    assert sched.step() and customer.result().text == "w3 w4"  # the pause came
    fresh = sched.submit(request(PARTIAL, [7, 8], lane=Lane.CUSTOMER, utt=2))
    clock.t = 1.5
    sched.submit(request(FINAL, [9], lane=Lane.AGENT, utt=4))
    assert sched.step() and not fresh.done()
    clock.t = 1.9  # held back again (a final came at 1.5), waited 0.9 s: kept
    assert not sched.step() and not fresh.done()
    clock.t = 2.1  # still held back and waited 1.1 s: shed unseen, its lane asks again with newer audio
    assert not sched.step() and fresh.result() is SHED
    assert sched.stats()["shed"] == 1 and sched.stats()["queued_partials"] == 0


def test_without_packing_each_request_is_decoded_alone():
    decoder = ScriptedDecoder()
    sched = DecodeScheduler(AsrConfig(pack=False), decode=decoder, threads=0, clock=Clock())
    futures = [sched.submit(request(FINAL, [k, k + 1])) for k in (1, 3)]
    sched.drain()
    assert texts(futures) == ["w1 w2", "w3 w4"] and len(decoder.calls) == 2


def test_a_word_straddling_two_slots_is_given_to_neither_finals_decoded_again_partials_shed():
    inner = ScriptedDecoder()

    def smearing(pcm: np.ndarray, prompt: str | None, options: DecodeOptions) -> list[DecodedSegment]:
        segs = inner(pcm, prompt, options)
        if len(pcm) <= 2 * SAMPLE_RATE:  # alone: honest
            return segs
        # packed: a word whose times run across the whole window (a misaligned word)
        smear = DecodedWord(0.2, len(pcm) / SAMPLE_RATE - 0.2, " smear", 0.5)
        return [*segs, DecodedSegment(0.2, smear.end, " smear", (smear,), -0.5, 0.01, 1)]

    sched = DecodeScheduler(AsrConfig(), decode=smearing, threads=0, clock=Clock())
    a, b = sched.submit(request(FINAL, [1, 2])), sched.submit(request(FINAL, [3, 4], lane=Lane.CUSTOMER))
    sched.drain()
    assert texts([a, b]) == ["w1 w2", "w3 w4"]  # decoded again one by one
    assert sched.stats()["refused"] == 2
    p, q = sched.submit(request(PARTIAL, [5, 6])), sched.submit(request(PARTIAL, [7, 8], lane=Lane.CUSTOMER))
    sched.drain()
    assert p.result() is SHED and q.result() is SHED


def test_two_calls_share_one_scheduler_and_every_final_arrives_in_order():
    decoder = ScriptedDecoder()
    sched = DecodeScheduler(AsrConfig(mode="threaded"), decode=decoder, threads=0, clock=Clock())
    config = AsrConfig(mode="threaded", final_from_partial=False)
    calls = {
        n: TranscriptionStage(config, decode=lambda pcm, prompt: None, lanes=[Lane.AGENT], scheduler=sched)
        for n in (1, 2)
    }
    pcm = {1: scripted_audio([0, 11, 12, 0, 0, 0, 13, 14, 0, 0, 0, 0]), 2: scripted_audio([0, 0, 21, 22, 23, 0, 0, 0])}
    segments = {1: [(BLOCK, 3 * BLOCK), (6 * BLOCK, 8 * BLOCK)], 2: [(2 * BLOCK, 5 * BLOCK)]}
    events: dict[int, list] = {1: [], 2: []}
    step = 1600
    for pos in range(0, len(pcm[1]), step):
        for n, stage in calls.items():
            if pos >= len(pcm[n]):
                continue
            stage.on_chunk(AudioChunk(Lane.AGENT, pos, pcm[n][pos : pos + step]))
            for s, e in segments[n]:
                if s + 2560 <= pos + step < s + 2560 + step:
                    stage.on_speech_start(Lane.AGENT, s)
                if e + 8000 <= pos + step < e + 8000 + step:
                    stage.on_speech_end(Lane.AGENT, e)
            events[n] += stage.poll(pos + step)
        if (pos // step) % 5 == 4:  # the shared worker gets a turn every 0.5 s of audio
            sched.step()
    for n, stage in calls.items():
        events[n] += stage.close(len(pcm[n]))
    assert [e.data["text"] for e in finals(events[1])] == ["w11 w12", "w13 w14"]
    assert [e.data["text"] for e in finals(events[2])] == ["w21 w22 w23"]
    stats = sched.stats()
    assert stats["partial_slots"] > 0 and stats["final_slots"] == 3
    assert all(len(e.data["text"].split()) >= e.data.get("stable", 0) for n in events for e in events[n])


# ---- real model on real speech: utterances of different calls packed into one window --------------


@pytest.fixture(scope="module")
def utterances(shared_data) -> list[tuple[np.ndarray, str]]:
    stems = ["agent-alreadyon", "conf-kicked", "queue-youarenext", "vm-calldiffnum", "demo-thanks", "vm-savefolder"]
    clips = [asterisk(s) for s in stems] + [jfk()]
    # (the jfk clip is 11 s: with the prompts it needs a second window)
    return [(c.pcm, c.text) for c in clips]


@pytest.mark.parametrize(
    ("encoder_window_s", "continuation_window_s"),
    [(30.0, 30.0), (20.0, 30.0), (30.0, 10.0)],  # 20: the encoder's window fits the pack; 10: a shorter second
)
def test_packed_real_utterances_of_different_calls_keep_only_their_own_words(
    utterances, encoder_window_s, continuation_window_s
):
    engine = get_engine(AsrConfig())
    sched = DecodeScheduler(
        AsrConfig(encoder_window_s=encoder_window_s, encoder_pad_s=2.0, continuation_window_s=continuation_window_s),
        decode=lambda pcm, prompt, opts: engine.segments(pcm, prompt=prompt, options=opts),
        threads=0,
        clock=Clock(),
    )
    lanes = [Lane.AGENT, Lane.CUSTOMER]
    futures = [
        sched.submit(DecodeRequest(lanes[i % 2], FINAL, i, 0, pcm, 0, len(pcm), 1.0, len(pcm)))
        for i, (pcm, _) in enumerate(utterances)
    ]
    sched.drain()
    stats = sched.stats()
    assert stats["final_slots"] == len(utterances)
    assert stats["windows"] - stats["refused"] < len(utterances)  # some utterances really shared a window
    vocab = [set(normalize(text).split()) for _, text in utterances]
    for i, (future, (pcm, text)) in enumerate(zip(futures, utterances, strict=True)):
        hyp = normalize(future.result().text).split()
        others = set().union(*(v for j, v in enumerate(vocab) if j != i)) - vocab[i]
        foreign = [w for w in hyp if w in others]
        if foreign:  # a word of another utterance is a leak, unless decoding this one alone mishears it too
            alone = set(normalize(engine.transcribe(pcm).text).split())
            assert not [w for w in foreign if w not in alone], (i, hyp)
        assert wer(text, future.result().text) <= 0.25, i


def test_worker_threads_decode_everything_queued_and_stop_cleanly():
    sched = DecodeScheduler(AsrConfig(workers=2), decode=ScriptedDecoder())
    futures = [sched.submit(request(FINAL, [k, k + 1], utt=k)) for k in range(1, 20, 2)]
    assert texts(futures) == [f"w{k} w{k + 1}" for k in range(1, 20, 2)]  # result() waits for the workers
    sched.stop()
    assert sched.stats()["final_slots"] == 10
    with pytest.raises(RuntimeError):
        sched.submit(request(FINAL, [1]))


def test_an_utterance_left_without_words_in_a_packed_window_is_decoded_again_alone():
    inner = ScriptedDecoder()

    def stops_early(pcm: np.ndarray, prompt: str | None, options: DecodeOptions) -> list[DecodedSegment]:
        segs = inner(pcm, prompt, options)
        if len(pcm) <= 2 * SAMPLE_RATE:
            return segs
        first = segs[0]  # packed: the decoder gives up after the first utterance's words
        kept = tuple(w for w in first.words if w.end <= 1.0)
        return [DecodedSegment(first.start, kept[-1].end, "".join(w.word for w in kept), kept, -0.2, 0.01, 2)]

    sched = DecodeScheduler(AsrConfig(), decode=stops_early, threads=0, clock=Clock())
    futures = [sched.submit(request(FINAL, [k, k + 1])) for k in (1, 3, 5)]
    sched.drain()
    assert texts(futures) == ["w1 w2", "w3 w4", "w5 w6"] and sched.stats()["refused"] == 2


def test_an_utterance_whose_words_stop_well_before_its_speech_ends_is_decoded_again_alone():
    inner = ScriptedDecoder()

    def stops_mid_utterance(pcm: np.ndarray, prompt: str | None, options: DecodeOptions) -> list[DecodedSegment]:
        segs = inner(pcm, prompt, options)
        if len(pcm) <= 3 * SAMPLE_RATE:
            return segs
        kept = tuple(w for w in segs[0].words if w.start < 0.4 or w.start >= 4.0)  # loses w2..w4 of the first
        return [DecodedSegment(0.0, kept[-1].end, "".join(w.word for w in kept), kept, -0.2, 0.01, len(kept))]

    sched = DecodeScheduler(AsrConfig(), decode=stops_mid_utterance, threads=0, clock=Clock())
    first = sched.submit(request(FINAL, [1, 2, 3, 4]))
    second = sched.submit(request(FINAL, [5, 6], lane=Lane.CUSTOMER))
    sched.drain()
    assert texts([first, second]) == ["w1 w2 w3 w4", "w5 w6"] and sched.stats()["refused"] == 1


def test_two_real_calls_share_one_scheduler_and_get_their_own_finals(shared_data):
    from coach.asr.replay import boundaries
    from coach.asr.segments import speech_segments

    engine = get_engine(AsrConfig())
    sched = DecodeScheduler(
        AsrConfig(),
        decode=lambda pcm, prompt, opts: engine.segments(pcm, prompt=prompt, options=opts),
        threads=0,
        clock=Clock(),
    )
    config = AsrConfig(mode="threaded", partials=False)
    clips = {1: asterisk("agent-alreadyon"), 2: asterisk("queue-youarenext")}
    stages = {n: TranscriptionStage(config, lanes=[Lane.CUSTOMER], scheduler=sched) for n in clips}
    events: dict[int, list] = {}
    for n, clip in clips.items():  # both calls end their turns before the worker gets a turn
        stage, events[n] = stages[n], []
        pending = boundaries({Lane.CUSTOMER: speech_segments(clip.pcm)})
        for pos in range(0, len(clip.pcm), 1600):
            stage.on_chunk(AudioChunk(Lane.CUSTOMER, pos, clip.pcm[pos : pos + 1600]))
            while pending and pending[0].due <= pos + 1600:
                b = pending.pop(0)
                (stage.on_speech_start if b.kind == "start" else stage.on_speech_end)(b.lane, b.sample)
            events[n] += stage.poll(pos + 1600)
        for b in pending:
            if b.kind == "end":
                stage.on_speech_end(b.lane, b.sample)
        events[n] += stage.poll(len(clip.pcm))
    assert not any(finals(e) for e in events.values()) and sched.stats()["queued_finals"] >= 2
    sched.step()  # one packed window for the finals of both calls
    for n, clip in clips.items():
        events[n] += stages[n].poll(len(clip.pcm)) + stages[n].close(len(clip.pcm))
        text = " ".join(e.data["text"] for e in finals(events[n]))
        assert wer(clip.text, text) <= 0.2, (n, text)
    stats = sched.stats()
    assert stats["final_slots"] >= 2 and stats["windows"] - stats["refused"] == 1


def test_a_promoted_partial_goes_with_the_finals_with_their_beam_and_is_never_shed():
    """A final held for a queued partial (``final_from_partial``): the partial, promoted, leaves in the
    next pack of finals, however long it waited, and the partials' worker count does not hold it."""
    clock, decoder = Clock(), ScriptedDecoder()
    config = AsrConfig(partial_max_wait_s=1.0, final_greedy_backlog_s=0.0)
    sched = DecodeScheduler(config, decode=decoder, threads=0, clock=clock)
    running: list = []
    busy = sched.submit(request(PARTIAL, [9, 9], lane=Lane.CUSTOMER))
    assert sched.step(defer=running.append)  # the only partial worker is busy
    held = request(PARTIAL, [1, 2])
    partial = sched.submit(held)
    other = sched.submit(request(PARTIAL, [7, 8], lane=Lane.CUSTOMER, utt=2))
    assert sched.promote(held) and not sched.promote(held)  # promoted once; then no longer a partial
    final = sched.submit(request(FINAL, [3, 4], lane=Lane.CUSTOMER, utt=3))
    clock.t = 5.0  # both partials waited past partial_max_wait_s while finals wait
    assert sched.step()
    assert texts([partial, final]) == ["w1 w2", "w3 w4"] and other.result() is SHED
    assert decoder.calls[-1][1] == config.final_beam_size and not busy.done()
    stats = sched.stats()
    assert stats["promoted"] == 1 and stats["final_slots"] == 2 and stats["shed"] == 1
    running[0]()
    assert busy.result().text == "w9 w9" and not sched.promote(request(PARTIAL, [5]))


def test_a_stage_promotes_the_partial_its_final_is_held_for():
    """The turn ends while the partial covering it is still queued: the stage holds the final for it
    and hands it to the finals' queue; its result becomes the final, with no second decode."""
    decoder = ScriptedDecoder()
    clock = Clock()
    sched_config = AsrConfig(mode="threaded", final_greedy_backlog_s=0.0)  # beam search however late
    sched = DecodeScheduler(sched_config, decode=decoder, threads=0, clock=clock)
    config = AsrConfig(
        mode="threaded", first_partial_s=1.7, partial_interval_s=5.0, post_pad_s=0.3, agent_final_from_partial=True
    )
    stage = TranscriptionStage(config, decode=lambda pcm, prompt: None, lanes=[Lane.AGENT], scheduler=sched)
    pcm = scripted_audio([0, 11, 12, 0, 0, 0])
    stage.on_speech_start(Lane.AGENT, BLOCK)
    step, events = 1600, []
    for pos in range(0, 18 * step, step):  # the partial comes due at 1.7 s (past the speech) and is queued
        stage.on_chunk(AudioChunk(Lane.AGENT, pos, pcm[pos : pos + step]))
        events += stage.poll(pos + step)
    stage.on_speech_end(Lane.AGENT, 3 * BLOCK)
    assert stage.lanes[Lane.AGENT].holding_final
    stats = sched.stats()
    assert stats["promoted"] == 1 and stats["queued_finals"] == 1 and stats["queued_partials"] == 0
    clock.t = 10.0
    assert sched.step() and not sched.step()  # one decode: the promoted partial, with the finals' beam
    events += stage.poll(4 * BLOCK) + stage.close(len(pcm))
    assert [e.data["text"] for e in finals(events)] == ["w11 w12"]
    assert len(decoder.calls) == 1 and decoder.calls[0][1] == AsrConfig().final_beam_size


def test_finals_that_back_up_are_decoded_greedily_and_beam_search_resumes_once_they_clear():
    clock, decoder = Clock(), ScriptedDecoder()
    config = AsrConfig(final_greedy_backlog_s=1.0, pack_window_s=5.0, partial_pack_s=5.0)  # one 3 s final a pack
    sched = DecodeScheduler(config, decode=decoder, threads=0, clock=clock)
    first = sched.submit(request(FINAL, [1] * 6))
    assert sched.step() and first.result().text == " ".join(["w1"] * 6)  # alone and fresh: beam search
    backlog = [sched.submit(request(FINAL, [k] * 6, utt=k)) for k in (2, 3)]
    assert sched.step()  # leaves a final queued behind it: greedy
    clock.t = 1.5
    late = sched.submit(request(FINAL, [4] * 6, utt=4))
    assert sched.step()  # the last of the backlog (waited 1.5 s; one more queued): greedy
    assert sched.step()  # fresh and alone again: beam search
    assert texts([*backlog, late]) == [" ".join([f"w{k}"] * 6) for k in (2, 3, 4)]
    beam, greedy = config.final_beam_size, config.beam_size
    assert [b for _, b in decoder.calls] == [beam, greedy, greedy, beam]
    assert sched.stats()["greedy_final_packs"] == 2


@pytest.mark.parametrize("window_s", [30.0, 10.0])
def test_a_backed_up_pack_of_finals_runs_the_encoder_on_its_own_audio_only_when_set(window_s):
    """``backlog_encoder_window_s``: a greedy backlog pack's encoder runs on its audio plus
    ``backlog_encoder_pad_s`` (at least the setting's seconds); a final decoded while the finals keep up
    keeps the full 30 s window (so does every pack with the setting at 30, the default)."""
    clock, decoder, seen = Clock(), ScriptedDecoder(), []

    def decode(pcm: np.ndarray, prompt: str | None, options: DecodeOptions) -> list[DecodedSegment]:
        seen.append((options.beam_size, options.encoder_frames(len(pcm) / SAMPLE_RATE)))
        return decoder(pcm, prompt, options)

    config = AsrConfig(
        final_encoder_window_s=30.0,  # a fresh final on the full window (A19's own window is tested below)
        final_greedy_backlog_s=1.0,
        backlog_encoder_window_s=window_s,
        backlog_encoder_pad_s=2.0,
        pack_window_s=5.0,
        partial_pack_s=5.0,  # one 3 s final a pack
    )
    sched = DecodeScheduler(config, decode=decode, threads=0, clock=clock)
    first = sched.submit(request(FINAL, [1] * 6))
    assert sched.step()  # alone and fresh: beam search on the full window
    backlog = [sched.submit(request(FINAL, [k] * 6, utt=k)) for k in (2, 3)]
    assert sched.step()  # leaves a final queued behind it
    clock.t = 1.5
    assert sched.step()  # the last of the backlog, waited 1.5 s
    fresh = sched.submit(request(FINAL, [4] * 6, utt=4))
    assert sched.step() and not sched.step()
    assert texts([first, *backlog, fresh]) == [" ".join([f"w{k}"] * 6) for k in (1, 2, 3, 4)]
    beam, greedy = config.final_beam_size, config.beam_size
    short = 3000 if window_s == 30.0 else 1000  # 3 s of audio + 2 s pad, at least 10 s: 1000 mel frames
    assert seen == [(beam, 3000), (greedy, short), (greedy, short), (beam, 3000)]


def test_the_backlog_encoder_window_is_validated():
    for bad in ({"backlog_encoder_window_s": 0.5}, {"backlog_encoder_window_s": 31.0}, {"backlog_encoder_pad_s": -1.0}):
        with pytest.raises(ConfigError):
            AsrConfig(**bad)


@pytest.mark.parametrize("window_s", [30.0, 10.0])
def test_a_final_decoded_while_the_finals_keep_up_runs_the_encoder_on_its_own_audio_only_when_set(window_s):
    """``final_encoder_window_s`` (A19): a final decoded with beam search (the finals keep up) runs its encoder
    on its audio plus ``final_encoder_pad_s`` (at least the setting's seconds); 30, the default: the full
    window. A backlog pack keeps the backlog window either way."""
    clock, decoder, seen = Clock(), ScriptedDecoder(), []

    def decode(pcm: np.ndarray, prompt: str | None, options: DecodeOptions) -> list[DecodedSegment]:
        seen.append((options.beam_size, options.encoder_frames(len(pcm) / SAMPLE_RATE)))
        return decoder(pcm, prompt, options)

    config = AsrConfig(final_encoder_window_s=window_s, final_encoder_pad_s=2.0, pack_window_s=5.0, partial_pack_s=5.0)
    sched = DecodeScheduler(config, decode=decode, threads=0, clock=clock)
    first = sched.submit(request(FINAL, [1] * 6))
    assert sched.step()  # alone and fresh: beam search
    backlog = [sched.submit(request(FINAL, [k] * 6, utt=k)) for k in (2, 3)]
    assert sched.step()  # leaves a final queued behind it: greedy, the backlog window
    clock.t = 1.5
    assert sched.step() and not sched.step()
    assert texts([first, *backlog]) == [" ".join([f"w{k}"] * 6) for k in (1, 2, 3)]
    own = 3000 if window_s == 30.0 else 1000  # 3 s of audio + 2 s pad, at least 10 s: 1000 mel frames
    beam, greedy = config.final_beam_size, config.beam_size
    assert seen == [(beam, own), (greedy, 1000), (greedy, 1000)]


def test_the_final_encoder_window_follows_its_settings_and_is_validated():
    default = AsrConfig()  # off by default (A19): the full window
    assert DecodeOptions.final_from_config(default) == dataclasses.replace(
        DecodeOptions.from_config(default), beam_size=5, loop_again_beam=1, loop_guard=default.guards
    )  # a final that loops is decoded again greedily (session 42, A36: tests/test_asr_loop_again.py)
    short = DecodeOptions.final_from_config(AsrConfig(final_encoder_window_s=10.0, final_encoder_pad_s=1.5))
    assert (short.beam_size, short.encoder_window_s, short.encoder_pad_s) == (5, 10.0, 1.5)
    assert short.encoder_frames(3.0) == 1000 and short.encoder_frames(12.0) == 1350 and short.encoder_frames(40) == 3000
    every = AsrConfig(encoder_window_s=8.0, encoder_pad_s=1.0, final_encoder_window_s=10.0)  # shorter for all
    assert DecodeOptions.final_from_config(every).encoder_window_s == 8.0
    for bad in ({"final_encoder_window_s": 0.5}, {"final_encoder_window_s": 31.0}, {"final_encoder_pad_s": -1.0}):
        with pytest.raises(ConfigError):
            AsrConfig(**bad)


def test_a_final_on_real_speech_in_its_own_window_keeps_its_words():
    """Real tiny.en: jfk (11 s) as a final with ``final_encoder_window_s = 10`` runs one encoder window of
    its 11 s + 2 s (1300 frames) and writes the words the full window writes."""
    engine, clip = get_engine(AsrConfig()), jfk()
    full = engine.transcribe(clip.pcm, options=DecodeOptions.final_from_config(AsrConfig(final_encoder_window_s=30)))
    assert engine.last_encoder_frames() == [3000]
    short = engine.transcribe(clip.pcm, options=DecodeOptions.final_from_config(AsrConfig(final_encoder_window_s=10)))
    assert engine.last_encoder_frames() == [1300]
    assert normalize(short.text) == normalize(full.text)
    assert wer(clip.text, short.text) <= 0.1


# ---- the model in a child process --------------------------------------------------------------


def test_a_decode_process_gives_the_in_process_models_segments_and_replaces_a_child_that_died(utterances):
    """The default child (``decode_keep_heap`` on) starts with :data:`KEEP_HEAP_ENV` and gives the same
    segments as the in-process model; ``test_decode_processes_keep_their_heap_only_when_asked...`` has it off."""
    engine = get_engine(AsrConfig())
    window, _ = pack([pcm for pcm, _ in utterances[:3]], gap=2 * SAMPLE_RATE)
    options = DecodeOptions(beam_size=5)
    expected = engine.segments(window, options=options)
    assert AsrConfig().decode_keep_heap
    procs = DecodeProcesses(AsrConfig(), 1)
    try:
        (pid,) = procs.pids()
        env = child_env(pid)
        assert all(env.get(key) == value for key, value in KEEP_HEAP_ENV.items())
        assert procs.decode(window, None, options) == expected
        assert procs.pids() == [pid]
        os.kill(pid, signal.SIGKILL)
        for _ in range(100):  # until the parent sees the child dead
            if not procs.pids():
                break
            time.sleep(0.05)
        assert procs.decode(window, None, options) == expected  # a new child took over
        assert procs.pids() and procs.pids() != [pid]
    finally:
        procs.close()
    assert procs.pids() == []
    with pytest.raises(DecodeProcessError):
        procs.decode(window, None, options)


def test_with_a_partials_decoder_a_final_starts_beside_a_partial_and_a_partial_never_beside_a_final():
    """``partial_decoder_nice``: one more decoder, for partials only. A final submitted while a partial
    is being decoded starts at once (no wait); at most ``workers`` finals are decoded at once; a partial
    starts only while no final is queued or being decoded (under load, as with one worker)."""
    decoder = ScriptedDecoder()
    sched = DecodeScheduler(AsrConfig(partial_decoder_nice=10), decode=decoder, threads=0, clock=Clock())
    assert sched.decoders == 2
    in_flight: list = []
    partial = sched.submit(request(PARTIAL, [1, 2], lane=Lane.AGENT))
    assert sched.step(defer=in_flight.append)  # the partial is being decoded
    final = sched.submit(request(FINAL, [3, 4], lane=Lane.CUSTOMER))
    assert sched.step(defer=in_flight.append)  # the final starts beside it
    second = sched.submit(request(FINAL, [5, 6], lane=Lane.AGENT))
    later = sched.submit(request(PARTIAL, [7, 8], lane=Lane.CUSTOMER))
    assert not sched.step(defer=in_flight.append)  # the one finals' decoder is busy; no partial beside a final
    in_flight.pop(0)()  # the partial comes back: the queued final still waits for the finals' decoder
    assert partial.result().text == "w1 w2" and not sched.step(defer=in_flight.append)
    in_flight.pop(0)()  # the first final comes back: the second one goes, still no partial beside it
    assert final.result().text == "w3 w4" and sched.step(defer=in_flight.append)
    assert not sched.step(defer=in_flight.append) and not later.done()
    in_flight.pop(0)()
    assert second.result().text == "w5 w6" and sched.step() and later.result().text == "w7 w8"
    assert [beam for _, beam in decoder.calls] == [1, 5, 5, 1]


def test_with_more_calls_than_light_load_calls_the_partials_decoder_rests():
    """``light_load_calls``: with more calls attached, a partial is decoded by the finals' decoder and a
    final waits for it, as with ``partial_decoder_nice = 0``; once a call detaches, the partials'
    decoder is used again and a final starts beside a partial."""
    sched = DecodeScheduler(
        AsrConfig(partial_decoder_nice=10, light_load_calls=1), decode=ScriptedDecoder(), threads=0, clock=Clock()
    )
    sched.attach()
    sched.attach()
    in_flight: list = []
    sched.submit(request(PARTIAL, [1, 2]))
    assert sched.step(defer=in_flight.append)  # the partial, on the finals' decoder
    final = sched.submit(request(FINAL, [3, 4], lane=Lane.CUSTOMER))
    assert not sched.step(defer=in_flight.append)  # the final waits for it (one decoder)
    in_flight.pop()()
    assert sched.step() and final.result().text == "w3 w4"
    assert sched.stats()["nice_partial_slots"] == 0 and sched.stats()["calls"] == 2
    sched.detach()  # one call left: lightly loaded
    partial = sched.submit(request(PARTIAL, [5, 6]))
    assert sched.step(defer=in_flight.append)
    final = sched.submit(request(FINAL, [7, 8], lane=Lane.CUSTOMER))
    assert sched.step(defer=in_flight.append)  # beside the partial
    for publish in in_flight:
        publish()
    assert partial.result().text == "w5 w6" and final.result().text == "w7 w8"
    assert sched.stats()["nice_partial_slots"] == 1


def test_a_stage_counts_as_a_call_until_it_closes():
    sched = DecodeScheduler(AsrConfig(), decode=ScriptedDecoder(), threads=0, clock=Clock())
    stages = [TranscriptionStage(AsrConfig(mode="threaded"), scheduler=sched) for _ in range(3)]
    assert sched.stats()["calls"] == 3
    stages[0].close(0)
    stages[0].close(0)  # counted off once
    assert sched.stats()["calls"] == 2
    del stages[1]  # a stage dropped without close (a call that failed) is counted off when collected
    assert sched.stats()["calls"] == 1


def test_without_a_partials_decoder_a_final_waits_for_the_partial_being_decoded():
    """One decoder for both (``partial_decoder_nice = 0``): the final is taken only once the partial's
    decode came back."""
    sched = DecodeScheduler(AsrConfig(partial_decoder_nice=0), decode=ScriptedDecoder(), threads=0, clock=Clock())
    assert sched.decoders == 1
    in_flight: list = []
    sched.submit(request(PARTIAL, [1, 2]))
    assert sched.step(defer=in_flight.append)
    final = sched.submit(request(FINAL, [3, 4], lane=Lane.CUSTOMER))
    in_flight.pop()()
    assert sched.step() and final.result().text == "w3 w4"


def test_a_partials_decoder_process_runs_at_its_niceness_and_decodes_real_speech(utterances):
    """Real tiny.en in child processes: a scheduler with decode processes starts one finals' child and
    the partials' child, which runs ``partial_decoder_nice`` above the server (the finals' child at the
    server's niceness; a negative niceness is refused); both decode real speech, and both
    stop with the scheduler. (It holds what a separate test of a decode-process scheduler's finals asserted,
    with two more children to start.)"""
    server_nice = os.getpriority(os.PRIO_PROCESS, 0)
    sched = DecodeScheduler(AsrConfig(decode_process=True, partial_decoder_nice=7))
    assert sched.threads == 2
    assert sched.partials_decoder_ready(120)  # started beside the finals' child, not waited for
    assert sched._processes is not None and sched._partial_processes is not None
    (finals_pid,), (partials_pid,) = sched._processes.pids(), sched._partial_processes.pids()
    pcm, text = utterances[0]
    partial = sched.submit(DecodeRequest(Lane.AGENT, PARTIAL, 0, 0, pcm, 0, len(pcm), 1.0, len(pcm)))
    assert wer(text, partial.result(timeout=120).text) <= 0.25
    final = sched.submit(DecodeRequest(Lane.AGENT, FINAL, 0, 0, pcm, 0, len(pcm), 1.0, len(pcm)))
    assert wer(text, final.result(timeout=120).text) <= 0.25
    assert os.getpriority(os.PRIO_PROCESS, finals_pid) == server_nice
    # 7 above the server, capped at 19 by the OS (a suite started under nice 15 caps it at 19)
    assert os.getpriority(os.PRIO_PROCESS, partials_pid) == min(19, server_nice + 7)
    sched.stop()
    assert sched._processes.pids() == [] and sched._partial_processes.pids() == []
    with pytest.raises(ValueError, match="nice >= 0"):
        DecodeProcesses(AsrConfig(), 1, nice=-1)  # refused before any child starts


def child_env(pid: int) -> dict[str, str]:
    """The environment a process started with (Linux ``/proc``)."""
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)


def test_decode_processes_keep_their_heap_only_when_asked_and_decode_the_same_words(utterances):
    """``decode_keep_heap`` off: the child has the server's own environment (the test target sets the
    same tunables for the whole suite, a plain pytest does not) and decodes the same words as the
    in-process model. On (the default): ``test_a_decode_process_gives_the_in_process_models_segments...``
    (one child less to start and load the model in: docs/benchmarks.md, "Test suite (session 15, T8)")."""
    pcm, text = utterances[0]
    options = DecodeOptions(beam_size=5)
    procs = DecodeProcesses(AsrConfig(decode_keep_heap=False), 1)
    try:
        (pid,) = procs.pids()
        env = child_env(pid)
        for key in KEEP_HEAP_ENV:
            assert env.get(key) == os.environ.get(key)
        words = " ".join(s.text for s in procs.decode(pcm, None, options))
    finally:
        procs.close()
    assert words == " ".join(s.text for s in get_engine(AsrConfig()).segments(pcm, options=options))
    assert wer(text, words) <= 0.25
