"""Per-lane prosody: loudness and pitch against the speaker's own baseline, and raised stretches.

One :class:`ProsodyTracker` per lane and call. Feed every 32 ms frame with :meth:`push`, in order;
frames that are not speech (VAD probability below the offset threshold, or quieter than the speech
floor) are skipped. Every ``report_every_s`` seconds of speech it emits a ``prosody`` event over the
last ``window_s`` seconds of speech. For the agent lane it also watches for a stretch clearly louder
(and/or higher) than the agent's own baseline, sustained for ``sustain_s`` seconds of speech, and
returns a ``pause_and_breathe`` :class:`~coach.types.Cue`. Reports carry the speaking rate of the
speaker's latest final transcript (``rate_wpm``) once transcription provides one. Only behaviour is measured here; no
emotion is inferred for anyone.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from coach.config import ProsodyConfig, RaisedVoiceConfig
from coach.dsp.baseline import SpeakerBaseline
from coach.dsp.loudness import level_dbfs, power_to_dbfs
from coach.dsp.pitch import estimate_pitch, semitones
from coach.types import FRAME_SAMPLES, SAMPLE_RATE, Cue, Event, Lane

_FRAME_S = FRAME_SAMPLES / SAMPLE_RATE


class ProsodyTracker:
    """Prosody state of one lane. Sample indices at 16 kHz; levels in dBFS; pitch in Hz."""

    def __init__(self, lane: Lane, cfg: ProsodyConfig, raised: RaisedVoiceConfig) -> None:
        self.lane = lane
        self._cfg = cfg
        self._raised_cfg = raised
        self._window_frames = max(1, round(cfg.window_s / _FRAME_S))
        self._report_frames = max(1, round(cfg.report_every_s / _FRAME_S))
        self._frames: deque[tuple[int, float, np.ndarray]] = deque(maxlen=self._window_frames)
        self._power_sum = 0.0
        self._since_report = 0
        self.baseline = SpeakerBaseline(learn_s=cfg.baseline_learn_s, adapt_s=cfg.baseline_adapt_s)
        self._pitch_delta_st: float | None = None
        self._raised_start: int | None = None
        self._raised_frames = 0
        self._raised_cued = False
        self._in_raised = False
        self._rate_wpm: float | None = None

    def set_rate(self, wpm: float) -> None:
        """Speaking rate (words per minute) of the speaker's latest final transcript, for reports."""
        self._rate_wpm = wpm

    def push(self, frame: np.ndarray, frame_start: int, speech_prob_ok: bool, now: int) -> list[Event | Cue]:
        """Feed one 512-sample frame; ``speech_prob_ok`` is the VAD's frame-level speech decision."""
        if not speech_prob_ok:
            return []
        level = level_dbfs(frame)
        if level < self._cfg.speech_floor_dbfs:
            return []
        if len(self._frames) == self._frames.maxlen:
            self._power_sum -= 10.0 ** (self._frames[0][1] / 10.0)
        self._frames.append((frame_start, level, frame))
        self._power_sum += 10.0 ** (level / 10.0)
        out: list[Event | Cue] = []
        if self.lane is Lane.AGENT:
            cue = self._watch_raised(now)
            if cue is not None:
                out.append(cue)
        self._since_report += 1
        if self._since_report >= self._report_frames:
            self._since_report = 0
            out.append(self._report(now))
        return out

    def short_term_loudness_db(self) -> float:
        """Power-averaged level of the last ``window_s`` seconds of speech, in dBFS."""
        return power_to_dbfs(max(self._power_sum, 0.0) / max(len(self._frames), 1))

    def loudness_delta_db(self) -> float | None:
        """Short-term loudness minus the baseline, once the baseline is learnt."""
        if not self.baseline.ready or self.baseline.loudness_db is None:
            return None
        return self.short_term_loudness_db() - self.baseline.loudness_db

    def _report(self, now: int) -> Event:
        cfg = self._cfg
        audio = np.concatenate([f for _, _, f in self._frames])
        pitch = estimate_pitch(
            audio,
            SAMPLE_RATE,
            fmin=cfg.pitch_fmin_hz,
            fmax=cfg.pitch_fmax_hz,
            voiced_correlation=cfg.voiced_correlation,
        )
        loudness = self.short_term_loudness_db()
        delta_db = self.loudness_delta_db()
        base_pitch = self.baseline.pitch_hz
        if pitch.median_hz is not None and base_pitch is not None and self.baseline.ready:
            self._pitch_delta_st = semitones(pitch.median_hz, base_pitch)
        else:
            self._pitch_delta_st = None
        if not self._in_raised:
            self.baseline.update(loudness, pitch.voiced_hz, len(self._frames) * _FRAME_S)
        return Event.at_samples(
            "prosody",
            self._frames[0][0],
            now,
            speaker=self.lane.value,
            loudness_db=round(loudness, 1),
            loudness_delta_db=None if delta_db is None else round(delta_db, 1),
            pitch_hz=None if pitch.median_hz is None else round(pitch.median_hz, 1),
            pitch_delta_st=None if self._pitch_delta_st is None else round(self._pitch_delta_st, 2),
            voiced_ratio=round(pitch.voiced_ratio, 2),
            rate_wpm=None if self._rate_wpm is None else round(self._rate_wpm),
        )

    def _watch_raised(self, now: int) -> Cue | None:
        cfg = self._raised_cfg
        delta = self.loudness_delta_db()
        if delta is None:
            return None
        pitch_delta = self._pitch_delta_st
        raised = delta >= cfg.loudness_delta_db or (
            delta >= cfg.combined_loudness_delta_db
            and pitch_delta is not None
            and pitch_delta >= cfg.combined_pitch_delta_st
        )
        if not raised:
            self._in_raised = False
            self._raised_start = None
            self._raised_frames = 0
            self._raised_cued = False
            return None
        if not self._in_raised:
            self._in_raised = True
            self._raised_frames = 0
            self._raised_start = self._stretch_start(cfg.loudness_delta_db)
        self._raised_frames += 1
        if self._raised_cued or self._raised_frames * _FRAME_S < cfg.sustain_s:
            return None
        self._raised_cued = True
        assert self._raised_start is not None
        sustained = (now - self._raised_start) / SAMPLE_RATE
        evidence = {
            "loudness_delta_db": round(delta, 1),
            "sustained_s": round(sustained, 1),
            "loudness_db": round(self.short_term_loudness_db(), 1),
            "baseline_db": round(self.baseline.loudness_db or 0.0, 1),
        }
        if pitch_delta is not None:
            evidence["pitch_delta_st"] = round(pitch_delta, 1)
        return Cue("pause_and_breathe", self._raised_start, f"raised:{self._raised_start}", evidence)

    def _stretch_start(self, margin_db: float) -> int:
        """First frame of the current window that is ``margin_db`` above baseline (the stretch onset)."""
        base = self.baseline.loudness_db or 0.0
        for start, level, _ in self._frames:
            if level - base >= margin_db:
                return start
        return self._frames[-1][0]
