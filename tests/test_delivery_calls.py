"""Delivery on a real synthesised call (tests/data/calls/rude: two agent interruptions, dead air, a
talk-over, a loud stretch): every detected moment ends in one ``cue`` event, repeat offences are nudged
again and said so, the summary lists every moment, and the events do not depend on chunking."""

from __future__ import annotations

from collections import Counter

import pytest

from coach.config import load_config
from coach.pipeline.analyzer import CallAnalyzer
from coach.sources.recording import load_recording
from coach.sources.replay import replay_chunks
from tests.conftest import CALLS, load_truth

CFG = load_config()


def analyse(chunk_ms: int) -> list[dict]:
    analyzer = CallAnalyzer(CFG, call_id="rude", escalation=False)
    events = []
    for chunk in replay_chunks(load_recording(CALLS / "rude.flac"), chunk_ms=chunk_ms):
        events.extend(e.to_dict() for e in analyzer.push(chunk))
    events.extend(e.to_dict() for e in analyzer.finish())
    return events


@pytest.fixture(scope="module")
def events() -> list[dict]:
    return analyse(100)


def test_the_second_interruption_is_nudged_again_and_worded_as_a_repeat(events):
    truth = [p for p in load_truth("rude")["phenomena"] if p["kind"] == "interruption"]
    shown = [e for e in events if e["type"] == "nudge" and e["kind"] == "stop_interrupting"]
    assert len(shown) == len(truth) == 2
    assert shown[0]["text"] == "Let them finish" and not shown[0]["repeat"]
    assert shown[1]["text"] == "Again: let them finish" and shown[1]["repeat"] and shown[1]["times"] == 2
    assert shown[0]["moment"] != shown[1]["moment"]
    for nudge, want in zip(shown, truth, strict=True):
        assert nudge["t"] == pytest.approx(want["start_s"], abs=0.3)


def test_every_moment_has_one_cue_event_and_the_summary_lists_them_all(events):
    cues = [e for e in events if e["type"] == "cue"]
    moments = [c["moment"] for c in cues]
    assert len(moments) == len(set(moments)) >= 5
    shown = {e["moment"] for e in events if e["type"] == "nudge"}
    assert shown == {c["moment"] for c in cues if c["outcome"] == "shown"}
    for cue in cues:
        assert cue["outcome"] in {"shown", "folded", "expired", "suppressed"} and cue["why"] and cue["reason"]
    summary = events[-1]["summary"]
    assert [m["moment"] for m in summary["moments"]] == moments
    assert sum(summary["nudges"].values()) == len([e for e in events if e["type"] == "nudge"])
    assert summary["nudges_held_back"] == dict(Counter(c["outcome"] for c in cues if c["outcome"] != "shown"))


def test_every_nudge_carries_a_plain_words_reason(events):
    for nudge in (e for e in events if e["type"] == "nudge"):
        assert nudge["reason"] and "?" not in nudge["reason"]
        assert len(nudge["also"]) <= 2


def test_the_same_events_whatever_the_chunking(events):
    assert analyse(37) == events
