"""What the sans-I/O protocol machines return: plain data the async endpoints act on, in order.

A machine never touches a socket or a sink. ``receive_*`` returns a list of these; the endpoint
sends :class:`Send` payloads, closes on :class:`Close`, starts, feeds and ends the call on
:class:`StartCall` / :class:`Media` / :class:`Silence` / :class:`EndCall`, records
:class:`StreamNote` and :class:`Violation` on the call (and logs violations with their code only,
never payload bytes).

Positions are sample indices *at the stream's own rate* (``source_rate`` of :class:`StartCall`),
counted from the start of this connection's stream; the ingest layer maps them onto the call.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from coach.types import Lane


@dataclass(frozen=True, slots=True)
class StartCall:
    """The stream identified its call. ``key`` is the platform's call id (reconnects reuse it);
    ``rates`` gives each lane's wire sample rate in Hz; ``lanes`` are the lanes this stream carries
    (the others are filled with silence as this stream advances, unless ``paired``: then another
    connection is expected to bring them, e.g. the other AudioSocket leg)."""

    key: str
    agent_id: str
    source: str
    rates: Mapping[Lane, int]
    lanes: frozenset[Lane] = frozenset(Lane)
    paired: bool = False
    metadata: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Media:
    """Decoded audio of one lane: float32 mono at the lane's wire rate, starting at ``position``."""

    lane: Lane
    position: int
    pcm: np.ndarray


@dataclass(frozen=True, slots=True)
class Silence:
    """Both lanes were silent on purpose (hold, secure pause, discarded audio) for ``samples``
    samples from ``position``; the call's timeline keeps the span as silence."""

    position: int
    samples: int
    reason: str


@dataclass(frozen=True, slots=True)
class StreamNote:
    """Something about the stream itself (``mark``, ``dtmf``, ``paused``...), recorded on the call."""

    kind: str
    fields: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Violation:
    """The peer broke the protocol. ``code`` is a short stable identifier (``malformed_json``,
    ``bad_base64``, ``frame_too_large``...); ``detail`` says what was wrong without quoting payload
    data. ``fatal`` violations are followed by a :class:`Close`."""

    code: str
    detail: str
    fatal: bool = False


@dataclass(frozen=True, slots=True)
class EndCall:
    """This stream's part of the call is over; ``complete=False`` if it was cut short."""

    complete: bool
    reason: str


@dataclass(frozen=True, slots=True)
class Send:
    """A message for the peer: ``str`` goes out as a websocket text frame, ``bytes`` as binary."""

    data: str | bytes


@dataclass(frozen=True, slots=True)
class Close:
    """Close the connection with this websocket close code (AudioSocket: just close the socket)."""

    code: int = 1000
    reason: str = ""


Action = StartCall | Media | Silence | StreamNote | Violation | EndCall | Send | Close
