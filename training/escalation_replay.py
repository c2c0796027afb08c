"""Replay the escalation stage on a rendered evaluation call, with the transcripts of an earlier analysis.

Used by ``scripts/eval_call_escalation.py --replay``. Transcription is by far the slowest part of
``coach analyze``, and the escalation stage only reads the customer's transcripts (partials and finals) and
the agent's finals; those do not depend on the escalation code. So the call is run through
:class:`~coach.pipeline.analyzer.CallAnalyzer` exactly as ``coach analyze --no-asr`` runs it (VAD, turns,
prosody, the escalation stage with the voice model), and the transcripts of an earlier full analysis (an
events file of ``artifacts/calls/events/``) are handed to the stage at the call second they were
emitted then (their ``at``). A voice, fusion or word change can then be measured on the whole call
set in seconds per call; the figures differ from a full analysis where transcription timing would (a
final handed over one 32 ms frame later), and where words change the turn-taking events: the turn tracker
hears no transcripts here (``TurnTracker.hear``), so a short customer overlap whose words make it a cut-in
(an ``overlap`` with ``cut_in``, an "interrupts the agent" marker) is never one (none in the 117 cached full
analyses of c01-c1149 at session 50's start, R14). Confirm through the product at the end.

Compliance: as in the product, only the customer lane's speech and transcripts reach the stage.
"""

from __future__ import annotations

import json
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from coach.classify.escalation import EscalationConfig
from coach.classify.stage import EscalationStage
from coach.classify.text_anger import TextAngerScorer
from coach.config import CoachConfig
from coach.pipeline.analyzer import CallAnalyzer
from coach.sources.recording import load_recording
from coach.sources.replay import replay_chunks
from coach.types import Event, Lane, seconds_to_samples

FRAME = 512
"""The analyser's frame (32 ms at 16 kHz)."""


@dataclass
class StageInputs:
    """What the analyser handed the escalation stage during one call, to hand it again without the
    analyser: the start sample of every customer speech frame, the turn-taking events given to
    :meth:`EscalationStage.observe` (per frame end), the prosody reports given to it (both lanes, as event dicts:
    those of the code that recorded them, not of the events file's analysis) and the call length (the transcripts
    are read from the events file again)."""

    speech_starts: list[int] = field(default_factory=list)
    observed: dict[int, list[Event]] = field(default_factory=dict)
    n_samples: int = 0
    prosody: list[dict[str, Any]] = field(default_factory=list)


def _hand_over(stage: EscalationStage, pending: list[dict[str, Any]], now: int) -> list[Event | None]:
    """Give ``stage`` the transcripts of ``pending`` (sorted by ``at``) emitted by ``now``, as the
    analyser does (partials to :meth:`~EscalationStage.push_partial`, finals to ``push_final``)."""
    out: list[Event | None] = []
    while pending and seconds_to_samples(float(pending[0]["at"])) <= now:
        e = pending.pop(0)
        partial = getattr(stage, "push_partial", None)  # a stage from before partials were read has none
        if e.get("final"):
            out.append(stage.push_final(e, now))
        elif partial is not None:
            out.append(partial(e, now))
    return out


