"""Count how often the ASR guards (:mod:`coach.asr.guards`) fire on recorded final transcripts.

Reads ``artifacts/calls/events/*.jsonl`` (one file per call: the newest when a call has several), rebuilds
each final's decode from its words (text, word times and probabilities; the recorded events hold no
log-probability, no-speech probability or VAD fraction, so only the text and timing checks can fire:
hallucination phrases, loops, word rates) and judges it with :func:`coach.asr.guards.judge`. Prints, per
reason, how many finals fired and on which calls and turn starts; never the transcript text.

    .venv/bin/python scripts/asr_guard_finals.py [--from 526] [--to N] [--partials]

``--to`` defaults to, and is capped at, the last tuning call (``FIRST_HELDOUT_CALL`` - 1 in
``scripts/eval_calls.py``): the held-out part is never read.

Run with ``PYTHONPATH=/work/frozen27`` (a ``git archive`` of ``coach``) to count an older commit's guards.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from coach.asr.config import GuardConfig
from coach.asr.engine import DecodedWord, DecodeResult, compression_ratio
from coach.asr.guards import judge

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the eval scripts beside this one
from eval_calls import FIRST_HELDOUT_CALL  # noqa: E402

LAST_TUNING_CALL = FIRST_HELDOUT_CALL - 1
"""The newest call this script may read; the held-out part starts after it."""

EVENTS = Path(__file__).resolve().parents[1] / "artifacts" / "calls" / "events"


def call_number(path: Path) -> int:
    """The number of call ``cNNN_...``'s events file."""
    return int(path.name.split("_", 1)[0][1:])


def newest_per_call(folder: Path, first: int, last: int) -> list[Path]:
    """One events file per call numbered ``first``..``last``: the most recently written."""
    best: dict[int, Path] = {}
    for path in folder.glob("c*.jsonl"):
        n = call_number(path)
        if first <= n <= last and (n not in best or path.stat().st_mtime > best[n].stat().st_mtime):
            best[n] = path
    return [best[n] for n in sorted(best)]


def decode_of(event: dict) -> DecodeResult:
    """A final transcript event as the decode it came from (what the events keep of it)."""
    words = tuple(DecodedWord(w["start"], w["end"], " " + w["w"], w["p"]) for w in event["words"])
    text = event["text"]
    start = min(event["t"], words[0].start) if words else event["t"]
    end = max(event["end"], words[-1].end) if words else event["end"]
    return DecodeResult(text, words, 0.0, 0.0, compression_ratio(text), end - start, 0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--from", dest="first", type=int, default=526)
    ap.add_argument("--to", dest="last", type=int, default=LAST_TUNING_CALL, help="never a held-out call")
    ap.add_argument("--events", type=Path, default=EVENTS)
    ap.add_argument("--partials", action="store_true", help="judge the partial transcripts instead of the finals")
    args = ap.parse_args()
    cfg = GuardConfig()
    files = newest_per_call(args.events, args.first, min(args.last, LAST_TUNING_CALL))
    fired: Counter[str] = Counter()
    where: dict[str, list[str]] = defaultdict(list)
    finals = 0
    for path in files:
        for line in path.open():
            event = json.loads(line)
            if event.get("type") != "transcript" or not event.get("words"):
                continue
            if bool(event.get("final")) == args.partials:
                continue
            finals += 1
            verdict, keep = judge(decode_of(event), cfg)
            if not verdict.ok or keep < len(event["words"]):
                reason = verdict.reason or "rejected"
                fired[reason] += 1
                where[reason].append(f"{path.name.split('_', 1)[0]} {event['speaker']} t={event['t']:.1f}")
    print(f"{len(files)} calls, {finals} {'partials' if args.partials else 'finals'} with words")
    for reason, count in fired.most_common():
        print(f"  {reason}: {count}  ({', '.join(where[reason])})")
    if not fired:
        print("  no guard fired")


if __name__ == "__main__":
    main()
