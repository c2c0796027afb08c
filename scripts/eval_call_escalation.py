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
  "escalated" (issue 10: no escalation on calm customers); one whose script labels a customer turn
  ``angry`` (an angry customer the agent handles well: quiet for nudges) is marked ``(yes)`` and left
  out of the quiet tally, escalation there being right by mood (:func:`quiet_for_escalation`);
- per *moment*, the highest level within ``ONSET_S`` (3 s) of its start, when "tense" first came and
  whether "escalated" came before ``ONSET_S`` after its end. Two definitions, both printed:
  *raised* moments (the old rule: a customer utterance the script says with a raised voice, ``gain_db``,
  ``pitch_st`` > 0 or ``rate`` > 1) and *mood* moments (every customer utterance of a call whose script
  states ``mood`` on its customer turns, with that mood: an ``angry`` one should reach "tense" within
  ``ONSET_S``; ``upset``, ``happy`` and ``calm`` ones should not reach "escalated"). A call that states no
  mood has no mood moments (its raised moments stand in for them in the per-group lines).

The summary lines count per group of call numbers (:data:`GROUPS`); only the scripts numbered below
``FIRST_HELDOUT_CALL`` are opened, except held-out calls named one by one with ``--only`` together with
``--part heldout`` (the lead's one run of a held-out part, after ``scripts/eval_calls.py`` on the same calls).
``--available`` keeps to the calls that already have a rendering and a full analysis (with ``--replay``:
nothing is rendered or analysed).

The result depends only on the audio, the configuration and the code.
"""

from __future__ import annotations

import argparse
import functools
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
"""An angry (or raised) moment should reach at least "tense" within this many seconds of its start."""
GROUPS = (1, *C.TUNING_GROUPS)
"""First call number of each reported group of tuning calls (``eval_calls.TUNING_GROUPS``); held-out
calls are one group of their own."""


NAMED_HELDOUT: set[str] = set()
"""Held-out calls this run may open: those named with ``--only`` under ``--part heldout`` (set by
:func:`main`; empty otherwise, so a tuning run never reads a held-out script)."""


def calls_to_score() -> dict[str, dict[str, Any]]:
    """Name -> ``[call]`` table of the evaluation-set scripts below ``FIRST_HELDOUT_CALL``, plus the
    held-out ones of :data:`NAMED_HELDOUT`."""
    out = {}
    named = [C.CALLS_DIR / f"{n}.toml" for n in sorted(NAMED_HELDOUT)]
    for path in [*C.tuning_scripts(), *named]:
        call = tomllib.loads(path.read_text(encoding="utf-8")).get("call")
        if call is not None:
            out[path.stem] = call
    return out


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
REPLAYED_PACKAGES = ("classify", "asr", "language", "nudges")
"""The ``coach`` subpackages the saved stage inputs do not depend on: the stage itself (replayed from them), the
transcription (not run while they are recorded: the analyser gets none) and the word coaching (it reads the
escalation level, it feeds nothing back)."""
REPLAYED_TABLES = ("escalation", "asr", "language", "nudges")
"""The configuration's tables of the same parts."""


def _recorded_bytes(path: Path) -> bytes:
    """What of a file the saved stage inputs depend on: a TOML file's tables other than :data:`REPLAYED_TABLES`
    (``[escalation]`` is the replayed stage's), any other file whole."""
    if path.suffix != ".toml":
        return path.read_bytes()
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    return json.dumps({k: v for k, v in table.items() if k not in REPLAYED_TABLES}, sort_keys=True).encode()


def recording_code(product: Path, config: Path | None = None) -> str:
    """Hash of what :func:`replay` records in its saved stage inputs depends on: the ``.py``, ``.toml`` and ``.onnx``
    files of ``product``'s ``coach`` package outside :data:`REPLAYED_PACKAGES` (VAD, turn taking, prosody, the
    analyser) and of its ``models``, and the configuration file (None: the defaults), their TOML read without the
    replayed tables (:func:`_recorded_bytes`). A change there, E52's per-turn loudness window for one, makes new
    inputs; a change to the stage's own code or settings does not."""
    digest = hashlib.sha256()
    files = [*(product / "coach").rglob("*"), *(product / "models").rglob("*")]
    for f in sorted(p for p in files if p.suffix in (".py", ".toml", ".onnx") and p.is_file()):
        rel = f.relative_to(product)
        if rel.parts[0] == "coach" and len(rel.parts) > 2 and rel.parts[1] in REPLAYED_PACKAGES:
            continue
        digest.update(str(rel).encode() + b"\0" + _recorded_bytes(f))
    if config is not None:
        digest.update(b"config\0" + _recorded_bytes(config))
    return digest.hexdigest()


@functools.cache
def _imported_code(config: Path | None) -> str:
    """:func:`recording_code` of the ``coach`` package this process imports (the one on ``PYTHONPATH``)."""
    import coach

    return recording_code(Path(coach.__file__).resolve().parent.parent, config)


def replay_files(name: str, config: Path | None = None) -> tuple[Path, Path | None, Path]:
    """The rendered call, its latest full analysis (None if none; an events file named as
    :func:`eval_calls.analyse` names them, :func:`eval_calls.analysis_of_record`: an experiment's hand-tagged run is
    never taken) and where :func:`replay` keeps the stage inputs of that analysis as the imported ``coach`` package
    records them under ``config`` (keyed by :func:`recording_code`: other code or settings, other inputs)."""
    latest = C.newest_analysis(name)
    flac = C.RENDER_DIR / f"{name}.flac"
    code = _imported_code(config.resolve() if config is not None else None)
    key = hashlib.sha256(flac.read_bytes() + (latest.name if latest else "").encode() + code.encode()).hexdigest()
    return flac, latest, REPLAY_CACHE / f"{name}.{key[:16]}.pkl"


def replay(name: str, config: Path | None) -> list[dict[str, Any]]:
    """Escalation events of the call replayed with the finals of its latest full analysis. The first
    replay of a call runs the analyser and saves what it handed the escalation stage; later ones hand
    the stage the same inputs again, the prosody reports among them (VAD, turn tracking and prosody are not rerun:
    the saved inputs are keyed by their code and the configuration, :func:`replay_files`)."""
    from coach.config import load_config
    from training.escalation_replay import (
        customer_transcripts,
        load_inputs,
        recorded_prosody,
        replay_call,
        replay_stage,
    )

    flac, latest, saved = replay_files(name, config)
    if latest is None:
        print(f"{name}: no full analysis in {C.EVENTS_DIR}: replayed without transcripts", file=sys.stderr)
    cfg = load_config(config)
    if saved.is_file():
        noasr = sorted(C.EVENTS_DIR.glob(f"{name}.noasr.*.jsonl"), key=lambda p: p.stat().st_mtime)
        inputs = load_inputs(saved)
        prosody = recorded_prosody(inputs, latest or (noasr[-1] if noasr else None))
        return replay_stage(flac, inputs, customer_transcripts(latest), cfg.escalation, prosody)
    return replay_call(flac, latest, cfg, record=saved)


def script_turns(name: str) -> list[dict[str, Any]]:
    """The ``[[turn]]`` tables of a tuning call's script (held-out scripts are never opened)."""
    if C.call_number(name) >= C.FIRST_HELDOUT_CALL and name not in NAMED_HELDOUT:
        raise ValueError(f"{name} is held out")
    return tomllib.loads((C.CALLS_DIR / f"{name}.toml").read_text(encoding="utf-8")).get("turn", [])


def is_raised(turn: dict[str, Any]) -> bool:
    """The old rule: a customer turn said with a raised voice (gain, pitch or rate above normal)."""
    return turn.get("gain_db", 0) > 0 or turn.get("pitch_st", 0) > 0 or turn.get("rate", 1.0) > 1.0


def labelled_moments(turns: list[dict[str, Any]], utterances: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``{"start_s", "end_s", "text", "raised", "mood"}`` per customer utterance of the rendered truth whose
    script turn is raised or states a mood (``mood`` None where it states none). Utterances are matched to
    turns by their text, in order."""
    customer = [t for t in turns if t.get("speaker") == "customer" and "text" in t]
    out = []
    for u in utterances:
        if u["speaker"] != "customer":
            continue
        turn = next((t for t in customer if t["text"] == u["text"]), None)
        if turn is None or not (is_raised(turn) or "mood" in turn):
            continue
        out.append(
            {
                "start_s": u["start_s"],
                "end_s": u["end_s"],
                "text": u["text"],
                "raised": is_raised(turn),
                "mood": turn.get("mood"),
            }
        )
    return out


def call_moments(name: str) -> list[dict[str, Any]]:
    """:func:`labelled_moments` of a rendered tuning call."""
    truth = json.loads((C.RENDER_DIR / f"{name}.truth.json").read_text(encoding="utf-8"))
    return labelled_moments(script_turns(name), truth["utterances"])


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


def score_moment(m: dict[str, Any], levels: list[tuple[float, str, float]]) -> dict[str, Any]:
    """A moment's figures: highest level within ``ONSET_S`` of its start, seconds to "tense" (None: not
    before ``ONSET_S`` after its end) and whether "escalated" came before then."""
    start, end = m["start_s"], m["end_s"]
    window = [LEVELS.index(lv) for t, lv, _ in levels if start <= t <= start + ONSET_S]
    tense = first_at(levels, "tense", start, end + ONSET_S)
    return {
        "start_s": start,
        "end_s": end,
        "words": len(m["text"].split()),
        "raised": m["raised"],
        "mood": m["mood"],
        "level_within_3s": LEVELS[max(window, default=0)],
        "tense_after_s": None if tense is None else round(tense - start, 2),
        "escalated": first_at(levels, "escalated", start, end + ONSET_S) is not None,
    }


def score_call(
    name: str, quiet: bool, events: list[dict[str, Any]], moments: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Per-call figures (see the module docstring); ``moments`` default to the call's
    :func:`call_moments`."""
    levels = [(float(e["at"]), e["level"], float(e["score"])) for e in events if e.get("type") == "escalation"]
    top = max((LEVELS.index(lv) for _, lv, _ in levels), default=0)
    peak = max(levels, key=lambda x: x[2], default=(0.0, "calm", 0.0))
    moments = [score_moment(m, levels) for m in (call_moments(name) if moments is None else moments)]
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
        "moments": moments,
    }


