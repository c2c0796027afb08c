"""`/ws/ingest` sample rates: a declared rate is resampled to 16 kHz in call time; a wrong one is refused or flagged.

One real server (127.0.0.1, random port, transcribing with the real tiny.en model) for the module; a real
websocket client. The real-time rate watch reads the wall clock once per audio message through
``server.sockets.clock``; the test that exercises it replaces that clock with a fake one that advances a fixed
step per read, so no test sleeps and the figures are exact.
"""

from __future__ import annotations

import io
import json
import logging
import socket
import time

import numpy as np
import pytest
import soundfile as sf
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from coach.asr.textnorm import wer
from coach.server.ingest_audio import INGEST_RATES, RATE_WINDOW_S, IngestAudio, RateWatch
from coach.server.wire import encode_stereo
from coach.types import SAMPLE_RATE, Lane
from tests.test_server_support import LEAD, make_config, request, running_server
from training.asr_corpus import asterisk_transcripts

PROMPT = "ss-noservice"
"""An 8 kHz telephone prompt of ../shared/data (4.9 s), the one test_asr_engine.py transcribes too."""
LEAD_IN_S = 1.5


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ingest_rates")
    with running_server(make_config(tmp, server={"transcribe": True})) as srv:
        yield srv


def ingest_url(server) -> str:
    return f"{server.url.replace('http', 'ws')}/ws/ingest?token={LEAD}"


def until_closed(ws) -> list[dict]:
    """Every reply until the server closes the socket."""
    replies = []
    with pytest.raises(ConnectionClosed):
        while True:
            replies.append(json.loads(ws.recv(timeout=120)))
    return replies


def send_call(server, start: dict, messages: list[bytes]) -> tuple[str, list[dict]]:
    """One call over the ingest socket; (call id, every reply) once the server closed it."""
    with connect(ingest_url(server), max_size=2**22) as ws:
        ws.send(json.dumps({"type": "start", "agent_id": "joe", "source": "test", **start}))
        call_id = json.loads(ws.recv(timeout=60))["call_id"]
        for m in messages:
            ws.send(m)
        ws.send(json.dumps({"type": "end"}))
        replies = until_closed(ws)
        assert ws.close_code == 1000
    return call_id, replies


def stored_events(server, call_id: str) -> list[dict]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # the store writes behind the call
        status, call, _ = request(server.url, "GET", f"/api/calls/{call_id}", token=LEAD)
        if status == 200 and call["status"] != "live":
            status, body, _ = request(server.url, "GET", f"/api/calls/{call_id}/events", token=LEAD)
            if any(e["type"] == "call.end" for e in body["events"]):
                return body["events"]
        time.sleep(0.1)
    pytest.fail("the call was not stored")


def stereo_messages(agent: np.ndarray, customer: np.ndarray, step: int) -> list[bytes]:
    return [encode_stereo(agent[i : i + step], customer[i : i + step]) for i in range(0, len(agent), step)]


