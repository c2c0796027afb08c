#!/usr/bin/env python3
"""CPU cost of the product's two decode shapes under CTranslate2's CPU backend switches (issue 11, A19).

CTranslate2 picks its CPU code paths once per process, from environment variables read when the library
first runs: ``CT2_USE_MKL`` (Intel MKL for the GEMMs; on an AMD CPU the default is oneDNN, "DNNL"),
``CT2_FORCE_CPU_ISA`` (``AVX512`` / ``AVX2`` / ...: the ISA of CTranslate2's own kernels; on AMD the default
is AVX2 even where AVX-512 exists) and ``CT2_PACKED_GEMM`` (MKL only: pre-packed weights). So every
``--variant NAME:VAR=VALUE+VAR=VALUE`` runs in a child process of its own ("base:" with none), and the
variants take turns, ``--rounds`` times.

Each child decodes the tuning prompts of ``asterisk_subset(n)`` (8 kHz telephone speech, no call of
``scripts/calls``) the two ways the product does:

- ``batch``: sixteen calls' backed-up finals, groups of ``--group`` as one CTranslate2 batch, greedy, every
  window the group's longest prompt + 2 s, at least ``--window`` s (``[asr] backlog_batch``), a refused
  final decoded again alone;
- ``beam``: one call's final, each prompt alone, beam 5, Whisper's full 30 s window (the default options);
- ``beamW`` for each ``W`` of ``--final-windows`` below 30 (default ``10``): the same on a window of the prompt
  + ``--final-pad`` s (2), at least ``W`` s (``[asr] final_encoder_window_s``, a shorter one-call final);
  ``WpP`` (e.g. ``15p4``) pads that window with ``P`` s instead. ``--no-batch`` leaves ``batch`` out.

CPU seconds are ``time.process_time`` of the child (CTranslate2's threads included); the table gives the
median over rounds and each round. WER is ``coach.asr.textnorm.corpus_wer`` against the labels. Usage::

    nice -n 10 .venv/bin/python scripts/bench_asr_backend.py --n 30 --threads 1 --rounds 2 \\
        --variant base: --variant mkl:CT2_USE_MKL=1 --variant avx512:CT2_FORCE_CPU_ISA=AVX512
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def final_ways(spec: str, pad_s: float) -> dict[str, tuple[float, float]]:
    """``--final-windows`` (``"30,15,10,15p4"``) as ``{way name: (window s, pad s)}``: ``beam`` for 30 s,
    ``beamW`` (``beamWpP``) for a window of the prompt + ``pad_s`` (``P``) s, at least ``W`` s."""
    ways = {}
    for item in filter(None, spec.split(",")):
        window, _, pad = item.partition("p")
        name = "beam" if float(window) >= 30 and not pad else f"beam{item}"
        ways[name] = (float(window), float(pad) if pad else pad_s)
    return ways


def child(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))
    from coach.asr.config import AsrConfig
    from coach.asr.engine import DecodeOptions, get_engine, result_of
    from coach.asr.textnorm import corpus_wer
    from coach.types import SAMPLE_RATE
    from training.asr_corpus import asterisk, asterisk_subset

    engine = get_engine(AsrConfig(cpu_threads=args.threads))
    clips = [asterisk(s) for s in asterisk_subset(args.n)]
    refs = [c.text for c in clips]
    groups = [clips[i : i + args.group] for i in range(0, len(clips), args.group)]
    short = DecodeOptions(beam_size=1, encoder_window_s=args.window, encoder_pad_s=2.0)
    beam = DecodeOptions(beam_size=5)
    finals = {
        name: beam.within(window, pad) for name, (window, pad) in final_ways(args.final_windows, args.final_pad).items()
    }

    def batch() -> list[str]:
        texts = []
        for g in groups:
            segs = engine.batch_segments([c.pcm for c in g], options=short)
            texts += [
                engine.transcribe(c.pcm, options=short).text if s is None else result_of(s, 0.0, 0.0).text
                for s, c in zip(segs, g, strict=True)
            ]
        return texts

    def alone(options: DecodeOptions = beam) -> list[str]:
        return [engine.transcribe(c.pcm, options=options).text for c in clips]

    engine.transcribe(clips[0].pcm, options=short)  # warm-up
    out = {"audio_s": sum(len(c.pcm) for c in clips) / SAMPLE_RATE, "groups": len(groups)}
    ways = {} if args.no_batch else {"batch": batch}
    ways |= {name: (lambda o=options: alone(o)) for name, options in finals.items()}
    for way, run in ways.items():
        started, wall = time.process_time(), time.perf_counter()
        texts = run()
        out[way] = {
            "cpu": time.process_time() - started,
            "wall": time.perf_counter() - wall,
            "wer": corpus_wer(list(zip(refs, texts, strict=True))),
        }
    print(json.dumps(out))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--group", type=int, default=3)
    parser.add_argument("--window", type=float, default=10.0, help="shortest batch window (s)")
    parser.add_argument(
        "--final-windows", default="30,10", help="one-call final windows (s), comma-separated; WpP: pad P s"
    )
    parser.add_argument("--final-pad", type=float, default=2.0, help="silence after a final's audio (s)")
    parser.add_argument("--no-batch", action="store_true", help="leave the backed-up batch way out")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--variant", action="append", default=[], help="NAME:VAR=VALUE+VAR=VALUE")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args)
    variants = {}
    for spec in args.variant or ["base:"]:
        name, _, env = spec.partition(":")
        variants[name] = dict(kv.split("=", 1) for kv in env.split("+") if kv)
    results: dict[str, list[dict]] = {name: [] for name in variants}
    cmd = [sys.executable, __file__, "--child", "--n", str(args.n), "--group", str(args.group)]
    cmd += ["--window", str(args.window), "--threads", str(args.threads), "--final-windows", args.final_windows]
    cmd += ["--final-pad", str(args.final_pad)] + (["--no-batch"] if args.no_batch else [])
    load = os.getloadavg()[0]
    for _ in range(args.rounds):
        for name, env in variants.items():
            clean = {k: v for k, v in os.environ.items() if not k.startswith("CT2_")}
            done = subprocess.run(cmd, env={**clean, **env}, capture_output=True, text=True, check=True)
            results[name].append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(name, results[name][-1], file=sys.stderr, flush=True)
    first = next(iter(results.values()))[0]
    print(
        f"{args.n} prompts, {first['audio_s']:.0f} s; batch: groups of {args.group}, window >= {args.window} s;"
        f" beam: 5, finals {args.final_windows} (pad {args.final_pad} s); {args.threads} thread(s);"
        f" {args.rounds} rounds; load at start {load:.1f}"
    )
    print("| variant | env | way | WER | CPU s (median) | CPU s per round | wall s (median) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, runs in results.items():
        env = " ".join(f"{k}={v}" for k, v in variants[name].items()) or "-"
        for way in (w for w in runs[0] if w not in ("audio_s", "groups")):
            cpu = [r[way]["cpu"] for r in runs]
            wall = float(np.median([r[way]["wall"] for r in runs]))
            each = ", ".join(f"{c:.1f}" for c in cpu)
            wer = runs[-1][way]["wer"]
            print(f"| {name} | {env} | {way} | {wer:.3f} | {np.median(cpu):.2f} | {each} | {wall:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
