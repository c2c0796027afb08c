"""The text anger of a partial customer transcript's committed words counts as word evidence before the
utterance's final (``[escalation] partial_words_factor``, issue 10): an upset opener's words reach the
fusion a second or two after they are said, not at the end of the turn; calm words change nothing.
Real text model (MiniLM + head), wording not taken from the evaluation calls; time from the samples."""

from __future__ import annotations

import dataclasses
import math

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.classify.stage import EscalationStage
from coach.classify.text_anger import TextAngerScorer
from coach.types import SAMPLE_RATE

ANGRY = "It is absolutely ridiculous , I am sick of your useless company and nobody ever calls back"
CALM = "Hello , I would like to ask about moving my delivery to Friday morning if that is possible"


def _opener(text: str, config: EscalationConfig, word_p: float = 0.9) -> list[tuple[float, str, float]]:
    """One customer utterance (the customer's first) said at 2.5 words a second from 0 s: a partial every
    0.4 s whose committed words trail the words said by two, then its final 0.5 s after the last word;
    no voice, so only the first ``complaint_onset_s`` (4 s: 4 then 8 committed words) are read before the
    final. Returns (seconds, level, word evidence) after each input."""
    stage = EscalationStage(config, text_scorer=TextAngerScorer())
    said = [{"w": w, "p": word_p, "start": i * 0.4, "end": i * 0.4 + 0.35} for i, w in enumerate(text.split())]
    out = []
    for k in range(1, len(said) + 1):
        now = round(k * 0.4 * SAMPLE_RATE)
        partial = {"speaker": "customer", "utt": "customer-1", "t": 0.0, "words": said[:k], "stable": max(0, k - 2)}
        stage.push_partial(partial, now)
        state = stage._tracker.advance(now)
        out.append((now / SAMPLE_RATE, state.level, state.drivers["words"]))
    end = round((len(said) * 0.4 + 0.5) * SAMPLE_RATE)
    final = {"speaker": "customer", "utt": "customer-1", "text": text, "words": said}
    stage.push_final(final, end)
    state = stage._tracker.advance(end)
    out.append((end / SAMPLE_RATE, state.level, state.drivers["words"]))
    return out


def _first_tense(trace: list[tuple[float, str, float]]) -> float:
    return next((t for t, level, _ in trace if level != "calm"), math.inf)


def test_an_angry_opener_reaches_tense_from_its_committed_words_before_its_final() -> None:
    config = EscalationConfig()
    on = _opener(ANGRY, config)
    # off: no committed-words evidence, and no marker read from a partial either ("nobody ever calls back" is
    # [repetition] since session 57): the words' anger alone, with the final
    off = _opener(ANGRY, dataclasses.replace(config, partial_words_factor=0.0, partial_markers=False))
    final_at = on[-1][0]
    assert _first_tense(off) == final_at  # the words count only with the final
    assert _first_tense(on) < final_at - 3.0  # ... or as they are committed (4 then 8 words)
    assert max(w for _, _, w in on[:-1]) > 0.3 and max(w for _, _, w in off[:-1]) == 0.0
    # the final replaces the committed words' evidence: it takes word evidence where it would anyway
    assert on[-1][2] == off[-1][2]


def test_calm_or_unsurely_heard_words_add_no_word_evidence() -> None:
    config = EscalationConfig()
    assert all(level == "calm" and words == 0.0 for _, level, words in _opener(CALM, config))
    # angry words the transcriber is unsure of (below partial_marker_min_p) are not read from a partial
    unsure = _opener(ANGRY, config, word_p=config.partial_marker_min_p / 2)
    assert all(words == 0.0 for _, _, words in unsure[:-1])


def test_committed_words_only_raise_word_evidence_and_fade_like_it() -> None:
    """The tracker alone: committed words whose anger is below the word evidence of the finals leave it;
    higher ones raise it to where a final of those words would (times ``partial_words_factor``)."""
    config = EscalationConfig()
    tracker = EscalationTracker(config)
    tracker.push_words(SAMPLE_RATE, 0.45, n_words=6)  # an angry final: W = words_alpha
    w_final = tracker.advance(SAMPLE_RATE).evidence[2]
    assert math.isclose(w_final, config.words_alpha)
    assert tracker.push_committed_words(SAMPLE_RATE, 6, calm=True, p=0.0).evidence[2] == w_final
    tracker.push_committed_words(SAMPLE_RATE, 6, calm=None, p=0.45)
    expected = w_final + config.words_alpha * (1.0 - w_final)
    assert math.isclose(tracker.advance(SAMPLE_RATE).evidence[2], expected)
    half = SAMPLE_RATE + round(config.idle_half_life_s * SAMPLE_RATE)
    assert math.isclose(tracker.advance(half).evidence[2], expected / 2, rel_tol=1e-6)
    half_factor = EscalationTracker(dataclasses.replace(config, partial_words_factor=0.5))
    state = half_factor.push_committed_words(SAMPLE_RATE, 3, calm=None, p=0.45)
    assert math.isclose(state.evidence[2], 0.5 * config.words_alpha * 3 / config.words_full_words)


def test_after_the_first_turn_committed_words_are_read_only_while_the_voice_is_aroused() -> None:
    """The cost bound: ungated reading is for the first turn only; later turns keep ``calm_check_voice``."""

    class CountingScorer(TextAngerScorer):
        def __init__(self) -> None:
            super().__init__()
            self.scored = 0

        def score(self, text: str):  # noqa: ANN201
            self.scored += 1
            return super().score(text)

    said = [{"w": w, "p": 0.9, "start": i * 0.4, "end": i * 0.4 + 0.35} for i, w in enumerate(ANGRY.split())]
    every_4 = EscalationConfig(calm_check_step_words=4)
    for cfg, aroused, expected in ((EscalationConfig(), False, 0), (EscalationConfig(), True, 2), (every_4, True, 4)):
        scorer = CountingScorer()
        stage = EscalationStage(cfg, text_scorer=scorer)
        stage.push_final({"speaker": "customer", "utt": "customer-1", "text": CALM, "words": said}, SAMPLE_RATE)
        if aroused:
            stage._tracker.push_voice(2 * SAMPLE_RATE, 0.9)
        scorer.scored = 0
        for k in range(1, len(said) + 1):
            partial = {"speaker": "customer", "utt": "customer-2", "words": said[:k], "stable": k}
            stage.push_partial(partial, 2 * SAMPLE_RATE + k * SAMPLE_RATE // 4)
        assert (
            scorer.scored == expected
        )  # 17 committed words: read at 4 and 12 (calm_check_step_words 8), or 4, 8, 12, 16
