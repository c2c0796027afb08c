"""The event bus between ``coach serve`` nodes: in-process (one node, the default) or Redis Streams.

``config`` (``[bus]``), ``records`` (what nodes exchange), ``redis_bus`` (publish, read, apply),
``nodes`` (heartbeats, lost nodes), ``lag`` (consumer lag), ``local`` (the one-node bus) and
``setup`` (:func:`~coach.bus.setup.start_bus`, what the server calls).
"""
