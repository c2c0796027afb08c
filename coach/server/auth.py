"""Who may see what: tokens from the ``[auth]`` section, checked on every API call and websocket.

A token is sent as ``Authorization: Bearer <secret>`` or as ``?token=<secret>`` (browsers cannot set
headers on a websocket or an ``<audio>`` element). Roles: ``team_lead`` opens everything; ``agent``
opens only its own agent page and may send only its own calls. ``--no-auth`` (loopback only) lets
every request through as a team lead. Secrets are compared in constant time and never logged.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from coach.server.config import AuthConfig


@dataclass(frozen=True)
class Principal:
    """The holder of a valid token. ``agent_id`` is set for agents."""

    name: str
    role: str
    agent_id: str = ""

    @property
    def is_team_lead(self) -> bool:
        return self.role == "team_lead"

    def may_see_agent(self, agent_id: str) -> bool:
        """Agent pages, and sending calls: team leads for anyone, an agent only for themselves."""
        return self.is_team_lead or (self.role == "agent" and self.agent_id == agent_id)


NO_AUTH = Principal(name="no-auth", role="team_lead")


class AuthError(Exception):
    """Refused. ``status`` 401 (no, unknown or expired token) or 403 (valid but not allowed)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class _Token:
    name: str
    secret: bytes
    role: str
    agent_id: str
    expires: datetime | None


class Authenticator:
    """Checks tokens. ``enabled=False`` (``--no-auth``) accepts every request as :data:`NO_AUTH`."""

    def __init__(self, cfg: AuthConfig, *, enabled: bool = True, now: Callable[[], datetime] | None = None) -> None:
        self.enabled = enabled
        self._now = now or (lambda: datetime.now(UTC))
        self._tokens = [
            _Token(
                name=name,
                secret=t.secret.encode(),
                role=t.role,
                agent_id=t.agent_id,
                expires=_aware(datetime.fromisoformat(t.expires)) if t.expires else None,
            )
            for name, t in cfg.tokens.items()
        ]

    @property
    def has_tokens(self) -> bool:
        return bool(self._tokens)

    def token_for(self, role: str, agent_id: str = "") -> str | None:
        """A configured, unexpired secret for ``role`` (and agent), for printing demo URLs."""
        now = self._now()
        for t in self._tokens:
            if t.role == role and (not agent_id or t.agent_id == agent_id) and (t.expires is None or t.expires > now):
                return t.secret.decode()
        return None

    def authenticate(self, headers: Mapping[str, str], params: Mapping[str, str]) -> Principal:
        """The principal of the request's token; raises :class:`AuthError` (401) when there is none valid."""
        if not self.enabled:
            return NO_AUTH
        secret = _bearer(headers.get("Authorization")) or params.get("token") or ""
        if not secret:
            raise AuthError(
                401,
                "missing_token",
                "this needs an access token: add ?token=... to the address or send 'Authorization: Bearer ...'",
            )
        given = secret.encode()
        match = None
        for t in self._tokens:
            if hmac.compare_digest(given, t.secret):
                match = t
        if match is None:
            raise AuthError(401, "invalid_token", "the access token is not valid; ask your team lead for a new one")
        if match.expires is not None and match.expires <= self._now():
            raise AuthError(
                401,
                "token_expired",
                f"the access token expired on {match.expires.isoformat(timespec='minutes')}; ask for a new one",
            )
        return Principal(name=match.name, role=match.role, agent_id=match.agent_id)

    @staticmethod
    def require_team_lead(principal: Principal) -> None:
        if not principal.is_team_lead:
            raise AuthError(403, "forbidden", "this page needs a team-lead token")

    @staticmethod
    def require_agent(principal: Principal, agent_id: str) -> None:
        if not principal.may_see_agent(agent_id):
            raise AuthError(403, "forbidden", f"this token does not open the calls of agent {agent_id!r}")


def _bearer(value: str | None) -> str | None:
    if not value:
        return None
    scheme, _, rest = value.partition(" ")
    return rest.strip() if scheme.lower() == "bearer" and rest.strip() else None


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)
