"""The Redis Streams bus: this node's calls out to one stream, every node's calls in from it.

:class:`RedisBus` is the live board's :class:`~coach.server.board.BoardLink`. A local call's start,
event batches and end are encoded (:mod:`coach.bus.records`) into a bounded outbox and written by a
publisher task (pipelined ``XADD`` with an approximate ``MAXLEN``); a consumer task reads the stream
(``XREAD BLOCK``) and applies other nodes' records to the local board with ``forward=False``, so its
hub's bounded relays serve them to this node's pages exactly like local calls. Once per
``heartbeat_s`` a third task refreshes this node's heartbeat, ends the calls of lost nodes on the
board (:mod:`coach.bus.nodes`) and measures the consumer lag. All Redis I/O is ``redis.asyncio``
on the event loop: nothing here blocks it. A node that starts late first reads the stream from its
oldest entry and applies only the records of calls that live nodes report live.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from coach.bus.config import BusConfig
from coach.bus.lag import Lag, measure, stream_id
from coach.bus.nodes import NODE_LOST, Heartbeats, lost_origins
from coach.bus.records import Origin, Record, decode, encode
from coach.errors import CoachError
from coach.server.board import LiveBoard
from coach.server.floor import CallTile

log = logging.getLogger(__name__)

READ_COUNT = 1000
"""Entries taken per XREAD."""
READ_BLOCK_MS = 500
PUBLISH_BATCH = 500
RETRY_S = 0.5
FINISHED_MEMORY = 10_000
"""Ended remote calls remembered, so a late record of one does not bring its tile back."""

NodeLost = Callable[[str, list[str]], None]
"""``(node_id, call_ids)``: mark a lost node's calls incomplete in the store (blocking; run in a thread)."""


