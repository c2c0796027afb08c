"""The transcription stage of one call: one :class:`LaneTranscriber` per lane and a shared decoder.

Call every method from one thread (the pipeline's). In ``sync`` mode decodes run inline inside
:meth:`TranscriptionStage.poll` (deterministic: a replay gives the same events every time). In
``threaded`` mode :meth:`~TranscriptionStage.poll` never waits for the model; decodes run either

* on the process's shared :class:`coach.asr.scheduler.DecodeScheduler` (live calls, default): every
  final is submitted at once (the scheduler decodes finals first, packed with other calls' finals),
  and each lane keeps at most one partial outstanding, so when the model is busy its due partials
  coalesce (only the newest audio is decoded) and partials the scheduler sheds are asked again (a
  partial a final is held for is promoted to the finals' queue, so it is never shed); or
* on an executor (the engine's worker thread, or an injected one), at most one decode per stage in
  flight: finals first (oldest first), then the lane whose partial has waited longest.

Finished decodes are applied in submission order (a lane's finals strictly in order); each poll
that sees new coalesced or shed partials emits an ``asr.backlog`` event. Finals are never dropped; a final
decode whose words the guards (:mod:`coach.asr.guards`) kept from the transcript, all or some, is preceded by
an ``asr.withheld`` event (``speaker``, ``utt``, ``end``, ``reason``, ``words``: how many; ``replaced_by``:
"heard" when the partials' words stand in; never the text).

Tests and benchmarks may inject the ``executor``: an :class:`coach.asr.audiotime.AudioTimeExecutor`
makes decodes complete on audio time (the stage advances its clock to the position passed to
:meth:`~TranscriptionStage.poll`), so falling behind is deterministic.
"""

from __future__ import annotations

import dataclasses
import logging
import time
import weakref
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from coach.asr.audiotime import AudioTimeExecutor
from coach.asr.config import AsrConfig
from coach.asr.engine import DecodeOptions, DecodeResult, WhisperEngine, get_engine
from coach.asr.scheduler import SHED, DecodeScheduler, shared_scheduler
from coach.asr.stream import FINAL, DecodeRequest, LaneTranscriber
from coach.types import SAMPLE_RATE, AudioChunk, Event, Lane

log = logging.getLogger(__name__)

DecodeFn = Callable[[np.ndarray, "str | None"], DecodeResult]
"""``decode(pcm_16k_float32, prompt) -> DecodeResult``; blocking."""


@dataclass(slots=True)
class AsrStats:
    """Counters of one stage (read from the owner thread)."""

    partial_decodes: int = 0
    final_decodes: int = 0
    decode_s: float = 0.0
    max_decode_s: float = 0.0
    coalesced: int = 0
    superseded: int = 0
    stale: int = 0
    cuts: int = 0
    forced_cuts: int = 0
    finals_from_partial: int = 0
    errors: int = 0
    shed: int = 0
    rejected: Counter[str] = field(default_factory=Counter)


