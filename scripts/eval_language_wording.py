"""Precision and recall of the wording rules (positive_language, avoid_calm_down) on the agent lines
of tests/data/language_wording/: the tuning list the phrase tables were built from and the held-out
list they were not. Prints one row per list and kind, then every miss and false alarm. Then the same
on the agent turns of the evaluation call scripts (scripts/calls/c*.toml, written by someone else:
their ``expect`` marks the turns that must fire; ``allow`` kinds are not false alarms), per part,
on the script text (no recognition: the call-level figures are scripts/eval_calls.py's); and every
language rule on each call script's whole text, turn by turn.

    .venv/bin/python scripts/eval_language_wording.py
    .venv/bin/python scripts/eval_language_wording.py --calls-part tune   # only the tuning calls
    .venv/bin/python scripts/eval_language_wording.py --latency   # + delays on tests/data/calls (slow)
    .venv/bin/python scripts/eval_language_wording.py --skip held_out_i   # leave a list out (repeatable)

The wording lists: ``tuning``, ``tuning_b`` and ``tuning_d`` to ``tuning_h`` (tables built from
them), ``held_out``, ``held_out_c`` to ``held_out_i`` (not), ``tuning_p3``, ``tuning_l4``, the refusal grammar's
``refusal_a`` / ``refusal_b``, ``held_out_j`` (blind until scored once at the end of session 12), ``held_out_k``
(blind until scored once at the end of session 13), ``held_out_l`` (blind until scored once at the end of
session 14), ``held_out_m`` (blind until scored once at the end of session 15), ``held_out_n`` (blind until
scored once in session 16), ``held_out_o`` (blind until scored once in session 17), ``held_out_p``
(blind until scored once in session 18), ``held_out_q`` (blind until scored once in session 20),
``held_out_r`` (blind until scored once in session 21), ``held_out_s`` (blind until scored once in session
22), ``held_out_t`` (blind until scored once in session 23), ``held_out_u`` (blind until scored once in
session 24), ``held_out_v`` (blind until scored once in session 25), ``held_out_w`` (blind until scored
once in session 26), ``held_out_x`` (blind until scored once
in session 27), ``held_out_y`` (blind until scored once in session 28), ``held_out_z`` (blind until scored
once in session 29), ``held_out_aa`` (blind until scored once in session 30), ``held_out_ab`` (blind until scored
once in session 31), ``held_out_ac`` (blind until scored once in session 32),
``held_out_ad`` (blind until scored once in session 33),
``held_out_ae`` (blind until scored once in session 34),
``held_out_af`` (blind until scored once in session 35),
``held_out_ag`` (blind until scored once in session 36),
``held_out_ah`` (blind until scored once in session 37),
``held_out_ai`` (blind until scored once in session 38),
``held_out_aj`` (blind until scored once in session 39),
``held_out_ak`` (blind until scored once in session 40),
``held_out_al`` (blind until scored once in session 41),
``held_out_am`` (blind until scored once in session 42),
``held_out_an`` (blind until scored once in session 43),
``held_out_ao`` (blind until scored once in session 44),
``held_out_ap`` (blind until scored once in session 45),
``held_out_aq`` (blind until scored once in session 46),
``held_out_ar`` (blind until scored once in session 47),
``held_out_as`` (blind until scored once in session 48),
``held_out_at`` (blind until scored once in session 49),
``held_out_au`` (blind until scored once in session 50),
``held_out_av`` (blind until scored once in session 51),
``held_out_aw`` (blind until scored once in session 52),
``held_out_ax`` (blind until scored once in session 53),
``held_out_ay`` (blind until scored once in session 54),
``held_out_az`` (blind until scored once in session 55),
``held_out_ba`` (blind until scored once in session 56),
``held_out_bb`` (blind until scored once in session 57),
``held_out_bc`` (blind until scored once in session 58),
``held_out_bd`` (blind: written in session 58, not yet scored); a blind list
only with ``--blind``; a list's ``[closing]`` goodbyes are scored
for check_anything_else, its ``[not_closing]`` mid-call lines for false closes.
On the call scripts, the lines of held-out calls are never printed, only their tallies,
so nobody tunes on their wording by reading this script's output.

``--latency`` also runs the project's synthesised calls (tests/data/calls: rude, demo, polite)
through the whole pipeline with real transcription (deterministic inline decoding) and prints, for
each wording nudge, its phrase's last word, when it was found from committed words, and when its
turn's final came (when a finals-only rule would have found it).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tomllib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_calls import tuning_scripts  # noqa: E402

from tests.test_language_wording import (  # noqa: E402
    KINDS,
    PARTS,
    closing_false,
    closing_fired,
    closing_recall,
    kinds_fired,
    lines,
    scores,
)

REFUSAL_LISTS = ("refusal_a", "refusal_b")
"""The refusal grammar's lists (tests/test_refusal_grammar.py), scored here beside the wording lists."""
BLIND: tuple[str, ...] = ("held_out_bd",)
"""Lists written blind for a later score: skipped unless ``--blind``, so nobody tunes on them by reading
this script's misses. ``held_out_bd`` (helper K51, session 58) waits for a later session's one score; ``held_out_q``
(helper K11, session 19) was scored once at f53d4f4 in session 20, ``held_out_r`` (helper K13, session 20)
once at 1ee30ff in session 21, ``held_out_s`` (helper K14, session 21) once at 6980164 in session 22,
``held_out_t`` (helper K15, session 22) once at 08109ee in session 23, ``held_out_u`` (helper K16,
session 23) once at 8ef16f9 in session 24, ``held_out_v`` (helper K17, session 24) once at abc06b2 in session 25,
``held_out_w`` (helper K18, session 25) once at fce546e in session 26,
``held_out_x`` (helper K19, session 26) once at b308106 in session 27,
``held_out_y`` (helper K20, session 27) once at 736ae4b in session 28,
``held_out_z`` (helper K21, session 28) once at b59473c in session 29,
``held_out_aa`` (helper K22b, session 29) once at 525e214 in session 30,
``held_out_ab`` (helper K23, session 30) once at 5aedd04 in session 31
``held_out_ac`` (helper K24, session 31) once at dc0f2c8 in session 32,
``held_out_ad`` (helper K25, session 32) once at c4ae844 in session 33,
``held_out_ae`` (helper K26, session 33) once at 3a43199 in session 34,
``held_out_af`` (helper K27, session 34) once at 8b99854 in session 35,
``held_out_ag`` (helper K28, session 35) once at 5954f34 in session 36,
``held_out_ah`` (helper K29, session 36) once at f865731 in session 37,
``held_out_ai`` (helper K30, session 37) once at 81fc5ff in session 38,
``held_out_aj`` (helper K31, session 38) once at a6332b6 in session 39,
``held_out_ak`` (helper K32, session 39) once at 58c3a04 in session 40,
``held_out_al`` (helper K33, session 40) once at 8e19423 in session 41,
``held_out_am`` (helper K34, session 41) once at b3099cd in session 42,
``held_out_an`` (helper K35, session 42) once at 1ef2ad0 in session 43,
``held_out_ao`` (helper K36, session 43) once at b07aa75 in session 44,
``held_out_ap`` (helper K37, session 44) once at 0d8de18 in session 45,
``held_out_aq`` (helper K38, session 45) once at 73a51fd in session 46,
``held_out_ar`` (helper K39, session 46) once at c7ec91f in session 47,
``held_out_as`` (helper K40, session 47) once at e2f58eb in session 48,
``held_out_at`` (helper K41, session 48) once at c25ec80 in session 49,
``held_out_au`` (helper K42, session 49) once at 8b16fd5 in session 50,
``held_out_av`` (helper K43, session 50) once at 506c94f in session 51,
``held_out_aw`` (helper K44, session 51) once at d5807c1 in session 52,
``held_out_ax`` (helper K45, session 52) once at 125ea35 in session 53,
``held_out_ay`` (helper K46, session 53) once at 359c096 in session 54,
``held_out_az`` (helper K47, session 54) once at 02234dc in session 55,
``held_out_ba`` (helper K48, session 55) once at b1c6b2c in session 56,
``held_out_bb`` (helper K49, session 56) once at a3f564d in session 57,
and ``held_out_bc`` (helper K50, session 57) once at 326f475 in session 58;
all thirty-nine are floor lists now.
``held_out_j`` (helper H3, session 12), ``held_out_k`` (helper K4, session 13), ``held_out_l`` (helper K6,
session 14), ``held_out_m`` (helper K7, session 15), ``held_out_n`` (helper K8, session 16), ``held_out_o``
(helper K9, session 17) and ``held_out_p`` (helper K10, session 18) were each scored once by the lead in
their session and are ordinary lists since (``FLOORS`` in tests/test_language_wording.py)."""


