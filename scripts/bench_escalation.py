#!/usr/bin/env python
"""CPU cost of customer escalation scoring per second of customer speech (target < 5 ms/s).

    .venv/bin/python scripts/bench_escalation.py [--data ../shared/data] [--seconds 120] [--utterance-s 4] [--repeat 3]

Measures process CPU time (``time.process_time``; all ONNX sessions here run one intra-op thread)
after loading the models and one warm-up pass:

- voice: :class:`coach.classify.arousal.CustomerArousal` fed EmoDB speech in 20 ms chunks
  (feature extraction + normaliser + ONNX, one window of the last 2 s per ``--hop-s`` of speech);
- words: :class:`coach.classify.text_anger.TextAngerScorer` on one final transcript (8-20 words, each
  text different so that the embedder's cache of recent texts never answers) per ``--utterance-s``
  seconds of speech (MiniLM embedding + token bag + head + lexicon);
- fusion: :class:`coach.classify.escalation.EscalationTracker` pushes for all of the above.

With ``--repeat N`` the three parts are measured N times in turn and the spread (min, median, max) is
printed; the verdict uses the median. Exits 1 if the total exceeds the target.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coach.classify.arousal import CustomerArousal, load_arousal_model  # noqa: E402
from coach.classify.escalation import EscalationConfig, EscalationTracker  # noqa: E402
from coach.classify.text_anger import TextAngerScorer  # noqa: E402
from coach.types import SAMPLE_RATE  # noqa: E402
from training.datasets import data_root, emodb_clips, load_audio  # noqa: E402

TARGET_MS_PER_S = 5.0
UTTERANCES = [
    "I've been waiting three weeks for my refund and nobody has called me back.",
    "Can you confirm the address you have on file for me please?",
    "This is the third time I'm explaining this, it's ridiculous.",
    "Okay, and how long will the replacement take to arrive?",
    "I want to speak to a manager right now.",
    "Thanks, that sorts it out, I appreciate your help today.",
]


def speech(seconds: float, root: Path) -> np.ndarray:
    """About ``seconds`` of EmoDB speech (speakers and emotions mixed, deterministic order)."""
    clips = emodb_clips(root)
    n = int(seconds // 2) + 1
    return np.concatenate([load_audio(c.path) for c in clips[:: max(1, len(clips) // n)][:n]])


def bench_voice(pcm: np.ndarray, hop_s: float) -> tuple[float, list]:
    arousal = CustomerArousal(load_arousal_model(), hop_samples=round(hop_s * SAMPLE_RATE))
    arousal.push(0, pcm[: 10 * SAMPLE_RATE])  # warm-up (imports, caches)
    arousal.reset()
    readings = []
    t0 = time.process_time()
    for i in range(0, len(pcm), 320):
        readings += arousal.push(i, pcm[i : i + 320])
    return time.process_time() - t0, readings


def bench_words(n: int) -> tuple[float, list]:
    scorer = TextAngerScorer()
    scorer.score(UTTERANCES[0])  # warm-up
    t0 = time.process_time()
    # every text differs (a number at its end): the embedder remembers recent texts
    # (coach.classify.minilm.CACHE_TEXTS), and a call's finals are not repeats of each other
    out = [scorer.score(f"{UTTERANCES[i % len(UTTERANCES)]} {i}") for i in range(n)]
    return time.process_time() - t0, out


def bench_fusion(readings: list, texts: list, utterance_samples: int) -> float:
    tracker = EscalationTracker()
    t0 = time.process_time()
    for r in readings:
        tracker.push_voice(r.end, r.p, window_samples=SAMPLE_RATE)
    for i, t in enumerate(texts):
        tracker.push_words(readings[-1].end + (i + 1) * utterance_samples, t.p, n_words=t.n_words, hits=t.hits)
    return time.process_time() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=None)
    parser.add_argument("--seconds", type=float, default=120.0, help="customer speech to score")
    parser.add_argument("--utterance-s", type=float, default=4.0, help="speech per final transcript")
    parser.add_argument(
        "--hop-s",
        type=float,
        default=EscalationConfig().voice_hop_s,
        help="seconds of speech between voice readings ([escalation] voice_hop_s)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="measure this many times; report the spread")
    args = parser.parse_args(argv)

    pcm = speech(args.seconds, data_root(args.data))
    speech_s = len(pcm) / SAMPLE_RATE
    n_utt = max(1, int(speech_s / args.utterance_s))
    names = ("voice (features + normaliser + onnx)", "words (MiniLM + head + lexicon)", "fusion (EscalationTracker)")
    runs: list[list[float]] = []  # ms CPU per s of speech: voice, words, fusion
    for _ in range(max(1, args.repeat)):
        voice_cpu, readings = bench_voice(pcm, args.hop_s)
        words_cpu, texts = bench_words(n_utt)
        fusion_cpu = bench_fusion(readings, texts, int(args.utterance_s * SAMPLE_RATE))
        runs.append([1000 * c / speech_s for c in (voice_cpu, words_cpu, fusion_cpu)])
    table = np.array(runs)
    totals = table.sum(axis=1)
    print(
        f"customer speech {speech_s:.0f} s, {len(readings)} voice readings, {n_utt} final transcripts "
        f"(one per {args.utterance_s:g} s), {len(runs)} run(s): median (min-max)"
    )
    for name, col in zip(names, table.T, strict=True):
        print(f"  {name:38s} {np.median(col):6.2f} ({col.min():.2f}-{col.max():.2f}) ms CPU per s of speech")
    per_s = float(np.median(totals))
    print(
        f"  {'total':38s} {per_s:6.2f} ({totals.min():.2f}-{totals.max():.2f}) ms CPU per s of speech "
        f"(target < {TARGET_MS_PER_S:g})"
    )
    print(
        f"  per text utterance {np.median(table[:, 1]) * speech_s / n_utt:.1f} ms; per voice window "
        f"{np.median(table[:, 0]) * speech_s / max(1, len(readings)):.1f} ms"
    )
    return 0 if per_s < TARGET_MS_PER_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
