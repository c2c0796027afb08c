"""A call's recording as one stereo FLAC file (agent left, customer right, 16 kHz, 16-bit), written
incrementally while the call runs.

:class:`StereoRecorder` takes each lane's audio as it arrives (contiguous per lane, sample indices at
16 kHz), keeps the two lanes aligned and appends whole stereo frames to the file on :meth:`flush`.
libFLAC writes a frame (4096 samples, 0.26 s) as soon as it is complete, so a process killed
mid-call leaves a file whose every written frame decodes; only its header still says "length
unknown". :func:`repair_recording` rewrites such a file with a proper header (done when the store
next opens and finds the call unfinished).

Not thread-safe: one recorder is used by the store's writer thread only.
"""

from __future__ import annotations

import os
import resource
import shutil
from pathlib import Path

import numpy as np
import soundfile as sf

from coach.types import SAMPLE_RATE, Lane

MAX_SKEW_S = 2.0
"""A lane this far behind the other is filled with silence so the file keeps growing (one lane stalled)."""

_LANES = (Lane.AGENT, Lane.CUSTOMER)


class StereoRecorder:
    """Appends a call's two lanes to ``path`` as stereo FLAC.

    ``push`` buffers; ``flush`` writes every frame both lanes have delivered (or that the leading lane
    has delivered more than :data:`MAX_SKEW_S` ahead of the other); ``close`` pads the shorter lane
    with silence, writes the rest and finalises the header. Audio pushed for a position already
    written (overlap, or a lane that was filled with silence) is dropped; a gap is filled with silence.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._file = sf.SoundFile(
            str(self.path), "w", samplerate=SAMPLE_RATE, channels=2, format="FLAC", subtype="PCM_16"
        )
        self._written = 0
        self._pos = {lane: 0 for lane in _LANES}
        self._bufs: dict[Lane, list[np.ndarray]] = {lane: [] for lane in _LANES}
        self.filled_s = 0.0
        """Seconds of silence inserted for gaps or a stalled lane."""

    @property
    def written_s(self) -> float:
        """Seconds of stereo audio handed to the encoder so far."""
        return self._written / SAMPLE_RATE

    def push(self, lane: Lane, start_sample: int, pcm: np.ndarray) -> None:
        """Buffer ``pcm`` (mono float32 in [-1, 1]) of ``lane`` starting at ``start_sample``."""
        pos = self._pos[lane]
        if start_sample > pos:
            gap = start_sample - pos
            self._bufs[lane].append(np.zeros(gap, dtype=np.float32))
            self.filled_s += gap / SAMPLE_RATE
            pos = start_sample
        elif start_sample < pos:
            pcm = pcm[pos - start_sample :]
        if len(pcm):
            self._bufs[lane].append(np.asarray(pcm, dtype=np.float32))
            pos += len(pcm)
        self._pos[lane] = pos

    def flush(self) -> None:
        """Write the frames ready on both lanes (and a stalled lane's share as silence) to the file."""
        lead = max(self._pos.values())
        ready = min(self._pos.values())
        skew = int(MAX_SKEW_S * SAMPLE_RATE)
        if lead - ready > skew:
            target = lead - skew
            for lane in _LANES:
                if self._pos[lane] < target:
                    fill = target - self._pos[lane]
                    self._bufs[lane].append(np.zeros(fill, dtype=np.float32))
                    self.filled_s += fill / SAMPLE_RATE
                    self._pos[lane] = target
            ready = target
        self._write_until(ready)

    def close(self) -> None:
        """Pad the shorter lane, write everything left and finalise the file (idempotent)."""
        if self._file.closed:
            return
        lead = max(self._pos.values())
        for lane in _LANES:
            if self._pos[lane] < lead:
                self._bufs[lane].append(np.zeros(lead - self._pos[lane], dtype=np.float32))
                self._pos[lane] = lead
        try:
            self._write_until(lead)
        finally:
            self._file.close()

    def _write_until(self, end: int) -> None:
        n = end - self._written
        if n <= 0:
            return
        columns = [self._take(lane, n) for lane in _LANES]
        self._file.write(np.stack(columns, axis=1))
        self._file.flush()
        self._written = end

    def _take(self, lane: Lane, n: int) -> np.ndarray:
        blocks = self._bufs[lane]
        joined = np.concatenate(blocks) if len(blocks) != 1 else blocks[0]
        rest = joined[n:]
        self._bufs[lane] = [rest] if len(rest) else []
        return joined[:n]


def describe_write_failure(path: Path, exc: BaseException) -> str:
    """Why writing a recording failed, in words. libsndfile reports a short write without the OS error,
    so a full disk or the process file-size limit is recognised from the disk and the limit."""
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror} ({path})"
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        free = None
    if free is not None and free < 16 * 1024 * 1024:
        return f"No space left on device: {free // 1024} kB free where {path} is written"
    soft, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
    size = path.stat().st_size if path.exists() else 0
    if soft != resource.RLIM_INFINITY and size >= soft - 65536:
        return f"File too large: {path} reached the process file-size limit ({soft} bytes)"
    return f"the recording {path} could not be written ({type(exc).__name__}: {exc})"


def decode_partial(path: str | Path) -> np.ndarray:
    """Every decodable stereo frame of a possibly unfinished FLAC file, as int16 ``(n, 2)``."""
    import av  # comes with faster-whisper; imported lazily because it is slow to load

    blocks: list[np.ndarray] = []
    try:
        with av.open(str(path)) as container:
            stream = container.streams.audio[0]
            try:
                for frame in container.decode(stream):
                    arr = frame.to_ndarray()
                    arr = arr.T if frame.format.is_planar else arr.reshape(-1, len(frame.layout.channels))
                    if arr.dtype != np.int16:
                        arr = (np.clip(arr.astype(np.float32), -1, 1) * 32767).astype(np.int16)
                    blocks.append(arr)
            except av.error.FFmpegError:
                pass  # a frame cut short by the crash: keep what came before it
    except (av.error.FFmpegError, IndexError):
        return np.zeros((0, 2), dtype=np.int16)
    if not blocks:
        return np.zeros((0, 2), dtype=np.int16)
    return np.concatenate(blocks)


def repair_recording(path: str | Path) -> float:
    """Rewrite an unfinished FLAC file with a complete header; return its length in seconds.

    Atomic: the repaired file replaces the original only once fully written. A file with no
    decodable frame is left alone and 0.0 returned.
    """
    p = Path(path)
    audio = decode_partial(p)
    if len(audio) == 0:
        return 0.0
    tmp = p.with_suffix(".repair.flac")
    sf.write(str(tmp), audio, SAMPLE_RATE, format="FLAC", subtype="PCM_16")
    os.replace(tmp, p)
    return len(audio) / SAMPLE_RATE
