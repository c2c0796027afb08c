"""Node heartbeats in Redis, and which nodes are lost.

Each node sets ``<prefix>:node:<node_id>`` every ``heartbeat_s`` to ``{"boot", "calls", "seq"}`` (its
incarnation, its live call ids, records published so far) with a time to live of ``node_lost_s``, and
adds its id to the set ``<prefix>:nodes``. A node whose key has expired, or carries another ``boot``
(it restarted), is lost: every other node shows the calls it saw from that incarnation as ended
incomplete ("node lost"), and the first to claim ``<prefix>:lost:<node>:<boot>`` marks them so in the
store. Redis keeps the time (key expiry), so the nodes' clocks do not matter.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from redis.asyncio import Redis

from coach.bus.config import BusConfig
from coach.bus.records import Origin

NODE_LOST = "node lost"
"""The end reason of a call whose node was lost."""
CLAIM_TTL_S = 7 * 24 * 3600


def lost_origins(watched: Iterable[Origin], beats: Mapping[str, dict[str, Any] | None]) -> set[Origin]:
    """The incarnations in ``watched`` that are lost: no heartbeat for their node, or a newer one."""
    lost = set()
    for origin in watched:
        beat = beats.get(origin.node)
        if beat is None or beat.get("boot") != origin.boot:
            lost.add(origin)
    return lost


class Heartbeats:
    """This node's heartbeat and its view of the others' (async, on the event loop)."""

    def __init__(self, redis: Redis, cfg: BusConfig, origin: Origin) -> None:
        self.redis = redis
        self.cfg = cfg
        self.origin = origin
        self.registry = f"{cfg.prefix}:nodes"

    def key(self, node: str) -> str:
        return f"{self.cfg.prefix}:node:{node}"

    async def beat(self, calls: list[str], seq: int) -> None:
        """Refresh this node's heartbeat (expires after ``node_lost_s`` unless refreshed)."""
        value = json.dumps({"boot": self.origin.boot, "calls": calls, "seq": seq}, separators=(",", ":"))
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.set(self.key(self.origin.node), value, px=int(self.cfg.node_lost_s * 1000))
            pipe.sadd(self.registry, self.origin.node)
            await pipe.execute()

    async def read(self, nodes: Iterable[str]) -> dict[str, dict[str, Any] | None]:
        """The current heartbeat of each node (None: expired or never seen)."""
        names = sorted(set(nodes))
        if not names:
            return {}
        values = await self.redis.mget([self.key(n) for n in names])
        return {n: _parse(v) for n, v in zip(names, values, strict=True)}

    async def others(self) -> dict[str, dict[str, Any]]:
        """Heartbeats of every other node alive now (nodes gone for good leave the registry; a live
        one that was slow puts itself back with its next heartbeat)."""
        members = [m.decode() if isinstance(m, bytes) else str(m) for m in await self.redis.smembers(self.registry)]
        beats = await self.read(n for n in members if n != self.origin.node)
        gone = [n for n, b in beats.items() if b is None]
        if gone:
            await self.redis.srem(self.registry, *gone)
        return {n: b for n, b in beats.items() if b is not None}

    async def claim(self, origin: Origin) -> bool:
        """True for the one node that gets to mark ``origin``'s calls in the store."""
        key = f"{self.cfg.prefix}:lost:{origin.node}:{origin.boot}"
        return bool(await self.redis.set(key, self.origin.node, nx=True, ex=CLAIM_TTL_S))

    async def goodbye(self) -> None:
        """A clean stop: the heartbeat goes at once (the node's calls have ended and been published)."""
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.delete(self.key(self.origin.node))
            pipe.srem(self.registry, self.origin.node)
            await pipe.execute()


def _parse(value: bytes | str | None) -> dict[str, Any] | None:
    if value is None:
        return None
    try:
        beat = json.loads(value)
    except ValueError:
        return None
    return beat if isinstance(beat, dict) else None
