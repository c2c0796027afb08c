"""The lower of two successive partials' readings of one utterance, each reading taken only when it can count.

The escalation stage reads a partial customer transcript for complaint meaning (``complaint_gate``): a reading
counts once two successive partials of the utterance give it, as the lower of the two
(:meth:`coach.classify.stage.EscalationStage._partial_complaint`). The tracker turns that probability into evidence
between ``complaint_floor`` and ``complaint_ceiling``: at or below the floor it is no evidence at all
(:func:`coach.classify.escalation._evidence`), and neither is the lower of a pair when either of its readings is.
So a reading (one sentence embedding, about 5-10 ms of CPU) is taken only when the pair needs it: not when a
partial first opens an utterance (the next partial may never come, or come past the onset window), and not when
the other reading of the pair is already known to be no evidence. What counts is the same as reading every
partial at once (issue 10, cost: E65, session 54).
"""

from __future__ import annotations

import math
from collections.abc import Callable


class PairedReading:
    """Per call: the partial last read (its utterance, text and reading once taken) and the pair it makes with the
    next. Not thread-safe; one per stream. ``floor``: readings at or below it are no evidence (``complaint_floor``;
    pass ``-math.inf`` where no reading is known to be none)."""

    def __init__(self, floor: float = -math.inf) -> None:
        self.floor = floor
        # utterance, text, its reading (None: not taken); before any partial, an utterance "" read 0 (as the stage
        # always began: a partial without an utterance id pairs with it)
        self._last: tuple[str, str, float | None] = ("", "", 0.0)
        self.reads = 0
        """Readings taken so far (for cost reports)."""

    def push(self, utt: str, text: str, read: Callable[[str], float]) -> float | None:
        """The reading that counts for partial ``text`` of utterance ``utt`` (``read(text)``: a probability): None
        when the previous partial pushed was of another utterance (nothing counts yet), else the lower of the two
        partials' readings, or, when one of them is at or below :attr:`floor`, that one (then the lower is no
        evidence either: the tracker reads both alike)."""
        (last_utt, last_text, known), self._last = self._last, (utt, text, None)
        if last_utt != utt:
            return None
        if known is not None and known <= self.floor:
            return known
        p = self._read(read, text)
        self._last = (utt, text, p)
        if p <= self.floor:
            return p
        if known is None:
            known = self._read(read, last_text)
        return min(p, known)

    def _read(self, read: Callable[[str], float], text: str) -> float:
        self.reads += 1
        return read(text)
