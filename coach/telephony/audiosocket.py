"""Asterisk AudioSocket, sans-I/O: a TCP byte stream in, actions out (and frames for the other way).

Wire format (Asterisk documentation, "AudioSocket" channel driver / protocol definition,
https://docs.asterisk.org/Configuration/Channel-Drivers/AudioSocket/, and ``res/res_audiosocket.c``):
each message is a 3-byte header (1-byte kind, 2-byte big-endian payload length) and the payload.
Kinds: ``0x00`` hang up (no payload), ``0x01`` the stream's UUID (16 bytes, sent first), ``0x03``
one DTMF digit (ASCII), ``0x10`` signed linear 16-bit little-endian mono at 8 kHz, ``0x11`` ..
``0x16`` the same at 12, 16, 24, 32, 44.1 and 48 kHz (the kinds Asterisk's ``res_audiosocket.c``
uses; an earlier documentation patch proposed ``0x11`` for 16 kHz), ``0xff`` an error (optional
1-byte code). The protocol is symmetric: the same frames flow both ways.

Lanes. One AudioSocket connection carries one channel's audio, i.e. one party. A coached call is
therefore two connections, one per leg, and this module fixes how they pair up: both legs use the
call's UUID with the **last hex digit replaced by the lane**: ``a`` for the agent, ``c`` for the
customer (dialplan: ``AudioSocket(${CALL_UUID:0:35}a,coach:9092)`` on the agent's leg and
``...c`` on the customer's). The first 35 characters are the call key; the second leg joins the
call started by the first (at its wall-clock position). Any other last digit is refused. Both legs
must use the same audio kind (sample rate). AudioSocket carries no agent id: the endpoint asks an
``agent_for(call_key)`` hook and falls back to ``[telephony] default_agent_id``. DTMF is noted
without its digit. AudioSocket has no authentication; :mod:`coach.telephony.endpoints` only accepts
peers listed in ``[telephony] audiosocket_allowed_hosts``.
"""

from __future__ import annotations

import struct
import uuid
from collections.abc import Callable

import numpy as np

from coach.config import TelephonyConfig
from coach.telephony.actions import Action, Close, EndCall, Media, StartCall, StreamNote, Violation
from coach.telephony.codecs import l16_decode, l16_encode
from coach.telephony.wire import CLOSE_POLICY, CLOSE_TOO_BIG, CLOSE_UNSUPPORTED, ViolationBudget
from coach.types import Lane

SOURCE = "audiosocket"
KIND_HANGUP = 0x00
KIND_UUID = 0x01
KIND_DTMF = 0x03
KIND_ERROR = 0xFF
AUDIO_KINDS = {0x10: 8000, 0x11: 12000, 0x12: 16000, 0x13: 24000, 0x14: 32000, 0x15: 44100, 0x16: 48000}
"""Audio message kind → sample rate in Hz (signed linear 16-bit little-endian mono)."""
RATE_KINDS = {rate: kind for kind, rate in AUDIO_KINDS.items()}
LANE_DIGITS = {"a": Lane.AGENT, "c": Lane.CUSTOMER}
_HEADER = struct.Struct(">BH")


def leg_uuid(call_uuid: str, lane: Lane) -> str:
    """The UUID one leg of ``call_uuid`` sends: its last hex digit names the lane."""
    text = str(uuid.UUID(call_uuid))
    return text[:35] + ("a" if lane is Lane.AGENT else "c")


def split_leg_uuid(value: str) -> tuple[str, Lane] | None:
    """``(call key, lane)`` for a leg UUID, or ``None`` if its last digit names no lane."""
    lane = LANE_DIGITS.get(value[-1:].lower())
    return (value[:35].lower(), lane) if lane is not None else None


def frame(kind: int, payload: bytes = b"") -> bytes:
    """One AudioSocket message."""
    if len(payload) > 0xFFFF:
        raise ValueError("AudioSocket payloads are at most 65535 bytes")
    return _HEADER.pack(kind, len(payload)) + payload


def uuid_frame(value: str) -> bytes:
    return frame(KIND_UUID, uuid.UUID(value).bytes)


def audio_frame(pcm: np.ndarray, rate: int = 8000) -> bytes:
    """Float32 (or int16) mono audio at ``rate`` Hz as one slin message."""
    return frame(RATE_KINDS[rate], l16_encode(pcm))


def hangup_frame() -> bytes:
    return frame(KIND_HANGUP)


