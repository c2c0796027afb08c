"""How audio sources hand live calls to whatever runs the analysis (the server's call manager).

A source (microphones, a recording paced in real time, a telephony media stream) asks a
:class:`CallSink` to start a call, pushes the call's audio into the returned :class:`LiveCall` as
it arrives, and ends it. ``push`` never blocks and never raises for a slow consumer: an
implementation queues the audio (bounded, with a named overflow policy and a drop counter) and
analyses it off the caller's event loop. Audio pushed to a lane must be contiguous from sample 0 of
that lane at 16 kHz; a source fills gaps with silence and reports them with :meth:`LiveCall.note`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from coach.types import AudioChunk


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
