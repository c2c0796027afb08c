"""The provisional end of turn (coach/asr/endpoint.py): a final decode queued once the VAD's silence
inside a turn lasts ``provisional_end_s``, used as the turn's final when the VAD confirms the end there,
dropped unseen when speech resumes. Scripted audio and decoder (tests/test_asr_stage.py), times on the
audio only."""

from __future__ import annotations

import numpy as np

from coach.asr.audiotime import AudioTimeExecutor
from coach.asr.config import AsrConfig
from coach.asr.endpoint import ProvisionalEnd, silence_track
from coach.asr.scheduler import DecodeScheduler
from coach.asr.stage import TranscriptionStage
from coach.asr.stream import LaneTranscriber
from coach.types import FRAME_SAMPLES, SAMPLE_RATE, AudioChunk, Lane
from tests.test_asr_scheduler import ScriptedDecoder
from tests.test_asr_scheduler import scripted_audio as constant_audio
from tests.test_asr_stage import BLOCK, push_all, scripted_audio, scripted_decoder
from training.asr_corpus import asterisk

HANGOVER = SAMPLE_RATE // 2  # the VAD reports an end 0.5 s after the silence began


def feed(lane: LaneTranscriber, pcm: np.ndarray, speech: list[tuple[int, int]]) -> None:
    """Push ``pcm`` frame by frame with the VAD's pending silence inside each ``speech`` stretch."""
    for pos in range(0, len(pcm), FRAME_SAMPLES):
        now = pos + FRAME_SAMPLES
        lane.push(AudioChunk(lane.lane, pos, pcm[pos:now]))
        since = next((e for s, e in speech if s < now and e < now), None)
        if since is None or now - since < HANGOVER:  # (at the hangover the VAD ends the turn instead)
            lane.vad_silence(since, now)


def test_the_provisional_final_decoded_before_the_vad_end_is_the_turn_final_at_once():
    lane = LaneTranscriber(Lane.AGENT, AsrConfig(partials=False, provisional_end_s=0.3))
    pcm = scripted_audio([0, 1, 2, 3, 4, 0, 0])
    lane.speech_started(BLOCK)
    push_all(lane, pcm[: 5 * BLOCK + int(0.29 * SAMPLE_RATE)])
    lane.vad_silence(5 * BLOCK, lane.position)
    assert lane.next_final() is None  # 0.29 s of silence: not yet
    push_all(lane, pcm[lane.position : 5 * BLOCK + int(0.31 * SAMPLE_RATE)], start=lane.position)
    lane.vad_silence(5 * BLOCK, lane.position)
    req = lane.next_final()
    assert req is not None and req.speech_end == 5 * BLOCK
    assert lane.apply(req, scripted_decoder(req.pcm), now=lane.position) == []  # not shown before the VAD
    lane.speech_ended(5 * BLOCK)
    assert lane.next_final() is None  # no second decode
    (event,) = lane.drain_ready(now=5 * BLOCK + HANGOVER)
    assert event.data["final"] and event.data["text"] == "w1 w2 w3 w4" and event.data["end"] == 2.5
    assert lane.provisional is not None and lane.provisional.used == 1


def test_a_provisional_final_still_decoding_at_the_vad_end_is_the_final_when_it_returns():
    lane = LaneTranscriber(Lane.AGENT, AsrConfig(partials=False, provisional_end_s=0.3))
    pcm = scripted_audio([0, 1, 2, 3, 0, 0])
    lane.speech_started(BLOCK)
    feed(lane, pcm[: 4 * BLOCK + HANGOVER], [(BLOCK, 4 * BLOCK)])
    (req,) = lane.take_finals()
    lane.speech_ended(4 * BLOCK)
    assert lane.next_final() is None and lane.drain_ready(now=lane.position) == []
    (event,) = lane.apply(req, scripted_decoder(req.pcm), now=lane.position)
    assert event.data["final"] and event.data["text"] == "w1 w2 w3"


