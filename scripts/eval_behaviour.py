"""Behavioural nudges on the call set, fast: recall, false nudges and delay without transcribing.

Usage: ``.venv/bin/python scripts/eval_behaviour.py [--part tune|heldout|all] [--only NAME ...]
[--asr NAME ...] [--config TOML] [--verbose]``

The same calls, truth and scoring as ``scripts/eval_calls.py`` (whose functions it uses), restricted
to the behavioural kinds (``stop_interrupting``, ``let_them_finish``, ``pause_and_breathe``,
``dead_air``, ``long_monologue``), and run in-process with transcription and escalation off, so the
whole set takes a couple of CPU minutes instead of an hour: for tuning the turn-taking, prosody and
VAD thresholds. Calls whose behaviour depends on words (an explained hold) are transcribed when named
with ``--asr`` (``--asr holds`` names every call whose script mentions a hold or has a scripted
silence, which a look-up such as "let me check" may explain). Calls not rendered
yet are skipped (``scripts/eval_calls.py`` renders them). Only the tuning scripts are read (below
``FIRST_HELDOUT_CALL``, :func:`eval_calls.tuning_calls`): a held-out call, rendered or not, is never scored
here, and an ``--only`` name that is not a tuning call of ``--part`` is an error. The figures of record, with
transcription and the whole delivery, are ``scripts/eval_calls.py``'s.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_calls as ev  # noqa: E402

from coach.asr.stage import TranscriptionStage  # noqa: E402
from coach.config import CoachConfig, load_config  # noqa: E402
from coach.pipeline.analyzer import CallAnalyzer  # noqa: E402
from coach.sources.recording import load_recording  # noqa: E402
from coach.sources.replay import replay_chunks  # noqa: E402

BEHAVIOUR = ("stop_interrupting", "let_them_finish", "pause_and_breathe", "dead_air", "long_monologue")


def analyse(name: str, cfg: CoachConfig, *, transcribe: bool) -> list[dict]:
    """Events of one rendered call (dicts), analysed in-process in half-second chunks."""
    stage = TranscriptionStage(cfg.asr) if transcribe else None
    analyzer = CallAnalyzer(cfg, call_id=name, escalation=False, transcription=stage)
    events = []
    for chunk in replay_chunks(load_recording(ev.RENDER_DIR / f"{name}.flac"), chunk_ms=500):
        events.extend(e.to_dict() for e in analyzer.push(chunk))
    events.extend(e.to_dict() for e in analyzer.finish())
    return events


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=(*ev.PARTS, "all"), default="all")
    parser.add_argument("--only", action="append", metavar="NAME", help="score only this call (repeatable)")
    parser.add_argument("--asr", action="append", default=[], metavar="NAME", help="transcribe this call ('holds')")
    parser.add_argument("--config", type=Path, help="configuration overriding the defaults")
    parser.add_argument("--verbose", action="store_true", help="list every moment and stray nudge")
    args = parser.parse_args(argv)
    calls = ev.tuning_calls()  # the held-out part is never read (its figures of record: scripts/eval_calls.py)
    try:
        names = ev.select_calls(calls, args.only, args.part)  # an --only name outside --part: an error
    except ValueError as exc:
        parser.error(str(exc))
    cfg = load_config(args.config)
    results = []
    for name in names:
        call = calls[name]
        if not (ev.RENDER_DIR / f"{name}.truth.json").exists():
            print(f"skipped (not rendered): {name}", file=sys.stderr)
            continue
        script = (ev.CALLS_DIR / f"{name}.toml").read_text(encoding="utf-8").lower()
        transcribe = name in args.asr or ("holds" in args.asr and ("hold" in script or "silence_s" in script))
        events = [
            e
            for e in analyse(name, cfg, transcribe=transcribe)
            if e.get("type") not in ("nudge", "cue") or e.get("kind") in BEHAVIOUR
        ]
        moments = [m for m in ev.load_moments(name) if m.group == "behaviour"]
        quiet = bool(call.get("quiet"))
        results.append(ev.score_call(name, call["part"], quiet, call.get("allow", ()), moments, events))
    parts = [p for p in ev.PARTS if any(r.part == p for r in results)] if args.part == "all" else []
    for part in parts:
        print(ev.format_table(part, [r for r in results if r.part == part]))
    print(ev.format_table(args.part, results))
    if args.verbose:
        print(ev.format_calls(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
