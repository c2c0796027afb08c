"""Small helpers shared by the protocol machines: header lookup, JSON decoding, violation budget."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from coach.pipeline.calls import AGENT_ID_RULE, is_agent_id
from coach.telephony.actions import Action, Close, Violation

MAX_VIOLATIONS = 20
"""Non-fatal protocol violations tolerated on one connection before it is closed."""

CLOSE_POLICY = 1008
CLOSE_TOO_BIG = 1009
CLOSE_UNSUPPORTED = 1003
CLOSE_GOING_AWAY = 1001
CLOSE_INTERNAL = 1011


def header(headers: Mapping[str, str] | Any, name: str) -> str | None:
    """Case-insensitive header lookup on a ``websockets`` ``Headers`` or a plain mapping."""
    value = headers.get(name)
    if value is not None:
        return value
    lowered = name.lower()
    for key in headers:
        if isinstance(key, str) and key.lower() == lowered:
            return headers[key]
    return None


def text_too_large(text: str, limit: int) -> bool:
    """Whether ``text`` is over ``limit`` bytes in UTF-8 (cheap check on characters first)."""
    return len(text) > limit or (len(text) * 4 > limit and len(text.encode("utf-8", "replace")) > limit)


def decode_json_object(text: str) -> dict[str, Any] | None:
    """The JSON object in ``text``, or ``None`` if it is not valid JSON or not an object."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def stream_agent_id(value: Any, default: str) -> tuple[str, list[Action]]:
    """The agent id a stream names (a Twilio custom parameter, AudioHook's ``customConfig``) and what to report.

    None or empty: ``default``, nothing to report. An id :meth:`~coach.pipeline.calls.CallSink.start_call` would
    refuse (a display name with a space, an over-long one): ``default`` and a non-fatal ``bad_agent_id`` violation
    (logged with a fixed reason, noted on the call), so the call is still coached, shown on the floor and stored
    instead of failing at its start; a number is taken as its digits."""
    if value is None or value == "":
        return default, []
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if is_agent_id(text):
        return text, []
    return default, [Violation("bad_agent_id", AGENT_ID_RULE)]


class ViolationBudget:
    """Counts non-fatal violations; past :data:`MAX_VIOLATIONS` the next one closes the connection."""

    def __init__(self, limit: int = MAX_VIOLATIONS) -> None:
        self.limit = limit
        self.count = 0

    def report(self, code: str, detail: str) -> list[Action]:
        self.count += 1
        if self.count > self.limit:
            return [
                Violation(code, detail),
                Violation("too_many_errors", f"more than {self.limit} protocol errors", fatal=True),
                Close(CLOSE_POLICY, "too many protocol errors"),
            ]
        return [Violation(code, detail)]
