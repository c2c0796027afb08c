"""Raised voice (issue 9 part 3): measured from the first words against a prior, then against a robust
baseline of the agent's calm speech that a loud turn does not drag up, and against the agent's own
baseline remembered by the call store across calls. Synthetic voiced audio (harmonic tones), fed
frame by frame as the analyser does; levels are dBFS."""

from __future__ import annotations

import numpy as np
import pytest

from coach.config import load_config
from coach.dsp.baseline import VoiceBaseline
from coach.dsp.resample import to_pipeline_rate
from coach.pipeline.analyzer import CallAnalyzer
from coach.prosody.tracker import ProsodyTracker
from coach.server.calls import CallManager
from coach.sources.recording import read_audio
from coach.store.config import StoreConfig
from coach.store.db import CallStore
from coach.store.reader import StoreReader
from coach.store.writer import StoreWriter
from coach.types import FRAME_SAMPLES, SAMPLE_RATE, AudioChunk, Cue, Lane
from tests.store_backends import pg_url_fixture, postgres_fixture, store_cfg_fixture  # noqa: F401

CFG = load_config()
RNG = np.random.default_rng(7)


def voice(seconds: float, level_db: float, hz: float = 120.0) -> np.ndarray:
    """A voiced, syllable-like sound: harmonics of ``hz`` with a 4 Hz amplitude envelope, at ``level_db`` RMS."""
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    x = sum(np.sin(2 * np.pi * hz * k * t + RNG.uniform(0, 6)) / k for k in range(1, 6))
    x = x * (0.6 + 0.4 * np.sin(2 * np.pi * 4 * t))
    x = x / np.sqrt(np.mean(x**2)) * 10 ** (level_db / 20)
    return x.astype(np.float32)


