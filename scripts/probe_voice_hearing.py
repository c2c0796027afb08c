"""How much of the playbook phrases' loss is the test voice? The same agent lines said by other voices (issue 9).

For every agent phrase moment of the rendered calls named (``artifacts/calls/*.truth.json``), the agent's whole
truth turn holding the phrase is synthesised again, alone, by the call's own agent voice and by each of
``--voices`` (``scripts/synth_voices.py`` specs), through the call's channel (``telephone_channel`` where the call
is on a telephone line), with 0.4 s / 0.3 s of silence around it, levelled to ``[asr] agent_level_dbfs`` and
decoded as the product decodes an agent final (``DecodeOptions.final_from_config``, tiny.en). *Heard*: the
phrase's words in order among the words the guards keep (``eval_phrase_hearing.has_phrase``). The call's own
voice re-synthesised alone is the control against the call's rendering (no customer, no noise). Counts per voice
and channel; ``--text`` prints each decode (synthetic lines only).

    nice -n 10 .venv/bin/python scripts/probe_voice_hearing.py c1031_ c1102_ ... [--voices piper:joe,flite:slt]

Session 48 (P5): docs/asr.md.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

import numpy as np
from eval_phrase_hearing import has_phrase
from probe_outro_words import RENDER, final_engine, rendered
from synth_voices import telephone_channel, voice

from coach.asr.engine import DecodeOptions
from coach.asr.guards import judge
from coach.asr.level import normalise_level
from coach.config import load_config

SR = 16000
PRE_S, POST_S = 0.4, 0.3


def phrase_turns(truth: dict) -> list[tuple[dict, dict]]:
    """(moment, agent truth turn holding it) for every agent moment with a phrase."""
    turns = [u for u in truth["utterances"] if u["speaker"] == "agent"]
    out = []
    for m in truth["moments"]:
        if m.get("speaker") != "agent" or not m.get("phrase") or not turns:
            continue
        turn = min(turns, key=lambda u: max(u["start_s"] - m["start_s"], m["end_s"] - u["end_s"], 0.0))
        out.append((m, turn))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("calls", nargs="+", help="rendered calls' name prefixes")
    parser.add_argument("--voices", default="piper:joe,flite:slt", help="other voices (synth_voices specs)")
    parser.add_argument("--text", action="store_true", help="print every decode (synthetic lines only)")
    parser.add_argument("--out", type=Path, help="write every decode here (JSON)")
    args = parser.parse_args(argv)
    asr = load_config().asr
    engine = final_engine(asr)
    opts = DecodeOptions.final_from_config(asr)
    names = rendered(args.calls)
    heard: dict[tuple[str, str], list[bool]] = defaultdict(list)
    rows = []
    for name in names:
        truth = json.loads((RENDER / f"{name}.truth.json").read_text(encoding="utf-8"))
        call = truth["call"]
        own = call["agent_voice"]
        line = call["channel"] == "telephone"
        for m, turn in phrase_turns(truth):
            for label, spec in (("own", own), *((v, v) for v in args.voices.split(",") if v)):
                said = voice(spec).say(turn["text"], 1.0)
                audio = telephone_channel(said) if line else said
                audio = np.concatenate(
                    (np.zeros(int(PRE_S * SR), np.float32), audio, np.zeros(int(POST_S * SR), np.float32))
                )
                result = engine.transcribe(normalise_level(audio, asr.agent_level_dbfs), options=opts)
                _, keep = judge(result, asr.guards)
                kept = " ".join(w.word.strip() for w in result.words[:keep])
                ok = has_phrase(m["phrase"], kept)
                heard[(label if label == "own" else spec, call["channel"])].append(ok)
                heard[(f"own={own.split(':')[0]}" if label == "own" else spec, "all")].append(ok)
                rows.append(
                    {"call": name, "kind": m["kind"], "voice": spec, "own": label == "own", "heard": ok, "text": kept}
                )
                if args.text:
                    print(f"{name[:5]} {m['kind']:20s} {spec:28s} {'+' if ok else '-'} {kept}", flush=True)
    print("heard word for word / phrase moments, by voice and channel")
    for (v, channel), oks in sorted(heard.items()):
        print(f"  {v:30s} {channel:10s} {sum(oks):3d}/{len(oks)}")
    if args.out:
        args.out.write_text(json.dumps(rows, indent=0), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
