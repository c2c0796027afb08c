"""G.711 and L16 codecs and per-lane resampling (coach/telephony/codecs.py).

The G.711 reference is CPython's ``audioop`` (still shipped with Python 3.11), which implements the
Sun Microsystems ``g711.c`` algorithms of ITU-T G.711.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import soxr

from coach.telephony import codecs

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop

ALL_BYTES = bytes(range(256))
ALL_INT16 = np.arange(-32768, 32768, dtype=np.int16)


def test_ulaw_decode_matches_the_g711_reference_for_every_byte():
    reference = np.frombuffer(audioop.ulaw2lin(ALL_BYTES, 2), dtype="<i2")
    assert np.array_equal(codecs.ULAW_TO_INT16, reference)
    assert np.allclose(codecs.ulaw_decode(ALL_BYTES), reference / 32768.0)


def test_alaw_decode_matches_the_g711_reference_for_every_byte():
    reference = np.frombuffer(audioop.alaw2lin(ALL_BYTES, 2), dtype="<i2")
    assert np.array_equal(codecs.ALAW_TO_INT16, reference)


@pytest.mark.parametrize(
    ("encode", "reference"), [(codecs.ulaw_encode, audioop.lin2ulaw), (codecs.alaw_encode, audioop.lin2alaw)]
)
def test_g711_encoders_match_the_reference_for_every_16_bit_value(encode, reference):
    assert encode(ALL_INT16) == reference(ALL_INT16.astype("<i2").tobytes(), 2)


def test_float_audio_survives_a_ulaw_round_trip_within_the_codec_step():
    pcm = np.random.default_rng(1).uniform(-0.9, 0.9, 8000).astype(np.float32)
    back = codecs.ulaw_decode(codecs.ulaw_encode(pcm))
    assert back.dtype == np.float32
    assert np.max(np.abs(back - pcm)) < 0.02  # the largest μ-law step is 1024/32768
    assert codecs.ulaw_encode(np.array([2.0, -2.0, np.nan], dtype=np.float32)) == codecs.ulaw_encode(
        np.array([1.0, -1.0, 0.0], dtype=np.float32)
    )


def test_l16_is_little_endian_by_default_and_odd_lengths_are_refused():
    assert np.allclose(codecs.l16_decode(b"\x01\x00\x00\x80"), [1 / 32768, -1.0])
    assert np.allclose(codecs.l16_decode(b"\x00\x01", byteorder="big"), [1 / 32768])
    assert codecs.l16_encode(np.array([1 / 32768, -1.0], dtype=np.float32)) == b"\x01\x00\x00\x80"
    with pytest.raises(ValueError, match="even number"):
        codecs.l16_decode(b"\x00\x01\x02")


def test_stream_resampler_in_chunks_equals_resampling_the_whole_signal():
    rng = np.random.default_rng(2)
    pcm = rng.standard_normal(8000 * 3).astype(np.float32) * 0.1
    resampler = codecs.StreamResampler(8000)
    pieces = [resampler.process(pcm[i : i + 160]) for i in range(0, len(pcm), 160)] + [resampler.flush()]
    chunked = np.concatenate(pieces)
    whole = soxr.resample(pcm, 8000, 16000, quality="HQ")
    assert len(chunked) == len(whole) == 2 * len(pcm)
    assert np.allclose(chunked, whole, atol=1e-4)


def test_stream_resampler_passes_16_khz_through_and_refuses_bad_rates():
    pcm = np.linspace(-1, 1, 320, dtype=np.float32)
    resampler = codecs.StreamResampler(16000)
    assert np.array_equal(resampler.process(pcm), pcm) and len(resampler.flush()) == 0
    with pytest.raises(ValueError):
        codecs.StreamResampler(0)
