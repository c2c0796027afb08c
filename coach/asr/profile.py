"""Where a decode process's CPU goes: counters by phase and by kind of decode (a profiling flag, off unless set).

With the environment variable :data:`PROFILE_ENV` naming a folder, each decode process
(:mod:`coach.asr.decodeproc`) counts, for every request it serves, the process's CPU seconds
(``time.process_time``: the calling thread and CTranslate2's threads together; a decode process serves one
request at a time, so the delta is that request's) and splits them into phases by timing the calls faster-whisper
makes into its model:

- ``features``: the log-mel features (``WhisperModel.feature_extractor``);
- ``encoder``: ``ctranslate2.models.Whisper.encode``, with its passes and mel frames;
- ``generate``: ``Whisper.generate`` (beam search or greedy), with its calls;
- ``align``: ``Whisper.align`` (the word timestamps);
- ``rest``: the request's CPU outside those (Python: tokens, segments, word times, guards, the pipe).

Requests are keyed by kind (:func:`kind_of`): ``batch b1`` (a backlog batch, one CTranslate2 batch of ``rows``
stretches), or a single decode by its beam and encoder window (``b5 w30``: a fresh beam-5 final or pack of finals
on the padded 30 s window; ``b1 w30``: a partial or pack of partials; ``b1 w10``: a backlog row decoded again
alone). ``wall_s``: the requests' elapsed seconds (CPU over it: the cores
they got, two at most with ``cpu_threads = 2``, fewer when the server's analysis took the rest). ``runnable_s``: the
seconds the process's threads were ready to run but waited for a core during the requests, summed over the threads
(``/proc/self/task/*/schedstat``; over ``wall_s``: how many of the decoder's threads stood waiting on average, e.g.
one OpenMP thread taken off its core by the analysis while the other sleeps at a barrier). ``decodes``: the
faster-whisper decodes a request ran (more than one when a looping final is decoded again,
``[asr] final_loop_again_beam``). After every request the totals are written to ``<folder>/<pid>.json`` (a few
hundred bytes, replaced whole), so a process killed at the end of a benchmark has left its figures. Counts,
seconds and sizes only: no audio, no text. Read by ``scripts/bench_capacity.py --profile``.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from coach.errors import ConfigError
from coach.types import SAMPLE_RATE

PROFILE_ENV = "COACH_ASR_PROFILE_DIR"
"""Environment variable: a folder for each decode process's counters (unset: no counting, no wrapping)."""

PHASES = ("features", "encoder", "generate", "align")


def profile_folder() -> Path | None:
    """The folder :data:`PROFILE_ENV` names, made if missing and checked writable once (unset or empty: None).

    Raises :class:`~coach.errors.ConfigError` naming the variable when nothing can be written there: the profiling
    flag is then refused at start (a decode process reports it to the server instead of "ready")
    rather than every request's counters failing to be written, which would turn each decode into an error."""
    folder = os.environ.get(PROFILE_ENV)
    if not folder:
        return None
    path = Path(folder)
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as exc:
        raise ConfigError(
            f"{PROFILE_ENV}={folder}: the profiling folder cannot be written ({exc.strerror or exc}); "
            f"name a writable folder or unset {PROFILE_ENV}"
        ) from exc
    return path


def thread_sched() -> tuple[float, float]:
    """(seconds on a CPU, seconds runnable but waiting for one), summed over this process's live threads (Linux
    ``/proc/self/task/*/schedstat``, nanoseconds; (0, 0) where it cannot be read)."""
    run = wait = 0
    try:
        tids = os.listdir("/proc/self/task")
    except OSError:
        return 0.0, 0.0
    for tid in tids:
        try:
            fields = Path(f"/proc/self/task/{tid}/schedstat").read_text().split()
            run, wait = run + int(fields[0]), wait + int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    return run / 1e9, wait / 1e9


def kind_of(pcm: Any, options: Any) -> str:
    """The request's kind: ``batch`` for a list of stretches, else ``b<beam> w<encoder window s>``."""
    if isinstance(pcm, list):
        return f"batch b{options.beam_size}"
    window = min(30.0, float(getattr(options, "encoder_window_s", 30.0)))
    return f"b{options.beam_size} w{window:g}"


class _Timed:
    """A proxy whose named methods add their CPU seconds (and calls) to a phase of ``profile``."""

    def __init__(self, inner: Any, profile: DecodeProfile, methods: dict[str, str]) -> None:
        self._inner, self._profile, self._methods = inner, profile, methods

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._inner, name)
        phase = self._methods.get(name)
        if phase is None:
            return value
        return lambda *args, **kwargs: self._profile.timed(phase, value, *args, **kwargs)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._profile.timed(self._methods["__call__"], self._inner, *args, **kwargs)


