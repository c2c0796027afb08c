"""How much of issue 9's language gap is the recogniser's, and whether a "sounds-like" second chance closes it.

Usage: ``.venv/bin/python scripts/replay_sounds_like.py [--table [--logs LOG ...] [--show]] [--splits 790,838]
[--kinds K,K] [--cap N] [--slips N] [--min-similar S] [--unsure-p P]``

Reads what ``coach analyze`` heard on every tuning call (the newest events file of each call of
``artifacts/calls/events/``, as ``scripts/replay_listening.py`` finds them: the held-out part is never opened) and
each call's truth file (its language moments and, for the wording kinds, the phrase said).

``--table``: every language moment's phrase (the whole agent line for the listening kinds, whose moments have
none) against the agent's heard words over its time span (0.3 s either side), classed as heard word for word, with
small slips (all words but one, or 80 %, in order), as other words, or dropped (under 40 % of the words heard),
counted by kind for the calls before the first of ``--splits``, between them, and from the last on; with
``--logs`` (held-out runs' logs, ``-- cNNN_name`` headers and one line a moment, ``MISSED`` or ``at``), also for
the moments those first runs on frozen code missed.

Otherwise: :class:`coach.language.sounds_like.SoundsLike` on every agent final. A phrasing found by its sound
near a moment of its kind (from 1 s before the moment's start to 4 s after its end) is a catch, "new" when the
rules' own families do not match that final's text word for word (a proxy for the rules' miss: the rules are not
replayed here); anywhere else it is a false match on a must-stay-quiet call, or an extra. Then the look-alikes:
the ``[quiet]`` lines (against calm-down and refusal phrasings) and ``[not_closing]`` lines (against goodbyes) of
every non-blind wording list, with the unsure-words gate OPEN (every word taken as unsure: the worst case).
Figures for the calls before the first of ``--splits`` (tuned on) and from it on (not tuned on) are printed apart.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_language_wording import BLIND  # noqa: E402
from replay_listening import load_call, newest_events  # noqa: E402
from sounds_like import SoundsLike  # noqa: E402

from coach.language.config import load_language_config  # noqa: E402
from coach.language.patterns import compile_patterns, normalise, word_tokens  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LISTS = ROOT / "tests" / "data" / "language_wording"
KINDS = ("avoid_calm_down", "positive_language", "check_anything_else", "acknowledge_feelings", "mirror_complaint")
CLASSES = ("verbatim", "slips", "other", "dropped")
LOOK_ALIKES = {"quiet": ("avoid_calm_down", "positive_language"), "not_closing": ("check_anything_else",)}
"""Sections of the wording lists that must fire none of these kinds."""
BLIND_PREFIX = "held_out_a"
"""The blind lists are never opened: ``held_out_ah`` and every later one (``BLIND`` and those being written)."""


def _toks(text: str) -> tuple[str, ...]:
    return normalise(word_tokens(text))[0]


def _lcs(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        prev, row = row, [0]
        for j, y in enumerate(b):
            row.append(prev[j] + 1 if x == y else max(prev[j + 1], row[j]))
    return row[-1]


def heard_class(phrase: str, heard: str) -> str:
    """One of :data:`CLASSES` for a phrase said and the words heard over its span."""
    p, h = _toks(phrase), _toks(heard)
    if any(h[i : i + len(p)] == p for i in range(len(h) - len(p) + 1)):
        return "verbatim"
    if len(h) < 0.4 * len(p):
        return "dropped"
    common = _lcs(p, h)
    return "slips" if common >= len(p) - 1 or common >= 0.8 * len(p) else "other"


def _part(number: int, splits: list[int]) -> str:
    """The call group of call ``number``: "c<first split", "cA-cB" between splits, "c>=last"."""
    below = [s for s in splits if number < s]
    if len(below) == len(splits):
        return f"c<{splits[0]}"
    if not below:
        return f"c>={splits[-1]}"
    return f"c{splits[len(splits) - len(below) - 1]}-{below[0] - 1}"


def _groups(splits: list[int]) -> list[str]:
    return [_part(n, splits) for n in (0, *splits)]


def _calls() -> list[tuple[int, str, dict, list[dict], dict, list[dict]]]:
    """(number, name, spec, moments, truth, agent finals) of every tuning call with an events file."""
    out = []
    for path in newest_events("tune"):
        name = path.name.split(".")[0]
        spec, moments = load_call(name)
        truth = json.loads((ROOT / "artifacts" / "calls" / f"{name}.truth.json").read_text(encoding="utf-8"))
        events = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        finals = [
            e
            for e in events
            if e["type"] == "transcript" and e.get("final") and e.get("speaker") == "agent" and e.get("words")
        ]
        out.append((int(name[1:].split("_")[0]), name, spec, moments, truth, finals))
    return out


_LOG_CALL = re.compile(r"^-- (c\d+_\S+)")
_LOG_MOMENT = re.compile(r"^\s+([a-z_]+)\s+([\d.]+)-\s*[\d.]+\s+(MISSED|at)\b")


def first_run_misses(logs: list[Path]) -> set[tuple[str, str, float]]:
    """(call, kind, moment start) of every language moment a held-out part's first run (its log, e.g.
    /work/heldout36.log) missed."""
    missed: set[tuple[str, str, float]] = set()
    for log in logs:
        call = ""
        for line in log.read_text(encoding="utf-8").splitlines():
            if found := _LOG_CALL.match(line):
                call = found.group(1)
            elif (found := _LOG_MOMENT.match(line)) and found.group(1) in KINDS and found.group(3) == "MISSED":
                missed.add((call, found.group(1), round(float(found.group(2)), 1)))
    return missed


def table(splits: list[int], logs: list[Path], *, show: bool = False) -> None:
    """Print the heard-as table (module docstring); with ``logs``, also of the moments their first run missed (with
    ``show``, each of them: its phrase, class and heard words)."""
    counts: Counter[tuple[str, str, str]] = Counter()
    missed = first_run_misses(logs)
    for number, name, _spec, moments, truth, finals in _calls():
        part = _part(number, splits)
        for m in (m for m in moments if m["kind"] in KINDS):
            a, b = m["start_s"], m["end_s"]
            agent = [u for u in truth["utterances"] if u["speaker"] == "agent"]
            line = max(agent, key=lambda u: min(u["end_s"], b) - max(u["start_s"], a))
            words = [w["w"] for e in finals for w in e["words"] if w["end"] >= a - 0.3 and w["start"] <= b + 0.3]
            cls = heard_class(m.get("phrase") or line["text"], " ".join(words))
            counts[(part, m["kind"], cls)] += 1
            if (name, m["kind"], round(a, 1)) in missed:
                counts[("missed at the first run", m["kind"], cls)] += 1
                if show:
                    print(f"{name} {m['kind']} {cls}: {m.get('phrase') or line['text']!r} heard {' '.join(words)!r}")
    for part in (*_groups(splits), *(("missed at the first run",) if logs else ())):
        print(f"calls {part}\n| kind | {' | '.join(CLASSES)} |\n|---|{'---|' * len(CLASSES)}")
        for kind in (*KINDS, "all"):
            kinds = KINDS if kind == "all" else (kind,)
            row = [sum(counts[(part, k, c)] for k in kinds) for c in CLASSES]
            print(f"| {kind} | {' | '.join(map(str, row))} |")


def _word_lists() -> list[Path]:
    return [
        p
        for p in sorted(LISTS.glob("*.toml"))
        if p.stem not in BLIND and not (p.stem.startswith(BLIND_PREFIX) and p.stem[len(BLIND_PREFIX) :][:1] >= "h")
    ]


def second_chance(args: argparse.Namespace) -> None:
    """Print the second chance's catches, false matches and look-alike matches (module docstring)."""
    kinds = tuple(args.kinds.split(","))
    config = load_language_config()
    finder = SoundsLike(
        config, kinds=kinds, cap=args.cap, slips=args.slips, min_similar=args.min_similar, unsure_p=args.unsure_p
    )
    exact = {
        "avoid_calm_down": compile_patterns(config.avoid_calm_down.match, config.slots),
        "check_anything_else": compile_patterns(config.check_anything_else.closing_cues, config.slots),
        "positive_language": compile_patterns(
            [p for rule in config.positive_language.phrases for p in rule.match], config.slots
        ),
    }
    totals: Counter[tuple[str, str, str]] = Counter()
    for number, name, spec, moments, _truth, finals in _calls():
        part = _part(number, args.splits)
        wanted = [m for m in moments if m["kind"] in kinds]
        for m in wanted:
            totals[(part, m["kind"], "moments")] += 1
        caught: set[int] = set()
        for e in finals:
            for h in finder.find(e["words"]):
                at = float(e["words"][h.last - 1]["end"])
                near = [
                    i for i, m in enumerate(wanted) if m["kind"] == h.kind and m["start_s"] - 1 <= at <= m["end_s"] + 4
                ]
                if near:
                    new = not exact[h.kind].find(_toks(e["text"]))
                    tag = "caught new" if new else "caught (rules too)"
                    caught.update(near)
                elif spec.get("quiet"):
                    tag = "FALSE on a quiet call"
                else:
                    tag = "extra"
                totals[(part, h.kind, tag)] += 1
                print(f"{part:6s} {name:44s} {tag:22s} {h.kind:20s} {h.phrase!r} <- {h.said!r} ({h.by_sound} by sound)")
    for kind in kinds:
        for part in _groups(args.splits):
            tags = ("moments", "caught new", "caught (rules too)", "FALSE on a quiet call", "extra")
            print(f"{kind:20s} calls {part}: { ({t: totals[(part, kind, t)] for t in tags}) }")
    look: Counter[str] = Counter()
    for path in _word_lists():
        for section, table_ in tomllib.loads(path.read_text(encoding="utf-8")).items():
            against = LOOK_ALIKES.get(section)
            if not against or not isinstance(table_, dict):
                continue
            for line in (x for x in table_.get("lines", []) if isinstance(x, str)):
                look["lines"] += 1
                for h in finder.find([{"w": w, "p": 0.0} for w in line.split()], gate=False):
                    if h.kind in against and h.kind in kinds:
                        look[h.kind] += 1
                        where = f"{path.stem}[{section}]"
                        print(f"look-alike {where} {h.kind}: {h.phrase!r} <- {line!r} ({h.by_sound} by sound)")
    print(f"look-alike lines (gate open): {dict(look)}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", action="store_true", help="the heard-as table only")
    parser.add_argument("--show", action="store_true", help="with --table --logs: each first-run miss, classed")
    parser.add_argument(
        "--logs", nargs="*", type=Path, default=[], help="held-out run logs: also the table of their first-run misses"
    )
    parser.add_argument(
        "--splits", type=lambda t: [int(x) for x in t.split(",")], default=[790, 838], help="call groups (790,838)"
    )
    parser.add_argument("--kinds", default="avoid_calm_down,check_anything_else", help="families tried by sound")
    parser.add_argument("--cap", type=int, default=24, help="phrasings a pattern at most")
    parser.add_argument("--slips", type=int, default=1, help="phrase words heard as a word that sounds alike, at most")
    parser.add_argument("--min-similar", type=float, default=0.5, help="sound-key likeness of such a word, at least")
    parser.add_argument("--unsure-p", type=float, default=0.5, help="word probability under which a word is unsure")
    args = parser.parse_args(argv)
    if args.table:
        table(args.splits, args.logs, show=args.show)
    else:
        second_chance(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
