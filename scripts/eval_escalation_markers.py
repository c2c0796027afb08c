#!/usr/bin/env python
"""Which scripted customer turns a lexicon change marks or unmarks, by mood, as the escalation stage reads markers.

Usage: ``.venv/bin/python scripts/eval_escalation_markers.py --against OLD.toml [--lexicon NEW.toml] [--from N]
[--below N]``

Issue 10 (models/arousal.md, session 39, E43). For every tuning script (call number in ``[--from, --below)``, below
``FIRST_HELDOUT_CALL``) and every customer turn whose script states its ``mood``, the markers the stage counts in the
turn's script text (:meth:`coach.classify.stage.EscalationStage._markers`: the lexicon with its settled-sentence and
clause rules, and the punctuation markers) are read with both lexicons. A turn counts as *changed* when the
phrases differ. Printed per group of call numbers (``eval_calls.TUNING_GROUPS``): the changed turns by kind
(``angry first`` / ``angry later``, split by whether the old lexicon had any marker there; other moods by mood,
``(quiet)`` on must-stay-quiet calls) with their call numbers, beside how many turns of that kind there are. Counts
and call numbers only: no transcript text is printed.

Script text, not what the recogniser heard: a screen for a lexicon change before a replay through the product
(``scripts/eval_call_escalation.py --replay``) of the calls it names.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_calls as C  # noqa: E402

from coach.classify.escalation import EscalationConfig  # noqa: E402
from coach.classify.lexicon import DEFAULT_LEXICON, EscalationLexicon  # noqa: E402
from coach.classify.stage import EscalationStage  # noqa: E402
from coach.classify.text_anger import TextAngerScorer  # noqa: E402


def stage_with(lexicon: Path, scorer: TextAngerScorer | None = None) -> EscalationStage:
    """An escalation stage (committed defaults) reading markers with ``lexicon``; the text model of ``scorer``."""
    lex = EscalationLexicon.from_toml(lexicon)
    text = TextAngerScorer(lexicon=lex) if scorer is None else TextAngerScorer(scorer.model, scorer.embedder, lex)
    return EscalationStage(EscalationConfig(), text_scorer=text)


def turn_kind(mood: str, first: bool, had: bool, quiet: bool) -> str:
    """The row a turn is counted in."""
    if mood == "angry":
        return f"angry {'first' if first else 'later'}, {'had a marker' if had else 'no marker before'}"
    return mood + (" (quiet)" if quiet else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", type=Path, required=True, help="the old lexicon file")
    parser.add_argument("--lexicon", type=Path, default=DEFAULT_LEXICON, help="the new lexicon file (the shipped one)")
    parser.add_argument("--from", dest="lo", type=int, default=0, help="calls numbered at least this")
    parser.add_argument("--below", type=int, default=C.FIRST_HELDOUT_CALL, help="calls numbered below this")
    args = parser.parse_args(argv)
    new = stage_with(args.lexicon)
    old = stage_with(args.against, new._text)
    totals: dict[tuple[int, str], int] = defaultdict(int)
    changed: dict[tuple[int, str], list[int]] = defaultdict(list)
    for path in C.tuning_scripts():
        n = C.call_number(path.stem)
        if not args.lo <= n < min(args.below, C.FIRST_HELDOUT_CALL):
            continue
        script = tomllib.loads(path.read_text(encoding="utf-8"))
        if "call" not in script:
            continue
        group = max(g for g in (1, *C.TUNING_GROUPS) if g <= n)
        customer = [t for t in script.get("turn", []) if t.get("speaker") == "customer"]
        for i, turn in enumerate(customer):
            if not turn.get("mood"):
                continue
            before = [h.phrase for h in old._markers(turn["text"])]
            after = [h.phrase for h in new._markers(turn["text"])]
            kind = turn_kind(turn["mood"], i == 0, bool(before), bool(script["call"].get("quiet")))
            totals[group, kind] += 1
            if before != after:
                changed[group, kind].append(n)
    for group in sorted({g for g, _ in totals}):
        rows = [(k, totals[group, k], changed.get((group, k), [])) for g, k in sorted(totals) if g == group]
        line = "; ".join(f"{k}: {len(c)}/{t}" + (f" (c{', c'.join(map(str, c))})" if c else "") for k, t, c in rows)
        print(f"c{group}+: {line}")
    pooled = defaultdict(lambda: [0, 0])
    for (_, kind), t in totals.items():
        pooled[kind][0] += len(changed.get((_, kind), []))
        pooled[kind][1] += t
    print("all: " + "; ".join(f"{k}: {c}/{t}" for k, (c, t) in sorted(pooled.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
