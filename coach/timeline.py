"""Human-readable rendering of events for the terminal (the ``coach analyze`` default output)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any


def clock(seconds: float) -> str:
    """``m:ss.s`` for a time in seconds."""
    minutes, secs = divmod(max(seconds, 0.0), 60.0)
    return f"{int(minutes)}:{secs:04.1f}"


def render_event(event: Mapping[str, Any]) -> str | None:
    """One line for the events a person watching the timeline cares about; ``None`` for the rest."""
    kind = event["type"]
    if kind == "nudge":
        delay = event["at"] - event["t"]
        line = (
            f"{clock(event['t'])}  NUDGE [{event['severity']}] {event['text']}"
            f"  ({_reason(event)} Shown at {clock(event['at'])}, +{delay:.1f} s.)"
        )
        line += _suggestion(event)
        if event.get("also"):
            line += f"\n{'':8}  Also: " + " · ".join(str(a.get("text", "")) for a in event["also"])
        return line
    if kind == "cue" and event.get("outcome") != "shown":
        return (
            f"{clock(event['t'])}  not shown ({event.get('outcome')}): {event.get('text', event.get('kind'))}"
            f"  ({event.get('why', '')})"
        )
    if kind == "nudge.update":  # the nudge on screen gained or lost a part of its reply (join group)
        return (
            f"{clock(event['at'])}  NUDGE now reads: {event.get('text', '')}  ({event.get('why', '')})"
            + _suggestion(event)
        )
    if kind == "nudge.withdrawn":
        return f"{clock(event['at'])}  nudge withdrawn ({event.get('kind')}): {event.get('why', '')}"
    if kind == "overlap" and event["kind"] != "backchannel":
        length = event["end"] - event["t"]
        return f"{clock(event['t'])}  {event['kind']} by the {event['by']} ({length:.1f} s of overlap)"
    if kind == "transcript" and event.get("final"):
        return f"{clock(event['t'])}  {event['speaker']:>8}: {event['text']}"
    if kind == "transcript.revised":  # the final above decoded again with the speech after it (docs/events.md)
        return f"{clock(event['t'])}  {event['speaker']:>8}: {event['text']}  (revised: heard again with what followed)"
    if kind == "escalation" and event.get("changed"):
        return f"{clock(event['t'])}  customer now {event['level']} (score {event['score']:.2f})"
    if kind == "dead_air":
        return f"{clock(event['t'])}  dead air for {event['end'] - event['t']:.1f} s"
    if kind == "monologue":
        return f"{clock(event['t'])}  {event['speaker']} monologue of {event['end'] - event['t']:.0f} s"
    return None


def _suggestion(event: Mapping[str, Any]) -> str:
    """The "Try saying" line under a nudge line, with its newline; empty without a suggestion."""
    return f"\n{'':8}  Try saying: \u201c{event['suggestion']}\u201d" if event.get("suggestion") else ""


def _reason(event: Mapping[str, Any]) -> str:
    """A nudge's plain-words reason (events written before the unified payload keep it in evidence)."""
    evidence = event.get("evidence") or {}
    return str(event.get("reason") or evidence.get("reason") or evidence.get("why") or "")


def render_summary(summary: Mapping[str, Any]) -> str:
    """A short multi-line scorecard of the ``call.end`` summary."""
    ratio = summary["talk_ratio"]
    lines = [
        f"Call length {clock(summary['duration_s'])}; talk ratio agent {ratio['agent']:.0%}"
        f" / customer {ratio['customer']:.0%}",
        f"Interruptions: agent {summary['interruptions']['agent']}, customer {summary['interruptions']['customer']};"
        f" overlap {summary['overlap_s']:.1f} s",
        f"Longest monologue: agent {summary['longest_monologue_s']['agent']:.0f} s,"
        f" customer {summary['longest_monologue_s']['customer']:.0f} s",
        f"Dead air: {summary['dead_air_s']:.1f} s in {summary['dead_air_count']} stretch(es)",
    ]
    nudges = summary.get("nudges") or {}
    if nudges:
        lines.append("Nudges: " + ", ".join(f"{k} x{v}" for k, v in sorted(nudges.items())))
    else:
        lines.append("Nudges: none")
    moments = summary.get("moments") or []
    if moments:
        outcomes = Counter(str(m.get("outcome")) for m in moments)
        order = ("shown", "folded", "expired", "suppressed")
        counts = ", ".join(f"{o} {outcomes[o]}" for o in order if outcomes[o])
        lines.append(f"Moments: {len(moments)} ({counts})")
    return "\n".join(lines)
