"""Escalation, session 27 (E31, issue 10): one weak marker from a customer who has just sounded delighted.

A pleased, lively customer (an aroused voice, damped by their calm and delighted words) says one weak marker in
words that otherwise read calm ("... towards my rent", often a misheard word or one said in passing). Read as a
complaint it dropped all their calm words and, through the complaint share, undid the damping of the voice: calm
to escalated in one step on one piece of evidence. A lone weak marker (``lone_marker_max``) is read against the
delight evidence: it keeps the calm words, counts less (``lone_marker_calm``) and stays outside the complaint
share. Without delight evidence, with anger in the text, with a stronger marker or with a second one it counts as
any marker. Likewise a little anger in the text (word evidence under ``complaint_words_min``, one short misheard
line) does not undo the calm words' damping of a lively voice. Wording of our own. Synthetic readings, times in
call samples."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.classify.lexicon import default_lexicon
from coach.classify.stage import EscalationStage
from coach.classify.text_anger import TextAngerScorer
from coach.config import ConfigError
from coach.types import SAMPLE_RATE

CFG = EscalationConfig()
LIVELY = 0.97
"""A lively voice's arousal probability: high enough to escalate a customer with no calm words."""
DELIGHTED = "That's wonderful, thank you so much, really helpful of you."
WEAK = "Yes please, I can put it towards my rent this month, thanks."


def at(seconds: float) -> int:
    return int(seconds * SAMPLE_RATE)


def _levels(lone: bool, *, cfg: EscalationConfig = CFG, delighted: bool = True) -> list[str]:
    """The levels from a weak-marker final at 20.5 s to 26 s: a calm opening at 5 s, a final at 12 s
    (delighted or merely calm), a lively voice from 13 s on."""
    tracker = EscalationTracker(cfg, words_expected=True)
    tracker.push_words(at(5), 0.0, n_words=12, calm=True)
    tracker.push_words(at(12), 0.0, n_words=9, calm=True, pleasant=delighted)
    for s in range(13, 21):
        assert tracker.push_voice(at(s), LIVELY).level == "calm"
    hits = default_lexicon().find(WEAK)
    assert [h.weight for h in hits] == [0.3]
    levels = [tracker.push_words(at(20.5), 0.02, n_words=12, hits=hits, calm=False, lone=lone).level]
    for s in range(21, 27):
        levels.append(tracker.push_voice(at(s), LIVELY).level)
    return levels


def test_a_delighted_customer_lone_weak_marker_keeps_them_calm() -> None:
    assert set(_levels(lone=True)) == {"calm"}
    assert "escalated" in _levels(lone=False)  # read as any marker: calm to escalated in one step


def test_without_delight_evidence_the_lone_marker_counts_as_any() -> None:
    assert _levels(lone=True, delighted=False) == _levels(lone=False, delighted=False)
    assert _levels(lone=True, delighted=False) != ["calm"] * 7


def test_lone_marker_max_zero_turns_it_off() -> None:
    off = EscalationConfig(lone_marker_max=0.0)
    assert _levels(lone=True, cfg=off) == _levels(lone=False, cfg=off)
    assert "escalated" in _levels(lone=True, cfg=off)


def test_the_lone_marker_still_counts_for_part() -> None:
    tracker = EscalationTracker(CFG, words_expected=True)
    tracker.push_words(at(5), 0.0, n_words=12, calm=True, pleasant=True)
    before = tracker.push_words(at(10), 0.0, n_words=12, calm=True).score
    after = tracker.push_words(at(10.5), 0.0, n_words=12, hits=default_lexicon().find(WEAK), calm=False, lone=True)
    assert after.score > before
    assert after.lexicon == ["my rent"]
    assert tracker._marks[-1].weight < 0.3 and not tracker._marks[-1].gates


def test_committed_words_with_a_lone_marker_keep_the_calm_words_while_delighted() -> None:
    for pleased, kept in ((True, True), (False, False)):
        tracker = EscalationTracker(CFG, words_expected=True)
        tracker.push_words(at(5), 0.0, n_words=12, calm=True, pleasant=pleased)
        tracker.push_committed_words(at(8), 6, calm=False, lone=True)
        assert (tracker._calm_words > 0) is kept


