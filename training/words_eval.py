"""Evaluate the words channel (text anger model + escalation lexicon) as the fusion sees one utterance.

Used by ``scripts/eval_models.py`` and the tests. The *word evidence* of one utterance is what
:class:`coach.classify.escalation.EscalationTracker` would add for it alone, without smoothing::

    evidence = 1 - (1 - words_weight * e(p)) * (1 - min(lexicon_cap, 1 - prod(1 - w_i)))

with ``e(p)`` the text probability rescaled between ``words_floor`` and ``words_ceiling`` and ``w_i``
the weights of the lexicon hits (all but the strongest times ``same_utterance_factor``).
Data: GoEmotions dev (see ``models/text_anger.md``) and
``training/data/call_centre_heldout.tsv`` (written for evaluation only; never used to tune).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from coach.classify.escalation import EscalationConfig
from coach.classify.lexicon import EscalationLexicon

HELDOUT = Path(__file__).with_name("data") / "call_centre_heldout.tsv"


def heldout_phrasings(path: Path = HELDOUT) -> tuple[list[str], np.ndarray]:
    """Texts and 0/1 labels of the held-out call-centre list (``#`` lines are comments)."""
    texts, labels = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, text = line.split("\t", 1)
            texts.append(text)
            labels.append(int(label))
    return texts, np.array(labels)


def lexicon_scores(texts: Sequence[str], lexicon: EscalationLexicon, cfg: EscalationConfig) -> np.ndarray:
    """``min(cap, 1 - prod(1 - w_i))`` over each text's lexicon hits, the strongest at full weight and
    the others times ``same_utterance_factor``, as the fusion counts one utterance (0 without hits)."""
    out = np.zeros(len(texts))
    for i, t in enumerate(texts):
        weights = sorted((h.weight for h in lexicon.find(t)), reverse=True)
        miss = 1.0
        for k, w in enumerate(weights):
            miss *= 1.0 - (w if k == 0 else w * cfg.same_utterance_factor)
        out[i] = min(cfg.lexicon_cap, 1.0 - miss)
    return out


def word_evidence(p: np.ndarray, lex: np.ndarray, cfg: EscalationConfig) -> np.ndarray:
    """The fused evidence of single utterances (see module docstring)."""
    e = np.clip((np.asarray(p, float) - cfg.words_floor) / (cfg.words_ceiling - cfg.words_floor), 0.0, 1.0)
    return 1.0 - (1.0 - cfg.words_weight * e) * (1.0 - lex)
