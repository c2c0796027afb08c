"""Rules on the agent's own wording: positive language, "calm down", over-apologising.

Each rule is a small synchronous object fed agent finals in call order; it returns at most one
:class:`~coach.types.Nudge` per utterance.
"""

from __future__ import annotations

from collections import deque

from coach.language.config import AvoidCalmDown, OverApologizing, PositiveLanguage
from coach.language.text import count_phrases, excerpt, first_match
from coach.language.utterance import Utterance, nudge
from coach.types import Nudge, samples_to_seconds, seconds_to_samples


class PositiveLanguageRule:
    """Negative phrases ("can't", "unfortunately", "it's policy"…) -> a positive rephrase.

    The phrase families are tried in configured order (most specific first); the first family with
    a non-excepted match fires."""

    kind = "positive_language"

    def __init__(self, cfg: PositiveLanguage) -> None:
        self.cfg = cfg

    def on_agent(self, u: Utterance) -> list[Nudge]:
        for rule in self.cfg.phrases:
            m = first_match(u.text, rule.match, exceptions=self.cfg.exceptions, at_start=rule.at_start)
            if m is not None:
                return [
                    nudge(
                        self.kind,
                        rule.text,
                        self.cfg.severity,
                        u.start,
                        u.utt,
                        said=m.said,
                        sentence=m.sentence,
                        suggestion=rule.text,
                        why=self.cfg.why,
                    )
                ]
        return []


class CalmDownRule:
    """ "Calm down", "relax", "settle down"… -> acknowledge the feeling instead."""

    kind = "avoid_calm_down"

    def __init__(self, cfg: AvoidCalmDown) -> None:
        self.cfg = cfg

    def on_agent(self, u: Utterance) -> list[Nudge]:
        m = first_match(u.text, self.cfg.match, exceptions=self.cfg.exceptions)
        if m is None:
            return []
        return [
            nudge(
                self.kind,
                self.cfg.text,
                self.cfg.severity,
                u.start,
                u.utt,
                said=m.said,
                sentence=m.sentence,
                suggestion=self.cfg.suggestion,
                why=self.cfg.why,
            )
        ]


class OverApologizingRule:
    """``count`` or more apologies by the agent within ``window_s`` -> one nudge, then the count restarts."""

    kind = "over_apologizing"

    def __init__(self, cfg: OverApologizing) -> None:
        self.cfg = cfg
        self._window = seconds_to_samples(cfg.window_s)
        self._seen: deque[tuple[int, str]] = deque()

    def on_agent(self, u: Utterance) -> list[Nudge]:
        for m in count_phrases(u.text, self.cfg.apologies):
            self._seen.append((u.start, m.said))
        while self._seen and self._seen[0][0] < u.end - self._window:
            self._seen.popleft()
        if len(self._seen) < self.cfg.count:
            return []
        first = self._seen[0][0]
        said = [s for _, s in self._seen]
        self._seen.clear()
        return [
            nudge(
                self.kind,
                self.cfg.text,
                self.cfg.severity,
                first,
                u.utt,
                said=said,
                count=len(said),
                window_s=self.cfg.window_s,
                since=samples_to_seconds(first),
                latest=excerpt(u.text),
                why=self.cfg.why,
            )
        ]

    def reset(self) -> None:
        self._seen.clear()
