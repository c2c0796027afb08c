"""A customer who breaks a silence of both lanes (dead air) with a raised voice is "tense" at their turn's first
loudness report (issue 10, session 51, ``broken_silence_s``): the mid-call raised-turn rule averaged that report with
the customer's last one before the silence (a calm line, often under their usual level), so "Brandi? Hello, anybody
on the line?" said 3-4 dB up waited for its second report, or never counted. A reply to the agent is read as before;
the key off, nothing changes.

Synthetic tracker sequences in call time (one prosody report a second of customer speech, a turn starting at a
report that spans a pause), and the stage's own reading of the silence from the customer's speech frames and the
agent's speech and prosody events.
"""

from __future__ import annotations

import numpy as np

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.classify.silence import SilenceWatch
from coach.classify.stage import EscalationStage
from coach.config import load_config
from coach.types import SAMPLE_RATE, Event, Lane

CALM_DBFS = -30.0
FRAME = 512


def at(seconds: float) -> int:
    return int(seconds * SAMPLE_RATE)


def _report(tracker: EscalationTracker, second: float, rise_db: float, span_s: float = 1.0) -> str:
    """One prosody report ``rise_db`` above the customer's calm level over the last ``span_s`` s; the level after."""
    tracker.push_level(at(second), CALM_DBFS + rise_db, span_s=span_s)
    return tracker.push_loudness(at(second), rise_db, span_s=span_s).level


def _turn_after_silence(rises: list[float], *, broken: bool, **kw: float) -> list[str]:
    """Ten seconds of ordinary speech ending under their usual level (-1 dB), their first final, then 14 s of silence
    and a turn ``rises`` dB up (one report a second; ``broken``: the stage said the silence was both lanes')."""
    tracker = EscalationTracker(EscalationConfig(**kw), words_expected=True)
    for s in range(1, 10):
        _report(tracker, s, (0.0, 0.3, -0.3)[s % 3])
    _report(tracker, 10, -1.0)
    tracker.push_words(at(11), 0.02, n_words=12, calm=None)
    if broken:
        tracker.customer_breaks_silence()
    levels = [_report(tracker, 25, rises[0], span_s=15.0)]
    return levels + [_report(tracker, 25 + i, r) for i, r in enumerate(rises[1:], 1)]


def test_a_raised_turn_breaking_the_silence_is_tense_at_its_first_report() -> None:
    assert _turn_after_silence([3.4, 4.7], broken=True)[0] == "tense"


def test_as_a_reply_the_same_turn_waits_for_its_second_report() -> None:
    assert _turn_after_silence([3.4, 4.7], broken=False) == ["calm", "tense"]


def test_with_the_key_off_the_silence_changes_nothing() -> None:
    off = _turn_after_silence([3.4, 1.0, 0.5], broken=True, broken_silence_s=0.0)
    assert off == _turn_after_silence([3.4, 1.0, 0.5], broken=False) == ["calm"] * 3


def test_a_turn_at_the_usual_level_after_the_silence_stays_calm() -> None:
    for rises in ([0.5, 0.0, 0.3], [2.0, 1.0, 0.0], [1.5, 2.5, 0.5]):
        assert set(_turn_after_silence(rises, broken=True)) == {"calm"}, rises


def test_only_the_turn_after_the_silence_reads_so() -> None:
    """The next turn (a reply to the agent, after a calm line under their usual level) is read as before."""
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    for s in range(1, 11):
        _report(tracker, s, -1.0 if s == 10 else 0.0)
    tracker.push_words(at(11), 0.02, n_words=12, calm=None)
    tracker.customer_breaks_silence()
    _report(tracker, 25, 0.5, span_s=15.0)  # they broke the silence calmly
    _report(tracker, 26, -1.0)
    tracker.push_words(at(27), 0.02, n_words=8, calm=None)
    assert _report(tracker, 35, 3.4, span_s=8.0) == "calm"


def test_the_watch_measures_the_silence_of_both_lanes() -> None:
    watch = SilenceWatch()
    assert watch.silence_before(at(5.0), None) == float("inf")
    watch.agent_spoke(at(20.0))
    assert watch.silence_before(at(34.0), at(18.0)) == 14.0  # the agent spoke last
    assert watch.silence_before(at(34.0), at(30.0)) == 4.0  # the customer paused
    watch.agent_spoke(at(33.5))  # an agent prosody report: the agent is still talking
    assert watch.silence_before(at(34.0), at(18.0)) == 0.5