class AudioSocketProtocol:
    """One AudioSocket TCP connection (one leg). Feed it bytes as they arrive. Not thread-safe.

    ``agent_for`` maps a call key to an agent id (``None``: use the default).
    """

    def __init__(self, cfg: TelephonyConfig, *, agent_for: Callable[[str], str | None] | None = None) -> None:
        self._cfg = cfg
        self._agent_for = agent_for
        self._buffer = bytearray()
        self._budget = ViolationBudget()
        self.call_key: str | None = None
        self.lane: Lane | None = None
        self.rate: int | None = None
        self.call_started = False
        self.ended = False
        self.messages = 0
        """Complete messages received (a slow-loris peer sending partial frames does not advance it)."""
        self._samples = 0

    @property
    def started(self) -> bool:
        """The UUID has arrived (the start timeout no longer applies)."""
        return self.lane is not None

    def receive_data(self, data: bytes) -> list[Action]:
        """Bytes from the socket, split anywhere; returns the actions of every complete message."""
        if self.ended:
            return []
        self._buffer.extend(data)
        out: list[Action] = []
        while len(self._buffer) >= _HEADER.size and not self.ended:
            kind, length = _HEADER.unpack_from(self._buffer)
            if length > self._cfg.max_audiosocket_payload_bytes:
                out.extend(self._fatal("frame_too_large", f"payload of {length} bytes", CLOSE_TOO_BIG))
                break
            if len(self._buffer) < _HEADER.size + length:
                break
            payload = bytes(self._buffer[_HEADER.size : _HEADER.size + length])
            del self._buffer[: _HEADER.size + length]
            self.messages += 1
            out.extend(self._message(kind, payload))
        return out

    def end_of_stream(self, reason: str = "disconnected") -> list[Action]:
        """The socket closed or timed out without a hangup: the leg ends incomplete."""
        was_ended, self.ended = self.ended, True
        return [EndCall(complete=False, reason=reason)] if self.call_started and not was_ended else []

    # -- messages ---------------------------------------------------------------------------------

    def _message(self, kind: int, payload: bytes) -> list[Action]:
        if kind == KIND_HANGUP:
            was_started, self.ended = self.call_started, True
            return ([EndCall(complete=True, reason="hangup")] if was_started else []) + [Close(1000, "hangup")]
        if kind == KIND_UUID:
            return self._on_uuid(payload)
        if self.lane is None:
            return self._fatal("no_uuid", "the first message must be the stream's UUID", CLOSE_POLICY)
        if kind in AUDIO_KINDS:
            return self._on_audio(AUDIO_KINDS[kind], payload)
        if kind == KIND_DTMF:
            return [StreamNote("dtmf", {"lane": self.lane.value})]
        if kind == KIND_ERROR:
            return [StreamNote("pbx_error", {"code": payload[0] if payload else None})]
        return self._budget.report("unknown_kind", f"unknown message kind 0x{kind:02x}")

    def _on_uuid(self, payload: bytes) -> list[Action]:
        if self.lane is not None:
            return self._budget.report("duplicate_uuid", "second UUID on one connection")
        if len(payload) != 16:
            return self._fatal("bad_uuid", f"UUID payload of {len(payload)} bytes (need 16)", CLOSE_POLICY)
        split = split_leg_uuid(str(uuid.UUID(bytes=payload)))
        if split is None:
            return self._fatal(
                "unknown_lane", "the UUID's last hex digit must name the lane: a (agent) or c (customer)", CLOSE_POLICY
            )
        self.call_key, self.lane = split
        return []

    def _on_audio(self, rate: int, payload: bytes) -> list[Action]:
        assert self.lane is not None and self.call_key is not None
        if self.rate is not None and rate != self.rate:
            detail = f"audio kind changed from {self.rate} Hz to {rate} Hz"
            return self._fatal("rate_changed", detail, CLOSE_UNSUPPORTED)
        if len(payload) % 2:
            return self._budget.report("partial_sample", f"slin payload of {len(payload)} bytes (odd)")
        out: list[Action] = []
        if not self.call_started:
            self.rate, self.call_started = rate, True
            agent_id = self._agent_for(self.call_key) if self._agent_for else None
            out.append(
                StartCall(
                    key=self.call_key,
                    agent_id=agent_id or self._cfg.default_agent_id,
                    source=SOURCE,
                    rates=dict.fromkeys(Lane, rate),
                    lanes=frozenset({self.lane}),
                    paired=True,
                    metadata={"call_uuid": self.call_key, "rate": rate},
                )
            )
        pcm = l16_decode(payload)
        out.append(Media(self.lane, self._samples, pcm))
        self._samples += len(pcm)
        return out

    def _fatal(self, code: str, detail: str, close_code: int) -> list[Action]:
        out: list[Action] = [Violation(code, detail, fatal=True)]
        out.extend(self.end_of_stream("protocol_error"))
        self.ended = True
        out.append(Close(close_code, detail[:120]))
        return out
