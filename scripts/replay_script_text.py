"""Replay the language rules on the tuning call scripts' own words: a fast proxy (seconds, no audio).

Usage: ``.venv/bin/python scripts/replay_script_text.py [--kinds K,K...] [--only NAME ...] [--groups N,...]
[--verbose]``

Which calls: the tuning scripts only, :func:`eval_calls.tuning_scripts` (numbered below
``FIRST_HELDOUT_CALL``); the held-out part's files are never opened. ``--only`` narrows to some of them.

What it does: each scripted utterance's ``text`` is fed, in script order, to a fresh
:class:`~coach.language.LanguageCoach` as one *final* transcript event of its speaker (no partials),
on a made-up timeline:

- words are evenly spaced at ``WORDS_PER_S`` (150 words a minute) times the turn's ``rate`` key,
  each word sounding for ``WORD_FILL`` of its slot;
- an utterance starts ``GAP_S`` after the previous one ends, or ``silence_s`` after it when a
  silence entry comes between (timing keys such as overlaps and cut-offs are ignored: every word of
  the text is said);
- the final arrives ``FINAL_LAG_S`` after the utterance's last word; the rules' timers are ticked
  every ``TICK_S`` and for ``TAIL_S`` after the last utterance (the closing wait).

A nudge is emitted at the time it came out (the final's arrival or the tick). The scripts' ``expect``
entries of language kinds become truth moments (a ``phrase`` spans its words on this timeline; an
entry without one spans the utterance), and the nudges are scored by ``eval_calls.score_call`` /
``summarise``, exactly as the product evaluation groups them: caught / moments per kind, nudges on
must-stay-quiet calls (false), unmatched nudges on other calls (extra, the call's ``allow`` kinds
excepted); a missed moment whose nudge came after the window is *late* (the product nudges the
wording kinds from committed partials, this model only at the final: a phrase early in a long turn is
late here, not missed). Figures are printed per group of tuning calls, the groups cut at the call
numbers of ``--groups`` (comma-separated, increasing, each below ``FIRST_HELDOUT_CALL``): the default
(:data:`DEFAULT_GROUPS`, ``eval_calls.TUNING_GROUPS``: ``--groups 238,262,...`` every 24 calls up to
``FIRST_HELDOUT_CALL``) prints c01-c237, c238-c261, c262-c285, c286-c309, c310-c333, c334-c357, c358-c381,
c382-c405, c406-c429, c430-c453, c454-c477, c478-c501, c502-c525, c526-c549, c550-c573, c574-c597, c598-c621,
c622-c645, c646-c669, c670-c693, c694-c717, c718-c741, c742-c765, c766-c789, c790-c813, c814-c837, c838-c861,
c862-c885, c886-c909, c910-c933, c934-c957, c958-c981, c982-c1005, c1006-c1029, c1030-c1053, c1054-c1077,
c1078-c1101, c1102-c1125, c1126-c1149, c1150-c1173, c1174-c1197, c1198-c1221, c1222-c1245, c1246-c1269,
c1270-c1293, c1294-c1317, c1318-c1341 and c1342 up to the held-out part (c238-c1365: the forty-seven latest held-out
parts, each run once, now tuning), the groups the project reports tuning figures in; ``--groups 118,238`` cuts three,
``--groups ""`` prints one.
A group's label is made from the numbers of its files; a group with no call is not printed.

What it does NOT measure: mis-hearing (the recogniser's errors, dropped or split turns, words heard
from the other lane), the product's timing (partials, endpointing, the real words' times, the delay
of a nudge; the windows here are the evaluation's but the clock is this model's), the escalation
model's level (the rules see the customer as calm, apart from their own reading of the words), the
one-screen delivery policy (joins, cooldowns, severity), and the behavioural kinds. Use
``scripts/eval_calls.py`` for those; this tool is for iterating on the rules' wording in seconds.
"""

from __future__ import annotations

import argparse
import bisect
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_calls import (  # noqa: E402
    FIRST_HELDOUT_CALL,
    TUNING_GROUPS,
    CallResult,
    Moment,
    call_number,
    parse_kinds,
    say_coach,
    score_call,
    summarise,
    tuning_scripts,
)
from synth_calls import LANGUAGE_KINDS, Line, Silence, load_call  # noqa: E402

from coach.language import LanguageCoach  # noqa: E402
from coach.language.nobody_to_calm import NobodyToCalm  # noqa: E402
from coach.language.text import excerpt  # noqa: E402
from coach.types import Nudge, samples_to_seconds, seconds_to_samples  # noqa: E402

WORDS_PER_S = 2.5  # words a second at rate 1 (150 words a minute)
WORD_FILL = 0.9  # each word sounds for this fraction of its slot
GAP_S = 0.6  # between one utterance's end and the next one's start, s (the scripts' default gap)
FINAL_LAG_S = 0.5  # a final arrives this long after its utterance's last word, s
TICK_S = 0.25  # the rules' timers are ticked this often, s
TAIL_S = 10.0  # ... and for this long after the last utterance, s
SAID_WORDS = 10  # the verbose listing quotes at most this many words of a nudge's ``said``
DEFAULT_GROUPS = TUNING_GROUPS
"""Where ``--groups`` cuts the tuning calls by default (``eval_calls.TUNING_GROUPS``)."""


