"""A telephony source faster than real time is held back, not dropped, when the analysis is behind
(``coach.telephony.ingest``: :meth:`IngestCall.should_hold` / :meth:`IngestCall.hold`); a real-time
source never is. Injected clock (seconds); the live call is the tests' recording call, told its backlog."""

from __future__ import annotations

import asyncio

import numpy as np

from coach.telephony.ingest import AHEAD_S, HOLD_BACKLOG_S, Backlogged, CallTable
from coach.types import Lane
from tests.test_telephony_wire import TEL, Recorded, RecordingSink

RATE = 8000
FRAME = 160  # 20 ms of 8 kHz audio, as a PBX sends it
TONE = (0.1 * np.sin(2 * np.pi * 200 * np.arange(3 * RATE) / RATE)).astype(np.float32)


class Behind(Recorded):
    """A recording live call whose analysis backlog the test sets; waiting for room lets the clock run
    ``drain_s`` and empties the backlog (the analysis caught up meanwhile)."""

    def __init__(self, *args, clock: list[float], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clock = clock
        self.backlog_s = 0.0
        self.drain_s = 2.0
        self.waits: list[float] = []

    async def wait_for_room(self, below_s: float) -> None:
        self.waits.append(below_s)
        self._clock[0] += self.drain_s
        self.backlog_s = 0.0


class BehindSink(RecordingSink):
    def __init__(self, clock: list[float]) -> None:
        super().__init__()
        self._clock = clock

    def start_call(self, *, agent_id: str, source: str, metadata=None) -> Behind:
        call = Behind(f"{source}-{len(self.calls) + 1}", agent_id, source, dict(metadata or {}), clock=self._clock)
        self.calls.append(call)
        return call


def one_call(sink: RecordingSink, clock: list[float]):
    """A Twilio-like call (one leg, both lanes) in a table on the injected clock."""
    table = CallTable(sink, TEL, clock=lambda: clock[0])
    rates = dict.fromkeys(Lane, RATE)
    return table, table.attach(source="twilio", key="c1", agent_id="joe", rates=rates, lanes=set(Lane), paired=False)


def send(leg, start: int, stop: int, clock: list[float], *, pace_s: float) -> None:
    """Both lanes' frames ``[start, stop)`` of the tone, the clock advancing ``pace_s`` per frame."""
    for at in range(start, stop, FRAME):
        for lane in Lane:
            leg.media(lane, at, TONE[at : at + FRAME])
        clock[0] += pace_s


def test_a_source_faster_than_real_time_is_held_while_the_analysis_is_behind_and_says_so():
    clock = [50.0]
    sink = BehindSink(clock)
    table, leg = one_call(sink, clock)
    [live] = sink.calls
    assert isinstance(live, Backlogged)
    send(leg, 0, 2 * RATE, clock, pace_s=0.0001)  # 2 s of audio within 20 ms of the clock
    call = leg.call
    assert call.ahead_s(clock[0]) > AHEAD_S
    live.backlog_s = HOLD_BACKLOG_S  # not more than the bound: read on
    assert not call.should_hold(clock[0])
    live.backlog_s = HOLD_BACKLOG_S + 0.5
    assert call.should_hold(clock[0])
    asyncio.run(call.hold(lambda: clock[0]))
    assert live.waits == [HOLD_BACKLOG_S] and call.backpressure_s == 2.0
    clock[0] += 30.0  # held to the analysis's pace, the replay is now behind the clock: still a replay
    assert call.ahead_s(clock[0]) < 0
    live.backlog_s = HOLD_BACKLOG_S + 0.5
    assert call.should_hold(clock[0])
    leg.end(complete=True, reason="end")
    assert not call.should_hold(clock[0])  # an ended call is never held
    [stats] = live.noted("ingest_stats")
    assert stats["backpressure_s"] == 2.0
    assert all(len(live.audio(lane)) == 2 * 16000 for lane in Lane)  # every sample, resampled to 16 kHz


def test_a_real_time_source_is_never_held_whatever_the_backlog():
    clock = [50.0]
    sink = BehindSink(clock)
    table, leg = one_call(sink, clock)
    [live] = sink.calls
    live.backlog_s = 10 * HOLD_BACKLOG_S  # far behind: the queue will drop and report, the PBX cannot wait
    for start in range(0, len(TONE), FRAME):
        send(leg, start, start + FRAME, clock, pace_s=FRAME / RATE)
        assert not leg.call.should_hold(clock[0])
    leg.end(complete=True, reason="end")
    assert live.noted("ingest_stats")[0]["backpressure_s"] == 0.0


def test_a_real_time_source_whose_call_started_late_is_not_taken_for_a_replay():
    """The call's clock starts once the store has created the call, 1.5 s after the PBX connected (a
    loaded disk): the first 1.5 s, buffered meanwhile, arrive at once, then real time. Measured from the
    connection's opening it is never ahead, and never held; measured from the call's start alone it
    would look 1.5 s ahead."""
    clock = [50.0]
    opened = clock[0]
    clock[0] += 1.5
    sink = BehindSink(clock)
    table, leg = one_call(sink, clock)
    [live] = sink.calls
    live.backlog_s = 10 * HOLD_BACKLOG_S
    send(leg, 0, 3 * RATE // 2, clock, pace_s=0.0)  # what waited in the socket (the resampler keeps ~50 ms)
    assert leg.call.ahead_s(clock[0]) > AHEAD_S and leg.call.ahead_s(clock[0], opened) <= 0.0
    for start in range(3 * RATE // 2, len(TONE), FRAME):
        send(leg, start, start + FRAME, clock, pace_s=FRAME / RATE)
        assert not leg.call.should_hold(clock[0], opened)
    assert not leg.call.faster_than_real_time


def test_a_live_call_that_cannot_say_its_backlog_is_never_held():
    clock = [50.0]
    sink = RecordingSink()
    table, leg = one_call(sink, clock)
    send(leg, 0, 2 * RATE, clock, pace_s=0.0)
    assert not isinstance(sink.calls[0], Backlogged)
    assert leg.call.ahead_s(clock[0]) > AHEAD_S and not leg.call.should_hold(clock[0])


def test_after_a_hold_the_lane_read_second_is_not_taken_for_stalled():
    """Two AudioSocket legs of a registered pair, both held for 2 s of the clock (more than the 1 s
    ``lane_skew_ms``): when the agent's leg is read again first and runs 1.5 s ahead, the customer's
    lane is not filled with silence (its real audio would then be dropped as late)."""
    clock = [50.0]
    sink = BehindSink(clock)
    table = CallTable(sink, TEL, clock=lambda: clock[0])
    rates = dict.fromkeys(Lane, RATE)
    legs = {
        lane: table.attach(source="audiosocket", key="pair", agent_id="joe", rates=rates, lanes={lane}, paired=True)
        for lane in Lane
    }
    [live] = sink.calls
    half = 3 * RATE // 2
    for at in range(0, half, FRAME):  # 1.5 s of both lanes, fast
        for lane, leg in legs.items():
            leg.media(lane, at, TONE[at : at + FRAME])
    clock[0] += 0.01
    live.backlog_s = HOLD_BACKLOG_S + 1.0
    call = legs[Lane.AGENT].call
    assert call.should_hold(clock[0])
    asyncio.run(call.hold(lambda: clock[0]))  # the clock runs 2 s while neither leg is read
    for at in range(half, len(TONE), FRAME):
        legs[Lane.AGENT].media(Lane.AGENT, at, TONE[at : at + FRAME])
    legs[Lane.CUSTOMER].media(Lane.CUSTOMER, half, TONE[half:])
    for leg in legs.values():
        leg.end(complete=True, reason="end")
    assert live.noted("gap") == []
    assert live.noted("ingest_stats")[0]["late_s"] == 0.0
    assert all(len(live.audio(lane)) == 3 * 16000 for lane in Lane)
