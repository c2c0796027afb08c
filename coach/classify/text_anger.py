"""Run-time text anger/frustration of the customer: MiniLM embedding + token bag -> ``models/text_anger.onnx``.

Compliance: emotion is inferred for the **customer lane only**; score only final customer transcripts.
Transcript text is personal data: nothing here logs it, and :class:`TextReading` does not keep it.

- :func:`load_text_anger_model` loads the head once per process (shared, thread-safe session).
- :class:`TextAngerScorer` (stateless, thread-safe) turns a final customer transcript into a
  :class:`TextReading`: the probability that it expresses anger or annoyance, whether it passes the
  model's operating threshold, its word count and the escalation lexicon hits, ready for
  :meth:`coach.classify.escalation.EscalationTracker.push_words`.

Cost: about 5-10 ms of CPU for one short utterance on one core (the embedding dominates).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.classify.lexicon import EscalationLexicon, LexiconHit, default_lexicon, tokens
from coach.classify.minilm import DIMENSION, SentenceEmbedder, get_embedder, token_presence
from coach.classify.onnx_session import MODELS_DIR, get_session, metadata

MODEL_PATH = MODELS_DIR / "text_anger.onnx"
REBUILD_HINT = "python scripts/train_text_anger.py"


@dataclass(frozen=True)
class TextAngerModel:
    """The loaded head and its operating threshold (from the ONNX metadata)."""

    session: object
    threshold: float
    info: dict[str, str]

    def predict(self, embeddings: np.ndarray, token_ids: Sequence[Sequence[int]]) -> np.ndarray:
        """Probabilities ``[N]`` for unit-norm MiniLM embeddings ``[N, 384]`` and each text's WordPiece
        ids (special tokens excluded; :meth:`SentenceEmbedder.encode` returns both)."""
        x = np.atleast_2d(np.asarray(embeddings, dtype=np.float32))
        if x.shape[1] != DIMENSION or len(token_ids) != len(x):
            raise ValueError(f"expected {DIMENSION}-d embeddings and one id list per row, got {x.shape}")
        feeds = {"embedding": x, "tokens": token_presence(token_ids)}
        return self.session.run(None, feeds)[0][:, 0]  # type: ignore[attr-defined]


def load_text_anger_model(path: Path | None = None) -> TextAngerModel:
    """Load (once per process and path) the head; raises ModelMissingError naming the rebuild script."""
    session = get_session(Path(path or MODEL_PATH), REBUILD_HINT)
    meta = metadata(session)
    return TextAngerModel(session=session, threshold=float(meta["threshold"]), info=meta)


@dataclass(frozen=True, slots=True)
class TextReading:
    """Scores of one customer utterance: ``p`` in [0, 1], ``angry`` = ``p >= threshold``; ``embedding``
    is its unit-norm sentence embedding (None for an empty text), used to notice a repeated complaint."""

    p: float
    angry: bool
    n_words: int
    hits: tuple[LexiconHit, ...]
    embedding: np.ndarray | None = None


class TextAngerScorer:
    """Embedder + head + lexicon, shared by all calls (no per-call state)."""

    def __init__(
        self,
        model: TextAngerModel | None = None,
        embedder: SentenceEmbedder | None = None,
        lexicon: EscalationLexicon | None = None,
    ) -> None:
        self.model = model or load_text_anger_model()
        self.embedder = embedder or get_embedder()
        self.lexicon = lexicon or default_lexicon()

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Anger/annoyance probability per text (empty texts score 0)."""
        out = np.zeros(len(texts), dtype=np.float32)
        idx = [i for i, t in enumerate(texts) if t.strip()]
        if idx:
            emb, ids = self.embedder.encode([texts[i] for i in idx])
            out[idx] = self.model.predict(emb, ids)
        return out

    def score(self, text: str) -> TextReading:
        """Score one final customer transcript."""
        if not text.strip():
            return TextReading(p=0.0, angry=False, n_words=0, hits=())
        emb, ids = self.embedder.encode([text])
        p = float(self.model.predict(emb, ids)[0])
        return TextReading(
            p=p,
            angry=p >= self.model.threshold,
            n_words=len(tokens(text)),
            hits=tuple(self.lexicon.find(text)),
            embedding=np.asarray(emb[0], np.float32),
        )
