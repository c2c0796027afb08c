"""Human-readable rendering of events for the terminal (the ``coach analyze`` default output)."""

from __future__ import annotations

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
        reason = event.get("evidence", {}).get("reason", "")
        delay = event["at"] - event["t"]
        return (
            f"{clock(event['t'])}  NUDGE [{event['severity']}] {event['text']}"
            f"  ({reason} Shown at {clock(event['at'])}, +{delay:.1f} s.)"
        )
    if kind == "overlap" and event["kind"] != "backchannel":
        length = event["end"] - event["t"]
        return f"{clock(event['t'])}  {event['kind']} by the {event['by']} ({length:.1f} s of overlap)"
    if kind == "transcript" and event.get("final"):
        return f"{clock(event['t'])}  {event['speaker']:>8}: {event['text']}"
    if kind == "escalation" and event.get("changed"):
        return f"{clock(event['t'])}  customer now {event['level']} (score {event['score']:.2f})"
    if kind == "dead_air":
        return f"{clock(event['t'])}  dead air for {event['end'] - event['t']:.1f} s"
    if kind == "monologue":
        return f"{clock(event['t'])}  {event['speaker']} monologue of {event['end'] - event['t']:.0f} s"
    return None


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
    return "\n".join(lines)
