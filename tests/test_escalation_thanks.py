"""A customer who has just thanked the agent is not read "tense" on a raised voice alone as their next turn starts
(issue 10, session 50, E56: ``thanks_raised_damp``, :func:`coach.classify.thanks.thanks`).

The text rule on sentences, then synthetic tracker sequences in call time as in
``tests/test_escalation_raised_turn_start.py``: one prosody report per second of customer speech, a turn starting at a
report that spans a pause (the agent speaking).
"""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.classify.thanks import thanks
from coach.config import ConfigError
from coach.types import SAMPLE_RATE

CALM_DBFS = -30.0


@pytest.mark.parametrize(
    "text",
    [
        "Thursday. Thank you, that's very kind of you.",
        "No, that's everything, thank you, love.",
        "Thanks.",
        "Cheers, Winston, bye now.",
        "I really appreciate it.",
        "Thank you for sorting that out.",
        "That's so kind.",
        "Much appreciated.",
    ],
)
def test_words_that_thank_the_agent(text: str) -> None:
    assert thanks(text)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for nothing.",
        "Thanks a lot.",
        "Thank goodness for that.",
        "Thanks, but I already did that twice.",
        "I don't appreciate being cut off.",
        "That's kind of you to say, but no.",
        "It's kind of annoying.",
        "Thank you for wasting my morning.",
        "No, not every thing, thanks to it.",
        "I want my money back.",
    ],
)
def test_words_that_do_not(text: str) -> None:
    assert not thanks(text)


def _report(tracker: EscalationTracker, second: float, rise_db: float, span_s: float = 1.0) -> str:
    """One prosody report ``rise_db`` over the customer's calm level over the last ``span_s`` s; the level after."""
    at = int(second * SAMPLE_RATE)
    tracker.push_level(at, CALM_DBFS + rise_db, span_s=span_s)
    return tracker.push_loudness(at, rise_db, span_s=span_s).level


def _calm_turn_then_final(tracker: EscalationTracker, *, said_thanks: bool, calm: bool | None = True) -> float:
    """Ten seconds of ordinary speech, then their final (thanking the agent or not); returns the clock (s)."""
    for s in range(1, 11):
        _report(tracker, s, (0.0, 0.3, -0.3)[s % 3])
    tracker.push_words(11 * SAMPLE_RATE, 0.02, n_words=8, calm=calm, thanks=said_thanks)
    return 11.0


def _raised_turn(tracker: EscalationTracker, start_s: float, rises: list[float], gap_s: float = 4.0) -> list[str]:
    """A turn after a pause of ``gap_s``: one report a second, ``rises`` dB above their calm level; the levels."""
    levels = [_report(tracker, start_s + gap_s, rises[0], span_s=gap_s)]
    levels += [_report(tracker, start_s + gap_s + i, r) for i, r in enumerate(rises[1:], 1)]
    return levels


def _tracker(**kw: float) -> EscalationTracker:
    return EscalationTracker(EscalationConfig(**kw), words_expected=True)


RAISED = [3.8, 3.6, 3.0, 0.5]
"""A turn that starts a few dB up: "tense" on the raised voice alone (the mid-call floor)."""


def test_a_raised_start_after_thanks_stays_calm_and_without_thanks_is_tense() -> None:
    thanked = _tracker()
    now = _calm_turn_then_final(thanked, said_thanks=True)
    assert set(_raised_turn(thanked, now, RAISED)) == {"calm"}

    plain = _tracker()
    now = _calm_turn_then_final(plain, said_thanks=False)
    assert "tense" in _raised_turn(plain, now, RAISED)


def test_off_at_zero_and_not_where_the_thanking_words_were_angry() -> None:
    off = _tracker(thanks_raised_damp=0.0)
    now = _calm_turn_then_final(off, said_thanks=True)
    assert "tense" in _raised_turn(off, now, RAISED)

    angry = _tracker()  # "Thanks. Thanks very much for this mess": calm False (anger or a marker) sets nothing
    now = _calm_turn_then_final(angry, said_thanks=True, calm=False)
    assert "tense" in _raised_turn(angry, now, RAISED)


def test_it_lasts_only_until_their_next_final() -> None:
    tracker = _tracker()
    now = _calm_turn_then_final(tracker, said_thanks=True)
    tracker.push_words(int((now + 2) * SAMPLE_RATE), 0.02, n_words=8, calm=True)  # their next final, no thanks
    assert "tense" in _raised_turn(tracker, now + 2, RAISED)


def test_words_that_complain_still_count_after_thanks() -> None:
    """Only the raised voice alone is damped: an angry final in the raised turn still reaches "tense"."""
    tracker = _tracker()
    now = _calm_turn_then_final(tracker, said_thanks=True)
    levels = _raised_turn(tracker, now, RAISED)
    state = tracker.push_words(int((now + 8) * SAMPLE_RATE), 0.9, n_words=12, calm=False)
    assert set(levels) == {"calm"} and state.level != "calm"


def test_the_setting_is_checked() -> None:
    with pytest.raises(ConfigError):
        EscalationConfig(thanks_raised_damp=1.5)
    with pytest.raises(ConfigError):
        EscalationConfig(thanks_raised_damp=-0.1)
