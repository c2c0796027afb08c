"""Genesys Cloud AudioHook (protocol version 2), sans-I/O: text and binary frames in, actions out.

Sources: Genesys Cloud Developer Center, "AudioHook Protocol Specification" (protocol reference,
session walkthrough, patterns and practices: https://developer.genesys.cloud/devapps/audiohook/),
and Genesys' reference server (github.com/purecloudlabs/audiohook-reference-implementation,
``app/audiohook/src/protocol/message.ts`` and ``server/serversessionimpl.ts``).

- Every text message is a JSON object with ``version`` "2", ``id`` (the session id, also sent in
  the ``Audiohook-Session-Id`` header), ``type``, ``seq`` and ``parameters``; client messages add
  ``serverseq`` (the last server ``seq`` seen) and ``position`` (ISO 8601 duration, ``PT12.34S``);
  server messages add ``clientseq``. Client ``seq`` must count up by one from 1; a ``serverseq``
  above what we sent, a wrong ``id``, bad JSON or an unknown type is a client error, answered with
  ``disconnect`` (reason ``error``) as the reference server does.
- ``open`` → ``opened`` with the negotiated ``media`` (we pick the first offered ``audio`` entry in
  ``PCMU`` or ``L16`` at 8000 Hz, preferring one with both channels) and ``startPaused: false``. The
  reply is immediate, well inside the client's deadline. A ``conversationId`` of all zeros is the
  connection probe: answered the same way, but no call is started.
- Authentication (:func:`check_request`): the ``X-API-KEY`` header must be one of
  ``[telephony] audiohook_api_keys`` and the organisation id (``Audiohook-Organization-Id`` header
  and ``open.parameters.organizationId``) must equal ``audiohook_org_id``. A refused session gets
  ``disconnect`` with reason ``unauthorized`` in answer to its ``open``. When the key has a client
  secret, the upgrade request's HTTP message signature is verified before the websocket opens
  (:mod:`coach.telephony.signature`, by :mod:`coach.telephony.endpoints`; refused with HTTP 401).
- Audio: binary frames of interleaved samples, channel order as negotiated (``external`` = the
  customer, ``internal`` = the agent); PCMU is one byte per sample, L16 two bytes, little-endian
  (the byte order the reference implementation reads). Frames carry no timestamps: the position is
  the count of samples received, plus any span declared lost.
- ``ping`` → ``pong``; ``update`` (language) is noted; ``paused`` / ``resumed`` (with
  ``parameters.discarded``, the paused span) and ``discarded`` keep the call's timeline in real time
  with :class:`~coach.telephony.actions.Silence`; ``error`` from the client is noted; ``close`` →
  ``closed`` and the call ends (``complete`` when the reason is ``end``).
- ``dtmf`` (``parameters.digit``), sent by Audio Connector sessions of the same protocol (the reference
  server, an AudioHook Monitor, has no such type; Pipecat's Genesys serializer takes it as a key press):
  noted without the digit; the session goes on.
"""

from __future__ import annotations

import hmac
import json
import re
from collections.abc import Mapping
from typing import Any

import numpy as np

from coach.telephony.actions import Action, Close, EndCall, Media, Send, Silence, StartCall, StreamNote, Violation
from coach.telephony.codecs import l16_decode, ulaw_decode
from coach.telephony.config import TelephonyConfig
from coach.telephony.wire import CLOSE_TOO_BIG, decode_json_object, header, stream_agent_id, text_too_large
from coach.types import Lane

SOURCE = "audiohook"
RATE = 8000
NULL_UUID = "00000000-0000-0000-0000-000000000000"
CHANNEL_LANES = {"external": Lane.CUSTOMER, "internal": Lane.AGENT}
FORMATS = {"PCMU": 1, "L16": 2}
"""Supported formats and their bytes per sample."""

_DURATION = re.compile(r"^PT(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,9}(?:\.\d{1,9})?)S)?$")
_CLIENT_TYPES = frozenset({"open", "close", "ping", "update", "paused", "resumed", "discarded", "error", "dtmf"})


def parse_duration(value: Any) -> float | None:
    """Seconds in an ISO 8601 duration such as ``PT1.25S`` (hours and minutes allowed), else ``None``."""
    if not isinstance(value, str) or value == "PT":
        return None
    match = _DURATION.match(value)
    if match is None:
        return None
    hours, minutes, seconds = match.groups()
    return int(hours or 0) * 3600 + int(minutes or 0) * 60 + float(seconds or 0)


