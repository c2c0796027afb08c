"""CPU of a benchmark's processes, thread by thread, sampled from ``/proc`` while it runs (Linux only).

:class:`ProcSampler` is a daemon thread that reads, every ``every_s`` seconds, each thread's
``/proc/<pid>/task/<tid>/schedstat`` (nanoseconds on a core and nanoseconds runnable but waiting for one) of the
processes a ``roles`` callable names (e.g. ``{"server": [pid], "decode processes": [...], "client": [own pid]}``,
asked again at every sample, so child processes that start later are counted). Each thread is put in a group by a
``group`` callable (role, pid, tid, thread name) -> name. :meth:`ProcSampler.cores` then says how many cores each
group used (and how many of its threads waited for a core, on average) over a span, or over the parts of a span
covered by given intervals (e.g. the decoder's decodes, from :mod:`coach.asr.timeline`), each sample interval
weighted by how much of it they cover.

Times, ids and thread names only. The sampler's own thread is named :data:`SAMPLER_THREAD` so that a caller
sampling its own process can show (or leave out) what sampling costs.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SAMPLER_THREAD = "cpu-sampler"
"""The name of the sampler's thread (``/proc/<pid>/task/<tid>/comm``)."""

Key = tuple[str, int]
"""A thread: (its group, its tid)."""


def read_threads(pid: int) -> dict[int, tuple[str, float, float, int]]:
    """Each live thread of ``pid``: tid -> (name, seconds on a core, seconds runnable and waiting for a core, times
    it was put on a core), from ``schedstat``; a process or thread that ends meanwhile is left out."""
    out: dict[int, tuple[str, float, float, int]] = {}
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return out
    for task in tasks:
        try:
            name = (task / "comm").read_text().strip()
            run_ns, wait_ns, slices = (task / "schedstat").read_text().split()[:3]
            out[int(task.name)] = (name, int(run_ns) / 1e9, int(wait_ns) / 1e9, int(slices))
        except (OSError, ValueError):
            continue
    return out


MACHINE = "machine (every process)"
"""The group :meth:`ProcSampler.read` adds for the whole machine's busy CPU (``/proc/stat``), beside the threads."""


def machine_busy_s() -> float:
    """Seconds the machine's cores have been busy since boot, all of them together (``/proc/stat``: every field of
    the ``cpu`` line but idle and iowait)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


@dataclass
class Sample:
    """One reading: when (``time.monotonic``), and every thread's cumulative seconds on a core, seconds waiting for
    one and times put on one."""

    t: float
    threads: dict[Key, tuple[float, float, int]] = field(default_factory=dict)


class ProcSampler(threading.Thread):
    """Samples the threads of the processes ``roles()`` names every ``every_s`` seconds until :meth:`stop`."""

    def __init__(
        self,
        roles: Callable[[], dict[str, list[int]]],
        group: Callable[[str, int, int, str], str],
        every_s: float = 0.2,
    ) -> None:
        super().__init__(name=SAMPLER_THREAD, daemon=True)
        self._roles, self._group, self._every = roles, group, every_s
        self._halt = threading.Event()
        self.samples: list[Sample] = []

    def read(self) -> Sample:
        """One sample now."""
        sample = Sample(time.monotonic())
        sample.threads[(MACHINE, 0)] = (machine_busy_s(), 0.0, 0)
        for role, pids in self._roles().items():
            for pid in pids:
                for tid, (name, *counts) in read_threads(pid).items():
                    sample.threads[(self._group(role, pid, tid, name), tid)] = tuple(counts)  # type: ignore[assignment]
        return sample

    def run(self) -> None:
        with contextlib.suppress(OSError):  # the OS name, so that the samples can tell this thread apart
            Path(f"/proc/self/task/{threading.get_native_id()}/comm").write_text(SAMPLER_THREAD)
        while True:
            self.samples.append(self.read())
            if self._halt.wait(self._every):
                self.samples.append(self.read())
                return

    def stop(self) -> None:
        """Take a last sample and end the thread."""
        self._halt.set()
        self.join()

    def cores(self, start: float, end: float, within: list[tuple[float, float]] | None = None) -> Usage:
        """Per group, over the sample intervals inside ``[start, end]`` (``time.monotonic``), on average: the cores its
        threads used, how many of them waited for a core, and how many times a second they were put on one; with
        ``within`` (intervals on the same clock) each sample interval counts by the share of it they cover. A thread
        seen in only one of two samples counts from zero (it started) or not at all (it ended)."""
        sums: dict[str, list[float]] = {}
        weight_s = 0.0
        for a, b in zip(self.samples, self.samples[1:], strict=False):
            if a.t < start or b.t > end or b.t <= a.t:
                continue
            share = 1.0 if within is None else covered(a.t, b.t, within) / (b.t - a.t)
            if share <= 0.0:
                continue
            weight_s += share * (b.t - a.t)
            for key, now in b.threads.items():
                before = a.threads.get(key, (0.0, 0.0, 0))
                row = sums.setdefault(key[0], [0.0, 0.0, 0.0])
                for i, (x, x0) in enumerate(zip(now, before, strict=True)):
                    row[i] += share * (x - x0)
        per_s = {g: tuple(v / weight_s for v in row) for g, row in sums.items()} if weight_s > 0.0 else {}
        return Usage(per_s, weight_s)  # type: ignore[arg-type]


@dataclass
class Usage:
    """What :meth:`ProcSampler.cores` found: per group (cores used, threads waiting for a core, times put on a core
    per second), over ``seconds`` of samples."""

    groups: dict[str, tuple[float, float, float]]
    seconds: float


def covered(lo: float, hi: float, intervals: list[tuple[float, float]]) -> float:
    """Seconds of ``[lo, hi]`` inside the union of ``intervals``."""
    spans = sorted((max(lo, s), min(hi, e)) for s, e in intervals if e > lo and s < hi)
    total, reach = 0.0, lo
    for s, e in spans:
        s = max(s, reach)
        if e > s:
            total += e - s
            reach = e
    return total
