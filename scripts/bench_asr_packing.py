"""Packing several utterances into one Whisper window: accuracy, leaks and CPU cost against decoding
each utterance alone.

The fixed subset of the 8 kHz asterisk prompts (resampled to 16 kHz) is decoded (a) one prompt per
decode and (b) packed in order into windows of at most ``--window`` seconds with ``--gap`` seconds
of silence between prompts, split back by word timestamps (``coach.asr.packing``). For each it
prints corpus WER against the reference texts, CPU seconds per second of audio, and for packing
the slots refused by the splitter (decoded alone afterwards, counted in the cost) and the *foreign*
words: words given to one prompt that appear in a neighbour's reference but not in its own.

    .venv/bin/python scripts/bench_asr_packing.py [--n 60] [--gap 1.0] [--window 29] [--beam 1] [--threads 1]

With ``--variant NAME:KEY=VALUE,...`` (repeatable) it compares packed decodes only, variant against
variant on the same prompts, run in turn ``--rounds`` times so machine load hits them alike: keys
``pack`` (seconds of audio a window holds, default ``--window``), ``enc`` (``encoder_window_s``: the
encoder's shortest window), ``pad`` (``encoder_pad_s``), ``beam``, ``notime`` (1: ``without_timestamps``),
``cont`` (``continuation_window_s``: the shortest window after a decode's first), ``compute`` (CTranslate2
compute type). It prints WER, refused slots, foreign words, encoder passes (and their frames as full 30 s
windows), the median CPU seconds per second of packed speech and per window, and how many prompts' texts
differ from the first variant's. ``--encoder-cost`` prints the
encoder's CPU time alone by window length.

    .venv/bin/python scripts/bench_asr_packing.py --n 60 --gap 2.0 --rounds 3 \
        --variant "full:pack=28,beam=5" --variant "w20:pack=18,enc=20,beam=5"
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from coach.asr.config import AsrConfig  # noqa: E402
from coach.asr.engine import DecodeOptions, DecodeResult, get_engine, result_of  # noqa: E402
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
    parser.add_argument("--variant", action="append", default=[], help="NAME:pack=28,enc=20,pad=1,beam=5,...")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--held-out", action="store_true", help="the 60 prompts outside the tuning subset")
    parser.add_argument("--encoder-cost", action="store_true", help="the encoder's CPU time by window, then stop")
    args = parser.parse_args(argv)
    if args.encoder_cost:
        return encoder_cost(args.threads)
    if args.variant:
        return compare(args)
    engine = get_engine(AsrConfig(cpu_threads=args.threads))
    opts = DecodeOptions(beam_size=args.beam)
    clips = [asterisk(s) for s in asterisk_subset(args.n + args.offset)[args.offset :]]
    audio_s = sum(len(c.pcm) for c in clips) / SAMPLE_RATE
    refs = [c.text for c in clips]

    cpu0 = time.process_time()
    alone = [engine.transcribe(c.pcm, options=opts).text for c in clips]
    cpu_alone = time.process_time() - cpu0

    gap = int(args.gap * SAMPLE_RATE)
    cpu0 = time.process_time()
    packed, windows, refused = decode_packed(engine, clips, Variant("packed", args.window, opts, "int8"), gap)
    cpu_packed = time.process_time() - cpu0
    foreign = foreign_words(refs, packed)
    print(f"{len(clips)} prompts, {audio_s:.0f} s of audio; beam {args.beam}, {args.threads} thread(s)")
    wer_alone = corpus_wer(list(zip(refs, alone, strict=True)))
    wer_packed = corpus_wer(list(zip(refs, packed, strict=True)))
    print(f"alone : WER {wer_alone:.3f}  CPU {cpu_alone / audio_s:.3f} s per audio s")
    print(
        f"packed: WER {wer_packed:.3f}  CPU {cpu_packed / audio_s:.3f} s per audio s"
        f"  ({windows} windows, gap {args.gap} s, {refused} slots refused, {foreign} foreign words)"
    )
    return 0


def encoder_cost(threads: int, frames: tuple[int, ...] = (3000, 2600, 2400, 2000, 1500, 1000)) -> int:
    """CPU seconds of tiny.en's encoder alone on windows of ``frames`` mel frames (fastest of 5, in turn)."""
    from faster_whisper.transcribe import get_ctranslate2_storage

    model = get_engine(AsrConfig(cpu_threads=threads))._model.model
    features = np.random.default_rng(0).standard_normal((1, 80, max(frames))).astype(np.float32) * 0.3
    best = dict.fromkeys(frames, float("inf"))
    for _ in range(5):
        for n in frames:
            storage = get_ctranslate2_storage(np.ascontiguousarray(features[..., :n]))
            cpu0 = time.process_time()
            model.encode(storage)
            best[n] = min(best[n], time.process_time() - cpu0)
    for n in frames:
        print(f"{n} frames ({n / 100:g} s): {best[n]:.3f} CPU-s, {best[n] / best[frames[0]]:.2f} of the first")
    return 0


@dataclass
class Variant:
    name: str
    pack_s: float
    options: DecodeOptions
    compute: str
    texts: list[str] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    windows: int = 0
    refused: int = 0
    passes: int = 0
    frames: int = 0  # mel frames the encoder ran on, all windows (3000: one full 30 s window)
    endings: dict[str, int] = field(default_factory=dict)  # how each packed window's first pass ended


