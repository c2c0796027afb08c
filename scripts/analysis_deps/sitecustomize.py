"""Measuring harness of ``scripts/analysis_key.py`` (not product code): lists the files a process reads.

``scripts/eval_calls.py`` puts this folder first on the ``PYTHONPATH`` of the ``coach analyze`` it runs, so every
Python process of that analysis (the analyser and its decode children, which inherit the environment) runs this at
start-up. Where :data:`DEPS_ENV` names a folder, the process appends to ``<folder>/<pid>.txt`` the absolute path of
every file it opens for reading under :data:`UNDER_ENV` (the product's root): a module's source or its ``.pyc``, a
table, a model read from Python. One line a file, written when first opened (a child killed at the end has written
its lines). Nothing is recorded without the variable; the process runs as it would otherwise.
"""

from __future__ import annotations

import os
import sys

DEPS_ENV = "COACH_ANALYSIS_DEPS"
"""The folder the processes write their lists to (unset: nothing is recorded)."""
UNDER_ENV = "COACH_ANALYSIS_UNDER"
"""The folder whose files are listed (the product's root)."""


def _writes(mode: object, flags: object) -> bool:
    """Whether an ``open`` audit event's mode (``open``'s string, None for ``os.open``) or flags ask to write."""
    if isinstance(mode, str):
        return any(c in mode for c in "wax+")
    return isinstance(flags, int) and bool(flags & (os.O_WRONLY | os.O_RDWR))


def _install(folder: str, under: str) -> None:
    """Record this process's reads under ``under`` in ``folder``/<pid>.txt (:data:`DEPS_ENV`)."""
    fd = os.open(os.path.join(folder, f"{os.getpid()}.txt"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    prefix = os.path.join(os.path.realpath(under), "")
    seen: set[str] = set()

    def hook(event: str, args: tuple[object, ...]) -> None:
        if event != "open" or not args or not isinstance(args[0], str | bytes):
            return
        path = os.fsdecode(args[0])
        if path in seen or _writes(args[1] if len(args) > 1 else None, args[2] if len(args) > 2 else None):
            return
        seen.add(path)
        full = os.path.realpath(path)
        if full.startswith(prefix):
            os.write(fd, (full + "\n").encode())  # os.write raises no audit event: no recursion

    sys.addaudithook(hook)


if os.environ.get(DEPS_ENV):
    _install(os.environ[DEPS_ENV], os.environ.get(UNDER_ENV, os.getcwd()))
