"""Within one customer utterance the strongest lexicon marker counts fully and every other one with
``same_utterance_factor``, whatever order its partials bring them in (issue 10, E11: a stronger marker
heard after a weaker one counted at the factor only)."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker, utterance_weights
from coach.classify.stage import EscalationStage
from coach.classify.text_anger import TextAngerScorer
from coach.types import SAMPLE_RATE


def _lexicon(batches: list[list[tuple[str, float]]]) -> float:
    """Lexicon evidence after pushing ``batches`` of one utterance's markers at one instant."""
    tracker = EscalationTracker(EscalationConfig())
    counted = 0.0
    for hits in batches:
        tracker.push_words(SAMPLE_RATE, float("nan"), n_words=0, hits=hits, counted=counted)
        counted = max([counted, *(w for _, w in hits)])
    return tracker._lexicon()[0]


def test_the_strongest_counts_fully_in_any_order() -> None:
    f = EscalationConfig().same_utterance_factor
    want = 1.0 - (1.0 - 0.6) * (1.0 - f * 0.2)
    assert _lexicon([[("weak", 0.2)], [("strong", 0.6)]]) == pytest.approx(want)
    assert _lexicon([[("strong", 0.6)], [("weak", 0.2)]]) == pytest.approx(want)
    assert _lexicon([[("weak", 0.2), ("strong", 0.6)]]) == pytest.approx(want)


def test_utterance_weights_contract() -> None:
    assert utterance_weights([0.3, 0.5], 0.0, 0.25) == pytest.approx([0.075, 0.5])
    assert utterance_weights([0.3], 0.5, 0.25) == pytest.approx([0.075])  # weaker than the counted one
    assert utterance_weights([], 0.5, 0.25) == []


def test_a_stronger_marker_in_a_later_partial_counts_fully_through_the_stage() -> None:
    """A mild marker committed first, a stronger one in a later partial of the same utterance."""
    config = EscalationConfig()
    stage = EscalationStage(config, text_scorer=TextAngerScorer())
    lexicon = stage._text.lexicon
    said = ["it", "is", "ridiculous", "so", "i", "am", "calling", "my", "solicitor"]
    hits = {h.phrase: h.weight for h in lexicon.find(" ".join(said))}
    assert len(hits) >= 2, hits
    first = lexicon.find(" ".join(said[:3]))
    assert len(first) == 1
    words = [{"w": w, "p": 0.9} for w in said]
    for n, stable in enumerate((3, len(said)), start=1):
        stage.push_partial({"speaker": "customer", "utt": "u1", "words": words, "stable": stable}, n * SAMPLE_RATE // 4)
    got = stage._tracker._lexicon()[0]
    strongest = max(hits.values())
    rest = [w for p, w in hits.items() if p != max(hits, key=hits.get)]
    want = 1.0
    for w in rest:
        want *= 1.0 - config.same_utterance_factor * w
    assert got == pytest.approx(min(config.lexicon_cap, 1.0 - (1.0 - strongest) * want), abs=0.02)