class RedisBus:
    """One node's link to the others through Redis. Create, then ``await start()`` on the event loop."""

    backend = "redis"

    def __init__(self, cfg: BusConfig, board: LiveBoard, node_id: str, *, on_node_lost: NodeLost | None = None) -> None:
        self.cfg = cfg
        self.board = board
        self.origin = Origin(node_id, secrets.token_hex(6))
        self.on_node_lost = on_node_lost
        self.stream = f"{cfg.prefix}:events"
        self.redis = Redis.from_url(cfg.url, socket_timeout=5.0, socket_connect_timeout=3.0)
        self.beats = Heartbeats(self.redis, cfg, self.origin)
        self._outbox: deque[bytes] = deque()
        self._pending = asyncio.Event()
        self._remote: dict[str, Origin] = {}
        self._finished: OrderedDict[str, None] = OrderedDict()
        self._tasks: list[asyncio.Task[None]] = []
        self._stopping = asyncio.Event()
        self.last_read = "0-0"
        self._backfill_until = "0-0"
        self._backfill_calls: set[str] = set()
        self.published = 0
        self.publish_dropped = 0
        self.read = 0
        self.applied = 0
        self.lost_nodes = 0
        self.delay_ms: float | None = None
        self.lag = Lag()
        self.error: str | None = None
        self.alive_nodes = 0

    # -- lifecycle ------------------------------------------------------------------------------

    async def start(self) -> None:
        """Connect, find the live calls of the other nodes, start the tasks; CoachError if Redis is unreachable."""
        try:
            await self.redis.ping()
            others = await self.beats.others()
            with contextlib.suppress(RedisError):
                info = await self.redis.xinfo_stream(self.stream)
                self._backfill_until = _text(info.get("last-generated-id") or b"0-0")
        except (RedisError, OSError) as exc:
            await self.redis.aclose()
            raise CoachError(f"cannot reach the event bus at {_safe(self.cfg.url)}: {exc}") from None
        self._backfill_calls = {c for beat in others.values() for c in beat.get("calls", ())}
        await self.beats.beat([], 0)
        self.board.link = self
        loop = asyncio.get_running_loop()
        self._tasks = [
            loop.create_task(self._publish_loop(), name="bus-publish"),
            loop.create_task(self._read_loop(), name="bus-read"),
            loop.create_task(self._heartbeat_loop(), name="bus-heartbeat"),
        ]
        log.info("event bus: node %s on %s (%d other node(s))", self.origin.node, _safe(self.cfg.url), len(others))

    async def stop(self, timeout: float = 3.0) -> None:
        """Write what is queued (up to ``timeout`` s), say goodbye and disconnect (after the calls ended).

        The tasks finish their current Redis command and leave (a command cancelled half-way can
        leave redis-py waiting on its connection)."""
        deadline = time.monotonic() + timeout
        while self._outbox and time.monotonic() < deadline and not self._tasks[0].done():
            await asyncio.sleep(0.01)
        self._stopping.set()
        self._pending.set()
        _, late = await asyncio.wait(self._tasks, timeout=max(timeout, READ_BLOCK_MS / 1000 + 1.0))
        for task in late:
            task.cancel()
        with contextlib.suppress(RedisError, OSError):
            await asyncio.wait_for(self.beats.goodbye(), timeout=2.0)
        if self.board.link is self:
            self.board.link = None
        await self.redis.aclose()

    # -- BoardLink: local calls out -------------------------------------------------------------

    def call_started(self, tile: CallTile) -> None:
        self._queue(encode("start", self.origin, tile))

    def call_events(self, tile: CallTile, events: list[dict[str, Any]], emitted: float) -> None:
        self._queue(encode("events", self.origin, tile, events=events, emitted=emitted))

    def call_ended(self, tile: CallTile, complete: bool, reason: str | None) -> None:
        self._queue(encode("end", self.origin, tile, complete=complete, reason=reason))

    def _queue(self, data: bytes) -> None:
        if len(self._outbox) >= self.cfg.outbox:
            self._outbox.popleft()
            self.publish_dropped += 1
        self._outbox.append(data)
        self._pending.set()

    async def _publish_loop(self) -> None:
        while not self._stopping.is_set():
            await self._pending.wait()
            self._pending.clear()
            while self._outbox and not self._stopping.is_set():
                batch = [self._outbox.popleft() for _ in range(min(PUBLISH_BATCH, len(self._outbox)))]
                try:
                    async with self.redis.pipeline(transaction=False) as pipe:
                        for data in batch:
                            pipe.xadd(self.stream, {"m": data}, maxlen=self.cfg.stream_maxlen, approximate=True)
                        await pipe.execute()
                except (RedisError, OSError) as exc:
                    self._failed("publish", exc)
                    self._outbox.extendleft(reversed(batch))
                    while len(self._outbox) > self.cfg.outbox:
                        self._outbox.popleft()
                        self.publish_dropped += 1
                    await self._pause(RETRY_S)
                    continue
                self.published += len(batch)
                self.error = None

    # -- other nodes' calls in ------------------------------------------------------------------

    async def _read_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                answer = await self.redis.xread({self.stream: self.last_read}, count=READ_COUNT, block=READ_BLOCK_MS)
            except (RedisError, OSError) as exc:
                self._failed("read", exc)
                await self._pause(RETRY_S)
                continue
            for _, entries in answer or ():
                for entry_id, fields in entries:
                    self.last_read = _text(entry_id)
                    self.read += 1
                    record = decode(fields.get(b"m", b""))
                    if record is not None and record.origin != self.origin:
                        try:
                            self._apply(record)
                        except Exception:  # one bad record must not stop this node reading the others
                            log.exception("event bus: a record of node %s could not be applied", record.origin.node)

    def _apply(self, record: Record) -> None:
        """Apply another node's record to the board (during the start-up catch-up, only live calls')."""
        call_id = record.call_id
        if stream_id(self.last_read) <= stream_id(self._backfill_until) and call_id not in self._backfill_calls:
            return
        if call_id in self._finished:
            return
        self.applied += 1
        self.delay_ms = max(0.0, time.time() * 1000.0 - record.sent)
        if call_id not in self.board.tiles:
            self.board.add_call(record.tile(), forward=False)
            self._remote[call_id] = record.origin
        if record.kind == "events":
            emitted = float(record.fields.get("emitted", record.sent))
            self.board.on_events(call_id, list(record.fields.get("events") or ()), emitted, forward=False)
        elif record.kind == "end":
            reason = record.fields.get("reason")
            complete = bool(record.fields.get("complete"))
            self._finish(call_id, complete=complete, reason=str(reason) if reason else None)

    def _finish(self, call_id: str, *, complete: bool, reason: str | None) -> None:
        self._remote.pop(call_id, None)
        self._finished[call_id] = None
        while len(self._finished) > FINISHED_MEMORY:
            self._finished.popitem(last=False)
        self.board.end_call(call_id, complete=complete, reason=reason, forward=False)

    # -- heartbeats, lost nodes, lag ------------------------------------------------------------

    async def _heartbeat_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                await self.beats.beat(self._local_calls(), self.published)
                await self._watch()
                self.lag = await measure(self.redis, self.stream, self.last_read)
            except (RedisError, OSError) as exc:
                self._failed("heartbeat", exc)
            except Exception:  # the heartbeat must go on, or the other nodes take this one for lost
                log.exception("event bus: heartbeat step failed")
            await self._pause(self.cfg.heartbeat_s)

    async def _pause(self, seconds: float) -> None:
        """Sleep ``seconds``, or less when the bus is stopping."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)

    def _local_calls(self) -> list[str]:
        return [c for c, t in self.board.tiles.items() if t.status == "live" and c not in self._remote]

    async def _watch(self) -> None:
        """End on the board the calls of every incarnation whose heartbeat is gone; mark them in the
        store when the node has no heartbeat at all (a node restarted under the same id marks its own
        calls at start, and the store marks by node, which would take its new calls too)."""
        beats = await self.beats.others()
        self.alive_nodes = len(beats)
        for origin in lost_origins(set(self._remote.values()), beats):
            calls = sorted(c for c, o in self._remote.items() if o == origin)
            log.warning("node %s lost: %d live call(s) shown ended incomplete", origin.node, len(calls))
            self.lost_nodes += 1
            for call_id in calls:
                self._finish(call_id, complete=False, reason=NODE_LOST)
            if origin.node in beats:  # restarted: its start marked its earlier calls, and new ones are live
                continue
            if self.on_node_lost is not None and await self.beats.claim(origin):
                try:
                    await asyncio.to_thread(self.on_node_lost, origin.node, calls)
                except Exception:  # the store reports its own failures; the floor is already right
                    log.exception("marking the calls of lost node %s in the store failed", origin.node)

    def _failed(self, what: str, exc: BaseException) -> None:
        message = f"{what}: {type(exc).__name__}: {exc}"
        if message != self.error:
            log.warning("event bus %s", message)
        self.error = message

    def stats(self) -> dict[str, Any]:
        """The bus part of ``/api/health``."""
        return {
            "backend": self.backend,
            "ok": self.error is None,
            "error": self.error,
            "node_id": self.origin.node,
            "published": self.published,
            "outbox": len(self._outbox),
            "publish_dropped": self.publish_dropped,
            "read": self.read,
            "applied": self.applied,
            "remote_calls": len(self._remote),
            "other_nodes_alive": self.alive_nodes,
            "lost_nodes": self.lost_nodes,
            "lag": self.lag.to_json(),
            "delay_ms": None if self.delay_ms is None else round(self.delay_ms, 1),
        }


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _safe(url: str) -> str:
    """The URL without a password."""
    scheme, sep, rest = url.partition("://")
    if "@" in rest:
        rest = "***@" + rest.split("@", 1)[1]
    return scheme + sep + rest
