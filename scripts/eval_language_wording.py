"""Precision and recall of the wording rules (positive_language, avoid_calm_down) on the agent lines
of tests/data/language_wording/: the tuning list the phrase tables were built from and the held-out
list they were not. Prints one row per list and kind, then every miss and false alarm. Then the same
on the agent turns of the evaluation call scripts (scripts/calls/c*.toml, written by someone else:
their ``expect`` marks the turns that must fire; ``allow`` kinds are not false alarms), per part,
on the script text (no recognition: the call-level figures are scripts/eval_calls.py's).

    .venv/bin/python scripts/eval_language_wording.py
"""

from __future__ import annotations

import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.test_language_wording import KINDS, kinds_fired, lines, scores  # noqa: E402


def expected_kinds(turn: dict) -> set[str]:
    """The wording kinds a call script's agent turn expects (``expect`` is a kind, a list of kinds
    or a list of ``{kind, phrase}`` tables)."""
    expect = turn.get("expect", [])
    items = [expect] if isinstance(expect, str) else expect
    return {item if isinstance(item, str) else item["kind"] for item in items} & set(KINDS)


def call_scripts() -> None:
    """Tally the wording rules on the agent turns of the evaluation call scripts, per part."""
    tally: Counter[tuple[str, str, str]] = Counter()
    for path in sorted((ROOT / "scripts" / "calls").glob("c*.toml")):
        script = tomllib.loads(path.read_text("utf-8"))
        part, allow = script["call"].get("part", "?"), set(script["call"].get("allow", []))
        for turn in script.get("turn", []):
            if turn.get("speaker") != "agent" or "text" not in turn:
                continue
            expected, fired = expected_kinds(turn), kinds_fired(turn["text"]) & set(KINDS)
            for kind in KINDS:
                if kind in expected:
                    outcome = "caught" if kind in fired else "missed"
                elif kind in fired and kind not in allow:
                    outcome = "false"
                else:
                    continue
                tally[part, kind, outcome] += 1
                if outcome != "caught":
                    print(f"calls/{part}: {outcome} {kind}: {path.name}: {turn['text']}")
    print(f"{'calls part':10} {'kind':18} {'caught':>6} {'missed':>6} {'false':>5}")
    for part, kind in sorted({(p, k) for p, k, _ in tally}):
        print(f"{part:10} {kind:18} " + " ".join(f"{tally[part, kind, o]:>6}" for o in ("caught", "missed", "false")))


def main() -> None:
    print(f"{'list':10} {'kind':18} {'recall':>7} {'precision':>9}")
    for part in ("tuning", "held_out"):
        for kind, (recall, precision) in scores(part).items():
            print(f"{part:10} {kind:18} {recall:7.2f} {precision:9.2f}")
    for part in ("tuning", "held_out"):
        for section, text in lines(part):
            fired = kinds_fired(text) & set(KINDS)
            expected = {section} & set(KINDS)
            if fired != expected:
                print(f"{part}: expected {sorted(expected) or 'nothing'}, got {sorted(fired) or 'nothing'}: {text}")
    call_scripts()


if __name__ == "__main__":
    main()
