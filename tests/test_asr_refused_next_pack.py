"""``[asr] refused_next_pack`` (issue 11, session 49, A43): a packed window's refused finals go back to the head of the
finals' queue, once each, and are decoded with the next pack instead of each alone in a padded window at once.
Scripted decoders (no model): a refused final is never shed, never given another's words, decoded with the next
pack (one window, not one each), alone only when refused twice; off by default, each refused final alone at once."""

from __future__ import annotations

import numpy as np

from coach.asr.config import AsrConfig
from coach.asr.engine import DecodedSegment, DecodedWord, DecodeOptions
from coach.asr.scheduler import DecodeScheduler
from coach.asr.stream import FINAL
from coach.types import SAMPLE_RATE, Lane
from tests.test_asr_scheduler import Clock, ScriptedDecoder, request


class Smearing:
    """The scripted decoder, but a packed window (over 2 s) gets a word whose times run across the whole window
    (a misaligned word: the split trusts no slot) for its first ``packs`` packs; alone it is honest."""

    def __init__(self, packs: int) -> None:
        self.inner = ScriptedDecoder()
        self.packs = packs

    def __call__(self, pcm: np.ndarray, prompt: str | None, options: DecodeOptions) -> list[DecodedSegment]:
        segs = self.inner(pcm, prompt, options)
        if len(pcm) <= 2 * SAMPLE_RATE or not self.packs:
            return segs
        self.packs -= 1
        smear = DecodedWord(0.2, len(pcm) / SAMPLE_RATE - 0.2, " smear", 0.5)
        return [*segs, DecodedSegment(0.2, smear.end, " smear", (smear,), -0.5, 0.01, 1)]


def texts(futures) -> list[str]:
    return [f.result().text for f in futures]


def test_refused_finals_go_back_and_are_decoded_with_the_next_pack():
    decoder = Smearing(packs=1)
    sched = DecodeScheduler(AsrConfig(refused_next_pack=True), decode=decoder, threads=0, clock=Clock())
    a = sched.submit(request(FINAL, [1, 2], utt=1))
    b = sched.submit(request(FINAL, [3, 4], lane=Lane.CUSTOMER, utt=2))
    assert sched.step() and not a.done() and not b.done()  # both refused: back in the queue, not decoded alone
    assert len(decoder.inner.calls) == 1
    assert (sched.stats()["queued_finals"], sched.stats()["requeued"]) == (2, 2)
    c = sched.submit(request(FINAL, [5, 6], lane=Lane.CUSTOMER, utt=3))
    assert sched.step()  # the next pack: the two put back first, then the new one, in one window
    assert texts([a, b, c]) == ["w1 w2", "w3 w4", "w5 w6"]
    assert len(decoder.inner.calls) == 2 and sched.stats()["queued_finals"] == 0
    assert sched.stats()["final_slots"] == 5  # two slots decoded twice


def test_a_final_refused_twice_is_decoded_alone_and_never_shed():
    decoder = Smearing(packs=2)
    sched = DecodeScheduler(AsrConfig(refused_next_pack=True), decode=decoder, threads=0, clock=Clock())
    a = sched.submit(request(FINAL, [1, 2], utt=1))
    b = sched.submit(request(FINAL, [3, 4], lane=Lane.CUSTOMER, utt=2))
    sched.drain()
    assert texts([a, b]) == ["w1 w2", "w3 w4"]
    assert len(decoder.inner.calls) == 4  # the pack, the same two packed again, then each alone
    assert sched.stats()["requeued"] == 2


def test_off_by_default_each_refused_final_is_decoded_alone_at_once():
    decoder = Smearing(packs=1)
    sched = DecodeScheduler(AsrConfig(), decode=decoder, threads=0, clock=Clock())
    a = sched.submit(request(FINAL, [1, 2], utt=1))
    b = sched.submit(request(FINAL, [3, 4], lane=Lane.CUSTOMER, utt=2))
    assert sched.step() and texts([a, b]) == ["w1 w2", "w3 w4"]
    assert len(decoder.inner.calls) == 3 and sched.stats()["requeued"] == 0
    assert not AsrConfig().refused_next_pack
