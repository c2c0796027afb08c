"""Property-based fuzzing of the telephony parsers and the ingest path (hypothesis).

Whatever bytes or JSON a peer sends, the protocol machines return actions and never raise, and the
audio that reaches a call stays contiguous per lane. Short runs here (``COACH_FUZZ_EXAMPLES``,
default 120 per property); ``scripts/fuzz_telephony.py`` runs the same properties for longer.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import json
import os
import string

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.config import load_config
from coach.telephony import audiohook, audiosocket, signature, twilio
from coach.telephony.actions import Action, Close, Media, StartCall, Violation
from coach.telephony.align import Aligned, LaneAligner, PositionError
from coach.telephony.ingest import CallTable
from coach.types import AudioChunk, Lane

FUZZ = settings(
    max_examples=int(os.environ.get("COACH_FUZZ_EXAMPLES", "120")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TEL = dataclasses.replace(
    load_config().telephony,
    audiohook_api_keys=("k",),
    audiohook_org_id="d7934305-0972-4844-938e-9060eef73d05",
    max_message_bytes=4096,
    max_audiosocket_payload_bytes=2048,
)
HEADERS = {"X-API-KEY": "k", "Audiohook-Organization-Id": TEL.audiohook_org_id}
ACTION_TYPES = Action.__args__

json_scalars = (
    st.none() | st.booleans() | st.integers(-(2**60), 2**60) | st.floats(allow_nan=False) | st.text(max_size=30)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)


def check(actions: list) -> list:
    assert isinstance(actions, list)
    assert all(isinstance(a, ACTION_TYPES) for a in actions)
    for a in actions:
        if isinstance(a, Media):
            assert a.pcm.dtype == np.float32 and a.pcm.ndim == 1 and a.position >= 0
        if isinstance(a, Violation) and a.fatal:
            assert any(isinstance(b, Close) for b in actions)
    return actions


# -- Twilio ----------------------------------------------------------------------------------------

twilio_events = st.sampled_from(["connected", "start", "media", "mark", "dtmf", "stop", "bogus"]) | st.text(max_size=8)
twilio_media = st.fixed_dictionaries(
    {
        "track": st.sampled_from(["inbound", "outbound", "both"]) | json_values,
        "chunk": st.integers(-5, 10_000).map(str) | json_values,
        "timestamp": st.integers(0, 10**7).map(str) | st.integers(-(10**12), 10**12) | json_values,
        "payload": st.binary(max_size=400).map(lambda b: base64.b64encode(b).decode()) | st.text(max_size=50),
    }
)


def twilio_message(event, media, extra):
    msg = json.loads(twilio.start_message(call_sid="CA1", stream_sid="MZ1")) if event == "start" else {"event": event}
    if event == "media":
        msg.update(media=media, streamSid="MZ1")
    msg.update(extra)
    return json.dumps(msg)


@FUZZ
@given(st.lists(st.one_of(st.text(max_size=200), st.binary(max_size=200)), max_size=20))
def test_twilio_machine_survives_arbitrary_frames(frames):
    p = twilio.TwilioProtocol(TEL)
    for frame in frames:
        check(p.receive_text(frame) if isinstance(frame, str) else p.receive_bytes(frame))
    check(p.end_of_stream())


@FUZZ
@given(
    st.lists(
        st.tuples(
            twilio_events,
            twilio_media,
            st.dictionaries(
                st.sampled_from(["start", "media", "streamSid", "mark", "dtmf", "stop", "sequenceNumber"]),
                json_values,
                max_size=2,
            ),
        ),
        max_size=25,
    )
)
def test_twilio_machine_survives_structured_nonsense(messages):
    p = twilio.TwilioProtocol(TEL)
    for event, media, extra in messages:
        check(p.receive_text(twilio_message(event, media, extra)))
    check(p.end_of_stream())


# -- AudioHook -------------------------------------------------------------------------------------

audiohook_types = st.sampled_from(["open", "close", "ping", "update", "paused", "resumed", "discarded", "error"])


@FUZZ
@given(st.lists(st.one_of(st.text(max_size=200), st.binary(max_size=600)), max_size=20))
def test_audiohook_machine_survives_arbitrary_frames(frames):
    p = audiohook.AudioHookProtocol(TEL, HEADERS)
    for frame in frames:
        check(p.receive_text(frame) if isinstance(frame, str) else p.receive_bytes(frame))
    check(p.end_of_stream())


@FUZZ
@given(
    st.lists(
        st.one_of(
            st.tuples(
                audiohook_types | st.text(max_size=8), st.dictionaries(st.text(max_size=15), json_values, max_size=5)
            ),
            st.binary(max_size=600),
        ),
        max_size=20,
    ),
    st.booleans(),
)
def test_audiohook_machine_survives_well_sequenced_nonsense(steps, open_first):
    p = audiohook.AudioHookProtocol(TEL, HEADERS)
    client = audiohook.AudioHookClient("e160e428-53e2-487c-977d-96989bf5c99d")
    if open_first:
        check(
            p.receive_text(
                client.open(
                    organization_id=TEL.audiohook_org_id, conversation_id="090eaa2f-72fa-480a-83e0-8667ff89c0ec"
                )
            )
        )
    for step in steps:
        if isinstance(step, bytes):
            check(p.receive_bytes(step))
        else:
            kind, params = step
            check(p.receive_text(client.message(kind, params)))
    check(p.end_of_stream())


# -- AudioSocket -----------------------------------------------------------------------------------

audiosocket_frames = st.one_of(
    st.binary(max_size=64),
    st.builds(
        lambda k, p: audiosocket.frame(k, p),
        st.sampled_from([0x00, 0x01, 0x03, 0x10, 0x12, 0x16, 0xFF, 0x42]),
        st.binary(max_size=700),
    ),
    st.just(audiosocket.uuid_frame("9e2d4c3a-1b6f-4f0e-8a55-3d2c1b0a9f8a")),
)


@FUZZ
@given(st.lists(audiosocket_frames, max_size=20), st.integers(1, 50))
def test_audiosocket_machine_survives_any_byte_stream_split_anywhere(frames, cut):
    p = audiosocket.AudioSocketProtocol(TEL)
    data = b"".join(frames)
    for i in range(0, len(data), cut):
        check(p.receive_data(data[i : i + cut]))
    check(p.end_of_stream())


# -- AudioHook message signatures ------------------------------------------------------------------

SIGNED_HEADERS = {"X-API-KEY": "k", "Host": "coach.example", "Audiohook-Session-Id": "s"}
signature_fields = st.one_of(
    st.text(max_size=120),
    st.text(alphabet='sig1=():;,"@- akeyidnoncealgcreatedexpires0123456789?*AB/+', max_size=160),
    st.just('sig1=("@request-target" "@authority");keyid="k";nonce="n";created=1;expires=2'),
)


@FUZZ
@given(signature_fields, signature_fields)
def test_signature_verification_refuses_or_accepts_any_header_values_without_raising(signature_input, sig):
    headers = SIGNED_HEADERS | {"Signature-Input": signature_input, "Signature": sig}
    reason = signature.verify(
        target="/ingest/audiohook",
        headers=headers,
        secrets={"k": b"secret"},
        now=10.0,
        max_age_s=30.0,
        nonces=signature.NonceCache(),
    )
    assert isinstance(reason, str)  # nothing random is ever a valid signature


# -- alignment and the ingest path -----------------------------------------------------------------


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(list(Lane)), st.integers(-400, 4000), st.integers(0, 400)), max_size=60))
def test_aligner_output_is_always_contiguous_per_lane(pushes):
    a = LaneAligner({Lane.AGENT: 8000, Lane.CUSTOMER: 16000}, reorder_ms=50, skew_ms=100, max_gap_s=1.0)
    expected = dict.fromkeys(Lane, 0)
    out = []
    for lane, offset, length in pushes:
        with contextlib.suppress(PositionError):
            out += a.push(lane, max(0, a.expected(lane) + offset), np.ones(length, np.float32))
    out += a.flush()
    for item in out:
        if isinstance(item, Aligned):
            assert item.start == expected[item.lane]
            expected[item.lane] += len(item.pcm)


class _Lanes:
    def __init__(self):
        self.ends = dict.fromkeys(Lane, 0)
        self.call_id = "c"
        self.ended = 0

    def push(self, chunk: AudioChunk) -> None:
        assert chunk.start_sample == self.ends[chunk.lane]
        assert np.all(np.isfinite(chunk.pcm))
        self.ends[chunk.lane] = chunk.end_sample

    def note(self, kind, **fields):
        json.dumps(fields)  # notes must be plain JSON

    def end(self, *, complete=True, reason=None):
        self.ended += 1


class _Sink:
    def __init__(self):
        self.calls = []

    def start_call(self, *, agent_id, source, metadata=None):
        json.dumps(dict(metadata or {}))
        self.calls.append(_Lanes())
        return self.calls[-1]


@FUZZ
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["inbound", "outbound"]),
            st.integers(1, 40),
            st.integers(0, 200),
            st.binary(min_size=1, max_size=320),
        ),
        max_size=80,
    )
)
def test_twilio_media_in_any_order_reaches_the_call_contiguous(chunks):
    sink, p = _Sink(), twilio.TwilioProtocol(TEL)
    table = CallTable(sink, TEL, clock=lambda: 0.0)
    leg = None
    for action in p.receive_text(twilio.start_message(call_sid="CA1", stream_sid="MZ1")):
        assert isinstance(action, StartCall)
        leg = table.attach(source=action.source, key=action.key, agent_id=action.agent_id, rates=action.rates)
    for track, chunk, ts, payload in chunks:
        msg = twilio.media_message(
            stream_sid="MZ1", track=track, chunk=chunk, timestamp_ms=ts * 20, payload=payload, sequence=1
        )
        for action in p.receive_text(msg):
            if isinstance(action, Media):
                leg.media(action.lane, action.position, action.pcm)
    leg.end(complete=True, reason="stop")
    [call] = sink.calls
    assert call.ended == 1


@FUZZ
@given(st.text(alphabet=string.printable, max_size=40))
def test_durations_parse_or_are_refused(text):
    value = audiohook.parse_duration(text)
    assert value is None or value >= 0
