"""Fan-out through bounded per-client relays, the floor tiles, and the call's audio queue."""

from __future__ import annotations

import asyncio
import dataclasses
import threading
import time

import numpy as np
import pytest

from coach.asr.engine import DecodedWord, DecodeResult
from coach.asr.stage import TranscriptionStage
from coach.config import load_config
from coach.pipeline.analyzer import CallAnalyzer
from coach.server.audioqueue import AudioQueue, End, Note
from coach.server.floor import CallTile
from coach.server.hub import CLOSE_TOO_SLOW, Hub, Relay
from coach.server.runner import AnalysisPool, CallRunner, service_together
from coach.sources.recording import load_recording
from coach.types import SAMPLE_RATE, AudioChunk, Lane
from tests.conftest import ROOT

DEMO_CALL = ROOT / "coach/data/demo_call.flac"


class FakeSocket:
    """A client socket: ``stalled`` never finishes a send (a frozen tab); otherwise records messages."""

    def __init__(self, stalled: bool = False) -> None:
        self.stalled = stalled
        self.received: list[str] = []
        self.closed: tuple[int, str] | None = None

    async def send(self, message: str) -> None:
        if self.stalled:
            await asyncio.Event().wait()
        self.received.append(message)

    async def close(self, code: int = 1000, reason: str = "") -> None:
        self.closed = (code, reason)


def test_a_stalled_client_is_dropped_with_a_reason_and_the_others_get_everything():
    async def scenario():
        hub = Hub()
        good, bad = FakeSocket(), FakeSocket(stalled=True)
        relays = [Relay(s, name=n, max_messages=50, max_lag_s=60) for s, n in ((good, "good"), (bad, "bad"))]
        for r in relays:
            hub.subscribe("agent:joe", r)
            r.start()
        for i in range(200):
            hub.publish("agent:joe", f"m{i}")  # never awaits a client
            if i % 10 == 0:
                await asyncio.sleep(0)
        for _ in range(10_000):  # let the relays run on the loop's own turns, not for a wall-clock while
            if len(good.received) == 200 and bad.closed is not None:
                break
            await asyncio.sleep(0)
        return hub, good, bad, relays

    hub, good, bad, relays = asyncio.run(scenario())
    assert good.received == [f"m{i}" for i in range(200)]
    assert bad.closed is not None and bad.closed[0] == CLOSE_TOO_SLOW
    assert "too slow: 50 messages" in bad.closed[1]
    assert relays[1].drop_reason and hub.dropped_clients == 1
    assert hub.subscribers("agent:joe") == 1


def test_a_client_too_many_seconds_behind_is_dropped_even_with_a_short_queue():
    async def scenario():
        bad = FakeSocket(stalled=True)
        relay = Relay(bad, name="bad", max_messages=1000, max_lag_s=0.5)
        relay.start()
        assert relay.offer("first", now=100.0)
        await asyncio.sleep(0)  # the sender takes "first" and blocks on it
        assert relay.offer("second", now=100.1)
        assert relay.offer("third", now=100.4)
        assert not relay.offer("fourth", now=100.7)  # "second" has waited 0.6 s
        await asyncio.sleep(0)
        return bad, relay

    bad, relay = asyncio.run(scenario())
    assert relay.closed
    assert "0.6 s behind" in relay.drop_reason
    assert bad.closed[0] == CLOSE_TOO_SLOW


def test_publishing_to_a_topic_without_clients_costs_nothing():
    hub = Hub()
    hub.publish("floor", "x")
    assert hub.stats()["published"] == 0


def tile() -> CallTile:
    return CallTile(call_id="c", agent_id="joe", source="t", started_at=0.0)


def test_a_tile_alerts_once_when_the_call_crosses_into_escalated_and_tracks_the_trend():
    t = tile()
    steps = [(1.0, "calm", 0.1), (5.0, "tense", 0.45), (9.0, "escalated", 0.8), (12.0, "escalated", 0.85)]
    crossings = [
        t.apply({"type": "escalation", "t": a, "at": a, "level": lv, "score": s}, 0.0)[1] for a, lv, s in steps
    ]
    assert crossings == [False, False, True, False]
    assert (t.level, t.trend) == ("escalated", "rising")
    t.apply({"type": "escalation", "t": 24.0, "at": 24.0, "level": "tense", "score": 0.4}, 0.0)
    assert t.trend == "falling"  # against the score 15 s of call audio earlier
    for a in (40.0, 46.0):
        t.apply({"type": "escalation", "t": a, "at": a, "level": "tense", "score": 0.42}, 0.0)
    assert t.trend == "steady"


def test_a_tile_shows_the_nudge_until_it_expires_and_counts_interruptions():
    t = tile()
    t.apply({"type": "nudge", "t": 1, "at": 2, "kind": "dead_air", "text": "Check in", "severity": "medium",
             "evidence": {"reason": "quiet"}, "expires": 8.0}, 0.0)  # fmt: skip
    assert t.nudge["text"] == "Check in" and t.nudge["reason"] == "quiet"
    t.apply({"type": "overlap", "t": 3, "at": 4, "by": "agent", "kind": "interruption", "end": 3.5}, 0.0)
    t.apply({"type": "overlap", "t": 5, "at": 6, "by": "customer", "kind": "backchannel", "end": 5.2}, 0.0)
    assert t.interruptions == {"agent": 1, "customer": 0}
    t.apply({"type": "prosody", "t": 7, "at": 8.5, "speaker": "agent", "loudness_delta_db": 2.0}, 0.0)
    assert t.nudge is None


