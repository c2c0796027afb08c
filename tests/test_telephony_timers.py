"""Connection deadlines (start, idle, closing) decided on an injected clock, for each protocol machine."""

from __future__ import annotations

import dataclasses

import numpy as np

from coach.config import load_config
from coach.telephony import audiohook, audiosocket, twilio
from coach.telephony.endpoints import TelephonyIngest
from coach.telephony.machine import CLOSING_GRACE_S, StreamMachine, StreamTimer
from coach.telephony.mount import TCP_PROTOCOLS, WEBSOCKET_PATHS

CFG = dataclasses.replace(load_config().telephony, start_timeout_s=5.0, idle_timeout_s=10.0, allow_unauthenticated=True)
UUID = "40325ec2-5efd-4bd3-805f-53576e581d13"


def test_a_connection_has_start_timeout_s_from_connecting_to_identify_its_stream():
    machine = audiosocket.AudioSocketProtocol(CFG)
    timer = StreamTimer(CFG, opened=1000.0)
    assert timer.remaining(machine, 1000.0) == (5.0, "start_timeout")
    machine.receive(b"\x10\x00")  # part of a header: no complete message
    timer.observe(machine, 1003.0)
    assert timer.remaining(machine, 1003.0) == (2.0, "start_timeout")
    assert timer.remaining(machine, 1007.5) == (0.0, "start_timeout")


def test_after_the_start_only_complete_messages_restart_the_idle_timer():
    machine = audiosocket.AudioSocketProtocol(CFG)
    timer = StreamTimer(CFG, opened=0.0)
    machine.receive(audiosocket.uuid_frame(UUID))
    timer.observe(machine, 1.0)
    assert timer.remaining(machine, 1.0) == (10.0, "idle_timeout")
    frame = audiosocket.audio_frame(np.zeros(160, np.float32))
    for i, byte in enumerate(frame[:-1]):  # a slow loris: one byte a second, never a whole message
        machine.receive(bytes([byte]))
        timer.observe(machine, 2.0 + i)
    assert timer.remaining(machine, 11.0) == (0.0, "idle_timeout")
    machine.receive(frame[-1:])  # the message completes: the idle timer starts again
    timer.observe(machine, 11.5)
    assert timer.remaining(machine, 12.0) == (9.5, "idle_timeout")


def test_a_finished_stream_gets_a_short_grace_to_close():
    machine = twilio.TwilioProtocol(CFG)
    timer = StreamTimer(CFG, opened=0.0)
    for message in (twilio.connected_message(), twilio.start_message(call_sid="CA1", stream_sid="MZ1")):
        machine.receive(message)
    timer.observe(machine, 0.5)
    assert timer.remaining(machine, 3.0) == (7.5, "idle_timeout")
    machine.receive(twilio.stop_message(call_sid="CA1", stream_sid="MZ1", sequence=3))
    timer.observe(machine, 4.0)
    assert timer.remaining(machine, 4.0) == (CLOSING_GRACE_S, "closing")
    assert timer.remaining(machine, 4.0 + CLOSING_GRACE_S + 1) == (0.0, "closing")


def test_after_a_client_error_the_audiohook_client_gets_the_closing_grace():
    machine = audiohook.AudioHookProtocol(CFG, {})
    timer = StreamTimer(CFG, opened=0.0)
    client = audiohook.AudioHookClient("e160e428-53e2-487c-977d-96989bf5c99d")
    machine.receive(client.open(organization_id="d7934305-0972-4844-938e-9060eef73d05", conversation_id=UUID))
    timer.observe(machine, 1.0)
    machine.receive("{not json")
    timer.observe(machine, 6.0)
    assert timer.remaining(machine, 6.0) == (CLOSING_GRACE_S, "closing")  # answered with disconnect


def test_every_protocol_of_the_route_table_gets_a_machine_of_the_one_interface():
    ingest = TelephonyIngest(sink=None, cfg=CFG)  # type: ignore[arg-type]  # no call is started here
    for protocol in [*WEBSOCKET_PATHS.values(), *TCP_PROTOCOLS]:
        machine = ingest.machine(protocol, {})
        assert isinstance(machine, StreamMachine) and machine.source == protocol
        assert (machine.started, machine.finished, machine.messages, machine.session_id) == (False, False, 0, None)
