"""Does suppressing Whisper's subtitle-outro words give back what an outro hid? An offline probe (issue 9).

tiny.en now and then decodes a closing or a short turn as a subtitle outro ("Thank you for watching, see you in
the next video"), which the guards drop (:func:`coach.asr.guards.judge`): the words said are lost. This probe
decodes agent turns of rendered calls (``artifacts/calls/``) as the product decodes an agent final
(``DecodeOptions.final_from_config`` of the default ``[asr]``: beam 5, the loop re-decode; the lane levelled to
``agent_level_dbfs``; the truth turn with 0.4 s / 0.3 s of real audio around it) twice: as is, and with
:data:`OUTRO_WORDS` suppressed (``DecodeOptions.suppress_words``). Per turn: the guards' verdict of each decode
and whether the decoded texts differ; ``--text`` prints the truth and both texts of the turns that differ
(synthetic test calls only). Turns: every agent turn (``--all``; ``--customer`` adds every customer turn, not
levelled, as the customer lane's finals), else the turns holding an agent moment and each call's last agent turn
(where closings, and most outros, are).

    nice -n 10 .venv/bin/python scripts/probe_outro_words.py c609_ c531_ c901_ [--all [--customer]] [--text]

Session 48 (P5): docs/asr.md.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import soundfile as sf

from coach.asr.config import AsrConfig
from coach.asr.engine import DecodeOptions, WhisperEngine
from coach.asr.guards import judge
from coach.asr.level import normalise_level
from coach.asr.models import resolve_model
from coach.config import load_config

RENDER = Path(__file__).resolve().parent.parent / "artifacts" / "calls"
PRE_S, POST_S = 0.4, 0.3  # real audio around a turn, as the product's finals
OUTRO_WORDS = ("watching", "viewing", "subscribe", "subscribing", "subscribed")
"""Words of Whisper's subtitle outros suppressed in the second decode (``eval_phrase_hearing``'s ``+noout``)."""


def chosen_turns(truth: dict[str, Any], every: bool, customer: bool = False) -> list[dict[str, Any]]:
    """The turns probed: every agent turn (``every``; with ``customer`` every turn), else the agent turns
    overlapping an agent moment (0.5 s slack) and the last agent turn."""
    agent = [u for u in truth["utterances"] if u["speaker"] == "agent"]
    if every:
        return [u for u in truth["utterances"] if customer or u["speaker"] == "agent"]
    moments = [m for m in truth["moments"] if m.get("speaker") == "agent"]
    keep = [u for u in agent if any(overlaps(m, u) for m in moments)]
    return keep + [agent[-1]] if agent and agent[-1] not in keep else keep


def overlaps(m: dict[str, Any], u: dict[str, Any], slack_s: float = 0.5) -> bool:
    return m["start_s"] < u["end_s"] + slack_s and m["end_s"] > u["start_s"] - slack_s


def rendered(prefixes: list[str]) -> list[str]:
    """The rendered calls (``artifacts/calls/NAME.truth.json``) whose names start with one of ``prefixes``."""
    return sorted({p.name.removesuffix(".truth.json") for c in prefixes for p in RENDER.glob(f"{c}*.truth.json")})


def final_engine(asr: AsrConfig) -> WhisperEngine:
    """The ``[asr]`` model on one thread (as the eval scripts decode: CPU per decode comparable)."""
    return WhisperEngine(resolve_model(asr.model), compute_type=asr.compute_type, cpu_threads=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("calls", nargs="+", help="rendered calls' name prefixes")
    parser.add_argument("--all", action="store_true", help="every agent turn")
    parser.add_argument("--customer", action="store_true", help="with --all: the customer's turns too")
    parser.add_argument("--text", action="store_true", help="print the texts of turns that differ (test audio)")
    parser.add_argument("--out", type=Path, help="write every turn's verdicts and texts here (JSON)")
    args = parser.parse_args(argv)
    asr = load_config().asr
    engine = final_engine(asr)
    plain = replace(DecodeOptions.final_from_config(asr), suppress_words=())
    variants = {"plain": plain, "no-outro": replace(plain, suppress_words=OUTRO_WORDS)}
    names = rendered(args.calls)
    rows: dict[str, Any] = {}
    tally = {"turns": 0, "differ": 0, "plain dropped": 0, "no-outro dropped": 0}
    for name in names:
        truth = json.loads((RENDER / f"{name}.truth.json").read_text(encoding="utf-8"))
        pcm, _ = sf.read(RENDER / f"{name}.flac", dtype="float32", always_2d=True)
        for u in chosen_turns(truth, args.all, args.customer):
            a, b = max(0, int((u["start_s"] - PRE_S) * 16000)), int((u["end_s"] + POST_S) * 16000)
            agent = u["speaker"] == "agent"  # channel 0 (``coach analyze --agent-channel 0``), levelled
            audio = normalise_level(pcm[a:b, 0], asr.agent_level_dbfs) if agent else pcm[a:b, 1]
            row: dict[str, Any] = {"truth": u["text"]}
            for label, opts in variants.items():
                started = time.process_time()
                result = engine.transcribe(audio, options=opts)
                verdict, keep = judge(result, asr.guards)
                row[label] = {
                    "verdict": verdict.reason or "ok",
                    "kept": " ".join(w.word.strip() for w in result.words[:keep]),
                    "text": result.text,
                    "cpu_s": round(time.process_time() - started, 2),
                }
                tally[f"{label} dropped"] += keep == 0 and bool(result.words)
            key = f"{name.split('_')[0]} {u['speaker']} {u['start_s']:.1f}"
            rows[key] = row
            differ = row["plain"]["text"] != row["no-outro"]["text"]
            tally["turns"] += 1
            tally["differ"] += differ
            print(key, "DIFF" if differ else "same", row["plain"]["verdict"], row["no-outro"]["verdict"], flush=True)
            if args.text and differ:
                for label in ("truth", "plain", "no-outro"):
                    print(f"   {label:8s}: {u['text'] if label == 'truth' else row[label]['text']}")
    print(tally)
    if args.out:
        args.out.write_text(json.dumps(rows, indent=0), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
