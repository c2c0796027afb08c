"""Running calls' analysis off the event loop.

:class:`AnalysisPool` owns a few worker threads. Each call is pinned to one of them for its whole
life, so its analyzer (synchronous, not thread-safe) is only ever touched by that thread, while
different calls run on different threads. A call asks for service (:meth:`CallRunner.wake`) when
audio arrives; its worker drains the call's :class:`~coach.server.audioqueue.AudioQueue`, pushes the
audio through the analyzer (contiguous chunks joined, so a backlog is analysed in large, cheaper
steps) and hands the events to ``emit``. Analysis is CPU work under the GIL, so
more threads add fairness between calls rather than throughput.

A worker that finds several of its calls waiting services them together: where a call has only audio
in order (the common case), its frames are taken first and every such call's VAD is scored in one
ONNX run (:mod:`coach.pipeline.together`), then each call is analysed; the events are the same as
one call at a time. So the analysis gets cheaper per call-second exactly when it falls behind.

A call's end is closed aside: once its last audio is analysed, ``finish`` (which waits for the
call's last finals from the decoder, seconds when the decoder is loaded) runs on a thread of its
own, so the worker goes on serving its other calls. Without that, one call ending under load held
every call pinned to the same worker: their analysis fell behind and their queues dropped audio.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np

from coach.pipeline.together import Frames, score_together
from coach.server.audioqueue import AudioQueue, End, Item, Note
from coach.types import SAMPLE_RATE, AudioChunk, Event, Lane, samples_to_seconds
from coach.vad.silero import SileroLaneState, SileroModel

log = logging.getLogger(__name__)


class Analyzer(Protocol):
    """What a call needs from its analysis (``coach.pipeline.analyzer.CallAnalyzer`` satisfies it)."""

    @property
    def position(self) -> int: ...

    def push(self, chunk: AudioChunk) -> list[Event]: ...

    def finish(self, *, complete: bool = True, reason: str | None = None) -> list[Event]: ...


@runtime_checkable
class TogetherAnalyzer(Analyzer, Protocol):
    """An analyzer whose VAD can be scored together with other calls' (``CallAnalyzer`` is one)."""

    @property
    def vad_model(self) -> SileroModel: ...

    def feed(self, chunk: AudioChunk) -> list[Event]: ...

    def take_ready(self) -> Frames | None: ...

    def vad_inputs(self, frames: Frames) -> tuple[list[SileroLaneState], list[np.ndarray]]: ...

    def analyse_scored(self, frames: Frames, scores: list[np.ndarray]) -> list[Event]: ...


EmitFn = Callable[[list[dict[str, Any]], float], None]
"""``emit(events, emitted_ms)``: events as JSON objects and the Unix time in ms they were produced."""
DoneFn = Callable[[bool, str | None, dict[str, Any] | None], None]
"""``done(complete, reason, summary)``: called once, after the last events."""


