"""Rule on the agent's speaking rate (from word timestamps, see :mod:`coach.asr.rate`).

The rate is pooled, never judged on one turn: words per minute of speaking time (pauses longer
than ``max_pause_s`` are not speaking time) over the agent's most recent measured utterances that
together hold at least ``window_s`` seconds of speaking. One utterance's timestamps are too noisy
(the recogniser stretches a turn's first word and squeezes its last ones, and a turn cut short by a
barge-in packs its words), and a single quick sentence is not "talking too fast".

The pooled rate is *fast* above a limit: a usual articulation rate, ``norm_wpm``, or the agent's own
rate so far (pooled over all their measured speech, once there are ``baseline_min_s`` seconds of it)
when that is higher, raised by ``margin``; capped at ``ceiling_wpm``, fast whatever the agent's
habit. So an agent at a normal pace never gets the nudge, a quick talker is judged against their
own pace, and anyone above the ceiling is told. Once fired, the window starts afresh (a new stretch
of ``window_s`` of speaking is needed to fire again). Utterances with under ``min_speaking_s`` of
speaking are not measured, nor are those the recogniser looped on (the ASR guard's loop measure
:func:`~coach.asr.guards.repeat_share` over ``max_repeat_share``: Whisper writing "I'm going to go in a
hill" three times over a gentle turn packs words the agent never said into its seconds).
"""

from __future__ import annotations

from collections import deque

from coach.asr.guards import repeat_share
from coach.asr.rate import speaking_time
from coach.language.config import SlowDown
from coach.language.text import excerpt
from coach.language.utterance import Utterance, nudge
from coach.types import Nudge, samples_to_seconds


class SlowDownRule:
    kind = "slow_down"

    def __init__(self, cfg: SlowDown) -> None:
        self.cfg = cfg
        self._window: deque[tuple[int, int, float]] = deque()  # (start sample, words, speaking s)
        self._words = 0  # all the agent's measured speech: words ...
        self._seconds = 0.0  # ... and speaking seconds

    @property
    def baseline_wpm(self) -> float | None:
        """The agent's pooled rate so far (``None`` until ``baseline_min_s`` of speaking is measured)."""
        if self._seconds < self.cfg.baseline_min_s:
            return None
        return 60.0 * self._words / self._seconds

    def limit_wpm(self) -> float:
        """The rate above which the pooled window is fast, words per minute."""
        usual = max(self.cfg.norm_wpm, self.baseline_wpm or 0.0)
        return min(self.cfg.ceiling_wpm, usual * (1 + self.cfg.margin))

    def on_agent(self, u: Utterance) -> list[Nudge]:
        seconds = speaking_time(u.words, max_pause_s=self.cfg.max_pause_s)
        if not u.words or seconds < self.cfg.min_speaking_s:
            return []
        if repeat_share([str(w.get("w", "")) for w in u.words]) > self.cfg.max_repeat_share:
            return []
        limit, base = self.limit_wpm(), self.baseline_wpm  # judged against the pace before this turn
        self._words += len(u.words)
        self._seconds += seconds
        self._window.append((u.start, len(u.words), seconds))
        while len(self._window) > 1 and sum(s for _, _, s in self._window) - self._window[0][2] >= self.cfg.window_s:
            self._window.popleft()
        pooled_s = sum(s for _, _, s in self._window)
        if pooled_s < self.cfg.window_s:
            return []
        rate = 60.0 * sum(n for _, n, _ in self._window) / pooled_s
        if rate <= limit:
            return []
        start = self._window[0][0]
        self._window.clear()
        return [
            nudge(
                self.kind,
                self.cfg.text,
                self.cfg.severity,
                start,
                u.utt,
                rate_wpm=round(rate),
                limit_wpm=round(limit),
                baseline_wpm=None if base is None else round(base),
                norm_wpm=self.cfg.norm_wpm,
                ceiling_wpm=self.cfg.ceiling_wpm,
                stretch_s=round(pooled_s, 1),
                since=samples_to_seconds(start),
                said=excerpt(u.text, 12),
                why=self.cfg.why,
            )
        ]
