"""Per-call escalation stage: customer speech and final customer transcripts in, ``escalation`` events out.

Compliance: only the customer lane is ever given to this stage; it has no way to receive agent audio
or agent words. One instance per call; synchronous and not thread-safe (the analyser drives it).

- :meth:`push_speech` takes every 32 ms customer frame the VAD calls speech; every ``voice_hop_s``
  (1 s) of speech the acoustic arousal model scores the last 2 s of speech
  (:class:`~coach.classify.arousal.CustomerArousal`).
- :meth:`push_final` takes a final customer transcript; the text model and the lexicon score it.
- :meth:`tick` lets time pass; an ``escalation`` event is emitted at least every ``report_every_s``
  (1 s) while the customer speaks, and whenever the level changes.

Events: ``{"type": "escalation", "t", "at", "score": 0..1, "level": "calm"|"tense"|"escalated",
"changed": level differs from the previous event, "drivers": {"voice", "sustained", "words", "lexicon"}}`` with
``t == at`` (a state, not a span).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from coach.classify.arousal import ArousalModel, CustomerArousal, load_arousal_model
from coach.classify.escalation import LEVELS, EscalationConfig, EscalationState, EscalationTracker
from coach.classify.text_anger import TextAngerScorer
from coach.types import SAMPLE_RATE, Event, Lane, samples_to_seconds

REPORT_EVERY = SAMPLE_RATE  # 1 s


@dataclass
class EscalationCurve:
    """What the call summary says about escalation."""

    start: float | None = None
    peak: float = 0.0
    peak_t: float = 0.0
    peak_level: str = "calm"
    end: float | None = None
    end_level: str = "calm"
    points: list[tuple[float, float]] = field(default_factory=list)

    def add(self, t: float, score: float, level: str) -> None:
        if self.start is None:
            self.start = score
        if score > self.peak:
            self.peak, self.peak_t = score, t
        if LEVELS.index(level) > LEVELS.index(self.peak_level):  # type: ignore[arg-type]
            self.peak_level = level
        self.end, self.end_level = score, level
        self.points.append((t, score))

    def summary(self, interventions: list[float]) -> dict[str, Any]:
        """Start, peak and end, and whether it came down after the agent's interventions.

        ``interventions`` are the call times (s) of nudges shown to the agent; ``came_down`` is true
        when the level at the end is below the peak level and the score fell after an intervention
        that happened at or after the peak.
        """
        after_peak = [t for t in interventions if t >= self.peak_t - 5.0]
        came_down = (
            self.end is not None
            and LEVELS.index(self.end_level) < LEVELS.index(self.peak_level)  # type: ignore[arg-type]
            and bool(after_peak)
        )
        return {
            "start": self.start,
            "peak": round(self.peak, 3),
            "peak_t": self.peak_t,
            "peak_level": self.peak_level,
            "end": self.end,
            "end_level": self.end_level,
            "came_down_after_interventions": came_down,
        }


class EscalationStage:
    """Customer escalation for one call (see the module docstring)."""

    def __init__(self, config: EscalationConfig, *, text_scorer: TextAngerScorer | None = None,
                 arousal_model: ArousalModel | None = None) -> None:
        self._hop = max(1, round(config.voice_hop_s * SAMPLE_RATE))
        self._arousal = CustomerArousal(arousal_model or load_arousal_model(), hop_samples=self._hop)
        self._tracker = EscalationTracker(config)
        self._text = text_scorer
        self._last_report = -REPORT_EVERY
        self._speech_since_report = False
        self._reported_level = "calm"
        self.curve = EscalationCurve()

    @property
    def level(self) -> str:
        return self._tracker.level

    def push_speech(self, frame_start: int, frame: np.ndarray) -> None:
        """One customer speech frame (float32, 16 kHz) starting at call sample ``frame_start``."""
        self._speech_since_report = True
        for reading in self._arousal.push(frame_start, frame):
            self._tracker.push_voice(reading.end, reading.p, window_samples=self._hop)

    def push_final(self, transcript: dict[str, Any], now: int) -> Event | None:
        """A final customer transcript event (as a dict); returns an event if the level changed."""
        if self._text is None or transcript.get("speaker") != Lane.CUSTOMER.value:
            return None
        reading = self._text.score(transcript.get("text", ""))
        state = self._tracker.push_words(now, reading.p, n_words=reading.n_words, hits=reading.hits)
        return self._event(state, now) if state.level != self._reported_level else None

    def tick(self, now: int) -> Event | None:
        """Advance to ``now``; an event every second while the customer speaks, or on a level change."""
        state = self._tracker.advance(now)
        due = self._speech_since_report and now - self._last_report >= REPORT_EVERY
        if not (due or state.level != self._reported_level):
            return None
        return self._event(state, now)

    def _event(self, state: EscalationState, now: int) -> Event:
        self._last_report = now
        self._speech_since_report = False
        changed = state.level != self._reported_level
        self._reported_level = state.level
        t = samples_to_seconds(now)
        self.curve.add(t, state.score, state.level)
        return Event.at_samples(
            "escalation",
            now,
            now,
            score=round(state.score, 3),
            level=state.level,
            changed=changed,
            drivers={k: v for k, v in state.drivers.items()},
        )
