"""``[asr] loaded_final_beam_size`` (issue 11, session 50, A44): while at least ``loaded_calls`` calls share the
scheduler, a pack of finals that is not a backlog pack gets that beam instead of ``final_beam_size``; fewer calls,
a backlog pack and the setting off keep what they had. Scripted decoder (no model): it records each decode's beam."""

from __future__ import annotations

import pytest

from coach.asr.config import AsrConfig
from coach.asr.scheduler import DecodeScheduler
from coach.asr.stream import FINAL
from coach.errors import ConfigError
from coach.types import Lane
from tests.test_asr_scheduler import Clock, ScriptedDecoder, request


def scheduler(
    calls: int, clock: Clock | None = None, decoder: ScriptedDecoder | None = None, **settings
) -> tuple[DecodeScheduler, ScriptedDecoder]:
    """A scheduler on ``clock`` with ``calls`` attached and ``decoder`` (a fresh scripted one if none;
    ``loaded_calls = 3``)."""
    decoder = decoder or ScriptedDecoder()
    sched = DecodeScheduler(AsrConfig(loaded_calls=3, **settings), decode=decoder, threads=0, clock=clock or Clock())
    for _ in range(calls):
        sched.attach()
    return sched, decoder


def one_pack(sched: DecodeScheduler) -> list[str]:
    """Two finals of two lanes submitted together and decoded as one fresh pack; their texts."""
    a = sched.submit(request(FINAL, [1, 2], utt=1))
    b = sched.submit(request(FINAL, [3, 4], lane=Lane.CUSTOMER, utt=2))
    assert sched.step()
    return [a.result().text, b.result().text]


def test_a_fresh_pack_of_finals_gets_the_loaded_beam_only_with_loaded_calls_attached():
    sched, decoder = scheduler(3, loaded_final_beam_size=2)
    assert one_pack(sched) == ["w1 w2", "w3 w4"]
    assert [beam for _, beam in decoder.calls] == [2]
    sched.detach()  # two calls left: below loaded_calls, the finals' own beam again
    assert one_pack(sched) == ["w1 w2", "w3 w4"]
    assert [beam for _, beam in decoder.calls] == [2, 5]


def test_off_by_default_a_loaded_scheduler_keeps_the_finals_beam():
    assert AsrConfig().loaded_final_beam_size == 0
    sched, decoder = scheduler(5)
    assert one_pack(sched) == ["w1 w2", "w3 w4"]
    assert [beam for _, beam in decoder.calls] == [5]


def test_a_backlog_pack_keeps_the_backlog_beam_under_load():
    clock = Clock()
    sched, decoder = scheduler(4, clock, loaded_final_beam_size=3, backlog_batch=False)
    a = sched.submit(request(FINAL, [1, 2], utt=1))
    b = sched.submit(request(FINAL, [3, 4], lane=Lane.CUSTOMER, utt=2))
    clock.t += 1.5  # waited past final_greedy_backlog_s (1.0 s): a backlog pack
    assert sched.step()
    assert [a.result().text, b.result().text] == ["w1 w2", "w3 w4"]
    assert [beam for _, beam in decoder.calls] == [1]  # the backlog's greedy decode, not the loaded beam


def test_a_negative_beam_is_refused():
    with pytest.raises(ConfigError, match="loaded_final_beam_size"):
        AsrConfig(loaded_final_beam_size=-1)
