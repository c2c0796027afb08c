#!/usr/bin/env python
"""The customer's escalation level on our scripted call set, through the product, call by call.

Usage: ``.venv/bin/python scripts/eval_call_escalation.py [--part tune|heldout|all] [--only NAME ...]
[--no-asr | --replay] [--config TOML] [--product DIR] [--jobs N] [--json OUT]``

Each call of the chosen part (``scripts/calls/*.toml`` with a ``[call]`` table) is rendered and run
through ``coach analyze CALL --events OUT.jsonl`` exactly as ``scripts/eval_calls.py`` does (same
renderings in ``artifacts/calls/``, same events cache, so a call already analysed by either script
is not analysed again). ``--no-asr`` runs ``coach analyze --no-asr`` instead (voice evidence only, a
few seconds a call; cached apart). ``--replay`` runs the call in this process without
transcription and hands the escalation stage the customer's transcripts of the call's latest full analysis
in ``artifacts/calls/events/`` (:mod:`training.escalation_replay`; the ``coach`` package imported is
the one on ``PYTHONPATH``, e.g. a frozen copy); not cached.

Reported per call, from the ``escalation`` events (call-audio seconds, so the figures do not depend
on the machine's speed):

- the highest level the customer reached, when it was first reached, the peak score and the seconds
  spent at "tense" or above (``tense_s``);
- for a must-stay-quiet call (``quiet = true``), whether it stayed calm, touched "tense" or reached
  "escalated" (issue 10: no escalation on calm customers);
- per *upset moment*, the highest level within ``ONSET_S`` (3 s) of its start and when "tense" first
  came. An upset moment is a customer utterance the script marks as said with a raised voice
  (``gain_db``, ``pitch_st`` > 0 or ``rate`` > 1 on a customer turn); the scripts have no other label of
  the customer's feeling.

The result depends only on the audio, the configuration and the code.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.append(str(Path(__file__).resolve().parents[1]))  # training/ (after PYTHONPATH: a frozen coach wins)

import eval_calls as C  # noqa: E402

LEVELS = ("calm", "tense", "escalated")
ONSET_S = 3.0
"""An upset moment should reach at least "tense" within this many seconds of its start."""


def analyse_no_asr(name: str, config: Path | None, code: str, product: Path) -> list[dict[str, Any]]:
    """Events of ``coach analyze --no-asr`` on the rendered call (cached beside the full runs)."""
    flac = C.RENDER_DIR / f"{name}.flac"
    key = hashlib.sha256(flac.read_bytes() + code.encode() + b"no-asr").hexdigest()[:16]
    cached = C.EVENTS_DIR / f"{name}.noasr.{key}.jsonl"
    if not cached.exists():
        C.EVENTS_DIR.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        entry = "import sys; from coach.cli import main; sys.exit(main())"
        cmd = [
            "nice",
            "-n",
            str(C.NICE),
            sys.executable,
            "-c",
            entry,
            "analyze",
            str(flac),
            "--events",
            str(tmp),
            "--no-asr",
            "--quiet",
        ] + (["--config", str(config.resolve())] if config is not None else [])
        done = subprocess.run(
            cmd, capture_output=True, text=True, cwd=product, env=os.environ | {"PYTHONPATH": str(product)}
        )
        if done.returncode != 0:
            raise RuntimeError(f"coach analyze failed on {name}: {done.stderr.strip()[-2000:]}")
        os.replace(tmp, cached)
    return [json.loads(line) for line in cached.read_text(encoding="utf-8").splitlines() if line.strip()]


REPLAY_CACHE = C.ROOT / ".cache" / "escalation_replay"


def replay_files(name: str) -> tuple[Path, Path | None, Path]:
    """The rendered call, its latest full analysis (None if none) and where :func:`replay` keeps the
    stage inputs of that analysis."""
    full = [p for p in C.EVENTS_DIR.glob(f"{name}.*.jsonl") if ".noasr." not in p.name]
    latest = max(full, key=lambda p: p.stat().st_mtime) if full else None
    flac = C.RENDER_DIR / f"{name}.flac"
    key = hashlib.sha256(flac.read_bytes() + (latest.name if latest else "").encode()).hexdigest()[:16]
    return flac, latest, REPLAY_CACHE / f"{name}.{key}.pkl"


def replay(name: str, config: Path | None) -> list[dict[str, Any]]:
    """Escalation events of the call replayed with the finals of its latest full analysis. The first
    replay of a call runs the analyser and saves what it handed the escalation stage; later ones hand
    the stage the same inputs again (VAD and turn tracking are not rerun: delete the cache after a
    change there)."""
    from coach.config import load_config
    from training.escalation_replay import customer_transcripts, load_inputs, replay_call, replay_stage

    flac, latest, saved = replay_files(name)
    if latest is None:
        print(f"{name}: no full analysis in {C.EVENTS_DIR}: replayed without transcripts", file=sys.stderr)
    cfg = load_config(config)
    if saved.is_file():
        noasr = sorted(C.EVENTS_DIR.glob(f"{name}.noasr.*.jsonl"), key=lambda p: p.stat().st_mtime)
        prosody = customer_transcripts(latest or (noasr[-1] if noasr else None), "prosody")
        return replay_stage(flac, load_inputs(saved), customer_transcripts(latest), cfg.escalation, prosody)
    return replay_call(flac, latest, cfg, record=saved)


def upset_moments(name: str) -> list[tuple[float, float, str]]:
    """``(start_s, end_s, text)`` of the customer utterances the call's script says with a raised voice."""
    turns = tomllib.loads((C.CALLS_DIR / f"{name}.toml").read_text(encoding="utf-8")).get("turn", [])
    raised = {
        t["text"]
        for t in turns
        if t.get("speaker") == "customer"
        and (t.get("gain_db", 0) > 0 or t.get("pitch_st", 0) > 0 or t.get("rate", 1.0) > 1.0)
    }
    truth = json.loads((C.RENDER_DIR / f"{name}.truth.json").read_text(encoding="utf-8"))
    return [
        (u["start_s"], u["end_s"], u["text"])
        for u in truth["utterances"]
        if u["speaker"] == "customer" and u["text"] in raised
    ]


