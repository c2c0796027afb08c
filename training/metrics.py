"""Evaluation helpers for the classifier scripts: ROC AUC, bootstrap intervals, precision/recall.

Pure numpy, deterministic for a given seed. ``y`` is a 0/1 (or bool) array, ``p`` a score array of
the same length where larger means "more positive".
"""

from __future__ import annotations

import numpy as np
from scipy.stats import rankdata


def roc_auc(y: np.ndarray, p: np.ndarray) -> float:
    """Area under the ROC curve (Mann-Whitney U with midranks for ties); NaN if one class is absent."""
    y = np.asarray(y).astype(bool)
    p = np.asarray(p, dtype=np.float64)
    n_pos = int(y.sum())
    n_neg = len(y) - n_pos
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    ranks = rankdata(p)
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def bootstrap_auc_ci(
    y: np.ndarray, p: np.ndarray, *, n_boot: int = 2000, seed: int = 0, level: float = 0.95
) -> tuple[float, float]:
    """Percentile bootstrap interval of :func:`roc_auc`, resampling positives and negatives separately."""
    y = np.asarray(y).astype(bool)
    p = np.asarray(p, dtype=np.float64)
    rng = np.random.default_rng(seed)
    pos, neg = p[y], p[~y]
    stats = np.empty(n_boot)
    labels = np.r_[np.ones(len(pos), bool), np.zeros(len(neg), bool)]
    for i in range(n_boot):
        sample = np.r_[rng.choice(pos, len(pos)), rng.choice(neg, len(neg))]
        stats[i] = roc_auc(labels, sample)
    alpha = (1.0 - level) / 2.0
    lo, hi = np.quantile(stats, [alpha, 1.0 - alpha])
    return float(lo), float(hi)


def precision_recall_at(y: np.ndarray, p: np.ndarray, threshold: float) -> tuple[float, float]:
    """Precision and recall of the rule ``p >= threshold``."""
    y = np.asarray(y).astype(bool)
    pred = np.asarray(p) >= threshold
    tp = int((pred & y).sum())
    precision = tp / max(1, int(pred.sum()))
    recall = tp / max(1, int(y.sum()))
    return precision, recall


def best_f1_threshold(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    """The threshold (among observed scores) that maximises F1, and that F1."""
    y = np.asarray(y).astype(bool)
    order = np.argsort(-np.asarray(p), kind="stable")
    ps = np.asarray(p)[order]
    tp = np.cumsum(y[order])
    k = np.arange(1, len(ps) + 1)
    f1 = 2 * tp / (k + y.sum())
    i = int(np.argmax(f1))
    return float(ps[i]), float(f1[i])