def format_duration(seconds: float) -> str:
    return f"PT{seconds:.3f}S".replace(".000S", "S")


def check_request(headers: Mapping[str, str] | Any, cfg: TelephonyConfig) -> str | None:
    """Why this connection must be refused, or ``None`` when its API key and organisation id are ours."""
    if not cfg.audiohook_api_keys:
        return None if cfg.allow_unauthenticated else "no AudioHook API key configured ([telephony] audiohook_api_keys)"
    key = header(headers, "X-API-KEY")
    if not key:
        return "missing X-API-KEY"
    if not any(hmac.compare_digest(key.encode(), k.encode()) for k in cfg.audiohook_api_keys):
        return "unknown API key"
    org = header(headers, "Audiohook-Organization-Id")
    if cfg.audiohook_org_id and (org or "").lower() != cfg.audiohook_org_id.lower():
        return "organization id does not match"
    return None


def _is_seq(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**53


def select_media(offered: Any) -> dict[str, Any] | None:
    """The media entry we accept from ``open.parameters.media``, or ``None`` if none is usable."""
    if not isinstance(offered, list):
        return None
    usable = []
    for entry in offered:
        if not isinstance(entry, dict):
            continue
        channels, media_format = entry.get("channels"), entry.get("format")
        if (
            entry.get("type") == "audio"
            and isinstance(media_format, str)
            and media_format in FORMATS
            and entry.get("rate") == RATE
            and isinstance(channels, list)
            and 0 < len(channels) <= 2
            and all(isinstance(c, str) and c in CHANNEL_LANES for c in channels)
            and len(set(channels)) == len(channels)
        ):
            usable.append({"type": "audio", "format": entry["format"], "channels": list(channels), "rate": RATE})
    usable.sort(key=lambda e: -len(e["channels"]))
    return usable[0] if usable else None


class AudioHookProtocol:
    """One AudioHook websocket session. Not thread-safe.

    ``headers`` are the upgrade request's headers (checked once, at construction).
    """

    source = SOURCE

    def __init__(self, cfg: TelephonyConfig, headers: Mapping[str, str] | Any) -> None:
        self._cfg = cfg
        self.messages = 0
        """Websocket messages received (each one is complete)."""
        self.refusal = check_request(headers, cfg)
        self._org_header = header(headers, "Audiohook-Organization-Id")
        self.session_id = (header(headers, "Audiohook-Session-Id") or "").lower() or None
        self.state = "preparing"
        self.seq = 0
        self.clientseq = 0
        self.media: dict[str, Any] | None = None
        self.probe = False
        self.call_started = False
        self._samples = 0
        self._offset = 0

    @property
    def started(self) -> bool:
        """An ``open`` has been handled (the start timeout no longer applies)."""
        return self.state != "preparing"

    @property
    def finished(self) -> bool:
        """Nothing more is expected but the client closing the socket."""
        return self.state in ("closed", "disconnecting")

    # -- input ------------------------------------------------------------------------------------

    def receive(self, message: str | bytes) -> list[Action]:
        """One websocket message (text or binary)."""
        self.messages += 1
        return self.receive_text(message) if isinstance(message, str) else self.receive_bytes(message)

    def receive_text(self, text: str) -> list[Action]:
        if text_too_large(text, self._cfg.max_message_bytes):
            return self._client_error("message_too_large", "text message too large", close=CLOSE_TOO_BIG)
        message = decode_json_object(text)
        if message is None:
            return self._client_error("malformed_json", "text message is not a JSON object")
        if self.state == "closed":
            return []
        if not (
            message.get("version") == "2"
            and isinstance(message.get("type"), str)
            and isinstance(message.get("id"), str)
            and _is_seq(message.get("seq"))
            and _is_seq(message.get("serverseq"))
            and isinstance(message.get("parameters"), dict)
            and parse_duration(message.get("position")) is not None
        ):
            return self._client_error("malformed_message", "not a well-formed version 2 client message")
        if message["seq"] != self.clientseq + 1:
            return self._client_error("bad_seq", f"seq {message['seq']} after {self.clientseq}")
        self.clientseq = message["seq"]
        if message["serverseq"] > self.seq:
            return self._client_error("bad_serverseq", f"serverseq {message['serverseq']} above {self.seq}")
        if self.session_id is None:
            self.session_id = message["id"].lower()
        elif message["id"].lower() != self.session_id:
            return self._client_error("session_mismatch", "message id is not the session id")
        kind = message["type"]
        if kind not in _CLIENT_TYPES:
            return self._client_error("unknown_message_type", f"{kind[:40]!r} is not a client message type")
        if self.state == "disconnecting" and kind != "close":
            return []
        return getattr(self, f"_on_{kind}")(message["parameters"])

    def receive_bytes(self, data: bytes) -> list[Action]:
        if len(data) > self._cfg.max_message_bytes:
            return self._client_error("message_too_large", "audio frame too large", close=CLOSE_TOO_BIG)
        if self.state in ("closed", "disconnecting"):
            return []
        if self.state != "active" or self.media is None:
            return self._client_error("unexpected_audio", f"audio frame in state {self.state}")
        if self.probe:
            return []
        channels = self.media["channels"]
        width = FORMATS[self.media["format"]] * len(channels)
        if len(data) % width:
            return self._client_error("partial_sample", f"audio frame of {len(data)} bytes is not whole samples")
        pcm = ulaw_decode(data) if self.media["format"] == "PCMU" else l16_decode(data)
        frames = pcm.reshape(-1, len(channels))
        position = self._samples + self._offset
        self._samples += len(frames)
        return [
            Media(CHANNEL_LANES[name], position, np.ascontiguousarray(frames[:, i])) for i, name in enumerate(channels)
        ]

    def end_of_stream(self, reason: str = "disconnected") -> list[Action]:
        """The socket closed or timed out: a call still open ends incomplete."""
        out: list[Action] = []
        if self.call_started and self.state != "closed":
            out.append(EndCall(complete=False, reason=reason))
        self.state = "closed"
        return out

    # -- client messages --------------------------------------------------------------------------

    def _on_open(self, params: dict[str, Any]) -> list[Action]:
        if self.state != "preparing":
            return self._client_error("duplicate_open", "open in an open session")
        org, conversation = params.get("organizationId"), params.get("conversationId")
        if self.refusal is None and isinstance(org, str):
            expected = self._cfg.audiohook_org_id or self._org_header
            if expected and org.lower() != expected.lower():
                self.refusal = "organization id does not match"
        if self.refusal is not None:
            self.state = "disconnecting"
            return [
                Violation("unauthorized", self.refusal),
                Send(self._message("disconnect", {"reason": "unauthorized", "info": "Unauthorized"})),
            ]
        if not (isinstance(org, str) and isinstance(conversation, str) and conversation):
            return self._client_error("malformed_open", "open without organizationId and conversationId")
        media = select_media(params.get("media"))
        if media is None:
            return self._client_error(
                "unsupported_media_format", "no offered media is PCMU or L16 at 8000 Hz with external/internal channels"
            )
        self.media = media
        self.state = "active"
        self.probe = conversation == NULL_UUID
        out: list[Action] = []
        if not self.probe:
            custom = params.get("customConfig")
            agent_id, bad_agent = stream_agent_id(
                custom.get("agent_id") if isinstance(custom, dict) else None, self._cfg.default_agent_id
            )
            participant = params.get("participant")
            participant_id = participant.get("id") if isinstance(participant, dict) else None
            self.call_started = True
            out.append(
                StartCall(
                    key=conversation,
                    agent_id=agent_id,
                    source=SOURCE,
                    rates={Lane.AGENT: RATE, Lane.CUSTOMER: RATE},
                    lanes=frozenset(CHANNEL_LANES[c] for c in media["channels"]),
                    metadata={
                        "conversation_id": conversation,
                        "session_id": self.session_id,
                        "participant_id": participant_id if isinstance(participant_id, str) else None,
                        "format": media["format"],
                        "language": params.get("language") if isinstance(params.get("language"), str) else None,
                    },
                )
            )
            out.extend(bad_agent)  # after the start, so that it is noted on the call
        out.append(Send(self._message("opened", {"startPaused": False, "media": [media]})))
        return out

    def _on_ping(self, params: dict[str, Any]) -> list[Action]:
        return [Send(self._message("pong", {}))]

    def _on_update(self, params: dict[str, Any]) -> list[Action]:
        language = params.get("language")
        return [StreamNote("update", {"language": language[:35] if isinstance(language, str) else None})]

    def _on_paused(self, params: dict[str, Any]) -> list[Action]:
        if self.state == "active":
            self.state = "paused"
            return [StreamNote("paused", {"at_s": self._at_s()})]
        return []

    def _on_resumed(self, params: dict[str, Any]) -> list[Action]:
        if self.state != "paused":
            return []
        self.state = "active"
        return self._lost_span(params, "resumed")

    def _on_discarded(self, params: dict[str, Any]) -> list[Action]:
        return self._lost_span(params, "discarded")

    def _on_error(self, params: dict[str, Any]) -> list[Action]:
        code = params.get("code")
        return [StreamNote("client_error", {"code": code if isinstance(code, int) else None})]

    def _at_s(self) -> float:
        """Where the call's timeline is now, in seconds (to the millisecond): the audio received plus the paused and
        discarded spans kept as silence."""
        return round((self._samples + self._offset) / RATE, 3)

    def _on_dtmf(self, params: dict[str, Any]) -> list[Action]:
        """A key press: noted with its position in seconds, never the digit (no digits in logs or storage)."""
        return [StreamNote("dtmf", {"at_s": self._at_s()})]

    def _on_close(self, params: dict[str, Any]) -> list[Action]:
        reason = params.get("reason")
        reason = reason if isinstance(reason, str) else "unknown"
        was_refused = self.state == "disconnecting" and not self.call_started
        self.state = "closed"
        out: list[Action] = [Send(self._message("closed", {}))]
        if self.call_started and not was_refused:
            out.append(EndCall(complete=reason == "end", reason=f"close:{reason[:20]}"))
        return out

    # -- helpers ----------------------------------------------------------------------------------

    def _lost_span(self, params: dict[str, Any], kind: str) -> list[Action]:
        """``resumed`` / ``discarded``: keep ``parameters.discarded`` of silence in the timeline."""
        discarded = parse_duration(params.get("discarded"))
        seconds = min(discarded or 0.0, self._cfg.max_gap_s)
        samples = round(seconds * RATE)
        out: list[Action] = [StreamNote(kind, {"discarded_s": round(seconds, 3)})]
        if samples and self.call_started:
            out.append(Silence(self._samples + self._offset, samples, "paused" if kind == "resumed" else kind))
            self._offset += samples
        return out

    def _message(self, kind: str, parameters: dict[str, Any]) -> str:
        self.seq += 1
        return json.dumps(
            {
                "version": "2",
                "type": kind,
                "seq": self.seq,
                "clientseq": self.clientseq,
                "id": self.session_id or NULL_UUID,
                "parameters": parameters,
            }
        )

    def _client_error(self, code: str, detail: str, *, close: int | None = None) -> list[Action]:
        """Answer a client error with ``disconnect`` (reason ``error``); the client then closes."""
        out: list[Action] = [Violation(code, detail, fatal=close is not None)]
        if self.state not in ("closed", "disconnecting"):
            out.append(Send(self._message("disconnect", {"reason": "error", "info": f"Client error: {detail}"[:200]})))
            self.state = "disconnecting"
        if close is not None:
            out.extend(self.end_of_stream("protocol_error"))
            out.append(Close(close, detail[:120]))
        return out


# -- client side (coach simulate, tests): messages as Genesys Cloud sends them ------------------------


class AudioHookClient:
    """Builds client messages with correct ``seq`` / ``serverseq`` / ``position`` bookkeeping."""

    def __init__(self, session_id: str, *, rate: int = RATE) -> None:
        self.session_id = session_id
        self.seq = 0
        self.serverseq = 0
        self.samples = 0
        self.rate = rate

    def message(self, kind: str, parameters: Mapping[str, Any]) -> str:
        self.seq += 1
        return json.dumps(
            {
                "version": "2",
                "id": self.session_id,
                "type": kind,
                "seq": self.seq,
                "serverseq": self.serverseq,
                "position": format_duration(self.samples / self.rate),
                "parameters": dict(parameters),
            }
        )

    def received(self, text: str) -> dict[str, Any]:
        """Record a server message's ``seq``; return it decoded."""
        message = json.loads(text)
        if isinstance(message.get("seq"), int):
            self.serverseq = message["seq"]
        return message

    def open(
        self,
        *,
        organization_id: str,
        conversation_id: str,
        media_format: str = "PCMU",
        channels: tuple[str, ...] = ("external", "internal"),
        custom_config: Mapping[str, Any] | None = None,
        participant_id: str = NULL_UUID,
    ) -> str:
        return self.message(
            "open",
            {
                "organizationId": organization_id,
                "conversationId": conversation_id,
                "participant": {"id": participant_id, "ani": "", "aniName": "", "dnis": ""},
                "media": [{"type": "audio", "format": media_format, "channels": list(channels), "rate": RATE}],
                "language": "en-US",
                **({"customConfig": dict(custom_config)} if custom_config else {}),
            },
        )
