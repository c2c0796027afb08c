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
the one on ``PYTHONPATH``, e.g. a frozen copy, and the run says which on stderr); not cached (the stage inputs
its first replay of a call records are kept: :func:`replay_files`).

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

Per call also its *recovery* moments (:mod:`escalation_recovery`): the agent turn between an ``angry`` customer
utterance and a ``calm`` or ``happy`` one, where the level had reached "tense": seconds until "calm" again (issue 10:
within 10 s) and whether the call summary's ``came_down`` names that turn (``--replay`` adds the agent's ``speech``
events of the saved inputs, from which the summary's agent turns come).

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
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.append(str(Path(__file__).resolve().parents[1]))  # training/ (after PYTHONPATH: a frozen coach wins)

import analysis_key as K  # noqa: E402
import escalation_recovery as R  # noqa: E402
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


RECORDING_PACKAGES = ("coach", "training")
"""The top-level packages whose loaded modules a recording lists with its saved inputs (:func:`recording_deps`):
the product's and the replay's own (:mod:`training.escalation_replay`: what :class:`StageInputs` holds)."""
DEPS_SUFFIX = ".deps.json"
"""Beside each saved input ``<call>.<key>.<deps>.pkl``, the files its recording ran and their sha256
(``<call>.<key>.<deps>.deps.json``)."""


def recording_data(product: Path, config: Path | None = None) -> str:
    """Hash of the data the saved stage inputs depend on besides the modules the recording imports: the ``.toml`` and
    ``.onnx`` files of ``product``'s ``coach`` package outside :data:`REPLAYED_PACKAGES` (the default configuration
    among them), the ``.py``, ``.toml`` and ``.onnx`` files of its ``models``, and the configuration file (None: the
    defaults), their TOML read without the replayed tables (:func:`_recorded_bytes`)."""
    return _tree_code(product, config, (".toml", ".onnx"))


def recording_code(product: Path, config: Path | None = None) -> str:
    """The saved inputs' key before session 52 (R16): :func:`recording_data` with every ``.py`` file of ``product``'s
    ``coach`` package outside :data:`REPLAYED_PACKAGES` too, imported by the recording or not (any edit there, a
    telephony socket's, re-keyed every input). Kept to find the inputs saved under it (:func:`replay_files`)."""
    return _tree_code(product, config, (".py", ".toml", ".onnx"))


def _tree_code(product: Path, config: Path | None, coach_suffixes: tuple[str, ...]) -> str:
    """Hash of the files of ``product``'s ``coach`` package with ``coach_suffixes`` outside :data:`REPLAYED_PACKAGES`,
    of its ``models`` (``.py``, ``.toml``, ``.onnx``) and of ``config`` (TOML tables as :func:`_recorded_bytes`
    reads them)."""
    digest = hashlib.sha256()
    files = [*(product / "coach").rglob("*"), *(product / "models").rglob("*")]
    for f in sorted(p for p in files if p.suffix in (".py", ".toml", ".onnx") and p.is_file()):
        rel = f.relative_to(product)
        if rel.parts[0] == "coach" and (
            (len(rel.parts) > 2 and rel.parts[1] in REPLAYED_PACKAGES) or f.suffix not in coach_suffixes
        ):
            continue
        digest.update(str(rel).encode() + b"\0" + _recorded_bytes(f))
    if config is not None:
        digest.update(b"config\0" + _recorded_bytes(config))
    return digest.hexdigest()


def recording_deps(modules: dict[str, Any], roots: dict[str, Path]) -> dict[str, str]:
    """The source files a recording ran, with their sha256: of ``modules`` (``sys.modules`` after it), those of
    :data:`RECORDING_PACKAGES` whose file lies under that package's root in ``roots`` (the folder holding it), outside
    ``coach``'s :data:`REPLAYED_PACKAGES`; keyed by the path from the root (``coach/prosody/tracker.py``,
    ``training/escalation_replay.py``)."""
    deps = {}
    for name, module in list(modules.items()):
        top = name.partition(".")[0]
        file = getattr(module, "__file__", None)
        if top not in RECORDING_PACKAGES or top not in roots or not file or not file.endswith(".py"):
            continue
        path = Path(file).resolve()
        if not path.is_relative_to(roots[top]):
            continue
        rel = path.relative_to(roots[top])
        if rel.parts[0] == "coach" and len(rel.parts) > 2 and rel.parts[1] in REPLAYED_PACKAGES:
            continue
        deps[rel.as_posix()] = K.file_sha(path)
    return dict(sorted(deps.items()))


