"""A short customer overlap told by its words: a backchannel ("mm-hmm", "right, okay") or a cut-in.

Duration alone cannot tell "mm-hmm" from "Sorry, which one?": both can be under a second. Once the
customer's words of the overlap are transcribed (a partial or the final), :func:`is_cut_in` reads them:
the words of ``[turns] backchannel_words`` (acknowledgements and fillers, as tiny.en writes them) are
set aside, and what remains is a cut-in when it is ``cut_in_min_words`` words or more, or when it is
anything at all asked (a ``?``) or opened with one of ``cut_in_openers`` ("sorry", "wait", "but").
The tracker (:mod:`coach.turns.tracker`) decides what a cut-in means for the agent.
"""

from __future__ import annotations

import functools

from coach.language.patterns import word_tokens
from coach.turns.config import TurnConfig


def words_of(text: str) -> list[str]:
    """Lower-case words of ``text`` as the language rules read them (:func:`coach.language.patterns.word_tokens`):
    punctuation dropped, hyphens and other marks read as spaces, a curly apostrophe straight, and accents folded, so
    an accented word is one plain word ("Sí, señora" is "si senora"; before session 34 it was "s", "se", "ora")."""
    return list(word_tokens(text))


def _strip_phrases(words: list[str], phrases: frozenset[tuple[str, ...]], longest: int) -> list[str]:
    """``words`` less every occurrence of ``phrases`` (word tuples), longest match first."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            if tuple(words[i : i + n]) in phrases:
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return out


@functools.cache
def _phrases(vocabulary: tuple[str, ...]) -> tuple[frozenset[tuple[str, ...]], int]:
    phrases = frozenset(tuple(p.split()) for p in vocabulary)
    return phrases, max((len(p) for p in phrases), default=1)


def content_words(text: str, cfg: TurnConfig) -> list[str]:
    """The words of ``text`` less the backchannel words and phrases of ``cfg`` (``backchannel_words``)."""
    return _strip_phrases(words_of(text), *_phrases(cfg.backchannel_words))


def is_cut_in(text: str, cfg: TurnConfig) -> bool:
    """Whether the customer's words ``text`` (one short overlap) try to take the floor rather than
    acknowledge: see the module docstring. Empty or backchannel-only words are not a cut-in."""
    rest = content_words(text, cfg)
    if not rest:
        return False
    return len(rest) >= cfg.cut_in_min_words or "?" in text or rest[0] in cfg.cut_in_openers
