"""Run the ingest endpoints on a plain websockets server plus an AudioSocket listener.

For tests, benchmarks and demos until ``coach serve`` mounts them itself: ``async with
IngestServer(sink, cfg) as server`` listens on ``host`` (loopback by default) at free ports and
exposes ``twilio_url``, ``audiohook_url`` and ``audiosocket_address``. On exit the listeners close
and any call still open ends incomplete.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve

from coach.config import CoachConfig
from coach.pipeline.calls import CallSink
from coach.telephony.config import TelephonyConfig
from coach.telephony.endpoints import AUDIOHOOK_PATH, TWILIO_PATH, TelephonyIngest


class IngestServer:
    """An async context manager serving ``/ingest/twilio``, ``/ingest/audiohook`` and AudioSocket.

    ``max_size`` is the websocket library's own frame limit (default: 4 × ``max_message_bytes`` so
    the protocol machines' limit is the one a test sees).
    """

    def __init__(
        self,
        sink: CallSink,
        cfg: CoachConfig | TelephonyConfig,
        *,
        host: str = "127.0.0.1",
        agent_for: Callable[[str], str | None] | None = None,
        max_size: int | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        kwargs: dict[str, Any] = {"agent_for": agent_for}
        if clock is not None:
            kwargs["clock"] = clock
        self.ingest = TelephonyIngest(sink, cfg, **kwargs)
        self.host = host
        self._max_size = max_size or 4 * self.ingest.cfg.max_message_bytes
        self._ws: Server | None = None
        self._tcp: asyncio.Server | None = None
        self._routes = self.ingest.routes()

    async def _handler(self, connection: ServerConnection) -> None:
        handler = self._routes.get(connection.request.path.split("?", 1)[0]) if connection.request else None
        if handler is None:
            await connection.close(1008, "unknown path")
            return
        await handler(connection)

    async def __aenter__(self) -> IngestServer:
        self._ws = await serve(
            self._handler,
            self.host,
            0,
            compression=None,
            max_size=self._max_size,
            process_request=self.ingest.process_request,
        )
        self._tcp = await self.ingest.start_audiosocket_server(self.host, 0)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._tcp is not None:
            self._tcp.close()
            await self._tcp.wait_closed()
        if self._ws is not None:
            self._ws.close()
            await self._ws.wait_closed()
        self.ingest.close()

    @property
    def ws_port(self) -> int:
        assert self._ws is not None
        return self._ws.sockets[0].getsockname()[1]

    @property
    def audiosocket_port(self) -> int:
        assert self._tcp is not None
        return self._tcp.sockets[0].getsockname()[1]

    @property
    def twilio_url(self) -> str:
        return f"ws://{self.host}:{self.ws_port}{TWILIO_PATH}"

    @property
    def audiohook_url(self) -> str:
        return f"ws://{self.host}:{self.ws_port}{AUDIOHOOK_PATH}"

    @property
    def audiosocket_address(self) -> str:
        return f"{self.host}:{self.audiosocket_port}"
