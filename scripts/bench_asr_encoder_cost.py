"""Where one decode's CPU goes, and what Whisper's encoder costs by window length and CTranslate2 compute type.

Two measurements on one thread (CPU seconds by ``time.process_time``, so the machine's load matters less than it
does to wall time, though a loaded machine still inflates them by its cache misses):

- ``--split N``: N tuning prompts decoded as a final alone (beam 5, padded 30 s window, as ``[asr]`` decodes a
  final while the finals keep up), the CPU of each part of faster-whisper's decode: the log-mel features, the
  encoder, the decoder's generation (beam search), the word-timestamp alignment, and the rest (Python);
- ``--windows``: the encoder alone on jfk's features cut to each window length (mel frames), for each compute
  type CTranslate2 offers on this CPU, the fastest of ``--rounds``.

    nice -n 10 .venv/bin/python scripts/bench_asr_encoder_cost.py --split 12 --windows --rounds 3

Figures: docs/asr.md, "Session 37 (2026-12-05), helper A32".
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.asr.config import AsrConfig  # noqa: E402
from coach.asr.engine import DecodeOptions, get_engine  # noqa: E402
from coach.asr.models import resolve_model  # noqa: E402
from coach.types import SAMPLE_RATE  # noqa: E402
from training.asr_corpus import asterisk, asterisk_subset, jfk  # noqa: E402

PARTS = ("features", "encode", "generate", "align")


def _timed(spent: dict[str, float], key: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[key] += time.process_time() - started

    return timed


class _Timed:
    """A proxy timing some of an object's methods (CTranslate2's model, faster-whisper's feature extractor)."""

    def __init__(self, inner: Any, spent: dict[str, float], names: dict[str, str]) -> None:
        self._inner, self._spent, self._names = inner, spent, names

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._inner, name)
        return _timed(self._spent, self._names[name], value) if name in self._names else value

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return _timed(self._spent, self._names["__call__"], self._inner)(*args, **kwargs)


def split(n: int) -> None:
    """The CPU of each part of ``n`` lone beam-5 finals on the padded 30 s window."""
    engine = get_engine(AsrConfig(cpu_threads=1))
    model = engine._model
    spent: dict[str, float] = defaultdict(float)
    model.model = _Timed(model.model, spent, {"generate": "generate", "align": "align", "encode": "encode"})
    model.feature_extractor = _Timed(model.feature_extractor, spent, {"__call__": "features"})
    clips = [asterisk(stem) for stem in asterisk_subset(60)][:n]
    options = DecodeOptions(beam_size=5)
    started = time.process_time()
    for clip in clips:
        engine.transcribe(clip.pcm, options=options)
    total = time.process_time() - started
    seconds = sum(len(c.pcm) for c in clips) / SAMPLE_RATE
    print(f"{n} finals alone ({seconds:.0f} s of speech), beam 5, 30 s window: {total:.2f} CPU-s")
    for part in PARTS:
        print(f"  {part:9s} {spent[part]:6.2f} CPU-s  {spent[part] / total:4.0%}")
    rest = total - sum(spent[p] for p in PARTS)
    print(f"  {'rest':9s} {rest:6.2f} CPU-s  {rest / total:4.0%}")


def windows(rounds: int, frames: tuple[int, ...] = (3000, 2000, 1500, 1000)) -> None:
    """The encoder alone on each window length, for each compute type this CPU's CTranslate2 offers."""
    import ctranslate2
    from faster_whisper import WhisperModel

    types = sorted(ctranslate2.get_supported_compute_types("cpu"))
    path = str(resolve_model("tiny.en"))
    pcm = jfk().pcm
    models = {t: WhisperModel(path, device="cpu", compute_type=t, cpu_threads=1) for t in types}
    best: dict[tuple[str, int], float] = {}
    for _ in range(rounds):
        for kind, model in models.items():
            features = model.feature_extractor(np.pad(pcm, (0, 30 * SAMPLE_RATE - len(pcm))))[..., :3000]
            for n in frames:
                cut = np.ascontiguousarray(features[..., :n])
                started = time.process_time()
                model.encode(cut)
                took = time.process_time() - started
                best[kind, n] = min(best.get((kind, n), took), took)
    print(f"encoder CPU-s on one thread, fastest of {rounds}; compute types offered here: {', '.join(types)}")
    print("compute type   " + "".join(f"{n // 100:>4d} s      " for n in frames))
    for kind in types:
        full = best[kind, frames[0]]
        print(f"{kind:14s} " + "".join(f"{best[kind, n]:.3f} ({best[kind, n] / full:.2f}) " for n in frames))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", type=int, default=0, help="decode this many tuning prompts as lone finals")
    parser.add_argument("--windows", action="store_true", help="the encoder by window length and compute type")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.split:
        split(args.split)
    if args.windows:
        windows(args.rounds)


if __name__ == "__main__":
    main()
