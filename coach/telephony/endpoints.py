"""Async endpoints: adapt websockets / asyncio streams to the sans-I/O protocol machines.

Mounting (what ``coach serve`` does, from the one route table in :mod:`coach.telephony.mount`)::

    ingest = TelephonyIngest(call_manager, cfg.telephony)   # call_manager implements CallSink
    ingest.routes()            # {"/ingest/twilio": handler, "/ingest/audiohook": handler}
    # an ASGI server (coach serve: Starlette on uvicorn), the websocket endpoint of those paths;
    # refuses with HTTP 401 an unsigned Twilio request or an AudioHook request without its
    # required signature, serves the rest:
    await ingest.serve_asgi("twilio", websocket)
    # or a bare websockets server (coach/telephony/loopback.py): its process_request hook, then
    response = ingest.process_request(connection, request)
    await ingest.routes()[path_without_query](connection)
    server = await ingest.start_audiosocket_server(host, cfg.telephony.audiosocket_port)  # if set
    ingest.register_pair(...)  # POST /api/audiosocket/pairs (coach/server/api.py)
    ...
    server.close(); ingest.close()          # on shutdown: open calls end incomplete

A websocket that did not pass :meth:`TelephonyIngest.process_request` gets the same checks when
its handler starts (so no mounting can skip them), and is closed with 1008 if refused.

Every connection, whatever its protocol, runs the same loop: bytes or messages go into its
:class:`~coach.telephony.machine.StreamMachine`, the actions come out and are carried out in
order: ``StartCall`` attaches a leg in the shared :class:`~coach.telephony.ingest.CallTable`,
audio goes to the leg, ``Send``/``Close`` go to the socket. Deadlines come from
:class:`~coach.telephony.machine.StreamTimer` on the event loop's clock; a leg that ends
incomplete may be continued by a reconnect within ``reconnect_window_s``.

Logs: each refusal (``telephony connection refused``) and each protocol violation (``telephony
protocol violation``) is logged once, at WARNING, with ``protocol``, ``session_id``, ``reason``
(a short code or fixed phrase), ``peer`` (and ``fatal``) as structured fields and in the message;
never audio, transcript, payload bytes or DTMF digits. Violations are also noted on the call as
``protocol_error``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import weakref
from collections.abc import Awaitable, Callable, Mapping
from http import HTTPStatus
from typing import Any, Protocol
from urllib.parse import unquote

from starlette.responses import PlainTextResponse
from starlette.websockets import WebSocket, WebSocketDisconnect
from websockets.asyncio.server import ServerConnection
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed, ConnectionClosedOK
from websockets.http11 import Request, Response

from coach.pipeline.calls import CallSink
from coach.telephony import audiohook, audiosocket, signature, twilio
from coach.telephony.actions import Action, Close, EndCall, Media, Send, Silence, StartCall, StreamNote, Violation
from coach.telephony.align import PositionError
from coach.telephony.config import TelephonyConfig
from coach.telephony.ingest import CallTable, IngestError, Leg
from coach.telephony.machine import END_DISCONNECTED, END_RESET, StreamMachine, StreamTimer
from coach.telephony.mount import WEBSOCKET_PATHS
from coach.telephony.pairing import LegInfo, PairRegistry
from coach.telephony.wire import CLOSE_GOING_AWAY, CLOSE_INTERNAL, CLOSE_POLICY, header

log = logging.getLogger("coach.telephony")

_TCP_READ_BYTES = 4096
"""AudioSocket read size: ~128 ms of 8 kHz slin, so two legs read in turn stay close together."""

WebsocketHandler = Callable[[ServerConnection], Awaitable[None]]


def _telephony(cfg: Any) -> TelephonyConfig:
    """The ``[telephony]`` settings from a whole configuration or the section itself."""
    return cfg if isinstance(cfg, TelephonyConfig) else cfg.telephony


def _peer(address: Any) -> str:
    return str(address[0]) if isinstance(address, tuple) and address else str(address)


def log_refusal(protocol: str, session_id: str | None, reason: str, peer: str) -> None:
    """The one log line of a refused connection (``reason``: a fixed phrase, no request data)."""
    log.warning(
        "telephony connection refused: protocol=%s session_id=%s reason=%s peer=%s",
        protocol,
        session_id,
        reason,
        peer,
        extra={"protocol": protocol, "session_id": session_id, "reason": reason, "peer": peer},
    )


class _Transport(Protocol):
    """One connection's I/O as the serving loop needs it."""

    async def read(self) -> str | bytes | None:
        """The next message or bytes; ``None`` when the peer closed; raises ``ConnectionError`` when it broke."""
        ...

    async def send(self, data: str | bytes) -> bool:
        """Send; False if the connection is gone."""
        ...

    async def close(self, code: int, reason: str) -> None: ...

    async def settle(self) -> None:
        """After each batch of actions (flow control, fairness between connections)."""
        ...


