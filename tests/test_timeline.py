"""The terminal timeline of `coach analyze`: every nudge with its plain-words reason and line to say,
and the moments the agent never saw."""

from coach.timeline import render_event, render_summary


def test_a_nudge_line_has_its_reason_suggestion_and_also_line():
    line = render_event({
        "type": "nudge", "t": 61.0, "at": 62.5, "severity": "medium", "text": "Mirror the complaint",
        "reason": "Repeating it shows you listened.", "suggestion": "So your bill doubled.",
        "also": [{"text": "Check in with the customer"}],
    })  # fmt: skip
    assert line.splitlines() == [
        "1:01.0  NUDGE [medium] Mirror the complaint  (Repeating it shows you listened. Shown at 1:02.5, +1.5 s.)",
        "          Try saying: \u201cSo your bill doubled.\u201d",
        "          Also: Check in with the customer",
    ]
    old = {"type": "nudge", "t": 1.0, "at": 2.0, "severity": "low", "text": "x", "evidence": {"why": "Old why."}}
    assert "Old why." in render_event(old)


def test_a_nudge_update_line_says_what_the_nudge_now_reads():
    update = {
        "type": "nudge.update", "t": 36.4, "at": 36.4, "moment": "agent-4:avoid_calm_down",
        "text": "Don't say 'calm down'. Then own it", "why": "added positive_language",
        "suggestion": "What I can do is…",
    }  # fmt: skip
    assert render_event(update).splitlines() == [
        "0:36.4  NUDGE now reads: Don't say 'calm down'. Then own it  (added positive_language)",
        "          Try saying: \u201cWhat I can do is…\u201d",
    ]
    dropped = {**update, "text": "Own it", "why": "dropped avoid_calm_down: retracted", "suggestion": None}
    assert render_event(dropped) == "0:36.4  NUDGE now reads: Own it  (dropped avoid_calm_down: retracted)"


def test_moments_the_agent_never_saw_are_listed_but_shown_ones_only_once():
    cue = {"type": "cue", "t": 3.0, "at": 6.0, "kind": "dead_air", "text": "Check in", "why": "waited 3.0 s"}
    assert render_event({**cue, "outcome": "expired"}) == "0:03.0  not shown (expired): Check in  (waited 3.0 s)"
    assert render_event({**cue, "outcome": "shown"}) is None  # its nudge line says it


def test_the_summary_counts_moments_by_outcome():
    summary = {
        "duration_s": 60.0, "talk_ratio": {"agent": 0.5, "customer": 0.5},
        "interruptions": {"agent": 1, "customer": 0}, "overlap_s": 1.0,
        "longest_monologue_s": {"agent": 5.0, "customer": 4.0}, "dead_air_s": 0.0, "dead_air_count": 0,
        "nudges": {"stop_interrupting": 1},
        "moments": [{"outcome": "shown"}, {"outcome": "expired"}, {"outcome": "folded"}, {"outcome": "expired"}],
    }  # fmt: skip
    assert render_summary(summary).splitlines()[-1] == "Moments: 4 (shown 1, folded 1, expired 2)"
