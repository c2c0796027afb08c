"""Replay the mirror / acknowledgement rules on the events ``coach analyze`` wrote for evaluation calls.

Usage: ``.venv/bin/python scripts/replay_listening.py EVENTS.jsonl ...`` (files from
``artifacts/calls/events/``, written by ``scripts/eval_calls.py``), optionally with
``PYTHONPATH=DIR`` to replay another checkout's ``coach`` package (e.g. a ``git archive`` export).

The transcript events (partials and finals) and the escalation level changes of each file are fed,
in order, to a fresh :class:`~coach.language.LanguageCoach`; its ``mirror_complaint`` and
``acknowledge_feelings`` nudges are matched to the call's truth moments like ``eval_calls.py`` does
(emitted no earlier than 0.5 s before the moment's start, no later than 4 s after its end). This
scores the rules alone, without the one-screen delivery policy, on the same words the product heard:
the transcripts do not depend on the language code, so one analysis serves any version of the rules.
Prints each call's moments (caught with the delay from the moment's start, or missed), nudges on
must-stay-quiet calls (false) and other unmatched ones (extra, unless the call allows the kind),
then per kind: caught / moments, false, extra, median delay from the moment's start (s).
"""

from __future__ import annotations

import json
import statistics
import sys
import tomllib
from pathlib import Path

from coach.language import LanguageCoach
from coach.types import Nudge, seconds_to_samples

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("mirror_complaint", "acknowledge_feelings")
EARLY_S = 0.5
WINDOW_S = 4.0


def replay(path: Path) -> list[tuple[float, Nudge]]:
    """(emission time s, nudge) of the listening rules on one events file."""
    coach = LanguageCoach()
    out: list[tuple[float, Nudge]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        e = json.loads(line)
        if e["type"] == "transcript":
            found = [*coach.push(e), *coach.tick(seconds_to_samples(e["at"]))]
            out += [(e["at"], n) for n in found if isinstance(n, Nudge) and n.kind in KINDS]
        elif e["type"] == "escalation" and e.get("changed"):
            coach.set_customer_upset(e["level"])
    return out


def main(argv: list[str]) -> int:
    totals = {k: {"moments": 0, "caught": 0, "false": 0, "extra": 0, "delays": []} for k in KINDS}
    for arg in argv:
        path = Path(arg)
        name = path.name.split(".")[0]
        spec = tomllib.loads((ROOT / "scripts" / "calls" / f"{name}.toml").read_text(encoding="utf-8"))["call"]
        truth = json.loads((ROOT / "artifacts" / "calls" / f"{name}.truth.json").read_text(encoding="utf-8"))
        nudges = replay(path)
        used: set[int] = set()
        notes = []
        for m in (m for m in truth["moments"] if m["kind"] in KINDS):
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
                notes.append(f"{m['kind']} +{at - m['start_s']:.2f} s")
            else:
                notes.append(f"{m['kind']} MISSED")
        for at, n in nudges:
            if id(n) in used:
                continue
            if spec.get("quiet", False):
                totals[n.kind]["false"] += 1
                notes.append(f"FALSE {n.kind} at {at:.1f}")
            elif n.kind not in spec.get("allow", []):
                totals[n.kind]["extra"] += 1
                notes.append(f"extra {n.kind} at {at:.1f}")
        print(f"{name:36s} {'quiet' if spec.get('quiet') else '':5s} {'; '.join(notes)}")
    for kind, row in totals.items():
        p50 = f"{statistics.median(row['delays']):.2f}" if row["delays"] else "-"
        print(
            f"{kind:22s} caught {row['caught']}/{row['moments']}  false on quiet calls {row['false']}"
            f"  extra {row['extra']}  delay from start p50 {p50} s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
