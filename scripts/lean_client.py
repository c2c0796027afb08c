"""The capacity bench's lean client: N calls sent into ``coach serve`` as a site's telephony would, costing the
machine as little as a client in the same box can (``scripts/bench_capacity.py --client lean``).

What :func:`stream_calls` in ``bench_capacity`` does per 20 ms message of every call (an async generator step, two
:class:`~coach.types.AudioChunk`, a float-to-int16 encoding, a timer of its own) and per page event (a JSON parse in
the loop) is done here ahead of the run or after it:

- every call's stereo 20 ms messages are encoded before the calls start (:func:`encode_call`, the product's own
  :func:`coach.server.wire.encode_stereo`);
- one clock sends them: a task that sleeps until the next message is due and sends every live call's due
  messages; each call's sample 0 is "played" on a 20 ms grid step after the server answered its start message,
  moved by its share of the step (:class:`Clock`'s ``phases``: all together, or apart as independent sources);
- the pages' messages are kept as received (loop time, Unix time, raw text) and parsed once the calls are over.

The ingest protocol is the product's (start, ``started``, binary audio, end, ``ended`` and the close), as
:func:`coach.server.client.send_call` speaks it; the calls start :data:`bench_capacity.STAGGER_S` apart as there.
:func:`stream_lean` returns what ``bench_capacity.stream_calls`` returns, plus how late the clock sent (``late``:
seconds after each message's due time, over all messages), so a client starved of CPU shows in the figures rather
than in the server's.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from websockets.asyncio.client import ClientConnection, connect

from coach.server.client import ingest_url
from coach.server.wire import encode_stereo
from coach.types import SAMPLE_RATE, Lane

STEP_S = 0.02
"""The messages' length and the clock's grid (seconds): 20 ms, as telephony sources deliver."""

STEP = round(STEP_S * SAMPLE_RATE)


def encode_call(lanes: dict[Lane, np.ndarray]) -> list[bytes]:
    """A call's two lanes as its stereo ingest messages, :data:`STEP_S` each (the last one shorter)."""
    agent, customer = lanes[Lane.AGENT], lanes[Lane.CUSTOMER]
    return [encode_stereo(agent[p : p + STEP], customer[p : p + STEP]) for p in range(0, len(agent), STEP)]


@dataclass
class _Live:
    """A call on the clock: its socket, messages, the next one to send, its origin (loop time of sample 0)."""

    ws: ClientConnection
    messages: list[bytes]
    origin: float
    sent: int = 0
    done: asyncio.Event = field(default_factory=asyncio.Event)


class Clock:
    """Sends every live call's due messages. Call ``k`` (in the order they are added) plays its sample 0 on the first
    step of a :data:`STEP_S` grid (from ``grid0``, loop time) after it is added, moved by ``k % phases`` of ``phases``
    equal parts of a step: with one phase every call's messages go together, 50 wake-ups a second for all; with as
    many phases as calls each call's go apart, as independent telephony sources would send them (a wake-up per call
    and message, as in ``bench_capacity.stream_calls``, whose calls start when their start message is answered)."""

    def __init__(self, grid0: float, phases: int = 1) -> None:
        self.grid0, self.phases = grid0, max(1, phases)
        self.live: list[_Live] = []
        self.added = 0
        self.late: list[float] = []
        self._wake = asyncio.Event()

    def origin(self, now: float) -> float:
        """Where the next call added at loop time ``now`` plays its sample 0."""
        step = self.grid0 + math.ceil((now - self.grid0) / STEP_S - 1e-9) * STEP_S
        return step + (self.added % self.phases) * STEP_S / self.phases

    def add(self, call: _Live) -> None:
        """Start ``call`` (its ``origin`` already from :meth:`origin`)."""
        self.live.append(call)
        self.added += 1
        self._wake.set()

    async def run(self, calls: int) -> None:
        """Until ``calls`` calls have been added and each has sent all its messages; sleeps between due times."""
        loop = asyncio.get_running_loop()
        while True:
            if not self.live:
                if self.added >= calls:
                    return
                self._wake.clear()
                await self._wake.wait()
                continue
            now = loop.time()
            for call in list(self.live):
                due = call.origin + (call.sent + 1) * STEP_S
                while call.sent < len(call.messages) and due <= now + 1e-6:
                    self.late.append(now - due)
                    await call.ws.send(call.messages[call.sent])
                    call.sent += 1
                    due += STEP_S
                if call.sent == len(call.messages):
                    self.live.remove(call)
                    call.done.set()
            if self.live:
                due = min(c.origin + (c.sent + 1) * STEP_S for c in self.live)
                await asyncio.sleep(max(0.0, due - loop.time()))


