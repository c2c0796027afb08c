"""From protocol actions to a live call: alignment, resampling to 16 kHz, reconnects, paired legs.

:class:`CallTable` owns every call being ingested, keyed by ``(source, platform call id)``. Each
connection that identifies a call attaches a :class:`Leg` to it:

- Twilio and AudioHook: one connection carries both lanes, so a call has one leg at a time. A leg
  that ends incomplete (socket dropped, idle timeout) leaves the call *detached* for
  ``reconnect_window_s``; a new connection with the same call id within the window continues the
  same call (the lost span becomes silence and a ``reconnect`` note). After the window
  :meth:`CallTable.expire` ends it with ``complete=False``.
- AudioSocket: each connection carries one party, so a call has up to two legs (see
  :mod:`coach.telephony.audiosocket`); it ends when both have ended. A lane whose leg was cut short
  counts against the call's completeness only until a leg carrying that lane joins again. A
  registered pair whose partner has not connected yet when its only leg ends stays detached for
  ``lane_skew_ms``: a partner the server accepts that much later (it connected as the other hung
  up, or the server was slow to take its connection) still joins the same call, not a second one.

A leg that joins a running call starts at the call's wall-clock position (injected ``clock``), so a
late leg or a reconnect lines up with real time; positions of one connection are then offsets
from there. Audio goes through :class:`~coach.telephony.align.LaneAligner`, then one
:class:`~coach.telephony.codecs.StreamResampler` per lane, and reaches ``LiveCall.push`` as
contiguous 16 kHz :class:`~coach.types.AudioChunk` runs. Synchronous, single-threaded: call it from
the event loop that runs the endpoints.

A source faster than real time (a replay, ``coach simulate --fast``) is held back rather than losing
audio: :meth:`IngestCall.should_hold` says when the endpoint should stop reading its connection (TCP
or websocket flow control then slows the sender) until the analysis has caught up. A real-time source
(a PBX) is never held back: its audio can never be ahead of the call's wall clock by more than
:data:`AHEAD_S`, and a phone line cannot wait; when the analysis falls behind it, the call queue
drops the oldest audio and says so (``stream`` ``dropped``, ``docs/robustness.md``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol, runtime_checkable

import numpy as np

from coach.pipeline.calls import CallSink, LiveCall
from coach.telephony.actions import StreamNote
from coach.telephony.align import Aligned, LaneAligner
from coach.telephony.codecs import StreamResampler
from coach.telephony.config import TelephonyConfig
from coach.types import AudioChunk, Lane

log = logging.getLogger("coach.telephony")

AHEAD_S = 1.0
"""Seconds of audio a call's stream may be ahead of the wall time since its connection opened (or the
call started, if earlier) before its source counts as faster than real time (and may be held back). A
real-time source cannot send audio before it has connected: it is ahead only by its network jitter
and by how late the server took the connection; a slow call start after that (the store's write,
1.5 s seen under load) is not counted. Well under ``[server] call_queue_s`` (5 s a lane by default),
so a fast source is found out before its queue can overflow."""
HOLD_BACKLOG_S = 1.0
"""A source faster than real time is held back while more than this many seconds of the call's audio
(both lanes together, as :attr:`Backlogged.backlog_s`) wait for analysis: well under the call queue's
bound (``[server] call_queue_s`` for each lane), so it never drops that source's audio."""


@runtime_checkable
class Backlogged(Protocol):
    """A live call that says how much audio waits for its analysis (the server's calls do)."""

    @property
    def backlog_s(self) -> float:
        """Seconds of audio (both lanes together) waiting for analysis."""
        ...

    async def wait_for_room(self, below_s: float) -> None:
        """Return once the backlog is under ``below_s`` (or the call is done)."""
        ...


class IngestError(ValueError):
    """A leg cannot join or feed its call (e.g. a different sample rate than the call's)."""