class DecodeProfile:
    """Counters for one decode process (see the module's docstring). ``clock``: CPU seconds, ``wall``: elapsed
    seconds, ``sched``: the threads' (on a CPU, waiting for one) seconds (all injectable); a kind's ``cpu_s / wall_s``
    is how many cores its requests got while they ran, ``runnable_s / wall_s`` how many threads waited for one."""

    def __init__(
        self,
        folder: Path,
        clock: Callable[[], float] = time.process_time,
        wall: Callable[[], float] = time.perf_counter,
        sched: Callable[[], tuple[float, float]] = thread_sched,
    ) -> None:
        self.folder, self.clock, self.wall, self.sched = Path(folder), clock, wall, sched
        self.kinds: dict[str, dict[str, float]] = {}
        self._phases: dict[str, float] = {}
        self._decodes = 0

    @classmethod
    def from_env(cls, engine: Any) -> DecodeProfile | None:
        """A profile wrapped around ``engine``'s model when :data:`PROFILE_ENV` is set, else None; a folder that
        cannot be written raises :class:`~coach.errors.ConfigError` (:func:`profile_folder`), nothing wrapped."""
        folder = profile_folder()
        if folder is None:
            return None
        profile = cls(folder)
        profile.wrap(engine)
        return profile

    def wrap(self, engine: Any) -> None:
        """Route ``engine``'s feature extractor and CTranslate2 model through the phase counters, and count
        the faster-whisper decodes (``WhisperEngine._segments_once``) of each request."""
        model = engine._model
        model.feature_extractor = _Timed(model.feature_extractor, self, {"__call__": "features"})
        model.model = _Timed(model.model, self, {"encode": "encoder", "generate": "generate", "align": "align"})
        once = engine._segments_once

        def counted(*args: Any, **kwargs: Any) -> Any:
            self._decodes += 1
            return once(*args, **kwargs)

        engine._segments_once = counted

    def timed(self, phase: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """``fn(*args, **kwargs)``, its CPU seconds and one call added to ``phase``."""
        started = self.clock()
        try:
            return fn(*args, **kwargs)
        finally:
            self._phases[phase] = self._phases.get(phase, 0.0) + self.clock() - started
            self._phases[phase + "_calls"] = self._phases.get(phase + "_calls", 0.0) + 1

    def request(self, pcm: Any, options: Any, serve: Callable[[], Any]) -> Any:
        """Serve one request (``serve()``) and add its CPU, phases and sizes to its kind's totals."""
        self._phases, self._decodes = {}, 0
        started, wall, waited = self.clock(), self.wall(), self.sched()[1]
        try:
            return serve()
        finally:
            runnable = max(0.0, self.sched()[1] - waited)  # a thread gone meanwhile takes its count with it
            self._add(kind_of(pcm, options), pcm, self.clock() - started, self.wall() - wall, runnable)

    def _add(self, kind: str, pcm: Any, cpu_s: float, wall_s: float, runnable_s: float = 0.0) -> None:
        stretches = pcm if isinstance(pcm, list) else [pcm]
        row = self.kinds.setdefault(kind, {})
        timed = sum(self._phases.get(p, 0.0) for p in PHASES)
        counts = {
            "requests": 1,
            "rows": len(stretches),
            "audio_s": sum(len(s) for s in stretches) / SAMPLE_RATE,
            "cpu_s": cpu_s,
            "wall_s": wall_s,
            "runnable_s": runnable_s,
            "rest": max(0.0, cpu_s - timed),
            "decodes": self._decodes,
            **self._phases,
        }
        for key, value in counts.items():
            row[key] = row.get(key, 0.0) + value
        self._write()

    def _write(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{os.getpid()}.json"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({k: {n: round(v, 4) for n, v in row.items()} for k, row in self.kinds.items()}))
        tmp.replace(path)


def merged(folder: Path) -> dict[str, dict[str, float]]:
    """Every decode process's totals in ``folder``, summed kind by kind."""
    total: dict[str, dict[str, float]] = {}
    for path in sorted(Path(folder).glob("*.json")):
        for kind, row in json.loads(path.read_text()).items():
            into = total.setdefault(kind, {})
            for key, value in row.items():
                into[key] = into.get(key, 0.0) + value
    return total
