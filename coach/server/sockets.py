"""The websocket endpoints of ``coach serve``: page streams (agent, floor, one call) and call ingest.

An upgrade is checked first (token, role) and refused as an HTTP answer with the JSON error when it
fails. Each page connection gets a :class:`~coach.server.hub.Relay` (bounded queue + sender task)
and a first ``snapshot``/``floor`` message, then whatever its topic publishes. The ingest endpoint
turns a source's messages (:mod:`coach.server.wire`) into a live call on the call manager, its audio
resampled from the declared rate and watched for a real-time source sending another rate
(:mod:`coach.server.ingest_audio`). Close codes: 4400 malformed ingest message, 4403 not allowed,
4404 no such live call, 4008 too slow (hub).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket, WebSocketDisconnect

from coach.server.auth import Authenticator, AuthError, Principal
from coach.server.board import LiveBoard
from coach.server.calls import CallManager, ServerCall
from coach.server.config import ServerConfig
from coach.server.http import HttpError, deny_websocket, error_response
from coach.server.hub import Hub, Relay
from coach.server.ingest_audio import IngestAudio, LevelsFinding, RateFinding, RateWatch, declared_rate
from coach.server.wire import WireError, parse_control
from coach.telephony.mount import WEBSOCKET_PATHS
from coach.types import AudioChunk

log = logging.getLogger(__name__)

START_TIMEOUT_S = 10.0
FAST_REPLAY_BACKLOG_S = 1.0
"""A source that is not real time is slowed (not dropped) once this much audio waits for analysis."""
_GONE = (WebSocketDisconnect, RuntimeError, OSError)
"""What sending on a websocket the peer (or a relay) already closed raises."""

SocketEndpoint = Callable[[WebSocket], Awaitable[None]]


class _Outgoing:
    """A Starlette websocket as a relay's :class:`~coach.server.hub.Socket`."""

    def __init__(self, websocket: WebSocket) -> None:
        self._ws = websocket

    async def send(self, message: str) -> None:
        await self._ws.send_text(message)

    async def close(self, code: int = 1000, reason: str = "") -> None:
        await self._ws.close(code, reason)


async def receive(websocket: WebSocket) -> str | bytes:
    """The next message; raises ``WebSocketDisconnect`` once the peer (or this side) closed."""
    message = await websocket.receive()
    if message["type"] == "websocket.disconnect":
        raise WebSocketDisconnect(message.get("code", 1000), message.get("reason"))
    text = message.get("text")
    return text if text is not None else message.get("bytes") or b""


async def close(websocket: WebSocket, code: int, reason: str) -> None:
    """Close with ``code`` and ``reason`` (at most 120 characters); nothing if already closed."""
    with contextlib.suppress(*_GONE):
        await websocket.close(code, reason[:120])


async def upgrade_required(request: Request) -> Response:
    """A websocket address requested over plain HTTP."""
    return error_response(HttpError(426, "upgrade_required", "this address is a websocket", {"Upgrade": "websocket"}))


