"""A lexicon marker read from a partial customer transcript counts only when the transcriber heard its
words surely (``[escalation] partial_marker_min_p``): call c232's "shift the boxes", heard in three
partials as "shit in the box" with p 0.16-0.25, raised a calm customer to tense."""

from __future__ import annotations

from coach.classify.escalation import EscalationConfig
from coach.classify.stage import EscalationStage
from coach.classify.text_anger import TextAngerScorer
from coach.types import SAMPLE_RATE

SAID = ["right", "my", "son", "can", "tell", "me", "shit", "in", "the", "box"]


def _partials(swear_p: float, config: EscalationConfig) -> list[tuple[list[str], float]]:
    """Push three successive partials of one utterance (the swear word in the uncommitted tail of each,
    then committed) and return the lexicon drivers and score after each, 0.5 s apart."""
    stage = EscalationStage(config, text_scorer=TextAngerScorer())
    out = []
    for n, stable in enumerate((2, 6, 10), start=1):
        words = [{"w": w, "p": swear_p if w == "shit" else 0.9} for w in SAID]
        now = n * SAMPLE_RATE // 2
        stage.push_partial({"speaker": "customer", "utt": "customer-1", "words": words, "stable": stable}, now)
        state = stage._tracker.advance(now)
        out.append((state.drivers["lexicon"], state.score))
    return out


def test_a_swear_word_heard_unsurely_in_partials_does_not_count_and_a_sure_one_does() -> None:
    config = EscalationConfig()
    unsure = _partials(0.2, config)
    assert all(lexicon == [] for lexicon, _ in unsure)
    assert [score for _, score in unsure] == [0.0, 0.0, 0.0]
    sure = _partials(0.9, EscalationConfig(partial_tail_sure_p=1.0))
    assert sure[0][0] == []  # heard once in the tail: not yet
    assert sure[1][0] == ["shit"] and sure[2][0] == ["shit"]
    assert sure[2][1] > 0.0
    # in the first turn a tail marker heard surely counts at once (partial_tail_sure_p, session 22)
    assert _partials(0.9, config)[0][0] == ["shit"]
    # the floor is the marker's words' mean probability: at it the marker counts; 0 lets every one count (a swear
    # word's own floor, profanity_min_p, off: tests/test_escalation_profanity_heard.py)
    plain = EscalationConfig(profanity_min_p=0.0)
    assert _partials(plain.partial_marker_min_p, plain)[2][0] == ["shit"]
    assert _partials(0.2, EscalationConfig(partial_marker_min_p=0.0, profanity_min_p=0.0))[2][0] == ["shit"]
    assert _partials(config.partial_marker_min_p, config)[2][0] == []  # a swear word heard so is none


def test_a_phrase_marker_counts_on_its_words_mean_probability() -> None:
    """One weakly heard function word in a surely heard phrase ("no one told me") does not drop it."""
    stage = EscalationStage(EscalationConfig(), text_scorer=TextAngerScorer())
    ps = {"no": 0.15, "one": 0.6, "told": 0.6, "me": 0.5}  # mean 0.46, min 0.15
    words = [{"w": w, "p": ps.get(w, 0.9)} for w in ["and", "no", "one", "told", "me"]]
    stage.push_partial({"speaker": "customer", "utt": "customer-1", "words": words, "stable": 5}, SAMPLE_RATE)
    assert stage._tracker.advance(SAMPLE_RATE).drivers["lexicon"] == ["no one told me"]
