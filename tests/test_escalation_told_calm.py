"""A customer told by the agent to calm down: their next turn weighs ``told_calm_weight`` more (issue 10, session 52).

On the tuning scripts the customer turn after an agent's calm-down is angry 119 times in 146 with a mood, and that
anger is often said at the customer's usual level: a turn starting some 2 dB up (the mid-call floor under
``tense_enter``) stayed calm. Now being told to calm down counts as weak evidence for that one turn, until its final:
alone it is no "tense", with the turn's own small rise it is. Synthetic tracker sequences in call time (one prosody
report a second of customer speech, a turn starting at a report that spans a pause) and the text rule.
"""

from __future__ import annotations

import dataclasses

import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.classify.stage import EscalationStage
from coach.classify.told_calm import told_calm_down
from coach.config import load_config
from coach.language.config import load_language_config
from coach.language.phrasing import CalmDownRule
from coach.pipeline.analyzer import CallAnalyzer
from coach.types import SAMPLE_RATE

CALM_DBFS = -30.0


def at(seconds: float) -> int:
    return int(seconds * SAMPLE_RATE)


def _report(tracker: EscalationTracker, second: float, rise_db: float, span_s: float = 1.0) -> str:
    """One prosody report ``rise_db`` above the customer's calm level over the last ``span_s`` s; the level after."""
    tracker.push_level(at(second), CALM_DBFS + rise_db, span_s=span_s)
    return tracker.push_loudness(at(second), rise_db, span_s=span_s).level


def _reply(rises: list[float], *, told: str = "before", **kw: float) -> list[str]:
    """Ten seconds of ordinary speech, their first final, the agent's 6 s answer (``told``: "before" their reply, the
    agent's calm-down heard before it starts; "late", after its first report; "no": none), then a reply ``rises`` dB
    over their own level, one report a second: the level after each report."""
    tracker = EscalationTracker(EscalationConfig(**kw), words_expected=True)
    for s in range(1, 11):
        _report(tracker, s, (0.0, 0.3, -0.3)[s % 3])
    tracker.push_words(at(11), 0.02, n_words=12, calm=None)
    if told == "before":
        tracker.told_to_calm_down()
    levels = [_report(tracker, 18, rises[0], span_s=7.0)]
    if told == "late":
        tracker.told_to_calm_down()
        levels[0] = tracker.advance(at(18.1)).level
    return levels + [_report(tracker, 18 + i, r) for i, r in enumerate(rises[1:], 1)]


def test_a_reply_starting_a_little_raised_after_a_calm_down_is_tense() -> None:
    assert _reply([2.5, 2.5], told="no") == ["calm", "calm"]
    assert "tense" in _reply([2.5, 2.5])


def test_a_calm_down_heard_after_the_reply_started_counts_from_then() -> None:
    assert "tense" in _reply([2.5, 2.5], told="late")


def test_alone_it_is_no_tense() -> None:
    assert set(_reply([0.0, -0.5, 0.3])) == {"calm"}


def test_with_the_key_off_nothing_changes() -> None:
    assert _reply([2.5, 2.5], told_calm_weight=0.0) == _reply([2.5, 2.5], told="no")


def test_it_lasts_until_their_next_final_only() -> None:
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    for s in range(1, 11):
        _report(tracker, s, 0.0)
    tracker.push_words(at(11), 0.02, n_words=12, calm=None)
    tracker.told_to_calm_down()
    _report(tracker, 18, 0.0, span_s=7.0)
    assert tracker.advance(at(18.5)).score == pytest.approx(EscalationConfig().told_calm_weight, abs=0.02)
    tracker.push_words(at(20), 0.02, n_words=8, calm=None)
    assert tracker.advance(at(20.5)).score < 0.05
    assert _report(tracker, 28, 2.5, span_s=8.0) == "calm"  # the turn after is read as before


@pytest.mark.parametrize(
    "text",
    [
        "Allison, there's no need for theatrics. Let me look at the backup sheets.",
        "Stay cool as a cucumber for me. I'm looking at the dates now.",
        "Okay, Virgil, I need you to quit wigging out on me for a second.",
        "Sir, please calm down.",
    ],
)
def test_calm_downs_by_the_products_phrase_tables(text: str) -> None:
    assert told_calm_down(text)


@pytest.mark.parametrize(
    "text",
    ["Which basket number were they in?", "I would never ask you to calm down.", "", "I can hear how upset you are."],
)
def test_other_agent_words_are_no_calm_down(text: str) -> None:
    assert not told_calm_down(text)


