"""The sans-I/O protocol machines on message sequences written from the platforms' documentation."""

from __future__ import annotations

import base64
import dataclasses
import json
import struct
import uuid

import numpy as np
import pytest

from coach.config import load_config
from coach.telephony import audiohook, audiosocket, twilio
from coach.telephony.actions import Close, EndCall, Media, Send, Silence, StartCall, StreamNote, Violation
from coach.telephony.codecs import l16_encode, ulaw_encode
from coach.telephony.machine import END_DISCONNECTED, END_RESET
from coach.telephony.pairing import PairRegistry
from coach.types import Lane

BASE = load_config().telephony
CFG = dataclasses.replace(BASE, audiohook_org_id="d7934305-0972-4844-938e-9060eef73d05", audiohook_api_keys=("key-1",))
SESSION = "e160e428-53e2-487c-977d-96989bf5c99d"
CONVERSATION = "090eaa2f-72fa-480a-83e0-8667ff89c0ec"
HEADERS = {
    "Audiohook-Organization-Id": CFG.audiohook_org_id,
    "Audiohook-Correlation-Id": "30b0e395-84d3-4570-ac13-9a62d8f514c0",
    "Audiohook-Session-Id": SESSION,
    "X-API-KEY": "key-1",
}


def of(actions, cls):
    return [a for a in actions if isinstance(a, cls)]


def sent(actions) -> list[dict]:
    return [json.loads(a.data) for a in of(actions, Send)]


# -- Twilio Media Streams --------------------------------------------------------------------------