@pytest.mark.parametrize("key", ["lone_marker_max", "lone_marker_calm", "complaint_words_min"])
def test_the_keys_are_checked(key: str) -> None:
    with pytest.raises(ConfigError):
        EscalationConfig(**{key: 1.5})


def _words(said: str, p: float = 0.9, start: float = 0.0) -> list[dict[str, object]]:
    """Words heard with probability ``p``, one every 0.3 s from ``start``."""
    return [
        {"w": w, "p": p, "start": start + 0.3 * i, "end": start + 0.3 * i + 0.25} for i, w in enumerate(said.split())
    ]


@pytest.mark.parametrize(
    ("said", "p_word", "lone"),
    [
        (WEAK, 0.9, True),
        ("Lovely, and is there any compensation for the wait at all?", 0.9, True),
        (WEAK, 0.3, False),  # not heard confidently: no calm words either way
        ("I've been on hold all morning and I'm absolutely furious about it.", 0.9, False),  # two, anger
        ("This is ridiculous, put me through to your manager.", 0.9, False),  # a strong marker with it
        ("Right, I'd like to book the big room for Saturday.", 0.9, False),  # no marker
    ],
)
def test_what_is_a_lone_weak_marker(said: str, p_word: float, lone: bool) -> None:
    stage = EscalationStage(EscalationConfig(), text_scorer=TextAngerScorer())
    assert stage._text is not None
    reading = stage._text.score(said)
    assert stage._lone(stage._markers(said, list(reading.hits)), _words(said, p_word), reading.p) is lone


def _stage_final(stage: EscalationStage, utt: str, said: str, second: float) -> None:
    final = {"speaker": "customer", "utt": utt, "final": True, "text": said, "words": _words(said, start=second - 4.0)}
    stage.push_final(final, at(second))


@pytest.mark.parametrize(("opening", "kept"), [(DELIGHTED, True), ("Right, I'd like to book the big room.", False)])
def test_the_stage_keeps_the_calm_words_only_after_delight(opening: str, kept: bool) -> None:
    stage = EscalationStage(EscalationConfig(), text_scorer=TextAngerScorer())
    _stage_final(stage, "c1", opening, 5.0)
    assert stage._tracker._calm_words > 0
    _stage_final(stage, "c2", WEAK, 12.0)
    assert (stage._tracker._calm_words > 0) is kept
    assert stage._tracker._lexicon()[2] == ["my rent"]


def _lively_turn_after_a_little_anger(cfg: EscalationConfig = CFG) -> list[str]:
    """The levels over a lively voice from 31 s to 36 s: calm words at 5 s and 15 s, then at 30 s a short
    final with a little anger in its text (text anger 0.21: word evidence under ``complaint_words_min``)."""
    tracker = EscalationTracker(cfg, words_expected=True)
    tracker.push_words(at(5), 0.0, n_words=12, calm=True)
    tracker.push_words(at(15), 0.0, n_words=12, calm=True)
    state = tracker.push_words(at(30), 0.21, n_words=5, calm=None)
    assert 0 < state.evidence[2] < cfg.complaint_words_min or cfg.complaint_words_min == 0
    return [tracker.push_voice(at(s), 0.8).level for s in range(31, 37)]


def test_a_little_anger_in_the_text_does_not_undo_the_calm_words() -> None:
    assert set(_lively_turn_after_a_little_anger()) == {"calm"}
    assert "tense" in _lively_turn_after_a_little_anger(EscalationConfig(complaint_words_min=0.0))


def test_word_evidence_at_complaint_words_min_still_undoes_them() -> None:
    tracker = EscalationTracker(CFG, words_expected=True)
    tracker.push_words(at(5), 0.0, n_words=12, calm=True)
    tracker.push_words(at(15), 0.0, n_words=12, calm=True)
    state = tracker.push_words(at(30), 0.45, n_words=12, calm=None)  # the calm words stay
    assert state.evidence[2] >= CFG.complaint_words_min
    assert "tense" in [tracker.push_voice(at(s), 0.8).level for s in range(31, 37)]
