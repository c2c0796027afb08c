"""Twilio Media Streams, sans-I/O: JSON text messages in, actions out.

Wire format (Twilio, "Media Streams - WebSocket Messages",
https://www.twilio.com/docs/voice/media-streams/websocket-messages): every message is a JSON text
frame with an ``event``: ``connected`` (first), ``start`` (once: ``start.callSid``,
``start.streamSid``, ``start.tracks``, ``start.customParameters``, ``start.mediaFormat`` =
``audio/x-mulaw`` at 8000 Hz, 1 channel), ``media`` (``media.track`` ``inbound``/``outbound``,
``media.chunk`` counting from 1, ``media.timestamp`` in ms from the stream start, ``media.payload``
base64 μ-law), ``mark``, ``dtmf``, ``stop``. Numbers may arrive as strings.

With ``both_tracks`` the two legs arrive as separate mono messages; each ``media`` becomes a
:class:`~coach.telephony.actions.Media` for the lane of its track (``[telephony] agent_track``
names the agent's track, the other is the customer) at position ``timestamp * 8`` samples.
Duplicated chunks (same track and ``chunk``) are dropped here; re-ordering, gaps and lane skew are
handled by :class:`~coach.telephony.align.LaneAligner`. The agent id comes from the stream's
custom parameter ``agent_id`` (TwiML ``<Parameter name="agent_id" value="..."/>``). DTMF is noted
without its digit (it may be a card number).

The websocket upgrade request is signed by Twilio with ``X-Twilio-Signature`` (HMAC-SHA1 of the
stream URL with the account's auth token, base64; Twilio, "Webhooks security" and "Media Streams
Configuration"); :func:`check_request` verifies it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from collections import deque
from collections.abc import Mapping
from typing import Any

from coach.telephony.actions import Action, Close, EndCall, Media, StartCall, StreamNote, Violation
from coach.telephony.codecs import ulaw_decode
from coach.telephony.config import TelephonyConfig
from coach.telephony.wire import (
    CLOSE_TOO_BIG,
    CLOSE_UNSUPPORTED,
    ViolationBudget,
    decode_json_object,
    header,
    stream_agent_id,
    text_too_large,
)
from coach.types import Lane

SOURCE = "twilio"
RATE = 8000
SAMPLES_PER_MS = RATE // 1000
TRACKS = ("inbound", "outbound")
_DEDUP_WINDOW = 512


def signature(auth_token: str, url: str) -> str:
    """``X-Twilio-Signature`` for a request to ``url`` with no POST parameters."""
    digest = hmac.new(auth_token.encode(), url.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def check_request(path: str, headers: Mapping[str, str] | Any, cfg: TelephonyConfig) -> str | None:
    """Why this websocket request must be refused, or ``None`` if it is signed by a configured token.

    ``path`` is the request target (path and query). The signed URL is ``twilio_public_url`` when
    set, else ``wss://`` or ``ws://`` + the Host header + ``path``.
    """
    given = header(headers, "X-Twilio-Signature")
    if not cfg.twilio_auth_tokens:
        return None if cfg.allow_unauthenticated else "no Twilio auth token configured ([telephony] twilio_auth_tokens)"
    if not given:
        return "missing X-Twilio-Signature"
    host = header(headers, "Host") or ""
    urls = [cfg.twilio_public_url] if cfg.twilio_public_url else [f"wss://{host}{path}", f"ws://{host}{path}"]
    for token in cfg.twilio_auth_tokens:
        for url in urls:
            if hmac.compare_digest(signature(token, url), given):
                return None
    return "X-Twilio-Signature does not match"


def _int_field(value: Any) -> int | None:
    """A non-negative integer sent as a number or a decimal string; ``None`` otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value < 10**12 else None
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 12:
        return int(value)
    return None


