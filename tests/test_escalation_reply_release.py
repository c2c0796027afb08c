"""``reply_releases_tense``: a "tense" the score no longer reaches goes back to calm when the customer speaks again.

Across the agent's answer the hysteresis band (``tense_exit`` to ``tense_enter``) held an angry turn's fading markers
into the customer's next turn, so a calm reply started "tense" (c888, c894, c897; models/arousal.md, session 40, E44).
When the customer speaks again after ``reply_steps_down_s`` of silence, a "tense" whose score is below ``tense_enter``
is calm at once; a score still at ``tense_enter`` keeps it; the new turn's own evidence raises it again.

Synthetic inputs, times in call samples (16 kHz); wording our own.
"""

from __future__ import annotations

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.config import load_config
from coach.types import SAMPLE_RATE

CFG = EscalationConfig()
MARKER = 0.45
"""A marker "tense" alone (``tense_enter`` 0.40), never "escalated"."""


def at(seconds: float) -> int:
    return int(round(seconds * SAMPLE_RATE))


def _after_silence(silent_s: float, cfg: EscalationConfig = CFG, *, speaks_again: bool = True) -> tuple[str, float]:
    """One complaint marker at 5 s ("tense"), then ``silent_s`` of the customer's silence (the agent answers), then the
    customer speaks again; the level and score a second into their new turn."""
    tracker = EscalationTracker(cfg, words_expected=True)
    state = tracker.push_words(at(5.0), 0.0, n_words=8, hits=[("a grievance", MARKER)])
    assert state.level == "tense"
    tracker.advance(at(5.0 + silent_s))
    if speaks_again:
        tracker.customer_speaks_again()
    state = tracker.advance(at(6.0 + silent_s))
    return state.level, state.score


def test_a_tense_level_the_score_no_longer_reaches_is_calm_as_the_customer_speaks_again() -> None:
    level, score = _after_silence(20.0)  # the marker has faded to ~0.35: in the band, below tense_enter
    assert CFG.tense_exit < score < CFG.tense_enter
    assert level == "calm"


def test_without_the_new_turn_or_with_the_key_off_the_band_holds_tense() -> None:
    assert _after_silence(20.0, speaks_again=False)[0] == "tense"
    assert _after_silence(20.0, EscalationConfig(reply_releases_tense=False))[0] == "tense"
    assert _after_silence(20.0, EscalationConfig(reply_steps_down_s=0.0))[0] == "tense"  # no new turn is told


def test_a_score_still_at_tense_enter_keeps_tense() -> None:
    level, score = _after_silence(4.0)  # ~0.43
    assert score >= CFG.tense_enter
    assert level == "tense"


def test_an_escalated_level_whose_score_fell_below_tense_enter_is_calm_as_the_customer_speaks_again() -> None:
    tracker = EscalationTracker(CFG, words_expected=True)
    tracker.push_words(at(5.0), 0.0, n_words=10, hits=[("first complaint", 0.6)])
    assert tracker.push_words(at(8.0), 0.0, n_words=10, hits=[("second complaint", 0.5)]).level == "escalated"
    tracker.customer_speaks_again()  # hardly any silence: the score ~0.79 reaches escalated_enter, nothing changes
    assert tracker.advance(at(9.0)).level == "escalated"
    # the level machine comes down through the band without new evidence, not to calm (the band holds it)
    state = tracker.advance(at(90.0))
    assert state.level == "tense" and CFG.tense_exit < state.score < CFG.tense_enter
    tracker.customer_speaks_again()
    assert tracker.advance(at(91.0)).level == "calm"


def test_the_new_turns_own_evidence_raises_it_again() -> None:
    tracker = EscalationTracker(CFG, words_expected=True)
    tracker.push_words(at(5.0), 0.0, n_words=8, hits=[("a grievance", MARKER)])
    tracker.advance(at(25.0))
    tracker.customer_speaks_again()
    assert tracker.advance(at(26.0)).level == "calm"
    assert tracker.push_words(at(27.0), 0.0, n_words=6, hits=[("another grievance", MARKER)]).level == "tense"


def test_the_key_is_a_shipped_setting() -> None:
    assert load_config().escalation.reply_releases_tense is True


# ``reply_forgets_voice``: the previous turn's voice evidence does not carry into the customer's next turn.


FORGETS = EscalationConfig(reply_forgets_voice=True)


def _voice_after_silence(cfg: EscalationConfig = FORGETS, *, speaks_again: bool = True) -> tuple[float, float, str]:
    """Five seconds of aroused voice (readings of 0.95, one a second), 12 s of the customer's silence, then the customer
    speaks again: the voice and sustained-voice evidence and the level at the new turn's start."""
    tracker = EscalationTracker(cfg, words_expected=True)
    for k in range(1, 6):
        tracker.push_voice(at(k), 0.95)
    assert tracker.voice_evidence > 0.9
    tracker.advance(at(17.0))
    if speaks_again:
        tracker.customer_speaks_again()
    state = tracker.advance(at(17.1))
    return state.evidence[0], state.evidence[1], state.level


def test_the_old_turns_voice_is_dropped_as_the_customer_speaks_again() -> None:
    voice, sustained, _ = _voice_after_silence()
    assert voice == 0.0 and sustained == 0.0


def test_without_the_new_turn_or_with_the_key_off_the_voice_only_fades() -> None:
    for voice, sustained, _ in (
        _voice_after_silence(speaks_again=False),
        _voice_after_silence(EscalationConfig(reply_forgets_voice=False)),  # the key off
    ):
        assert voice > 0.8 and sustained > 0.3  # 12 s of a 90 s half-life


def test_the_new_turns_own_voice_counts_from_its_first_reading() -> None:
    tracker = EscalationTracker(FORGETS, words_expected=True)
    for k in range(1, 6):
        tracker.push_voice(at(k), 0.95)
    tracker.advance(at(17.0))
    tracker.customer_speaks_again()
    assert tracker.push_voice(at(18.0), 0.95).evidence[0] > 0.5


def test_forgetting_the_voice_is_the_shipped_default() -> None:
    assert EscalationConfig().reply_forgets_voice is True
    assert load_config().escalation.reply_forgets_voice is True
