"""librosa's numba-compiled functions, compiled by one process at a time, loaded by many at once.

librosa compiles several functions with numba when the modules holding them are first loaded
(``librosa.yin`` and ``librosa.filters.mel`` load them), and stores the machine code in
numba's on-disk cache: about 30 s of CPU on the first run after installing, about 3 s to load later.
numba's cache is not safe against processes writing the same function's entry at the same time: its
index and its data files are written separately, so two processes compiling together can leave an
index that points at another signature's machine code, and every later process that loads it may
crash (a segfault in ``librosa.yin``). A contact centre's first batch of ``coach analyze`` runs, or
``coach serve`` workers starting together, on a fresh install does exactly that.

:func:`prepare_librosa` therefore uses those functions once (compiling, or loading the cache) while
holding a file lock (``fcntl.flock``) beside the cache, once per process (later calls return at once):

- **exclusive** when the cache may still be written: the first process compiles and writes the
  cache, the others wait, then only read it. When it is done it writes a stamp
  (:data:`STAMP_FILE_NAME`) naming what it left: :func:`cache_fingerprint`, the numba, librosa and
  Python versions, the CPU numba compiles for, the warm-up's own code, and every cache index file's
  size and modification time.
- **shared** when the stamp matches the cache as it is now: every function the warm-up uses is
  already in the cache, so the process only reads it, and any number of processes load at the same
  time (a loaded machine's server start no longer queues behind every other process's ~3-30 s load).
  A shared holder still waits while an exclusive one writes. Should numba nevertheless have written
  the cache under the shared lock (the fingerprint changed meanwhile), the stamp is removed and logged,
  so the next process takes the exclusive path again.

The lock is released by the kernel when a process ends, even if it crashes or is killed.

Where numba keeps librosa's cache (:func:`numba_cache_dir`), in numba's own order: ``NUMBA_CACHE_DIR``
if set; else the ``__pycache__`` folders inside the installed librosa package when the user can write
there; else the user's own cache folder (``~/.cache/numba`` on Linux). ``python -m coach.dsp.jit``
compiles ahead of time (``make setup`` runs it), so the first call does not pay for it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.metadata
import importlib.util
import inspect
import json
import logging
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger(__name__)

LOCK_FILE_NAME = "coach-numba-compile.lock"
"""The lock file, created in :func:`numba_cache_dir` (empty; kept after use)."""

STAMP_FILE_NAME = "coach-numba-warm.json"
"""The stamp, beside the lock: the :func:`cache_fingerprint` the last exclusive warm-up left."""

WARM_UP_RATE = 16000
"""Sample rate (Hz) of the warm-up tone; numba compiles per argument type, not per size or rate."""

_prepared = False
_prepared_lock = threading.Lock()


def numba_cache_dir() -> Path | None:
    """The folder numba writes librosa's compiled functions under for this user, or ``None`` when no
    candidate is writable (numba then caches nothing on disk either, and nothing needs locking)."""
    from numba import config
    from numba.misc.appdirs import AppDirs

    candidates = []
    if config.CACHE_DIR:
        candidates.append(Path(config.CACHE_DIR))
    else:
        spec = importlib.util.find_spec("librosa")
        if spec is not None and spec.origin:
            candidates.append(Path(spec.origin).parent / "__pycache__")
        candidates.append(Path(AppDirs(appname="numba", appauthor=False).user_cache_dir))
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(folder, os.W_OK):
            return folder
    return None


@contextlib.contextmanager
def compile_lock(folder: Path, *, shared: bool = False) -> Iterator[float]:
    """Hold the compile lock of the numba cache in ``folder``, exclusive (to compile and write the
    cache) or ``shared`` (to load a complete cache, beside other loaders); yields the seconds waited
    for other processes to release it (0.0 when it was free for this kind). Blocks without a time
    limit. A lock file this user cannot open is logged and skipped (unlocked, as before this lock
    existed)."""
    try:
        fd = os.open(folder / LOCK_FILE_NAME, os.O_RDONLY | os.O_CREAT, 0o666)  # flock needs no write access
    except OSError as exc:
        log.warning("numba compile lock unavailable, compiling without it: %s", exc)
        yield 0.0
        return
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    try:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            waited = 0.0
        except BlockingIOError:
            log.info(
                "waiting for another process to %s librosa's numba functions (lock %s)",
                "finish compiling" if shared else "load or compile",
                folder,
            )
            start = time.monotonic()
            fcntl.flock(fd, mode)
            waited = time.monotonic() - start
        yield waited
    finally:
        os.close(fd)  # releases the lock


def _cache_root(folder: Path) -> Path:
    """The tree numba writes librosa's cache files under, for the lock folder ``folder``: the librosa
    package itself when ``folder`` is its ``__pycache__`` (numba writes one beside each source file),
    else ``folder`` (``NUMBA_CACHE_DIR`` or the user's cache, mirroring the sources' tree)."""
    spec = importlib.util.find_spec("librosa")
    if spec is not None and spec.origin and folder == Path(spec.origin).parent / "__pycache__":
        return folder.parent
    return folder


def cache_fingerprint(folder: Path) -> str:
    """A digest of what decides whether :func:`use_librosa_once` would compile anything with the cache
    in ``folder``: numba's, librosa's and Python's versions, numba's optimisation level, the CPU numba
    compiles for (its cache keeps machine code per CPU), this module's warm-up code, and the relative
    path, size and modification time (ns) of every numba index file (``*.nbi``) under the cache's tree.
    Reads file metadata only (no compiling)."""
    from numba import config
    from numba.core.registry import cpu_target

    index = []
    root = _cache_root(folder)
    for path in sorted(root.rglob("*.nbi")):
        with contextlib.suppress(OSError):  # a file replaced while listing: the digest differs anyway
            st = path.stat()
            index.append([str(path.relative_to(root)), st.st_size, st.st_mtime_ns])
    parts = {
        "numba": importlib.metadata.version("numba"),
        "librosa": importlib.metadata.version("librosa"),
        "python": sys.version,
        "opt": str(config.OPT),
        "cpu": list(cpu_target.target_context.codegen().magic_tuple()),
        "warm_up": inspect.getsource(use_librosa_once),
        "index": index,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def cache_is_stamped(folder: Path) -> bool:
    """Whether the stamp in ``folder`` names the cache as it is now (:func:`cache_fingerprint`): then the
    warm-up only loads it and may run under the shared lock. ``False`` when there is no stamp."""
    try:
        stamp = json.loads((folder / STAMP_FILE_NAME).read_text())
    except (OSError, ValueError):
        return False
    return isinstance(stamp, dict) and stamp.get("fingerprint") == cache_fingerprint(folder)


def write_stamp(folder: Path) -> None:
    """Record the cache in ``folder`` as complete (call holding the exclusive lock, after the warm-up).
    Written to a temporary file, then renamed: a reader sees the old stamp or the new one, never half.
    A folder this user cannot write is logged; later processes then take the exclusive path."""
    tmp = folder / f"{STAMP_FILE_NAME}.{os.getpid()}.tmp"
    try:
        tmp.write_text(json.dumps({"fingerprint": cache_fingerprint(folder)}))
        os.replace(tmp, folder / STAMP_FILE_NAME)
    except OSError as exc:
        log.warning("could not stamp the numba cache as complete: %s", exc)
        with contextlib.suppress(OSError):
            tmp.unlink()


def use_librosa_once() -> None:
    """Call each librosa function the product uses (``coach.dsp.pitch``, ``coach.classify.
    arousal_features``) once on a short float32 tone, with the argument types the product passes:
    loading them compiles numba code declared with signatures, calling them compiles the rest.
    librosa loads its modules lazily, so importing ``librosa`` alone compiles nothing."""
    import librosa
    import numpy as np

    tone = np.sin(2 * np.pi * 150.0 * np.arange(WARM_UP_RATE // 4) / WARM_UP_RATE).astype(np.float32)
    librosa.yin(tone, fmin=65.0, fmax=600.0, sr=WARM_UP_RATE, frame_length=1024, hop_length=256, center=False)
    librosa.util.frame(tone, frame_length=1024, hop_length=256, axis=0)
    librosa.filters.mel(sr=WARM_UP_RATE, n_fft=512, n_mels=26, fmin=60.0, fmax=4000.0)


def prepare_librosa() -> None:
    """Compile (or load from numba's cache) librosa's numba code (:func:`use_librosa_once`) once per
    process, thread-safe: under the shared lock when the cache is stamped complete
    (:func:`cache_is_stamped`), else under the exclusive lock, then stamped. Call before the product's
    first use of librosa; later calls cost a flag check. Logs at INFO how long it took and waited."""
    global _prepared
    if _prepared:
        return
    with _prepared_lock:
        if _prepared:
            return
        start = time.monotonic()
        folder = numba_cache_dir()
        if folder is None:
            use_librosa_once()
            _prepared = True
            return
        shared = cache_is_stamped(folder)
        with compile_lock(folder, shared=shared) as waited:
            use_librosa_once()
            if not shared:
                write_stamp(folder)
            elif not cache_is_stamped(folder):  # numba wrote the cache after all: not complete
                log.warning("numba wrote librosa's cache under the shared lock; removing the stamp")
                with contextlib.suppress(OSError):
                    (folder / STAMP_FILE_NAME).unlink()
        _prepared = True
        log.info(
            "librosa's numba functions ready in %.1f s (%s lock, waited %.1f s)",
            time.monotonic() - start,
            "shared" if shared else "exclusive",
            waited,
        )


def main() -> int:
    """``python -m coach.dsp.jit``: compile librosa's numba functions now (at install time)."""
    start = time.monotonic()
    prepare_librosa()
    print(f"librosa's numba functions ready in {time.monotonic() - start:.1f} s (cache: {numba_cache_dir()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
