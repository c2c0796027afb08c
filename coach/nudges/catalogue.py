"""Words for nudges: turns a detector's :class:`~coach.types.Cue` into an agent-facing
:class:`~coach.types.Nudge`, using the texts, reasons and severities of the configuration."""

from __future__ import annotations

import string

from coach.errors import ConfigError
from coach.nudges.config import NudgeText
from coach.types import Cue, Nudge


class _Unknown:
    """Stands in for evidence a reason names but a cue did not supply; formats as '?'."""

    def __format__(self, spec: str) -> str:
        return "?"


class _Missing(dict):
    def __missing__(self, key: str) -> _Unknown:
        return _Unknown()


def _render(template: str, evidence: dict) -> str:
    """Fill ``{name}`` / ``{name:.1f}`` placeholders from evidence; unknown or unformattable ones become '?'."""
    try:
        return string.Formatter().vformat(template, (), _Missing(evidence))
    except (ValueError, TypeError):
        return template


class NudgeCatalogue:
    """The configured wording of each nudge kind."""

    def __init__(self, texts: dict[str, NudgeText]) -> None:
        self._texts = texts

    def cooldown_s(self, kind: str) -> float:
        """Seconds before a still-ongoing moment of ``kind`` may be shown again (30 s for kinds worded
        elsewhere, e.g. the language rules)."""
        return self._texts[kind].cooldown_s if kind in self._texts else 30.0

    def word(self, cue: Cue) -> Nudge:
        """The nudge for ``cue``; its ``reason`` goes into the evidence as plain words."""
        try:
            entry = self._texts[cue.kind]
        except KeyError:
            raise ConfigError(f"no [nudges.texts.{cue.kind}] entry in the configuration") from None
        evidence = dict(cue.evidence)
        evidence.setdefault("reason", _render(entry.reason, evidence))
        return Nudge(
            kind=cue.kind,
            text=entry.text,
            severity=entry.severity,
            evidence=evidence,
            start=cue.start,
            moment=cue.moment,
            ongoing=cue.ongoing,
            end=cue.end,
        )
