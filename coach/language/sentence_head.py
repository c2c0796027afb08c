"""A wording rule's learned second opinion on an agent sentence, and the talk in its register it leaves alone.

The calm-down head (:mod:`coach.language.calm_head`) and the positive-language head
(:mod:`coach.language.positive_head`) are the same design with their own weights and classes: one logistic head
(:class:`~coach.language.wording_head.WordingHead`) over the all-MiniLM-L6-v2 sentence embedding, asked about the
sentences (:func:`pieces_of`: :data:`MIN_WORDS` words or more) of an agent final the wording rules were silent on.
A sentence in one of the head's *register classes* (toml files of patterns in the phrase-table syntax of
:mod:`coach.language.patterns`, each class with a training ``weight`` >= 1: talk in the rule's register that is
not its fault, "Let me just pull that up", "I can't thank you enough") is not judged at run time, and counts
``weight`` times as a negative in the head's training (``scripts/sentence_head_training.py``). Sessions 38-40
(helpers M1-M3, issue 9): docs/nudges.md.

Neither the text nor the scores are logged or kept.
"""

from __future__ import annotations

import dataclasses
import functools
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from coach.classify.onnx_session import require_file
from coach.classify.per_path import PerPath
from coach.language.patterns import PhraseSet, compile_patterns
from coach.language.phrasing import _whole_sentence, _wording_nudge
from coach.language.text import sentences, tokens
from coach.language.utterance import Utterance
from coach.language.wording_head import WordingHead
from coach.types import Nudge

MIN_WORDS = 2
"""Sentences of fewer words are not scored (a lone "Relax." or "No." is the tables' to judge)."""
MIN_WORD_P = 0.4
"""A sentence with a word the recogniser was less sure of than this is not judged (the meaning of misheard
words is a guess), as ``[positive_language] min_word_p``."""


@functools.cache
def _classes(path: Path) -> tuple[tuple[PhraseSet, float], ...]:
    classes = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple((compile_patterns(tuple(c["patterns"])), float(c["weight"])) for c in classes.values())


def register_classes(paths: tuple[Path, ...]) -> tuple[tuple[PhraseSet, float], ...]:
    """The classes of the toml files ``paths`` (each table: ``patterns``, ``weight`` >= 1), each as its compiled
    patterns and its weight, in file order (compiled once per file and process)."""
    return tuple(c for path in paths for c in _classes(path))


def register_weight(sentence: str, paths: tuple[Path, ...]) -> float:
    """The largest weight of the classes of ``paths`` whose patterns ``sentence`` holds anywhere; 1 when none."""
    toks = tokens(sentence)
    return max([w for patterns, w in register_classes(paths) if patterns.find(toks)], default=1.0)


def pieces_of(text: str) -> list[str]:
    """The sentences of an agent text (those of :data:`MIN_WORDS` words or more), in order: the training pieces."""
    return [s.text for s in sentences(text) if len(tokens(s.text)) >= MIN_WORDS]


@dataclass(frozen=True)
class SentenceHead:
    """One rule's head: its weights file ``path`` (rebuilt by the command ``rebuild``), its register class files
    ``register`` and the rule ``kind`` it nudges."""

    kind: str
    path: Path
    rebuild: str
    register: tuple[Path, ...]
    _heads: PerPath[WordingHead] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_heads", PerPath(lambda path: WordingHead(require_file(path, self.rebuild))))

    def weight(self, sentence: str) -> float:
        """:func:`register_weight` of ``sentence`` over this head's classes."""
        return register_weight(sentence, self.register)

    def judged_pieces(self, text: str, excused: Callable[[str], bool] | None = None) -> list[str]:
        """The sentences of an agent text the head judges: :func:`pieces_of` less those in one of its classes and
        those ``excused`` says the wording rules have judged already."""
        return [p for p in pieces_of(text) if self.weight(p) <= 1.0 and not (excused and excused(p))]

    def model(self, path: Path | None = None) -> WordingHead:
        """The process-wide head of ``path`` (this head's file by default; a clear error naming the rebuild
        command if it is missing)."""
        return self._heads.get(path or self.path)

    def by_meaning(
        self,
        u: Utterance,
        threshold: float,
        *,
        text: str,
        severity: str,
        why: str,
        closing: Callable[[str], bool] | None = None,
        excused: Callable[[str], bool] | None = None,
        load: Callable[[], WordingHead] | None = None,
        min_word_p: float = MIN_WORD_P,
        **more: str,
    ) -> list[Nudge]:
        """The head's second opinion on the agent final ``u``: none on a partial, when ``threshold`` is over 1, or
        on a turn ``closing`` says is said as the call closes; else the ``kind`` nudge (``text``, ``severity``,
        ``why`` and ``more`` as :func:`coach.language.phrasing._wording_nudge` takes them) of the first judged
        sentence rated at or over ``threshold`` whose words were all heard at least :data:`MIN_WORD_P` surely,
        evidence ``basis`` "meaning" and its ``score`` (3 decimals). ``excused``: sentences not judged
        (:meth:`judged_pieces`). ``load``: the head to ask (:meth:`model` by default), called only when a sentence is
        to be judged."""
        if not u.final or threshold > 1.0 or (closing is not None and closing(u.text)):
            return []
        pieces = self.judged_pieces(u.text, excused)
        scores = (load or self.model)().score(pieces) if pieces else []
        for piece, p in zip(pieces, scores, strict=True):
            m = _whole_sentence(u.text, piece)
            if p >= threshold and all(q >= min_word_p for q in u.word_ps(m)):
                found = _wording_nudge(self.kind, u, m, text=text, severity=severity, why=why, **more)
                evidence = {**found.evidence, "basis": "meaning", "score": round(p, 3)}
                return [dataclasses.replace(found, evidence=evidence)]
        return []
