"""Build, render and score variants of tuning calls in which the customer answers the agent's goodbye.

Usage: ``.venv/bin/python scripts/closing_variants.py --out DIR [--only NAME ...] [--kinds K,K...] [--render]
[--analyse] [--product DIR]``

Why: of the 213 scored closes of the tuning scripts c01-c1221, 197 are the script's last turn (helper C23, session 53):
the route where the customer answers the agent's goodbye ("Bye now, thanks.", closing rule ``REPLY_GOODBYE_WORDS``),
which does not depend on the agent's goodbye being heard, went unmeasured since c421. This tool writes, for tuning
calls (numbered below ``eval_calls.FIRST_HELDOUT_CALL`` only) whose scored close (``check_anything_else``) is the
agent's last turn, variant scripts to ``DIR/calls/NAME__KIND.toml`` (not ``scripts/calls``: the call numbers belong
to the blind parts), each the original script's text with turns added (:data:`VARIANTS`):

- ``answers``: the customer answers the goodbye after the usual gap ("Bye now, thanks.");
- ``overlaps``: the customer's answer starts :data:`OVERLAP_S` before the agent's goodbye ends ("Thanks, you too,
  bye.");
- ``room_bye`` (a look-alike, for calls whose script has the agent work in dead air mid-call: an agent turn followed
  by a ``silence_s`` entry, :func:`room_bye_turn`): the customer says "Sorry, bye love!" to someone in the room
  straight after that agent turn, before the dead air; the call's close is unchanged. The position is the script's
  (its author wrote the agent going quiet to work), not the closing rule's reading of the turn
  (``closing._looks_up_now``, the predicate the variant tests: choosing by it tested only the turns it already knew;
  helper R19's note, session 54; mended session 55, C25).

The truth moments are the original script's (an ``answers`` / ``overlaps`` variant adds no moment: the close is still
the agent's goodbye without the ask). ``--render`` renders the variants with ``scripts/synth_calls.py``'s renderer to
``DIR/render``; ``--analyse`` runs ``coach analyze`` (the product's CLI, from ``--product``, under ``nice``) on each
rendering to ``DIR/events`` (kept under a key of the rendered audio and the product's files,
:func:`events_path`: a re-run on the same audio and product reuses them, another ``--product`` or an edited one
analyses again) and prints, per variant, the closing moment caught (delay
from its start, s) or missed, the ``check_anything_else`` nudges that caught nothing (with their time) and when the
call's audio ended, then the totals. Each analysis costs 1-3 CPU-minutes: choose a few calls.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from analysis_key import data_code, file_sha, tree_code  # noqa: E402
from eval_calls import FIRST_HELDOUT_CALL, Moment, call_number, score_call, shown_nudges  # noqa: E402
from synth_calls import render_call  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CALLS = ROOT / "scripts" / "calls"
KIND = "check_anything_else"
OVERLAP_S = 0.4
"""Seconds before the end of the agent's goodbye at which the customer's ``overlaps`` answer starts."""
ROOM_BYE = "Sorry, bye love!"
"""What the customer of a ``room_bye`` variant says to someone in the room during the agent's look-up."""
VARIANTS = ("answers", "overlaps", "room_bye")
NICE = 10
"""The niceness ``coach analyze`` runs at (the machine is shared)."""


def _turn(text: str, **keys: float) -> str:
    """A customer ``[[turn]]`` table in TOML, ``keys`` its timing keys."""
    extra = "".join(f"{k} = {v}\n" for k, v in keys.items())
    return f'\n[[turn]]\nspeaker = "customer"\nmood = "calm"\n{extra}text = {json.dumps(text)}\n'


def _turns(doc: dict) -> list[dict]:
    return list(doc.get("turn", []))


def _expects(turn: dict) -> bool:
    return any((e if isinstance(e, str) else e.get("kind")) == KIND for e in turn.get("expect", []))


def closes_last(doc: dict) -> bool:
    """Whether the scored close of the call script ``doc`` is its last turn, the agent's."""
    turns = _turns(doc)
    return bool(turns) and turns[-1].get("speaker") == "agent" and _expects(turns[-1])


def room_bye_turn(doc: dict) -> int | None:
    """The index of the first agent turn of ``doc``, before its last two turns, that the script follows with dead air
    (a ``silence_s`` entry: the agent works while the customer waits), or None. Read from the script's layout only,
    whatever the turn's words ("Let me see what's on the shop floor.", "Okay.", "Bear with me.")."""
    turns = _turns(doc)
    for i, t in enumerate(turns[:-2]):
        if t.get("speaker") == "agent" and "text" in t and "silence_s" in turns[i + 1]:
            return i
    return None


def variant(text: str, kind: str) -> str | None:
    """The script ``text`` changed as the variant ``kind`` says (:data:`VARIANTS`), or None when it does not apply."""
    doc = tomllib.loads(text)
    if kind in ("answers", "overlaps"):
        if not closes_last(doc):
            return None
        if kind == "answers":
            return text.rstrip("\n") + "\n" + _turn("Bye now, thanks.")
        return text.rstrip("\n") + "\n" + _turn("Thanks, you too, bye.", start_before_end_s=OVERLAP_S)
    if kind == "room_bye":
        at = room_bye_turn(doc)
        if at is None:
            return None
        blocks = text.split("\n[[turn]]\n")  # blocks[0] is the header; turn i is blocks[i + 1]
        if len(blocks) != len(_turns(doc)) + 1:
            return None  # a script laid out otherwise: left alone
        blocks.insert(at + 2, _turn(ROOM_BYE).removeprefix("\n[[turn]]\n"))
        return "\n[[turn]]\n".join(blocks)
    raise ValueError(f"unknown variant {kind!r}")