def expected_kinds(turn: dict) -> set[str]:
    """The wording kinds a call script's agent turn expects (``expect`` is a kind, a list of kinds
    or a list of ``{kind, phrase}`` tables)."""
    expect = turn.get("expect", [])
    items = [expect] if isinstance(expect, str) else expect
    return {item if isinstance(item, str) else item["kind"] for item in items} & set(KINDS)


def call_paths(parts: set[str]) -> list[tuple[Path, dict[str, Any]]]:
    """The evaluation call scripts of ``parts`` (``tune``, ``heldout``), with their parsed text."""
    out = []
    # without the held-out part, its files are not even opened
    paths = sorted((ROOT / "scripts" / "calls").glob("c*.toml")) if "heldout" in parts else tuning_scripts()
    for path in paths:
        script = tomllib.loads(path.read_text("utf-8"))
        if script["call"].get("part", "?") in parts:
            out.append((path, script))
    return out


def show(part: str) -> bool:
    """Whether a call's lines may be printed: never those of held-out calls."""
    return part != "heldout"


def call_scripts(parts: set[str]) -> None:
    """Tally the wording rules on the agent turns of the evaluation call scripts, per part."""
    tally: Counter[tuple[str, str, str]] = Counter()
    for path, script in call_paths(parts):
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
                if outcome != "caught" and show(part):
                    print(f"calls/{part}: {outcome} {kind}: {path.name}: {turn['text']}")
    print(f"{'calls part':10} {'kind':18} {'caught':>6} {'missed':>6} {'false':>5}")
    for part, kind in sorted({(p, k) for p, k, _ in tally}):
        print(f"{part:10} {kind:18} " + " ".join(f"{tally[part, kind, o]:>6}" for o in ("caught", "missed", "false")))


