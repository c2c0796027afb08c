"""Telephony audio codecs: G.711 μ-law and A-law, 16-bit linear PCM, and per-lane resampling to 16 kHz.

Decoders take the wire bytes and return mono float32 in [-1, 1] at the wire's sample rate;
encoders do the reverse (used by ``coach simulate`` and the tests). G.711 uses 256-entry decode
tables and 65 536-entry encode tables built once at import, so a 20 ms frame costs one numpy
``take``. The tables follow ITU-T G.711 (the classic Sun ``g711.c`` reference algorithm); μ-law
decodes to ±32 124 and A-law to ±32 256 on the 16-bit scale.

:class:`StreamResampler` converts one lane's contiguous audio to the pipeline's 16 kHz with
``soxr.ResampleStream``; it keeps filter state between calls, so one instance belongs to exactly one
lane of one call and must be fed that lane's audio in order.
"""

from __future__ import annotations

import numpy as np
import soxr

from coach.types import SAMPLE_RATE

_SCALE = 1.0 / 32768.0


def _ulaw_decode_table() -> np.ndarray:
    u = ~np.arange(256, dtype=np.int32) & 0xFF
    exponent = (u >> 4) & 0x07
    mantissa = u & 0x0F
    magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84
    return np.where(u & 0x80, -magnitude, magnitude).astype(np.int16)


def _alaw_decode_table() -> np.ndarray:
    a = np.arange(256, dtype=np.int32) ^ 0x55
    exponent = (a >> 4) & 0x07
    mantissa = a & 0x0F
    magnitude = np.where(exponent == 0, (mantissa << 4) + 8, ((mantissa << 4) + 0x108) << np.maximum(exponent - 1, 0))
    return np.where(a & 0x80, magnitude, -magnitude).astype(np.int16)


def _segment(values: np.ndarray, ends: tuple[int, ...]) -> np.ndarray:
    """Index of the first segment end >= value (8 when beyond the last)."""
    return np.searchsorted(np.asarray(ends), values, side="left")


def _ulaw_encode_table() -> np.ndarray:
    pcm = np.arange(-32768, 32768, dtype=np.int32) >> 2  # μ-law works on 14-bit samples
    mask = np.where(pcm < 0, 0x7F, 0xFF)
    magnitude = np.minimum(np.abs(pcm), 8159) + (0x84 >> 2)
    seg = _segment(magnitude, (0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF))
    body = (seg << 4) | ((magnitude >> (seg + 1)) & 0x0F)
    coded = np.where(seg >= 8, 0x7F, body)
    return ((coded ^ mask) & 0xFF).astype(np.uint8)


def _alaw_encode_table() -> np.ndarray:
    pcm = np.arange(-32768, 32768, dtype=np.int32) >> 3  # A-law works on 13-bit samples
    mask = np.where(pcm >= 0, 0xD5, 0x55)
    magnitude = np.where(pcm >= 0, pcm, -pcm - 1)
    seg = _segment(magnitude, (0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF))
    shift = np.where(seg < 2, 1, seg)
    body = (seg << 4) | ((magnitude >> shift) & 0x0F)
    coded = np.where(seg >= 8, 0x7F, body)
    return ((coded ^ mask) & 0xFF).astype(np.uint8)


ULAW_TO_INT16 = _ulaw_decode_table()
ALAW_TO_INT16 = _alaw_decode_table()
_ULAW_FLOAT = ULAW_TO_INT16.astype(np.float32) * _SCALE
_ALAW_FLOAT = ALAW_TO_INT16.astype(np.float32) * _SCALE
_INT16_TO_ULAW = _ulaw_encode_table()
_INT16_TO_ALAW = _alaw_encode_table()


def _as_uint8(data: bytes | bytearray | memoryview) -> np.ndarray:
    return np.frombuffer(data, dtype=np.uint8)


def _to_int16(pcm: np.ndarray) -> np.ndarray:
    """Float [-1, 1] (or int16) to int16, clipping and rounding."""
    pcm = np.asarray(pcm)
    if pcm.dtype == np.int16:
        return pcm
    scaled = np.clip(np.nan_to_num(pcm.astype(np.float32, copy=False)) * 32768.0, -32768.0, 32767.0)
    return np.rint(scaled).astype(np.int16)


def ulaw_decode(data: bytes | bytearray | memoryview) -> np.ndarray:
    """G.711 μ-law bytes (one per sample) to float32 in [-1, 1]."""
    return _ULAW_FLOAT[_as_uint8(data)]


def ulaw_encode(pcm: np.ndarray) -> bytes:
    """Float32 in [-1, 1] (or int16) to G.711 μ-law bytes; out-of-range values are clipped."""
    return _INT16_TO_ULAW[_to_int16(pcm).astype(np.int32) + 32768].tobytes()


def alaw_decode(data: bytes | bytearray | memoryview) -> np.ndarray:
    """G.711 A-law bytes (one per sample) to float32 in [-1, 1]."""
    return _ALAW_FLOAT[_as_uint8(data)]


def alaw_encode(pcm: np.ndarray) -> bytes:
    """Float32 in [-1, 1] (or int16) to G.711 A-law bytes; out-of-range values are clipped."""
    return _INT16_TO_ALAW[_to_int16(pcm).astype(np.int32) + 32768].tobytes()


def l16_decode(data: bytes | bytearray | memoryview, *, byteorder: str = "little") -> np.ndarray:
    """Signed 16-bit linear PCM to float32. Raises ``ValueError`` for an odd number of bytes."""
    if len(data) % 2:
        raise ValueError(f"16-bit PCM needs an even number of bytes, got {len(data)}")
    dtype = "<i2" if byteorder == "little" else ">i2"
    return np.frombuffer(data, dtype=dtype).astype(np.float32) * _SCALE


def l16_encode(pcm: np.ndarray, *, byteorder: str = "little") -> bytes:
    """Float32 in [-1, 1] (or int16) to signed 16-bit linear PCM bytes."""
    dtype = "<i2" if byteorder == "little" else ">i2"
    return _to_int16(pcm).astype(dtype).tobytes()


class StreamResampler:
    """One lane's audio from ``source_rate`` Hz to 16 kHz, chunk by chunk, keeping filter state.

    :meth:`process` returns what the filter can release so far (it holds back a few milliseconds);
    :meth:`flush` releases the rest at the end of the lane. Over a whole stream the output has
    ``round(n * 16000 / source_rate)`` samples for ``n`` input samples. At 16 kHz it passes audio
    through unchanged. Not thread-safe.
    """

    def __init__(self, source_rate: int, *, quality: str = "HQ") -> None:
        if source_rate <= 0:
            raise ValueError(f"sample rate must be positive, got {source_rate}")
        self.source_rate = source_rate
        self._stream = (
            None
            if source_rate == SAMPLE_RATE
            else soxr.ResampleStream(source_rate, SAMPLE_RATE, 1, dtype="float32", quality=quality)
        )

    def process(self, pcm: np.ndarray) -> np.ndarray:
        pcm = np.ascontiguousarray(pcm, dtype=np.float32)
        if self._stream is None:
            return pcm
        return self._stream.resample_chunk(pcm, last=False)

    def flush(self) -> np.ndarray:
        if self._stream is None:
            return np.zeros(0, dtype=np.float32)
        return self._stream.resample_chunk(np.zeros(0, dtype=np.float32), last=True)
