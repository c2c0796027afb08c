"""A coach node under a site's own uvicorn (``uvicorn --factory coach.server.hosted:create_app``), not
the one ``coach serve`` starts: lifespan startup opens the store and loads the models, requests and
websockets are served, shutdown ends live calls and leaves the store complete."""

from __future__ import annotations

import asyncio
import json
import threading
import time

import pytest
import uvicorn

from coach.server.client import paced_chunks, send_call
from coach.sources.recording import load_recording
from coach.store.config import StoreConfig
from coach.store.reader import StoreReader
from tests.ports import free_loopback_port
from tests.test_server_support import CALLS, JOE, LEAD, excerpt_file, request


def config_file(tmp_path) -> str:
    """The node's TOML file: a store in ``tmp_path``, transcription off, the test tokens."""
    tokens = {
        "lead": {"secret": LEAD, "role": "team_lead"},
        "joe": {"secret": JOE, "role": "agent", "agent_id": "joe"},
    }
    lines = [
        "[store]",
        f"path = {json.dumps(str(tmp_path / 'store' / 'calls.sqlite3'))}",
        "retention_days = 0",
        "[server]",
        "transcribe = false",
        f"replay_dirs = {json.dumps([str(CALLS.parent), str(tmp_path)])}",
    ]
    for name, token in tokens.items():
        lines.append(f"[auth.tokens.{name}]")
        lines += [f"{key} = {json.dumps(value)}" for key, value in token.items()]
    path = tmp_path / "coach.toml"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def site_uvicorn(lifespan: str) -> tuple[uvicorn.Server, threading.Thread, str]:
    """uvicorn as a site runs it (the factory, the websockets library's protocol) in a thread, started."""
    port = free_loopback_port()
    config = uvicorn.Config(
        "coach.server.hosted:create_app", factory=True, host="127.0.0.1", port=port,
        ws="websockets-sansio", lifespan=lifespan, log_level="warning",
    )  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="site-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60  # failsafe: startup loads the models
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start the hosted coach"
    return server, thread, f"http://127.0.0.1:{port}"


@pytest.fixture
def hosted(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_CONFIG", config_file(tmp_path))
    server, thread, url = site_uvicorn("on")
    yield server, thread, url, tmp_path
    server.should_exit = True
    thread.join(30)


def test_a_hosted_node_serves_the_api_and_a_call_and_stores_it(hosted):
    server, thread, url, tmp_path = hosted
    status, body, _ = request(url, "GET", "/api/health")
    assert status == 200 and body["ok"] is True and body["store"]["ok"] is True
    status, body, _ = request(url, "GET", "/api/whoami")
    assert status == 401 and body["error"]["code"] == "missing_token"  # tokens are enforced
    status, body, _ = request(url, "GET", "/api/whoami", token=JOE)
    assert status == 200 and body["agent_id"] == "joe"

    clip = load_recording(excerpt_file(tmp_path, 29.0, 35.0))
    result = asyncio.run(
        send_call(url, paced_chunks(clip, realtime=False, chunk_ms=100), agent_id="joe", token=LEAD, realtime=False)
    )
    assert result.complete and result.summary["nudges"].get("stop_interrupting") == 1
    server.should_exit = True  # what SIGTERM does: the lifespan shutdown flushes and closes the store
    thread.join(30)
    assert not thread.is_alive()
    reader = StoreReader.from_config(StoreConfig(path=str(tmp_path / "store" / "calls.sqlite3")))
    call = reader.get_call(result.call_id)
    assert call is not None and call["status"] == "complete" and call["agent_id"] == "joe"


def test_before_its_startup_a_hosted_node_answers_503_and_refuses_websockets(tmp_path, monkeypatch):
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    monkeypatch.setenv("COACH_CONFIG", config_file(tmp_path))
    server, thread, url = site_uvicorn("off")  # lifespan off: the startup never comes
    try:
        status, body, _ = request(url, "GET", "/api/health")
        assert status == 503 and body["error"]["code"] == "starting"
        with (
            pytest.raises(InvalidStatus),
            connect(url.replace("http", "ws") + f"/ws/floor?token={LEAD}", open_timeout=10),
        ):
            pass
    finally:
        server.should_exit = True
        thread.join(30)
    assert not (tmp_path / "store").exists()  # nothing was opened
