"""HTTP answers of ``coach serve`` on Starlette: JSON errors, the pages' files and the recordings.

Every failure is ``{"error": {"status", "code", "message"}}`` with its status: :class:`HttpError`
raised by a handler, :class:`~coach.server.auth.AuthError` (401 with ``WWW-Authenticate: Bearer``,
403) and Starlette's own 404 / 405 (:data:`EXCEPTION_HANDLERS`). Files are Starlette
``FileResponse`` objects (``HEAD``, ``Range`` and ``If-Range`` handled there); a range the file
cannot satisfy is a JSON 416 (:class:`RecordingResponse`).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, MalformedRangeHeader, RangeNotSatisfiable, Response
from starlette.websockets import WebSocket

from coach.server.auth import AuthError

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024
"""Largest request body accepted, in bytes (the API only takes small JSON objects)."""

_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; connect-src 'self'; media-src 'self'; img-src 'self' data:;"
    " style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
"""Security headers of every page and static file (nothing loads from the network)."""


class HttpError(Exception):
    """An answer other than success: status, a stable ``code`` and a message for people."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def json_response(status: int, payload: Any, headers: dict[str, str] | None = None) -> Response:
    """A compact JSON answer that no cache keeps."""
    body = json.dumps(payload, separators=(",", ":")).encode()
    return Response(body, status, {"Cache-Control": "no-store", **(headers or {})}, "application/json")


def error_response(err: HttpError | AuthError) -> Response:
    """``{"error": {"status", "code", "message"}}`` with the error's status (and headers)."""
    headers = err.headers if isinstance(err, HttpError) else {"WWW-Authenticate": "Bearer"} if err.status == 401 else {}
    payload = {"error": {"status": err.status, "code": err.code, "message": err.message}}
    return json_response(err.status, payload, headers)


async def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HttpError | AuthError)
    return error_response(exc)


async def _starlette_error(request: Request, exc: Exception) -> Response:
    """Starlette's routing and body-limit refusals, in the API's words."""
    assert isinstance(exc, HTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code == 404:
        err = HttpError(404, "not_found", f"nothing at {request.url.path}")
    elif exc.status_code == 405:
        allowed = sorted(headers.get("Allow", "").split(", "))  # Starlette's order follows a set's
        err = HttpError(405, "method_not_allowed", f"use {' or '.join(allowed)}", {"Allow": ", ".join(allowed)})
    else:
        err = HttpError(exc.status_code, "http_error", str(exc.detail), headers)
    return error_response(err)


async def internal_error(request: Request, exc: Exception) -> Response:
    """An unexpected exception: a JSON 500 (Starlette then re-raises it, and the ASGI server logs it)."""
    return error_response(HttpError(500, "internal_error", "the server failed to answer; see its log"))


EXCEPTION_HANDLERS: dict[Any, Any] = {
    HttpError: _refused,
    AuthError: _refused,
    HTTPException: _starlette_error,
    Exception: internal_error,
}
"""Starlette ``exception_handlers`` of the app: every refusal becomes the JSON error."""


async def deny_websocket(websocket: WebSocket, err: HttpError | AuthError) -> None:
    """Refuse a websocket upgrade with the JSON error as an HTTP answer (ASGI websocket denial response)."""
    await websocket.send_denial_response(error_response(err))


async def read_body(request: Request) -> bytes:
    """The request body: at most :data:`MAX_BODY` bytes, announced by ``Content-Length`` (413 when
    larger, 400 for a chunked body or a malformed length). The HTTP parser reads no more than announced."""
    if "transfer-encoding" in request.headers:
        raise HttpError(400, "bad_body", "chunked request bodies are not accepted; send Content-Length")
    try:
        length = int(request.headers.get("content-length") or 0)
    except ValueError:
        raise HttpError(400, "bad_body", "the Content-Length header is not a number") from None
    if length > MAX_BODY:
        raise HttpError(413, "bad_body", f"the request body is {length} bytes; at most {MAX_BODY} are accepted")
    return await request.body()


def static_response(path: Path) -> Response:
    """A page or static file from the dashboard folder, with the page security headers."""
    if not path.is_file():
        raise HttpError(404, "not_found", "no such page")
    ctype = _CONTENT_TYPES.get(path.suffix, "application/octet-stream")
    return FileResponse(path, headers={"Cache-Control": "no-cache", **PAGE_HEADERS}, media_type=ctype)


class RecordingResponse(FileResponse):
    """A recording, whole or in byte ranges; a range it cannot satisfy is the JSON 416 ``bad_range``."""

    def __init__(self, path: Path, media_type: str) -> None:
        super().__init__(path, headers={"Cache-Control": "no-cache"}, media_type=media_type)

    @classmethod
    def _parse_range_header(cls, http_range: str, file_size: int) -> list[tuple[int, int]]:
        refused = {"Content-Range": f"bytes */{file_size}"}
        try:
            return super()._parse_range_header(http_range, file_size)
        except MalformedRangeHeader:
            raise HttpError(416, "bad_range", "send 'Range: bytes=start-end' (one or more ranges)", refused) from None
        except RangeNotSatisfiable:
            raise HttpError(416, "bad_range", f"range outside the file ({file_size} bytes)", refused) from None