def first_at(
    levels: list[tuple[float, str, float]], level: str, start: float = 0.0, end: float = float("inf")
) -> float | None:
    """Call second of the first escalation event in ``[start, end]`` at or above ``level``."""
    k = LEVELS.index(level)
    return next((t for t, lv, _ in levels if start <= t <= end and LEVELS.index(lv) >= k), None)


def seconds_at_or_above(levels: list[tuple[float, str, float]], level: str) -> float:
    """Call seconds the customer spent at or above ``level``: each escalation event's level holds until
    the next event (the last one counts for nothing)."""
    k = LEVELS.index(level)
    return sum(b[0] - a[0] for a, b in zip(levels, levels[1:], strict=False) if LEVELS.index(a[1]) >= k)


def score_call(name: str, quiet: bool, events: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-call figures (see the module docstring)."""
    levels = [(float(e["at"]), e["level"], float(e["score"])) for e in events if e.get("type") == "escalation"]
    top = max((LEVELS.index(lv) for _, lv, _ in levels), default=0)
    peak = max(levels, key=lambda x: x[2], default=(0.0, "calm", 0.0))
    moments = []
    for start, end, text in upset_moments(name):
        window = [LEVELS.index(lv) for t, lv, _ in levels if start <= t <= start + ONSET_S]
        tense = first_at(levels, "tense", start, end + ONSET_S)
        moments.append(
            {
                "start_s": start,
                "end_s": end,
                "words": len(text.split()),
                "level_within_3s": LEVELS[max(window, default=0)],
                "tense_after_s": None if tense is None else round(tense - start, 2),
            }
        )
    return {
        "name": name,
        "quiet": quiet,
        "max_level": LEVELS[top],
        "max_level_at": first_at(levels, LEVELS[top]) if top else None,
        "tense_at": first_at(levels, "tense"),
        "escalated_at": first_at(levels, "escalated"),
        "tense_s": round(seconds_at_or_above(levels, "tense"), 1),
        "peak_score": round(peak[2], 3),
        "peak_at": peak[0],
        "upset": moments,
    }


def format_report(part: str, rows: list[dict[str, Any]]) -> str:
    """The printed table of one part."""
    quiet = [r for r in rows if r["quiet"]]
    upset = [m for r in rows for m in r["upset"]]
    lines = [
        f"== part {part}: {len(rows)} calls; must-stay-quiet {len(quiet)}: "
        f"calm {sum(r['max_level'] == 'calm' for r in quiet)}, "
        f"tense {sum(r['max_level'] == 'tense' for r in quiet)}, "
        f"escalated {sum(r['max_level'] == 'escalated' for r in quiet)} "
        f"({sum(r['tense_s'] for r in quiet):.1f} s at >= tense in all); upset moments {len(upset)}: "
        f">= tense within {ONSET_S:g} s {sum(m['level_within_3s'] != 'calm' for m in upset)}",
        f"{'call':<36} {'quiet':>5} {'max level':>10} {'at s':>6} {'peak':>5} {'peak s':>6} {'tense s':>7}"
        "  upset moments",
    ]
    for r in rows:
        at = "" if r["max_level_at"] is None else f"{r['max_level_at']:.1f}"
        ups = " ".join(
            f"{m['start_s']:.1f}s:{m['level_within_3s']}"
            + ("" if m["tense_after_s"] is None else f"(+{m['tense_after_s']:.1f})")
            for m in r["upset"]
        )
        lines.append(
            f"{r['name']:<36} {'yes' if r['quiet'] else '':>5} {r['max_level']:>10} {at:>6} "
            f"{r['peak_score']:>5.2f} {r['peak_at']:>6.1f} {r['tense_s']:>7.1f}  {ups}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=(*C.PARTS, "all"), default="tune", help="which part of the split (tune)")
    parser.add_argument("--only", action="append", metavar="NAME", help="only this call (repeatable)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--no-asr", action="store_true", help="coach analyze --no-asr: voice evidence only")
    mode.add_argument("--replay", action="store_true", help="in this process, the finals of the last full analysis")
    parser.add_argument("--config", type=Path, help="configuration passed to coach analyze")
    parser.add_argument("--product", type=Path, default=C.ROOT, help="checkout whose coach package runs (this one)")
    parser.add_argument("--jobs", type=int, default=1, help="calls analysed at once (1: the machine is shared)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the per-call figures here")
    args = parser.parse_args(argv)
    calls = C.eval_calls()
    unknown = sorted(set(args.only or ()) - set(calls))
    if unknown:
        parser.error(f"not evaluation-set calls: {', '.join(unknown)}")
    names = [n for n in calls if (not args.only or n in args.only) and args.part in ("all", calls[n]["part"])]
    if not args.replay or not all((C.RENDER_DIR / f"{n}.flac").is_file() for n in names):
        C.render(names)
    product = args.product.resolve()
    code = C.product_hash(args.config, product)

    def run(name: str) -> list[dict[str, Any]]:
        if args.replay:
            return replay(name, args.config)
        if args.no_asr:
            return analyse_no_asr(name, args.config, code, product)
        return C.analyse(name, args.config, code, product) or []

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        events = dict(zip(names, pool.map(run, names), strict=True))
    report: dict[str, Any] = {"no_asr": args.no_asr, "replay": args.replay}
    for part in [p for p in C.PARTS if args.part in ("all", p)]:
        rows = [score_call(n, bool(calls[n].get("quiet", False)), events[n]) for n in names if calls[n]["part"] == part]
        if rows:
            print(format_report(part, rows) + "\n")
            report[part] = rows
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
