"""Logs carry no call content: no transcript word, no DTMF digit, from the server or from the command line.

Real parts: a transcribing ``coach serve`` on a loopback port (real tiny.en) fed a real speech recording over
``/ws/ingest`` with a DTMF note, and ``coach analyze`` run as its own process (its own log handler on stderr).
Each test first checks that the words were heard (the stored events or the events file quote them), so the
assertion over the logs can fail.
"""

from __future__ import annotations

import io
import json
import logging
import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from coach.logs import FORMAT, QUIET_LIBRARIES, ContentFreeFormatter
from coach.server.wire import encode_stereo
from tests.test_server_support import LEAD, make_config, request, running_server

DIGITS = "4929 1187"
"""A DTMF note's digits (a card number's part): personal data that no log line may carry."""


def speech(shared_data: Path) -> np.ndarray:
    """The 11 s public-domain speech of ../shared/data/asr/jfk at 16 kHz."""
    pcm, rate = sf.read(str(shared_data / "asr" / "jfk" / "jfk.flac"), dtype="float32")
    assert rate == 16000
    return pcm


def heard_words(texts: list[str]) -> set[str]:
    """The transcript's words of five letters or more (shorter ones, "call", "what", occur in fixed phrases)."""
    return {w for t in texts for w in re.findall(r"[a-z]{5,}", t.lower())}


@pytest.fixture
def server_log():
    """Every log line the server's process writes at DEBUG and up, formatted as ``coach serve`` formats them
    (the libraries held at WARNING, as they are unless verbose logging is asked for)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(ContentFreeFormatter(FORMAT))
    root = logging.getLogger()
    level = root.level
    quiet = {name: logging.getLogger(name).level for name in QUIET_LIBRARIES}
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        for name, was in quiet.items():
            logging.getLogger(name).setLevel(was)


def test_the_server_logs_no_transcript_word_and_no_dtmf_digit(tmp_path, shared_data, server_log):
    pcm = speech(shared_data)
    cfg = make_config(tmp_path, server={"transcribe": True})
    with running_server(cfg) as server:
        url = f"{server.url.replace('http', 'ws')}/ws/ingest?token={LEAD}"
        with connect(url, max_size=2**22) as ws:
            ws.send(json.dumps({"type": "start", "agent_id": "joe", "realtime": False}))
            call_id = json.loads(ws.recv(timeout=60))["call_id"]
            ws.send(json.dumps({"type": "note", "kind": "dtmf", "digits": DIGITS}))
            for i in range(0, len(pcm), 1600):
                ws.send(encode_stereo(pcm[i : i + 1600], np.zeros(len(pcm[i : i + 1600]), np.float32)))
            ws.send(json.dumps({"type": "end"}))
            with pytest.raises(ConnectionClosed):
                while True:
                    ws.recv(timeout=120)
        deadline = time.monotonic() + 60
        events: list[dict] = []
        while not any(e["type"] == "call.end" for e in events) and time.monotonic() < deadline:
            status, body, _ = request(server.url, "GET", f"/api/calls/{call_id}/events", token=LEAD)
            events = body.get("events", []) if status == 200 else []
            time.sleep(0.1)
    words = heard_words([e["text"] for e in events if e["type"] == "transcript" and e.get("final")])
    assert {"fellow", "americans", "country"} <= words  # heard, so the check below can fail
    assert any(e.get("digits") == DIGITS for e in events)  # the note is the call's (stored), not the log's
    logged = server_log.getvalue()
    assert call_id in logged  # the server did log the call
    assert not heard_words([logged]) & words
    assert not re.search(r"4929|1187", logged)


def test_coach_analyze_logs_no_transcript_word(tmp_path, shared_data):
    pcm = speech(shared_data)
    call = tmp_path / "call.flac"
    sf.write(call, np.stack([pcm, np.zeros_like(pcm)], axis=1), 16000)
    events = tmp_path / "e.jsonl"
    coach = Path(sys.executable).with_name("coach")
    run = subprocess.run([str(coach), "analyze", str(call), "--events", str(events)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    records = [json.loads(line) for line in events.read_text().splitlines()]
    words = heard_words([r["text"] for r in records if r["type"] == "transcript" and r.get("final")])
    assert {"fellow", "americans", "country"} <= words
    assert not heard_words([run.stderr]) & words  # stderr (logs, progress, warnings) holds none of it
