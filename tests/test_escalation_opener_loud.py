"""A customer's first turn louder than the agent's greeting that opens without a greeting word is "tense" (issue 10,
``opener_loud_weight``; :mod:`coach.classify.opener_loud`): the first turn has no level of the customer's own, so the
agent's greeting is the level it is compared with, and a caller who rings angry skips the pleasantry.

Stage tests feed prosody reports and partials as the analyser would (time from the injected sample clock); the
embedder is a stand-in (no calm words, word anger or complaint reading here: only this rule is under test).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.opener_loud import GREETINGS, LoudOpener, load_greetings
from coach.errors import ConfigError
from coach.types import SAMPLE_RATE, Event

AGENT_DBFS = -27.0
"""The agent's greeting, near telephone speech's nominal level."""
ANGRY_OPENING = "Morgan, it's Priya Nandakumar from Lowther Street and"
GREETING_OPENING = "Oh hi Morgan, it's Priya from Lowther Street and"
DELIGHTED_OPENING = "Morgan! Fantastic, a real person, it's Priya and"


class _Embedder:
    def encode(self, texts: list[str], **_: Any) -> tuple[np.ndarray, list[list[int]]]:
        return np.ones((len(texts), 384), np.float32) / np.sqrt(384), [[1] for _ in texts]


def _stage(**cfg: Any) -> Any:
    from coach.classify.stage import EscalationStage
    from coach.classify.text_anger import TextAngerScorer

    scorer = TextAngerScorer()
    scorer.embedder = _Embedder()  # type: ignore[assignment]
    config = EscalationConfig(calm_words_damp=0.0, partial_words_factor=0.0, complaint_gate=0.0, **cfg)
    return EscalationStage(config, text_scorer=scorer)


def _report(stage: Any, speaker: str, at_s: float, dbfs: float) -> None:
    now = int(at_s * SAMPLE_RATE)
    stage.observe(
        [
            Event.at_samples(
                "prosody", now - SAMPLE_RATE, now, speaker=speaker, loudness_db=dbfs, loudness_delta_db=None
            )
        ],
        now,
    )


def _partial(opening: str, n_words: int) -> dict[str, Any]:
    words = opening.split()[:n_words]
    return {
        "type": "transcript",
        "speaker": "customer",
        "utt": "customer-1",
        "t": 4.0,
        "final": False,
        "words": [{"w": w, "p": 0.9} for w in words],
        "stable": max(0, len(words) - 2),
    }


def _call(
    stage: Any,
    customer_dbfs: float,
    opening: str,
    partials: tuple[int, ...] = (1, 3, 5),
    agent_dbfs: float = AGENT_DBFS,
) -> str:
    """The agent greets at ``agent_dbfs`` over 1-3 s; the customer starts at 4.0 s (speech frames from then), a
    prosody report of theirs at +1.0 s and partials at +0.6, +1.3, +2.0 s; the level at +3 s."""
    for at in (2.0, 3.0):
        _report(stage, "agent", at, agent_dbfs)
    start = int(4.0 * SAMPLE_RATE)
    stage.push_speech(start, np.zeros(512, np.float32))
    for i, n in enumerate(partials):
        at = 4.6 + 0.7 * i
        if i == 1:
            _report(stage, "customer", 5.0, customer_dbfs)
        stage.push_partial(_partial(opening, n), int(at * SAMPLE_RATE))
        stage.tick(int(at * SAMPLE_RATE))
    stage.tick(int(7.0 * SAMPLE_RATE))
    return stage.level


def test_a_loud_opener_without_a_greeting_is_tense_within_3_s_and_not_escalated() -> None:
    stage = _stage()
    assert _call(stage, AGENT_DBFS + 5.0, ANGRY_OPENING) == "tense"
    stage.tick(int(9.0 * SAMPLE_RATE))
    assert stage.level == "tense"  # "tense" alone, never "escalated" on this marker


@pytest.mark.parametrize(
    ("louder_db", "opening", "partials"),
    [
        (5.0, GREETING_OPENING, (1, 3, 5)),  # as loud, but it greets: a lively happy caller
        (5.0, DELIGHTED_OPENING, (1, 3, 5)),  # as loud, no greeting word, but delighted: a happy caller (E51)
        (2.0, ANGRY_OPENING, (1, 3, 5)),  # no greeting, but near the agent's level: a brisk plain caller
        (5.0, ANGRY_OPENING, (1, 2, 2)),  # loud, two words heard so far: a greeting may still come third
    ],
)
def test_one_cue_alone_is_not_enough(louder_db: float, opening: str, partials: tuple[int, ...]) -> None:
    assert _call(_stage(), AGENT_DBFS + louder_db, opening, partials) == "calm"


def test_off_and_without_an_agent_level_nothing_counts() -> None:
    assert EscalationConfig().opener_loud_weight > 0  # on by default
    assert _call(_stage(opener_loud_weight=0.0), AGENT_DBFS + 5.0, ANGRY_OPENING) == "calm"
    # the agent reports after the customer began are not a greeting's level: no comparison, calm
    stage = _stage()
    stage.push_speech(int(1.0 * SAMPLE_RATE), np.zeros(512, np.float32))
    _report(stage, "agent", 1.5, AGENT_DBFS)
    _report(stage, "customer", 2.0, AGENT_DBFS + 8.0)
    stage.push_partial({**_partial(ANGRY_OPENING, 5), "t": 1.0}, int(2.2 * SAMPLE_RATE))
    stage.tick(int(2.2 * SAMPLE_RATE))
    assert stage.level == "calm"


def test_the_rule_state_compares_the_loudest_report_with_the_agents_median() -> None:
    rule = LoudOpener(3.0, 3, frozenset({"hi"}))
    for db in (-30.0, -27.0, -26.0):
        rule.agent_level(db)
    rule.customer_level(-25.0)
    rule.customer_level(-23.9)
    assert rule.louder_than_agent_db == pytest.approx(3.1)
    rule.heard("Morgan")
    assert not rule.opens_loud()  # one word: not enough heard
    rule.heard("Morgan, it's Priya")
    assert rule.opens_loud()
    greeted = LoudOpener(3.0, 3, frozenset({"hi"}))
    greeted.agent_level(-27.0)
    greeted.customer_level(-20.0)
    greeted.heard("Morgan, hi")
    greeted.heard("Morgan, it's Priya")  # a later partial dropping the greeting does not undo it
    assert not greeted.opens_loud()


@pytest.mark.parametrize(
    "opening",
    [
        "man we're high I'm Karen and I'm organising",  # "Bedwyr! Hiya, I'm ..." as heard (c1243, loud and happy)
        "High doors, and this is Alun from the",  # "Hi Dawn, ..." as heard (c1151)
        "Hide the weight, it's Marjorie from the",  # "Hi Dwayne, ..." as heard (c1133)
    ],
)
def test_a_greeting_heard_as_high_or_hide_is_a_greeting(opening: str) -> None:
    """The transcriber hears "Hi" as "High" or "Hide" (15 of 182 analysed tuning first turns; no scripted first turn
    has either word among its first three): said loud, it is a lively caller greeting, not an angry opener."""
    assert _call(_stage(), AGENT_DBFS + 6.0, opening) == "calm"


def test_high_after_the_first_three_words_is_no_greeting() -> None:
    assert _call(_stage(), AGENT_DBFS + 6.0, "Morgan, it's Priya, the high chair you sent") == "tense"


def test_the_greeting_words_come_from_the_data_file() -> None:
    assert load_greetings() == GREETINGS
    assert {"hi", "hello", "morning", "thanks"} <= GREETINGS and "furious" not in GREETINGS


def test_a_louder_report_after_the_turns_first_seconds_does_not_count() -> None:
    # heard without a greeting at the agent's level; a report 6 s into the turn (complaint_onset_s is 4 s) is loud
    stage = _stage()
    assert _call(stage, AGENT_DBFS, ANGRY_OPENING) == "calm"
    _report(stage, "customer", 10.0, AGENT_DBFS + 6.0)
    stage.tick(int(10.0 * SAMPLE_RATE))
    assert stage.level == "calm"


@pytest.mark.parametrize(
    ("floor_dbfs", "customer_dbfs", "level"),
    [
        (None, -27.0, "calm"),  # the default floor: an ordinary customer after a quiet greeting is not "loud"
        (float("-inf"), -27.0, "tense"),  # no floor: +5 dB over the quiet lane (c1010's calm first turn, session 44)
        (None, -23.0, "tense"),  # loud against the floor too: still an angry opener
    ],
)
def test_a_quiet_agent_lane_counts_at_the_floor(floor_dbfs: float | None, customer_dbfs: float, level: str) -> None:
    cfg = {} if floor_dbfs is None else {"opener_loud_agent_floor_dbfs": floor_dbfs}
    assert EscalationConfig().opener_loud_agent_floor_dbfs == -28.0
    assert _call(_stage(**cfg), customer_dbfs, ANGRY_OPENING, agent_dbfs=-32.0) == level


@pytest.mark.parametrize(
    "bad",
    [
        {"opener_loud_weight": 1.5},
        {"opener_loud_weight": -0.1},
        {"opener_loud_words": 0},
        {"opener_loud_later_db": float("nan")},
        {"opener_loud_later_db": -1.0},
        {"opener_loud_later_db": float("-inf")},
    ],
)
def test_the_rules_settings_out_of_range_are_refused_not_run_otherwise(bad: dict[str, float]) -> None:
    """A weight outside [0, 1] is refused as every marker weight is, ``opener_loud_words`` under 1 is refused
    rather than run as 1 (:class:`LoudOpener` would clamp it), and ``opener_loud_later_db`` below 0 (-inf would read
    every later report as an endless rise) or NaN is refused."""
    with pytest.raises(ConfigError):
        EscalationConfig(**bad)


def _later_report(stage: Any, at_s: float, dbfs: float, span_s: float = 1.0) -> None:
    """A later customer prosody report at ``dbfs`` whose rise over the prosody stage's own baseline is nil (the
    baseline was learnt while they shouted)."""
    now = int(at_s * SAMPLE_RATE)
    stage.observe(
        [
            Event.at_samples(
                "prosody",
                now - int(span_s * SAMPLE_RATE),
                now,
                speaker="customer",
                loudness_db=dbfs,
                loudness_delta_db=0.0,
            )
        ],
        now,
    )


def _later_turn(stage: Any, opener_dbfs: float, later_dbfs: float) -> str:
    """After :func:`_call`'s first turn (the customer at ``opener_dbfs``), more of it at that level, its final at 9 s,
    then 30 s on a later turn at ``later_dbfs`` (its first report spans the agent's turn: a turn start)."""
    for at in (6.0, 7.0, 8.0, 9.0):
        _later_report(stage, at, opener_dbfs)
    words = [
        {"w": w, "p": 0.9, "start": 4.0 + 0.5 * i, "end": 4.4 + 0.5 * i} for i, w in enumerate(ANGRY_OPENING.split())
    ]
    final = {**_partial(ANGRY_OPENING, 8), "final": True, "text": ANGRY_OPENING, "words": words}
    stage.push_final(final, int(9.0 * SAMPLE_RATE))
    stage.tick(int(40.0 * SAMPLE_RATE))
    assert stage.level == "calm"  # the opener's marker has faded
    for i, at in enumerate((43.0, 44.0, 45.0)):
        _later_report(stage, at, later_dbfs, span_s=4.0 if i == 0 else 1.0)
    stage.tick(int(45.0 * SAMPLE_RATE))
    return stage.level


@pytest.mark.parametrize(
    ("later_db", "opener", "setting", "level"),
    [
        (6.0, True, None, "tense"),  # a later shout as loud as the opener: 4 dB over the greeting + 2 dB
        (6.0, True, float("inf"), "calm"),  # off: no louder than their own level, learnt while they shouted
        (1.0, True, None, "calm"),  # a later turn at an ordinary level (the greeting's) is no raised voice
        (6.0, False, None, "calm"),  # a first turn at the agent's level that did not open loud: no reference
    ],
)
def test_after_a_loud_opener_a_later_turn_reads_raised_against_the_agents_greeting(
    later_db: float, opener: bool, setting: float | None, level: str
) -> None:
    cfg = {} if setting is None else {"opener_loud_later_db": setting}
    assert EscalationConfig().opener_loud_later_db == 2.0
    stage = _stage(**cfg)
    opener_dbfs = AGENT_DBFS + (6.0 if opener else 0.0)
    assert _call(stage, opener_dbfs, ANGRY_OPENING) == ("tense" if opener else "calm")
    assert _later_turn(stage, opener_dbfs, AGENT_DBFS + later_db) == level
