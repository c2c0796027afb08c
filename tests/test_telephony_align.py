"""Re-aligning two lanes that arrive as separate, possibly reordered, duplicated or late pieces."""

from __future__ import annotations

import numpy as np
import pytest

from coach.telephony.actions import StreamNote
from coach.telephony.align import Aligned, LaneAligner, PositionError
from coach.types import Lane

RATE = 8000
PIECE = 160  # 20 ms


def piece(i: int) -> np.ndarray:
    """Piece number ``i`` (1-based), recognisable by its value."""
    return np.full(PIECE, i, dtype=np.float32)


def aligner(**kw) -> LaneAligner:
    return LaneAligner({Lane.AGENT: RATE, Lane.CUSTOMER: RATE}, **kw)


def audio(out: list, lane: Lane) -> np.ndarray:
    items = [x for x in out if isinstance(x, Aligned) and x.lane is lane]
    expected = items[0].start if items else 0
    for item in items:
        assert item.start == expected, "output must be contiguous"
        expected += len(item.pcm)
    return np.concatenate([x.pcm for x in items]) if items else np.zeros(0, dtype=np.float32)


def notes(out: list, kind: str = "gap") -> list[dict]:
    return [dict(x.fields) for x in out if isinstance(x, StreamNote) and x.kind == kind]


def values(pcm: np.ndarray) -> list[int]:
    return [int(v) for v in pcm[::PIECE]]


def test_in_order_pieces_pass_straight_through():
    a = aligner()
    out = [x for i in range(1, 6) for x in a.push(Lane.AGENT, (i - 1) * PIECE, piece(i))]
    assert values(audio(out, Lane.AGENT)) == [1, 2, 3, 4, 5]
    assert a.stats.gaps == 0 and notes(out) == []


def test_a_piece_that_overtook_another_waits_and_the_order_is_restored():
    a = aligner()
    out = []
    for i in (1, 3, 2, 5, 4, 6):
        out += a.push(Lane.AGENT, (i - 1) * PIECE, piece(i))
    assert values(audio(out, Lane.AGENT)) == [1, 2, 3, 4, 5, 6]
    assert a.stats.held == 2 and a.stats.gaps == 0


def test_a_duplicated_piece_is_dropped():
    a = aligner()
    out = []
    for i in (1, 2, 2, 4, 4, 3):
        out += a.push(Lane.AGENT, (i - 1) * PIECE, piece(i))
    assert values(audio(out, Lane.AGENT)) == [1, 2, 3, 4]
    assert a.stats.late_pieces == 1 and a.stats.duplicates == 1


def test_a_missing_piece_becomes_reported_silence_once_the_reorder_window_passes():
    a = aligner(reorder_ms=60)
    out = a.push(Lane.AGENT, 0, piece(1))
    for i in range(3, 8):  # piece 2 never comes
        out += a.push(Lane.AGENT, (i - 1) * PIECE, piece(i))
    got = values(audio(out, Lane.AGENT))
    assert got == [1, 0, 3, 4, 5, 6, 7]
    out += a.push(Lane.AGENT, PIECE, piece(2))  # too late now: dropped, counted
    assert values(audio(out, Lane.AGENT)) == got
    assert a.stats.late_pieces == 1
    assert notes(out) == [{"lane": "agent", "start_s": 0.02, "duration_s": 0.02, "reason": "gap"}]


