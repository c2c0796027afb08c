"""Text normalisation shared by word agreement, guards and WER scoring.

:func:`word_key` compares single words (case and punctuation folded). :func:`normalize` folds a
whole text for scoring: lower case, punctuation removed (apostrophes kept inside words), single digits
joined by hyphens (three or more) or by commas (four or more) read as one number ("1-2-3-4" and
"1, 2, 3, 4" -> "1234", as Whisper writes an extension or PIN any of these ways; "press 1, 2 or 3" stays
three numbers), other hyphens and slashes split, digits spelled out ("28.8" -> "twenty eight point eight",
"1234" -> "one thousand two hundred thirty four"), "%" -> "percent". Both sides of a WER comparison must go through it.
"""

from __future__ import annotations

import re

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_PUNCT = re.compile(r"[^\w\s']")
_SPACES = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# "1-2-3-4" (three digits or more) or "1, 2, 3, 4" (four or more): one number written digit by digit
_DIGIT_RUN = re.compile(r"(?<![\w.,-])\d(?:(?:-\d){2,}|(?:, \d){3,})(?![\w-]|[.,]\d)")


def spell_int(n: int) -> str:
    """Spell a non-negative integer below one billion in English words."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " " + spell_int(rest))
    for size, name in ((1_000_000, "million"), (1000, "thousand")):
        if n >= size:
            rest = n % size
            return spell_int(n // size) + " " + name + ("" if rest == 0 else " " + spell_int(rest))
    raise AssertionError("unreachable")


def _spell_number(match: re.Match[str]) -> str:
    token = match.group(0)
    whole, _, frac = token.partition(".")
    if len(whole) > 9:
        return " ".join(_ONES[int(d)] for d in whole)
    words = spell_int(int(whole))
    if frac:
        words += " point " + " ".join(_ONES[int(d)] for d in frac)
    return f" {words} "


def normalize(text: str) -> str:
    """Fold ``text`` for scoring (see module docstring); returns space-separated words."""
    text = text.lower().replace("\u2019", "'").replace("%", " percent ")
    text = _DIGIT_RUN.sub(lambda m: re.sub(r"-|, ", "", m.group(0)), text)
    text = re.sub(r"[-/_]", " ", text)
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    text = re.sub(r"\b(\d+)(st|nd|rd|th)\b", r"\1", text)
    text = _NUMBER.sub(_spell_number, text)
    text = _PUNCT.sub(" ", text)
    words = [w.strip("'") for w in _SPACES.split(text)]
    return " ".join(w for w in words if w)


def words_of(text: str) -> list[str]:
    """:func:`normalize` split into words."""
    return normalize(text).split()


def word_key(word: str) -> str:
    """Key for comparing two hypotheses word by word: lower case, punctuation stripped."""
    return _PUNCT.sub("", word.lower().replace("\u2019", "'")).strip().strip("'")


def edit_distance(ref: list[str], hyp: list[str]) -> int:
    """Levenshtein distance (substitutions + deletions + insertions) between two sequences: of words (WER),
    or of letters (``list(word)``, the refusal grammar's heard forms of a verb)."""
    prev = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        cur = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (r != h))
        prev = cur
    return prev[-1]


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate of one pair after :func:`normalize` (``inf`` if the reference is empty and the
    hypothesis is not, 0 if both are empty)."""
    ref, hyp = words_of(reference), words_of(hypothesis)
    if not ref:
        return 0.0 if not hyp else float("inf")
    return edit_distance(ref, hyp) / len(ref)


def corpus_wer(pairs: list[tuple[str, str]]) -> float:
    """Total edits over total reference words for ``(reference, hypothesis)`` pairs."""
    edits = words = 0
    for reference, hypothesis in pairs:
        ref, hyp = words_of(reference), words_of(hypothesis)
        edits += edit_distance(ref, hyp)
        words += len(ref)
    return edits / words if words else 0.0
