"""The one function ``coach serve`` calls to join its live board to the other nodes (``[bus]``).

The node id is the store's (``[store] node_id``, else the host name). A lost node's calls are marked
incomplete in the store by :meth:`~coach.store.writer.StoreWriter.mark_node_calls_incomplete` (on a
shared PostgreSQL store; with one SQLite file per node there is nothing of that node's to mark, and
the node marks its own calls when it starts again).
"""

from __future__ import annotations

from coach.bus.local import LocalBus
from coach.bus.nodes import NODE_LOST
from coach.bus.redis_bus import NodeLost, RedisBus
from coach.config import CoachConfig
from coach.server.board import LiveBoard
from coach.store.writer import StoreWriter

Bus = LocalBus | RedisBus


def store_marker(store: StoreWriter | None) -> NodeLost | None:
    """``(node_id, call_ids) -> None`` marking a lost node's live calls incomplete in ``store``."""
    if store is None:
        return None
    return lambda node_id, call_ids: store.mark_node_calls_incomplete(node_id, NODE_LOST)


async def start_bus(cfg: CoachConfig, board: LiveBoard, store: StoreWriter | None = None) -> Bus:
    """Start the bus ``[bus]`` asks for, linked to ``board``; CoachError when Redis is unreachable."""
    bus: Bus = LocalBus()
    if cfg.bus.url:
        bus = RedisBus(cfg.bus, board, cfg.store.node, on_node_lost=store_marker(store))
    await bus.start()
    return bus
