#!/usr/bin/env python
"""Rebuild ``models/arousal.onnx`` from EmoDB and print its leave-one-speaker-out metrics.

    .venv/bin/python scripts/train_arousal.py [--data ../shared/data] [--out models/arousal.onnx]

Deterministic (fixed seeds, no random state in the fit). Recipe: :mod:`training.arousal_train`;
features: :mod:`coach.classify.arousal_features` (the same code runs at call time). The committed
model is fitted on all six speakers, clean clips plus simulated telephone-band copies.
Compliance: the model is for the customer lane only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coach.classify.arousal import MODEL_PATH  # noqa: E402
from coach.classify.arousal_features import FEATURE_NAMES, FEATURE_VERSION  # noqa: E402
from training import arousal_train as A  # noqa: E402
from training.datasets import data_root, emodb_clips  # noqa: E402
from training.export import logistic_model  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=None, help="shared data folder (default ../shared/data)")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--no-telephone", action="store_true", help="train on clean clips only")
    args = parser.parse_args(argv)

    clips = emodb_clips(data_root(args.data))
    speakers = np.array([c.speaker for c in clips])
    emotions = np.array([c.emotion for c in clips])
    t0 = time.perf_counter()
    x = A.clip_features(clips)
    x_tel = None if args.no_telephone else A.clip_features(clips, telephone=True)
    print(f"features: {len(clips)} clips x {x.shape[1]} in {time.perf_counter() - t0:.1f} s")

    result = A.loso(x, speakers, emotions, x_aug=x_tel)
    for scenario, p in result.p.items():
        print(A.format_summary(f"LOSO clean, baseline={scenario}", A.summarise(p, speakers, emotions)))
    if x_tel is not None:
        tel = A.loso(x, speakers, emotions, x_aug=x_tel, x_test=x_tel, mixed_repeats=1)
        print(A.format_summary("LOSO telephone-band test, baseline=calm",
                             A.summarise(tel.p["calm"], speakers, emotions)))

    model, prior = A.train_final(x, speakers, emotions, x_aug=x_tel)
    meta = {
        "feature_names": ",".join(FEATURE_NAMES),
        "feature_version": str(FEATURE_VERSION),
        "prior_std": json.dumps([round(float(v), 6) for v in prior]),
        "warmup_windows": str(A.WARMUP_WINDOWS),
        "prior_weight": str(A.PRIOR_WEIGHT),
        "adapt_rate": str(A.ADAPT_RATE),
        "window_samples": "32000",
        "target": "high arousal (EmoDB W/F/A) vs low (N/L/T), relative to the speaker's calm baseline",
        "trained_on": "EmoDB 6 speakers, clean + simulated telephone band" if x_tel is not None
        else "EmoDB 6 speakers, clean",
        "lane": "customer only",
        "card": "models/arousal.md",
    }
    onnx_model = logistic_model(mean=model.mean, scale=model.scale, weights=model.weights, bias=model.bias,
                                input_name="features", output_name="p_high_arousal",
                                graph_name="coach_arousal", metadata=meta,
                                doc="P(high arousal) of a 2 s customer speech window; input = "
                                    "speaker-normalised features (coach.classify.arousal_features).")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(onnx_model.SerializeToString())
    top = np.argsort(-np.abs(model.weights / model.scale))[:8]
    print("largest weights (per z unit): "
          + ", ".join(f"{FEATURE_NAMES[i]} {model.weights[i] / model.scale[i]:+.2f}" for i in top))
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