def test_speech_resuming_drops_the_provisional_final_and_no_word_is_lost_or_doubled():
    # w1 w2, a 0.4 s pause (past provisional_end_s, short of the hangover), w3 w4, the end
    cfg = AsrConfig(provisional_end_s=0.25, final_from_partial=False)
    lane = LaneTranscriber(Lane.AGENT, cfg)
    pause = int(0.4 * SAMPLE_RATE)
    pcm = np.concatenate(
        [
            scripted_audio([0, 1, 2]),
            np.zeros(pause, np.float32),
            scripted_audio([3, 4, 0, 0]),
        ]
    )
    resume = 3 * BLOCK + pause
    lane.speech_started(BLOCK)
    events, provisional = [], []
    for pos in range(0, len(pcm), FRAME_SAMPLES):
        now = pos + FRAME_SAMPLES
        lane.push(AudioChunk(Lane.AGENT, pos, pcm[pos:now]))
        if 3 * BLOCK < now <= resume:
            since: int | None = 3 * BLOCK
        elif resume + 2 * BLOCK < now:
            since = resume + 2 * BLOCK
        else:
            since = None
        lane.vad_silence(since, now)
        provisional += lane.take_finals()
        if (partial := lane.take_partial()) is not None:
            events += lane.apply(partial, scripted_decoder(partial.pcm), now=now)
        if since == resume + 2 * BLOCK and now - since >= HANGOVER:
            break
    first = provisional[0]
    assert first.speech_end == 3 * BLOCK  # made in the pause, then speech resumed: dropped unseen
    assert lane.apply(first, scripted_decoder(first.pcm), now=lane.position) == []
    lane.speech_ended(resume + 2 * BLOCK)
    later = provisional[1:] + lane.take_finals()
    for req in later:
        events += lane.apply(req, scripted_decoder(req.pcm), now=lane.position)
    events += lane.drain_ready(now=lane.position)
    finals = [e for e in events if e.data["final"]]
    assert [e.data["text"] for e in finals] == ["w1 w2 w3 w4"]
    assert lane.provisional is not None and lane.provisional.dropped >= 1


def test_no_provisional_final_without_the_setting_or_outside_a_turn():
    off = LaneTranscriber(Lane.AGENT, AsrConfig(partials=False, provisional_end_s=0.0))
    on = LaneTranscriber(Lane.AGENT, AsrConfig(partials=False, provisional_end_s=0.3))
    pcm = scripted_audio([0, 1, 2, 0, 0])
    on.speech_started(BLOCK)
    off.speech_started(BLOCK)
    feed(off, pcm[: 3 * BLOCK + HANGOVER], [(BLOCK, 3 * BLOCK)])
    assert off.provisional is None and off.pending_finals == 0
    push_all(on, pcm)
    on.speech_ended(3 * BLOCK)
    before = on.pending_finals
    on.vad_silence(3 * BLOCK, len(pcm))  # no turn open: nothing
    assert on.pending_finals == before == 1


def test_watch_fires_once_per_silence_after_the_set_time():
    ep = ProvisionalEnd(0.3)
    late = 1000 + int(0.3 * SAMPLE_RATE)
    assert ep.watch(1, None, late) is None
    assert ep.watch(1, 1000, late - 1) is None
    assert ep.watch(1, 1000, late) == 1000
    assert ep.watch(1, 1000, late + FRAME_SAMPLES) is None  # once
    assert ep.watch(2, 1000, late + FRAME_SAMPLES) == 1000  # a new piece


def vad_frames(pcm: np.ndarray, speech: list[tuple[int, int]]):
    """The live VAD's view of scripted ``speech`` frame by frame: ``(pos, now, starts, ends, since)``
    with the turn starts reported 5 frames in, the ends after the hangover, and the pending silence."""
    for pos in range(0, len(pcm), FRAME_SAMPLES):
        now = pos + FRAME_SAMPLES
        starts = [s for s, _ in speech if s + 5 * FRAME_SAMPLES in range(pos, now)]
        ends = [e for _, e in speech if e + HANGOVER in range(pos, now)]
        yield pos, now, starts, ends, next((e for _, e in speech if e < now <= e + HANGOVER), None)


