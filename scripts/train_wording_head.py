#!/usr/bin/env python
"""Rebuild ``models/wording_head.json``: the refusal / deflection / blame head of :mod:`coach.language.wording_head`.

    .venv/bin/python scripts/train_wording_head.py [--check]

Training pieces (each scored the way the product scores agent text: a sentence, and its clauses when it
has several, pieces under three words left out):

- ``training/data/agent_wording_sentences.txt`` (hand-written, labelled P / N): each sentence; the
  clauses of an N sentence are N too (the clauses of a P sentence are not used: "..., but I can send it
  for review" is not a refusal on its own);
- the agent lines of the tuning calls c01-c165 (``scripts/calls``): a sentence holding the ``phrase`` of
  a ``positive_language`` moment of its turn is P, with those of its clauses that hold the phrase's
  first words; every other agent sentence and clause is N, except in calls that ``allow`` the kind
  (their unmarked lines are left out). Calls c166 and up are never used for training: c166-c189 are
  the validation part printed at the end, the held-out calls are never opened.

Every piece is embedded with all-MiniLM-L6-v2 (int8, :mod:`coach.classify.minilm`) and one
L2-regularised logistic regression is fitted (scikit-learn, the ``train`` extra; lbfgs from zero, classes
weighted to balance: deterministic). Cross-validation folds: a call's pieces share a fold (call
number mod 5), a hand-written line's fold is its line number mod 5. The operating threshold is the
lowest (0.05 steps) whose cross-validated false-positive rate on the N pieces is at or under ``MAX_FPR``.
``--check`` rebuilds in memory and fails if the committed file differs.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_calls import call_number, tuning_scripts  # noqa: E402
from synth_calls import Line, load_call  # noqa: E402

from coach.classify import minilm  # noqa: E402
from coach.language.complaint import units  # noqa: E402
from coach.language.wording_head import HEAD_PATH  # noqa: E402
from training.head_file import check_committed, head_text, lowest_threshold, write_head  # noqa: E402

DATA = ROOT / "training" / "data" / "agent_wording_sentences.txt"
KIND = "positive_language"
LAST_TRAINING_CALL = 165
"""Agent lines of calls up to this number train the head; c166-c189 are its validation."""
C = 3.0
"""Inverse L2 strength: 3 kept the most c166-c189 refusals at a low false-positive rate (1, 3, 10 and 30 tried)."""
FOLDS = 5
MAX_FPR = 0.0075


@dataclass(frozen=True)
class Piece:
    """A scored unit of training text: ``label`` 1 (closes a door) or 0, its cross-validation ``fold``."""

    text: str
    label: int
    fold: int


def _fold_text(s: str) -> str:
    return " ".join(s.lower().replace("\u2019", "'").split())


def written_pieces(path: Path = DATA) -> list[Piece]:
    """The hand-written sentences (and the clauses of the N ones)."""
    out: list[Piece] = []
    rows = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    for i, line in enumerate(rows):
        tag, text = line.split("\t", 1)
        label = int(tag.strip() == "P")
        pieces = units(text.strip(), min_words=1)
        for sentence, piece in pieces:
            if piece == sentence or not label:
                out.append(Piece(piece, label, i % FOLDS))
    return out


def call_lines(first: int, last: int) -> list[tuple[str, str, int]]:
    """``(call, sentence, label)`` for every agent sentence of the tuning calls numbered ``first``..``last``
    (the calls that ``allow`` the kind keep only their marked sentences)."""
    from coach.language.text import sentences

    out = []
    for path in tuning_scripts():
        n = call_number(path.stem)
        if not first <= n <= last:
            continue
        spec, turns, _ = load_call(path)
        allowed = spec is not None and KIND in spec.allow
        for t in turns:
            if not isinstance(t, Line) or t.speaker != "agent":
                continue
            phrases = [_fold_text(e.phrase or t.text) for e in t.expect if e.kind == KIND]
            for s in sentences(t.text):
                label = int(any(p in _fold_text(s.text) or _fold_text(s.text) in p for p in phrases))
                if label or not allowed:
                    out.append((path.stem, s.text, label))
    return out


def call_pieces() -> list[Piece]:
    """The pieces of the training calls' agent sentences (see the module docstring)."""
    out: list[Piece] = []
    for call, sentence, label in call_lines(1, LAST_TRAINING_CALL):
        fold = call_number(call) % FOLDS
        for s, piece in units(sentence):
            if not label or piece == s:
                out.append(Piece(piece, label, fold))
    return out


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Class-balanced L2 logistic regression (scikit-learn's lbfgs, inverse strength ``C``): weights ``[D]``, bias."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit(x, y)
    return model.coef_[0].astype(np.float64), float(model.intercept_[0])


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def cross_validated(x: np.ndarray, y: np.ndarray, fold: np.ndarray) -> np.ndarray:
    """Out-of-fold probabilities."""
    out = np.zeros(len(y))
    for k in range(FOLDS):
        w, b = fit(x[fold != k], y[fold != k])
        out[fold == k] = sigmoid(x[fold == k] @ w + b)
    return out


def build() -> tuple[dict, np.ndarray, float]:
    """The head's JSON spec, its weights and bias."""
    pieces = written_pieces() + call_pieces()
    texts = [p.text for p in pieces]
    y = np.array([p.label for p in pieces], dtype=np.float64)
    fold = np.array([p.fold for p in pieces])
    x = minilm.get_embedder().embed(texts).astype(np.float64)
    p = cross_validated(x, y, fold)
    t = lowest_threshold(p, y, MAX_FPR)
    hit = p >= t
    w, b = fit(x, y)
    spec = {
        "about": "refusal / deflection / blame head over all-MiniLM-L6-v2 (int8) embeddings of agent sentences",
        "embedding_model_sha256": minilm.MODEL_SHA256,
        "data_sha256": hashlib.sha256(DATA.read_bytes()).hexdigest(),
        "training_calls": f"c01-c{LAST_TRAINING_CALL} agent lines",
        "pieces": len(pieces),
        "positives": int(y.sum()),
        "threshold": t,
        "cv_recall": round(float(hit[y == 1].mean()), 3),
        "cv_precision": round(float(y[hit].mean()), 3) if hit.any() else 0.0,
        "cv_false_positive_rate": round(float(hit[y == 0].mean()), 3),
        "bias": round(float(b), 6),
        "weights": [round(float(v), 6) for v in w],
    }
    return spec, w, b


def validate(w: np.ndarray, b: float, t: float) -> None:
    """Print the head on the agent sentences of c166-c189 (never trained on): per sentence, its highest
    piece against ``t``."""
    rows = call_lines(LAST_TRAINING_CALL + 1, 189)
    for label_name, want in (("closing doors", 1), ("other lines", 0)):
        chosen = [(c, s) for c, s, lab in rows if lab == want]
        fired = []
        for c, s in chosen:
            pieces = [pc for _, pc in units(s)] or [s]
            q = sigmoid(minilm.get_embedder().embed(pieces).astype(np.float64) @ w + b).max()
            if q >= t:
                fired.append((c, q))
        print(f"c166-c189 {label_name}: {len(fired)}/{len(chosen)} sentences at or over {t:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed head differs")
    args = parser.parse_args()
    minilm.embed_as_fitted()
    spec, w, b = build()
    print(
        f"positives {spec['positives']}/{spec['pieces']} pieces  threshold {spec['threshold']:.2f}  "
        f"5-fold CV recall {spec['cv_recall']:.3f} precision {spec['cv_precision']:.3f} "
        f"false-positive rate {spec['cv_false_positive_rate']:.3f}"
    )
    text = head_text(spec)
    if args.check:
        return check_committed(HEAD_PATH, text)
    validate(w, b, spec["threshold"])
    return write_head(HEAD_PATH, text)


if __name__ == "__main__":
    raise SystemExit(main())