@dataclass(frozen=True, kw_only=True)
class Spoken:
    """One scripted utterance placed on the model timeline: its index among the script's turns, its
    speaker and text, its start and end (s) and the final transcript event the rules are fed."""

    turn: int
    speaker: str
    start_s: float
    end_s: float
    event: dict[str, Any]


def place(turns: list[Line | Silence]) -> list[Spoken]:
    """The script's utterances on the model timeline (see the module docstring), in order."""
    out: list[Spoken] = []
    floor_free = 0.0
    silence_s: float | None = None  # a silence entry just before: the next utterance starts after it
    for i, turn in enumerate(turns):
        if isinstance(turn, Silence):
            silence_s = (silence_s or 0.0) + turn.silence_s
            continue
        start = floor_free + (GAP_S if silence_s is None else silence_s)
        silence_s = None
        step = 1.0 / (WORDS_PER_S * turn.rate)
        words = [
            {"w": w, "start": round(start + k * step, 3), "end": round(start + (k + WORD_FILL) * step, 3), "p": 0.9}
            for k, w in enumerate(turn.text.split())
        ]
        end = words[-1]["end"] if words else start
        event = {
            "type": "transcript",
            "speaker": turn.speaker,
            "utt": f"{turn.speaker}-{i}",
            "t": start,
            "end": end,
            "at": round(end + FINAL_LAG_S, 3),
            "text": turn.text,
            "final": True,
            "words": words,
        }
        out.append(Spoken(turn=i, speaker=turn.speaker, start_s=start, end_s=end, event=event))
        floor_free = end
    return out


def phrase_span(spoken: Spoken, phrase: str) -> tuple[float, float]:
    """Start and end (s) of ``phrase``'s words within the utterance (the whole utterance if absent)."""
    text = spoken.event["text"]
    at = text.lower().find(phrase.lower())
    words = spoken.event["words"]
    if at < 0 or not words:
        return spoken.start_s, spoken.end_s
    first = len(text[:at].split())
    last = min(first + len(phrase.split()), len(words)) - 1
    return words[first]["start"], words[last]["end"]


def moments_of(
    name: str, turns: list[Line | Silence], spoken: list[Spoken], kinds: Iterable[str]
) -> list[tuple[Moment, int]]:
    """The language moments of ``kinds`` the script expects, each with the index of its turn."""
    wanted = set(kinds)
    out: list[tuple[Moment, int]] = []
    for s in spoken:
        turn = turns[s.turn]
        for e in turn.expect:
            if e.kind not in wanted:
                continue
            start, end = phrase_span(s, e.phrase) if e.phrase else (s.start_s, s.end_s)
            m = Moment(
                call=name, kind=e.kind, group="language", start_s=start, end_s=end, phrase=e.phrase, speaker=s.speaker
            )
            out.append((m, s.turn))
    return out


def replay(spoken: list[Spoken], kinds: Iterable[str]) -> list[dict[str, Any]]:
    """``nudge`` event dicts (kind, t, at, moment, said) of the rules of ``kinds`` fed ``spoken``."""
    wanted = set(kinds)
    coach, gate = LanguageCoach(), NobodyToCalm()  # as the product's call path (CallAnalyzer) composes them
    out: list[dict[str, Any]] = []

    def emit(found: list, at: float) -> None:
        for n in found:
            if isinstance(n, Nudge) and n.kind in wanted:
                t = samples_to_seconds(n.start)
                out.append({"type": "nudge", "kind": n.kind, "t": t, "at": at, "moment": n.moment} | _said(n))

    clock = 0.0
    last = max((s.end_s for s in spoken), default=0.0) + TAIL_S
    for s in sorted(spoken, key=lambda s: s.event["at"]):
        while clock + TICK_S <= s.event["at"]:
            clock = round(clock + TICK_S, 3)
            emit(coach.tick(seconds_to_samples(clock)), clock)
        emit(gate.push(coach, s.event), s.event["at"])
    while clock + TICK_S <= last:
        clock = round(clock + TICK_S, 3)
        emit(coach.tick(seconds_to_samples(clock)), clock)
    return out


def _said(n: Nudge) -> dict[str, str]:
    """The words a nudge quotes (``said`` of its evidence), for the verbose listing."""
    said = n.evidence.get("said")
    return {"said": excerpt(str(said), SAID_WORDS)} if said else {}


