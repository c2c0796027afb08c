"""The one interface every telephony protocol parser implements, and the deadlines that apply to it.

:class:`StreamMachine` is what :mod:`coach.telephony.endpoints` drives, whatever the protocol: a
websocket message (Twilio Media Streams, Genesys AudioHook) or a chunk of a TCP byte stream
(Asterisk AudioSocket) goes into :meth:`~StreamMachine.receive`; the socket's end goes into
:meth:`~StreamMachine.end_of_stream`; both return :mod:`~coach.telephony.actions`. The machines
never touch a socket, a clock or a logger.

:class:`StreamTimer` decides, from an injected clock, how long a connection may stay silent:
``start_timeout_s`` from connecting until the stream identifies itself, then ``idle_timeout_s``
from the last *complete* message (a slow-loris peer trickling partial frames gains nothing), and a
short grace once the protocol has finished and only the peer's close is awaited.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from coach.telephony.actions import Action
from coach.telephony.config import TelephonyConfig

CLOSING_GRACE_S = 2.0
"""After ``stop``/``closed``/``disconnect``, how long the peer has to close before we do (seconds)."""

END_DISCONNECTED = "disconnected"
"""``end_of_stream`` reason for a socket the peer closed (AudioSocket: the normal end of a leg)."""
END_RESET = "connection_reset"
"""``end_of_stream`` reason for a socket that broke (reset, aborted)."""


@runtime_checkable
class StreamMachine(Protocol):
    """A sans-I/O protocol parser for one connection. Not thread-safe; one per connection.

    ``source`` names the protocol (``twilio``, ``audiohook``, ``audiosocket``); ``session_id`` is
    the platform's id of this stream once known (Twilio streamSid, AudioHook session id, AudioSocket
    UUID), for logs; ``messages`` counts complete messages received.
    """

    source: str

    @property
    def session_id(self) -> str | None: ...

    @property
    def started(self) -> bool:
        """The stream has identified itself (the start timeout no longer applies)."""
        ...

    @property
    def finished(self) -> bool:
        """Nothing more is expected but the peer closing the connection."""
        ...

    @property
    def messages(self) -> int: ...

    def receive(self, message: str | bytes) -> list[Action]:
        """One websocket message (text or binary), or the next bytes of a TCP stream."""
        ...

    def end_of_stream(self, reason: str = END_DISCONNECTED) -> list[Action]:
        """The connection ended (``reason``: :data:`END_DISCONNECTED`, :data:`END_RESET`, a timeout's
        name, ``server_error``...); a call still open ends, complete or not as the protocol says."""
        ...


class StreamTimer:
    """Deadlines of one connection on an injected monotonic clock (seconds)."""

    def __init__(self, cfg: TelephonyConfig, opened: float) -> None:
        self._cfg = cfg
        self.opened = opened
        self.last_progress = opened
        self._seen = 0

    def observe(self, machine: StreamMachine, now: float) -> None:
        """Call after feeding the machine: a new complete message restarts the idle timer."""
        if machine.messages != self._seen:
            self._seen = machine.messages
            self.last_progress = now

    def excuse(self, now: float) -> None:
        """The server itself stopped reading until ``now`` (it held a fast source back): the idle timer
        restarts, so the source's messages waiting unread do not count as its silence."""
        self.last_progress = max(self.last_progress, now)

    def remaining(self, machine: StreamMachine, now: float) -> tuple[float, str]:
        """``(seconds left, reason)``: how long to wait for more input, and the ``end_of_stream``
        reason (``start_timeout``, ``idle_timeout`` or ``closing``) if nothing comes."""
        if not machine.started:
            return max(0.0, self._cfg.start_timeout_s - (now - self.opened)), "start_timeout"
        if machine.finished:
            grace = min(CLOSING_GRACE_S, self._cfg.idle_timeout_s)
            return max(0.0, grace - (now - self.last_progress)), "closing"
        return max(0.0, self._cfg.idle_timeout_s - (now - self.last_progress)), "idle_timeout"
