"""``coach.asr.scheduler.shared_scheduler``: a config that differs in a setting the scheduler reads gets a scheduler
of its own (its key left out early_delivery, backlog_pack_finals, the decode options' guards and more, so a second
config in one process was decoded with the first one's settings). The scheduler itself is replaced by a stand-in
that only keeps its config: no model, no thread, no process."""

from __future__ import annotations

import dataclasses

import pytest

from coach.asr import scheduler
from coach.asr.config import AsrConfig

BASE = AsrConfig(mode="threaded")
CHANGED = {
    "backlog_pack_finals": 3,
    "backlog_beam_max_queued": 2,
    "backlog_rescue_beam_size": 4,
    "backlog_rescue_logprob": -0.3,
    "early_delivery": False,
    "decode_keep_heap": False,
    "encoder_window_s": 20.0,
    "encoder_pad_s": 1.0,
    "continuation_window_s": 20.0,
    "final_loop_again_beam": 2,
    "temperatures": (0.0, 0.2),
    "without_timestamps": True,
    "guards": dataclasses.replace(BASE.guards, avg_logprob_min=-1.0),
    "cpu_threads": 3,
    "cpu_isa": "AVX512",
    "loaded_final_beam_size": 2,
    "loaded_final_encoder_window_s": 16.0,
    "loaded_pack_window_s": 10.0,
    "refused_next_pack": True,  # in the key before: a companion showing the check can pass
}


class StandIn:
    def __init__(self, config: AsrConfig) -> None:
        self.config = config


@pytest.fixture
def shared(monkeypatch):
    monkeypatch.setattr(scheduler, "DecodeScheduler", StandIn)
    monkeypatch.setattr(scheduler, "_SHARED", {})
    return scheduler.shared_scheduler


@pytest.mark.parametrize("field", sorted(CHANGED))
def test_a_config_differing_in_a_scheduler_setting_gets_its_own_scheduler(shared, field):
    assert getattr(BASE, field) != CHANGED[field]
    other = dataclasses.replace(BASE, **{field: CHANGED[field]})
    first = shared(BASE)
    assert shared(other) is not first and getattr(shared(other).config, field) == CHANGED[field]
    assert shared(BASE) is first  # the same settings: the same scheduler


def test_a_setting_the_scheduler_does_not_read_shares_it(shared):
    assert shared(dataclasses.replace(BASE, partials=not BASE.partials)) is shared(BASE)
