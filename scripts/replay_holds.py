"""Replay the hold rule and dead air on the events ``coach analyze`` wrote for evaluation calls.

Usage: ``.venv/bin/python scripts/replay_holds.py EVENTS.jsonl ...`` (files from
``artifacts/calls/events/``, written by ``scripts/eval_calls.py``); optionally with ``PYTHONPATH=DIR``
to replay another checkout's ``coach`` package (e.g. a ``git archive`` export of the code before a
change). Held-out calls are never looked at unless their files are named.

Each lane's speech segments (the ``speech`` events: start, end, and the sample the VAD confirmed the
end) and the agent's transcripts (partials and finals) are fed, in call-time order, to a fresh
:class:`~coach.turns.tracker.TurnTracker` and :class:`~coach.turns.holds.HoldWatcher`, ticked every
32 ms frame. A segment's start is taken as confirmed ``[vad] min_speech_ms`` after it (the events do
not record when it was). Prints per call: the holds announced (when, duration read, duration
covered), each dead-air moment (where it starts, when it was first raised, on a hold or not) and
the truth file's dead-air moments; the recorded ``nudge`` events of ``dead_air`` are listed for
comparison. The rest of the product (delivery, other detectors) is not replayed: a dead-air moment
is raised here when its cue first appears, which is when the product shows it unless the screen is
taken by a more severe nudge.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coach.config import load_config
from coach.turns.holds import HoldWatcher
from coach.turns.tracker import TurnTracker
from coach.types import FRAME_SAMPLES, Cue, Event, Lane, samples_to_seconds, seconds_to_samples

ROOT = Path(__file__).resolve().parent.parent


def replay_events(events: list[dict]) -> tuple[list[dict], list[dict]]:
    """(holds, dead-air moments) of one call's events; times in seconds of call audio."""
    cfg = load_config(None)
    tracker = TurnTracker(cfg.turns)
    watcher = HoldWatcher(tracker)
    confirm = seconds_to_samples(cfg.vad.min_speech_ms / 1000)
    actions: list[tuple[int, int, dict]] = []  # (sample, order, event)
    for e in events:
        if e.get("type") == "speech":
            start, end = seconds_to_samples(e["t"]), seconds_to_samples(e["end"])
            actions.append((start + confirm, 0, {"do": "start", "lane": e["speaker"], "start": start}))
            ended = {"do": "end", "lane": e["speaker"], "start": start, "end": end}
            actions.append((seconds_to_samples(e["at"]), 1, ended))
        elif e.get("type") == "transcript" and e.get("speaker") == Lane.AGENT.value:
            actions.append((seconds_to_samples(e["at"]), 2, {"do": "words", "event": e}))
    actions.sort(key=lambda a: (a[0], a[1]))
    holds: list[dict] = []
    moments: dict[str, dict] = {}
    last = max((a[0] for a in actions), default=0) + seconds_to_samples(1.0)
    i = 0
    for now in range(0, last, FRAME_SAMPLES):
        found: list = []
        while i < len(actions) and actions[i][0] <= now:
            _, _, a = actions[i]
            i += 1
            if a["do"] == "start":
                found += tracker.on_start(Lane(a["lane"]), a["start"], now)
            elif a["do"] == "end":
                found += tracker.on_end(Lane(a["lane"]), a["start"], a["end"], now)
            else:
                e = a["event"]
                data = {k: v for k, v in e.items() if k not in ("type", "t", "at")}
                found += watcher.push([Event("transcript", e["t"], e["at"], data)], now)
        found += tracker.tick(now)
        for f in found:
            if isinstance(f, Event) and f.type == "hold":
                holds.append({"t": f.t, "at": samples_to_seconds(now), **f.data})
            elif isinstance(f, Cue) and f.kind == "dead_air" and f.moment not in moments:
                moments[f.moment] = {
                    "t": samples_to_seconds(f.start),
                    "at": samples_to_seconds(now),
                    "on_hold": bool(f.evidence.get("on_hold")),
                }
    return holds, list(moments.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("events", nargs="+", type=Path, help="events files of coach analyze")
    args = parser.parse_args()
    for path in args.events:
        events = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        name = path.name.split(".")[0]
        truth_file = ROOT / "artifacts" / "calls" / f"{name}.truth.json"
        truth = json.loads(truth_file.read_text(encoding="utf-8"))["moments"] if truth_file.exists() else []
        holds, moments = replay_events(events)
        print(name)
        for h in holds:
            read = f"announced {h['announced_s']} covers {h['hold_s']} s"
            print(f"  hold      said {h['t']:7.2f} found {h['at']:7.2f} {read}")
        for m in moments:
            print(f"  dead_air  from {m['t']:7.2f} raised {m['at']:7.2f}{'  (hold ran long)' if m['on_hold'] else ''}")
        for m in truth:
            if m["kind"] == "dead_air":
                print(f"  truth     from {m['start_s']:7.2f} to {m['end_s']:7.2f}")
        for e in events:
            if e.get("type") == "nudge" and "dead_air" in (e.get("kinds") or [e.get("kind")]):
                print(f"  recorded  nudge t {e['t']:7.2f} at {e['at']:7.2f} {e.get('text', '')}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
