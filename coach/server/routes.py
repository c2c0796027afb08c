"""The one route table of ``coach serve``: pages, static files, the JSON API and the websockets.

:data:`ROUTES` is plain data (name, path, methods); :func:`build_routes` turns it into Starlette
routes given an endpoint per name, and :func:`match` resolves a path against the same table (pure,
for tools and tests). Identifiers in paths are checked by the ``id`` convertor (agent and call ids
have a fixed alphabet), so handlers never see anything that could climb out of a folder or into SQL.
Websocket paths also answer plain HTTP, with 426.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from starlette.convertors import Convertor, register_url_convertor
from starlette.routing import BaseRoute, Route, WebSocketRoute, compile_path

from coach.telephony.mount import PAIRS_PATH, WEBSOCKET_PATHS


class _IdConvertor(Convertor[str]):
    """Agent and call ids in paths."""

    regex = r"[A-Za-z0-9][A-Za-z0-9_.@-]{0,79}"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


class _CallIdConvertor(_IdConvertor):
    """A call id in ``/api/calls/<id>``: never the word ``replay`` alone, so that ``GET
    /api/calls/replay`` is the replay route's 405 (POST only), not a lookup of a call named so
    (call ids are ``YYYYMMDD-HHMMSS-xxxxxx``)."""

    regex = r"(?!replay$)" + _IdConvertor.regex


class _StaticConvertor(_IdConvertor):
    """A file name of the dashboard's scripts, styles and icons (no folders)."""

    regex = r"[a-z0-9][a-z0-9_-]*\.(?:css|js|svg)"


register_url_convertor("id", _IdConvertor())
register_url_convertor("call_id", _CallIdConvertor())
register_url_convertor("static", _StaticConvertor())


@dataclass(frozen=True)
class RouteSpec:
    """One route: its name (``page:``, ``static``, ``api:``, ``ws:``), path and HTTP methods (GET
    routes answer HEAD too)."""

    name: str
    path: str
    methods: tuple[str, ...] = ("GET",)

    @property
    def websocket(self) -> bool:
        return self.name.startswith("ws:")


ROUTES: tuple[RouteSpec, ...] = (
    RouteSpec("page:index", "/"),
    RouteSpec("page:agent", "/agent/{agent_id:id}"),
    RouteSpec("page:floor", "/floor"),
    RouteSpec("page:calls", "/calls"),
    RouteSpec("page:review", "/calls/{call_id:id}"),
    RouteSpec("static", "/static/{name:static}"),
    RouteSpec("api:health", "/api/health"),
    RouteSpec("api:whoami", "/api/whoami"),
    RouteSpec("api:live", "/api/live"),
    RouteSpec("api:calls", "/api/calls"),
    RouteSpec("api:replay", "/api/calls/replay", ("POST",)),
    RouteSpec("api:call", "/api/calls/{call_id:call_id}"),
    RouteSpec("api:events", "/api/calls/{call_id:id}/events"),
    RouteSpec("api:audio", "/api/calls/{call_id:id}/audio"),
    RouteSpec("api:end", "/api/calls/{call_id:id}/end", ("POST",)),
    RouteSpec("api:audiosocket_pairs", PAIRS_PATH, ("POST",)),
    RouteSpec("ws:agent", "/ws/agent/{agent_id:id}"),
    RouteSpec("ws:floor", "/ws/floor"),
    RouteSpec("ws:call", "/ws/calls/{call_id:id}"),
    RouteSpec("ws:ingest", "/ws/ingest"),
    *(RouteSpec("ws:telephony", path) for path in WEBSOCKET_PATHS),
)
"""Every route. A page's trailing slash is redirected (307) to the address without it."""


def build_routes(
    endpoints: Mapping[str, Callable[..., Any]], *, upgrade_required: Callable[..., Any]
) -> list[BaseRoute]:
    """Starlette routes for :data:`ROUTES`: ``endpoints[name]`` takes a ``Request`` (HTTP) or a
    ``WebSocket`` (``ws:`` routes, whose plain-HTTP requests go to ``upgrade_required``)."""
    routes: list[BaseRoute] = []
    for spec in ROUTES:
        if spec.websocket:
            routes.append(WebSocketRoute(spec.path, endpoints[spec.name], name=spec.name))
            routes.append(Route(spec.path, upgrade_required, methods=["GET", "POST"], name=f"{spec.name}:http"))
        else:
            routes.append(Route(spec.path, endpoints[spec.name], methods=spec.methods, name=spec.name))
    return routes


@dataclass(frozen=True)
class Target:
    """A parsed request target: the route, its path parameters and the query parameters (last wins)."""

    route: str | None
    params: dict[str, str] = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)
    path: str = "/"


_COMPILED = [(spec.name, compile_path(spec.path)[0]) for spec in ROUTES]


def match(raw_target: str) -> Target:
    """Parse ``/path?query`` against :data:`ROUTES` (``route`` None when nothing matches)."""
    parts = urlsplit(raw_target)
    path = unquote(parts.path) or "/"
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    for name, pattern in _COMPILED:
        found = pattern.match(path)
        if found:
            return Target(name, found.groupdict(), query, path)
    return Target(None, {}, query, path)
