"""HTTP side of ``coach serve``: the pages, their static files and the JSON API (``docs/server.md``).

One endpoint per route of :data:`coach.server.routes.ROUTES` (:meth:`HttpApi.endpoints`), each
taking a Starlette ``Request``. Every failure is a JSON ``{"error": {...}}`` with its status (400
malformed input, 401 no/invalid/expired token, 403 not allowed, 404 unknown, 405 method, 413 body
too large, 416 bad range, 503 store unavailable; :mod:`coach.server.http`); an unexpected exception
becomes a 500 and is logged, never a crashed server.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import Response

from coach.errors import CoachError
from coach.server.auth import Authenticator, Principal
from coach.server.calls import CallManager
from coach.server.http import HttpError, RecordingResponse, json_response, read_body, static_response
from coach.server.replay import BOUNDS_RULE, ReplayGate, excerpt, replay_into, resolve_replay_path
from coach.server.wire import json_failure
from coach.sources.recording import load_recording
from coach.store.query import CallQuery, QueryError
from coach.store.reader import StoreReader
from coach.store.writer import StoreWriter

PAGES = {
    "page:index": "index.html",
    "page:agent": "agent.html",
    "page:floor": "floor.html",
    "page:calls": "calls.html",
    "page:review": "review.html",
}

Endpoint = Callable[[Request], Awaitable[Response]]


class HttpApi:
    """Answers the HTTP routes (pages, static files, JSON API)."""

    def __init__(
        self,
        *,
        auth: Authenticator,
        manager: CallManager,
        reader: StoreReader | None,
        writer: StoreWriter | None,
        store_error: Callable[[], str | None],
        dashboard: Path,
        replay_dirs: list[Path],
        telephony: Any = None,
    ) -> None:
        self.auth = auth
        self.manager = manager
        self.hub = manager.board.hub
        self.reader = reader
        self.writer = writer
        self.store_error = store_error
        self.dashboard = dashboard
        self.replay_dirs = replay_dirs
        self.telephony = telephony
        self.bus: Any = None
        """The event bus (``coach.bus``), for its part of the health report."""
        self.replays: set[asyncio.Task[None]] = set()
        self.replay_gate: ReplayGate | None = None
        """Hold points for replays (tests only, :class:`~coach.server.replay.ReplayGate`); None: none."""

    def endpoints(self) -> dict[str, Endpoint]:
        """Route name → endpoint, for :func:`coach.server.routes.build_routes`."""
        pages: dict[str, Endpoint] = {name: self._page(file) for name, file in PAGES.items()}
        return pages | {
            "static": self._static,
            "api:health": self._health,
            "api:whoami": self._whoami,
            "api:live": self._live,
            "api:calls": self._calls,
            "api:call": self._call,
            "api:events": self._events,
            "api:audio": self._audio,
            "api:replay": self._replay,
            "api:end": self._end,
            "api:audiosocket_pairs": self._register_pair,
        }

    def _page(self, name: str) -> Endpoint:
        async def page(request: Request) -> Response:
            return static_response(self.dashboard / name)

        return page

    async def _static(self, request: Request) -> Response:
        return static_response(self.dashboard / request.path_params["name"])

    def _principal(self, request: Request) -> Principal:
        return self.auth.authenticate(request.headers, request.query_params)

    # -- handlers -------------------------------------------------------------------------------

    async def _health(self, request: Request) -> Response:
        return json_response(200, self.health())

    def health(self) -> dict[str, Any]:
        """``GET /api/health`` (no token): the store, the calls, the page clients and the bus between
        nodes (``backend`` local or redis; for redis its consumer ``lag`` in entries and seconds)."""
        store: dict[str, Any]
        if self.writer is None:
            store = {"ok": False, "error": self.store_error() or "the call store is disabled"}
        else:
            store = self.writer.status()
        bus = self.bus.stats() if self.bus is not None else {"backend": "local", "ok": True}
        return {"ok": True, "store": store, "calls": self.manager.stats(), "clients": self.hub.stats(), "bus": bus}

    async def _whoami(self, request: Request) -> Response:
        principal = self._principal(request)
        return json_response(200, {"role": principal.role, "agent_id": principal.agent_id or None})

    async def _live(self, request: Request) -> Response:
        principal = self._principal(request)
        agent = request.query_params.get("agent") or None
        if not principal.is_team_lead:
            agent = principal.agent_id
        return json_response(200, {"calls": self.manager.board.live_tiles(agent)})

    def _reader(self, request: Request) -> StoreReader:
        """The store reader for a team lead's request (401/403 otherwise; 503 without a store)."""
        Authenticator.require_team_lead(self._principal(request))
        if self.reader is None:
            message = self.store_error() or "the call store is disabled"
            raise HttpError(503, "store_unavailable", f"call review is unavailable: {message}")
        return self.reader

    async def _calls(self, request: Request) -> Response:
        reader = self._reader(request)
        try:
            query = CallQuery.from_params(dict(request.query_params))
        except QueryError as exc:
            raise HttpError(400, "bad_query", str(exc)) from None
        calls, total = await asyncio.to_thread(reader.list_calls, query)
        return json_response(200, {"calls": calls, "total": total, "limit": query.limit, "offset": query.offset})

    async def _stored_call(self, request: Request) -> tuple[StoreReader, str, dict[str, Any]]:
        """The reader, the path's call id and that stored call; 404 ``unknown_call`` when there is none."""
        reader = self._reader(request)
        call_id = request.path_params["call_id"]
        call = await asyncio.to_thread(reader.get_call, call_id)
        if call is None:
            raise HttpError(404, "unknown_call", f"no call with id {call_id!r}")
        return reader, call_id, call

    async def _call(self, request: Request) -> Response:
        _, _, call = await self._stored_call(request)
        return json_response(200, call)

    async def _events(self, request: Request) -> Response:
        reader, call_id, _ = await self._stored_call(request)
        events = await asyncio.to_thread(reader.events, call_id)
        return json_response(200, {"call_id": call_id, "events": events})

    async def _audio(self, request: Request) -> Response:
        reader = self._reader(request)
        call_id = request.path_params["call_id"]
        path, why = await asyncio.to_thread(reader.recording_path, call_id)
        if path is None:
            status, message = {
                "no_call": (404, f"no call with id {call_id!r}"),
                "deleted": (410, "the recording was deleted by the retention policy"),
                "none": (404, "this call has no recording"),
                "missing": (404, "the recording file is missing from the store"),
            }[why]
            raise HttpError(status, "no_recording" if why != "no_call" else "unknown_call", message)
        return RecordingResponse(path, "audio/flac")

    async def _replay(self, request: Request) -> Response:
        body = await read_body(request)
        Authenticator.require_team_lead(self._principal(request))
        spec = _json_object(body)
        path = _field(spec, "path", str, required=True)
        agent_id = _field(spec, "agent_id", str, required=True)
        realtime = _field(spec, "realtime", bool, default=True)
        start_raw = _field(spec, "start_s", (int, float), default=0.0)
        end_raw = _field(spec, "end_s", (int, float), default=None)
        channel = _field(spec, "agent_channel", int, default=0)
        unknown = sorted(set(spec) - {"path", "agent_id", "realtime", "start_s", "end_s", "agent_channel"})
        if unknown:
            raise HttpError(400, "bad_body", f"unknown field(s) {', '.join(unknown)}")
        try:
            resolved = resolve_replay_path(path, self.replay_dirs)
            recording = await asyncio.to_thread(load_recording, resolved, agent_channel=channel)
            recording = excerpt(recording, float(start_raw), None if end_raw is None else float(end_raw))
            call = self.manager.start_call(agent_id=agent_id, source="replay", metadata={"file": resolved.name})
        except OverflowError:  # an integer of 400 digits: float() cannot hold it
            raise HttpError(400, "bad_replay", BOUNDS_RULE) from None
        except (ValueError, CoachError) as exc:
            raise HttpError(400, "bad_replay", str(exc)) from None
        task = asyncio.get_running_loop().create_task(
            replay_into(call, recording, realtime=realtime, gate=self.replay_gate)
        )
        self.replays.add(task)
        task.add_done_callback(self.replays.discard)
        payload = {
            "call_id": call.call_id,
            "agent_id": agent_id,
            "duration_s": round(recording.duration_s, 3),
            "realtime": realtime,
            "agent_page": f"/agent/{agent_id}",
            "review_page": f"/calls/{call.call_id}",
        }
        return json_response(201, payload)

    async def _end(self, request: Request) -> Response:
        await read_body(request)
        Authenticator.require_team_lead(self._principal(request))
        call_id = request.path_params["call_id"]
        call = self.manager.calls.get(call_id)
        if call is None:
            raise HttpError(404, "unknown_call", f"no live call with id {call_id!r}")
        call.end(complete=True, reason="ended from the API")
        return json_response(202, {"call_id": call_id, "ending": True})

    async def _register_pair(self, request: Request) -> Response:
        """A dialplan registers the two AudioSocket legs of a call (``docs/telephony.md``): team leads
        for any agent, an agent token only for its own calls."""
        body = await read_body(request)
        principal = self._principal(request)
        if self.telephony is None:
            raise HttpError(404, "not_found", "telephony ingest is not available")
        spec = _json_object(body) if body.lstrip()[:1] == b"{" else _form_object(body)
        unknown = sorted(set(spec) - {"agent_uuid", "customer_uuid", "agent_id", "label"})
        if unknown:
            raise HttpError(400, "bad_body", f"unknown field(s) {', '.join(unknown)}")
        agent_id = _field(spec, "agent_id", str, required=True)
        self.auth.require_agent(principal, agent_id)
        try:
            leg = self.telephony.register_pair(
                agent_uuid=_field(spec, "agent_uuid", str, required=True),
                customer_uuid=_field(spec, "customer_uuid", str, required=True),
                agent_id=agent_id,
                label=_field(spec, "label", str, default=None),
            )
        except ValueError as exc:  # PairingError: the message says what was wrong
            raise HttpError(400, "bad_pair", str(exc)) from None
        payload = {"call_key": leg.key, "agent_id": leg.agent_id, "expires_s": self.telephony.pairs.ttl_s}
        return json_response(201, payload)

    async def stop_replays(self) -> None:
        for task in list(self.replays):
            task.cancel()
        if self.replays:
            await asyncio.gather(*self.replays, return_exceptions=True)


