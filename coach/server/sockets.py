"""The websocket handlers of ``coach serve``: page streams (agent, floor, one call) and call ingest.

Each page connection gets a :class:`~coach.server.hub.Relay` (bounded queue + sender task) and a
first ``snapshot``/``floor`` message, then whatever its topic publishes. The ingest handler turns a
source's messages (:mod:`coach.server.wire`) into a live call on the call manager. Close codes:
4400 malformed ingest message, 4403 not allowed, 4404 no such live call, 4008 too slow (hub).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import socket
from typing import Any

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from coach.server.auth import Principal
from coach.server.board import LiveBoard
from coach.server.calls import CallManager, ServerCall
from coach.server.config import ServerConfig
from coach.server.hub import Hub, Relay
from coach.server.routes import Target
from coach.server.wire import WireError, decode_audio, parse_control
from coach.types import Lane

log = logging.getLogger(__name__)

START_TIMEOUT_S = 10.0
PAGE_SEND_BUFFER = 32 * 1024
"""Bytes of kernel send buffer for a page's socket (Linux doubles it)."""
FAST_REPLAY_BACKLOG_S = 1.0
"""A source that is not real time is slowed (not dropped) once this much audio waits for analysis."""


class SocketHandlers:
    """Dispatches an admitted websocket (see :meth:`HttpApi.process_request`) to its handler."""

    def __init__(
        self, *, hub: Hub, board: LiveBoard, manager: CallManager, cfg: ServerConfig, telephony: Any = None
    ) -> None:
        self.telephony = telephony
        self.hub = hub
        self.board = board
        self.manager = manager
        self.cfg = cfg

    def _relay(self, ws: ServerConnection, name: str) -> Relay:
        return Relay(ws, name=name, max_messages=self.cfg.client_queue, max_lag_s=self.cfg.client_max_lag_s)

    async def __call__(self, ws: ServerConnection) -> None:
        target: Target = ws.coach_target  # type: ignore[attr-defined]
        route = target.route
        if route == "ws:telephony":
            await self.telephony.routes()[target.path](ws)
            return
        principal: Principal = ws.coach_principal  # type: ignore[attr-defined]
        if route == "ws:ingest":
            await self.ingest(ws, principal)
        elif route == "ws:agent":
            agent_id = target.params["agent_id"]
            calls = [t.call_id for t in self.board.tiles.values() if t.agent_id == agent_id]
            await self._stream(ws, f"agent:{agent_id}", f"agent page {agent_id}", self.board.snapshot_message(calls))
        elif route == "ws:floor":
            await self._stream(ws, "floor", "floor page", self.board.floor_message())
        elif route == "ws:call":
            call_id = target.params["call_id"]
            if call_id not in self.board.tiles:
                await ws.close(4404, "no such live call; ended calls are on the review page")
                return
            await self._stream(ws, f"call:{call_id}", f"follow {call_id}", self.board.snapshot_message([call_id]))

    async def _stream(self, ws: ServerConnection, topic: str, name: str, first: str) -> None:
        """Relay ``topic`` to the page until it goes away (messages from the page are ignored)."""
        _bound_kernel_buffer(ws)
        relay = self._relay(ws, name)
        relay.offer(first)
        self.hub.subscribe(topic, relay)
        relay.start()
        try:
            async for _ in ws:
                pass
        except ConnectionClosed:
            pass
        finally:
            self.hub.unsubscribe(relay)
            relay.stop()

    async def ingest(self, ws: ServerConnection, principal: Principal) -> None:
        """One call from a source: start message, audio and notes, end; nudges are sent back."""
        try:
            first = await asyncio.wait_for(ws.recv(), timeout=START_TIMEOUT_S)
            start = _start_message(first)
        except TimeoutError:
            await ws.close(4400, "send the start message first")
            return
        except WireError as exc:
            await ws.close(4400, str(exc)[:120])
            return
        except ConnectionClosed:
            return
        agent_id = start.get("agent_id")
        if not isinstance(agent_id, str) or not principal.may_see_agent(agent_id):
            await ws.close(4403, "this token may not send calls for that agent")
            return
        metadata = start.get("metadata") if isinstance(start.get("metadata"), dict) else {}
        try:
            call = self.manager.start_call(
                agent_id=agent_id, source=str(start.get("source") or "ingest"), metadata=metadata
            )
        except ValueError as exc:
            await ws.close(4400, str(exc)[:120])
            return
        realtime = bool(start.get("realtime", True))
        relay = self._relay(ws, f"ingest {call.call_id}")
        with contextlib.suppress(ConnectionClosed):
            await ws.send(json.dumps({"type": "started", "call_id": call.call_id, "agent_id": agent_id}))
        self.hub.subscribe(f"ingest:{call.call_id}", relay)
        relay.start()
        try:
            await self._receive(ws, call, realtime)
        finally:
            if not call.ended:
                call.end(complete=False, reason="the source disconnected")
        await call.wait_done(timeout=60.0)
        await asyncio.sleep(0.01)  # the board publishes call.end on the loop right after the analysis ends
        await relay.drain(timeout=5.0)
        self.hub.unsubscribe(relay)
        relay.stop()
        with contextlib.suppress(ConnectionClosed):
            reply = {"type": "ended", "call_id": call.call_id, "complete": call.complete, "summary": call.summary}
            await ws.send(json.dumps(reply))
            await ws.close(1000, "call ended")

    async def _receive(self, ws: ServerConnection, call: ServerCall, realtime: bool) -> None:
        positions = {lane: 0 for lane in Lane}
        try:
            async for message in ws:
                if isinstance(message, bytes):
                    chunks = decode_audio(message, positions)
                    for chunk in chunks:
                        positions[chunk.lane] = chunk.end_sample
                    call.push_many(chunks)
                    if not realtime:
                        await call.wait_for_room(FAST_REPLAY_BACKLOG_S)
                    continue
                control = parse_control(message)
                if control["type"] == "note":
                    fields: dict[str, Any] = {k: v for k, v in control.items() if k not in ("type", "kind")}
                    call.note(str(control.get("kind", "note")), **fields)
                elif control["type"] == "end":
                    reason = control.get("reason")
                    call.end(complete=True, reason=str(reason) if reason else None)
                    return
                else:
                    raise WireError(f"unknown message type {control['type']!r} (start, note, end)")
        except WireError as exc:
            call.end(complete=False, reason="malformed message from the source")
            with contextlib.suppress(ConnectionClosed):
                await ws.close(4400, str(exc)[:120])
        except ConnectionClosed:
            pass


def _bound_kernel_buffer(ws: ServerConnection) -> None:
    """Cap the socket's send buffer so a stalled page shows up in its relay queue within ~100 kB,
    instead of hiding in a send buffer the kernel may grow to megabytes (loopback autotuning)."""
    sock = ws.transport.get_extra_info("socket") if ws.transport is not None else None
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, PAGE_SEND_BUFFER)


def _start_message(message: str | bytes) -> dict[str, Any]:
    if not isinstance(message, str):
        raise WireError("the first message must be the JSON start message")
    start = parse_control(message)
    if start["type"] != "start":
        raise WireError('the first message must have "type": "start"')
    return start