def parse_groups(parser: argparse.ArgumentParser, text: str) -> tuple[int, ...]:
    """The group boundaries of a ``--groups`` value ("238", "118,238", "": none): call numbers,
    increasing, each above 1 and below ``FIRST_HELDOUT_CALL``; exits through ``parser`` otherwise."""
    try:
        cuts = tuple(int(x) for x in text.split(",") if x.strip())
    except ValueError:
        parser.error(f"--groups: call numbers separated by commas, got {text!r}")
    if any(not 1 < c < FIRST_HELDOUT_CALL for c in cuts) or list(cuts) != sorted(set(cuts)):
        parser.error(f"--groups: increasing call numbers from 2 to {FIRST_HELDOUT_CALL - 1}, got {text!r}")
    return cuts


def group_of_call(name: str, cuts: tuple[int, ...]) -> int:
    """The index of the group the call ``name`` falls in: how many of the boundaries ``cuts`` are at or
    below its number (0: below the first cut)."""
    return bisect.bisect_right(cuts, call_number(name))


def turn_at(spoken: list[Spoken], t: float) -> int:
    """The index of the turn whose utterance holds (or last began before) call time ``t``."""
    starts = [s.start_s for s in spoken]
    k = max(bisect.bisect_right(starts, t + 1e-6) - 1, 0)
    return spoken[k].turn if spoken else -1


def score_script(path: Path, kinds: tuple[str, ...], cuts: tuple[int, ...]) -> tuple[CallResult, list[str]]:
    """One tuning script replayed and scored, its ``part`` the index of its group among the boundaries
    ``cuts`` (:func:`group_of_call`); its verbose lines (each miss and unmatched nudge)."""
    spec, turns, _ = load_call(path)
    if spec is None:
        raise ValueError(f"{path.name}: not an evaluation-set call (no [call] table)")
    spoken = place(turns)
    moments = moments_of(path.stem, turns, spoken, kinds)
    where = dict(moments)
    nudges = replay(spoken, kinds)
    group = str(group_of_call(path.stem, cuts))
    result = score_call(path.stem, group, spec.quiet, spec.allow, [m for m, _ in moments], nudges)
    said = {(e["kind"], e["at"], e["t"]): e.get("said", "") for e in nudges}
    notes = [
        f"   {'LATE  ' if h.late else 'MISSED'} {h.moment.kind:<20} turn {where[h.moment]}"
        for h in result.hits
        if h.nudge is None
    ]
    for n in result.unmatched:
        label = "FALSE " if spec.quiet else "extra "
        notes.append(f"   {label} {n.kind:<20} turn {turn_at(spoken, n.t)}  said {said[(n.kind, n.at, n.t)]!r}")
    return result, notes


def label(names: list[str]) -> str:
    """``c01-c117``: a group's first and last call numbers, as the files spell them."""
    numbers = sorted(names, key=call_number)
    return f"{numbers[0].split('_', 1)[0]}-{numbers[-1].split('_', 1)[0]}" if numbers else "(none)"


def format_group(results: list[CallResult], kinds: tuple[str, ...]) -> str:
    """The printed figures of one group: per kind caught / moments, false on quiet calls, extra."""
    quiet = sum(r.quiet for r in results)
    lines = [
        f"== {label([r.name for r in results])}: {len(results)} calls ({quiet} must stay quiet)",
        f"{'kind':<22} {'caught':>6} / {'moments':<7} {'recall':>6} {'late':>4} {'false@quiet':>11} {'extra':>5}",
    ]
    rows = summarise(results)
    for kind in (*kinds, "language (all)"):
        x = rows.get(kind, {"moments": 0, "caught": 0, "recall": None, "late": 0, "false_on_quiet": 0, "extra": 0})
        recall = "    -" if x["recall"] is None else f"{x['recall']:.2f}"
        lines.append(
            f"{kind:<22} {x['caught']:>6} / {x['moments']:<7} {recall:>6} {x['late']:>4}"
            f" {x['false_on_quiet']:>11} {x['extra']:>5}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default=",".join(LANGUAGE_KINDS), help="comma-separated language kinds (all)")
    parser.add_argument("--only", action="append", metavar="NAME", help="replay only this tuning call (repeatable)")
    parser.add_argument("--verbose", action="store_true", help="list each miss and unmatched nudge with its turn")
    parser.add_argument(
        "--groups",
        default=",".join(map(str, DEFAULT_GROUPS)),
        help="call numbers where a new group of figures starts, comma-separated (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    kinds = parse_kinds(parser, args.kinds, LANGUAGE_KINDS)
    cuts = parse_groups(parser, args.groups)
    say_coach()  # the package replayed: PYTHONPATH's or the editable install's
    scripts = tuning_scripts()
    missing = sorted(set(args.only or ()) - {p.stem for p in scripts})
    if missing:
        parser.error(f"not tuning calls: {', '.join(missing)}")
    results: list[CallResult] = []
    for path in scripts:
        if args.only and path.stem not in args.only:
            continue
        result, notes = score_script(path, kinds, cuts)
        results.append(result)
        if args.verbose and notes:
            print(f"-- {path.stem}{' (quiet)' if result.quiet else ''}\n" + "\n".join(notes))
    for group in range(len(cuts) + 1):
        mine = [r for r in results if r.part == str(group)]
        if mine:
            print(format_group(mine, kinds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