class IngestCall:
    """One call being ingested. Created by :class:`CallTable`; fed through its legs."""

    def __init__(
        self,
        live: LiveCall,
        *,
        source: str,
        key: str,
        rates: Mapping[Lane, int],
        cfg: TelephonyConfig,
        now: float,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.live = live
        self.source = source
        self.key = key
        self.rates = dict(rates)
        self.started_at = now
        self.legs = 0
        self.detached_at: float | None = None
        self.detached_until: float | None = None
        """While detached: the clock time at which :meth:`CallTable.expire` ends the call."""
        self.dropped: dict[Lane, str] = {}
        """Lanes whose stream was cut short (→ why), until a stream carrying them comes back."""
        self.awaited_until: float | None = None
        """While a paired leg is still to connect: the clock time after which it is late (``lane_skew_ms``)."""
        self.paired = False
        self.joined: set[Lane] = set()
        """Lanes a leg has carried so far (a registered pair's partner that never came is missing)."""
        self.end_reason = "end"
        self.ended = False
        self.aligner = LaneAligner(
            self.rates,
            reorder_ms=cfg.reorder_window_ms,
            skew_ms=cfg.lane_skew_ms,
            tolerance_ms=cfg.timestamp_tolerance_ms,
            max_gap_s=cfg.max_gap_s,
            clock=clock,
        )
        self._resamplers = {lane: StreamResampler(rate) for lane, rate in self.rates.items()}
        self._written = dict.fromkeys(Lane, 0)
        self.backpressure_s = 0.0
        """Clock seconds the endpoints stopped reading this call's streams for its analysis to catch up."""
        self.faster_than_real_time = False
        """Set once the call's audio was more than :data:`AHEAD_S` ahead of the clock; kept from then on
        (a replay held back to the analysis's pace may fall behind the clock later, a PBX never gets ahead)."""

    @property
    def call_id(self) -> str:
        return self.live.call_id

    @property
    def incomplete_reason(self) -> str | None:
        """Why the call is incomplete so far (a lane's stream was cut short and has not come back)."""
        return next(iter(self.dropped.values()), None)

    def written_s(self, lane: Lane) -> float:
        """Seconds of 16 kHz audio pushed to the live call on ``lane``."""
        return self._written[lane] / 16_000

    def ahead_s(self, now: float, opened: float | None = None) -> float:
        """Seconds of audio pushed (the lane with most) beyond the clock seconds since the call started, or
        since ``opened`` (the clock when the connection feeding it opened) if that was earlier."""
        since = self.started_at if opened is None else min(self.started_at, opened)
        return max(self.written_s(lane) for lane in Lane) - (now - since)

    def should_hold(self, now: float, opened: float | None = None) -> bool:
        """Whether to stop reading this call's source now: it is faster than real time (its audio was once
        more than :data:`AHEAD_S` ahead of the clock, :meth:`ahead_s`; then :attr:`faster_than_real_time`)
        and more than :data:`HOLD_BACKLOG_S` of it waits for analysis. Never for a call that has ended or
        whose live call cannot say its backlog."""
        if not self.faster_than_real_time and self.ahead_s(now, opened) > AHEAD_S:
            self.faster_than_real_time = True
        live = self.live
        return (
            self.faster_than_real_time
            and not self.ended
            and isinstance(live, Backlogged)
            and live.backlog_s > HOLD_BACKLOG_S
        )

    async def hold(self, clock: Callable[[], float]) -> None:
        """Wait (not reading the source) until the analysis backlog is under :data:`HOLD_BACKLOG_S`;
        the wait is added to :attr:`backpressure_s`, and the lanes' stall clocks restart (neither lane
        stalled: the server did not read them). Call only when :meth:`should_hold` said so."""
        assert isinstance(self.live, Backlogged)
        start = clock()
        await self.live.wait_for_room(HOLD_BACKLOG_S)
        self.backpressure_s += clock() - start
        self.aligner.restart_stall_clocks()

    def apply(self, items: list[Aligned | StreamNote]) -> None:
        """Resample aligned audio and push it; record notes. Ignored once the call has ended."""
        if self.ended:
            return
        for item in items:
            if isinstance(item, Aligned):
                self._push(item.lane, self._resamplers[item.lane].process(item.pcm))
            else:
                self.live.note(item.kind, **item.fields)

    def finish(self, *, complete: bool, reason: str) -> None:
        """Flush everything held back and end the live call (once)."""
        if self.ended:
            return
        self.apply(self.aligner.flush())
        for lane, resampler in self._resamplers.items():
            self._push(lane, resampler.flush())
        self.ended = True
        stats = self.aligner.stats.as_fields()
        self.live.note("ingest_stats", **stats, backpressure_s=round(self.backpressure_s, 3))
        self.live.end(complete=complete, reason=reason)

    def _push(self, lane: Lane, pcm: np.ndarray) -> None:
        if len(pcm):
            self.live.push(AudioChunk(lane, self._written[lane], pcm))
            self._written[lane] += len(pcm)


class Leg:
    """One connection's share of a call. Positions it is given count from this connection's start."""

    def __init__(self, call: IngestCall, table: CallTable, lanes: frozenset[Lane], offsets: Mapping[Lane, int]) -> None:
        self.call = call
        self._table = table
        self.lanes = lanes
        self._offsets = dict(offsets)
        self.ended = False

    def media(self, lane: Lane, position: int, pcm: np.ndarray) -> None:
        """Audio of ``lane`` at ``position`` (this stream's samples at the lane's rate)."""
        if lane not in self.lanes:
            raise IngestError(f"this stream does not carry the {lane.value} lane")
        if self.ended:
            return
        self._table.stop_awaiting_if_late(self.call)
        self.call.apply(self.call.aligner.push(lane, self._offsets[lane] + position, pcm))

    def silence(self, position: int, samples: int) -> None:
        """Both of this leg's lanes are deliberately silent for ``samples`` from ``position``."""
        if self.ended:
            return
        for lane in self.lanes:
            end = self._offsets[lane] + position + samples
            self.call.apply(self.call.aligner.fill_to(lane, end, "paused"))

    def note(self, kind: str, **fields: Any) -> None:
        if not self.call.ended:
            self.call.live.note(kind, **fields)

    def end(self, *, complete: bool, reason: str) -> None:
        """This connection is done with the call (idempotent)."""
        if self.ended:
            return
        self.ended = True
        self._table.release(self, complete=complete, reason=reason)


class CallTable:
    """Every call being ingested, for reconnects and paired legs. One per server process."""

    def __init__(self, sink: CallSink, cfg: TelephonyConfig, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._sink = sink
        self._cfg = cfg
        self._clock = clock
        self._calls: dict[tuple[str, str], IngestCall] = {}

    def __len__(self) -> int:
        return len(self._calls)

    @property
    def clock(self) -> Callable[[], float]:
        """The table's monotonic clock (seconds), which places every call's audio in time."""
        return self._clock

    def get(self, source: str, key: str) -> IngestCall | None:
        return self._calls.get((source, key))

    def attach(
        self,
        *,
        source: str,
        key: str,
        agent_id: str,
        rates: Mapping[Lane, int],
        lanes: frozenset[Lane] = frozenset(Lane),
        paired: bool = False,
        metadata: Mapping[str, Any] | None = None,
    ) -> Leg:
        """Join (or start) the call ``key`` from ``source`` with a stream carrying ``lanes``.

        Lanes the stream does not carry are filled with silence in step with it, unless ``paired``
        (another connection will bring them; until then they are filled only once they lag
        ``lane_skew_ms`` behind)."""
        self.expire()
        now = self._clock()
        call = self._calls.get((source, key))
        if call is not None and any(call.rates[lane] != rates[lane] for lane in lanes):
            raise IngestError(f"{source} call: a new stream's sample rate differs from the call's")
        if call is None:
            live = self._sink.start_call(agent_id=agent_id, source=source, metadata=dict(metadata or {}))
            now = self._clock()  # the call's time starts once it can take audio: a slow start (a loaded store)
            # is the server's delay, not the lateness of a partner leg it accepts meanwhile
            call = IngestCall(live, source=source, key=key, rates=rates, cfg=self._cfg, now=now, clock=self._clock)
            self._calls[(source, key)] = call
            for lane in Lane:
                call.aligner.set_absent(lane, lane not in lanes and not paired)
                call.aligner.set_awaited(lane, lane not in lanes and paired)
            if paired and lanes != frozenset(Lane):
                call.awaited_until = now + self._cfg.lane_skew_ms / 1000
            call.paired = paired
            offsets = dict.fromkeys(lanes, 0)
        else:
            offsets = self._join_offsets(call, lanes, now)
        call.legs += 1
        call.joined |= lanes
        call.detached_at = call.detached_until = None
        return Leg(call, self, frozenset(lanes), offsets)

    def _join_offsets(self, call: IngestCall, lanes: frozenset[Lane], now: float) -> dict[Lane, int]:
        """Where a stream joining a running call starts on each of its lanes: the call's wall-clock
        position, never before what that lane has already received. The awaited leg of a pair that
        connects within ``lane_skew_ms`` of the call's start started with it (a PBX bridges both legs
        at once; the server merely accepted this one a little later) and starts at the beginning."""
        reconnect = call.legs == 0 and lanes <= call.joined  # not a registered partner's first connection
        wall_s = now - call.started_at
        offsets: dict[Lane, int] = {}
        for lane in lanes:
            rate = call.rates[lane]
            together = call.aligner.awaited(lane) and wall_s <= self._cfg.lane_skew_ms / 1000
            start = call.aligner.expected(lane) if together else max(call.aligner.expected(lane), round(wall_s * rate))
            call.aligner.set_absent(lane, False)
            call.aligner.set_awaited(lane, False)
            call.awaited_until = None
            call.apply(call.aligner.fill_to(lane, start, "reconnect" if reconnect else "joined_late"))
            offsets[lane] = start
        for lane in lanes:
            call.dropped.pop(lane, None)  # the lane's stream is back: the call can still end complete
        if reconnect:
            call.live.note("reconnect", at_s=round(wall_s, 3))
            log.info("telephony stream reconnected", extra={"source": call.source, "call_id": call.call_id})
        return offsets

    def stop_awaiting_if_late(self, call: IngestCall) -> None:
        """Once ``lane_skew_ms`` of wall clock has passed since the call started, a paired leg that has
        not connected is late: its lane is filled with silence as the other advances (``lane_stalled``)."""
        if call.awaited_until is not None and self._clock() > call.awaited_until:  # nothing awaited: no clock read
            call.awaited_until = None
            for lane in Lane:
                call.aligner.set_awaited(lane, False)

    def release(self, leg: Leg, *, complete: bool, reason: str) -> None:
        call = leg.call
        call.legs -= 1
        call.end_reason = reason
        if not complete:
            for lane in leg.lanes:
                call.dropped[lane] = reason
        if call.legs > 0:
            return
        partner_due = call.paired and call.joined != set(Lane)  # registered, never connected: may be about to
        wait_s = max(
            self._cfg.lane_skew_ms / 1000 if partner_due else 0.0,
            self._cfg.reconnect_window_s if call.incomplete_reason is not None else 0.0,
        )
        if wait_s <= 0:
            self._end(call)
        else:
            call.detached_at = self._clock()
            call.detached_until = call.detached_at + wait_s

    def expire(self) -> None:
        """End detached calls whose wait (reconnect window, or a registered partner's) has passed."""
        now = self._clock()
        for call in list(self._calls.values()):
            if call.detached_until is not None and now >= call.detached_until:
                self._end(call)

    def close_all(self, reason: str = "the server stopped") -> None:
        """End every call now, e.g. when the server stops: each flushes what it holds back first."""
        for call in list(self._calls.values()):
            if not call.dropped:
                call.dropped[Lane.AGENT] = reason
            self._end(call)

    def _end(self, call: IngestCall) -> None:
        self._calls.pop((call.source, call.key), None)
        complete = call.incomplete_reason is None
        call.finish(complete=complete, reason=call.end_reason if complete else call.incomplete_reason or "incomplete")
