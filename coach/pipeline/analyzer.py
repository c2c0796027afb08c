"""CallAnalyzer: one call's two lanes in, timestamped events out, exactly as it would run live.

Synchronous and single-threaded (async code only adapts it): :meth:`CallAnalyzer.push` takes
chunks of either lane in any sizes and returns the events their audio produced; :meth:`finish`
closes the call and returns the last events, ending with ``call.end`` and its summary.

Audio is analysed in 32 ms frames, and a frame is analysed only once both lanes have delivered it,
so the events depend only on the audio and never on how it was chunked or how fast it arrived.
Event times come from the audio position: ``at`` is the end of the frame being analysed.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import asdict
from typing import Any

import numpy as np

from coach.asr.rate import rate_wpm
from coach.asr.revision import RevisionGate
from coach.asr.stage import TranscriptionStage
from coach.classify.arousal import ArousalModel
from coach.classify.pushback import pushback_rule
from coach.classify.stage import EscalationStage
from coach.classify.text_anger import TextAngerScorer
from coach.config import CoachConfig
from coach.dsp.baseline import VoiceBaseline
from coach.language.coach import LanguageCoach
from coach.language.nobody_to_calm import NobodyToCalm
from coach.language.phrasing import CalmDownRule
from coach.nudges.catalogue import NudgeCatalogue
from coach.nudges.policy import NudgePolicy
from coach.nudges.priority import prioritise
from coach.prosody.tracker import ProsodyTracker
from coach.turns.holds import HoldWatcher
from coach.turns.tracker import TurnTracker
from coach.types import (
    FRAME_SAMPLES,
    SAMPLE_RATE,
    AudioChunk,
    Cue,
    Event,
    Lane,
    Nudge,
    Withdrawal,
    samples_to_seconds,
)
from coach.vad.gate import LevelGate
from coach.vad.segmenter import SpeechEnd, SpeechSegmenter, SpeechStart
from coach.vad.silero import SileroLaneState, SileroModel, shared_model

_LANES = tuple(Lane)  # iterating the enum itself is slow, and this runs for every frame


class _LaneInput:
    """Audio of one lane received but not yet analysed, as a list of arrays (no copying on push)."""

    def __init__(self) -> None:
        self.blocks: list[np.ndarray] = []
        self.buffered = 0
        self.received = 0

    def add(self, chunk: AudioChunk) -> None:
        if chunk.start_sample != self.received:
            raise ValueError(
                f"{chunk.lane.value} lane: chunk starts at sample {chunk.start_sample}, expected {self.received}"
                " (chunks of a lane must be in order and without gaps)"
            )
        pcm = np.asarray(chunk.pcm, dtype=np.float32)
        if pcm.ndim != 1:
            raise ValueError(f"{chunk.lane.value} lane: expected mono PCM, got shape {pcm.shape}")
        self.blocks.append(pcm)
        self.buffered += len(pcm)
        self.received += len(pcm)

    def take_frames(self, n_frames: int) -> np.ndarray:
        """Remove and return ``n_frames`` whole frames as an ``(n, 512)`` array."""
        need = n_frames * FRAME_SAMPLES
        joined = np.concatenate(self.blocks) if len(self.blocks) > 1 else self.blocks[0]
        frames = joined[:need].reshape(n_frames, FRAME_SAMPLES)
        rest = joined[need:]
        self.blocks = [rest] if len(rest) else []
        self.buffered = len(rest)
        return frames


class _StageTimer:
    """CPU seconds per stage into ``seconds`` when profiling (thread CPU time: fair on a busy machine);
    a near no-op otherwise. ``start`` then ``lap(stage)`` after each stage."""

    def __init__(self, seconds: Counter[str], *, enabled: bool) -> None:
        self._seconds = seconds
        self._enabled = enabled
        self._last = 0.0

    def start(self) -> None:
        if self._enabled:
            self._last = time.thread_time()

    def lap(self, stage: str) -> None:
        if self._enabled:
            now = time.thread_time()
            self._seconds[stage] += now - self._last
            self._last = now


class CallAnalyzer:
    """Analyses one call. Not thread-safe; one instance per call. The VAD model may be shared."""

    def __init__(
        self,
        cfg: CoachConfig,
        *,
        call_id: str = "call",
        vad_model: SileroModel | None = None,
        profile: bool = False,
        escalation: bool = True,
        transcription: TranscriptionStage | None = None,
        arousal_model: ArousalModel | None = None,
    ) -> None:
        """``arousal_model``: the customer voice model to use instead of ``models/arousal.onnx`` (the
        evaluation passes a model trained without the held-out speaker). The agent's remembered voice
        baseline is given with :meth:`remember_agent_baseline` before the first audio."""
        self.cfg = cfg
        self.call_id = call_id
        self._vad = vad_model or shared_model()
        self._inputs = {lane: _LaneInput() for lane in Lane}
        self._vad_states = {lane: SileroLaneState() for lane in Lane}
        self._segmenters = {lane: SpeechSegmenter(cfg.vad) for lane in Lane}
        self._gates = {lane: LevelGate(cfg.vad) for lane in Lane}
        self._remembered: VoiceBaseline | None = None
        self._prosody = {lane: ProsodyTracker(lane, cfg.prosody, cfg.raised_voice) for lane in Lane}
        self._turns = TurnTracker(cfg.turns)
        self._holds = HoldWatcher(self._turns)
        self._asr = transcription
        self._language = LanguageCoach(cfg.language) if transcription is not None else None
        self._nobody_to_calm = NobodyToCalm()  # no calm-down before the customer's first word
        self._revisions = RevisionGate()  # revised finals (transcript.revised) admitted only of this call's finals
        text_scorer = TextAngerScorer() if transcription is not None and escalation else None
        self._escalation = (
            EscalationStage(
                cfg.escalation,
                text_scorer=text_scorer,
                arousal_model=arousal_model,
                calm_down=CalmDownRule(cfg.language.avoid_calm_down, cfg.language.slots),  # this call's tables
                pushback=pushback_rule(cfg.language),  # ... and its pushback families (agent_pushback_undamps)
            )
            if escalation
            else None
        )
        self._nudge_times: list[float] = []
        self._catalogue = NudgeCatalogue(cfg.nudges.texts)
        self.policy = NudgePolicy(cfg.nudges, self._catalogue)
        self._position = 0
        self._started = False
        self._finished = False
        self.stage_seconds: Counter[str] = Counter()
        self._timer = _StageTimer(self.stage_seconds, enabled=profile)

    @property
    def position(self) -> int:
        """Samples of call audio analysed so far (both lanes)."""
        return self._position

    def push(self, chunk: AudioChunk) -> list[Event]:
        """Add a chunk of one lane; return the events of every frame now complete on both lanes."""
        out = self.feed(chunk)
        frames = self.take_ready()
        if frames is not None:
            out.extend(self._analyse(frames))
        return out

    # Several calls' analysis in one VAD run (coach.pipeline.together): ``feed`` the audio, ``take_ready``
    # the frames complete on both lanes, score every call's ``vad_inputs`` together, ``analyse_scored``.
    # ``push`` is exactly these steps for one call; the events are the same either way.

    def feed(self, chunk: AudioChunk) -> list[Event]:
        """Add a chunk of one lane without analysing it; returns the ``call.start`` event the first time."""
        if self._finished:
            raise RuntimeError("push() after finish()")
        out = self._start_events()
        self._inputs[chunk.lane].add(chunk)
        return out

    def take_ready(self) -> dict[Lane, np.ndarray] | None:
        """Remove the frames complete on both lanes (``(n, 512)`` per lane, the same ``n``); None if none."""
        ready = min(inp.buffered for inp in self._inputs.values()) // FRAME_SAMPLES
        if not ready:
            return None
        return {lane: self._inputs[lane].take_frames(ready) for lane in _LANES}

    def vad_inputs(self, frames: dict[Lane, np.ndarray]) -> tuple[list[SileroLaneState], list[np.ndarray]]:
        """The lanes' VAD states and frames, in lane order, for :meth:`SileroModel.score_lanes`."""
        return [self._vad_states[lane] for lane in _LANES], [frames[lane] for lane in _LANES]

    @property
    def vad_model(self) -> SileroModel:
        """The VAD model this call scores with (calls batched together must share it)."""
        return self._vad

    def analyse_scored(self, frames: dict[Lane, np.ndarray], scores: list[np.ndarray]) -> list[Event]:
        """Analyse frames from :meth:`take_ready` whose VAD ``scores`` (lane order, from
        ``score_lanes(*vad_inputs(frames))``) were computed by the caller."""
        if self._finished:
            raise RuntimeError("push() after finish()")
        return self._analyse(frames, scores)

    def finish(self, *, complete: bool = True, reason: str | None = None) -> list[Event]:
        """End of call: analyse what is left (the shorter lane and a last partial frame padded with
        silence), close open speech, and return the remaining events ending with ``call.end``.

        ``complete=False`` says the call was cut short (stopped with Ctrl-C, its source gone, the server
        stopping): ``call.end`` carries ``complete`` and, when given, ``reason`` (a short fixed phrase,
        never the call's words), so a consumer of the events alone can tell a whole call from a cut one."""
        if self._finished:
            return []
        out = self._start_events()
        longest = max(inp.buffered for inp in self._inputs.values())
        if longest:
            frames = -(-longest // FRAME_SAMPLES)
            for lane, inp in self._inputs.items():
                pad = frames * FRAME_SAMPLES - inp.buffered
                if pad:
                    inp.add(AudioChunk(lane, inp.received, np.zeros(pad, dtype=np.float32)))
            ready = self.take_ready()
            assert ready is not None
            out.extend(self._analyse(ready))
        end = self._position
        received = max(inp.received for inp in self._inputs.values())
        for lane, seg in self._segmenters.items():
            closing = seg.flush(end)
            if closing is not None:
                out.extend(self._route(self._turns.on_end(lane, closing.start, closing.end, end), end))
                if self._asr is not None:
                    self._asr.on_speech_end(lane, closing.end)
        if self._asr is not None:
            out.extend(self._route(self._words(self._asr.close(end), end), end))
        out.extend(self._turns.finish(end))
        out.extend(self.policy.close(end))
        self._finished = True
        ending: dict[str, Any] = {"complete": complete} | ({"reason": reason} if reason else {})
        out.append(
            Event.at_samples("call.end", end, end, call_id=self.call_id, **ending, summary=self.summary(received))
        )
        return out

    def remember_agent_baseline(self, baseline: VoiceBaseline) -> None:
        """Start the agent from their baseline remembered from earlier calls (before the first audio)."""
        if self._started:
            raise RuntimeError("remember_agent_baseline() after the call started")
        self._remembered = baseline
        self._prosody[Lane.AGENT] = ProsodyTracker(
            Lane.AGENT, self.cfg.prosody, self.cfg.raised_voice, remembered=baseline
        )

    def agent_baseline(self) -> VoiceBaseline | None:
        """The agent's voice baseline to remember after this call: the remembered one updated with this
        call's calm speech (None when neither exists). For the call store, by agent id."""
        own = self._prosody[Lane.AGENT].baseline.own()
        if own is None or self._remembered is None:
            return own or self._remembered
        return self._remembered.merged(own, memory_s=self.cfg.prosody.remembered_memory_s)

    def summary(self, received: int | None = None) -> dict[str, Any]:
        """Call totals so far: talk ratio, interruptions, overlap, monologues, dead air, nudges."""
        turns = asdict(self._turns.summary())
        total_speech = sum(turns["speech_s"].values())
        ratio = {k: round(v / total_speech, 3) if total_speech else 0.0 for k, v in turns["speech_s"].items()}
        duration = samples_to_seconds(received if received is not None else self._position)
        return {
            "duration_s": duration,
            "talk_ratio": ratio,
            **turns,
            "nudges": dict(self.policy.fired),
            "nudges_held_back": {k: v for k, v in sorted(self.policy.outcomes.items()) if k != "shown"},
            "moments": list(self.policy.moments),
            "escalation": self._escalation.curve.summary(self._nudge_times) if self._escalation else None,
            "agent_voice": None if (voice := self.agent_baseline()) is None else voice.to_json(),
        }

    # -- internals --------------------------------------------------------------------------------

    def _start_events(self) -> list[Event]:
        if self._started:
            return []
        self._started = True
        return [Event.at_samples("call.start", 0, 0, call_id=self.call_id, sample_rate=SAMPLE_RATE)]

    def _analyse(self, frames: dict[Lane, np.ndarray], scores: list[np.ndarray] | None = None) -> list[Event]:
        """The frames of both lanes (``(n, 512)`` each), frame by frame, with their VAD scores (lane order;
        scored here when not given)."""
        timer = self._timer
        timer.start()
        if scores is None:
            scores = self._vad.score_lanes(*self.vad_inputs(frames))
        n_frames = len(frames[_LANES[0]])
        probs = {lane: self._gates[lane].apply(frames[lane], score) for lane, score in zip(_LANES, scores, strict=True)}
        levels = {lane: self._gates[lane].levels_db for lane in _LANES}  # each frame's level, measured once
        timer.lap("vad")
        out: list[Event] = []
        offset_threshold = self.cfg.vad.offset_threshold
        for i in range(n_frames):
            frame_start = self._position
            now = frame_start + FRAME_SAMPLES
            found: list[Event | Cue | Nudge] = []
            for lane in _LANES:
                boundary = self._segmenters[lane].push(float(probs[lane][i]), frame_start)
                if self._asr is not None:  # frames of another talker (a neighbour) turned down
                    self._asr.on_chunk(AudioChunk(lane, frame_start, self._gates[lane].for_asr(frames[lane][i], i)))
                if isinstance(boundary, SpeechStart):
                    found.extend(self._turns.on_start(lane, boundary.start, now))
                    if self._asr is not None:
                        self._asr.on_speech_start(lane, boundary.start)
                elif isinstance(boundary, SpeechEnd):
                    found.extend(self._turns.on_end(lane, boundary.start, boundary.end, now))
                    if self._asr is not None:
                        self._asr.on_speech_end(lane, boundary.end)
                if self._asr is not None:
                    self._asr.on_vad(lane, self._segmenters[lane].silence_since, now)
            voiced = {lane: bool(probs[lane][i] >= offset_threshold) for lane in _LANES}
            found.extend(self._turns.tick(now, voiced, {lane: levels[lane][i] for lane in _LANES}))
            timer.lap("turns")
            for lane in _LANES:
                found.extend(self._prosody[lane].push(frames[lane][i], frame_start, voiced[lane], now, levels[lane][i]))
            timer.lap("prosody")
            if self._asr is not None:
                transcripts = self._asr.poll(now)
                self._turns.hear(transcripts)  # a short customer overlap told by its words
                found.extend(self._holds.push(transcripts, now))
                found.extend(self._words(transcripts, now))
                timer.lap("asr+language")
            if self._escalation is not None:
                if probs[Lane.CUSTOMER][i] >= offset_threshold:
                    self._escalation.push_speech(frame_start, frames[Lane.CUSTOMER][i])
                self._escalation.observe(found, now)  # interruptions, long turns, agent turns
                self._note_escalation(self._escalation.tick(now), found)
                timer.lap("escalation")
            self._position = now
            out.extend(self._route(found, now))
            timer.lap("nudges")
        return out

    def _note_escalation(self, event: Event | None, found: list[Event | Cue | Nudge]) -> None:
        """Pass an ``escalation`` event on and tell the language rules how upset the customer is."""
        if event is None or self._escalation is None:
            return
        found.append(event)
        if self._language is not None:
            self._language.set_customer_upset(self._escalation.level)

    def _words(self, transcripts: list[Event], now: int) -> list[Event | Cue | Nudge | Withdrawal]:
        """Transcript events in; the language nudges (from partials' committed words and finals), their
        withdrawals, and the speaking rates and escalation of finals out. A revised final (``transcript.revised``)
        of this call's (:class:`~coach.asr.revision.RevisionGate`) passes on and is read again by the wording rules
        only (:meth:`~coach.language.coach.LanguageCoach.revise`); one the gate refuses is dropped."""
        transcripts, revised = self._revisions.split(transcripts)
        out: list[Event | Cue | Nudge | Withdrawal] = list(transcripts)
        assert self._language is not None
        for event in transcripts:
            if event.type != "transcript":
                continue
            record = event.to_dict()
            out.extend(self._nobody_to_calm.push(self._language, record))
            lane = Lane(record["speaker"])
            if not record.get("final"):
                # A customer partial's committed words may carry lexicon markers ([escalation] partial_markers).
                if self._escalation is not None and lane is Lane.CUSTOMER:
                    self._note_escalation(self._escalation.push_partial(record, now), out)
                continue
            rate = rate_wpm(record.get("words") or [])
            if rate is not None:
                self._prosody[lane].set_rate(rate)
            if self._escalation is not None and lane is Lane.CUSTOMER:
                self._note_escalation(self._escalation.push_final(record, now), out)
            elif self._escalation is not None:
                self._escalation.hear_agent(record)  # context for the customer's evidence (echoes, shared joy)
        for event in revised:  # after the finals (one it revises may be in this batch); read by the wording rules
            out.append(event)
            out.extend(self._nobody_to_calm.passed(self._language.revise(event.to_dict())))
        out.extend(self._language.tick(now))
        return out

    def _route(self, found: list[Event | Cue | Nudge | Withdrawal], now: int) -> list[Event]:
        """Pass events through; word the cues and let the nudge policy deliver them (it is called every
        frame, even with nothing new: waiting moments take the screen when it frees)."""
        if not found:  # most frames: nothing new to word or prioritise
            return self._delivered(self.policy.offer([], now), [])
        events = [x for x in found if isinstance(x, Event)]
        cues: list[Nudge] = [self._catalogue.word(x) for x in found if isinstance(x, Cue)]
        cues += [x for x in found if isinstance(x, Nudge)]
        if cues and self._escalation is not None:
            cues = prioritise(cues, self._escalation.level, self.cfg.nudges.boost_when_escalated)
        offered: list[Nudge | Withdrawal] = [*cues, *(x for x in found if isinstance(x, Withdrawal))]
        return self._delivered(self.policy.offer(offered, now), events)

    def _delivered(self, delivered: list[Event], events: list[Event]) -> list[Event]:
        """``events`` followed by the policy's ``delivered`` events (whose nudge times are noted)."""
        if delivered:
            self._nudge_times.extend(e.at for e in delivered if e.type == "nudge")
            events.extend(delivered)
        return events