def test_twilio_documented_message_sequence_becomes_one_call_with_two_lanes():
    """Twilio, "Media Streams - WebSocket Messages" (https://www.twilio.com/docs/voice/media-streams/
    websocket-messages): ``connected``, then ``start`` with ``tracks`` ["inbound", "outbound"],
    ``customParameters`` and ``mediaFormat`` {encoding "audio/x-mulaw", sampleRate 8000, channels 1};
    ``media`` with ``track``, ``chunk`` (from "1"), ``timestamp`` (ms, as a string) and a base64 μ-law
    ``payload``; ``mark`` with ``name``; ``dtmf`` with ``track`` "inbound_track" and ``digit``; ``stop``."""
    p = twilio.TwilioProtocol(BASE)
    tone = np.sin(np.arange(160) / 5).astype(np.float32) * 0.5
    payload = base64.b64encode(ulaw_encode(tone)).decode()
    messages = [
        {"event": "connected", "protocol": "Call", "version": "1.0.0"},
        {
            "event": "start",
            "sequenceNumber": "1",
            "start": {
                "accountSid": "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
                "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
                "callSid": "CAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
                "tracks": ["inbound", "outbound"],
                "customParameters": {"agent_id": "joe", "FirstName": "Jane"},
                "mediaFormat": {"encoding": "audio/x-mulaw", "sampleRate": 8000, "channels": 1},
            },
            "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
        },
        {
            "event": "media",
            "sequenceNumber": "2",
            "media": {"track": "inbound", "chunk": "1", "timestamp": "5", "payload": payload},
            "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
        },
        {
            "event": "media",
            "sequenceNumber": "3",
            "media": {"track": "outbound", "chunk": "1", "timestamp": "5", "payload": payload},
            "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
        },
        {
            "event": "mark",
            "sequenceNumber": "4",
            "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
            "mark": {"name": "my label"},
        },
        {
            "event": "dtmf",
            "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
            "sequenceNumber": "5",
            "dtmf": {"track": "inbound_track", "digit": "1"},
        },
        {
            "event": "stop",
            "sequenceNumber": "6",
            "stop": {
                "accountSid": "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
                "callSid": "CAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
            },
            "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
        },
    ]
    actions = [a for m in messages for a in p.receive_text(json.dumps(m))]
    [start] = of(actions, StartCall)
    assert (start.key, start.agent_id, start.source) == ("CAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "joe", "twilio")
    assert start.lanes == frozenset(Lane) and start.rates == {Lane.AGENT: 8000, Lane.CUSTOMER: 8000}
    inbound, outbound = of(actions, Media)
    assert (inbound.lane, outbound.lane) == (Lane.CUSTOMER, Lane.AGENT)  # default agent_track = outbound
    assert inbound.position == outbound.position == 5 * 8
    assert np.max(np.abs(inbound.pcm - tone)) < 0.02
    assert [n.kind for n in of(actions, StreamNote)] == ["mark", "dtmf"]
    assert "digit" not in of(actions, StreamNote)[1].fields  # DTMF digits may be card numbers
    assert of(actions, EndCall) == [EndCall(complete=True, reason="stop")]
    assert of(actions, Violation) == []


def test_twilio_agent_track_is_configurable_and_a_single_track_leaves_the_other_lane_absent():
    p = twilio.TwilioProtocol(dataclasses.replace(BASE, agent_track="inbound"))
    [start] = p.receive_text(twilio.start_message(call_sid="CA1", stream_sid="MZ1", tracks=("inbound",)))
    assert start.lanes == frozenset({Lane.AGENT}) and start.agent_id == BASE.default_agent_id
    [media] = p.receive_text(
        twilio.media_message(
            stream_sid="MZ1", track="inbound", chunk=1, timestamp_ms=0, payload=b"\xff" * 160, sequence=2
        )
    )
    assert media.lane is Lane.AGENT


def test_twilio_duplicate_chunks_are_dropped_and_counted_at_stop():
    p = twilio.TwilioProtocol(BASE)
    p.receive_text(twilio.start_message(call_sid="CA1", stream_sid="MZ1"))
    msg = twilio.media_message(
        stream_sid="MZ1", track="inbound", chunk=7, timestamp_ms=120, payload=b"\x7f" * 160, sequence=3
    )
    assert len(of(p.receive_text(msg), Media)) == 1
    assert p.receive_text(msg) == []
    out = p.receive_text(twilio.stop_message(call_sid="CA1", stream_sid="MZ1", sequence=9))
    assert StreamNote("duplicates", {"chunks": 1}) in out


@pytest.mark.parametrize(
    ("message", "code"),
    [
        ("{not json", "malformed_json"),
        ('["an", "array"]', "malformed_json"),
        ('{"event": "transcription"}', "unknown_event"),
        (
            '{"event": "media", "media": {"track": "inbound", "chunk": "1", "timestamp": "0", "payload": "AAA"}}',
            "media_before_start",
        ),
    ],
)
def test_twilio_bad_messages_are_reported_not_raised(message, code):
    p = twilio.TwilioProtocol(BASE)
    [violation] = p.receive_text(message)
    assert violation == Violation(code, violation.detail, fatal=False)


def test_twilio_and_audiohook_values_of_the_wrong_json_type_are_protocol_errors():
    """Found by fuzzing: lists or objects where strings are expected must not raise (unhashable), and
    negative or absurd timestamps are dropped rather than ending the stream."""
    p = twilio.TwilioProtocol(BASE)
    p.receive_text(twilio.start_message(call_sid="CA1", stream_sid="MZ1"))
    msg = {"event": "media", "media": {"track": [], "chunk": "1", "timestamp": "0", "payload": ""}}
    assert [v.code for v in p.receive_text(json.dumps(msg))] == ["unknown_track"]
    assert audiohook.select_media([{"type": "audio", "format": ["PCMU"], "channels": [{}], "rate": 8000}]) is None
    msg["media"].update(track="inbound", timestamp=-20)
    assert [v.code for v in p.receive_text(json.dumps(msg))] == ["malformed_media"]
    msg["media"].update(timestamp=str(10**9))
    assert [v.code for v in p.receive_text(json.dumps(msg))] == ["timestamp_jump"]


def test_twilio_wrong_base64_binary_frames_and_wrong_sample_rates_are_protocol_errors():
    p = twilio.TwilioProtocol(BASE)
    bad_rate = json.loads(twilio.start_message(call_sid="CA1", stream_sid="MZ1"))
    bad_rate["start"]["mediaFormat"]["sampleRate"] = 16000
    out = p.receive_text(json.dumps(bad_rate))
    assert of(out, Violation)[0].code == "unsupported_media_format" and of(out, Close)[0].code == 1003
    p = twilio.TwilioProtocol(BASE)
    p.receive_text(twilio.start_message(call_sid="CA1", stream_sid="MZ1"))
    bad = json.loads(
        twilio.media_message(stream_sid="MZ1", track="inbound", chunk=1, timestamp_ms=0, payload=b"x", sequence=2)
    )
    bad["media"]["payload"] = "not*base64!"
    assert [v.code for v in p.receive_text(json.dumps(bad))] == ["bad_base64"]
    assert [v.code for v in p.receive_bytes(b"\x00\x01")] == ["binary_not_expected"]
    out = p.receive_text(" " * (BASE.max_message_bytes + 1))
    assert of(out, Violation)[0].code == "message_too_large" and of(out, Close)[0].code == 1009


def test_twilio_a_stream_that_ends_without_stop_is_incomplete_and_endless_errors_close_it():
    p = twilio.TwilioProtocol(BASE)
    assert p.end_of_stream() == []  # nothing started, nothing to end
    p.receive_text(twilio.start_message(call_sid="CA1", stream_sid="MZ1"))
    assert p.end_of_stream("idle_timeout") == [EndCall(complete=False, reason="idle_timeout")]
    p = twilio.TwilioProtocol(BASE)
    out = [a for _ in range(25) for a in p.receive_text("{")]
    assert of(out, Close) and of(out, Violation)[-1].code == "too_many_errors"


def test_twilio_request_signature_is_checked_against_the_auth_token():
    """Twilio signs the websocket request: ``X-Twilio-Signature`` = base64(HMAC-SHA1(auth token, URL))
    (Twilio, "Media Streams Configuration" and "Webhooks security")."""
    cfg = dataclasses.replace(BASE, twilio_auth_tokens=("tok",))
    url = "wss://coach.example.com/ingest/twilio"
    good = {"Host": "coach.example.com", "X-Twilio-Signature": twilio.signature("tok", url)}
    assert twilio.check_request("/ingest/twilio", good, cfg) is None
    assert twilio.check_request("/ingest/twilio", {**good, "X-Twilio-Signature": "AAAA"}, cfg) == (
        "X-Twilio-Signature does not match"
    )
    assert twilio.check_request("/ingest/twilio", {"Host": "coach.example.com"}, cfg) == "missing X-Twilio-Signature"
    assert twilio.check_request("/ingest/twilio", good, BASE) is not None  # no token configured: refused
    assert twilio.check_request("/x", {}, dataclasses.replace(BASE, allow_unauthenticated=True)) is None


# -- Genesys AudioHook -----------------------------------------------------------------------------


class Client:
    """Client messages with seq/serverseq/position as Genesys Cloud sends them."""

    def __init__(self, session: str = SESSION) -> None:
        self.c = audiohook.AudioHookClient(session)

    def msg(self, kind: str, **parameters) -> str:
        return self.c.message(kind, parameters)

    def open(self, **kw) -> str:
        return self.c.open(
            organization_id=kw.pop("org", CFG.audiohook_org_id),
            conversation_id=kw.pop("conversation", CONVERSATION),
            **kw,
        )


def opened(headers=HEADERS, cfg=CFG, **open_kw):
    p, c = audiohook.AudioHookProtocol(cfg, headers), Client()
    return p, c, p.receive_text(c.open(**open_kw))


def test_audiohook_documented_session_open_audio_ping_pause_resume_close():
    """Genesys Cloud Developer Center, "AudioHook Protocol Specification" (protocol reference and session
    walkthrough, https://developer.genesys.cloud/devapps/audiohook/), as implemented by Genesys'
    reference server (purecloudlabs/audiohook-reference-implementation): ``open`` (organizationId,
    conversationId, participant, media offers with channels ["external", "internal"], PCMU 8000 Hz) is
    answered by ``opened`` (seq 1, clientseq 1, the chosen media, startPaused false); audio arrives as
    binary frames of interleaved samples; ``ping`` → ``pong``; ``paused``/``resumed`` (resumed carries
    ``discarded``); ``update`` carries a language; ``close`` (reason "end") → ``closed``."""
    p, c, out = opened(custom_config={"agent_id": "joe"})
    [start] = of(out, StartCall)
    assert (start.key, start.agent_id, start.source) == (CONVERSATION, "joe", "audiohook")
    [reply] = sent(out)
    assert reply == {
        "version": "2",
        "type": "opened",
        "seq": 1,
        "clientseq": 1,
        "id": SESSION,
        "parameters": {
            "startPaused": False,
            "media": [{"type": "audio", "format": "PCMU", "channels": ["external", "internal"], "rate": 8000}],
        },
    }
    customer, agent = np.full(160, 0.25, np.float32), np.full(160, -0.5, np.float32)
    out = p.receive_bytes(ulaw_encode(np.stack([customer, agent], axis=1).reshape(-1)))
    ext, inn = of(out, Media)
    assert (ext.lane, inn.lane, ext.position, inn.position) == (Lane.CUSTOMER, Lane.AGENT, 0, 0)
    assert abs(ext.pcm.mean() - 0.25) < 0.02 and abs(inn.pcm.mean() + 0.5) < 0.02  # μ-law steps
    c.c.samples = 160
    [pong] = sent(p.receive_text(c.msg("ping", rtt="PT0.05S")))
    assert (pong["type"], pong["seq"], pong["clientseq"], pong["parameters"]) == ("pong", 2, 2, {})
    assert of(p.receive_text(c.msg("paused")), StreamNote)[0].kind == "paused"
    out = p.receive_text(c.msg("resumed", start="PT0.02S", discarded="PT2.5S"))
    assert of(out, Silence) == [Silence(160, 20000, "paused")]
    [media] = of(p.receive_bytes(ulaw_encode(np.zeros(320, np.float32))), Media)[:1]
    assert media.position == 160 + 20000  # the paused span stays in the timeline
    assert of(p.receive_text(c.msg("update", language="fr-FR")), StreamNote) == [
        StreamNote("update", {"language": "fr-FR"})
    ]
    out = p.receive_text(c.msg("close", reason="end"))
    assert [m["type"] for m in sent(out)] == ["closed"] and of(out, EndCall) == [EndCall(True, "close:end")]


def test_audiohook_a_key_press_is_noted_without_its_digit_and_the_session_goes_on():
    """Audio Connector sessions of protocol version 2 send ``dtmf`` (``parameters.digit``); it was an unknown
    type that ended the session with ``disconnect``. Now a note at the call's position, never the digit."""
    p, c, _ = opened()
    p.receive_bytes(ulaw_encode(np.zeros(320, np.float32)))
    c.c.samples = 160
    out = p.receive_text(c.msg("dtmf", digit="7"))
    assert out == [StreamNote("dtmf", {"at_s": 0.02})] and "7" not in repr(out)
    assert of(p.receive_bytes(ulaw_encode(np.zeros(320, np.float32))), Media)[0].position == 160
    assert [m["type"] for m in sent(p.receive_text(c.msg("close", reason="end")))] == ["closed"]


def test_audiohook_l16_frames_are_little_endian_interleaved():
    p, _, _ = opened(media_format="L16")
    frame = l16_encode(np.array([0.5, -0.25, 0.125, 0.0], np.float32))
    ext, inn = of(p.receive_bytes(frame), Media)
    assert np.allclose(ext.pcm, [0.5, 0.125]) and np.allclose(inn.pcm, [-0.25, 0.0])


def test_audiohook_connection_probe_is_answered_without_starting_a_call():
    """The integration's connection probe opens a session with the null conversation id; it must get a
    normal ``opened`` (Genesys, AudioHook "patterns and practices: connection probe")."""
    p, c, out = opened(conversation=audiohook.NULL_UUID)
    assert [m["type"] for m in sent(out)] == ["opened"] and of(out, StartCall) == []
    assert of(p.receive_bytes(b"\xff" * 320), Media) == []
    out = p.receive_text(c.msg("close", reason="end"))
    assert [m["type"] for m in sent(out)] == ["closed"] and of(out, EndCall) == []


@pytest.mark.parametrize(
    ("headers", "why"),
    [
        ({k: v for k, v in HEADERS.items() if k != "X-API-KEY"}, "missing X-API-KEY"),
        ({**HEADERS, "X-API-KEY": "key-2"}, "unknown API key"),
        ({**HEADERS, "Audiohook-Organization-Id": "00000000-0000-0000-0000-00000000beef"}, "organization id"),
    ],
)
def test_audiohook_unauthenticated_sessions_are_disconnected_as_unauthorized(headers, why):
    p, c, out = opened(headers=headers)
    assert p.refusal is not None and why in p.refusal
    assert of(out, StartCall) == []
    [reply] = sent(out)
    assert reply["type"] == "disconnect" and reply["parameters"]["reason"] == "unauthorized"
    assert sent(p.receive_text(c.msg("close", reason="disconnect")))[0]["type"] == "closed"


def test_audiohook_no_configured_key_refuses_everyone_unless_explicitly_open():
    assert audiohook.check_request(HEADERS, BASE) is not None
    assert audiohook.check_request({}, dataclasses.replace(BASE, allow_unauthenticated=True)) is None
    p, _, out = opened(cfg=CFG, org="11111111-2222-3333-4444-555555555555")
    assert sent(out)[0]["parameters"]["reason"] == "unauthorized"


def disconnect_info(out) -> str:
    [reply] = sent(out)
    assert reply["type"] == "disconnect" and reply["parameters"]["reason"] == "error"
    return reply["parameters"]["info"]


def test_audiohook_client_errors_are_answered_with_disconnect():
    p, c, _ = opened()
    c.c.seq += 1  # skip one
    assert "seq" in disconnect_info(p.receive_text(c.msg("ping")))
    p, c, _ = opened()
    assert "JSON" in disconnect_info(p.receive_text("{oops"))
    p, c, _ = opened()
    assert "not a client message type" in disconnect_info(p.receive_text(c.msg("dance")))
    p, c, _ = opened()
    assert "whole samples" in disconnect_info(p.receive_bytes(b"\x00\x01\x02"))
    p = audiohook.AudioHookProtocol(CFG, HEADERS)
    assert "state preparing" in disconnect_info(p.receive_bytes(b"\x00" * 320))


def test_audiohook_offers_at_other_sample_rates_or_formats_are_refused():
    p, c = audiohook.AudioHookProtocol(CFG, HEADERS), Client()
    msg = json.loads(c.open())
    msg["parameters"]["media"] = [
        {"type": "audio", "format": "PCMU", "channels": ["external", "internal"], "rate": 16000},
        {"type": "audio", "format": "opus", "channels": ["external"], "rate": 8000},
    ]
    out = p.receive_text(json.dumps(msg))
    assert of(out, Violation)[0].code == "unsupported_media_format" and "8000" in disconnect_info(out)
    assert (
        audiohook.select_media(
            [
                {"type": "audio", "format": "L16", "channels": ["internal"], "rate": 8000},
                {"type": "audio", "format": "PCMU", "channels": ["external", "internal"], "rate": 8000},
            ]
        )["format"]
        == "PCMU"
    )


def test_audiohook_socket_lost_mid_call_ends_the_call_incomplete():
    p, _, _ = opened()
    assert p.end_of_stream() == [EndCall(complete=False, reason="disconnected")]


def test_audiohook_durations_are_iso_8601():
    assert audiohook.parse_duration("PT0S") == 0 and audiohook.parse_duration("PT1.25S") == 1.25
    assert audiohook.parse_duration("PT1H2M3S") == 3723
    assert audiohook.parse_duration("1.25") is None and audiohook.parse_duration(None) is None


# -- Asterisk AudioSocket --------------------------------------------------------------------------

CALL_UUID = "9e2d4c3a-1b6f-4f0e-8a55-3d2c1b0a9f80"
ASTERISK_DOC_UUID = "40325ec2-5efd-4bd3-805f-53576e581d13"
"""A UUID as a dialplan's ``${UUID()}`` gives it (any last digit; the old lane convention refused it)."""


def paired_registry() -> tuple[PairRegistry, str, str]:
    registry = PairRegistry(ttl_s=60.0, clock=lambda: 0.0)
    agent_leg, customer_leg = str(uuid.uuid4()), str(uuid.uuid4())
    registry.register(agent_uuid=agent_leg, customer_uuid=customer_leg, agent_id="joe", label="queue sales")
    return registry, agent_leg, customer_leg


def test_audiosocket_documented_frames_split_anywhere_give_the_same_audio():
    """Asterisk, "AudioSocket" (https://docs.asterisk.org/Configuration/Channel-Drivers/AudioSocket/):
    3-byte header (kind, big-endian length); 0x01 UUID (16 bytes) first; 0x10 signed linear 16-bit
    8 kHz mono little-endian; 0x03 DTMF digit; 0xff error; 0x00 hang-up (0x00 0x00 0x00)."""
    tone = (np.sin(np.arange(320) / 7) * 0.4).astype(np.float32)
    for cut in (1, 2, 3, 7, 10_000):
        registry, agent_leg, customer_leg = paired_registry()
        stream = (
            audiosocket.uuid_frame(agent_leg)
            + audiosocket.audio_frame(tone[:160])
            + bytes([0x03, 0x00, 0x01])
            + b"5"
            + audiosocket.audio_frame(tone[160:])
            + bytes([0xFF, 0x00, 0x01, 0x02])
            + b"\x00\x00\x00"
        )
        p = audiosocket.AudioSocketProtocol(BASE, resolve=registry.resolve)
        out = [a for i in range(0, len(stream), cut) for a in p.receive_data(stream[i : i + cut])]
        [start] = of(out, StartCall)
        assert (start.agent_id, start.lanes, start.paired) == ("joe", {Lane.AGENT}, True)
        assert start.key == f"{agent_leg}+{customer_leg}" and start.metadata["label"] == "queue sales"
        media = of(out, Media)
        assert [m.position for m in media] == [0, 160] and all(m.lane is Lane.AGENT for m in media)
        assert np.allclose(np.concatenate([m.pcm for m in media]), tone, atol=1 / 32768)
        notes = of(out, StreamNote)
        assert [n.kind for n in notes] == ["dtmf", "pbx_error"] and "5" not in str(notes[0].fields)
        assert of(out, EndCall) == [EndCall(True, "hangup")] and of(out, Close)
    assert struct.unpack(">BH", audiosocket.hangup_frame()) == (0, 0)


@pytest.mark.parametrize("leg_uuid", [CALL_UUID, ASTERISK_DOC_UUID, "ffffffff-ffff-4fff-bfff-ffffffffffff"])
def test_audiosocket_any_unregistered_uuid_is_a_one_lane_call_on_the_configured_lane(leg_uuid):
    for lane in ("customer", "agent"):
        cfg = dataclasses.replace(BASE, audiosocket_single_leg_lane=lane, default_agent_id="desk-7")
        p = audiosocket.AudioSocketProtocol(cfg, resolve=PairRegistry(ttl_s=60.0).resolve)
        out = p.receive_data(audiosocket.uuid_frame(leg_uuid) + audiosocket.audio_frame(np.zeros(160, np.float32)))
        assert not of(out, Violation)
        [start] = of(out, StartCall)
        assert (start.key, start.agent_id, start.lanes, start.paired) == (leg_uuid, "desk-7", {Lane(lane)}, False)
        assert [m.lane for m in of(out, Media)] == [Lane(lane)]


def test_audiosocket_two_registered_legs_name_one_call_with_both_lanes():
    registry, agent_leg, customer_leg = paired_registry()
    starts = []
    for leg in (customer_leg, agent_leg):
        p = audiosocket.AudioSocketProtocol(BASE, resolve=registry.resolve)
        [start] = of(p.receive_data(audiosocket.uuid_frame(leg) + audiosocket.audio_frame(np.zeros(8))), StartCall)
        starts.append(start)
    assert starts[0].key == starts[1].key and {s.agent_id for s in starts} == {"joe"}
    assert [s.lanes for s in starts] == [{Lane.CUSTOMER}, {Lane.AGENT}] and all(s.paired for s in starts)


def test_audiosocket_closing_the_socket_ends_the_leg_complete_but_timeouts_and_resets_do_not():
    def ended(reason):
        p = audiosocket.AudioSocketProtocol(BASE)
        p.receive_data(audiosocket.uuid_frame(CALL_UUID) + audiosocket.audio_frame(np.zeros(160, np.float32)))
        return p.end_of_stream(reason)

    assert ended(END_DISCONNECTED) == [EndCall(True, "socket_closed")]
    assert ended("idle_timeout") == [EndCall(False, "idle_timeout")]
    assert ended(END_RESET) == [EndCall(False, END_RESET)]
    never_started = audiosocket.AudioSocketProtocol(BASE)
    assert never_started.end_of_stream(END_DISCONNECTED) == []


def test_audiosocket_16_khz_kind():
    """Kinds 0x11..0x16 carry 12/16/24/32/44.1/48 kHz slin (Asterisk res_audiosocket.c)."""
    p = audiosocket.AudioSocketProtocol(BASE)
    out = p.receive_data(audiosocket.uuid_frame(CALL_UUID) + audiosocket.audio_frame(np.zeros(320, np.float32), 16000))
    [start] = of(out, StartCall)
    assert start.rates[Lane.CUSTOMER] == 16000 and start.lanes == {Lane.CUSTOMER}


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (audiosocket.audio_frame(np.zeros(160, np.float32)), "no_uuid"),
        (audiosocket.frame(0x01, b"\x00" * 15), "bad_uuid"),
        (bytes([0x10, 0xFF, 0xFF]), "frame_too_large"),
    ],
)
def test_audiosocket_fatal_errors_close_the_connection(data, code):
    p = audiosocket.AudioSocketProtocol(dataclasses.replace(BASE, max_audiosocket_payload_bytes=4096))
    out = p.receive_data(data)
    assert of(out, Violation)[0].code == code and of(out, Close)
    assert p.receive_data(audiosocket.hangup_frame()) == []  # nothing after the close


def test_audiosocket_unknown_kinds_odd_payloads_and_rate_changes():
    p = audiosocket.AudioSocketProtocol(BASE)
    p.receive_data(audiosocket.uuid_frame(CALL_UUID))
    assert [v.code for v in p.receive_data(audiosocket.frame(0x42, b"abc"))] == ["unknown_kind"]
    assert of(p.receive_data(audiosocket.frame(0x10, b"\x00" * 3)), Violation)[0].code == "partial_sample"
    assert of(p.receive_data(audiosocket.audio_frame(np.zeros(160, np.float32))), Media)
    out = p.receive_data(audiosocket.audio_frame(np.zeros(160, np.float32), 16000))
    assert of(out, Violation)[0].code == "rate_changed" and of(out, EndCall) == [EndCall(False, "protocol_error")]