def _stage_rise_evidence(agent_reports: list[float]) -> float:
    """Through the stage: the customer speaks at 10-12 s (their first final, a report 1 dB under their level), the agent
    at 12-13 s; prosody reports of the agent at ``agent_reports`` (s); the customer speaks again at 27 s, their
    first report 3.4 dB up: the score the stage reports (the held mid-call floor, or nothing)."""
    stage = EscalationStage(EscalationConfig(), text_scorer=None)
    tracker = stage._tracker
    tracker.words_expected = True  # as in a transcribed call
    silent = np.zeros(FRAME, dtype=np.float32)
    for k in range(5, 12):
        stage.push_speech(at(k), silent)
        report = Event.at_samples(
            "prosody", at(k), at(k + 1), speaker=Lane.CUSTOMER.value, loudness_delta_db=-1.0 if k == 11 else 0.0
        )
        stage.observe([report], at(k + 1))
    tracker.push_words(at(12), 0.02, n_words=12, calm=None)
    stage.observe([Event.at_samples("speech", at(12), at(13.5), speaker=Lane.AGENT.value, end=13.0)], at(13.5))
    for t in agent_reports:
        stage.observe([Event.at_samples("prosody", at(t - 1), at(t), speaker=Lane.AGENT.value)], at(t))
    stage.push_speech(at(27.0), silent)
    first = Event.at_samples("prosody", at(27.0), at(28.0), speaker=Lane.CUSTOMER.value, loudness_delta_db=3.4)
    stage.observe([first], at(28.0))
    event = stage.tick(at(28.0) + FRAME)
    assert event is not None
    return float(event.data["score"])


def test_through_the_stage_dead_air_counts_and_an_agent_still_talking_does_not() -> None:
    assert _stage_rise_evidence([]) >= EscalationConfig().tense_enter
    assert _stage_rise_evidence([20.0, 24.0, 26.5]) < EscalationConfig().tense_enter


def test_the_keys_are_settings_of_the_product() -> None:
    escalation = load_config().escalation
    assert escalation.broken_silence_s > 0 and escalation.broken_silence_forgets_calm is True


# ``broken_silence_forgets_calm``: the calm words, delight and thanks of the lines before the silence are dropped.

FORGETS = EscalationConfig(broken_silence_forgets_calm=True)


def _voice_after_silence(cfg: EscalationConfig, *, broken: bool, final: dict[str, object]) -> list[str]:
    """Nine seconds of calm voice, a final (``final``: push_words' keywords), 20 s of silence, then the customer
    speaks again with an aroused voice (readings of 0.75, one a second): the level after each reading."""
    tracker = EscalationTracker(cfg, words_expected=True)
    for s in range(1, 10):
        tracker.push_voice(at(s), 0.1)
    tracker.push_words(at(10), 0.02, n_words=12, **final)
    tracker.advance(at(30))
    tracker.customer_speaks_again()
    if broken:
        tracker.customer_breaks_silence()
    return [tracker.push_voice(at(s), 0.75).level for s in range(31, 35)]


def test_calm_words_before_the_silence_no_longer_damp_the_voice_that_breaks_it() -> None:
    assert "tense" in _voice_after_silence(FORGETS, broken=True, final={"calm": True})


def test_as_a_reply_or_with_the_key_off_the_calm_words_still_damp_it() -> None:
    assert set(_voice_after_silence(FORGETS, broken=False, final={"calm": True})) == {"calm"}
    off = EscalationConfig(broken_silence_forgets_calm=False)
    assert set(_voice_after_silence(off, broken=True, final={"calm": True})) == {"calm"}


def _raised_after_silence(cfg: EscalationConfig, *, broken: bool, final: dict[str, object]) -> str:
    """A first turn at the usual level ending in a final (``final``), 14 s of silence, then a turn 3.4 dB up: the
    level at its first report."""
    tracker = EscalationTracker(cfg, words_expected=True)
    for s in range(1, 11):
        _report(tracker, s, -1.0 if s == 10 else 0.0)
    tracker.push_words(at(11), 0.02, n_words=12, **final)
    tracker.advance(at(24))
    tracker.customer_speaks_again()
    if broken:
        tracker.customer_breaks_silence()
    return _report(tracker, 25, 3.4, span_s=15.0)


def test_thanks_before_the_silence_no_longer_takes_the_raised_voice_off() -> None:
    thanked = {"thanks": True, "calm": True}
    assert _raised_after_silence(FORGETS, broken=True, final=thanked) == "tense"
    off = EscalationConfig(broken_silence_forgets_calm=False)
    assert _raised_after_silence(off, broken=True, final=thanked) == "calm"


def test_their_next_final_brings_the_calm_words_back() -> None:
    """The calm words are set aside for the turn that breaks the silence only: after its final (four calm words), the
    next aroused turn is damped again by the calm words of before (c1013's calm "Friday gives me a week" reply)."""
    tracker = EscalationTracker(FORGETS, words_expected=True)
    for s in range(1, 10):
        tracker.push_voice(at(s), 0.1)
    tracker.push_words(at(10), 0.02, n_words=12, calm=True)
    tracker.advance(at(30))
    tracker.customer_speaks_again()
    tracker.customer_breaks_silence()
    assert tracker.push_voice(at(31), 0.1).evidence[5] == 0.0  # K set aside
    tracker.push_words(at(32), 0.02, n_words=4, calm=True)  # "Hello? Are you still there?"
    assert tracker.advance(at(32)).evidence[5] > 0.9
    tracker.advance(at(50))
    tracker.customer_speaks_again()  # a reply to the agent
    assert set(tracker.push_voice(at(s), 0.75).level for s in range(51, 55)) == {"calm"}
