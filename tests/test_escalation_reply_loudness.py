"""``reply_forgets_loudness``: an angry turn's raised voice does not hold the customer's calm reply "tense".

Between the customer's turns the loudness evidence only faded with ``idle_half_life_s``, so the raised voice of an
angry turn 15 s before still counted at the first frame of their next turn, where ``reply_releases_tense`` decides
(c921 72.5 s; models/arousal.md, session 41, E45). With the key, the old turn's loudness evidence is dropped as the
customer speaks again after ``reply_steps_down_s``: the level at the reply's first frame is decided without it. The
reports that arrive in the reply count as before (since session 48 the prosody stage no longer mixes the old turn's
unreported tail into the reply's first report: a pause of ``end_after_pause_s`` empties the customer's window).

Synthetic inputs, times in call samples (16 kHz); no transcript text.
"""

from __future__ import annotations

import numpy as np

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.classify.stage import EscalationStage
from coach.config import load_config
from coach.types import SAMPLE_RATE, Event, Lane

FORGETS = EscalationConfig(reply_forgets_loudness=True)
OFF = EscalationConfig(reply_forgets_loudness=False)
MARKER = 0.3
"""A weak complaint marker: below ``tense_enter`` alone, "tense" with a raised voice."""


def at(seconds: float) -> int:
    return int(round(seconds * SAMPLE_RATE))


def _raised_turn_then_reply(cfg: EscalationConfig, *, speaks_again: bool = True) -> tuple[str, str, float]:
    """A first turn heard (a final), then an angry turn at 10-14 s: a weak marker and four loudness reports 5 dB over
    the customer's usual level; 15 s of silence (the agent answers); the customer speaks again. The level in the
    angry turn, and the level and the raised-voice evidence a frame into the reply (no report of the reply yet)."""
    tracker = EscalationTracker(cfg, words_expected=True)
    tracker.push_words(at(4.0), 0.0, n_words=8)  # their calm first turn's final
    tracker.push_words(at(10.5), 0.0, n_words=8, hits=[("a grievance", MARKER)])
    for k in range(11, 15):
        state = tracker.push_loudness(at(k), 5.0)
    angry = state.level
    tracker.advance(at(29.0))
    if speaks_again:
        tracker.customer_speaks_again()
    state = tracker.advance(at(29.1))
    return angry, state.level, tracker.louder_evidence


def test_the_old_turns_raised_voice_no_longer_holds_the_reply_tense() -> None:
    angry, reply, louder = _raised_turn_then_reply(FORGETS)
    assert angry == "tense"
    assert reply == "calm" and louder == 0.0


def test_with_the_key_off_or_without_a_new_turn_the_raised_voice_holds_it() -> None:
    no_turns = EscalationConfig(reply_steps_down_s=0.0, reply_forgets_loudness=True)
    for cfg, again in ((OFF, True), (FORGETS, False), (no_turns, True)):
        angry, reply, louder = _raised_turn_then_reply(cfg, speaks_again=again)
        assert angry == "tense" and reply == "tense" and louder > 0.8


def test_the_replys_own_raised_voice_counts_at_its_first_report() -> None:
    tracker = EscalationTracker(FORGETS, words_expected=True)
    tracker.push_words(at(4.0), 0.0, n_words=8)
    for k in range(11, 15):
        tracker.push_loudness(at(k), 5.0)
    tracker.advance(at(29.0))
    tracker.customer_speaks_again()
    assert tracker.louder_evidence == 0.0
    assert tracker.push_loudness(at(30.0), 5.0).evidence[3] > 0.9


FRAME = 512


def _stage_reply_louder(cfg: EscalationConfig) -> float:
    """Through the stage: the customer speaks at 10-12 s, two loudness reports 5 dB up; 17 s later they speak again
    (after ``reply_steps_down_s``): the raised-voice evidence ``R`` the stage reports at the reply's first frame."""
    stage = EscalationStage(cfg, text_scorer=None)
    silent = np.zeros(FRAME, dtype=np.float32)
    for k in (10, 11):
        stage.push_speech(at(k), silent)
        report = Event.at_samples("prosody", at(k), at(k + 1), speaker=Lane.CUSTOMER.value, loudness_delta_db=5.0)
        stage.observe([report], at(k + 1))
    assert stage.tick(at(12.0)) is not None
    stage.push_speech(at(29.0), silent)  # the customer speaks again
    event = stage.tick(at(29.0) + FRAME)
    assert event is not None
    return float(event.data["drivers"]["louder"])


def test_through_the_stage_the_old_turns_raised_voice_is_gone_at_the_replys_first_frame() -> None:
    assert _stage_reply_louder(FORGETS) == 0.0
    assert _stage_reply_louder(OFF) > 0.8


def test_the_key_is_a_setting_of_the_product() -> None:
    assert isinstance(load_config().escalation.reply_forgets_loudness, bool)


def test_a_fall_across_the_customers_silence_is_put_after_the_agent_turn_in_it() -> None:
    """With the old turn's evidence dropped as they speak again, the score falls at the reply's first point, after a
    silence with no curve points: the fall is the agent turn's in that silence, not the one before it."""
    from coach.classify.stage import EscalationCurve

    curve = EscalationCurve()
    curve.add_agent_turn(2.0, 4.0)
    curve.add_agent_turn(12.5, 19.0)  # the de-escalating turn, while the customer is silent
    for k in range(5, 12):  # the angry customer, a point a second, "escalated"
        curve.add(float(k), 0.8, "escalated" if k > 5 else "tense")
    for k in range(20, 26):  # their reply: the old voice gone, the score low at once
        curve.add(float(k), 0.2, "tense" if k < 23 else "calm")
    down = curve.came_down()
    # the summary dates the last step down (tense -> calm at 23 s, session 52): after the agent turn in the silence
    assert down is not None and (down["t"], down["fall_from_t"]) == (23.0, 22.0)
    assert down["after_agent_turn"] == {"n": 2, "start": 12.5, "end": 19.0}
