"""A revised final read again by the agent's wording rules: a nudge the new words no longer support is withdrawn, one
they now support fires once.

A ``transcript.revised`` event (:mod:`coach.asr.revision`) replaces an agent final's words after the
:class:`~coach.asr.revision.RevisionGate` of the call admitted it. :func:`revise` judges the new words with the two
rules that read the agent's wording phrase by phrase, ``avoid_calm_down`` and ``positive_language`` (the moments a
final of the turn, or its partials, could nudge; :meth:`~coach.language.coach.LanguageCoach._confirm` withdraws the
partials' ones the same way):

- a moment of the turn already nudged (``"<utt>:<kind>"``) that the rule no longer finds in the new words is
  withdrawn (a :class:`~coach.types.Withdrawal`; the nudge policy takes it off the screen or drops it if waiting);
  its moment stays spent: the turn is never nudged twice for one kind;
- a moment the rule now finds and that never fired fires once (the coach's moments, as for any final).

A calm-down neither rule finds is asked of the calm-down head (:func:`~coach.language.calm_head.calm_by_meaning`), as
:meth:`~coach.language.coach.LanguageCoach.push` asks it of a final: a calm-down it found in the first words stands
when it still finds one in the new words (helper R22's /tmp/R22/a51a.py (1)).

The rules that judged the turn as a whole when its first final came (the listening rules' replies, apologies counted
in a window, pace, the closing) are not run again: their verdicts and counts stand as first heard, so nothing is
counted twice. A customer's revised final changes no nudge.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coach.language.coach import AGENT, LanguageCoach
from coach.language.utterance import Utterance
from coach.types import Nudge, Withdrawal

WHY = "The turn was heard again with the speech that followed it and no longer says this: the nudge is taken back."
"""The withdrawal's plain-words reason (no transcript words in it)."""


def revise(coach: LanguageCoach, event: Mapping[str, Any]) -> list[Nudge | Withdrawal]:
    """The withdrawals and fresh nudges of the admitted revision ``event`` (a ``transcript.revised`` event dict) of an
    agent's final, for ``coach``'s call (module docstring); nothing for the customer's."""
    u = Utterance.from_event(event)
    if u.speaker != AGENT:
        return []
    out: list[Nudge | Withdrawal] = []
    calm, positive = coach._calm, coach._positive  # noqa: SLF001 (the kinds of the coach's own wording rules)
    calm_found, positive_found = coach.wording(u)  # the tables, then the calm-down head, as for a final
    for kind, found in ((calm.kind, calm_found), (positive.kind, positive_found)):
        moment = f"{u.utt}:{kind}"
        if moment in coach._moments:  # noqa: SLF001
            if not found:
                out.append(Withdrawal(moment=moment, why=WHY))
        else:
            out += coach._fresh(list(found))  # noqa: SLF001
    return out
