"""In the customer's first turn "opens loud" (the opener's level against the agent's greeting) is a loudness, not
words: with a loud and aroused voice and nothing said that complains it makes "tense", not "escalated"; with a
grievance of the customer's own, even a weak one, it adds to it as before (``opener_escalated_not_on_loudness``;
session 51, E58, issue 10)."""

from __future__ import annotations

from coach.classify.escalation import OPENS_LOUD, EscalationConfig, EscalationTracker
from coach.classify.lexicon import LexiconHit
from coach.types import SAMPLE_RATE

LEVELS = ("calm", "tense", "escalated")


def _loud_aroused_opener(cfg: EscalationConfig, *, marker: float = 0.0, final_first: bool = False) -> str:
    """The highest level of a transcribed first turn of 12 s: "opens loud" at 1 s, the voice read aroused (0.95)
    every second, no word read calm or angry; ``marker``: a complaint marker of that weight at 3 s; ``final_first``:
    a short final before (then the turn is not the first)."""
    tracker = EscalationTracker(cfg, words_expected=True)
    if final_first:
        tracker.push_words(SAMPLE_RATE // 2, 0.0, n_words=3, calm=None)
    loud = LexiconHit(OPENS_LOUD, "opener", cfg.opener_loud_weight, -1, half_life_s=10.0)
    top = 0
    for k in range(1, 13):
        state = tracker.push_voice(k * SAMPLE_RATE, 0.95)
        if k == 1:
            state = tracker.push_words(k * SAMPLE_RATE, float("nan"), n_words=0, hits=[loud])
        if marker and k == 3:
            state = tracker.push_words(k * SAMPLE_RATE, float("nan"), n_words=0, hits=[("a grievance", marker)])
        top = max(top, LEVELS.index(state.level))
    return LEVELS[top]


def test_a_loud_aroused_opener_with_nothing_said_is_tense_not_escalated() -> None:
    assert _loud_aroused_opener(EscalationConfig()) == "tense"
    assert _loud_aroused_opener(EscalationConfig(opener_escalated_not_on_loudness=False)) == "escalated"


def test_words_that_complain_still_escalate_it() -> None:
    assert _loud_aroused_opener(EscalationConfig(), marker=0.45) == "escalated"


def test_it_adds_to_a_weak_grievance_of_their_own() -> None:
    weak = 0.25  # under tense_enter alone: the voice alone with it makes "tense" (opener_escalated_needs_words)
    assert weak < EscalationConfig().tense_enter
    assert _loud_aroused_opener(EscalationConfig(), marker=weak) == "escalated"


def test_after_the_first_final_the_loudness_counts_as_before() -> None:
    assert _loud_aroused_opener(EscalationConfig(), final_first=True) == "escalated"
