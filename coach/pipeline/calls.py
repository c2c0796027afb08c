"""How audio sources hand live calls to whatever runs the analysis (the server's call manager).

A source (microphones, a recording paced in real time, a telephony media stream) asks a
:class:`CallSink` to start a call, pushes the call's audio into the returned :class:`LiveCall` as
it arrives, and ends it. ``push`` never blocks and never raises for a slow consumer: an
implementation queues the audio (bounded, with a named overflow policy and a drop counter) and
analyses it off the caller's event loop. Audio pushed to a lane must be contiguous from sample 0 of
that lane at 16 kHz; a source fills gaps with silence and reports them with :meth:`LiveCall.note`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Protocol

from coach.types import AudioChunk

AGENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")
"""The agent ids :meth:`CallSink.start_call` accepts: an id names the agent's page and goes into paths, so it has a
fixed alphabet. Every place that takes an agent id from outside (the ingest socket, a telephony stream's parameters,
an AudioSocket pair registration, ``[telephony] default_agent_id``) checks it against this one pattern."""
AGENT_ID_RULE = "agent_id must be 1-64 letters, digits or _ . @ - (starting with a letter or digit)"
"""The message that says what :data:`AGENT_ID` accepts."""


SOURCE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")
"""The source names :meth:`CallSink.start_call` accepts (``twilio``, ``replay``, ``mic``; an ingest client's own).
A name a client chooses is stored with the call (PostgreSQL refuses a NUL in text: the call's row, so all its
events, was lost), served by the API and logged, so it has a fixed alphabet too."""
SOURCE_RULE = "source must be 1-40 letters, digits or _ . - (starting with a letter or digit), such as replay or mic"
"""The message that says what :data:`SOURCE_NAME` accepts."""


def is_agent_id(value: Any) -> bool:
    """Whether ``value`` is an agent id :meth:`CallSink.start_call` accepts (:data:`AGENT_ID`, the whole string:
    ``$`` alone would let a trailing line break through)."""
    return isinstance(value, str) and AGENT_ID.fullmatch(value) is not None


def is_source(value: Any) -> bool:
    """Whether ``value`` is a source name :meth:`CallSink.start_call` accepts (:data:`SOURCE_NAME`, whole)."""
    return isinstance(value, str) and SOURCE_NAME.fullmatch(value) is not None


class LiveCall(Protocol):
    """One call in progress."""

    call_id: str

    def push(self, chunk: AudioChunk) -> None:
        """Queue audio of one lane for analysis. Non-blocking; thread-safe."""

    def note(self, kind: str, **fields: Any) -> None:
        """Record something about the stream itself (``gap``, ``reconnect``, ``dtmf``...) as an event."""

    def end(self, *, complete: bool = True, reason: str | None = None) -> None:
        """The call is over. ``complete=False`` marks a call cut short (client vanished, server stopping)."""


class CallSink(Protocol):
    """Starts calls. ``agent_id`` says whose agent page shows the call."""

    def start_call(self, *, agent_id: str, source: str, metadata: Mapping[str, Any] | None = None) -> LiveCall:
        """Begin a call and return its handle; ``source`` names where the audio comes from (``twilio``...)."""
