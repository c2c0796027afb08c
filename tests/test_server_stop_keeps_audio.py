"""A server that stops mid-call keeps every sample a telephone-rate source sent before the stop.

A source at 8 kHz is resampled to 16 kHz as it comes; the resampler holds back its last 1,060 samples
(66 ms) until the lane ends. When the server itself ends the call (it is stopping), that tail used to be
dropped: the stored call held 14,940 of the 16,000 samples of a one-second call. Real servers on loopback
ports (real SQLite store; ``/ws/ingest`` over a real websocket, Asterisk AudioSocket over real TCP), stopped
once the call's audio has been received (waited for on the server's own count, no sleeps), then started
again on the same store to read the stored recording back through the API.
"""

from __future__ import annotations

import io
import json
import logging
import socket
import threading
import time
import uuid

import numpy as np
import pytest
import soundfile as sf
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from coach.server.app import CoachServer, ServerThread
from coach.server.wire import encode_stereo
from coach.telephony import audiosocket, twilio
from coach.telephony.codecs import ulaw_encode
from coach.types import SAMPLE_RATE
from tests.ports import free_loopback_port
from tests.test_server_support import LEAD, make_config, request, running_server

RATE = 8000
HELD_BACK = 1060
"""Samples of 16 kHz output the 8 kHz resampler still holds after one second of input."""
DIGITS = "4929"
"""A DTMF note's digits: personal data that no log line may carry."""


def wait_until(predicate, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail("the server did not receive the call's audio")
        time.sleep(0.01)


def received(server: CoachServer) -> int:
    """The most 16 kHz samples the server has pushed for a lane of its one live call (0 before it starts)."""
    calls = list(server.manager.calls.values())
    return max(calls[0].received.values()) if calls else 0


def received_on_both_lanes(server: CoachServer) -> int:
    """The fewest 16 kHz samples the server has pushed on either lane of its one live call (0 before it starts): a
    source that sends each lane in messages of its own (Twilio's tracks) has both lanes' last messages read only when
    this, not :func:`received`, reaches the mark (the server stopped after one lane's last message and before the
    other's in a fresh-clone CI run of session 58: 640 samples short)."""
    calls = list(server.manager.calls.values())
    return min(calls[0].received.values()) if calls else 0


def stored_recording(cfg, call_id: str | None = None) -> tuple[dict, np.ndarray]:
    """The one stored call (or ``call_id``) and its recording, read back by a fresh server on the same store."""
    with running_server(cfg) as again:
        if call_id is None:
            [call] = request(again.url, "GET", "/api/calls", token=LEAD)[1]["calls"]
            call_id = call["id"]
        status, call, _ = request(again.url, "GET", f"/api/calls/{call_id}", token=LEAD)
        assert status == 200
        status, flac, _ = request(again.url, "GET", f"/api/calls/{call_id}/audio", token=LEAD)
        assert status == 200
    pcm, rate = sf.read(io.BytesIO(flac), dtype="float32", always_2d=True)
    assert rate == SAMPLE_RATE
    return call, pcm


def test_an_ingest_call_keeps_what_the_resampler_held_when_the_server_stops(tmp_path, caplog):
    cfg = make_config(tmp_path)
    thread = ServerThread(CoachServer(cfg, host="127.0.0.1", port=0)).start()
    lane = np.full(RATE, 0.01, np.float32)
    caplog.set_level(logging.INFO)  # the server's own level
    try:
        url = f"{thread.server.url.replace('http', 'ws')}/ws/ingest?token={LEAD}"
        with connect(url, max_size=2**22) as ws:
            ws.send(json.dumps({"type": "start", "agent_id": "joe", "realtime": False, "sample_rate": RATE}))
            call_id = json.loads(ws.recv(timeout=60))["call_id"]
            ws.send(json.dumps({"type": "note", "kind": "dtmf", "digits": DIGITS}))
            for i in range(0, RATE, 800):
                ws.send(encode_stereo(lane[i : i + 800], lane[i : i + 800]))
            wait_until(lambda: received(thread.server) >= SAMPLE_RATE - HELD_BACK)
            stopper = threading.Thread(target=thread.stop)
            stopper.start()
            replies = []
            with pytest.raises(ConnectionClosed):
                while True:
                    replies.append(json.loads(ws.recv(timeout=60)))
            stopper.join(60)
    finally:
        thread.stop()
    ended = replies[-1]
    assert (ended["type"], ended["complete"], ended["reason"]) == ("ended", False, "the server stopped")
    call, pcm = stored_recording(cfg, call_id)
    assert (call["status"], call["end_reason"]) == ("incomplete", "the server stopped")
    assert pcm.shape == (SAMPLE_RATE, 2)  # the whole second on both lanes (14,940 samples before)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert call_id in logged and DIGITS not in logged  # the server logged the call, not its digits


def test_an_audiosocket_call_keeps_what_the_resampler_held_when_the_server_stops(tmp_path):
    port = free_loopback_port()
    cfg = make_config(tmp_path, telephony={"audiosocket_port": port, "default_agent_id": "desk-7"})
    thread = ServerThread(CoachServer(cfg, host="127.0.0.1", port=0)).start()
    lane = np.full(RATE, 0.01, np.float32)
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(audiosocket.uuid_frame(str(uuid.uuid4())))
            for i in range(0, RATE, 160):
                sock.sendall(audiosocket.audio_frame(lane[i : i + 160]))
            wait_until(lambda: received(thread.server) >= SAMPLE_RATE - HELD_BACK)
            thread.stop()
            assert sock.recv(1) == b""  # the stopped server hung up (it used to leave the connection open)
    finally:
        thread.stop()
    call, pcm = stored_recording(cfg)
    assert (call["status"], call["end_reason"]) == ("incomplete", "the server stopped")
    assert len(pcm) == SAMPLE_RATE  # the whole second of the customer's lane (14,940 samples before)
    assert np.abs(pcm[-HELD_BACK:, 1]).min() > 0.005  # the tail is the customer's audio (right), not padding


def test_a_twilio_call_keeps_what_the_resampler_held_when_the_server_stops(tmp_path):
    """Twilio Media Streams (mu-law at 8 kHz, both tracks) over a real websocket to the server's /ingest/twilio."""
    cfg = make_config(tmp_path, telephony={"allow_unauthenticated": True, "default_agent_id": "desk-7"})
    thread = ServerThread(CoachServer(cfg, host="127.0.0.1", port=0)).start()
    payload = ulaw_encode(np.full(RATE, 0.01, np.float32))
    try:
        with connect(f"{thread.server.url.replace('http', 'ws')}/ingest/twilio", proxy=None) as ws:
            ws.send(twilio.connected_message())
            ws.send(twilio.start_message(call_sid="CA1", stream_sid="MZ1"))
            for n, at in enumerate(range(0, RATE, 160), start=1):
                for track in ("inbound", "outbound"):
                    message = twilio.media_message(
                        stream_sid="MZ1", track=track, chunk=n, timestamp_ms=(n - 1) * 20,
                        payload=payload[at : at + 160], sequence=2 * n + (track == "outbound"),
                    )  # fmt: skip
                    ws.send(message)
            wait_until(lambda: received_on_both_lanes(thread.server) >= SAMPLE_RATE - HELD_BACK)
            thread.stop()
    finally:
        thread.stop()
    call, pcm = stored_recording(cfg)
    assert (call["status"], call["end_reason"]) == ("incomplete", "the server stopped")
    assert pcm.shape == (SAMPLE_RATE, 2)  # the whole second on both lanes