class _WebsocketTransport:
    def __init__(self, websocket: ServerConnection, send_timeout_s: float) -> None:
        self._ws = websocket
        self._send_timeout_s = send_timeout_s

    async def read(self) -> str | bytes | None:
        try:
            return await self._ws.recv()
        except ConnectionClosedOK:
            return None
        except ConnectionClosed as exc:
            raise ConnectionResetError("websocket closed abnormally") from exc

    async def send(self, data: str | bytes) -> bool:
        try:
            async with asyncio.timeout(self._send_timeout_s):
                await self._ws.send(data)
        except (ConnectionClosed, TimeoutError):
            return False
        return True

    async def close(self, code: int, reason: str) -> None:
        with contextlib.suppress(ConnectionClosed):
            await self._ws.close(code, reason[:120])

    async def settle(self) -> None:
        return None


class _AsgiTransport:
    """A websocket of an ASGI server (Starlette's ``WebSocket``, already accepted)."""

    def __init__(self, websocket: WebSocket, send_timeout_s: float) -> None:
        self._ws = websocket
        self._send_timeout_s = send_timeout_s

    async def read(self) -> str | bytes | None:
        message = await self._ws.receive()
        if message["type"] == "websocket.disconnect":
            if message.get("code", 1000) in (1000, 1001):
                return None
            raise ConnectionResetError("websocket closed abnormally")
        text = message.get("text")
        return text if text is not None else message.get("bytes") or b""

    async def send(self, data: str | bytes) -> bool:
        try:
            async with asyncio.timeout(self._send_timeout_s):
                if isinstance(data, str):
                    await self._ws.send_text(data)
                else:
                    await self._ws.send_bytes(data)
        except (WebSocketDisconnect, RuntimeError, OSError, TimeoutError):
            return False
        return True

    async def close(self, code: int, reason: str) -> None:
        with contextlib.suppress(WebSocketDisconnect, RuntimeError, OSError):
            await self._ws.close(code, reason[:120])

    async def settle(self) -> None:
        return None


class _TcpTransport:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer

    async def read(self) -> bytes | None:
        data = await self._reader.read(_TCP_READ_BYTES)
        return data or None

    async def send(self, data: str | bytes) -> bool:
        if isinstance(data, str) or self._writer.is_closing():
            return False
        self._writer.write(data)
        return True

    async def close(self, code: int, reason: str) -> None:
        self._writer.close()

    async def settle(self) -> None:
        with contextlib.suppress(ConnectionError):
            await self._writer.drain()
        await asyncio.sleep(0)  # a read from a full buffer does not yield: let the other leg in


