"""Escalation, session 32 (E36, issue 10): two grievances of different kinds in a customer's opening turn count as
two pieces of evidence; the day taken off, nobody said a word, nobody answering, no reason given.

An opening turn is one long utterance (the customer's whole case, one final). Within an utterance only the strongest
marker counts fully and the others times ``same_utterance_factor`` (one complaint said several ways); in the first
turn a marker of another lexicon category, its words overlapping none of the others', counts fully
(``opener_grievances_full``): "nobody turned up" [blame] and "I lost an hour" [loss] are two grievances, and
together "tense". Mid-call, and for two markers of one kind, nothing changes. No text model is loaded (a lexicon-only
stand-in scorer): each test runs in milliseconds. Wording of our own."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker, utterance_weights
from coach.classify.lexicon import EscalationLexicon, LexiconHit, tokens
from coach.classify.stage import EscalationStage
from coach.types import SAMPLE_RATE

LEX = EscalationLexicon.from_toml()
CFG = EscalationConfig(calm_words_damp=0.0, partial_words_factor=0.0, complaint_gate=0.0)
"""The lexicon's part alone: no text model run on partials, no complaint head."""


@dataclass
class _Reading:
    p: float
    n_words: int
    hits: tuple[LexiconHit, ...]
    embedding: np.ndarray | None = None
    angry: bool = False


@dataclass
class _LexiconOnly:
    """A stand-in for the text scorer: no anger in any text, the markers of the lexicon."""

    lexicon: EscalationLexicon = field(default_factory=lambda: LEX)

    def score(self, text: str) -> _Reading:
        return _Reading(p=0.0, n_words=len(tokens(text)), hits=tuple(LEX.find(text)))


def _stage(config: EscalationConfig = CFG) -> EscalationStage:
    return EscalationStage(config, text_scorer=_LexiconOnly())  # type: ignore[arg-type]


def _heard(words: list[str], start_s: float) -> list[dict[str, object]]:
    """Transcriber words, four a second from ``start_s``, heard surely."""
    return [{"w": w, "p": 0.9, "start": start_s + i / 4, "end": start_s + (i + 0.8) / 4} for i, w in enumerate(words)]


def _say(stage: EscalationStage, utt: str, said: str, start_s: float, *, final: bool = True) -> float:
    """Feed ``said`` as partials of utterance ``utt`` (four words a second, all committed but the last two), then
    its final; the score after it."""
    words = said.split()
    now = round(start_s * SAMPLE_RATE)
    for k in range(1, len(words) + 1):
        now = round((start_s + k / 4) * SAMPLE_RATE)
        heard = _heard(words[:k], start_s)
        stage.push_partial(
            {"speaker": "customer", "utt": utt, "t": start_s, "words": heard, "stable": max(0, k - 2)}, now
        )
    if final:
        now += SAMPLE_RATE // 2
        heard = _heard(words, start_s)
        stage.push_final({"speaker": "customer", "utt": utt, "text": said, "words": heard, "final": True}, now)
    return stage._tracker.advance(now).score


OPENER = (
    "Hi it's Dana from the bakery on Mill Lane. Your engineers were booked for six this morning and nobody turned "
    "up, and I lost an hour of baking."
)


def test_utterance_weights_count_the_full_indices_fully() -> None:
    assert utterance_weights([0.3, 0.3], 0.0, 0.25, full={1}) == pytest.approx([0.3, 0.3])
    assert utterance_weights([0.3, 0.3], 0.0, 0.25) == pytest.approx([0.3, 0.075])
    assert utterance_weights([0.3], 0.45, 0.25, full={0}) == pytest.approx([0.3])
    assert utterance_weights([0.3, 0.5], 0.0, 0.25, full={1}) == pytest.approx([0.3, 0.5])


@pytest.mark.parametrize(
    ("said", "category"),
    [
        ("I'd taken the day off to drive her over there.", "loss"),
        ("I've taken a whole day off for this.", "loss"),
        ("I lost an hour of work waiting in.", "loss"),
        ("We've lost half a day of trading.", "loss"),
        ("Nobody said a word to me at the counter.", "blame"),
        ("I've rung the number and nobody's answering.", "blame"),
        ("No one is picking up at the depot.", "blame"),
        ("A text saying cancelled. No reason, no apology, nothing.", "blame"),
        ("Cancelled by email. No reason, nothing.", "blame"),
    ],
)
def test_the_new_grievances_are_weak_markers(said: str, category: str) -> None:
    weights = [h.weight for h in LEX.find(said) if h.category == category]
    assert weights and max(weights) < CFG.tense_enter, said


@pytest.mark.parametrize(
    "said",
    [
        "There's no reason not to go ahead.",
        "I can take the day out of my leave, that's fine.",
        "I lost my hat somewhere, never mind.",
        "Nobody's home during the day, so leave it in the porch.",
    ],
)
def test_their_look_alikes_are_no_markers(said: str) -> None:
    assert not LEX.find(said), said


