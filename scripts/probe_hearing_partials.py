"""Do the agent's partial readings hear the playbook phrases its finals miss? An offline probe (issues 9 x 11).

While an agent turn is in progress the product decodes the growing turn several times (partials: ``final: false``
transcript events, docs/events.md); the final decodes the whole turn once more. This probe reads the recorded
events of the rendered tuning calls (each call's newest events file, ``artifacts/calls/events``) and asks, for each
agent phrase moment of the truth (kinds positive_language, avoid_calm_down, check_anything_else):

* **product**: whether the product's language coach nudged it: every transcript event of the call (partials and
  finals) pushed through one fresh ``LanguageCoach`` with the product's language settings, a nudge of the kind
  from ``SLACK_S`` before the moment to ``SLACK_S`` after it and not withdrawn (what the product's own partial
  reading, the ``committed`` / ``heard`` bases, already catches);
* **final text**: whether the rules fire on the turn's final text read as one agent final (:func:`kinds`: a fresh
  coach, one customer line before it, every word's probability 0.9);
* and the same stateless reading on the turn's partials, by **reading**: ``any`` partial's text, the
  ``committed`` words of a partial (its first ``stable`` words), a ``pause`` partial (a provisional final),
  the ``last`` partial before the final, and two agreement rules: ``two`` (at least two partials fire the kind)
  and ``last two`` (the last two partials both fire it).

The cost side: on every agent turn, the kinds a reading fires that the final's text does not and that no moment of
the turn holds (extras; turns of must-stay-quiet calls apart), and of those the ones the product did not nudge
anyway near the turn (what a lever that trusts the reading would add).

Output is counts, call numbers and seconds only: no transcript text. A turn holds a moment when its words (any of
its events) come within ``TURN_SLACK_S`` of the moment, else the nearest agent turn holds it.

    nice -n 10 .venv/bin/python scripts/probe_hearing_partials.py --first 666 --last 957 --split 934
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_calls import call_number  # noqa: E402
from eval_phrase_hearing import RENDER, part_label, tune_calls  # noqa: E402
from probe_hearing_alternatives import AGENT_KINDS, newest_events  # noqa: E402

SLACK_S = 2.0
"""Seconds before a moment's start and after its end a nudge of its kind counts as nudging it (``--gate-ceiling``)."""
TURN_SLACK_S = 1.5
"""Seconds a turn's words may lie outside a moment and the turn still hold it (``eval_phrase_hearing``'s slack)."""
READINGS = ("any", "committed", "pause", "last", "two", "last two")
"""The partial readings compared (module docstring)."""

_FIRED: dict[str, frozenset[str]] = {}


def kinds(text: str) -> frozenset[str]:
    """The agent kinds the rules raise on ``text`` read as one agent final after one customer line (a fresh
    ``LanguageCoach`` with the product's language settings, every word's probability 0.9: as
    ``tests.test_language_wording.closing_fired`` reads a goodbye, one coach for the three kinds), per text."""
    from tests.test_language_rules import final
    from tests.test_language_wording import CONFIG

    found = _FIRED.get(text)
    if found is None and not text.strip():
        found = _FIRED[text] = frozenset()
    elif found is None:
        from coach.language import LanguageCoach

        coach = LanguageCoach(CONFIG)
        out = coach.push(final("customer", "Okay, I see what you mean.", 1.0)) + coach.push(final("agent", text, 5.0))
        found = _FIRED[text] = frozenset(n.kind for n in out if getattr(n, "kind", None) in AGENT_KINDS)
    return found


def product_nudges(events: list[dict[str, Any]]) -> list[tuple[str, float]]:
    """(kind, second) of the agent-kind nudges the product gave in the recorded run (``nudge`` events not followed
    by a ``nudge.withdrawn`` of the same moment): what its own partial reading (the ``committed`` / ``heard`` bases)
    and the rest of its path (arbiter, delivery) already made of the call."""
    kept: dict[str, tuple[str, float]] = {}
    for e in events:
        if e.get("type") == "nudge" and e.get("kind") in AGENT_KINDS:
            kept[str(e.get("moment"))] = (e["kind"], float(e.get("phrase_t", e["t"])))
        elif e.get("type") == "nudge.withdrawn":
            kept.pop(str(e.get("moment")), None)
    return list(kept.values())


