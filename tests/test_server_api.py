"""`coach serve`'s HTTP and websocket surface: access control, bad input, clear JSON errors, no crash.

One real server (127.0.0.1, random port, real SQLite file) for the module; real HTTP and websocket clients.
"""

from __future__ import annotations

import json
import socket
import time

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from coach.errors import CoachError
from coach.server.app import CoachServer
from tests.test_server_support import ANN, EXPIRED, JOE, LEAD, make_config, request, running_server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("api")
    with running_server(make_config(tmp)) as srv:
        yield srv


@pytest.fixture(scope="module")
def stored_call(server):
    """A 6 s excerpt replayed as fast as possible, finished and stored."""
    status, body, _ = request(
        server.url, "POST", "/api/calls/replay", token=LEAD,
        body={"path": "calls/demo.flac", "agent_id": "joe", "start_s": 29, "end_s": 35, "realtime": False},
    )  # fmt: skip
    assert status == 201, body
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        status, call, _ = request(server.url, "GET", f"/api/calls/{body['call_id']}", token=LEAD)
        if status == 200 and call["status"] == "complete":
            return call
        time.sleep(0.1)
    pytest.fail("the replayed call was not stored as complete")


def error_of(body):
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message"}
    return body["error"]["code"]


def test_health_needs_no_token_and_reports_the_store(server):
    status, body, _ = request(server.url, "GET", "/api/health")
    assert status == 200
    assert body["ok"] is True
    assert body["store"]["ok"] is True
    assert body["calls"]["queue_policy"] == "drop-oldest"


@pytest.mark.parametrize(
    ("token", "code"),
    [(None, "missing_token"), ("wrong-token-1234", "invalid_token"), (EXPIRED, "token_expired")],
)
def test_requests_without_a_valid_token_get_401_json(server, token, code):
    for path in ("/api/calls", "/api/live", "/api/whoami"):
        status, body, headers = request(server.url, "GET", path, token=token)
        assert status == 401
        assert error_of(body) == code
        assert headers.get("WWW-Authenticate") == "Bearer"


def test_a_token_in_the_query_string_works_like_a_header(server):
    status, body, _ = request(server.url, "GET", f"/api/whoami?token={JOE}")
    assert (status, body) == (200, {"role": "agent", "agent_id": "joe"})


@pytest.mark.parametrize("path", ["/api/calls", "/api/calls/x", "/api/calls/x/events", "/api/calls/x/audio"])
def test_review_needs_a_team_lead_token(server, path):
    status, body, _ = request(server.url, "GET", path, token=JOE)
    assert status == 403
    assert error_of(body) == "forbidden"


def test_an_agent_sees_only_their_own_live_calls_and_page(server):
    status, body, _ = request(server.url, "GET", "/api/live?agent=ann", token=JOE)
    assert status == 200
    assert all(c["agent_id"] == "joe" for c in body["calls"])
    ws = server.url.replace("http", "ws")
    with connect(f"{ws}/ws/agent/joe?token={JOE}") as own:
        assert json.loads(own.recv(timeout=60))["kind"] == "snapshot"
    for path, token, status in (
        ("/ws/agent/ann", JOE, 403), ("/ws/floor", JOE, 403), ("/ws/calls/x", ANN, 403), ("/ws/agent/joe", None, 401),
        ("/ws/nowhere", LEAD, 404),
    ):  # fmt: skip
        with pytest.raises(InvalidStatus) as info:  # refused before any websocket exists, with the JSON error
            connect(f"{ws}{path}" + (f"?token={token}" if token else ""))
        assert info.value.response.status_code == status
        assert json.loads(info.value.response.body)["error"]["status"] == status


def test_an_agent_cannot_send_a_call_for_another_agent(server):
    with connect(f"{server.url.replace('http', 'ws')}/ws/ingest?token={JOE}") as ws:
        ws.send(json.dumps({"type": "start", "agent_id": "ann", "source": "test"}))
        with pytest.raises(ConnectionClosed):
            ws.recv(timeout=60)
        assert ws.close_code == 4403


