"""Settings of telephony ingest (``[telephony]``).

One home for each setting: these defaults and ``coach/default_config.toml`` are checked against
each other by ``tests/test_config.py``.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from coach.errors import ConfigError
from coach.pipeline.calls import AGENT_ID_RULE, is_agent_id
from coach.settings import require_non_negative, require_positive, string_tuples


@dataclass(frozen=True, kw_only=True)
class TelephonyConfig:
    """Telephony ingest (``coach/telephony``): who is the agent, who may connect, size limits, timeouts.

    Durations in seconds unless the name says ``_ms``; sizes in bytes. Empty credentials with
    ``allow_unauthenticated = false`` refuse every Twilio and AudioHook connection.
    """

    agent_track: str = "outbound"
    default_agent_id: str = "unassigned"
    allow_unauthenticated: bool = False
    twilio_auth_tokens: tuple[str, ...] = ()
    twilio_public_url: str = ""
    audiohook_org_id: str = ""
    audiohook_api_keys: tuple[str, ...] = ()
    audiohook_client_secrets: tuple[str, ...] = ()
    audiohook_signature_max_age_s: float = 30.0
    audiosocket_allowed_hosts: tuple[str, ...] = ("127.0.0.1", "::1")
    audiosocket_port: int = 0
    audiosocket_pair_ttl_s: float = 300.0
    audiosocket_single_leg_lane: str = "customer"
    max_message_bytes: int = 65_536
    max_audiosocket_payload_bytes: int = 16_384
    start_timeout_s: float = 5.0
    idle_timeout_s: float = 10.0
    reconnect_window_s: float = 10.0
    reorder_window_ms: int = 200
    lane_skew_ms: int = 1000
    timestamp_tolerance_ms: int = 10
    max_gap_s: float = 120.0

    def __post_init__(self) -> None:
        string_tuples(
            "telephony", self, "twilio_auth_tokens", "audiohook_api_keys", "audiohook_client_secrets",
            "audiosocket_allowed_hosts",
        )  # fmt: skip
        if self.audiohook_client_secrets and len(self.audiohook_client_secrets) != len(self.audiohook_api_keys):
            raise ConfigError(
                'telephony: audiohook_client_secrets needs one entry per audiohook_api_keys entry ("" for none)'
            )
        for secret in self.audiohook_client_secrets:
            try:
                base64.b64decode(secret, validate=True)
            except (binascii.Error, ValueError):
                raise ConfigError(
                    "telephony: audiohook_client_secrets must be base64 (as Genesys shows them)"
                ) from None
        if self.audiosocket_single_leg_lane not in ("agent", "customer"):
            raise ConfigError("telephony: audiosocket_single_leg_lane must be agent or customer")
        if self.agent_track not in ("inbound", "outbound"):
            raise ConfigError("telephony: agent_track must be inbound or outbound")
        if not is_agent_id(self.default_agent_id):  # every stream without a usable agent_id is coached as it
            raise ConfigError(f"telephony: default_agent_id: {AGENT_ID_RULE}")
        if self.max_message_bytes < 1024 or not 320 <= self.max_audiosocket_payload_bytes <= 65_535:
            raise ConfigError(
                "telephony: need max_message_bytes >= 1024 and 320 <= max_audiosocket_payload_bytes <= 65535"
            )
        require_positive(
            "telephony", self, "start_timeout_s", "idle_timeout_s", "max_gap_s", "lane_skew_ms", "reorder_window_ms",
            "audiohook_signature_max_age_s", "audiosocket_pair_ttl_s",
        )  # fmt: skip
        if not 0 <= self.audiosocket_port <= 65_535:
            raise ConfigError("telephony: audiosocket_port must be 0 (off) or a TCP port")
        require_non_negative("telephony", self, "reconnect_window_s", "timestamp_tolerance_ms")
