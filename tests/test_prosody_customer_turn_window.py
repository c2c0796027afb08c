"""The customer's turn's first prosody report reads its own speech alone (issue 10, session 48, E52).

The customer lane's short-term window used to run across the customer's silences: a turn's first report came
however much of a report their last turn had left over and averaged that turn's unreported tail with its first
words, so a raised turn after a hold could read its first second diluted by a calm "Sure, no rush." of a minute
and a half before (c1081 135.5 s in a replay). Now a pause of ``end_after_pause_s`` empties the customer's
window: the report still comes ``report_every_s`` of speech after the last one (so a short "Juniper?" after a
hold does not put it later: c1117 120.5 s), but with at least half a report of the new speech and nothing of the
old. The escalation stage takes a report's span from the customer's previous report, so the turn's first report
still spans the pause before it (a turn start for ``louder_held_mid_ceiling_db``), however short its window.

Synthetic voiced audio fed frame by frame as the analyser does; levels in dBFS, times in seconds of call audio.
"""

from __future__ import annotations

import numpy as np
import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.lexicon import EscalationLexicon
from coach.classify.stage import EscalationStage
from coach.config import load_config
from coach.prosody.tracker import ProsodyTracker
from coach.types import FRAME_SAMPLES, SAMPLE_RATE, Event, Lane
from tests.test_raised_voice_onsets import voice

CFG = load_config()


class _LexiconOnly:
    """The text scorer's place in a transcribed call (the held raised voice counts only there); no words are read."""

    lexicon = EscalationLexicon.from_toml()


def customer_reports(parts: list[tuple[float, float | None]]) -> list[Event]:
    """The customer lane's prosody reports for ``parts`` (seconds, level in dBFS or None: silence)."""
    tracker = ProsodyTracker(Lane.CUSTOMER, CFG.prosody, CFG.raised_voice)
    audio = np.concatenate(
        [voice(s, lvl, 120.0) if lvl is not None else np.zeros(int(s * SAMPLE_RATE), np.float32) for s, lvl in parts]
    )
    out: list[Event] = []
    for i in range(len(audio) // FRAME_SAMPLES):
        frame = audio[i * FRAME_SAMPLES : (i + 1) * FRAME_SAMPLES]
        events = tracker.push(frame, i * FRAME_SAMPLES, bool(np.any(frame)), (i + 1) * FRAME_SAMPLES)
        out += [e for e in events if isinstance(e, Event) and e.type == "prosody"]
    return out


# a calm turn whose last report leaves 0.5 s of it unreported, a 30 s hold, then a turn 6 dB up
HOLD = [(3.5, -30.0), (30.0, None), (3.0, -24.0)]


def test_the_turns_first_report_is_its_own_speech_at_the_reports_time() -> None:
    reports = customer_reports(HOLD)
    first = next(e for e in reports if e.at > 33.5)
    assert first.t >= 33.5 - 0.05  # nothing of the calm turn in its window
    assert first.at == pytest.approx(34.0, abs=0.1)  # a report after the last (3.0 s), the hold not counted
    assert first.data["loudness_db"] == pytest.approx(-24.0, abs=1.0)
    assert first.data["loudness_delta_db"] == pytest.approx(6.0, abs=1.0)


def test_a_short_word_before_a_pause_does_not_put_the_first_report_later() -> None:
    """A calm turn ending on a report, a hold, "Hello?" (0.4 s), a 1.5 s wait, then the complaint: its first report
    comes half a report into the complaint (the report's time, 1 s of speech after the last, already passed), not a
    whole report in; "Hello?" is not in it."""
    reports = customer_reports([(3.0, -30.0), (30.0, None), (0.4, -30.0), (1.5, None), (3.0, -24.0)])
    first = next(e for e in reports if e.at > 33.0)
    assert first.t >= 34.9 - 0.05
    assert first.at == pytest.approx(34.9 + CFG.prosody.report_every_s / 2, abs=0.1)
    assert first.data["loudness_db"] == pytest.approx(-24.0, abs=1.0)


def test_a_pause_within_speech_shorter_than_a_turn_end_keeps_the_window() -> None:
    reports = customer_reports([(1.5, -30.0), (0.3, None), (1.5, -30.0)])
    assert [round(e.at) for e in reports] == [1, 2, 3]


def _stage_levels(parts: list[tuple[float, float | None]], final_at: float) -> list[tuple[float, str]]:
    """The stage's level after each customer prosody report of ``parts`` (a first final at ``final_at`` s)."""
    stage = EscalationStage(EscalationConfig(), text_scorer=_LexiconOnly())  # type: ignore[arg-type]  # a transcribed call
    out: list[tuple[float, str]] = []
    heard = False
    for e in customer_reports(parts):
        now = int(round(e.at * SAMPLE_RATE))
        if not heard and e.at > final_at:
            stage._tracker.push_words(int(final_at * SAMPLE_RATE), 0.02, n_words=12, calm=None)  # their first final
            heard = True
        stage.observe([e], now)
        out.append((e.at, stage.level))
    return out


def test_through_the_stage_a_turn_4_db_up_after_a_hold_is_tense_by_its_second_report() -> None:
    """After a calm first turn and its final, a 30 s hold, then a turn 4 dB up: its first report spans the hold (a
    turn start), so the mean of its first two reports (``louder_held_mid_ceiling_db``) holds it "tense" at 2 s of its
    speech. The same turn at the calm level stays calm."""
    calm_turn = [(6.5, -30.0), (30.0, None)]
    raised = _stage_levels([*calm_turn, (3.0, -26.0)], final_at=7.0)
    assert {lvl for t, lvl in raised if t < 36.5} == {"calm"}
    assert [lvl for t, lvl in raised if 36.5 < t < 38.6][-1] == "tense"
    level = _stage_levels([*calm_turn, (3.0, -30.0)], final_at=7.0)
    assert {lvl for _, lvl in level} == {"calm"}
