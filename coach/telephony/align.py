"""Re-align two lanes of telephony audio that arrive as separately timestamped pieces.

:class:`LaneAligner` is sans-I/O and synchronous: :meth:`~LaneAligner.push` takes a piece of one
lane (its position in that lane's samples, at that lane's own rate) and returns contiguous, in-order
audio (:class:`Aligned`) plus :class:`~coach.telephony.actions.StreamNote` reports. It

- holds a piece that arrives ahead of the expected position for up to ``reorder_ms`` so a late
  piece can fill the hole; after that the hole is filled with silence and reported as a ``gap``;
- treats a position within ``tolerance_ms`` of the expected one as contiguous (timestamp jitter);
- drops audio for a span already emitted (duplicates, stragglers after a gap was filled) and
  counts it as ``late``;
- fills a lane with silence when it falls more than ``skew_ms`` behind the other (a stalled
  leg), because analysis only advances once both lanes have audio. With a ``clock`` (monotonic
  seconds; the ingest passes its own), the lagging lane must also have received nothing for
  ``skew_ms`` of that clock: a sender faster than real time puts one lane seconds of audio ahead of
  the other within milliseconds (the server reads the two connections in turn), which is not a
  stall, and filling would drop the lane's real audio as late. Such a lane is filled anyway once it
  lags ``max_gap_s`` behind (memory stays bounded). Without a clock the audio lead alone decides. A
  lane marked absent (a
  single-track stream) is filled in lockstep; a lane marked awaited (its connection is expected
  but not yet here) is not filled at all, whatever the other lane's lead: the caller decides, by
  wall clock, when it has waited long enough;
- refuses a jump of more than ``max_gap_s`` with :class:`PositionError`.

A ``gap`` note is emitted once per stretch of filled silence, when real audio resumes on that lane
or at :meth:`~LaneAligner.flush`: fields ``lane``, ``start_s``, ``duration_s`` and ``reason``
(``gap``: a hole in the stream; ``lane_stalled``: the lane fell behind the other; ``absent``: the
stream does not carry it; callers of :meth:`~LaneAligner.fill_to` name their own, e.g. ``paused``,
``reconnect``). Not thread-safe.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from coach.telephony.actions import StreamNote
from coach.types import Lane

_FILL_BLOCK_S = 1.0
_COUNTED = frozenset({"gap", "lane_stalled", "reconnect"})
"""Gap reasons that count as lost audio in :class:`AlignStats` (not ``paused``, ``absent``, ``joined_late``)."""


class PositionError(ValueError):
    """A piece's position is negative or jumps further ahead than ``max_gap_s``."""


@dataclass(frozen=True, slots=True)
class Aligned:
    """Contiguous audio of one lane: float32 at the lane's rate, ``start`` in that lane's samples."""

    lane: Lane
    start: int
    pcm: np.ndarray


@dataclass
class AlignStats:
    """Totals over the call, in seconds of audio where the name says ``_s``."""

    gaps: int = 0
    gap_s: float = 0.0
    late_pieces: int = 0
    late_s: float = 0.0
    duplicates: int = 0
    held: int = 0

    def as_fields(self) -> dict[str, float | int]:
        return {
            "gaps": self.gaps,
            "gap_s": round(self.gap_s, 3),
            "late_pieces": self.late_pieces,
            "late_s": round(self.late_s, 3),
            "duplicates": self.duplicates,
            "held": self.held,
        }


@dataclass
class _Gap:
    start: int
    length: int
    reason: str


@dataclass
class _LaneState:
    rate: int
    tolerance: int
    window: int
    expected: int = 0
    pending: dict[int, np.ndarray] = field(default_factory=dict)
    gap: _Gap | None = None
    absent: bool = False
    awaited: bool = False
    heard_at: float = 0.0
    """Clock time of the lane's last audio (of the aligner's start before any): when it stopped arriving."""


