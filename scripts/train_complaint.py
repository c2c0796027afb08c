#!/usr/bin/env python
"""Rebuild ``models/complaint_head.json``: the complaint and feeling heads of :mod:`coach.language.complaint`.

    .venv/bin/python scripts/train_complaint.py [--check]

Reads ``training/data/complaint_sentences.txt`` (hand-written, labelled C / F / CF / N), embeds every
sentence with all-MiniLM-L6-v2 (int8, :mod:`coach.classify.minilm`) and fits one L2-regularised
logistic regression per head by full-batch gradient descent (fixed steps, zero start, classes
weighted to balance: deterministic). The operating threshold of each head is the lowest one at which
5-fold cross-validation (folds by line number mod 5) keeps the false-positive rate on that head's
negatives at or under ``MAX_FPR``; the script prints the cross-validated precision and recall there.
``--check`` rebuilds in memory and fails if the committed file differs.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.classify import minilm  # noqa: E402
from coach.language.complaint import HEAD_PATH, HEADS  # noqa: E402
from training.head_file import check_committed, head_text, lowest_threshold, write_head  # noqa: E402

DATA = ROOT / "training" / "data" / "complaint_sentences.txt"
L2 = 1e-3
STEPS = 3000
RATE = 2.0
FOLDS = 5
MAX_FPR = 0.03


def load(path: Path = DATA) -> tuple[list[str], np.ndarray]:
    """Sentences and their labels ``[N, 2]`` (complaint, feeling) from the data file."""
    texts, labels = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        tag, text = line.split("\t", 1)
        texts.append(text.strip())
        labels.append([float("C" in tag), float("F" in tag)])
    return texts, np.array(labels, dtype=np.float64)


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Class-balanced L2 logistic regression: weights ``[D]`` and bias."""
    pos = y.sum()
    sample_w = np.where(y > 0, 0.5 / pos, 0.5 / (len(y) - pos))
    w, b = np.zeros(x.shape[1]), 0.0
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        g = sample_w * (p - y)
        w -= RATE * (x.T @ g + L2 * w)
        b -= RATE * g.sum()
    return w, b


def cross_validated(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Out-of-fold probabilities (fold = index mod FOLDS)."""
    out = np.zeros(len(y))
    fold = np.arange(len(y)) % FOLDS
    for k in range(FOLDS):
        w, b = fit(x[fold != k], y[fold != k])
        out[fold == k] = 1.0 / (1.0 + np.exp(-(x[fold == k] @ w + b)))
    return out


def build() -> dict:
    texts, labels = load()
    x = minilm.get_embedder().embed(texts).astype(np.float64)
    spec: dict = {
        "about": "complaint / feeling heads over all-MiniLM-L6-v2 (int8) sentence embeddings",
        "embedding_model_sha256": minilm.MODEL_SHA256,
        "data_sha256": hashlib.sha256(DATA.read_bytes()).hexdigest(),
        "sentences": len(texts),
        "heads": {},
    }
    for i, head in enumerate(HEADS):
        y = labels[:, i]
        p = cross_validated(x, y)
        t = lowest_threshold(p, y, MAX_FPR)
        hit = p >= t
        w, b = fit(x, y)
        spec["heads"][head] = {
            "threshold": t,
            "positives": int(y.sum()),
            "cv_recall": round(float(hit[y == 1].mean()), 3),
            "cv_precision": round(float(y[hit].mean()), 3) if hit.any() else 0.0,
            "cv_false_positive_rate": round(float(hit[y == 0].mean()), 3),
            "bias": round(float(b), 6),
            "weights": [round(float(v), 6) for v in w],
        }
    return spec


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed head differs")
    args = parser.parse_args()
    minilm.embed_as_fitted()
    spec = build()
    for head in HEADS:
        h = spec["heads"][head]
        print(
            f"{head:9s} positives {h['positives']}/{spec['sentences']}  threshold {h['threshold']:.2f}  "
            f"5-fold CV recall {h['cv_recall']:.3f} precision {h['cv_precision']:.3f} "
            f"false-positive rate {h['cv_false_positive_rate']:.3f}"
        )
    text = head_text(spec)
    if args.check:
        return check_committed(HEAD_PATH, text)
    return write_head(HEAD_PATH, text)


if __name__ == "__main__":
    raise SystemExit(main())
