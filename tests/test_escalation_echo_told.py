"""The customer repeating what the agent just said, without the transcriber's question mark (session 17,
E12, issue 10): disbelief when the voice is raised, a confirmation when it is not; the agent's words are
kept only until the customer's next final and never scored. Wording of our own."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.lexicon import echoes_told, tokens
from coach.classify.stage import EscalationStage
from coach.classify.text_anger import TextAngerScorer
from coach.types import SAMPLE_RATE, Event

TOLD = set(tokens("Sorry, the earliest slot we have is next Friday, it's only a week."))


@pytest.mark.parametrize(
    ("said", "echo"),
    [
        ("Next Friday. I need it tomorrow.", True),
        ("Only a week. That's a week without heat", True),
        ("Next Friday? Fine.", True),
        ("Next Friday! Brilliant.", False),  # exclaimed: delight
        ("Next Monday. I need it tomorrow.", False),  # not what was said
        ("Sorry, next Friday.", False),  # opens with a word of a request
        ("Is it. Right.", False),
        ("Fine. Friday it is.", False),  # acceptance
        ("I need the engineer here tomorrow morning.", False),  # a long first sentence
    ],
)
def test_echoes_told(said: str, echo: bool) -> None:
    assert echoes_told(said, TOLD) is echo, said


def _stage_after(agent: str, customer: str, raised_db: float | None) -> EscalationStage:
    stage = EscalationStage(EscalationConfig(), text_scorer=TextAngerScorer())
    stage.push_final({"speaker": "agent", "utt": "a1", "final": True, "text": agent}, SAMPLE_RATE)
    if raised_db is not None:
        now = 3 * SAMPLE_RATE
        report = Event.at_samples("prosody", now - SAMPLE_RATE, now, speaker="customer", loudness_delta_db=raised_db)
        stage.observe([report], now)
    words = [{"w": w, "p": 0.9} for w in customer.split()]
    stage.push_partial({"speaker": "customer", "utt": "c1", "t": 2.0, "words": words, "stable": 3}, 3 * SAMPLE_RATE)
    return stage


def test_a_raised_echo_of_the_agent_counts_and_a_calm_one_does_not() -> None:
    agent = "The engineer can come next Friday."
    raised = _stage_after(agent, "Next Friday. I rang on Monday", raised_db=6.0)
    assert raised._tracker._lexicon()[2] == ["echoes in disbelief"]
    assert raised.level != "calm"
    calm = _stage_after(agent, "Next Friday. That works", raised_db=0.0)
    assert calm._tracker._lexicon()[2] == []
    unheard = _stage_after("Hello, how can I help?", "Next Friday. I rang on Monday", raised_db=6.0)
    assert unheard._tracker._lexicon()[2] == []


def test_the_agent_words_last_until_the_customer_final() -> None:
    stage = _stage_after("It's only a week.", "Only a week. And then", raised_db=None)
    assert stage._told == {"it's", "only", "a", "week"}
    final = {"speaker": "customer", "utt": "c1", "final": True, "text": "Only a week.", "words": []}
    stage.push_final(final, 4 * SAMPLE_RATE)
    assert stage._told == set()
