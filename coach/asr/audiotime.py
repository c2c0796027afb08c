"""A decode executor that runs on audio time instead of the wall clock (tests and benchmarks).

:class:`AudioTimeExecutor` stands in for the model's worker threads. ``submit(fn, *args)`` runs ``fn``
at once on the caller's thread (so the real model still does the work and the result is exact), but
the returned future only *completes* once the audio clock has advanced far enough: a job submitted at
audio sample ``s`` on an idle executor completes at ``s + cost``, later jobs queue behind it as on
``workers`` busy decode threads. The audio clock moves only through :meth:`AudioTimeExecutor.advance`
(the caller passes the call position it polls at), so "decoding falls behind the audio" is a property
of the configured cost, never of how fast this machine happens to decode.

``future.result()`` on a future that has not completed yet jumps the clock to its completion time (as
if the caller blocked until the worker finished), which is what an end-of-call flush does.

Not thread-safe: one owner thread submits, advances and reads the futures.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from coach.types import SAMPLE_RATE

CostFn = Callable[..., float]
"""``cost(*args) -> seconds`` of audio time the job occupies one worker (the submitted arguments)."""


class _AudioTimeFuture(Future):
    """A future that completes when its executor's audio clock passes its ``done_at`` sample."""

    def __init__(self, executor: AudioTimeExecutor, done_at: int, outcome: tuple[bool, Any]) -> None:
        super().__init__()
        self._executor = executor
        self.done_at = done_at
        self._outcome = outcome

    def complete(self) -> None:
        ok, value = self._outcome
        if ok:
            self.set_result(value)
        else:
            self.set_exception(value)

    def result(self, timeout: float | None = None) -> Any:
        if not self.done():
            self._executor.advance(self.done_at)
        return super().result(timeout)

    def exception(self, timeout: float | None = None) -> BaseException | None:
        if not self.done():
            self._executor.advance(self.done_at)
        return super().exception(timeout)


class AudioTimeExecutor:
    """``workers`` simulated decode threads whose jobs each take ``cost(*args)`` seconds of audio time.

    ``cost`` is a number of seconds or a function of the submitted arguments (e.g. of the request's
    audio length). The clock starts at sample 0.
    """

    def __init__(self, cost: float | CostFn, *, workers: int = 1) -> None:
        if workers < 1:
            raise ValueError("AudioTimeExecutor needs at least one worker")
        self._cost: CostFn = cost if callable(cost) else (lambda *_args: float(cost))
        self._free_at = [0] * workers  # sample at which each worker is next idle
        self._pending: list[tuple[int, int, _AudioTimeFuture]] = []
        self._seq = 0
        self.now = 0
        self.submitted = 0
        self.busy_samples = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        """Run ``fn(*args, **kwargs)`` now; its future completes ``cost`` seconds of audio later
        (after the jobs queued before it on the earliest free worker)."""
        try:
            outcome: tuple[bool, Any] = (True, fn(*args, **kwargs))
        except Exception as exc:  # delivered through the future, like a thread pool does
            outcome = (False, exc)
        cost = max(0, int(round(self._cost(*args, **kwargs) * SAMPLE_RATE)))
        worker = min(range(len(self._free_at)), key=self._free_at.__getitem__)
        begin = max(self.now, self._free_at[worker])
        self._free_at[worker] = begin + cost
        self.busy_samples += cost
        future = _AudioTimeFuture(self, begin + cost, outcome)
        heapq.heappush(self._pending, (future.done_at, self._seq, future))
        self._seq += 1
        self.submitted += 1
        return future

    def advance(self, now_sample: int) -> None:
        """Move the audio clock to ``now_sample`` (never backwards) and complete every job due by then."""
        self.now = max(self.now, now_sample)
        while self._pending and self._pending[0][0] <= self.now:
            _, _, future = heapq.heappop(self._pending)
            future.complete()

    @property
    def in_flight(self) -> int:
        """Jobs submitted and not yet completed."""
        return len(self._pending)

    def shutdown(self, wait: bool = True) -> None:
        """Complete everything still pending (as a thread pool's ``shutdown(wait=True)`` would)."""
        if wait and self._pending:
            self.advance(max(done_at for done_at, _, _ in self._pending))
