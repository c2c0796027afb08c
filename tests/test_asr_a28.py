"""Issue 11, session 33 helper A28: the pack hand-over switches as ``[asr]`` settings; the alignment the
streaming-WER diagnosis (``scripts/bench_asr_wer_causes.py``) counts its errors with; the backlog beam only
where few finals queue behind (``backlog_beam_max_queued``). Cheap: scripted decoders, no model."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from coach.asr import scheduler as scheduler_module
from coach.asr.config import AsrConfig
from coach.asr.scheduler import DecodeScheduler
from coach.asr.stream import FINAL
from coach.config import load_config
from coach.errors import ConfigError
from coach.types import SAMPLE_RATE, Lane
from tests.test_asr_scheduler import Clock, ScriptedDecoder, request
from training.asr_corpus import Clip

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from bench_asr_capacity_sim import variant  # noqa: E402
from bench_asr_wer_causes import align, wrong_words  # noqa: E402
from bench_capacity import build_call  # noqa: E402


def test_early_delivery_is_an_asr_setting_with_one_source(tmp_path):
    assert load_config().asr.early_delivery and AsrConfig().early_delivery
    path = tmp_path / "site.toml"
    path.write_text("[asr]\nearly_delivery = false\n")
    assert not load_config(path).asr.early_delivery
    # no second source left in the scheduler module
    assert not hasattr(scheduler_module, "EARLY_DELIVERY")


def test_the_neighbours_check_is_gone_with_its_setting(tmp_path):
    # session 34 (A29): off by default and never better on both latency and words, so removed
    assert not hasattr(AsrConfig(), "verify_by_neighbour")
    path = tmp_path / "site.toml"
    path.write_text("[asr]\nverify_by_neighbour = true\n")
    with pytest.raises(ConfigError, match="verify_by_neighbour"):
        load_config(path)


def test_the_simulations_session_32_key_sets_the_setting():
    _, config, _, flags = variant("v:early=false,solo=1.4,cores=1.4")
    assert not config.early_delivery and flags == {"promote": True}
    _, config, _, _ = variant("w:early_delivery=false")
    assert not config.early_delivery


def test_the_causes_alignment_counts_substitutions_deletions_and_insertions():
    ref = ["so", "my", "fellow", "americans", "ask", "not"]
    hyp = ["so", "i", "fellow", "americans", "ask", "not", "now"]
    wrong, inserted, match = wrong_words(ref, hyp)
    assert wrong == [False, True, False, False, False, False]
    assert inserted == [5] and match[1] == 1
    wrong, inserted, match = wrong_words(ref, ["so", "fellow", "americans", "ask", "not"])
    assert wrong == [False, True, False, False, False, False] and match[1] is None and inserted == []
    assert align([], ["x"]) == [(None, 0)] and align(["x"], []) == [(0, None)]


def backlog_beams(max_queued: int) -> list[int]:
    """Five one-word finals backed up behind 2 s of queueing, two to a 5 s pack: each decode's beam."""
    config = AsrConfig(
        final_greedy_backlog_s=1.0,
        backlog_batch=False,
        backlog_beam_size=2,
        backlog_beam_max_queued=max_queued,
        pack_window_s=5.0,
        partial_pack_s=5.0,
    )
    decoder, clock = ScriptedDecoder(), Clock()
    sched = DecodeScheduler(config, decode=decoder, threads=0, clock=clock)
    futures = [sched.submit(request(FINAL, [k], utt=k)) for k in range(1, 6)]
    clock.t = 2.0
    sched.drain()
    assert [f.result().text for f in futures] == [f"w{k}" for k in range(1, 6)]  # each its own word
    return [beam for _, beam in decoder.calls]


def test_the_backlog_beam_goes_only_to_packs_with_at_most_backlog_beam_max_queued_finals_behind():
    assert backlog_beams(-1) == [2, 2, 2]  # whatever the queue (the setting off)
    assert backlog_beams(1) == [1, 2, 2]  # three behind the first pack: greedy; one, then none: the beam
    assert backlog_beams(0) == [1, 1, 2]
    with pytest.raises(ConfigError, match="backlog_beam_max_queued"):
        AsrConfig(backlog_beam_max_queued=-2)


def test_the_bench_calls_say_where_each_reference_turn_lies():
    clips = [
        Clip(f"c{k}", np.full(SAMPLE_RATE * (1 + k % 3), 0.1 * (k + 1), np.float32), f"text {k}") for k in range(5)
    ]
    call = build_call(clips, 2, 12.0)
    for lane in Lane:
        assert len(call.spans[lane]) == len(call.refs[lane]) > 0
        for (start, end), text in zip(call.spans[lane], call.refs[lane], strict=True):
            k = int(text.split()[1])
            assert np.allclose(call.lanes[lane][start:end], 0.1 * (k + 1)) and end - start == len(clips[k].pcm)


def pack_beams(pack_finals: int, n: int) -> list[int]:
    """``n`` one-word finals submitted at once (no wait, nothing behind the pack): each decode's beam."""
    config = AsrConfig(backlog_batch=False, backlog_beam_size=2, backlog_pack_finals=pack_finals)
    decoder = ScriptedDecoder()
    sched = DecodeScheduler(config, decode=decoder, threads=0, clock=Clock())
    futures = [sched.submit(request(FINAL, [k], utt=k)) for k in range(1, n + 1)]
    sched.drain()
    assert [f.result().text for f in futures] == [f"w{k}" for k in range(1, n + 1)]
    return [beam for _, beam in decoder.calls]


def test_a_pack_of_backlog_pack_finals_finals_is_a_backlog_pack_however_short_its_wait():
    assert pack_beams(0, 3) == [5]  # off: a fresh pack gets the finals' beam
    assert pack_beams(3, 3) == [2]  # three at once: the backlog's decode
    assert pack_beams(3, 2) == [5]
    with pytest.raises(ConfigError, match="backlog_pack_finals"):
        AsrConfig(backlog_pack_finals=-1)
