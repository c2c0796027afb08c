"""The call set's recovery figure (``scripts/escalation_recovery.py``, issue 10): the agent turn between an angry
customer line and a calm one is the de-escalating turn; "calm" within 10 s of its end, and the summary naming it, are
read from the escalation events. Made-up calls: no rendering, no analysis."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import escalation_recovery as R  # noqa: E402

TURNS = [
    {"speaker": "customer", "text": "It broke again.", "mood": "angry"},
    {"speaker": "customer", "text": "Right, thanks.", "mood": "calm"},
    {"speaker": "customer", "text": "Hello.", "mood": "calm"},
]
UTTERANCES = [
    {"speaker": "agent", "start_s": 0.0, "end_s": 2.0, "text": "Good morning."},
    {"speaker": "customer", "start_s": 2.5, "end_s": 4.0, "text": "Hello."},
    {"speaker": "customer", "start_s": 5.0, "end_s": 9.0, "text": "It broke again."},
    {"speaker": "agent", "start_s": 9.5, "end_s": 12.0, "text": "I'm sorry."},
    {"speaker": "agent", "start_s": 12.5, "end_s": 16.0, "text": "I'll send a new one today."},
    {"speaker": "customer", "start_s": 16.5, "end_s": 18.0, "text": "Right, thanks."},
]


def test_the_last_agent_line_before_the_calm_one_is_the_de_escalating_turn() -> None:
    assert R.recovery_turns(TURNS, UTTERANCES) == [
        {"angry_s": 5.0, "start_s": 12.5, "end_s": 16.0, "next_mood": "calm"}
    ]
    calm_after_calm = [u for u in UTTERANCES if u["text"] != "It broke again."]
    assert R.recovery_turns(TURNS, calm_after_calm) == []  # no angry line: nothing to come down from


def _events(levels: list[tuple[float, str]], agent: list[tuple[float, float]]) -> list[dict[str, object]]:
    score = {"calm": 0.1, "tense": 0.5, "escalated": 0.8}
    out: list[dict[str, object]] = [
        {"type": "escalation", "at": t, "level": lv, "score": score[lv]} for t, lv in levels
    ]
    return out + [{"type": "speech", "speaker": "agent", "t": a, "end": b} for a, b in agent]


def _score(levels: list[tuple[float, str]]) -> list[dict[str, object]]:
    events = _events(levels, [(0.0, 2.0), (9.5, 12.0), (12.5, 16.0)])
    rows = [(float(e["at"]), str(e["level"]), float(e["score"])) for e in events if e["type"] == "escalation"]
    moments = R.recovery_turns(TURNS, UTTERANCES)
    return R.score_recovery(moments, rows, R.summary_curve(events).came_down())


def test_calm_soon_after_the_turn_is_a_recovery_the_summary_names() -> None:
    (m,) = _score([(3.0, "calm"), (6.0, "tense"), (8.0, "escalated"), (17.0, "tense"), (19.0, "calm")])
    assert m["to_calm_s"] == 3.0 and m["within"] and m["named"]


def test_held_past_ten_seconds_is_no_recovery() -> None:
    (m,) = _score([(3.0, "calm"), (6.0, "tense"), (17.0, "tense"), (27.0, "calm")])
    assert m["to_calm_s"] == 11.0 and not m["within"]


def test_never_tense_is_not_scored() -> None:
    assert _score([(3.0, "calm"), (6.0, "calm"), (17.0, "calm")]) == []


def test_a_full_analysis_is_judged_by_the_products_own_summary() -> None:
    events = _events([(6.0, "tense"), (17.0, "calm")], [(12.5, 16.0)])
    own = {"t": 17.0, "after_agent_turn": {"n": 9, "start": 1.0, "end": 2.0}}
    end = {"type": "call.end", "summary": {"escalation": {"came_down": own}}}
    assert R.came_down([*events, end]) == own  # the call.end event's, not one rebuilt from the events
    assert R.came_down(events) == R.summary_curve(events).came_down()
    assert R.came_down([*events, {"type": "call.end", "summary": {"escalation": None}}]) is None  # escalation off