class ReplayStage(EscalationStage):
    """An :class:`EscalationStage` that is handed recorded customer transcripts as time passes.

    ``transcripts``: transcript event dicts (``"at"`` in call seconds), in any order. The transcripts emitted by
    the end of a frame are handed over before that frame's speech, turn-taking events and tick, the order of
    :func:`replay_stage` (and of the analyser, whose decodes finish before the frames they were cut from are
    scored): handed over at the tick instead, after the frame's speech, c900's peak read 0.086 here against
    0.138 from :func:`replay_stage` on the very same inputs (session 40, P3), so a call's first replay
    (this path) and its later ones (saved inputs) disagreed."""

    def __init__(self, config: EscalationConfig, transcripts: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(config, text_scorer=TextAngerScorer(), **kwargs)
        self._pending = sorted(transcripts, key=lambda e: float(e["at"]))
        self._changed: Event | None = None
        self.inputs = StageInputs()

    def _hand_over_due(self, now: int) -> None:
        """Hand over the transcripts emitted by ``now``; keep the last level change they made for :meth:`tick`."""
        found = [e for e in _hand_over(self, self._pending, now) if e is not None]
        if found:
            self._changed = found[-1]

    def push_speech(self, frame_start: int, frame: np.ndarray) -> None:
        self._hand_over_due(frame_start + len(frame))
        self.inputs.speech_starts.append(frame_start)
        super().push_speech(frame_start, frame)

    def observe(self, events: list[Any], now: int) -> None:
        self._hand_over_due(now)
        keep = [e for e in events if isinstance(e, Event) and e.type in ("overlap", "speech")]
        if keep:
            self.inputs.observed[now] = keep
        self.inputs.prosody += [e.to_dict() for e in events if isinstance(e, Event) and e.type == "prosody"]
        super().observe(events, now)

    def tick(self, now: int) -> Event | None:
        """Hand over what is still due by ``now``, then advance as the product does."""
        self._hand_over_due(now)
        changed, self._changed = self._changed, None
        self.inputs.n_samples = now
        return super().tick(now) or changed


def customer_transcripts(events_file: Path | None, kind: str = "transcript") -> list[dict[str, Any]]:
    """The customer events of type ``kind`` (transcripts: partials and finals; or ``prosody``) of an
    events file (JSON lines); with transcripts, also the agent's finals, which the analyser hands the
    stage for their words only (:meth:`~coach.classify.stage.EscalationStage.hear_agent`); with prosody, also the
    agent's reports, whose loudness before the customer first speaks the stage keeps (``opener_loud_weight``)."""
    out: list[dict[str, Any]] = []
    for line in events_file.read_text(encoding="utf-8").splitlines() if events_file else []:
        e = json.loads(line) if line.strip() else {}
        agent = e.get("speaker") == Lane.AGENT.value and (kind == "prosody" or e.get("final"))
        if e.get("type") == kind and (e.get("speaker") == Lane.CUSTOMER.value or agent):
            out.append(e)
    return out


def replay_call(
    flac: Path, events_file: Path | None, cfg: CoachConfig, record: Path | None = None
) -> list[dict[str, Any]]:
    """The ``escalation`` events (as dicts) of ``flac`` analysed without transcription, the customer's
    transcripts taken from ``events_file`` (None: no words). ``record``: also save the stage's inputs there (pickle) for
    :func:`replay_stage`."""
    analyzer = CallAnalyzer(cfg, call_id=flac.stem)
    stage = ReplayStage(cfg.escalation, customer_transcripts(events_file))
    analyzer._escalation = stage  # noqa: SLF001
    events: list[Event] = []
    for chunk in replay_chunks(load_recording(str(flac))):
        events.extend(analyzer.push(chunk))
    events.extend(analyzer.finish())
    if record is not None:
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_bytes(pickle.dumps(stage.inputs))
    return [e.to_dict() for e in events if e.type == "escalation"]


def replay_stage(
    flac: Path,
    inputs: StageInputs,
    transcripts: list[dict[str, Any]],
    config: EscalationConfig,
    prosody: list[dict[str, Any]] = (),
    *,
    text_scorer: TextAngerScorer | None = None,
    customer: np.ndarray | None = None,
) -> list[dict[str, Any]]:
    """The ``escalation`` events of a fresh stage handed ``inputs``, the customer ``transcripts`` and
    the customer ``prosody`` reports (event dicts of the same analysis) again, frame by frame, in the
    analyser's order (transcripts, speech frame, turn-taking and prosody events, tick). Needs no VAD or turn
    tracking: only the stage's code and settings (and the voice model) can change the result.
    ``text_scorer`` (a new :class:`TextAngerScorer` by default) and ``customer`` (the customer lane of
    ``flac``, read from it by default) let ``scripts/bench_escalation.py --calls`` time the stage alone."""
    if customer is None:
        customer = load_recording(str(flac)).customer
    stage = EscalationStage(config, text_scorer=text_scorer or TextAngerScorer())
    speech = set(inputs.speech_starts)
    pending = sorted(transcripts, key=lambda e: float(e["at"]))
    observed = {k: list(v) for k, v in inputs.observed.items()}
    for d in prosody:
        data = {k: v for k, v in d.items() if k not in ("type", "t", "at")}
        at = seconds_to_samples(float(d["at"]))
        observed.setdefault(at, []).append(Event.at_samples("prosody", seconds_to_samples(float(d["t"])), at, **data))
    out: list[dict[str, Any]] = []
    for start in range(0, inputs.n_samples, FRAME):
        now = start + FRAME
        found = _hand_over(stage, pending, now)
        if start in speech:
            stage.push_speech(start, customer[start:now])
        stage.observe(observed.get(now, []), now)
        found.append(stage.tick(now))
        out += [e.to_dict() for e in found if e is not None]
    return out


def recorded_prosody(inputs: StageInputs, events_file: Path | None) -> list[dict[str, Any]]:
    """The prosody reports to replay with ``inputs``: those recorded with them (the recording code's), or, for
    inputs saved before they were recorded, the events file's (:func:`customer_transcripts`)."""
    return list(getattr(inputs, "prosody", None) or customer_transcripts(events_file, "prosody"))


def load_inputs(path: Path) -> StageInputs:
    """Stage inputs saved by :func:`replay_call`."""
    return pickle.loads(path.read_bytes())  # noqa: S301 (our own cache file)
