"""Replay the language rules on the events ``coach analyze`` wrote for evaluation calls.

Usage: ``.venv/bin/python scripts/replay_listening.py [--kinds K,K...] [--part tune] [EVENTS.jsonl ...]``
(files from ``artifacts/calls/events/``, written by ``scripts/eval_calls.py``); without files, the
newest events file of every call of ``--part`` (tune by default; never the held-out part unless
asked). Optionally with ``PYTHONPATH=DIR`` to replay another checkout's ``coach`` package (e.g. a
``git archive`` export).

The transcript events (partials and finals) and the escalation level changes of each file are fed,
in order, to a fresh :class:`~coach.language.LanguageCoach`, with its timers ticked at every event's
call time; its nudges of ``--kinds`` (all language kinds by default) are matched to the call's truth
moments like ``eval_calls.py`` does (emitted no earlier than 0.5 s before the moment's start, no
later than 4 s after its end). This scores the rules alone, without the one-screen delivery policy,
on the same words the product heard: the transcripts do not depend on the language code, so one
analysis serves any version of the rules. Prints each call's moments (caught with the delay from
the moment's start, or missed), nudges on must-stay-quiet calls (false) and other unmatched ones
(extra, unless the call allows the kind), then per kind: caught / moments, false, extra, median
delay from the moment's start and after its end (the phrase's last word in the truth file), in s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_calls import newest_analysis, parse_kinds, say_coach, tuning_scripts  # noqa: E402

from coach.language import LanguageCoach  # noqa: E402
from coach.language.nobody_to_calm import NobodyToCalm  # noqa: E402
from coach.types import Nudge, seconds_to_samples  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CALLS = ROOT / "scripts" / "calls"
KINDS = (
    "mirror_complaint",
    "acknowledge_feelings",
    "positive_language",
    "avoid_calm_down",
    "over_apologizing",
    "slow_down",
    "check_anything_else",
)
EARLY_S = 0.5
WINDOW_S = 4.0


def replay_events(events: list[dict], kinds: tuple[str, ...] = KINDS) -> list[tuple[float, Nudge]]:
    """(emission time s, nudge) of the language rules of ``kinds`` on one call's events, in order."""
    coach, gate = LanguageCoach(), NobodyToCalm()  # as the product's call path (CallAnalyzer) composes them
    out: list[tuple[float, Nudge]] = []
    for e in events:
        found: list = []
        if e["type"] == "transcript":
            found = gate.push(coach, e)
        elif e["type"] == "escalation" and e.get("changed"):
            coach.set_customer_upset(e["level"])
        if "at" in e:
            found = [*found, *coach.tick(seconds_to_samples(float(e["at"])))]
        out += [(float(e.get("at", 0.0)), n) for n in found if isinstance(n, Nudge) and n.kind in kinds]
    return out


def replay(path: Path, kinds: tuple[str, ...] = KINDS) -> list[tuple[float, Nudge]]:
    """:func:`replay_events` on one events file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return replay_events([json.loads(line) for line in lines if line.strip()], kinds)


def newest_events(part: str) -> list[Path]:
    """The newest events file (with transcripts) of every call of ``part``, in call order. Only calls
    the tuning scripts are looked at (:func:`eval_calls.tuning_scripts`): the held-out part is never opened here."""
    out = []
    for spec in tuning_scripts():
        if tomllib.loads(spec.read_text(encoding="utf-8"))["call"].get("part") != part:
            continue
        newest = newest_analysis(spec.stem)
        if newest is not None:
            out.append(newest)
    return out


def load_call(name: str) -> tuple[dict, list[dict]]:
    """The ``[call]`` table of call ``name``'s script and the moments of its rendered truth file."""
    spec = tomllib.loads((CALLS / f"{name}.toml").read_text(encoding="utf-8"))["call"]
    truth = json.loads((ROOT / "artifacts" / "calls" / f"{name}.truth.json").read_text(encoding="utf-8"))
    return spec, truth["moments"]


def score(
    name: str, nudges: list[tuple[float, Nudge]], moments: list[dict], spec: dict, kinds: tuple[str, ...], totals: dict
) -> list[str]:
    """Match ``nudges`` to the truth ``moments`` of ``kinds``; adds to ``totals``; the call's notes."""
    used: set[int] = set()
    notes = []
    for m in (m for m in moments if m["kind"] in kinds):
        row = totals[m["kind"]]
        row["moments"] += 1
        fits = [
            (at, n)
            for at, n in nudges
            if n.kind == m["kind"] and m["start_s"] - EARLY_S <= at <= m["end_s"] + WINDOW_S and id(n) not in used
        ]
        if fits:
            at, n = fits[0]
            used.add(id(n))
            row["caught"] += 1
            row["delays"].append(at - m["start_s"])
            row["after_end"].append(at - m["end_s"])
            notes.append(f"{m['kind']} +{at - m['start_s']:.2f} s (+{at - m['end_s']:.2f} after its end)")
        else:
            notes.append(f"{m['kind']} MISSED ({m['start_s']:.1f} s)")
    for at, n in nudges:
        if id(n) in used:
            continue
        said = n.evidence.get("said")
        if spec.get("quiet", False):
            totals[n.kind]["false"] += 1
            notes.append(f"FALSE {n.kind} at {at:.1f} {said!r}")
        elif n.kind not in spec.get("allow", []):
            totals[n.kind]["extra"] += 1
            notes.append(f"extra {n.kind} at {at:.1f} {said!r}")
    return notes


def new_totals(kinds: tuple[str, ...]) -> dict:
    """Empty per-kind totals for :func:`score`: counts, and the delays (s) from each caught moment's
    start and after its end."""
    return {k: {"moments": 0, "caught": 0, "false": 0, "extra": 0, "delays": [], "after_end": []} for k in kinds}


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.2f}" if values else "-"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events", nargs="*", type=Path, help="events files (default: newest of each --part call)")
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated nudge kinds (all language kinds)")
    parser.add_argument("--part", default="tune", help="the calls replayed when no files are given (tune)")
    args = parser.parse_args(argv)
    kinds = parse_kinds(parser, args.kinds, KINDS)
    say_coach()  # the package replayed: PYTHONPATH's or the editable install's
    totals = new_totals(kinds)
    for path in args.events or newest_events(args.part):
        name = path.name.split(".")[0]
        spec, moments = load_call(name)
        notes = score(name, replay(path, kinds), moments, spec, kinds, totals)
        print(f"{name:36s} {'quiet' if spec.get('quiet') else '':5s} {'; '.join(notes)}")
    everything: dict[str, list[float]] = {"delays": [], "after_end": []}
    for kind, row in totals.items():
        print(
            f"{kind:22s} caught {row['caught']}/{row['moments']}  false on quiet calls {row['false']}"
            f"  extra {row['extra']}  delay p50 from start {_median(row['delays'])} s,"
            f" after the end {_median(row['after_end'])} s"
        )
        for key, values in everything.items():
            values += row[key]
    print(
        f"{'all kinds':22s} delay p50 from start {_median(everything['delays'])} s,"
        f" after the end {_median(everything['after_end'])} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
