"""A grievance marker in a sentence told as happy or resolved does not count (issue 10, session 38): the sentence
holds a word of the customer's pride or fondness, or "until" then a past turning verb
(:meth:`coach.classify.lexicon.EscalationLexicon.settled_tokens`, ``[escalation] settled_frames``). A negated pride
word, a demand ("until you fix it") and a grievance in the next sentence still count. A counting marker ("how many
times") counts only as the head of a clause (``counting_needs_clause``): "how many times lessons run" asks about a
count.

Wording of our own.
"""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.lexicon import default_lexicon, tokens
from coach.classify.stage import EscalationStage
from coach.classify.text_anger import TextAngerScorer


@pytest.mark.parametrize(
    ("said", "settled"),
    [
        ("He's been swimming lengths for a month now, which we're all so proud of.", True),
        ("I was furious about it until your driver came back with the right one.", True),
        ("Honestly the kids loved it, even though we waited for ages at the gate.", True),
        ("The boys adored it, even after the third time the lift broke down.", True),
        ("It's been a month now and I'm not proud of shouting, but I want it fixed.", False),  # negated pride
        ("It's been a month now. Nobody here is proud of that, are they?", False),
        ("I'm not paying another penny until you fix it.", False),  # a demand: present verb
        ("I've been waiting a month now for the refund.", False),
    ],
)
def test_settled_sentences(said: str, settled: bool) -> None:
    hits = default_lexicon().find(said)
    assert hits, said
    assert any(h.token_index in default_lexicon().settled_tokens(said) for h in hits) is settled


def test_only_the_settled_sentence_is_dropped() -> None:
    said = "She loved every minute of it. But this is the third time the invoice is wrong."
    words = tokens(said)
    assert {words[i] for i in default_lexicon().settled_tokens(said)} == set(tokens("She loved every minute of it."))


def _phrases(said: str, cfg: EscalationConfig) -> list[str]:
    stage = EscalationStage(cfg, text_scorer=TextAngerScorer())
    return [h.phrase for h in stage._markers(said) if h.category != "delivery"]


def test_the_stage_drops_a_settled_marker_unless_off() -> None:
    said = "She's been landing that jump for a month now, which we're all very proud of."
    assert _phrases(said, EscalationConfig()) == []
    assert _phrases(said, EscalationConfig(settled_frames=False)) != []
    angry = "She's been waiting a month now for her certificate. Nobody is proud of that."
    assert _phrases(angry, EscalationConfig()) != []  # the marker's own sentence is not the proud one


@pytest.mark.parametrize(
    ("said", "counts"),
    [
        ("I don't really follow how many times lessons run in a week.", False),  # a question about a count
        ("Have you any idea how many times I've rung you?", True),
        ("How many times do I have to spell it out?", True),
        ("How many times?!", True),
        ("I've lost count of how many times, honestly.", True),  # a pause after it
    ],
)
def test_a_counting_marker_counts_only_as_the_head_of_a_clause(said: str, counts: bool) -> None:
    assert ("how many times" in _phrases(said, EscalationConfig())) is counts
    assert "how many times" in _phrases(said, EscalationConfig(counting_needs_clause=False))