def _json_object(body: bytes) -> dict[str, Any]:
    if not body:
        raise HttpError(400, "bad_body", "send a JSON object as the request body (Content-Type: application/json)")
    try:
        obj = json.loads(body)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, UnicodeDecodeError, an integer's digits, nesting
        raise HttpError(400, "bad_json", f"the request body is not valid JSON: {json_failure(exc)}") from None
    if not isinstance(obj, dict):
        raise HttpError(400, "bad_body", "the request body must be a JSON object")
    return obj


def _form_object(body: bytes) -> dict[str, Any]:
    """An ``application/x-www-form-urlencoded`` body (what Asterisk's ``CURL()`` posts) as a dict."""
    try:
        pairs = parse_qsl(body.decode("ascii"), keep_blank_values=True, strict_parsing=True)
    except (UnicodeDecodeError, ValueError):
        raise HttpError(400, "bad_body", "send a JSON object or form fields (name=value&...)") from None
    return dict(pairs)


def _field(spec: dict[str, Any], name: str, kind: Any, *, required: bool = False, default: Any = None) -> Any:
    if name not in spec or spec[name] is None:
        if required:
            raise HttpError(400, "bad_body", f"missing field {name!r}")
        return default
    value = spec[name]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in kinds:
        raise HttpError(400, "bad_body", f"field {name!r} has the wrong type")
    if not isinstance(value, kinds):
        names = " or ".join(k.__name__ for k in kinds)
        raise HttpError(400, "bad_body", f"field {name!r} must be {names}")
    return value
