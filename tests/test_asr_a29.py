"""Issue 11, session 34 helper A29: the scheduler's decode split out of ``_run`` (a failed pack, a pack of finals
decoded as one batch, each final in its own short window, with the backlog beam), and the capacity simulation's
CPU breakdown by kind of decode. Cheap: scripted decoders, no model."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from coach.asr.config import AsrConfig
from coach.asr.engine import DecodedSegment, DecodeOptions
from coach.asr.scheduler import DecodeScheduler
from coach.asr.stream import FINAL
from coach.types import Lane
from tests.test_asr_batch import ScriptedBatch
from tests.test_asr_scheduler import Clock, ScriptedDecoder, request, texts

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from bench_asr_capacity_sim import COST, CostModel, breakdown  # noqa: E402


def every_final_batched() -> AsrConfig:
    """The variant measured in session 34: every pack of finals a backlog pack (``backlog_pack_finals = 1``),
    so each final is decoded in its own window of its audio + 2 s (at least 10 s), with beam 5."""
    return AsrConfig(backlog_pack_finals=1, backlog_beam_size=5, backlog_batch=True)


def test_every_final_in_its_own_short_window_keeps_only_its_own_words():
    config = every_final_batched()
    decoder = ScriptedDecoder()
    batch = ScriptedBatch(decoder)
    sched = DecodeScheduler(config, decode=decoder, decode_batch=batch, threads=0, clock=Clock())
    lone = sched.submit(request(FINAL, [1] * 4))
    assert sched.step()  # alone: not a batch, but the backlog's short window and beam
    lanes = (Lane.AGENT, Lane.CUSTOMER)
    calls = [sched.submit(request(FINAL, [10 * k + 1, 10 * k + 2], lane=lanes[k % 2], utt=k)) for k in (1, 2, 3)]
    assert sched.step() and not sched.step()
    assert texts([lone, *calls]) == ["w1 w1 w1 w1", "w11 w12", "w21 w22", "w31 w32"]  # no word in another's
    assert decoder.calls[0][1] == 5 and len(batch.batches) == 1
    lengths, beam, frames = batch.batches[0]
    assert len(lengths) == 3 and beam == 5 and frames == 1000  # three finals, each in its own 10 s window
    assert sched.stats()["final_slots"] == 4 and sched.stats()["refused"] == 0


def test_a_failed_packed_decode_is_every_slots_error_and_counted_once_per_slot():
    def broken(pcm: np.ndarray, prompt: str | None, options: DecodeOptions) -> list[DecodedSegment]:
        raise RuntimeError("decoder crashed")

    sched = DecodeScheduler(AsrConfig(), decode=broken, threads=0, clock=Clock())
    futures = [sched.submit(request(FINAL, [k, k + 1], utt=k)) for k in (1, 3)]
    assert sched.step()
    assert all(isinstance(f.exception(), RuntimeError) for f in futures)
    stats = sched.stats()
    assert stats["errors"] == 2 and stats["refused"] == 0 and stats["windows"] == 1


def test_the_simulations_breakdown_charges_each_kind_of_decode_its_encoder_and_tokens():
    cost = CostModel(base=0.0, per_pass=1.0, per_token=0.01, per_token_beam=0.001)
    log = [(1.0, 100, 5), (0.3, 50, 1), (1.0, 10, 5), (2.0, 20, 1)]
    kinds = [(True, "pack"), (True, "batch of 2"), (True, "again alone"), (False, "pack")]
    lines = breakdown(log, kinds, cost, call_s=10.0)
    assert len(lines) == 4
    # the costliest first: 1 pass (0.1 CPU-s per call-s) + 100 tokens at beam 5 (0.14)
    assert "final   pack         beam 5" in lines[0] and "encoder 0.1000 + tokens 0.1400" in lines[0]
    assert "partial pack" in lines[1] and "0.2000 + tokens 0.0200" in lines[1]  # 2 passes, 20 greedy tokens
    assert any("final   batch" in line and "0.0300 + tokens 0.0500" in line for line in lines)
    assert COST.per_pass > 0  # the shipped model is the default
