"""librosa's numba-compiled functions, compiled by one process at a time.

librosa compiles several functions with numba when the modules holding them are first loaded
(``librosa.yin`` and ``librosa.filters.mel`` load them), and stores the machine code in
numba's on-disk cache: about 30 s of CPU on the first run after installing, about 3 s to load later.
numba's cache is not safe against processes writing the same function's entry at the same time: its
index and its data files are written separately, so two processes compiling together can leave an
index that points at another signature's machine code, and every later process that loads it may
crash (a segfault in ``librosa.yin``). A contact centre's first batch of ``coach analyze`` runs, or
``coach serve`` workers starting together, on a fresh install does exactly that.

:func:`prepare_librosa` therefore uses those functions once (compiling, or loading the cache) while
holding an exclusive file lock (``fcntl.flock``) beside the cache: the first process compiles and
writes the cache, the others wait, then only read it. Once per process; later calls return at once.
The lock is released by the kernel when a process ends, even if it crashes or is killed.

Where numba keeps librosa's cache (:func:`numba_cache_dir`), in numba's own order: ``NUMBA_CACHE_DIR``
if set; else the ``__pycache__`` folders inside the installed librosa package when the user can write
there; else the user's own cache folder (``~/.cache/numba`` on Linux). ``python -m coach.dsp.jit``
compiles ahead of time (``make setup`` runs it), so the first call does not pay for it.
"""

from __future__ import annotations

import contextlib
import fcntl
import importlib.util
import logging
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger(__name__)

LOCK_FILE_NAME = "coach-numba-compile.lock"
"""The lock file, created in :func:`numba_cache_dir` (empty; kept after use)."""

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
def compile_lock(folder: Path) -> Iterator[float]:
    """Hold the exclusive compile lock of the numba cache in ``folder``; yields the seconds waited
    for another process to release it (0.0 when it was free). Blocks without a time limit. A lock
    file this user cannot open is logged and skipped (unlocked, as before this lock existed)."""
    try:
        fd = os.open(folder / LOCK_FILE_NAME, os.O_RDONLY | os.O_CREAT, 0o666)  # flock needs no write access
    except OSError as exc:
        log.warning("numba compile lock unavailable, compiling without it: %s", exc)
        yield 0.0
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            waited = 0.0
        except BlockingIOError:
            log.info("waiting for another process to compile librosa's numba functions (lock %s)", folder)
            start = time.monotonic()
            fcntl.flock(fd, fcntl.LOCK_EX)
            waited = time.monotonic() - start
        yield waited
    finally:
        os.close(fd)  # releases the lock


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
    """Compile (or load from numba's cache) librosa's numba code (:func:`use_librosa_once`) under the
    compile lock, once per process; thread-safe. Call before the product's first use of librosa;
    later calls cost a flag check."""
    global _prepared
    if _prepared:
        return
    with _prepared_lock:
        if _prepared:
            return
        folder = numba_cache_dir()
        with compile_lock(folder) if folder is not None else contextlib.nullcontext(0.0):
            use_librosa_once()
        _prepared = True


def main() -> int:
    """``python -m coach.dsp.jit``: compile librosa's numba functions now (at install time)."""
    start = time.monotonic()
    prepare_librosa()
    print(f"librosa's numba functions ready in {time.monotonic() - start:.1f} s (cache: {numba_cache_dir()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