def longest_pause(pcm: np.ndarray, rate: int) -> tuple[float, float]:
    """Seconds (start, end) of the longest run of quiet 10 ms frames between the first and last loud one."""
    hop = rate // 100
    loud = np.abs(pcm[: len(pcm) // hop * hop]).reshape(-1, hop).max(axis=1) > 0.02
    first, last = np.argmax(loud), len(loud) - np.argmax(loud[::-1])
    best, run_start = (0, 0), None
    for i in range(first, last):
        if not loud[i] and run_start is None:
            run_start = i
        elif loud[i] and run_start is not None:
            best = max(best, (run_start, i), key=lambda r: r[1] - r[0])
            run_start = None
    return best[0] / 100, best[1] / 100


def test_an_8khz_call_is_heard_at_its_own_audio_times_and_transcribed(server, shared_data):
    pcm, rate = sf.read(str(shared_data / "asr" / "asterisk_8k" / f"{PROMPT}.flac"), dtype="float32")
    assert rate == 8000
    pause_start, pause_end = longest_pause(pcm, rate)  # between the prompt's two sentences (2.3-2.6 s)
    agent = np.concatenate([np.zeros(int(LEAD_IN_S * rate), np.float32), pcm, np.zeros(rate, np.float32)])
    total_s = len(agent) / rate
    call_id, replies = send_call(
        server, {"realtime": False, "sample_rate": 8000}, stereo_messages(agent, np.zeros_like(agent), rate // 10)
    )
    ended = replies[-1]
    assert ended["type"] == "ended" and ended["complete"] is True and ended["reason"] is None
    events = stored_events(server, call_id)
    end = next(e for e in events if e["type"] == "call.end")
    assert end["t"] == pytest.approx(total_s, abs=0.05)  # an 8 kHz second is one second of the call
    finals = [e for e in events if e["type"] == "transcript" and e.get("final") and e["speaker"] == "agent"]
    assert finals, "the agent's prompt was not transcribed"
    words = [w for e in finals for w in e["words"]]
    first_sentence = [w for w in words if w["end"] <= LEAD_IN_S + pause_start + 0.3]
    assert first_sentence and first_sentence[-1]["w"].lower().startswith("service")
    assert first_sentence[-1]["end"] == pytest.approx(LEAD_IN_S + pause_start, abs=0.3)
    assert words[len(first_sentence)]["start"] == pytest.approx(LEAD_IN_S + pause_end, abs=0.3)
    assert words[0]["start"] >= LEAD_IN_S - 0.5 and words[-1]["end"] <= LEAD_IN_S + len(pcm) / rate + 0.3
    heard = " ".join(e["text"] for e in finals)
    assert wer(asterisk_transcripts()[PROMPT], heard) <= 0.2
    assert not [e for e in events if e["type"] == "stream" and e.get("kind") == "sample_rate"]  # not real time


def test_a_source_that_drops_right_after_speech_keeps_what_was_said(server, shared_data):
    """The rule's "a call cut mid-way keeps its transcript": the 8 kHz prompt, then the socket drops with no
    ``end`` and no close frame (a softphone killed) before the endpointer has heard the speech end. The call is
    stored incomplete and the words still in the recogniser's buffer are finalised at the drop, not lost."""
    pcm, rate = sf.read(str(shared_data / "asr" / "asterisk_8k" / f"{PROMPT}.flac"), dtype="float32")
    agent = np.concatenate([np.zeros(int(LEAD_IN_S * rate), np.float32), pcm])
    with connect(ingest_url(server), max_size=2**22) as ws:
        ws.send(json.dumps({"type": "start", "agent_id": "joe", "realtime": False, "sample_rate": 8000}))
        call_id = json.loads(ws.recv(timeout=60))["call_id"]
        for m in stereo_messages(agent, np.zeros_like(agent), rate // 10):
            ws.send(m)
        ws.socket.shutdown(socket.SHUT_RDWR)  # gone, without a close frame
    events = stored_events(server, call_id)
    end = next(e for e in events if e["type"] == "call.end")
    assert (end["complete"], end["reason"]) == (False, "the source disconnected")
    finals = [e for e in events if e["type"] == "transcript" and e.get("final") and e["speaker"] == "agent"]
    assert wer(asterisk_transcripts()[PROMPT], " ".join(e["text"] for e in finals)) <= 0.2


@pytest.mark.parametrize("bad", [bytes([5, 0, 0]), b"\x00\x00", json.dumps({"type": "pause"})])
def test_a_malformed_message_mid_call_keeps_all_the_audio_received_before_it(server, bad):
    """One second of 8 kHz audio, then a malformed message (an unknown lane byte, an odd length, an unknown
    type): closed 4400, and the call keeps the whole second, the part the resampler held back (66 ms) too."""
    lane = np.full(8000, 0.01, np.float32)
    with connect(ingest_url(server), max_size=2**22) as ws:
        ws.send(json.dumps({"type": "start", "agent_id": "joe", "realtime": False, "sample_rate": 8000}))
        call_id = json.loads(ws.recv(timeout=60))["call_id"]
        for m in stereo_messages(lane, lane, 800):
            ws.send(m)
        ws.send(bad)
        until_closed(ws)
        assert ws.close_code == 4400
    end = next(e for e in stored_events(server, call_id) if e["type"] == "call.end")
    assert (end["complete"], end["reason"]) == (False, "malformed message from the source")
    status, flac, _ = request(server.url, "GET", f"/api/calls/{call_id}/audio", token=LEAD)
    assert status == 200
    stored, rate = sf.read(io.BytesIO(flac), dtype="float32")
    assert (rate, stored.shape) == (SAMPLE_RATE, (SAMPLE_RATE, 2))  # the whole second, not 0.934 s of it


@pytest.mark.parametrize("rate", [8001, 8000.0, "16000", 0, True, 96000, None])
def test_a_rate_outside_the_accepted_ones_is_closed_4400_naming_them(server, rate):
    with connect(ingest_url(server)) as ws:
        ws.send(json.dumps({"type": "start", "agent_id": "joe", "sample_rate": rate}))
        until_closed(ws)
    assert ws.close_code == 4400
    assert f"sample_rate {rate!r} is not accepted" in ws.close_reason
    assert "8000, 11025, 16000, 22050, 24000, 44100, 48000 Hz" in ws.close_reason


def test_an_audio_message_carries_at_most_16000_samples_per_lane_whatever_the_rate(server):
    third = np.zeros(16_000, np.float32)  # a third of a second at 48 kHz: the largest message (64 kB)
    _, replies = send_call(server, {"realtime": False, "sample_rate": 48_000}, [encode_stereo(third, third)] * 2)
    assert replies[-1]["complete"] is True
    with connect(ingest_url(server)) as ws:
        ws.send(json.dumps({"type": "start", "agent_id": "joe", "sample_rate": 8000}))
        ws.recv(timeout=60)
        ws.send(bytes([0]) + b"\x00\x00" * 16_001)
        until_closed(ws)
    assert ws.close_code == 4400 and "at most 16000 samples" in ws.close_reason


class StepClock:
    """A fake wall clock: each read is ``step`` seconds after the one before."""

    def __init__(self, step: float) -> None:
        self.step = step
        self.now = 1000.0

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def test_a_realtime_source_sending_8khz_as_16khz_is_flagged_not_resampled(server, caplog):
    """0.1 s of 16 kHz samples per message, one message every 0.2 s of (fake) wall time: half real time,
    as 8 kHz audio sent without saying so arrives. 25 s of wall time, 12.5 s of audio."""
    silence = np.zeros(SAMPLE_RATE // 10, np.float32)
    messages = [encode_stereo(silence, silence)] * 125
    real_clock = server.sockets.clock
    server.sockets.clock = StepClock(0.2)
    try:
        with caplog.at_level(logging.WARNING, logger="coach.server.sockets"):
            call_id, replies = send_call(server, {"realtime": True}, messages)
    finally:
        server.sockets.clock = real_clock
    reason = "audio arrived at 0.50x real time: the source may send 8000 Hz while declaring 16000"
    ended = replies[-1]
    assert (ended["complete"], ended["reason"]) == (True, reason)
    events = stored_events(server, call_id)
    end = next(e for e in events if e["type"] == "call.end")
    assert end["reason"] == reason and end["t"] == pytest.approx(12.5, abs=0.05)  # analysed as declared
    flagged = [e for e in events if e["type"] == "stream" and e.get("kind") == "sample_rate"]
    assert len(flagged) == 1
    assert (flagged[0]["ratio"], flagged[0]["declared"], flagged[0]["sounds_like"]) == (0.5, 16000, 8000)
    assert flagged[0]["t"] == pytest.approx(RATE_WINDOW_S, abs=0.3)  # two windows of wall time: one of audio
    logged = [r.getMessage() for r in caplog.records if "real time" in r.getMessage()]
    assert logged == [
        f"call {call_id}: audio arrives at 0.50x real time over 20 s (declared 16000 Hz, sounds like 8000 Hz)"
    ]


def test_a_realtime_source_at_its_declared_rate_is_not_flagged(server):
    silence = np.zeros(SAMPLE_RATE // 10, np.float32)
    real_clock = server.sockets.clock
    server.sockets.clock = StepClock(0.1)
    try:
        call_id, replies = send_call(server, {"realtime": True}, [encode_stereo(silence, silence)] * 250)
    finally:
        server.sockets.clock = real_clock
    assert replies[-1]["reason"] is None
    stream = [e for e in stored_events(server, call_id) if e["type"] == "stream"]
    assert not [e for e in stream if e["kind"] == "sample_rate"]  # sent in a burst: "dropped" at most


def watch_ratios(ratios: list[float], *, declared: int = 16000, window_s: float = RATE_WINDOW_S):
    """Feed a RateWatch one message per 0.1 s of fake wall time, each window at its own ratio."""
    clock = StepClock(0.1)
    watch = RateWatch(clock, declared)
    audio = 0.0
    watch.observe(audio)
    for ratio in ratios:
        for _ in range(round(window_s / 0.1)):
            audio += 0.1 * ratio
            watch.observe(audio)
    return watch.finding


def test_the_rate_watch_needs_a_sustained_wrong_rate():
    assert watch_ratios([0.5, 0.5]).ratio == pytest.approx(0.5)
    double = watch_ratios([2.0, 2.0], declared=8000)
    assert (round(double.ratio, 2), double.sounds_like) == (2.0, 16000)
    fast = watch_ratios([20.0, 20.0])  # a replay declared real time: no rate explains it, none is named
    assert fast.sounds_like is None and fast.reason() == (
        "audio arrived at 20.00x real time: is the source real time, at the rate it declares?"
    )
    assert watch_ratios([0.5, 1.0, 0.5, 1.0]) is None  # one bad window at a time (a burst, a gap)
    assert watch_ratios([0.5, 2.0, 0.5]) is None  # slow then fast is not one wrong rate
    assert watch_ratios([0.0, 0.0, 0.0]) is None  # a stalled source sends nothing: not a rate
    assert watch_ratios([1.0, 1.2, 0.85, 1.0]) is None  # jitter inside the band


@pytest.mark.parametrize("rate", INGEST_RATES)
def test_every_accepted_rate_lands_in_call_time(rate):
    """A 50 ms click 0.5 s into 1.3 s of audio, sent in 0.1 s messages: 1.3 s of 16 kHz out, the click at 0.5 s."""
    lane = np.zeros(round(1.3 * rate), np.float32)
    lane[round(0.5 * rate) : round(0.55 * rate)] = 0.5
    audio = IngestAudio(rate)
    step = rate // 10
    chunks = []
    for i in range(0, len(lane), step):
        chunks += audio.decode(bytes([0]) + (lane[i : i + step] * 32767).astype("<i2").tobytes())
    chunks += audio.flush()
    assert all(c.lane is Lane.AGENT for c in chunks)
    assert [c.start_sample for c in chunks] == [0] + [c.end_sample for c in chunks[:-1]]  # contiguous
    out = np.concatenate([c.pcm for c in chunks])
    assert abs(len(out) - round(1.3 * SAMPLE_RATE)) <= 1
    assert np.argmax(np.abs(out) > 0.25) / SAMPLE_RATE == pytest.approx(0.5, abs=0.002)
    assert audio.received_s == pytest.approx(1.3, abs=1 / rate)
