"""The whole core on the project's synthesised calls (tests/data/calls, made by scripts/synth_calls.py):
each call's truth file says where the interruptions, loud stretches and dead air really are."""

from __future__ import annotations

import pytest

from coach.config import load_config
from coach.pipeline.analyzer import CallAnalyzer
from coach.sources.recording import load_recording
from coach.sources.replay import replay_chunks
from tests.conftest import CALLS, load_truth

CFG = load_config()


def analyse(name: str) -> list[dict]:
    analyzer = CallAnalyzer(CFG, call_id=name)
    events = []
    for chunk in replay_chunks(load_recording(CALLS / f"{name}.flac"), chunk_ms=100):
        events.extend(e.to_dict() for e in analyzer.push(chunk))
    events.extend(e.to_dict() for e in analyzer.finish())
    return events


@pytest.fixture(scope="module")
def results() -> dict[str, list[dict]]:
    return {name: analyse(name) for name in ("demo", "polite", "rude")}


def phenomena(name: str, kind: str) -> list[dict]:
    return [p for p in load_truth(name)["phenomena"] if p["kind"] == kind]


def nudges(events: list[dict], kind: str | None = None) -> list[dict]:
    return [e for e in events if e["type"] == "nudge" and (kind is None or e["kind"] == kind)]


def test_the_polite_call_gets_no_behavioural_nudge(results):
    assert nudges(results["polite"]) == []
    summary = results["polite"][-1]["summary"]
    assert summary["interruptions"] == {"agent": 0, "customer": 0}
    assert summary["dead_air_count"] == 0


@pytest.mark.parametrize("name", ["demo", "rude"])
def test_agent_interruptions_are_found_where_they_happened(results, name):
    truth = phenomena(name, "interruption")
    found = [e for e in results[name] if e["type"] == "overlap" and e["kind"] == "interruption"]
    assert len(found) == len(truth)
    for want, got in zip(truth, found, strict=True):
        assert got["by"] == want["by"] == "agent"
        assert got["t"] == pytest.approx(want["start_s"], abs=0.3)


def cues(events: list[dict], kind: str) -> list[dict]:
    return [e for e in events if e["type"] == "cue" and e["kind"] == kind]


@pytest.mark.parametrize("name", ["demo", "rude"])
def test_every_interruption_is_a_moment_of_its_own_found_within_1_5_s_and_nudged(results, name):
    truth = phenomena(name, "interruption")
    found = cues(results[name], "stop_interrupting")
    assert len(found) == len(truth)  # a repeat offence is a new moment, not held back by a cooldown
    assert len({c["moment"] for c in found}) == len(found)
    for want, cue in zip(truth, found, strict=True):
        assert cue["t"] == pytest.approx(want["start_s"], abs=0.3)
        assert cue["found_at"] - want["start_s"] <= 1.5
    shown = nudges(results[name], "stop_interrupting")
    assert len(shown) == len(truth)
    assert shown[0]["at"] - truth[0]["start_s"] <= 1.5


@pytest.mark.parametrize("name", ["demo", "rude"])
def test_pause_and_breathe_fires_within_1_5_s_of_the_loud_stretch(results, name):
    [stretch] = phenomena(name, "loud_stretch")
    [nudge] = nudges(results[name], "pause_and_breathe")
    assert nudge["at"] - stretch["start_s"] <= 1.5
    assert stretch["start_s"] - 1.0 <= nudge["t"] <= stretch["end_s"]
    assert nudge["evidence"]["loudness_delta_db"] >= 6.0
    [cue] = cues(results[name], "pause_and_breathe")
    assert cue["outcome"] == "shown"


@pytest.mark.parametrize("name", ["demo", "rude"])
def test_dead_air_is_found_within_1_s_of_crossing_the_threshold_and_shown_while_it_lasts(results, name):
    [silence] = phenomena(name, "dead_air")
    [cue] = cues(results[name], "dead_air")
    assert cue["t"] == pytest.approx(silence["start_s"], abs=0.3)
    assert 0 <= cue["found_at"] - (cue["t"] + CFG.turns.dead_air_s) <= 1.0
    [nudge] = nudges(results[name], "dead_air")
    assert nudge["at"] <= silence["end_s"]  # it waited for the screen, but the silence was still going on
    [event] = [e for e in results[name] if e["type"] == "dead_air"]
    assert event["end"] - event["t"] == pytest.approx(silence["end_s"] - silence["start_s"], abs=0.5)


def test_the_agent_talking_over_the_customer_fires_let_them_finish(results):
    [talkover] = phenomena("rude", "agent_talks_over_customer")
    [nudge] = nudges(results["rude"], "let_them_finish")
    assert nudge["t"] == pytest.approx(talkover["start_s"], abs=0.3)
    assert nudge["at"] - talkover["start_s"] <= CFG.turns.talkover_nudge_s + 0.3


def test_customer_backchannels_are_not_interruptions(results):
    for name in ("demo", "polite"):
        for bc in phenomena(name, "backchannel"):
            near = [e for e in results[name] if e["type"] == "overlap" and abs(e["t"] - bc["start_s"]) < 0.5]
            assert all(e["kind"] == "backchannel" for e in near), near


def test_every_event_has_type_t_and_at_and_events_come_in_order_of_at(results):
    for events in results.values():
        assert events[0]["type"] == "call.start" and events[-1]["type"] == "call.end"
        ats = [e["at"] for e in events]
        assert ats == sorted(ats)
        assert all(e["t"] <= e["at"] + 1e-9 for e in events)


def test_the_summary_adds_up(results):
    events = results["rude"]
    summary = events[-1]["summary"]
    assert summary["talk_ratio"]["agent"] + summary["talk_ratio"]["customer"] == pytest.approx(1.0, abs=0.002)
    assert summary["nudges"] == {
        k: sum(1 for e in nudges(events) if e["kind"] == k) for k in {e["kind"] for e in nudges(events)}
    }
    speech = [e for e in events if e["type"] == "speech"]
    for lane in ("agent", "customer"):
        total = sum(e["end"] - e["t"] for e in speech if e["speaker"] == lane)
        assert summary["speech_s"][lane] == pytest.approx(total, abs=0.05)
    truth = load_truth("rude")
    assert summary["duration_s"] == pytest.approx(truth["duration_s"], abs=0.05)


def test_prosody_is_reported_for_both_speakers_against_their_own_baseline(results):
    prosody = [e for e in results["demo"] if e["type"] == "prosody"]
    for lane in ("agent", "customer"):
        mine = [e for e in prosody if e["speaker"] == lane]
        assert len(mine) >= 10
        assert all(e["loudness_delta_db"] is not None for e in mine[3:])
    customer = [e for e in prosody if e["speaker"] == "customer"]
    assert customer[0]["loudness_delta_db"] is None  # no baseline yet: the customer has no prior
    agent = [e for e in prosody if e["speaker"] == "agent"]
    assert agent[0]["loudness_delta_db"] is not None  # the agent is measured against a prior from the first words
    [stretch] = phenomena("demo", "loud_stretch")
    during = [e for e in prosody if e["speaker"] == "agent" and stretch["start_s"] <= e["t"] < stretch["end_s"] - 1]
    assert during and max(e["loudness_delta_db"] for e in during) >= 6.0
    assert max(e["pitch_delta_st"] or 0 for e in during) >= 1.5
