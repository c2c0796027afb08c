"""Shared fixtures. Paths to the real data in ../shared/data and to the project's synthesised calls."""

from __future__ import annotations

import gc
import json
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from tests.services_redis import redis_server  # noqa: F401  (the private Redis server fixture)

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
CALLS = ROOT / "tests" / "data" / "calls"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.exists():
        pytest.fail(f"the shared data folder is missing: {SHARED_DATA} (CI clones it beside the repository)")
    return SHARED_DATA


def load_truth(name: str) -> dict:
    return json.loads((CALLS / f"{name}.truth.json").read_text())


TRANSCRIBED_CALLS_FILE = "test_calls_transcribed.py"
HANDOFF_KEY = "coach_transcribed_calls_folder"
"""The ``workerinput`` key by which an xdist worker learns where the controller's analyses land."""
_handoff_folder: Path | None = None


LONGEST_FILES = (
    "test_analysis_independent_of_earlier_calls.py",
    "test_jit_cache.py",
    "test_asr_scheduler.py",
    "test_language_wording.py",
    "test_asr_stream.py",
    "test_server_calls.py",
    "test_browser_pages.py",
    "test_language_listening.py",
    "test_telephony_fuzz.py",
    "test_replay_equivalence.py",
    "test_real_voice_calls.py",
    "test_asr_engine.py",
    "test_asr_stage.py",
    "test_calls.py",
    "test_logs.py",
)
"""The test files that take longest, longest first: they start first, so that in two xdist workers the
last file to start is a short one and both workers end about together. Sorted by CPU seconds per file
in one process (the suite is CPU-bound in two workers), as measured on 2026-12-02 (docs/benchmarks.md,
"Test suite (session 15, T8)", "Test suite under 10 minutes" and "Test suite CPU"), except
``test_browser_pages.py``, placed by its wall time (real-time replays and Chromium: it mostly waits,
and the other worker computes meanwhile). The first took ``test_delivery_calls.py``'s place when that file's
``coach analyze`` run moved into it (session 47, T6). A file missing here only runs later; none is skipped."""


def run_order(item: pytest.Item) -> tuple[bool, int]:
    """Sort key: the transcribed calls' file last, before it the longest files first, the others in
    the collected order (``list.sort`` is stable)."""
    name = item.path.name
    rank = LONGEST_FILES.index(name) if name in LONGEST_FILES else len(LONGEST_FILES)
    return name == TRANSCRIBED_CALLS_FILE, rank


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the transcribed calls' tests last: their analyses, started in the background when
    collection ends, then overlap the whole rest of the suite. Before them the longest files first
    (``run_order``); with ``--dist loadfile --no-loadscope-reorder`` (pyproject.toml) xdist hands the
    files to its workers in this order."""
    items.sort(key=run_order)


def pytest_collectstart(collector: pytest.Collector) -> None:
    """No cyclic garbage collection while the tests are collected (``pytest_collection_finish`` turns
    it back on): importing the test modules and making the ~5,000 items builds a heap of ~460,000
    objects that all live to the end, and each full collection on the way walked all of them for
    nothing (7 full passes, ~1.0 of a worker's ~7.4 CPU-s of collection; docs/benchmarks.md, "Test suite
    (session 30, T1)"). Only processes that collect get here, not the xdist controller."""
    if gc.isenabled() and not _gc_paused:
        _pause_gc()


_gc_paused = False


def _pause_gc() -> None:
    global _gc_paused
    _gc_paused = True
    gc.disable()


def _resume_gc() -> None:
    """Turn collection back on, the heap built so far moved out of its way (``gc.freeze``: those
    objects are never collected, and they live to the end of the session anyway)."""
    global _gc_paused
    if _gc_paused:
        _gc_paused = False
        gc.freeze()
        gc.enable()


def pytest_collection_finish(session: pytest.Session) -> None:
    """Turn garbage collection back on (``pytest_collectstart``). Start the transcribed calls' analyses
    in the background when their test file is to run (see ``tests/transcribed_calls.py``): the longest
    item of the suite then overlaps the others. In an xdist worker the controller has started them
    (``pytest_xdist_node_collection_finished``): the worker only reads their results."""
    _resume_gc()
    if (
        any(item.path.name == TRANSCRIBED_CALLS_FILE for item in session.items)
        and not session.config.option.collectonly
    ):
        from tests import transcribed_calls

        workerinput = getattr(session.config, "workerinput", None)
        if workerinput is not None:
            transcribed_calls.receive_from(Path(workerinput[HANDOFF_KEY]))
        else:
            transcribed_calls.start()


def _transcribed_calls_handoff() -> Path:
    """The controller's folder for the transcribed calls' results (made once per session)."""
    global _handoff_folder
    if _handoff_folder is None:
        _handoff_folder = Path(tempfile.mkdtemp(prefix="coach-transcribed-calls-"))
    return _handoff_folder


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """(xdist controller) Tell each worker where the transcribed calls' results will be."""
    node.workerinput[HANDOFF_KEY] = str(_transcribed_calls_handoff())


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node, ids: list[str]) -> None:
    """(xdist controller) Start the transcribed calls' analyses here, once, as soon as a worker has
    collected their test file: whichever worker runs it reads the results from the handoff folder."""
    if any(nodeid.split("::", 1)[0].endswith("/" + TRANSCRIBED_CALLS_FILE) for nodeid in ids):
        from tests import transcribed_calls

        transcribed_calls.start(handoff=_transcribed_calls_handoff())


TIMES_ENV = "COACH_TEST_TIMES"
"""Set to a folder: each pytest process (the controller, each xdist worker) appends one JSON line per test
to ``<folder>/<worker>-<pid>.jsonl`` (its node id, when it started and ended on the wall clock, and the CPU
seconds of the process and of the children it waited for meanwhile), and a line when it starts and ends;
``scripts/test_times.py`` sums them per file and shows each worker's idle time. Unset (the default):
nothing is recorded."""
_times = None


def _cpu_s() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _record(**row: object) -> None:
    if _times is not None:
        _times.write(json.dumps(row) + "\n")


def pytest_configure(config: pytest.Config) -> None:
    """Open the per-test times' file when ``COACH_TEST_TIMES`` names a folder (``TIMES_ENV``)."""
    global _times
    folder = os.environ.get(TIMES_ENV)
    if folder:
        worker = getattr(config, "workerinput", {}).get("workerid", "main")
        Path(folder).mkdir(parents=True, exist_ok=True)
        _times = open(Path(folder) / f"{worker}-{os.getpid()}.jsonl", "a", buffering=1)  # noqa: SIM115
        _record(event="start", worker=worker, t=time.time(), cpu=_cpu_s())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    """(``COACH_TEST_TIMES`` set) one line per test: setup, call and teardown together."""
    if _times is None:
        yield
        return
    t0, cpu0 = time.time(), _cpu_s()
    yield
    _record(id=item.nodeid, t0=t0, t1=time.time(), cpu=_cpu_s() - cpu0)


def pytest_unconfigure(config: pytest.Config) -> None:
    global _times
    if _times is not None:
        _record(event="end", t=time.time(), cpu=_cpu_s())
        _times.close()
        _times = None


def pytest_sessionfinish(session: pytest.Session) -> None:
    """End the background analyses' processes, if any were started, and remove the handoff folder."""
    _resume_gc()  # (if collection ended early, e.g. on an error)
    from tests import transcribed_calls

    transcribed_calls.stop()
    if _handoff_folder is not None and not hasattr(session.config, "workerinput"):
        shutil.rmtree(_handoff_folder, ignore_errors=True)
