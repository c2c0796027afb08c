"""How far this node's reading of the stream is behind what has been written to it.

``entries``: entries written after the last one read (counted up to ``LAG_CAP``; ``capped`` when
there are more); ``seconds``: age of the oldest of them by the Redis server's clock (stream ids are
its Unix ms), 0 when nothing waits. Measured once per heartbeat, not per entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from redis.asyncio import Redis
from redis.exceptions import ResponseError

LAG_CAP = 1000


@dataclass(frozen=True)
class Lag:
    entries: int = 0
    seconds: float = 0.0
    capped: bool = False

    def to_json(self) -> dict[str, object]:
        return {"entries": self.entries, "seconds": round(self.seconds, 3), "capped": self.capped}


def stream_id(value: bytes | str) -> tuple[int, int]:
    """``b"1700000000000-3"`` -> ``(1700000000000, 3)``, for ordering ids."""
    text = value.decode() if isinstance(value, bytes) else value
    ms, _, seq = text.partition("-")
    return int(ms), int(seq or 0)


async def measure(redis: Redis, stream: str, last_read: str) -> Lag:
    """The lag of a reader whose last entry read is ``last_read`` (``"0-0"``: none yet)."""
    try:
        info = await redis.xinfo_stream(stream)
    except ResponseError:  # no stream yet: nothing written, nothing behind
        return Lag()
    last = info.get("last-generated-id") or b"0-0"
    if stream_id(last) <= stream_id(last_read):
        return Lag()
    waiting = await redis.xrange(stream, min=f"({last_read}", max="+", count=LAG_CAP)
    if not waiting:
        return Lag()
    now_s, now_us = await redis.time()
    oldest_ms = stream_id(waiting[0][0])[0]
    seconds = max(0.0, (now_s * 1000 + now_us / 1000 - oldest_ms) / 1000)
    return Lag(entries=len(waiting), seconds=seconds, capped=len(waiting) >= LAG_CAP)
