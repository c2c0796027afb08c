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

:class:`LevelsWatch` catches what pace cannot, for any source (a fast replay included): audio decoded from
G.711 (the telephone codec, 8 kHz by definition) and passed on unresampled holds only the codec's 255 or 256
levels. A lane whose every sample, over :data:`LEVELS_MIN_SAMPLES` samples and at least
:data:`LEVELS_MIN_DISTINCT` distinct levels, lies on the mu-law or A-law levels, while the start message declared
another rate than 8000, is flagged the same way (no guess-and-resample). Audio resampled after decoding, or 8 kHz
audio that never went through G.711, is not caught: its samples say nothing about its rate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from coach.server.wire import WireError, decode_audio
from coach.telephony.codecs import ALAW_TO_INT16, ULAW_TO_INT16, StreamResampler
from coach.types import SAMPLE_RATE, AudioChunk, Lane

INGEST_RATES = (8000, 11025, 16000, 22050, 24000, 44100, 48000)
"""Sample rates a start message may declare (``"sample_rate"``, 16000 when left out)."""
RATE_WINDOW_S = 10.0
"""Wall seconds per window of the rate watch."""
RATE_WINDOWS = 2
"""Consecutive windows out of :data:`RATE_BAND` (same side) before a call is flagged."""
RATE_BAND = (0.8, 1.25)
"""Audio seconds per wall second a real-time source may show over a window."""
G711_RATE = 8000
"""The only rate G.711 audio comes at."""
LEVELS_MIN_SAMPLES = 16_000
"""Samples of one lane, all on G.711 levels, before :class:`LevelsWatch` says so (two seconds of G.711 at 8 kHz)."""
LEVELS_MIN_DISTINCT = 64
"""Distinct G.711 levels a lane must show first: silence (0) or a faint hiss says nothing about a codec."""
LEVELS_MAX_REPEATS = 0.3
"""Share of adjacent equal samples (both louder than :data:`LEVELS_LOUD`) above which a lane is G.711 audio
upsampled by repeating each sample (at its declared rate, then), not G.711 at 8 kHz."""
LEVELS_LOUD = 256
"""int16 magnitude above which two equal neighbours count as a repeat (quiet samples repeat by chance)."""


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
        self.levels = LevelsWatch(rate)
        """The G.711-levels evidence on the samples as received (see :class:`LevelsWatch`)."""
        self._positions = dict.fromkeys(Lane, 0)
        self._resamplers = {lane: StreamResampler(rate) for lane in Lane}
        self._flushed = False

    def decode(self, message: bytes) -> list[AudioChunk]:
        """A binary message as 16 kHz chunks (none while the filter still holds a lane's first samples, and
        none after :meth:`flush`: the call has ended, a message still in flight is not part of it)."""
        chunks = decode_audio(message, dict.fromkeys(Lane, 0))
        if self._flushed:
            return []
        out = []
        for chunk in chunks:
            self.received[chunk.lane] += len(chunk.pcm)
            self.levels.observe(chunk.lane, chunk.pcm)
            out += self._place(chunk.lane, self._resamplers[chunk.lane].process(chunk.pcm))
        return out

    def flush(self) -> list[AudioChunk]:
        """What the resamplers hold back, at the end of the call (once: nothing the second time)."""
        if self._flushed:
            return []
        self._flushed = True
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

    def fields(self) -> dict:
        """The ``stream`` event's fields (``kind: "sample_rate"``) besides ``warning``."""
        return {
            "evidence": "pace",
            "ratio": self.ratio,
            "declared": self.declared,
            "sounds_like": self.sounds_like,
            "wall_s": round(self.wall_s, 1),
            "audio_s": round(self.audio_s, 1),
        }

    def log_line(self, call_id: str) -> str:
        """The operator's log line: ratio and rates only."""
        return (
            f"call {call_id}: audio arrives at {self.ratio:.2f}x real time over {self.wall_s:.0f} s "
            f"(declared {self.declared} Hz, sounds like {self.sounds_like} Hz)"
        )

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


