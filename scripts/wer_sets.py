"""Streaming word errors of the capacity benchmarks' calls, turn by turn, grouped by labelled set.

``bench_capacity.py`` and ``bench_asr_capacity_sim.py`` build each call from labelled clips (jfk and the
asterisk prompts of ``shared/data/asr``) laid out as turns at known sample spans. Each final transcript
event (``t``: its piece's start, ``end``: its speech end, seconds of call audio) is given to the turn of
its lane whose span it overlaps most, so a turn's streaming text is the finals the VAD cut it into, in
order. Turns are then grouped by (set, how many finals the turn became), and each group's word edits
are counted against its references, beside the same turns decoded offline when their texts are given.

Issue 11's bar is per labelled set (streaming WER <= 1.15 x offline tiny.en): this says which set and
which kind of turn (heard as one piece, or cut by a pause into several) holds the excess.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coach.asr.revision import revised_texts
from coach.asr.textnorm import edit_distance, words_of
from coach.types import SAMPLE_RATE, Lane


@dataclass
class Tally:
    """Word edits of a group of turns: ``edits`` streaming, ``offline`` (when known), over ``words``."""

    turns: int = 0
    words: int = 0
    edits: int = 0
    offline: int = 0

    def add(self, reference: str, streamed: str, offline: str | None) -> None:
        ref = words_of(reference)
        self.turns += 1
        self.words += len(ref)
        self.edits += edit_distance(ref, words_of(streamed))
        if offline is not None:
            self.offline += edit_distance(ref, words_of(offline))

    def merge(self, other: Tally) -> None:
        self.turns += other.turns
        self.words += other.words
        self.edits += other.edits
        self.offline += other.offline


def set_of(clip_name: str) -> str:
    """The labelled set a clip belongs to: ``jfk`` or ``asterisk`` (every other name is an asterisk stem)."""
    return "jfk" if clip_name == "jfk" else "asterisk"


def turn_finals(spans: Sequence[tuple[int, int]], finals: Sequence[tuple[float, float, str]]) -> list[list[str]]:
    """Each turn's final texts, in order. ``spans``: the lane's turns as (start, end) samples; ``finals``:
    the lane's finals as (piece start s, speech end s, text). A final goes to the turn it overlaps most; one that
    overlaps none goes to the turn whose nearest edge is closest (the overlap is then minus that distance), and a
    tie goes to the turn whose middle is nearest the final's; so no final is lost or counted twice."""
    out: list[list[str]] = [[] for _ in spans]
    if not spans:
        return out
    for start, end, text in finals:
        a, b = start * SAMPLE_RATE, end * SAMPLE_RATE
        mid = (a + b) / 2

        def rank(i: int, a: float = a, b: float = b, mid: float = mid) -> tuple[float, float]:
            s, e = spans[i]
            return (min(b, e) - max(a, s), -abs(mid - (s + e) / 2))

        out[max(range(len(spans)), key=rank)].append(text)
    return out


def tally_turns(
    calls: Sequence[Any],
    timed: Sequence[Sequence[tuple[float, Mapping[str, Any]]]],
) -> dict[tuple[str, str], Tally]:
    """Word edits per (set, pieces) over every lane of ``calls`` (``LabelledCall``: ``spans``, ``refs``,
    ``names`` and, when filled, ``offline``) from their events (``timed``, as ``score_transcripts`` takes
    them). ``pieces`` is ``"1"`` for a turn heard as one final, ``"2+"`` for a turn cut into several, ``"0"``
    for a turn no final holds. A call's ``offline`` texts (lane -> one per turn) are counted beside."""
    groups: dict[tuple[str, str], Tally] = {}
    for call, events in zip(calls, timed, strict=True):
        revised = revised_texts(e for _, e in events)  # a final's words as revised (transcript.revised)
        for lane in Lane:
            finals = [
                (float(e["t"]), float(e["end"]), revised.get(str(e.get("utt")), str(e.get("text", ""))))
                for _, e in events
                if e.get("type") == "transcript" and e.get("final") and e.get("speaker") == lane.value
            ]
            texts = turn_finals(call.spans.get(lane, []), finals)
            offline = call.offline.get(lane) or [None] * len(texts)
            for ref, name, pieces, off in zip(call.refs[lane], call.names[lane], texts, offline, strict=True):
                kind = {0: "0", 1: "1"}.get(len(pieces), "2+")
                tally = groups.setdefault((set_of(name), kind), Tally())
                tally.add(ref, " ".join(pieces), off)
    return groups


def tally_lines(groups: Mapping[tuple[str, str], Tally], with_offline: bool) -> list[str]:
    """One line per set (all its turns) and per (set, pieces) group: turns, words, streaming edits and WER,
    and offline edits, WER and the ratio when ``with_offline``."""
    rows: dict[str, Tally] = {}
    for (name, kind), t in sorted(groups.items()):
        for key in (name, f"{name} pieces={kind}"):
            rows.setdefault(key, Tally()).merge(t)
    lines = []
    for key in sorted(rows):
        t = rows[key]
        line = f"  {key:22s} turns {t.turns:3d}  words {t.words:4d}"
        line += f"  stream {t.edits:3d} ({t.edits / max(1, t.words):.3f})"
        if with_offline:
            ratio = f"{t.edits / t.offline:.2f}x" if t.offline else "-"
            line += f"  offline {t.offline:3d} ({t.offline / max(1, t.words):.3f})  {ratio}"
        lines.append(line)
    return lines
