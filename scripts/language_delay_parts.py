"""Where a language nudge's delay goes: each caught language moment of the tuning calls split into parts.

Usage: ``.venv/bin/python scripts/language_delay_parts.py [--product DIR] [--config TOML] [NAME ...]``, or with
``--replay [EVENTS ...]`` / ``--stored [EVENTS ...]`` (below)

Reads the analyses ``scripts/eval_calls.py`` stored (``artifacts/calls/events/``, the key of ``--product``'s
``coach`` package and ``--config``, as ``eval_calls.py --product`` writes them; nothing is analysed here) of the
calls ``NAME`` (default: every tuning call, below ``eval_calls.FIRST_HELDOUT_CALL``, that has them), matches nudges
to truth moments as ``eval_calls.score_call`` does, and splits each caught language moment, in call-audio seconds:

- ``said``: the truth phrase's start -> the end of the last word the nudge quotes (``said``, as the recogniser timed
  it in the turn's transcript: the decisive words; for a mirror or an acknowledgement, the reply's words read);
- ``heard``: -> the first partial of the turn whose words hold those words (its ``at``);
- ``commit``: -> the first partial whose committed words (``words[:stable]``) hold them (or the final's ``at``);
- ``fired``: -> the detector reported the moment (its ``cue``'s ``found_at``);
- ``shown``: -> the ``nudge`` took the screen (delivery: ``at``);

each part from the one before (``said`` from the truth start), and the totals ``start`` (from the truth start, the
figure issue 9 bounds at 2 s) and ``after`` (after the truth phrase's last word). ``final`` is the turn's final
``at`` from the truth start, and ``basis`` the wording nudge's ``evidence.basis`` (committed / heard / held /
final). Two more columns say what waiting for the final would cost: ``tail``, the turn's words after the quoted ones
(their end to the final's last word's end), and ``vad``, that last word's end to the final's ``at`` (the VAD's
end-of-turn silence, plus the decode where the clock counts it). ``word`` and ``of`` place the deciding word (the
last quoted one) in the truth phrase as scripted: its number and the phrase's length, in words (None where the
phrase has no such words: a listening moment, or words heard otherwise); ``held`` is the nudge less the first
partial whose committed words hold the quoted words (negative: nudged before any partial committed them, from
words heard but not committed; None where no partial committed them). Prints a row per moment (call, kind, the
quoted words: synthetic calls) and the medians per kind.

With ``--replay EVENTS.jsonl ...`` (or ``--replay`` alone: the newest events of every tuning call,
:func:`replay_listening.newest_events`) the language rules of this checkout (or of ``PYTHONPATH``) are replayed on
the recorded transcripts instead (:func:`replay_listening.replay_events`: the rules alone, no delivery), each moment
matched as ``replay_listening.score`` does; ``fired`` is then the emission, ``shown`` 0. This measures a change of
the rules' dispatch on the words the product heard without analysing a call again.

With ``--stored EVENTS.jsonl ...`` (or ``--stored`` alone: the newest events of every tuning call) the nudges those
files hold are split as they are (the product that wrote each file, whatever its code key), matched to the moments
as ``eval_calls.score_call`` does: the delay as the runs measured it, with no analysis and no replay.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import replay_listening  # noqa: E402
from eval_calls import (  # noqa: E402
    RENDER_DIR,
    ROOT,
    _words,
    analyse,
    load_moments,
    score_call,
    tuning_calls,
)

PARTS = ("said", "heard", "commit", "fired", "shown")
COLUMNS = (*PARTS, "start", "after", "final", "tail", "vad", "word", "of", "held")
LISTENING = ("mirror_complaint", "acknowledge_feelings")
TAIL = 3
"""Tokens of the quoted words' end looked for in the transcripts (a partial may have heard the first ones otherwise)."""


def _find(words: list[str], want: list[str]) -> int | None:
    """The index just after the first run of ``want`` in ``words`` (None if absent or ``want`` is empty)."""
    n = len(want)
    return next((i + n for i in range(len(words) - n + 1) if n and words[i : i + n] == want), None)


