"""Telephony through the real ``coach serve`` (``CoachServer`` on loopback, real SQLite store): Asterisk
AudioSocket legs as a dialplan sends them, and Genesys AudioHook sessions signed with a client secret.

AudioSocket: any UUID is accepted; a dialplan registers the agent's and the customer's UUIDs with
``POST /api/audiosocket/pairs`` (as ``CURL()`` would) and the two legs become one two-lane call; an
unregistered leg is a one-lane call; closing the socket (what Asterisk does at hang-up) stores the
call complete. AudioHook: with a client secret configured for the API key, the upgrade request's
HTTP message signature (built here by the test-side signer of ``tests/test_telephony_signature.py``,
written from the specification) decides: good → the session is coached; missing or wrong → 401.
"""

from __future__ import annotations

import base64
import json
import socket
import threading
import time
import urllib.request
import uuid
from urllib.parse import urlsplit

import numpy as np
import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from coach.cli import main
from coach.server.app import default_analyzer_factory
from coach.telephony import audiosocket
from coach.telephony.ingest import HOLD_BACKLOG_S
from coach.telephony.simulate import CallAudio, load_call_audio, run_audiohook, run_twilio
from tests.ports import free_loopback_port
from tests.test_server_support import (
    INTERRUPTION_EXCERPT,
    JOE,
    LEAD,
    excerpt_file,
    make_config,
    request,
    running_server,
)
from tests.test_telephony_signature import sign

ORG = "d7934305-0972-4844-938e-9060eef73d05"
API_KEY = "audiohook-key-1"
SECRET = base64.b64encode(b"a client secret of thirty-two by").decode()


def stored_calls(base: str, agent: str, count: int = 1, timeout: float = 120.0) -> list[dict]:
    """The agent's calls once ``count`` of them have ended (waits for the analysis, not a timing assert)."""
    deadline = time.monotonic() + timeout
    while True:
        status, body, _ = request(base, "GET", f"/api/calls?agent={agent}", token=LEAD)
        calls = [c for c in body["calls"] if c.get("status") != "live"] if status == 200 else []
        if len(calls) >= count or time.monotonic() > deadline:
            return calls
        time.sleep(0.2)


def events(base: str, call_id: str) -> list[dict]:
    status, body, _ = request(base, "GET", f"/api/calls/{call_id}/events", token=LEAD)
    assert status == 200
    return body["events"]


def post_form(base: str, path: str, form: str, token: str) -> tuple[int, dict]:
    """A form-encoded POST, the body Asterisk's ``CURL(url,data)`` sends."""
    req = urllib.request.Request(f"{base}{path}?token={token}", data=form.encode(), method="POST")
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def stream_legs(port: int, legs: dict[str, np.ndarray]) -> list[socket.socket]:
    """Connect AudioSocket legs (UUID → 8 kHz audio) and stream them side by side in 20 ms slin
    frames, as a PBX does; the sockets are returned open."""
    socks = {leg: socket.create_connection(("127.0.0.1", port), timeout=10) for leg in legs}
    for leg, sock in socks.items():
        sock.sendall(audiosocket.uuid_frame(leg))
    for start in range(0, max(len(pcm) for pcm in legs.values()), 160):
        for leg, sock in socks.items():
            sock.sendall(audiosocket.audio_frame(legs[leg][start : start + 160]))
    return list(socks.values())


def test_two_legs_registered_by_the_dialplan_make_one_coached_two_lane_call(tmp_path):
    port = free_loopback_port()
    cfg = make_config(tmp_path, telephony={"audiosocket_port": port})
    clip = excerpt_file(tmp_path, *INTERRUPTION_EXCERPT)
    with running_server(cfg) as server:
        base = f"http://127.0.0.1:{server.port}"
        status = main(
            ["simulate", str(clip), "--protocol", "audiosocket", "--url", f"127.0.0.1:{port}", "--fast",
             "--agent-id", "joe", "--register-url", base, "--token", JOE]
        )  # fmt: skip
        assert status == 0  # `coach simulate` registers the legs as the dialplan's CURL() would
        [stored] = stored_calls(base, "joe")
        assert stored["status"] == "complete" and stored["source"] == "audiosocket"
        kinds = [e.get("kind") for e in events(base, stored["id"]) if e["type"] == "nudge"]
        assert "stop_interrupting" in kinds  # needs both lanes in one call
        assert stored["recording"]["seconds"] == pytest.approx(6.0, abs=0.05)