def _level_index(levels: np.ndarray) -> np.ndarray:
    """For each int16 value (offset by 32768), the index of that G.711 level, or -1 for a value off the levels."""
    index = np.full(65536, -1, dtype=np.int16)
    index[levels.astype(np.int32) + 32768] = np.arange(len(levels), dtype=np.int16)
    return index


_LEVEL_INDEX = {"mu-law": _level_index(ULAW_TO_INT16), "A-law": _level_index(ALAW_TO_INT16)}


@dataclass
class LevelsFinding:
    """A lane whose samples all lie on one G.711 law's levels (``levels`` distinct over ``audio_s`` seconds at
    the ``declared`` rate): audio decoded from G.711, which is 8000 Hz, sent without resampling."""

    law: str
    levels: int
    audio_s: float
    declared: int
    sounds_like: int = G711_RATE

    def fields(self) -> dict:
        """The ``stream`` event's fields (``kind: "sample_rate"``) besides ``warning``."""
        return {
            "evidence": "g711_levels",
            "law": self.law,
            "levels": self.levels,
            "declared": self.declared,
            "sounds_like": self.sounds_like,
            "audio_s": round(self.audio_s, 1),
        }

    def log_line(self, call_id: str) -> str:
        """The operator's log line: the law, counts and rates only."""
        return (
            f"call {call_id}: every sample is a G.711 {self.law} level over {self.audio_s:.1f} s "
            f"({self.levels} levels; declared {self.declared} Hz, sounds like {self.sounds_like} Hz)"
        )

    def reason(self) -> str:
        """A short fixed phrase for ``call.end`` (no audio, no transcript)."""
        return (
            f"every sample is a G.711 {self.law} level, which comes at {self.sounds_like} Hz: the source may send "
            f"{self.sounds_like} Hz while declaring {self.declared}"
        )


class LevelsWatch:
    """Whether a lane's samples, as received at the ``declared`` rate, are G.711 audio passed on at 8 kHz.

    :meth:`observe` each lane's samples in order; :meth:`take` returns the finding once. Work stops for a
    law on a lane at its first sample off that law's levels (at once, for audio that never was G.711), and
    for the whole call when ``declared`` is 8000 (G.711 at its own rate is right).
    """

    def __init__(self, declared: int) -> None:
        self.declared = declared
        laws = () if declared == G711_RATE else tuple(_LEVEL_INDEX)
        self._laws = {lane: {law: np.zeros(256, dtype=bool) for law in laws} for lane in Lane}
        self._samples = dict.fromkeys(Lane, 0)
        self._loud_pairs = dict.fromkeys(Lane, 0)
        self._repeats = dict.fromkeys(Lane, 0)
        self.finding: LevelsFinding | None = None
        self._told = False

    def observe(self, lane: Lane, pcm: np.ndarray) -> None:
        """One lane's next samples ([-1, 1) floats decoded from int16, as :func:`decode_audio` gives them)."""
        laws = self._laws[lane]
        if not laws or self.finding is not None or not pcm.any():  # digital silence says nothing (and costs nothing)
            return
        values = np.rint(pcm * 32768.0).astype(np.int32)
        for law in list(laws):
            index = _LEVEL_INDEX[law][values + 32768]
            if (index < 0).any():
                del laws[law]
            else:
                laws[law][index] = True
        if not laws:
            return
        loud = np.abs(values) > LEVELS_LOUD
        pairs = loud[1:] & loud[:-1]
        self._loud_pairs[lane] += int(pairs.sum())
        self._repeats[lane] += int((pairs & (values[1:] == values[:-1])).sum())
        self._samples[lane] += len(values)
        if self._samples[lane] < LEVELS_MIN_SAMPLES:
            return
        if self._repeats[lane] > LEVELS_MAX_REPEATS * self._loud_pairs[lane]:
            return
        for law, seen in laws.items():
            if int(seen.sum()) >= LEVELS_MIN_DISTINCT:
                audio_s = self._samples[lane] / self.declared
                self.finding = LevelsFinding(law, int(seen.sum()), audio_s, self.declared)
                return

    def take(self) -> LevelsFinding | None:
        """The finding, the first time it is asked for after it was made; None otherwise."""
        if self.finding is None or self._told:
            return None
        self._told = True
        return self.finding
