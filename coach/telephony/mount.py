"""Where the telephony endpoints live on ``coach serve``: the one route table both the server's
router (:mod:`coach.server.routes`) and :class:`coach.telephony.endpoints.TelephonyIngest` read.

Pure data, no imports beyond the standard library, so the router can use it without loading the
protocol code.
"""

from __future__ import annotations

from types import MappingProxyType

WEBSOCKET_PATHS = MappingProxyType({"/ingest/twilio": "twilio", "/ingest/audiohook": "audiohook"})
"""Websocket path → protocol (Twilio Media Streams, Genesys AudioHook), on the server's HTTP port."""
TCP_PROTOCOLS = ("audiosocket",)
"""Protocols on their own TCP port (Asterisk AudioSocket: ``[telephony] audiosocket_port``)."""
PAIRS_PATH = "/api/audiosocket/pairs"
"""``POST``: a dialplan registers the two UUIDs of an AudioSocket call (:mod:`coach.telephony.pairing`)."""


def path_of(protocol: str) -> str:
    """The websocket path of ``protocol`` (``twilio`` or ``audiohook``)."""
    for path, name in WEBSOCKET_PATHS.items():
        if name == protocol:
            return path
    raise KeyError(protocol)
