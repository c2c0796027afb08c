"""The agent owning the fault heard as a policy: "You're right, and I'm sorry ... and that's our work." heard "... and
that's how it works." (issue 9, session 45, helper P2).

:func:`owned_fault` tells :class:`~coach.language.phrasing.PositiveLanguageRule` that a policy it found ("that's how
it works", said as a whole match of ``shapes``) sits in a turn that has already conceded ("you're right") and
apologised ("sorry") with no contrast word after the concession: the agent is taking the fault on, and the recogniser
heard "our work" as "how it works". The words are in ``owned_fault.toml`` beside this module, with the calls they come
from. Reads the text only (the words were heard surely; word probabilities do not tell it).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from coach.language.patterns import word_tokens
from coach.language.text import Match, sentence_of

_TOML = Path(__file__).with_name("owned_fault.toml")


@dataclass(frozen=True, slots=True)
class FaultWords:
    """``owned_fault.toml`` as token tuples: the policy ``shapes`` (a whole match), the ``concede`` and ``apologise``
    phrases looked for before it, and the ``contrast`` words that keep it a policy."""

    shapes: frozenset[tuple[str, ...]]
    concede: tuple[tuple[str, ...], ...]
    apologise: tuple[tuple[str, ...], ...]
    contrast: frozenset[str]


@cache
def fault_words() -> FaultWords:
    """The packaged ``owned_fault.toml``, read once."""
    raw = tomllib.loads(_TOML.read_text(encoding="utf-8"))
    return FaultWords(
        shapes=frozenset(word_tokens(s) for s in raw["shapes"]),
        concede=tuple(word_tokens(s) for s in raw["concede"]),
        apologise=tuple(word_tokens(s) for s in raw["apologise"]),
        contrast=frozenset(raw["contrast"]),
    )


def _find(toks: tuple[str, ...], phrases: tuple[tuple[str, ...], ...]) -> int | None:
    """The first position in ``toks`` where one of ``phrases`` starts, or ``None``."""
    for i in range(len(toks)):
        if any(toks[i : i + len(p)] == p for p in phrases):
            return i
    return None


def owned_fault(text: str, m: Match) -> bool:
    """Whether match ``m`` of agent turn ``text`` (a final, or a partial's committed words) is the agent owning the
    fault misheard as a policy (module doc)."""
    words = fault_words()
    if word_tokens(m.said) not in words.shapes:
        return False
    s = sentence_of(text, m)
    if s is None:
        return False
    toks = word_tokens(text)
    at = m.offset + m.start
    sentence_end = m.offset + len(s.spoken)
    before = toks[:at]
    conceded, sorry = _find(before, words.concede), _find(before, words.apologise)
    if conceded is None or sorry is None:
        return False
    return not set(toks[min(conceded, sorry) : sentence_end]) & words.contrast
