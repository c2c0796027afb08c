"""Several utterances in one Whisper window: pack them with silence between, split the result back.

Whisper's encoder always runs on a 30 s window (shorter audio is padded), so decoding one 3 s
utterance costs as much encoder time as decoding 30 s. :func:`pack` lays utterances (of one call or
of many) end to end in one window, separated by ``gap`` samples of silence; the window is decoded
once; :func:`split` hands every decoded word back to the utterance whose slot holds the word's
midpoint.

A word must never reach another utterance's transcript, so :func:`split` refuses (returns ``None``
for) every slot it cannot vouch for: a word whose midpoint lies deep inside a gap (further than
``margin`` from both slots), a word that straddles a gap (starts in one slot, ends in the next), or
a slot left without any word while other slots got words (the decoder may have stopped early).
A word of punctuation only (no letter or digit) whose midpoint lies outside every slot is no one's:
it is left out, and its segment does not judge any slot (Whisper writes a lone ``.`` over the silence
after a window's last utterance, with a no-speech probability near 1 that would drop that utterance's
final whole: docs/benchmarks.md, "Session 51 (A45)").
The caller decodes refused slots alone. All positions are samples at 16 kHz; word times in the
results are seconds from the start of the slot, as if the slot had been decoded on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from coach.asr.engine import DecodedSegment, DecodedWord, DecodeResult, compression_ratio
from coach.types import SAMPLE_RATE


@dataclass(frozen=True, slots=True)
class Slot:
    """Where one utterance lies in a packed window: samples ``[offset, offset + length)``."""

    offset: int
    length: int

    @property
    def end(self) -> int:
        return self.offset + self.length


def fits(lengths: Sequence[int], *, gap: int, window: int) -> int:
    """How many of ``lengths`` (in order) fit in one window of ``window`` samples with ``gap`` between
    them (at least one: an utterance longer than the window goes alone)."""
    used, n = 0, 0
    for length in lengths:
        need = length + (gap if n else 0)
        if n and used + need > window:
            break
        used += need
        n += 1
    return max(1, n) if lengths else 0


def pack(pcms: Sequence[np.ndarray], *, gap: int) -> tuple[np.ndarray, list[Slot]]:
    """The utterances end to end with ``gap`` samples of silence between them, and their slots."""
    slots, offset = [], 0
    for pcm in pcms:
        slots.append(Slot(offset, len(pcm)))
        offset += len(pcm) + gap
    window = np.zeros(max(0, offset - gap), dtype=np.float32)
    for pcm, slot in zip(pcms, slots, strict=True):
        window[slot.offset : slot.end] = pcm
    return window, slots


def _owner(mid: int, slots: Sequence[Slot], margin: int) -> int | None:
    """Index of the slot within ``margin`` of sample ``mid`` (the nearest one), else ``None``."""
    best, best_d = None, margin + 1
    for i, slot in enumerate(slots):
        d = 0 if slot.offset <= mid < slot.end else min(abs(mid - slot.offset), abs(mid - slot.end))
        if d < best_d:
            best, best_d = i, d
    return best


def _mark_only(word: str) -> bool:
    """True for a decoded word without a letter or digit (Whisper's lone ``.`` over silence)."""
    return not any(ch.isalnum() for ch in word)


def split(
    segments: Sequence[DecodedSegment],
    slots: Sequence[Slot],
    *,
    margin: int,
    latency_s: float = 0.0,
    reasons: dict[int, str] | None = None,
) -> list[DecodeResult | None]:
    """One result per slot (``None`` where the split is not trustworthy: decode that slot alone).

    ``margin`` (samples) is how far outside its slot a word's midpoint may lie and still belong to it
    (Whisper's word times drift by a few hundred ms near silence); keep it below half the gap.
    ``avg_logprob`` / ``no_speech_prob`` of a slot come from the segments holding its words (the whole
    window's when it has none); ``latency_s`` (the packed decode's wall time) is shared out by slot length.
    ``reasons``, when given, gets each refused slot's first reason: ``gap_word`` (a word deep in a gap
    beside it), ``straddle`` (a word from it into the next slot or back), ``no_words``.
    """
    words: list[list[DecodedWord]] = [[] for _ in slots]
    seg_of: list[list[DecodedSegment]] = [[] for _ in slots]
    refused: set[int] = set()
    why = {} if reasons is None else reasons

    def refuse(i: int, reason: str) -> None:
        refused.add(i)
        why.setdefault(i, reason)

    for seg in segments:
        for w in seg.words:
            a, b = int(round(w.start * SAMPLE_RATE)), int(round(w.end * SAMPLE_RATE))
            mid = (a + b) // 2
            if _mark_only(w.word) and not any(slot.offset <= mid < slot.end for slot in slots):
                continue  # a lone mark over a gap or the window's silent rest: no utterance's word, no segment of one
            i = _owner(mid, slots, margin)
            if i is None:
                # a word in the silence between slots: its owner is a guess, so neither slot beside it gets it
                before = max((k for k, slot in enumerate(slots) if slot.end <= mid), default=-1)
                beside = [k for k in (before, before + 1) if 0 <= k < len(slots)]
                for k in beside:
                    refuse(k, "gap_word")
                continue
            first, last = _owner(a, slots, margin), _owner(max(a, b - 1), slots, margin)
            if first is not None and last is not None and first != last:
                refuse(first, "straddle")
                refuse(last, "straddle")
                continue
            slot = slots[i]
            words[i].append(
                DecodedWord(
                    min(max(a - slot.offset, 0), slot.length) / SAMPLE_RATE,
                    min(max(b - slot.offset, 0), slot.length) / SAMPLE_RATE,
                    w.word,
                    w.probability,
                )
            )
            if not seg_of[i] or seg_of[i][-1] is not seg:
                seg_of[i].append(seg)
    if any(words):
        # Whisper may end a window early and skip what follows: an utterance that got no word while
        # others did is not known to be silent
        for i, got in enumerate(words):
            if not got:
                refuse(i, "no_words")
    total = sum(s.length for s in slots) or 1
    out: list[DecodeResult | None] = []
    for i, slot in enumerate(slots):
        if i in refused:
            out.append(None)
            continue
        segs = seg_of[i] or list(segments)
        tokens = sum(s.tokens for s in segs)
        avg = sum(s.avg_logprob * s.tokens for s in segs) / tokens if tokens else 0.0
        no_speech = max((s.no_speech_prob for s in segs), default=1.0)
        text = "".join(w.word for w in words[i]).strip()
        result = DecodeResult(
            text,
            tuple(words[i]),
            float(avg),
            float(no_speech),
            compression_ratio(text),
            slot.length / SAMPLE_RATE,
            latency_s * slot.length / total,
        )
        out.append(result)
    return out
