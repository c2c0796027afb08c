"""Whether a customer sentence is a complaint or says a feeling, by meaning rather than wording.

Two logistic heads over the all-MiniLM-L6-v2 sentence embedding (:mod:`coach.classify.minilm`, the
model the escalation stage already loads): ``complaint`` (something the customer paid for, was
promised or relies on went wrong) and ``feeling`` (upset, worry, anger or shame said in words).
They were fitted by ``scripts/train_complaint.py`` on sentences written for it
(``training/data/complaint_sentences.txt``); weights and operating thresholds are in
``models/complaint_head.json`` (card: ``models/complaint_head.md``).

Cost: one batched embedding per customer final, about 6-7 ms a sentence on one core. Customer lane
only; the text is neither logged nor kept.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.classify.onnx_session import MODELS_DIR
from coach.classify.per_path import PerPath

HEAD_PATH = MODELS_DIR / "complaint_head.json"
HEADS = ("complaint", "feeling")
CLAUSE_WORDS = 6
"""A sentence piece over this many words is also cut before its conjunctions (and, but, because ...)."""
MIN_WORDS = 3
"""Pieces shorter than this are not scored: the heads are unreliable on a word or two."""


@dataclass(frozen=True, slots=True)
class Reading:
    """Scores of one sentence: probabilities in [0, 1] of being a complaint and of saying a feeling."""

    complaint: float
    feeling: float


class ComplaintHead:
    """The two heads (weights ``[2, 384]``, biases ``[2]``) and their thresholds, on a sentence embedder
    (anything with ``embed(texts) -> [N, 384]`` unit vectors; the shared MiniLM embedder by default)."""

    def __init__(self, path: Path = HEAD_PATH, embedder: object | None = None) -> None:
        spec = json.loads(Path(path).read_text(encoding="utf-8"))
        self.weights = np.array([spec["heads"][h]["weights"] for h in HEADS], dtype=np.float32)
        self.bias = np.array([spec["heads"][h]["bias"] for h in HEADS], dtype=np.float32)
        self.thresholds = {h: float(spec["heads"][h]["threshold"]) for h in HEADS}
        self._embedder = embedder

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        if self._embedder is None:
            from coach.classify.minilm import get_embedder

            self._embedder = get_embedder()
        return self._embedder.embed(list(texts))  # type: ignore[attr-defined]

    def probabilities(self, embeddings: np.ndarray) -> np.ndarray:
        """``[N, 2]`` probabilities (complaint, feeling) of unit-norm embeddings ``[N, 384]``."""
        z = np.atleast_2d(embeddings) @ self.weights.T + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    def read(self, texts: Sequence[str]) -> list[Reading]:
        """One :class:`Reading` per text (an empty list for no texts)."""
        if not texts:
            return []
        p = self.probabilities(self._embed(texts))
        return [Reading(float(c), float(f)) for c, f in p]


_HEADS: PerPath[ComplaintHead] = PerPath(ComplaintHead)


def get_complaint_head(path: Path = HEAD_PATH) -> ComplaintHead:
    """The process-wide head for ``path`` (loaded on first use; the embedder on first reading)."""
    return _HEADS.get(path)


@dataclass(frozen=True, slots=True)
class Unit:
    """A piece of a customer turn that was scored: a ``sentence`` or one of its clauses (``text``)."""

    sentence: str
    text: str
    reading: Reading


def units(text: str, *, clause_words: int = CLAUSE_WORDS, min_words: int = MIN_WORDS) -> list[tuple[str, str]]:
    """``(sentence, piece)`` pairs of a turn: each sentence, and when it has several clauses (cut at
    punctuation, and before conjunctions in pieces over ``clause_words`` words) each clause too;
    pieces under ``min_words`` words of two letters or more are left out (a lone "honestly" says little,
    a name spelled out letter by letter, "W H I T A K E R", nothing)."""
    from coach.language.mirror import clauses
    from coach.language.text import sentences

    out: list[tuple[str, str]] = []
    for s in sentences(text):
        parts = clauses(s.text, clause_words)
        pieces = [s.text, *parts] if len(parts) > 1 else [s.text]
        out += [(s.text, p) for p in pieces if sum(len(w.strip(".,;:!?'\"")) > 1 for w in p.split()) >= min_words]
    return out


def read_turn(
    head: ComplaintHead, text: str, *, clause_words: int = CLAUSE_WORDS, min_words: int = MIN_WORDS
) -> list[Unit]:
    """Every scored piece of the customer turn ``text`` (see :func:`units`), in order."""
    pairs = units(text, clause_words=clause_words, min_words=min_words)
    readings = head.read([p for _, p in pairs])
    return [Unit(s, p, r) for (s, p), r in zip(pairs, readings, strict=True)]


def sentence_complaint(turn: Sequence[Unit], sentence: str) -> float | None:
    """The highest complaint probability among the scored pieces of ``turn`` that belong to ``sentence``
    (the sentence and its clauses), or ``None`` when none of them was scored (too short, heads off)."""
    scores = [x.reading.complaint for x in turn if x.sentence == sentence]
    return max(scores) if scores else None


def sentence_reading(turn: Sequence[Unit], sentence: str) -> float | None:
    """The complaint probability of ``sentence`` read whole (the piece of ``turn`` that is the sentence
    itself), or ``None`` when it was not scored."""
    return next((x.reading.complaint for x in turn if x.sentence == sentence and x.text == sentence), None)
