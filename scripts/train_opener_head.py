#!/usr/bin/env python
"""Fit the opener anger head: is a customer's FIRST turn angry, read from its first few words?

Usage: ``.venv/bin/python scripts/train_opener_head.py [--below N] [--lopo] [--out models/opener_anger_head.json]``

Data: the first customer turn of every tuning call script (``scripts/calls/cNNN_*.toml`` numbered below
``--below``, default ``FIRST_HELDOUT_CALL``; held-out scripts are never opened) whose turn states a ``mood``:
label angry or not; input the MiniLM sentence embedding (:mod:`coach.classify.minilm`, as the product runs
it) of the turn's first 4, 6 and 8 words (what the transcriber has committed in the turn's first seconds).
Model: L2 logistic regression (C 0.3, classes balanced). ``--lopo`` prints the leave-one-part-out figures
(each part of 24 calls, c01-c237 one part, scored by a head fitted on the others) instead of writing the head.
Only counts are printed (no script text). Issue 10, session 35 (helper E39); models/arousal.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import eval_calls as C  # noqa: E402

PREFIXES = (4, 6, 8)
REG_C = 0.3
THRESHOLD = 0.68
OUT = ROOT / "models" / "opener_anger_head.json"


def openers(below: int) -> list[tuple[int, str, str]]:
    """(call number, mood, text) of each tuning script's first customer turn that states a mood."""
    out = []
    for path in C.tuning_scripts():
        number = C.call_number(path.stem)
        if number >= below:
            continue
        script = tomllib.loads(path.read_text(encoding="utf-8"))
        turns = [t for t in script.get("turn", []) if t.get("speaker") == "customer" and "text" in t]
        if "call" in script and turns and "mood" in turns[0]:
            out.append((number, turns[0]["mood"], turns[0]["text"]))
    return out


def part_of(number: int) -> int:
    """The part a call belongs to: c01-c237 one, then parts of 24 calls."""
    return 0 if number < 238 else 238 + (number - 238) // 24 * 24


def main(argv: list[str] | None = None) -> int:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    from coach.classify.minilm import embedding_version, get_embedder

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--below", type=int, default=C.FIRST_HELDOUT_CALL)
    ap.add_argument("--lopo", action="store_true")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    rows = openers(args.below)
    y = np.array([mood == "angry" for _, mood, _ in rows])
    parts = np.array([part_of(n) for n, _, _ in rows])
    embedder = get_embedder()
    X = {k: embedder.embed([" ".join(t.split()[:k]) for _, _, t in rows]) for k in PREFIXES}

    def fit(mask: np.ndarray) -> LogisticRegression:
        x = np.concatenate([X[k][mask] for k in PREFIXES])
        return LogisticRegression(C=REG_C, max_iter=3000, class_weight="balanced").fit(
            x, np.tile(y[mask], len(PREFIXES))
        )

    if args.lopo:
        score = {k: np.zeros(len(y)) for k in PREFIXES}
        for part in sorted(set(parts)):
            head = fit(parts != part)
            for k in PREFIXES:
                score[k][parts == part] = head.predict_proba(X[k][parts == part])[:, 1]
        for k in PREFIXES:
            s = score[k]
            print(
                f"first {k} words: AUC {roc_auc_score(y, s):.3f}; >= {THRESHOLD}: "
                f"angry {(s[y] >= THRESHOLD).sum()}/{y.sum()}, other moods {(s[~y] >= THRESHOLD).sum()}/{(~y).sum()}"
            )
        return 0
    head = fit(np.ones(len(y), bool))
    spec = {
        "about": "opener anger head (issue 10, session 35 E39): P(angry) of a customer's first turn from the MiniLM "
        "embedding of its first words; scripts/train_opener_head.py",
        "trained_on": f"first customer turns of tuning scripts c01-c{args.below - 1} stating a mood: {y.sum()} angry, "
        f"{(~y).sum()} other; prefixes of {list(PREFIXES)} words",
        "embedding_version": embedding_version(),
        "weights": [round(float(w), 6) for w in head.coef_[0]],
        "bias": round(float(head.intercept_[0]), 6),
        "threshold": THRESHOLD,
    }
    args.out.write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {y.sum()} angry, {(~y).sum()} other openers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