class GatedAnalyzer:
    """The server's own analyzer of a call, whose analysis of audio waits until the test opens ``gate``
    (an analysis that has fallen behind, made certain)."""

    def __init__(self, inner, gate: threading.Event) -> None:
        self._inner, self._gate = inner, gate

    def push(self, chunk):
        assert self._gate.wait(120), "the test never opened the gate"
        return self._inner.push(chunk)

    def __getattr__(self, name: str):
        return getattr(self._inner, name)


def test_a_replay_faster_than_real_time_is_held_back_not_dropped_while_the_analysis_is_behind(tmp_path):
    """Two registered legs send 20 s of the demo call as fast as loopback takes it while the call's
    analysis stands still: 40 s of audio against a call queue of 5 s a lane. The server stops reading
    both sockets (TCP flow control holds the sender) once more than ``HOLD_BACKLOG_S`` waits, instead
    of dropping the oldest audio; the analysis then resumes and the whole call is stored and analysed:
    no ``dropped``, no ``gap``, the hold counted in ``ingest_stats``' ``backpressure_s``."""
    port = free_loopback_port()
    cfg = make_config(tmp_path, telephony={"audiosocket_port": port})
    call = load_call_audio(str(excerpt_file(tmp_path, 20.0, 40.0)))
    agent_8k, customer_8k = (np.ascontiguousarray(lane[::2]) for lane in (call.agent, call.customer))
    agent_leg, customer_leg = str(uuid.uuid4()), str(uuid.uuid4())
    gate = threading.Event()
    make = default_analyzer_factory(cfg)
    with running_server(cfg, make_analyzer=lambda call_id: GatedAnalyzer(make(call_id), gate)) as server:
        base = f"http://127.0.0.1:{server.port}"
        form = f"agent_uuid={agent_leg}&customer_uuid={customer_leg}&agent_id=joe"
        assert post_form(base, "/api/audiosocket/pairs", form, JOE)[0] == 201
        sent: list[socket.socket] = []
        sender = threading.Thread(
            target=lambda: sent.extend(stream_legs(port, {agent_leg: agent_8k, customer_leg: customer_8k}))
        )
        sender.start()
        try:
            deadline = time.monotonic() + 120
            while not any(c.sources_held and c.backlog_s > HOLD_BACKLOG_S for c in server.manager.live()):
                # Both legs are read until the hold. The call's worker may take the queue once (its first
                # batch, then it waits at the gate) just after a hold began, which ends that hold: the
                # steady hold, with more than HOLD_BACKLOG_S waiting, follows, and nothing is dropped.
                live = server.manager.live()
                assert not any(c.audio.dropped_s for c in live), "audio dropped instead of holding the source"
                assert time.monotonic() < deadline, "the server never held the fast source back"
                time.sleep(0.01)
            [held] = server.manager.live()
            assert held.audio.dropped_s == 0.0
        finally:
            gate.set()
            sender.join(120)
            for sock in sent:
                sock.close()
        [stored] = stored_calls(base, "joe")
        found = events(base, stored["id"])
    assert stored["status"] == "complete"
    assert stored["recording"]["seconds"] == pytest.approx(20.0, abs=0.05)
    stream = [e for e in found if e["type"] == "stream"]
    assert [e for e in stream if e.get("kind") in ("dropped", "gap")] == []
    [stats] = [e for e in stream if e.get("kind") == "ingest_stats"]
    assert stats["backpressure_s"] > 0 and stats["late_s"] == 0.0


