"""``coach simulate``: play a stereo recording into a running server over a real telephony protocol.

Blocking clients (``websockets.sync`` and plain sockets), paced in real time by
:class:`coach.sources.replay.Pacer` (``pacer=None`` sends as fast as the socket takes it). Each
speaks its protocol as the platform does, built from the same message helpers the server-side
machines are tested with:

- :func:`run_twilio`: ``connected``, ``start`` (both tracks, ``customParameters.agent_id``), one
  ``media`` per track per 20 ms (μ-law 8 kHz, base64), ``stop``; signs the request with
  ``X-Twilio-Signature`` when given an auth token.
- :func:`run_audiohook`: headers ``X-API-KEY``, ``Audiohook-Organization-Id``,
  ``Audiohook-Session-Id``, ``Audiohook-Correlation-Id`` (signed with the client secret when one is
  given, :func:`coach.telephony.signature.sign_request`); ``open`` → waits for ``opened``; binary
  frames with interleaved external (customer) and internal (agent) channels in PCMU or L16 at
  8 kHz; ``ping`` every 5 s; ``close`` → waits for ``closed``.
- :func:`run_audiosocket`: two TCP connections (agent and customer legs, each a random UUID,
  registered as a pair first when a ``register`` hook or ``register_url`` is given), UUID then
  slin frames, then hang-up.

The recording's channel ``agent_channel`` is the agent. Audio is resampled from the pipeline's
16 kHz to the protocol's rate. Nothing here logs audio.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import soxr
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from coach.errors import CoachError
from coach.sources.recording import load_recording
from coach.sources.replay import Pacer
from coach.telephony import audiohook, audiosocket, signature, twilio
from coach.telephony.codecs import l16_encode, ulaw_encode
from coach.telephony.mount import PAIRS_PATH
from coach.types import SAMPLE_RATE, Lane

PROTOCOLS = ("twilio", "audiohook", "audiosocket")


class SimulationError(CoachError):
    """The server refused the simulated call or the connection failed."""


@dataclass
class SimResult:
    """What one simulated call did. ``origin`` is the monotonic time audio position 0 was live."""

    protocol: str
    call_id: str
    audio_s: float = 0.0
    frames: int = 0
    origin: float = 0.0
    server_messages: list[dict[str, Any]] = field(default_factory=list)
    close_code: int | None = None


@dataclass(frozen=True)
class CallAudio:
    """Both lanes at 16 kHz, float32, equal length."""

    agent: np.ndarray
    customer: np.ndarray

    @property
    def duration_s(self) -> float:
        return len(self.agent) / SAMPLE_RATE


def load_call_audio(
    path: str, *, agent_channel: int = 0, start_s: float = 0.0, end_s: float | None = None
) -> CallAudio:
    """Load a stereo recording (or the ``[start_s, end_s)`` excerpt of it) as :class:`CallAudio`."""
    rec = load_recording(path, agent_channel=agent_channel)
    a, b = int(start_s * SAMPLE_RATE), len(rec.agent) if end_s is None else int(end_s * SAMPLE_RATE)
    if not 0 <= a < b:
        raise SimulationError(f"empty excerpt {start_s}..{end_s} s of {path}")
    return CallAudio(rec.agent[a:b].copy(), rec.customer[a:b].copy())


def _at_rate(pcm: np.ndarray, rate: int) -> np.ndarray:
    if rate == SAMPLE_RATE:
        return pcm
    return soxr.resample(pcm, SAMPLE_RATE, rate, quality="HQ").astype(np.float32)


def _steps(n: int, rate: int, chunk_ms: int) -> list[tuple[int, int]]:
    step = rate * chunk_ms // 1000
    return [(start, min(start + step, n)) for start in range(0, n, step)]


def _wait(pacer: Pacer | None, result: SimResult, end: int, rate: int) -> None:
    if pacer is None:
        return
    if not result.origin:
        result.origin = pacer.clock()
    pacer.wait_until(end / rate)


def run_twilio(
    call: CallAudio,
    url: str,
    *,
    agent_id: str | None = None,
    auth_token: str | None = None,
    agent_track: str = "outbound",
    call_sid: str | None = None,
    chunk_ms: int = 20,
    pacer: Pacer | None = None,
) -> SimResult:
    """Stream ``call`` as a Twilio ``both_tracks`` Media Stream to ``url``."""
    call_sid = call_sid or "CA" + uuid.uuid4().hex
    stream_sid = "MZ" + uuid.uuid4().hex
    result = SimResult("twilio", call_sid, origin=time.monotonic() if pacer is None else 0.0)
    headers = {"X-Twilio-Signature": twilio.signature(auth_token, url)} if auth_token else {}
    customer_track = "inbound" if agent_track == "outbound" else "outbound"
    lanes = {
        agent_track: ulaw_encode(_at_rate(call.agent, 8000)),
        customer_track: ulaw_encode(_at_rate(call.customer, 8000)),
    }
    params = {"agent_id": agent_id} if agent_id else {}
    try:
        with connect(url, additional_headers=headers, open_timeout=10, proxy=None, compression=None) as ws:
            seq = 1
            ws.send(twilio.connected_message())
            ws.send(
                twilio.start_message(call_sid=call_sid, stream_sid=stream_sid, custom_parameters=params, sequence=seq)
            )
            n = len(lanes[agent_track])
            for chunk, (start, end) in enumerate(_steps(n, 8000, chunk_ms), start=1):
                _wait(pacer, result, end, 8000)
                for track in twilio.TRACKS:
                    seq += 1
                    ws.send(
                        twilio.media_message(
                            stream_sid=stream_sid,
                            track=track,
                            chunk=chunk,
                            timestamp_ms=start * 1000 // 8000,
                            payload=lanes[track][start:end],
                            sequence=seq,
                        )
                    )
                    result.frames += 1
                result.audio_s = end / 8000
            ws.send(twilio.stop_message(call_sid=call_sid, stream_sid=stream_sid, sequence=seq + 1))
            result.close_code = _drain_until_closed(ws, result, 5.0)
    except InvalidStatus as exc:
        raise SimulationError(f"twilio: the server refused the connection ({exc.response.status_code})") from None
    except (OSError, ConnectionClosed) as exc:
        raise SimulationError(f"twilio: connection to {url} failed: {exc}") from None
    return result


def _drain_until_closed(ws: Any, result: SimResult, timeout: float) -> int | None:
    """After the last message: let the server close (Twilio semantics); close ourselves after ``timeout``."""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ws.recv(timeout=max(0.0, deadline - time.monotonic()))
    except (TimeoutError, ConnectionClosed):
        pass
    ws.close()
    return ws.close_code


def run_audiohook(
    call: CallAudio,
    url: str,
    *,
    api_key: str,
    org_id: str,
    agent_id: str | None = None,
    media_format: str = "PCMU",
    conversation_id: str | None = None,
    chunk_ms: int = 20,
    ping_every_s: float = 5.0,
    pacer: Pacer | None = None,
    sign_request: Callable[[dict[str, str], str], Mapping[str, str]] | None = None,
) -> SimResult:
    """Stream ``call`` as a Genesys AudioHook v2 session to ``url``. ``sign_request(headers, url)``
    returns headers to add (``Signature-Input``, ``Signature``) when the integration has a client secret."""
    conversation_id = conversation_id or str(uuid.uuid4())
    session_id = str(uuid.uuid4())
    result = SimResult("audiohook", conversation_id, origin=time.monotonic() if pacer is None else 0.0)
    client = audiohook.AudioHookClient(session_id)
    headers = {
        "X-API-KEY": api_key,
        "Audiohook-Organization-Id": org_id,
        "Audiohook-Session-Id": session_id,
        "Audiohook-Correlation-Id": str(uuid.uuid4()),
    }
    if sign_request is not None:
        headers.update(sign_request(dict(headers), url))
    external, internal = _at_rate(call.customer, 8000), _at_rate(call.agent, 8000)
    interleaved = np.stack([external, internal], axis=1)
    encode = ulaw_encode if media_format == "PCMU" else l16_encode
    try:
        with connect(url, additional_headers=headers, open_timeout=10, proxy=None, compression=None) as ws:
            custom = {"agent_id": agent_id} if agent_id else None
            ws.send(
                client.open(
                    organization_id=org_id,
                    conversation_id=conversation_id,
                    media_format=media_format,
                    custom_config=custom,
                )
            )
            reply = client.received(ws.recv(timeout=5.0))
            result.server_messages.append(reply)
            if reply.get("type") != "opened":
                info = reply.get("parameters", {}).get("info", reply.get("type"))
                raise SimulationError(f"audiohook: the server answered open with {reply.get('type')}: {info}")
            next_ping = ping_every_s
            for start, end in _steps(len(interleaved), 8000, chunk_ms):
                _wait(pacer, result, end, 8000)
                ws.send(encode(interleaved[start:end].reshape(-1)))
                client.samples = end
                result.frames += 1
                result.audio_s = end / 8000
                if result.audio_s >= next_ping:
                    next_ping += ping_every_s
                    ws.send(client.message("ping", {}))
                if _disconnected(ws, client, result):
                    break
            ws.send(client.message("close", {"reason": "end"}))
            deadline = time.monotonic() + 5.0
            while time.monotonic() < deadline:
                message = client.received(ws.recv(timeout=max(0.0, deadline - time.monotonic())))
                result.server_messages.append(message)
                if message.get("type") == "closed":
                    break
            ws.close()
            result.close_code = ws.close_code
    except InvalidStatus as exc:
        raise SimulationError(f"audiohook: the server refused the connection ({exc.response.status_code})") from None
    except (OSError, ConnectionClosed, TimeoutError) as exc:
        raise SimulationError(f"audiohook: connection to {url} failed: {exc!r}") from None
    return result


def _disconnected(ws: Any, client: audiohook.AudioHookClient, result: SimResult) -> bool:
    """Read whatever the server sent so far; True if it asked us to disconnect."""
    while True:
        try:
            message = client.received(ws.recv(timeout=0))
        except TimeoutError:
            return False
        result.server_messages.append(message)
        if message.get("type") == "disconnect":
            return True


def register_pair_http(
    server: str, token: str | None, *, agent_uuid: str, customer_uuid: str, agent_id: str, label: str | None = None
) -> dict[str, Any]:
    """Register two AudioSocket legs with ``coach serve`` at ``server`` (``http://host:port``), as a
    dialplan does with ``CURL()``: ``POST /api/audiosocket/pairs``. Returns the answer's JSON."""
    body = {"agent_uuid": agent_uuid, "customer_uuid": customer_uuid, "agent_id": agent_id}
    if label:
        body["label"] = label
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(
        server.rstrip("/") + PAIRS_PATH, data=json.dumps(body).encode(), headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as exc:
        raise SimulationError(f"audiosocket: registering the legs failed: HTTP {exc.code}") from None
    except OSError as exc:
        raise SimulationError(f"audiosocket: registering the legs at {server} failed: {exc}") from None


def run_audiosocket(
    call: CallAudio,
    host: str,
    port: int,
    *,
    register: Callable[[str, str], object] | None = None,
    rate: int = 8000,
    chunk_ms: int = 20,
    pacer: Pacer | None = None,
) -> SimResult:
    """Stream ``call`` as two AudioSocket legs (agent, customer) to ``host:port``, each with a random
    UUID. ``register(agent_uuid, customer_uuid)`` is called first so the server pairs the legs into
    one call (e.g. :func:`register_pair_http`); without it each leg is a call of its own."""
    if rate not in audiosocket.RATE_KINDS:
        raise SimulationError(f"audiosocket: unsupported rate {rate} Hz (one of {sorted(audiosocket.RATE_KINDS)})")
    uuids = {lane: str(uuid.uuid4()) for lane in Lane}
    if register is not None:
        register(uuids[Lane.AGENT], uuids[Lane.CUSTOMER])
    result = SimResult("audiosocket", uuids[Lane.AGENT], origin=time.monotonic() if pacer is None else 0.0)
    lanes = {Lane.AGENT: _at_rate(call.agent, rate), Lane.CUSTOMER: _at_rate(call.customer, rate)}
    sockets: dict[Lane, socket.socket] = {}
    try:
        for lane in Lane:
            sock = socket.create_connection((host, port), timeout=10)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.sendall(audiosocket.uuid_frame(uuids[lane]))
            sockets[lane] = sock
        for start, end in _steps(len(lanes[Lane.AGENT]), rate, chunk_ms):
            _wait(pacer, result, end, rate)
            for lane, sock in sockets.items():
                sock.sendall(audiosocket.audio_frame(lanes[lane][start:end], rate))
                result.frames += 1
            result.audio_s = end / rate
        for sock in sockets.values():
            sock.sendall(audiosocket.hangup_frame())
    except OSError as exc:
        raise SimulationError(f"audiosocket: connection to {host}:{port} failed: {exc}") from None
    finally:
        for sock in sockets.values():
            sock.close()
    return result


def _signer(api_key: str, client_secret: str) -> Callable[[dict[str, str], str], Mapping[str, str]]:
    """Signs AudioHook requests with the integration's client secret, as Genesys Cloud does."""

    def sign(headers: dict[str, str], url: str) -> Mapping[str, str]:
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        nonce = base64.b64encode(os.urandom(18)).decode()
        return signature.sign_request(
            target=target,
            authority=parts.netloc,
            headers=headers,
            api_key=api_key,
            client_secret=client_secret,
            now=time.time(),
            nonce=nonce,
        )

    return sign


def simulate(
    protocol: str,
    call: CallAudio,
    target: str,
    *,
    realtime: bool = True,
    agent_id: str | None = None,
    api_key: str | None = None,
    client_secret: str | None = None,
    org_id: str | None = None,
    auth_token: str | None = None,
    media_format: str = "PCMU",
    rate: int = 8000,
    register_url: str | None = None,
    token: str | None = None,
) -> SimResult:
    """Run one simulated call; ``target`` is a ws:// URL (AudioSocket: ``host:port``; with
    ``register_url``, the ``coach serve`` address, the two legs are registered there as one call,
    for ``agent_id``, authenticated with ``token``)."""
    pacer = Pacer() if realtime else None
    if protocol == "twilio":
        return run_twilio(call, target, agent_id=agent_id, auth_token=auth_token, pacer=pacer)
    if protocol == "audiohook":
        if not api_key or not org_id:
            raise SimulationError("audiohook needs --api-key and --org-id")
        return run_audiohook(
            call,
            target,
            api_key=api_key,
            org_id=org_id,
            agent_id=agent_id,
            media_format=media_format,
            pacer=pacer,
            sign_request=_signer(api_key, client_secret) if client_secret else None,
        )
    if protocol == "audiosocket":
        host, sep, port = target.rpartition(":")
        if not sep or not port.isdigit():
            raise SimulationError(f"audiosocket needs HOST:PORT, not {target!r}")
        register = None
        if register_url:

            def register(agent_uuid: str, customer_uuid: str) -> object:
                return register_pair_http(
                    register_url,
                    token,
                    agent_uuid=agent_uuid,
                    customer_uuid=customer_uuid,
                    agent_id=agent_id or "unassigned",
                )

        return run_audiosocket(call, host.strip("[]"), int(port), register=register, rate=rate, pacer=pacer)
    raise SimulationError(f"unknown protocol {protocol!r}; one of {', '.join(PROTOCOLS)}")
