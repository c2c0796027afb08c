"""A customer's first turn that is louder than the agent's greeting and opens without a greeting word (issue 10).

Compliance: customer lane only for the words (the stage passes the first turn's partial words; none is kept, only
whether a greeting word was among the first ones); the agent lane gives only its loudness (dBFS) before the customer
first speaks.

The customer's first turn is the only one with no level of their own voice to compare with, and its first 3 s hold
no grievance yet (the anger is said ~2.5-3.5 s in, after the agent's name and their own). Two things it does carry:
its level against the agent's on the same call (the agent's greeting is the one voice already heard), and whether it
opens with a pleasantry ("Hi Sam, ...", "Oh hello, yes, ..."). Over the first customer turns of the tuning scripts
c01-c957 that state a mood, a turn rendered louder than normal with no greeting word among its first three words was
angry 68 times, happy twice (quiet c422, c501), calm or upset never (models/arousal.md, session 43, E47). The
loud lively happy opener greets.

:class:`LoudOpener` keeps the state for one call; the stage feeds it and counts its marker once.
"""

from __future__ import annotations

import math
import statistics
import tomllib
from pathlib import Path

from coach.classify.lexicon import delighted, tokens

GREETING_PATH = Path(__file__).with_name("opener_greeting.toml")


def load_greetings(path: Path = GREETING_PATH) -> frozenset[str]:
    """The greeting, thanks and pleasantry words (lower case) of ``path``'s ``words`` list."""
    return frozenset(str(w).lower() for w in tomllib.loads(path.read_text(encoding="utf-8"))["words"])


GREETINGS = load_greetings()


class LoudOpener:
    """Whether the customer's first turn opens loud against the agent and without a greeting.

    ``margin_db``: how much louder (dB) than the median of the agent's prosody reports before the customer first
    spoke the first turn's loudest report must be; ``first_words``: how many of the first turn's first words heard
    must be in (a partial holding at least this many) with none of them a greeting word (:data:`GREETINGS`), on this
    partial or an earlier one of the turn, nor a word of delight anywhere in them. :meth:`opens_loud` is true once
    both hold (the caller counts it once).
    ``agent_floor_dbfs``: the agent's level counts as at least this (dBFS; -inf: no floor), so an agent lane quieter
    than agents' greetings usually are (a quiet headset or voice, c1010's -31.7 dBFS) cannot make a customer at an
    ordinary level read as loud; the customer's loudest must then also be ``margin_db`` above the floor itself.
    """

    def __init__(
        self,
        margin_db: float,
        first_words: int,
        greetings: frozenset[str] = GREETINGS,
        agent_floor_dbfs: float = -math.inf,
    ) -> None:
        self._margin_db = margin_db
        self._agent_floor_dbfs = agent_floor_dbfs
        self._first_words = max(1, first_words)
        self._greetings = greetings
        self._agent_db: list[float] = []
        self._customer_db = -math.inf
        self._heard_enough = False
        self._greeted = False

    def agent_level(self, dbfs: float) -> None:
        """An agent prosody report's loudness (dBFS), given only before the customer first speaks."""
        self._agent_db.append(dbfs)

    def customer_level(self, dbfs: float) -> None:
        """A prosody report's loudness (dBFS) of the customer's first turn."""
        self._customer_db = max(self._customer_db, dbfs)

    def heard(self, text: str) -> None:
        """The words of a partial of the customer's first turn (all of them, heard surely or not). A word of delight
        anywhere in them (:func:`~coach.classify.lexicon.delighted`: "Rowena! Brilliant, a real person!") counts as a
        greeting: no angry opener of the analysed tuning calls c01-c1029 had one before its first final (session 47,
        E51)."""
        first = tokens(text)[: self._first_words]
        self._greeted = self._greeted or any(w in self._greetings for w in first) or delighted(text)
        self._heard_enough = self._heard_enough or len(first) >= self._first_words

    @property
    def customer_db(self) -> float:
        """The first turn's loudest prosody report so far (dBFS; -inf before the first)."""
        return self._customer_db

    @property
    def agent_db(self) -> float:
        """The agent's level before the customer first spoke: their reports' median floored at ``agent_floor_dbfs``
        (dBFS; -inf before the first report)."""
        if not self._agent_db:
            return -math.inf
        return max(statistics.median(self._agent_db), self._agent_floor_dbfs)

    @property
    def louder_than_agent_db(self) -> float:
        """The first turn's loudest report minus the agent's median level, floored at ``agent_floor_dbfs`` (dB; -inf
        before both are known)."""
        if not self._agent_db or self._customer_db == -math.inf:
            return -math.inf
        return self._customer_db - self.agent_db

    def opens_loud(self) -> bool:
        """Whether the first turn so far is ``margin_db`` louder than the agent and opened without a greeting."""
        return self._heard_enough and not self._greeted and self.louder_than_agent_db >= self._margin_db
