"""A customer whose angry line the agent has answered by making amends (an apology and a commitment to act) is not read
"tense" on a raised voice alone as their next turn starts (issue 10, session 53, E61: ``agent_amends_damp``,
:func:`coach.classify.amends.makes_amends`).

The text rule on agent answers, then the stage fed finals and synthetic prosody reports in call time as in
``tests/test_escalation_thanks.py``.
"""

from __future__ import annotations

import pytest

from coach.classify.amends import MIN_WORDS, makes_amends
from coach.classify.escalation import EscalationConfig
from coach.config import ConfigError
from coach.types import SAMPLE_RATE
from tests.test_escalation_thanks import RAISED, _customer, _raised_turn, _report

AMENDS = (
    "You're right, Soledad, I'm sorry. I'll take care of it myself. I'm sending a kilo from this week's shipment by "
    "courier this afternoon, you'll have it tomorrow morning."
)
"""An answer that owns the fault, apologises and commits to an action, in more than :data:`MIN_WORDS` words."""


@pytest.mark.parametrize(
    "text",
    [
        AMENDS,
        "That's fair, I kept cutting in, and I apologise. Split blades and a loose wire are faults in our making, not "
        "in how you soaked them. We'll make you five new reeds from the French cane today.",
        "A seam split out of the box is on us. Our showroom has two of the same steamer on the shelf, and I've just "
        "asked them to hold one with your name on it, ready to collect.",
    ],
)
def test_answers_that_make_amends(text: str) -> None:
    assert makes_amends(text)


@pytest.mark.parametrize(
    "text",
    [
        "Sorry, I'll check.",  # a holding line: too short
        # an apology with no commitment to act
        "I'm sorry to hear that, it must be very frustrating when a delivery goes wrong on the very morning you "
        "needed it, and nobody wants that to happen before a wedding.",
        # an apology for the talk itself, not for the fault (c1127, c1129 heard)
        "Sorry, yes, I'm back. Well, I will keep it until they renew the certificate in March, and it seems he let "
        "it slide. So that's really one for her.",
        "We've had lovely feedback from customers who've never tied a fly in their life and I've seen them tie their "
        "own patterns within a fortnight, one gentleman caught a grilse on his first one, sorry to go on.",
        "We'll rate a hundred grams, a lot of coaches like to start new players on them so they learn the flick "
        "without training their wrists, and we also do a coaching pack. Anyway, sorry, what wanted you wanted to ask?",
        # a commitment with no apology
        "One moment, I'm opening your order. Yes, the forty quart steamer with the rack, sent on Monday, and I'll "
        "need the order number from the email before I can look any further at what went wrong.",
    ],
)
def test_answers_that_do_not(text: str) -> None:
    assert not makes_amends(text)


def test_the_word_count_is_of_the_whole_answer() -> None:
    words = AMENDS.split()
    assert len(words) >= MIN_WORDS
    assert not makes_amends(" ".join(words[: MIN_WORDS - 1]))


def _agent(t: float, text: str) -> dict[str, object]:
    """An agent final starting at ``t`` (call seconds)."""
    return {"speaker": "agent", "final": True, "utt": f"agent-{t}", "t": t, "text": text}


def _next_turn_levels(finals: tuple[dict[str, object], ...], **cfg: float) -> set[str]:
    """The levels of the customer's raised turn (:data:`RAISED`, at 15 s) after ten seconds of ordinary speech whose
    finals and the agent's reach the stage in the order of ``finals``."""
    from coach.classify.stage import EscalationStage
    from coach.classify.text_anger import TextAngerScorer

    stage = EscalationStage(EscalationConfig(**cfg), text_scorer=TextAngerScorer())
    for s in range(1, 11):
        _report(stage._tracker, s, (0.0, 0.3, -0.3)[s % 3])
    for e in finals:
        stage.push_final(e, 11 * SAMPLE_RATE)
    return set(_raised_turn(stage._tracker, 11.0, RAISED))


CUSTOMER = _customer(1, 2.0, 10.0, "We had a kilo of vanilla pods delivered yesterday and they came dry.")


@pytest.mark.parametrize("agent_first", [False, True])
def test_amends_warm_the_next_turn_whichever_final_arrives_first(agent_first: bool) -> None:
    amends = _agent(10.4, AMENDS)
    assert _next_turn_levels((amends, CUSTOMER) if agent_first else (CUSTOMER, amends)) == {"calm"}


def test_amends_said_over_two_finals_count() -> None:
    first, second = AMENDS.split(". ", 1)
    assert not makes_amends(first)
    assert _next_turn_levels((CUSTOMER, _agent(10.4, first), _agent(13.0, second))) == {"calm"}


def test_without_amends_or_with_the_key_off_the_raised_start_is_tense() -> None:
    assert "tense" in _next_turn_levels((CUSTOMER, _agent(10.4, "One moment, I'm opening your order.")))
    assert "tense" in _next_turn_levels((CUSTOMER, _agent(10.4, AMENDS)), agent_amends_damp=0.0)


def test_the_answer_is_forgotten_at_the_customers_next_final() -> None:
    """An apology in one answer and a commitment in another, with the customer's final between, are no amends."""
    first, second = AMENDS.split(". ", 1)
    later = _customer(2, 11.0, 12.0, "Right.")
    assert "tense" in _next_turn_levels((CUSTOMER, _agent(10.4, first), later, _agent(12.5, second.split(".")[0])))


def test_the_setting_is_checked() -> None:
    for value in (1.5, -0.1):
        with pytest.raises(ConfigError):
            EscalationConfig(agent_amends_damp=value)
