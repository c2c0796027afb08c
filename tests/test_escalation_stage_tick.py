"""The escalation stage's fusion tick (``coach.classify.stage.TICK_EVERY``): frames that bring no evidence
are ticked only every ``TICK_EVERY`` samples; the levels and their times stay those of a tick every
frame, within one frame for a change a timer makes. Time is the call's sample clock (no wall clock)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from coach.classify import stage as stage_module
from coach.classify.escalation import EscalationConfig
from coach.classify.stage import EscalationStage
from coach.classify.text_anger import TextAngerScorer
from coach.types import SAMPLE_RATE, Event, Lane, seconds_to_samples
from tests.conftest import CALLS

FRAME = 512  # the analyser's 32 ms frame
DEFAULT = stage_module.TICK_EVERY


def _changes(tick_every: int, monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, str]]:
    """(call sample, level) of each level change when the rude scripted call's customer lines arrive as
    finals at their ends, frame by frame as the analyser drives the stage, then 90 s of nothing (the
    level comes down on its timers)."""
    monkeypatch.setattr(stage_module, "TICK_EVERY", tick_every)
    stage = EscalationStage(EscalationConfig(), text_scorer=TextAngerScorer())
    truth = json.loads((CALLS / "rude.truth.json").read_text())
    lines = [(int(u["end_s"] * SAMPLE_RATE), u["text"]) for u in truth["utterances"] if u["speaker"] == "customer"]
    out: list[tuple[int, str]] = []
    end = lines[-1][0] + 90 * SAMPLE_RATE
    for now in range(FRAME, end, FRAME):
        found = []
        while lines and lines[0][0] <= now:
            found.append(stage.push_final({"speaker": Lane.CUSTOMER.value, "text": lines.pop(0)[1]}, now))
        found.append(stage.tick(now))
        out += [(seconds_to_samples(e.at), e.data["level"]) for e in found if e is not None and e.data["changed"]]
    return out


def test_fewer_ticks_give_the_same_levels_within_one_frame(monkeypatch: pytest.MonkeyPatch) -> None:
    every_frame = _changes(FRAME, monkeypatch)
    default = _changes(DEFAULT, monkeypatch)
    assert DEFAULT > FRAME  # the default does skip frames
    assert [level for _, level in every_frame][:2] == ["tense", "escalated"]
    assert every_frame[-1][1] != "escalated"  # it came down on the timers: their changes are compared too
    assert [level for _, level in default] == [level for _, level in every_frame]
    for (t_default, _), (t_every, _) in zip(default, every_frame, strict=True):
        assert 0 <= t_default - t_every <= DEFAULT - FRAME


def test_a_frame_with_evidence_is_ticked_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The customer speaks, so a report is due each second: a frame without evidence that comes less than
    ``TICK_EVERY`` after the last tick is not ticked (its report waits), a frame with a prosody report
    (evidence) is, and reports then."""
    monkeypatch.setattr(stage_module, "TICK_EVERY", 4 * FRAME)

    def report_at_one_second(evidence: bool) -> Event | None:
        stage = EscalationStage(EscalationConfig(), text_scorer=None)
        stage.push_speech(0, np.zeros(FRAME, dtype=np.float32))  # speech (too short for a voice reading)
        assert stage.tick(FRAME) is not None  # the first report
        stage.push_speech(FRAME, np.zeros(FRAME, dtype=np.float32))  # still speaking: the next report is due in 1 s
        assert stage.tick(SAMPLE_RATE) is None  # ticked (4 frames on), no report due yet
        now = FRAME + SAMPLE_RATE  # one frame later: a report is due
        if evidence:
            loud = Event.at_samples(
                "prosody", now - SAMPLE_RATE, now, speaker=Lane.CUSTOMER.value, loudness_delta_db=9.0
            )
            stage.observe([loud], now)
        return stage.tick(now)

    assert report_at_one_second(evidence=False) is None
    event = report_at_one_second(evidence=True)
    assert event is not None and seconds_to_samples(event.at) == FRAME + SAMPLE_RATE
    assert event.data["drivers"]["louder"] > 0
