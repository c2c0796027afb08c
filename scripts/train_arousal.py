#!/usr/bin/env python
"""Rebuild ``models/arousal.onnx`` from EmoDB and print its leave-one-speaker-out metrics.

    .venv/bin/python scripts/train_arousal.py [--data ../shared/data] [--out models/arousal.onnx]

Deterministic (fixed seeds, no random state in the fit). Recipe: :mod:`training.arousal_train`;
features: :mod:`coach.classify.arousal_features` (the same code runs at call time). The committed
model is fitted on all six speakers, clean clips plus copies through simulated channels (telephone
band at two levels, telephone band with noise, wide-band with noise), calibrated on
leave-one-speaker-out logits. The through-the-call evaluation is ``scripts/eval_escalation.py``.
Compliance: the model is for the customer lane only.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coach.classify.arousal import MODEL_PATH  # noqa: E402
from coach.classify.arousal_features import FEATURE_NAMES  # noqa: E402
from training import arousal_train as A  # noqa: E402
from training.datasets import data_root, emodb_clips  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=None, help="shared data folder (default ../shared/data)")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--no-telephone", action="store_true", help="train on clean clips only (no channel copies)")
    args = parser.parse_args(argv)

    clips = emodb_clips(data_root(args.data))
    speakers = np.array([c.speaker for c in clips])
    emotions = np.array([c.emotion for c in clips])
    t0 = time.perf_counter()
    channels = [] if args.no_telephone else list(A.CHANNELS)
    x, x_aug = A.feature_sets(clips, channels)
    print(
        f"features: {len(clips)} clips x {x.shape[1]}, windows {', '.join(A.PARTS)}, channels clean + "
        f"{', '.join(channels) or 'none'}: {len(x_aug) + 1} copies in {time.perf_counter() - t0:.1f} s"
    )

    result = A.loso(x, speakers, emotions, x_aug=x_aug)
    for scenario, p in result.p.items():
        print(A.format_summary(f"LOSO clean, baseline={scenario}", A.summarise(p, speakers, emotions)))
    if channels:
        tel = A.loso(x, speakers, emotions, x_aug=x_aug, x_test=A.clip_features(clips, channel="telephone"))
        for scenario, p in tel.p.items():
            print(
                A.format_summary(f"LOSO telephone-band test, baseline={scenario}", A.summarise(p, speakers, emotions))
            )

    model, pop = A.train_final(x, speakers, emotions, x_aug=x_aug)
    trained_on = f"EmoDB 6 speakers, clean + {', '.join(channels)}" if channels else "EmoDB 6 speakers, clean"
    onnx_model = A.onnx_model(model, pop, trained_on=trained_on)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(onnx_model.SerializeToString())
    names = [f"abs:{n}" for n in FEATURE_NAMES] + [f"rel:{n}" for n in FEATURE_NAMES]
    for head_name, head in (("full", model.full), ("prosody", model.prosody)):
        top = np.argsort(-np.abs(head.weights / head.scale))[:10]
        print(
            f"{head_name} head, largest weights (per z unit): "
            + ", ".join(f"{names[i]} {head.weights[i] / head.scale[i]:+.2f}" for i in top)
        )
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
