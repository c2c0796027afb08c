"""Logging set-up for the command line and the server: one format, library chatter off.

Operators read these lines, so they carry static messages with values in structured fields, never
audio, transcript text or DTMF digits. Libraries that log every decode or request
(:data:`QUIET_LIBRARIES`) are held at WARNING unless ``verbose`` is asked for. A logged exception
shows its type and where it was raised, never its message (:class:`ContentFreeFormatter`): the
message of an error met while analysing a call can quote the call.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
import traceback
from types import TracebackType

FORMAT = "coach %(levelname)s %(name)s: %(message)s"
QUIET_LIBRARIES = ("faster_whisper", "websockets", "ctranslate2", "urllib3", "numba")


WITHHELD = "(message withheld: it may quote the call; verbose logging shows it)"

ONE_LINE = str.maketrans(
    {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F, 0x85]} | {0x2028: "\\u2028", 0x2029: "\\u2029"}
)
"""Control characters and line separators as escapes: a value a client chose (a stream id, a source name) that
holds a line break cannot start a log line of its own that reads as the server's."""


class ContentFreeFormatter(logging.Formatter):
    """:data:`FORMAT` on one line a record, with each exception shown as its type and the code it passed through,
    not its message.

    An exception's message can hold call content: a transcript line a rule choked on, a malformed
    message or DTMF digits echoed back. The traceback's frames (file, line, function, source line)
    are code, so they stay; chained causes are shown the same way. Two kinds of message are kept, for
    the operator: an OS error's reason and file name, and SQLite's own phrases ("database is locked",
    "file is not a database"), which never hold the values a statement was given."""

    def format(self, record: logging.LogRecord) -> str:
        cached, record.exc_text = record.exc_text, None  # another handler's text would hold the message
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802
        """The record's line, one line whatever its values hold (:data:`ONE_LINE`; a line break that ends the
        message, as uvicorn's "Exception in ASGI application" has, is dropped); a traceback follows it."""
        return super().formatMessage(record).rstrip().translate(ONE_LINE)

    def formatException(self, ei: tuple[type[BaseException], BaseException, TracebackType | None]) -> str:  # noqa: N802
        lines: list[str] = []
        exc: BaseException | None = ei[1]
        seen: set[int] = set()
        while exc is not None and id(exc) not in seen:
            seen.add(id(exc))
            block = ["Traceback (most recent call last):"]
            for frame in traceback.extract_tb(exc.__traceback__):
                block.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
                if frame.line:
                    block.append(f"    {frame.line}")
            block.append(f"{type(exc).__module__}.{type(exc).__qualname__}: {_safe_message(exc) or WITHHELD}")
            lines[:0] = [*block, "", "The above exception led to the one below:", ""] if lines else block
            exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
        return "\n".join(lines)


def _safe_message(exc: BaseException) -> str | None:
    """The part of an exception's message that cannot quote a call, or None."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror + (f": {exc.filename}" if exc.filename else "")
    if isinstance(exc, sqlite3.Error):
        return str(exc)
    return None


def configure_logging(level: int = logging.WARNING, *, verbose: bool = False) -> None:
    """Send log lines at ``level`` and above to stderr; ``verbose`` also lets the libraries speak and
    shows exceptions' messages (for a developer's machine).

    Like :func:`logging.basicConfig`, the handler is only added when the root logger has none yet, so
    an embedding application's (or pytest's) handlers are left alone; the libraries are quietened
    either way.
    """
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(FORMAT) if verbose else ContentFreeFormatter(FORMAT))
        root.addHandler(handler)
        root.setLevel(logging.DEBUG if verbose else level)
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.DEBUG if verbose else max(level, logging.WARNING))
