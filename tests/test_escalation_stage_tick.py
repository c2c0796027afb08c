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
REST = stage_module.REST_TICK_EVERY


def _counting(stage: EscalationStage) -> list[int]:
    """The call samples of each fusion tick of ``stage`` (its tracker's real ``advance``, recorded)."""
    ticks: list[int] = []
    advance = stage._tracker.advance  # noqa: SLF001

    def counted(sample: int) -> object:
        ticks.append(sample)
        return advance(sample)

    stage._tracker.advance = counted  # type: ignore[method-assign]  # noqa: SLF001
    return ticks


def _changes(
    tick_every: int,
    monkeypatch: pytest.MonkeyPatch,
    rest_every: int | None = None,
    ticks: list[int] | None = None,
    quiet_s: int = 90,
) -> list[tuple[int, str]]:
    """(call sample, level) of each level change when the rude scripted call's customer lines arrive as
    finals at their ends, frame by frame as the analyser drives the stage, then ``quiet_s`` of nothing (the
    level comes down on its timers). ``rest_every``: ticks at rest (None: ``tick_every``, no rest);
    ``ticks`` receives the samples of the fusion ticks."""
    monkeypatch.setattr(stage_module, "TICK_EVERY", tick_every)
    monkeypatch.setattr(stage_module, "REST_TICK_EVERY", tick_every if rest_every is None else rest_every)
    stage = EscalationStage(EscalationConfig(), text_scorer=TextAngerScorer())
    made = _counting(stage)
    truth = json.loads((CALLS / "rude.truth.json").read_text())
    lines = [(int(u["end_s"] * SAMPLE_RATE), u["text"]) for u in truth["utterances"] if u["speaker"] == "customer"]
    out: list[tuple[int, str]] = []
    end = lines[-1][0] + quiet_s * SAMPLE_RATE
    for now in range(FRAME, end, FRAME):
        found = []
        while lines and lines[0][0] <= now:
            found.append(stage.push_final({"speaker": Lane.CUSTOMER.value, "text": lines.pop(0)[1]}, now))
        found.append(stage.tick(now))
        out += [(seconds_to_samples(e.at), e.data["level"]) for e in found if e is not None and e.data["changed"]]
    if ticks is not None:
        ticks += made
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
    monkeypatch.setattr(stage_module, "REST_TICK_EVERY", 4 * FRAME)  # the same at rest (its own tests below)

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


def test_at_rest_fewer_ticks_give_the_same_levels_at_the_same_times(monkeypatch: pytest.MonkeyPatch) -> None:
    """Calm with a low score (at rest), the stage ticks only every ``REST_TICK_EVERY``: the rude call's level
    changes (the rise from calm included, and the fall back to calm on the timers) are those of a tick
    every ``TICK_EVERY``, at the same samples; fewer ticks run."""
    busy: list[int] = []
    rest: list[int] = []
    every = _changes(DEFAULT, monkeypatch, ticks=busy, quiet_s=240)
    at_rest = _changes(DEFAULT, monkeypatch, rest_every=REST, ticks=rest, quiet_s=240)
    assert REST > DEFAULT
    assert [level for _, level in every][:2] == ["tense", "escalated"] and every[-1][1] == "calm"
    assert at_rest == every
    assert len(rest) < len(busy) * 0.8  # the quiet before the first line and after the fall are at rest


def test_at_rest_a_due_report_keeps_its_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """While the customer speaks (speech without a voice reading: calm, score 0, at rest) the 1 s reports
    come at the same samples as with a tick every ``TICK_EVERY``, and the frames between them are not
    ticked."""

    def reports(rest_every: int) -> tuple[list[int], list[int]]:
        monkeypatch.setattr(stage_module, "REST_TICK_EVERY", rest_every)
        stage = EscalationStage(EscalationConfig(), text_scorer=None)
        ticks = _counting(stage)
        out = []
        for start in range(0, 5 * SAMPLE_RATE, FRAME):
            stage.push_speech(start, np.zeros(FRAME, dtype=np.float32))  # silent: skipped by the voice
            event = stage.tick(start + FRAME)
            if event is not None:
                assert event.data["level"] == "calm" and event.data["score"] == 0.0
                out.append(seconds_to_samples(event.at))
        return out, ticks

    busy, busy_ticks = reports(DEFAULT)
    rest, rest_ticks = reports(REST)
    assert len(busy) == 5 and rest == busy
    assert rest_ticks == busy  # at rest, only the ticks that report
    assert len(busy_ticks) > 4 * len(rest_ticks)
