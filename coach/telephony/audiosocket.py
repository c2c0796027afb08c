"""Asterisk AudioSocket, sans-I/O: a TCP byte stream in, actions out (and frames for the other way).

Wire format (Asterisk documentation, "AudioSocket" channel driver / protocol definition,
https://docs.asterisk.org/Configuration/Channel-Drivers/AudioSocket/, and ``res/res_audiosocket.c``):
each message is a 3-byte header (1-byte kind, 2-byte big-endian payload length) and the payload.
Kinds: ``0x00`` hang up (no payload), ``0x01`` the stream's UUID (16 bytes, sent first), ``0x03``
one DTMF digit (ASCII), ``0x10`` signed linear 16-bit little-endian mono at 8 kHz, ``0x11`` ..
``0x16`` the same at 12, 16, 24, 32, 44.1 and 48 kHz (the kinds Asterisk's ``res_audiosocket.c``
uses; an earlier documentation patch proposed ``0x11`` for 16 kHz), ``0xff`` an error (optional
1-byte code). The protocol is symmetric: the same frames flow both ways.

Legs and lanes. One AudioSocket connection carries one channel's audio, i.e. one party, and its
UUID can be anything (Asterisk documents ``${UUID()}`` or any UUID the dialplan chooses). A leg is
placed by asking ``resolve(uuid)`` (:meth:`coach.telephony.pairing.PairRegistry.resolve`):

- a UUID the dialplan registered as one leg of a pair (``POST /api/audiosocket/pairs``) joins the
  call of that pair on the registered lane, with the registered agent id; the second leg joins the
  call started by the first at its wall-clock position;
- any other UUID is a call of its own with one lane, ``[telephony] audiosocket_single_leg_lane``
  (``customer`` by default: the leg of the caller's channel), the other lane silent, agent
  ``[telephony] default_agent_id``.

A leg ends **complete** on a hang-up message *or* when the peer closes the socket (Asterisk closes
the socket when the channel hangs up); only protocol errors, timeouts and broken connections end
it incomplete. Both legs of a pair must use the same audio kind (sample rate). DTMF is noted
without its digit. AudioSocket has no authentication; :mod:`coach.telephony.endpoints` only accepts
peers listed in ``[telephony] audiosocket_allowed_hosts``.
"""

from __future__ import annotations

import struct
import uuid
from collections.abc import Callable

import numpy as np

from coach.telephony.actions import Action, Close, EndCall, Media, StartCall, StreamNote, Violation
from coach.telephony.codecs import l16_decode, l16_encode
from coach.telephony.config import TelephonyConfig
from coach.telephony.machine import END_DISCONNECTED
from coach.telephony.pairing import LegInfo
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
_HEADER = struct.Struct(">BH")


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
    """One AudioSocket TCP connection (one leg): a :class:`~coach.telephony.machine.StreamMachine`.
    Feed it bytes as they arrive. Not thread-safe.

    ``resolve`` maps the leg's UUID to its registered pair (``None``: a single unpaired leg).
    """

    source = SOURCE

    def __init__(self, cfg: TelephonyConfig, *, resolve: Callable[[str], LegInfo | None] | None = None) -> None:
        self._cfg = cfg
        self._resolve = resolve
        self._buffer = bytearray()
        self._budget = ViolationBudget()
        self.uuid: str | None = None
        self.leg: LegInfo | None = None
        self.lane: Lane | None = None
        self.rate: int | None = None
        self.call_started = False
        self.ended = False
        self._messages = 0
        self._samples = 0

    @property
    def session_id(self) -> str | None:
        """The leg's UUID once received."""
        return self.uuid

    @property
    def started(self) -> bool:
        """The UUID has arrived (the start timeout no longer applies)."""
        return self.lane is not None

    @property
    def finished(self) -> bool:
        return self.ended

    @property
    def messages(self) -> int:
        """Complete messages received (a slow-loris peer sending partial frames does not advance it)."""
        return self._messages

    def receive(self, message: str | bytes) -> list[Action]:
        if isinstance(message, str):
            return self._budget.report("text_not_expected", "AudioSocket is a byte stream")
        return self.receive_data(message)

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
            self._messages += 1
            out.extend(self._message(kind, payload))
        return out

    def end_of_stream(self, reason: str = END_DISCONNECTED) -> list[Action]:
        """The socket ended without a hang-up message. The peer closing it (``END_DISCONNECTED``) is
        how Asterisk ends a leg: complete. Anything else (timeouts, a reset, an error) is incomplete."""
        was_ended, self.ended = self.ended, True
        if not self.call_started or was_ended:
            return []
        if reason == END_DISCONNECTED:
            return [EndCall(complete=True, reason="socket_closed")]
        return [EndCall(complete=False, reason=reason)]

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
        self.uuid = str(uuid.UUID(bytes=payload))
        self.leg = self._resolve(self.uuid) if self._resolve is not None else None
        self.lane = self.leg.lane if self.leg is not None else Lane(self._cfg.audiosocket_single_leg_lane)
        return []

    def _on_audio(self, rate: int, payload: bytes) -> list[Action]:
        assert self.lane is not None and self.uuid is not None
        if self.rate is not None and rate != self.rate:
            detail = f"audio kind changed from {self.rate} Hz to {rate} Hz"
            return self._fatal("rate_changed", detail, CLOSE_UNSUPPORTED)
        if len(payload) % 2:
            return self._budget.report("partial_sample", f"slin payload of {len(payload)} bytes (odd)")
        out: list[Action] = []
        if not self.call_started:
            self.rate, self.call_started = rate, True
            out.append(self._start_call(rate))
        pcm = l16_decode(payload)
        out.append(Media(self.lane, self._samples, pcm))
        self._samples += len(pcm)
        return out

    def _start_call(self, rate: int) -> StartCall:
        assert self.lane is not None and self.uuid is not None
        leg = self.leg
        metadata: dict[str, object] = {"audiosocket_uuid": self.uuid, "rate": rate, "paired": leg is not None}
        if leg is not None and leg.label:
            metadata["label"] = leg.label
        return StartCall(
            key=leg.key if leg is not None else self.uuid,
            agent_id=leg.agent_id if leg is not None else self._cfg.default_agent_id,
            source=SOURCE,
            rates=dict.fromkeys(Lane, rate),
            lanes=frozenset({self.lane}),
            paired=leg is not None,
            metadata=metadata,
        )

    def _fatal(self, code: str, detail: str, close_code: int) -> list[Action]:
        out: list[Action] = [Violation(code, detail, fatal=True)]
        out.extend(self.end_of_stream("protocol_error"))
        self.ended = True
        out.append(Close(close_code, detail[:120]))
        return out
