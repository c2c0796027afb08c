#!/usr/bin/env python3
"""CPU cost of a group of finals: packed in time into one window (today) or one CTranslate2 batch.

Issue 11, session 23 (A18). The tuning prompts of ``asterisk_subset(n)`` (8 kHz telephone speech, no call
of ``scripts/calls``) are taken ``--group`` at a time, as a backed-up pack of finals would be, and each group
is decoded greedily with word timestamps:

- ``packed``: the scheduler's path: :func:`coach.asr.packing.pack` with ``--gap`` of silence, one padded 30 s
  window (its second encoder passes where Whisper stops at a gap), :func:`coach.asr.packing.split`; a
  refused slot decoded again alone;
- ``alone``: each prompt decoded by itself, one after the other, on an encoder window of its audio plus
  ``--pad`` seconds of silence (at least ``--window``);
- ``batch``: the same windows as one CTranslate2 batch (every window as long as the group's longest);
  :meth:`coach.asr.engine.WhisperEngine.batch_segments`;
- ``batch30``: one batch of full 30 s windows (does batching itself save anything?);
- ``parts``: the ``batch`` way's group decoded as successive batches of at most ``--parts`` rows, as the scheduler
  splits a backlog batch (``[asr] backlog_batch_rows``, :func:`coach.asr.scheduler.batch_parts`): is a batch cheaper
  than its parts? (docs/asr.md, "Session 40 (2026-12-05), helper A35").

A refused stretch of a batch (``None``) is decoded again alone and counted in the way's CPU.

CPU seconds are ``time.process_time`` of this process (CTranslate2's threads included), median of
``--rounds`` interleaved rounds. Usage::

    nice -n 10 .venv/bin/python scripts/bench_asr_batch.py --n 60 --group 3 --threads 1 --rounds 2
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from coach.asr.config import AsrConfig  # noqa: E402
from coach.asr.engine import DecodeOptions, get_engine, result_of  # noqa: E402
from coach.asr.packing import pack, split  # noqa: E402
from coach.asr.scheduler import batch_parts  # noqa: E402
from coach.asr.textnorm import corpus_wer  # noqa: E402
from coach.types import SAMPLE_RATE  # noqa: E402
from training.asr_corpus import asterisk, asterisk_subset  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--group", type=int, default=3, help="finals per pack / batch")
    parser.add_argument("--gap", type=float, default=2.0, help="seconds of silence between packed slots")
    parser.add_argument("--window", type=float, default=10.0, help="shortest encoder window (s), alone / batch")
    parser.add_argument("--pad", type=float, default=2.0, help="silence after the audio (s), alone / batch")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--ways", default="packed,alone,batch")
    parser.add_argument("--parts", type=int, default=2, help="rows per batch of the parts way")
    args = parser.parse_args(argv)
    engine = get_engine(AsrConfig(cpu_threads=args.threads))
    clips = [asterisk(s) for s in asterisk_subset(args.n)]
    refs = [c.text for c in clips]
    audio_s = sum(len(c.pcm) for c in clips) / SAMPLE_RATE
    groups = [clips[i : i + args.group] for i in range(0, len(clips), args.group)]
    greedy = DecodeOptions(beam_size=1)
    short = DecodeOptions(beam_size=1, encoder_window_s=args.window, encoder_pad_s=args.pad)
    gap = int(args.gap * SAMPLE_RATE)

    def packed(group):
        window, slots = pack([c.pcm for c in group], gap=gap)
        parts = split(engine.segments(window, options=greedy), slots, margin=int(0.4 * gap))
        return [
            p.text if p is not None else engine.transcribe(c.pcm, options=greedy).text
            for c, p in zip(group, parts, strict=True)
        ]

    def alone(group):
        return [engine.transcribe(c.pcm, options=short).text for c in group]

    refused = {"batch": 0, "batch30": 0, "parts": 0}

    def batched(group, opts, way):
        segs = engine.batch_segments([c.pcm for c in group], options=opts)
        refused[way] += sum(s is None for s in segs)
        return [
            engine.transcribe(c.pcm, options=opts).text if s is None else result_of(s, 0.0, 0.0).text
            for s, c in zip(segs, group, strict=True)
        ]

    ways = {
        "packed": packed,
        "alone": alone,
        "batch": lambda g: batched(g, short, "batch"),
        "batch30": lambda g: batched(g, greedy, "batch30"),
        "parts": lambda g: [
            t for rows in batch_parts(len(g), args.parts) for t in batched([g[i] for i in rows], short, "parts")
        ],
    }
    chosen = [w for w in args.ways.split(",") if w]
    engine.transcribe(clips[0].pcm, options=greedy)  # warm-up
    cpu: dict[str, list[float]] = {w: [] for w in chosen}
    texts: dict[str, list[str]] = {}
    for _ in range(args.rounds):
        for w in chosen:
            started = time.process_time()
            texts[w] = [t for g in groups for t in ways[w](g)]
            cpu[w].append(time.process_time() - started)
    print(
        f"{len(clips)} prompts, {audio_s:.0f} s; groups of {args.group}; gap {args.gap} s; window {args.window} s"
        f" + pad {args.pad} s; {args.threads} thread(s); {args.rounds} rounds"
    )
    print("| way | WER | CPU s / group | CPU s / speech s | rounds (CPU s) | refused (all rounds) |")
    print("| --- | --- | --- | --- | --- | --- |")
    for w in chosen:
        c = float(np.median(cpu[w]))
        each = ", ".join(f"{x:.1f}" for x in cpu[w])
        wer = corpus_wer(list(zip(refs, texts[w], strict=True)))
        print(f"| {w} | {wer:.3f} | {c / len(groups):.2f} | {c / audio_s:.3f} | {each} | {refused.get(w, '-')} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
