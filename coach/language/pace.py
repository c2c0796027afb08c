"""Rule on the agent's speaking rate (from word timestamps, see :func:`coach.asr.rate.rate_wpm`).

An agent utterance is *fast* when its rate exceeds the limit: ``ceiling_wpm``, or the agent's own
baseline (median rate of their measured utterances so far, once there are
``baseline_min_utterances``) raised by ``margin``, whichever is lower. Speaking time of consecutive
fast utterances adds up; at ``sustain_s`` the rule fires once and starts counting again. A measured
utterance at a normal rate breaks the stretch; utterances too short to measure are ignored.
"""

from __future__ import annotations

from statistics import median

from coach.asr.rate import rate_wpm, speaking_time
from coach.language.config import SlowDown
from coach.language.text import excerpt
from coach.language.utterance import Utterance, nudge
from coach.types import Nudge, samples_to_seconds


class SlowDownRule:
    kind = "slow_down"

    def __init__(self, cfg: SlowDown) -> None:
        self.cfg = cfg
        self._rates: list[float] = []
        self._stretch_s = 0.0
        self._stretch_start: int | None = None
        self._stretch_rates: list[float] = []

    @property
    def baseline_wpm(self) -> float | None:
        """The agent's median rate so far (``None`` until enough utterances are measured)."""
        if len(self._rates) < self.cfg.baseline_min_utterances:
            return None
        return median(self._rates)

    def limit_wpm(self) -> float:
        base = self.baseline_wpm
        return (
            self.cfg.ceiling_wpm if base is None else min(self.cfg.ceiling_wpm, base * (1 + self.cfg.margin))
        )

    def on_agent(self, u: Utterance) -> list[Nudge]:
        rate = rate_wpm(u.words, max_pause_s=self.cfg.max_pause_s, min_speaking_s=self.cfg.min_speaking_s)
        if rate is None:
            return []
        limit, base = self.limit_wpm(), self.baseline_wpm
        self._rates.append(rate)
        if rate <= limit:
            self._stretch_s, self._stretch_start, self._stretch_rates = 0.0, None, []
            return []
        if self._stretch_start is None:
            self._stretch_start = u.start
        self._stretch_s += speaking_time(u.words, max_pause_s=self.cfg.max_pause_s)
        self._stretch_rates.append(rate)
        if self._stretch_s < self.cfg.sustain_s:
            return []
        start, stretch, rates = self._stretch_start, self._stretch_s, self._stretch_rates
        self._stretch_s, self._stretch_start, self._stretch_rates = 0.0, None, []
        return [
            nudge(
                self.kind,
                self.cfg.text,
                self.cfg.severity,
                start,
                u.utt,
                rate_wpm=round(max(rates)),
                limit_wpm=round(limit),
                baseline_wpm=None if base is None else round(base),
                ceiling_wpm=self.cfg.ceiling_wpm,
                stretch_s=round(stretch, 1),
                since=samples_to_seconds(start),
                said=excerpt(u.text, 12),
                why=self.cfg.why,
            )
        ]
