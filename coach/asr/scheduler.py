"""One decode scheduler for every call and lane of a process (the server's transcription capacity).

Stages (:class:`coach.asr.stage.TranscriptionStage`, one per call) hand their decode requests to the
process-wide :class:`DecodeScheduler` (:func:`shared_scheduler`) and poll the returned futures; the
scheduler's ``threads`` workers decide what the model decodes next:

* **Finals first.** Every final request is queued (FIFO) and decoded before any partial; a final is
  never dropped. Finals are decoded with beam search (``final_beam_size``), except when they back up
  (``final_greedy_backlog_s``): a pack of finals whose oldest waited that long, or that leaves finals
  queued behind it, is decoded with ``backlog_beam_size`` (0: ``beam_size``, greedy), which is cheaper, so
  the backlog clears sooner (with ``loaded_final_beam_size``, the other packs of finals get that beam while at
  least ``loaded_calls`` calls are attached, and with ``loaded_final_encoder_window_s`` below 30 their encoder runs
  on the pack's audio plus ``final_encoder_pad_s``, at least that many seconds);
  with ``backlog_encoder_window_s`` below 30 its encoder also runs on the pack's audio plus
  ``backlog_encoder_pad_s`` instead of a padded 30 s window (a pack of two or three finals costs a
  third of the encoder's time; one call's finals, never backed up, keep the full window). With
  ``backlog_batch`` (on) such a pack is one CTranslate2 batch instead, each final in its own window of
  that length (:meth:`coach.asr.engine.WhisperEngine.batch_segments`): no gap, no second pass, no
  shared window; a final the batch refuses is decoded again alone.
* **Partials are best effort.** Each lane has at most one partial queued or in flight (the stage's
  rule), so a lane gets a new partial only after its previous one came back: the partial rate of
  every lane adapts to the spare capacity on its own. While finals are waiting, a partial that
  waited longer than ``partial_max_wait_s`` is *shed* (the future resolves to :data:`SHED`, the lane
  asks again with newer audio), so under load partials go first and finals keep the model.
* **A worker kept for finals.** At most ``partial_workers`` workers decode partials at once, so with
  ``workers`` above it a final arriving while partials are being decoded starts on a free worker
  instead of waiting for the pack of partials to finish.
* **A partial a final waits for is a final.** When a turn ends while its lane's partial (covering the
  whole turn) is still queued, the stage holds the final for it (``final_from_partial``) and
  :meth:`DecodeScheduler.promote` moves that partial into the finals' queue: it is decoded with the
  next pack of finals (finals' beam) and never shed, instead of waiting behind the finals as a
  partial until it is shed and only then queueing the final.
* **Partials in a decoder of their own, below the finals** (``partial_decoder_nice``): partials are
  decoded in one more child process, at a higher niceness, besides the finals' ``workers``. A final
  then never waits for a partial's decode: it starts at once and the kernel gives it the CPU first
  (a partial takes about 0.5 s of a padded 30 s window, and at one call a partial is being decoded
  most of the time a turn ends). A partial starts only while no final is queued or being decoded,
  so under load the decoder keeps to the finals exactly as with one worker.
* **That only while lightly loaded** (``light_load_calls``): the partials' own decoder applies only
  while at most that many calls use the scheduler (stages :meth:`DecodeScheduler.attach`); with more,
  partials are decoded by the finals' decoder and every pack waits for a free one of ``workers``,
  exactly as with ``partial_decoder_nice = 0``. A desk with one call gets a final that never waits for a
  partial; a site server with many calls decodes as before (at four calls the partials' decoder cost finals' p95).
* **Single-threaded decoders under load** (``loaded_workers``): that many more child processes, one
  CTranslate2 thread each, are started beside; while at least ``loaded_calls`` calls are attached
  every pack goes to them (at most ``loaded_workers`` at once, ``partial_workers`` of them partials)
  instead of the ``workers`` of ``cpu_threads`` threads: each decode takes 1.4-1.7x longer than on two
  threads, for 10-30 % less CPU, and two go at once (measured when ``cpu_threads`` was 2). Fewer calls keep the
  ``workers`` decoder of ``cpu_threads`` threads (and the
  partials' own one). Off: simulated at 16 calls it bought no p95 (docs/benchmarks.md, "Session 32").
* **The agent's partials first** (``agent_partials_first``): a pack of partials takes the agent
  lanes' before the customers' (the language rules read the agent's committed words); with
  ``agent_finals_first`` a pack of finals does too (each lane's finals in the order they came).
* **The model in child processes** (``decode_process``): each worker's decodes run in a child
  process of its own (:mod:`coach.asr.decodeproc`), so faster-whisper's Python work does not compete
  for the GIL with the calls' analysis and the event loop.
* **Partials only in a pause of the finals** (``customer_partial_gap_s``, ``agent_partial_gap_s``): a
  lane's partial is taken only once no final was submitted for that long. With a few calls finals
  come seconds apart and partials go on; under load finals arrive without pause, the partials stay
  queued (shed while finals wait) and the decoder keeps to the finals, which commit the words too.
* **No partials under load** (``loaded_partials`` false): while at least ``loaded_calls`` calls are
  attached, queued partials are held back as in a pause of the finals that never comes: none is decoded
  (each is shed once stale, or promoted to its turn's final), and the decoder keeps to the finals.
* **Shared windows.** Whisper's encoder costs the same for 2 s as for 30 s, so the requests taken
  together (finals with finals, partials with partials, of any calls) are packed into one window of
  at most ``pack_window_s`` with ``pack_gap_s`` of silence between them and split back by word
  timestamps (:mod:`coach.asr.packing`). A slot the splitter cannot vouch for is decoded again alone
  (a final) or shed (a partial): a word never reaches another utterance's transcript. The pack's
  other finals are handed over at once, each refused one once decoded alone (``[asr] early_delivery``;
  with ``refused_batch`` the refused ones are decoded again together as one batch in the backlog's short
  windows first, and only a row the batch refuses alone);
  ``stats()["refused_by"]`` counts refused slots by reason. With
  ``pack_pre_roll`` false a slot after the window's first leaves out its request's edge pre-roll: the
  gap's silence is the quiet its turn begins out of, and a full window holds as many turns as without it.

The queue is bounded: at most one partial per lane, and finals, which are never dropped, only wait
while the workers are busy, then leave in packs. :meth:`DecodeScheduler.stats` reports the backlog
for health pages. ``threads=0`` runs no thread: :meth:`DecodeScheduler.step` decodes one pack on the
caller's thread (deterministic tests).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

import numpy as np

from coach.asr.config import AsrConfig
from coach.asr.decodeproc import DecodeProcesses
from coach.asr.engine import DecodedSegment, DecodeOptions, DecodeResult, get_engine, os_thread_name, result_of
from coach.asr.packing import fits, pack, split
from coach.asr.stream import CUT_SHORT_S, FINAL, DecodeRequest
from coach.asr.timeline import Timeline
from coach.types import SAMPLE_RATE, Lane, seconds_to_samples

log = logging.getLogger(__name__)

SegmentsFn = Callable[[np.ndarray, "str | None", DecodeOptions], list[DecodedSegment]]
"""``decode(pcm_16k_float32, prompt, options) -> segments``; blocking, thread-safe."""

BatchFn = Callable[[list[np.ndarray], DecodeOptions], "list[list[DecodedSegment] | None]"]
"""``decode_batch([pcm, ...], options) -> [segments or None, ...]``: one CTranslate2 batch, each stretch in
its own window (:meth:`coach.asr.engine.WhisperEngine.batch_segments`); ``None``: decode it again alone."""

SHED = DecodeResult("", (), 0.0, 0.0, 0.0, 0.0, 0.0)
"""The result of a partial that was shed (never decoded); compare with ``is``."""


@dataclass(slots=True)
class _Job:
    req: DecodeRequest
    future: Future[DecodeResult]
    queued_at: float
    final: bool
    nice: bool = False  # decoded by the partials' own decoder (``partial_decoder_nice``)
    loaded: bool = False  # decoded by the single-threaded decoders kept for load (``loaded_workers``)
    taken_at: float = 0.0  # when a decoder took it (scheduler clock s; finals: :class:`FinalTiming`)
    requeued: bool = False  # refused by a pack's split once and put back at the queue's head (``refused_next_pack``)


@dataclass(frozen=True, slots=True)
class FinalTiming:
    """One final's time in the scheduler (seconds of its clock): ``wait_s`` queued (submitted or promoted) to
    taken by a decoder, ``decode_s`` taken to handed over (its pack or batch, and a refused slot's decode again),
    ``how`` it was decoded (:func:`final_shape`), ``agent``: of an agent lane."""

    wait_s: float
    decode_s: float
    how: str
    agent: bool


@dataclass(slots=True)
class SchedulerStats:
    """Monotonic counters plus the current queue (times in seconds of the scheduler's clock)."""

    windows: int = 0
    final_slots: int = 0
    partial_slots: int = 0
    promoted: int = 0
    greedy_final_packs: int = 0
    greedy_final_slots: int = 0  # finals decoded in those backlog packs (the 16-call WER follows this share)
    refused: int = 0
    shed: int = 0
    withdrawn: int = 0
    errors: int = 0
    busy_s: float = 0.0
    final_wait_max_s: float = 0.0
    nice_partial_slots: int = 0
    loaded_windows: int = 0
    requeued: int = 0  # refused finals put back for the next pack (``refused_next_pack``)
    refused_by: dict[str, int] = dataclasses.field(default_factory=dict)  # "final:straddle" -> slots
    final_waits_s: deque[float] = dataclasses.field(default_factory=lambda: deque(maxlen=TIMED_FINALS))
    final_decodes_s: deque[float] = dataclasses.field(default_factory=lambda: deque(maxlen=TIMED_FINALS))
    final_timings: deque[FinalTiming] = dataclasses.field(default_factory=lambda: deque(maxlen=TIMED_FINALS))


TIMED_FINALS = 2000
"""How many of the latest finals' queue waits and decode times :meth:`DecodeScheduler.stats` summarises."""


class DecodeScheduler:
    """The process's decode queue and its workers (see module docstring). Thread-safe."""

    def __init__(
        self,
        config: AsrConfig | None = None,
        *,
        decode: SegmentsFn | None = None,
        decode_batch: BatchFn | None = None,
        decode_loaded: SegmentsFn | None = None,
        decode_loaded_batch: BatchFn | None = None,
        threads: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config or AsrConfig()
        c = self.config
        self._split = c.partial_decoder_nice > 0
        self._processes: DecodeProcesses | None = None
        self._partial_processes: DecodeProcesses | None = None
        self._partials_ready = threading.Event()  # the partials' decoder can take partials
        self._partial_starter: threading.Thread | None = None
        decode_partial = decode
        if decode is None and c.decode_process:
            self._processes = DecodeProcesses(c, max(1, c.workers if threads is None else threads))
            decode = decode_partial = self._processes.decode
            decode_batch = self._processes.decode_batch
            if self._split:  # started beside: the server does not wait for it (until then, one decoder)
                self._partial_starter = threading.Thread(
                    target=self._start_partials_decoder, name="coach-asr-partial-start", daemon=True
                )
        elif decode is None:
            engine = get_engine(c)

            def decode(pcm: np.ndarray, prompt: str | None, options: DecodeOptions) -> list[DecodedSegment]:
                return engine.segments(pcm, prompt=prompt, options=options)

            def decode_batch(pcms: list[np.ndarray], options: DecodeOptions) -> list[list[DecodedSegment] | None]:
                return engine.batch_segments(pcms, options=options)  # its options are keyword-only

            decode_partial = decode  # in-process: one model, no niceness of its own
        self._decode: SegmentsFn = decode
        self._decode_partial: SegmentsFn = decode_partial or decode
        self._decode_batch = decode_batch if c.backlog_batch else None  # backlog packs of finals as a batch
        self._loaded_ready = threading.Event()  # the decoders kept for load take every pack while loaded
        self._loaded_processes: DecodeProcesses | None = None
        self._loaded_starter: threading.Thread | None = None
        self._decode_loaded: SegmentsFn | None = decode_loaded
        self._decode_loaded_batch = decode_loaded_batch if c.backlog_batch else None
        if c.loaded_workers and decode_loaded is not None:
            self._loaded_ready.set()  # injected (tests, simulations)
        elif c.loaded_workers and self._processes is not None:  # started beside, as the partials' decoder
            self._loaded_starter = threading.Thread(
                target=self._start_loaded_decoders, name="coach-asr-loaded-start", daemon=True
            )
        if self._split and self._partial_starter is None:
            self._partials_ready.set()  # in-process or an injected decoder: ready at once
        self._partial_opts = DecodeOptions.from_config(c)  # a pack of several partials: the full window
        self._lone_partial_opts = DecodeOptions.partial_from_config(c)  # one partial: partial_encoder_window_s
        self._final_opts = DecodeOptions.final_from_config(c)
        # a fresh pack of finals while at least loaded_calls calls are attached (loaded_final_beam_size, and the
        # encoder on the pack's audio plus final_encoder_pad_s with loaded_final_encoder_window_s below 30)
        self._loaded_final_opts = dataclasses.replace(
            self._final_opts, beam_size=c.loaded_final_beam_size or c.final_beam_size
        ).within(c.loaded_final_encoder_window_s, c.final_encoder_pad_s)
        backlog = dataclasses.replace(DecodeOptions.from_config(c), beam_size=c.backlog_beam_size or c.beam_size)
        backlog = dataclasses.replace(
            backlog, rescue_beam_size=c.backlog_rescue_beam_size, rescue_below=c.backlog_rescue_logprob
        )  # a batch's unsure finals decoded again with a wider beam (backlog_rescue_beam_size)
        self._backlog_opts = backlog.within(c.backlog_encoder_window_s, c.backlog_encoder_pad_s)  # the pack's own
        # a backlog pack with more than backlog_beam_max_queued finals queued behind it: the partials' beam
        self._deep_backlog_opts = dataclasses.replace(self._backlog_opts, beam_size=c.beam_size)
        self._gap = seconds_to_samples(c.pack_gap_s)
        self._window = seconds_to_samples(c.pack_window_s) if c.pack else 0
        loaded_s = min(c.loaded_pack_window_s or c.pack_window_s, c.pack_window_s)  # never above pack_window_s
        self._loaded_window = seconds_to_samples(loaded_s) if c.pack else 0
        self._partial_window = seconds_to_samples(c.partial_pack_s) if c.pack else 0
        self._margin = int(0.4 * self._gap)
        self._clock = clock
        self._finals: deque[_Job] = deque()
        self._partials: deque[_Job] = deque()
        self._cond = threading.Condition()
        self._stopped = False
        self._partials_running = 0
        self._finals_running = 0
        self._calls = 0  # stages attached (live calls): see ``light_load_calls``
        self._last_final_at = float("-inf")  # when a final was last submitted or promoted (clock s)
        self._partial_gap = {Lane.CUSTOMER: c.customer_partial_gap_s, Lane.AGENT: c.agent_partial_gap_s}
        self._started_perf = time.perf_counter()
        self._stats = SchedulerStats()
        self._timeline = Timeline.from_env()  # the profiling flag: each final's and decode's times to a file
        self.decoders = max(c.workers + self._split, c.loaded_workers)
        """How many packs may be decoded at once: ``workers``, plus the partials' own decoder (under load
        ``loaded_workers`` when more)."""
        self.threads = self.decoders if threads is None else threads
        self._workers = [
            threading.Thread(target=self._loop, name=f"coach-asr-{i}", daemon=True) for i in range(self.threads)
        ]
        for worker in self._workers:
            worker.start()
        if self._partial_starter is not None:
            self._partial_starter.start()
        if self._loaded_starter is not None:
            self._loaded_starter.start()

    def _start_partials_decoder(self) -> None:
        """Start the partials' child process (``partial_decoder_nice``) and hand it the partials once
        its model is loaded; if it fails, partials stay with the finals' decoder."""
        c = self.config

        def install(processes: DecodeProcesses) -> None:
            self._partial_processes = processes
            self._decode_partial = processes.decode
            self._partials_ready.set()

        self._start_beside(
            lambda: DecodeProcesses(c, 1, nice=c.partial_decoder_nice, name="coach-asr-partial-proc"),
            install,
            "asr partials' decoder did not start; partials stay with the finals' decoder",
        )

    def _start_loaded_decoders(self) -> None:
        """Start the ``loaded_workers`` single-threaded child processes and hand them the packs taken under
        load once their models are loaded; if they fail, every pack stays with the ``workers``."""
        c = self.config

        def install(processes: DecodeProcesses) -> None:
            self._loaded_processes = processes
            self._decode_loaded = processes.decode
            self._decode_loaded_batch = processes.decode_batch if c.backlog_batch else None
            self._loaded_ready.set()

        self._start_beside(
            lambda: DecodeProcesses(
                dataclasses.replace(c, cpu_threads=1), c.loaded_workers, name="coach-asr-loaded-proc"
            ),
            install,
            "asr decoders for load did not start; packs stay with the finals' decoder",
        )

    def _start_beside(
        self, start: Callable[[], DecodeProcesses], install: Callable[[DecodeProcesses], None], failed: str
    ) -> None:
        """``start()`` the children of a decoder started beside the finals' one and ``install`` them (lock
        held) once their models are loaded; log ``failed`` if they do not start, close them if the scheduler
        stopped meanwhile."""
        try:
            processes = start()
        except Exception:
            log.exception(failed)
            return
        with self._cond:
            if self._stopped:
                processes.close()
                return
            install(processes)
            self._cond.notify_all()

    def loaded_decoders_ready(self, timeout: float | None = None) -> bool:
        """Wait at most ``timeout`` seconds for the decoders kept for load; True once they take packs under
        load (False without ``loaded_workers``)."""
        return bool(self.config.loaded_workers) and self._loaded_ready.wait(timeout)

    @property
    def under_load(self) -> bool:
        """True while at least ``loaded_calls`` calls are attached (:meth:`attach`): the ``loaded_*`` settings apply
        (the stages read it for ``loaded_agent_single_commit_p``). Read with or without the lock: one int read, at
        worst a step late while a call attaches or leaves."""
        return self._calls >= self.config.loaded_calls

    def _loaded(self) -> bool:
        """True while packs go to the single-threaded decoders (``loaded_workers``): they are ready and at least
        ``loaded_calls`` calls are attached (lock held)."""
        return self._loaded_ready.is_set() and self.under_load

    def partials_decoder_ready(self, timeout: float | None = None) -> bool:
        """Wait at most ``timeout`` seconds for the partials' own decoder; True once it takes partials
        (False without ``partial_decoder_nice``)."""
        return self._split and self._partials_ready.wait(timeout)

    # ---- stages' side ------------------------------------------------------------------------

    def submit(self, req: DecodeRequest) -> Future[DecodeResult]:
        """Queue a request; the future resolves to its :class:`DecodeResult` (:data:`SHED` for a
        partial that was shed, an exception if the decoder failed)."""
        job = _Job(req, Future(), self._clock(), req.kind == FINAL)
        with self._cond:
            if self._stopped:
                raise RuntimeError("decode scheduler stopped")
            (self._finals if job.final else self._partials).append(job)
            if job.final:
                self._last_final_at = job.queued_at
            self._cond.notify()
        return job.future

    def promote(self, req: DecodeRequest) -> bool:
        """Decode the queued partial ``req`` (the very object submitted) as a final: with the next pack
        of finals, the finals' beam, never shed. False when it is no longer queued (being decoded,
        done or shed)."""
        with self._cond:
            for job in self._partials:
                if job.req is req:
                    self._partials.remove(job)
                    job.final, job.queued_at = True, self._clock()  # a final requested now
                    self._finals.append(job)
                    self._last_final_at = job.queued_at
                    self._stats.promoted += 1
                    self._cond.notify()
                    return True
        return False

    def withdraw(self, req: DecodeRequest) -> bool:
        """Take the queued final ``req`` (the very object submitted) back undecoded: its future
        resolves to :data:`SHED`. For a provisional final whose turn went on (:mod:`coach.asr.endpoint`),
        never for a turn's final. False when it is no longer queued (being decoded or done)."""
        with self._cond:
            for job in self._finals:
                if job.req is req:
                    self._finals.remove(job)
                    self._stats.withdrawn += 1
                    job.future.set_result(SHED)
                    return True
        return False

    def attach(self) -> None:
        """A call (one stage) starts using the scheduler: counted for ``light_load_calls``."""
        with self._cond:
            self._calls += 1

    def detach(self) -> None:
        """A call attached with :meth:`attach` ended (call it once per attach)."""
        with self._cond:
            self._calls = max(0, self._calls - 1)
            self._cond.notify_all()

    def _light(self) -> bool:
        """True while at most ``light_load_calls`` calls are attached (0: always; lock held)."""
        limit = self.config.light_load_calls
        return limit == 0 or self._calls <= limit

    def stats(self) -> dict[str, Any]:
        """Queue and counters as a JSON-ready dict (``/api/health``)."""
        now = self._clock()
        with self._cond:
            s = self._stats
            oldest = min((j.queued_at for j in self._finals), default=now)
            return {
                "threads": self.threads,
                "queued_finals": len(self._finals),
                "queued_partials": len(self._partials),
                "oldest_final_s": round(now - oldest, 3),
                "final_wait_max_s": round(s.final_wait_max_s, 3),
                "final_wait_p50_s": _percentile(s.final_waits_s, 50),
                "final_wait_p95_s": _percentile(s.final_waits_s, 95),
                "final_decode_p50_s": _percentile(s.final_decodes_s, 50),
                "final_decode_p95_s": _percentile(s.final_decodes_s, 95),
                "final_tail": final_tail(s.final_timings),
                "windows": s.windows,
                "final_slots": s.final_slots,
                "partial_slots": s.partial_slots,
                "promoted": s.promoted,
                "greedy_final_packs": s.greedy_final_packs,
                "greedy_final_slots": s.greedy_final_slots,
                "refused": s.refused,
                "refused_by": dict(sorted(s.refused_by.items())),
                "shed": s.shed,
                "withdrawn": s.withdrawn,
                "nice_partial_slots": s.nice_partial_slots,
                "loaded_windows": s.loaded_windows,
                "requeued": s.requeued,
                "calls": self._calls,
                "errors": s.errors,
                "worker_cpu_s": round(self._workers_cpu_s(), 2),
                "process_cpu_s": (
                    round(sum(p.cpu_s() for p in self._all_processes() if p is not None), 2)
                    if self._processes is not None
                    else None
                ),
                "busy": round(
                    s.busy_s / max(1e-9, (time.perf_counter() - self._started_perf) * max(1, self.threads)), 3
                ),
            }

    def _workers_cpu_s(self) -> float:
        """CPU seconds the worker threads used (their own CPU clocks: the model's Python work and the
        CTranslate2 work on those threads, not CTranslate2's helper threads)."""
        total = 0.0
        for worker in self._workers:
            if worker.is_alive() and worker.ident is not None:
                try:
                    total += time.clock_gettime(time.pthread_getcpuclockid(worker.ident))
                except (OSError, AttributeError):  # a thread that ended meanwhile; platforms without it
                    continue
        return total

    def stop(self) -> None:
        """Stop the workers after the queued finals (partials are shed)."""
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        for worker in self._workers:
            worker.join()
        for starter in (self._partial_starter, self._loaded_starter):
            if starter is not None and starter.is_alive():
                starter.join()  # it closes the children it started once it sees the stop
        for processes in self._all_processes():
            if processes is not None:
                processes.close()

    def _all_processes(self) -> tuple[DecodeProcesses | None, ...]:
        """The finals', the partials' and the loaded decoders' child processes (None where not started)."""
        return (self._processes, self._partial_processes, self._loaded_processes)

    # ---- workers -----------------------------------------------------------------------------

    def step(self, defer: Callable[[Callable[[], None]], None] | None = None) -> bool:
        """Decode one pack on the calling thread; False when nothing was queued.

        ``defer`` (simulations on audio time) receives the function that hands the results to the
        waiting futures, to call when the simulated decode has finished; without it they are handed
        over at once."""
        with self._cond:
            jobs, opts = self._take()
        if not jobs:
            return False
        self._run(jobs, opts, defer)
        return True

    def drain(self) -> None:
        """:meth:`step` until the queue is empty."""
        while self.step():
            pass

    def _loop(self) -> None:
        with os_thread_name(threading.current_thread().name):  # its CPU told apart in /proc
            self._work()

    def _work(self) -> None:
        while True:
            with self._cond:
                jobs, opts = self._take()
                while not jobs and not self._stopped:
                    self._cond.wait(self._until_partial_free())
                    jobs, opts = self._take()
                if not jobs:
                    return
            self._run(jobs, opts)

    def _take(self) -> tuple[list[_Job], DecodeOptions]:
        """The next pack and how to decode it (lock held): queued finals first, else the partials that
        waited longest. While finals wait, partials older than ``partial_max_wait_s`` are shed (their
        lanes ask again with newer audio); with no final waiting, a partial is decoded however long it
        waited, unless its lane waits for a pause of the finals (:meth:`_held_back`; held back longer
        than ``partial_max_wait_s``, it is shed)."""
        loaded = self._loaded()  # the single-threaded decoders kept for load take every pack
        split = self._split and self._partials_ready.is_set() and self._light() and not loaded  # the partials' one
        running = self._finals_running + self._partials_running
        if loaded and running >= self.config.loaded_workers:
            return [], self._partial_opts
        if (
            not loaded
            and (self._split and not split or self.config.loaded_workers)
            and running >= (self.config.workers + split)
        ):
            return [], self._partial_opts  # loaded: one pack per finals' decoder, as without the partials' one
        now = self._clock()
        wait = self.config.partial_max_wait_s
        while self._partials and (self._stopped or (self._finals and now - self._partials[0].queued_at > wait)):
            job = self._partials.popleft()
            self._stats.shed += 1
            job.future.set_result(SHED)
        for job in [j for j in self._partials if now - j.queued_at > wait and self._held_back(j, now)]:
            self._partials.remove(job)  # stale while held back: its lane asks again with newer audio
            self._stats.shed += 1
            job.future.set_result(SHED)
        queue = self._finals
        order = list(queue)  # oldest first (the queue stays so: the oldest partial is shed first)
        if self.config.agent_finals_first:  # the language rules read the agent's finals
            order.sort(key=lambda j: j.req.lane is not Lane.AGENT)
        if split and queue and self._finals_running >= self.config.workers:
            order = []  # the finals' decoders are busy (the partials' one never takes a final)
        elif (
            not queue
            and self._partials_running < self.config.partial_workers
            and (loaded or not self._finals_running_split())
        ):
            queue = self._partials
            order = [j for j in queue if not self._held_back(j, now)]
            if self.config.agent_partials_first:  # the language rules read the agent
                order.sort(key=lambda j: j.req.lane is not Lane.AGENT)
        if not order:
            return [], self._partial_opts
        window = self._finals_window() if queue is self._finals else self._partial_window
        if window:
            lengths = [len(j.req.pcm) - (self._pre_roll(j.req) if i else 0) for i, j in enumerate(order)]
            n = fits(lengths, gap=self._gap, window=window)
            # the finals back up when more are queued than one pack_window_s window holds (loaded_pack_window_s
            # only makes the packs smaller: a queue a full window would take is no backlog)
            held = fits(lengths, gap=self._gap, window=self._window) if queue is self._finals else n
        else:
            n = held = 1
        jobs = order[:n]
        for job in jobs:
            queue.remove(job)
            job.loaded = loaded
            job.taken_at = now
        if jobs[0].final:
            self._finals_running += 1
            waited = now - min(j.queued_at for j in jobs)
            self._stats.final_wait_max_s = max(self._stats.final_wait_max_s, waited)
            self._stats.final_waits_s.extend(now - j.queued_at for j in jobs)
            backlog = self.config.final_greedy_backlog_s
            many = 0 < self.config.backlog_pack_finals <= len(jobs)
            behind = len(order) > held  # finals left queued that one full pack could not have held
            if backlog and (waited >= backlog or behind or many):  # finals back up: the cheaper decode
                self._stats.greedy_final_packs += 1
                self._stats.greedy_final_slots += len(jobs)
                deep = -1 < self.config.backlog_beam_max_queued < len(self._finals)
                return jobs, self._deep_backlog_opts if deep else self._backlog_opts
            return jobs, self._loaded_final_opts if self.under_load else self._final_opts
        self._partials_running += 1
        for job in jobs:
            job.nice = split
        return jobs, self._lone_partial_opts if n == 1 else self._partial_opts

    def _requeue(self, refused: list[_Job]) -> list[_Job]:
        """``refused_next_pack``: the refused finals (oldest first) put back at the head of the finals' queue, each
        once, to be decoded with the next pack (a window of their own only if refused there too) instead of each
        alone in a padded window now; the ones put back. Empty when off or stopped."""
        back = [job for job in refused if self.config.refused_next_pack and not job.requeued]
        if not back:
            return []
        with self._cond:
            if self._stopped:
                return []
            for job in reversed(back):
                job.requeued = True
                self._finals.appendleft(job)
            self._stats.requeued += len(back)
            self._cond.notify()
        return back

    def backlog(self, opts: DecodeOptions) -> bool:
        """True when ``opts`` are a backlog pack's (``final_greedy_backlog_s``), of either beam."""
        return opts is self._backlog_opts or opts is self._deep_backlog_opts

    def _pre_roll(self, req: DecodeRequest) -> int:
        """Samples of ``req``'s edge pre-roll (the quiet before its turn, ``edge_pre_roll_s``) that a pack
        leaves out after its first slot: the pack's silent gap is then the quiet the turn begins out of,
        and the window holds as many turns as without the pre-roll. 0 with ``pack_pre_roll`` or none."""
        if self.config.pack_pre_roll or req.words_from is None:
            return 0
        return max(0, min(len(req.pcm) - 1, req.words_from - req.start))

    def _finals_running_split(self) -> bool:
        """True when partials must wait because a final is being decoded (``partial_decoder_nice``
        only; lock held): the partials' decoder runs only while the finals' decoders are idle."""
        return self._split and self._finals_running > 0

    def _held_back(self, job: _Job, now: float) -> bool:
        """True when ``job`` (a partial) waits for its lane's pause of the finals, or for the load to fall
        below ``loaded_calls`` (``loaded_partials`` false; lock held)."""
        return self._partials_off() or now - self._last_final_at < self._partial_gap[job.req.lane]

    def _partials_off(self) -> bool:
        """True while no partial is decoded: ``loaded_partials`` false and at least ``loaded_calls`` calls
        attached (lock held)."""
        return not self.config.loaded_partials and self.under_load

    def _until_partial_free(self) -> float | None:
        """Seconds until a queued partial held back by its lane's gap may be taken (lock held); None when none is
        held back (the workers then wait for a submission)."""
        if (
            not self._partials
            or self._finals
            or self._partials_running >= self.config.partial_workers
            or self._finals_running_split()
            or self._partials_off()  # held until a submission or a detach, not for a while
        ):
            return None
        now = self._clock()
        waits = [self._last_final_at + self._partial_gap[j.req.lane] - now for j in self._partials]
        return max(0.001, min(waits)) if all(w > 0 for w in waits) else None

    def _finals_window(self) -> int:
        """Samples a pack of finals may hold (0: no packing): ``loaded_pack_window_s`` while at least
        ``loaded_calls`` calls are attached, else ``pack_window_s`` (lock held)."""
        return self._loaded_window if self.under_load else self._window

    def _chunks(self, jobs: list[_Job], opts: DecodeOptions) -> list[list[int]]:
        """The slots of ``jobs`` by decode: one list for a pack, but a backed-up pack of finals decoded as a
        batch in parts of at most ``backlog_batch_rows`` rows (0: one batch), oldest first, their sizes as even
        as they go (the first part the smaller), so the finals that waited longest are handed over after their
        part instead of after the whole batch. Each part's windows follow its own longest final (at least
        ``backlog_encoder_window_s``, so mostly the whole batch's)."""
        rows, n = self.config.backlog_batch_rows, len(jobs)
        loaded = jobs[0].loaded and self._decode_loaded is not None
        batch = self._decode_loaded_batch if loaded else self._decode_batch
        if not (jobs[0].final and self.backlog(opts) and batch is not None):
            return [list(range(n))]
        return batch_parts(n, rows)

    def _decode_pack(
        self, jobs: list[_Job], opts: DecodeOptions, why: dict[int, str], *, as_batch: bool = False
    ) -> list[DecodeResult | BaseException | None]:
        """Decode ``jobs`` once: one alone (unless ``as_batch``: a part of a backlog batch), a backed-up pack of
        finals as one batch, else packed in one window and split back. ``None`` for a slot the split or the batch
        refused (its reason in ``why``); a failed decode is every slot's exception (the stage then keeps the
        turn's committed words)."""
        alone, decode_batch = self._decode, self._decode_batch
        if jobs[0].loaded and self._decode_loaded is not None:
            alone, decode_batch = self._decode_loaded, self._decode_loaded_batch
        decode = self._decode_partial if jobs[0].nice else alone
        results: list[DecodeResult | BaseException | None]
        try:
            if len(jobs) == 1 and not as_batch:
                req = jobs[0].req
                return [result_of(decode(req.pcm, req.prompt, opts), len(req.pcm) / SAMPLE_RATE, 0.0)]
            if jobs[0].final and self.backlog(opts) and decode_batch is not None:
                batch = decode_batch([j.req.pcm for j in jobs], opts)
                results = [
                    None if segs is None else result_of(segs, len(j.req.pcm) / SAMPLE_RATE, 0.0)
                    for j, segs in zip(jobs, batch, strict=True)
                ]
            else:
                trims = [0] + [self._pre_roll(j.req) for j in jobs[1:]]
                window, slots = pack([j.req.pcm[t:] for j, t in zip(jobs, trims, strict=True)], gap=self._gap)
                parts = split(decode(window, None, opts), slots, margin=self._margin, reasons=why)
                results = [_later(r, t) for r, t in zip(parts, trims, strict=True)]
        except Exception as exc:  # the stage turns an error into an empty result (the turn is kept)
            log.exception("asr decode failed", extra={"slots": len(jobs), "kind": jobs[0].req.kind})
            return [exc] * len(jobs)
        for i, r in enumerate(results):
            if r is None:
                why.setdefault(i, "batch_short")
            elif _cut_short(jobs[i].req, r):
                results[i] = None
                why[i] = "cut_short"
        return results

    def _count(
        self,
        jobs: list[_Job],
        results: list[DecodeResult | BaseException | None],
        refused: list[int],
        why: dict[int, str],
        decoded_s: list[float],
        elapsed: float,
        again: int = 0,
    ) -> None:
        """A pack's figures into the stats: its windows (``again``: the refused finals' decodes, one batch or
        each alone), slots, refusals by reason, errors, busy time, and when each final was handed over
        (``decoded_s``)."""
        final = jobs[0].final
        with self._cond:
            s = self._stats
            s.windows += 1 + again
            if final:
                s.final_slots += len(jobs)
                s.final_decodes_s.extend(decoded_s)
            else:
                s.partial_slots += len(jobs)
                s.nice_partial_slots += len(jobs) if jobs[0].nice else 0
            s.loaded_windows += 1 if jobs[0].loaded else 0
            s.refused += len(refused)
            for i in refused:
                key = f"{'final' if final else 'partial'}:{why.get(i, 'other')}"
                s.refused_by[key] = s.refused_by.get(key, 0) + 1
            s.shed += 0 if final else len(refused)
            s.errors += sum(isinstance(r, BaseException) for r in results)
            s.busy_s += elapsed

    def _time_finals(self, jobs: list[_Job], done_at: list[float], shape: str, refused: set[int]) -> None:
        """Each final of a pack into ``final_timings``: its wait, its decode until handed over (``done_at``, the
        scheduler's clock), how it was decoded (``shape``; a refused slot's ``again``: decoded once more)."""
        hows = [f"{shape}, again" if i in refused else shape for i in range(len(jobs))]
        timed = list(zip(jobs, done_at, hows, strict=True))
        with self._cond:
            self._stats.final_timings.extend(
                FinalTiming(job.taken_at - job.queued_at, done - job.taken_at, how, job.req.lane is Lane.AGENT)
                for job, done, how in timed
            )
        if self._timeline is not None:  # the profiling flag (``coach.asr.timeline``)
            for job, done, how in timed:
                req = job.req
                end_s = req.speech_end / SAMPLE_RATE
                self._timeline.final(req.lane.value, req.utt, end_s, job.queued_at, job.taken_at, done, how)

    def _rebatch(self, jobs: list[_Job], refused: list[int], opts: DecodeOptions) -> dict[int, DecodeResult]:
        """``refused_batch``: a packed window's refused finals decoded again as ONE batch, each in its own window
        of the backlog's length with the pack's beam; their results by slot. A row the batch refuses (or cuts
        short) is left out: it is decoded alone as before. Empty when off, nothing was refused, the pack was
        a batch already (its refused rows stopped short in that window) or there is no batch decoder."""
        c = self.config
        batch = self._decode_loaded_batch if jobs[0].loaded and self._decode_loaded is not None else self._decode_batch
        if not (c.refused_batch and refused and batch is not None) or self.backlog(opts):
            return {}
        reqs = [jobs[i].req for i in refused]
        try:
            out = batch([r.pcm for r in reqs], opts.within(c.backlog_encoder_window_s, c.backlog_encoder_pad_s))
        except Exception:  # each is then decoded alone, as without the setting
            log.exception("asr decode failed", extra={"slots": len(reqs), "kind": "refused batch"})
            return {}
        results = {}
        for i, req, segs in zip(refused, reqs, out, strict=True):
            result = None if segs is None else result_of(segs, len(req.pcm) / SAMPLE_RATE, 0.0)
            if result is not None and not _cut_short(req, result):
                results[i] = result
        return results

    def _run(
        self, jobs: list[_Job], opts: DecodeOptions, defer: Callable[[Callable[[], None]], None] | None = None
    ) -> None:
        final = jobs[0].final
        started, clock_started = time.perf_counter(), self._clock()
        why: dict[int, str] = {}  # refused slot -> reason
        loaded = jobs[0].loaded and self._decode_loaded is not None
        alone = self._decode_loaded if loaded else self._decode
        chunks = self._chunks(jobs, opts)  # one decode, or a backlog batch in parts (``backlog_batch_rows``)
        results: list[DecodeResult | BaseException | None] = [None] * len(jobs)
        total = sum(len(j.req.pcm) for j in jobs) or 1
        handed: dict[int, float] = {}  # slot -> when it was handed over before the pack's end (s)
        handed_at: dict[int, float] = {}  # the same on the scheduler's clock (``FinalTiming``)

        def deliver(indices: list[int], elapsed: float) -> None:
            for i in indices:
                job, result = jobs[i], results[i]
                if isinstance(result, BaseException):
                    job.future.set_exception(result)
                elif result is None:
                    job.future.set_result(SHED)
                else:
                    job.future.set_result(dataclasses.replace(result, latency_s=elapsed * len(job.req.pcm) / total))

        def hand_over(indices: list[int]) -> None:
            at = time.perf_counter() - started
            handed.update(dict.fromkeys(indices, at))
            handed_at.update(dict.fromkeys(indices, self._clock()))
            if defer is None:
                deliver(indices, at)
            else:
                defer(lambda: deliver(indices, at))

        early = final and self.config.early_delivery
        for n, rows in enumerate(chunks):
            part_why: dict[int, str] = {}
            part = self._decode_pack([jobs[i] for i in rows], opts, part_why, as_batch=len(chunks) > 1)
            for i, result in zip(rows, part, strict=True):
                results[i] = result
            why.update({rows[k]: reason for k, reason in part_why.items()})
            if early and n < len(chunks) - 1:  # the older rows need not wait for the next part's batch
                hand_over([i for i in rows if results[i] is not None])
        refused = [i for i, r in enumerate(results) if r is None]
        if early and refused and len(refused) + len(handed) < len(jobs):
            # the pack's trusted finals need not wait for the refused ones' decodes alone
            hand_over([i for i in range(len(jobs)) if i not in refused and i not in handed])
        rebatched = self._rebatch(jobs, refused, opts) if final else {}
        for i, result in rebatched.items():
            results[i] = result
        left = [i for i in refused if i not in rebatched] if final else []
        back = {id(job) for job in self._requeue([jobs[i] for i in left])}  # decoded with the next pack instead
        left = [i for i in left if id(jobs[i]) not in back]
        if early and rebatched and left:  # the batch's finals need not wait for the decodes alone
            hand_over(list(rebatched))
        for n, i in enumerate(left):
            req = jobs[i].req
            try:
                results[i] = result_of(alone(req.pcm, req.prompt, opts), len(req.pcm) / SAMPLE_RATE, 0.0)
            except Exception as exc:
                log.exception("asr decode failed", extra={"slots": 1, "kind": req.kind})
                results[i] = exc
            if early and n < len(left) - 1:  # nor a refused one for the next one's decode alone
                hand_over([i])
        elapsed = time.perf_counter() - started
        again = (1 if rebatched else 0) + len(left)  # one batch, then each alone
        again += len(chunks) - 1  # a backlog batch's later parts
        self._count(jobs, results, refused, why, [handed.get(i, elapsed) for i in range(len(jobs))], elapsed, again)
        if self._timeline is not None:
            what = ("backlog" if self.backlog(opts) else "finals") if final else "partials"
            self._timeline.decode(what, clock_started, self._clock(), len(jobs))
        if final:
            done = self._clock()
            shape = final_shape(len(jobs), opts.beam_size, self.backlog(opts) and self._decode_batch is not None)
            timed = [i for i in range(len(jobs)) if id(jobs[i]) not in back]  # put back: timed with its next pack
            at = [handed_at.get(i, done) for i in timed]
            self._time_finals([jobs[i] for i in timed], at, shape, {timed.index(i) for i in refused if i in timed})

        def publish() -> None:
            with self._cond:
                if final:
                    self._finals_running -= 1
                else:
                    self._partials_running -= 1
                self._cond.notify_all()
            deliver([i for i in range(len(jobs)) if i not in handed and id(jobs[i]) not in back], elapsed)

        if defer is None:
            publish()
        else:
            defer(publish)


def _later(result: DecodeResult | None, samples: int) -> DecodeResult | None:
    """``result`` of audio decoded ``samples`` after the start of its request's audio, with its word
    times (seconds) and duration counted from that start."""
    if result is None or not samples:
        return result
    shift = samples / SAMPLE_RATE
    words = tuple(dataclasses.replace(w, start=w.start + shift, end=w.end + shift) for w in result.words)
    return dataclasses.replace(result, words=words, duration_s=result.duration_s + shift)


def batch_parts(n: int, rows: int) -> list[list[int]]:
    """Rows ``0..n-1`` of a batch in the parts it is decoded in (``backlog_batch_rows``): at most ``rows`` each (0:
    one part), in order, their sizes as even as they go, the first the smaller (``batch_parts(5, 2)``: 1, 2, 2)."""
    if not rows or n <= rows:
        return [list(range(n))]
    parts = -(-n // rows)
    bounds = [n * k // parts for k in range(parts + 1)]
    return [list(range(a, b)) for a, b in zip(bounds, bounds[1:], strict=False)]


def final_shape(slots: int, beam: int, batch: bool) -> str:
    """How a pack of ``slots`` finals was decoded, for :class:`FinalTiming`: ``alone``, ``pack`` (one shared
    window) or ``batch`` (a backlog batch, each in its own window), and its beam (``greedy`` for 1)."""
    kind = "alone" if slots == 1 else "batch" if batch else "pack"
    return f"{kind} {'greedy' if beam <= 1 else f'beam {beam}'}"


TAIL_Q = 90
"""The finals :func:`final_tail` describes: those whose wait plus decode is at or above this percentile."""


def final_tail(timings: deque[FinalTiming] | list[FinalTiming], q: float = TAIL_Q) -> dict[str, Any] | None:
    """Which finals make the scheduler's tail and why (``/api/health``; the capacity bench prints it): over
    the finals whose wait plus decode is at least its ``q``-th percentile, how many (``finals``; ``agent`` of
    them of an agent lane), the percentile (``cut_s``), their mean wait and mean decode (seconds of the
    scheduler's clock), and how many were decoded each way (:func:`final_shape`; ``, again``: refused in
    their pack and decoded once more). Only a final's time in the scheduler: the VAD's hangover before it
    and the publishing after it are not in it. None before the first final."""
    if not timings:
        return None
    totals = [t.wait_s + t.decode_s for t in timings]
    cut = float(np.percentile(totals, q))
    tail = [t for t, total in zip(timings, totals, strict=True) if total >= cut]
    how: dict[str, int] = {}
    for t in tail:
        how[t.how] = how.get(t.how, 0) + 1
    return {
        "finals": len(tail),
        "agent": sum(t.agent for t in tail),
        "cut_s": round(cut, 3),
        "wait_s": round(float(np.mean([t.wait_s for t in tail])), 3),
        "decode_s": round(float(np.mean([t.decode_s for t in tail])), 3),
        "how": dict(sorted(how.items(), key=lambda kv: (-kv[1], kv[0]))),
    }


def _percentile(values: deque[float], q: float) -> float | None:
    """The ``q``-th percentile of ``values`` in seconds, rounded to ms (None when empty)."""
    return round(float(np.percentile(list(values), q)), 3) if values else None


def _cut_short(req: DecodeRequest, result: DecodeResult | BaseException | None) -> bool:
    """True when a packed slot's words stop ``CUT_SHORT_S`` or more before the end of its speech
    (Whisper may end a window early): the slot is then decoded again alone (finals) or shed."""
    if not isinstance(result, DecodeResult) or not result.words:
        return False
    speech_end_s = (req.speech_end - req.start) / SAMPLE_RATE
    return speech_end_s - result.words[-1].end >= CUT_SHORT_S


_SHARED: dict[tuple[Any, ...], DecodeScheduler] = {}
_SHARED_LOCK = threading.Lock()


def shared_scheduler(config: AsrConfig | None = None) -> DecodeScheduler:
    """The process-wide scheduler for ``config``'s model and scheduling settings (started on first
    use; every live call of the process shares it). Every setting the scheduler, its decode options
    (:class:`DecodeOptions`) or its decode processes read is in the key: a config differing in one gets a
    scheduler of its own, never one built for another's (a product process has one ``[asr]``: one scheduler)."""
    c = config or AsrConfig()
    key = (
        c.model,
        c.compute_type,
        c.workers,
        c.partial_workers,
        c.partial_decoder_nice,
        c.light_load_calls,
        c.loaded_workers,
        c.loaded_calls,
        c.final_beam_size,
        c.loaded_final_beam_size,
        c.loaded_final_encoder_window_s,
        c.final_greedy_backlog_s,
        c.backlog_beam_size,
        c.backlog_encoder_window_s,
        c.backlog_encoder_pad_s,
        c.backlog_batch,
        c.backlog_batch_rows,
        c.final_encoder_window_s,
        c.final_encoder_pad_s,
        c.partial_encoder_window_s,
        c.partial_encoder_pad_s,
        c.pack,
        c.pack_gap_s,
        c.pack_window_s,
        c.loaded_pack_window_s,
        c.pack_pre_roll,
        c.partial_pack_s,
        c.refused_batch,
        c.partial_max_wait_s,
        c.agent_partials_first,
        c.agent_finals_first,
        c.customer_partial_gap_s,
        c.agent_partial_gap_s,
        c.loaded_partials,
        c.refused_next_pack,
        c.beam_size,
        c.language,
        c.decode_process,
        c.backlog_pack_finals,
        c.backlog_beam_max_queued,
        c.backlog_rescue_beam_size,
        c.backlog_rescue_logprob,
        c.early_delivery,
        c.decode_keep_heap,
        c.encoder_window_s,  # and the rest of what DecodeOptions.from_config & co. read
        c.encoder_pad_s,
        c.continuation_window_s,
        c.final_loop_again_beam,
        c.temperatures,
        c.without_timestamps,
        c.guards,
        c.cpu_threads,  # the engines' threads (in-process, get_engine loads one per cpu_threads and workers)
        c.cpu_isa,
    )
    with _SHARED_LOCK:
        scheduler = _SHARED.get(key)
        if scheduler is None:
            scheduler = DecodeScheduler(c)
            _SHARED[key] = scheduler
        return scheduler


def scheduler_stats() -> list[dict[str, Any]]:
    """:meth:`DecodeScheduler.stats` of every shared scheduler of this process (usually one)."""
    with _SHARED_LOCK:
        schedulers = list(_SHARED.values())
    return [s.stats() for s in schedulers]
