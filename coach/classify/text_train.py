"""Training recipe of the text anger head (used by ``scripts/train_text_anger.py`` and ``eval_models.py``).

Data: GoEmotions train split (fit) and dev split (choose C and the operating threshold, report).
Target: 1 = anger or annoyance; 0 = every other comment (neutral and the other emotions);
comments whose only negative label is disapproval are left out of training (see
``models/text_anger.md``). Embeddings are cached under ``.cache/text_anger/`` (gitignored), keyed
by the texts and the embedding model's sha256. Needs scikit-learn (imported lazily).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.classify import minilm
from coach.classify.datasets import REPO_ROOT, TextExample
from coach.classify.metrics import best_f1_threshold, bootstrap_auc_ci, precision_recall_at, roc_auc

CACHE_DIR = REPO_ROOT / ".cache" / "text_anger"
C_GRID = (0.1, 0.3, 1.0, 3.0, 10.0)
SEED = 0


def embed_cached(texts: Sequence[str], name: str, cache_dir: Path = CACHE_DIR) -> tuple[np.ndarray, float]:
    """Embeddings of ``texts`` (cached) and the seconds spent embedding (0.0 on a cache hit)."""
    key = hashlib.sha256(("\n".join(texts) + minilm.MODEL_SHA256 + minilm.TOKENIZER_SHA256).encode())
    path = cache_dir / f"{name}-{key.hexdigest()[:16]}.npy"
    if path.is_file():
        return np.load(path), 0.0
    t0 = time.perf_counter()
    emb = minilm.get_embedder().embed(list(texts), batch_size=64)
    seconds = time.perf_counter() - t0
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.save(path, emb)
    return emb, seconds


def subsample(examples: list[TextExample], max_n: int | None, seed: int = SEED) -> list[TextExample]:
    """Stratified (by target) random subset of at most ``max_n`` examples, in original order."""
    if not max_n or max_n >= len(examples):
        return examples
    rng = np.random.default_rng(seed)
    targets = np.array([-1 if e.target is None else e.target for e in examples])
    keep: list[int] = []
    for t in np.unique(targets):
        idx = np.flatnonzero(targets == t)
        keep.extend(rng.choice(idx, round(max_n * len(idx) / len(examples)), replace=False).tolist())
    return [examples[i] for i in sorted(keep)]


@dataclass(frozen=True)
class TextHead:
    """A fitted logistic head over embeddings, with its dev metrics."""

    weights: np.ndarray
    bias: float
    C: float
    threshold: float
    report: dict[str, float]


def targets(examples: Sequence[TextExample]) -> np.ndarray:
    """1 / 0 / NaN (excluded) per example."""
    return np.array([np.nan if e.target is None else float(e.target) for e in examples])


def dev_masks(examples: Sequence[TextExample]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Evaluation populations on dev: name -> (mask, y). ``vs_neutral`` is the headline metric."""
    pos = np.array([e.target == 1 for e in examples])
    neutral = np.array([e.labels == frozenset({"neutral"}) for e in examples])
    disapproval_only = np.array([e.target is None for e in examples])
    rest = ~pos & ~disapproval_only
    return {
        "vs_neutral": (pos | neutral, pos[pos | neutral]),
        "vs_all_other": (pos | rest, pos[pos | rest]),
        "vs_all_other_incl_disapproval": (np.ones(len(pos), bool), pos),
    }


def fit_head(x_train: np.ndarray, y_train: np.ndarray, x_dev: np.ndarray,
             dev: Sequence[TextExample], *, c_grid: Sequence[float] = C_GRID) -> TextHead:
    """Fit logistic heads for each C, keep the one with the best dev AUC vs neutral, pick the threshold."""
    from sklearn.linear_model import LogisticRegression

    ok = ~np.isnan(y_train)
    masks = dev_masks(dev)
    best: tuple[float, float, object] | None = None
    for c in c_grid:
        clf = LogisticRegression(C=c, max_iter=5000, random_state=SEED).fit(x_train[ok], y_train[ok])
        p = clf.predict_proba(x_dev)[:, 1]
        m, y = masks["vs_neutral"]
        auc = roc_auc(y, p[m])
        if best is None or auc > best[0]:
            best = (auc, c, clf)
    assert best is not None
    _, c, clf = best
    weights = clf.coef_[0].astype(np.float64)
    bias = float(clf.intercept_[0])
    p_dev = 1.0 / (1.0 + np.exp(-(x_dev @ weights + bias)))
    m, y = masks["vs_all_other"]
    threshold, _ = best_f1_threshold(y, p_dev[m])
    threshold = round(threshold, 2)
    return TextHead(weights=weights, bias=bias, C=c, threshold=threshold,
                    report=evaluate(p_dev, dev, threshold))


def evaluate(p_dev: np.ndarray, dev: Sequence[TextExample], threshold: float) -> dict[str, float]:
    """AUC with bootstrap CI per population, and precision/recall at ``threshold``."""
    out: dict[str, float] = {"threshold": threshold}
    for name, (m, y) in dev_masks(dev).items():
        auc = roc_auc(y, p_dev[m])
        lo, hi = bootstrap_auc_ci(y, p_dev[m], n_boot=1000, seed=SEED)
        prec, rec = precision_recall_at(y, p_dev[m], threshold)
        out.update({f"{name}_auc": auc, f"{name}_auc_lo": lo, f"{name}_auc_hi": hi,
                    f"{name}_precision": prec, f"{name}_recall": rec, f"{name}_n_pos": float(y.sum()),
                    f"{name}_n": float(len(y))})
    return out