def angry_customer(row: dict[str, Any]) -> bool:
    """Whether a call's script labels any customer turn ``angry`` (a must-stay-quiet call can have an angry
    customer whom the agent handles well: no false nudge is owed there, but escalation is right by mood)."""
    return any(m["mood"] == "angry" for m in row["moments"])


def quiet_for_escalation(row: dict[str, Any]) -> bool:
    """Whether a call counts as quiet for escalation: a must-stay-quiet call (``quiet``, the nudge-quiet flag)
    whose customer is not labelled angry (escalation is judged by mood, not by the nudge flag)."""
    return bool(row["quiet"]) and not angry_customer(row)


def moment_figures(rows: list[dict[str, Any]]) -> str:
    """One summary line of figures over ``rows``: quiet calls (:func:`quiet_for_escalation`; the
    must-stay-quiet calls with an angry customer are counted apart, not as false escalations), raised
    moments, mood moments."""
    quiet = [r for r in rows if quiet_for_escalation(r)]
    angry_quiet = sum(bool(r["quiet"]) and angry_customer(r) for r in rows)
    raised = [m for r in rows for m in r["moments"] if m["raised"]]
    mood = [m for r in rows for m in r["moments"] if m["mood"] is not None]
    angry = [m for m in mood if m["mood"] == "angry"]
    other = [m for m in mood if m["mood"] != "angry"]
    onset = [m["tense_after_s"] for m in angry if m["tense_after_s"] is not None]
    return (
        f"{len(rows)} calls; must-stay-quiet {len(quiet)} (+{angry_quiet} with an angry customer, not counted): "
        f"calm {sum(r['max_level'] == 'calm' for r in quiet)}, "
        f"tense {sum(r['max_level'] == 'tense' for r in quiet)}, "
        f"escalated {sum(r['max_level'] == 'escalated' for r in quiet)} "
        f"({sum(r['tense_s'] for r in quiet):.1f} s at >= tense in all); "
        f"raised moments {sum(m['level_within_3s'] != 'calm' for m in raised)}/{len(raised)} >= tense "
        f"within {ONSET_S:g} s; angry moments {sum(m['level_within_3s'] != 'calm' for m in angry)}/{len(angry)} "
        f">= tense within {ONSET_S:g} s ({len(onset)} by their end + {ONSET_S:g} s, median "
        f"{sorted(onset)[len(onset) // 2] if onset else float('nan'):.1f} s), "
        f"{sum(m['escalated'] for m in angry)} escalated; other moods "
        f"{sum(m['escalated'] for m in other)}/{len(other)} escalated "
        f"({sum(m['level_within_3s'] != 'calm' for m in other)} >= tense within {ONSET_S:g} s)"
    )


