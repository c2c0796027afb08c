"""Precision and recall of the wording rules (positive_language, avoid_calm_down) on the agent lines
of tests/data/language_wording/: the tuning list the phrase tables were built from and the held-out
list they were not. Prints one row per list and kind, then every miss and false alarm.

    .venv/bin/python scripts/eval_language_wording.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.test_language_wording import KINDS, kinds_fired, lines, scores  # noqa: E402


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


if __name__ == "__main__":
    main()