@pytest.mark.parametrize(
    ("raw", "code", "fragment"),
    [
        (b"{not json", "bad_json", "not valid JSON"),
        (b"[" * 60_000, "bad_json", "nested too deeply"),  # within MAX_BODY: were 500s with a traceback
        (b'{"path": ' + b"1" * 5000 + b"}", "bad_json", "more than 4300 digits"),
        (b"[1, 2]", "bad_body", "JSON object"),
        (b"", "bad_body", "send a JSON object"),
        (json.dumps({"agent_id": "joe"}).encode(), "bad_body", "missing field 'path'"),
        (json.dumps({"path": 3, "agent_id": "joe"}).encode(), "bad_body", "'path' must be str"),
        (json.dumps({"path": "calls/demo.flac", "agent_id": "joe", "realtime": "yes"}).encode(), "bad_body", "bool"),
        (json.dumps({"path": "calls/demo.flac", "agent_id": "joe", "speed": 2}).encode(), "bad_body", "unknown field"),
        (json.dumps({"path": "../../../etc/passwd", "agent_id": "joe"}).encode(), "bad_replay", "replay folders"),
        (json.dumps({"path": "calls/demo.truth.json", "agent_id": "joe"}).encode(), "bad_replay", "not a readable"),
        (json.dumps({"path": "calls/demo.flac", "agent_id": "no spaces"}).encode(), "bad_replay", "agent_id"),
        (json.dumps({"path": "calls/demo.flac", "agent_id": "joe", "start_s": 500}).encode(), "bad_replay", "excerpt"),
        (b'{"path": "calls/demo.flac", "agent_id": "joe", "end_s": 1e400}', "bad_replay", "finite"),  # was a 500
        (b'{"path": "calls/demo.flac", "agent_id": "joe", "start_s": NaN}', "bad_replay", "finite"),
        (b'{"path": "calls/demo.flac", "agent_id": "joe", "start_s": 1' + b"0" * 400 + b"}", "bad_replay", "finite"),
    ],
)
def test_malformed_replay_requests_get_400_with_the_reason(server, raw, code, fragment):
    status, body, _ = request(server.url, "POST", "/api/calls/replay", token=LEAD, raw=raw)
    assert status == 400
    assert error_of(body) == code
    assert fragment in body["error"]["message"]


def test_unknown_call_ids_get_404(server):
    for path in ("/api/calls/nope", "/api/calls/nope/events", "/api/calls/nope/audio"):
        status, body, _ = request(server.url, "GET", path, token=LEAD)
        assert status == 404
        assert error_of(body) == "unknown_call"
    status, body, _ = request(server.url, "POST", "/api/calls/nope/end", token=LEAD, body={})
    assert (status, error_of(body)) == (404, "unknown_call")


def test_bad_list_filters_get_400(server):
    status, body, _ = request(server.url, "GET", "/api/calls?peak=furious", token=LEAD)
    assert status == 400 and error_of(body) == "bad_query"
    assert "peak must be" in body["error"]["message"]


def test_wrong_methods_paths_and_bodies_get_clear_errors(server):
    status, body, headers = request(server.url, "DELETE", "/api/calls", token=LEAD)
    assert (status, error_of(body)) == (405, "method_not_allowed")
    assert headers["Allow"] == "GET, HEAD"  # every GET route answers HEAD too
    status, body, headers = request(server.url, "GET", "/api/calls/replay", token=LEAD)
    assert (status, error_of(body), headers["Allow"]) == (405, "method_not_allowed", "POST")
    status, body, _ = request(server.url, "GET", "/api/calls/replay/extra/bits", token=LEAD)
    assert (status, error_of(body)) == (404, "not_found")
    status, body, _ = request(server.url, "GET", "/ws/floor", token=LEAD)
    assert (status, error_of(body)) == (426, "upgrade_required")
    status, body, _ = request(server.url, "POST", "/api/calls/replay", token=LEAD, raw=b"x" * 70_000)
    assert (status, error_of(body)) == (413, "bad_body")
    status, body, _ = request(server.url, "GET", "/static/../coach/config.py")
    assert status == 404


