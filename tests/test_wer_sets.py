"""The capacity benches' word errors by labelled set and by how many finals a turn became (scripts/wer_sets.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from coach.types import SAMPLE_RATE, Lane
from training.asr_corpus import Clip

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from bench_asr_capacity_sim import build_monologue  # noqa: E402
from bench_capacity import build_call, offline_wer, score_transcripts  # noqa: E402
from wer_sets import set_of, tally_lines, tally_turns, turn_finals  # noqa: E402


def _final(lane: Lane, start: float, end: float, text: str) -> tuple[float, dict[str, object]]:
    return end + 0.8, {"type": "transcript", "final": True, "speaker": lane.value, "t": start, "end": end,
                       "text": text, "utt": f"{lane.value}-{start}", "words": []}  # fmt: skip


def _call() -> tuple[object, list[Clip]]:
    clips = [
        Clip("jfk", np.zeros(3 * SAMPLE_RATE, np.float32), "and so my fellow americans"),
        Clip("vm-goodbye", np.zeros(2 * SAMPLE_RATE, np.float32), "goodbye"),
        Clip("vm-intro", np.zeros(2 * SAMPLE_RATE, np.float32), "please leave a message"),
    ]
    return build_call(clips, 0, 12.0), clips


def test_each_final_goes_to_the_turn_it_overlaps_and_none_is_lost_or_doubled():
    spans = [(0, 3 * SAMPLE_RATE), (5 * SAMPLE_RATE, 8 * SAMPLE_RATE)]
    finals = [(0.1, 1.2, "and so"), (1.5, 2.9, "am I"), (5.2, 7.5, "goodbye"), (8.2, 8.6, "stray")]
    assert turn_finals(spans, finals) == [["and so", "am I"], ["goodbye", "stray"]]
    assert turn_finals([], finals) == []
    # no overlap: the turn with the nearest edge (1.0 s from the second's start, 2.6 s from the first's end)
    assert turn_finals([(0, SAMPLE_RATE), (5 * SAMPLE_RATE, 8 * SAMPLE_RATE)], [(3.6, 4.0, "x")]) == [[], ["x"]]


def test_build_call_names_each_turn_by_its_clip_in_the_order_of_its_references():
    call, clips = _call()
    by_text = {c.text: c.name for c in clips}
    for lane in Lane:
        assert [by_text[r] for r in call.refs[lane]] == call.names[lane]
        assert len(call.spans[lane]) == len(call.names[lane])
    assert set_of("jfk") == "jfk" and set_of("vm-goodbye") == "asterisk"


def test_word_errors_are_counted_by_set_and_by_how_many_finals_a_turn_became():
    call, clips = _call()
    offline = {"jfk": "and so my fellow americans", "vm-goodbye": "good bye", "vm-intro": "please leave a message"}
    offline_wer(offline, [call])
    events = []
    for lane in Lane:
        for (s, e), name in zip(call.spans[lane], call.names[lane], strict=True):
            a, b = s / SAMPLE_RATE, e / SAMPLE_RATE
            if name == "jfk":  # cut by a pause into two finals, its first piece misheard
                events += [_final(lane, a, a + 1.0, "and so am i"), _final(lane, a + 1.5, b, "fellow americans")]
            elif name == "vm-goodbye":
                events.append(_final(lane, a, b, "goodbye"))
            # vm-intro: no final holds it
    groups = tally_turns([call], [sorted(events, key=lambda x: x[0])])
    jfk, bye, intro = groups["jfk", "2+"], groups["asterisk", "1"], groups["asterisk", "0"]
    assert (jfk.words, jfk.edits, jfk.offline) == (5 * jfk.turns, 2 * jfk.turns, 0)
    assert (bye.edits, bye.offline) == (0, 2 * bye.turns)  # offline's "good bye" for "goodbye"
    assert (intro.words, intro.edits, intro.offline) == (4 * intro.turns, 4 * intro.turns, 0)
    lines = tally_lines(groups, with_offline=True)
    assert any(line.split()[0] == "jfk" and "-" in line.split() for line in lines)  # no offline error: no ratio
    assert len(lines) == 2 + len(groups)  # one line a set, one a group


def test_the_score_leaves_the_sets_out_for_calls_built_without_clip_names():
    call, _ = _call()
    call.names = {}
    assert score_transcripts([call], [[]], seconds=12.0)["turns"] == {}


def test_a_monologue_call_has_no_turns_to_count_and_no_offline_text_and_nothing_raises():
    clips = [Clip(f"vm-{k}", np.full(2 * SAMPLE_RATE, 0.1, np.float32), f"prompt {k}") for k in range(3)]
    call = build_monologue(clips, 0, 5.0)  # helper R21's finding: offline_wer raised KeyError on it
    assert offline_wer({c.name: c.text for c in clips}, [call]) == 0.0 and call.offline == {}
    assert score_transcripts([call], [[]], seconds=10.0)["turns"] == {}
