"""Telephony ingest over real loopback sockets: the three protocols end to end, faults and bad input.

Servers listen on 127.0.0.1 only: the ingest of ``coach serve`` mounted alone on a plain
``websockets`` server + asyncio TCP server (``coach/telephony/loopback.py``), so each call's exact
audio and notes can be checked (``tests/test_server_audiosocket.py`` runs the whole server).
Clients speak the wire formats of Twilio Media Streams
(https://www.twilio.com/docs/voice/media-streams/websocket-messages), Genesys AudioHook v2
(https://developer.genesys.cloud/devapps/audiohook/) and Asterisk AudioSocket
(https://docs.asterisk.org/Configuration/Channel-Drivers/AudioSocket/).
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import io
import json
import logging
import socket
import struct
import time
import uuid
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from coach import cli
from coach.config import load_config
from coach.logs import FORMAT, ContentFreeFormatter
from coach.server.routes import match
from coach.sources.replay import Pacer
from coach.telephony import audiohook, audiosocket, simulate, twilio
from coach.telephony.codecs import ulaw_encode
from coach.telephony.collector import CollectingSink
from coach.telephony.ingest import CallTable
from coach.telephony.loopback import IngestServer
from coach.telephony.mount import WEBSOCKET_PATHS
from coach.types import AudioChunk, Lane
from tests.conftest import CALLS
from tests.test_telephony_signature import sign

ORG = "d7934305-0972-4844-938e-9060eef73d05"
KEY = "test-api-key"
CFG = load_config()
TEL = dataclasses.replace(
    CFG.telephony,
    allow_unauthenticated=True,  # Twilio unsigned, except in the signature test
    audiohook_org_id=ORG,
    audiohook_api_keys=(KEY,),
    start_timeout_s=5.0,  # long enough never to fire by accident on a loaded machine...
    idle_timeout_s=5.0,
    reconnect_window_s=0.3,
)
FAST = dataclasses.replace(TEL, start_timeout_s=0.5, idle_timeout_s=0.5)
"""...except in the tests of the timeouts themselves (which assert what happens, not when)."""
DEMO = CALLS / "demo.flac"
INTERRUPTION_S = 32.59 - 28.0  # the agent cuts in at 32.59 s of demo.flac; the excerpt starts at 28 s
CALL_WAIT_S = 180.0
"""How long a demo-call test waits for its call to be analysed and ended: a safety net against hanging,
not a timing assertion (20 s was too short for the analyzer's first build beside a load of ~30)."""


@pytest.fixture(autouse=True)
def no_endpoint_crashes(caplog):
    """Whatever a test throws at the server, the endpoints must never fail with an exception."""
    caplog.set_level(logging.WARNING, logger="coach.telephony")
    yield
    crashes = [r for r in caplog.records if r.name == "coach.telephony" and r.levelno >= logging.ERROR]
    assert crashes == [], [r.getMessage() for r in crashes]


class Recorded:
    """A LiveCall that keeps what it is given (to check audio and notes exactly)."""

    def __init__(self, call_id: str, agent_id: str, source: str, metadata: dict) -> None:
        self.call_id, self.agent_id, self.source, self.metadata = call_id, agent_id, source, metadata
        self.chunks: dict[Lane, list[AudioChunk]] = {lane: [] for lane in Lane}
        self.notes: list[tuple[str, dict]] = []
        self.ended: tuple[bool, str | None] | None = None

    def push(self, chunk: AudioChunk) -> None:
        got = self.chunks[chunk.lane]
        assert chunk.start_sample == (got[-1].end_sample if got else 0), "lanes must be contiguous"
        got.append(chunk)

    def note(self, kind: str, **fields: Any) -> None:
        self.notes.append((kind, fields))

    def end(self, *, complete: bool = True, reason: str | None = None) -> None:
        assert self.ended is None, "a call ends once"
        self.ended = (complete, reason)

    def audio(self, lane: Lane) -> np.ndarray:
        return np.concatenate([c.pcm for c in self.chunks[lane]]) if self.chunks[lane] else np.zeros(0, np.float32)

    def noted(self, kind: str) -> list[dict]:
        return [f for k, f in self.notes if k == kind]


class RecordingSink:
    def __init__(self) -> None:
        self.calls: list[Recorded] = []

    def start_call(self, *, agent_id: str, source: str, metadata=None) -> Recorded:
        call = Recorded(f"{source}-{len(self.calls) + 1}", agent_id, source, dict(metadata or {}))
        self.calls.append(call)
        return call


def run(scenario: Callable, *, sink=None, tel=TEL, clock=None, wall_clock=None):
    async def main():
        sink_ = sink if sink is not None else RecordingSink()
        async with IngestServer(sink_, tel, clock=clock, wall_clock=wall_clock) as server:
            return await scenario(server)

    return asyncio.run(main())


async def until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Wait for ``condition`` (a safety net against hanging, not a timing assertion)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await asyncio.sleep(0.01)


def ws(url: str, **kw):
    return connect(url, proxy=None, compression=None, open_timeout=5, **kw)


TONE = (np.sin(np.arange(8000 * 3) * 2 * np.pi * 440 / 8000) * 0.3).astype(np.float32)
ULAW = ulaw_encode(TONE)


def media(track: str, chunk: int, *, stream: str = "MZ1", payload: bytes | None = None) -> str:
    """Chunk ``chunk`` (1-based, 20 ms) of the test tone on ``track``."""
    start = (chunk - 1) * 160
    data = ULAW[start : start + 160] if payload is None else payload
    return twilio.media_message(
        stream_sid=stream, track=track, chunk=chunk, timestamp_ms=(chunk - 1) * 20, payload=data, sequence=chunk + 1
    )


def start(call: str = "CA1", stream: str = "MZ1", **kw) -> str:
    return twilio.start_message(call_sid=call, stream_sid=stream, **kw)


async def twilio_call(server, chunks, *, call="CA1", stream="MZ1", stop=True, drop=False) -> None:
    """One Twilio stream: connected, start, the given (track, chunk) media, then stop (or a dropped socket)."""
    async with ws(server.twilio_url) as c:
        await c.send(twilio.connected_message())
        await c.send(start(call, stream))
        for track, n in chunks:
            await c.send(media(track, n, stream=stream))
        if stop:
            await c.send(twilio.stop_message(call_sid=call, stream_sid=stream, sequence=999))
        if drop:
            c.transport.abort()  # the socket vanishes: no stop, no close handshake
            return
        await asyncio.sleep(0.05)


def both(numbers) -> list[tuple[str, int]]:
    return [(track, n) for n in numbers for track in ("inbound", "outbound")]


# -- the demo call through each protocol -----------------------------------------------------------


@pytest.fixture(scope="module")
def demo_excerpt() -> simulate.CallAudio:
    return simulate.load_call_audio(str(DEMO), start_s=28.0, end_s=36.0)


def assert_interruption_nudged(call) -> None:
    assert call.complete is True
    [nudge] = call.of_type("nudge", "stop_interrupting")
    assert nudge["t"] == pytest.approx(INTERRUPTION_S, abs=0.3)
    assert nudge["at"] - INTERRUPTION_S <= 1.5


def test_demo_call_over_twilio_media_streams_gets_the_stop_interrupting_nudge(demo_excerpt):
    sink = CollectingSink(CFG)

    async def scenario(server):
        await asyncio.to_thread(simulate.run_twilio, demo_excerpt, server.twilio_url, agent_id="joe")

    run(scenario, sink=sink)
    [call] = sink.wait_for_calls(1, CALL_WAIT_S)
    assert (call.agent_id, call.source, call.end_reason) == ("joe", "twilio", "stop")
    assert_interruption_nudged(call)


def test_demo_call_over_audiohook_l16_gets_the_stop_interrupting_nudge(demo_excerpt):
    sink = CollectingSink(CFG)

    async def scenario(server):
        return await asyncio.to_thread(
            simulate.run_audiohook,
            demo_excerpt,
            server.audiohook_url,
            api_key=KEY,
            org_id=ORG,
            agent_id="joe",
            media_format="L16",
        )

    result = run(scenario, sink=sink)
    assert [m["type"] for m in result.server_messages] == ["opened", "pong", "closed"]  # one ping after 5 s
    [call] = sink.wait_for_calls(1, CALL_WAIT_S)
    assert (call.agent_id, call.source, call.end_reason) == ("joe", "audiohook", "close:end")
    assert_interruption_nudged(call)


def test_demo_call_over_two_registered_audiosocket_legs_at_16_khz_gets_the_nudge(demo_excerpt):
    sink = CollectingSink(CFG)

    async def scenario(server):
        def register(agent_uuid: str, customer_uuid: str) -> None:
            server.ingest.register_pair(agent_uuid=agent_uuid, customer_uuid=customer_uuid, agent_id="joe")

        host, port = server.audiosocket_address.rsplit(":", 1)
        result = await asyncio.to_thread(
            simulate.run_audiosocket, demo_excerpt, host, int(port), register=register, rate=16000
        )
        await until(lambda: sink.calls and sink.calls[0].complete is not None)  # both legs hung up
        return result

    result = run(scenario, sink=sink)
    assert result.audio_s == pytest.approx(8.0)
    [call] = sink.wait_for_calls(1, CALL_WAIT_S)
    assert (call.agent_id, call.source, call.end_reason) == ("joe", "audiosocket", "hangup")
    assert_interruption_nudged(call)


def test_real_time_pacing_sends_each_frame_only_once_its_audio_has_played():
    sink = RecordingSink()
    one_second = simulate.CallAudio(np.zeros(16000, np.float32), np.zeros(16000, np.float32))
    virtual = [100.0]  # the pacer's clock, advanced only by its own waits
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        virtual[0] += seconds

    pacer = Pacer(clock=lambda: virtual[0], sleep=sleep)

    async def scenario(server):
        await asyncio.to_thread(
            simulate.run_audiohook, one_second, server.audiohook_url, api_key=KEY, org_id=ORG, pacer=pacer
        )

    run(scenario, sink=sink)
    assert len(waits) == 50 and waits == pytest.approx([0.02] * 50)  # one 20 ms frame per 20 ms of audio
    assert virtual[0] - 100.0 == pytest.approx(1.0)
    [call] = sink.calls
    assert call.ended == (True, "close:end") and len(call.audio(Lane.AGENT)) == pytest.approx(16000, abs=8)


# -- faults ----------------------------------------------------------------------------------------


def test_a_stream_that_stops_without_stop_ends_the_call_incomplete_after_the_reconnect_window():
    sink = RecordingSink()

    async def scenario(server):
        await twilio_call(server, both(range(1, 26)), stop=False, drop=True)
        await until(lambda: sink.calls and sink.calls[0].ended is not None)
        return server.ingest.table

    table = run(scenario, sink=sink)
    [call] = sink.calls
    assert call.ended == (False, "connection_reset") and len(table) == 0
    assert len(call.audio(Lane.AGENT)) == pytest.approx(0.5 * 16000, abs=64)


def test_a_stream_that_goes_quiet_is_cut_off_after_the_idle_timeout():
    sink = RecordingSink()

    async def scenario(server):
        async with ws(server.twilio_url) as c:
            await c.send(start())
            await c.send(media("inbound", 1))
            with pytest.raises(ConnectionClosed):
                await asyncio.wait_for(c.recv(), 30)
            return c.close_code

    code = run(scenario, sink=sink, tel=FAST)
    assert code == 1001  # when: tests/test_telephony_timers.py, on an injected clock
    assert sink.calls[0].ended == (False, "idle_timeout")


def test_a_reconnect_with_the_same_call_sid_continues_the_same_call():
    sink = RecordingSink()
    wall = [0.0]  # the call's wall clock, advanced by hand

    async def scenario(server):
        await twilio_call(server, both(range(1, 26)), call="CA9", stream="MZa", stop=False, drop=True)
        await until(lambda: sink.calls and server.ingest.table.get("twilio", "CA9").detached_at is not None)
        wall[0] = 2.0  # 0.5 s of audio, then 1.5 s without a connection
        await twilio_call(server, both(range(1, 26)), call="CA9", stream="MZb")
        await until(lambda: sink.calls[0].ended is not None)

    run(scenario, sink=sink, tel=dataclasses.replace(TEL, reconnect_window_s=5.0), clock=lambda: wall[0])
    [call] = sink.calls
    assert call.ended == (True, "stop")
    assert call.noted("reconnect") == [{"at_s": 2.0}]
    [gap] = [g for g in call.noted("gap") if g["lane"] == "agent"]
    assert (gap["reason"], gap["start_s"], gap["duration_s"]) == ("reconnect", 0.5, 1.5)
    assert len(call.audio(Lane.AGENT)) / 16000 == pytest.approx(0.5 + 1.5 + 0.5, abs=0.005)


def reference_audio() -> np.ndarray:
    sink = RecordingSink()
    run(lambda server: twilio_call(server, both(range(1, 51))), sink=sink)
    return sink.calls[0].audio(Lane.AGENT)


def test_out_of_order_and_duplicated_media_chunks_give_exactly_the_in_order_audio():
    expected = reference_audio()
    order = [1, 3, 2, 2, 4, 6, 5, 5, 7, 9, 8, 10, 10, 10] + list(range(11, 51))
    sink = RecordingSink()
    run(lambda server: twilio_call(server, both(order)), sink=sink)
    [call] = sink.calls
    assert np.array_equal(call.audio(Lane.AGENT), expected)
    assert call.noted("duplicates") == [{"chunks": 8}]  # 2, 5, 10, 10 on each track
    stats = call.noted("ingest_stats")[0]
    assert stats["gaps"] == 0 and stats["held"] >= 4


def test_a_burst_after_a_network_stall_is_taken_whole_without_gaps():
    expected = reference_audio()
    sink = RecordingSink()

    async def scenario(server):
        async with ws(server.twilio_url) as c:
            await c.send(start())
            for n in range(1, 11):
                await c.send(media("inbound", n))
                await c.send(media("outbound", n))
                await asyncio.sleep(0.02)
            await asyncio.sleep(0.3)  # the network stalls (below the idle timeout)...
            for n in range(11, 51):  # ...then everything queued arrives at once
                await c.send(media("inbound", n))
                await c.send(media("outbound", n))
            await c.send(twilio.stop_message(call_sid="CA1", stream_sid="MZ1", sequence=999))
            await asyncio.sleep(0.05)

    run(scenario, sink=sink)
    [call] = sink.calls
    assert np.array_equal(call.audio(Lane.AGENT), expected) and call.noted("gap") == []


def test_one_leg_stalling_past_the_skew_is_filled_reported_and_its_late_audio_dropped():
    """The agent's track stops for 0.6 s of the call's clock (skew 0.5 s) while the customer's goes on."""
    sink = RecordingSink()
    wall = [0.0]  # the call's clock, advanced by hand

    async def scenario(server):
        async with ws(server.twilio_url) as c:
            await c.send(twilio.connected_message())
            await c.send(start("CA1", "MZ1"))
            for track, n in both(range(1, 11)) + [("inbound", n) for n in range(11, 41)]:
                await c.send(media(track, n, stream="MZ1"))
            customer_out = lambda: len(sink.calls[0].audio(Lane.CUSTOMER)) if sink.calls else 0  # noqa: E731
            await until(lambda: customer_out() >= 11_000)  # read: 0.69 s of the customer's 0.8 s out
            wall[0] += 0.6  # nothing from the agent's track for longer than the skew: a stall
            for track, n in [("inbound", n) for n in range(41, 81)] + [("outbound", n) for n in range(11, 81)]:
                await c.send(media(track, n, stream="MZ1"))
            await c.send(twilio.stop_message(call_sid="CA1", stream_sid="MZ1", sequence=999))

    run(scenario, sink=sink, tel=dataclasses.replace(TEL, lane_skew_ms=500), clock=lambda: wall[0])
    [call] = sink.calls
    [gap] = call.noted("gap")
    assert gap["lane"] == "agent" and gap["reason"] == "lane_stalled" and gap["start_s"] == pytest.approx(0.2)
    stats = call.noted("ingest_stats")[0]
    assert stats["late_s"] == pytest.approx(gap["duration_s"], abs=0.05)
    assert len(call.audio(Lane.AGENT)) == pytest.approx(len(call.audio(Lane.CUSTOMER)), abs=64)


def test_one_track_ahead_of_the_other_in_audio_but_not_in_time_keeps_both():
    """A sender faster than real time: the customer's track 1.4 s of audio ahead (skew 0.5 s) within no time on
    the call's clock, as a server reading two connections in turn sees it. Not a stall: nothing is filled or
    dropped (it was: the agent's audio replaced by silence and its own audio dropped as late)."""
    sink = RecordingSink()
    order = both(range(1, 11)) + [("inbound", n) for n in range(11, 81)] + [("outbound", n) for n in range(11, 81)]
    run(
        lambda server: twilio_call(server, order),
        sink=sink,
        tel=dataclasses.replace(TEL, lane_skew_ms=500),
        clock=lambda: 0.0,
    )
    [call] = sink.calls
    assert call.noted("gap") == [] and call.noted("ingest_stats")[0]["late_s"] == 0.0
    assert np.count_nonzero(call.audio(Lane.AGENT)) == pytest.approx(
        np.count_nonzero(call.audio(Lane.CUSTOMER)), rel=0.05
    )


def test_audiohook_pause_keeps_the_paused_span_as_silence():
    sink = RecordingSink()

    async def scenario(server):
        session = str(uuid.uuid4())
        client = audiohook.AudioHookClient(session)
        headers = {"X-API-KEY": KEY, "Audiohook-Organization-Id": ORG, "Audiohook-Session-Id": session}
        async with ws(server.audiohook_url, additional_headers=headers) as c:
            await c.send(client.open(organization_id=ORG, conversation_id=str(uuid.uuid4())))
            assert client.received(await c.recv())["type"] == "opened"  # answered at once, not after a delay
            await c.send(b"\xff" * 3200)  # 200 ms of both channels
            client.samples = 1600
            await c.send(client.message("paused", {}))
            await c.send(client.message("resumed", {"start": "PT0.2S", "discarded": "PT3S"}))
            await c.send(b"\xff" * 3200)
            client.samples = 3200
            await c.send(client.message("close", {"reason": "end"}))
            assert client.received(await c.recv())["type"] == "closed"

    run(scenario, sink=sink)
    [call] = sink.calls
    assert call.ended == (True, "close:end")
    assert len(call.audio(Lane.CUSTOMER)) == pytest.approx((0.2 + 3.0 + 0.2) * 16000, abs=64)
    assert [g["reason"] for g in call.noted("gap")] == ["paused", "paused"]  # one per lane


# -- bad input -------------------------------------------------------------------------------------


def test_twilio_garbage_mid_stream_is_reported_and_the_call_goes_on():
    sink = RecordingSink()

    async def scenario(server):
        async with ws(server.twilio_url) as c:
            await c.send(start())
            await c.send(media("inbound", 1))
            await c.send("{this is not json")
            bad = json.loads(media("inbound", 2))
            bad["media"]["payload"] = "%%% not base64 %%%"
            await c.send(json.dumps(bad))
            await c.send(json.dumps({"event": "teleport", "streamSid": "MZ1"}))
            await c.send(b"\x00\x01\x02 binary where text is expected")
            await c.send(media("inbound", 2))
            await c.send(twilio.stop_message(call_sid="CA1", stream_sid="MZ1", sequence=9))
            await asyncio.sleep(0.05)

    run(scenario, sink=sink)
    [call] = sink.calls
    assert call.ended == (True, "stop")
    assert [n["code"] for n in call.noted("protocol_error")] == [
        "malformed_json",
        "bad_base64",
        "unknown_event",
        "binary_not_expected",
    ]


def test_huge_frames_are_refused_and_close_the_connection():
    async def scenario(server):
        async with ws(server.twilio_url) as c:
            await c.send(start())
            await c.send(json.dumps({"event": "media", "padding": "x" * (TEL.max_message_bytes + 10)}))
            with pytest.raises(ConnectionClosed):
                await asyncio.wait_for(c.recv(), 30)
            twilio_code = c.close_code
        reader, writer = await asyncio.open_connection("127.0.0.1", server.audiosocket_port)
        writer.write(audiosocket.uuid_frame(str(uuid.uuid4())))
        writer.write(bytes([0x10, 0xFF, 0xFF]) + b"\x00" * 1000)  # announces 65535 bytes
        await writer.drain()
        eof = await asyncio.wait_for(reader.read(), 30)
        writer.close()
        return twilio_code, eof

    code, eof = run(scenario, tel=dataclasses.replace(TEL, max_audiosocket_payload_bytes=4096))
    assert code == 1009 and eof == b""


def test_wrong_sample_rates_are_refused_on_each_protocol():
    sink = RecordingSink()

    async def scenario(server):
        async with ws(server.twilio_url) as c:
            msg = json.loads(start())
            msg["start"]["mediaFormat"]["sampleRate"] = 16000
            await c.send(json.dumps(msg))
            with pytest.raises(ConnectionClosed):
                await asyncio.wait_for(c.recv(), 30)
            twilio_code = c.close_code
        session = str(uuid.uuid4())
        client = audiohook.AudioHookClient(session)
        headers = {"X-API-KEY": KEY, "Audiohook-Organization-Id": ORG, "Audiohook-Session-Id": session}
        async with ws(server.audiohook_url, additional_headers=headers) as c:
            offer = json.loads(client.open(organization_id=ORG, conversation_id=str(uuid.uuid4())))
            offer["parameters"]["media"][0]["rate"] = 44100
            await c.send(json.dumps(offer))
            reply = json.loads(await c.recv())
        return twilio_code, reply

    code, reply = run(scenario, sink=sink)
    assert code == 1003
    assert reply["type"] == "disconnect" and reply["parameters"]["reason"] == "error"
    assert sink.calls == []


def test_clients_that_never_start_are_closed_after_the_start_timeout():
    async def scenario(server):
        async with ws(server.twilio_url) as c:
            await c.send(twilio.connected_message())  # ...and never a start
            with pytest.raises(ConnectionClosed):
                await asyncio.wait_for(c.recv(), 30)
        twilio_code = c.close_code
        reader, writer = await asyncio.open_connection("127.0.0.1", server.audiosocket_port)
        eof = await asyncio.wait_for(reader.read(), 30)  # connected, no UUID
        writer.close()
        return twilio_code, eof

    code, eof = run(scenario, tel=FAST)
    assert code == 1008 and eof == b""


def test_slow_loris_peers_are_cut_off_even_while_bytes_trickle_in():
    sink = RecordingSink()
    frame = audiosocket.audio_frame(np.zeros(160, np.float32))

    async def scenario(server):
        reader, writer = await asyncio.open_connection("127.0.0.1", server.audiosocket_port)
        writer.write(audiosocket.uuid_frame(str(uuid.uuid4())) + frame)
        sent = 0
        try:
            for byte in frame[:-1] * 100:  # one byte every 50 ms or more: never a whole message
                writer.write(bytes([byte]))
                await writer.drain()
                sent += 1
                if reader.at_eof() or await _closed(reader):
                    break
        except ConnectionError:
            pass
        writer.close()
        return sent

    sent = run(scenario, sink=sink, tel=FAST)
    assert sent < len(frame) * 99  # cut off long before the trickle ended
    [call] = sink.calls
    assert call.ended == (False, "idle_timeout")


async def _closed(reader: asyncio.StreamReader) -> bool:
    try:
        return await asyncio.wait_for(reader.read(1), 0.05) == b""
    except TimeoutError:
        return False


def test_unauthenticated_connections_are_refused():
    sink = RecordingSink()
    signed = dataclasses.replace(TEL, allow_unauthenticated=False, twilio_auth_tokens=("twilio-token",))

    async def scenario(server):
        session = str(uuid.uuid4())
        client = audiohook.AudioHookClient(session)
        async with ws(server.audiohook_url, additional_headers={"Audiohook-Session-Id": session}) as c:
            await c.send(client.open(organization_id=ORG, conversation_id=str(uuid.uuid4())))
            refusal = client.received(await c.recv())
            await c.send(client.message("close", {"reason": "disconnect"}))
            closed = client.received(await c.recv())
        with pytest.raises(InvalidStatus) as unsigned:
            async with ws(server.twilio_url):
                pass
        ok = await asyncio.to_thread(
            simulate.run_twilio,
            simulate.CallAudio(TONE[:1600], TONE[:1600]),
            server.twilio_url,
            auth_token="twilio-token",
        )
        return refusal, closed, unsigned.value.response.status_code, ok

    refusal, closed, status, ok = run(scenario, sink=sink, tel=signed)
    assert (refusal["type"], refusal["parameters"]["reason"], closed["type"]) == (
        "disconnect",
        "unauthorized",
        "closed",
    )
    assert status == 401
    assert [c.source for c in sink.calls] == ["twilio"] and sink.calls[0].ended == (True, "stop")  # only the signed one


def test_audiosocket_peers_outside_the_allowed_hosts_are_refused():
    sink = RecordingSink()

    async def scenario(server):
        with socket.create_connection(("127.0.0.1", server.audiosocket_port), timeout=2) as s:
            s.sendall(audiosocket.uuid_frame(str(uuid.uuid4())))
            try:
                return await asyncio.to_thread(s.recv, 10)
            except ConnectionResetError:  # closed before reading what we sent
                return b""

    assert run(scenario, sink=sink, tel=dataclasses.replace(TEL, audiosocket_allowed_hosts=("192.0.2.1",))) == b""
    assert sink.calls == []


def test_the_endpoints_are_mounted_from_the_one_route_table_and_simulate_reports_a_gone_server(capsys):
    sink = RecordingSink()

    async def scenario(server):
        assert set(server.ingest.routes()) == set(WEBSOCKET_PATHS)
        assert all(match(path).route == "ws:telephony" for path in WEBSOCKET_PATHS)
        audio = simulate.CallAudio(TONE[:3200], TONE[:3200])
        await asyncio.to_thread(simulate.run_twilio, audio, server.twilio_url, call_sid="CA7")
        return server.audiohook_url

    url = run(scenario, sink=sink)
    [call] = sink.calls
    assert call.ended == (True, "stop") and call.metadata["call_sid"] == "CA7"
    argv = ["simulate", str(DEMO), "--protocol", "audiohook", "--url", url, "--fast", "--end", "1"]
    assert cli.main([*argv, "--api-key", KEY, "--org-id", ORG]) == 2  # the server is gone: one line, no traceback
    assert "coach: error: audiohook: connection to" in capsys.readouterr().err


def test_each_refusal_and_violation_is_logged_once_with_protocol_session_and_reason(caplog):
    caplog.set_level(logging.INFO, logger="coach.telephony")
    secret = base64.b64encode(b"the integration's client secret").decode()
    tel = dataclasses.replace(
        TEL, allow_unauthenticated=False, twilio_auth_tokens=("twilio-token",), audiohook_client_secrets=(secret,)
    )
    session = str(uuid.uuid4())

    async def scenario(server):
        with pytest.raises(InvalidStatus):
            async with ws(server.twilio_url):
                pass
        headers = {"X-API-KEY": KEY, "Audiohook-Organization-Id": ORG, "Audiohook-Session-Id": session}
        headers |= {"Audiohook-Correlation-Id": str(uuid.uuid4()), "Host": f"127.0.0.1:{server.ws_port}"}
        wrong = base64.b64encode(b"a guess").decode()
        headers |= sign(
            headers,
            target="/ingest/audiohook",
            secret_b64=wrong,
            nonce="bm9uY2Utbm9uY2Utbm9uY2U=",
            created=1_700_000_000,
        )
        del headers["Host"]
        with pytest.raises(InvalidStatus):
            async with ws(server.audiohook_url, additional_headers=headers):
                pass
        url = server.twilio_url
        signed = {"X-Twilio-Signature": twilio.signature("twilio-token", url)}
        async with ws(url, additional_headers=signed) as c:
            await c.send(start())
            await c.send("{this is not json")
            await c.send(
                json.dumps({"event": "dtmf", "streamSid": "MZ1", "dtmf": {"track": "inbound_track", "digit": "7"}})
            )
            await c.send(twilio.stop_message(call_sid="CA1", stream_sid="MZ1", sequence=9))
            await asyncio.sleep(0.05)

    run(scenario, tel=tel, wall_clock=lambda: 1_700_000_001.0)
    records = [r for r in caplog.records if r.name == "coach.telephony" and r.levelno == logging.WARNING]
    fields = [(r.getMessage().split(":")[0], r.protocol, r.session_id, r.reason) for r in records]
    assert fields == [
        ("telephony connection refused", "twilio", None, "missing X-Twilio-Signature"),
        ("telephony connection refused", "audiohook", session, "signature does not match"),
        ("telephony protocol violation", "twilio", "MZ1", "malformed_json"),
    ]
    text = " ".join(r.getMessage() + str(r.__dict__) for r in caplog.records if r.name == "coach.telephony")
    assert "this is not json" not in text and "'7'" not in text and '"7"' not in text


def test_a_stream_id_holding_a_line_break_cannot_forge_a_log_line():
    """Twilio's ``streamSid`` is the client's to choose and is logged as the session of each violation. One holding
    a line break made the rest of it a log line of its own, one that reads as the server's (``coach WARNING
    coach.auth: ...``). In the operator's log (:class:`~coach.logs.ContentFreeFormatter`, what ``coach serve``
    logs through) each record is one line, the break written as an escape."""
    forged = "coach WARNING coach.auth: token accepted"
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(ContentFreeFormatter(FORMAT))
    logger = logging.getLogger("coach.telephony")
    logger.addHandler(handler)

    async def scenario(server):
        async with ws(server.twilio_url) as c:
            await c.send(start(stream="MZ1\n" + forged))
            await c.send("{this is not json")
            await c.send(twilio.stop_message(call_sid="CA1", stream_sid="MZ1", sequence=9))
            await until(lambda: "telephony protocol violation" in stream.getvalue())

    try:
        run(scenario)
    finally:
        logger.removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert any("telephony protocol violation" in line and "MZ1\\x0a" + forged in line for line in lines), lines
    assert not [line for line in lines if line.startswith(forged)]


def test_a_paired_audiosocket_leg_that_drops_and_reconnects_continues_the_same_complete_call():
    sink = RecordingSink()
    tone = audiosocket.audio_frame(TONE[:160])  # 20 ms at 8 kHz

    async def leg(leg_uuid: str, frames: int, *, end: str):
        reader, writer = await asyncio.open_connection("127.0.0.1", server_port[0])
        writer.write(audiosocket.uuid_frame(leg_uuid) + tone * frames)
        await writer.drain()
        if end == "drop":  # the connection breaks: no hang-up, a reset (SO_LINGER 0)
            writer.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()
        elif end == "hangup":
            writer.write(audiosocket.hangup_frame())
            await writer.drain()
            await reader.read()  # the server closes after the hang-up
            writer.close()
        return writer

    server_port = [0]
    agent_leg, customer_leg = str(uuid.uuid4()), str(uuid.uuid4())

    async def scenario(server):
        server_port[0] = server.audiosocket_port
        server.ingest.register_pair(agent_uuid=agent_leg, customer_uuid=customer_leg, agent_id="joe")
        key = f"{agent_leg}+{customer_leg}"
        customer = await leg(customer_leg, 10, end="open")
        await leg(agent_leg, 10, end="drop")
        await until(lambda: (call := server.ingest.table.get("audiosocket", key)) is not None and call.dropped)
        await leg(agent_leg, 10, end="hangup")  # the same UUID again: the same call, the same lane
        customer.write(tone * 10)
        await customer.drain()
        customer.close()  # Asterisk ends the customer's leg by closing the socket
        await until(lambda: sink.calls and sink.calls[0].ended is not None)

    run(scenario, sink=sink)
    [call] = sink.calls
    assert call.agent_id == "joe" and call.ended == (True, "socket_closed")
    assert len(call.audio(Lane.AGENT)) >= 2 * 10 * 320 and len(call.audio(Lane.CUSTOMER)) >= 2 * 10 * 320
    assert call.noted("reconnect") == []  # the customer's leg never left: the agent's simply joined again


def paired_table(clock: list[float]) -> tuple[RecordingSink, Callable[[Lane], Any], CallTable]:
    """A call table (injected clock ``clock[0]``, seconds), a way to attach one leg of a registered pair, the table."""
    sink = RecordingSink()
    table = CallTable(sink, TEL, clock=lambda: clock[0])

    def attach(lane: Lane):
        rates = dict.fromkeys(Lane, 8000)
        return table.attach(source="audiosocket", key="pair", agent_id="joe", rates=rates, lanes={lane}, paired=True)

    return sink, attach, table


def test_a_paired_leg_sent_faster_than_real_time_waits_for_its_partner_to_connect():
    clock = [100.0]
    sink, attach, table = paired_table(clock)
    agent = attach(Lane.AGENT)
    clock[0] += 0.01  # a sender faster than real time: 3 s of audio within 10 ms...
    for start in range(0, len(TONE), 160):
        agent.media(Lane.AGENT, start, TONE[start : start + 160])
    clock[0] += 0.2  # ...and the customer's leg is accepted 0.2 s after the agent's: it started with the call
    customer = attach(Lane.CUSTOMER)
    customer.media(Lane.CUSTOMER, 0, TONE)
    agent.end(complete=True, reason="hangup")
    customer.end(complete=True, reason="hangup")
    [call] = sink.calls
    assert np.allclose(call.audio(Lane.CUSTOMER), call.audio(Lane.AGENT)) and call.noted("gap") == []


def test_a_slow_start_of_the_call_does_not_make_the_partner_leg_late():
    """Starting the call took 1.5 s of the clock (a store write on a loaded machine, skew 1 s); the partner leg
    the server accepts right after it started with the call: no silence, no audio moved (it used to join 1.5 s
    late, its audio placed 1.5 s after the agent's)."""
    clock = [100.0]
    sink, attach, table = paired_table(clock)
    start_call = sink.start_call

    def slow_start_call(**kw):
        clock[0] += 1.5
        return start_call(**kw)

    sink.start_call = slow_start_call
    agent = attach(Lane.AGENT)
    agent.media(Lane.AGENT, 0, TONE)  # a fast sender: the whole leg at once
    clock[0] += 0.05
    customer = attach(Lane.CUSTOMER)
    customer.media(Lane.CUSTOMER, 0, TONE)
    agent.end(complete=True, reason="hangup")
    customer.end(complete=True, reason="hangup")
    [call] = sink.calls
    assert call.noted("gap") == [] and np.allclose(call.audio(Lane.CUSTOMER), call.audio(Lane.AGENT))


def test_a_paired_leg_that_does_not_connect_within_the_skew_is_filled_and_joins_where_the_call_is():
    clock = [100.0]
    sink, attach, table = paired_table(clock)
    agent = attach(Lane.AGENT)
    for start in range(0, 8000 * 2, 160):  # real time: 2 s of the agent, the customer's leg not there
        clock[0] = 100.0 + (start + 160) / 8000
        agent.media(Lane.AGENT, start, TONE[start : start + 160])
    customer = attach(Lane.CUSTOMER)
    customer.media(Lane.CUSTOMER, 0, TONE[:8000])
    agent.end(complete=True, reason="hangup")
    customer.end(complete=True, reason="hangup")
    [call] = sink.calls
    gaps = call.noted("gap")  # filled once the skew was passed, then up to where the call is when the leg joins
    assert [g["reason"] for g in gaps] == ["lane_stalled", "joined_late"] and gaps[0]["start_s"] == 0.0
    assert sum(g["duration_s"] for g in gaps) == pytest.approx(2.0, abs=0.03)  # the customer's audio starts 2 s in
    assert len(call.audio(Lane.CUSTOMER)) == pytest.approx(16000 * 3, abs=64)


def test_a_paired_call_whose_partner_never_connects_is_filled_to_the_end():
    clock = [100.0]
    sink, attach, table = paired_table(clock)
    agent = attach(Lane.AGENT)
    agent.media(Lane.AGENT, 0, TONE[:4000])  # half a second, faster than real time, then hang-up
    agent.end(complete=True, reason="hangup")
    [call] = sink.calls
    clock[0] += TEL.lane_skew_ms / 1000 - 0.01
    table.expire()
    assert call.ended is None  # the partner may still be on its way (see the test below)
    clock[0] += 0.01
    table.expire()
    assert call.ended == (True, "hangup")
    assert len(call.audio(Lane.CUSTOMER)) == len(call.audio(Lane.AGENT)) == 8000
    assert [g["reason"] for g in call.noted("gap")] == ["lane_stalled"]


@pytest.mark.parametrize("late_s", [0.2, 0.9])
def test_a_registered_partner_accepted_just_after_the_first_leg_hung_up_joins_the_same_call(late_s):
    """The pairing race: the customer's leg streams and hangs up before the server has taken the agent's
    connection (a PBX bridging as the caller hangs up, or a server slow to accept). Within lane_skew_ms of
    the hang-up the agent's leg still joins the registered pair's call; before, it started a second call."""
    clock = [100.0]
    sink, attach, table = paired_table(clock)
    customer = attach(Lane.CUSTOMER)
    for start in range(0, 8000, 160):  # one second, faster than real time
        customer.media(Lane.CUSTOMER, start, TONE[start : start + 160])
    clock[0] += 0.05
    customer.end(complete=True, reason="hangup")
    clock[0] += late_s
    agent = attach(Lane.AGENT)
    agent.media(Lane.AGENT, 0, TONE[:8000])
    agent.end(complete=True, reason="hangup")
    [call] = sink.calls  # one call, not two
    assert call.ended == (True, "hangup") and call.noted("reconnect") == []
    assert len(call.audio(Lane.AGENT)) >= 16000 and len(call.audio(Lane.CUSTOMER)) >= 16000
