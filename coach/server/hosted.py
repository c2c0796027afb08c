"""``coach serve`` under a site's own ASGI server: ``uvicorn --factory coach.server.hosted:create_app``.

``coach serve`` runs uvicorn itself (:class:`~coach.server.app.CoachServer.start`). A site that runs
its Python services under its own process manager and ASGI server instead points that server at
:func:`create_app`. The application answers the ASGI ``lifespan`` messages: at ``startup`` it opens
the store, joins the bus, loads the models and starts AudioSocket's listener and the floor batches;
at ``shutdown`` it ends live calls as incomplete and closes the store, exactly as ``coach serve``
does on SIGTERM. Run one worker process per node (calls live in the process that took them).

The configuration file is ``$COACH_CONFIG`` (a TOML file as for ``coach serve --config``; the
defaults when unset). Tokens in ``[auth]`` are always enforced: there is no ``--no-auth`` here.
What ``coach serve`` tunes on its own uvicorn (kernel send buffer per connection, read-ahead of
websocket messages, access log off because request lines carry ``?token=``) is the site's to set;
``docs/deploy.md`` gives the command line.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from typing import Any

from coach.config import load_config
from coach.server.app import CoachServer
from coach.server.http import HttpError, error_response

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CONFIG_ENV = "COACH_CONFIG"
"""Environment variable naming the TOML configuration file of a hosted coach."""


def create_app(server: CoachServer | None = None) -> ASGIApp:
    """The ASGI application of a coach node. ``server``: the node to serve (tests pass their own);
    by default one built from ``$COACH_CONFIG``. Requests before ``startup`` has finished get 503."""
    node = server if server is not None else CoachServer(load_config(os.environ.get(CONFIG_ENV) or None))

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(node, receive, send)
            return
        inner = getattr(node, "app", None)
        if inner is None:
            await _not_ready(scope, receive, send)
            return
        await inner(scope, receive, send)

    return app


async def _lifespan(node: CoachServer, receive: Receive, send: Send) -> None:
    """Answer ``lifespan.startup`` and ``lifespan.shutdown`` (failures reported, not raised)."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            try:
                await node.prepare()
                await node.start_background()
            except Exception as exc:  # the ASGI server prints the message and exits
                await node.stop()
                await send({"type": "lifespan.startup.failed", "message": str(exc)})
                return
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await node.stop()
            await send({"type": "lifespan.shutdown.complete"})
            return


async def _not_ready(scope: Scope, receive: Receive, send: Send) -> None:
    """503 with the usual JSON error (a websocket is refused: 1013, try again later)."""
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1013})
        return
    await error_response(HttpError(503, "starting", "the coach is still starting"))(scope, receive, send)
