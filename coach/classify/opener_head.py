"""The opener anger head: how likely a customer's first turn is angry, from the sentence embedding of its first words.

Compliance: customer lane only (the escalation stage reads the customer's own words with it); the text is never kept.

A caller who rings angry often says so only after a greeting, a name and a place ("Craig, it's Mei Lin from the
Honeysuckle ..."): in the first 3 s no lexicon marker is said, yet the way the turn opens (no pleasantry, straight to
the name and the thing) is not how calm, happy or upset callers open. A logistic-regression head on the MiniLM
embedding (:mod:`coach.classify.minilm`) of the first 4-8 words of the first customer turn of every tuning script,
fitted by ``scripts/train_opener_head.py`` (weights in ``models/opener_anger_head.json``), reads that. Alone it is not
evidence enough (a few calm openers read as high); the stage counts it only when the opener is also loud on the
absolute scale (``[escalation] opener_head_dbfs``): two cues that agree (models/arousal.md, session 35, E39).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from coach.classify.per_path import PerPath

HEAD_PATH = Path(__file__).resolve().parents[2] / "models" / "opener_anger_head.json"


class OpenerHead:
    """``p(embedding)``: P(angry) of a first turn's opening words from their unit-norm sentence embedding."""

    def __init__(self, path: Path = HEAD_PATH) -> None:
        spec = json.loads(Path(path).read_text(encoding="utf-8"))
        self.weights = np.asarray(spec["weights"], dtype=np.float32)
        self.bias = float(spec["bias"])
        self.threshold = float(spec["threshold"])

    def p(self, embedding: np.ndarray) -> float:
        """The probability for one embedding (``[384]`` or ``[1, 384]``)."""
        z = float(np.dot(np.ravel(embedding), self.weights)) + self.bias
        return 1.0 / (1.0 + float(np.exp(-z)))


_HEADS: PerPath[OpenerHead] = PerPath(OpenerHead)


def get_opener_head(path: Path = HEAD_PATH) -> OpenerHead:
    """The process-wide head for ``path`` (loaded on first use)."""
    return _HEADS.get(path)
