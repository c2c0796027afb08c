"""AudioSocket pair registrations (what a dialplan registers before its legs connect), on an injected clock."""

from __future__ import annotations

import uuid

import pytest

from coach.telephony.pairing import PairingError, PairRegistry
from coach.types import Lane


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def legs() -> tuple[str, str]:
    return str(uuid.uuid4()), str(uuid.uuid4())


def test_both_registered_legs_resolve_to_the_same_call_on_their_own_lanes():
    registry = PairRegistry(ttl_s=60.0, clock=Clock())
    agent, customer = legs()
    registry.register(agent_uuid=agent.upper(), customer_uuid=customer, agent_id="joe", label="sales")
    a, c = registry.resolve(agent), registry.resolve(customer.upper())
    assert a is not None and c is not None
    assert (a.key, a.lane, a.agent_id, a.label) == (c.key, Lane.AGENT, "joe", "sales")
    assert c.lane is Lane.CUSTOMER
    assert registry.resolve(agent) == a  # a leg reconnecting after a drop joins the same call
    assert registry.resolve(str(uuid.uuid4())) is None and registry.resolve("garbage") is None


def test_registrations_expire_after_the_ttl_and_the_first_leg_renews_it():
    clock = Clock()
    registry = PairRegistry(ttl_s=60.0, clock=clock)
    agent, customer = legs()
    registry.register(agent_uuid=agent, customer_uuid=customer, agent_id="joe")
    clock.now += 59.0
    assert registry.resolve(customer) is not None  # the caller's leg connects just in time...
    clock.now += 59.0
    assert registry.resolve(agent) is not None  # ...and the agent answers 59 s later: still paired
    clock.now += 60.0
    assert registry.resolve(agent) is None and len(registry) == 0  # gone ttl_s after the last leg


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"agent_uuid": "not-a-uuid"}, "is not a UUID"),
        ({"customer_uuid": "SAME"}, "different UUIDs"),
        ({"agent_id": "../etc"}, "agent_id"),
        ({"agent_id": ""}, "agent_id"),
        ({"label": "x" * 201}, "label"),
    ],
)
def test_bad_registrations_are_refused_with_the_reason(fields, message):
    agent, customer = legs()
    spec = {"agent_uuid": agent, "customer_uuid": customer, "agent_id": "joe", "label": None, **fields}
    if spec["customer_uuid"] == "SAME":
        spec["customer_uuid"] = agent
    with pytest.raises(PairingError, match=message):
        PairRegistry(ttl_s=60.0).register(**spec)


def test_a_leg_already_paired_with_another_cannot_be_registered_again_but_a_retry_replaces():
    registry = PairRegistry(ttl_s=60.0, clock=Clock())
    agent, customer = legs()
    registry.register(agent_uuid=agent, customer_uuid=customer, agent_id="joe")
    registry.register(agent_uuid=agent, customer_uuid=customer, agent_id="ann")  # the dialplan retried
    with pytest.raises(PairingError, match="already registered"):
        registry.register(agent_uuid=agent, customer_uuid=str(uuid.uuid4()), agent_id="joe")
    info = registry.resolve(customer)
    assert info is not None and info.agent_id == "ann" and len(registry) == 1


def test_the_registry_is_bounded():
    clock = Clock()
    registry = PairRegistry(ttl_s=10.0, clock=clock, max_pairs=2)
    for _ in range(2):
        a, c = legs()
        registry.register(agent_uuid=a, customer_uuid=c, agent_id="joe")
    a, c = legs()
    with pytest.raises(PairingError, match="too many"):
        registry.register(agent_uuid=a, customer_uuid=c, agent_id="joe")
    clock.now += 10.0
    registry.register(agent_uuid=a, customer_uuid=c, agent_id="joe")  # the old ones expired
    assert len(registry) == 1
