"""Rules on how the agent answers the customer: mirror the complaint, acknowledge the feeling.

Both keep one *pending* customer moment and judge the agent's next substantive turns (turns of at
least ``min_agent_words`` words; shorter ones are backchannels and do not count). A pending moment
expires ``expire_s`` after the customer spoke.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.language.config import AcknowledgeFeelings, MirrorComplaint
from coach.language.mirror import mirror_line
from coach.language.text import excerpt, first_match, overlap, tokens
from coach.language.utterance import Utterance, nudge
from coach.types import Nudge, seconds_to_samples

UPSET_LEVELS = ("calm", "tense", "escalated")


@dataclass(slots=True)
class _Pending:
    utt: str
    start: int
    end: int
    said: str
    cue: str
    turns: int = 0

    def missed_by(self, needed_turns: int) -> bool:
        """Count one agent turn that did not answer this; True once ``needed_turns`` such turns passed."""
        self.turns += 1
        return self.turns >= needed_turns

    def expired(self, now: int, expire: int) -> bool:
        """Too long ago (``expire`` samples after it ended) to nudge about any more."""
        return now - self.end > expire


class MirrorComplaintRule:
    """A customer complaint the agent's next turn(s) neither paraphrase nor mirror -> nudge with a
    ``suggested_line`` built from the customer's words."""

    kind = "mirror_complaint"

    def __init__(self, cfg: MirrorComplaint) -> None:
        self.cfg = cfg
        self._pending: _Pending | None = None
        self._expire = seconds_to_samples(cfg.expire_s)

    def on_customer(self, u: Utterance) -> list[Nudge]:
        m = first_match(u.text, self.cfg.cues)
        if m is not None:
            self._pending = _Pending(u.utt, u.start, u.end, m.sentence, m.phrase)
        return []

    def on_agent(self, u: Utterance) -> list[Nudge]:
        p = self._pending
        if p is None or len(tokens(u.text)) < self.cfg.min_agent_words:
            return []
        share, shared = overlap(p.said, u.text)
        mirrored = first_match(u.text, self.cfg.paraphrase_cues) is not None
        if mirrored or (share >= self.cfg.min_overlap and shared >= self.cfg.min_shared):
            self._pending = None
            return []
        if not p.missed_by(self.cfg.agent_turns):
            return []
        self._pending = None
        return [
            nudge(
                self.kind,
                self.cfg.text,
                self.cfg.severity,
                p.start,
                p.utt,
                said=p.said,
                cue=p.cue,
                suggested_line=mirror_line(p.said, p.cue),
                agent_said=excerpt(u.text),
                overlap=round(share, 2),
                why=self.cfg.why,
            )
        ]

    def tick(self, now: int) -> None:
        if self._pending is not None and self._pending.expired(now, self._expire):
            self._pending = None


class AcknowledgeFeelingsRule:
    """An upset customer (upset words, or the escalation level rising) and no acknowledgement in the
    agent's next turn(s) -> nudge. An acknowledgement covers the customer's feelings for
    ``acknowledged_recently_s``: upset within that time after one does not ask for another."""

    kind = "acknowledge_feelings"

    def __init__(self, cfg: AcknowledgeFeelings) -> None:
        self.cfg = cfg
        self._pending: _Pending | None = None
        self._expire = seconds_to_samples(cfg.expire_s)
        self.level = "calm"
        self._last_customer: Utterance | None = None
        self._last_ack: int | None = None
        self._recent = seconds_to_samples(cfg.acknowledged_recently_s)

    def set_level(self, level: str) -> None:
        """Customer upset level from the escalation model: calm | tense | escalated."""
        if level not in UPSET_LEVELS:
            raise ValueError(f"upset level must be one of {UPSET_LEVELS}, got {level!r}")
        rising = UPSET_LEVELS.index(level) > UPSET_LEVELS.index(self.level)
        self.level = level
        u = self._last_customer
        if rising and level != "calm" and self._pending is None and u is not None and not self._acknowledged(u.end):
            self._pending = _Pending(u.utt, u.start, u.end, u.text, f"level:{level}")

    def _acknowledged(self, at: int) -> bool:
        """The agent acknowledged the customer's feelings within ``acknowledged_recently_s`` before ``at``."""
        return self._last_ack is not None and at - self._last_ack <= self._recent

    def on_customer(self, u: Utterance) -> list[Nudge]:
        self._last_customer = u
        if self._pending is not None:
            return []
        m = first_match(u.text, self.cfg.upset_cues)
        if m is not None and not self._acknowledged(u.end):
            self._pending = _Pending(u.utt, u.start, u.end, m.sentence, m.phrase)
        return []

    def on_agent(self, u: Utterance) -> list[Nudge]:
        if first_match(u.text, self.cfg.acknowledgements) is not None:
            self._last_ack = u.end
            self._pending = None
            return []
        p = self._pending
        if p is None:
            return []
        if len(tokens(u.text)) < self.cfg.min_agent_words:
            return []
        if not p.missed_by(self.cfg.agent_turns):
            return []
        self._pending = None
        return [
            nudge(
                self.kind,
                self.cfg.text,
                self.cfg.severity,
                p.start,
                p.utt,
                said=excerpt(p.said),
                cue=p.cue,
                level=self.level,
                agent_said=excerpt(u.text),
                why=self.cfg.why,
            )
        ]

    def tick(self, now: int) -> None:
        if self._pending is not None and self._pending.expired(now, self._expire):
            self._pending = None