class TwilioProtocol:
    """One Media Streams websocket connection. Not thread-safe.

    Call :meth:`receive_text` / :meth:`receive_bytes` for each incoming frame and
    :meth:`end_of_stream` once when the socket closes or times out.
    """

    source = SOURCE

    def __init__(self, cfg: TelephonyConfig) -> None:
        self._cfg = cfg
        self.messages = 0
        """Websocket messages received (each one is complete)."""
        customer_track = "inbound" if cfg.agent_track == "outbound" else "outbound"
        self._lanes = {cfg.agent_track: Lane.AGENT, customer_track: Lane.CUSTOMER}
        self._budget = ViolationBudget()
        self.started = False
        self.stopped = False
        self.stream_sid: str | None = None
        self.call_sid: str | None = None
        self._seen: dict[str, deque[int]] = {track: deque(maxlen=_DEDUP_WINDOW) for track in TRACKS}
        self.duplicates = 0
        self._latest_ms = 0

    @property
    def finished(self) -> bool:
        """``stop`` arrived: nothing more is expected but the socket closing."""
        return self.stopped

    @property
    def session_id(self) -> str | None:
        """The stream's ``streamSid`` once ``start`` arrived."""
        return self.stream_sid

    # -- input ------------------------------------------------------------------------------------

    def receive(self, message: str | bytes) -> list[Action]:
        """One websocket message (text or binary)."""
        self.messages += 1
        return self.receive_text(message) if isinstance(message, str) else self.receive_bytes(message)

    def receive_text(self, text: str) -> list[Action]:
        if text_too_large(text, self._cfg.max_message_bytes):
            return [
                Violation("message_too_large", f"text message over {self._cfg.max_message_bytes} bytes", fatal=True),
                Close(CLOSE_TOO_BIG, "message too large"),
            ]
        message = decode_json_object(text)
        if message is None:
            return self._budget.report("malformed_json", "text message is not a JSON object")
        event = message.get("event")
        handler = (
            {
                "connected": self._on_connected,
                "start": self._on_start,
                "media": self._on_media,
                "mark": self._on_mark,
                "dtmf": self._on_dtmf,
                "stop": self._on_stop,
            }.get(event)
            if isinstance(event, str)
            else None
        )
        if handler is None:
            return self._budget.report("unknown_event", f"unknown event {str(event)[:40]!r}")
        if self.stopped:
            return self._budget.report("after_stop", f"{event} after stop")
        return handler(message)

    def receive_bytes(self, data: bytes) -> list[Action]:
        if len(data) > self._cfg.max_message_bytes:
            return [
                Violation("message_too_large", f"binary message over {self._cfg.max_message_bytes} bytes", fatal=True),
                Close(CLOSE_TOO_BIG, "message too large"),
            ]
        return self._budget.report("binary_not_expected", "Media Streams sends JSON text frames only")

    def end_of_stream(self, reason: str = "disconnected") -> list[Action]:
        """The socket closed (or timed out); a started stream without ``stop`` ends incomplete."""
        if self.started and not self.stopped:
            self.stopped = True
            return [EndCall(complete=False, reason=reason)]
        return []

    # -- events -----------------------------------------------------------------------------------

    def _on_connected(self, message: dict[str, Any]) -> list[Action]:
        return []

    def _on_start(self, message: dict[str, Any]) -> list[Action]:
        if self.started:
            return self._budget.report("duplicate_start", "second start on one stream")
        start = message.get("start")
        if not isinstance(start, dict):
            return self._fatal("malformed_start", "start message without a start object", 1008)
        call_sid, stream_sid = start.get("callSid"), start.get("streamSid") or message.get("streamSid")
        if not (isinstance(call_sid, str) and call_sid and isinstance(stream_sid, str) and stream_sid):
            return self._fatal("malformed_start", "start without callSid or streamSid", 1008)
        fmt = start.get("mediaFormat")
        fmt = fmt if isinstance(fmt, dict) else {}
        encoding, rate = fmt.get("encoding"), _int_field(fmt.get("sampleRate"))
        channels = _int_field(fmt.get("channels"))
        if encoding != "audio/x-mulaw" or rate != RATE or channels not in (None, 1):
            return self._fatal(
                "unsupported_media_format",
                f"need audio/x-mulaw at 8000 Hz mono, got {str(encoding)[:40]!r} at {rate} Hz",
                CLOSE_UNSUPPORTED,
            )
        tracks = start.get("tracks")
        tracks = [t for t in tracks if isinstance(t, str) and t in TRACKS] if isinstance(tracks, list) else list(TRACKS)
        if not tracks:
            return self._fatal("malformed_start", "start.tracks names no known track", 1008)
        params = start.get("customParameters")
        params = params if isinstance(params, dict) else {}
        named = params.get("agent_id") or params.get("agentId")
        agent_id, bad_agent = stream_agent_id(named, self._cfg.default_agent_id)
        self.started, self.call_sid, self.stream_sid = True, call_sid, stream_sid
        lanes = frozenset(self._lanes[t] for t in tracks)
        return [
            StartCall(
                key=call_sid,
                agent_id=agent_id,
                source=SOURCE,
                rates={Lane.AGENT: RATE, Lane.CUSTOMER: RATE},
                lanes=lanes,
                metadata={"call_sid": call_sid, "stream_sid": stream_sid, "tracks": sorted(tracks)},
            ),
            *bad_agent,  # after the start, so that it is noted on the call
        ]

    def _on_media(self, message: dict[str, Any]) -> list[Action]:
        if not self.started:
            return self._budget.report("media_before_start", "media before start")
        if message.get("streamSid") not in (None, self.stream_sid):
            return self._budget.report("stream_mismatch", "media for another streamSid")
        media = message.get("media")
        if not isinstance(media, dict):
            return self._budget.report("malformed_media", "media message without a media object")
        track = media.get("track", "inbound")
        if not isinstance(track, str) or track not in self._lanes:
            return self._budget.report("unknown_track", f"unknown track {str(track)[:20]!r}")
        chunk, timestamp = _int_field(media.get("chunk")), _int_field(media.get("timestamp"))
        payload = media.get("payload")
        if timestamp is None or not isinstance(payload, str):
            return self._budget.report("malformed_media", "media without an integer timestamp and a payload")
        try:
            audio = base64.b64decode(payload, validate=True)
        except (binascii.Error, ValueError):
            return self._budget.report("bad_base64", "media payload is not valid base64")
        if timestamp > self._latest_ms + self._cfg.max_gap_s * 1000:
            return self._budget.report("timestamp_jump", f"timestamp jumps more than {self._cfg.max_gap_s:g} s ahead")
        if chunk is not None:
            seen = self._seen[track]
            if chunk in seen:
                self.duplicates += 1
                return []
            seen.append(chunk)
        if not audio:
            return []
        self._latest_ms = max(self._latest_ms, timestamp)
        return [Media(self._lanes[track], timestamp * SAMPLES_PER_MS, ulaw_decode(audio))]

    def _on_mark(self, message: dict[str, Any]) -> list[Action]:
        mark = message.get("mark")
        name = mark.get("name") if isinstance(mark, dict) else None
        return [StreamNote("mark", {"name": str(name)[:100]})] if name is not None else []

    def _on_dtmf(self, message: dict[str, Any]) -> list[Action]:
        dtmf = message.get("dtmf")
        track = dtmf.get("track") if isinstance(dtmf, dict) else None
        return [StreamNote("dtmf", {"track": str(track)[:20]})]

    def _on_stop(self, message: dict[str, Any]) -> list[Action]:
        if not self.started:
            return self._budget.report("stop_before_start", "stop before start")
        self.stopped = True
        out: list[Action] = []
        if self.duplicates:
            out.append(StreamNote("duplicates", {"chunks": self.duplicates}))
        out.append(EndCall(complete=True, reason="stop"))
        return out

    def _fatal(self, code: str, detail: str, close_code: int) -> list[Action]:
        return [Violation(code, detail, fatal=True), Close(close_code, detail[:120])]


