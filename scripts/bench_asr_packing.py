"""Packing several utterances into one Whisper window: accuracy, leaks and CPU cost against decoding
each utterance alone.

The fixed subset of the 8 kHz asterisk prompts (resampled to 16 kHz) is decoded (a) one prompt per
decode and (b) packed in order into windows of at most ``--window`` seconds with ``--gap`` seconds
of silence between prompts, split back by word timestamps (``coach.asr.packing``). For each it
prints corpus WER against the reference texts, CPU seconds per second of audio, and for packing
the slots refused by the splitter (decoded alone afterwards, counted in the cost) and the *foreign*
words: words given to one prompt that appear in a neighbour's reference but not in its own.

    .venv/bin/python scripts/bench_asr_packing.py [--n 60] [--gap 1.0] [--window 29] [--beam 1] [--threads 1]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.asr.config import AsrConfig  # noqa: E402
from coach.asr.engine import DecodeOptions, get_engine, result_of  # noqa: E402
from coach.asr.packing import fits, pack, split  # noqa: E402
from coach.asr.textnorm import corpus_wer, normalize  # noqa: E402
from coach.types import SAMPLE_RATE  # noqa: E402
from training.asr_corpus import asterisk, asterisk_subset  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--offset", type=int, default=0, help="skip this many prompts of the sorted stems")
    parser.add_argument("--gap", type=float, default=1.0)
    parser.add_argument("--window", type=float, default=29.0)
    parser.add_argument("--beam", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    engine = get_engine(AsrConfig(cpu_threads=args.threads))
    opts = DecodeOptions(beam_size=args.beam)
    clips = [asterisk(s) for s in asterisk_subset(args.n + args.offset)[args.offset :]]
    audio_s = sum(len(c.pcm) for c in clips) / SAMPLE_RATE
    refs = [c.text for c in clips]

    cpu0 = time.process_time()
    alone = [engine.transcribe(c.pcm, options=opts).text for c in clips]
    cpu_alone = time.process_time() - cpu0

    gap = int(args.gap * SAMPLE_RATE)
    window = int(args.window * SAMPLE_RATE)
    packed: list[str] = []
    refused = windows = 0
    cpu0 = time.process_time()
    i = 0
    while i < len(clips):
        n = fits([len(c.pcm) for c in clips[i:]], gap=gap, window=window)
        group = clips[i : i + n]
        pcm, slots = pack([c.pcm for c in group], gap=gap)
        results = split(engine.segments(pcm, options=opts), slots, margin=int(0.4 * gap))
        windows += 1
        for clip, res in zip(group, results, strict=True):
            if res is None:
                refused += 1
                res = result_of(engine.segments(clip.pcm, options=opts), len(clip.pcm) / SAMPLE_RATE, 0.0)
            packed.append(res.text)
        i += n
    cpu_packed = time.process_time() - cpu0

    foreign = 0
    for k, text in enumerate(packed):
        own = set(normalize(refs[k]).split())
        others = set()
        for j in (k - 1, k + 1):
            if 0 <= j < len(refs):
                others |= set(normalize(refs[j]).split())
        foreign += sum(1 for w in normalize(text).split() if w in others and w not in own)
    print(f"{len(clips)} prompts, {audio_s:.0f} s of audio; beam {args.beam}, {args.threads} thread(s)")
    wer_alone = corpus_wer(list(zip(refs, alone, strict=True)))
    wer_packed = corpus_wer(list(zip(refs, packed, strict=True)))
    print(f"alone : WER {wer_alone:.3f}  CPU {cpu_alone / audio_s:.3f} s per audio s")
    print(
        f"packed: WER {wer_packed:.3f}  CPU {cpu_packed / audio_s:.3f} s per audio s"
        f"  ({windows} windows, gap {args.gap} s, {refused} slots refused, {foreign} foreign words)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
