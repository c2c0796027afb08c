"""The phrase matcher on committed prefixes: its CPU per partial, and a dump of every answer for comparing two trees.

Usage: ``.venv/bin/python scripts/bench_phrase_matcher.py [--lists A,B,...|all] [--calls] [--sample N] [--repeat N]
[--dump FILE]``

What it runs: every phrase set the packaged language configuration compiles (:class:`~coach.language.LanguageCoach`
of :func:`~coach.language.config.load_language_config`, the sets gathered once its rules have read an agent and a
customer final and an agent partial) on the sentences of some lines, each sentence fed as a recogniser committing one
more word at a time: for each prefix of its tokens (1, 2, ... words), :meth:`PhraseSet.find` of every set, as each
agent partial's committed words are matched (``coach/language/coach.py``, ``LanguageCoach._partial``). The lines:
the wording lists of ``tests/data/language_wording/`` (``--lists``: those named, ``all`` for every list but the
blind ones of ``scripts/eval_language_wording.py``'s ``BLIND``; default ``tuning,tuning_l4``, the two the wording
tests replay in full) and with ``--calls`` the utterances of the tuning call scripts
(:func:`eval_calls.tuning_scripts`, numbered below ``FIRST_HELDOUT_CALL``; the held-out scripts are never opened).

Benchmark (default): each repeat takes fresh copies of the sets (nothing remembered from a line before) and prints the
process CPU of the whole pass, per partial (all sets on one prefix) and per find; the figure is the median of
``--repeat`` passes (default 5) with their spread. One process measures one tree: to compare two, run it with
``PYTHONPATH=<tree>`` for each, alternating.

``--dump FILE``: instead, writes every answer, one line each, in a fixed order: per set and per sentence, each prefix's
:meth:`PhraseSet.find` (``start end pattern`` ranges) and :meth:`PhraseSet.could_cover` of its end, fed word by word
to one set (the growing-prefix path), then the same prefixes longest first to another (none extends a sequence walked
before it: the from-scratch path); then each pair of neighbouring sentences joined (an exception running on into the
next sentence, :func:`coach.language.text.excepted_spans`). Prints the line count and the file's SHA-256; two trees'
files are identical exactly when the matcher answers alike (``cmp``). ``--sample N``: only the lines whose CRC-32 is 0
modulo ``N`` (the same lines on every run and machine).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import statistics
import sys
import time
import tomllib
import zlib
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
LISTS = ROOT / "tests" / "data" / "language_wording"
DEFAULT_LISTS = "tuning,tuning_l4"

from coach.language import LanguageCoach  # noqa: E402
from coach.language.config import load_language_config  # noqa: E402
from coach.language.patterns import PhraseSet  # noqa: E402
from coach.language.text import sentences  # noqa: E402


def _event(speaker: str, text: str, *, final: bool = True, stable: int = 0) -> dict:
    words = [{"w": w, "start": k * 0.4, "end": k * 0.4 + 0.36, "p": 0.9} for k, w in enumerate(text.split())]
    event = {"type": "transcript", "speaker": speaker, "utt": f"{speaker}-{final}", "t": 0.0, "end": len(words) * 0.4}
    return {**event, "at": event["end"] + 0.5, "text": text, "final": final, "words": words, "stable": stable}


def product_sets() -> list[PhraseSet]:
    """Every :class:`PhraseSet` alive once a coach of the packaged configuration has read a few events (its rules
    compile theirs at start or at first use), in a fixed order (by their patterns)."""
    coach = LanguageCoach(load_language_config())
    coach.push(_event("customer", "I have been waiting three weeks and nobody calls me back."))
    coach.push(_event("agent", "I'm sorry, we can't do that, please calm down.", final=False, stable=5))
    coach.push(_event("agent", "I'm sorry, we can't do that, please calm down."))
    found = {id(o): o for o in gc.get_objects() if isinstance(o, PhraseSet)}
    return sorted(found.values(), key=lambda s: tuple(p.source for p in s.patterns))


def list_names(arg: str) -> list[str]:
    """The wording lists ``--lists`` names: comma-separated, or ``all`` (every list but the blind ones, unopened)."""
    if arg != "all":
        return [n for n in arg.split(",") if n]
    from eval_language_wording import BLIND

    return sorted(p.stem for p in LISTS.glob("*.toml") if p.stem not in BLIND)


def list_lines(names: Iterable[str]) -> list[str]:
    """The lines of the wording lists ``names`` (every table's ``lines``, in file order)."""
    out = []
    for name in names:
        tables = tomllib.loads((LISTS / f"{name}.toml").read_text("utf-8"))
        out += [line for table in tables.values() if isinstance(table, dict) for line in table.get("lines", ())]
    return out


def call_lines() -> list[str]:
    """The utterances of the tuning call scripts (never a held-out one), in script order."""
    from eval_calls import FIRST_HELDOUT_CALL, call_number, tuning_scripts
    from synth_calls import Line, load_call

    out = []
    for path in tuning_scripts():
        assert call_number(path.stem) < FIRST_HELDOUT_CALL, path  # tuning_scripts() keeps only these
        out += [turn.text for turn in load_call(path)[1] if isinstance(turn, Line)]
    return out


def token_runs(lines: Iterable[str]) -> list[tuple[str, ...]]:
    """Each line's sentences' tokens, in order (a sentence said in several lines is kept each time)."""
    return [s.tokens for line in lines for s in sentences(line) if s.tokens]


def fresh(sets: list[PhraseSet]) -> list[PhraseSet]:
    """Copies of ``sets`` with nothing remembered (the compiled patterns shared)."""
    return [PhraseSet(s.patterns) for s in sets]


def one_pass(sets: list[PhraseSet], runs: list[tuple[str, ...]]) -> int:
    """Every prefix of every run through every set, word by word; returns the number of finds."""
    finds = 0
    for toks in runs:
        for k in range(1, len(toks) + 1):
            prefix = toks[:k]
            for s in sets:
                s.find(prefix)
            finds += len(sets)
    return finds


def bench(sets: list[PhraseSet], runs: list[tuple[str, ...]], repeat: int) -> None:
    partials = sum(len(t) for t in runs)
    one_pass(fresh(sets), runs[:50])  # warm the interpreter's caches
    cpu = []
    for _ in range(repeat):
        copies = fresh(sets)
        t0 = time.process_time()
        finds = one_pass(copies, runs)
        cpu.append(time.process_time() - t0)
    mid = statistics.median(cpu)
    print(f"{len(sets)} phrase sets, {len(runs)} sentences, {partials} prefixes (partials), {finds} finds a pass")
    print(f"CPU a pass: median {mid:.3f} s (min {min(cpu):.3f}, max {max(cpu):.3f}; {repeat} passes)")
    print(f"per partial (all sets): {mid / partials * 1e3:.3f} ms; per find: {mid / finds * 1e6:.2f} us")


def dump(sets: list[PhraseSet], runs: list[tuple[str, ...]], path: Path) -> None:
    digest = hashlib.sha256()
    count = 0
    with path.open("w", encoding="utf-8") as out:

        def put(line: str) -> None:
            nonlocal count
            out.write(line + "\n")
            digest.update(line.encode("utf-8") + b"\n")
            count += 1

        for n, s in enumerate(sets):
            grown, shrunk = PhraseSet(s.patterns), PhraseSet(s.patterns)
            for r, toks in enumerate(runs):
                for k in range(1, len(toks) + 1):
                    prefix = toks[:k]
                    put(f"{n} {r} {k} grown {grown.find(prefix)} {grown.could_cover(prefix, 0, k)}")
                for k in range(len(toks), 0, -1):  # longest first: no prefix extends one walked before it
                    put(f"{n} {r} {k} fresh {shrunk.find(toks[:k])}")
            for r in range(len(runs) - 1):
                joined = (*runs[r], *runs[r + 1])
                put(f"{n} {r} joined {grown.find(joined)} {grown.could_cover(joined, 0, len(runs[r]))}")
    print(f"{count} answers, sha256 {digest.hexdigest()} -> {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lists", default=DEFAULT_LISTS, help="wording lists, comma-separated ('' for none)")
    parser.add_argument("--calls", action="store_true", help="also the tuning call scripts' utterances")
    parser.add_argument("--sample", type=int, default=1, help="only the lines whose CRC-32 is 0 modulo this")
    parser.add_argument("--repeat", type=int, default=5, help="benchmark passes (default 5)")
    parser.add_argument("--dump", type=Path, help="write every answer to this file instead of timing")
    args = parser.parse_args()
    lines = list_lines(list_names(args.lists))
    if args.calls:
        lines += call_lines()
    lines = [line for line in lines if zlib.crc32(line.encode("utf-8")) % args.sample == 0]
    sets, runs = product_sets(), token_runs(lines)
    if args.dump:
        dump(sets, runs, args.dump)
    else:
        bench(sets, runs, args.repeat)


if __name__ == "__main__":
    main()