def test_the_stage_hears_it_in_an_agent_final_and_the_key_is_a_product_setting() -> None:
    cfg = load_config().escalation
    assert cfg.told_calm_weight == EscalationConfig().told_calm_weight > 0
    assert cfg.told_calm_again_weight == EscalationConfig().told_calm_again_weight >= cfg.tense_enter
    stage = EscalationStage(cfg)
    stage.hear_agent({"speaker": "agent", "final": True, "t": 5.0, "text": "There's no need to shout, sir."})
    assert stage._tracker._told_calm_next == cfg.told_calm_weight  # noqa: SLF001


def _second_reply(rises: list[float], **kw: float) -> list[str]:
    """As :func:`_reply`, after an earlier calm-down answered in a turn of its own: the second reply's levels."""
    tracker = EscalationTracker(EscalationConfig(**kw), words_expected=True)
    for s in range(1, 11):
        _report(tracker, s, (0.0, 0.3, -0.3)[s % 3])
    tracker.push_words(at(11), 0.02, n_words=12, calm=None)
    tracker.told_to_calm_down()
    for s in range(18, 22):
        _report(tracker, s, 0.0, span_s=7.0 if s == 18 else 1.0)
    tracker.push_words(at(22), 0.02, n_words=10, calm=None)
    for s in range(22, 40):  # the agent's long answer: the first calm-down's reply has faded
        tracker.advance(at(s))
    tracker.told_to_calm_down()
    levels = [_report(tracker, 40, rises[0], span_s=18.0)]
    return levels + [_report(tracker, 40 + i, r) for i, r in enumerate(rises[1:], 1)]


def test_told_twice_the_reply_is_tense_on_it_alone() -> None:
    assert _second_reply([0.0, -0.5])[0] == "tense"


def test_with_the_second_weight_off_a_second_calm_down_counts_as_the_first() -> None:
    assert set(_second_reply([0.0, -0.5], told_calm_again_weight=0.0)) == {"calm"}


def test_it_is_no_voice_evidence_for_a_caller_whose_voice_reads_aroused_at_its_usual() -> None:
    """A caller whose first turn read aroused and stayed calm (their voice-only rises wait for words since,
    ``voice_confirm_after_calm_opener``): told twice to calm down, their plain reply is "tense" at once all the same;
    only a rise the voice carries waits."""
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    for s in range(1, 4):  # an aroused voice in their first turn; its rise waits for the words ...
        tracker.push_voice(at(s), 0.9)
    tracker.push_words(at(3.5), 0.02, n_words=12, calm=True)  # ... which come calm
    assert tracker.level == "calm"
    for s in range(5, 9):
        _report(tracker, s, 0.0, span_s=1.5 if s == 5 else 1.0)
    tracker.push_words(at(9), 0.02, n_words=10, calm=None)
    tracker.told_to_calm_down()
    tracker.told_to_calm_down()
    assert _report(tracker, 15, 0.0, span_s=6.0) == "tense"


def _told_by(stage: EscalationStage, text: str) -> bool:
    stage.hear_agent({"speaker": "agent", "final": True, "t": 5.0, "text": text})
    return stage._tracker._told_calm_next > 0  # noqa: SLF001


def test_the_stage_reads_the_calls_own_calm_down_tables() -> None:
    """A site's own calm-down tables (its ``[language]`` settings) are the ones the stage reads, as the language coach
    does: the analyser passes its config's rule; a stage given none reads the packaged tables."""
    site = load_language_config(overrides={"avoid_calm_down": {"match": ["fold your flamingo"]}})
    rule = CalmDownRule(site.avoid_calm_down, site.slots)
    cfg = EscalationConfig()
    assert _told_by(EscalationStage(cfg, calm_down=rule), "Kindly fold your flamingo, sir.")
    assert not _told_by(EscalationStage(cfg), "Kindly fold your flamingo, sir.")
    assert _told_by(EscalationStage(cfg), "Sir, please calm down.")
    assert not _told_by(EscalationStage(cfg, calm_down=rule), "Sir, please calm down.")


def test_the_analyser_gives_the_stage_its_configs_calm_down_tables() -> None:
    site = load_language_config(overrides={"avoid_calm_down": {"match": ["fold your flamingo"]}})
    analyzer = CallAnalyzer(dataclasses.replace(load_config(), language=site))
    assert _told_by(analyzer._escalation, "Kindly fold your flamingo, sir.")  # noqa: SLF001