@pytest.mark.parametrize("order", ["side_by_side", "second_leg_after_the_first_hung_up"])
def test_legs_closed_without_hangup_store_the_call_complete(tmp_path, order):
    """Both registered legs make one complete call. ``second_leg_after_the_first_hung_up`` is the pairing race
    made certain: the customer's leg streams and closes, and the server has let it go (it closed its side)
    before the agent's leg connects, as when a PBX bridges the agent as the caller hangs up or a loaded server
    accepts the second connection late. Within ``lane_skew_ms`` of the hang-up (10 s here, so that a loaded
    machine cannot make the leg late) it joins the registered call; it used to start a second one."""
    port = free_loopback_port()
    telephony = {"audiosocket_port": port} | ({} if order == "side_by_side" else {"lane_skew_ms": 10_000})
    cfg = make_config(tmp_path, telephony=telephony)
    call = load_call_audio(str(excerpt_file(tmp_path, *INTERRUPTION_EXCERPT)))
    agent_8k, customer_8k = (np.ascontiguousarray(lane[::2]) for lane in (call.agent, call.customer))
    agent_leg, customer_leg = str(uuid.uuid4()), str(uuid.uuid4())
    with running_server(cfg) as server:
        base = f"http://127.0.0.1:{server.port}"
        form = f"agent_uuid={agent_leg}&customer_uuid={customer_leg}&agent_id=joe&label=sales"
        assert post_form(base, "/api/audiosocket/pairs", form, JOE)[0] == 201
        if order == "side_by_side":
            for sock in stream_legs(port, {customer_leg: customer_8k, agent_leg: agent_8k}):
                sock.close()  # no hang-up message: Asterisk hangs up by closing the socket
        else:
            [customer] = stream_legs(port, {customer_leg: customer_8k})
            customer.shutdown(socket.SHUT_WR)
            assert customer.recv(1) == b""  # the server read the whole leg, released it and closed its side
            customer.close()
            [agent] = stream_legs(port, {agent_leg: agent_8k})
            agent.close()
        [stored] = stored_calls(base, "joe")
        assert stored["status"] == "complete"
        assert len(request(base, "GET", "/api/calls?agent=joe", token=LEAD)[1]["calls"]) == 1  # one call, not two
        summary = [e for e in events(base, stored["id"]) if e["type"] == "call.end"][0]["summary"]
        assert summary["speech_s"]["agent"] > 1.0 and summary["speech_s"]["customer"] > 1.0


def test_an_unregistered_leg_with_a_random_uuid_is_coached_as_the_customer_lane(tmp_path):
    port = free_loopback_port()
    cfg = make_config(tmp_path, telephony={"audiosocket_port": port, "default_agent_id": "desk-7"})
    call = load_call_audio(str(excerpt_file(tmp_path, *INTERRUPTION_EXCERPT)))
    with running_server(cfg) as server:
        base = f"http://127.0.0.1:{server.port}"
        [sock] = stream_legs(port, {str(uuid.uuid4()): np.ascontiguousarray(call.customer[::2])})
        sock.close()
        [stored] = stored_calls(base, "desk-7")
        assert stored["status"] == "complete" and stored["source"] == "audiosocket"
        found = events(base, stored["id"])
        speakers = {e.get("speaker") for e in found if e["type"] == "speech"}
        assert speakers == {"customer"}
        summary = [e for e in found if e["type"] == "call.end"][0]["summary"]
        assert summary["speech_s"]["agent"] == 0 and summary["speech_s"]["customer"] > 1.0


def test_pair_registration_needs_a_token_for_that_agent_and_well_formed_uuids(tmp_path):
    cfg = make_config(tmp_path)
    a, c = str(uuid.uuid4()), str(uuid.uuid4())
    with running_server(cfg) as server:
        base = f"http://127.0.0.1:{server.port}"
        body = {"agent_uuid": a, "customer_uuid": c, "agent_id": "ann"}
        assert request(base, "POST", "/api/audiosocket/pairs", body=body)[0] == 401
        assert request(base, "POST", "/api/audiosocket/pairs", token=JOE, body=body)[0] == 403
        status, answer, _ = request(
            base, "POST", "/api/audiosocket/pairs", token=JOE, body=body | {"agent_uuid": "x", "agent_id": "joe"}
        )
        assert status == 400 and "UUID" in answer["error"]["message"]
        status, answer, _ = request(base, "POST", "/api/audiosocket/pairs", token=LEAD, body=body)
        assert status == 201 and answer["agent_id"] == "ann"
        assert request(base, "GET", "/api/audiosocket/pairs", token=LEAD)[0] == 405


