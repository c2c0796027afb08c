"""Word-level text helpers for the language rules: sentences, phrase matching, content words.

Matching works on *tokens*: lower-cased words with straight apostrophes, punctuation dropped. A
phrase matches a contiguous run of tokens; an exception phrase that overlaps a match cancels it
("no problem" cancels "no"). Matches keep the words as spoken for evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from coach.language.patterns import (
    WORD,
    FrozenSlots,
    PhraseSet,
    Slots,
    compile_patterns,
    fold,
    normalise,
    remember,
    word_tokens,
)

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
    found = _occurrences(text, wanted, _compiled(exceptions, slots), open_end, lambda _: at_start)
    return sorted((m for _, m in found), key=_reading_order)


def _reading_order(m: Match) -> tuple[int, int, int]:
    """:func:`find_phrases`' order: by sentence, then start, the longest first at a tie (a stable sort: then as
    :meth:`PhraseSet.find_numbered` gives them)."""
    return m.sentence_index, m.start, m.start - m.end


@dataclass(frozen=True, slots=True)
class PhraseGroups:
    """Several lists of patterns compiled as one :class:`PhraseSet` (``phrases``: the lists' compiled patterns one
    after another) and read in one walk of each sentence by :func:`find_grouped`, each list with its own
    ``at_start``: a rule that tried its lists one by one asked :func:`find_phrases` once per list and sentence (the
    ~75 positive-language families, the closing rule's ~65 tail cues: half of a wording line's CPU; session 58,
    T58). ``group_of[i]``: the list pattern ``i`` of ``phrases`` comes from; ``at_start[i]``: its list's."""

    phrases: PhraseSet
    group_of: tuple[int, ...]
    at_start: tuple[bool, ...]
    size: int


_GROUPS: dict[tuple, tuple[tuple, Slots | None, PhraseGroups]] = {}
""":func:`phrase_groups`' answers for lists that do not change (tuples of patterns, compiled sets) and a loaded slots
table (:class:`~coach.language.patterns.FrozenSlots`) or none, by the objects' identity (held, so their ids are not
reused): each coach of a call asks again; forgotten all at once past :data:`_GROUP_SETS`."""
_GROUP_SETS = 32


def phrase_groups(
    groups: Sequence[Phrases],
    slots: Slots | None = None,
    at_start: Sequence[bool] | None = None,
    *,
    one_each: bool = False,
) -> PhraseGroups:
    """:class:`PhraseGroups` of the pattern lists (or compiled sets) ``groups``, ``slots`` filling their slots (each
    list compiled as :func:`find_phrases` compiles it, so a configured list is not compiled again); ``at_start``: per
    list, whether its matches must open a sentence, as :func:`find_phrases`' ``at_start`` (none: no list's).
    ``one_each``: each pattern of the lists is a list of its own (in order)."""
    flags = tuple(at_start) if at_start is not None else (False,) * len(groups)
    if len(flags) != len(groups):
        raise ValueError(f"{len(flags)} at_start flags for {len(groups)} pattern lists")
    fixed = (slots is None or type(slots) is FrozenSlots) and all(type(g) in (tuple, PhraseSet) for g in groups)
    key = (*map(id, groups), id(slots), flags, one_each)
    seen = _GROUPS.get(key) if fixed else None
    if seen is not None:
        return seen[2]
    sets = [_compiled(g, slots) for g in groups]
    joined = tuple(p for s in sets for p in s.patterns)
    of_list = tuple(g for g, s in enumerate(sets) for _ in s.patterns)
    size = len(joined) if one_each else len(groups)
    found = PhraseGroups(
        PhraseSet(joined), tuple(range(size)) if one_each else of_list, tuple(flags[g] for g in of_list), size
    )
    if fixed:
        remember(_GROUPS, key, (tuple(groups), slots, found), _GROUP_SETS)  # held: their ids are not reused meanwhile
    return found


def find_grouped(
    text: str, groups: PhraseGroups, *, exceptions: Phrases = (), slots: Slots | None = None, open_end: bool = False
) -> list[list[Match]]:
    """Per list of ``groups``, in order: exactly what :func:`find_phrases` answers for that list alone (with its
    ``at_start``, the same ``exceptions`` and ``open_end``), from one walk of each sentence for all of them. A
    pattern's occurrences do not depend on the other patterns of its set (every end of every pattern at every
    start is found, and only the exceptions cancel one), so the lists' answers are the joined set's, split by
    the pattern each came from (which a pattern written in two lists tells apart)."""
    out: list[list[Match]] = [[] for _ in range(groups.size)]
    flags = groups.at_start
    for i, m in _occurrences(text, groups.phrases, _compiled(exceptions, slots), open_end, flags.__getitem__):
        out[groups.group_of[i]].append(m)
    return [sorted(found, key=_reading_order) if len(found) > 1 else found for found in out]


def _occurrences(
    text: str, wanted: PhraseSet, excepted: PhraseSet, open_end: bool, at_start: Callable[[int], bool]
) -> list[tuple[int, Match]]:
    """The non-excepted occurrences of ``wanted`` in ``text`` (see :func:`find_phrases`), each with the index of
    its pattern in ``wanted``, by sentence, start, pattern and end; ``at_start(i)``: whether pattern ``i``'s
    matches must open their sentence."""
    found = []
    parts = sentences(text)
    patterns = wanted.patterns
    offset = 0
    for index, sentence in enumerate(parts):
        toks = sentence.tokens
        matches = wanted.find_numbered(toks)
        if not matches:
            offset += len(sentence.spoken)
            continue  # the exceptions judge matches only (most families match nothing in most sentences)
        ahead = (*toks, *parts[index + 1].tokens) if index + 1 < len(parts) else toks
        blocked = excepted_spans(excepted, parts, index)
        first = _leading_fillers(toks)
        last = open_end and index >= len(parts) - 2  # an exception may still run into the open end
        for a, i, b in matches:
            if a != first and at_start(i):
                continue
            if any(x < b and a < y for x, y in blocked):
                continue
            if last and excepted.could_cover(ahead, a, b):
                continue
            x, y = sentence.spoken_span(a, b)
            m = Match(patterns[i].source, " ".join(sentence.spoken[x:y]), sentence.text, x, y, index, offset)
            found.append((i, m))
        offset += len(sentence.spoken)
    return found


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
