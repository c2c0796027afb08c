"""Explained holds: the agent tells the customer a silence is coming ("let me put you on a brief
hold", "one moment while I check", "bear with me for two minutes").

:class:`HoldWatcher` reads the agent's ``transcript`` events as they stream: only *committed* words
count (a partial's first ``stable`` words, or a final's words), so what it acts on never changes.
When a hold phrase appears it tells the :class:`~coach.turns.tracker.TurnTracker`, with the duration
the agent announced if they gave one ("for a minute", "two minutes", "thirty seconds"); the tracker
then does not call the silence that follows dead air for that long (see ``[turns] hold_*``). A hold
word without a duration ("please hold", "bear with me", "stay on the line") covers ``hold_default_s``;
a look-up said in passing ("let me check", "I'll pull that up", "one moment") is *vague* and covers
only ``hold_vague_s``: it explains a few seconds of quiet, not half a minute. Each utterance announces
at most one hold, and once more when later committed words make it firmer (a hold word after a
look-up, or a duration). Words are matched, never logged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.turns.tracker import Found, TurnTracker
from coach.types import Event, Lane, seconds_to_samples

_EXPLICIT_PHRASES = (  # a hold word: the customer is asked to wait
    r"(?:put|place|placing|putting|pop|popping) you on (?:a |an )?(?:(?:very )?(?:brief|short|quick|little) )?hold",
    r"(?:please|brief|short|quick) hold",
    r"hold the line",
    r"(?<!the )(?<!a )hold on(?=[,.]|$| (?:a|one|just|please|for|while|i|let)\b)",
    r"bear with me",
    r"stay on the line",
)
_LOOKUP_PHRASES = (  # a look-up said in passing: vague unless a duration comes with it
    r"(?:just |one |a )(?:moment|second|sec|minute)(?: please)?,? (?:while|whilst|as) (?:i|we)",
    r"give me (?:just )?(?:a|one|two|a few|a couple of) (?:moment|second|sec|minute)s?",
    r"(?:let me|i'll|i will|i need to|allow me to) (?:just |quickly |now )?"
    r"(?:check|look into|look that up|look it up|pull up|pull that up|find|have a look|go and check)",
    r"(?:one|just a|just one) (?:moment|second|sec)",
)
_EXPLICIT = re.compile(r"\b(?:" + "|".join(_EXPLICIT_PHRASES) + r")\b")
_HOLD = re.compile(r"\b(?:" + "|".join(_EXPLICIT_PHRASES + _LOOKUP_PHRASES) + r")\b")

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "forty-five": 45, "forty five": 45, "fifty": 50, "sixty": 60, "ninety": 90,
    "a couple of": 2, "a couple": 2, "a few": 3, "few": 3,
}  # fmt: skip
_DURATION = re.compile(
    r"\b(?P<n>\d+(?:\.\d+)?|a couple of|a couple|a few|forty[- ]five|"
    + "|".join(sorted((k for k in _NUMBERS if " " not in k and "-" not in k), key=len, reverse=True))
    + r")\s+(?P<unit>seconds?|secs?|minutes?|mins?)\b"
)
_VAGUE_SINGULAR = re.compile(r"\b(?:just |for )?(?:a|one) (?:second|sec)\b")


def announced_seconds(text: str) -> float | None:
    """The hold duration the agent announced in ``text`` (lower case), in seconds; None when vague.

    "two minutes" -> 120, "thirty seconds" -> 30, "a minute" -> 60, "a couple of minutes" -> 120;
    "a second" / "one moment" are a manner of speaking, not a duration, and give None.
    """
    best: float | None = None
    for m in _DURATION.finditer(text):
        n_text, unit = m.group("n"), m.group("unit")
        if unit.startswith("sec") and _VAGUE_SINGULAR.fullmatch(m.group(0).strip()):
            continue
        n = float(n_text) if n_text[0].isdigit() else float(_NUMBERS.get(n_text.replace("-", " "), 0) or 0)
        if n_text.replace("-", " ") == "forty five":
            n = 45.0
        if n <= 0 or (unit.startswith("sec") and n_text in ("a", "an", "one")):
            continue
        seconds = n * (60.0 if unit.startswith("min") else 1.0)
        best = seconds if best is None else max(best, seconds)
    return best


def find_hold(text: str) -> re.Match[str] | None:
    """The hold phrase in ``text`` (any case), or None."""
    return _HOLD.search(_normalise(text))


def classify_hold(text: str) -> tuple[float | None, bool] | None:
    """``(announced seconds or None, vague)`` for the hold announced in ``text`` (any case), or None
    when it announces none. ``vague``: no duration and no hold word, only a look-up ("let me check")."""
    norm = _normalise(text)
    match = _HOLD.search(norm)
    if match is None:
        return None
    announced = announced_seconds(norm[match.start() :])
    return announced, announced is None and _EXPLICIT.search(norm) is None


def _firmness(hold: tuple[float | None, bool]) -> int:
    """2: a duration was announced; 1: a hold word; 0: a vague look-up."""
    announced, vague = hold
    return 2 if announced is not None else 0 if vague else 1


def _normalise(text: str) -> str:
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"[^a-z0-9' ,.-]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class HoldWatcher:
    """Finds hold announcements in the agent's committed words and tells the turn tracker."""

    turns: TurnTracker
    _announced: dict[str, int] = field(default_factory=dict)  # utterance -> firmness announced

    def push(self, transcripts: list[Event], now: int) -> list[Found]:
        """Look at the transcript events emitted at sample ``now``; return what the tracker answered
        (a ``hold`` event, maybe the withdrawal of a dead-air cue the hold explains). An utterance
        announces its hold once, and again whenever more committed words make it firmer (see
        :func:`classify_hold`: a vague look-up, then a hold word, then a duration)."""
        out: list[Found] = []
        for event in transcripts:
            data = event.data
            if event.type != "transcript" or data.get("speaker") != Lane.AGENT.value:
                continue
            utt = str(data.get("utt", ""))
            if self._announced.get(utt, -1) >= 2:
                continue
            words = list(data.get("words") or [])
            if not data.get("final"):
                words = words[: int(data.get("stable") or 0)]
            if not words:
                continue
            hold = classify_hold(" ".join(str(w.get("w", "")) for w in words))
            if hold is None or _firmness(hold) <= self._announced.get(utt, -1):
                continue
            self._announced[utt] = _firmness(hold)
            start = seconds_to_samples(float(words[0]["start"]))
            end = seconds_to_samples(float(words[-1]["end"]))
            out.extend(self.turns.announce_hold(start, end, now, announced_s=hold[0], vague=hold[1]))
        return out