class CallRunner:
    """One call's analysis state, serviced by one worker thread."""

    def __init__(
        self,
        call_id: str,
        audio: AudioQueue,
        make_analyzer: Callable[[], Analyzer],
        emit: EmitFn,
        done: DoneFn,
        *,
        batch_samples: int = 0,
    ) -> None:
        """``batch_samples``: audio (both lanes together) to gather before an audio wake-up asks for
        service (``[server] analysis_batch_s``); 0: every chunk."""
        self.call_id = call_id
        self._batch_samples = batch_samples
        self.audio = audio
        self._make_analyzer = make_analyzer
        self._emit = emit
        self._done = done
        self._analyzer: Analyzer | None = None
        self._expected = {lane: 0 for lane in Lane}
        self._finished = False
        self._closing: threading.Thread | None = None
        self._scheduled = False
        self._sched_lock = threading.Lock()
        self.worker: _Worker | None = None
        self.analysed_s = 0.0
        self.busy_s = 0.0

    def wake(self, *, audio: bool = False) -> None:
        """Ask the call's worker to drain its queue (cheap; repeated calls coalesce). Thread-safe.
        ``audio``: woken by new audio only, which waits until ``batch_samples`` have gathered (so the
        analysis scores several frames per VAD run); notes and the call's end wake it at once."""
        if audio and self.audio.queued_samples < self._batch_samples:
            return
        with self._sched_lock:
            if self._scheduled or self._finished or self._closing is not None or self.worker is None:
                return
            self._scheduled = True
        self.worker.submit(self)

    def service(self) -> None:
        """Drain the queue through the analyzer. Runs on the call's worker thread only."""
        items = self._take()
        if items is not None:
            self._service_items(items)

    def _take(self) -> list[Item] | None:
        """Everything queued, or None when the call is over (it is no longer serviced)."""
        with self._sched_lock:
            self._scheduled = False
        if self._finished or self._closing is not None:
            return None
        return self.audio.take_all()

    def _fed(self, items: list[Item]) -> tuple[list[Event], Frames | None] | None:
        """For :func:`service_together`: ``items`` fed to the analyzer without analysing them, and the
        frames now ready on both lanes. None (nothing done) unless the items are only audio continuing
        each lane where it stopped and the analyzer is a :class:`TogetherAnalyzer`."""
        expected = dict(self._expected)
        for item in items:
            if not isinstance(item, AudioChunk) or item.start_sample != expected[item.lane]:
                return None
            expected[item.lane] = item.end_sample
        if self._analyzer is None:
            return None  # the first service makes the analyzer, alone
        analyzer = self._analyzer
        if not isinstance(analyzer, TogetherAnalyzer):
            return None
        t0 = time.perf_counter()
        events: list[Event] = []
        try:
            for item in items:
                assert isinstance(item, AudioChunk)
                events.extend(analyzer.feed(item))
            self._expected = expected
            return events, analyzer.take_ready()
        except Exception as exc:
            self._analysis_failed(events, exc)
            return [], None
        finally:
            self.busy_s += time.perf_counter() - t0

    def _analyse_scored(self, events: list[Event], frames: Frames, scores: list[np.ndarray] | None) -> None:
        """For :func:`service_together`: analyse ``frames`` with their VAD ``scores`` (None: score them
        here) and emit the events."""
        if self._finished:
            return
        analyzer = self._analyzer
        assert isinstance(analyzer, TogetherAnalyzer)
        t0 = time.perf_counter()
        try:
            if scores is None:
                scores = analyzer.vad_model.score_lanes(*analyzer.vad_inputs(frames))
            events.extend(analyzer.analyse_scored(frames, scores))
        except Exception as exc:
            self._analysis_failed(events, exc)
            return
        finally:
            self.busy_s += time.perf_counter() - t0
        self.analysed_s = analyzer.position / SAMPLE_RATE
        self._emitted_now(events)

    def _analysis_failed(self, events: list[Event], exc: Exception, where: str = "") -> None:
        """End the call after its analysis raised ``exc`` (call from the ``except`` block: the traceback
        is logged, never the audio or words): ``events`` produced before the failure are still emitted."""
        log.exception("analysis of call %s failed%s; the call is ended", self.call_id, where)
        self._finish(events, False, f"analysis failed: {type(exc).__name__}")

    def _emitted_now(self, events: list[Event]) -> None:
        if events:
            self._emit([e.to_dict() for e in events], time.time() * 1000.0)

    def _service_items(self, items: list[Item]) -> None:
        """:meth:`service` of ``items`` taken from the queue."""
        t0 = time.perf_counter()
        events: list[Event] = []
        end: End | None = None
        try:
            if self._analyzer is None:
                self._analyzer = self._make_analyzer()
            analyzer = self._analyzer
            pending: dict[Lane, list[AudioChunk]] = {lane: [] for lane in Lane}

            def flush() -> None:
                for chunks in pending.values():
                    if chunks:
                        events.extend(self._push(analyzer, _joined(chunks)))
                        chunks.clear()

            for item in items:
                if isinstance(item, AudioChunk):
                    run = pending[item.lane]
                    if run and item.start_sample != run[-1].end_sample:
                        flush()
                    run.append(item)
                    continue
                flush()
                if isinstance(item, Note):
                    now = samples_to_seconds(analyzer.position)  # fields as data: any name the source chose
                    events.append(Event("stream", now, now, {"kind": item.kind, **item.fields}))
                elif isinstance(item, End):
                    end = item
                    break
            flush()
        except Exception as exc:  # a failing analysis ends this call, never the worker or the server
            self._analysis_failed(events, exc)
            return
        finally:
            self.busy_s += time.perf_counter() - t0
        if self._analyzer is not None:
            self.analysed_s = self._analyzer.position / SAMPLE_RATE
        self._emitted_now(events)
        if end is not None:
            self._close_aside(analyzer, end)

    def _close_aside(self, analyzer: Analyzer, end: End) -> None:
        """Run ``analyzer.finish()`` on a thread of its own, then end the call (emit, ``done``, release
        the worker). The worker never touches this call again (:meth:`wake` and :meth:`service` see
        ``_closing``), so the analyzer stays single-threaded."""

        def close() -> None:
            try:
                events = analyzer.finish(complete=end.complete, reason=end.reason)
            except Exception as exc:  # as in service(): the call ends, the server goes on
                self._analysis_failed([], exc, " at its end")
                return
            self.analysed_s = analyzer.position / SAMPLE_RATE
            self._finish(events, end.complete, end.reason)

        with self._sched_lock:
            self._closing = threading.Thread(target=close, name=f"coach-close-{self.call_id}", daemon=True)
        self._closing.start()

    def wait_closed(self, timeout: float | None = None) -> bool:
        """Wait until the call's end is closed (its last events emitted and ``done`` called); True if it
        was, False on timeout or when the call's end has not arrived yet."""
        closing = self._closing
        if closing is None:
            return self._finished
        closing.join(timeout)
        return not closing.is_alive() and self._finished

    def _push(self, analyzer: Analyzer, chunk: AudioChunk) -> list[Event]:
        """Push a chunk, first filling a hole left by dropped audio with silence (and saying so)."""
        out: list[Event] = []
        expected = self._expected[chunk.lane]
        if chunk.start_sample > expected:
            gap = chunk.start_sample - expected
            out.extend(analyzer.push(AudioChunk(chunk.lane, expected, np.zeros(gap, dtype=np.float32))))
            now = analyzer.position
            out.append(
                Event.at_samples(
                    "stream", now, now, kind="dropped", lane=chunk.lane.value, seconds=samples_to_seconds(gap)
                )
            )
        elif chunk.start_sample < expected:
            skip = expected - chunk.start_sample
            if skip >= len(chunk.pcm):
                return out
            chunk = AudioChunk(chunk.lane, expected, chunk.pcm[skip:])
        out.extend(analyzer.push(chunk))
        self._expected[chunk.lane] = chunk.end_sample
        return out

    def _finish(self, events: list[Event], complete: bool, reason: str | None) -> None:
        self._finished = True
        dicts = [e.to_dict() for e in events]
        summary = next((e["summary"] for e in reversed(dicts) if e["type"] == "call.end"), None)
        if dicts:
            self._emit(dicts, time.time() * 1000.0)
        self._done(complete, reason, summary)
        if self.worker is not None:
            self.worker.release(self)


