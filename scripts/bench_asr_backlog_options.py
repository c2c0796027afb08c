"""A final's decode options side by side on the tuning clips: WER and CPU of each, deterministic.

Each clip's speech (its VAD span, ``pre_pad_s`` / ``post_pad_s`` around it, on the agent's level as the
agent lane decodes it) is decoded once per ``--variant NAME=KEY:VALUE,...`` (keys: ``beam``, ``window``
(the encoder window's floor in seconds, 30: the padded full window), ``pad`` (silence after the audio in a
shorter window), ``patience``), the variants interleaved clip by clip and ``--rounds`` times over, so a
loaded machine slows them alike. Printed per variant: corpus WER against the reference texts, the ratio to
the first variant's, the clips whose text differs from the first's, and the process CPU seconds of its
decodes (median over the rounds, and the spread). This is the decode a final gets from the shared
scheduler: with the finals keeping up, beam ``final_beam_size`` in a 30 s window; under a backlog
(``final_greedy_backlog_s``), beam ``beam_size`` in a ``backlog_encoder_window_s`` window.

    nice -n 10 .venv/bin/python scripts/bench_asr_backlog_options.py --n 60 --rounds 2 \
        --variant final=beam:5 --variant backlog=beam:1,window:10 --variant b2=beam:2,window:10 [--diffs]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.asr.config import AsrConfig
from coach.asr.engine import FULL_WINDOW_S, DecodeOptions, get_engine
from coach.asr.level import decode_audio
from coach.asr.segments import speech_segments
from coach.asr.textnorm import corpus_wer
from coach.types import SAMPLE_RATE, Lane

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository's training package
from training.asr_corpus import asterisk, asterisk_subset, jfk  # noqa: E402


@dataclass(frozen=True)
class Variant:
    name: str
    options: DecodeOptions

    @classmethod
    def parse(cls, spec: str) -> Variant:
        """``NAME=beam:5,window:10,pad:2,patience:1``."""
        name, _, rest = spec.partition("=")
        kv = dict(item.split(":", 1) for item in rest.split(",") if item)
        window = float(kv.get("window", FULL_WINDOW_S))
        return cls(
            name,
            DecodeOptions(
                beam_size=int(kv.get("beam", 1)),
                patience=float(kv.get("patience", 1.0)),
                encoder_window_s=window,
                encoder_pad_s=float(kv.get("pad", 2.0)) if window < FULL_WINDOW_S else 0.0,
            ),
        )


def final_audio(pcm: np.ndarray, config: AsrConfig) -> np.ndarray:
    """The clip's speech as one final hears it: first VAD start - ``pre_pad_s`` to last end + ``post_pad_s``,
    at the agent lane's level."""
    segs = speech_segments(pcm) or [(0, len(pcm))]
    start = max(0, segs[0][0] - int(config.pre_pad_s * SAMPLE_RATE))
    end = min(len(pcm), segs[-1][1] + int(config.post_pad_s * SAMPLE_RATE))
    return decode_audio(Lane.AGENT, pcm[start:end], config)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=60, help="asterisk prompts of the fixed tuning subset, and jfk")
    parser.add_argument("--variant", action="append", default=[], metavar="NAME=KEY:VALUE,...")
    parser.add_argument("--rounds", type=int, default=1, help="decode every clip this many times per variant")
    parser.add_argument("--diffs", action="store_true", help="print the texts that differ (test audio only)")
    args = parser.parse_args(argv)
    variants = [Variant.parse(v) for v in args.variant] or [Variant.parse("final=beam:5")]
    config = AsrConfig(cpu_threads=1)
    engine = get_engine(config)
    clips = [jfk()] + [asterisk(stem) for stem in asterisk_subset(args.n)]
    audio = {c.name: final_audio(c.pcm, config) for c in clips}
    texts: dict[str, dict[str, str]] = {v.name: {} for v in variants}
    cpu: dict[str, list[float]] = {v.name: [0.0] * args.rounds for v in variants}
    for r in range(args.rounds):
        for clip in clips:
            for v in variants:
                t0 = time.process_time()
                texts[v.name][clip.name] = engine.transcribe(audio[clip.name], options=v.options).text
                cpu[v.name][r] += time.process_time() - t0
    seconds = sum(len(a) for a in audio.values()) / SAMPLE_RATE
    first = variants[0].name
    base = corpus_wer([(c.text, texts[first][c.name]) for c in clips])
    print(f"{len(clips)} clips, {seconds:.0f} s of final audio, {args.rounds} round(s)")
    print("| variant | options | WER | ratio to the first | clips differing | CPU s (median, spread) | CPU-s per s |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for v in variants:
        wer = corpus_wer([(c.text, texts[v.name][c.name]) for c in clips])
        differ = sum(texts[v.name][c.name] != texts[first][c.name] for c in clips)
        med = statistics.median(cpu[v.name])
        spread = f"{min(cpu[v.name]):.1f}-{max(cpu[v.name]):.1f}"
        o = v.options
        desc = f"beam {o.beam_size}, window {o.encoder_window_s:g} s"
        print(
            f"| {v.name} | {desc} | {wer:.3f} | {wer / base if base else float('inf'):.2f} | {differ} "
            f"| {med:.1f} ({spread}) | {med / seconds:.3f} |"
        )
    if args.diffs:
        for c in clips:
            if len({texts[v.name][c.name] for v in variants}) > 1:
                print(f"{c.name}\n  ref: {c.text}")
                for v in variants:
                    print(f"  {v.name}: {texts[v.name][c.name]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
