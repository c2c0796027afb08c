"""The one function ``coach serve`` calls to join its live board to the other nodes (``[bus]``).

The node id comes from ``[store] node_id`` (the host name when that is empty or not yet a setting).
A lost node's calls are marked incomplete in the store through the store's
``mark_node_calls_incomplete(node_id, reason)`` when it has one; a store without it (one SQLite file
per node) marks them itself when that node starts again.
"""

from __future__ import annotations

import logging
import socket
from typing import Any

from coach.bus.local import LocalBus
from coach.bus.nodes import NODE_LOST
from coach.bus.redis_bus import NodeLost, RedisBus
from coach.config import CoachConfig
from coach.server.board import LiveBoard

log = logging.getLogger(__name__)

Bus = LocalBus | RedisBus


def node_id_of(cfg: CoachConfig) -> str:
    """This node's id: ``[store] node_id``, else the host name."""
    return str(getattr(cfg.store, "node_id", "") or socket.gethostname())


def store_marker(store: Any) -> NodeLost | None:
    """``(node_id, call_ids) -> None`` marking a lost node's calls in ``store``, if it can."""
    mark = getattr(store, "mark_node_calls_incomplete", None)
    if mark is None:
        return None
    return lambda node_id, call_ids: mark(node_id, NODE_LOST)


async def start_bus(cfg: CoachConfig, board: LiveBoard, store: Any = None) -> Bus:
    """Start the bus ``[bus]`` asks for, linked to ``board``; CoachError when Redis is unreachable."""
    if not cfg.bus.url:
        bus: Bus = LocalBus()
    else:
        marker = store_marker(store)
        if marker is None:
            log.warning("this store has no node ids: a lost node's calls are marked incomplete when it restarts")
        bus = RedisBus(cfg.bus, board, node_id_of(cfg), on_node_lost=marker)
    await bus.start()
    return bus
