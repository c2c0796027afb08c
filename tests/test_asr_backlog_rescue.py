"""Issue 11: ``[asr] backlog_rescue_beam_size`` (off by default). A backlog batch is decoded greedily; a row whose
decode is unsure (mean token log-probability below ``backlog_rescue_logprob``) is generated again with a wider
beam on the same encoder output, and that decode is its final. Cheap: a scripted generator, no model."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from coach.asr.config import AsrConfig, ConfigError
from coach.asr.engine import DecodeOptions, WhisperEngine
from coach.asr.scheduler import DecodeScheduler
from coach.asr.stream import FINAL
from coach.types import Lane
from tests.test_asr_batch import ScriptedBatch
from tests.test_asr_scheduler import Clock, ScriptedDecoder, request, texts


def generation(tokens: list[int], avg_logprob: float) -> SimpleNamespace:
    """A CTranslate2 result whose mean log-probability per token (faster-whisper's formula) is ``avg_logprob``."""
    return SimpleNamespace(sequences_ids=[tokens], scores=[avg_logprob * (len(tokens) + 1) / len(tokens)])


class Generator:
    """``model.model.generate``: records each call's rows (their first feature) and beam; row r answers
    ``[100 + r] * 3`` with a confident score."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[float], int]] = []

    def generate(self, rows: Any, prompts: list[list[int]], *, beam_size: int, **_: Any) -> list[SimpleNamespace]:
        firsts = [float(r) for r in np.asarray(rows)[:, 0, 0]]
        self.calls.append((firsts, beam_size))
        assert len(prompts) == len(firsts)
        return [generation([100 + int(f)] * 3, -0.1) for f in firsts]


def rescue(results: list[SimpleNamespace], opts: DecodeOptions) -> tuple[list[Any], Generator, tuple[int, int]]:
    engine = SimpleNamespace(_frames=SimpleNamespace())
    gen = Generator()
    encoded = np.arange(len(results), dtype=np.float32).reshape(-1, 1, 1) * np.ones((1, 2, 2), np.float32)
    out = WhisperEngine._rescued(
        engine,  # type: ignore[arg-type]
        lambda rows, n, beam: gen.generate(rows, [[1, 2]] * n, beam_size=beam),
        encoded,
        results,
        opts,
    )
    return out, gen, engine._frames.rescued


def test_only_the_unsure_rows_are_generated_again_with_the_wider_beam_on_their_own_encoder_rows():
    results = [generation([7, 8], -0.2), generation([9], -0.9), generation([5, 6, 7], -0.61)]
    opts = DecodeOptions(beam_size=1, rescue_beam_size=5, rescue_below=-0.6)
    out, gen, rescued = rescue(results, opts)
    assert gen.calls == [([1.0, 2.0], 5)]  # rows 1 and 2 (below -0.6), beam 5; row 0 kept
    assert out[0] is results[0]
    assert [o.sequences_ids[0] for o in out[1:]] == [[101] * 3, [102] * 3]  # each row's own new decode
    assert rescued == (2, 6)


def test_no_rescue_when_off_or_not_wider_or_every_row_is_sure():
    unsure = [generation([9], -0.9)]
    for opts in (
        DecodeOptions(beam_size=1),  # off (0)
        DecodeOptions(beam_size=2, rescue_beam_size=2, rescue_below=-0.6),  # not wider than the batch's beam
        DecodeOptions(beam_size=1, rescue_beam_size=5, rescue_below=-1.0),  # every row above the threshold
    ):
        out, gen, rescued = rescue(unsure, opts)
        assert out == unsure and gen.calls == [] and rescued == (0, 0)


def test_the_scheduler_gives_the_rescue_to_backlog_packs_only():
    config = AsrConfig(final_greedy_backlog_s=1.0, backlog_rescue_beam_size=5, backlog_rescue_logprob=-0.7)
    decoder = ScriptedDecoder()
    seen: list[DecodeOptions] = []

    def batch(pcms: list[np.ndarray], options: DecodeOptions) -> Any:
        seen.append(options)
        return ScriptedBatch(decoder)(pcms, options)

    clock = Clock()
    sched = DecodeScheduler(config, decode=decoder, decode_batch=batch, threads=0, clock=clock)
    first = sched.submit(request(FINAL, [1] * 4))
    assert sched.step()  # fresh: beam 5, no rescue asked
    lanes = (Lane.AGENT, Lane.CUSTOMER)
    queued = [sched.submit(request(FINAL, [k] * 3, lane=lanes[k % 2], utt=k)) for k in (2, 3)]
    clock.t = 1.5
    assert sched.step() and not sched.step()
    assert texts([first, *queued]) == ["w1 w1 w1 w1", "w2 w2 w2", "w3 w3 w3"]  # each final only its own words
    assert [(o.beam_size, o.rescue_beam_size, o.rescue_below) for o in seen] == [(1, 5, -0.7)]
    assert AsrConfig().backlog_rescue_beam_size == 0  # off by default
    with pytest.raises(ConfigError):
        AsrConfig(backlog_rescue_beam_size=-1)
