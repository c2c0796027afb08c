"""Issue 10's other half on the scripted call set: a well-handled call comes back to "calm" within
:data:`CALM_WITHIN_S` (10 s) of the de-escalating agent turn, and the summary names that turn.

A *recovery moment* is an agent utterance of the rendered truth that sits between a customer utterance the script
labels ``angry`` and the customer's next utterance, labelled ``calm`` or ``happy`` (the agent's turn the customer came
down after; the last agent utterance between the two when there are several). It is scored only where the level
reached "tense" or above between the angry utterance's start and the agent utterance's end (otherwise there was
nothing to come down from). Figures (call-audio seconds, from the ``escalation`` events):

- ``to_calm_s``: seconds from the end of the agent's utterance until the level is "calm" (0 when it already was at
  that end; None when it never was again);
- ``named``: whether the call summary's ``came_down`` (:meth:`coach.classify.stage.EscalationCurve.came_down`: the
  ``call.end`` event's of a full analysis, or, replayed, rebuilt from the same events and the product's agent ``speech``
  events as the stage builds it) names an agent turn that overlaps this utterance. The summary names one turn a call
  (that of its last step down), so only the call's last recovery moment can be named.
"""

from __future__ import annotations

from typing import Any

from coach.classify.stage import EscalationCurve

CALM_WITHIN_S = 10.0
"""Issue 10: a well-handled call is "calm" again within this many seconds of the de-escalating turn."""
CAME_DOWN_TO = ("calm", "happy")
"""Script moods of the customer's next utterance that say the agent's turn brought them down."""


def recovery_turns(turns: list[dict[str, Any]], utterances: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``{"angry_s", "start_s", "end_s", "next_mood"}`` per recovery moment (see the module docstring) of the rendered
    truth ``utterances`` (in call order), the moods read from the script's customer ``turns`` matched by text."""
    mood = {t["text"]: t.get("mood") for t in turns if t.get("speaker") == "customer" and "text" in t}
    out: list[dict[str, Any]] = []
    angry: dict[str, Any] | None = None
    agent: dict[str, Any] | None = None
    for u in utterances:
        if u["speaker"] == "agent":
            agent = u if angry is not None else None
            continue
        if u["speaker"] != "customer":
            continue
        m = mood.get(u["text"])
        if angry is not None and agent is not None and m in CAME_DOWN_TO:
            out.append(
                {"angry_s": angry["start_s"], "start_s": agent["start_s"], "end_s": agent["end_s"], "next_mood": m}
            )
        angry, agent = (u if m == "angry" else None), None
    return out


def summary_curve(events: list[dict[str, Any]]) -> EscalationCurve:
    """The stage's :class:`~coach.classify.stage.EscalationCurve` rebuilt from a call's events: every ``escalation``
    event's score and level, every agent ``speech`` event's turn."""
    curve = EscalationCurve()
    for e in events:
        if e.get("type") == "speech" and e.get("speaker") == "agent" and e.get("end") is not None:
            curve.add_agent_turn(float(e["t"]), float(e["end"]))
    for e in sorted((e for e in events if e.get("type") == "escalation"), key=lambda e: float(e["at"])):
        curve.add(float(e["at"]), float(e["score"]), str(e["level"]))
    return curve


def came_down(events: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The call summary's ``came_down``: the product's own where the events hold its ``call.end`` summary (a full
    ``coach analyze`` run), else :func:`summary_curve`'s (a replay)."""
    end = next((e for e in events if e.get("type") == "call.end"), None)
    if end is not None:
        return (end.get("summary", {}).get("escalation") or {}).get("came_down")
    return summary_curve(events).came_down()


def score_recovery(
    moments: list[dict[str, Any]], levels: list[tuple[float, str, float]], came_down: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """The recovery moments that reached "tense" before their agent turn ended, each with ``to_calm_s``,
    ``within`` (``to_calm_s`` <= :data:`CALM_WITHIN_S`) and ``named``; ``levels`` are ``(t, level, score)`` of the
    escalation events in call order, ``came_down`` the summary's (None: it never came down)."""
    turn = (came_down or {}).get("after_agent_turn")
    out = []
    for m in moments:
        if not any(lv != "calm" for t, lv, _ in levels if m["angry_s"] <= t <= m["end_s"]):
            continue
        before = [lv for t, lv, _ in levels if t <= m["end_s"]]
        if before and before[-1] == "calm":
            to_calm: float | None = 0.0
        else:
            t_calm = next((t for t, lv, _ in levels if t > m["end_s"] and lv == "calm"), None)
            to_calm = None if t_calm is None else round(t_calm - m["end_s"], 2)
        named = turn is not None and turn["start"] < m["end_s"] and turn["end"] > m["start_s"]
        out.append(
            {**m, "to_calm_s": to_calm, "within": to_calm is not None and to_calm <= CALM_WITHIN_S, "named": named}
        )
    return out


def recovery_figures(rows: list[dict[str, Any]]) -> str:
    """One summary phrase over the calls' ``recovery`` lists: calm within :data:`CALM_WITHIN_S` and named by the
    summary (each call's last moment), of the moments that reached "tense"."""
    moments = [m for r in rows for m in r.get("recovery", [])]
    last = [r["recovery"][-1] for r in rows if r.get("recovery")]
    times = sorted(m["to_calm_s"] for m in moments if m["to_calm_s"] is not None)
    return (
        f"recovery: calm within {CALM_WITHIN_S:g} s of the de-escalating turn {sum(m['within'] for m in moments)}/"
        f"{len(moments)} (median {times[len(times) // 2] if times else float('nan'):.1f} s), the summary names it "
        f"{sum(m['named'] for m in last)}/{len(last)} calls"
    )
