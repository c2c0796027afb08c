"""No calm-down before the customer has said a word: there is nobody to calm yet.

A calm-down read in the agent's words before any word of the customer's was transcribed is a misheard greeting
("Breathe" for a company's name, quiet c1070 in session 46; c1087's and c1092's at 1.0-1.8 s into the call, the
forty-sixth held-out part): none of the 172 calm-down moments of the scripts c01-c1077 comes before the customer's
first turn (helpers C16 and C17's census, sessions 46-47). :class:`NobodyToCalm` sits on the product's call path
(:class:`~coach.pipeline.analyzer.CallAnalyzer`) between :class:`~coach.language.coach.LanguageCoach` and the nudge
policy, and so on every replay of a whole call (:meth:`NobodyToCalm.push`); the language coach itself reads each
agent line alone (the wording lists' lines are calls of their own).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from coach.language.coach import LanguageCoach
from coach.language.phrasing import CalmDownRule
from coach.types import Nudge, Withdrawal

CUSTOMER = "customer"


class NobodyToCalm:
    """One call's gate. :meth:`heard` with every transcript event dict (partials and finals, in call order) before
    :meth:`passed` with what the language coach made of it."""

    def __init__(self) -> None:
        self._customer_spoke = False
        self._dropped: set[str] = set()

    @property
    def customer_spoke(self) -> bool:
        """Whether a word of the customer's (a partial's or a final's) has been transcribed yet."""
        return self._customer_spoke

    def heard(self, event: Mapping[str, Any]) -> None:
        """Note one transcript event: a customer's with any word opens the gate for the rest of the call."""
        if event.get("speaker") == CUSTOMER and str(event.get("text", "")).strip():
            self._customer_spoke = True

    def push(self, coach: LanguageCoach, event: Mapping[str, Any]) -> list[Nudge | Withdrawal]:
        """:meth:`heard` ``event``, then what ``coach`` makes of it (:meth:`LanguageCoach.push`), :meth:`passed`."""
        self.heard(event)
        return self.passed(coach.push(event))

    def passed(self, found: Iterable[Nudge | Withdrawal]) -> list[Nudge | Withdrawal]:
        """``found`` less the calm-down nudges while the customer has said nothing, and less the later withdrawals of
        those moments (never shown, so nothing to take back)."""
        out: list[Nudge | Withdrawal] = []
        for n in found:
            if isinstance(n, Nudge) and n.kind == CalmDownRule.kind and not self._customer_spoke:
                self._dropped.add(n.moment)
            elif not (isinstance(n, Withdrawal) and n.moment in self._dropped):
                out.append(n)
        return out
