"""``[server] freeze_heap``: what the server loaded is kept out of later full collections, and nothing else changes.

The freezing itself runs in a child process (a few hundred ms: the interpreter and ``coach.server.heap`` only), so
this test process's own heap (frozen by tests/conftest.py after collection) is left as it is.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from types import SimpleNamespace

import coach.server.app as app
from coach.server import heap
from coach.server.config import ServerConfig

CHILD = textwrap.dedent(
    """
    import gc, weakref
    from coach.server.heap import freeze_loaded

    class Node:
        pass

    def cycle():
        a, b = Node(), Node()
        a.other, b.other = b, a
        return a

    kept = [cycle() for _ in range(1000)]    # loaded: alive as long as the process
    lost = cycle()                           # garbage of loading: a cycle nothing refers to
    lost_ref = weakref.ref(lost)
    del lost
    tracked = len(gc.get_objects())
    frozen = freeze_loaded()
    assert lost_ref() is None, "loading's cyclic garbage is collected before the freeze"
    assert frozen == gc.get_freeze_count() >= 2000, frozen
    assert len(gc.get_objects()) < tracked - 2000, "the frozen objects are out of every generation"
    assert all(k.other.other is k for k in kept), "frozen objects stay as they were"
    later = cycle()                          # what a call makes afterwards is collected as before
    later_ref = weakref.ref(later)
    del later
    gc.collect()
    assert later_ref() is None, "a cycle made after the freeze is still collected"
    print("ok")
    """
)


def test_freeze_loaded_keeps_what_is_alive_and_collects_the_rest():
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def _warm_up_calls(monkeypatch, freeze: bool) -> list[str]:
    """What ``app.warm_up`` runs, in order, with the loading itself stood in for (it loads every model)."""
    calls: list[str] = []
    monkeypatch.setattr(app, "_warmed", set())
    monkeypatch.setattr(app, "_warm_up", lambda cfg: calls.append("warm"))
    monkeypatch.setattr(app, "freeze_loaded", lambda: calls.append("freeze") or 0)
    cfg = SimpleNamespace(server=ServerConfig(freeze_heap=freeze))  # all warm_up reads of it
    app.warm_up(cfg)
    app.warm_up(cfg)  # once per process and transcribe setting
    return calls


def test_warm_up_freezes_after_loading_once(monkeypatch):
    assert not ServerConfig().freeze_heap  # the default: off (no gain measured quiet, docs/benchmarks.md session 55)
    assert _warm_up_calls(monkeypatch, freeze=True) == ["warm", "freeze"]


def test_warm_up_leaves_the_heap_alone_when_off(monkeypatch):
    assert _warm_up_calls(monkeypatch, freeze=False) == ["warm"]


def test_the_module_is_what_the_server_calls():
    assert app.freeze_loaded is heap.freeze_loaded