class LaneAligner:
    """Two lanes in, in any order and with holes; contiguous audio per lane out."""

    def __init__(
        self,
        rates: Mapping[Lane, int],
        *,
        reorder_ms: int = 200,
        skew_ms: int = 1000,
        tolerance_ms: int = 10,
        max_gap_s: float = 120.0,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self._clock = clock
        start = clock() if clock is not None else 0.0
        self._lanes = {
            lane: _LaneState(
                rate=rates[lane],
                tolerance=rates[lane] * tolerance_ms // 1000,
                window=rates[lane] * reorder_ms // 1000,
                heard_at=start,
            )
            for lane in Lane
        }
        self._skew_s = skew_ms / 1000
        self._max_gap_s = max_gap_s
        self.stats = AlignStats()

    def rate(self, lane: Lane) -> int:
        return self._lanes[lane].rate

    def expected(self, lane: Lane) -> int:
        """Next sample index of ``lane`` to be emitted (everything before it is out)."""
        return self._lanes[lane].expected

    def set_absent(self, lane: Lane, absent: bool = True) -> None:
        """Mark a lane the stream does not carry: it is filled with silence as the other advances."""
        self._lanes[lane].absent = absent

    def set_awaited(self, lane: Lane, awaited: bool = True) -> None:
        """Mark a lane whose stream is still to connect: the other lane's lead (in audio, which a sender
        faster than real time makes large at once) does not fill it until this is cleared."""
        self._lanes[lane].awaited = awaited

    def awaited(self, lane: Lane) -> bool:
        return self._lanes[lane].awaited

    def restart_stall_clocks(self) -> None:
        """The caller stopped reading every lane for a while (it held a source back): count each lane as
        heard now, so the lane whose stream is read again second is not taken for stalled (filled) while
        the first catches up. No effect without a clock."""
        if self._clock is not None:
            now = self._clock()
            for st in self._lanes.values():
                st.heard_at = now

    def push(self, lane: Lane, position: int, pcm: np.ndarray) -> list[Aligned | StreamNote]:
        """Add a piece of ``lane`` starting at sample ``position`` (lane rate); return what is now in order."""
        st = self._lanes[lane]
        if position < 0:
            raise PositionError(f"{lane.value} lane: negative position {position}")
        if (position - st.expected) / st.rate > self._max_gap_s:
            raise PositionError(
                f"{lane.value} lane: position jumps {(position - st.expected) / st.rate:.1f} s ahead "
                f"(more than {self._max_gap_s:g} s)"
            )
        out: list[Aligned | StreamNote] = []
        pcm = np.asarray(pcm, dtype=np.float32)
        if len(pcm):
            if self._clock is not None:
                st.heard_at = self._clock()
            self._accept(st, lane, position, pcm, out)
            self._keep_up(lane, out)
        return out

    def fill_to(self, lane: Lane, position: int, reason: str) -> list[Aligned | StreamNote]:
        """Fill ``lane`` with silence up to ``position`` (e.g. a reconnect's lost span), reported as ``reason``.

        The other lane is not brought along: a caller filling both lanes fills each."""
        out: list[Aligned | StreamNote] = []
        self._force_until(self._lanes[lane], lane, position, reason, out)
        return out

    def flush(self) -> list[Aligned | StreamNote]:
        """End of the call: emit every held piece (filling holes) and close open gap reports."""
        out: list[Aligned | StreamNote] = []
        for lane, st in self._lanes.items():
            if st.pending:
                horizon = max(start + len(pcm) for start, pcm in st.pending.items())
                self._force_until(st, lane, horizon, "gap", out)
        longest = max(st.expected / st.rate for st in self._lanes.values())
        for lane, st in self._lanes.items():
            if st.absent or st.awaited:
                reason = "absent" if st.absent else "lane_stalled"
                self._force_until(st, lane, round(longest * st.rate), reason, out)
            self._close_gap(st, lane, out)
        return out

    # -- internals --------------------------------------------------------------------------------

    def _snaps(self, st: _LaneState, position: int, length: int) -> bool:
        deviation = abs(position - st.expected)
        return deviation <= st.tolerance and 2 * deviation < length

    def _accept(self, st: _LaneState, lane: Lane, position: int, pcm: np.ndarray, out: list) -> None:
        if position > st.expected and not self._snaps(st, position, len(pcm)):
            if position in st.pending:
                self.stats.duplicates += 1
                return
            st.pending[position] = pcm
            self.stats.held += 1
            horizon = max(start + len(p) for start, p in st.pending.items())
            if horizon - st.expected > st.window + len(pcm):
                self._force_until(st, lane, min(st.pending), "gap", out)
            return
        self._place(st, lane, position, pcm, out)
        self._drain(st, lane, out)

    def _place(self, st: _LaneState, lane: Lane, position: int, pcm: np.ndarray, out: list) -> None:
        """Emit a piece that starts at or before the expected position (within tolerance)."""
        if not self._snaps(st, position, len(pcm)) and position < st.expected:
            overlap = st.expected - position
            if overlap >= len(pcm):
                self.stats.late_pieces += 1
                self.stats.late_s += len(pcm) / st.rate
                return
            self.stats.late_s += overlap / st.rate
            pcm = pcm[overlap:]
        self._close_gap(st, lane, out)
        out.append(Aligned(lane, st.expected, pcm))
        st.expected += len(pcm)

    def _drain(self, st: _LaneState, lane: Lane, out: list) -> None:
        while st.pending:
            start = min(st.pending)
            if start > st.expected and not self._snaps(st, start, len(st.pending[start])):
                return
            self._place(st, lane, start, st.pending.pop(start), out)

    def _force_until(self, st: _LaneState, lane: Lane, target: int, reason: str, out: list) -> None:
        """Advance ``lane`` to ``target``: held pieces in order, silence in the holes."""
        while True:
            self._drain(st, lane, out)
            if st.expected >= target:
                return
            upto = min(min(st.pending, default=target), target)
            self._fill(st, lane, upto - st.expected, reason, out)

    def _keep_up(self, lane: Lane, out: list) -> None:
        """Fill the other lane when it lags this one by more than the allowed skew (or is absent)."""
        me, other_lane = self._lanes[lane], lane.other
        other = self._lanes[other_lane]
        if other.awaited:
            return
        ahead_s = me.expected / me.rate - other.expected / other.rate
        due = ahead_s > 0.0 if other.absent else ahead_s > self._skew_s and self._stalled(other, ahead_s)
        if due:
            reason = "absent" if other.absent else "lane_stalled"
            self._force_until(other, other_lane, round(me.expected / me.rate * other.rate), reason, out)

    def _stalled(self, st: _LaneState, behind_s: float) -> bool:
        """Whether a lane ``behind_s`` (more than the skew) behind the other has stalled: nothing heard from it
        for the skew on the clock (always, without a clock), or it is ``max_gap_s`` behind."""
        if self._clock is None or behind_s > self._max_gap_s:
            return True
        return self._clock() - st.heard_at >= self._skew_s

    def _fill(self, st: _LaneState, lane: Lane, samples: int, reason: str, out: list) -> None:
        if samples <= 0:
            return
        if st.gap is not None and st.gap.reason == reason and st.gap.start + st.gap.length == st.expected:
            st.gap.length += samples
        else:
            self._close_gap(st, lane, out)
            st.gap = _Gap(st.expected, samples, reason)
        block = int(st.rate * _FILL_BLOCK_S)
        for offset in range(0, samples, block):
            n = min(block, samples - offset)
            out.append(Aligned(lane, st.expected, np.zeros(n, dtype=np.float32)))
            st.expected += n

    def _close_gap(self, st: _LaneState, lane: Lane, out: list) -> None:
        gap, st.gap = st.gap, None
        if gap is None:
            return
        duration = gap.length / st.rate
        if gap.reason in _COUNTED:
            self.stats.gaps += 1
            self.stats.gap_s += duration
        out.append(
            StreamNote(
                "gap",
                {
                    "lane": lane.value,
                    "start_s": round(gap.start / st.rate, 3),
                    "duration_s": round(duration, 3),
                    "reason": gap.reason,
                },
            )
        )
