"""No calm-down nudge before the customer's first word (session 47, lead; the forty-sixth held-out part's c1087 and
c1092, quiet c1070 before them: a greeting misheard as "Breathe" / "Relax"). The real language coach and its product
config feed the gate, as :class:`~coach.pipeline.analyzer.CallAnalyzer` does; events on an injected call timeline."""

from __future__ import annotations

from coach.language import LanguageCoach
from coach.language.nobody_to_calm import NobodyToCalm
from coach.types import Nudge, Withdrawal
from tests.test_language_rules import final


def through(coach: LanguageCoach, gate: NobodyToCalm, *events: dict) -> list[Nudge | Withdrawal]:
    """``events`` through the gate's one composition (:meth:`NobodyToCalm.push`), as the analyzer feeds it."""
    return [n for e in events for n in gate.push(coach, e)]


def kinds(found: list[Nudge | Withdrawal]) -> list[str]:
    return [n.kind for n in found if isinstance(n, Nudge)]


def test_a_calm_down_before_the_customer_said_a_word_is_dropped_and_one_after_passes() -> None:
    coach, gate = LanguageCoach(), NobodyToCalm()
    assert kinds(coach.push(final("agent", "Relax.", 0.5))) == ["avoid_calm_down"]  # the coach alone reads it
    coach = LanguageCoach()
    assert kinds(through(coach, gate, final("agent", "Relax.", 0.5))) == []
    assert not gate.customer_spoke
    later = through(
        coach, gate, final("customer", "This is the third time I've rung!", 2.0), final("agent", "Relax.", 6.0)
    )
    assert gate.customer_spoke and kinds(later) == ["avoid_calm_down"]


def test_a_customer_partial_opens_the_gate_and_other_kinds_pass_before_it() -> None:
    coach, gate = LanguageCoach(), NobodyToCalm()
    refusal = through(coach, gate, final("agent", "We can't do refunds on sale items, it's company policy.", 0.5))
    assert kinds(refusal) == ["positive_language"]
    gate.heard({"type": "transcript", "speaker": "customer", "text": "Hello?", "final": False})
    assert gate.customer_spoke
    gate.heard({"type": "transcript", "speaker": "customer", "text": " ", "final": False})
    assert gate.customer_spoke


def test_an_empty_customer_event_keeps_the_gate_shut_and_a_dropped_moment_is_never_withdrawn() -> None:
    gate = NobodyToCalm()
    gate.heard({"type": "transcript", "speaker": "customer", "text": "  ", "final": False})
    nudge = Nudge(
        kind="avoid_calm_down", text="t", severity="high", evidence={}, start=0, moment="agent-1:avoid_calm_down"
    )
    assert gate.passed([nudge]) == []
    assert gate.passed([Withdrawal(moment=nudge.moment, why="gone")]) == []
    other = Withdrawal(moment="agent-1:positive_language", why="gone")
    assert gate.passed([other]) == [other]