def deps_hold(deps: dict[str, str], roots: dict[str, Path]) -> bool:
    """Whether every file of ``deps`` (:func:`recording_deps`) still hashes the same under ``roots`` (each under the
    root of its top package, :func:`analysis_key.files_hold`)."""
    tops = {rel.partition("/")[0] for rel in deps}
    return tops <= roots.keys() and all(
        K.files_hold({rel: sha for rel, sha in deps.items() if rel.partition("/")[0] == top}, roots[top])
        for top in tops
    )


def imported_roots() -> dict[str, Path]:
    """Where this process imports :data:`RECORDING_PACKAGES` from (the folder holding each: ``coach`` from the
    ``PYTHONPATH`` tree or the editable install, ``training`` after it)."""
    import coach  # noqa: F401 (the package measured: its root)
    import training.escalation_replay  # noqa: F401 (the recording's own code: its root)

    return {top: Path(sys.modules[top].__path__[0]).resolve().parent for top in RECORDING_PACKAGES}


@functools.cache
def _imported(config: Path | None, fn: Any) -> str:
    """``fn`` (:func:`recording_data` or :func:`recording_code`) of the ``coach`` package this process imports."""
    return fn(imported_roots()["coach"], config)


def _stem(name: str, flac: Path, latest: Path | None, code: str) -> str:
    """``<call>.<key>``: the call, its rendered audio, its analysis of record's file name and ``code``."""
    key = hashlib.sha256(flac.read_bytes() + (latest.name if latest else "").encode() + code.encode()).hexdigest()
    return f"{name}.{key[:16]}"


