"""Async endpoints: adapt websockets / asyncio streams to the sans-I/O protocol machines.

Mounting (for ``coach serve``)::

    from coach.telephony.endpoints import TelephonyIngest

    ingest = TelephonyIngest(call_manager, cfg)            # call_manager implements CallSink
    routes = ingest.routes()   # {"/ingest/twilio": handler, "/ingest/audiohook": handler}
    # in the websockets handler:   await routes[path_without_query](connection)
    # in websockets' process_request (optional, refuses unsigned Twilio requests with HTTP 401):
    #     response = ingest.process_request(connection, request)
    if cfg.telephony.audiosocket_port:                     # AudioSocket (TCP) is off by default
        audiosocket = await ingest.start_audiosocket_server(host, cfg.telephony.audiosocket_port)
    ...
    audiosocket.close(); ingest.close()                    # on shutdown: open calls end incomplete

Pass ``max_size=cfg.telephony.max_message_bytes`` to ``websockets.asyncio.server.serve`` so oversized
frames are refused before they are buffered; the machines enforce the same limit anyway.
:func:`telephony_routes`, :func:`serve_twilio`, :func:`serve_audiohook` and
:func:`start_audiosocket_server` are shortcuts sharing one :class:`TelephonyIngest` per sink.

Each connection gets its own protocol machine; actions are carried out in order: ``StartCall``
attaches a leg in the shared :class:`~coach.telephony.ingest.CallTable`, audio goes to the leg,
``Send``/``Close`` go to the socket. Timeouts (``[telephony]``): a connection must identify its
stream within ``start_timeout_s``; a stream that delivers no complete message for
``idle_timeout_s`` is closed (slow-loris included: partial frames do not count); either way, or on
a dropped socket, a started call's leg ends with ``complete=False`` and may be continued by a
reconnect within ``reconnect_window_s``. Violations are logged with their code and the peer's
address only, never payload bytes, and noted on the call as ``protocol_error``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import weakref
from collections.abc import Awaitable, Callable, Mapping
from http import HTTPStatus
from typing import Any

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from coach.config import CoachConfig
from coach.pipeline.calls import CallSink
from coach.telephony import audiohook, audiosocket, twilio
from coach.telephony.actions import Action, Close, EndCall, Media, Send, Silence, StartCall, StreamNote, Violation
from coach.telephony.align import PositionError
from coach.telephony.config import TelephonyConfig
from coach.telephony.ingest import CallTable, IngestError, Leg
from coach.telephony.wire import CLOSE_GOING_AWAY, CLOSE_INTERNAL, CLOSE_POLICY

log = logging.getLogger("coach.telephony")

TWILIO_PATH = "/ingest/twilio"
AUDIOHOOK_PATH = "/ingest/audiohook"
CLOSING_GRACE_S = 2.0
"""After ``stop``/``closed``/``disconnect``, how long the peer has to close before we do."""

_TCP_READ_BYTES = 4096
"""AudioSocket read size: ~128 ms of 8 kHz slin, so two legs read in turn stay close together."""

WebsocketHandler = Callable[[ServerConnection], Awaitable[None]]


def _telephony(cfg: CoachConfig | TelephonyConfig) -> TelephonyConfig:
    return cfg.telephony if isinstance(cfg, CoachConfig) else cfg


def _peer(address: Any) -> str:
    return str(address[0]) if isinstance(address, tuple) and address else str(address)


class _Link:
    """Carries out one connection's actions on its leg; transport-specific I/O is passed in."""

    def __init__(self, ingest: TelephonyIngest, source: str, peer: str) -> None:
        self._ingest = ingest
        self.source = source
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
                call_id = self.leg.call.call_id
                log.info("telephony call stream started", extra={"source": self.source, "call_id": call_id})
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
        except (IngestError, PositionError) as exc:
            self._violation(Violation("bad_stream", str(exc), fatal=True))
            self.end(complete=False, reason="protocol_error")
            return Close(CLOSE_POLICY, "bad stream")
        return None

    def end(self, *, complete: bool, reason: str) -> None:
        if self.leg is not None and not self.leg.ended:
            self.leg.end(complete=complete, reason=reason)
            if not complete:
                self._ingest.schedule_expiry()

    def _violation(self, v: Violation) -> None:
        log.warning(
            "telephony protocol violation",
            extra={"source": self.source, "peer": self.peer, "violation": v.code, "fatal": v.fatal},
        )
        if self.leg is not None and not self.leg.ended:
            self.leg.note("protocol_error", code=v.code, fatal=v.fatal)


