"""Replay a recording as a stream of chunks, as fast as possible or paced in real time.

Both modes yield exactly the same chunks; pacing only waits on an injected clock between them,
so a file replays exactly like a live call (time comes from the audio, never the wall clock).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from coach.sources.recording import CallRecording
from coach.types import SAMPLE_RATE, AudioChunk, Lane


@dataclass
class Pacer:
    """Waits until wall time has caught up with the audio position.

    ``clock`` returns seconds (monotonic) and ``sleep`` waits for seconds; both are injectable so
    tests can pace without real waiting. The first call starts the clock.
    """

    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _origin: float | None = field(default=None, init=False)

    def wait_until(self, audio_s: float) -> None:
        """Block until ``audio_s`` seconds of audio would have been played since the first call."""
        if self._origin is None:
            self._origin = self.clock()
        delay = self._origin + audio_s - self.clock()
        if delay > 0:
            self.sleep(delay)


def replay_chunks(recording: CallRecording, *, chunk_ms: int = 20, pacer: Pacer | None = None) -> Iterator[AudioChunk]:
    """Yield the recording as agent/customer chunk pairs of ``chunk_ms`` milliseconds.

    With a ``pacer``, each pair is released only once its end time has passed in wall time, as a
    live telephony or sound-card source would deliver it.
    """
    if chunk_ms <= 0:
        raise ValueError("chunk_ms must be positive")
    step = SAMPLE_RATE * chunk_ms // 1000
    total = len(recording.agent)
    for start in range(0, total, step):
        end = min(start + step, total)
        if pacer is not None:
            pacer.wait_until(end / SAMPLE_RATE)
        yield AudioChunk(Lane.AGENT, start, recording.agent[start:end])
        yield AudioChunk(Lane.CUSTOMER, start, recording.customer[start:end])