def _tokens(ws: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """(token, word dict) for every lowercase token of a transcript's word dicts."""
    return [(t, w) for w in ws for t in _words(str(w.get("w", "")))]


def _holds(ws: list[dict[str, Any]], want: list[str]) -> dict[str, Any] | None:
    """The word dict that ends the first run of ``want`` among the tokens of ``ws`` (None if absent)."""
    toks = _tokens(ws)
    end = _find([t for t, _ in toks], want)
    return None if end is None else toks[end - 1][1]


def _quoted(nudge: dict[str, Any], kind: str) -> list[str]:
    """The last (up to :data:`TAIL`) tokens of the words the nudge's part of ``kind`` quotes: the wording rules'
    phrase (``said``); for a reply that missed a complaint or a feeling, the first words of the agent's reply as
    the rule read them (``evidence.agent_said``, up to its first ellipsis), not the customer's cue."""
    if kind in LISTENING:
        said = str((nudge.get("evidence") or {}).get("agent_said") or "").split("\u2026")[0].split("...")[0]
    else:
        parts = [p for p in nudge.get("parts") or () if p.get("kind") == kind]
        said = str((parts[0] if parts else nudge).get("said") or "").split("\u2026")[-1]
    return _words(said)[-TAIL:]


def deciding_word(phrase: str | None, want: list[str]) -> int | None:
    """The number (from 1) of the last of the quoted tokens ``want`` in the truth ``phrase``'s tokens, where the
    phrase holds them as a run (None otherwise: no phrase, or words the recogniser heard otherwise)."""
    return _find(_words(phrase or ""), want)


def parts_of(moment: Any, nudge_at: float, events: list[dict[str, Any]]) -> dict[str, Any]:
    """The split of one caught moment (``nudge_at``: when its nudge was shown); missing parts are None."""
    kind = moment.kind
    nudge = next(
        e
        for e in events
        if e.get("type") in ("nudge", "nudge.update")
        and abs(float(e["at"]) - nudge_at) < 1e-6
        and kind in (e.get("kinds") or [e.get("kind")])
    )
    cue = next(
        (
            e
            for e in events
            if e.get("type") == "cue"
            and e.get("kind") == kind
            and e.get("outcome") == "shown"
            and abs(float(e["at"]) - nudge_at) < 1e-6
        ),
        None,
    )
    want = _quoted(nudge, kind)
    turn = [
        e
        for e in events
        if e.get("type") == "transcript"
        and e.get("speaker") == (moment.speaker or "agent")
        and float(e["t"]) <= nudge_at + 0.01
        and float(e.get("end", e["t"])) >= moment.start_s - 1.0
    ]
    # the turn: the latest of the speaker's utterances before the nudge whose words hold the quoted words
    utts = [e.get("utt") for e in turn if _holds(e.get("words") or [], want) is not None]
    utt = utts[-1] if utts else None
    mine = [e for e in events if e.get("type") == "transcript" and utt is not None and e.get("utt") == utt]
    final = next((e for e in mine if e.get("final")), None)
    last = _holds((final or (mine[-1] if mine else {})).get("words") or [], want)
    heard = next((e for e in mine if _holds(e.get("words") or [], want) is not None), None)
    committed = next(
        (e for e in mine if _holds((e.get("words") or [])[: int(e.get("stable") or 0)], want) is not None), None
    )
    held = None if committed is None or committed.get("final") else nudge_at - float(committed["at"])
    committed = committed if committed is not None and not committed.get("final") else committed or final
    times = {
        "said": None if last is None else float(last["end"]),
        "heard": None if heard is None else float(heard["at"]),
        "commit": None if committed is None else float(committed["at"]),
        "fired": None if cue is None else float(cue.get("found_at", cue["at"])),
        "shown": nudge_at,
    }
    out: dict[str, Any] = {}
    before = moment.start_s
    for p in PARTS:
        t = times[p]
        out[p] = None if t is None else t - before
        before = t if t is not None else before
    out["start"] = nudge_at - moment.start_s
    out["after"] = nudge_at - moment.end_s
    out["final"] = None if final is None else float(final["at"]) - moment.start_s
    turn_end = float(final["words"][-1]["end"]) if final is not None and final.get("words") else None
    out["tail"] = None if turn_end is None or times["said"] is None else turn_end - times["said"]
    out["vad"] = None if turn_end is None else float(final["at"]) - turn_end
    word = deciding_word(getattr(moment, "phrase", None), want)
    out["word"] = word
    out["of"] = len(_words(moment.phrase)) if word is not None else None
    out["held"] = held
    out["basis"] = str((nudge.get("evidence") or {}).get("basis", "-"))
    out["said_words"] = " ".join(want)
    return out


def replay_rows(paths: list[Path]) -> list[tuple[str, str, dict[str, Any]]]:
    """(call, kind, :func:`parts_of` split) of every language moment of the events files ``paths`` that this
    checkout's rules catch when replayed on their transcripts (matched as ``replay_listening.score`` matches)."""
    rows: list[tuple[str, str, dict[str, Any]]] = []
    kinds = replay_listening.KINDS
    for path in paths:
        name = path.name.split(".")[0]
        spec, moments = replay_listening.load_call(name)
        events = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        nudges = replay_listening.replay_events(events, kinds)
        used: set[int] = set()
        for m in (m for m in moments if m["kind"] in kinds):
            fits = [
                (at, n)
                for at, n in nudges
                if n.kind == m["kind"]
                and m["start_s"] - replay_listening.EARLY_S <= at <= m["end_s"] + replay_listening.WINDOW_S
                and id(n) not in used
            ]
            if not fits:
                continue
            at, n = fits[0]
            used.add(id(n))
            ev = dict(n.evidence)
            shown = {"type": "nudge", "at": at, "kinds": [n.kind], "said": ev.get("said"), "evidence": ev}
            cue = {"type": "cue", "kind": n.kind, "outcome": "shown", "at": at, "found_at": at}
            moment = SimpleNamespace(
                kind=m["kind"], start_s=m["start_s"], end_s=m["end_s"], speaker=m.get("speaker"), phrase=m.get("phrase")
            )
            rows.append((name, m["kind"], parts_of(moment, at, [*events, shown, cue])))
    return rows


def stored_rows(paths: list[Path]) -> list[tuple[str, str, dict[str, Any]]]:
    """(call, kind, :func:`parts_of` split) of every language moment that the nudges stored in the events files
    ``paths`` caught (matched by ``eval_calls.score_call``): the runs' own delays, nothing analysed or replayed."""
    rows: list[tuple[str, str, dict[str, Any]]] = []
    for path in paths:
        name = path.name.split(".")[0]
        spec, _ = replay_listening.load_call(name)
        events = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        part, quiet = str(spec.get("part", "tune")), bool(spec.get("quiet"))
        result = score_call(name, part, quiet, spec.get("allow", []), load_moments(name), events)
        for h in result.hits:
            if h.moment.group == "language" and h.nudge is not None:
                rows.append((name, h.moment.kind, parts_of(h.moment, h.nudge.at, events)))
    return rows


def _fmt(v: float | None) -> str:
    return "-" if v is None else str(v) if isinstance(v, int) else f"{v:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="tuning calls (default: every one with a stored analysis)")
    parser.add_argument("--product", type=Path, default=ROOT, help="checkout whose analyses to read (this one)")
    parser.add_argument("--config", type=Path, help="configuration the analyses ran with")
    parser.add_argument(
        "--replay", nargs="*", type=Path, help="replay this checkout's rules on these events files (none: newest, tune)"
    )
    parser.add_argument(
        "--stored", nargs="*", type=Path, help="split the nudges these events files hold (none: newest, tune)"
    )
    args = parser.parse_args(argv)
    if args.replay is not None:
        _print(replay_rows(args.replay or replay_listening.newest_events("tune")))
        return 0
    if args.stored is not None:
        _print(stored_rows(args.stored or replay_listening.newest_events("tune")))
        return 0
    calls = {n: c for n, c in tuning_calls().items() if c["part"] == "tune"}  # the held-out scripts are never read
    bad = sorted(set(args.names) - set(calls))
    if bad:
        parser.error(f"not tuning calls: {', '.join(bad)}")
    rows: list[tuple[str, str, dict[str, Any]]] = []
    for name in args.names or sorted(calls):
        if not (RENDER_DIR / f"{name}.flac").exists():
            continue  # never rendered here
        events = analyse(name, args.config, args.product.resolve(), cached_only=True)
        if events is None:
            continue
        c = calls[name]
        result = score_call(name, c["part"], bool(c.get("quiet")), c.get("allow", []), load_moments(name), events)
        for h in result.hits:
            if h.moment.group == "language" and h.nudge is not None:
                rows.append((name, h.moment.kind, parts_of(h.moment, h.nudge.at, events)))
    _print(rows)
    return 0


def _print(rows: list[tuple[str, str, dict[str, Any]]]) -> None:
    """A row per caught moment, then the medians per kind."""
    head = f"{'call':<6} {'kind':<21}" + "".join(f" {c:>6}" for c in COLUMNS) + f"  {'basis':<9} words"
    print(head)
    for name, kind, r in rows:
        cells = "".join(f" {_fmt(r[c]):>6}" for c in COLUMNS)
        print(f"{name.split('_')[0]:<6} {kind:<21}{cells}  {r['basis']:<9} {r['said_words'][:60]}")
    print("\nmedians (s; parts each from the one before, start/after/final from the truth phrase)")
    print(f"{'kind':<21} {'n':>3}" + "".join(f" {c:>6}" for c in COLUMNS))
    for kind in [*sorted({k for _, k, _ in rows}), "all"]:
        mine = [r for _, k, r in rows if kind in ("all", k)]
        meds = [[r[c] for r in mine if r[c] is not None] for c in COLUMNS]
        print(f"{kind:<21} {len(mine):>3}" + "".join(f" {_fmt(statistics.median(v) if v else None):>6}" for v in meds))


if __name__ == "__main__":
    raise SystemExit(main())
