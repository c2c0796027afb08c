"""Plain data types shared by every stage. Imports nothing else from ``coach``.

Time inside the pipeline is an integer sample index from the start of the call at
:data:`SAMPLE_RATE` (16 kHz). Seconds appear only at the edges: in :class:`Event` and in
what is printed or sent to a browser.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np

SAMPLE_RATE = 16_000
"""Sample rate of every lane inside the pipeline, in Hz."""

FRAME_SAMPLES = 512
"""Analysis frame: 512 samples = 32 ms at 16 kHz (the Silero VAD frame)."""


def samples_to_seconds(samples: int) -> float:
    """Convert a sample index at :data:`SAMPLE_RATE` to seconds, rounded to the millisecond."""
    return round(samples / SAMPLE_RATE, 3)


def seconds_to_samples(seconds: float) -> int:
    """Convert seconds to the nearest sample index at :data:`SAMPLE_RATE`."""
    return int(round(seconds * SAMPLE_RATE))


class Lane(StrEnum):
    """One side of a call. The agent lane is never scored for emotion."""

    AGENT = "agent"
    CUSTOMER = "customer"

    @property
    def other(self) -> Lane:
        return Lane.CUSTOMER if self is Lane.AGENT else Lane.AGENT


@dataclass(frozen=True, slots=True)
class AudioChunk:
    """A run of one lane's audio.

    ``pcm`` is mono float32 in [-1, 1] at :data:`SAMPLE_RATE`; ``start_sample`` is the index of
    its first sample from the start of the call. Chunks of one lane arrive in order and without
    gaps (a source fills gaps with silence and reports them).
    """

    lane: Lane
    start_sample: int
    pcm: np.ndarray

    @property
    def end_sample(self) -> int:
        return self.start_sample + len(self.pcm)


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of speech on one lane, ``[start, end)`` in samples."""

    lane: Lane
    start: int
    end: int

    @property
    def duration_s(self) -> float:
        return (self.end - self.start) / SAMPLE_RATE


@dataclass(frozen=True, slots=True)
class Cue:
    """A detector's finding that may deserve a nudge, before wording and policy are applied.

    ``kind`` names the playbook rule, ``start`` is the sample where the moment began, ``moment``
    identifies that moment and ``evidence`` holds the numbers (seconds, dB, semitones) or words that
    fired it. A new offence (a second interruption...) must get a new ``moment`` id: the nudge policy
    never nags twice about one moment within its kind's cooldown, but always considers a new one.

    Delivery contract (see ``coach/nudges/policy.py`` and docs/nudges.md, "Delivery"):

    - **one-shot** (``ongoing=False``, ``end=None``, the default): reported once; if the screen is
      busy the moment waits at most ``[nudges] max_wait_s`` for it.
    - **ongoing** (``ongoing=True``): the condition is still going on at the sample the cue is
      returned for. The detector re-sends a cue with the same ``moment`` at least every
      ``[nudges] ongoing_refresh_s`` of call audio while it lasts (every frame is fine); the latest
      ``evidence`` replaces the earlier one (``silence_s`` grows...). The moment stays eligible, and is
      shown as soon as the screen frees, for as long as it is refreshed.
    - **end**: when the condition stops, the detector sends the same ``moment`` once more with
      ``ongoing=False`` and ``end`` = the sample where it stopped (final evidence). A moment whose
      refreshes stop for longer than ``ongoing_refresh_s`` counts as ended at its last refresh. An
      ended condition is no longer put on screen.
    """

    kind: str
    start: int
    moment: str
    evidence: Mapping[str, Any]
    ongoing: bool = False
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Nudge:
    """An agent-facing suggestion before the nudge policy has let it through.

    ``kind`` names the playbook rule (``stop_interrupting``, ``dead_air``...), ``text`` is the short
    line the agent reads, ``severity`` is ``low`` | ``medium`` | ``high``, ``evidence`` holds the
    numbers (and, for language nudges, the words) that fired it. ``start`` is the sample where the
    moment it refers to began; ``moment`` identifies that moment so the same one never fires twice.
    ``ongoing`` and ``end`` follow the delivery contract of :class:`Cue`. ``join`` names a join group
    (e.g. ``"reply:<agent utterance id>"``, the one reply that missed both the mirror and the
    acknowledgement): the policy shows waiting moments of one group together, as one nudge.
    """

    kind: str
    text: str
    severity: str
    evidence: Mapping[str, Any]
    start: int
    moment: str
    ongoing: bool = False
    end: int | None = None
    join: str | None = None


@dataclass(frozen=True, slots=True)
class Withdrawal:
    """A detector takes back a moment it reported (a :class:`Cue` or :class:`Nudge` ``moment``), e.g.
    because a later decode retracted the words a language nudge was based on. Returned among the cues;
    the policy drops the moment if it is still waiting (``cue`` outcome ``suppressed``) or emits
    ``nudge.withdrawn`` if it was shown. ``why`` is plain words for the review page."""

    moment: str
    why: str


SEVERITY_RANK = {"low": 0, "medium": 1, "high": 2}


@dataclass(frozen=True, slots=True)
class Event:
    """One line of the event stream (see ``docs/events.md``).

    ``t`` is when the thing began and ``at`` how much call audio had been consumed when the event
    was emitted, both in seconds from call start; ``at - t`` is the detection delay. ``data`` holds
    the type-specific fields.
    """

    type: str
    t: float
    at: float
    data: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def at_samples(cls, type_: str, start: int, now: int, **data: Any) -> Event:
        """Build an event from sample indices (``start`` = when it began, ``now`` = audio consumed)."""
        return cls(type_, samples_to_seconds(start), samples_to_seconds(now), data)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object written to ``--events`` files and sent to browsers."""
        return {"type": self.type, "t": self.t, "at": self.at, **self.data}
