"""EscalationTracker (issue 10, session 37): a customer's voice with no baseline of theirs yet (their first turn) is
not "tense" on its own when nothing in the words is a grievance.

- ``voice_confirm_held_alone`` false: in the first turn of a transcribed call, an aroused voice held for seconds, at
  telephone level and with no complaining word or marker, no longer confirms a voice-only rise (an upset or lively
  opener reads aroused for 10 s on the voice model); a loud voice (``voice_confirm_loud``) or a marker still does, and
  without transcription nothing waits.
- ``final_keeps_partial_calm``: a final read as neither calm nor angry (a little anger in its text) keeps the calm
  words its own partials' committed words were read as; a final that reads angry or holds a marker still drops them.

Synthetic readings (no model is loaded), times in call samples.
"""

from __future__ import annotations

from coach.classify.escalation import EscalationConfig, EscalationTracker
from tests.test_escalation_voice_sustained import AROUSED, at, first_tense, run

HELD = [0.1] + [AROUSED] * 11
"""An opener's voice read aroused from its second second for eleven seconds (sustained evidence well past
``voice_confirm_sustained``)."""


def test_a_held_aroused_voice_alone_stays_calm_in_the_first_turn() -> None:
    cfg = EscalationConfig()
    assert not cfg.voice_confirm_held_alone
    assert first_tense(run(EscalationTracker(cfg, words_expected=True), HELD)) is None
    # the rule before: the held voice alone confirmed the rise
    before = EscalationConfig(voice_confirm_held_alone=True)
    assert first_tense(run(EscalationTracker(before, words_expected=True), HELD)) is not None


def test_a_loud_held_voice_still_rises_in_the_first_turn() -> None:
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    rose = None
    for i, p in enumerate(HELD):
        tracker.push_level(at(i + 0.9), -19.0)  # 3 dB over loud_level_floor_dbfs: A 0.75
        if tracker.push_voice(at(i + 1), p, window_samples=at(1)).level != "calm" and rose is None:
            rose = i + 1
    assert rose is not None


def test_a_marker_in_the_opener_still_lets_the_held_voice_rise() -> None:
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    tracker.push_words(at(0.5), float("nan"), n_words=0, hits=[("had to pay", 0.3)])
    assert first_tense(run(tracker, HELD)) is not None


def test_without_transcription_the_held_voice_rises_as_before() -> None:
    assert first_tense(run(EscalationTracker(EscalationConfig(), words_expected=False), HELD)) == 2.0


def _after_final(cfg: EscalationConfig, p: float, *, calm: bool | None, hits: list[tuple[str, float]]) -> str:
    """The level just after the first final of an aroused opener whose committed words (12) read calm."""
    tracker = EscalationTracker(cfg, words_expected=True)
    run(tracker, [0.1, AROUSED, AROUSED])
    tracker.push_committed_words(at(3.1), 12, calm=True, p=0.02)
    run_on = [AROUSED] * 6
    for i, q in enumerate(run_on):
        tracker.push_voice(at(4 + i), q, window_samples=at(1))
    state = tracker.push_words(at(10.5), p, n_words=41, hits=hits, provisional=(), calm=calm)
    return state.level


def test_a_final_with_a_little_anger_keeps_its_partials_calm_words() -> None:
    cfg = EscalationConfig()
    assert cfg.final_keeps_partial_calm
    assert _after_final(cfg, 0.12, calm=None, hits=[]) == "calm"
    # the rule before: the final dropped them and the undamped voice rose at once
    before = EscalationConfig(
        final_keeps_partial_calm=False, voice_confirm_until_reply=False, voice_confirm_after_calm_opener=False
    )
    assert _after_final(before, 0.12, calm=None, hits=[]) != "calm"


def test_a_final_that_complains_still_drops_its_partials_calm_words() -> None:
    assert _after_final(EscalationConfig(), 0.4, calm=False, hits=[("third time", 0.5)]) != "calm"