def agent_turns(events: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The agent's transcript events per turn (``utt``), turns with no word left out."""
    by_utt: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        if e.get("type") == "transcript" and e.get("speaker") == "agent":
            by_utt.setdefault(e["utt"], []).append(e)
    return {u: evs for u, evs in by_utt.items() if any(e.get("words") for e in evs)}


def span(evs: list[dict[str, Any]]) -> tuple[float, float]:
    """First word's start and last word's end (seconds) over a turn's events."""
    words = [w for e in evs for w in e.get("words") or []]
    return min(w["start"] for w in words), max(w["end"] for w in words)


def readings(evs: list[dict[str, Any]]) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """The kinds the rules raise on a turn's final text and on each partial reading (:data:`READINGS`)."""
    partials = [e for e in evs if not e.get("final")]
    per = [kinds(e.get("text", "")) for e in partials]
    committed = [kinds(" ".join(w["w"] for w in (e.get("words") or [])[: e.get("stable") or 0])) for e in partials]
    count = Counter(k for ks in per for k in ks)
    read = {
        "any": frozenset().union(*per),
        "committed": frozenset().union(*committed),
        "pause": frozenset().union(*(ks for ks, e in zip(per, partials, strict=True) if e.get("pause"))),
        "last": per[-1] if per else frozenset(),
        "two": frozenset(k for k, c in count.items() if c >= 2),
        "last two": per[-1] & per[-2] if len(per) >= 2 else frozenset(),
    }
    final = frozenset().union(*(kinds(e.get("text", "")) for e in evs if e.get("final")))
    return final, read


def holder(spans: dict[str, tuple[float, float]], m: dict[str, Any]) -> list[str]:
    """The agent turns that hold moment ``m`` (words within ``TURN_SLACK_S``; else the nearest turn)."""

    def gap(utt: str) -> float:
        a, b = spans[utt]
        return max(a - m["end_s"], m["start_s"] - b, 0.0)

    near = [u for u in spans if gap(u) <= TURN_SLACK_S]
    return near or ([min(spans, key=gap)] if spans else [])


def probe_call(name: str, other_every: int) -> dict[str, Any] | None:
    """Call ``name``'s counts and the call/second of each recovery or extra (``sites``); ``None`` when the call has
    no events file. Read: every turn holding a moment or of a quiet call, every ``other_every``-th other turn."""
    events = newest_events(name)
    if events is None:
        return None
    truth = json.loads((RENDER / f"{name}.truth.json").read_text(encoding="utf-8"))
    where = "quiet" if truth["call"].get("quiet") else "other"
    moments = [m for m in truth["moments"] if m.get("speaker") == "agent" and m["kind"] in AGENT_KINDS]
    by_utt = agent_turns(events)
    spans = {u: span(evs) for u, evs in by_utt.items()}
    nudges = product_nudges(events)
    held: dict[str, set[str]] = {u: set() for u in by_utt}
    holders = [holder(spans, m) for m in moments]
    for m, utts in zip(moments, holders, strict=True):
        for u in utts:
            held[u].add(m["kind"])
    read = {
        u: readings(evs)
        for i, (u, evs) in enumerate(by_utt.items())
        if held[u] or where == "quiet" or i % other_every == 0
    }
    c: Counter = Counter(calls=1)
    sites = []
    for m, utts in zip(moments, holders, strict=True):
        k = m["kind"]
        product = any(n == k and m["start_s"] - SLACK_S <= t <= m["end_s"] + SLACK_S for n, t in nudges)
        final = any(k in read[u][0] for u in utts)
        c["moments"] += 1
        c["product nudged"] += product
        c["final text fires"] += final
        for r in READINGS:
            hit = any(k in read[u][1][r] for u in utts)
            c[f"{r}: fires"] += hit
            c[f"{r}: +over final text"] += hit and not final
            c[f"{r}: +over product"] += hit and not product
            if hit and not product:
                sites.append(f"+{r} {k} c{call_number(name)} {m['start_s']:.1f}s")
    for u, (final, by_reading) in read.items():
        c[f"turns {where}"] += 1
        a, b = spans[u]
        nudged = {n for n, s in nudges if a - SLACK_S <= s <= b + SLACK_S}
        for r in READINGS:
            new = by_reading[r] - final - held[u]
            c[f"{r}: extra {where}"] += len(new)
            c[f"{r}: extra {where} not nudged"] += len(new - nudged)
            sites.extend(f"extra {r} {k} c{call_number(name)} {a:.1f}s ({where})" for k in sorted(new - nudged))
    return {"counts": dict(c), "sites": sites}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", nargs="*", help="name prefixes (tuning calls only)")
    parser.add_argument("--split", default="934", help="call numbers the parts are cut at")
    parser.add_argument("--first", type=int, default=666, help="lowest call number")
    parser.add_argument("--last", type=int, default=10**6, help="highest call number")
    parser.add_argument("--other-every", type=int, default=2, help="read every n-th turn of a call that is not quiet")
    parser.add_argument("--sites", action="store_true", help="print the call and second of each +/- (no text)")
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "hearing_partials.json")
    parser.add_argument("--cached-only", action="store_true", help="report the calls in --out, read none")
    args = parser.parse_args(argv)
    cuts = tuple(int(c) for c in args.split.split(","))
    cache: dict[str, Any] = json.loads(args.out.read_text()) if args.out.exists() else {}
    counts: dict[str, Counter] = {}
    sites: dict[str, list[str]] = {}
    for name in tune_calls(args.calls):
        if not args.first <= call_number(name) <= args.last:
            continue
        if name not in cache and not args.cached_only:
            cache[name] = probe_call(name, args.other_every)
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(json.dumps(cache))
        if cache.get(name) is None:
            continue
        part = part_label(call_number(name), cuts)
        counts.setdefault(part, Counter()).update(cache[name]["counts"])
        sites.setdefault(part, []).extend(cache[name]["sites"])
    for part, c in sorted(counts.items()):
        print(
            f"== {part}: calls {c['calls']}, moments {c['moments']}, product nudged {c['product nudged']}, "
            f"final text fires {c['final text fires']}, turns read: quiet {c['turns quiet']} other {c['turns other']}"
        )
        for r in READINGS:
            print(
                f"  {r:10s} fires {c[f'{r}: fires']:3d}  +over final text {c[f'{r}: +over final text']:2d}"
                f"  +over product {c[f'{r}: +over product']:2d}   extras quiet {c[f'{r}: extra quiet']:2d}"
                f" (not nudged {c[f'{r}: extra quiet not nudged']:2d})  other {c[f'{r}: extra other']:2d}"
                f" (not nudged {c[f'{r}: extra other not nudged']:2d})"
            )
        if args.sites:
            print(f"  sites: {sites.get(part, [])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