def service_together(runners: Sequence[CallRunner]) -> None:
    """Service several calls of one worker: those with only audio in order have their frames taken
    first and their VAD scored together (:func:`coach.pipeline.together.score_together`), then each
    is analysed; any other call is serviced alone (:meth:`CallRunner.service`). The same events as
    servicing them one by one."""
    ready: list[tuple[CallRunner, list[Event], Frames]] = []
    for runner in runners:
        items = runner._take()
        if items is None:
            continue
        fed = runner._fed(items)
        if fed is None:
            runner._service_items(items)
        elif fed[1] is None:
            runner._emitted_now(fed[0])
        else:
            ready.append((runner, fed[0], fed[1]))
    if not ready:
        return
    scores: Sequence[list[np.ndarray] | None]
    try:
        scores = score_together([(r._analyzer, frames) for r, _, frames in ready])  # type: ignore[misc]
    except Exception:  # each call scores alone, and fails alone
        log.exception("the VAD of %d calls together failed; scoring them one by one", len(ready))
        scores = [None] * len(ready)
    for (runner, events, frames), call_scores in zip(ready, scores, strict=True):
        runner._analyse_scored(events, frames, call_scores)


def _joined(chunks: list[AudioChunk]) -> AudioChunk:
    """Contiguous chunks of one lane as one chunk (the analyzer's events do not depend on chunking, and a
    backlog analysed in one push lets the VAD score many frames per ONNX call)."""
    if len(chunks) == 1:
        return chunks[0]
    return AudioChunk(chunks[0].lane, chunks[0].start_sample, np.concatenate([c.pcm for c in chunks]))


class _Worker(threading.Thread):
    """One analysis thread and the calls pinned to it."""

    def __init__(self, index: int) -> None:
        super().__init__(name=f"coach-analysis-{index}", daemon=True)
        self._queue: queue.SimpleQueue[CallRunner | None] = queue.SimpleQueue()
        self.calls = 0
        self._lock = threading.Lock()

    def submit(self, runner: CallRunner) -> None:
        self._queue.put(runner)

    def release(self, runner: CallRunner) -> None:
        with self._lock:
            self.calls -= 1

    def stop(self) -> None:
        self._queue.put(None)

    def run(self) -> None:
        while True:
            runner = self._queue.get()
            if runner is None:
                return
            waiting = [runner]  # every call waiting now is serviced together
            stop = False
            while not stop:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    stop = True
                else:
                    waiting.append(more)
            try:
                if len(waiting) == 1:
                    runner.service()
                else:
                    service_together(waiting)
            except Exception:  # defensive: service() handles analysis errors itself
                log.exception("analysis worker error on calls %s", [r.call_id for r in waiting])
            if stop:
                return


class AnalysisPool:
    """``threads`` analysis workers; :meth:`attach` pins a call to the least busy one."""

    def __init__(self, threads: int) -> None:
        self._workers = [_Worker(i) for i in range(max(1, threads))]
        for worker in self._workers:
            worker.start()

    def attach(self, runner: CallRunner) -> None:
        worker = min(self._workers, key=lambda w: w.calls)
        with worker._lock:
            worker.calls += 1
        runner.worker = worker

    def stop(self, timeout: float = 5.0) -> None:
        for worker in self._workers:
            worker.stop()
        for worker in self._workers:
            worker.join(timeout)
