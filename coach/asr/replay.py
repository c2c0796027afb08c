"""Replay whole lanes through a :class:`TranscriptionStage` as the pipeline would feed it.

Used by the ASR benchmarks and tests to exercise the stage alone. Speech boundaries come from
offline segments and are delivered when the streaming VAD would have known them: a start
``start_delay_s`` after it happened, an end ``end_delay_s`` after it (the segmenter's
``min_speech_ms`` / ``min_silence_ms``), both reporting the true (backdated) sample.
``realtime=True`` paces chunks by the wall clock (live simulation); otherwise audio is pushed as
fast as the stage takes it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from coach.asr.stage import TranscriptionStage
from coach.types import SAMPLE_RATE, AudioChunk, Event, Lane, seconds_to_samples


@dataclass(frozen=True, slots=True, order=True)
class Boundary:
    """A VAD report: at lane position ``due`` the VAD says speech ``kind`` ("start"/"end") at ``sample``."""

    due: int
    order: int
    lane: Lane
    kind: str
    sample: int


def boundaries(
    segments: Mapping[Lane, Sequence[tuple[int, int]]],
    *,
    start_delay_s: float = 0.16,
    end_delay_s: float = 0.5,
) -> list[Boundary]:
    """Boundary reports for the segments of each lane, in delivery order."""
    out = []
    for lane, segs in segments.items():
        for s, e in segs:
            out.append(Boundary(s + seconds_to_samples(start_delay_s), 1, lane, "start", s))
            out.append(Boundary(e + seconds_to_samples(end_delay_s), 0, lane, "end", e))
    return sorted(out)


def replay(
    stage: TranscriptionStage,
    lanes: Mapping[Lane, np.ndarray],
    segments: Mapping[Lane, Sequence[tuple[int, int]]],
    *,
    chunk_s: float = 0.1,
    start_delay_s: float = 0.16,
    end_delay_s: float = 0.5,
    realtime: bool = False,
    clock: Callable[[], float] = time.perf_counter,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Event]:
    """Push every lane chunk by chunk, deliver boundaries, poll after each chunk, close at the end.
    Returns every event in emission order."""
    total = max(len(pcm) for pcm in lanes.values())
    step = seconds_to_samples(chunk_s)
    pending = boundaries(segments, start_delay_s=start_delay_s, end_delay_s=end_delay_s)
    events: list[Event] = []
    t0 = clock()
    pos = 0
    while pos < total:
        end = min(pos + step, total)
        for lane, pcm in lanes.items():
            piece = pcm[pos:end]
            if len(piece) < end - pos:
                piece = np.concatenate([piece, np.zeros(end - pos - len(piece), np.float32)])
            stage.on_chunk(AudioChunk(lane, pos, piece.astype(np.float32, copy=False)))
        while pending and pending[0].due <= end:
            b = pending.pop(0)
            if b.kind == "start":
                stage.on_speech_start(b.lane, b.sample)
            else:
                stage.on_speech_end(b.lane, b.sample)
        if realtime:
            lag = t0 + end / SAMPLE_RATE - clock()
            if lag > 0:
                sleep(lag)
        events += stage.poll(end)
        pos = end
    for b in pending:
        if b.kind == "end":
            stage.on_speech_end(b.lane, b.sample)
    events += stage.close(total)
    return events


def finals(events: Sequence[Event], lane: Lane | None = None) -> list[Event]:
    """The final transcript events (of one lane, if given)."""
    return [
        e
        for e in events
        if e.type == "transcript" and e.data.get("final") and (lane is None or e.data.get("speaker") == lane.value)
    ]
