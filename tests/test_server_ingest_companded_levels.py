"""`/ws/ingest`: G.711 audio (8 kHz by definition) passed on without resampling while another rate is declared.

A fast replay (``"realtime": false``) shows no pace, so :class:`~coach.server.ingest_audio.RateWatch` cannot catch
8 kHz sent as 16 kHz; its samples can when they were decoded from G.711 and not resampled since: every one lies on
the codec's mu-law (or A-law) levels (:class:`~coach.server.ingest_audio.LevelsWatch`). The audio is a real 8 kHz
telephone prompt of ../shared/data (``ss-noservice``, 4.9 s) put through the product's own G.711 codec, as a gateway
hands it on; the negatives are the same prompt as it was (linear PCM), resampled to 16 kHz after decoding, upsampled
by repeating samples, declared 8000, and silence or a faint hiss. One real server on loopback (no transcriber: the
flag needs none), a real websocket client.
"""

from __future__ import annotations

import logging

import numpy as np
import pytest
import soundfile as sf

from coach.server.ingest_audio import LEVELS_MIN_DISTINCT, LEVELS_MIN_SAMPLES, IngestAudio, LevelsWatch
from coach.telephony.codecs import ULAW_TO_INT16, StreamResampler, alaw_decode, alaw_encode, ulaw_decode, ulaw_encode
from coach.types import SAMPLE_RATE, Lane
from tests.test_server_ingest_rates import send_call, stereo_messages, stored_events
from tests.test_server_support import make_config, running_server

PROMPT = "ss-noservice"
REASON = "every sample is a G.711 mu-law level, which comes at 8000 Hz: the source may send 8000 Hz while declaring"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_server(make_config(tmp_path_factory.mktemp("ingest_g711"))) as srv:
        yield srv


@pytest.fixture(scope="module")
def prompt(shared_data) -> np.ndarray:
    """The 8 kHz prompt after 1.5 s of silence, as float PCM (linear, never through G.711)."""
    pcm, rate = sf.read(str(shared_data / "asr" / "asterisk_8k" / f"{PROMPT}.flac"), dtype="float32")
    assert rate == 8000
    return np.concatenate([np.zeros(12_000, np.float32), pcm])


def watched(pcm: np.ndarray, declared: int, step: int = 160):
    """The :class:`LevelsWatch` finding for ``pcm`` sent on the agent lane in ``step``-sample messages."""
    audio = IngestAudio(declared)
    for i in range(0, len(pcm), step):
        audio.decode(
            bytes([0]) + (np.clip(pcm[i : i + step], -1, 1) * 32768).clip(-32768, 32767).astype("<i2").tobytes()
        )
    return audio.levels.finding


def gateway_pcm(prompt: np.ndarray) -> np.ndarray:
    """The prompt through G.711 mu-law, decoded to int16 as a gateway hands it on (sent as is: no float scaling)."""
    return ULAW_TO_INT16[np.frombuffer(ulaw_encode(prompt), np.uint8)]


def test_g711_audio_sent_without_its_rate_by_a_fast_replay_is_flagged_not_resampled(server, prompt, caplog):
    g711 = gateway_pcm(prompt)
    messages = stereo_messages(g711, np.zeros_like(g711), 1600)
    with caplog.at_level(logging.WARNING, logger="coach.server.sockets"):
        call_id, replies = send_call(server, {"realtime": False}, messages)  # no sample_rate: 16000
    ended = replies[-1]
    assert (ended["complete"], ended["reason"]) == (True, f"{REASON} 16000")
    events = stored_events(server, call_id)
    end = next(e for e in events if e["type"] == "call.end")
    assert end["reason"] == f"{REASON} 16000"
    assert end["t"] == pytest.approx(len(g711) / SAMPLE_RATE, abs=0.05)  # analysed as declared: nothing guessed
    [flag] = [e for e in events if e["type"] == "stream" and e.get("kind") == "sample_rate"]
    assert (flag["evidence"], flag["law"], flag["declared"], flag["sounds_like"]) == (
        "g711_levels",
        "mu-law",
        16000,
        8000,
    )
    assert flag["levels"] >= LEVELS_MIN_DISTINCT and flag["audio_s"] == LEVELS_MIN_SAMPLES / 16000
    logged = [r.getMessage() for r in caplog.records if "G.711" in r.getMessage()]
    assert len(logged) == 1 and logged[0].startswith(f"call {call_id}: every sample is a G.711 mu-law level over 1.0 s")


def test_g711_audio_declared_at_8000_is_not_flagged(server, prompt):
    g711 = gateway_pcm(prompt)
    call_id, replies = send_call(server, {"realtime": False, "sample_rate": 8000}, stereo_messages(g711, g711, 800))
    assert replies[-1]["reason"] is None
    events = stored_events(server, call_id)
    assert not [e for e in events if e["type"] == "stream" and e.get("kind") == "sample_rate"]
    assert next(e for e in events if e["type"] == "call.end")["t"] == pytest.approx(len(g711) / 8000, abs=0.05)


@pytest.mark.parametrize("declared", [16000, 11025, 48000])
def test_either_law_is_caught_at_any_rate_but_8000(prompt, declared):
    for law, codec in (("mu-law", (ulaw_encode, ulaw_decode)), ("A-law", (alaw_encode, alaw_decode))):
        found = watched(codec[1](codec[0](prompt)), declared)
        assert (found.law, found.declared, found.sounds_like) == (law, declared, 8000)
        assert found.audio_s == pytest.approx(LEVELS_MIN_SAMPLES / declared, abs=160 / declared)
    assert watched(ulaw_decode(ulaw_encode(prompt)), 8000) is None  # G.711 at its own rate is right


def test_audio_off_the_levels_or_saying_nothing_is_not_flagged(prompt):
    g711 = ulaw_decode(ulaw_encode(prompt))
    resampler = StreamResampler(8000)
    assert watched(prompt, 16000) is None  # 8 kHz that never went through G.711: its samples say nothing
    assert watched(np.concatenate([resampler.process(g711), resampler.flush()]), 16000) is None  # resampled: right
    assert watched(np.repeat(g711, 2), 16000) is None  # upsampled by repeating samples: 16 kHz, as declared
    assert watched(np.zeros(SAMPLE_RATE * 5, np.float32), 16000) is None  # digital silence is on a level (0)
    hiss = ulaw_decode(ulaw_encode(np.random.default_rng(7).normal(0, 0.001, SAMPLE_RATE * 5).astype(np.float32)))
    assert len(np.unique(hiss)) < LEVELS_MIN_DISTINCT and watched(hiss, 16000) is None  # a faint hiss: few levels


def test_a_lane_once_off_the_levels_is_never_flagged_and_the_finding_is_taken_once(prompt):
    g711 = ulaw_decode(ulaw_encode(prompt))
    watch = LevelsWatch(16000)
    watch.observe(Lane.CUSTOMER, prompt[12_000:13_000])  # linear PCM: off the levels, for the rest of the call
    watch.observe(Lane.CUSTOMER, g711)
    assert watch.finding is None and watch.take() is None
    watch.observe(Lane.AGENT, g711)
    assert watch.take() is watch.finding is not None and watch.take() is None
