"""Stereo call recordings: read, check, split into agent and customer lanes at 16 kHz.

Reads anything libsndfile reads (WAV, FLAC, OGG...) and falls back to PyAV (FFmpeg) for other
containers and for files that libsndfile rejects, such as a WAV truncated mid-frame. A WAV whose header
says less audio than the file holds (:mod:`coach.sources.wav_header`) is read to its end, with a logged
warning. Every problem becomes an :class:`~coach.errors.AudioInputError` whose message says what to do.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from coach.dsp.resample import to_pipeline_rate
from coach.errors import AudioInputError
from coach.sources.wav_header import audio_past_header, lying_header
from coach.types import SAMPLE_RATE, Lane

log = logging.getLogger(__name__)

SKIPPED_MIN_S = 0.02
"""A decoded frame starting this many seconds or more after the previous one's end marks a stretch the decoder
skipped (damaged); less is a codec's own overlap or rounding (Vorbis frames jitter by 8 ms)."""

MONO_HINT = (
    "the coach needs two lanes: a stereo recording with the agent on one channel and the customer on "
    "the other (choose which with --agent-channel). Record the softphone with separate legs, or join "
    "two mono files with: sox -M agent.wav customer.wav call.wav"
)

MIN_RATE = 8000
"""Hz: the lowest sample rate a call can be analysed at (narrowband telephone audio, speech up to 4 kHz). A file
below it holds no usable speech (a 4 kHz file keeps nothing above 2 kHz), or its header names the wrong rate."""

MAX_RATE = 384_000
"""Hz: the highest sample rate a call file may have, the top rate of studio recorders and audio interfaces (DXD's
352.8 kHz, 384 kHz). A file above it is almost surely a header naming the wrong rate: a 16 kHz call whose header
says 1 MHz lasts 1/62 of its time and was analysed as a call with no speech (exit 0)."""

RATE_HINT = "if that rate is not the true one, write the file again with the rate it was recorded at"
"""What to do about a rate outside :data:`MIN_RATE`-:data:`MAX_RATE` (one source for both messages)."""


@dataclass(frozen=True)
class CallRecording:
    """Both lanes of a call as float32 mono arrays at 16 kHz, of equal length."""

    agent: np.ndarray
    customer: np.ndarray
    source_rate: int
    path: str

    @property
    def duration_s(self) -> float:
        return len(self.agent) / SAMPLE_RATE

    def lane(self, lane: Lane) -> np.ndarray:
        return self.agent if lane is Lane.AGENT else self.customer


def _read_soundfile(path: Path) -> tuple[np.ndarray, int]:
    """Read with libsndfile; a file that gives fewer frames than its header counts (a compressed file damaged
    mid-way: libsndfile drops the damaged stretch and closes up the rest) is read by :func:`_read_pyav`
    instead when that gives more (it keeps what follows at its time)."""
    with sf.SoundFile(str(path)) as f:
        declared, rate = f.frames, int(f.samplerate)
        data = f.read(dtype="float32", always_2d=True)
    if len(data) < declared:
        try:
            placed, placed_rate = _read_pyav(path)
        except AudioInputError:
            return data, rate
        if placed_rate == rate and len(placed) > len(data):
            return placed, rate
    return data, rate


