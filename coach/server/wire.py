"""What travels over the server's websockets (see ``docs/server.md``).

Ingest (``/ws/ingest``, a source sending one call):

- first a text message ``{"type": "start", "agent_id": ..., "source": ..., "realtime": bool,
  "metadata": {...}, "sample_rate": 16000}`` (``sample_rate`` one of
  :data:`coach.server.ingest_audio.INGEST_RATES`, 16000 when left out: the server resamples to 16 kHz,
  so an 8 kHz second is a second of call time; another value is closed 4400 with the accepted rates);
  the server answers ``{"type": "started", "call_id": ...}``;
- then binary messages: one byte lane (0 agent, 1 customer) followed by that lane's next audio as
  little-endian int16 mono PCM at the declared rate (contiguous per lane; at most
  :data:`MAX_FRAME_SAMPLES` per lane), or
  byte 2 followed by both lanes' next audio interleaved (agent, customer, agent...), half the messages;
- text ``{"type": "note", "kind": ..., ...}`` for stream facts (gaps...), and ``{"type": "end"}``;
  the server answers ``{"type": "ended", "complete": bool, "reason": ..., "summary": ...}`` once the
  analysis is done (also when the server ends the call first, e.g. ``"reason": "the server stopped"``:
  the audio it received is kept, the call marked incomplete), and forwards
  the call's nudges (and ``call.end``) as ``{"kind": "event", "event": {...}}`` while it runs.

Pages (``/ws/agent/<id>``, ``/ws/floor``, ``/ws/calls/<id>``) receive JSON objects with a ``kind``:
``snapshot`` / ``floor`` on connect, then ``event`` (one event of ``docs/events.md`` in ``event``,
with ``call_id``, ``agent_id`` and ``emitted``: Unix milliseconds when the analysis produced it),
``call`` (a call's tile changed state), ``tiles`` (floor batch) and ``alert``.
"""

from __future__ import annotations

import json
import math
import sys
from typing import Any

import numpy as np

from coach.types import AudioChunk, Lane

LANE_CODES = {Lane.AGENT: 0, Lane.CUSTOMER: 1}
LANES_BY_CODE = {code: lane for lane, code in LANE_CODES.items()}
STEREO_CODE = 2
MAX_FRAME_SAMPLES = 16_000
"""One binary message carries at most this many samples per lane, whatever the declared rate: one second
at 16 kHz, half of one at 8 kHz... (a stereo message of as many then fits the server's 64 kB messages)."""


class WireError(ValueError):
    """A malformed ingest message; the message says what was wrong (sent back as the close reason)."""


def encode_audio(lane: Lane, pcm: np.ndarray) -> bytes:
    """One lane's audio as a binary ingest message: lane byte + int16 PCM ([-1, 1] floats are converted)."""
    return bytes([LANE_CODES[lane]]) + _int16(pcm).tobytes()


def encode_stereo(agent: np.ndarray, customer: np.ndarray) -> bytes:
    """Both lanes' next audio (same length) as one message: byte 2 + interleaved int16 (agent, customer)."""
    if len(agent) != len(customer):
        raise ValueError("both lanes must have the same number of samples")
    frames = np.empty((len(agent), 2), dtype="<i2")
    frames[:, 0] = _int16(agent)
    frames[:, 1] = _int16(customer)
    return bytes([STEREO_CODE]) + frames.tobytes()


def _int16(pcm: np.ndarray) -> np.ndarray:
    if pcm.dtype == np.int16:
        return pcm.astype("<i2", copy=False)
    return (np.clip(pcm, -1.0, 1.0) * 32767.0).astype("<i2")


def decode_audio(message: bytes, positions: dict[Lane, int]) -> list[AudioChunk]:
    """Parse a binary ingest message into chunks placed at each lane's ``positions`` (not updated here)."""
    if len(message) < 3 or (len(message) - 1) % 2:
        raise WireError("an audio message is one lane byte followed by int16 samples (an even number of bytes)")
    code = message[0]
    pcm = np.frombuffer(message, dtype="<i2", offset=1).astype(np.float32) * (1.0 / 32768.0)
    if code == STEREO_CODE:
        if len(pcm) % 2:
            raise WireError("a stereo audio message holds pairs of samples (agent, customer)")
        if len(pcm) // 2 > MAX_FRAME_SAMPLES:
            raise WireError(f"an audio message carries at most {MAX_FRAME_SAMPLES} samples per lane")
        return [
            AudioChunk(Lane.AGENT, positions[Lane.AGENT], np.ascontiguousarray(pcm[0::2])),
            AudioChunk(Lane.CUSTOMER, positions[Lane.CUSTOMER], np.ascontiguousarray(pcm[1::2])),
        ]
    lane = LANES_BY_CODE.get(code)
    if lane is None:
        raise WireError(f"unknown lane byte {code} (0 = agent, 1 = customer, 2 = both interleaved)")
    if len(pcm) > MAX_FRAME_SAMPLES:
        raise WireError(f"an audio message carries at most {MAX_FRAME_SAMPLES} samples, not {len(pcm)}")
    return [AudioChunk(lane, positions[lane], pcm)]


def json_failure(exc: ValueError | RecursionError) -> str:
    """Why ``json.loads`` refused a client's text, in the client's words: the decoder's reason, nesting deeper than
    its stack ("[[[[..." within a 64 KiB message), or an integer of more digits than Python converts
    (``sys.get_int_max_str_digits()``, 4300: a plain ``ValueError``, which neither caller caught: the ingest
    socket's handler failed, the API answered 500). For the ingest socket and the API's JSON bodies."""
    if isinstance(exc, json.JSONDecodeError):
        return exc.msg
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    return f"a number of more than {sys.get_int_max_str_digits()} digits"


def _finite_float(text: str) -> float:
    """A JSON number with a fraction or an exponent; one too large for a float (``1e400``, which Python reads as
    infinity) is refused as ``Infinity`` is (:func:`_refuse_constant`)."""
    value = float(text)
    if not math.isfinite(value):
        raise WireError(f"a text message must be standard JSON ({text[:24]} is too large for a number)")
    return value


def _refuse_constant(name: str) -> Any:
    """``NaN``, ``Infinity``, ``-Infinity``: Python's decoder takes them, JSON has no such numbers. Stored in a note or
    the start's metadata they came back in the API's and the pages' JSON, which a browser cannot parse (the call's
    review page failed to load)."""
    raise WireError(f"a text message must be standard JSON ({name} is not a JSON number)")


def parse_control(message: str) -> dict[str, Any]:
    """A text ingest message as a dict with a string ``type``; raises :class:`WireError`."""
    try:
        obj = json.loads(message, parse_constant=_refuse_constant, parse_float=_finite_float)
    except WireError:
        raise
    except (ValueError, RecursionError) as exc:  # the decoder's, its stack's, an integer's digits
        raise WireError(f"a text message must be a JSON object ({json_failure(exc)})") from None
    if not isinstance(obj, dict) or not isinstance(obj.get("type"), str):
        raise WireError('a text message must be a JSON object with a "type"')
    return obj


def envelope(kind: str, **fields: Any) -> str:
    """Serialise a message for the pages (once, however many clients receive it)."""
    return json.dumps({"kind": kind, **fields}, separators=(",", ":"))