class TranscriptionStage:
    """Streaming ASR for the lanes of one call (see module docstring for threading and ordering)."""

    def __init__(
        self,
        config: AsrConfig | None = None,
        *,
        engine: WhisperEngine | None = None,
        decode: DecodeFn | None = None,
        lanes: Iterable[Lane] = (Lane.AGENT, Lane.CUSTOMER),
        executor: Executor | AudioTimeExecutor | None = None,
        scheduler: DecodeScheduler | None = None,
    ) -> None:
        """Threaded mode decodes through ``scheduler`` (default: the process's shared scheduler when
        ``config.shared_scheduler`` and neither ``decode`` nor ``executor`` is given), else on
        ``executor`` (default: the engine's worker threads), one decode in flight per stage. The
        stage never shuts an injected executor or scheduler down."""
        self.config = c = config or AsrConfig()
        self._executor: Executor | AudioTimeExecutor | None = None
        self._scheduler: DecodeScheduler | None = None
        self._owns_executor = False
        if c.mode == "threaded" and scheduler is None and executor is None and decode is None and c.shared_scheduler:
            scheduler = shared_scheduler(c)
        if decode is None and scheduler is None:
            engine = engine or get_engine(c)
            partial_opts = DecodeOptions.partial_from_config(c)
            final_opts = DecodeOptions.final_from_config(c)

            def decode(pcm: np.ndarray, prompt: str | None) -> DecodeResult:
                return engine.transcribe(pcm, prompt=prompt, options=partial_opts)

            def decode_final(pcm: np.ndarray, prompt: str | None) -> DecodeResult:
                return engine.transcribe(pcm, prompt=prompt, options=final_opts)

        else:
            decode_final = decode  # type: ignore[assignment]
        self._detach: weakref.finalize | None = None
        if c.mode == "threaded" and scheduler is not None:
            self._scheduler = scheduler
            scheduler.attach()  # counted until close() (or this stage is collected): light_load_calls
            self._detach = weakref.finalize(self, scheduler.detach)
        elif c.mode == "threaded" and executor is not None:
            self._executor = executor
        elif c.mode == "threaded":
            self._executor = (
                engine.executor
                if engine is not None
                else ThreadPoolExecutor(max_workers=1, thread_name_prefix="coach-asr-stage")
            )
            self._owns_executor = engine is None
        self._decode: DecodeFn | None = decode
        self._decode_final: DecodeFn | None = decode_final
        self.lanes: dict[Lane, LaneTranscriber] = {lane: LaneTranscriber(lane, c) for lane in lanes}
        self._inflight: tuple[DecodeRequest, Future[DecodeResult]] | None = None
        self._outstanding: list[tuple[DecodeRequest, Future[DecodeResult]]] = []
        self._reported: dict[Lane, tuple[int, int]] = dict.fromkeys(self.lanes, (0, 0))
        self._promoted: set[int] = set()  # ids of outstanding partials handed to the finals' queue
        self._stats = AsrStats()
        self._errors = 0

    # ---- inputs ------------------------------------------------------------------------------

    def on_chunk(self, chunk: AudioChunk) -> None:
        """Feed one chunk (any lane of this stage)."""
        self.lanes[chunk.lane].push(chunk)
        self._pump()

    def on_speech_start(self, lane: Lane, sample: int) -> None:
        """The VAD of ``lane`` reported speech starting at ``sample``."""
        self.lanes[lane].speech_started(sample)
        self._pump()

    def on_speech_end(self, lane: Lane, sample: int) -> None:
        """The VAD of ``lane`` reported speech ending at ``sample``."""
        self.lanes[lane].speech_ended(sample)
        self._pump()

    def on_vad(self, lane: Lane, silence_since: int | None, now: int) -> None:
        """After each VAD frame of ``lane`` (ending at sample ``now``, after any boundary of that frame
        was reported): the silence the VAD is counting inside the turn began at ``silence_since``
        (``None``: speaking, or no turn). Feeds the provisional end (``provisional_end_s``)."""
        lane_asr = self.lanes[lane]
        if lane_asr.provisional is not None:
            lane_asr.vad_silence(silence_since, now)
            self._pump()

    # ---- outputs -----------------------------------------------------------------------------

    def poll(self, now_sample: int) -> list[Event]:
        """Transcript events ready at call position ``now_sample`` (plus ``asr.backlog`` events)."""
        if isinstance(self._executor, AudioTimeExecutor):
            self._executor.advance(now_sample)
        events = self._collect(now_sample, wait=False)
        for lane in self.lanes.values():
            events += lane.drain_ready(now_sample)
        if self._executor is None and self._scheduler is None:
            while (req := self._next_request()) is not None:
                events += self._apply(req, self._run(req), now_sample)
        else:
            self._pump()
        return events + self._backlog_events(now_sample)

    def close(self, now_sample: int) -> list[Event]:
        """End the call: end open turns at ``now_sample``, drop due partials, decode every final.
        Blocks until the finals are decoded (in threaded mode, on the worker threads)."""
        for lane in self.lanes.values():
            lane.flush(now_sample)
            lane.drop_partials()
        events = self._collect(now_sample, wait=True)
        for lane in self.lanes.values():
            events += lane.drain_ready(now_sample)
        if self._scheduler is not None:
            while self._outstanding or any(lane.pending_finals for lane in self.lanes.values()):
                self._pump()
                if self._scheduler.threads == 0:
                    self._scheduler.drain()
                events += self._collect(now_sample, wait=True)
        while (req := self._next_request()) is not None:
            if self._executor is None:
                result = self._run(req)
            else:
                result = self._executor.submit(self._run, req).result()
            events += self._apply(req, result, now_sample)
        if self._owns_executor and isinstance(self._executor, ThreadPoolExecutor):
            self._executor.shutdown(wait=True)
        if self._detach is not None:
            self._detach()  # at most once
        return events + self._backlog_events(now_sample)

    @property
    def stats(self) -> AsrStats:
        """Stage counters, lane counters folded in."""
        s = self._stats
        s.coalesced = sum(lane.counters.coalesced for lane in self.lanes.values())
        s.superseded = sum(lane.counters.superseded for lane in self.lanes.values())
        s.stale = sum(lane.counters.stale for lane in self.lanes.values())
        s.cuts = sum(lane.counters.cuts for lane in self.lanes.values())
        s.forced_cuts = sum(lane.counters.forced_cuts for lane in self.lanes.values())
        s.errors = self._errors
        s.finals_from_partial = sum(lane.counters.finals_from_partial for lane in self.lanes.values())
        s.rejected = sum((lane.counters.rejected for lane in self.lanes.values()), Counter())
        return s

    @property
    def busy(self) -> bool:
        """True while a decode is in flight or requested."""
        return (
            self._inflight is not None
            or bool(self._outstanding)
            or any(lane.pending_finals or lane.partial_due or lane.holding_final for lane in self.lanes.values())
        )

    # ---- internals ---------------------------------------------------------------------------

    def _next_request(self) -> DecodeRequest | None:
        finals = [lane for lane in self.lanes.values() if lane.pending_finals]
        if finals:
            lane = min(finals, key=lambda ln: ln.peek_final().requested_at)
            return lane.next_final()
        due = [lane for lane in self.lanes.values() if lane.partial_due]
        if due:
            return min(due, key=lambda ln: ln.partial_due_since).take_partial()
        return None

    def _run(self, req: DecodeRequest) -> DecodeResult:
        """Decode one request (on whatever thread calls it); records the wall-clock latency."""
        decode = self._decode_final if req.kind == FINAL else self._decode
        assert decode is not None
        started = time.perf_counter()
        try:
            result = decode(req.pcm, req.prompt)
        except Exception:
            # A failed decode must not lose the turn: an empty result still yields the committed words.
            log.exception("asr decode failed", extra={"lane": req.lane.value, "kind": req.kind})
            return self._failed(req)
        elapsed = time.perf_counter() - started
        if not result.latency_s:
            result = dataclasses.replace(
                result, duration_s=result.duration_s or len(req.pcm) / SAMPLE_RATE, latency_s=elapsed
            )
        return result

    def _failed(self, req: DecodeRequest) -> DecodeResult:
        self._errors += 1
        return DecodeResult("", (), 0.0, 0.0, 0.0, len(req.pcm) / SAMPLE_RATE, 0.0)

    def _apply(self, req: DecodeRequest, result: DecodeResult, now: int) -> list[Event]:
        if result is SHED:
            lane = self.lanes[req.lane]
            if lane.provisional is not None and lane.provisional.owns(req):  # withdrawn: dropped before
                lane.provisional.settle(req, [])
                return []
            self._stats.shed += 1
            lane.shed(req)
            return []
        if req.kind == FINAL:
            self._stats.final_decodes += 1
        else:
            self._stats.partial_decodes += 1
        self._stats.decode_s += result.latency_s
        self._stats.max_decode_s = max(self._stats.max_decode_s, result.latency_s)
        lane = self.lanes[req.lane]
        events = lane.apply(req, result, now)
        return lane.take_withheld() + events

    def _pump(self) -> None:
        if self._scheduler is not None:  # loaded_agent_single_commit_p follows the calls sharing the decoder
            loaded = self._scheduler.under_load
            for lane in self.lanes.values():
                lane.set_loaded(loaded)
        for lane in self.lanes.values():  # provisional finals whose turn went on: withdrawn if still queued
            if lane.provisional is not None:
                for req in lane.provisional.take_unwanted():
                    if self._scheduler is not None:
                        self._scheduler.withdraw(req)  # type: ignore[arg-type]
        if self._scheduler is not None:
            self._submit_to_scheduler()
            return
        if self._executor is None or self._inflight is not None:
            return
        req = self._next_request()
        if req is not None:
            self._inflight = (req, self._executor.submit(self._run, req))

    def _submit_to_scheduler(self) -> None:
        """Every queued final, and a partial for each lane that has none outstanding."""
        assert self._scheduler is not None
        finals = sorted(
            (final for lane in self.lanes.values() for final in lane.take_finals()), key=lambda r: r.requested_at
        )
        for req in finals:
            self._outstanding.append((req, self._scheduler.submit(req)))
        busy = {req.lane for req, _ in self._outstanding if req.kind != FINAL}
        for req, future in self._outstanding:  # a final waits for this partial: decode it as one
            if req.kind != FINAL and self.lanes[req.lane].holding_final and id(req) not in self._promoted:
                self._promoted.add(id(req))
                if not future.done():
                    self._scheduler.promote(req)
        for lane_id, lane in self.lanes.items():
            if lane_id not in busy and lane.partial_due:
                req = lane.take_partial()
                if req is not None:
                    self._outstanding.append((req, self._scheduler.submit(req)))

    def _collect(self, now: int, *, wait: bool) -> list[Event]:
        if self._scheduler is not None:
            return self._collect_scheduled(now, wait=wait)
        if self._inflight is None:
            return []
        req, future = self._inflight
        if not wait and not future.done():
            return []
        self._inflight = None
        return self._apply(req, future.result(), now)

    def _collect_scheduled(self, now: int, *, wait: bool) -> list[Event]:
        """Apply finished decodes in submission order; a lane's finals strictly in order."""
        events: list[Event] = []
        waiting: set[Lane] = set()
        keep = []
        for req, future in self._outstanding:
            if wait:
                if self._scheduler is not None and self._scheduler.threads == 0 and not future.done():
                    self._scheduler.drain()
                future.exception()  # blocks until resolved
            if not future.done() or (req.kind == FINAL and req.lane in waiting):
                keep.append((req, future))
                if req.kind == FINAL:
                    waiting.add(req.lane)
                continue
            try:
                result = future.result()
            except Exception:
                log.warning("asr decode failed", extra={"lane": req.lane.value, "kind": req.kind})
                result = self._failed(req)
            events += self._apply(req, result, now)
        self._outstanding = keep
        self._promoted &= {id(req) for req, _ in keep}
        return events

    def _backlog_events(self, now: int) -> list[Event]:
        events = []
        for lane_id, lane in self.lanes.items():
            total = (lane.counters.coalesced, lane.counters.shed)
            reported = self._reported[lane_id]
            if total != reported:
                events.append(
                    Event.at_samples(
                        "asr.backlog",
                        now,
                        now,
                        lane=lane_id.value,
                        coalesced=total[0] - reported[0],
                        shed=total[1] - reported[1],
                        total=total[0],
                        pending_finals=lane.pending_finals
                        + sum(1 for r, _ in self._outstanding if r.lane is lane_id and r.kind == FINAL),
                    )
                )
                log.debug(
                    "asr falling behind: partial decodes coalesced or shed",
                    extra={"lane": lane_id.value, "coalesced": total[0], "shed": total[1]},
                )
                self._reported[lane_id] = total
        return events
