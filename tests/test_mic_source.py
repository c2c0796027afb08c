"""Live capture. There is no sound card in CI, so sounddevice is replaced by a FAKE module whose
input streams call the real callback with blocks of a real recording at 48 kHz from a thread, as
PortAudio would. Everything after the callback (resampling, queueing, gap filling, analysis) is real."""

from __future__ import annotations

import sys
import threading
import types

import numpy as np
import pytest
import soxr

from coach.config import load_config
from coach.errors import AudioInputError, CoachError
from coach.pipeline.analyzer import CallAnalyzer
from coach.sources.mic import MicSource, import_sounddevice
from coach.sources.recording import load_recording
from coach.types import SAMPLE_RATE, AudioChunk, Lane
from tests.conftest import CALLS

DEVICE_RATE = 48_000


def fake_sounddevice(signals: dict[object, np.ndarray], *, instant: bool = False) -> types.ModuleType:
    """A stand-in for the sounddevice module: each device plays its ``(frames, channels)`` signal.
    ``sd.played`` holds one event per opened stream, set once it has played its whole signal."""
    sd = types.ModuleType("sounddevice")
    sd.played = []

    def query_devices(device=None, kind=None):
        if device not in signals:
            raise ValueError(f"No input device matching {device!r}")
        return {"name": str(device), "default_samplerate": float(DEVICE_RATE)}

    class InputStream:
        def __init__(self, *, device, channels, samplerate, blocksize, dtype, callback):
            assert samplerate == DEVICE_RATE and dtype == "float32"
            self._signal = signals[device][:, :channels]
            self._blocksize, self._callback = blocksize, callback
            self._thread = threading.Thread(target=self._play, daemon=True)
            self._stop = threading.Event()
            self._played = threading.Event()
            sd.played.append(self._played)

        def _play(self):
            for start in range(0, len(self._signal), self._blocksize):
                if self._stop.is_set():
                    return
                block = self._signal[start : start + self._blocksize]
                self._callback(block, len(block), None, None)
                if not instant:
                    self._stop.wait(0.0005)
            self._played.set()

        def start(self):
            self._thread.start()

        def stop(self):
            self._thread.join()
            self._stop.set()

        def close(self):
            pass

    sd.query_devices = query_devices
    sd.InputStream = InputStream
    return sd


@pytest.fixture(scope="module")
def excerpt() -> dict[Lane, np.ndarray]:
    rec = load_recording(CALLS / "demo.flac")
    a, b = 28 * SAMPLE_RATE, 36 * SAMPLE_RATE
    return {lane: soxr.resample(rec.lane(lane)[a:b], SAMPLE_RATE, DEVICE_RATE) for lane in Lane}


PLAY_WAIT_S = 60.0
"""Failsafe only: how long ``collect`` waits for the fake devices to play their signals (wall s)."""


def collect(source: MicSource, sd: types.ModuleType) -> dict[Lane, np.ndarray]:
    """Every chunk ``source`` gives until it is stopped, which happens once each of ``sd``'s streams
    has played its whole signal (not after a fixed wall time: on a busy machine that cut calls short)."""
    got: dict[Lane, list[np.ndarray]] = {lane: [] for lane in Lane}

    def stop_when_played() -> None:
        for played in sd.played:
            played.wait(PLAY_WAIT_S)
        source.stop()

    with source:
        stopper = threading.Thread(target=stop_when_played)
        stopper.start()
        for chunk in source.chunks():
            assert chunk.start_sample == sum(len(x) for x in got[chunk.lane])
            got[chunk.lane].append(chunk.pcm)
        stopper.join()
    return {lane: np.concatenate(parts) for lane, parts in got.items()}


