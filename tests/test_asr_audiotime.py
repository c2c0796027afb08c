"""The audio-time executor: jobs run at once but complete only when the audio clock has advanced by
their cost, queued behind earlier jobs on the busy workers."""

from __future__ import annotations

import pytest

from coach.asr.audiotime import AudioTimeExecutor
from coach.types import SAMPLE_RATE


def test_jobs_complete_after_their_cost_in_submission_order_on_one_worker():
    ex = AudioTimeExecutor(0.5)
    a = ex.submit(lambda x: x * 2, 1)
    b = ex.submit(lambda x: x * 3, 1)
    assert not a.done() and not b.done() and ex.in_flight == 2
    ex.advance(SAMPLE_RATE // 2 - 1)
    assert not a.done()
    ex.advance(SAMPLE_RATE // 2)
    assert a.done() and a.result() == 2 and not b.done()
    ex.advance(SAMPLE_RATE)
    assert b.result() == 3 and ex.in_flight == 0


def test_two_workers_run_two_jobs_side_by_side_and_cost_may_depend_on_the_job():
    ex = AudioTimeExecutor(lambda seconds: seconds, workers=2)
    long, short, third = ex.submit(lambda s: s, 1.0), ex.submit(lambda s: s, 0.25), ex.submit(lambda s: s, 0.25)
    ex.advance(SAMPLE_RATE // 4)
    assert short.done() and not long.done() and not third.done()
    ex.advance(SAMPLE_RATE // 2)
    assert third.done() and not long.done()


def test_result_of_a_pending_job_moves_the_clock_to_its_completion():
    ex = AudioTimeExecutor(2.0)
    ex.advance(SAMPLE_RATE)
    fut = ex.submit(lambda: "done")
    assert fut.result() == "done" and ex.now == 3 * SAMPLE_RATE
    ex.advance(0)  # the clock never goes backwards
    assert ex.now == 3 * SAMPLE_RATE


def test_a_failing_job_delivers_its_exception_through_the_future():
    ex = AudioTimeExecutor(0.1)

    def boom() -> None:
        raise RuntimeError("decoder crashed")

    fut = ex.submit(boom)
    with pytest.raises(RuntimeError):
        fut.result()
    ex.shutdown()
    assert ex.in_flight == 0
