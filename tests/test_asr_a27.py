"""Packs refused and decoded again (issue 11, session 32 helper A27).

:func:`coach.asr.packing.split` names why it refuses a slot (``gap_word``, ``straddle``, ``no_words``), the
scheduler counts refused slots by reason (``refused_by``, with ``cut_short`` and ``batch_short``), and a pack of
finals hands its trusted finals over as soon as the pack is decoded, before its refused ones are decoded
again alone; a word still never reaches another utterance. Scripted decoders, a scheduler without threads."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from coach.asr.config import AsrConfig
from coach.asr.engine import DecodedSegment, DecodedWord, DecodeOptions
from coach.asr.packing import Slot, split
from coach.asr.scheduler import SHED, DecodeScheduler
from coach.asr.stream import FINAL, PARTIAL
from coach.types import SAMPLE_RATE, Lane
from tests.test_asr_scheduler import Clock, ScriptedDecoder, request

SLOTS = [Slot(0, 2 * SAMPLE_RATE), Slot(4 * SAMPLE_RATE, 2 * SAMPLE_RATE), Slot(8 * SAMPLE_RATE, 2 * SAMPLE_RATE)]
MARGIN = int(0.8 * SAMPLE_RATE)


def segment(*words: tuple[float, float, str]) -> DecodedSegment:
    dws = tuple(DecodedWord(a, b, f" {t}", 0.9) for a, b, t in words)
    return DecodedSegment(dws[0].start, dws[-1].end, "".join(w.word for w in dws), dws, -0.2, 0.01, len(dws))


@pytest.mark.parametrize(
    ("stray", "why"),
    [
        ((1.5, 3.5, "x"), {0: "straddle", 1: "straddle"}),  # from the first slot to within reach of the second
        ((2.9, 3.1, "x"), {0: "gap_word", 1: "gap_word"}),  # deep in the gap between them
    ],
)
def test_split_names_why_it_refuses_and_gives_the_stray_word_to_nobody(stray, why):
    segs = [segment((0.2, 0.8, "a"), (4.2, 4.8, "b"), stray, (8.2, 8.8, "c"))]
    reasons: dict[int, str] = {}
    out = split(segs, SLOTS, margin=MARGIN, reasons=reasons)
    assert reasons == why
    assert out[0] is None and out[1] is None and out[2] is not None and out[2].text == "c"


def test_split_names_a_slot_left_without_words():
    reasons: dict[int, str] = {}
    out = split([segment((0.2, 0.8, "a"), (8.2, 8.8, "c"))], SLOTS, margin=MARGIN, reasons=reasons)
    assert reasons == {1: "no_words"} and out[1] is None and [out[0].text, out[2].text] == ["a", "c"]


def packed_only(change, alone_up_to_s: float = 2.0, decoder: ScriptedDecoder | None = None):
    """A scripted decoder (``decoder``'s), honest on audio of at most ``alone_up_to_s``; on a longer (packed)
    window its segments go through ``change``."""
    inner = decoder or ScriptedDecoder()

    def decode(pcm: np.ndarray, prompt: str | None, options: DecodeOptions) -> list[DecodedSegment]:
        segs = inner(pcm, prompt, options)
        return segs if len(pcm) <= alone_up_to_s * SAMPLE_RATE else change(segs)

    return decode


def smear(segs: list[DecodedSegment]) -> list[DecodedSegment]:
    """A word from the second slot (3-4 s of the window: slots of 1 s, 2 s apart) to within reach of the third."""
    word = DecodedWord(3.5, 5.5, " smear", 0.5)
    return [*segs, DecodedSegment(word.start, word.end, " smear", (word,), -0.5, 0.01, 1)]


def smearing_between_second_and_third():
    return packed_only(smear)


def test_a_packs_trusted_final_is_handed_over_before_its_refused_ones_and_each_of_those_once_decoded_alone():
    sched = DecodeScheduler(AsrConfig(), decode=smearing_between_second_and_third(), threads=0, clock=Clock())
    a, b, c = (sched.submit(request(FINAL, [k, k + 1], utt=k)) for k in (1, 3, 5))
    held: list = []
    assert sched.step(defer=held.append)
    assert len(held) == 3  # the trusted final's hand-over, then each refused one once decoded alone
    held[0]()
    assert a.done() and a.result().text == "w1 w2" and not b.done() and not c.done()
    held[1]()
    assert b.done() and not c.done()
    held[2]()
    assert [f.result().text for f in (a, b, c)] == ["w1 w2", "w3 w4", "w5 w6"]  # the smear in none
    stats = sched.stats()
    assert stats["refused"] == 2 and stats["refused_by"] == {"final:straddle": 2}


def test_without_early_delivery_the_pack_is_handed_over_at_once():
    config = AsrConfig(early_delivery=False)
    sched = DecodeScheduler(config, decode=smearing_between_second_and_third(), threads=0, clock=Clock())
    futures = [sched.submit(request(FINAL, [k, k + 1], utt=k)) for k in (1, 3, 5)]
    held: list = []
    assert sched.step(defer=held.append) and len(held) == 1
    held[0]()
    assert [f.result().text for f in futures] == ["w1 w2", "w3 w4", "w5 w6"]


def test_partials_refused_are_shed_and_counted_by_reason():
    sched = DecodeScheduler(AsrConfig(), decode=smearing_between_second_and_third(), threads=0, clock=Clock())
    p = [sched.submit(request(PARTIAL, [k, k + 1], lane=lane, utt=k)) for k, lane in ((1, Lane.AGENT),)]
    q = [sched.submit(request(PARTIAL, [k, k + 1], lane=Lane.CUSTOMER, utt=k)) for k in (3,)]
    sched.drain()
    results = [f.result() for f in p + q]
    assert all(r is SHED or r.text for r in results)
    assert sum(sched.stats()["refused_by"].values()) == sched.stats()["refused"]


def test_a_cut_short_slot_is_counted_as_such():
    def lose_the_middle(segs: list[DecodedSegment]) -> list[DecodedSegment]:  # w2..w4 of the first slot
        kept = tuple(w for w in segs[0].words if w.start < 0.4 or w.start >= 4.0)
        return [DecodedSegment(0.0, kept[-1].end, "".join(w.word for w in kept), kept, -0.2, 0.01, len(kept))]

    sched = DecodeScheduler(AsrConfig(), decode=packed_only(lose_the_middle, 3.0), threads=0, clock=Clock())
    first = sched.submit(request(FINAL, [1, 2, 3, 4]))
    second = sched.submit(request(FINAL, [5, 6], lane=Lane.CUSTOMER))
    sched.drain()
    assert [first.result().text, second.result().text] == ["w1 w2 w3 w4", "w5 w6"]
    assert sched.stats()["refused_by"] == {"final:cut_short": 1}


def test_a_word_deep_in_a_gap_refuses_the_two_slots_beside_that_gap_not_the_next_pair():
    reasons: dict[int, str] = {}
    segs = [segment((0.2, 0.8, "a"), (3.1, 3.1, "x"), (4.2, 4.8, "b"), (8.2, 8.8, "c"))]  # nearer the second
    out = split(segs, SLOTS, margin=MARGIN, reasons=reasons)
    assert reasons == {0: "gap_word", 1: "gap_word"} and out[2].text == "c"


def late_edge(segs: list[DecodedSegment]) -> list[DecodedSegment]:
    """The second slot's last word (w4, 3.5-4 s of the window) stretched to within reach of the third slot."""
    words = tuple(DecodedWord(3.5, 5.5, w.word, w.probability) if w.word == " w4" else w for w in segs[0].words)
    return [dataclasses.replace(segs[0], words=words)]


@pytest.mark.parametrize("change", [late_edge, smear])
def test_both_slots_beside_a_stray_word_are_decoded_again_alone(change):
    decoder = ScriptedDecoder()
    sched = DecodeScheduler(AsrConfig(), decode=packed_only(change, decoder=decoder), threads=0, clock=Clock())
    futures = [sched.submit(request(FINAL, [k, k + 1], utt=k)) for k in (1, 3, 5)]
    sched.drain()
    assert [f.result().text for f in futures] == ["w1 w2", "w3 w4", "w5 w6"]  # no stray word in another's
    stats = sched.stats()
    assert len(decoder.calls) == 3 and stats["windows"] == 3
    assert stats["refused"] == 2
