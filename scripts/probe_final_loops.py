"""For every final of the tuning calls whose product decode the guards trimmed for a loop: WER against the script's
words (truth utterances of that speaker overlapping the turn) of the beam-5 final as the guards keep it (before) and
of the final with final_loop_again_beam = 1 (after), decoded from 0.4 s before the turn to 0.3 s after it. Counts
and WER only; no transcript printed. It reads each call's newest events: once a call is analysed with the rule on,
the loops the rule mended no longer show there (the session-42 figures read the events recorded before).

Run: ``.venv/bin/python scripts/probe_final_loops.py [c949 ...]`` (call numbers: only those calls; docs/asr.md,
"Session 42 (2026-12-06), helper A36")."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT)]

import replay_listening as rl  # noqa: E402

from coach.asr.config import AsrConfig  # noqa: E402
from coach.asr.engine import DecodeOptions, get_engine  # noqa: E402
from coach.asr.guards import judge  # noqa: E402
from coach.asr.level import decode_audio  # noqa: E402
from coach.asr.textnorm import corpus_wer, wer  # noqa: E402
from coach.sources.recording import load_recording  # noqa: E402
from coach.types import SAMPLE_RATE, Lane  # noqa: E402


def kept_text(engine, pcm, config):
    res = engine.transcribe(pcm, options=DecodeOptions.final_from_config(config))
    _, keep = judge(res, config.guards)
    return " ".join(w.word.strip() for w in res.words[:keep]), keep, len(engine.last_encoder_frames())


before_cfg, after_cfg = AsrConfig(final_loop_again_beam=0), AsrConfig()
engine = get_engine(after_cfg)
pairs_b, pairs_a = [], []
for path in rl.newest_events("tune"):
    name = path.name.split(".")[0]
    if sys.argv[1:] and name.split("_")[0] not in sys.argv[1:]:
        continue
    events = [json.loads(line) for line in path.read_text().splitlines()]
    held = {
        (e["utt"], round(e["end"], 3)) for e in events if e["type"] == "asr.withheld" and e["reason"] == "trimmed_loop"
    }
    cases = [
        e for e in events if e["type"] == "transcript" and e.get("final") and (e["utt"], round(e["end"], 3)) in held
    ]
    if not cases:
        continue
    truth = json.loads((rl.ROOT / "artifacts" / "calls" / f"{name}.truth.json").read_text())
    rec = load_recording(rl.ROOT / "artifacts" / "calls" / f"{name}.flac")
    for e in cases:
        said = " ".join(
            u["text"]
            for u in truth["utterances"]
            if u["speaker"] == e["speaker"] and u["start_s"] < e["end"] and u["end_s"] > e["t"]
        )
        lane = Lane.AGENT if e["speaker"] == "agent" else Lane.CUSTOMER
        pcm = decode_audio(
            lane, rec.lane(lane)[int((e["t"] - 0.4) * SAMPLE_RATE) : int((e["end"] + 0.3) * SAMPLE_RATE)], after_cfg
        )
        b, kb, _ = kept_text(engine, pcm, before_cfg)
        a, ka, passes = kept_text(engine, pcm, after_cfg)
        pairs_b.append((said, b))
        pairs_a.append((said, a))
        print(
            f"{name.split('_', 1)[0]} {e['speaker'][:4]} t {e['t']:6.1f} said {len(said.split())} w"
            f" | before kept {kb} WER {wer(said, b):.2f} | after kept {ka} WER {wer(said, a):.2f} windows {passes}",
            flush=True,
        )
print(f"{len(pairs_b)} finals: corpus WER before {corpus_wer(pairs_b):.3f} after {corpus_wer(pairs_a):.3f}")
