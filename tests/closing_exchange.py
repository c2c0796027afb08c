"""One short exchange fed to the language coach, to ask whether the agent's last reply is nudged as a close
(check_anything_else). Shared by the closing tests that differ only in the call's opening words."""

from __future__ import annotations

from coach.language import LanguageCoach
from coach.types import Nudge
from tests.test_language_rules import final


def closes_after(opening: str, found_it: str, customer: str, agent: str) -> bool:
    """Whether ``agent``, the agent's reply to the customer's turn ``customer`` (60 s into the call, after the
    customer's ``opening`` at 5 s and the agent's ``found_it`` at 12 s; no "anything else?" anywhere), is nudged as a
    close."""
    coach = LanguageCoach()
    coach.push(final("customer", opening, 5.0))
    coach.push(final("agent", found_it, 12.0, utt="agent-1"))
    coach.push(final("customer", customer, 60.0, utt="customer-2"))
    found = coach.push(final("agent", agent, 70.0, utt="agent-3"))
    return any(isinstance(n, Nudge) and n.kind == "check_anything_else" for n in found)
