"""The JSON files of the logistic heads under ``models/`` (complaint, wording): write or check them.

A training script builds the head's spec (a JSON-able dict), then either writes it or, with
``--check``, verifies that the committed file equals a rebuild byte for byte (the rebuild is
deterministic, so a difference means the data or the script changed without retraining).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import numpy as np


def lowest_threshold(p: np.ndarray, y: np.ndarray, max_fpr: float) -> float:
    """The lowest threshold in 0.05 steps whose false-positive rate on the negatives (``y == 0``) of
    the out-of-fold probabilities ``p`` is at most ``max_fpr``; 0.95 when none is."""
    for t in np.arange(0.05, 1.0, 0.05):
        if np.mean(p[y == 0] >= t) <= max_fpr:
            return round(float(t), 2)
    return 0.95


def head_text(spec: Mapping[str, object]) -> str:
    """The file's exact text: indented JSON with a final newline."""
    return json.dumps(spec, indent=1) + "\n"


def check_committed(path: Path, text: str) -> int:
    """Print whether ``path`` holds ``text``; the exit status for ``--check`` (0 same, 1 differs)."""
    same = path.read_text(encoding="utf-8") == text
    print("committed head is up to date" if same else "committed head DIFFERS from a rebuild")
    return 0 if same else 1


def write_head(path: Path, text: str) -> int:
    """Write the head file and say so; returns the exit status 0."""
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0