class SocketHandlers:
    """The ``ws:`` endpoints of :data:`coach.server.routes.ROUTES`."""

    def __init__(
        self,
        *,
        auth: Authenticator,
        hub: Hub,
        board: LiveBoard,
        manager: CallManager,
        cfg: ServerConfig,
        telephony: Any = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``clock``: the wall clock an ingest call's :class:`~coach.server.ingest_audio.RateWatch` reads
        once per audio message (a test replaces it with a fake one)."""
        self.auth = auth
        self.clock = clock
        self.telephony = telephony
        self.hub = hub
        self.board = board
        self.manager = manager
        self.cfg = cfg
        self._ingests: set[asyncio.Event] = set()  # one per started ingest call, set once it is answered

    def endpoints(self) -> dict[str, SocketEndpoint]:
        """Route name → endpoint, for :func:`coach.server.routes.build_routes`."""
        return {
            "ws:agent": self.agent,
            "ws:floor": self.floor,
            "ws:call": self.follow,
            "ws:ingest": self.ingest,
            "ws:telephony": self.telephony_stream,
        }

    def _relay(self, ws: WebSocket, name: str) -> Relay:
        return Relay(_Outgoing(ws), name=name, max_messages=self.cfg.client_queue, max_lag_s=self.cfg.client_max_lag_s)

    async def _admit(self, ws: WebSocket, check: Callable[[Principal], None] | None = None) -> Principal | None:
        """The principal of an acceptable upgrade (accepted), or None after refusing it (401/403 JSON)."""
        try:
            principal = self.auth.authenticate(ws.headers, ws.query_params)
            if check is not None:
                check(principal)
        except AuthError as err:
            await deny_websocket(ws, err)
            return None
        await ws.accept()
        return principal

    async def agent(self, ws: WebSocket) -> None:
        """``/ws/agent/<agent_id>``: that agent's live calls (the agent or a team lead)."""
        agent_id = ws.path_params["agent_id"]
        if await self._admit(ws, lambda p: self.auth.require_agent(p, agent_id)) is None:
            return
        calls = [t.call_id for t in self.board.tiles.values() if t.agent_id == agent_id]
        await self._stream(ws, f"agent:{agent_id}", f"agent page {agent_id}", self.board.snapshot_message(calls))

    async def floor(self, ws: WebSocket) -> None:
        """``/ws/floor``: every live call's tile (team leads)."""
        if await self._admit(ws, self.auth.require_team_lead) is None:
            return
        await self._stream(ws, "floor", "floor page", self.board.floor_message())

    async def follow(self, ws: WebSocket) -> None:
        """``/ws/calls/<call_id>``: one live call's events (team leads); 4404 once it is not live."""
        call_id = ws.path_params["call_id"]
        if await self._admit(ws, self.auth.require_team_lead) is None:
            return
        if call_id not in self.board.tiles:
            await close(ws, 4404, "no such live call; ended calls are on the review page")
            return
        await self._stream(ws, f"call:{call_id}", f"follow {call_id}", self.board.snapshot_message([call_id]))

    async def telephony_stream(self, ws: WebSocket) -> None:
        """``/ingest/twilio`` and ``/ingest/audiohook``: their own credentials, checked by the telephony side."""
        if self.telephony is None:
            await deny_websocket(ws, HttpError(404, "not_found", "telephony ingest is not available"))
            return
        await self.telephony.serve_asgi(WEBSOCKET_PATHS[ws.url.path], ws)

    async def _stream(self, ws: WebSocket, topic: str, name: str, first: str) -> None:
        """Relay ``topic`` to the page until it goes away (messages from the page are ignored)."""
        relay = self._relay(ws, name)
        relay.offer(first)
        self.hub.subscribe(topic, relay)
        relay.start()
        try:
            while True:
                await receive(ws)
        except WebSocketDisconnect:
            pass
        finally:
            self.hub.unsubscribe(relay)
            relay.stop()

    async def ingest(self, ws: WebSocket) -> None:
        """``/ws/ingest``: one call from a source: start message, audio and notes, end; nudges are sent back."""
        principal = await self._admit(ws)
        if principal is None:
            return
        try:
            start, rate = _start_message(await asyncio.wait_for(receive(ws), timeout=START_TIMEOUT_S))
        except TimeoutError:
            await close(ws, 4400, "send the start message first")
            return
        except WireError as exc:
            await close(ws, 4400, str(exc))
            return
        except WebSocketDisconnect:
            return
        agent_id = start.get("agent_id")
        if not isinstance(agent_id, str) or not principal.may_see_agent(agent_id):
            await close(ws, 4403, "this token may not send calls for that agent")
            return
        metadata = start.get("metadata") if isinstance(start.get("metadata"), dict) else {}
        try:
            call = self.manager.start_call(agent_id=agent_id, source=start.get("source") or "ingest", metadata=metadata)
        except ValueError as exc:
            await close(ws, 4400, str(exc))
            return
        answered = asyncio.Event()
        self._ingests.add(answered)
        try:
            await self._serve_call(ws, call, agent_id, realtime=start.get("realtime", True), rate=rate)
        finally:
            answered.set()
            self._ingests.discard(answered)

    async def ingests_answered(self, timeout: float) -> None:
        """Wait (at most ``timeout`` seconds) until every ingest source has been sent its ``ended``: a
        stopping server ends the calls first, so each source hears why before the sockets close."""
        waiting = [e.wait() for e in self._ingests]
        if waiting:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.gather(*waiting), timeout)

    async def _serve_call(self, ws: WebSocket, call: ServerCall, agent_id: str, *, realtime: bool, rate: int) -> None:
        """A started ingest call: its audio and notes in, its nudges out, then ``ended`` and the close."""
        relay = self._relay(ws, f"ingest {call.call_id}")
        with contextlib.suppress(*_GONE):
            await ws.send_text(json.dumps({"type": "started", "call_id": call.call_id, "agent_id": agent_id}))
        self.hub.subscribe(f"ingest:{call.call_id}", relay)
        relay.start()
        try:
            await self._receive(ws, call, realtime, rate)
        finally:
            if not call.ended:
                call.end(complete=False, reason="the source disconnected")
        await call.wait_done(timeout=60.0)
        await asyncio.sleep(0.01)  # the board publishes call.end on the loop right after the analysis ends
        await relay.drain(timeout=5.0)
        self.hub.unsubscribe(relay)
        relay.stop()
        with contextlib.suppress(*_GONE):
            reply = {
                "type": "ended",
                "call_id": call.call_id,
                "complete": call.complete,
                "reason": call.end_reason,
                "summary": call.summary,
            }
            await ws.send_text(json.dumps(reply))
        await close(ws, 1000, "call ended")

    async def _receive(self, ws: WebSocket, call: ServerCall, realtime: bool, rate: int) -> None:
        audio = IngestAudio(rate)
        source = _Waiting()

        def tail() -> list[AudioChunk]:
            """At the call's end, whoever ends it: what the resampler holds back (66 ms at 8 kHz) was received,
            so it is kept; and a receive still waiting is woken (a server that stops ends the call from outside)."""
            source.wake_soon()
            return audio.flush()

        call.hold_back(tail)
        watch = RateWatch(self.clock, rate) if realtime else None
        found: list[RateFinding | LevelsFinding] = []  # the rate evidence so far (pace, G.711 levels)
        try:
            while not call.ended:  # ended here by the server (stopping): the source hears so in "ended"
                message = await source.receive(ws)
                if message is None or call.ended:  # a message that came with the end is not part of the call
                    break
                if isinstance(message, bytes):
                    call.push_many(audio.decode(message))
                    paced = watch.observe(audio.received_s) if watch is not None else None
                    for finding in (paced, audio.levels.take()):
                        if finding is not None:
                            _flag_rate(call, finding)
                            found.append(finding)
                    if not realtime:
                        await call.wait_for_room(FAST_REPLAY_BACKLOG_S)
                    continue
                control = parse_control(message)
                if control["type"] == "note":
                    fields: dict[str, Any] = {k: v for k, v in control.items() if k not in ("type", "kind")}
                    call.note(str(control.get("kind", "note")), **fields)
                elif control["type"] == "end":
                    reason = control.get("reason")
                    call.end(complete=True, reason=_with_rate(str(reason) if reason else None, found))
                    return
                else:
                    raise WireError(f"unknown message type {control['type']!r} (start, note, end)")
        except WireError as exc:
            call.end(complete=False, reason=_with_rate("malformed message from the source", found))
            await close(ws, 4400, str(exc))
        except WebSocketDisconnect:
            call.end(complete=False, reason=_with_rate("the source disconnected", found))


