"""Whether an agent sentence tells the customer to calm down, by meaning rather than wording.

One logistic head over the all-MiniLM-L6-v2 sentence embedding (:mod:`coach.classify.minilm`, the embedder the
escalation stage and the complaint head already load, int8 as served): the probability that a sentence the AGENT
said is a "calm down" in any wording ("let the steam out of the kettle", "dinna fash yersel"). It is the
``avoid_calm_down`` rule's second opinion on an agent final the phrase tables are silent on, behind
``[language.avoid_calm_down] model_threshold`` (above 1: off). The same
:class:`~coach.language.wording_head.WordingHead`
as the refusal head, with its own weights: ``models/calm_head.json``, fitted by ``scripts/train_calm_head.py`` on
the non-blind wording lists (calm-down lines positive, their look-alikes and other lines negative) and every
agent sentence of the tuning calls c01-c861 (greetings, questions, procedure, empathy, goodbyes negative; card:
``models/calm_head.md``; figures judged leave-one-list-out and leave-one-part-out: docs/nudges.md, "Session 38
(2026-12-05), helper M1").

A sentence in the calm-down's soothing register that is not one (a look-up or a hold announced, "Let me just pull
that up"; patience, "there's no rush", "take all the time you need": the classes of ``calm_head.toml``) is not
judged: the head read those as calm-downs on quiet calls (session 39, M2; docs/nudges.md, "Session 39
(2026-12-05), helper M2"); the same classes are the negatives weighted up in its training.

Cost (when on): one batched embedding of the sentences of :data:`MIN_WORDS` words or more of each agent final
the tables did not nudge. The text is neither logged nor kept.
"""

from __future__ import annotations

import dataclasses
import functools
import tomllib
from collections.abc import Callable
from pathlib import Path

from coach.classify.onnx_session import MODELS_DIR, require_file
from coach.classify.per_path import PerPath
from coach.language.config import AvoidCalmDown
from coach.language.patterns import PhraseSet, compile_patterns
from coach.language.phrasing import _whole_sentence, _wording_nudge
from coach.language.text import sentences, tokens
from coach.language.utterance import Utterance
from coach.language.wording_head import WordingHead
from coach.types import Nudge

CALM_HEAD_PATH = MODELS_DIR / "calm_head.json"
MIN_WORDS = 2
"""Sentences of fewer words are not scored (a lone "Relax." is the tables' to judge)."""
MIN_WORD_P = 0.4
"""A sentence with a word the recogniser was less sure of than this is not judged (the meaning of misheard
words is a guess), as the refusal head's ``[positive_language] min_word_p``."""
REBUILD = ".venv/bin/python scripts/train_calm_head.py"
REGISTER_PATH = Path(__file__).with_name("calm_head.toml")


@functools.cache
def register_classes(path: Path = REGISTER_PATH) -> tuple[tuple[PhraseSet, float], ...]:
    """The classes of ``path`` (``calm_head.toml``: sentences in the calm-down's register that are not one), each as
    its compiled ``patterns`` and its training ``weight`` (>= 1), in file order."""
    classes = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple((compile_patterns(tuple(c["patterns"])), float(c["weight"])) for c in classes.values())


def register_weight(sentence: str, path: Path = REGISTER_PATH) -> float:
    """The largest training weight of the classes of ``path`` whose patterns ``sentence`` holds; 1 when none."""
    toks = tokens(sentence)
    return max([w for patterns, w in register_classes(path) if patterns.find(toks)], default=1.0)


def pieces_of(text: str) -> list[str]:
    """The sentences of an agent text (those of :data:`MIN_WORDS` words or more), in order: the training pieces."""
    return [s.text for s in sentences(text) if len(tokens(s.text)) >= MIN_WORDS]


def judged_pieces(text: str) -> list[str]:
    """The sentences of an agent text the head judges: :func:`pieces_of` less those in one of the classes of
    ``calm_head.toml`` (a hold, a look-up, patience: :func:`register_weight` over 1)."""
    return [p for p in pieces_of(text) if register_weight(p) <= 1.0]


def _load(path: Path) -> WordingHead:
    return WordingHead(require_file(path, REBUILD))


_HEADS: PerPath[WordingHead] = PerPath(_load)


def get_calm_head(path: Path = CALM_HEAD_PATH) -> WordingHead:
    """The process-wide calm-down head for ``path`` (a clear error naming the rebuild command if it is missing)."""
    return _HEADS.get(path)


def calm_by_meaning(
    u: Utterance, cfg: AvoidCalmDown, closing: Callable[[str], bool] | None = None, path: Path = CALM_HEAD_PATH
) -> list[Nudge]:
    """The head's second opinion on the agent final ``u`` (none on a partial, when ``cfg.model_threshold`` is over
    1, or on a turn ``closing`` says is said as the call closes: the care wishes of a goodbye, "take it gently
    getting here", "mind yourself on the gangplank", are its typical false flag on calls): the ``avoid_calm_down``
    nudge of its first sentence (of :func:`judged_pieces`: not a hold nor patience) rated at or over the threshold
    whose words were all heard at least :data:`MIN_WORD_P` surely, evidence ``basis`` "meaning" and its ``score``.
    The caller asks only where the wording rules are silent (:meth:`coach.language.coach.LanguageCoach.push`)."""
    if not u.final or cfg.model_threshold > 1.0 or (closing is not None and closing(u.text)):
        return []
    pieces = judged_pieces(u.text)
    scores = get_calm_head(path).score(pieces)
    for piece, p in zip(pieces, scores, strict=True):
        m = _whole_sentence(u.text, piece)
        if p >= cfg.model_threshold and all(q >= MIN_WORD_P for q in u.word_ps(m)):
            found = _wording_nudge(
                "avoid_calm_down", u, m, text=cfg.text, severity=cfg.severity, suggestion=cfg.suggestion, why=cfg.why
            )
            return [dataclasses.replace(found, evidence={**found.evidence, "basis": "meaning", "score": round(p, 3)})]
    return []
