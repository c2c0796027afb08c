"""How the customer's escalation changes the priority of nudges.

While the customer is escalated, the nudges that calm a conversation down (listed in
``[nudges] boost_when_escalated``) go up one severity step, so they are ranked first and may replace
a less urgent nudge on screen. Pure function; the policy then applies the budget as usual.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection

from coach.types import Nudge

_STEP_UP = {"low": "medium", "medium": "high", "high": "high"}


def prioritise(nudges: list[Nudge], customer_level: str, boosted_kinds: Collection[str]) -> list[Nudge]:
    """``nudges`` with the listed kinds raised one severity step when ``customer_level`` is escalated."""
    if customer_level != "escalated":
        return nudges
    out = []
    for nudge in nudges:
        if nudge.kind in boosted_kinds:
            evidence = {**nudge.evidence, "customer_level": customer_level}
            nudge = dataclasses.replace(nudge, severity=_STEP_UP[nudge.severity], evidence=evidence)
        out.append(nudge)
    return out
