"""EscalationTracker: fusion of voice, words and lexicon with hysteresis (synthetic, seeded)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from coach.classify.escalation import EscalationConfig, EscalationState, EscalationTracker
from coach.classify.lexicon import default_lexicon
from coach.errors import ConfigError
from coach.types import SAMPLE_RATE

HOP = SAMPLE_RATE  # one voice reading per second of customer speech


def run_voice(
    tracker: EscalationTracker,
    start_s: float,
    seconds: float,
    p: float | list[float],
    words: tuple[float, int] | None = None,
) -> list[EscalationState]:
    """Voice readings every 1 s (and, if given, an utterance (p, n_words) every 4 s) from ``start_s``."""
    states = []
    ps = p if isinstance(p, list) else [p] * int(seconds)
    for i, pv in enumerate(ps):
        t = int((start_s + i + 1) * SAMPLE_RATE)
        states.append(tracker.push_voice(t, pv, window_samples=HOP))
        if words is not None and i % 4 == 3:
            states.append(tracker.push_words(t, words[0], n_words=words[1]))
    return states


def levels(states: list[EscalationState]) -> list[str]:
    return [s.level for s in states]


def test_borderline_voice_signal_crosses_the_threshold_but_the_level_does_not_flap() -> None:
    cfg = EscalationConfig()
    rng = np.random.default_rng(7)
    # the voice evidence whose steady state (V = S) puts the score exactly at tense_enter
    v = np.linspace(0, 1, 10001)
    steady = 1 - (1 - cfg.voice_weight * v) * (1 - cfg.sustain_weight * v)
    centre = cfg.voice_floor + v[np.argmin(np.abs(steady - cfg.tense_enter))] * (cfg.voice_ceiling - cfg.voice_floor)
    ps = list(np.clip(centre - 0.04 + 0.1 * rng.standard_normal(300), 0, 1))  # 5 minutes of borderline voice
    states = run_voice(EscalationTracker(cfg), 0.0, 300.0, ps)
    scores = np.array([s.score for s in states])
    above = scores >= cfg.tense_enter
    assert np.count_nonzero(above[1:] != above[:-1]) >= 6  # the raw score does cross back and forth
    assert sum(s.changed for s in states) == 1  # ...the level changes once: calm -> tense
    assert states[-1].level == "tense"


def test_sustained_anger_in_voice_and_words_rises_to_escalated() -> None:
    tracker = EscalationTracker()
    calm = run_voice(tracker, 0.0, 20.0, 0.05, words=(0.02, 8))
    assert set(levels(calm)) == {"calm"}
    angry = run_voice(tracker, 20.0, 30.0, 0.95, words=(0.9, 10))
    tense = next(s for s in angry if s.level != "calm")
    first = next(s for s in angry if s.level == "escalated")
    assert tense.sample <= 22 * SAMPLE_RATE  # the second reading of anger
    assert first.sample <= 28 * SAMPLE_RATE  # within ~8 s of the customer getting angry
    assert angry[-1].drivers["voice"] > 0.8 and angry[-1].drivers["words"] > 0.8


def test_a_short_burst_of_loud_voice_is_at_most_tense_but_sustained_arousal_escalates() -> None:
    cfg = EscalationConfig()
    burst = run_voice(EscalationTracker(cfg), 0.0, 4.0, 1.0) + run_voice(EscalationTracker(cfg), 4.0, 20.0, 0.05)
    assert {s.level for s in burst} == {"calm", "tense"}
    assert max(s.score for s in burst) < cfg.escalated_enter
    sustained = run_voice(EscalationTracker(cfg), 0.0, 30.0, 1.0)
    first = next(i for i, s in enumerate(sustained) if s.level == "escalated")
    assert 5 <= first + 1 <= 12  # seconds of continuous aroused speech before "escalated"
    assert sustained[-1].drivers["sustained"] > 0.9


def test_level_comes_down_step_by_step_after_calm_speech_and_respects_dwell() -> None:
    cfg = EscalationConfig()
    tracker = EscalationTracker(cfg)
    angry = run_voice(tracker, 0.0, 40.0, 0.95, words=(0.9, 10))
    assert angry[-1].level == "escalated"
    calm = run_voice(tracker, 40.0, 80.0, 0.05, words=(0.02, 8))
    changes = [s for s in calm if s.changed]
    assert [s.level for s in changes] == ["tense", "calm"]
    # a "tense" on the way down is held down_dwell_s (not min_dwell_s) and exits at tense_down_exit
    assert (changes[1].sample - changes[0].sample) / SAMPLE_RATE >= cfg.down_dwell_s
    assert changes[1].score < cfg.tense_down_exit
    assert calm[-1].score < 0.1


def test_a_level_reached_by_rising_is_held_min_dwell_s() -> None:
    cfg = EscalationConfig()
    tracker = EscalationTracker(cfg)
    risen = tracker.push_words(SAMPLE_RATE, 0.0, n_words=0, hits=[("third time", 0.5)])
    assert risen.level == "tense"
    # the marker fades below tense_exit at once (half-life 1 s), yet the level is held min_dwell_s
    tracker = EscalationTracker(dataclasses.replace(cfg, lexicon_half_life_s=1.0))
    tracker.push_words(SAMPLE_RATE, 0.0, n_words=0, hits=[("third time", 0.5)])
    states = [tracker.advance(int((1 + k * 0.25) * SAMPLE_RATE)) for k in range(1, 40)]
    down = next(s for s in states if s.level == "calm")
    assert (down.sample - SAMPLE_RATE) / SAMPLE_RATE >= cfg.min_dwell_s


def test_lexicon_hits_are_drivers_and_fade_with_time() -> None:
    tracker = EscalationTracker()
    hits = default_lexicon().find("Put me through to your manager, this is the third time")
    state = tracker.push_words(10 * SAMPLE_RATE, 0.7, n_words=11, hits=hits)
    assert state.drivers["lexicon"] == ["put me through to", "your manager", "third time"]
    assert state.level in ("tense", "escalated")
    later = tracker.advance(15 * 60 * SAMPLE_RATE)
    assert later.drivers["lexicon"] == [] and later.score < 0.05
    assert later.level == "calm"


def test_short_utterances_move_word_evidence_less() -> None:
    a, b = EscalationTracker(), EscalationTracker()
    assert a.push_words(SAMPLE_RATE, 0.9, n_words=1).score < b.push_words(SAMPLE_RATE, 0.9, n_words=12).score


def test_clock_never_runs_backwards() -> None:
    tracker = EscalationTracker()
    tracker.push_voice(60 * SAMPLE_RATE, 0.9)
    late = tracker.push_words(50 * SAMPLE_RATE, 0.9, n_words=10)  # final transcript of earlier speech
    assert late.sample == 60 * SAMPLE_RATE


def test_reset_returns_to_calm() -> None:
    tracker = EscalationTracker()
    run_voice(tracker, 0.0, 40.0, 0.95, words=(0.9, 10))
    tracker.reset()
    assert tracker.level == "calm" and tracker.advance(SAMPLE_RATE).score == 0.0


def test_config_is_frozen_keyword_only_and_validated() -> None:
    cfg = EscalationConfig()
    with pytest.raises(dataclasses.FrozenInstanceError):
        cfg.tense_enter = 0.3  # type: ignore[misc]
    with pytest.raises(TypeError):
        EscalationConfig(0.3)  # type: ignore[misc]
    with pytest.raises(ValueError):
        EscalationConfig(tense_exit=0.5, tense_enter=0.4)
    with pytest.raises(ValueError):
        EscalationConfig(voice_floor=1.5)
    with pytest.raises(ValueError):
        EscalationConfig(tense_down_exit=0.2)  # below tense_exit


def test_curve_says_when_and_after_which_agent_turn_the_customer_came_down() -> None:
    from coach.classify.stage import EscalationCurve

    curve = EscalationCurve()
    curve.add_agent_turn(2.0, 4.0)
    curve.add_agent_turn(20.0, 23.0)  # still talking when the level fell
    levels = ["calm"] * 5 + ["tense"] * 3 + ["escalated"] * 14 + ["tense"] * 4 + ["calm"] * 4
    scores = [0.1] * 5 + [0.5] * 3 + [0.8] * 14 + [0.4, 0.3, 0.2, 0.2] + [0.1] * 4
    for k, (lv, sc) in enumerate(zip(levels, scores, strict=True)):
        curve.add(float(k), sc, lv)
    down = curve.summary([])["came_down"]
    assert (down["t"], down["from"], down["to"]) == (26.0, "tense", "calm")  # the last step down: back to calm
    assert down["fall_from_t"] == 25.0  # the point before it
    assert down["after_agent_turn"] == {"n": 2, "start": 20.0, "end": 23.0}  # the last begun by then
    curve.add_agent_turn(27.0, 28.0)  # starts after the fall: not the turn it came down after
    assert curve.came_down()["after_agent_turn"]["n"] == 2
    assert EscalationCurve().came_down() is None


def test_a_customer_who_rises_again_for_a_moment_came_down_after_the_later_turn() -> None:
    """c1131's shape (session 52, E60): "escalated" ends, a brief "tense" on a cut-short request, the agent's answer,
    calm again: the summary names the answer, not the turn before the first fall."""
    from coach.classify.stage import EscalationCurve

    curve = EscalationCurve()
    curve.add_agent_turn(10.0, 14.0)
    curve.add_agent_turn(20.0, 24.0)
    for k in range(4, 10):
        curve.add(float(k), 0.8, "escalated")
    for k, lv in zip(range(15, 20), ["calm", "tense", "tense", "tense", "tense"], strict=True):
        curve.add(float(k), 0.2 if lv == "calm" else 0.5, lv)
    for k in range(25, 30):  # the reply after the second answer: calm at once, after their silence
        curve.add(float(k), 0.1, "calm")
    down = curve.came_down()
    assert down is not None and (down["t"], down["from"], down["fall_from_t"]) == (25.0, "tense", 25.0)
    assert down["after_agent_turn"] == {"n": 2, "start": 20.0, "end": 24.0}
    assert down["seconds_after_turn"] == 1.0


def test_a_score_decaying_through_the_angry_turn_is_no_fall_before_the_answer() -> None:
    """c1110's shape (session 52, E60): the score eases while the customer is still angry, the level holds across the
    agent's answer and drops as they reply calmly: it came down after the answer, not the turn before their anger."""
    from coach.classify.stage import EscalationCurve

    curve = EscalationCurve()
    curve.add_agent_turn(2.0, 5.0)
    curve.add_agent_turn(12.0, 20.0)
    for k, sc in zip(range(6, 12), [0.74, 0.7, 0.66, 0.63, 0.62, 0.61], strict=True):
        curve.add(float(k), sc, "escalated")
    curve.add(21.0, 0.05, "calm")
    down = curve.came_down()
    assert down is not None and down["fall_from_t"] == 21.0
    assert down["after_agent_turn"] == {"n": 2, "start": 12.0, "end": 20.0}


