"""Issue 11: where a final's time goes in the capacity simulation (``--decompose``): the VAD's hangover, the
queue (split by what the decoder did meanwhile: finals, partials, nothing) and its own decode. Cheap: a scripted
decoder on the scheduler's own clock, no model."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from bench_asr_capacity_sim import FinalParts, _Job, decompose  # noqa: E402

from coach.asr.config import AsrConfig  # noqa: E402
from coach.asr.scheduler import DecodeScheduler  # noqa: E402
from coach.asr.stream import FINAL, PARTIAL, DecodeRequest  # noqa: E402
from coach.types import SAMPLE_RATE, Lane  # noqa: E402


def request(kind: str, utt: int, hangover_s: float = 0.25) -> DecodeRequest:
    pcm = np.zeros(SAMPLE_RATE, dtype=np.float32)
    end = len(pcm)
    return DecodeRequest(Lane.AGENT, kind, utt, 0, pcm, 0, end, 1.0, end + int(hangover_s * SAMPLE_RATE))


def scheduler(clock: dict[str, float]) -> DecodeScheduler:
    config = AsrConfig(mode="threaded", pack=False, final_greedy_backlog_s=0.0)
    return DecodeScheduler(config, decode=lambda pcm, prompt, opts: [], threads=0, clock=lambda: clock["s"])


def noop() -> None:
    return None


def test_a_final_is_split_into_hangover_queue_by_what_ran_and_decode():
    clock = {"s": 0.0}
    sched = scheduler(clock)
    parts = FinalParts(sched, lambda: clock["s"])
    sched.submit(request(FINAL, 1))
    parts.tick(0.5, [_Job(1.0, noop, final=True)])  # behind another pack of finals
    parts.tick(0.2, [_Job(1.0, noop, final=False)])  # behind a pack of partials
    clock["s"] = 0.7
    held = []
    assert sched.step(defer=held.append)
    clock["s"] = 1.5  # the simulated decode took 0.8 s
    for publish in held:
        publish()
    (row,) = parts.rows()
    assert row["hangover"] == pytest.approx(0.25, abs=1e-4)
    assert row["queue"] == pytest.approx(0.7)
    assert (row["behind_final"], row["behind_partial"], row["behind_idle"]) == pytest.approx((0.5, 0.2, 0.0))
    assert row["decode"] == pytest.approx(0.8)
    assert row["total"] == pytest.approx(1.75, abs=1e-4)
    assert row["how"] == "alone beam 5"  # a fresh final: the finals' beam


def test_partials_and_withdrawn_finals_get_no_row_and_a_promoted_partial_waits_from_its_promotion():
    clock = {"s": 0.0}
    sched = scheduler(clock)
    parts = FinalParts(sched, lambda: clock["s"])
    withdrawn = request(FINAL, 1)
    sched.submit(withdrawn)
    assert sched.withdraw(withdrawn)
    promoted = request(PARTIAL, 2)
    sched.submit(promoted)
    clock["s"] = 0.4
    assert sched.promote(promoted)  # the turn ended: its partial is a final requested now
    clock["s"] = 0.6
    sched.drain()
    (row,) = parts.rows()
    assert row["queue"] == pytest.approx(0.2)
    assert row["decode"] == pytest.approx(0.0)
    partial_only = request(PARTIAL, 3)
    sched.submit(partial_only)
    sched.drain()
    assert len(parts.rows()) == 1


def test_the_summary_gives_each_part_at_p50_p95_and_the_tails_mean_and_decodes():
    rows = [
        {
            "total": t,
            "hangover": 0.25,
            "queue": t - 1.0,
            "behind_final": t - 1.0,
            "behind_partial": 0.0,
            "behind_idle": 0.0,
            "decode": 0.75,
            "how": "batch beam 1" if t > 2 else "pack beam 5",
        }
        for t in np.linspace(1.0, 3.0, 21)
    ]
    lines = decompose(rows)
    assert "total" in lines[0] and "behind_partial" in lines[0]
    assert lines[1].split()[:4] == ["p50", "of", "all", "21:"]
    assert lines[1].split()[4:6] == ["2.00", "0.25"]
    tail = lines[3]
    assert "mean of tail   3:" in tail and "total >= p90 = 2.80 s" in tail
    assert tail.split(":")[1].split()[0] == "2.90"  # the mean of 2.8, 2.9, 3.0
    assert lines[4] == "      tail decoded as: batch beam 1 3"
    assert decompose([]) == ["    no final timed"]


def test_a_backlog_batchs_later_parts_are_its_own_decode_not_a_refused_finals_again():
    clock = {"s": 0.0}
    config = AsrConfig(mode="threaded", final_greedy_backlog_s=1.0, backlog_batch=True, backlog_batch_rows=2)
    batch = lambda pcms, opts: [[] for _ in pcms]  # noqa: E731  (every row heard nothing: none refused)
    sched = DecodeScheduler(
        config, decode=lambda pcm, prompt, opts: [], decode_batch=batch, threads=0, clock=lambda: clock["s"]
    )
    parts = FinalParts(sched, lambda: clock["s"])
    for utt in range(4):
        sched.submit(request(FINAL, utt))
    clock["s"] = 1.5  # backed up: one greedy batch of four rows, decoded in two parts
    sched.drain()
    assert [row["how"] for row in parts.rows()] == ["batch beam 1"] * 4