# -- client side (coach simulate, tests): messages as Twilio sends them -------------------------------


def connected_message() -> str:
    return json.dumps({"event": "connected", "protocol": "Call", "version": "1.0.0"})


def start_message(
    *,
    call_sid: str,
    stream_sid: str,
    account_sid: str = "AC" + "0" * 32,
    tracks: tuple[str, ...] = TRACKS,
    custom_parameters: Mapping[str, str] | None = None,
    sequence: int = 1,
) -> str:
    return json.dumps(
        {
            "event": "start",
            "sequenceNumber": str(sequence),
            "start": {
                "accountSid": account_sid,
                "streamSid": stream_sid,
                "callSid": call_sid,
                "tracks": list(tracks),
                "customParameters": dict(custom_parameters or {}),
                "mediaFormat": {"encoding": "audio/x-mulaw", "sampleRate": RATE, "channels": 1},
            },
            "streamSid": stream_sid,
        }
    )


def media_message(*, stream_sid: str, track: str, chunk: int, timestamp_ms: int, payload: bytes, sequence: int) -> str:
    return json.dumps(
        {
            "event": "media",
            "sequenceNumber": str(sequence),
            "media": {
                "track": track,
                "chunk": str(chunk),
                "timestamp": str(timestamp_ms),
                "payload": base64.b64encode(payload).decode(),
            },
            "streamSid": stream_sid,
        }
    )


def stop_message(*, call_sid: str, stream_sid: str, account_sid: str = "AC" + "0" * 32, sequence: int) -> str:
    return json.dumps(
        {
            "event": "stop",
            "sequenceNumber": str(sequence),
            "stop": {"accountSid": account_sid, "callSid": call_sid},
            "streamSid": stream_sid,
        }
    )