def test_stage_turns_interruptions_and_repeated_complaints_into_markers() -> None:
    from coach.classify.stage import EscalationStage
    from coach.classify.text_anger import TextAngerScorer
    from coach.types import Event

    stage = EscalationStage(EscalationConfig(), text_scorer=TextAngerScorer())
    agent_interrupted = Event.at_samples(
        "overlap", SAMPLE_RATE, 2 * SAMPLE_RATE, by="customer", kind="interruption", end=2.0
    )
    agent_turn = Event.at_samples("speech", 0, 3 * SAMPLE_RATE, speaker="agent", end=2.5)
    stage.observe([agent_interrupted, agent_turn], 3 * SAMPLE_RATE)
    assert stage.curve.agent_turns == [(0.0, 2.5)]
    assert "interrupts the agent" in stage._tracker.advance(3 * SAMPLE_RATE).drivers["lexicon"]

    def say(text: str, at_s: float) -> list[str]:
        stage.push_final({"speaker": "customer", "text": text}, int(at_s * SAMPLE_RATE))
        return stage._tracker.advance(int(at_s * SAMPLE_RATE)).drivers["lexicon"]

    assert "repeats the complaint" not in say("my broadband keeps dropping out every evening", 10.0)
    assert "repeats the complaint" not in say("can you check the address on the account", 15.0)
    assert "repeats the complaint" in say("my broadband keeps dropping out every single evening", 20.0)


