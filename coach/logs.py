"""Logging set-up for the command line and the server: one format, library chatter off.

Operators read these lines, so they carry static messages with values in structured fields, never
audio, transcript text or DTMF digits. Libraries that log every decode or request
(:data:`QUIET_LIBRARIES`) are held at WARNING unless ``verbose`` is asked for.
"""

from __future__ import annotations

import logging
import sys

FORMAT = "coach %(levelname)s %(name)s: %(message)s"
QUIET_LIBRARIES = ("faster_whisper", "websockets", "ctranslate2", "urllib3", "numba")


def configure_logging(level: int = logging.WARNING, *, verbose: bool = False) -> None:
    """Send log lines at ``level`` and above to stderr; ``verbose`` also lets the libraries speak.

    Like :func:`logging.basicConfig`, the handler is only added when the root logger has none yet, so
    an embedding application's (or pytest's) handlers are left alone; the libraries are quietened
    either way.
    """
    logging.basicConfig(level=logging.DEBUG if verbose else level, format=FORMAT, stream=sys.stderr)
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.DEBUG if verbose else max(level, logging.WARNING))
