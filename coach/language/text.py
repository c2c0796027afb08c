"""Word-level text helpers for the language rules: sentences, phrase matching, content words.

Matching works on *tokens*: lower-cased words with straight apostrophes, punctuation dropped. A
phrase matches a contiguous run of tokens; an exception phrase that overlaps a match cancels it
("no problem" cancels "no"). Matches keep the words as spoken for evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from coach.language.patterns import WORD, PhraseSet, Slots, compile_patterns, fold, normalise, word_tokens

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\s+-{1,2}\s+|\u2014")
_FILLERS = frozenset({"oh", "um", "uh", "er", "erm", "well", "and", "but", "so", "look", "okay", "ok", "yeah"})

STOPWORDS = frozenset(
    (
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "so",
        "if",
        "then",
        "than",
        "that",
        "this",
        "these",
        "those",
        "there",
        "here",
        "it",
        "its",
        "it's",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "doing",
        "done",
        "have",
        "has",
        "had",
        "having",
        "i",
        "i'm",
        "i've",
        "i'd",
        "i'll",
        "me",
        "my",
        "mine",
        "myself",
        "you",
        "you're",
        "you've",
        "you'd",
        "you'll",
        "your",
        "yours",
        "yourself",
        "we",
        "we're",
        "we've",
        "we'd",
        "we'll",
        "us",
        "our",
        "ours",
        "he",
        "she",
        "him",
        "her",
        "his",
        "they",
        "them",
        "their",
        "what",
        "which",
        "who",
        "whom",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "both",
        "each",
        "few",
        "more",
        "most",
        "other",
        "some",
        "such",
        "no",
        "nor",
        "not",
        "only",
        "own",
        "same",
        "too",
        "very",
        "can",
        "can't",
        "cannot",
        "will",
        "won't",
        "would",
        "wouldn't",
        "should",
        "could",
        "couldn't",
        "just",
        "don't",
        "doesn't",
        "didn't",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "haven't",
        "hasn't",
        "hadn't",
        "to",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "about",
        "against",
        "between",
        "into",
        "through",
        "during",
        "before",
        "after",
        "above",
        "below",
        "from",
        "up",
        "down",
        "out",
        "off",
        "over",
        "under",
        "again",
        "further",
        "once",
        "also",
        "still",
        "really",
        "actually",
        "now",
        "just",
        "like",
        "get",
        "got",
        "going",
        "go",
        "gone",
        "want",
        "okay",
        "ok",
        "yeah",
        "yes",
        "oh",
        "um",
        "uh",
        "well",
        "right",
        "sure",
        "thing",
        "things",
        "please",
        "thanks",
        "thank",
        "let",
        "let's",
        "say",
        "said",
        "tell",
        "told",
        "know",
        "think",
        "one",
        "ever",
        "even",
        "because",
        "as",
        "my",
        "way",
    )
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as spoken (``text``, its words ``spoken``) and the tokens matched on (``tokens``:
    folded and normalised, see :func:`~coach.language.patterns.normalise`); ``source[i]`` is the
    index in ``spoken`` of the word token ``i`` comes from."""

    text: str
    tokens: tuple[str, ...]
    spoken: tuple[str, ...]
    source: tuple[int, ...]

    def spoken_span(self, a: int, b: int) -> tuple[int, int]:
        """The spoken words ``[start, end)`` that tokens ``[a, b)`` come from."""
        return self.source[a], self.source[b - 1] + 1


_TAILS = frozenset({("not", "ours"), ("not", "us"), ("not", "mine"), ("not", "me")})
"""Pieces that finish the sentence before them ("That's the valuation office's mess. Not ours.":
the recogniser's full stop where the speaker only paused)."""


def sentences(text: str) -> list[Sentence]:
    """Split ``text`` at sentence punctuation and dashes; empty pieces are dropped. A tail in
    :data:`_TAILS` after a full stop stays with the sentence before it. (Remembered per ``text``: each rule,
    and each refusal family, splits the same turn again.)"""
    return list(_sentences(text))


@lru_cache(maxsize=1024)
def _sentences(text: str) -> tuple[Sentence, ...]:
    pieces: list[str] = []
    for piece in _SENTENCE_END.split(text):
        words = tuple(fold(w) for w in WORD.findall(piece))
        if not words:
            continue
        if words in _TAILS and pieces and pieces[-1].rstrip().endswith("."):
            pieces[-1] = f"{pieces[-1].rstrip()[:-1]}, {piece.strip()}"
        else:
            pieces.append(piece)
    out = []
    for piece in pieces:
        spoken = tuple(WORD.findall(piece))
        toks, source = normalise(tuple(fold(w) for w in spoken))
        out.append(Sentence(piece.strip(), toks, spoken, source))
    return tuple(out)


def tokens(text: str) -> list[str]:
    """All tokens of ``text``."""
    return list(word_tokens(text))


@dataclass(frozen=True, slots=True)
class Match:
    """A phrase found in a sentence: ``phrase`` the pattern as configured, ``said`` the words as
    spoken; ``start``/``end`` positions of those words in the sentence, ``offset`` the sentence's
    first word in the whole text (so ``offset + start`` indexes :func:`tokens` of the text)."""

    phrase: str
    said: str
    sentence: str
    start: int
    end: int
    sentence_index: int = 0
    offset: int = 0


