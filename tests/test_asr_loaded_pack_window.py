"""``[asr] loaded_pack_window_s`` (issue 11, session 52, A46): while at least ``loaded_calls`` calls share the
scheduler, a pack of finals holds at most that many seconds of audio (gaps included) instead of ``pack_window_s``, so
a fresh pack stays inside the loaded encoder window, and a queue one ``pack_window_s`` window would hold is no backlog
(no greedy decode for it); fewer calls and the setting off keep ``pack_window_s``. Scripted decoder (no model): each
final is 2 s of scripted words, the pack's gap 2 s, so 6 s holds two finals and 28 s all three."""

from __future__ import annotations

import pytest

from coach.asr.config import AsrConfig
from coach.asr.stream import FINAL
from coach.errors import ConfigError
from coach.types import SAMPLE_RATE, Lane
from tests.test_asr_loaded_final_beam import scheduler
from tests.test_asr_scheduler import request, texts

WANT = ["w11 w12 w13 w14", "w21 w22 w23 w24", "w31 w32 w33 w34"]


def three_finals(sched):
    """Three 2 s finals of three lanes' turns, queued together; their futures."""
    lanes = (Lane.AGENT, Lane.CUSTOMER, Lane.AGENT)
    return [
        sched.submit(request(FINAL, [10 * k + 1, 10 * k + 2, 10 * k + 3, 10 * k + 4], lane=lane, utt=k))
        for k, lane in zip((1, 2, 3), lanes, strict=True)
    ]


def test_under_load_a_pack_of_finals_holds_at_most_the_loaded_window_and_each_final_keeps_its_words():
    sched, decoder = scheduler(3, loaded_pack_window_s=6.0)
    futures = three_finals(sched)
    assert sched.step()
    assert [f.done() for f in futures] == [True, True, False]  # 2 + 2 (gap) + 2 s: the third waits
    assert sched.step()
    assert texts(futures) == WANT
    # two packs of the finals' beam: a queue one pack_window_s window holds is no backlog (no greedy decode)
    assert [(n / SAMPLE_RATE, beam) for n, beam in decoder.calls] == [(6.0, 5), (2.0, 5)]


def test_under_load_finals_queued_beyond_a_full_window_are_still_a_backlog():
    sched, decoder = scheduler(3, loaded_pack_window_s=6.0, pack_window_s=8.0, partial_pack_s=8.0)
    futures = three_finals(sched)  # 10 s queued: more than one 8 s window holds, so the finals back up
    assert sched.step() and sched.step()
    assert texts(futures) == WANT
    assert [beam for _, beam in decoder.calls] == [1, 5]  # the first pack greedy, as without the setting


def test_below_loaded_calls_and_off_the_pack_window_holds_all_three():
    for calls, settings in ((2, {"loaded_pack_window_s": 6.0}), (5, {"loaded_pack_window_s": 0.0})):
        sched, decoder = scheduler(calls, **settings)
        futures = three_finals(sched)
        assert sched.step()
        assert texts(futures) == WANT
        assert [n / SAMPLE_RATE for n, _ in decoder.calls] == [10.0]  # one pack: 3 x 2 s + 2 gaps


def test_the_loaded_pack_window_is_validated():
    for bad in (4.0, 31.0):
        with pytest.raises(ConfigError, match="loaded_pack_window_s"):
            AsrConfig(loaded_pack_window_s=bad)
    assert AsrConfig(loaded_pack_window_s=13.0).loaded_pack_window_s == 13.0
    assert AsrConfig().loaded_pack_window_s == 13.0  # on since session 52 (docs/benchmarks.md)
    assert AsrConfig(pack_window_s=8.0, partial_pack_s=8.0).loaded_pack_window_s == 13.0  # a smaller window rules


def test_a_pack_window_smaller_than_the_loaded_one_stays_the_limit():
    sched, decoder = scheduler(3, loaded_pack_window_s=13.0, pack_window_s=8.0, partial_pack_s=8.0)
    futures = three_finals(sched)
    while sched.step():
        pass
    assert texts(futures) == WANT
    assert max(n / SAMPLE_RATE for n, _ in decoder.calls) <= 8.0
