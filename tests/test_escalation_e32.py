"""Escalation, session 28 (E32, issue 10): a customer turn that starts raised, its complaint transcribed later.

A customer answers the agent with a voice raised for its first second ("So what am I meant to ..."), then says the
rest of the line at their usual level; the marker that makes the words a complaint is transcribed a second or two
later, when the raised-voice evidence has already come down. The complaint share let only the released evidence
count, so one weak marker (below "tense" by itself) plus a raised start stayed just under "tense". While the words
complain, the raised-voice evidence is at least the highest of the turn's last ``louder_turn_peak_s`` seconds; a
raised second long before the marker, one in an earlier turn or a raised start without complaint words adds
nothing. Wording of our own. Synthetic readings, times in call samples."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.classify.lexicon import default_lexicon
from coach.config import ConfigError
from coach.types import SAMPLE_RATE

CFG = EscalationConfig()
OFF = EscalationConfig(louder_turn_peak_s=0.0)
COMPLAINT = "So what am I meant to do with forty chairs and no tables?"
"""One weak marker (below "tense" by itself), no anger to the text model."""
CALM = "The van came at nine and the chairs look lovely, thanks."


def at(seconds: float) -> int:
    return int(seconds * SAMPLE_RATE)


def _turn(cfg: EscalationConfig, *, marker_at: float, raised_db: float = 2.9, text: str = COMPLAINT) -> list:
    """States after each step of a customer turn starting at 20 s: a calm opening final at 5 s, the turn's first
    loudness report at 20.7 s ``raised_db`` above their usual level (spanning the agent's turn), then a report a
    second at their usual level (-0.7 dB) until ``marker_at``, and the final of ``text`` at ``marker_at``."""
    tracker = EscalationTracker(cfg, words_expected=True)
    tracker.push_words(at(5), 0.0, n_words=12, calm=True)
    states = [tracker.push_loudness(at(20.7), raised_db, span_s=10.0)]
    t = 21.7
    while t < marker_at:
        states.append(tracker.push_loudness(at(t), -0.7))
        t += 1.0
    hits = default_lexicon().find(text)
    states.append(tracker.push_words(at(marker_at), 0.0, n_words=len(text.split()), hits=hits, calm=not hits))
    return states


def test_the_wording_has_one_weak_marker() -> None:
    assert [h.weight for h in default_lexicon().find(COMPLAINT)] == [0.35]
    assert CFG.tense_enter > 0.35
    assert default_lexicon().find(CALM) == []


def test_a_raised_start_and_its_later_marker_are_one_raised_complaint() -> None:
    on = _turn(CFG, marker_at=22.3)[-1]
    off = _turn(OFF, marker_at=22.3)[-1]
    assert on.level == "tense"
    assert off.level == "calm" and off.score < CFG.tense_enter
    assert on.score > off.score


def test_the_marker_alone_stays_calm() -> None:
    flat = _turn(CFG, marker_at=22.3, raised_db=0.0)[-1]
    assert flat.level == "calm"
    assert flat.score == pytest.approx(0.35, abs=0.01)


def test_a_raised_second_long_before_the_marker_adds_nothing() -> None:
    late = _turn(CFG, marker_at=26.3)[-1]
    assert late.level == "calm"
    assert late.score == pytest.approx(_turn(OFF, marker_at=26.3)[-1].score)


def test_a_raised_start_without_complaint_words_adds_nothing() -> None:
    on = _turn(CFG, marker_at=22.3, text=CALM)
    off = _turn(OFF, marker_at=22.3, text=CALM)
    assert [s.level for s in on] == ["calm"] * len(on)
    assert [s.score for s in on] == pytest.approx([s.score for s in off])


def test_a_raised_start_of_an_earlier_turn_does_not_count() -> None:
    tracker = EscalationTracker(CFG, words_expected=True)
    tracker.push_words(at(5), 0.0, n_words=12, calm=True)
    tracker.push_loudness(at(20.7), 2.9, span_s=10.0)  # the earlier turn starts raised...
    tracker.push_loudness(at(22.0), -0.7, span_s=2.6)  # ...a new one at their usual level after a pause
    hits = default_lexicon().find(COMPLAINT)
    state = tracker.push_words(at(22.3), 0.0, n_words=12, hits=hits, calm=False)
    assert state.level == "calm"


def test_louder_turn_peak_s_must_not_be_negative() -> None:
    with pytest.raises(ConfigError):
        EscalationConfig(louder_turn_peak_s=-1.0)
