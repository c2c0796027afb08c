"""scripts/probe_voice_hearing.py's choice of turns (session 48, P5): each agent phrase moment is paired with the
agent turn that holds it; the customer's moments and moments without a phrase are not probed."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from probe_voice_hearing import phrase_turns  # noqa: E402


def turn(speaker: str, start: float, end: float, text: str) -> dict:
    return {"speaker": speaker, "start_s": start, "end_s": end, "text": text}


def test_each_agent_phrase_moment_gets_the_agent_turn_that_holds_it():
    first = turn("agent", 1.0, 3.0, "Hello, parcels desk.")
    said = turn("customer", 3.5, 8.0, "My parcel never came.")
    reply = turn("agent", 8.5, 12.0, "Calm down, it's not our fault.")
    truth = {
        "utterances": [first, said, reply],
        "moments": [
            {"kind": "avoid_calm_down", "speaker": "agent", "start_s": 8.6, "end_s": 9.4, "phrase": "Calm down"},
            {"kind": "positive_language", "speaker": "agent", "start_s": 9.5, "end_s": 12.0, "phrase": "not our fault"},
            {"kind": "mirror_complaint", "speaker": "agent", "start_s": 8.5, "end_s": 12.0},
            {"kind": "customer_upset", "speaker": "customer", "start_s": 3.5, "end_s": 8.0, "phrase": "never came"},
        ],
    }
    pairs = phrase_turns(truth)
    assert [(m["kind"], t["start_s"]) for m, t in pairs] == [("avoid_calm_down", 8.5), ("positive_language", 8.5)]


def test_a_call_without_agent_turns_has_nothing_to_probe():
    truth = {
        "utterances": [turn("customer", 0.0, 2.0, "Hello?")],
        "moments": [
            {"kind": "avoid_calm_down", "speaker": "agent", "start_s": 0.5, "end_s": 1.0, "phrase": "calm down"}
        ],
    }
    assert phrase_turns(truth) == []
