"""The transcription stage's scheduling: threaded decoding with the real model falling behind the
call's audio time (an executor whose decodes complete after a set cost of audio time: partials
coalesce, finals all arrive; deterministic on any machine), and the lane state machine's edge cases with
a scripted decoder (stale results, forced cuts, coalescing in sync mode)."""

from __future__ import annotations

import numpy as np
import pytest

from coach.asr.audiotime import AudioTimeExecutor
from coach.asr.config import AsrConfig
from coach.asr.engine import DecodedWord, DecodeResult, get_engine
from coach.asr.level import normalise_level
from coach.asr.replay import finals, replay
from coach.asr.segments import speech_segments
from coach.asr.stage import TranscriptionStage
from coach.asr.stream import LaneTranscriber
from coach.types import SAMPLE_RATE, AudioChunk, Lane
from tests.scripted_words import BLOCK, read_id, scripted_audio
from training.asr_corpus import asterisk, jfk


def scripted_decoder(pcm: np.ndarray, prompt: str | None = None) -> DecodeResult:
    """Reads the ids back: a word per block (partial blocks too), times relative to ``pcm``."""
    words = []
    for i in range(0, len(pcm), BLOCK // 4):
        wid = read_id(pcm, i)
        if wid and (not words or words[-1][0] != wid or i % BLOCK == 0 and i - words[-1][1] >= BLOCK):
            words.append([wid, i, i])
        if words:
            words[-1][2] = min(i + BLOCK // 4, len(pcm))
    dws = tuple(DecodedWord(s / SAMPLE_RATE, e / SAMPLE_RATE, f" w{wid}", 0.9) for wid, s, e in words)
    text = "".join(w.word for w in dws).strip()
    return DecodeResult(text, dws, -0.2, 0.01, 1.2, len(pcm) / SAMPLE_RATE, 0.0)


def push_all(lane: LaneTranscriber, pcm: np.ndarray, start: int = 0, step: int = 1600) -> None:
    for pos in range(0, len(pcm), step):
        lane.push(AudioChunk(lane.lane, start + pos, pcm[pos : pos + step]))


# ---- real model, threaded on audio time ----------------------------------------------------------


def two_lane_call() -> tuple[dict[Lane, np.ndarray], dict[Lane, list[tuple[int, int]]]]:
    agent = jfk().pcm
    other = asterisk("vm-instructions").pcm
    customer = np.zeros_like(agent)
    customer[SAMPLE_RATE : SAMPLE_RATE + len(other)] = other[: len(agent) - SAMPLE_RATE]
    lanes = {Lane.AGENT: agent, Lane.CUSTOMER: customer}
    return lanes, {lane: speech_segments(pcm) for lane, pcm in lanes.items()}


def threaded_run(decode_cost_s: float) -> tuple[TranscriptionStage, list, dict, AudioTimeExecutor]:
    """The two-lane call through a threaded stage whose every decode (real tiny.en) occupies the
    single decode worker for ``decode_cost_s`` seconds of call audio."""
    lanes, segments = two_lane_call()
    executor = AudioTimeExecutor(decode_cost_s)
    stage = TranscriptionStage(AsrConfig(mode="threaded"), engine=get_engine(AsrConfig()), executor=executor)
    events = replay(stage, lanes, segments, chunk_s=0.032)
    return stage, events, segments, executor


def test_threaded_stage_falling_behind_coalesces_partials_but_keeps_every_final(shared_data):
    # partials are due every 0.7 s on each lane; a decode costing 1.5 s of audio cannot keep up
    stage, events, segments, executor = threaded_run(decode_cost_s=1.5)
    for lane in Lane:
        assert len(finals(events, lane)) == len(segments[lane]), lane
    assert stage.stats.coalesced > 0
    backlog = [e for e in events if e.type == "asr.backlog"]
    assert backlog and sum(e.data["coalesced"] for e in backlog) == stage.stats.coalesced
    assert all(e.at >= e.data["end"] for e in finals(events))
    assert [e.at for e in events] == sorted(e.at for e in events)
    assert executor.submitted == stage.stats.partial_decodes + stage.stats.final_decodes
    assert executor.in_flight == 0
    # a decode result is only applied once its audio time has passed: no final before end + cost
    waited = [e for e in finals(events) if e.at > e.data["end"] + 1.5 - 1e-6]
    assert waited


# ---- scripted decoder ----------------------------------------------------------------------------


def test_partial_result_arriving_after_the_turn_ended_is_discarded_and_the_final_kept():
    lane = LaneTranscriber(Lane.AGENT, AsrConfig(final_from_partial=False))
    pcm = scripted_audio([0, 1, 2, 3, 4, 0, 0])
    lane.speech_started(BLOCK)
    push_all(lane, pcm)
    partial = lane.take_partial()
    assert partial is not None
    lane.speech_ended(5 * BLOCK)
    final = lane.next_final()
    assert lane.apply(partial, scripted_decoder(partial.pcm), now=len(pcm)) == []
    assert lane.counters.stale == 1
    (event,) = lane.apply(final, scripted_decoder(final.pcm), now=len(pcm))
    assert event.data["final"] and event.data["text"] == "w1 w2 w3 w4"


def test_partial_in_flight_at_speech_end_becomes_the_final_without_another_decode():
    # the agent lane's finals are decoded by default: the mechanism under test is switched on for it
    lane = LaneTranscriber(Lane.AGENT, AsrConfig(agent_final_from_partial=True))
    pcm = scripted_audio([0, 1, 2, 3, 4, 0, 0])
    lane.speech_started(BLOCK)
    push_all(lane, pcm)
    partial = lane.take_partial()  # covers the speech end + 1 s of silence
    lane.speech_ended(5 * BLOCK)
    assert lane.next_final() is None and lane.holding_final
    (event,) = lane.apply(partial, scripted_decoder(partial.pcm), now=len(pcm))
    assert event.data["final"] and event.data["text"] == "w1 w2 w3 w4" and event.data["end"] == 2.5
    assert lane.counters.finals_from_partial == 1 and not lane.holding_final


def test_held_final_falls_back_to_a_decode_when_the_partial_finds_nothing():
    lane = LaneTranscriber(Lane.AGENT, AsrConfig())
    pcm = scripted_audio([0, 1, 2, 3, 4, 0, 0])
    lane.speech_started(BLOCK)
    push_all(lane, pcm)
    partial = lane.take_partial()
    lane.speech_ended(5 * BLOCK)
    empty = DecodeResult("", (), 0.0, 0.0, 0.0, 3.5, 0.1)
    assert lane.apply(partial, empty, now=len(pcm)) == []
    final = lane.next_final()
    assert final is not None and final.kind == "final"
    (event,) = lane.apply(final, scripted_decoder(final.pcm), now=len(pcm))
    assert event.data["text"] == "w1 w2 w3 w4"


def test_once_words_are_committed_partials_decode_only_the_audio_after_them():
    lane = LaneTranscriber(Lane.AGENT, AsrConfig(partial_context_s=1.0, final_from_partial=False))
    pcm = scripted_audio([0] + list(range(1, 17)) + [0, 0])
    lane.speech_started(BLOCK)
    requests, shown = [], []
    for pos in range(0, 17 * BLOCK, 1600):
        lane.push(AudioChunk(Lane.AGENT, pos, pcm[pos : pos + 1600]))
        req = lane.take_partial()
        if req is not None:
            requests.append(req)
            shown += [e.data for e in lane.apply(req, scripted_decoder(req.pcm), now=lane.position)]
    tails = [r for r in requests if r.after is not None]
    # from partial_context_s (1 s) before the last committed word, moved to a word's onset (0.1 s before it)
    assert tails and all(r.start >= r.after - SAMPLE_RATE - SAMPLE_RATE // 10 for r in tails)
    assert max(len(r.pcm) for r in tails) < 4 * SAMPLE_RATE  # bounded, though the turn grows to 8 s
    for data in shown:  # every partial shows the whole piece, each word once and in order
        keys = data["text"].split()
        assert keys == [f"w{i}" for i in range(1, len(keys) + 1)], data["text"]
    assert shown[-1]["stable"] >= 12
    lane.speech_ended(17 * BLOCK)
    final = lane.next_final()
    (event,) = lane.apply(final, scripted_decoder(final.pcm), now=len(pcm))
    assert event.data["text"] == " ".join(f"w{i}" for i in range(1, 17))


def test_turn_without_agreement_is_cut_where_it_stands_at_the_hard_limit():
    """With ``hard_cut_search_s = 0`` (the cut at a quiet point: ``test_asr_stream``)."""
    config = AsrConfig(max_turn_s=3.0, hard_turn_s=4.0, hard_cut_search_s=0.0)
    lane = LaneTranscriber(Lane.CUSTOMER, config)
    lane.speech_started(0)
    push_all(lane, scripted_audio(list(range(1, 12))))  # 5.5 s of speech, never decoded
    assert lane.counters.forced_cuts == 1
    cut = lane.next_final()
    assert cut is not None and cut.speech_end == 4 * SAMPLE_RATE
    (event,) = lane.apply(cut, scripted_decoder(cut.pcm), now=lane.position)
    assert event.data["final"] and event.data["text"].startswith("w1 w2")


def test_long_turn_with_agreement_is_cut_at_a_committed_word_each_word_once():
    """The piece before the cut is its committed words (no decode); every word once across the pieces."""
    config = AsrConfig(max_turn_s=3.0, hard_turn_s=6.0)
    stage = TranscriptionStage(config, decode=scripted_decoder, lanes=[Lane.AGENT])
    pcm = scripted_audio([0] + list(range(1, 10)) + [0, 0])
    stage.on_speech_start(Lane.AGENT, BLOCK)
    events = []
    for pos in range(0, 10 * BLOCK, 1600):
        stage.on_chunk(AudioChunk(Lane.AGENT, pos, pcm[pos : pos + 1600]))
        events += stage.poll(pos + 1600)
    stage.on_speech_end(Lane.AGENT, 10 * BLOCK)
    events += stage.poll(11 * BLOCK) + stage.close(len(pcm))
    out = finals(events)
    assert stage.stats.cuts >= 1 and stage.stats.forced_cuts == 0 and len(out) >= 2
    assert " ".join(e.data["text"] for e in out).split() == [f"w{i}" for i in range(1, 10)]


def scripted_threaded_run(decode_cost_s: float) -> tuple[TranscriptionStage, list]:
    """Eight scripted words on one lane through a threaded stage on audio time."""
    stage = TranscriptionStage(
        AsrConfig(mode="threaded", final_from_partial=False),
        decode=scripted_decoder,
        lanes=[Lane.AGENT],
        executor=AudioTimeExecutor(decode_cost_s),
    )
    pcm = scripted_audio([0] + list(range(1, 9)) + [0, 0, 0, 0])
    events = replay(stage, {Lane.AGENT: pcm}, {Lane.AGENT: [(BLOCK, 9 * BLOCK)]}, chunk_s=0.032)
    return stage, events


def test_threaded_stage_on_audio_time_coalesces_only_when_decoding_costs_more_than_the_audio():
    fast, fast_events = scripted_threaded_run(decode_cost_s=0.1)
    slow, slow_events = scripted_threaded_run(decode_cost_s=1.5)
    assert fast.stats.coalesced == 0 and not [e for e in fast_events if e.type == "asr.backlog"]
    assert slow.stats.coalesced > 0 and [e for e in slow_events if e.type == "asr.backlog"]
    assert fast.stats.partial_decodes > slow.stats.partial_decodes
    for events in (fast_events, slow_events):
        (final,) = finals(events)
        assert final.data["text"] == " ".join(f"w{i}" for i in range(1, 9))
    # the slow decoder's final is applied when its decode completes on audio time, not before
    (slow_final,) = finals(slow_events)
    (fast_final,) = finals(fast_events)
    assert slow_final.at > fast_final.at >= fast_final.data["end"]


def test_sync_poll_after_long_gaps_coalesces_partials_and_reports_backlog():
    stage = TranscriptionStage(AsrConfig(partial_interval_s=0.5), decode=scripted_decoder, lanes=[Lane.AGENT])
    pcm = scripted_audio([0] + list(range(1, 9)) + [0, 0])
    stage.on_speech_start(Lane.AGENT, BLOCK)
    events = []
    for pos in range(0, len(pcm), 3 * BLOCK):  # polls only every 1.5 s of audio
        for p in range(pos, min(pos + 3 * BLOCK, len(pcm)), 800):
            stage.on_chunk(AudioChunk(Lane.AGENT, p, pcm[p : p + 800]))
        if pos + 3 * BLOCK >= 9 * BLOCK and stage.lanes[Lane.AGENT].active:
            stage.on_speech_end(Lane.AGENT, 9 * BLOCK)
        events += stage.poll(min(pos + 3 * BLOCK, len(pcm)))
    events += stage.close(len(pcm))
    assert stage.stats.coalesced >= 2
    assert any(e.type == "asr.backlog" for e in events)
    (final,) = finals(events)
    assert final.data["text"] == " ".join(f"w{i}" for i in range(1, 9))


def test_close_flushes_an_open_turn_into_a_final():
    stage = TranscriptionStage(AsrConfig(), decode=scripted_decoder, lanes=[Lane.AGENT])
    pcm = scripted_audio([0, 5, 6, 7])
    stage.on_speech_start(Lane.AGENT, BLOCK)
    stage.on_chunk(AudioChunk(Lane.AGENT, 0, pcm))
    (event,) = finals(stage.close(len(pcm)))
    assert event.data["text"] == "w5 w6 w7" and event.data["end"] == pytest.approx(2.0)


def test_config_rejects_bad_values():
    with pytest.raises(ValueError):
        AsrConfig(mode="async")
    with pytest.raises(ValueError):
        AsrConfig(agreement_n=1)
    with pytest.raises(ValueError):
        AsrConfig(max_turn_s=40.0, hard_turn_s=45.0)


def test_a_failing_decoder_still_yields_the_final_with_the_committed_words():
    calls = {"n": 0}

    def flaky(pcm, prompt):
        calls["n"] += 1
        if calls["n"] > 3:
            raise RuntimeError("decoder crashed")
        return scripted_decoder(pcm)

    stage = TranscriptionStage(AsrConfig(final_from_partial=False), decode=flaky, lanes=[Lane.AGENT])
    pcm = scripted_audio([0, 1, 2, 3, 4, 5, 6, 0])
    stage.on_speech_start(Lane.AGENT, BLOCK)
    events = []
    for pos in range(0, 7 * BLOCK, 1600):
        stage.on_chunk(AudioChunk(Lane.AGENT, pos, pcm[pos : pos + 1600]))
        events += stage.poll(pos + 1600)
    stage.on_speech_end(Lane.AGENT, 7 * BLOCK)
    events += stage.close(len(pcm))
    (final,) = finals(events)
    assert final.data["text"].startswith("w1 w2") and stage.stats.errors >= 2


def test_the_scripted_words_read_the_same_at_any_level():
    # the lane scales agent decodes (agent_level_dbfs): the scripted decoder must not depend on it
    pcm = scripted_audio([0, 1, 2, 3, 17, 40, 0])
    for scaled in (pcm, normalise_level(pcm, -20.0), normalise_level(pcm, -6.0), pcm[123:]):
        assert scripted_decoder(scaled).text == "w1 w2 w3 w17 w40"
