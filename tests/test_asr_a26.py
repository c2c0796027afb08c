"""Single-threaded decoders kept for load (``[asr] loaded_workers``, issue 11, session 32 helper A26).

With at least ``loaded_calls`` calls attached every pack goes to ``loaded_workers`` decoders of one
CTranslate2 thread each (at most that many packs at once, ``partial_workers`` of them partials); fewer calls
keep the ``workers`` decoder. Scripted decoders on a scheduler without threads (``step``), an injected clock;
the child processes' start is checked with a stand-in for :class:`coach.asr.decodeproc.DecodeProcesses` (no
model is loaded)."""

from __future__ import annotations

import pytest

from coach.asr import scheduler as scheduler_module
from coach.asr.config import AsrConfig
from coach.asr.scheduler import DecodeScheduler
from coach.asr.stream import FINAL, PARTIAL
from coach.errors import ConfigError
from coach.types import Lane
from tests.test_asr_scheduler import Clock, ScriptedDecoder, request


def batch_of(decoder: ScriptedDecoder):
    return lambda pcms, options: [decoder(pcm, None, options) for pcm in pcms]


def loaded_scheduler(clock: Clock | None = None, calls: int = 2, **settings):
    """A scheduler with scripted main and loaded decoders (``loaded_calls = 2`` unless set), ``calls`` attached."""
    main, loaded = ScriptedDecoder(), ScriptedDecoder()
    config = AsrConfig(**{"loaded_workers": 2, "loaded_calls": 2} | settings)
    sched = DecodeScheduler(
        config,
        decode=main,
        decode_batch=batch_of(main),
        decode_loaded=loaded,
        decode_loaded_batch=batch_of(loaded),
        threads=0,
        clock=clock or Clock(),
    )
    for _ in range(calls):
        sched.attach()
    return sched, main, loaded


def test_under_load_two_finals_decode_at_once_on_the_loaded_decoders_and_a_third_waits():
    sched, main, loaded = loaded_scheduler()
    assert sched.decoders == 2 and sched.loaded_decoders_ready(0)
    in_flight: list = []
    first = sched.submit(request(FINAL, [1, 2], lane=Lane.AGENT, utt=1))
    assert sched.step(defer=in_flight.append)
    second = sched.submit(request(FINAL, [3, 4], lane=Lane.CUSTOMER, utt=2))
    assert sched.step(defer=in_flight.append)  # beside the first: two decoders
    third = sched.submit(request(FINAL, [5, 6], lane=Lane.AGENT, utt=3))
    assert not sched.step(defer=in_flight.append)  # both busy
    in_flight.pop(0)()
    assert first.result().text == "w1 w2" and sched.step(defer=in_flight.append)
    for publish in in_flight:
        publish()
    assert second.result().text == "w3 w4" and third.result().text == "w5 w6"
    assert main.calls == [] and len(loaded.calls) == 3
    assert sched.stats()["loaded_windows"] == 3


def test_under_load_a_partial_goes_beside_a_final_but_never_two_partials_at_once():
    sched, main, loaded = loaded_scheduler()
    in_flight: list = []
    sched.submit(request(PARTIAL, [1, 2], lane=Lane.AGENT, utt=1))
    assert sched.step(defer=in_flight.append)
    sched.submit(request(PARTIAL, [3, 4], lane=Lane.CUSTOMER, utt=2))
    assert not sched.step(defer=in_flight.append)  # partial_workers = 1
    final = sched.submit(request(FINAL, [5, 6], lane=Lane.CUSTOMER, utt=3))
    assert sched.step(defer=in_flight.append)  # the final on the other decoder
    for publish in in_flight:
        publish()
    assert final.result().text == "w5 w6" and main.calls == []


def test_a_backed_up_pack_of_finals_is_one_batch_on_a_loaded_decoder():
    clock = Clock()
    sched, main, loaded = loaded_scheduler(clock, final_greedy_backlog_s=1.0)
    futures = [sched.submit(request(FINAL, [k, k + 1], lane=Lane.CUSTOMER, utt=k)) for k in (1, 4)]
    clock.t = 1.5  # the finals waited past final_greedy_backlog_s: a backlog pack, greedy, one batch
    assert sched.step()
    assert [f.result().text for f in futures] == ["w1 w2", "w4 w5"]
    assert main.calls == [] and [beam for _, beam in loaded.calls] == [1, 1]