def test_hotter_tiles_sort_first():
    calm, hot, nudged = tile(), tile(), tile()
    calm.apply({"type": "escalation", "t": 1, "at": 1, "level": "calm", "score": 0.1}, 0.0)
    hot.apply({"type": "escalation", "t": 1, "at": 1, "level": "escalated", "score": 0.8}, 0.0)
    nudged.apply({"type": "escalation", "t": 1, "at": 1, "level": "calm", "score": 0.1}, 0.0)
    nudged.apply({"type": "nudge", "t": 1, "at": 1, "severity": "high", "expires": 9}, 0.0)
    assert hot.hot > nudged.hot > calm.hot


def test_the_audio_queue_drops_the_oldest_audio_but_keeps_markers():
    q = AudioQueue(max_samples=3200)
    q.put(AudioChunk(Lane.AGENT, 0, np.zeros(1600, np.float32)))
    q.put(Note("gap", {}))
    q.put(AudioChunk(Lane.CUSTOMER, 0, np.zeros(1600, np.float32)))
    dropped = q.put(AudioChunk(Lane.AGENT, 1600, np.zeros(1600, np.float32)))
    assert dropped
    assert q.dropped_samples == {Lane.AGENT: 1600, Lane.CUSTOMER: 0}
    items = q.take_all()
    assert [type(i).__name__ for i in items] == ["Note", "AudioChunk", "AudioChunk"]
    assert q.queued_samples == 0


def test_dropped_audio_is_analysed_as_silence_and_reported():
    cfg = load_config()
    queue = AudioQueue(max_samples=16000)  # half a second per lane
    emitted, done = [], []
    runner = CallRunner(
        "c", queue, lambda: CallAnalyzer(cfg, call_id="c"),
        lambda events, ms: emitted.extend(events), lambda *args: done.append(args),
    )  # fmt: skip
    for start in range(0, 32000, 1600):  # 2 s of both lanes arrive while the analysis is stalled
        for lane in Lane:
            queue.put(AudioChunk(lane, start, np.zeros(1600, np.float32)))
    queue.put(End(True, None))
    runner.service()
    assert runner.wait_closed(30)
    dropped = [e for e in emitted if e["type"] == "stream" and e["kind"] == "dropped"]
    assert {e["lane"] for e in dropped} == {"agent", "customer"}
    assert sum(e["seconds"] for e in dropped) == pytest.approx(3.0, abs=0.11)
    end = emitted[-1]
    assert end["type"] == "call.end" and end["summary"]["duration_s"] == pytest.approx(2.0, abs=0.04)
    assert done == [(True, None, end["summary"])]


class _Worker:
    """Records the calls submitted for service (stands in for the analysis thread)."""

    def __init__(self) -> None:
        self.submitted: list[CallRunner] = []

    def submit(self, runner: CallRunner) -> None:
        self.submitted.append(runner)


def _batching_runner(queue: AudioQueue) -> tuple[CallRunner, _Worker]:
    runner = CallRunner("c", queue, lambda: None, lambda *a: None, lambda *a: None, batch_samples=3200)  # 100 ms a lane
    worker = _Worker()
    runner.worker = worker  # type: ignore[assignment]
    return runner, worker


def test_audio_wakes_the_analysis_once_a_batch_has_gathered_and_the_end_wakes_it_at_once():
    queue = AudioQueue(max_samples=64000)
    runner, worker = _batching_runner(queue)
    for start in range(0, 1600, 320):  # 20 ms chunks of both lanes, as a phone stream sends them
        assert worker.submitted == []
        for lane in Lane:
            queue.put(AudioChunk(lane, start, np.zeros(320, np.float32)))
            runner.wake(audio=True)
    assert worker.submitted == [runner]  # at 100 ms a lane, not before

    queue = AudioQueue(max_samples=64000)
    runner, worker = _batching_runner(queue)
    queue.put(AudioChunk(Lane.AGENT, 0, np.zeros(320, np.float32)))
    runner.wake(audio=True)
    assert worker.submitted == []
    queue.put(End(True, None))
    runner.wake()
    assert worker.submitted == [runner]  # the last audio is analysed with the end, without waiting


