"""Per-lane prosody: loudness and pitch against the speaker's own baseline, and raised stretches.

One :class:`ProsodyTracker` per lane and call. Feed every 32 ms frame with :meth:`push`, in order;
frames that are not speech (VAD probability below the offset threshold, or quieter than the speech
floor) are skipped. Every ``report_every_s`` seconds of speech it emits a ``prosody`` event over the
last ``window_s`` seconds of speech of their current turn (a pause of ``end_after_pause_s`` starts the
window afresh, so a turn's first report reads its own speech alone, never the last turn's unreported tail
mixed in; on the agent lane it also starts the report count afresh and ends the turn's baseline window; on the
customer lane the report keeps its time, ``report_every_s`` of speech after the last one, but waits for half a
report of the new turn's speech: a short "Hello?" after a hold does not put the turn's first report later;
the new turn's pitch delta is unknown until its own first report, never the last turn's). For the agent lane
it also watches for a stretch clearly louder (and/or higher) than the agent's own baseline, sustained
for ``sustain_s`` seconds of speech, and returns a ``pause_and_breathe`` :class:`~coach.types.Cue`,
re-sent as ``ongoing`` every frame while the stretch lasts and closed with its ``end`` (the delivery
contract of :class:`~coach.types.Cue`); each stretch is a new moment. A stretch goes on through pauses
shorter than ``end_after_pause_s`` and through as much speech back under its threshold (a calmer word
inside one loud turn), so one loud turn is one moment. The loud-and-high (combined) rule also needs the
window without its loudest ``combined_word_s`` (one stressed word) to stay louder than usual. The agent
is compared from their first words: against a :class:`~coach.dsp.baseline.VoicePrior` (a lane level, or
the agent's baseline remembered from earlier calls) until their own calm speech takes over
(:mod:`coach.dsp.baseline`), and, from their first calm window on, also against their own calm level
alone with the wider ``own_loudness_delta_db`` margin (so a prior louder than this voice cannot hide a
raised second turn). A voice whose calm turns open well over their body has each turn's first window judged
against its usual opening as well (``agent_opening_min_turns``, ``agent_opening_louder_db``). Reports carry the
speaking rate of the speaker's latest final transcript (``rate_wpm``) once transcription provides one. Only
behaviour is measured here; no emotion is inferred for anyone.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from coach.dsp.baseline import SpeakerBaseline, VoiceBaseline, VoicePrior
from coach.dsp.loudness import dbfs_to_power, level_dbfs, power_to_dbfs
from coach.dsp.pitch import estimate_pitch, semitones
from coach.prosody.config import ProsodyConfig, RaisedVoiceConfig
from coach.types import FRAME_SAMPLES, SAMPLE_RATE, Cue, Event, Lane

_FRAME_S = FRAME_SAMPLES / SAMPLE_RATE


class ProsodyTracker:
    """Prosody state of one lane. Sample indices at 16 kHz; levels in dBFS; pitch in Hz."""

    def __init__(
        self,
        lane: Lane,
        cfg: ProsodyConfig,
        raised: RaisedVoiceConfig,
        *,
        remembered: VoiceBaseline | None = None,
    ) -> None:
        """``remembered``: the agent's baseline from earlier calls (agent lane only), else the lane prior."""
        self.lane = lane
        self._cfg = cfg
        self._raised_cfg = raised
        self._window_frames = max(1, round(cfg.window_s / _FRAME_S))
        self._report_frames = max(1, round(cfg.report_every_s / _FRAME_S))
        self._frames: deque[tuple[int, float, np.ndarray]] = deque(maxlen=self._window_frames)
        self._power_sum = 0.0
        self._since_report = 0
        self._turn_power = 0.0
        self._turn_frames = 0
        self._min_offer_frames = max(1, self._report_frames // 2)
        self._per_turn = lane is Lane.AGENT
        self.baseline = SpeakerBaseline(
            min_own_s=cfg.baseline_min_own_s,
            history=max(1, round(cfg.baseline_history_s / cfg.report_every_s)),
            reject_above_db=cfg.baseline_reject_above_db,
            release_s=cfg.agent_prior_release_s,
            prior=self._prior(lane, cfg, raised, remembered),
        )
        self.baseline_source = (
            "none" if self.baseline.prior is None else ("remembered" if remembered is not None else "prior")
        )
        self._pitch_delta_st: float | None = None
        self._raised_start: int | None = None
        self._raised_frames = 0
        self._raised_cued = False
        self._in_raised = False
        self._lull_frames = 0
        self._last_raised_end = 0
        self._last_speech_end = 0
        self._pause_frames = 0
        self._end_pause_frames = max(1, round(raised.end_after_pause_s / _FRAME_S))
        self._word_frames = round(raised.combined_word_s / _FRAME_S)
        self._rate_wpm: float | None = None
        self._turn_reports = 0  # reports of the agent's current turn: 0 while its opening is being spoken
        self._openings: deque[float] = deque(maxlen=max(1, round(cfg.baseline_history_s / cfg.report_every_s)))
        self._opening_median_db: float | None = None  # median of _openings, kept as they change (read every frame)

    @staticmethod
    def _prior(
        lane: Lane, cfg: ProsodyConfig, raised: RaisedVoiceConfig, remembered: VoiceBaseline | None
    ) -> VoicePrior | None:
        if lane is not Lane.AGENT:
            return None
        if remembered is not None:
            return VoicePrior(
                loudness_db=remembered.loudness_db,
                pitch_hz=remembered.pitch_hz,
                weight_s=cfg.remembered_weight_s,
                margin_db=raised.loudness_delta_db,
            )
        return VoicePrior(
            loudness_db=cfg.agent_prior_dbfs,
            pitch_hz=None,
            weight_s=cfg.agent_prior_weight_s,
            margin_db=cfg.agent_prior_margin_db,
        )

    def set_rate(self, wpm: float) -> None:
        """Speaking rate (words per minute) of the speaker's latest final transcript, for reports."""
        self._rate_wpm = wpm

    def push(
        self, frame: np.ndarray, frame_start: int, speech_prob_ok: bool, now: int, level_db: float | None = None
    ) -> list[Event | Cue]:
        """Feed one 512-sample frame; ``speech_prob_ok`` is the VAD's frame-level speech decision;
        ``level_db``: the frame's :func:`~coach.dsp.loudness.level_dbfs` when already known."""
        level = level_dbfs(frame) if level_db is None else level_db
        if not speech_prob_ok or level < self._cfg.speech_floor_dbfs:
            return self._pause(now)
        self._pause_frames = 0
        self._last_speech_end = now
        if len(self._frames) == self._frames.maxlen:
            self._power_sum -= dbfs_to_power(self._frames[0][1])
        self._frames.append((frame_start, level, frame))
        power = dbfs_to_power(level)
        self._power_sum += power
        self._turn_power += power
        self._turn_frames += 1
        out: list[Event | Cue] = []
        if self.lane is Lane.AGENT:
            cue = self._watch_raised(now)
            if cue is not None:
                out.append(cue)
        self._since_report += 1
        if self._since_report >= self._report_frames and len(self._frames) >= self._min_offer_frames:
            self._since_report = 0
            out.append(self._report(now))
        return out

    def short_term_loudness_db(self) -> float:
        """Power-averaged level of the last ``window_s`` seconds of speech, in dBFS."""
        return power_to_dbfs(max(self._power_sum, 0.0) / max(len(self._frames), 1))

    def loudness_delta_db(self) -> float | None:
        """Short-term loudness minus the baseline (prior-blended for the agent), once there is one."""
        if not self.baseline.ready or self.baseline.loudness_db is None or not self._frames:
            return None
        return self.short_term_loudness_db() - self.baseline.loudness_db

    def raised_margin_db(self) -> float:
        """How far above the baseline counts as raised now (wider while only the prior is known)."""
        return self.baseline.margin_db(self._raised_cfg.loudness_delta_db)

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
            if self._per_turn:
                if self._turn_reports == 0:
                    self._openings.append(loudness)  # a calm turn's opening window
                    self._opening_median_db = float(np.median(self._openings))
                self._offer_turn(pitch.voiced_hz)
            else:
                self.baseline.update(loudness, pitch.voiced_hz, len(self._frames) * _FRAME_S)
        self._drop_turn()
        self._turn_reports += 1
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

    def _pause(self, now: int) -> list[Event | Cue]:
        """A frame without speech. A raised stretch stays on through short pauses between words; after
        ``end_after_pause_s`` of silence it ends (and the short-term window starts afresh, so the next
        calm words are not judged by the loud ones). A calm turn's words since the last report go to
        the baseline when such a pause ends the turn."""
        self._pause_frames += 1
        if not self._in_raised:
            if self._pause_frames == self._end_pause_frames:
                if self._per_turn:
                    self._offer_turn(np.empty(0))
                    self._drop_turn()
                # the customer's report keeps its time, its window the new turn's speech alone
                self._clear_window(restart_reports=self._per_turn)
            return []
        if self._pause_frames < self._end_pause_frames:
            return [self._raised_cue(now, ongoing=True)] if self._raised_cued else []
        out: list[Event | Cue] = [self._raised_cue(now, ongoing=False)] if self._raised_cued else []
        self._reset_raised()
        self._clear_window()
        return out

    def _clear_window(self, *, restart_reports: bool = True) -> None:
        """A new turn: its window starts empty, and the pitch delta of the last turn's report is not its. With
        ``restart_reports`` (the agent lane's turns, a raised stretch's end) the report count starts afresh too;
        without it (the customer lane) the next report keeps its time."""
        self._frames.clear()
        self._power_sum = 0.0
        self._pitch_delta_st = None
        if restart_reports:
            self._since_report = 0
            self._turn_reports = 0

    def _offer_turn(self, voiced_hz: np.ndarray) -> None:
        """Offer the baseline this turn's words since the last offer, as one window (their power
        average), if they are at least half a report long. A window never runs across a turn's end:
        the end of a calm greeting and the start of a loud turn averaged together would look calm
        enough to pull a young baseline up."""
        if self._turn_frames >= self._min_offer_frames:
            level = power_to_dbfs(self._turn_power / self._turn_frames)
            self.baseline.update(level, voiced_hz, self._turn_frames * _FRAME_S)

    def _drop_turn(self) -> None:
        self._turn_power = 0.0
        self._turn_frames = 0

    def _reset_raised(self) -> None:
        if self._in_raised:
            self._drop_turn()  # the stretch's loud words are not calm speech
        self._in_raised = False
        self._raised_start = None
        self._raised_frames = 0
        self._raised_cued = False
        self._lull_frames = 0

    def _watch_raised(self, now: int) -> Cue | None:
        cfg = self._raised_cfg
        delta = self.loudness_delta_db()
        if delta is None:
            return None
        margin = self.raised_margin_db()
        pitch_delta = self._pitch_delta_st
        threshold_db = (self.baseline.loudness_db or 0.0) + margin
        own = self.baseline.own_level_db
        if own is not None:
            threshold_db = min(threshold_db, own + cfg.own_loudness_delta_db)
        opening = self._usual_opening_db()
        if opening is not None:
            threshold_db = max(threshold_db, opening + margin)
        if self._raised_cued:  # hysteresis: a stretch already cued ends only well under the threshold
            threshold_db -= cfg.stay_below_db
        raised = self.short_term_loudness_db() >= threshold_db or (
            delta >= margin - (cfg.loudness_delta_db - cfg.combined_loudness_delta_db)
            and pitch_delta is not None
            and pitch_delta >= cfg.combined_pitch_delta_st
            and self._rest_delta_db() >= margin - (cfg.loudness_delta_db - cfg.combined_rest_delta_db)
        )
        if not raised:
            if self._raised_cued and self._lull_frames + 1 < self._end_pause_frames:
                self._lull_frames += 1  # a calmer word or two inside the loud stretch: still the same stretch
                return self._raised_cue(now, ongoing=True)
            cue = self._raised_cue(now, ongoing=False) if self._raised_cued else None
            self._reset_raised()
            return cue
        self._lull_frames = 0
        self._last_raised_end = now
        if not self._in_raised:
            self._in_raised = True
            self._raised_frames = 0
            self._raised_start = self._stretch_start(threshold_db)
        self._raised_frames += 1
        if not self._raised_cued and self._raised_frames * _FRAME_S < cfg.sustain_s:
            return None
        self._raised_cued = True
        return self._raised_cue(now, ongoing=True)

    def _usual_opening_db(self) -> float | None:
        """While the agent's turn is in its first window: the level at which their calm turns open (the median of
        those first windows), once ``agent_opening_min_turns`` turns opened calm and only when those openings are
        ``agent_opening_louder_db`` or more over the own level; else None. Some voices open every turn well over its
        body (c760's opens "They do, Peigi.", "That's five bags," 7-9 dB over the rest of its turns), and the own
        level is the body's, so such a voice's opening is judged against its openings; capped at the baseline plus
        ``baseline_reject_above_db`` (what a calm window may be). A voice whose openings are about its body's level
        is judged as before (c751's open 1.6 dB over it: its raised opening is caught as soon as it was)."""
        own = self.baseline.own_level_db
        cfg = self._cfg
        if not self._per_turn or self._turn_reports or own is None or len(self._openings) < cfg.agent_opening_min_turns:
            return None
        usual = self._opening_median_db
        if usual is None or usual - own < cfg.agent_opening_louder_db:
            return None
        if self.baseline.loudness_db is not None:
            usual = min(usual, self.baseline.loudness_db + cfg.baseline_reject_above_db)
        return usual

    def _rest_delta_db(self) -> float:
        """The window's loudness without its loudest ``combined_word_s`` of frames, minus the baseline: one
        stressed word lifts a whole window's power average by several dB for as long as the window holds
        it, while a voice raised throughout stays louder without its loudest word."""
        levels = sorted(level for _, level, _ in self._frames)[: len(self._frames) - self._word_frames]
        if not levels:
            return float("-inf")
        rest = power_to_dbfs(sum(dbfs_to_power(level) for level in levels) / len(levels))
        return rest - (self.baseline.loudness_db or 0.0)

    def _raised_cue(self, now: int, *, ongoing: bool) -> Cue:
        """The ``pause_and_breathe`` cue of the current stretch (one moment per stretch)."""
        assert self._raised_start is not None
        delta = self.loudness_delta_db() or 0.0
        end = None if ongoing else self._last_raised_end
        sustained = ((now if ongoing else self._last_raised_end) - self._raised_start) / SAMPLE_RATE
        evidence: dict[str, object] = {
            "loudness_delta_db": round(delta, 1),
            "sustained_s": round(sustained, 1),
            "loudness_db": round(self.short_term_loudness_db(), 1),
            "baseline_db": round(self.baseline.loudness_db or 0.0, 1),
            "baseline_from": self.baseline_source if self.baseline.own_weight < 0.5 else "own",
        }
        if self.baseline.own_level_db is not None:
            evidence["own_db"] = round(self.baseline.own_level_db, 1)
        if self._pitch_delta_st is not None:
            evidence["pitch_delta_st"] = round(self._pitch_delta_st, 1)
        return Cue(
            "pause_and_breathe",
            self._raised_start,
            f"raised:{self._raised_start}",
            evidence,
            ongoing=ongoing,
            end=end,
        )

    def _stretch_start(self, threshold_db: float) -> int:
        """First frame of the current window at least ``threshold_db`` loud (the stretch onset)."""
        for start, level, _ in self._frames:
            if level >= threshold_db:
                return start
        return self._frames[-1][0]