def _read_pyav(path: Path) -> tuple[np.ndarray, int]:
    """Decode with PyAV, keeping every whole frame it can read before an error (truncated files). A stretch
    the decoder skips (a damaged frame mid-file: its successor's timestamp jumps ahead) becomes silence of
    its length, with a logged warning, so that everything after it keeps its time in the call."""
    import av  # comes with faster-whisper; imported lazily because it is slow to load

    blocks: list[np.ndarray] = []
    rate = 0
    position = 0  # samples placed so far
    skipped: list[tuple[int, int]] = []  # (at sample, samples) filled with silence
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise AudioInputError(f"{path}: no audio stream in the file")
            stream = container.streams.audio[0]
            rate = int(stream.rate or stream.codec_context.sample_rate)
            try:
                for frame in container.decode(stream):
                    arr = frame.to_ndarray()
                    if frame.format.is_planar:
                        arr = arr.T
                    else:
                        arr = arr.reshape(-1, len(frame.layout.channels))
                    if arr.dtype.kind == "i":
                        arr = arr.astype(np.float32) / float(np.iinfo(arr.dtype).max + 1)
                    if frame.pts is not None and frame.time_base is not None and blocks:
                        gap = round(float(frame.pts * frame.time_base) * rate) - position
                        if gap > SKIPPED_MIN_S * rate:
                            blocks.append(np.zeros((gap, arr.shape[1]), np.float32))
                            skipped.append((position, gap))
                            position += gap
                    blocks.append(arr.astype(np.float32, copy=False))
                    position += len(arr)
            except av.error.FFmpegError:
                if not blocks:
                    raise
    except av.error.FFmpegError as exc:
        raise AudioInputError(f"{path}: not a readable audio file ({exc.strerror or exc})") from None  # no errno
    if not blocks:
        raise AudioInputError(f"{path}: the file holds no audio")
    if skipped:
        log.warning(
            "%s: %d damaged stretch(es) could not be decoded (%.2f s in all, the first at %.2f s): "
            "analysed as silence, so that what follows keeps its time",
            path, len(skipped), sum(n for _, n in skipped) / rate, skipped[0][0] / rate,
        )  # fmt: skip
    return np.concatenate(blocks), rate


def read_audio(path: str | Path) -> tuple[np.ndarray, int]:
    """Read an audio file as float32 ``(frames, channels)`` and its sample rate in Hz."""
    p = Path(path)
    if not p.exists():
        raise AudioInputError(f"{p}: no such file")
    if not p.is_file():
        raise AudioInputError(f"{p}: not a file")
    if p.stat().st_size == 0:
        raise AudioInputError(f"{p}: the file is empty (0 bytes)")
    lying = lying_header(p)
    if lying is not None:  # a recorder stopped before it finished the header: read what the file holds
        log.warning("%s", lying.warning(p))
        data, rate = audio_past_header(p, lying)
    else:
        try:
            data, rate = _read_soundfile(p)
        except (sf.LibsndfileError, RuntimeError, ValueError):
            data, rate = _read_pyav(p)
    if data.shape[0] == 0:
        raise AudioInputError(f"{p}: the file holds no audio samples")
    return data, rate


def load_recording(path: str | Path, *, agent_channel: int = 0) -> CallRecording:
    """Load a two-lane call: channel ``agent_channel`` is the agent, the other the customer.

    Raises :class:`AudioInputError` for mono files (with :data:`MONO_HINT`), for more than two channels, for a
    sample rate below :data:`MIN_RATE` or above :data:`MAX_RATE`, and for an ``agent_channel`` other than 0 or 1.
    """
    if agent_channel not in (0, 1):
        raise AudioInputError(f"--agent-channel must be 0 or 1, not {agent_channel}")
    data, rate = read_audio(path)
    channels = data.shape[1]
    if channels == 1:
        raise AudioInputError(f"{path}: mono recording; {MONO_HINT}")
    if channels > 2:
        raise AudioInputError(
            f"{path}: {channels} channels; the coach expects exactly two (agent and customer). "
            "Extract the two legs first, e.g. sox in.wav call.wav remix 1 2"
        )
    if rate < MIN_RATE:
        raise AudioInputError(
            f"{path}: recorded at {rate} Hz; the coach needs at least {MIN_RATE} Hz (telephone audio) to hear "
            f"speech; {RATE_HINT}"
        )
    if rate > MAX_RATE:
        raise AudioInputError(
            f"{path}: recorded at {rate} Hz; the coach takes at most {MAX_RATE} Hz; {RATE_HINT}, or resample "
            "it first, e.g. sox in.wav -r 48000 call.wav"
        )
    if not np.isfinite(data).all():
        data = np.nan_to_num(data, nan=0.0, posinf=1.0, neginf=-1.0)
    data = np.clip(data, -1.0, 1.0)
    stereo = to_pipeline_rate(data, rate)
    agent = np.ascontiguousarray(stereo[:, agent_channel])
    customer = np.ascontiguousarray(stereo[:, 1 - agent_channel])
    return CallRecording(agent=agent, customer=customer, source_rate=rate, path=str(path))