class _Link:
    """Carries out one connection's call-side actions on its leg, and logs what went wrong."""

    def __init__(self, ingest: TelephonyIngest, machine: StreamMachine, peer: str) -> None:
        self._ingest = ingest
        self.machine = machine
        self.peer = peer
        self.leg: Leg | None = None
        self.closed = False

    def handle(self, action: Action) -> Action | None:
        """Apply a call-side action; return transport actions (Send/Close) for the caller."""
        try:
            if isinstance(action, StartCall):
                self.leg = self._ingest.table.attach(
                    source=action.source,
                    key=action.key,
                    agent_id=action.agent_id,
                    rates=action.rates,
                    lanes=action.lanes,
                    paired=action.paired,
                    metadata=action.metadata,
                )
                log.info(
                    "telephony call stream started",
                    extra={
                        "protocol": self.machine.source,
                        "session_id": self.machine.session_id,
                        "call_id": self.leg.call.call_id,
                    },
                )
            elif isinstance(action, Media):
                if self.leg is not None:
                    self.leg.media(action.lane, action.position, action.pcm)
            elif isinstance(action, Silence):
                if self.leg is not None:
                    self.leg.silence(action.position, action.samples)
            elif isinstance(action, StreamNote):
                if self.leg is not None:
                    self.leg.note(action.kind, **action.fields)
            elif isinstance(action, Violation):
                self._violation(action)
            elif isinstance(action, EndCall):
                self.end(complete=action.complete, reason=action.reason)
            else:
                return action
        except (IngestError, PositionError):
            self._violation(Violation("bad_stream", "the stream does not fit its call", fatal=True))
            self.end(complete=False, reason="protocol_error")
            return Close(CLOSE_POLICY, "bad stream")
        return None

    def end(self, *, complete: bool, reason: str) -> None:
        if self.leg is not None and not self.leg.ended:
            self.leg.end(complete=complete, reason=reason)
            if self.leg.call.detached_until is not None:  # a reconnect, or a registered partner, may still come
                self._ingest.schedule_expiry()

    def _violation(self, v: Violation) -> None:
        session_id = self.machine.session_id
        if v.code == "unauthorized":
            log_refusal(self.machine.source, session_id, v.detail, self.peer)
        else:
            log.warning(
                "telephony protocol violation: protocol=%s session_id=%s reason=%s fatal=%s peer=%s",
                self.machine.source,
                session_id,
                v.code,
                v.fatal,
                self.peer,
                extra={
                    "protocol": self.machine.source,
                    "session_id": session_id,
                    "reason": v.code,
                    "fatal": v.fatal,
                    "peer": self.peer,
                },
            )
        if self.leg is not None and not self.leg.ended:
            self.leg.note("protocol_error", code=v.code, fatal=v.fatal)


