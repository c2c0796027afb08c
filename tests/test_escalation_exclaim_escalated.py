"""An exclamation mark and an aroused voice make "tense", not "escalated" (``escalated_not_on_exclaim``; session 54,
E66: quiet c1267's garbled calm order went "escalated" on its voice and the transcriber's "!")."""

from __future__ import annotations

from coach.classify import stage
from coach.classify.escalation import EXCLAIMS, EscalationConfig, EscalationTracker
from coach.types import SAMPLE_RATE

ON = EscalationConfig(escalated_not_on_exclaim=True)
OFF = EscalationConfig(escalated_not_on_exclaim=False)


def _at(seconds: float) -> int:
    return int(seconds * SAMPLE_RATE)


def _calm_caller_exclaims(cfg: EscalationConfig, *, marker: float = 0.0, words_p: float = 0.0) -> str:
    """A customer whose calm first turn (16 calm words, final at 2 s) is followed by a turn read aroused (voice 0.99
    every second from 3 s to 9 s) whose final at 9 s holds an exclaimed sentence (``EXCLAIMS``), not calm, with a
    marker of weight ``marker`` (0: none) and text anger ``words_p``. The highest level reached by 14 s."""
    tracker = EscalationTracker(cfg, words_expected=True)
    tracker.push_words(_at(2.0), 0.0, n_words=16, calm=True)
    levels = ("calm", "tense", "escalated")
    top = 0
    for k in range(3, 10):
        top = max(top, levels.index(tracker.push_voice(_at(k), 0.99).level))
    hits = [(EXCLAIMS, 0.35)] + ([("a marker", marker)] if marker else [])
    top = max(top, levels.index(tracker.push_words(_at(9), words_p, n_words=18, hits=hits, calm=False).level))
    for k in range(10, 15):
        top = max(top, levels.index(tracker.advance(_at(k)).level))
    return levels[top]


def test_an_exclaimed_turn_on_an_aroused_voice_makes_tense_not_escalated() -> None:
    assert _calm_caller_exclaims(OFF) == "escalated"  # the behaviour before (c1267 at 28.5 s)
    assert _calm_caller_exclaims(ON) == "tense"


def test_words_that_complain_still_escalate_with_the_exclamation() -> None:
    assert _calm_caller_exclaims(ON, marker=0.45) == "escalated"


def test_the_voice_alone_still_escalates_where_it_did_without_the_exclamation() -> None:
    tracker = EscalationTracker(ON, words_expected=True)
    tracker.push_words(_at(0.5), 0.0, n_words=3, calm=None)
    tracker.push_words(_at(1.0), 0.0, n_words=0, hits=[(EXCLAIMS, 0.35)], calm=None)
    top = max(tracker.push_voice(_at(k), 0.99).level == "escalated" for k in range(2, 20))
    assert top  # held anger on the voice alone reaches "escalated" (sustain_weight), the "!" does not stop it


def test_the_key_is_on_by_default() -> None:
    assert _calm_caller_exclaims(EscalationConfig()) == "tense"


def test_the_stage_marks_the_exclamation_with_the_trackers_phrase() -> None:
    assert stage.EXCLAIMS is EXCLAIMS  # one source for the marker the tracker leaves out