def build(names: list[str], kinds: list[str], out: Path) -> list[str]:
    """Write the variants of the tuning calls ``names`` to ``out/calls``; return the variant names written. ``out``
    inside ``scripts/calls`` is refused (the call numbers there belong to the blind parts)."""
    if out.resolve().is_relative_to(CALLS.resolve()):
        raise SystemExit(f"{out}: not inside {CALLS} (its call numbers belong to the blind parts)")
    (out / "calls").mkdir(parents=True, exist_ok=True)
    written = []
    for name in names:
        if call_number(name) >= FIRST_HELDOUT_CALL:
            raise SystemExit(f"{name}: not a tuning call (c{FIRST_HELDOUT_CALL} and up are held out)")
        text = (CALLS / f"{name}.toml").read_text(encoding="utf-8")
        for kind in kinds:
            changed = variant(text, kind)
            if changed is not None:
                (out / "calls" / f"{name}__{kind}.toml").write_text(changed, encoding="utf-8")
                written.append(f"{name}__{kind}")
    return written


def events_path(name: str, out: Path, product: Path) -> Path:
    """Where the events of ``coach analyze`` run from ``product`` on ``out/render/NAME.flac`` are kept:
    ``out/events/NAME.KEY.jsonl``, ``KEY`` 16 hex digits of the audio's sha256 and of every file of the product's
    ``coach`` package and ``models`` folder (:func:`analysis_key.tree_code` and :func:`analysis_key.data_code`): a
    re-rendered variant, another ``--product`` or an edited one gets a new key, and is analysed again."""
    flac = out / "render" / f"{name}.flac"
    parts = (file_sha(flac), tree_code(product), data_code(product))
    key = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]
    return out / "events" / f"{name}.{key}.jsonl"


def analyse(name: str, out: Path, product: Path) -> list[dict]:
    """The events of ``coach analyze`` (run from ``product``) on ``out/render/NAME.flac``, kept at
    :func:`events_path` (reused there only for the same audio and product files)."""
    events = events_path(name, out, product)
    if not events.exists():
        events.parent.mkdir(parents=True, exist_ok=True)
        entry = "import sys; from coach.cli import main; sys.exit(main())"
        flac = (out / "render" / f"{name}.flac").resolve()
        tmp = events.with_suffix(".tmp")
        nice = str(max(0, NICE - os.nice(0)))  # to NICE in all, whatever this process runs at already
        cmd = ["nice", "-n", nice, sys.executable, "-c", entry, "analyze", str(flac), "--events", str(tmp), "--quiet"]
        subprocess.run(cmd, check=True, cwd=product, env={**os.environ, "PYTHONPATH": str(product)})
        tmp.replace(events)
    return [json.loads(line) for line in events.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(name: str, out: Path, events: list[dict]) -> str:
    """One line: the variant's closing moment caught or missed, its unmatched closing nudges, the audio's end."""
    truth = json.loads((out / "render" / f"{name}.truth.json").read_text(encoding="utf-8"))
    moments = [
        Moment(call=name, kind=m["kind"], group=m["group"], start_s=m["start_s"], end_s=m["end_s"])
        for m in truth["moments"]
        if m["kind"] == KIND
    ]
    closing = [e for e in events if e.get("type") != "nudge" or KIND in (e.get("kinds") or [e.get("kind")])]
    result = score_call(name, "tune", bool(truth["call"].get("quiet")), (), moments, closing)
    hits = [f"caught +{h.delay_s:.2f} s" if h.nudge else f"MISSED ({h.moment.start_s:.1f} s)" for h in result.hits]
    extra = [f"extra at {n.at:.1f} s" for n in result.unmatched if n.kind == KIND]
    shown = len([n for n in shown_nudges(closing) if n.kind == KIND])
    return f"{name:<48} {' '.join(hits + extra) or '-'}  (nudges {shown}, audio ends {truth['duration_s']:.1f} s)"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the variants (not scripts/calls)")
    parser.add_argument("--only", action="append", metavar="NAME", required=True, help="a tuning call (repeatable)")
    parser.add_argument("--kinds", default=",".join(VARIANTS), help="comma-separated variants (all)")
    parser.add_argument("--render", action="store_true", help="render the variants")
    parser.add_argument("--analyse", action="store_true", help="analyse and score the rendered variants")
    parser.add_argument("--product", type=Path, default=ROOT, help="checkout whose coach package runs (this one)")
    args = parser.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k]
    if set(kinds) - set(VARIANTS):
        parser.error(f"--kinds: one of {', '.join(VARIANTS)}")
    names = build(args.only, kinds, args.out)
    for name in names:
        if args.render:
            render_call(name, calls_dir=args.out / "calls", eval_out_dir=args.out / "render")
        if args.analyse:
            print(score(name, args.out, analyse(name, args.out, args.product.resolve())), flush=True)
        elif not args.render:
            print(args.out / "calls" / f"{name}.toml")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