def sentence_of(text: str, m: Match) -> Sentence | None:
    """The sentence of ``text`` (:func:`sentences`) that match ``m`` was found in, or ``None`` when ``text`` has no
    sentence at ``m.sentence_index`` (a match found in other words than ``text``'s)."""
    parts = sentences(text)
    return parts[m.sentence_index] if m.sentence_index < len(parts) else None


def _leading_fillers(toks: Sequence[str]) -> int:
    i = 0
    while i < len(toks) and toks[i] in _FILLERS:
        i += 1
    return i


Phrases = PhraseSet | Iterable[str]


def _compiled(phrases: Phrases, slots: Slots | None) -> PhraseSet:
    return phrases if isinstance(phrases, PhraseSet) else compile_patterns(phrases, slots)


def excepted_spans(excepted: PhraseSet, parts: Sequence[Sentence], index: int) -> list[tuple[int, int]]:
    """Token spans of sentence ``parts[index]`` that an exception of ``excepted`` covers: one starting in
    it (and maybe running on into the next sentence), or one starting in the sentence before that runs on
    into it (session 16, L10: "You won't need to do anything more. I can't..." is the recogniser's
    "can't" for "can" after reassurance; its full stop is a guess). Spans are in the sentence's tokens."""
    toks = parts[index].tokens
    ahead = (*toks, *parts[index + 1].tokens) if index + 1 < len(parts) else toks
    spans = [(x, y) for x, y, _ in excepted.find(ahead) if x < len(toks)]
    if index > 0:
        before = len(parts[index - 1].tokens)
        joined = (*parts[index - 1].tokens, *toks)
        spans += [(0, y - before) for x, y, _ in excepted.find(joined) if x < before < y]
    return spans


def find_phrases(
    text: str,
    phrases: Phrases,
    *,
    exceptions: Phrases = (),
    at_start: bool = False,
    slots: Slots | None = None,
    open_end: bool = False,
) -> list[Match]:
    """Every non-excepted occurrence of ``phrases`` in ``text``, in reading order (longest first at a tie).

    ``phrases`` and ``exceptions`` are patterns (see :mod:`coach.language.patterns`; ``slots`` fills
    their ``{name}`` slots) or compiled :class:`PhraseSet` objects. An exception occurrence that
    overlaps a match cancels it; an exception may run on into the next sentence (the recogniser's
    full stops are guesses: "I don't know. That's awful." is a misheard "Oh no, that's awful").
    ``at_start`` keeps only matches that open a sentence (after fillers like "well", "oh", "so").
    ``open_end``: ``text`` is a committed prefix that more words will follow, so a match in its last
    sentence that an exception could still cover once those words arrive ("I can't" before
    "...imagine", "I don't know." before "That's awful") is not reported yet.
    """
    wanted = _compiled(phrases, slots)
    excepted = _compiled(exceptions, slots)
    found = []
    parts = sentences(text)
    offset = 0
    for index, sentence in enumerate(parts):
        toks = sentence.tokens
        matches = wanted.find(toks)
        if not matches:
            offset += len(sentence.spoken)
            continue  # the exceptions judge matches only (most families match nothing in most sentences)
        ahead = (*toks, *parts[index + 1].tokens) if index + 1 < len(parts) else toks
        blocked = excepted_spans(excepted, parts, index)
        first = _leading_fillers(toks)
        last = open_end and index >= len(parts) - 2  # an exception may still run into the open end
        for a, b, phrase in matches:
            if at_start and a != first:
                continue
            if any(x < b and a < y for x, y in blocked):
                continue
            if last and excepted.could_cover(ahead, a, b):
                continue
            x, y = sentence.spoken_span(a, b)
            found.append(Match(phrase, " ".join(sentence.spoken[x:y]), sentence.text, x, y, index, offset))
        offset += len(sentence.spoken)
    return sorted(found, key=lambda m: (m.sentence_index, m.start, m.start - m.end))


def first_match(text: str, phrases: Phrases, **kwargs: object) -> Match | None:
    """The first match of :func:`find_phrases`, or ``None``."""
    matches = find_phrases(text, phrases, **kwargs)  # type: ignore[arg-type]
    return matches[0] if matches else None


def count_phrases(text: str, phrases: Phrases) -> list[Match]:
    """Non-overlapping matches of ``phrases`` (longest wins where they overlap), in reading order."""
    out: list[Match] = []
    for m in find_phrases(text, phrases):
        if out and out[-1].sentence_index == m.sentence_index and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def stem(token: str) -> str:
    """A crude English stem for overlap counting ("waiting" ~ "waited" ~ "wait")."""
    token = token.removesuffix("'s")
    for suffix in ("ing", "ed", "es", "s"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            token = token[: -len(suffix)]
            break
    if len(token) > 3 and token[-1] == token[-2]:
        token = token[:-1]
    return token


def content_words(text: str) -> set[str]:
    """Stems of the non-stopword tokens of ``text``."""
    return {stem(t) for t in tokens(text) if t not in STOPWORDS and len(t) > 1}


def overlap(reference: str, reply: str) -> tuple[float, int]:
    """Share of ``reference``'s content words found in ``reply``, and how many."""
    ref = content_words(reference)
    if not ref:
        return 0.0, 0
    shared = len(ref & content_words(reply))
    return shared / len(ref), shared


def excerpt(text: str, max_words: int = 16) -> str:
    """The first ``max_words`` words of ``text`` (an ellipsis marks a cut)."""
    words = text.split()
    return " ".join(words[:max_words]) + (" …" if len(words) > max_words else "")