def test_two_devices_become_two_contiguous_16_khz_lanes_that_the_analyser_uses(excerpt):
    sd = fake_sounddevice({"headset": excerpt[Lane.AGENT][:, None], "loopback": excerpt[Lane.CUSTOMER][:, None]})
    lanes = collect(MicSource(agent_device="headset", customer_device="loopback", sd=sd), sd)
    for lane in Lane:
        assert abs(len(lanes[lane]) - 8 * SAMPLE_RATE) < 0.05 * SAMPLE_RATE
    analyzer = CallAnalyzer(load_config())
    events = []
    for lane in Lane:
        events += analyzer.push(AudioChunk(lane, 0, lanes[lane]))
    events += analyzer.finish()
    assert any(e.type == "nudge" and e.data["kind"] == "stop_interrupting" for e in events)


def test_one_stereo_device_with_the_agent_on_the_right(excerpt):
    stereo = np.stack([excerpt[Lane.CUSTOMER], excerpt[Lane.AGENT]], axis=1)
    sd = fake_sounddevice({3: stereo})
    lanes = collect(MicSource(stereo_device=3, agent_channel=1, sd=sd), sd)
    agent_ref = soxr.resample(excerpt[Lane.AGENT], DEVICE_RATE, SAMPLE_RATE)
    n = min(len(agent_ref), len(lanes[Lane.AGENT])) - 2000
    corr = np.corrcoef(agent_ref[1000:n], lanes[Lane.AGENT][1000:n])[0, 1]
    assert corr > 0.99


def test_when_analysis_falls_behind_old_blocks_are_dropped_counted_and_replaced_by_silence(excerpt):
    stereo = np.stack([excerpt[Lane.AGENT], excerpt[Lane.CUSTOMER]], axis=1)
    sd = fake_sounddevice({"softphone": stereo}, instant=True)
    source = MicSource(stereo_device="softphone", sd=sd, max_queue_s=0.5)
    source.start()
    source._streams[0]._thread.join()  # the device delivers all 8 s before anyone reads
    source.stop()
    lanes = {lane: [] for lane in Lane}
    for chunk in source.chunks():
        lanes[chunk.lane].append(chunk)
    assert sum(source.dropped_s.values()) > 10.0
    for lane in Lane:
        gap, *rest = lanes[lane]
        assert gap.start_sample == 0 and len(gap.pcm) > 7 * SAMPLE_RATE and not gap.pcm.any()  # dropped: silence
        assert rest and rest[-1].end_sample == pytest.approx(8 * SAMPLE_RATE, abs=0.05 * SAMPLE_RATE)
        starts = [c.start_sample for c in lanes[lane][1:]]
        assert starts == [c.end_sample for c in lanes[lane][:-1]]  # contiguous


def test_device_arguments_are_checked():
    sd = fake_sounddevice({"headset": np.zeros((10, 1), dtype=np.float32)})
    with pytest.raises(AudioInputError, match="either --agent-device and --customer-device"):
        MicSource(agent_device="headset", sd=sd)
    with pytest.raises(AudioInputError, match="cannot open input device 'nope'"):
        MicSource(agent_device="headset", customer_device="nope", sd=sd).start()


def test_missing_sounddevice_is_a_clear_error_naming_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "sounddevice", None)  # makes `import sounddevice` fail
    with pytest.raises(CoachError, match=r"pip install 'coach\[mic\]'.*libportaudio2"):
        import_sounddevice()


def test_a_device_that_stops_delivering_mid_call_ends_the_chunks_with_a_clear_error(excerpt):
    """An unplugged device stops calling back (the fake plays 1 s and goes quiet); what came is kept."""
    second = DEVICE_RATE  # one second of the device's audio
    stereo = np.stack([excerpt[Lane.AGENT][:second], excerpt[Lane.CUSTOMER][:second]], axis=1)
    sd = fake_sounddevice({"usb-headset": stereo})
    source = MicSource(stereo_device="usb-headset", sd=sd, stall_s=0.5)
    got = {lane: 0 for lane in Lane}
    with source, pytest.raises(AudioInputError, match=r"no audio from input device 'usb-headset' for 0.5 s"):
        for chunk in source.chunks():
            got[chunk.lane] = chunk.end_sample
    assert all(abs(n - SAMPLE_RATE) < 0.05 * SAMPLE_RATE for n in got.values())  # the second before is all there
