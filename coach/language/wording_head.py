"""Whether an agent sentence closes a door (a refusal, a deflection, blame), by meaning rather than wording.

One logistic head over the all-MiniLM-L6-v2 sentence embedding (:mod:`coach.classify.minilm`, the
model the escalation stage and the complaint head already load): the probability that a sentence or
clause the AGENT said is a refusal, a flat no, a deflection ("that's down to the courier"), blame of
the customer, policy as a wall or "nothing I can do". It was the positive-language rule's second opinion
on sentences no phrase family matched until session 40, when the positive-language head
(:mod:`coach.language.positive_head`) took its place behind the same setting; :class:`WordingHead` is the
logistic head class that head and the calm-down head load their weights into.
Fitted by ``scripts/train_wording_head.py`` on sentences written for it
(``training/data/agent_wording_sentences.txt``), the wording lists named in its ``TRAIN_LISTS`` (never a
blind one) and the agent lines of the tuning calls c01-c765 (refitted in session 33); weights and the
group-fold cross-validated operating threshold are in ``models/wording_head.json`` (card:
``models/wording_head.md``). Off in the shipped config (``[positive_language] model_threshold`` above 1):
left out group by group (the fourteen latest lists and call parts) it adds 3 of the 14 refusals the tables
miss and no call-part moment, for 7 false flags on look-alikes (docs/nudges.md, "Session 33 (2026-12-04),
helper W1"; first judged in "Session 20 (L14, issue 9)").

Cost (when on): one batched embedding per agent final no phrase matched (its sentences and clauses:
3.3 pieces on average on the tuning calls' agent turns, 6 at the 90th percentile), about 6-7 ms a piece
on one idle core. The text is neither logged nor kept.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.classify.onnx_session import MODELS_DIR
from coach.classify.per_path import PerPath
from coach.language.complaint import units

HEAD_PATH = MODELS_DIR / "wording_head.json"


@dataclass(frozen=True, slots=True)
class Scored:
    """A piece of an agent text that was scored: the ``sentence`` it is from, the piece (``text``, the
    sentence itself or one of its clauses) and ``p``, the probability in [0, 1] that it closes a door."""

    sentence: str
    text: str
    p: float


class WordingHead:
    """The head (weights ``[384]``, a bias) and its threshold, on a sentence embedder (anything with
    ``embed(texts) -> [N, 384]`` unit vectors; the shared MiniLM embedder by default)."""

    def __init__(self, path: Path = HEAD_PATH, embedder: object | None = None) -> None:
        spec = json.loads(Path(path).read_text(encoding="utf-8"))
        self.weights = np.array(spec["weights"], dtype=np.float32)
        self.bias = float(spec["bias"])
        self.threshold = float(spec["threshold"])
        self._embedder = embedder

    def probabilities(self, embeddings: np.ndarray) -> np.ndarray:
        """``[N]`` probabilities of unit-norm embeddings ``[N, 384]``."""
        z = np.atleast_2d(embeddings) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    def score(self, texts: Sequence[str]) -> list[float]:
        """One probability per text (an empty list for no texts); the shared embedder is loaded on first use."""
        if not texts:
            return []
        from coach.classify.minilm import get_embedder

        embedder = self._embedder or get_embedder()
        return [float(p) for p in self.probabilities(embedder.embed(list(texts)))]  # type: ignore[attr-defined]

    def read(self, text: str) -> list[Scored]:
        """Every scored piece of the agent text ``text`` (each sentence, and its clauses when it has
        several; pieces under three words are left out, as :func:`coach.language.complaint.units`), in order."""
        pairs = units(text)
        return [Scored(s, p, q) for (s, p), q in zip(pairs, self.score([p for _, p in pairs]), strict=True)]


_HEADS: PerPath[WordingHead] = PerPath(WordingHead)


def get_wording_head(path: Path = HEAD_PATH) -> WordingHead:
    """The process-wide head for ``path`` (loaded on first use; the embedder on first reading)."""
    return _HEADS.get(path)
