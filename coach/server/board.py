"""The live board: every live call's tile and recent events, published to the pages through the hub.

Topics: ``agent:<agent_id>`` (every event of that agent's calls, and ``call`` state changes),
``call:<call_id>`` (one call's events, for the floor's "follow"), ``ingest:<call_id>`` (the call's
nudges, back to the source that sends it) and ``floor`` (batched ``tiles`` every ``floor_interval_s``,
and an immediate ``alert`` when a call crosses into ``escalated``). Each message is serialised once.
Runs on the event loop thread only.

With a bus between nodes (``coach/bus``) the board has a :class:`BoardLink`: each local call's start,
events and end are handed to it after they are published here, and the bus applies other nodes'
calls with ``forward=False``. Without one (the default, one node) nothing else happens.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import deque
from typing import Any, Protocol

from coach.server.floor import CallTile
from coach.server.hub import Hub
from coach.server.wire import envelope

HISTORY_MESSAGES = 2000
"""Recent non-prosody events kept per live call, replayed to a page that opens mid-call."""


class BoardLink(Protocol):
    """Where a board hands its local calls (the Redis bus); called on the event loop, never blocks."""

    def call_started(self, tile: CallTile) -> None: ...

    def call_events(self, tile: CallTile, events: list[dict[str, Any]], emitted: float) -> None: ...

    def call_ended(self, tile: CallTile, complete: bool, reason: str | None) -> None: ...


class LiveBoard:
    """Tiles and histories of live (and just-ended) calls."""

    def __init__(self, hub: Hub, *, floor_interval_s: float, ended_linger_s: float) -> None:
        self.hub = hub
        self.floor_interval_s = floor_interval_s
        self.ended_linger_s = ended_linger_s
        self.tiles: dict[str, CallTile] = {}
        self._history: dict[str, deque[str]] = {}
        self._prosody: dict[str, dict[str, str]] = {}
        self._dirty: set[str] = set()
        self._removed: set[str] = set()
        self._task: asyncio.Task[None] | None = None
        self.link: BoardLink | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._floor_loop(), name="floor-batches")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    # -- calls ----------------------------------------------------------------------------------

    def add_call(self, tile: CallTile, *, forward: bool = True) -> None:
        """A call started (``forward=False``: on another node, seen through the bus)."""
        self.tiles[tile.call_id] = tile
        self._history[tile.call_id] = deque(maxlen=HISTORY_MESSAGES)
        self._prosody[tile.call_id] = {}
        self._dirty.add(tile.call_id)
        self.hub.publish(f"agent:{tile.agent_id}", envelope("call", tile=tile.to_json()))
        if forward and self.link is not None:
            self.link.call_started(tile)

    def on_events(self, call_id: str, events: list[dict[str, Any]], emitted: float, *, forward: bool = True) -> None:
        """Publish a batch of a call's events and fold them into its tile (``emitted``: Unix ms)."""
        tile = self.tiles.get(call_id)
        if tile is None:
            return
        history = self._history[call_id]
        for event in events:
            message = envelope("event", call_id=call_id, agent_id=tile.agent_id, emitted=emitted, event=event)
            self.hub.publish(f"agent:{tile.agent_id}", message)
            self.hub.publish(f"call:{call_id}", message)
            kind = event.get("type")
            if kind == "prosody":
                self._prosody[call_id][str(event.get("speaker"))] = message
            else:
                history.append(message)
            if kind in ("nudge", "call.end"):
                self.hub.publish(f"ingest:{call_id}", message)
            changed, crossed = tile.apply(event, emitted)
            if changed:
                self._dirty.add(call_id)
            if crossed:
                self.hub.publish(
                    "floor",
                    envelope(
                        "alert",
                        call_id=call_id,
                        agent_id=tile.agent_id,
                        level="escalated",
                        at=event.get("at"),
                        emitted=emitted,
                        tile=tile.to_json(),
                    ),
                )
        if forward and self.link is not None:
            self.link.call_events(tile, events, emitted)

    def end_call(self, call_id: str, *, complete: bool, reason: str | None, forward: bool = True) -> None:
        """Mark the call ended, tell its agent page, and take its tile off the floor after the linger."""
        tile = self.tiles.get(call_id)
        if tile is None:
            return
        tile.status = "ended" if complete else "incomplete"
        tile.end_reason = reason
        tile.nudge = None
        self._dirty.add(call_id)
        self.hub.publish(f"agent:{tile.agent_id}", envelope("call", tile=tile.to_json()))
        self.hub.publish(f"call:{call_id}", envelope("call", tile=tile.to_json()))
        if forward and self.link is not None:
            self.link.call_ended(tile, complete, reason)
        with contextlib.suppress(RuntimeError):
            asyncio.get_running_loop().call_later(self.ended_linger_s, self._remove, call_id)

    def _remove(self, call_id: str) -> None:
        tile = self.tiles.get(call_id)
        if tile is None or tile.status == "live":
            return
        del self.tiles[call_id]
        self._history.pop(call_id, None)
        self._prosody.pop(call_id, None)
        self._dirty.discard(call_id)
        self._removed.add(call_id)

    # -- snapshots ------------------------------------------------------------------------------

    def live_tiles(self, agent_id: str | None = None) -> list[dict[str, Any]]:
        tiles = [t for t in self.tiles.values() if agent_id is None or t.agent_id == agent_id]
        return [t.to_json() for t in sorted(tiles, key=lambda t: -t.hot)]

    def snapshot_call(self, call_id: str) -> dict[str, Any] | None:
        """A call's tile and its recent events (as the JSON strings that were published)."""
        tile = self.tiles.get(call_id)
        if tile is None:
            return None
        events = list(self._history[call_id]) + list(self._prosody[call_id].values())
        return {"tile": tile.to_json(), "events": events}

    def snapshot_message(self, call_ids: list[str]) -> str:
        """The ``snapshot`` message for a page opening on these calls: ``{"kind": "snapshot", "calls":
        [{"tile": {...}, "events": [event messages...]}]}`` (events spliced in as already serialised)."""
        parts = []
        for call_id in call_ids:
            snap = self.snapshot_call(call_id)
            if snap is not None:
                tile = json.dumps(snap["tile"], separators=(",", ":"))
                parts.append('{"tile":' + tile + ',"events":[' + ",".join(snap["events"]) + "]}")
        return '{"kind":"snapshot","calls":[' + ",".join(parts) + "]}"

    def floor_message(self) -> str:
        return envelope("floor", tiles=self.live_tiles(), interval_s=self.floor_interval_s)

    async def _floor_loop(self) -> None:
        while True:
            await asyncio.sleep(self.floor_interval_s)
            self.flush_floor()

    def flush_floor(self) -> None:
        """Send the tiles changed since the last batch (and removed calls) to the floor pages."""
        if not self._dirty and not self._removed:
            return
        if self.hub.subscribers("floor"):
            tiles = [self.tiles[c].to_json() for c in self._dirty if c in self.tiles]
            self.hub.publish("floor", envelope("tiles", tiles=tiles, removed=sorted(self._removed)))
        self._dirty.clear()
        self._removed.clear()
