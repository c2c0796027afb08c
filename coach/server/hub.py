"""Fan-out of messages to websocket clients through bounded per-client relay queues.

Publishing never waits on a client: :meth:`Hub.publish` appends the (already serialised) message to
each subscriber's :class:`Relay` and returns; each relay has its own sender task that writes to its
socket. A client whose queue holds more than ``max_messages`` or whose oldest queued message is
older than ``max_lag_s`` is too far behind to be useful: it is dropped, its socket closed with code
4008 and the reason, so a slow or stalled browser never delays the others or grows memory.
Everything here runs on the event loop thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import defaultdict, deque
from typing import Any, Protocol

log = logging.getLogger(__name__)

CLOSE_TOO_SLOW = 4008


class Socket(Protocol):
    """The part of a websockets connection a relay uses."""

    async def send(self, message: str) -> None: ...

    async def close(self, code: int = 1000, reason: str = "") -> None: ...


class Relay:
    """One client's outgoing queue and sender. ``name`` labels it in logs (never a token)."""

    def __init__(self, socket: Socket, *, name: str, max_messages: int, max_lag_s: float) -> None:
        self.socket = socket
        self.name = name
        self.max_messages = max_messages
        self.max_lag_s = max_lag_s
        self._queue: deque[tuple[float, str]] = deque()
        self._ready = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.closed = False
        self._sending = False
        self.drop_reason: str | None = None
        self.sent = 0

    @property
    def queued(self) -> int:
        return len(self._queue)

    def start(self) -> asyncio.Task[None]:
        """Start the sender task (call from the event loop)."""
        self._task = asyncio.get_running_loop().create_task(self._send_loop(), name=f"relay-{self.name}")
        return self._task

    def offer(self, message: str, now: float | None = None) -> bool:
        """Queue a message; False (and the client dropped) if it is too far behind."""
        if self.closed:
            return False
        now = time.monotonic() if now is None else now
        if self._queue:
            lag = now - self._queue[0][0]
            if len(self._queue) >= self.max_messages or lag > self.max_lag_s:
                self.drop(f"too slow: {len(self._queue)} messages and {lag:.1f} s behind")
                return False
        self._queue.append((now, message))
        self._ready.set()
        return True

    def drop(self, reason: str) -> None:
        """Stop relaying, discard the backlog and close the socket with ``reason``."""
        if self.closed:
            return
        self.closed = True
        self.drop_reason = reason
        self._queue.clear()
        self._ready.set()
        log.warning("dropped websocket client %s: %s", self.name, reason)
        with contextlib.suppress(RuntimeError):
            asyncio.get_running_loop().create_task(self._close(reason))

    async def _close(self, reason: str) -> None:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.socket.close(CLOSE_TOO_SLOW, reason[:120]), timeout=3.0)

    async def drain(self, timeout: float) -> None:
        """Wait (up to ``timeout`` seconds) until everything queued has been handed to the socket."""
        deadline = asyncio.get_running_loop().time() + timeout
        while (self._queue or self._sending) and not self.closed:
            if asyncio.get_running_loop().time() > deadline:
                return
            await asyncio.sleep(0.005)

    def stop(self) -> None:
        """The client went away: stop the sender without closing anything."""
        self.closed = True
        self._queue.clear()
        self._ready.set()
        if self._task is not None:
            self._task.cancel()

    async def _send_loop(self) -> None:
        try:
            while not self.closed:
                await self._ready.wait()
                self._ready.clear()
                while self._queue and not self.closed:
                    _, message = self._queue.popleft()
                    self._sending = True
                    await self.socket.send(message)
                    self._sending = False
                    self.sent += 1
        except asyncio.CancelledError:
            pass
        except Exception:  # the connection closed under us: the handler cleans up
            self.closed = True


class Hub:
    """Topics (``agent:<id>``, ``call:<id>``, ``floor``...) and their relays."""

    def __init__(self) -> None:
        self._topics: dict[str, set[Relay]] = defaultdict(set)
        self.published = 0
        self.dropped_clients = 0

    def subscribe(self, topic: str, relay: Relay) -> None:
        self._topics[topic].add(relay)

    def unsubscribe(self, relay: Relay) -> None:
        for topic in list(self._topics):
            subs = self._topics[topic]
            subs.discard(relay)
            if not subs:
                del self._topics[topic]

    def subscribers(self, topic: str) -> int:
        return len(self._topics.get(topic, ()))

    def publish(self, topic: str, message: str) -> None:
        """Offer ``message`` to every relay of ``topic``; drops clients that are too far behind."""
        subs = self._topics.get(topic)
        if not subs:
            return
        self.published += 1
        now = time.monotonic()
        for relay in list(subs):
            was_open = not relay.closed
            if not relay.offer(message, now):
                subs.discard(relay)
                if was_open and relay.drop_reason is not None:
                    self.dropped_clients += 1

    def stats(self) -> dict[str, Any]:
        clients = {r for subs in self._topics.values() for r in subs}
        return {
            "clients": len(clients),
            "topics": len(self._topics),
            "published": self.published,
            "dropped_clients": self.dropped_clients,
            "max_queued": max((r.queued for r in clients), default=0),
        }
