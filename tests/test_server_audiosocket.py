"""`coach serve` listens for Asterisk AudioSocket (TCP) when `[telephony] audiosocket_port` is set: a
call streamed as two AudioSocket legs (slin 8 kHz, the documented frame format) is analysed, stored and
reviewable like any other call."""

from __future__ import annotations

import socket
import time

import pytest

from coach.telephony.simulate import load_call_audio, run_audiosocket
from tests.test_server_support import INTERRUPTION_EXCERPT, LEAD, excerpt_file, make_config, request, running_server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_audiosocket_call_reaches_the_server_and_is_coached(tmp_path):
    port = free_port()
    cfg = make_config(tmp_path, telephony={"audiosocket_port": port, "default_agent_id": "joe"})
    path = excerpt_file(tmp_path, *INTERRUPTION_EXCERPT)
    with running_server(cfg) as server:
        base = f"http://127.0.0.1:{server.port}"
        run_audiosocket(load_call_audio(path), "127.0.0.1", port)
        deadline = time.monotonic() + 30
        calls: list = []
        while time.monotonic() < deadline:
            status, body, _ = request(base, "GET", "/api/calls?agent=joe", token=LEAD)
            calls = [c for c in body["calls"] if c.get("status") != "live"] if status == 200 else []
            if calls:
                break
            time.sleep(0.2)
        assert calls, "the AudioSocket call never ended up in the store"
        status, events, _ = request(base, "GET", f"/api/calls/{calls[0]['id']}/events", token=LEAD)
        assert status == 200
        kinds = [e.get("kind") for e in events["events"] if e["type"] == "nudge"]
        assert "stop_interrupting" in kinds


def test_the_audiosocket_port_is_closed_when_it_is_not_configured(tmp_path):
    port = free_port()
    with running_server(make_config(tmp_path)), pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
