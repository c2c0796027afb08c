"""A final decoded again with the lane's next speech after it, and the call's ledger that admits such revisions.

Whisper decodes a short piece better once it hears what follows it (docs/asr.md, session 56, A50: jfk's first piece
"And so am I fellow Americans" alone, "And so my fellow Americans" with the next piece's first seconds in the same
window). With ``[asr] revise_with_next`` a lane's final whose piece the VAD ended (not a long-turn cut) and whose
lane speaks again within ``revise_gap_s`` is decoded again, once, over its own padded audio, the pause and the first
``revise_lookahead_s`` of the next speech (:mod:`coach.asr.stream` makes the request; never while the decoder is
under load). Of the decode's words those whose middle lies in the piece's padded span are kept
(:func:`kept_words`); they replace the final only when they differ from its words and their mean probability is
higher (:func:`better`, A50's rule, fixed before any scoring).

A replacement goes out as its own event type, ``transcript.revised`` (:data:`REVISED`): the fields of a
``transcript`` final (``speaker``, ``utt``, ``end``, ``text``, ``words``, ``final`` true; ``t`` the piece's start,
the same as the final's) and ``revises``, the ``utt`` it replaces. Its own type, so that a reader that does not know
it ignores it (docs/events.md): nothing counts a turn twice by construction; the readers that show or read the
words apply it (the agent page's line, the review transcript, the wording rules: docs/events.md).

:class:`RevisionGate` is one call's ledger: it notes the call's finals and admits a revision only of a final of this
call (the same ``utt``, speaker, piece start and end), once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coach.asr.agreement import Word
from coach.types import Event

REVISED = "transcript.revised"
"""Event type of a revised final (module docstring)."""

TIME_TOLERANCE_S = 0.002
"""Seconds: a revision's ``t`` / ``end`` match the final's within this (both are rounded to the millisecond)."""


def kept_words(words: Sequence[Word], lo: int, hi: int) -> list[Word]:
    """The ``words`` whose middle (samples) lies in ``[lo, hi)``: the revised piece's padded span."""
    return [w for w in words if lo <= (w.start + w.end) // 2 < hi]


def mean_p(words: Sequence[Word]) -> float:
    """The mean word probability of ``words`` (0 for none)."""
    return sum(w.p for w in words) / len(words) if words else 0.0


def better(old: Sequence[Word], new: Sequence[Word]) -> bool:
    """Whether ``new`` replaces ``old``: some words, other words (compared by :attr:`Word.key`: case and punctuation
    aside), and a higher mean word probability."""
    if not new or [w.key for w in new] == [w.key for w in old]:
        return False
    return mean_p(new) > mean_p(old)


@dataclass(frozen=True, slots=True)
class Revisable:
    """A lane's last final that may be decoded again: turn number ``utt``, its speech ``piece_start`` /
    ``speech_end`` and its padded audio ``[start, start + len(pcm))`` (samples, raw lane audio), its ``words``."""

    utt: int
    piece_start: int
    speech_end: int
    start: int
    pcm: Any
    words: tuple[Word, ...] = ()


@dataclass(slots=True)
class _Final:
    speaker: str
    t: float
    end: float
    revised: bool = False


class RevisionGate:
    """One call's finals, noted in call order (:meth:`split`), and the revisions of them it admits.

    A ``transcript.revised`` event is admitted when it names its own ``utt`` in ``revises``, its ``speaker`` owns that
    ``utt`` ("agent-3" is the agent's), a final of that ``utt`` was noted in this call with the same piece start
    ``t`` and ``end`` (an ``utt`` of another call or lane has another start, or none), and that final was not revised
    before. Anything else is refused (counted in :attr:`refused`, dropped: never shown, never read)."""

    def __init__(self) -> None:
        self._finals: dict[str, _Final] = {}
        self.refused = 0

    def split(self, events: Iterable[Event]) -> tuple[list[Event], list[Event]]:
        """``events`` less the revisions, each final among them noted; and the revisions admitted (:meth:`admit`)."""
        kept: list[Event] = []
        revised: list[Event] = []
        for event in events:
            if event.type == REVISED:
                if self.admit(event.to_dict()):
                    revised.append(event)
                continue
            kept.append(event)
            if event.type == "transcript" and event.data.get("final"):
                self.note(event.to_dict())
        return kept, revised

    def note(self, record: Mapping[str, Any]) -> None:
        """Note the final ``record`` (a ``transcript`` event dict with ``final`` true) of this call (a record with no
        time, as a bench's summary may hold, is noted at -1 s: no revision matches it)."""
        t = float(record.get("t", -1.0))
        self._finals[str(record.get("utt"))] = _Final(str(record.get("speaker")), t, float(record.get("end", t)))

    def admit(self, record: Mapping[str, Any]) -> bool:
        """Whether ``record`` (a ``transcript.revised`` event dict) is admitted (its final then marked revised); a
        refusal is counted in :attr:`refused` (class docstring)."""
        utt, speaker = str(record.get("utt", "")), str(record.get("speaker", ""))
        final = self._finals.get(utt)
        if (
            record.get("revises") != utt
            or not utt.startswith(f"{speaker}-")
            or final is None
            or final.revised
            or final.speaker != speaker
            or abs(final.t - float(record.get("t", -1.0))) > TIME_TOLERANCE_S
            or abs(final.end - float(record.get("end", -1.0))) > TIME_TOLERANCE_S
        ):
            self.refused += 1
            return False
        final.revised = True
        return True


def revised_texts(events: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """``utt`` -> the text of its final's admitted revision, over one call's event dicts in order (the benches and the
    evaluation score the words a reader is left with: the revised final's where a revision came)."""
    gate, out = RevisionGate(), {}
    for record in events:
        if record.get("type") == "transcript" and record.get("final"):
            gate.note(record)
        elif record.get("type") == REVISED and gate.admit(record):
            out[str(record["utt"])] = str(record.get("text", ""))
    return out