def test_fewer_calls_keep_the_main_decoder_and_one_pack_at_a_time():
    """Below ``loaded_calls`` the extra worker thread (``loaded_workers`` above ``workers``) takes nothing: one
    pack at a time on the two-threaded decoder, as without the option."""
    sched, main, loaded = loaded_scheduler(partial_decoder_nice=0, loaded_calls=3)
    assert sched.decoders == 2
    in_flight: list = []
    first = sched.submit(request(FINAL, [1, 2], lane=Lane.AGENT, utt=1))
    assert sched.step(defer=in_flight.append)
    second = sched.submit(request(FINAL, [3, 4], lane=Lane.CUSTOMER, utt=2))
    assert not sched.step(defer=in_flight.append)
    in_flight.pop()()
    assert sched.step() and first.result().text == "w1 w2" and second.result().text == "w3 w4"
    assert loaded.calls == [] and [beam for _, beam in main.calls] == [5, 5]
    sched.attach()  # a third call: the loaded decoders from the next pack on
    third = sched.submit(request(FINAL, [5, 6], lane=Lane.AGENT, utt=3))
    assert sched.step() and third.result().text == "w5 w6" and len(loaded.calls) == 1


def test_loaded_decoders_go_before_the_partials_decoder_when_both_apply():
    """``loaded_calls`` at or below ``light_load_calls``: one call is both; the loaded decoders take its partial."""
    sched, main, loaded = loaded_scheduler(calls=1, loaded_calls=1, light_load_calls=1)
    partial = sched.submit(request(PARTIAL, [1, 2]))
    assert sched.step() and partial.result().text == "w1 w2"
    assert main.calls == [] and len(loaded.calls) == 1 and sched.stats()["nice_partial_slots"] == 0


def test_off_by_default_and_validated():
    assert AsrConfig().loaded_workers == 0 and AsrConfig().loaded_calls == 8
    sched = DecodeScheduler(AsrConfig(), decode=ScriptedDecoder(), threads=0, clock=Clock())
    assert not sched.loaded_decoders_ready(0) and sched.decoders == 2
    with pytest.raises(ConfigError):
        AsrConfig(loaded_workers=-1)
    with pytest.raises(ConfigError):
        AsrConfig(loaded_calls=0)


class FakeProcesses:
    """Stands in for DecodeProcesses: records how it was started, decodes nothing."""

    started: list[tuple[int, int, str]] = []

    def __init__(self, config, n=1, *, nice=0, name="coach-asr-proc"):
        self.name = name
        FakeProcesses.started.append((config.cpu_threads, n, name))

    def decode(self, pcm, prompt, options):
        return []

    def decode_batch(self, pcms, options):
        return [[] for _ in pcms]

    def cpu_s(self):
        return 1.0

    def pause(self):
        pass

    def resume(self):
        pass

    def close(self):
        pass


def test_the_loaded_decoders_are_single_threaded_children_started_beside(monkeypatch):
    # waits are bounds, not speeds: a busy CI machine may take seconds to schedule the threads (as test_asr_scheduler)
    FakeProcesses.started = []
    monkeypatch.setattr(scheduler_module, "DecodeProcesses", FakeProcesses)
    sched = DecodeScheduler(AsrConfig(decode_process=True, loaded_workers=2, loaded_calls=2, partial_decoder_nice=7))
    try:
        assert sched.loaded_decoders_ready(120) and sched.partials_decoder_ready(120)
        assert sorted(FakeProcesses.started) == [
            (1, 2, "coach-asr-loaded-proc"),
            (2, 1, "coach-asr-partial-proc"),
            (2, 1, "coach-asr-proc"),
        ]
        sched.attach()
        sched.attach()
        result = sched.submit(request(FINAL, [1, 2])).result(timeout=120)
        assert result.text == "" and sched.stats()["loaded_windows"] == 1
        assert sched.stats()["process_cpu_s"] == 3.0  # the finals', the partials' and the loaded children
    finally:
        sched.stop()