LANGUAGE_KINDS = (
    *KINDS,
    "mirror_complaint",
    "acknowledge_feelings",
    "over_apologizing",
    "slow_down",
    "check_anything_else",
)


def nudge_kinds(found: Iterable[object]) -> list[str]:
    """The kinds of the :class:`~coach.types.Nudge` among what the language rules return; a
    :class:`~coach.types.Withdrawal` (a rule taking back a moment, e.g. a closing whose call went on) is no
    nudge and is left out, as the call scripts' tallies count what reached the screen at all."""
    from coach.types import Nudge

    return [n.kind for n in found if isinstance(n, Nudge)]


def call_texts(parts: set[str]) -> None:
    """Every language rule on the call scripts' text, turn by turn (finals only, 0.6 s apart), per
    part: expected kinds found, missed, and extra ones (``allow`` kinds excepted; on must-stay-quiet
    calls every extra one is a false nudge)."""
    from coach.language import LanguageCoach
    from coach.language.nobody_to_calm import NobodyToCalm
    from coach.types import seconds_to_samples
    from tests.test_language_rules import final

    tally: Counter[tuple[str, str]] = Counter()
    for path, script in call_paths(parts):
        part, allow = script["call"].get("part", "?"), set(script["call"].get("allow", []))
        coach, gate, t = LanguageCoach(), NobodyToCalm(), 0.0  # a whole call: composed as CallAnalyzer does
        expected, found = Counter[str](), Counter[str]()
        for i, turn in enumerate(script.get("turn", [])):
            if turn.get("speaker") not in ("agent", "customer") or "text" not in turn:
                continue
            expect = turn.get("expect", [])
            for item in [expect] if isinstance(expect, str) else expect:
                kind = item if isinstance(item, str) else item["kind"]
                expected[kind] += kind in LANGUAGE_KINDS
            event = final(turn["speaker"], turn["text"], t, utt=f"{turn['speaker']}-{i}")
            t = event["end"] + 0.6
            found.update(nudge_kinds(gate.push(coach, event) + coach.tick(seconds_to_samples(t))))
        found.update(nudge_kinds(coach.tick(seconds_to_samples(t + 10.0))))
        missed = expected - found
        extra = Counter({k: v for k, v in (found - expected).items() if k not in allow})
        tally[part, "expected"] += sum(expected.values())
        tally[part, "missed"] += sum(missed.values())
        tally[part, "extra"] += sum(extra.values())
        tally[part, "false on quiet calls"] += sum(extra.values()) if script["call"].get("quiet") else 0
        if (missed or extra) and show(part):
            print(f"calls/{part}: {path.name}: missed {sorted(missed.elements())}, extra {sorted(extra.elements())}")
    for part in sorted({p for p, _ in tally}):
        print(
            f"calls/{part} (script text, all language kinds): "
            + ", ".join(f"{k} {tally[part, k]}" for k in ("expected", "missed", "extra", "false on quiet calls"))
        )


