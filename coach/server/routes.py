"""Matching request paths: pages, static files, the JSON API and the websockets.

Pure functions over the path; :func:`match` returns the route name and its parameters, or None.
Identifiers in paths are checked here (agent and call ids have a fixed alphabet), so handlers never
see anything that could climb out of a folder or into SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit

from coach.telephony.mount import PAIRS_PATH, WEBSOCKET_PATHS

_ID = r"[A-Za-z0-9][A-Za-z0-9_.@-]{0,79}"

_ROUTES: list[tuple[str, re.Pattern[str]]] = [
    ("page:index", re.compile(r"^/$")),
    ("page:agent", re.compile(rf"^/agent/(?P<agent_id>{_ID})/?$")),
    ("page:floor", re.compile(r"^/floor/?$")),
    ("page:calls", re.compile(r"^/calls/?$")),
    ("page:review", re.compile(rf"^/calls/(?P<call_id>{_ID})/?$")),
    ("static", re.compile(r"^/static/(?P<name>[a-z0-9][a-z0-9_-]*\.(?:css|js|svg))$")),
    ("api:health", re.compile(r"^/api/health$")),
    ("api:whoami", re.compile(r"^/api/whoami$")),
    ("api:live", re.compile(r"^/api/live$")),
    ("api:calls", re.compile(r"^/api/calls$")),
    ("api:replay", re.compile(r"^/api/calls/replay$")),
    ("api:call", re.compile(rf"^/api/calls/(?P<call_id>{_ID})$")),
    ("api:events", re.compile(rf"^/api/calls/(?P<call_id>{_ID})/events$")),
    ("api:audio", re.compile(rf"^/api/calls/(?P<call_id>{_ID})/audio$")),
    ("api:end", re.compile(rf"^/api/calls/(?P<call_id>{_ID})/end$")),
    ("ws:agent", re.compile(rf"^/ws/agent/(?P<agent_id>{_ID})$")),
    ("ws:floor", re.compile(r"^/ws/floor$")),
    ("ws:call", re.compile(rf"^/ws/calls/(?P<call_id>{_ID})$")),
    ("ws:ingest", re.compile(r"^/ws/ingest$")),
    ("ws:telephony", re.compile("^(?:" + "|".join(re.escape(p) for p in WEBSOCKET_PATHS) + ")$")),
    ("api:audiosocket_pairs", re.compile(f"^{re.escape(PAIRS_PATH)}$")),
]

METHODS = {
    "api:replay": ("POST",),
    "api:end": ("POST",),
    "api:audiosocket_pairs": ("POST",),
}
"""Routes that take something other than GET (pages and static files also answer HEAD)."""


@dataclass(frozen=True)
class Target:
    """A parsed request target: the route, its path parameters and the query parameters (last wins)."""

    route: str | None
    params: dict[str, str] = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)
    path: str = "/"


def match(raw_target: str) -> Target:
    """Parse ``/path?query`` into a :class:`Target` (``route`` None when nothing matches)."""
    parts = urlsplit(raw_target)
    path = unquote(parts.path) or "/"
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    for name, pattern in _ROUTES:
        found = pattern.match(path)
        if found:
            return Target(name, found.groupdict(), query, path)
    return Target(None, {}, query, path)


def allowed_methods(route: str) -> tuple[str, ...]:
    if route in METHODS:
        return METHODS[route]
    if route.startswith(("page:", "static")):
        return ("GET", "HEAD")
    return ("GET",)