class TelephonyIngest:
    """The telephony side of a server: one call table shared by every ingest connection.

    ``agent_for(call_key)`` names the agent of an AudioSocket call (its UUID carries none);
    ``clock`` (monotonic seconds) places reconnects and late legs on the call's timeline.
    """

    def __init__(
        self,
        sink: CallSink,
        cfg: CoachConfig | TelephonyConfig,
        *,
        agent_for: Callable[[str], str | None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.cfg = _telephony(cfg)
        self.table = CallTable(sink, self.cfg, clock=clock)
        self._agent_for = agent_for

    # -- mounting ---------------------------------------------------------------------------------

    def routes(self) -> dict[str, WebsocketHandler]:
        """Websocket paths (without query string) → handlers taking the ``ServerConnection``."""
        return {TWILIO_PATH: self.twilio, AUDIOHOOK_PATH: self.audiohook}

    def process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        """For websockets' ``process_request``: refuse an unsigned Twilio upgrade with HTTP 401."""
        if request.path.split("?", 1)[0] == TWILIO_PATH:
            refusal = twilio.check_request(request.path, request.headers, self.cfg)
            if refusal is not None:
                peer = _peer(connection.remote_address)
                log.warning("telephony connection refused", extra={"source": "twilio", "peer": peer})
                return connection.respond(HTTPStatus.UNAUTHORIZED, "Unauthorized\n")
        return None

    async def start_audiosocket_server(self, host: str, port: int) -> asyncio.Server:
        """Listen for AudioSocket TCP connections; returns the started ``asyncio.Server``."""
        return await asyncio.start_server(self.audiosocket, host, port)

    def schedule_expiry(self) -> None:
        """End detached calls once their reconnect window has passed."""
        loop = asyncio.get_running_loop()
        loop.call_later(self.cfg.reconnect_window_s + 0.05, self.table.expire)

    def close(self) -> None:
        """End every call still open (``complete=False``), e.g. at server shutdown."""
        self.table.close_all()

    # -- websockets -------------------------------------------------------------------------------

    async def twilio(self, websocket: ServerConnection) -> None:
        """Serve one Twilio Media Streams connection until it ends."""
        peer = _peer(websocket.remote_address)
        request = websocket.request
        refusal = twilio.check_request(request.path, request.headers, self.cfg) if request else "no request"
        if refusal is not None:
            log.warning("telephony connection refused", extra={"source": "twilio", "peer": peer})
            await websocket.close(CLOSE_POLICY, "unauthorized")
            return
        await self._serve_websocket(websocket, twilio.TwilioProtocol(self.cfg), _Link(self, "twilio", peer))

    async def audiohook(self, websocket: ServerConnection, request_headers: Mapping[str, str] | None = None) -> None:
        """Serve one AudioHook connection (``request_headers`` default to the upgrade request's)."""
        headers = request_headers if request_headers is not None else websocket.request.headers
        machine = audiohook.AudioHookProtocol(self.cfg, headers)
        await self._serve_websocket(websocket, machine, _Link(self, "audiohook", _peer(websocket.remote_address)))

    async def _serve_websocket(self, websocket: ServerConnection, machine: Any, link: _Link) -> None:
        loop = asyncio.get_running_loop()
        opened = loop.time()
        try:
            while not link.closed:
                timeout, why = self._timeout(machine, opened, loop.time())
                try:
                    async with asyncio.timeout(timeout):
                        message = await websocket.recv()
                except TimeoutError:
                    await self._run_ws(websocket, link, machine.end_of_stream(why))
                    code = CLOSE_POLICY if why == "start_timeout" else CLOSE_GOING_AWAY
                    await self._close_ws(websocket, link, code, why)
                    return
                except ConnectionClosed:
                    await self._run_ws(websocket, link, machine.end_of_stream("disconnected"))
                    return
                if isinstance(message, str):
                    actions = machine.receive_text(message)
                else:
                    actions = machine.receive_bytes(message)
                await self._run_ws(websocket, link, actions)
        except Exception:
            log.exception("telephony endpoint failed", extra={"source": link.source, "peer": link.peer})
            link.end(complete=False, reason="server_error")
            await self._close_ws(websocket, link, CLOSE_INTERNAL, "server error")
        finally:
            link.end(complete=False, reason="disconnected")

    def _timeout(self, machine: Any, opened: float, now: float) -> tuple[float, str]:
        if not machine.started:
            return max(0.0, self.cfg.start_timeout_s - (now - opened)), "start_timeout"
        if getattr(machine, "finished", False):
            return min(CLOSING_GRACE_S, self.cfg.idle_timeout_s), "closing"
        return self.cfg.idle_timeout_s, "idle_timeout"

    async def _run_ws(self, websocket: ServerConnection, link: _Link, actions: list[Action]) -> None:
        for action in actions:
            transport = link.handle(action)
            if isinstance(transport, Send) and not link.closed:
                try:
                    async with asyncio.timeout(self.cfg.idle_timeout_s):
                        await websocket.send(transport.data)
                except (ConnectionClosed, TimeoutError):
                    link.closed = True
            elif isinstance(transport, Close):
                await self._close_ws(websocket, link, transport.code, transport.reason)

    async def _close_ws(self, websocket: ServerConnection, link: _Link, code: int, reason: str) -> None:
        if not link.closed:
            link.closed = True
            with contextlib.suppress(ConnectionClosed):
                await websocket.close(code, reason[:120])

    # -- AudioSocket (TCP) ------------------------------------------------------------------------

    async def audiosocket(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Serve one AudioSocket TCP connection (one leg of a call) until it ends."""
        peer = _peer(writer.get_extra_info("peername"))
        if peer not in self.cfg.audiosocket_allowed_hosts:
            log.warning("telephony connection refused", extra={"source": "audiosocket", "peer": peer})
            writer.close()
            return
        machine = audiosocket.AudioSocketProtocol(self.cfg, agent_for=self._agent_for)
        link = _Link(self, "audiosocket", peer)
        loop = asyncio.get_running_loop()
        opened = last_message = loop.time()
        messages = 0
        try:
            while not link.closed:
                now = loop.time()
                if machine.started:
                    timeout, why = self.cfg.idle_timeout_s - (now - last_message), "idle_timeout"
                else:
                    timeout, why = self.cfg.start_timeout_s - (now - opened), "start_timeout"
                try:
                    async with asyncio.timeout(max(0.0, timeout)):
                        data = await reader.read(_TCP_READ_BYTES)
                except TimeoutError:
                    self._run_tcp(writer, link, machine.end_of_stream(why))
                    break
                except ConnectionError:
                    data = b""
                if not data:
                    self._run_tcp(writer, link, machine.end_of_stream("disconnected"))
                    break
                actions = machine.receive_data(data)
                if machine.messages != messages:
                    messages, last_message = machine.messages, loop.time()
                self._run_tcp(writer, link, actions)
                await writer.drain()
                await asyncio.sleep(0)  # a read from a full buffer does not yield: let the other leg in
        except Exception:
            log.exception("telephony endpoint failed", extra={"source": "audiosocket", "peer": peer})
            link.end(complete=False, reason="server_error")
        finally:
            link.end(complete=False, reason="disconnected")
            writer.close()
            with contextlib.suppress(ConnectionError, OSError):
                await writer.wait_closed()

    def _run_tcp(self, writer: asyncio.StreamWriter, link: _Link, actions: list[Action]) -> None:
        for action in actions:
            transport = link.handle(action)
            if isinstance(transport, Send) and not link.closed and isinstance(transport.data, bytes):
                writer.write(transport.data)
            elif isinstance(transport, Close):
                link.closed = True


# -- shortcuts --------------------------------------------------------------------------------------

_shared: weakref.WeakKeyDictionary[Any, TelephonyIngest] = weakref.WeakKeyDictionary()


def _ingest_for(sink: CallSink, cfg: CoachConfig | TelephonyConfig) -> TelephonyIngest:
    """The :class:`TelephonyIngest` shared by every shortcut call with this sink (reconnects need one table)."""
    try:
        ingest = _shared.get(sink)
        if ingest is None or ingest.cfg != _telephony(cfg):
            ingest = _shared[sink] = TelephonyIngest(sink, cfg)
        return ingest
    except TypeError:  # a sink that cannot be weakly referenced: no sharing
        return TelephonyIngest(sink, cfg)


def telephony_routes(sink: CallSink, cfg: CoachConfig | TelephonyConfig) -> dict[str, WebsocketHandler]:
    """``{"/ingest/twilio": handler, "/ingest/audiohook": handler}`` for a websockets server."""
    return _ingest_for(sink, cfg).routes()


async def serve_twilio(websocket: ServerConnection, sink: CallSink, cfg: CoachConfig | TelephonyConfig) -> None:
    await _ingest_for(sink, cfg).twilio(websocket)


async def serve_audiohook(
    websocket: ServerConnection,
    request_headers: Mapping[str, str],
    sink: CallSink,
    cfg: CoachConfig | TelephonyConfig,
) -> None:
    await _ingest_for(sink, cfg).audiohook(websocket, request_headers)


async def start_audiosocket_server(
    host: str,
    port: int,
    sink: CallSink,
    cfg: CoachConfig | TelephonyConfig,
    *,
    agent_for: Callable[[str], str | None] | None = None,
) -> asyncio.Server:
    """Start an AudioSocket TCP server feeding ``sink``; returns the ``asyncio.Server``."""
    ingest = _ingest_for(sink, cfg)
    if agent_for is not None:
        ingest._agent_for = agent_for
    return await ingest.start_audiosocket_server(host, port)