def latency() -> None:
    """Delays of the wording nudges on the synthesised calls: from committed words vs from finals."""
    from coach.config import load_config
    from coach.pipeline.factory import build_analyzer
    from coach.sources.recording import load_recording
    from coach.sources.replay import replay_chunks
    from tests.conftest import CALLS

    cfg = load_config()
    committed, finals = [], []
    for name in ("rude", "demo", "polite"):
        analyzer = build_analyzer(cfg, call_id=name, transcribe=True)
        events: list[dict[str, Any]] = []
        for chunk in replay_chunks(load_recording(CALLS / f"{name}.flac"), chunk_ms=200):
            events += [e.to_dict() for e in analyzer.push(chunk)]
        events += [e.to_dict() for e in analyzer.finish()]
        final_at = {e["utt"]: e["at"] for e in events if e["type"] == "transcript" and e["final"]}
        for cue in (e for e in events if e["type"] == "cue" and e["kind"] in KINDS):
            ev = cue["evidence"]
            utt = cue["moment"].rsplit(":", 1)[0]
            found, end = cue.get("found_at", cue["at"]), ev.get("phrase_end")
            print(
                f"{name}: {cue['kind']} {ev['said']!r} last word {end} found {found} ({ev['basis']}),"
                f" final {final_at[utt]}"
            )
            if end is not None:
                committed.append(found - end)
                finals.append(final_at[utt] - end)
    for label, delays in (("committed words", committed), ("finals only", finals)):
        if delays:
            p50, worst = statistics.median(delays), max(delays)
            print(f"{label}: n {len(delays)}, delay after the last word p50 {p50:.2f} s, max {worst:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--latency", action="store_true", help="also measure delays on tests/data/calls (slow)")
    parser.add_argument(
        "--calls-part",
        choices=("tune", "heldout", "all"),
        default="tune",
        help="call scripts to tally (default tune: the held-out scripts are opened only when asked for)",
    )
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        metavar="LIST",
        help=f"a wording list not to score (repeatable); {', '.join(BLIND)} always skipped unless --blind",
    )
    parser.add_argument("--blind", action="store_true", help="also score the blind lists (the lead, once, at the end)")
    args = parser.parse_args()
    skipped = set(args.skip) | (set() if args.blind else set(BLIND))
    listed = dict.fromkeys((*PARTS, *REFUSAL_LISTS, *(BLIND if args.blind else ())))
    parts = [p for p in listed if p not in skipped]
    print(f"{'list':10} {'kind':18} {'recall':>7} {'precision':>9}")
    for part in parts:
        for kind, (recall, precision) in scores(part).items():
            print(f"{part:10} {kind:18} {recall:7.2f} {precision:9.2f}")
        if (goodbyes := closing_recall(part)) is not None:
            print(f"{part:10} {'check_anything_else':18} {goodbyes:7.2f}         -   (goodbyes)")
        if (false := closing_false(part)) is not None:
            print(f"{part:10} {'check_anything_else':18}       - {false:9.2f}   (mid-call lines taken for goodbyes)")
    for part in parts:
        for section, text in lines(part):
            if section == "closing":
                if not closing_fired(text):
                    print(f"{part}: expected ['check_anything_else'], got nothing: {text}")
                continue
            if section == "not_closing" and closing_fired(text):
                print(f"{part}: a mid-call line taken for a goodbye (check_anything_else): {text}")
            fired = kinds_fired(text) & set(KINDS)
            expected = {section} & set(KINDS)
            if fired != expected:
                print(f"{part}: expected {sorted(expected) or 'nothing'}, got {sorted(fired) or 'nothing'}: {text}")
    call_parts = {"tune", "heldout"} if args.calls_part == "all" else {args.calls_part}
    call_scripts(call_parts)
    call_texts(call_parts)
    if args.latency:
        latency()


if __name__ == "__main__":
    main()
