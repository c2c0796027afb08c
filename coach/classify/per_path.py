"""Process-wide objects loaded once per file path (a small model head, a table), guarded by a lock.

The heads read from a JSON file of weights (the opener anger head here, the complaint head and the wording head of
:mod:`coach.language`) are built on first use and shared by every call of the process; the objects must not keep
per-call state.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")


class PerPath(Generic[T]):
    """``get(path)``: the one object ``load(path)`` built for ``path`` in this process (built on first use)."""

    def __init__(self, load: Callable[[Path], T]) -> None:
        self._load = load
        self._lock = threading.Lock()
        self._loaded: dict[Path, T] = {}

    def get(self, path: Path) -> T:
        with self._lock:
            if path not in self._loaded:
                self._loaded[path] = self._load(path)
            return self._loaded[path]
