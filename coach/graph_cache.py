"""Rewritten ONNX graphs kept on disk, so that a process start need not import ``onnx`` to rebuild them.

Two models are loaded as a graph rewritten at load time (:func:`coach.vad.silero.lane_batched_graph`,
:func:`coach.classify.minilm.fused_int8_graph`). The rewrite itself is cheap (~0.1-0.2 CPU-s), but it
needs the ``onnx`` package, whose import costs ~0.6 CPU-s (protobuf and ``ml_dtypes``): together about
0.8 CPU-s of every ``coach analyze`` / ``coach serve`` start (docs/benchmarks.md, "Test suite time
(session 48, T7)"). :func:`cached_graph` returns the bytes the rewrite returned the first time, read from
``<cache>/onnx/`` (``<cache>``: :func:`coach.asr.models.cache_dir`, ``$COACH_CACHE`` or ``~/.cache/coach``).

Contract:

- the bytes returned are exactly those ``rewrite(source)`` returns (the session built from them is the
  same), whether read from the cache or computed now;
- the cache file's name holds a digest (:func:`cache_key`) of everything the bytes depend on: the source
  model's contents, the rewrite's module and name, the whole text of the module that defines it (an edit
  of any helper there builds anew), the installed ``onnx`` version and the file's layout
  (:data:`FORMAT`); another key never reads the file. A rewrite must therefore take nothing from another
  ``coach`` module (an edit there would not build anew): ``tests/test_graph_cache.py`` checks the
  product's rewrites;
- stored with a sha256 of the bytes after them (:data:`CHECK_BYTES`); a file whose bytes do not match it
  (cut short by a crash before the disk had it, damaged) is logged and rewritten as on a cold cache, never
  loaded; the check costs ~0.02 CPU-s for MiniLM's 23 MB graph;
- written to a temporary file of its own (named by process and thread: two writers never share one),
  then renamed (a reader sees a whole file or none; writers of the same key write the same bytes);
  the files of the same model and rewrite beyond the :data:`KEEP_KEYS` most recently used are removed then
  (checkouts sharing one cache folder whose rewrite modules or models differ keep a file each; an older key's file
  goes once newer ones were used);
- a cache this user cannot read or write, or cannot place (no ``$COACH_CACHE`` and no home folder), is logged
  and skipped: the rewrite runs as before;
- a rewrite that returns ``None`` (its ``onnx`` missing), or whose module has no source file, caches nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import inspect
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from coach.asr.models import cache_dir

log = logging.getLogger(__name__)

SUBFOLDER = "onnx"
"""Where the graphs live under :func:`coach.asr.models.cache_dir`."""
KEY_DIGITS = 32
"""Hex digits of :func:`cache_key` in a file's name (128 bits)."""
KEEP_KEYS = 4
"""Files kept of one model and rewrite (one a key), the most recently used (a read touches its file). Removing every
other key's file at once made two checkouts sharing a cache folder (worktrees; ``scripts/bench_escalation.py``'s
other tree) whose rewrite modules differ remove each other's file, so each start of either rewrote (~0.8 CPU-s); an
older key's file (an edit since) now goes once this many newer ones were used (~23 MB a MiniLM graph)."""
FORMAT = "graph+sha256"
"""The layout of a cached file, part of :func:`cache_key`: the graph's bytes, then :data:`CHECK_BYTES` bytes of
their sha256 (files of an older layout are another key: never read, removed when this one is stored)."""
CHECK_BYTES = hashlib.sha256().digest_size
"""Bytes (32) of the sha256 of the graph that end a cached file."""


def cache_key(source: Path, rewrite: Callable[[Path], bytes | None]) -> str | None:
    """Hex sha256 of what ``rewrite(source)``'s bytes depend on (see the module's contract); ``None`` when the
    rewrite's module has no source file to read (code compiled from a string, ``python -c``): no key could
    cover its code, so nothing is cached. Reads ``source`` whole (~0.03 CPU-s for the 23 MB MiniLM file) and
    the rewrite's module's source file."""
    try:
        code = Path(inspect.getsourcefile(rewrite) or "").read_bytes()
    except (OSError, TypeError):  # no file ("" is a folder), a file gone, or no function's code
        return None
    digest = hashlib.sha256()
    with open(source, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    try:
        onnx_version = importlib.metadata.version("onnx")
    except importlib.metadata.PackageNotFoundError:
        onnx_version = "none"
    for part in (rewrite.__module__, rewrite.__qualname__, onnx_version, FORMAT):
        digest.update(b"\0" + part.encode())
    digest.update(b"\0" + code)
    return digest.hexdigest()


def _stem(source: Path, rewrite: Callable[[Path], bytes | None]) -> str:
    """The file name's part that names the model and the rewrite (the digest follows it)."""
    return f"{source.stem}.{rewrite.__qualname__}"


def cached_graph(source: Path, rewrite: Callable[[Path], bytes | None], *, folder: Path | None = None) -> bytes | None:
    """``rewrite(source)``, from ``folder`` (default ``<cache>/onnx``) when an earlier process stored it
    under the same :func:`cache_key`, else computed now and stored. See the module's contract."""
    if folder is None:
        try:
            folder = cache_dir() / SUBFOLDER
        except RuntimeError as exc:  # no $COACH_CACHE and no home folder (a container's user with no passwd entry)
            log.warning("no cache folder for the rewritten graph of %s, rewriting the model: %s", source, exc)
            return rewrite(source)
    source = Path(source)
    stem, key = _stem(source, rewrite), cache_key(source, rewrite)
    if key is None:
        return rewrite(source)
    path = folder / f"{stem}.{key[:KEY_DIGITS]}.onnx"
    try:
        stored = path.read_bytes()
    except FileNotFoundError:
        stored = None
    except OSError as exc:
        log.warning("cannot read the cached graph %s, rewriting the model: %s", path, exc)
        return rewrite(source)
    if stored is not None:
        graph, check = stored[:-CHECK_BYTES], stored[-CHECK_BYTES:]
        if len(stored) > CHECK_BYTES and hashlib.sha256(graph).digest() == check:
            with contextlib.suppress(OSError):  # used now (KEEP_KEYS); a read-only cache is still read
                os.utime(path)
            return graph
        log.warning("the cached graph %s is damaged (%d bytes), rewriting the model", path, len(stored))
    graph = rewrite(source)
    if graph is not None:
        _store(path, graph, stem)
    return graph


def _store(path: Path, graph: bytes, stem: str) -> None:
    """Write ``graph`` and its sha256 to ``path`` atomically (over a damaged file of the same key too), then
    remove the files of the same ``stem`` (other keys) beyond the :data:`KEEP_KEYS` most recently used. Failures are
    logged, never raised."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(graph + hashlib.sha256(graph).digest())
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("cannot cache the rewritten graph in %s: %s", path.parent, exc)
        with contextlib.suppress(OSError):
            tmp.unlink()
        return
    others: list[tuple[float, Path]] = []
    for old in path.parent.glob(f"{stem}.*.onnx"):
        if old != path and len(old.name) == len(path.name):  # the same stem, another key
            with contextlib.suppress(OSError):
                others.append((old.stat().st_mtime, old))
    for _, old in sorted(others, reverse=True)[KEEP_KEYS - 1 :]:
        with contextlib.suppress(OSError):
            old.unlink()
