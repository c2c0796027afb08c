"""The telephony endpoints alone, on loopback, feeding any :class:`~coach.pipeline.calls.CallSink`.

``coach serve`` mounts :class:`~coach.telephony.endpoints.TelephonyIngest` on its own port next to
the pages and the API. This is the same ingest, mounted from the same route table
(:mod:`coach.telephony.mount`) on a bare websockets server plus an AudioSocket listener, for what
needs a sink other than the call manager: tests that check the exact audio a call receives
(``tests/test_telephony_wire.py``) and ``scripts/bench_ingest.py``.

``async with IngestServer(sink, cfg) as server`` listens on ``host`` (loopback by default) at free
ports and exposes ``twilio_url``, ``audiohook_url``, ``audiosocket_address`` and ``ingest`` (whose
``register_pair`` pairs AudioSocket legs, as ``POST /api/audiosocket/pairs`` does on the server).
On exit the listeners close and any call still open ends incomplete.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve

from coach.pipeline.calls import CallSink
from coach.telephony.endpoints import TelephonyIngest
from coach.telephony.mount import path_of


class IngestServer:
    """An async context manager serving the telephony websocket paths and AudioSocket.

    ``max_size`` is the websocket library's own frame limit (default: 4 × ``max_message_bytes`` so
    the protocol machines' limit is the one a test sees). ``clock`` / ``wall_clock`` go to
    :class:`~coach.telephony.endpoints.TelephonyIngest`.
    """

    def __init__(
        self,
        sink: CallSink,
        cfg: Any,
        *,
        host: str = "127.0.0.1",
        max_size: int | None = None,
        clock: Callable[[], float] | None = None,
        wall_clock: Callable[[], float] | None = None,
    ) -> None:
        self.ingest = TelephonyIngest(sink, cfg, clock=clock or time.monotonic, wall_clock=wall_clock or time.time)
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
        return f"ws://{self.host}:{self.ws_port}{path_of('twilio')}"

    @property
    def audiohook_url(self) -> str:
        return f"ws://{self.host}:{self.ws_port}{path_of('audiohook')}"

    @property
    def audiosocket_address(self) -> str:
        return f"{self.host}:{self.audiosocket_port}"
