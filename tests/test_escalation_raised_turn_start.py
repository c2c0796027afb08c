"""Mid-call, a customer turn that starts raised against the customer's own level is "tense" within its
first seconds (issue 10, session 23, ``louder_held_mid_ceiling_db``): on telephone audio a line said a few
dB louder reads 2-4 dB up for one second and less the next, so the mean of two reports counts where the
lower of the two (``louder_held_weight`` alone) never holds. Only after the customer's first final, only in
the first ``louder_held_mid_reports`` reports of a turn, never above "tense" by itself, not for a delighted
customer, not without transcription.

Synthetic tracker sequences in call time: one prosody report per second of customer speech (their level
in dBFS, then the rise over the prosody baseline), a turn starting at a report that spans a pause.
"""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.config import ConfigError
from coach.types import SAMPLE_RATE

CALM_DBFS = -30.0


def _report(tracker: EscalationTracker, second: float, level_dbfs: float, span_s: float = 1.0) -> str:
    """One prosody report ``level_dbfs`` over the last ``span_s`` s (its rise over the calm level as delta)."""
    at = int(second * SAMPLE_RATE)
    tracker.push_level(at, level_dbfs, span_s=span_s)
    return tracker.push_loudness(at, level_dbfs - CALM_DBFS, span_s=span_s).level


def _calm_first_turn(tracker: EscalationTracker, *, final: bool = True) -> float:
    """Ten seconds of ordinary speech (within 0.3 dB), then their first final; returns the clock (s)."""
    for s in range(1, 11):
        _report(tracker, s, CALM_DBFS + (0.0, 0.3, -0.3)[s % 3])
    if final:
        tracker.push_words(11 * SAMPLE_RATE, 0.02, n_words=12, calm=None)
    return 11.0


def _turn(tracker: EscalationTracker, start_s: float, rises: list[float], gap_s: float = 4.0) -> list[str]:
    """A customer turn after a pause of ``gap_s`` (the agent speaking): one report a second, ``rises`` dB
    above their calm level; the level after each."""
    levels = [_report(tracker, start_s + gap_s, CALM_DBFS + rises[0], span_s=gap_s)]
    levels += [_report(tracker, start_s + gap_s + i, CALM_DBFS + r) for i, r in enumerate(rises[1:], 1)]
    return levels


def _tracker(**kw: float) -> EscalationTracker:
    return EscalationTracker(EscalationConfig(**kw), words_expected=True)


@pytest.mark.parametrize("rises", [[3.8, 2.8], [4.2, 2.4], [2.8, 3.8], [3.4, 3.4]])
def test_a_turn_starting_a_few_db_up_is_tense_within_two_reports(rises: list[float]) -> None:
    tracker = _tracker()
    now = _calm_first_turn(tracker)
    levels = _turn(tracker, now, [*rises, 0.5, 0.5])
    assert levels[0] == "calm" and levels[1] == "tense"


def test_the_lower_of_the_two_alone_would_not_hold_it() -> None:
    """The same turn with the mean rule off: E22's held rule needs both reports ~4.7 dB up."""
    tracker = _tracker(louder_held_mid_ceiling_db=0.0)
    now = _calm_first_turn(tracker)
    assert set(_turn(tracker, now, [3.8, 2.8, 0.5, 0.5])) == {"calm"}


def test_a_smaller_rise_or_one_loud_second_stays_calm() -> None:
    for rises in ([2.5, 2.5, 2.5], [5.0, 0.0, 0.5], [0.0, 5.0, 0.0], [2.0, 3.0, 2.0]):
        tracker = _tracker()
        now = _calm_first_turn(tracker)
        assert set(_turn(tracker, now, rises)) == {"calm"}, rises


def test_a_rise_later_in_a_turn_is_not_a_raised_turn() -> None:
    """A quiet speaker's level wanders within a turn (quiet c498): counted only at the turn's start."""
    tracker = _tracker()
    now = _calm_first_turn(tracker)
    assert set(_turn(tracker, now, [0.5, 0.0, 0.5, 0.0, 3.8, 3.6, 0.5])) == {"calm"}


def test_not_in_the_first_turn() -> None:
    """Before the customer's first final their own level is young, and a loud opener is no baseline."""
    tracker = _tracker()
    now = _calm_first_turn(tracker, final=False)
    assert set(_turn(tracker, now, [3.6, 3.0, 0.5])) == {"calm"}


def test_it_lifts_to_tense_but_never_escalates_alone() -> None:
    tracker = _tracker()
    now = _calm_first_turn(tracker)
    levels = _turn(tracker, now, [8.0, 8.0, 8.0, 8.0])
    for k in range(5):  # turn after turn starting very loud
        levels += _turn(tracker, now + 8.0 * (k + 1), [8.0, 8.0, 8.0])
    assert "tense" in levels and "escalated" not in levels


def test_it_adds_nothing_above_other_evidence() -> None:
    """Counted as a floor on the score, not in the noisy-OR: a customer already tense on their words is no
    more escalated for a turn that starts raised (calm replies right after an angry line, c359, c412)."""
    scores = []
    for mid in (0.0, 3.0):
        tracker = _tracker(louder_held_mid_ceiling_db=mid)
        now = _calm_first_turn(tracker)
        tracker.push_words(int((now + 1) * SAMPLE_RATE), 0.9, n_words=12, calm=False)
        _turn(tracker, now + 1, [3.6, 2.4])
        scores.append(tracker.advance(int((now + 6) * SAMPLE_RATE)).score)
    assert scores[1] == pytest.approx(scores[0])


def test_a_delighted_customer_or_no_transcription_stays_calm() -> None:
    happy = _tracker()
    now = _calm_first_turn(happy)
    happy.push_words(int(now * SAMPLE_RATE), 0.02, n_words=8, calm=True, pleasant=True)
    assert set(_turn(happy, now, [3.6, 3.0, 0.5])) == {"calm"}

    no_words = EscalationTracker(EscalationConfig())
    now = _calm_first_turn(no_words, final=False)
    no_words.push_words(11 * SAMPLE_RATE, 0.02, n_words=12, calm=None)
    assert set(_turn(no_words, now, [3.6, 3.0, 0.5])) == {"calm"}


def test_the_settings_are_checked() -> None:
    with pytest.raises(ConfigError):
        EscalationConfig(louder_held_mid_ceiling_db=1.5)  # not above louder_floor_db
    with pytest.raises(ConfigError):
        EscalationConfig(louder_held_mid_reports=0)
    with pytest.raises(ConfigError):
        EscalationConfig(louder_turn_gap_s=0.0)
    EscalationConfig(louder_held_mid_ceiling_db=0.0)  # off
