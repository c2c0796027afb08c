"""Where a final's decode CPU goes (issue 11, one call's final p95): Whisper's encoder over the 30 s
padded window against the token generation (beam 5 and greedy) and the rest of faster-whisper's
decode (features, word alignment, its Python loop).

In-process, tiny.en at the product's ``compute_type`` and ``cpu_threads``; each part of each piece is
timed in CPU seconds of this process (all its threads: ``time.process_time``), median over rounds, so
the machine's other load changes little. Prints per piece: features, encode, generate beam 5, generate
greedy, the whole product decode (``WhisperEngine.segments``, beam 5, word timestamps), and the
encoder's share of the whole.

    .venv/bin/python scripts/bench_final_parts.py [--audio tests/data/calls/demo.flac] [--rounds 5] \
        [--compute-type int8_float32]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_decode_heap import DEMO_CALL, agent_lane  # noqa: E402

from coach.asr.engine import DecodeOptions, get_engine  # noqa: E402
from coach.config import load_config  # noqa: E402

PIECES_S = ((12.0, 2.0), (0.0, 3.0), (4.0, 6.0), (20.0, 9.0))
"""(start, length) of the decoded pieces, seconds."""

WINDOW_FRAMES = 3000
"""Whisper's encoder window: 30 s of 10 ms mel frames."""


def cpu_s(fn: Callable[[], object], rounds: int) -> float:
    """Median CPU seconds (this process, all threads) of ``fn`` over ``rounds`` calls."""
    spent = []
    for _ in range(rounds):
        before = time.process_time()
        fn()
        spent.append(time.process_time() - before)
    return statistics.median(spent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--audio", type=Path, default=DEMO_CALL)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--compute-type", help="CTranslate2 compute type (default: the product's)")
    args = parser.parse_args()
    lane, rate = agent_lane(args.audio)
    config = load_config().asr
    if args.compute_type:
        config = dataclasses.replace(config, compute_type=args.compute_type)
    engine = get_engine(config)
    model = engine._model  # faster-whisper's WhisperModel: its encoder and generator, timed apart
    from faster_whisper.tokenizer import Tokenizer

    tokenizer = Tokenizer(model.hf_tokenizer, model.model.is_multilingual, task="transcribe", language="en")
    prompt = model.get_prompt(tokenizer, [], without_timestamps=False)
    final_opts = DecodeOptions(language=config.language, beam_size=config.final_beam_size)
    print(
        f"{args.audio.name}, {config.model} {config.compute_type}, {config.cpu_threads} threads, "
        f"CPU s (median of {args.rounds})"
    )
    print("piece     features  encode  gen beam5  gen greedy  whole decode  encoder share")
    for start, length in PIECES_S:
        piece = lane[int(start * rate) : int((start + length) * rate)]
        engine.segments(piece, options=final_opts)  # warm
        feats = model.feature_extractor(piece)
        window = np.pad(feats[:, :WINDOW_FRAMES], ((0, 0), (0, max(0, WINDOW_FRAMES - feats.shape[1]))))
        encoded = model.encode(window)
        parts = {
            "features": cpu_s(lambda p=piece: model.feature_extractor(p), args.rounds),
            "encode": cpu_s(lambda w=window: model.encode(w), args.rounds),
            "beam": cpu_s(lambda e=encoded: model.model.generate(e, [prompt], beam_size=5), args.rounds),
            "greedy": cpu_s(lambda e=encoded: model.model.generate(e, [prompt], beam_size=1), args.rounds),
            "whole": cpu_s(lambda p=piece: engine.segments(p, options=final_opts), args.rounds),
        }
        print(
            f"{length:4.1f} s   {parts['features']:8.3f} {parts['encode']:7.3f} {parts['beam']:10.3f}"
            f" {parts['greedy']:11.3f} {parts['whole']:13.3f} {parts['encode'] / parts['whole']:14.2f}"
        )


if __name__ == "__main__":
    main()
