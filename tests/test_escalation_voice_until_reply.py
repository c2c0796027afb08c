"""``voice_confirm_until_reply``: the first final does not by itself confirm the first turn's voice-only rise; the
customer's own no-show is no marker (quiet c977).

In a transcribed call's first turn a voice-only rise waits for a second cue (``voice_confirm_s``: complaining words
or markers, a loud voice). The first final used to end that wait: a lively first turn whose voice reads aroused went
"tense" the moment its final came, on words that held no grievance (quiet c976, c980; models/arousal.md, session 42,
E46). With the key the wait goes on until the customer speaks again (their next voice reading); a final that
complains still confirms the rise. Synthetic readings, times in call samples (16 kHz).
"""

from __future__ import annotations

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.config import load_config
from coach.types import SAMPLE_RATE

AROUSED = 0.95
"""An arousal probability whose voice evidence alone puts the score above ``tense_enter``."""
UNTIL = EscalationConfig(voice_confirm_until_reply=True, voice_confirm_after_calm_opener=False)
"""(A later turn's rise of a caller whose first turn read as aroused and stayed calm waits with
``voice_confirm_after_calm_opener``: tests/test_escalation_voice_after_calm_opener.py.)"""
OFF = EscalationConfig(voice_confirm_until_reply=False, voice_confirm_after_calm_opener=False)


def at(seconds: float) -> int:
    return int(round(seconds * SAMPLE_RATE))


def _aroused_first_turn(cfg: EscalationConfig) -> EscalationTracker:
    """Six seconds of aroused voice readings in the first turn (the rise waits: no second cue)."""
    tracker = EscalationTracker(cfg, words_expected=True)
    for k in range(1, 7):
        state = tracker.push_voice(at(k), AROUSED, window_samples=SAMPLE_RATE)
        assert state.score >= cfg.tense_enter and state.level == "calm"
    return tracker


def test_a_first_final_without_a_grievance_does_not_confirm_the_voice() -> None:
    for cfg, expected in ((UNTIL, "calm"), (OFF, "tense")):
        tracker = _aroused_first_turn(cfg)
        state = tracker.push_words(at(7.0), 0.0, n_words=12)  # words read with no anger, not heard as calm
        assert state.level == expected
        assert tracker.advance(at(8.0)).level == expected


def test_a_first_final_that_complains_still_confirms_it() -> None:
    tracker = _aroused_first_turn(UNTIL)
    state = tracker.push_words(at(7.0), 0.0, n_words=12, hits=[("a grievance", 0.2)])
    assert state.level != "calm"


def test_the_wait_ends_when_the_customer_speaks_again() -> None:
    tracker = _aroused_first_turn(UNTIL)
    tracker.push_words(at(7.0), 0.0, n_words=12)
    assert tracker.advance(at(9.0)).level == "calm"
    assert tracker.push_voice(at(10.0), AROUSED, window_samples=SAMPLE_RATE).level != "calm"


def test_the_key_is_a_setting_of_the_product() -> None:
    assert isinstance(load_config().escalation.voice_confirm_until_reply, bool)


def test_the_customers_own_no_show_and_a_waived_claim_are_no_markers() -> None:
    """Quiet c977's upset customer missed a class ("we never showed up") and waives a refund ("I'm not asking for
    money"): no marker; the company's no-show and a claim pressed still are (wording of our own)."""
    from coach.classify.lexicon import default_lexicon

    def phrases(text: str) -> list[str]:
        return [h.phrase for h in default_lexicon().find(text)]

    assert phrases("We were booked for Tuesday and we never showed up, my dad was taken ill.") == []
    assert phrases("I'm not asking for money, just another date if you have one.") == []
    assert phrases("We were booked for Tuesday and your fitter never showed up.") == ["never showed up"]
    assert "i'm not asking for" in phrases("I'm not asking for a favour, I'm asking for what I paid for.")
