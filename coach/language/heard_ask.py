"""The closing ask heard as a refusal: "Is there anything else I can do for you?" heard "There's nothing else I can do
for you." (issue 9, session 45, helper P2).

:func:`ask_heard` tells :class:`~coach.language.phrasing.PositiveLanguageRule` that a refusal it found is the ask
misheard: the match's sentence reads, from the match on, as the ask's tail with a negative in front ("there's
nothing else I can do", "it's never anything more I can do for you") and ends a few words later, and the words the
recogniser put where "Is there any-" was said (the lead and the negative word) were all heard unsurely (word
probability under ``max_p``). The words and the floor are in ``heard_ask.toml`` beside this module, with the figures
they rest on. Text without word probabilities (a wording list's line, a test's text) is never excused: the words
"there's nothing else I can do" said as a statement are a refusal.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from coach.language.patterns import fold
from coach.language.text import Match, sentence_of, sentences
from coach.language.utterance import Utterance

_TOML = Path(__file__).with_name("heard_ask.toml")


@dataclass(frozen=True, slots=True)
class AskWords:
    """``heard_ask.toml``: ``max_p`` (word probability, 0..1) under which every lead and negative word must have been
    heard; the word classes (folded tokens) of the ask's shape; ``max_after`` words at most after the ask's verb,
    none of ``not_after``."""

    max_p: float
    lead: frozenset[str]
    negative: frozenset[str]
    ask: tuple[frozenset[str], ...]
    max_after: int
    not_after: frozenset[str]
    tail_negative: frozenset[str]
    tail_not_after: frozenset[str]


@cache
def ask_words() -> AskWords:
    """The packaged ``heard_ask.toml``, read once."""
    raw = tomllib.loads(_TOML.read_text(encoding="utf-8"))
    return AskWords(
        max_p=float(raw["max_p"]),
        lead=frozenset(raw["lead"]),
        negative=frozenset(raw["negative"]),
        ask=tuple(frozenset(slot) for slot in raw["ask"]),
        max_after=int(raw["max_after"]),
        not_after=frozenset(raw["not_after"]),
        tail_negative=frozenset(raw["tail_negative"]),
        tail_not_after=frozenset(raw["tail_not_after"]),
    )


def _unsure_span(said: list[str], words: AskWords) -> int | None:
    """How many words open ``said`` (the sentence's words from the match on) where the ask's "Is there any-" was
    said: its lead (at most two words: "there's", "there is") and its negative word ("never" before "anything", or
    "nothing" for "anything"), when ``said`` has the ask's shape and end (:class:`AskWords`); ``None`` when it has
    not, or when none of those words is negative ("there's anything else I can do" refuses nothing)."""
    i = 0
    while i < 2 and said[i : i + 1] and said[i] in words.lead:
        i += 1
    if said[i : i + 1] and said[i] in words.negative and said[i] != "nothing":
        i += 1
    span = i + (said[i : i + 1] == ["nothing"])
    for n, slot in enumerate(words.ask):
        if n == 2 and said[i : i + 1] == ["that"]:
            i += 1  # "nothing else that I can do"
        if not said[i : i + 1] or said[i] not in slot:
            return None
        i += 1
    after = said[i:]
    if len(after) > words.max_after or set(after) & words.not_after:
        return None
    return span if set(said[:span]) & words.negative else None


def ask_heard(u: Utterance, m: Match) -> bool:
    """Whether match ``m`` of ``u`` (a final, or a partial's committed words) is the closing ask misheard as a refusal
    (module doc). ``False`` when the words carry no probabilities or do not line up with the text."""
    words = ask_words()
    s = sentence_of(u.text, m)
    if s is None:
        return False
    span = _unsure_span([fold(w) for w in s.spoken[m.start :]], words)
    if span is None:
        return False
    heard = u.match_words(dataclasses.replace(m, end=m.start + span))
    ps = [w.get("p") for w in heard]
    if len(heard) != span or any(p is None for p in ps):
        return False
    return all(float(p) < words.max_p for p in ps)


def ask_tail_heard(u: Utterance, m: Match) -> bool:
    """Whether match ``m`` of the agent's final ``u`` is the closing ask's tail heard with "can" as "can't" (session 56,
    Q54; ``heard_ask.toml``): ``m``'s sentence is the turn's last and reads, from ``m`` on, as "I|we can't help|do" and
    one to ``max_after`` more words, none of ``tail_not_after``, to its end ("... the hails I can't help win to me." for
    "... Is there anything else I can help with today?"); the word before ``m`` was heard under ``max_p`` (where the
    ask's "Is there anything else" was said), and so was a word after the verb, or the words end on a stranded "with"
    (the ask's relative clause: "... anything else ... I can help with"). ``False`` for a partial, for words without
    probabilities, and for a refusal that names what it refuses ("I can't help with that.", "I can't do refunds on
    sale items." heard surely) or stops at its verb ("Sorry, I can't help.")."""
    words = ask_words()
    s = sentence_of(u.text, m)
    if not u.final or s is None or m.start < 1 or m.sentence_index != len(sentences(u.text)) - 1:
        return False
    said = [fold(w) for w in s.spoken[m.start :]]
    shape = (words.ask[2], words.tail_negative, words.ask[4])
    if len(said) < 4 or any(said[i] not in slot for i, slot in enumerate(shape)):
        return False
    after = said[3:]
    if len(after) > words.max_after or set(after) & words.tail_not_after:
        return False
    before = u.match_words(dataclasses.replace(m, start=m.start - 1, end=m.start))
    tail = u.match_words(dataclasses.replace(m, start=m.start + 3, end=m.start + len(said)))
    ps = [w.get("p") for w in (*before, *tail)]
    if len(before) != 1 or len(tail) != len(after) or any(p is None for p in ps):
        return False
    stranded = after[-1] == "with"  # "... I can help with": the ask's relative clause, its object said before it
    return float(ps[0]) < words.max_p and (stranded or any(float(p) < words.max_p for p in ps[1:]))
