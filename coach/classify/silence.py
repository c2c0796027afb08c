"""When the customer breaks a silence of both lanes (dead air), as the escalation stage can tell it.

The stage sees the customer's speech frames, and of the agent only the turn-taking ``speech`` events (sent when an
agent speech segment ends, with its ``end``) and the prosody stage's agent reports (about one a second of agent
speech, stamped when sent). :class:`SilenceWatch` keeps the latest of these and says, at the customer's first speech
frame after a pause of theirs, how long neither lane had spoken: an agent still talking sends reports, so a customer
who cuts into a long agent turn is not read as breaking a silence.

Times are call samples at 16 kHz (:data:`coach.types.SAMPLE_RATE`); the silence is returned in seconds. One instance
per call, used from one thread.
"""

from __future__ import annotations

import math

from coach.types import SAMPLE_RATE


class SilenceWatch:
    """The latest speech of the agent heard by the stage, for :meth:`silence_before` a customer turn."""

    def __init__(self) -> None:
        self._agent_heard = -math.inf  # call sample: the latest agent speech the stage knows of

    def agent_spoke(self, sample: float) -> None:
        """The agent spoke up to call sample ``sample`` (a speech segment's end, or a prosody report's stamp)."""
        self._agent_heard = max(self._agent_heard, sample)

    def silence_before(self, start: int, customer_last: int | None) -> float:
        """Seconds neither lane had spoken before the customer's speech frame at ``start``, ``customer_last`` the end
        of their previous speech frame (None: they had not spoken; then the agent's speech alone counts). 0 when the
        agent spoke at or after ``start``; ``inf`` when nobody has spoken yet."""
        last = max(self._agent_heard, -math.inf if customer_last is None else customer_last)
        return max(0.0, (start - last) / SAMPLE_RATE)
