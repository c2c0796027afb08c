"""Rule on closing the call: recap and ask "is there anything else…" before saying goodbye.

A closing cue from either side ("thanks for your help", "have a good day", "see you later", "take
care", "bye now") opens the close. The call's opening is not a close: nothing said before the
customer's first words counts, nor an agent utterance with an opening cue ("thanks for calling
Acme, how can I help?"). If the agent has asked or recapped within ``lookback_s``, nothing happens. If the agent's own
utterance closes without asking, the rule fires at once; after a customer's closing cue the agent
has ``wait_s`` (checked on :meth:`ClosingRule.tick`) or their next turn to ask. Fires once per call.
"""

from __future__ import annotations

from coach.language.config import CheckAnythingElse
from coach.language.text import excerpt, first_match
from coach.language.utterance import Utterance, nudge
from coach.types import Nudge, seconds_to_samples


class ClosingRule:
    kind = "check_anything_else"

    def __init__(self, cfg: CheckAnythingElse) -> None:
        self.cfg = cfg
        self._lookback = seconds_to_samples(cfg.lookback_s)
        self._wait = seconds_to_samples(cfg.wait_s)
        self._last_ask: int | None = None
        self._pending: tuple[Utterance, str] | None = None
        self._customer_spoke = False
        self.fired = False

    def _asked_recently(self, now: int) -> bool:
        return self._last_ask is not None and now - self._last_ask <= self._lookback

    def _fire(self, u: Utterance, said: str, agent_said: str | None) -> list[Nudge]:
        self.fired = True
        self._pending = None
        return [
            nudge(
                self.kind,
                self.cfg.text,
                self.cfg.severity,
                u.start,
                u.utt,
                said=said,
                speaker=u.speaker,
                agent_said=agent_said,
                why=self.cfg.why,
            )
        ]

    def on_agent(self, u: Utterance) -> list[Nudge]:
        if first_match(u.text, (*self.cfg.asks, *self.cfg.recaps)) is not None:
            self._last_ask = u.end
            self._pending = None
            return []
        if self.fired or not self._customer_spoke or first_match(u.text, self.cfg.opening_cues) is not None:
            return []  # the greeting, not a close
        cue = first_match(u.text, self.cfg.closing_cues, exceptions=self.cfg.not_closing)
        if cue is not None and not self._asked_recently(u.end):
            return self._fire(u, cue.said, excerpt(u.text))
        return []

    def on_customer(self, u: Utterance) -> list[Nudge]:
        self._customer_spoke = True
        if self.fired or self._pending is not None:
            return []
        cue = first_match(u.text, self.cfg.closing_cues, exceptions=self.cfg.not_closing)
        if cue is not None and not self._asked_recently(u.end):
            self._pending = (u, cue.said)
        return []

    def tick(self, now: int) -> list[Nudge]:
        if self._pending is None or self.fired:
            return []
        u, said = self._pending
        if now - u.end < self._wait:
            return []
        if self._asked_recently(now):
            self._pending = None
            return []
        return self._fire(u, said, None)
