"""A customer who is not angry stays below "tense" on two look-alikes of a grievance (session 51, E58, issue 10): the
time the agent just quoted, taken up ("Three weeks is no trouble"), is no [waiting] of theirs
(``told_wait_not_waiting``), and how the customer feels ("I feel awful about it") is no judgement of the service
([not_markers]). Wording of our own."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.lexicon import default_lexicon
from coach.classify.stage import EscalationStage
from coach.classify.text_anger import TextAngerScorer
from coach.types import SAMPLE_RATE

QUOTE = "The refit takes about three weeks and comes to eighty pounds."


def _markers_after(agent: str, customer: str, **config: bool) -> list[str]:
    """The markers counted once the agent said ``agent`` (a final) and the customer's partial ``customer`` is in."""
    stage = EscalationStage(EscalationConfig(**config), text_scorer=TextAngerScorer())
    stage.push_final({"speaker": "agent", "utt": "a1", "final": True, "text": agent}, SAMPLE_RATE)
    words = [{"w": w, "p": 0.9} for w in customer.split()]
    partial = {"speaker": "customer", "utt": "c1", "t": 2.0, "words": words, "stable": len(words)}
    stage.push_partial(partial, 3 * SAMPLE_RATE)
    return stage._tracker._lexicon()[2]


def test_the_time_the_agent_quoted_taken_up_is_no_wait() -> None:
    assert _markers_after(QUOTE, "Three weeks is no trouble. Can I drop it in on Monday") == []


def test_a_wait_of_their_own_still_counts() -> None:
    # the same time, not quoted by the agent
    assert _markers_after("What seems to be the matter?", "Three weeks is no trouble. Can I drop it in") != []
    # the quoted time, and a wait of their own said with it
    assert "been waiting" in _markers_after(QUOTE, "Three weeks. I have been waiting since the spring")
    # off: the quoted time counts as before
    assert _markers_after(QUOTE, "Three weeks is no trouble", told_wait_not_waiting=False) != []


@pytest.mark.parametrize(
    "text",
    [
        "I feel awful, I promised him it would be ready.",
        "Honestly I felt so terrible when she opened it.",
        "We're all feeling awful about the mix-up.",
    ],
)
def test_how_the_customer_feels_is_no_marker(text: str) -> None:
    assert default_lexicon().find(text) == [], text


@pytest.mark.parametrize(
    "text", ["The repair was awful, it leaks again.", "That is terrible service, and I feel awful for my mum."]
)
def test_a_judgement_of_the_service_still_is(text: str) -> None:
    assert [h.phrase for h in default_lexicon().find(text)] in (["awful"], ["terrible"]), text