class _Waiting:
    """The ingest handler's task, woken out of a :func:`receive` that waits for the source's next message when
    its call is ended from outside (a server stopping): a source that has paused still hears ``ended``.

    Costs nothing per message (no task per receive): :meth:`wake_soon` cancels the task only while it is parked
    in :meth:`receive`, and :meth:`receive` turns that one cancellation into None.
    """

    def __init__(self) -> None:
        self._task = asyncio.current_task()
        self._loop = asyncio.get_running_loop()
        self._parked = False
        self._woken = False

    def wake_soon(self) -> None:
        """From any thread: wake a waiting :meth:`receive` (with None), on the loop."""
        self._loop.call_soon_threadsafe(self._wake)

    def _wake(self) -> None:
        if self._parked and not self._woken and self._task is not None:
            self._woken = True
            self._task.cancel()

    async def receive(self, ws: WebSocket) -> str | bytes | None:
        """The next message, or None when woken by :meth:`wake_soon`."""
        self._parked = True
        try:
            return await receive(ws)
        except asyncio.CancelledError:
            if not self._woken or self._task is None:
                raise
            self._task.uncancel()
            return None
        finally:
            self._parked = False


def _flag_rate(call: ServerCall, finding: RateFinding | LevelsFinding) -> None:
    """Say (never guess-and-resample) that the source seems to send another rate than it declared."""
    log.warning("%s", finding.log_line(call.call_id))
    call.note("sample_rate", warning=finding.reason(), **finding.fields())


def _with_rate(reason: str | None, found: list[RateFinding | LevelsFinding]) -> str | None:
    """``call.end``'s reason, with the rate evidence's findings when there are any."""
    return "; ".join(([reason] if reason else []) + [f.reason() for f in found]) or None


def _start_message(message: str | bytes) -> tuple[dict[str, Any], int]:
    """The start message and its declared sample rate; raises :class:`WireError`."""
    if not isinstance(message, str):
        raise WireError("the first message must be the JSON start message")
    start = parse_control(message)
    if start["type"] != "start":
        raise WireError('the first message must have "type": "start"')
    if not isinstance(start.get("realtime", True), bool):  # "no" or "false" as a string read as true (the pace)
        raise WireError('"realtime" must be true or false (a JSON boolean)')
    return start, declared_rate(start)