def test_garbage_on_the_socket_does_not_hurt_the_server(server):
    host, port = "127.0.0.1", server.port
    for junk in (b"\x00\xff\x13garbage\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"POST /api/calls/replay HTTP/1.1\r\n"):
        with socket.create_connection((host, port), timeout=5) as s:
            s.sendall(junk)
            s.shutdown(socket.SHUT_WR)
            s.recv(1024)
    with socket.create_connection((host, port), timeout=5) as s:  # a chunked body is refused with a reason
        s.sendall(b"POST /api/calls/replay HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n"
                  b"Authorization: Bearer " + LEAD.encode() + b"\r\n\r\n0\r\n\r\n")  # fmt: skip
        reply = b""
        while chunk := s.recv(4096):  # the whole answer, however many writes it came in
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 400") and b"chunked request bodies" in reply
    status, _, _ = request(server.url, "GET", "/api/health")
    assert status == 200


def test_ingest_protocol_errors_close_with_a_reason(server):
    ws_url = f"{server.url.replace('http', 'ws')}/ws/ingest?token={LEAD}"
    cases = [
        ([b"\x00\x00\x00"], "first message must be the JSON start"),
        (["not json"], "JSON object"),
        ([json.dumps({"type": "start", "agent_id": "joe"}), b"\x07\x00\x00"], "unknown lane byte 7"),
        ([json.dumps({"type": "start", "agent_id": "joe"}), b"\x00\x00\x00\x00"], "even number of bytes"),
        ([json.dumps({"type": "start", "agent_id": "joe"}), json.dumps({"type": "dance"})], "unknown message type"),
        ([json.dumps({"type": "start", "agent_id": "joe", "sample_rate": 8001})], "8001 is not accepted"),
        ([json.dumps({"type": "start", "agent_id": "joe", "realtime": "no"})], "must be true or false"),
        (["[" * 60_000], "nested too deeply"),  # under the frame limit: was a RecursionError, closed 1006
        ([json.dumps({"type": "start", "agent_id": "joe"}), "[" * 60_000], "nested too deeply"),
        # NaN / Infinity: Python's decoder takes them, and the API then served JSON a browser cannot parse
        (['{"type": "start", "agent_id": "joe", "metadata": {"gain": Infinity}}'], "Infinity is not a JSON number"),
        ([json.dumps({"type": "start", "agent_id": "joe"}), '{"type": "note", "kind": "db", "v": NaN}'], "NaN is not"),
        # a number Python reads as infinity, and an integer of more digits than it converts (was a server exception)
        ([json.dumps({"type": "start", "agent_id": "joe"}), '{"type": "note", "kind": "db", "v": 1e400}'], "too large"),
        ([json.dumps({"type": "start", "agent_id": "joe"}), '{"type": "note", "v": ' + "1" * 5000 + "}"], "4300"),
        # a client's names: a NUL lost the call's row on PostgreSQL; str() took a dict; '$' let a line break through
        ([json.dumps({"type": "start", "agent_id": "joe", "source": "mic\u0000"})], "source must be"),
        ([json.dumps({"type": "start", "agent_id": "joe", "source": {"name": "mic"}})], "source must be"),
        ([json.dumps({"type": "start", "agent_id": "joe\n"})], "agent_id must be"),
    ]
    for messages, reason in cases:
        with connect(ws_url) as ws:
            for m in messages:
                ws.send(m)
            with pytest.raises(ConnectionClosed):
                while True:
                    ws.recv(timeout=60)
            assert ws.close_code == 4400
            assert reason in ws.close_reason
    status, body, _ = request(server.url, "GET", "/api/health")
    assert status == 200


def test_a_note_with_any_field_names_is_kept_and_the_call_goes_on(server):
    """A note's fields are the source's own: names such as ``self`` or ``kind`` must not break the call."""
    with connect(f"{server.url.replace('http', 'ws')}/ws/ingest?token={LEAD}") as ws:
        ws.send(json.dumps({"type": "start", "agent_id": "joe", "realtime": False}))
        call_id = json.loads(ws.recv(timeout=60))["call_id"]
        ws.send(b"\x02" + b"\x00\x00" * 3200)  # 0.1 s of silence on both lanes
        ws.send(json.dumps({"type": "note", "kind": "gap", "self": 1, "type_": "x", "fields": {"a": [1]}}))
        ws.send(json.dumps({"type": "end"}))
        replies = []
        with pytest.raises(ConnectionClosed):
            while True:
                replies.append(json.loads(ws.recv(timeout=60)))
        assert ws.close_code == 1000
    ended = [r for r in replies if r.get("type") == "ended"]
    assert ended and ended[0]["call_id"] == call_id and ended[0]["complete"] is True
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # the store writes behind the call
        status, body, _ = request(server.url, "GET", f"/api/calls/{call_id}/events", token=LEAD)
        notes = [e for e in body.get("events", []) if e["type"] == "stream"] if status == 200 else []
        if notes:
            break
        time.sleep(0.1)
    assert notes and notes[0]["kind"] == "gap" and notes[0]["self"] == 1 and notes[0]["type_"] == "x"


def test_pages_are_served_with_a_strict_content_policy(server):
    for path in ("/", "/agent/joe", "/floor", "/calls", "/calls/abc"):
        status, body, headers = request(server.url, "GET", path)
        assert status == 200
        assert headers["Content-Type"].startswith("text/html")
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert b"http://" not in body and b"https://" not in body  # nothing from the network
    status, body, headers = request(server.url, "GET", "/static/agent.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    status, empty, headers = request(server.url, "HEAD", "/floor")
    assert (status, empty) == (200, b"") and int(headers["Content-Length"]) > 0
    assert request(server.url, "GET", "/floor/")[0] == 200  # a trailing slash is redirected (307) to /floor


def test_the_recording_is_served_in_byte_ranges(server, stored_call):
    path = f"/api/calls/{stored_call['id']}/audio"
    status, whole, headers = request(server.url, "GET", path, token=LEAD)
    assert status == 200 and headers["Content-Type"] == "audio/flac" and whole[:4] == b"fLaC"
    status, part, headers = request(server.url, "GET", path, token=LEAD, headers={"Range": "bytes=4-99"})
    assert status == 206
    assert part == whole[4:100]
    assert headers["Content-Range"] == f"bytes 4-99/{len(whole)}"
    status, body, _ = request(server.url, "GET", path, token=LEAD, headers={"Range": f"bytes={len(whole) + 5}-"})
    assert (status, error_of(body)) == (416, "bad_range")
    status, parts, headers = request(server.url, "GET", path, token=LEAD, headers={"Range": "bytes=0-3, 10-13"})
    assert status == 206 and headers["Content-Type"].startswith("multipart/byteranges")
    assert whole[0:4] in parts and whole[10:14] in parts


def test_a_stored_call_has_its_events_and_summary(server, stored_call):
    assert stored_call["agent_id"] == "joe"
    assert stored_call["summary"]["duration_s"] == pytest.approx(6.0, abs=0.05)
    assert stored_call["nudges"] == {"stop_interrupting": 1}
    status, body, _ = request(server.url, "GET", f"/api/calls/{stored_call['id']}/events", token=LEAD)
    types = [e["type"] for e in body["events"]]
    assert types[0] == "call.start" and types[-1] == "call.end" and "nudge" in types
    status, listing, _ = request(server.url, "GET", "/api/calls?agent=joe&nudge=stop_interrupting", token=LEAD)
    assert stored_call["id"] in [c["id"] for c in listing["calls"]]


def test_no_auth_is_refused_off_the_loopback_address(tmp_path):
    with pytest.raises(CoachError, match="only allowed on a loopback address"):
        CoachServer(make_config(tmp_path), host="0.0.0.0", port=0, auth_enabled=False)


def test_a_store_that_cannot_be_opened_leaves_live_coaching_running(tmp_path):
    (tmp_path / "blocked").write_text("a file where the store folder should be")
    cfg = make_config(tmp_path, store={"path": str(tmp_path / "blocked" / "calls.sqlite3")})
    with running_server(cfg) as srv:
        status, health, _ = request(srv.url, "GET", "/api/health")
        assert status == 200 and health["store"]["ok"] is False
        assert "blocked is a file, not a folder" in health["store"]["error"]
        status, body, _ = request(srv.url, "GET", "/api/calls", token=LEAD)
        assert (status, error_of(body)) == (503, "store_unavailable")
        ws = srv.url.replace("http", "ws")
        with connect(f"{ws}/ws/agent/joe?token={JOE}") as page:
            page.recv(timeout=60)  # snapshot
            status, reply, _ = request(
                srv.url, "POST", "/api/calls/replay", token=LEAD,
                body={"path": "calls/demo.flac", "agent_id": "joe", "start_s": 29, "end_s": 35, "realtime": False},
            )  # fmt: skip
            assert status == 201
            kinds = []
            while "call.end" not in kinds:
                message = json.loads(page.recv(timeout=60))
                if message["kind"] == "event":
                    kinds.append(message["event"]["type"])
        assert "nudge" in kinds  # coached all the same