def stage_final_delays(provisional_end_s: float) -> list[float]:
    """Two turns through a threaded stage whose decodes each cost 0.45 s of audio time, with the VAD
    reporting each end after its 0.5 s hangover: delay of each final after its speech end, seconds."""
    cfg = AsrConfig(mode="threaded", partials=False, provisional_end_s=provisional_end_s)
    stage = TranscriptionStage(cfg, decode=scripted_decoder, lanes=[Lane.AGENT], executor=AudioTimeExecutor(0.45))
    pcm = scripted_audio([0, 1, 2, 3, 0, 0, 0, 4, 5, 0, 0, 0])
    speech = [(BLOCK, 4 * BLOCK), (7 * BLOCK, 9 * BLOCK)]
    events = []
    for pos, now, starts, ends, since in vad_frames(pcm, speech):
        stage.on_chunk(AudioChunk(Lane.AGENT, pos, pcm[pos:now]))
        for s in starts:
            stage.on_speech_start(Lane.AGENT, s)
        for e in ends:
            stage.on_speech_end(Lane.AGENT, e)
        stage.on_vad(Lane.AGENT, since, now)
        events += stage.poll(now)
    events += stage.close(len(pcm))
    out = [e for e in events if e.type == "transcript" and e.data["final"]]
    assert [e.data["text"] for e in out] == ["w1 w2 w3", "w4 w5"]
    return [round(e.at - e.data["end"], 3) for e in out]


def test_on_audio_time_the_provisional_final_arrives_the_hangover_minus_the_pause_earlier():
    base = stage_final_delays(0.0)
    early = stage_final_delays(0.3)
    assert all(d >= 0.5 + 0.45 - 0.033 for d in base)  # hangover, then the decode
    assert all(abs(d - (0.3 + 0.45)) < 0.04 for d in early)  # the decode started 0.3 s after the end


def test_silence_track_matches_the_vad_segments_of_real_speech(shared_data):
    from coach.asr.segments import speech_segments

    pcm = np.concatenate([asterisk("vm-instructions").pcm, np.zeros(SAMPLE_RATE, np.float32)])
    track = silence_track(pcm)
    ends = {e for _, e in speech_segments(pcm)}
    # every segment end is a silence the track reported pending for at least the hangover's frames
    for end in ends:
        frames = [i for i, s in enumerate(track) if s == end]
        assert len(frames) >= HANGOVER // FRAME_SAMPLES - 1, end


def test_a_dropped_provisional_final_still_queued_is_withdrawn_from_the_scheduler_undecoded():
    decoder = ScriptedDecoder()  # (the customer's lane: its audio is decoded at its own level)
    sched = DecodeScheduler(AsrConfig(mode="threaded"), decode=decoder, threads=0, clock=lambda: 0.0)
    cfg = AsrConfig(mode="threaded", partials=False, provisional_end_s=0.25)
    stage = TranscriptionStage(cfg, decode=lambda pcm, prompt: None, lanes=[Lane.CUSTOMER], scheduler=sched)
    pcm = constant_audio([0, 1, 0, 2, 0, 0])  # w1, a 0.5 s pause the VAD does not end at, w2
    stage.on_speech_start(Lane.CUSTOMER, BLOCK)
    events = []
    for pos in range(0, len(pcm), FRAME_SAMPLES):
        now = pos + FRAME_SAMPLES
        stage.on_chunk(AudioChunk(Lane.CUSTOMER, pos, pcm[pos:now]))
        since = 2 * BLOCK if 2 * BLOCK < now <= 3 * BLOCK else (4 * BLOCK if now > 4 * BLOCK else None)
        stage.on_vad(Lane.CUSTOMER, since, now)
        if since == 2 * BLOCK and now - since >= 0.25 * SAMPLE_RATE:
            assert sched.stats()["queued_finals"] == 1  # the provisional final, queued, not decoded
        events += stage.poll(now)
    assert sched.stats()["withdrawn"] == 1
    stage.on_speech_end(Lane.CUSTOMER, 4 * BLOCK)
    sched.drain()
    events += stage.poll(len(pcm)) + stage.close(len(pcm))
    assert [e.data["text"] for e in events if e.type == "transcript" and e.data["final"]] == ["w1 w2"]
    assert sched.stats()["final_slots"] == 1 and len(decoder.calls) == 1  # the second provisional only