def test_timestamp_jitter_within_tolerance_keeps_the_stream_contiguous():
    a = aligner(tolerance_ms=10)
    jitter = [0, 3, -4, 6, -2, 5]
    out = [x for i, j in enumerate(jitter) for x in a.push(Lane.AGENT, i * PIECE + j * RATE // 1000, piece(i + 1))]
    assert values(audio(out, Lane.AGENT)) == [1, 2, 3, 4, 5, 6]
    assert a.stats.gaps == 0 and a.stats.late_s == 0


def test_a_stalled_lane_is_filled_once_it_lags_more_than_the_skew_and_its_late_audio_is_dropped():
    a = aligner(skew_ms=100)
    out = []
    for i in range(1, 11):  # 200 ms on the agent lane, nothing on the customer lane
        out += a.push(Lane.AGENT, (i - 1) * PIECE, piece(i))
    customer = audio(out, Lane.CUSTOMER)
    assert 100 * RATE // 1000 < len(customer) <= 10 * PIECE and not customer.any()
    filled = len(customer)
    out += a.push(Lane.CUSTOMER, 0, piece(99))  # the stalled lane's backlog arrives: already covered
    assert len(audio(out, Lane.CUSTOMER)) == filled
    assert a.stats.late_s == pytest.approx(PIECE / RATE)
    out += a.push(Lane.CUSTOMER, filled, piece(42))  # it catches up and carries on
    out += a.flush()
    assert values(audio(out, Lane.CUSTOMER)[filled:]) == [42]
    [gap] = notes(out)
    assert gap["lane"] == "customer" and gap["reason"] == "lane_stalled" and gap["duration_s"] == filled / RATE


def test_with_a_clock_a_lane_behind_in_audio_is_filled_only_once_nothing_came_from_it_for_the_skew():
    """A sender faster than real time puts one lane seconds of audio ahead in no time: not a stall. Only when
    the lagging lane has sent nothing for ``skew_ms`` of the clock is it filled (and its late audio dropped)."""
    clock = [50.0]
    a = aligner(skew_ms=100, clock=lambda: clock[0])
    out = a.push(Lane.CUSTOMER, 0, piece(7))
    for i in range(1, 51):  # 1 s of the agent lane within 50 ms of the clock
        clock[0] += 0.001
        out += a.push(Lane.AGENT, (i - 1) * PIECE, piece(i))
    assert len(audio(out, Lane.CUSTOMER)) == PIECE and notes(out) == []  # heard 50 ms ago: waited for
    clock[0] += 0.051  # nothing from the customer for 101 ms (the skew: 100 ms)
    out += a.push(Lane.AGENT, 50 * PIECE, piece(51))
    assert len(audio(out, Lane.CUSTOMER)) == 51 * PIECE and a.expected(Lane.CUSTOMER) == 51 * PIECE
    out += a.push(Lane.CUSTOMER, PIECE, piece(8)) + a.flush()
    [gap] = notes(out)
    assert gap == {"lane": "customer", "start_s": 0.02, "duration_s": 1.0, "reason": "lane_stalled"}
    assert a.stats.late_s == pytest.approx(PIECE / RATE)


def test_with_a_clock_a_lane_trickling_slower_than_real_time_is_filled_once_max_gap_s_behind():
    clock = [0.0]
    a = aligner(skew_ms=100, max_gap_s=2.0, clock=lambda: clock[0])
    out = []
    for i in range(1, 121):  # 2.4 s of the agent; the customer sends a piece every 10 pieces: never silent
        out += a.push(Lane.AGENT, (i - 1) * PIECE, piece(i))
        if i % 10 == 0:
            out += a.push(Lane.CUSTOMER, a.expected(Lane.CUSTOMER), piece(99))
    assert len(audio(out, Lane.CUSTOMER)) > 2 * RATE  # filled, though it kept sending, past 2 s behind


def test_an_absent_lane_is_filled_in_step_and_reported_once():
    a = aligner()
    a.set_absent(Lane.CUSTOMER)
    out = [x for i in range(1, 4) for x in a.push(Lane.AGENT, (i - 1) * PIECE, piece(i))]
    assert len(audio(out, Lane.CUSTOMER)) == 3 * PIECE
    out += a.flush()
    assert notes(out) == [{"lane": "customer", "start_s": 0.0, "duration_s": 0.06, "reason": "absent"}]
    assert a.stats.gaps == 0  # a lane the stream never carries is not lost audio


def test_lanes_at_different_rates_are_aligned_in_seconds():
    a = LaneAligner({Lane.AGENT: 8000, Lane.CUSTOMER: 16000}, skew_ms=50)
    out = [x for i in range(10) for x in a.push(Lane.AGENT, i * 160, piece(1))]
    assert len(audio(out, Lane.CUSTOMER)) >= 2 * 10 * 160 - 50 * 16


def test_a_huge_or_negative_position_is_refused():
    a = aligner(max_gap_s=5)
    with pytest.raises(PositionError, match="jumps"):
        a.push(Lane.AGENT, 6 * RATE, piece(1))
    with pytest.raises(PositionError, match="negative"):
        a.push(Lane.AGENT, -1, piece(1))


def test_flush_fills_holes_before_held_pieces_and_reports_them():
    a = aligner(reorder_ms=1000)
    out = a.push(Lane.AGENT, 0, piece(1)) + a.push(Lane.AGENT, 3 * PIECE, piece(4))
    assert values(audio(out, Lane.AGENT)) == [1]
    out += a.flush()
    assert values(audio(out, Lane.AGENT)) == [1, 0, 0, 4]
    assert notes(out)[0] == {"lane": "agent", "start_s": 0.02, "duration_s": 0.04, "reason": "gap"}
