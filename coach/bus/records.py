"""The records nodes exchange on the bus: one per call start, batch of events, or call end.

A record is one JSON object in the ``m`` field of a stream entry: ``{"k": "start" | "events" |
"end", "node", "boot", "call_id", "agent_id", "source", "started_at"}`` plus ``events`` and
``emitted`` (Unix ms) for ``events``, and ``complete`` and ``reason`` for ``end``. ``boot`` is
random per process start, so a node restarted under the same id is a new incarnation. ``sent`` is the
publishing node's Unix time in ms. Pure functions; no I/O.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from coach.server.floor import CallTile

KINDS = ("start", "events", "end")


@dataclass(frozen=True)
class Origin:
    """Which node (and which start of it) a record comes from."""

    node: str
    boot: str


@dataclass(frozen=True)
class Record:
    """A decoded record (see the module docstring)."""

    kind: str
    origin: Origin
    call_id: str
    agent_id: str
    source: str
    started_at: float
    sent: float
    fields: dict[str, Any] = field(default_factory=dict)

    def tile(self) -> CallTile:
        """A fresh tile for this record's call, as the owning node created it."""
        return CallTile(call_id=self.call_id, agent_id=self.agent_id, source=self.source, started_at=self.started_at)


def encode(kind: str, origin: Origin, tile: CallTile, **fields: Any) -> bytes:
    """The JSON bytes of one record about ``tile``'s call."""
    body = {
        "k": kind,
        "node": origin.node,
        "boot": origin.boot,
        "call_id": tile.call_id,
        "agent_id": tile.agent_id,
        "source": tile.source,
        "started_at": tile.started_at,
        "sent": round(time.time() * 1000.0, 1),
        **fields,
    }
    return json.dumps(body, separators=(",", ":")).encode()


def decode(data: bytes) -> Record | None:
    """The record in ``data``, or None when it is not one (an entry written by something else)."""
    try:
        body = json.loads(data)
        kind = body.pop("k")
        if kind not in KINDS:
            return None
        origin = Origin(str(body.pop("node")), str(body.pop("boot")))
        return Record(
            kind=kind,
            origin=origin,
            call_id=str(body.pop("call_id")),
            agent_id=str(body.pop("agent_id")),
            source=str(body.pop("source")),
            started_at=float(body.pop("started_at")),
            sent=float(body.pop("sent")),
            fields=body,
        )
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
