"""The server's long-lived heap kept out of Python's full garbage collections.

A ``coach serve`` process holds about 0.6 million tracked Python objects once it has loaded its settings and models,
most of them the language rules' phrase tables compiled at load (``coach.config.load_config``: about 0.52 million at
session 53's code, 0.57 million at session 54's). They live as long as the process, but every full (generation-2)
collection walks all of them, and while it runs no other thread of the process runs (it holds the GIL): not the
event loop that sends the finals to the agents' pages, not the decode scheduler, not the analysis. Measured on this
2-core VM (loaded): a full collection of such a heap took 0.4-0.6 s; inside ``coach serve`` with 16 calls streaming,
several full collections ran during the calls (docs/benchmarks.md, "Session 55 (2026-12-07), helper A49").

:func:`freeze_loaded`, called once the server has warmed up (``[server] freeze_heap``), moves the objects alive then
to the permanent generation (``gc.freeze``), which no collection walks; what the calls make later is collected as
before. Cyclic garbage among the frozen objects would never be collected, so it is called after loading, when
what is alive stays alive (the settings, the models, the compiled tables), after one full collection of what
loading left. The events a call produces do not depend on it.
"""

from __future__ import annotations

import gc


def freeze_loaded() -> int:
    """Collect the cyclic garbage left so far, then freeze every object alive now (``gc.freeze``): no later
    collection walks them. Returns how many objects are frozen in all (``gc.get_freeze_count``)."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