def test_a_confirmed_provisional_final_still_decoding_survives_the_next_turns_provisional_final():
    # at 16 calls decodes wait seconds: the lane's next turn ends before the first one's final is back
    lane = LaneTranscriber(Lane.CUSTOMER, AsrConfig(partials=False, provisional_end_s=0.3))
    pcm = scripted_audio([0, 1, 2, 0, 0, 3, 4, 0, 0])
    speech = [(BLOCK, 3 * BLOCK), (5 * BLOCK, 7 * BLOCK)]
    requests = []
    for pos, now, starts, ends, since in vad_frames(pcm, speech):
        lane.push(AudioChunk(Lane.CUSTOMER, pos, pcm[pos:now]))
        for s in starts:
            lane.speech_started(s)
        for e in ends:
            lane.speech_ended(e)
        lane.vad_silence(since, now)
        requests += lane.take_finals()
    assert [r.speech_end for r in requests] == [3 * BLOCK, 7 * BLOCK]  # one decode per turn, none dropped
    events = [e for r in requests for e in lane.apply(r, scripted_decoder(r.pcm), now=len(pcm))]
    assert [e.data["text"] for e in events] == ["w1 w2", "w3 w4"]


def test_a_pause_shorter_than_the_provisional_end_holds_no_partial_and_the_agent_still_gets_one():
    # the agent's finals are always decoded (agent_final_from_partial = false): a partial covering the
    # speech end does not replace the provisional final there
    lane = LaneTranscriber(Lane.AGENT, AsrConfig(provisional_end_s=0.25))
    pcm = scripted_audio([0, 1, 2, 0])
    lane.speech_started(BLOCK)
    push_all(lane, pcm[: 3 * BLOCK + int(0.2 * SAMPLE_RATE)])
    lane.vad_silence(3 * BLOCK, lane.position)  # 0.2 s of silence: maybe a pause between words
    assert lane.take_partial() is not None and lane.pending_finals == 0
    push_all(lane, pcm[lane.position : 3 * BLOCK + int(0.26 * SAMPLE_RATE)], start=lane.position)
    lane.vad_silence(3 * BLOCK, lane.position)
    (req,) = lane.take_finals()
    assert req.speech_end == 3 * BLOCK
    push_all(lane, pcm[lane.position :], start=lane.position)
    assert lane.take_partial() is None  # held while the provisional final covers the turn


def test_a_dropped_provisional_final_commits_the_words_before_the_pause_as_a_partial_would():
    # w1 w2, a 0.4 s pause (a provisional final is made, then speech resumes), w3 w4, the end: the
    # provisional final's words agree with the partial before the pause, so they commit at once (no
    # commit guard: its audio ends in the VAD's silence), whether its decode came back before speech
    # resumed (shown then, as it waits for the VAD) or after; the final holds each word once
    pause = int(0.4 * SAMPLE_RATE)
    pcm = np.concatenate([scripted_audio([0, 1, 2]), np.zeros(pause, np.float32), scripted_audio([3, 4, 0, 0])])
    resume = 3 * BLOCK + pause
    for decoded_before_resume in (True, False):
        lane = LaneTranscriber(Lane.AGENT, AsrConfig(provisional_end_s=0.25))
        lane.speech_started(BLOCK)
        push_all(lane, pcm[: 3 * BLOCK])
        partial = lane.take_partial()
        assert partial is not None
        (shown,) = lane.apply(partial, scripted_decoder(partial.pcm), now=lane.position)
        assert shown.data["stable"] == 0  # one hypothesis: nothing agreed yet
        push_all(lane, pcm[lane.position : 3 * BLOCK + int(0.3 * SAMPLE_RATE)], start=lane.position)
        lane.vad_silence(3 * BLOCK, lane.position)
        (provisional,) = lane.take_finals()
        events = []
        if decoded_before_resume:
            events += lane.apply(provisional, scripted_decoder(provisional.pcm), now=lane.position)
        push_all(lane, pcm[lane.position : resume + FRAME_SAMPLES], start=lane.position)
        lane.vad_silence(None, lane.position)  # speaking again: dropped
        if not decoded_before_resume:
            events += lane.apply(provisional, scripted_decoder(provisional.pcm), now=lane.position)
        events += lane.drain_ready(now=lane.position)
        (committed,) = events
        # (the scripted decoder stretches w2 over the silence after it, to the decoded audio's end: it
        # commits all the same, since the audio after it is the VAD's silence, not a word cut short)
        assert not committed.data["final"] and committed.data["stable"] == 2
        assert committed.data["text"] == "w1 w2"
        push_all(lane, pcm[lane.position : resume + 2 * BLOCK], start=lane.position)
        if (partial := lane.take_partial()) is not None:
            events += lane.apply(partial, scripted_decoder(partial.pcm), now=lane.position)
        lane.speech_ended(resume + 2 * BLOCK)
        for req in lane.take_finals():
            events += lane.apply(req, scripted_decoder(req.pcm), now=lane.position)
        events += lane.drain_ready(now=lane.position)
        assert [e.data["text"] for e in events if e.data["final"]] == ["w1 w2 w3 w4"]


