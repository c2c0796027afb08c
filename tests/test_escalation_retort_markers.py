"""EscalationStage (issue 10, session 38): a weak lexicon marker that opens the customer's reply to the agent (within
its first words, the customer's first utterance begun after the agent spoke) counts like a marker "tense" alone
(``[escalation] retort_weight``); the same marker further into what they say, in a later utterance of the same turn,
in their first turn, in words said over the agent or in delighted words keeps its own weight.

Wording of our own; word probabilities set by hand.
"""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.stage import EscalationStage
from coach.classify.text_anger import TextAngerScorer
from coach.errors import ConfigError
from coach.types import SAMPLE_RATE

WEAK = "nobody told me"  # [blame], weight 0.3: "tense" only with other evidence


def _final(speaker: str, utt: str, t: float, text: str) -> dict[str, object]:
    words = [{"w": w, "start": t + 0.3 * i, "end": t + 0.3 * i + 0.25, "p": 0.9} for i, w in enumerate(text.split())]
    return {"speaker": speaker, "utt": utt, "t": t, "final": True, "text": text, "words": words}


def _stage(cfg: EscalationConfig | None = None, *, opener: bool = True) -> EscalationStage:
    stage = EscalationStage(cfg or EscalationConfig(), text_scorer=TextAngerScorer())
    if opener:  # the customer's first turn is over
        stage.push_final(
            _final("customer", "c1", 1.0, "Hello, it's about the order for the new gate."), 4 * SAMPLE_RATE
        )
    return stage


def _weights(stage: EscalationStage, utt: str, t: float, text: str) -> dict[str, float]:
    assert stage._text is not None
    hits = stage._retort(_final("customer", utt, t, text), text, stage._markers(text))
    return {h.phrase: h.weight for h in hits if h.category != "delivery"}


def test_a_weak_marker_opening_the_reply_counts_like_a_tense_one() -> None:
    stage = _stage()
    stage.hear_agent(_final("agent", "a1", 5.0, "The gate has to be collected from the depot, I'm afraid."))
    assert _weights(stage, "c2", 9.0, "Nobody told me it had to be collected.") == {WEAK: 0.45}
    level = stage.push_final(_final("customer", "c2", 9.0, "Nobody told me it had to be collected."), 12 * SAMPLE_RATE)
    assert level is not None and stage.level == "tense"


def test_the_same_marker_keeps_its_weight_further_in_later_or_first() -> None:
    stage = _stage()
    stage.hear_agent(_final("agent", "a1", 5.0, "The gate has to be collected from the depot."))
    assert _weights(stage, "c2", 9.0, "Right, I see, so nobody told me that.") == {WEAK: 0.3}  # not its opening words
    stage.push_final(_final("customer", "c2", 9.0, "Right, I see."), 11 * SAMPLE_RATE)
    assert _weights(stage, "c3", 11.5, "Nobody told me that.") == {WEAK: 0.3}  # the same turn's next utterance
    first = _stage(opener=False)
    first.hear_agent(_final("agent", "a0", 0.0, "Hello, gates and fences, how can I help?"))
    assert _weights(first, "c1", 2.0, "Nobody told me it had to be collected.") == {WEAK: 0.3}  # their first turn


def test_words_said_over_the_agent_delight_and_off_keep_the_weight() -> None:
    stage = _stage()
    stage.hear_agent(_final("agent", "a1", 5.0, "The gate has to be collected."))
    assert _weights(stage, "c2", 4.5, "Nobody told me it had to be collected.") == {WEAK: 0.3}  # begun before the agent
    glad = _stage()
    glad.hear_agent(_final("agent", "a1", 5.0, "We've sent a driver, it's on its way now."))
    assert _weights(glad, "c2", 9.0, "Nobody told me, brilliant, thank you so much!") == {WEAK: 0.3}
    off = _stage(EscalationConfig(retort_weight=0.0))
    off.hear_agent(_final("agent", "a1", 5.0, "The gate has to be collected."))
    assert _weights(off, "c2", 9.0, "Nobody told me it had to be collected.") == {WEAK: 0.3}


def test_retort_settings_are_checked() -> None:
    with pytest.raises(ConfigError):
        EscalationConfig(retort_weight=1.5)
    with pytest.raises(ConfigError):
        EscalationConfig(retort_words=-1)