def feed(tracker: ProsodyTracker, parts: list[tuple[float, float | None]]) -> list[tuple[float, Cue]]:
    """Feed (seconds, level dB or None for a pause) parts; return the cues with the time they came."""
    audio = np.concatenate(
        [voice(s, lvl) if lvl is not None else np.zeros(int(s * SAMPLE_RATE), np.float32) for s, lvl in parts]
    )
    out = []
    for i in range(len(audio) // FRAME_SAMPLES):
        frame = audio[i * FRAME_SAMPLES : (i + 1) * FRAME_SAMPLES]
        now = (i + 1) * FRAME_SAMPLES
        for x in tracker.push(frame, i * FRAME_SAMPLES, bool(np.any(frame)), now):
            if isinstance(x, Cue):
                out.append((now / SAMPLE_RATE, x))
    return out


def agent(remembered: VoiceBaseline | None = None) -> ProsodyTracker:
    return ProsodyTracker(Lane.AGENT, CFG.prosody, CFG.raised_voice, remembered=remembered)


def firsts(cues: list[tuple[float, Cue]]) -> list[tuple[float, Cue]]:
    seen: dict[str, tuple[float, Cue]] = {}
    for at, c in cues:
        seen.setdefault(c.moment, (at, c))
    return list(seen.values())


def test_a_raised_voice_on_the_second_turn_is_caught_before_any_learning_period():
    # a 2 s greeting, 4 s of the customer (pause on this lane), then 10 dB up
    cues = firsts(feed(agent(), [(2.0, -26.0), (4.0, None), (3.0, -16.0), (1.5, None)]))
    [(at, cue)] = cues
    assert cue.kind == "pause_and_breathe"
    assert cue.start / SAMPLE_RATE == pytest.approx(6.0, abs=0.1)
    assert at - 6.0 <= 1.5


def test_a_raised_second_turn_after_a_short_greeting_quieter_than_the_prior_is_caught():
    # c80's shape: a 1.8 s greeting 2.5 dB below the lane prior, the customer, then 8 dB up. Against the
    # prior-blended baseline with the still-wide margin it never counted; against the agent's own calm
    # level (own_loudness_delta_db) it does, and the window running from the greeting into the loud turn
    # is not calm and stays out of the young baseline
    tracker = agent()
    cues = firsts(feed(tracker, [(1.8, -28.5), (3.4, None), (1.7, -20.5), (1.5, None)]))
    [(at, cue)] = cues
    assert cue.start / SAMPLE_RATE == pytest.approx(5.2, abs=0.15)
    assert at - 5.2 <= 1.5
    assert cue.evidence["own_db"] == pytest.approx(-28.5, abs=0.5)
    assert tracker.baseline.own_level_db == pytest.approx(-28.5, abs=0.5)


def test_a_calm_second_turn_a_little_louder_than_a_short_quiet_greeting_is_not_raised():
    # the widest calm rise over the first window on the call set is about 4 dB
    assert feed(agent(), [(1.8, -31.0), (3.4, None), (6.0, -26.5), (1.0, None), (6.0, -26.0)]) == []


def test_a_shout_that_dips_just_under_the_threshold_for_a_moment_stays_one_moment():
    # 10 dB up, 4.5 dB up for 1.5 s (under the 6 dB margin, within stay_below_db of it), 10 dB up again
    cues = feed(agent(), [(3.0, -26.0), (1.0, None), (2.0, -16.0), (1.5, -21.5), (1.5, -16.0), (1.5, None)])
    [(_, cue)] = firsts(cues)
    assert [c.ongoing for _, c in cues].count(False) == 1


def test_a_calmer_word_inside_one_loud_turn_does_not_split_it_into_two_moments():
    # 10 dB up, 0.8 s of quieter words (the window falls under the threshold and its hysteresis), then 10 dB
    # up again without a pause: one moment, ended once, at the turn's last loud words
    cues = feed(agent(), [(3.0, -26.0), (1.0, None), (2.0, -16.0), (0.8, -32.0), (2.0, -16.0), (1.5, None)])
    [(_, cue)] = firsts(cues)
    [end] = [c for _, c in cues if not c.ongoing]
    assert end.moment == cue.moment and end.end / SAMPLE_RATE == pytest.approx(8.8, abs=0.1)


def test_a_loud_turn_with_calm_words_between_two_outbursts_is_two_moments():
    # 2.5 s of usual-level words between the outbursts: the first stretch ends after end_after_pause_s of
    # them (at its last raised window, not the lull's end), the second is a new moment
    cues = feed(agent(), [(3.0, -26.0), (1.0, None), (2.0, -16.0), (2.5, -26.0), (2.0, -16.0), (1.5, None)])
    (_, first), (t2, second) = firsts(cues)
    assert first.moment != second.moment and t2 - 8.5 <= 1.0
    ends = [c for _, c in cues if not c.ongoing]
    assert [c.moment for c in ends] == [first.moment, second.moment]
    assert 6.0 <= ends[0].end / SAMPLE_RATE <= 7.0  # the window falls back within a second, not after the lull


def test_a_shout_from_the_very_first_words_is_caught_against_the_lane_prior():
    [(at, cue)] = firsts(feed(agent(), [(3.0, -13.0), (1.5, None)]))
    assert at <= 1.5 and cue.evidence["baseline_from"] == "prior"


def test_a_calm_hot_microphone_is_not_raised():
    assert feed(agent(), [(20.0, -17.0)]) == []


def test_a_loud_turn_does_not_drag_the_baseline_up_and_a_second_one_is_a_new_moment():
    tracker = agent()
    parts = [(4.0, -26.0), (2.0, None), (4.0, -18.0), (2.0, None), (4.0, -26.0), (2.0, None), (3.0, -19.0), (2, None)]
    cues = feed(tracker, parts)
    (t1, first), (t2, second) = firsts(cues)
    assert first.moment != second.moment
    assert t2 - 18.0 <= 1.5
    assert tracker.baseline.loudness_db == pytest.approx(-26.0, abs=1.0)
    ends = [c for _, c in cues if not c.ongoing]
    assert [c.moment for c in ends] == [first.moment, second.moment]
    assert ends[0].end / SAMPLE_RATE == pytest.approx(10.0, abs=0.1)


def test_an_ongoing_raised_voice_is_refreshed_through_short_pauses_between_words():
    cues = feed(agent(), [(2.0, -26.0), (1.0, None), (2.0, -15.0), (0.4, None), (2.0, -15.0), (2.0, None)])
    [(_, first)] = firsts(cues)
    sent = [(at, c.ongoing) for at, c in cues]
    gaps = np.diff([at for at, _ in sent])
    assert max(gaps) <= 0.1  # refreshed every frame, also in the 0.4 s pause
    assert sent[-1][1] is False and sum(1 for _, ongoing in sent if not ongoing) == 1


def test_a_remembered_baseline_catches_a_smaller_raise_from_the_first_words():
    remembered = VoiceBaseline(loudness_db=-30.0, pitch_hz=120.0, speech_s=300.0)
    [(at, cue)] = firsts(feed(agent(remembered), [(3.0, -23.0), (1.5, None)]))
    assert cue.evidence["baseline_from"] == "remembered" and at <= 1.5
    assert feed(agent(), [(3.0, -23.0)]) == []  # the generic prior could not tell


def test_the_store_remembers_the_agent_baseline_from_the_call_summary(tmp_path, shared_data):
    store = CallStore(tmp_path / "calls.sqlite3")
    analyzer = CallAnalyzer(CFG, escalation=False)
    pcm, rate = read_audio(shared_data / "asr" / "asterisk_8k" / "conf-usermenu.flac")  # 14 s of a real voice
    audio = to_pipeline_rate(pcm[:, 0], rate)
    audio = audio / np.sqrt(np.mean(audio[np.abs(audio) > 0.01] ** 2)) * 10 ** (-28 / 20)  # speech at about -28 dBFS
    for lane in Lane:
        analyzer.push(AudioChunk(lane, 0, audio if lane is Lane.AGENT else np.zeros_like(audio)))
    summary = analyzer.finish()[-1].data["summary"]
    assert summary["agent_voice"]["loudness_db"] == pytest.approx(-28.0, abs=3.0)
    assert summary["agent_voice"]["speech_s"] >= 8.0
    store.create_call("c1", agent_id="joe", source="test", record=False)
    store.end_call("c1", complete=True, reason=None, summary=summary)
    store.flush()
    remembered = store.agent_baseline("joe")
    assert remembered is not None and remembered.loudness_db == summary["agent_voice"]["loudness_db"]
    assert StoreReader(tmp_path / "calls.sqlite3", tmp_path).agent_baseline("joe") == remembered
    assert store.agent_baseline("ann") is None
    # the next call of the same agent starts from it, and updates it
    second = CallAnalyzer(CFG, escalation=False)
    second.remember_agent_baseline(remembered)
    assert second.agent_baseline() == remembered
    store.close()


def test_an_agent_baseline_cannot_be_swapped_mid_call():
    analyzer = CallAnalyzer(CFG, escalation=False)
    analyzer.push(AudioChunk(Lane.AGENT, 0, np.zeros(FRAME_SAMPLES, np.float32)))
    with pytest.raises(RuntimeError):
        analyzer.remember_agent_baseline(VoiceBaseline(loudness_db=-30.0, pitch_hz=None, speech_s=10.0))


def test_the_server_starts_each_call_of_an_agent_from_their_remembered_baseline(tmp_path):
    writer = StoreWriter(StoreConfig(path=str(tmp_path / "calls.sqlite3"), retention_days=0))
    writer.start()
    try:
        voice_json = {"loudness_db": -31.0, "pitch_hz": 110.0, "speech_s": 42.0}
        writer.create_call("c1", agent_id="joe", source="test", metadata={})
        writer.end_call("c1", complete=True, reason=None, summary={"agent_voice": voice_json})
        assert writer.sync()
        made: list[CallAnalyzer] = []

        def make(call_id: str) -> CallAnalyzer:
            made.append(CallAnalyzer(CFG, call_id=call_id, escalation=False))
            return made[-1]

        manager = CallManager(make_analyzer=make, board=None, store=writer, analysis_threads=1, call_queue_s=1.0)
        joe, ann = manager._analyzer_for("c2", "joe"), manager._analyzer_for("c3", "ann")
        assert joe.agent_baseline() == VoiceBaseline(loudness_db=-31.0, pitch_hz=110.0, speech_s=42.0)
        assert ann.agent_baseline() is None
        manager.pool.stop()
    finally:
        writer.stop()


def test_coach_analyze_with_an_agent_id_starts_from_the_baseline_in_the_configured_store(store_cfg, tmp_path):
    """`coach analyze --agent-id` reads the store that [store] names (a SQLite file or PostgreSQL)."""
    import dataclasses

    from coach.cli import _remember_agent

    writer = StoreWriter(store_cfg)
    writer.start()
    try:
        writer.create_call("c1", agent_id="joe", source="test", metadata={})
        voice = {"loudness_db": -33.0, "pitch_hz": 120.0, "speech_s": 30.0}
        writer.end_call("c1", complete=True, reason=None, summary={"agent_voice": voice})
        assert writer.sync()
    finally:
        writer.stop()
    cfg = dataclasses.replace(CFG, store=store_cfg)
    joe, ann = CallAnalyzer(cfg, escalation=False), CallAnalyzer(cfg, escalation=False)
    _remember_agent(joe, cfg, "joe")
    _remember_agent(ann, cfg, "ann")
    assert joe.agent_baseline() == VoiceBaseline(loudness_db=-33.0, pitch_hz=120.0, speech_s=30.0)
    assert ann.agent_baseline() is None


def test_coach_analyze_with_an_agent_id_and_no_store_yet_creates_nothing(tmp_path):
    import dataclasses

    from coach.cli import _remember_agent

    missing = dataclasses.replace(CFG, store=StoreConfig(path=str(tmp_path / "none" / "calls.sqlite3")))
    analyzer = CallAnalyzer(missing, escalation=False)
    _remember_agent(analyzer, missing, "joe")
    assert analyzer.agent_baseline() is None and not (tmp_path / "none").exists()
