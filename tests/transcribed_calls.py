"""Three whole calls analysed with real transcription, for ``tests/test_calls_transcribed.py``.

Transcribing the three calls (200 s of audio, ~370 Whisper decodes) is the longest item of the suite.
When the session is going to run that file, ``start`` (called by ``tests/conftest.py`` once the tests
are collected) submits the three analyses to processes of their own, one decode thread each, at a
lower priority: they fill the CPU the rest of the suite leaves idle (``tests/conftest.py`` runs that
file's tests last), and ``results`` waits for whatever is still running when they begin. Inline
decoding does not depend on timing, so the events are the same as analysing the calls one after
another in the test process
(``tests/test_analysis_independent_of_earlier_calls.py`` asserts that determinism). The processes are forked from a
``forkserver`` that imported the product and loaded librosa's numba code once
(``tests/transcribed_calls_preload.py``), so the three do not each pay it; no process is forked from a
parent whose model threads may already run (the forkserver loads no model).

In several pytest-xdist workers (``make test``) the controller process starts the analyses once
(``start(handoff=folder)``), as soon as a worker's collection holds the file, and each result is
pickled into ``folder``; the worker that runs the file only reads them there (``receive_from``), so
the calls are transcribed once whichever worker gets the file, and from the start of the session.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
import pickle
import time
import traceback
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from functools import partial
from pathlib import Path

from tests.conftest import CALLS

NAMES = ("demo", "rude", "polite")
"""The calls, longest first (``tests/data/calls``: 79, 61 and 59 s)."""
NICENESS = {"demo": 3, "rude": 5, "polite": 5}
"""Added to each call's analysing process's niceness: the tests running meanwhile come first. The
longest call gets the larger CPU share (Linux weights nice 3 : nice 5 as about 1.6 : 1, its work to
each other call's about 1.5 : 1), so the three end about together instead of the longest running on
alone at the end of the suite with the second core idle (docs/benchmarks.md, "Test suite (session 18,
T)")."""
HANDOFF_WAIT_S = 3600.0
"""Failsafe only: how long a worker waits for a result file before failing (seconds of wall time;
the three analyses take a few minutes, and a failed one writes its error instead)."""
PRELOAD = "tests.transcribed_calls_preload"
"""The module the forkserver imports before forking the analysing processes (what they share)."""
HANDOFF_POLL_S = 0.2
"""How often a waiting worker looks for the result files (seconds)."""

_pool: ProcessPoolExecutor | None = None
_futures: dict[str, Future] = {}
_handoff: Path | None = None


def analyse(name: str) -> list[dict]:
    """``name``'s events (as dicts) through the analyzer with transcription on, in 200 ms chunks,
    decoding on one thread (the default configuration otherwise, as a site with several calls per
    core runs it). Runs in the analysing processes, which alone import the product (the process that
    starts them, an xdist controller, needs none of it: about 1.5 s of CPU saved)."""
    from coach.config import load_config
    from coach.pipeline.factory import build_analyzer
    from coach.sources.recording import load_recording
    from coach.sources.replay import replay_chunks

    cfg = load_config()
    cfg = replace(cfg, asr=replace(cfg.asr, cpu_threads=1))
    analyzer = build_analyzer(cfg, call_id=name, transcribe=True)
    events = [
        e.to_dict()
        for c in replay_chunks(load_recording(CALLS / f"{name}.flac"), chunk_ms=200)
        for e in analyzer.push(c)
    ]
    return events + [e.to_dict() for e in analyzer.finish()]


def start(handoff: Path | None = None) -> None:
    """Start the three analyses in the background (once per session; later calls do nothing). Each
    analysing process loads librosa's numba code first, under the inter-process compile lock
    (``_prepare_then_yield``): on an empty cache one of them compiles and the others wait, so this
    process need not load it too (about 3 s of CPU on a warm cache). With ``handoff`` (a folder), each
    call's outcome is also written there as ``<name>.pickle`` when it ends, for ``receive_from``."""
    global _pool
    if _pool is not None:
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([PRELOAD])
    _pool = ProcessPoolExecutor(max_workers=len(NAMES), mp_context=context, initializer=_prepare_then_yield)
    _futures.update({name: _pool.submit(_analyse_niced, name) for name in NAMES})
    if handoff is not None:
        for name, future in _futures.items():
            future.add_done_callback(partial(_write_outcome, handoff / f"{name}.pickle"))


def _prepare_then_yield() -> None:
    """Each analysing process's start: make sure librosa's numba code is loaded (the forkserver's
    preload did it, under the compile lock that every process of the suite takes, ``coach.dsp.jit``:
    here a flag check, unless the preload failed) at the test processes' priority; ``_analyse_niced``
    lowers it only afterwards. Niced while holding that lock, it could keep the tests' processes
    waiting for minutes on a busy machine (seen in two xdist workers: a server's warm-up timed out)."""
    from coach.dsp.jit import prepare_librosa

    prepare_librosa()


_niced = 0
"""How much this analysing process has added to its niceness so far (a process may run two calls)."""


def _analyse_niced(name: str) -> list[dict]:
    """``analyse(name)`` with this process's niceness raised to ``NICENESS[name]`` above its start
    (never lowered again: an unprivileged process cannot)."""
    global _niced
    if NICENESS[name] > _niced:
        os.nice(NICENESS[name] - _niced)
        _niced = NICENESS[name]
    return analyse(name)


def _write_outcome(path: Path, future: Future) -> None:
    """Pickle ``("events", list)`` or ``("error", traceback text)`` to ``path``, whole or not at all
    (written beside it, then renamed)."""
    try:
        outcome = ("events", future.result())
    except BaseException:
        outcome = ("error", traceback.format_exc())
    partial_path = path.with_suffix(".partial")
    partial_path.write_bytes(pickle.dumps(outcome))
    partial_path.replace(path)


def receive_from(handoff: Path) -> None:
    """Make ``results`` read the outcomes another process's ``start(handoff=...)`` writes to ``handoff``
    instead of analysing the calls here (an xdist worker)."""
    global _handoff
    _handoff = handoff


def results() -> dict[str, list[dict]]:
    """Each call's events, waiting for the analyses still running (starting them if nobody did)."""
    if _handoff is not None:
        return {name: _read_outcome(_handoff / f"{name}.pickle") for name in NAMES}
    start()
    return {name: _futures[name].result() for name in NAMES}


def _read_outcome(path: Path) -> list[dict]:
    """The events in ``path`` once it exists; RuntimeError with the analysis's traceback if it failed,
    TimeoutError after ``HANDOFF_WAIT_S``."""
    deadline = time.monotonic() + HANDOFF_WAIT_S
    while not path.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"no result in {path} after {HANDOFF_WAIT_S:.0f} s")
        time.sleep(HANDOFF_POLL_S)
    kind, value = pickle.loads(path.read_bytes())
    if kind == "error":
        raise RuntimeError(f"the background analysis for {path.stem} failed:\n{value}")
    return value


def stop() -> None:
    """End the processes (at the end of the session, or after a failure), the forkserver too: it
    would otherwise outlive this process, and the CPU of the analyses it reaped would be missing from
    this process's children (``/usr/bin/time``)."""
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None
        _futures.clear()
        _stop_forkserver()


def _stop_forkserver() -> None:
    """Close the forkserver and wait for it (``multiprocessing`` offers no public call for this; its
    own ``_stop`` has existed since Python 3.8). Nothing to do if it never started."""
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    if server is not None and getattr(server, "_forkserver_pid", None) is not None:
        server._stop()
