"""Whether an agent's words tell the customer to calm down: context for the customer's next turn.

An agent who tells an upset customer to calm down ("there's no need for theatrics", "stay cool as a cucumber for
me") is, on the scripted calls, answered by an angry turn far more often than not, and that anger is often said at
the customer's usual level, with no complaint word in its first seconds (issue 10; ``models/arousal.md``, session
52, E59): on the tuning scripts c01-c1197 the customer turn after an agent turn the scripts mark ``avoid_calm_down``
is angry 119 times, upset 22, calm 5. The escalation tracker counts it as weak evidence for that next turn only
(``told_calm_weight``). The words are judged by the product's own calm-down phrase tables (the ``avoid_calm_down``
rule of :mod:`coach.language`, without its sentence head; the analyser passes the call's own language settings'
rule, so a site's added phrases count here too), so the coach's nudge and this reading agree on wording.

Compliance: reads an agent transcript's text only to say yes or no; infers nothing about the agent; keeps and logs
nothing. Cost: one pass of the phrase tables over an agent final (as the language coach's own rule makes).
"""

from __future__ import annotations

from coach.language.listening import packaged_calm_down
from coach.language.phrasing import CalmDownRule


def told_calm_down(text: str, rule: CalmDownRule | None = None) -> bool:
    """Whether the agent's final ``text`` tells the customer to calm down, by ``rule`` (the call's own language
    settings' calm-down rule; None: the packaged tables, :func:`~coach.language.listening.packaged_calm_down`), its
    exceptions included: "I'd never ask you to calm down" is not."""
    return bool(text.strip()) and (rule or packaged_calm_down()).find(text) is not None
