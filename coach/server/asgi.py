"""The ASGI side of ``coach serve``: the Starlette application and the uvicorn server that runs it.

:func:`build_app` puts the endpoints of :class:`~coach.server.api.HttpApi` and
:class:`~coach.server.sockets.SocketHandlers` on the route table of :mod:`coach.server.routes`;
:func:`uvicorn_config` and :func:`listening_socket` are how :class:`~coach.server.app.CoachServer`
serves it (uvicorn with the ``websockets`` library's sans-I/O protocol, on a socket it binds itself).
"""

from __future__ import annotations

import logging
import socket
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.websockets import WebSocket
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol

from coach.server.http import EXCEPTION_HANDLERS, HttpError, deny_websocket
from coach.server.routes import build_routes
from coach.server.sockets import upgrade_required

MAX_MESSAGE_BYTES = 64 * 1024
"""Largest websocket message accepted (an ingest audio message is at most 32 kB)."""
SEND_BUFFER = 32 * 1024
"""Bytes of kernel send buffer per connection (Linux doubles it), set on the listening socket and
inherited by each accepted one: a stalled page then shows up in its relay queue within ~100 kB
(this, plus the transport's 64 kB high-water mark), instead of hiding in a send buffer the kernel
may grow to megabytes (loopback autotuning)."""
SHUTDOWN_GRACE_S = 5
"""Seconds uvicorn waits for open connections to finish at shutdown before cancelling them."""
READ_QUEUE = 16
"""Messages a websocket may hold unread before its socket stops being read (the ``websockets``
library's own default, what ``coach serve`` did before uvicorn)."""


class WebSocketProtocol(WebSocketsSansIOProtocol):
    """uvicorn's ``websockets-sansio`` protocol, reading on until :data:`READ_QUEUE` messages wait.

    uvicorn stops reading a websocket after every message and resumes when the application takes
    it: two system calls and an extra event-loop turn per message, for a source's 50 messages a
    second. Reading on while few messages wait cut the event loop's CPU by ~13 % and the page event
    p95 by ~40 % in ``scripts/bench_fanout.py`` (``docs/benchmarks.md``). Flow control stays: past
    the bound reading stops until the application has taken every queued message (uvicorn's
    ``receive`` resumes it), so a slow endpoint holds its source back through TCP. Relies on
    uvicorn 0.54's ``read_paused`` / ``queue`` / ``transport`` attributes (tests/test_server_*.py
    exercise it: a non-real-time source is slowed, not dropped)."""

    def send_receive_event_to_app(self) -> None:
        paused = self.read_paused
        self.read_paused = True  # uvicorn pauses unless already paused: decide below instead
        super().send_receive_event_to_app()
        if paused or self.queue.qsize() >= READ_QUEUE:
            if not paused:
                self.transport.pause_reading()
        else:
            self.read_paused = False


def build_app(endpoints: dict[str, Any]) -> Starlette:
    """The ASGI application: the route table with its endpoints, JSON errors, 404 for unknown websockets."""
    routes = build_routes(endpoints, upgrade_required=upgrade_required)
    app = Starlette(routes=routes, exception_handlers=EXCEPTION_HANDLERS)
    app.router.default = _not_found
    return app


async def _not_found(scope: Any, receive: Any, send: Any) -> None:
    err = HttpError(404, "not_found", f"nothing at {scope.get('path', '/')}")
    if scope["type"] == "websocket":
        await deny_websocket(WebSocket(scope, receive, send), err)
        return
    raise err


def uvicorn_config(app: Starlette) -> uvicorn.Config:
    """uvicorn for ``coach serve``: h11 HTTP, the ``websockets`` library's sans-I/O websockets
    (:class:`WebSocketProtocol`), no compression, 64 kB messages, pings every 20 s; its own logging
    off below WARNING (request lines carry ``?token=``), ``Server: coach``."""
    config = uvicorn.Config(
        app,
        http="h11",
        ws=WebSocketProtocol,
        ws_max_size=MAX_MESSAGE_BYTES,
        ws_per_message_deflate=False,
        ws_ping_interval=20.0,
        ws_ping_timeout=20.0,
        lifespan="off",
        log_config=None,
        log_level=logging.WARNING,
        access_log=False,
        server_header=False,
        headers=[("server", "coach")],
        timeout_graceful_shutdown=SHUTDOWN_GRACE_S,
    )
    config.load()
    return config


def listening_socket(host: str, port: int) -> socket.socket:
    """A bound TCP socket for ``host``:``port`` (0 = a free port) with :data:`SEND_BUFFER` set."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)
        sock.bind((host, port))
        sock.setblocking(False)
    except OSError:
        sock.close()
        raise
    return sock