def test_partials_count_committed_lexicon_markers_as_they_are_said_and_the_final_does_not_count_them_again() -> None:
    from coach.classify.stage import EscalationStage
    from coach.classify.text_anger import TextAngerScorer

    def run(partials: bool) -> list[tuple[float, str, list[str]]]:
        stage = EscalationStage(EscalationConfig(partial_markers=partials), text_scorer=TextAngerScorer())
        words = [
            "this",
            "is",
            "the",
            "third",
            "time",
            "i'm",
            "calling",
            "and",
            "it",
            "is",
            "ridiculous",
            "i",
            "want",
            "to",
            "speak",
            "to",
            "a",
            "manager",
        ]
        out = []
        for n in range(4, len(words) + 1, 4):  # a partial every four words, 0.7 s apart
            now = int((1.0 + 0.7 * n / 4) * SAMPLE_RATE)
            if partials:  # the partial's last word is not committed yet
                said = [{"w": w} for w in words[:n]]
                stage.push_partial({"speaker": "customer", "utt": "customer-1", "words": said, "stable": n - 1}, now)
            state = stage._tracker.advance(now)
            out.append((now / SAMPLE_RATE, state.level, state.drivers["lexicon"]))
        final = {"speaker": "customer", "utt": "customer-1", "text": " ".join(words)}
        stage.push_final(final, int(4.5 * SAMPLE_RATE))
        state = stage._tracker.advance(int(4.5 * SAMPLE_RATE))
        return [*out, (4.5, state.level, state.drivers["lexicon"], state.score)]

    live, finals_only = run(True), run(False)
    # the markers count as the partials bring them (1.4 s and 2.1 s into the turn), not at its final
    assert live[1][2] == ["third time"] and live[2][2] == ["third time", "ridiculous"] and not finals_only[2][2]
    assert {"third time", "ridiculous", "speak to a manager"} <= set(live[-1][2])
    # the final adds only what the partials had not counted: not more than counting the final alone
    assert live[-1][3] <= finals_only[-1][3] + 1e-6 and live[-1][1] == finals_only[-1][1] == "tense"
    # (partial_tail_sure_p 1: in the first turn a surely heard tail marker would count at once,
    # tests/test_escalation_tail_first_sight.py)
    stage = EscalationStage(
        EscalationConfig(partial_markers=True, partial_tail_sure_p=1.0), text_scorer=TextAngerScorer()
    )
    said = [{"w": w} for w in ["speak", "to", "a", "manager"]]
    assert stage.push_partial({"speaker": "agent", "utt": "agent-1", "words": said, "stable": 4}, 1) is None
    # a marker in the uncommitted tail of two successive partials counts provisionally: a later partial
    # that revises the word takes it back, one that commits it makes it count for good
    said = [{"w": w} for w in ["it", "is", "ridiculous"]]
    stage.push_partial({"speaker": "customer", "utt": "customer-2", "words": said, "stable": 2}, SAMPLE_RATE // 2)
    assert stage._tracker.advance(SAMPLE_RATE // 2).drivers["lexicon"] == []  # heard once: not yet
    stage.push_partial({"speaker": "customer", "utt": "customer-2", "words": said, "stable": 2}, SAMPLE_RATE)
    assert stage._tracker.advance(SAMPLE_RATE).drivers["lexicon"] == ["ridiculous"]
    revised = [{"w": w} for w in ["it", "is", "ridiculously", "cheap"]]
    stage.push_partial({"speaker": "customer", "utt": "customer-2", "words": revised, "stable": 2}, 2 * SAMPLE_RATE)
    assert stage._tracker.advance(2 * SAMPLE_RATE).drivers["lexicon"] == []
    stage.push_partial({"speaker": "customer", "utt": "customer-2", "words": said, "stable": 3}, 3 * SAMPLE_RATE)
    assert stage._tracker.advance(3 * SAMPLE_RATE).drivers["lexicon"] == ["ridiculous"]
    # off: partials count nothing
    stage = EscalationStage(EscalationConfig(partial_markers=False), text_scorer=TextAngerScorer())
    stage.push_partial({"speaker": "customer", "utt": "customer-3", "words": said, "stable": 3}, SAMPLE_RATE)
    assert stage._tracker.advance(SAMPLE_RATE).drivers["lexicon"] == []


def _words_only_levels(name: str) -> list[str]:
    """Levels after each customer line of a scripted call, its words pushed as final transcripts."""
    import json

    from coach.classify.stage import EscalationStage
    from coach.classify.text_anger import TextAngerScorer
    from tests.conftest import CALLS

    stage = EscalationStage(EscalationConfig(), text_scorer=TextAngerScorer())
    truth = json.loads((CALLS / f"{name}.truth.json").read_text())
    levels = []
    for u in truth["utterances"]:
        if u["speaker"] == "customer":
            now = int(u["end_s"] * SAMPLE_RATE)
            stage.push_final({"speaker": "customer", "text": u["text"]}, now)
            levels.append(stage.level)
    return levels


def test_a_fed_up_but_polite_customer_is_tense_not_escalated_and_the_rude_call_escalates() -> None:
    """The scripted calls' customer lines ("third time I'm calling ... charged twice ... fed up"):
    several markers in one sentence count as one complaint; "ridiculous ... speak to a manager"
    after more complaints escalates."""
    polite = _words_only_levels("polite")
    assert polite[0] == "tense" and "escalated" not in polite
    rude = _words_only_levels("rude")
    assert rude[0] == "tense" and rude[-1] == "escalated"


def test_a_raised_voice_alone_reaches_tense_at_about_4_db_and_never_escalated() -> None:
    def level_after(deltas_db: list[float]) -> str:
        tracker = EscalationTracker(EscalationConfig(louder_weight=0.6))
        state = tracker.advance(0)
        for i, d in enumerate(deltas_db, 1):
            state = tracker.push_loudness(i * SAMPLE_RATE, d)
        return state.level

    assert level_after([0.5, 1.5, 3.0, 3.5]) == "calm"  # ordinary ups and downs of a steady voice
    assert level_after([0.5, 1.0, 4.2]) == "tense"  # one second 4 dB above their usual level
    assert level_after([8.0] * 30) == "tense"  # shouting alone is not "escalated": that needs more evidence
    tracker = EscalationTracker(EscalationConfig(louder_weight=0.6))
    tracker.push_loudness(SAMPLE_RATE, 5.0)
    falling = [tracker.push_loudness((2 + i) * SAMPLE_RATE, 0.0).drivers["louder"] for i in range(3)]
    assert falling[0] < 1.0 and falling == sorted(falling, reverse=True) and falling[-1] < 0.2


def test_a_raised_voice_counts_when_the_words_complain_and_not_alone() -> None:
    """``louder_words_weight``: 4 dB above the customer's usual level is no evidence on its own (the
    default ``louder_weight`` is 0), but with a complaint marker it lifts a calm score to 'tense'."""
    cfg = EscalationConfig()
    alone = EscalationTracker(cfg)
    for i in range(1, 4):
        state = alone.push_loudness(i * SAMPLE_RATE, 4.5)
    assert state.level == "calm" and state.score == 0.0
    complaining = EscalationTracker(cfg)
    state = complaining.push_words(SAMPLE_RATE, float("nan"), n_words=0, hits=[("nobody told me", 0.3)])
    assert state.level == "calm"
    for i in range(2, 4):
        state = complaining.push_loudness(i * SAMPLE_RATE, 4.5)
    assert state.level == "tense" and state.score < cfg.escalated_enter
    # a turn-taking marker (an interruption, a long turn) is not a complaint in words: no lift
    interrupting = EscalationTracker(cfg)
    interrupting.push_words(SAMPLE_RATE, float("nan"), n_words=0, hits=[("interrupts the agent", 0.3)], said=False)
    for i in range(2, 4):
        state = interrupting.push_loudness(i * SAMPLE_RATE, 4.5)
    assert state.level == "calm" and state.drivers["louder"] > 0.5


def test_calm_words_damp_a_tense_looking_voice_but_not_an_angry_opening_a_raised_voice_or_a_complaint() -> None:
    """``calm_words_damp``: a customer whose finals read calm (enough words, no anger, no marker) and
    whose voice alone reads aroused (evidence 0.75, 'tense' on its own) stays calm; the same voice
    with no calm words yet (an angry opening), raised above the customer's own level, or after a
    complaint still reaches 'tense' within 3 s; short finals ("yes, ok") are no calm words."""
    cfg = EscalationConfig(calm_words_damp=0.7)

    def first_tense(
        *, opening_words: int, louder_db: float = 0.0, hits=(), damp: EscalationConfig = cfg
    ) -> float | None:
        tracker = EscalationTracker(damp)
        if opening_words:
            tracker.push_words(SAMPLE_RATE, 0.02, n_words=opening_words, calm=True)
        if hits:
            tracker.push_words(SAMPLE_RATE, float("nan"), n_words=0, hits=hits)
        for i in range(2, 32):
            t = i * SAMPLE_RATE
            state = tracker.push_voice(t, 0.75, window_samples=HOP)
            if louder_db:
                state = tracker.push_loudness(t, louder_db)
            if i % 4 == 0 and not hits:
                state = tracker.push_words(t, 0.02, n_words=8, calm=True)  # calm finals keep coming
            if state.level != "calm":
                return i - 1.0  # seconds of aroused voice
        return None

    off = EscalationConfig(calm_words_damp=0)
    assert first_tense(opening_words=12, damp=off) is not None  # off: the voice alone is "tense"
    assert first_tense(opening_words=12) is None  # calm words: the voice alone stays calm for 30 s
    assert first_tense(opening_words=2) is not None  # "yes ok" is no positive evidence of calm
    angry_opening = first_tense(opening_words=0)
    assert angry_opening is not None and angry_opening <= 3.0
    raised = first_tense(opening_words=12, louder_db=5.0)
    assert raised is not None and raised <= 3.0
    complaint = first_tense(opening_words=12, hits=[("nobody told me", 0.3)])
    assert complaint is not None and complaint <= 3.0
    # the committed words of the utterance in progress count as they come; misheard words (None) keep them
    for misheard in (False, True):
        tracker = EscalationTracker(cfg)
        if misheard:
            tracker.push_words(SAMPLE_RATE, 0.02, n_words=12, calm=True)
            tracker.push_words(SAMPLE_RATE, 0.02, n_words=8, calm=None)
        tracker.push_committed_words(SAMPLE_RATE, 12, calm=True)
        states = [tracker.push_voice(i * SAMPLE_RATE, 0.75, window_samples=HOP) for i in range(2, 12)]
        assert levels(states) == ["calm"] * 10 and states[-1].drivers["calm_words"] > 0.5
    with pytest.raises(ConfigError):
        EscalationConfig(calm_words_damp=1.5)


def test_committed_words_of_partials_are_scored_for_calm_every_calm_words_min_words() -> None:
    """While the voice looks aroused (something for calm words to damp), the text model reads a
    partial's committed words once ``calm_words_min`` are committed and again each time
    ``calm_words_min`` more are (not on every partial whose committed words grew: each run of the
    sentence embedder costs about 10 ms); the calm words counted follow in those steps, and a new
    utterance starts counting afresh. With partial words off (``partial_words_factor`` 0) and no aroused
    voice the partials are not scored at all; with them on, those of the first ``complaint_onset_s`` of
    the customer's first turn (no final yet, as here) are scored in the same steps whatever the voice
    (their anger is word evidence)."""
    from coach.classify.stage import EscalationStage
    from coach.classify.text_anger import TextAngerScorer

    class CountingScorer(TextAngerScorer):
        """The real scorer, remembering how many words each text it scored had."""

        def __init__(self) -> None:
            super().__init__()
            self.scored: list[int] = []

        def score(self, text: str):  # noqa: ANN201
            self.scored.append(len(text.split()))
            return super().score(text)

    cfg = EscalationConfig(
        calm_check_step_words=4
    )  # read again every calm_words_min words (the step before session 40)
    text = "I would like to move my appointment to next Tuesday morning if that is possible please"
    words = [{"w": w, "p": 0.9} for w in text.split(" ")]

    def partials(aroused: bool, config: EscalationConfig = cfg) -> tuple[list[int], list[float]]:
        scorer = CountingScorer()
        stage = EscalationStage(config, text_scorer=scorer)
        if aroused:
            stage._tracker.push_voice(SAMPLE_RATE // 4, 0.9)  # a voice the calm words would damp
        calm = []
        for utt in ("u1", "u2"):
            for stable in range(1, len(words) + 1):
                partial = {"speaker": "customer", "utt": utt, "words": words, "stable": stable}
                stage.push_partial(partial, stable * SAMPLE_RATE // 2)
                calm.append(stage._tracker.advance(stable * SAMPLE_RATE // 2).drivers["calm_words"])
        return scorer.scored, calm

    assert partials(aroused=False, config=dataclasses.replace(cfg, partial_words_factor=0.0))[0] == []
    # first turn (no final yet): read whatever the voice in the first complaint_onset_s (4 s: 8 words here)
    assert partials(aroused=False)[0] == [4, 8] * 2
    scored, calm = partials(aroused=True)
    assert scored == [4, 8, 12, 16] * 2  # 16 words: 4 runs an utterance instead of 13
    per_utt = calm[: len(words)]
    assert per_utt[2] == 0 and per_utt[3] == round(4 / cfg.calm_words_full, 3)  # 4 words committed, calm
    assert per_utt[6] == per_utt[3] and per_utt[7] == round(8 / cfg.calm_words_full, 3)
    # the shipped step (calm_check_step_words 8): read at 4 words, then at 12
    scored, calm = partials(aroused=True, config=EscalationConfig())
    assert scored == [4, 12] * 2
    assert calm[7] == calm[3] and calm[11] == round(12 / cfg.calm_words_full, 3)


def test_drivers_are_the_evidence_rounded_and_built_only_when_asked() -> None:
    """``EscalationState.drivers`` (what an event reports) is the state's evidence rounded to 3 decimals,
    in a fixed order, with the lexicon phrases still counting; the tracker stores the unrounded values."""
    tracker = EscalationTracker()
    tracker.push_voice(2 * SAMPLE_RATE, 0.8, window_samples=HOP)
    tracker.push_loudness(2 * SAMPLE_RATE, 4.1)
    state = tracker.push_words(3 * SAMPLE_RATE, 0.3, n_words=8, hits=[("your manager", 0.4)])
    drivers = state.drivers
    assert list(drivers) == ["voice", "sustained", "words", "louder", "complaint", "calm_words", "lexicon"]
    assert [drivers[k] for k in list(drivers)[:-1]] == [round(e, 3) for e in state.evidence]
    assert drivers["voice"] > 0.3 and drivers["words"] > 0.2 and drivers["louder"] > 0.6
    assert drivers["lexicon"] == ["your manager"]
    assert any(e != round(e, 3) for e in state.evidence)  # unrounded until an event asks
