"""Plain HTTP on the websockets server: JSON answers, static files, byte ranges, request bodies.

websockets answers HTTP requests through its ``process_request`` hook; a returned
:class:`~websockets.http11.Response` is sent and the connection closed (one request per connection,
which is fine on a LAN). Its request parser refuses bodies, so :class:`BodyReadingConnection` (the
server's ``create_connection``) reads a ``Content-Length`` body itself before handing the request
head on, and keeps the body (or the reason it was refused) on the connection.
"""

from __future__ import annotations

import http
import json
import mimetypes
import re
from pathlib import Path
from typing import Any

from websockets.asyncio.server import ServerConnection
from websockets.datastructures import Headers
from websockets.http11 import Response

MAX_BODY = 64 * 1024
"""Largest request body accepted, in bytes (the API only takes small JSON objects)."""
MAX_HEAD = 16 * 1024
MAX_RANGE = 2 * 1024 * 1024
"""Largest byte range sent in one answer; a media element asks again for the rest."""

_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".flac": "audio/flac",
    ".json": "application/json",
    ".ico": "image/x-icon",
    ".png": "image/png",
}
_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; connect-src 'self'; media-src 'self'; img-src 'self' data:;"
    " style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class HttpError(Exception):
    """An answer other than success: status, a stable ``code`` and a message for people."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def response(status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> Response:
    """A complete HTTP response (Content-Length set, connection closed after it)."""
    h = Headers()
    h["Content-Type"] = content_type
    h["Content-Length"] = str(len(body))
    h["Connection"] = "close"
    for key, value in (headers or {}).items():
        h[key] = value
    return Response(status, http.HTTPStatus(status).phrase, h, body)


def json_response(status: int, payload: Any, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps(payload, separators=(",", ":")).encode()
    return response(status, body, "application/json", {"Cache-Control": "no-store", **(headers or {})})


def error_response(err: HttpError) -> Response:
    """``{"error": {"status", "code", "message"}}`` with the error's status."""
    payload = {"error": {"status": err.status, "code": err.code, "message": err.message}}
    return json_response(err.status, payload, err.headers)


def static_response(path: Path, *, head: bool = False) -> Response:
    """A file from the dashboard folder, with the page security headers."""
    try:
        body = path.read_bytes()
    except OSError:
        raise HttpError(404, "not_found", "no such page") from None
    ctype = _CONTENT_TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    headers = {"Cache-Control": "no-cache", **_PAGE_HEADERS}
    if head:
        resp = response(200, b"", ctype, headers)
        resp.headers["Content-Length"] = str(len(body))
        return resp
    return response(200, body, ctype, headers)


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def file_range_response(path: Path, range_header: str | None, content_type: str) -> Response:
    """The file, or the requested byte range of it (206), at most :data:`MAX_RANGE` bytes per answer."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            if range_header is None:
                if size > MAX_RANGE:
                    start, end = 0, MAX_RANGE - 1
                else:
                    return response(
                        200, f.read(), content_type, {"Accept-Ranges": "bytes", "Cache-Control": "no-cache"}
                    )
            else:
                start, end = _parse_range(range_header, size)
                end = min(end, start + MAX_RANGE - 1)
            f.seek(start)
            body = f.read(end - start + 1)
    except OSError:
        raise HttpError(404, "recording_missing", "the recording file cannot be read") from None
    headers = {"Accept-Ranges": "bytes", "Content-Range": f"bytes {start}-{start + len(body) - 1}/{size}"}
    return response(206, body, content_type, {**headers, "Cache-Control": "no-cache"})


def _parse_range(value: str, size: int) -> tuple[int, int]:
    match = _RANGE.match(value.strip())
    if not match or (not match.group(1) and not match.group(2)):
        raise HttpError(
            416, "bad_range", "only a single 'bytes=start-end' range is supported", {"Content-Range": f"bytes */{size}"}
        )
    first, last = match.group(1), match.group(2)
    if not first:  # suffix: the last N bytes
        start, end = max(0, size - int(last)), size - 1
    else:
        start = int(first)
        end = min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        raise HttpError(
            416, "bad_range", f"range outside the file ({size} bytes)", {"Content-Range": f"bytes */{size}"}
        )
    return start, end


class BodyReadingConnection(ServerConnection):
    """A websockets server connection that accepts HTTP requests with a small body.

    Before websockets parses the request, the head is read here; if it announces a
    ``Content-Length``, that many bytes are read into :attr:`request_body` and the head is passed on
    without the header. A body over :data:`MAX_BODY` or ``Transfer-Encoding`` is not read; the
    reason goes to :attr:`body_error` (the API answers 413 / 411 with it).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request_body: bytes = b""
        self.body_error: str | None = None
        self._screening = True
        self._buffer = bytearray()
        self._head: bytes = b""
        self._need = 0

    def data_received(self, data: bytes) -> None:
        if not self._screening:
            super().data_received(data)
            return
        self._buffer += data
        if not self._head:
            end = self._buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(self._buffer) > MAX_HEAD:
                    self._pass_on(bytes(self._buffer))  # websockets refuses an oversized head itself
                return
            head = bytes(self._buffer[: end + 4])
            del self._buffer[: end + 4]
            head, length, problem = _strip_body_headers(head)
            self._head = head
            if problem:
                self.body_error = problem
                self._pass_on(head)
                return
            if length > MAX_BODY:
                self.body_error = f"the request body is {length} bytes; at most {MAX_BODY} are accepted"
                self._pass_on(head)
                return
            self._need = length
        if len(self._buffer) >= self._need:
            self.request_body = bytes(self._buffer[: self._need])
            rest = bytes(self._buffer[self._need :])
            self._pass_on(self._head + rest)

    def _pass_on(self, data: bytes) -> None:
        self._screening = False
        self._buffer = bytearray()
        super().data_received(data)


def _strip_body_headers(head: bytes) -> tuple[bytes, int, str | None]:
    """Remove Content-Length / Transfer-Encoding from a request head; return (head, length, problem)."""
    lines = head.split(b"\r\n")
    kept = []
    length = 0
    problem = None
    for line in lines:
        name, sep, value = line.partition(b":")
        lowered = name.strip().lower()
        if sep and lowered == b"content-length":
            try:
                length = int(value.strip())
                if length < 0:
                    raise ValueError
            except ValueError:
                problem = "the Content-Length header is not a number"
            continue
        if sep and lowered == b"transfer-encoding":
            problem = "chunked request bodies are not accepted; send Content-Length"
            continue
        kept.append(line)
    return b"\r\n".join(kept), length, problem
