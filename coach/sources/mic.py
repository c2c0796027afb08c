"""Live capture from sound devices (the ``mic`` extra: ``pip install 'coach[mic]'``).

Either two input devices (the agent's headset microphone and a loopback/monitor of the softphone's
output for the customer) or one stereo device carrying both legs. The sound card cannot be slowed
down, so each device callback only resamples to 16 kHz and puts the block on a bounded queue; when
the analysis falls behind, the oldest blocks are dropped and counted, and the gap is filled with
silence on the way out so that both lanes keep their timing.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import numpy as np
import soxr

from coach.errors import AudioInputError, CoachError
from coach.types import SAMPLE_RATE, AudioChunk, Lane

INSTALL_HINT = (
    "live capture needs the 'mic' extra and PortAudio: pip install 'coach[mic]' "
    "and, on Debian/Ubuntu, apt-get install libportaudio2"
)


def import_sounddevice() -> ModuleType:
    """Import sounddevice, turning a missing package or PortAudio library into a clear error."""
    try:
        import sounddevice
    except (ImportError, OSError) as exc:
        raise CoachError(f"{INSTALL_HINT} ({exc})") from None
    return sounddevice


@dataclass
class _LaneCapture:
    lane: Lane
    resampler: Any
    position: int = 0


@dataclass
class MicSource:
    """Captures the two lanes. Use as a context manager and iterate :meth:`chunks`.

    ``agent_device`` + ``customer_device`` name two mono inputs; ``stereo_device`` names one input
    whose channel ``agent_channel`` is the agent and the other the customer. ``max_queue_s`` bounds
    the audio waiting for analysis; beyond it the oldest blocks are dropped (``dropped_s`` counts them).
    A device delivers blocks steadily, silence included, so ``stall_s`` wall seconds without a block
    mean it is gone (unplugged, or taken by another program): :meth:`chunks` then raises.
    """

    agent_device: str | int | None = None
    customer_device: str | int | None = None
    stereo_device: str | int | None = None
    agent_channel: int = 0
    block_ms: int = 20
    max_queue_s: float = 5.0
    stall_s: float = 5.0
    sd: ModuleType | None = None
    dropped_s: dict[str, float] = field(default_factory=lambda: {lane.value: 0.0 for lane in Lane})

    def __post_init__(self) -> None:
        two = self.agent_device is not None and self.customer_device is not None
        if two == (self.stereo_device is not None):
            raise AudioInputError(
                "give either --agent-device and --customer-device (two inputs) or --stereo-device (one input "
                "with both legs); list the devices with: coach live --list-devices"
            )
        if self.agent_channel not in (0, 1):
            raise AudioInputError("--agent-channel must be 0 or 1")
        self._sd = self.sd or import_sounddevice()
        self._queue: queue.Queue[tuple[Lane, int, np.ndarray]] = queue.Queue(
            maxsize=max(1, int(self.max_queue_s * 1000 / self.block_ms) * 2)
        )
        self._streams: list[Any] = []
        self._captures: dict[Lane, _LaneCapture] = {}
        self._lock = threading.Lock()
        self._stopped = threading.Event()

    def __enter__(self) -> MicSource:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _open(self, device: str | int, channels: int, lanes: list[Lane]) -> None:
        try:
            rate = int(self._sd.query_devices(device, "input")["default_samplerate"])
            for lane in lanes:
                self._captures[lane] = _LaneCapture(lane, soxr.ResampleStream(rate, SAMPLE_RATE, 1, dtype="float32"))

            def callback(indata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
                block = np.asarray(indata, dtype=np.float32)
                for i, lane in enumerate(lanes):
                    column = block[:, i] if channels == 2 else block[:, 0]
                    if channels == 2 and self.agent_channel == 1:
                        column = block[:, 1 - i]
                    self._put(lane, column)

            stream = self._sd.InputStream(
                device=device,
                channels=channels,
                samplerate=rate,
                blocksize=int(rate * self.block_ms / 1000),
                dtype="float32",
                callback=callback,
            )
        except (ValueError, KeyError) as exc:
            raise AudioInputError(f"cannot open input device {device!r}: {exc}") from None
        except Exception as exc:  # PortAudioError and friends
            if type(exc).__name__ == "PortAudioError":
                raise AudioInputError(f"cannot open input device {device!r}: {exc}") from None
            raise
        self._streams.append(stream)

    def _put(self, lane: Lane, pcm: np.ndarray) -> None:
        capture = self._captures[lane]
        out = capture.resampler.resample_chunk(pcm)
        if len(out) == 0:
            return
        with self._lock:
            start = capture.position
            capture.position += len(out)
        item = (lane, start, out)
        while True:
            try:
                self._queue.put_nowait(item)
                return
            except queue.Full:
                try:
                    old_lane, _, old = self._queue.get_nowait()
                    self.dropped_s[old_lane.value] += len(old) / SAMPLE_RATE
                except queue.Empty:
                    pass

    def start(self) -> None:
        """Open the device(s) and start capturing."""
        if self.stereo_device is not None:
            self._open(self.stereo_device, 2, [Lane.AGENT, Lane.CUSTOMER])
        else:
            assert self.agent_device is not None and self.customer_device is not None
            self._open(self.agent_device, 1, [Lane.AGENT])
            self._open(self.customer_device, 1, [Lane.CUSTOMER])
        for stream in self._streams:
            stream.start()

    def stop(self) -> None:
        """Stop capturing; :meth:`chunks` ends once the queue is drained."""
        self._stopped.set()
        for stream in self._streams:
            stream.stop()
            stream.close()
        self._streams = []

    def chunks(self) -> Iterator[AudioChunk]:
        """Captured audio as contiguous chunks per lane; dropped blocks come back as silence. Raises
        :class:`AudioInputError` once no block came for ``stall_s`` seconds before :meth:`stop` (the
        chunks already given are the call up to there: callers end the call with them)."""
        expected = {lane: 0 for lane in Lane}
        heard = time.monotonic()
        while not (self._stopped.is_set() and self._queue.empty()):
            try:
                lane, start, pcm = self._queue.get(timeout=0.1)
            except queue.Empty:
                if not self._stopped.is_set() and time.monotonic() - heard > self.stall_s:
                    devices = ", ".join(
                        repr(d) for d in (self.stereo_device, self.agent_device, self.customer_device) if d is not None
                    )
                    raise AudioInputError(
                        f"no audio from input device {devices} for {self.stall_s:g} s (unplugged, or taken by"
                        " another program?); the call up to there is analysed"
                    ) from None
                continue
            heard = time.monotonic()
            if start > expected[lane]:
                yield AudioChunk(lane, expected[lane], np.zeros(start - expected[lane], dtype=np.float32))
            yield AudioChunk(lane, start, pcm)
            expected[lane] = start + len(pcm)