def save_inputs(recorded: Path, stem: str) -> Path:
    """Keep the stage inputs just recorded in ``recorded`` as ``<stem>.<deps>.pkl`` beside the list of the files the
    recording ran (:func:`recording_deps` of this process, whose modules ran it; :data:`DEPS_SUFFIX`); returns it.
    Written whole or not at all (another process may replay the same call)."""
    deps = recording_deps(dict(sys.modules), imported_roots())
    text = json.dumps(deps, indent=0, sort_keys=True)
    saved = REPLAY_CACHE / f"{stem}.{hashlib.sha256(text.encode()).hexdigest()[:16]}.pkl"
    os.replace(recorded, saved)
    tmp = saved.with_name(f".{saved.name}.{os.getpid()}.tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    os.replace(tmp, saved.with_suffix(DEPS_SUFFIX))
    return saved


def _saved_inputs(stem: str, roots: dict[str, Path]) -> Path | None:
    """The saved inputs ``<stem>.<deps>.pkl`` whose listed files all hash the same now (:func:`deps_hold`), or None."""
    for listed in sorted(REPLAY_CACHE.glob(f"{stem}.*{DEPS_SUFFIX}")):
        saved = listed.with_name(listed.name.removesuffix(DEPS_SUFFIX) + ".pkl")
        if saved.is_file() and deps_hold(json.loads(listed.read_text(encoding="utf-8")), roots):
            return saved
    return None


def replay_files(name: str, config: Path | None = None) -> tuple[Path, Path | None, Path | None]:
    """The rendered call, its latest full analysis (None if none; an events file named as
    :func:`eval_calls.analyse` names them, :func:`eval_calls.analysis_of_record`: an experiment's hand-tagged run is
    never taken) and the stage inputs of that analysis saved by :func:`replay` that hold for the imported ``coach``
    package under ``config`` (None: none; the next replay records them). Saved inputs are named by the call, its audio,
    that analysis's file name and :func:`recording_data`, and hold while the files their recording ran still hash the
    same (:func:`recording_deps`; a change to a module the recording never imports keeps them). Inputs saved under the
    key before session 52 (:func:`recording_code`) that still match it are taken over: linked under the new name with
    the files this process's recording code runs (:func:`save_inputs`)."""
    latest = C.newest_analysis(name)
    flac = C.RENDER_DIR / f"{name}.flac"
    config = config.resolve() if config is not None else None
    roots = imported_roots()
    stem = _stem(name, flac, latest, _imported(config, recording_data))
    saved = _saved_inputs(stem, roots)
    old = REPLAY_CACHE / f"{_stem(name, flac, latest, _imported(config, recording_code))}.pkl"
    if saved is None and old.is_file():  # the old key matches this tree: recorded by this very code
        linked = old.with_name(f".{old.name}.{os.getpid()}.link")
        linked.unlink(missing_ok=True)
        os.link(old, linked)
        saved = save_inputs(linked, stem)
    return flac, latest, saved


def replay(name: str, config: Path | None) -> list[dict[str, Any]]:
    """Escalation events of the call replayed with the finals of its latest full analysis. The first
    replay of a call runs the analyser and saves what it handed the escalation stage; later ones hand
    the stage the same inputs again, the prosody reports among them (VAD, turn tracking and prosody are not rerun:
    the saved inputs hold while the code their recording ran and the configuration are unchanged,
    :func:`replay_files`)."""
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
    if saved is None:  # the first replay: record the inputs
        recorded = REPLAY_CACHE / f".{name}.{os.getpid()}.recording"
        replay_call(flac, latest, cfg, record=recorded)
        code = _imported(config.resolve() if config is not None else None, recording_data)
        saved = save_inputs(recorded, _stem(name, flac, latest, code))  # with the files the recording ran
    noasr = sorted(C.EVENTS_DIR.glob(f"{name}.noasr.*.jsonl"), key=lambda p: p.stat().st_mtime)
    inputs = load_inputs(saved)
    prosody = recorded_prosody(inputs, latest or (noasr[-1] if noasr else None))
    events = replay_stage(flac, inputs, customer_transcripts(latest), cfg.escalation, prosody)
    agent = [e.to_dict() for k in sorted(inputs.observed) for e in inputs.observed[k] if e.type == "speech"]
    return events + [e for e in agent if e.get("speaker") == "agent"]  # the summary's agent turns


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


def _truth_utterances(name: str) -> list[dict[str, Any]]:
    return json.loads((C.RENDER_DIR / f"{name}.truth.json").read_text(encoding="utf-8"))["utterances"]


def call_moments(name: str) -> list[dict[str, Any]]:
    """:func:`labelled_moments` of a rendered tuning call."""
    return labelled_moments(script_turns(name), _truth_utterances(name))


def call_recovery_turns(name: str) -> list[dict[str, Any]]:
    """:func:`escalation_recovery.recovery_turns` of a rendered tuning call."""
    return R.recovery_turns(script_turns(name), _truth_utterances(name))


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
    name: str,
    quiet: bool,
    events: list[dict[str, Any]],
    moments: list[dict[str, Any]] | None = None,
    recovery: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Per-call figures (see the module docstring); ``moments`` default to the call's :func:`call_moments`,
    ``recovery`` (its recovery moments) to its :func:`call_recovery_turns` where ``moments`` are not given, else
    none."""
    levels = [(float(e["at"]), e["level"], float(e["score"])) for e in events if e.get("type") == "escalation"]
    if recovery is None:
        recovery = call_recovery_turns(name) if moments is None else []
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
        "recovery": R.score_recovery(recovery, levels, R.came_down(events)),
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
        f"({sum(m['level_within_3s'] != 'calm' for m in other)} >= tense within {ONSET_S:g} s); "
        f"{R.recovery_figures(rows)}"
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
    if args.replay:
        C.say_coach()  # the package replayed in this process: PYTHONPATH's or the editable install's (not --product)
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
        names = [n for n in names if (C.RENDER_DIR / f"{n}.flac").is_file() and C.newest_analysis(n) is not None]
    if not args.replay or not all((C.RENDER_DIR / f"{n}.flac").is_file() for n in names):
        C.render(names)
    product = args.product.resolve()

    def run(name: str) -> list[dict[str, Any]]:
        if args.replay:
            return replay(name, args.config)
        if args.no_asr:
            return C.analyse(name, args.config, product, no_asr=True) or []  # cached beside the full runs
        return C.analyse(name, args.config, product) or []

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