def test_two_kinds_of_grievance_in_an_opener_are_tense() -> None:
    stage = _stage()
    assert _say(stage, "customer-1", OPENER, 5.0) >= CFG.tense_enter
    assert stage.level == "tense"
    off = _stage(
        EscalationConfig(
            calm_words_damp=0.0, partial_words_factor=0.0, complaint_gate=0.0, opener_grievances_full=False
        )
    )
    assert _say(off, "customer-1", OPENER, 5.0) < CFG.tense_enter
    assert off.level == "calm"


def test_they_count_when_only_the_final_holds_them() -> None:
    stage = _stage()
    said = "Your engineers were booked for six and nobody turned up and I lost an hour of baking."
    now = 9 * SAMPLE_RATE
    heard = _heard(said.split(), 5.0)
    stage.push_final({"speaker": "customer", "utt": "customer-1", "text": said, "words": heard, "final": True}, now)
    assert stage._tracker.advance(now).score >= CFG.tense_enter


def test_one_kind_said_twice_in_an_opener_stays_calm() -> None:
    stage = _stage()
    said = "Hi it's Dana. Your engineer never turned up and nobody rang me about it either."
    assert [h.category for h in LEX.find(said)] == ["blame", "blame"]
    assert _say(stage, "customer-1", said, 5.0) < CFG.tense_enter
    assert stage.level == "calm"


def test_overlapping_markers_of_two_kinds_count_as_one() -> None:
    stage = _stage()
    said = "Hello, it's Sam from Oak Road, and frankly this is ridiculous."
    assert len({h.category for h in LEX.find(said)}) == 2  # [judged_outright] and, inside it, [frustration]
    full = _say(stage, "customer-1", said, 5.0)
    off = _stage(
        EscalationConfig(
            calm_words_damp=0.0, partial_words_factor=0.0, complaint_gate=0.0, opener_grievances_full=False
        )
    )
    assert full == pytest.approx(_say(off, "customer-1", said, 5.0))


def test_mid_call_two_kinds_in_one_utterance_are_weighed_as_before() -> None:
    scores = []
    for on in (True, False):
        stage = _stage(
            EscalationConfig(
                calm_words_damp=0.0, partial_words_factor=0.0, complaint_gate=0.0, opener_grievances_full=on
            )
        )
        _say(stage, "customer-1", "Hello, it's Dana from the bakery on Mill Lane, about my oven.", 5.0)
        scores.append(_say(stage, "customer-2", "Nobody turned up and I lost an hour of baking.", 80.0))
    assert scores[0] == pytest.approx(scores[1])
    assert scores[0] < CFG.tense_enter


def test_the_tracker_counts_full_hits_as_their_own_evidence() -> None:
    tracker = EscalationTracker(CFG, words_expected=True)
    hits = [("nobody turned up", 0.3), ("lost an hour", 0.3)]
    assert tracker.push_words(SAMPLE_RATE, float("nan"), n_words=0, hits=hits, full={1}).score == pytest.approx(0.51)
    tracker = EscalationTracker(CFG, words_expected=True)
    assert tracker.push_words(SAMPLE_RATE, float("nan"), n_words=0, hits=hits).score == pytest.approx(0.3525)


def test_a_second_grievance_still_in_the_uncommitted_tail_counts_at_once() -> None:
    """The opener's committed words lag (the transcriber commits a long first utterance late): a marker heard surely
    in the tail counts provisionally at once in the first turn, and as a grievance of another kind, fully."""
    scores = []
    for on in (True, False):
        config = EscalationConfig(
            calm_words_damp=0.0, partial_words_factor=0.0, complaint_gate=0.0, opener_grievances_full=on
        )
        stage = _stage(config)
        words = OPENER.split()
        committed = words.index("up,") + 1  # "... nobody turned up," committed; "I lost an hour" in the tail
        heard = _heard(words, 5.0)
        stage.push_partial(
            {"speaker": "customer", "utt": "customer-1", "t": 5.0, "words": heard, "stable": committed},
            10 * SAMPLE_RATE,
        )
        scores.append(stage._tracker.advance(10 * SAMPLE_RATE).score)
    assert scores[0] >= CFG.tense_enter > scores[1]


def test_with_a_marker_tense_alone_the_weak_ones_are_weighed_as_before() -> None:
    said = "Hello, this is the third time I've rung, I was charged twice and I'm fed up."
    assert {h.category for h in LEX.find(said)} >= {"repeat_contact", "loss", "frustration"}
    scores = []
    for on in (True, False):
        config = EscalationConfig(
            calm_words_damp=0.0, partial_words_factor=0.0, complaint_gate=0.0, opener_grievances_full=on
        )
        scores.append(_say(_stage(config), "customer-1", said, 5.0))
    assert scores[0] == pytest.approx(scores[1])
    assert CFG.tense_enter <= scores[0] < CFG.escalated_enter


def test_three_weak_grievances_add_up_to_tense_and_no_further() -> None:
    said = "Hi, it's Jo. Nobody turned up, I lost an hour of work, and it's been going on for weeks."
    assert len({h.category for h in LEX.find(said)}) == 3
    score = _say(_stage(), "customer-1", said, 5.0)
    assert CFG.tense_enter <= score < 0.6