async def _ingest(base: str, agent: str, messages: list[bytes], clock: Clock, origin: list[float]) -> None:
    """One call through the ingest socket: start, audio on ``clock``, end; returns when the server closes it.
    ``origin`` receives the loop time at which its sample 0 was played."""
    loop = asyncio.get_running_loop()
    async with connect(ingest_url(base), max_size=2**20, compression=None) as ws:
        start = {"type": "start", "agent_id": agent, "source": "bench", "realtime": True, "sample_rate": SAMPLE_RATE}
        await ws.send(json.dumps(start | {"metadata": {}}))
        reply = json.loads(await ws.recv())
        if reply.get("type") != "started":
            raise RuntimeError(f"the server did not start the call: {reply}")
        live = _Live(ws, messages, clock.origin(loop.time()))
        origin.append(live.origin)
        clock.add(live)
        drain = asyncio.create_task(_drain(ws))
        await live.done.wait()
        await ws.send(json.dumps({"type": "end"}))
        await drain


async def _drain(ws: ClientConnection) -> None:
    """Read (and drop) the ingest socket's replies until the server closes it."""
    async for _ in ws:
        pass


async def _page(url: str, raw: list[tuple[float, float, str]], ready: asyncio.Event) -> None:
    """An agent page: each message kept as (loop time, Unix time, text) for parsing after the run."""
    loop = asyncio.get_running_loop()
    async with connect(url, max_size=2**24, compression=None, open_timeout=60) as ws:
        ready.set()
        async for text in ws:
            raw.append((loop.time(), time.time(), text))


def parse_page(raw: list[tuple[float, float, str]], received: str, emitted: str) -> list[tuple[float, dict[str, Any]]]:
    """A page's kept messages as ``bench_capacity.agent_page`` logs them: (loop time, event with the Unix times it
    was received and emitted under the keys ``received`` and ``emitted``)."""
    out = []
    for at, unix, text in raw:
        msg = json.loads(text)
        if msg.get("kind") == "event":
            out.append((at, msg["event"] | {received: unix, emitted: msg.get("emitted", float("nan")) / 1000.0}))
    return out


async def stream_lean(
    base: str,
    messages: list[list[bytes]],
    tag: str,
    stagger_s: float,
    settle: Callable[[], Any],
    keys: tuple[str, str],
    phases: int = 1,
) -> tuple[list[list[tuple[float, dict[str, Any]]]], list[tuple[float, float]], list[float]]:
    """Stream the calls' pre-encoded ``messages`` (call ``i`` connecting ``i * stagger_s`` late) and keep their agent
    pages' events. ``settle`` is awaited once every call's ingest socket closed (the bench's wait for the finals the
    server still owes; the pages stay open meanwhile). ``keys``: the (received, emitted) keys of :func:`parse_page`;
    ``phases``: :class:`Clock`'s.
    Returns per call its page's events as (loop time, event), per call (its sample 0 on the loop's clock, on Unix
    time), and how late each message was sent (s)."""
    loop = asyncio.get_running_loop()
    ws_base = base.replace("http", "ws", 1)
    agents = [f"{tag}-{i:02d}" for i in range(len(messages))]
    raws: list[list[tuple[float, float, str]]] = [[] for _ in messages]
    readies = [asyncio.Event() for _ in messages]
    pages = [asyncio.create_task(_page(f"{ws_base}/ws/agent/{a}", raws[i], r)) for i, (a, r) in
             enumerate(zip(agents, readies, strict=True))]  # fmt: skip
    await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies)), 60)
    unix_minus_loop = time.time() - loop.time()
    clock = Clock(loop.time(), phases)
    origins: list[list[float]] = [[] for _ in messages]

    async def one(i: int) -> None:
        await asyncio.sleep(i * stagger_s)
        await _ingest(base, agents[i], messages[i], clock, origins[i])

    sender = asyncio.create_task(clock.run(len(messages)))
    await asyncio.gather(*(one(i) for i in range(len(messages))))
    await sender
    await settle()
    for page in pages:
        page.cancel()
    await asyncio.gather(*pages, return_exceptions=True)
    logs = [parse_page(raw, *keys) for raw in raws]
    return logs, [(o[0], o[0] + unix_minus_loop) for o in origins], clock.late
