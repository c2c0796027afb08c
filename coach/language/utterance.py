"""A final transcript event as the language rules see it, and the nudge factory they share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coach.types import Nudge, seconds_to_samples


@dataclass(frozen=True, slots=True)
class Utterance:
    """One final transcript: ``start``/``end``/``at`` in samples from call start; ``words`` are the
    event's ``{"w", "start", "end", "p"}`` dicts (seconds); ``utt`` identifies it (unique per call)."""

    speaker: str
    text: str
    start: int
    end: int
    at: int
    utt: str
    words: Sequence[Mapping[str, Any]] = ()

    @classmethod
    def from_event(cls, event: Mapping[str, Any]) -> Utterance:
        """From a transcript event dict (``Event.to_dict()``: type, t, at, speaker, end, text, final,
        words, utt)."""
        start = seconds_to_samples(float(event["t"]))
        end = seconds_to_samples(float(event.get("end", event["t"])))
        at = seconds_to_samples(float(event.get("at", event.get("end", event["t"]))))
        speaker = str(event["speaker"])
        utt = str(event.get("utt") or f"{speaker}@{start}")
        return cls(speaker, str(event.get("text", "")), start, end, at, utt, tuple(event.get("words") or ()))


def nudge(kind: str, text: str, severity: str, start: int, moment: str, **evidence: Any) -> Nudge:
    """Build a language :class:`Nudge` (``moment`` = "<utterance id>:<kind>")."""
    return Nudge(
        kind=kind, text=text, severity=severity, evidence=evidence, start=start, moment=f"{moment}:{kind}"
    )