def signer(secret: str, *, nonce: str | None = None):
    """``sign_request`` for run_audiohook: signs as Genesys does, with the test-side signer."""

    def sign_request(headers: dict[str, str], url: str) -> dict[str, str]:
        parts = urlsplit(url)
        return sign(
            headers | {"Host": parts.netloc},
            target=parts.path,
            secret_b64=secret,
            nonce=nonce or base64.b64encode(uuid.uuid4().bytes + b"nonce!").decode(),
            created=int(time.time()),
            expires=int(time.time()) + 60,
        )

    return sign_request


def test_a_signed_audiohook_session_is_coached_and_unsigned_or_wrongly_signed_ones_get_401(tmp_path):
    telephony = {"audiohook_org_id": ORG, "audiohook_api_keys": [API_KEY], "audiohook_client_secrets": [SECRET]}
    cfg = make_config(tmp_path, telephony=telephony)
    call = CallAudio(np.zeros(16000, np.float32), np.zeros(16000, np.float32))
    with running_server(cfg) as server:
        base = f"http://127.0.0.1:{server.port}"
        url = f"ws://127.0.0.1:{server.port}/ingest/audiohook"
        good = run_audiohook(call, url, api_key=API_KEY, org_id=ORG, agent_id="joe", sign_request=signer(SECRET))
        assert [m["type"] for m in good.server_messages] == ["opened", "closed"]
        wrong = base64.b64encode(b"not the configured secret").decode()
        for sign_request in (None, signer(wrong)):
            session = str(uuid.uuid4())
            headers = {"X-API-KEY": API_KEY, "Audiohook-Organization-Id": ORG, "Audiohook-Session-Id": session}
            headers |= {"Audiohook-Correlation-Id": str(uuid.uuid4())}
            if sign_request is not None:
                headers |= sign_request(headers, url)
            with pytest.raises(InvalidStatus) as refused:
                connect(url, additional_headers=headers, proxy=None, open_timeout=10).close()
            assert refused.value.response.status_code == 401
        [stored] = stored_calls(base, "joe")
        assert stored["source"] == "audiohook" and stored["status"] == "complete"


def test_the_audiosocket_port_is_closed_when_it_is_not_configured(tmp_path):
    port = free_loopback_port()
    with running_server(make_config(tmp_path)), pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_a_stream_naming_an_agent_id_the_server_cannot_take_is_coached_as_the_default_agent(tmp_path):
    """A display name ("Jane Doe") in a Twilio ``<Parameter name="agent_id">`` or an over-long id in AudioHook's
    ``customConfig``: the call failed at its start (ValueError out of the call manager, logged as 'telephony
    endpoint failed', nothing coached or stored). It is now coached and stored under ``[telephony]
    default_agent_id`` with a ``bad_agent_id`` note. A pair registration naming such an id is refused with the
    reason: it was accepted up to 80 characters, and then the legs' call failed the same way."""
    telephony = {"allow_unauthenticated": True, "audiohook_org_id": ORG, "audiohook_api_keys": [API_KEY]}
    cfg = make_config(tmp_path, telephony=telephony | {"audiosocket_port": free_loopback_port()})
    call = CallAudio(np.zeros(3200, np.float32), np.zeros(3200, np.float32))  # 0.2 s
    with running_server(cfg) as server:
        base = f"http://127.0.0.1:{server.port}"
        run_twilio(call, f"ws://127.0.0.1:{server.port}/ingest/twilio", agent_id="Jane Doe")
        run_audiohook(call, f"ws://127.0.0.1:{server.port}/ingest/audiohook", api_key=API_KEY, org_id=ORG,
                      agent_id="a" * 65)  # fmt: skip
        stored = stored_calls(base, "unassigned", count=2)
        assert sorted(c["source"] for c in stored) == ["audiohook", "twilio"]
        for c in stored:
            notes = [e for e in events(base, c["id"]) if e["type"] == "stream" and e.get("kind") == "protocol_error"]
            assert c["status"] == "complete" and [n["code"] for n in notes] == ["bad_agent_id"]
        form = f"agent_uuid={uuid.uuid4()}&customer_uuid={uuid.uuid4()}&agent_id={'a' * 65}"
        status, body = post_form(base, "/api/audiosocket/pairs", form, LEAD)
        assert status == 400 and "1-64" in json.dumps(body)
