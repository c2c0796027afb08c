"""A "sounds-like" second chance for a wording phrase the recogniser heard as other words (issue 9).

Most language misses on unseen calls are not the rules' wording gaps: the agent said an idiom the families hold
and the recogniser wrote other words ("no need to go off the deep end" heard "no need to go off in an event").
This module compares what WAS heard with the rules' own phrase families by how the words sound, not how they
are spelled:

- :func:`sound_key`: a word as a rough sound skeleton (our own, simple): consonants folded into classes
  (b/p, d/t/th, g/k/c/q, f/v/ph, s/z/sh/ch/j, m/n, l, r), every vowel run one ``a``, h/w/y dropped, a silent
  final "e" dropped, a letter class said twice in a row once;
- :class:`SoundsLike` expands the families of ``phrases.toml`` (read through :func:`load_language_config`, never
  copied) into phrasings of ``min_words`` words or more, at most ``cap`` a pattern, and finds one in a heard final
  heard with a slip: every word in order, word for word or with the same sound key, but for at most ``slips``
  words heard as a word whose key is alike (:func:`align_cost`: an edit distance where a vowel costs half a
  consonant and near classes, p/f, t/s, t/k, l/r, half a different one); at least half the words word for word,
  and every word not heard word for word one the recogniser was unsure of (its probability under ``unsure_p``).
  A cleanly heard sentence is never read as another one.

A first try matched whole phrasings' keys against any stretch of a final's key, letters not words: with eight
consonant classes and one vowel nearly everything sounds like some calm-down or goodbye (about a hundred false
matches on the quiet calls of each part, and three in four look-alike lines): the key only tells words apart
where the words around it are right.

The figures that decide whether it ships are printed by ``scripts/replay_sounds_like.py``. It does not ship (session
37, P1, docs/nudges.md): it caught one recogniser miss of c790-c861 (one of 9 calm-down moments, none of 12
goodbyes), and every looser setting brought false goodbyes and calm-downs on the must-stay-quiet calls. It stays
here, out of the product, to measure the next recogniser or the next idea with.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from coach.language.config import LanguageConfig, load_language_config
from coach.language.patterns import _Node, _Parser, compile_patterns, fold, normalise, word_tokens

_DIGRAPHS = (
    ("tch", "s"),
    ("sch", "sk"),
    ("ph", "f"),
    ("gh", ""),
    ("ck", "k"),
    ("th", "t"),
    ("sh", "s"),
    ("ch", "s"),
    ("qu", "kw"),
    ("wh", "w"),
    ("x", "ks"),
    ("dg", "s"),
)
_CLASS = str.maketrans(
    {
        "b": "p",
        "p": "p",
        "d": "t",
        "t": "t",
        "g": "k",
        "k": "k",
        "q": "k",
        "f": "f",
        "v": "f",
        "s": "s",
        "z": "s",
        "j": "s",
        "m": "n",
        "n": "n",
        "l": "l",
        "r": "r",
        "a": "a",
        "e": "a",
        "i": "a",
        "o": "a",
        "u": "a",
        "h": None,
        "w": None,
        "y": None,
    }
)
_SOFT_C = re.compile(r"c(?=[eiy])")
_REACH = 8
"""Words either side of the unsure ones that a phrasing heard as other words may take in."""
_NEAR = frozenset({("p", "f"), ("f", "p"), ("t", "s"), ("s", "t"), ("l", "r"), ("r", "l"), ("t", "k"), ("k", "t")})


@lru_cache(maxsize=65536)
def sound_key(word: str) -> str:
    """``word`` as a sound skeleton: consonant classes, vowel runs as one ``a`` (see the module's docstring)."""
    w = "".join(c for c in fold(word) if c.isalpha())
    if len(w) > 2 and w.endswith("e") and w[-2] not in "aeiouy":
        w = w[:-1]
    for digraph, sound in _DIGRAPHS:
        w = w.replace(digraph, sound)
    w = _SOFT_C.sub("s", w).replace("c", "k")
    if w.startswith("y"):
        w = w[1:]
    key = w.translate(_CLASS)
    return re.sub(r"(.)\1+", r"\1", key)


def _weight(c: str) -> float:
    return 0.5 if c == "a" else 1.0


def key_weight(key: str) -> float:
    """How much a key weighs: a consonant 1, a vowel 0.5 (the cost of leaving it out)."""
    return sum(_weight(c) for c in key)


def align_cost(phrase: str, heard: str) -> tuple[float, int, int]:
    """The cheapest edit cost of ``phrase`` (a key) against any stretch of ``heard`` (a key), with the stretch's
    start and end in ``heard`` (semi-global: the heard key's ends are free)."""
    n = len(heard)
    prev = [0.0] * (n + 1)
    start = list(range(n + 1))
    for pc in phrase:
        wp = _weight(pc)
        cur = [prev[0] + wp] + [0.0] * n
        cur_start = [0] * (n + 1)
        for j in range(1, n + 1):
            hc = heard[j - 1]
            sub = 0.0 if pc == hc else (0.5 if (pc, hc) in _NEAR or "a" in (pc, hc) else 1.0)
            best, src = prev[j - 1] + sub, start[j - 1]
            if prev[j] + wp < best:
                best, src = prev[j] + wp, start[j]
            if cur[j - 1] + _weight(hc) < best:
                best, src = cur[j - 1] + _weight(hc), cur_start[j - 1]
            cur[j], cur_start[j] = best, src
        prev, start = cur, cur_start
    j = min(range(n + 1), key=lambda k: prev[k])
    return prev[j], start[j], j


def expand(node: _Node, cap: int) -> list[tuple[str, ...]]:
    """At most ``cap`` phrasings (word tuples) of a parsed pattern, its first alternatives first; a wildcard is
    ``*`` (it sounds like nothing: left out of the key)."""
    if node.op == "word":
        return [(node.token,)]
    if node.op != "seq" and node.op != "alt":
        return [("*",)]
    if node.op == "alt":
        out: list[tuple[str, ...]] = []
        for part in node.parts:
            out += expand(part, cap)
            if len(out) >= cap:
                break
        return out[:cap]
    seqs: list[tuple[str, ...]] = [()]
    for part in node.parts:
        seqs = [a + b for a in seqs for b in expand(part, cap)][:cap]
    return seqs


@dataclass(frozen=True, slots=True)
class Candidate:
    kind: str
    words: tuple[str, ...]
    keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Heard:
    """A phrasing found by its sound: the nudge ``kind``, the phrasing, the heard words' span [first, last) in the
    final's words, the heard tokens there, and how many phrase words were heard only by their sound."""

    kind: str
    phrase: str
    first: int
    last: int
    said: str
    by_sound: int


def _families(config: LanguageConfig) -> Mapping[str, Sequence[str]]:
    return {
        "avoid_calm_down": config.avoid_calm_down.match,
        "check_anything_else": config.check_anything_else.closing_cues,
        "positive_language": tuple(p for rule in config.positive_language.phrases for p in rule.match),
    }


def _similar(a: str, b: str) -> float:
    """How alike two word keys are: 1 - their edit cost over the heavier one's weight."""
    cost, _, _ = align_cost(a, b) if len(a) >= len(b) else align_cost(b, a)
    return 1.0 - cost / max(key_weight(a), key_weight(b), 1.0)


class SoundsLike:
    """The phrasings of the wording families, and a finder of one heard with a slip (module docstring): every
    phrase word heard in order, word for word or with the same sound key, but for at most ``slips`` words heard as
    a word that sounds alike (key similarity ``min_similar``) and the recogniser was unsure of (under
    ``unsure_p``); at least ``min_words`` words, half of them heard word for word."""

    def __init__(
        self,
        config: LanguageConfig | None = None,
        *,
        kinds: Iterable[str] = ("avoid_calm_down", "check_anything_else"),
        cap: int = 24,
        min_words: int = 3,
        slips: int = 1,
        min_similar: float = 0.5,
        unsure_p: float = 0.5,
    ) -> None:
        config = config or load_language_config()
        self.slips, self.min_similar, self.unsure_p = slips, min_similar, unsure_p
        seen: set[tuple[str, tuple[str, ...]]] = set()
        self.candidates: list[Candidate] = []
        for kind, patterns in _families(config).items():
            if kind not in kinds:
                continue
            for pattern in patterns:
                for words in expand(_Parser(pattern, config.slots, ()).whole(), cap):
                    if "*" in words or len(words) < min_words or (kind, words) in seen:
                        continue
                    seen.add((kind, words))
                    self.candidates.append(Candidate(kind, words, tuple(sound_key(w) for w in words)))
        self.exact = {
            kind: compile_patterns(ps, config.slots) for kind, ps in _families(config).items() if kind in kinds
        }
        self.index: dict[str, list[int]] = {}
        for i, cand in enumerate(self.candidates):
            for word in set(cand.words):
                self.index.setdefault(word, []).append(i)

    def find(self, words: Sequence[Mapping], *, gate: bool = True) -> list[Heard]:
        """Phrasings heard with a slip in a final's ``words`` (``{"w", "p"}`` dicts); with ``gate`` False every
        word counts as unsure (the worst case, for text without word probabilities). One a kind."""
        toks: list[str] = []
        probs: list[float] = []
        owner: list[int] = []
        for k, w in enumerate(words):
            for t in normalise(word_tokens(str(w["w"])))[0]:
                toks.append(t)
                owner.append(k)
                probs.append(0.0 if not gate else float(w.get("p", 1.0)))
        if not toks or min(probs) >= self.unsure_p:
            return []
        keys = [sound_key(t) for t in toks]
        covered = {kind: [(a, b) for a, b, _ in ps.find(toks)] for kind, ps in self.exact.items()}
        hits: Counter[int] = Counter()
        for t in set(toks):
            hits.update(self.index.get(t, ()))
        found: dict[str, Heard] = {}
        for i, count in hits.items():
            cand = self.candidates[i]
            n = len(cand.words)
            if 2 * count < n or cand.kind in found:
                continue
            for a in range(len(toks) - n + 1):
                if any(x < a + n and a < y for x, y in covered[cand.kind]):
                    continue  # the rules' own words there: their call (exceptions and all)
                by_sound = self._heard_as(cand, toks[a : a + n], keys[a : a + n], probs[a : a + n])
                if by_sound is not None:
                    said = " ".join(toks[a : a + n])
                    found[cand.kind] = Heard(
                        cand.kind, " ".join(cand.words), owner[a], owner[a + n - 1] + 1, said, by_sound
                    )
                    break
        return list(found.values())

    def _heard_as(
        self, cand: Candidate, toks: Sequence[str], keys: Sequence[str], probs: Sequence[float]
    ) -> int | None:
        """How many of ``cand``'s words were heard only by their sound in ``toks`` (None: not this phrasing, or
        word for word: the rules' own find)."""
        exact = slipped = by_key = 0
        for word, key, tok, heard, p in zip(cand.words, cand.keys, toks, keys, probs, strict=True):
            if word == tok:
                exact += 1
            elif key == heard and key and p < self.unsure_p:
                by_key += 1
            elif p < self.unsure_p and _similar(key, heard) >= self.min_similar:
                slipped += 1
            else:
                return None
        if slipped > self.slips or 2 * exact < len(cand.words) or exact == len(cand.words):
            return None
        return by_key + slipped
