"""Calls through a real `coach serve`: `coach replay`, several calls at once, who sees what, a stalled
browser, a vanished source, a server stopping mid-call, and a disk that fills up mid-call."""

from __future__ import annotations

import asyncio
import json
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
import types

import pytest
from websockets.sync.client import connect

from coach.cli import main
from coach.server.client import paced_chunks, send_call
from coach.server.replay import ReplayGate
from coach.sources.recording import load_recording
from coach.types import AudioChunk, Lane
from tests.conftest import ROOT
from tests.ports import free_loopback_port
from tests.test_server_support import (
    DEMO,
    INTERRUPTION_EXCERPT,
    JOE,
    LEAD,
    excerpt_file,
    make_config,
    request,
    running_server,
)


def wait_for(predicate, timeout=30.0, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    pytest.fail("timed out")


def stored(server, call_id, status=("complete", "incomplete")):
    def check():
        code, call, _ = request(server.url, "GET", f"/api/calls/{call_id}", token=LEAD)
        return call if code == 200 and call["status"] in status else None

    return wait_for(check)


class Collector:
    """A page's websocket read on a thread: every message, with the time it arrived."""

    def __init__(self, url: str) -> None:
        self.ws = connect(url, max_size=2**22, legacy=True)
        self.messages: list[tuple[float, dict]] = []
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            for raw in self.ws:
                self.messages.append((time.time() * 1000, json.loads(raw)))
        except Exception:
            pass

    def events(self, call_id=None):
        return [m["event"] for _, m in self.messages if m.get("kind") == "event" and call_id in (None, m["call_id"])]

    def close(self):
        self.ws.close()


@pytest.fixture
def server(tmp_path):
    with running_server(make_config(tmp_path)) as srv:
        yield srv


def test_coach_replay_sends_a_call_that_is_coached_printed_and_stored(server, tmp_path, capsys):
    clip = excerpt_file(tmp_path, *INTERRUPTION_EXCERPT)
    status = main(["replay", str(clip), "--server", server.url, "--agent", "joe", "--token", JOE])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert "Let them finish" in out  # the nudge came back over the ingest socket as it fired
    assert "Call length 0:06" in out  # and the summary at the end
    call_id = re.search(r"call (\S+) started", err).group(1)
    call = stored(server, call_id)
    assert call["status"] == "complete" and call["source"] == "replay" and call["agent_id"] == "joe"
    assert call["nudges"] == {"stop_interrupting": 1}
    assert call["recording"]["seconds"] == pytest.approx(6.0, abs=0.05)


def test_coach_replay_reports_a_refused_token_and_an_absent_server(server, tmp_path, capsys):
    clip = excerpt_file(tmp_path, 0, 1)
    assert main(["replay", str(clip), "--agent", "ann", "--server", server.url, "--token", JOE]) == 2
    assert "may not send calls for that agent" in capsys.readouterr().err
    free = free_loopback_port()  # nobody listens on it
    assert main(["replay", str(clip), "--agent", "ann", "--server", f"http://127.0.0.1:{free}"]) == 2
    assert "cannot reach the server" in capsys.readouterr().err


def test_several_calls_at_once_each_reach_only_their_own_agent(server):
    ws = server.url.replace("http", "ws")
    pages = {agent: Collector(f"{ws}/ws/agent/{agent}?token={LEAD}") for agent in ("joe", "ann")}
    recording = load_recording(DEMO)

    async def calls():
        async def one(agent):
            chunks = paced_chunks(recording, realtime=False, chunk_ms=100)
            return await send_call(server.url, chunks, agent_id=agent, token=LEAD, realtime=False)

        return await asyncio.gather(*(one(a) for a in ("joe", "ann", "bob")))

    results = asyncio.run(calls())
    assert all(r.complete for r in results)
    by_agent = dict(zip(("joe", "ann", "bob"), results, strict=True))
    for agent, page in pages.items():
        wait_for(
            lambda page=page, agent=agent: any(e["type"] == "call.end" for e in page.events(by_agent[agent].call_id))
        )
        seen = {m["call_id"] for _, m in page.messages if m.get("kind") == "event"}
        assert seen == {by_agent[agent].call_id}
        page.close()
    summaries = [r.summary for r in results]
    assert summaries[0] == summaries[1] == summaries[2]  # same audio, same analysis, whatever the interleaving
    assert summaries[0]["nudges"] == {"stop_interrupting": 1, "dead_air": 1, "pause_and_breathe": 1}


def test_a_stalled_browser_is_dropped_and_the_others_keep_up(tmp_path):
    cfg = make_config(tmp_path, server={"client_queue": 20, "client_max_lag_s": 0.5})
    with running_server(cfg) as server:
        host, port = "127.0.0.1", server.port
        stalled = socket.socket()
        stalled.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
        stalled.connect((host, port))
        stalled.sendall(
            f"GET /ws/agent/joe?token={LEAD} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()
        )
        assert stalled.recv(12) == b"HTTP/1.1 101"  # then it never reads again
        good = Collector(f"{server.url.replace('http', 'ws')}/ws/agent/joe?token={LEAD}")
        recording = load_recording(DEMO)

        async def calls():
            for _ in range(6):
                chunks = paced_chunks(recording, realtime=False, chunk_ms=100)
                await send_call(server.url, chunks, agent_id="joe", token=LEAD, realtime=False)
                if server.hub.dropped_clients:
                    return

        asyncio.run(calls())
        assert server.hub.dropped_clients == 1  # the stalled page, and only it
        ended = wait_for(lambda: [e for e in good.events() if e["type"] == "call.end"] or None)
        assert len(ended) == sum(1 for e in good.events() if e["type"] == "call.start")  # every call it saw, whole
        assert server.hub.stats()["clients"] >= 1  # the good page is still connected
        good.close()
        stalled.close()


def test_a_source_that_vanishes_mid_call_leaves_an_incomplete_call(server):
    recording = load_recording(DEMO)

    async def vanish():
        async def first_two_seconds():
            async for pair in paced_chunks(recording, realtime=False, chunk_ms=100):
                if pair[0].start_sample >= 32000:
                    raise RuntimeError("microphone unplugged")
                yield pair

        with pytest.raises(RuntimeError, match="microphone unplugged"):
            await send_call(server.url, first_two_seconds(), agent_id="joe", token=LEAD, realtime=False,
                            on_started=started.append)  # fmt: skip

    started: list[str] = []
    asyncio.run(vanish())
    call = stored(server, started[0], status=("incomplete",))
    assert call["end_reason"] == "the source disconnected"
    assert 1.5 <= call["recording"]["seconds"] <= 2.1
    code, body, _ = request(server.url, "GET", f"/api/calls/{started[0]}/events", token=LEAD)
    assert code == 200 and body["events"][-1]["type"] == "call.end"  # the stored events say so too
    assert body["events"][-1]["complete"] is False and body["events"][-1]["reason"] == "the source disconnected"


def test_stopping_the_server_ends_live_calls_as_incomplete(tmp_path):
    cfg = make_config(tmp_path)
    with running_server(cfg) as server:
        status, body, _ = request(
            server.url, "POST", "/api/calls/replay", token=LEAD,
            body={"path": "calls/demo.flac", "agent_id": "joe", "realtime": True},
        )  # fmt: skip
        assert status == 201
        live = wait_for(lambda: [t for t in server.manager.board.live_tiles(None) if t.get("duration_s", 0) >= 1.0])
        assert live  # the call is under way (at least a second of audio analysed)
    with running_server(cfg) as again:
        code, call, _ = request(again.url, "GET", f"/api/calls/{body['call_id']}", token=LEAD)
        assert call["status"] == "incomplete" and call["end_reason"] == "the server stopped"
        assert 0.0 < call["recording"]["seconds"] < 79.0  # what was stored before the stop, not the whole call


def test_coach_replay_says_when_the_server_stops_mid_call_and_the_server_keeps_what_it_received(tmp_path, capsys):
    from coach.server.app import CoachServer, ServerThread

    # 30 s sent in real time, stopped once 1 s is under way: the 29 s left keep the stop mid-call however far the
    # server's analysis lags behind the sending on a busy machine
    clip = excerpt_file(tmp_path, 29.0, 59.0)
    cfg = make_config(tmp_path)
    thread = ServerThread(CoachServer(cfg, host="127.0.0.1", port=0)).start()

    def stop_once_under_way():
        wait_for(lambda: [t for t in thread.server.manager.board.live_tiles(None) if t.get("duration_s", 0) >= 1.0])
        thread.stop()

    stopper = threading.Thread(target=stop_once_under_way)
    stopper.start()
    try:
        code = main(["replay", str(clip), "--server", thread.server.url, "--agent", "joe", "--token", LEAD,
                     "--realtime", "--quiet"])  # fmt: skip
    finally:
        stopper.join(60)
        thread.stop()
    err = capsys.readouterr().err
    assert code == 2 and "the server stopped" in err and "Traceback" not in err, err
    found = re.search(r"call (\S+) is incomplete after ([\d.]+) s of 30.0 s sent", err)
    assert found and 1.0 <= float(found.group(2)) < 30.0
    with running_server(cfg) as again:
        call = stored(again, found.group(1), status=("incomplete",))
        assert call["end_reason"] == "the server stopped"
        assert 0.5 <= call["recording"]["seconds"] <= float(found.group(2)) + 0.1


def test_a_replay_gate_holds_a_replay_at_a_second_of_its_audio_until_released(tmp_path):
    gate = ReplayGate()
    gate.hold("joe", 2.0, 4.0)
    cfg = make_config(tmp_path)
    body = {"path": "calls/demo.flac", "agent_id": "joe", "start_s": 29, "end_s": 35, "realtime": False}
    with running_server(cfg, replay_gate=gate) as server:
        status, reply, _ = request(server.url, "POST", "/api/calls/replay", token=LEAD, body=body)
        assert status == 201
        call = server.manager.calls[reply["call_id"]]
        assert gate.wait_held("joe", 60.0) == 2.0
        assert set(call.received.values()) == {32_000}  # every chunk up to 2.0 s, none after
        gate.release("joe")
        assert gate.wait_held("joe", 60.0) == 4.0
        assert set(call.received.values()) == {64_000} and not call.ended
    with running_server(cfg) as again:  # the stop cancelled the held replay
        code, stored_call, _ = request(again.url, "GET", f"/api/calls/{reply['call_id']}", token=LEAD)
        assert stored_call["status"] == "incomplete" and stored_call["recording"]["seconds"] == pytest.approx(4.0)


def _limit_file_size():
    resource.setrlimit(resource.RLIMIT_FSIZE, (400_000, 400_000))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing


def test_when_the_disk_fills_mid_call_coaching_continues_and_health_says_why(tmp_path):
    clip = excerpt_file(tmp_path, 25.0, 60.0)  # 35 s: its recording outgrows the 400 kB file-size limit
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    log = (tmp_path / "serve.log").open("w")
    config = tmp_path / "serve.toml"
    config.write_text("[server]\ntranscribe = false\n")
    server = subprocess.Popen(
        [sys.executable, "-m", "coach.cli", "serve", "--no-auth", "--port", "0",
         "--store", str(tmp_path / "s" / "c.db"), "--config", str(config)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=log, text=True, env=env, preexec_fn=_limit_file_size,
    )  # fmt: skip
    try:
        line = server.stdout.readline()
        assert "serving on" in line, (tmp_path / "serve.log").read_text()
        base = line.split("serving on ")[1].strip()
        page = Collector(f"{base.replace('http', 'ws')}/ws/agent/joe")
        recording = load_recording(clip)

        async def call():
            chunks = paced_chunks(recording, realtime=False, chunk_ms=100)
            return await send_call(base, chunks, agent_id="joe", realtime=False)

        result = asyncio.run(call())
        assert result.complete
        kinds = [e.get("kind") for e in page.events() if e["type"] == "nudge"]
        assert {"stop_interrupting", "dead_air", "pause_and_breathe"} <= set(kinds)  # coaching went on to the end
        store = wait_for(lambda: request(base, "GET", "/api/health")[1]["store"]["last_error"], timeout=15)
        assert "File too large" in store  # the store's writes run behind the call, on their own thread
        page.close()
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(20)
        server.stdout.close()
        log.close()


class FakeMicrophones:
    """Stands in for MicSource (no sound card in CI): both lanes of a recording, ten times faster than real time."""

    def __init__(self, path) -> None:
        self.recording = load_recording(path)
        self.entered = False

    def __enter__(self):
        self.entered = True
        return self

    def __exit__(self, *exc):
        self.entered = False

    def chunks(self):
        step = 1600
        for start in range(0, len(self.recording.agent), step):
            time.sleep(0.01)
            yield AudioChunk(Lane.AGENT, start, self.recording.agent[start : start + step])
            yield AudioChunk(Lane.CUSTOMER, start, self.recording.customer[start : start + step])


def test_coach_live_with_server_sends_the_microphones_to_the_server(server, tmp_path, capsys):
    from coach.server.commands import live_to_server

    mics = FakeMicrophones(excerpt_file(tmp_path, *INTERRUPTION_EXCERPT))
    args = types.SimpleNamespace(server=server.url, agent="joe", token=JOE)
    assert live_to_server(args, mics) == 0
    out, err = capsys.readouterr()
    assert "Let them finish" in out
    call_id = re.search(r"call (\S+) sent", err).group(1)
    call = stored(server, call_id)
    assert call["source"] == "mic" and call["status"] == "complete"
    assert call["nudges"] == {"stop_interrupting": 1}


def test_a_server_that_transcribes_sends_the_live_transcript_to_the_agent_page(tmp_path):
    with running_server(make_config(tmp_path, server={"transcribe": True})) as server:
        page = Collector(f"{server.url.replace('http', 'ws')}/ws/agent/joe?token={JOE}")
        recording = load_recording(excerpt_file(tmp_path, 29.0, 41.0))

        async def call():
            chunks = paced_chunks(recording, realtime=False, chunk_ms=100)
            return await send_call(server.url, chunks, agent_id="joe", token=JOE, realtime=False)

        result = asyncio.run(call())
        wait_for(lambda: any(e["type"] == "call.end" for e in page.events(result.call_id)))
        finals = [e for e in page.events(result.call_id) if e["type"] == "transcript" and e.get("final")]
        page.close()
    assert {e["speaker"] for e in finals} == {"agent", "customer"}
    assert any("check the account" in e["text"].lower() for e in finals if e["speaker"] == "agent")
