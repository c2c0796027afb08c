"""Rules on the agent's own wording: positive language, "calm down", over-apologising.

Each rule is a small synchronous object fed agent utterances in call order; it returns at most one
:class:`~coach.types.Nudge` per utterance. The two wording rules (positive language, "calm down")
also read unfinished utterances, the committed words of partials (``open_end``: a match that an
exception could still cover once more words arrive, "I can't" before "...imagine", waits).
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Mapping

from coach.language.config import AvoidCalmDown, OverApologizing, PhraseRule, PositiveLanguage
from coach.language.patterns import compile_patterns
from coach.language.text import Match, count_phrases, excerpt, find_phrases, first_match
from coach.language.utterance import Utterance, nudge
from coach.types import Nudge, samples_to_seconds, seconds_to_samples


def _wording_nudge(kind: str, u: Utterance, m: Match, *, text: str, severity: str, why: str, **more: object) -> Nudge:
    """A wording nudge that starts where the phrase was said (the utterance start without word times).
    Its join group is the agent's reply (``reply:<utterance id>``, as the mirror/acknowledge rules'):
    a refusal said in the reply whose "calm down" is on screen joins that nudge (``coach/nudges/policy.py``)."""
    span = u.span(m)
    start = span[0] if span else u.start
    timing = {}
    if span is not None:
        timing = {"phrase_t": samples_to_seconds(span[0]), "phrase_end": samples_to_seconds(span[1])}
    found = nudge(
        kind,
        text,
        severity,
        start,
        u.utt,
        said=m.said,
        sentence=m.sentence,
        phrase=m.phrase,
        why=why,
        basis="final" if u.final else "committed",
        **timing,
        **more,
    )
    return dataclasses.replace(found, join=f"reply:{u.utt}")


class PositiveLanguageRule:
    """Negative phrases (refusals, "it's policy", "I don't know", blame...) -> a positive rephrase.

    The phrase families are tried in configured order (most specific first); the first family with
    a non-excepted match fires; ``rephrase`` is that family's line to say instead."""

    kind = "positive_language"

    def __init__(self, cfg: PositiveLanguage, slots: Mapping[str, tuple[str, ...]] | None = None) -> None:
        self.cfg = cfg
        self._families = [(rule, compile_patterns(rule.match, slots)) for rule in cfg.phrases]
        self._exceptions = compile_patterns(cfg.exceptions, slots)

    def find(
        self, text: str, *, open_end: bool = False, heard: Utterance | None = None
    ) -> tuple[PhraseRule, Match] | None:
        """The first family with a match in ``text`` and that match, or ``None``. With ``heard`` (the
        utterance ``text`` is from), a match with more words less sure than ``min_word_p`` than
        ``unsure_words`` allows does not count."""
        for rule, phrases in self._families:
            for m in find_phrases(
                text, phrases, exceptions=self._exceptions, at_start=rule.at_start, open_end=open_end
            ):
                if heard is None or self._sure(heard, m):
                    return rule, m
        return None

    def _sure(self, u: Utterance, m: Match) -> bool:
        ps = u.word_ps(m)
        allowed = self.cfg.unsure_words if len(ps) >= 3 else 0
        return sum(p < self.cfg.min_word_p for p in ps) <= allowed

    def on_agent(self, u: Utterance) -> list[Nudge]:
        found = self.find(u.text, open_end=not u.final, heard=u)
        if found is None:
            return []
        rule, m = found
        return [
            _wording_nudge(
                self.kind,
                u,
                m,
                text=rule.text,
                severity=self.cfg.severity,
                why=self.cfg.why,
                rephrase=rule.rephrase,
                family=rule.family,
            )
        ]


class CalmDownRule:
    """The "calm down" family ("relax", "take it easy", "no need to shout"...) -> acknowledge the
    feeling instead (``suggestion`` is a line to say)."""

    kind = "avoid_calm_down"

    def __init__(self, cfg: AvoidCalmDown, slots: Mapping[str, tuple[str, ...]] | None = None) -> None:
        self.cfg = cfg
        self._match = compile_patterns(cfg.match, slots)
        self._exceptions = compile_patterns(cfg.exceptions, slots)

    def find(self, text: str, *, open_end: bool = False) -> Match | None:
        """The first non-excepted match in ``text``, or ``None``."""
        return first_match(text, self._match, exceptions=self._exceptions, open_end=open_end)

    def on_agent(self, u: Utterance) -> list[Nudge]:
        m = self.find(u.text, open_end=not u.final)
        if m is None:
            return []
        c = self.cfg
        return [_wording_nudge(self.kind, u, m, text=c.text, severity=c.severity, suggestion=c.suggestion, why=c.why)]


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