def test_a_call_waiting_for_its_last_finals_does_not_hold_the_other_calls_of_its_worker():
    """One analysis thread, two calls. Call a ends while the decoder is busy (its decodes wait until
    ``decoder_free``): its end waits for its last final, and meanwhile call b, pinned to the same
    thread, is analysed as its audio comes. Then the decoder frees and a's end arrives, final first."""
    cfg = load_config()
    asr_cfg = dataclasses.replace(cfg.asr, mode="threaded")
    decoder_free = threading.Event()

    def busy_decoder(pcm: np.ndarray, prompt: str | None) -> DecodeResult:
        decoder_free.wait(60)
        words = (DecodedWord(0.2, 0.5, " hello", 0.9), DecodedWord(0.5, 0.9, " there", 0.9))
        return DecodeResult("hello there", words, -0.1, 0.0, 1.0, len(pcm) / SAMPLE_RATE)

    recording = load_recording(DEMO_CALL)  # the demo call: both lanes talk in its first seconds
    speech = {lane: recording.lane(lane) for lane in Lane}
    pool = AnalysisPool(1)
    emitted: dict[str, list[dict]] = {"a": [], "b": []}
    done: dict[str, tuple] = {}
    runners = {}
    for call_id in ("a", "b"):
        stage = TranscriptionStage(asr_cfg, decode=busy_decoder) if call_id == "a" else None
        runners[call_id] = CallRunner(
            call_id, AudioQueue(max_samples=10 * SAMPLE_RATE),
            lambda c=call_id, s=stage: CallAnalyzer(cfg, call_id=c, transcription=s),
            lambda events, ms, c=call_id: emitted[c].extend(events),
            lambda *args, c=call_id: done.__setitem__(c, args),
        )  # fmt: skip
        pool.attach(runners[call_id])
    try:
        a, b = runners["a"], runners["b"]
        for lane in Lane:
            a.audio.put(AudioChunk(lane, 0, speech[lane][: 6 * SAMPLE_RATE]))
        a.audio.put(End(True, None))
        a.wake()
        for start in range(0, 4 * SAMPLE_RATE, SAMPLE_RATE // 2):  # b's audio comes after a's end
            for lane in Lane:
                b.audio.put(AudioChunk(lane, start, speech[lane][start : start + SAMPLE_RATE // 2]))
            b.wake(audio=True)
            _wait_until(lambda s=start: b.analysed_s >= (s + SAMPLE_RATE // 2) / SAMPLE_RATE - 0.04)
        assert "a" not in done and not a.wait_closed(0.0)  # a still waits for its final...
        assert b.analysed_s == pytest.approx(4.0, abs=0.04)  # ...while b was analysed up to its last audio
        decoder_free.set()
        assert a.wait_closed(60)
        kinds = [(e["type"], e.get("final")) for e in emitted["a"]]
        assert ("transcript", True) in kinds and kinds[-1] == ("call.end", None)
        assert kinds.index(("transcript", True)) < len(kinds) - 1
        assert done["a"][:2] == (True, None) and "b" not in done
    finally:
        decoder_free.set()
        pool.stop()


def _wait_until(predicate, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail("timed out")
        time.sleep(0.01)


def _runners(n_calls: int, events: list[list[dict]]) -> list[CallRunner]:
    cfg = load_config()
    return [
        CallRunner(
            f"c{i}",
            AudioQueue(max_samples=20 * SAMPLE_RATE),
            lambda i=i: CallAnalyzer(cfg, call_id=f"c{i}"),
            lambda evs, ms, i=i: events[i].extend(evs),
            lambda *args: None,
        )  # fmt: skip
        for i in range(n_calls)
    ]


def test_calls_serviced_together_get_exactly_the_events_they_get_one_by_one():
    """Four calls of one worker, each 12 s of the demo call from its own offset, arriving in steps of
    different sizes (so their frame counts differ), one with a hole (dropped audio) and one with a note:
    serviced together step by step they emit exactly what each emits serviced alone."""
    recording = load_recording(DEMO_CALL)
    lanes = {lane: recording.lane(lane) for lane in Lane}
    offsets, steps = (0, 20, 40, 55), (1600, 1700, 2900, 4000)  # samples per lane a step
    results: list[list[list[dict]]] = []
    for together in (False, True):
        events: list[list[dict]] = [[] for _ in offsets]
        runners = _runners(len(offsets), events)
        position = [0] * len(offsets)
        for round_ in range(12 * SAMPLE_RATE // 1600):
            for i, (offset, step) in enumerate(zip(offsets, steps, strict=True)):
                start = position[i]
                if start >= 12 * SAMPLE_RATE:
                    continue
                if i == 2 and round_ == 20:
                    start += 8000  # half a second that never arrived: analysed as silence, said so
                if i == 3 and round_ == 30:
                    runners[i].audio.put(Note("reconnect"))
                for lane in Lane:
                    pcm = lanes[lane][offset * SAMPLE_RATE + start : offset * SAMPLE_RATE + start + step]
                    runners[i].audio.put(AudioChunk(lane, start, pcm))
                position[i] = start + step
            if together:
                service_together(runners)
            else:
                for runner in runners:
                    runner.service()
        for runner in runners:
            runner.audio.put(End(True, None))
            runner.service()
            assert runner.wait_closed(30)
        results.append(events)
    alone, together_ = results
    assert [e["type"] for e in together_[2]].count("stream") >= 1  # the hole was reported
    assert any(e["type"] == "speech" for e in alone[0])
    for i in range(len(offsets)):
        assert together_[i] == alone[i]
