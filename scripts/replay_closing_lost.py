"""Replay the closing rule on the tuning call scripts with every closing moment's words lost: a text proxy
for the recogniser dropping the agent's goodbye (seconds, no audio).

Usage: ``.venv/bin/python scripts/replay_closing_lost.py [--verbose]`` (optionally with ``PYTHONPATH=DIR``
to replay another checkout's ``coach`` package, e.g. a ``git archive`` export with its ``models``).

Each tuning script (:func:`eval_calls.tuning_scripts`; the held-out files are never opened) is placed and
replayed as ``scripts/replay_script_text.py`` does, except that in every agent turn with a
``check_anything_else`` moment the moment's ``phrase`` (the whole turn when it has none) is replaced by as
many filler words (:data:`FILLER`) and a full stop: what is left for the rule is the rest of that turn and
the customer's side. The moments keep their place on the timeline (taken from the script's own words) and
the nudges are scored by ``eval_calls.score_call``; per group of tuning calls (``eval_calls.TUNING_GROUPS``)
it prints caught / moments, nudges on must-stay-quiet calls (false) and other unmatched ones (extra).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_calls import CallResult, score_call, tuning_scripts  # noqa: E402
from replay_script_text import DEFAULT_GROUPS, group_of_call, label, moments_of, place, replay  # noqa: E402
from synth_calls import Line, Silence, load_call  # noqa: E402

KIND = "check_anything_else"
FILLER = "mm"
"""The word each lost word becomes (no rule reads it)."""


def _filler(n: int) -> str:
    """``n`` :data:`FILLER` words and a full stop."""
    return " ".join([FILLER] * n) + "."


def lose_goodbyes(turns: list[Line | Silence]) -> list[Line | Silence]:
    """``turns`` with each closing moment's phrase (or whole turn) replaced by :data:`FILLER` words."""
    out: list[Line | Silence] = []
    for t in turns:
        expect = [e for e in t.expect if e.kind == KIND] if isinstance(t, Line) else []
        if isinstance(t, Line) and expect:
            phrase = expect[0].phrase
            at = t.text.lower().find(phrase.lower()) if phrase else -1
            if at < 0:
                text = _filler(len(t.text.split()))
            else:
                text = f"{t.text[:at]}{_filler(len(phrase.split()))} {t.text[at + len(phrase) :].lstrip('.!?, ')}"
            t = dataclasses.replace(t, text=text.strip())
        out.append(t)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="also list each call's moments and unmatched nudges")
    args = parser.parse_args(argv)
    groups: dict[int, list[tuple[str, CallResult]]] = {}
    for path in tuning_scripts():
        spec, turns, _ = load_call(path)
        if spec is None:
            continue
        moments = moments_of(path.stem, turns, place(turns), (KIND,))
        nudges = replay(place(lose_goodbyes(turns)), (KIND,))
        group = group_of_call(path.stem, DEFAULT_GROUPS)
        result = score_call(path.stem, str(group), spec.quiet, spec.allow, [m for m, _ in moments], nudges)
        groups.setdefault(group, []).append((path.stem, result))
        if args.verbose:
            for h in result.hits:
                print(f"{path.stem}  {'caught' if h.nudge else 'MISSED'}")
            for n in result.unmatched:
                print(f"{path.stem}  {'FALSE' if spec.quiet else 'extra'} at {n.at:.2f} s")
    for _, rs in sorted(groups.items()):
        caught = sum(1 for _, r in rs for h in r.hits if h.nudge is not None)
        moments = sum(len(r.hits) for _, r in rs)
        false = sum(len(r.unmatched) for _, r in rs if r.quiet)
        extra = sum(len(r.unmatched) for _, r in rs if not r.quiet)
        print(f"{label([n for n, _ in rs])}: closing caught {caught}/{moments}, false on quiet {false}, extra {extra}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