def test_a_provisional_final_back_before_the_vad_end_is_shown_as_a_partial_of_the_audio_it_heard():
    # w1 w2 w3, then quiet: a partial before the pause; the provisional final (0.25 s into the quiet)
    # comes back while the VAD still counts its hangover: its words are shown at once as a partial
    # whose end is the audio it heard, those agreeing with the partial committed (the audio after them
    # is the VAD's silence, so no commit guard); at the VAD's end the same words are the final (no
    # second decode), and no other partial came in between (they are held)
    lane = LaneTranscriber(Lane.AGENT, AsrConfig(provisional_end_s=0.25))
    pcm = scripted_audio([0, 1, 2, 3, 0, 0])
    lane.speech_started(BLOCK)
    push_all(lane, pcm[: 4 * BLOCK])
    partial = lane.take_partial()
    assert partial is not None
    (first,) = lane.apply(partial, scripted_decoder(partial.pcm), now=lane.position)
    assert first.data["text"] == "w1 w2 w3" and first.data["stable"] == 0
    push_all(lane, pcm[lane.position : 4 * BLOCK + int(0.26 * SAMPLE_RATE)], start=lane.position)
    lane.vad_silence(4 * BLOCK, lane.position)
    (req,) = lane.take_finals()
    (shown,) = lane.apply(req, scripted_decoder(req.pcm), now=lane.position)
    heard_to = req.start + len(req.pcm)
    assert not shown.data["final"] and shown.data["text"] == "w1 w2 w3" and shown.data["stable"] == 3
    assert shown.data["pause"] is True and "pause" not in first.data  # the VAD counted the silence after it
    assert shown.data["end"] == round(heard_to / SAMPLE_RATE, 3) and heard_to >= 4 * BLOCK + 0.25 * SAMPLE_RATE
    push_all(lane, pcm[lane.position : 4 * BLOCK + HANGOVER], start=lane.position)
    assert lane.take_partial() is None
    lane.speech_ended(4 * BLOCK)
    assert lane.next_final() is None
    (final,) = lane.drain_ready(now=lane.position)
    assert final.data["final"] and final.data["text"] == "w1 w2 w3" and final.data["end"] == 2.0


def test_a_provisional_final_is_not_shown_as_a_partial_with_partials_off_or_after_the_turn():
    lane = LaneTranscriber(Lane.AGENT, AsrConfig(partials=False, provisional_end_s=0.25))
    pcm = scripted_audio([0, 1, 2, 0, 0])
    lane.speech_started(BLOCK)
    feed(lane, pcm[: 3 * BLOCK + int(0.3 * SAMPLE_RATE)], [(BLOCK, 3 * BLOCK)])
    (req,) = lane.take_finals()
    assert lane.apply(req, scripted_decoder(req.pcm), now=lane.position) == []
    lane = LaneTranscriber(Lane.AGENT, AsrConfig(provisional_end_s=0.25))
    lane.speech_started(BLOCK)
    feed(lane, pcm[: 3 * BLOCK + HANGOVER], [(BLOCK, 3 * BLOCK)])
    provisional = lane.take_finals()
    lane.speech_ended(3 * BLOCK)  # confirmed before its decode came back: it is the final, only that
    events = [e for r in provisional for e in lane.apply(r, scripted_decoder(r.pcm), now=lane.position)]
    assert [(e.data["final"], e.data["text"]) for e in events] == [(True, "w1 w2")]
