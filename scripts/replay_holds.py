"""Replay the hold rule and dead air on the events ``coach analyze`` wrote for evaluation calls.

Usage: ``.venv/bin/python scripts/replay_holds.py EVENTS.jsonl ...`` (files from
``artifacts/calls/events/``, written by ``scripts/eval_calls.py``); optionally with ``PYTHONPATH=DIR``
to replay another checkout's ``coach`` package (e.g. a ``git archive`` export of the code before a
change). Held-out calls are never looked at unless their files are named.

Each lane's speech segments (the ``speech`` events: start, end, and the sample the VAD confirmed the
end), the agent's transcripts (partials and finals) and the customer's (their answer can agree to a
wait) are fed, in call-time order, to a fresh
:class:`~coach.turns.tracker.TurnTracker` and :class:`~coach.turns.holds.HoldWatcher`, ticked every
32 ms frame. A segment's start is taken as confirmed ``[vad] min_speech_ms`` after it (the events do
not record when it was). Prints per call: the holds announced (when, duration read, duration
covered), each dead-air moment (where it starts, when it was first raised, on a hold or not) and
the truth file's dead-air moments; the recorded ``nudge`` events of ``dead_air`` are listed for
comparison. The rest of the product (delivery, other detectors) is not replayed: a dead-air moment
is raised here when its cue first appears, which is when the product shows it unless the screen is
taken by a more severe nudge.

``--score``: instead, score each call's dead air against its truth file as ``scripts/eval_calls.py``
does (same matching; a moment still going on is shown again every ``dead_air`` ``cooldown_s`` while
its silence lasts, as the product's delivery does) and print, per group of tuning calls (the groups
of ``scripts/replay_script_text.py``'s :data:`DEFAULT_GROUPS`, in which the project reports tuning
figures): the dead-air moments caught, the extra ``dead_air`` nudges (false ones on must-stay-quiet
calls), the re-shows counted ``again``, the plain silences' delay after the ``dead_air_s`` threshold
and the holds that ran long from the announced time's end (p50, max).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_calls import DEAD_AIR_S, load_moments, score_call  # noqa: E402
from replay_script_text import DEFAULT_GROUPS, group_of_call, label  # noqa: E402

from coach.config import load_config  # noqa: E402
from coach.turns.holds import HoldWatcher  # noqa: E402
from coach.turns.tracker import TurnTracker  # noqa: E402
from coach.types import FRAME_SAMPLES, Cue, Event, Lane, samples_to_seconds, seconds_to_samples  # noqa: E402

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
        elif e.get("type") == "transcript":  # the agent's, and the customer's answers (consent to a wait)
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
                    "moment": f.moment,
                    "t": samples_to_seconds(f.start),
                    "at": samples_to_seconds(now),
                    "on_hold": bool(f.evidence.get("on_hold")),
                    "until": samples_to_seconds(last),
                }
            if isinstance(f, Cue) and f.kind == "dead_air" and f.end is not None and f.moment in moments:
                moments[f.moment]["until"] = samples_to_seconds(f.end)
    return holds, list(moments.values())


def shown_dead_air(moments: list[dict], cooldown_s: float) -> list[dict]:
    """The ``nudge`` events the product's delivery would emit for the replayed dead-air ``moments``:
    each when first raised, then again every ``cooldown_s`` while its silence lasts (``until``)."""
    out = []
    for m in moments:
        at = m["at"]
        while at < m["until"]:
            out.append({"type": "nudge", "kind": "dead_air", "t": m["t"], "at": at, "moment": m["moment"]})
            at += cooldown_s
    return out


def score(paths: list[Path]) -> None:
    """Print the dead-air figures of the replayed calls per group (see the module's ``--score``)."""
    cooldown_s = load_config(None).nudges.texts["dead_air"].cooldown_s
    groups: dict[int, dict[str, list]] = {}
    for path in paths:
        name = path.name.split(".")[0]
        truth = json.loads((ROOT / "artifacts" / "calls" / f"{name}.truth.json").read_text(encoding="utf-8"))
        events = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        _, moments = replay_events(events)
        call = truth["call"]
        truths = [m for m in load_moments(name) if m.kind == "dead_air"]
        result = score_call(
            name, call["part"], call["quiet"], call["allow"], truths, shown_dead_air(moments, cooldown_s)
        )
        g = groups.setdefault(group_of_call(name, DEFAULT_GROUPS), {})
        for key in ("calls", "caught", "missed", "extra", "false", "again", "plain", "hold"):
            g.setdefault(key, [])
        g["calls"].append(name)
        for h in result.hits:
            if h.nudge is None:
                g["missed"].append(name)
                continue
            g["caught"].append(name)
            if h.moment.on_hold:
                g["hold"].append((round(h.delay_s, 2), name))
            else:
                g["plain"].append((round(h.delay_s - DEAD_AIR_S, 2), name))
        g["false" if call["quiet"] else "extra"] += [f"{name.split('_')[0]}@{n.at:.1f}" for n in result.unmatched]
        g["again"] += [name for _ in result.again]
    for _, g in sorted(groups.items()):
        moments_n = len(g["caught"]) + len(g["missed"])
        print(f"{label(g['calls'])}: {len(g['calls'])} calls, dead_air caught {len(g['caught'])}/{moments_n}", end="")
        print(f" (missed: {', '.join(g['missed']) or '-'}); extra {len(g['extra'])} {g['extra']};", end="")
        print(f" false on quiet calls {len(g['false'])} {g['false']}; again {len(g['again'])}")
        for key, what in (
            ("plain", f"plain silences after the {DEAD_AIR_S:g} s threshold"),
            ("hold", "holds that ran long, from the announced end"),
        ):
            delays = sorted(d for d, _ in g[key])
            if delays:
                each = ", ".join(f"{n.split('_')[0]} {d:.2f}" for d, n in sorted(g[key], key=lambda x: x[1]))
                print(f"  {what}: n={len(delays)} p50 {statistics.median(delays):.2f} max {delays[-1]:.2f} s ({each})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("events", nargs="+", type=Path, help="events files of coach analyze")
    parser.add_argument("--score", action="store_true", help="score dead air against the truth files, per group")
    args = parser.parse_args()
    if args.score:
        score(args.events)
        return
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
