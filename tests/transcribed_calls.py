"""Three whole calls analysed with real transcription, for ``tests/test_calls_transcribed.py``.

Transcribing the three calls (200 s of audio, ~370 Whisper decodes) is the longest item of the suite.
When the session is going to run that file, ``start`` (called by ``tests/conftest.py`` once the tests
are collected) submits the three analyses to processes of their own, one decode thread each, at a
lower priority: they fill the CPU the rest of the suite leaves idle (``tests/conftest.py`` runs that
file's tests last), and ``results`` waits for whatever is still running when they begin. Inline
decoding does not depend on timing, so the events are the same as analysing the calls one after
another in the test process
(``tests/test_delivery_calls.py`` asserts that determinism). ``spawn``: no process is forked from a
parent whose model threads may already run.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace

from coach.config import load_config
from coach.dsp.jit import prepare_librosa
from coach.pipeline.factory import build_analyzer
from coach.sources.recording import load_recording
from coach.sources.replay import replay_chunks
from tests.conftest import CALLS

NAMES = ("demo", "rude", "polite")
"""The calls, longest first (``tests/data/calls``: 79, 61 and 59 s)."""
NICENESS = 5
"""Added to the analysing processes' niceness: the tests running meanwhile come first."""

_pool: ProcessPoolExecutor | None = None
_futures: dict[str, Future] = {}


def analyse(name: str) -> list[dict]:
    """``name``'s events (as dicts) through the analyzer with transcription on, in 200 ms chunks,
    decoding on one thread (the default configuration otherwise, as a site with several calls per
    core runs it)."""
    cfg = load_config()
    cfg = replace(cfg, asr=replace(cfg.asr, cpu_threads=1))
    analyzer = build_analyzer(cfg, call_id=name, transcribe=True)
    events = [
        e.to_dict()
        for c in replay_chunks(load_recording(CALLS / f"{name}.flac"), chunk_ms=200)
        for e in analyzer.push(c)
    ]
    return events + [e.to_dict() for e in analyzer.finish()]


def start() -> None:
    """Start the three analyses in the background (once per session; later calls do nothing), after
    compiling librosa's numba code in this process (``coach.dsp.jit.prepare_librosa``, which each
    analysing process also runs under its inter-process lock)."""
    global _pool
    if _pool is not None:
        return
    prepare_librosa()
    _pool = ProcessPoolExecutor(
        max_workers=len(NAMES),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=os.nice,
        initargs=(NICENESS,),
    )
    _futures.update({name: _pool.submit(analyse, name) for name in NAMES})


def results() -> dict[str, list[dict]]:
    """Each call's events, waiting for the analyses still running (starting them if nobody did)."""
    start()
    return {name: _futures[name].result() for name in NAMES}


def stop() -> None:
    """End the processes (at the end of the session, or after a failure)."""
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None
        _futures.clear()
