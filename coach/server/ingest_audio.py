"""The audio of one ``/ws/ingest`` call: the declared rate resampled to 16 kHz, and a real-time rate watch.

:class:`IngestAudio` turns the source's binary messages (:func:`coach.server.wire.decode_audio`, at the
rate the start message declared) into 16 kHz chunks placed in call time, with the resampler the
telephony sockets use (:class:`coach.telephony.codecs.StreamResampler`, one per lane): a second of
8 kHz audio is a second of call time.

:class:`RateWatch` catches the case a declaration cannot: a ``"realtime": true`` source that sends
audio at another rate than it says (8 kHz PCM sent as 16 kHz arrives at half real time). It compares
the audio received with the wall time it took, over windows of :data:`RATE_WINDOW_S` seconds of wall
time, and flags the call once :data:`RATE_WINDOWS` windows in a row are outside
:data:`RATE_BAND` on the same side. It never resamples on a guess: the call is analysed as declared
and the source is told (a ``stream`` event, a log line, ``call.end``'s reason).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from coach.server.wire import WireError, decode_audio
from coach.telephony.codecs import StreamResampler
from coach.types import SAMPLE_RATE, AudioChunk, Lane

INGEST_RATES = (8000, 11025, 16000, 22050, 24000, 44100, 48000)
"""Sample rates a start message may declare (``"sample_rate"``, 16000 when left out)."""
RATE_WINDOW_S = 10.0
"""Wall seconds per window of the rate watch."""
RATE_WINDOWS = 2
"""Consecutive windows out of :data:`RATE_BAND` (same side) before a call is flagged."""
RATE_BAND = (0.8, 1.25)
"""Audio seconds per wall second a real-time source may show over a window."""


def declared_rate(start: dict) -> int:
    """The start message's ``sample_rate`` (16000 when absent); raises :class:`WireError` for another value."""
    rate = start.get("sample_rate", SAMPLE_RATE)
    if isinstance(rate, bool) or not isinstance(rate, int) or rate not in INGEST_RATES:
        accepted = ", ".join(str(r) for r in INGEST_RATES)
        raise WireError(f"sample_rate {rate!r} is not accepted: send int16 PCM at {accepted} Hz")
    return rate


class IngestAudio:
    """One call's lanes: decode at the declared ``rate``, resample to 16 kHz, place in call time."""

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self.received = dict.fromkeys(Lane, 0)
        """Samples received per lane, at the declared rate."""
        self._positions = dict.fromkeys(Lane, 0)
        self._resamplers = {lane: StreamResampler(rate) for lane in Lane}

    def decode(self, message: bytes) -> list[AudioChunk]:
        """A binary message as 16 kHz chunks (none while the filter still holds a lane's first samples)."""
        chunks = decode_audio(message, dict.fromkeys(Lane, 0))
        out = []
        for chunk in chunks:
            self.received[chunk.lane] += len(chunk.pcm)
            out += self._place(chunk.lane, self._resamplers[chunk.lane].process(chunk.pcm))
        return out

    def flush(self) -> list[AudioChunk]:
        """What the resamplers hold back, at the end of the call."""
        out = []
        for lane, resampler in self._resamplers.items():
            out += self._place(lane, resampler.flush())
        return out

    def _place(self, lane: Lane, pcm: np.ndarray) -> list[AudioChunk]:
        if not len(pcm):
            return []
        chunk = AudioChunk(lane, self._positions[lane], pcm)
        self._positions[lane] = chunk.end_sample
        return [chunk]

    @property
    def received_s(self) -> float:
        """Seconds of audio received on the lane that has the most."""
        return max(self.received.values()) / self.rate


@dataclass
class RateFinding:
    """A real-time source whose audio arrives at ``ratio`` × real time (sustained)."""

    ratio: float
    wall_s: float
    audio_s: float
    declared: int

    @property
    def sounds_like(self) -> int | None:
        """The accepted rate within 10 % of what the source seems to send (a hint for the operator only),
        or None (e.g. a replay sent many times faster than real time while saying it is real time)."""
        seems = self.ratio * self.declared
        nearest = min(INGEST_RATES, key=lambda r: abs(r - seems))
        return nearest if abs(nearest - seems) <= 0.1 * nearest else None

    def reason(self) -> str:
        """A short fixed phrase for ``call.end`` (no audio, no transcript)."""
        if self.sounds_like is None:
            return f"audio arrived at {self.ratio:.2f}x real time: is the source real time, at the rate it declares?"
        return (
            f"audio arrived at {self.ratio:.2f}x real time: the source may send {self.sounds_like} Hz "
            f"while declaring {self.declared}"
        )


class RateWatch:
    """Audio received vs wall time for a real-time source; :meth:`observe` returns a finding once.

    ``clock`` is read once per :meth:`observe` (once per audio message): the server passes
    ``time.monotonic``, a test a fake one.
    """

    def __init__(self, clock: Callable[[], float], declared: int) -> None:
        self._clock = clock
        self.declared = declared
        self._window: tuple[float, float] | None = None  # (wall, audio seconds) at the window's start
        self._outside: list[tuple[float, float]] = []  # (wall, audio) of the consecutive out-of-band windows
        self.finding: RateFinding | None = None

    def observe(self, audio_s: float) -> RateFinding | None:
        """Audio seconds received so far (at the declared rate); the finding when it is first made."""
        now = self._clock()
        if self.finding is not None:
            return None
        if self._window is None:  # the first message: its audio came before any wall time was measured
            self._window = (now, audio_s)
            return None
        wall = now - self._window[0]
        if wall < RATE_WINDOW_S:
            return None
        audio = audio_s - self._window[1]
        self._window = (now, audio_s)
        low, high = RATE_BAND
        ratio = audio / wall
        if low <= ratio <= high or audio <= 0.0:  # no audio at all is a stalled source, not a wrong rate
            self._outside = []
            return None
        if self._outside and (self._outside[-1][1] / self._outside[-1][0] < low) != (ratio < low):
            self._outside = []  # slow then fast is not one sustained rate
        self._outside.append((wall, audio))
        if len(self._outside) < RATE_WINDOWS:
            return None
        total_wall = sum(w for w, _ in self._outside)
        total_audio = sum(a for _, a in self._outside)
        self.finding = RateFinding(round(total_audio / total_wall, 2), total_wall, total_audio, self.declared)
        return self.finding