class TelephonyIngest:
    """The telephony side of a server: one call table and one AudioSocket pair registry shared by
    every ingest connection.

    ``clock`` (monotonic seconds) places reconnects and late legs on the call's timeline and ages
    pair registrations; ``wall_clock`` (Unix seconds) checks AudioHook signature times.
    """

    def __init__(
        self,
        sink: CallSink,
        cfg: Any,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.cfg = _telephony(cfg)
        self.table = CallTable(sink, self.cfg, clock=clock)
        self.pairs = PairRegistry(ttl_s=self.cfg.audiosocket_pair_ttl_s, clock=clock)
        self._wall_clock = wall_clock
        self._secrets = signature.decode_secrets(self.cfg.audiohook_api_keys, self.cfg.audiohook_client_secrets)
        self._nonces = signature.NonceCache()
        self._admitted: weakref.WeakSet[ServerConnection] = weakref.WeakSet()
        self._tcp: set[asyncio.StreamWriter] = set()  # open AudioSocket connections, closed by :meth:`close`

    # -- mounting ---------------------------------------------------------------------------------

    def routes(self) -> dict[str, WebsocketHandler]:
        """Websocket paths (without query string) → handlers taking the ``ServerConnection``."""
        return {path: self._handler(protocol) for path, protocol in WEBSOCKET_PATHS.items()}

    def _handler(self, protocol: str) -> WebsocketHandler:
        async def handler(websocket: ServerConnection) -> None:
            await self.serve_websocket(protocol, websocket)

        return handler

    def process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        """For websockets' ``process_request``: HTTP 401 for a request whose credentials fail, else admit it."""
        protocol = WEBSOCKET_PATHS.get(unquote(request.path.split("?", 1)[0]))
        if protocol is None:
            return None
        if not self._admit(protocol, request.path, request.headers, _peer(connection.remote_address)):
            return connection.respond(HTTPStatus.UNAUTHORIZED, "Unauthorized\n")
        self._admitted.add(connection)
        return None

    def _admit(self, protocol: str, target: str, headers: Headers, peer: str) -> bool:
        """The checks made on the upgrade request (``target``: path and query as sent); a refusal is logged."""
        refusal = self._request_refusal(protocol, target, headers)
        if refusal is None:
            return True
        session_id = header(headers, "Audiohook-Session-Id") if protocol == "audiohook" else None
        log_refusal(protocol, session_id, refusal, peer)
        return False

    def _request_refusal(self, protocol: str, target: str, headers: Headers) -> str | None:
        """Checks made on the upgrade request: Twilio's request signature, AudioHook's message signature."""
        if protocol == "twilio":
            return twilio.check_request(target, headers, self.cfg)
        return signature.verify(
            target=target,
            headers=headers,
            secrets=self._secrets,
            now=self._wall_clock(),
            max_age_s=self.cfg.audiohook_signature_max_age_s,
            nonces=self._nonces,
        )

    async def start_audiosocket_server(self, host: str, port: int) -> asyncio.Server:
        """Listen for AudioSocket TCP connections; returns the started ``asyncio.Server``."""
        return await asyncio.start_server(self.serve_audiosocket, host, port)

    def register_pair(self, *, agent_uuid: str, customer_uuid: str, agent_id: str, label: str | None = None) -> LegInfo:
        """Register the two AudioSocket legs of one call (raises :class:`~coach.telephony.pairing.PairingError`)."""
        return self.pairs.register(agent_uuid=agent_uuid, customer_uuid=customer_uuid, agent_id=agent_id, label=label)

    def schedule_expiry(self) -> None:
        """End detached calls once their wait has passed (:meth:`CallTable.expire`): the longest wait
        is the reconnect window, a registered partner's is ``lane_skew_ms``; each gets its own check."""
        loop = asyncio.get_running_loop()
        for wait_s in {self.cfg.lane_skew_ms / 1000, self.cfg.reconnect_window_s}:
            loop.call_later(wait_s + 0.05, self.table.expire)

    def close(self) -> None:
        """End every call still open (``complete=False``), e.g. at server shutdown, and close the open AudioSocket
        connections (the PBX sees the hang-up; their handlers then finish instead of waiting on a dead loop)."""
        self.table.close_all()
        for writer in list(self._tcp):
            writer.close()

    # -- connections ------------------------------------------------------------------------------

    def machine(self, protocol: str, headers: Mapping[str, str] | Any = None) -> StreamMachine:
        """A fresh protocol machine for one connection of ``protocol``."""
        if protocol == "twilio":
            return twilio.TwilioProtocol(self.cfg)
        if protocol == "audiohook":
            return audiohook.AudioHookProtocol(self.cfg, headers if headers is not None else {})
        if protocol == "audiosocket":
            return audiosocket.AudioSocketProtocol(self.cfg, resolve=self.pairs.resolve)
        raise ValueError(f"unknown telephony protocol {protocol!r}")

    async def serve_websocket(self, protocol: str, websocket: ServerConnection) -> None:
        """Serve one Twilio or AudioHook connection until it ends."""
        peer = _peer(websocket.remote_address)
        request = websocket.request
        if websocket not in self._admitted:
            refusal = self._request_refusal(protocol, request.path, request.headers) if request else "no request"
            if refusal is not None:
                session_id = header(request.headers, "Audiohook-Session-Id") if request is not None else None
                log_refusal(protocol, session_id if protocol == "audiohook" else None, refusal, peer)
                with contextlib.suppress(ConnectionClosed):
                    await websocket.close(CLOSE_POLICY, "unauthorized")
                return
        headers = request.headers if request is not None else {}
        transport = _WebsocketTransport(websocket, self.cfg.idle_timeout_s)
        await self._serve(self.machine(protocol, headers), transport, peer)

    async def serve_asgi(self, protocol: str, websocket: WebSocket) -> None:
        """Serve one Twilio or AudioHook connection of an ASGI server: the upgrade request's
        credentials are checked first (refused: HTTP 401, logged), then it is accepted and served."""
        scope = websocket.scope
        query = scope.get("query_string", b"").decode("latin-1")
        target = scope.get("raw_path", scope["path"].encode()).decode("latin-1") + (f"?{query}" if query else "")
        headers = Headers((k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"])
        peer = _peer(scope.get("client"))
        if not self._admit(protocol, target, headers, peer):
            await websocket.send_denial_response(PlainTextResponse("Unauthorized\n", status_code=401))
            return
        await websocket.accept()
        transport = _AsgiTransport(websocket, self.cfg.idle_timeout_s)
        await self._serve(self.machine(protocol, headers), transport, peer)

    async def serve_audiosocket(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Serve one AudioSocket TCP connection (one leg of a call) until it ends."""
        peer = _peer(writer.get_extra_info("peername"))
        self._tcp.add(writer)
        try:
            if peer not in self.cfg.audiosocket_allowed_hosts:
                log_refusal(audiosocket.SOURCE, None, "peer not in audiosocket_allowed_hosts", peer)
                return
            await self._serve(self.machine(audiosocket.SOURCE), _TcpTransport(reader, writer), peer)
        finally:
            self._tcp.discard(writer)
            writer.close()
            with contextlib.suppress(ConnectionError, OSError):
                await writer.wait_closed()

    async def _serve(self, machine: StreamMachine, transport: _Transport, peer: str) -> None:
        """The one serving loop: read with the timer's deadline, feed the machine, act."""
        link = _Link(self, machine, peer)
        opened = self.table.clock()  # a real-time source sends no audio before this
        loop = asyncio.get_running_loop()
        timer = StreamTimer(self.cfg, loop.time())
        try:
            while not link.closed:
                timeout, why = timer.remaining(machine, loop.time())
                try:
                    async with asyncio.timeout(timeout):
                        message = await transport.read()
                except TimeoutError:
                    await self._act(transport, link, machine.end_of_stream(why))
                    await self._close(
                        transport, link, CLOSE_POLICY if why == "start_timeout" else CLOSE_GOING_AWAY, why
                    )
                    return
                except ConnectionError:
                    await self._act(transport, link, machine.end_of_stream(END_RESET))
                    return
                if message is None:
                    await self._act(transport, link, machine.end_of_stream(END_DISCONNECTED))
                    return
                actions = machine.receive(message)
                timer.observe(machine, loop.time())
                await self._act(transport, link, actions)
                await transport.settle()
                if link.leg is not None and link.leg.call.should_hold(self.table.clock(), opened):
                    await link.leg.call.hold(self.table.clock)  # not reading: flow control slows the sender
                    timer.excuse(loop.time())
        except Exception:
            log.exception(
                "telephony endpoint failed",
                extra={"protocol": machine.source, "session_id": machine.session_id, "peer": peer},
            )
            link.end(complete=False, reason="server_error")
            await self._close(transport, link, CLOSE_INTERNAL, "server error")
        finally:
            link.end(complete=False, reason="disconnected")

    async def _act(self, transport: _Transport, link: _Link, actions: list[Action]) -> None:
        for action in actions:
            out = link.handle(action)
            if isinstance(out, Send) and not link.closed:
                if not await transport.send(out.data):
                    link.closed = True
            elif isinstance(out, Close):
                await self._close(transport, link, out.code, out.reason)

    async def _close(self, transport: _Transport, link: _Link, code: int, reason: str) -> None:
        if not link.closed:
            link.closed = True
            await transport.close(code, reason)