def group_of(name: str) -> str:
    """The :data:`GROUPS` label of a call, e.g. ``c238-c261``."""
    n = C.call_number(name)
    if n >= C.FIRST_HELDOUT_CALL:
        return f"c{C.FIRST_HELDOUT_CALL}+ (held out)"
    firsts = [g for g in GROUPS if g <= n]
    first = firsts[-1]
    later = [g for g in GROUPS if g > first]
    last = (later[0] if later else C.FIRST_HELDOUT_CALL) - 1
    return f"c{first:02d}-c{last}"


def format_report(part: str, rows: list[dict[str, Any]]) -> str:
    """The printed table of one part, then one summary line per group of :data:`GROUPS`."""
    lines = [
        f"== part {part}: {moment_figures(rows)}",
        f"{'call':<36} {'quiet':>5} {'max level':>10} {'at s':>6} {'peak':>5} {'peak s':>6} {'tense s':>7}"
        "  moments (start:mood or raised:level within 3 s (+s to tense))",
    ]
    for r in rows:
        at = "" if r["max_level_at"] is None else f"{r['max_level_at']:.1f}"
        ups = " ".join(
            f"{m['start_s']:.1f}s:{m['mood'] or 'raised'}{'^' if m['raised'] and m['mood'] else ''}:"
            f"{m['level_within_3s']}"
            + ("" if m["tense_after_s"] is None else f"(+{m['tense_after_s']:.1f})")
            + ("!" if m["escalated"] else "")
            for m in r["moments"]
            if m["raised"] or m["mood"] != "calm"
        )
        lines.append(
            f"{r['name']:<36} {('yes' if quiet_for_escalation(r) else '(yes)') if r['quiet'] else '':>5} "
            f"{r['max_level']:>10} {at:>6} "
            f"{r['peak_score']:>5.2f} {r['peak_at']:>6.1f} {r['tense_s']:>7.1f}  {ups}"
        )
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(group_of(r["name"]), []).append(r)
    lines += [f"-- {g}: {moment_figures(rs)}" for g, rs in groups.items()]
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
    parser.add_argument(
        "--available", action="store_true", help="only calls already rendered and fully analysed (nothing new)"
    )
    args = parser.parse_args(argv)
    NAMED_HELDOUT.clear()
    if args.part == "heldout" and args.only:
        NAMED_HELDOUT.update(
            n for n in args.only if C.call_number(n) >= C.FIRST_HELDOUT_CALL and (C.CALLS_DIR / f"{n}.toml").is_file()
        )
    calls = calls_to_score()
    try:
        names = C.select_calls(calls, args.only, args.part)  # an --only name outside --part: an error, not no run
    except ValueError as exc:
        parser.error(str(exc))
    if args.available:
        names = [n for n in names if (C.RENDER_DIR / f"{n}.flac").is_file() and replay_files(n)[1] is not None]
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