def parse_variant(spec: str, args: argparse.Namespace) -> Variant:
    name, _, body = spec.partition(":")
    kv = dict(item.split("=", 1) for item in body.split(",") if item)
    opts = DecodeOptions(
        beam_size=int(kv.get("beam", args.beam)),
        encoder_window_s=float(kv.get("enc", 30.0)),
        encoder_pad_s=float(kv.get("pad", 0.0)),
        without_timestamps=kv.get("notime", "0") == "1",
        continuation_window_s=float(kv.get("cont", 30.0)),
    )
    return Variant(name, float(kv.get("pack", args.window)), opts, kv.get("compute", "int8"))


def decode_packed(engine, clips, v: Variant, gap: int) -> tuple[list[str], int, int]:
    """Pack ``clips`` in order into windows of ``v.pack_s``, decode, split; refused slots alone."""
    texts: list[str] = []
    windows = refused = 0
    window = int(v.pack_s * SAMPLE_RATE)
    i = 0
    while i < len(clips):
        n = fits([len(c.pcm) for c in clips[i:]], gap=gap, window=window)
        group = clips[i : i + n]
        pcm, slots = pack([c.pcm for c in group], gap=gap)
        results: list[DecodeResult | None] = split(
            engine.segments(pcm, options=v.options), slots, margin=int(0.4 * gap)
        )
        windows += 1
        first = engine.last_passes()[:1]
        for p in first:
            v.endings[p.ending] = v.endings.get(p.ending, 0) + 1
        for clip, res in zip(group, results, strict=True):
            if res is None:
                refused += 1
                res = result_of(engine.segments(clip.pcm, options=v.options), len(clip.pcm) / SAMPLE_RATE, 0.0)
            texts.append(res.text)
        i += n
    return texts, windows, refused


def foreign_words(refs: list[str], texts: list[str]) -> int:
    """Words given to a prompt that occur in a neighbour's reference and not in its own."""
    foreign = 0
    for k, text in enumerate(texts):
        own = set(normalize(refs[k]).split())
        others = set()
        for j in (k - 1, k + 1):
            if 0 <= j < len(refs):
                others |= set(normalize(refs[j]).split())
        foreign += sum(1 for w in normalize(text).split() if w in others and w not in own)
    return foreign


def compare(args: argparse.Namespace) -> int:
    """Packed decodes of the same prompts per variant, interleaved ``args.rounds`` times."""
    variants = [parse_variant(s, args) for s in args.variant]
    if args.held_out:
        from bench_asr_wer import held_out

        stems = held_out(60)
    else:
        stems = asterisk_subset(args.n + args.offset)[args.offset :]
    clips = [asterisk(s) for s in stems]
    audio_s = sum(len(c.pcm) for c in clips) / SAMPLE_RATE
    refs = [c.text for c in clips]
    gap = int(args.gap * SAMPLE_RATE)
    engines = {v.compute: get_engine(AsrConfig(cpu_threads=args.threads, compute_type=v.compute)) for v in variants}
    for engine in engines.values():  # count encoder passes and their frames, after any shortening
        inner = engine._full_encode

        def counted(features, inner=inner, engine=engine):
            engine.passes = getattr(engine, "passes", 0) + 1
            engine.frames = getattr(engine, "frames", 0) + features.shape[-1]
            return inner(features)

        engine._full_encode = counted
    for v in variants:  # warm-up, not counted
        engines[v.compute].segments(clips[0].pcm, options=v.options)
    for _ in range(args.rounds):
        for v in variants:
            engine = engines[v.compute]
            engine.passes, engine.frames, v.endings = 0, 0, {}
            cpu0 = time.process_time()
            v.texts, v.windows, v.refused = decode_packed(engine, clips, v, gap)
            v.cpu.append(time.process_time() - cpu0)
            v.passes, v.frames = engine.passes, engine.frames
    print(
        f"{len(clips)} prompts, {audio_s:.0f} s of audio; gap {args.gap} s,"
        f" {args.threads} thread(s), {args.rounds} rounds"
    )
    print(
        "| variant | pack s | encoder window | beam | WER | windows | encoder passes (30 s equivalents) |"
        " refused | foreign | CPU s / speech s | CPU s / window | first passes ended | prompts unlike the first |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for v in variants:
        cpu = float(np.median(v.cpu))
        wer = corpus_wer(list(zip(refs, v.texts, strict=True)))
        enc = (
            "30"
            if v.options.encoder_window_s >= 30
            else f"{v.options.encoder_window_s:g}+pad {v.options.encoder_pad_s:g}"
        )
        print(
            f"| {v.name} | {v.pack_s:g} | {enc} | {v.options.beam_size} | {wer:.3f} | {v.windows} |"
            f" {v.passes} ({v.frames / 3000:.2f}) |"
            f" {v.refused} | {foreign_words(refs, v.texts)} | {cpu / audio_s:.3f} | {cpu / v.windows:.2f} |"
            f" {', '.join(f'{k} {n}' for k, n in sorted(v.endings.items()))} |"
            f" {sum(a != b for a, b in zip(variants[0].texts, v.texts, strict=True))} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
