"""AudioSocket leg pairing: which UUIDs belong to one two-lane call, registered ahead by the dialplan.

An AudioSocket connection carries one party and says nothing but its UUID. To coach a two-party
call the dialplan first registers the two UUIDs it will use (``POST /api/audiosocket/pairs``, e.g.
with Asterisk's ``CURL()``), together with the agent id and an optional label; each leg then
connects with its UUID and :meth:`PairRegistry.resolve` tells the endpoint which call and lane it is.

A registration lives ``ttl_s`` seconds from when it was made, renewed each time one of its legs
connects: the second leg (e.g. the agent's, once the call is answered) or a leg reconnecting after a
dropped connection still finds it, and then joins the same call. Time is an injected
monotonic clock in seconds. The registry is bounded (:data:`MAX_PAIRS`): past it, registering fails
until registrations expire or are used. Synchronous and single-threaded: call it on the event loop.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from coach.pipeline.calls import AGENT_ID_RULE, is_agent_id
from coach.types import Lane

MAX_PAIRS = 10_000
"""Registrations held at once (about 1 kB each); more are refused until some expire or are used."""
MAX_LABEL_CHARS = 200


class PairingError(ValueError):
    """A registration was refused; the message says why (safe to send back to the caller)."""


@dataclass(frozen=True, slots=True)
class LegInfo:
    """What a registered UUID stands for: ``key`` names the call both legs join, ``lane`` this leg's lane."""

    key: str
    lane: Lane
    agent_id: str
    label: str | None


@dataclass(slots=True)
class _Pair:
    key: str
    agent_id: str
    label: str | None
    expires_at: float
    legs: dict[str, Lane]


def canonical_uuid(value: str) -> str:
    """``value`` as a lower-case hyphenated UUID; raises :class:`PairingError` if it is not one."""
    try:
        return str(uuid.UUID(value.strip()))
    except (ValueError, AttributeError, TypeError):
        raise PairingError(f"{str(value)[:40]!r} is not a UUID") from None


class PairRegistry:
    """Registered agent/customer UUID pairs, waiting for their legs to connect."""

    def __init__(
        self, *, ttl_s: float, clock: Callable[[], float] = time.monotonic, max_pairs: int = MAX_PAIRS
    ) -> None:
        if ttl_s <= 0:
            raise ValueError("ttl_s must be > 0")
        self.ttl_s = ttl_s
        self._clock = clock
        self._max = max_pairs
        self._by_uuid: dict[str, _Pair] = {}
        self._pairs: dict[str, _Pair] = {}

    def __len__(self) -> int:
        self.expire()
        return len(self._pairs)

    def register(self, *, agent_uuid: str, customer_uuid: str, agent_id: str, label: str | None = None) -> LegInfo:
        """Register the two legs of one call; returns the agent leg's :class:`LegInfo` (``key`` names the call).

        Re-registering the same two UUIDs replaces the earlier registration (a dialplan retry);
        a UUID already registered with a different partner is refused."""
        agent = canonical_uuid(agent_uuid)
        customer = canonical_uuid(customer_uuid)
        if agent == customer:
            raise PairingError("the agent and customer legs need different UUIDs")
        if not is_agent_id(agent_id):  # the call's start would refuse it: say so to the dialplan now
            raise PairingError(AGENT_ID_RULE)
        if label is not None and (not isinstance(label, str) or len(label) > MAX_LABEL_CHARS):
            raise PairingError(f"label must be a string of at most {MAX_LABEL_CHARS} characters")
        self.expire()
        key = f"{agent}+{customer}"
        for leg in (agent, customer):
            held = self._by_uuid.get(leg)
            if held is not None and held.key != key:
                raise PairingError(f"UUID {leg} is already registered with another leg")
        if key not in self._pairs and len(self._pairs) >= self._max:
            raise PairingError(f"too many pending registrations (at most {self._max})")
        pair = _Pair(
            key, agent_id, label or None, self._clock() + self.ttl_s, {agent: Lane.AGENT, customer: Lane.CUSTOMER}
        )
        self._drop(self._pairs.get(key))
        self._pairs[key] = pair
        for leg in pair.legs:
            self._by_uuid[leg] = pair
        return LegInfo(key, Lane.AGENT, agent_id, pair.label)

    def resolve(self, leg_uuid: str) -> LegInfo | None:
        """The call and lane of a connecting leg, or ``None`` if its UUID is not (or no longer)
        registered. Renews the registration for another ``ttl_s``."""
        self.expire()
        try:
            leg = canonical_uuid(leg_uuid)
        except PairingError:
            return None
        pair = self._by_uuid.get(leg)
        if pair is None:
            return None
        pair.expires_at = self._clock() + self.ttl_s
        return LegInfo(pair.key, pair.legs[leg], pair.agent_id, pair.label)

    def expire(self) -> None:
        """Forget registrations older than ``ttl_s``."""
        now = self._clock()
        for pair in [p for p in self._pairs.values() if p.expires_at <= now]:
            self._drop(pair)

    def _drop(self, pair: _Pair | None) -> None:
        if pair is None:
            return
        self._pairs.pop(pair.key, None)
        for leg in pair.legs:
            if self._by_uuid.get(leg) is pair:
                del self._by_uuid[leg]
