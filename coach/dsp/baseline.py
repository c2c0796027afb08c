"""A speaker's usual loudness and pitch: a robust statistic of their calm speech, blended with a prior.

The speaker's speech arrives as windows (about a second of speech each, see
:class:`~coach.prosody.tracker.ProsodyTracker`). Their *own* level is the median of the levels of
their last ``history`` calm windows (of just two, their power average over their seconds: the median
of two is their mean in dB, and a short fading last word would drag a young level down by half the
gap); a window more than ``reject_above_db`` above the current baseline is an outlier (a raised
stretch) and is never added, so a loud turn cannot drag the baseline up, and the median shrugs off
the few loud windows that slip in under the margin. Until ``min_own_s`` of own calm speech exists,
"above the baseline" means above the prior by its margin.

Until enough of their own speech has been heard, the baseline leans on a :class:`VoicePrior`: either
a sensible absolute level for a headset or phone lane, or the agent's own baseline remembered from
earlier calls. The blend weighs the prior as ``prior.weight_s`` seconds of speech against the
seconds of own calm speech seen so far; the margin above the baseline that counts as raised goes
from the prior's margin to the caller's over the first ``min_own_s`` seconds of own calm speech. A
prior that is plainly wrong for this voice (``release_s`` seconds of their speech all above it before
any calm window: a hot microphone) is dropped, and those windows become the speaker's own.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any

import numpy as np

from coach.dsp.loudness import dbfs_to_power, power_to_dbfs


@dataclass(frozen=True, kw_only=True)
class VoicePrior:
    """What is assumed about a voice before it is heard. dBFS, Hz, seconds of speech.

    ``margin_db`` is how far above ``loudness_db`` counts as raised while only the prior is known
    (wider for a generic lane level than for the agent's remembered own level).
    """

    loudness_db: float
    pitch_hz: float | None
    weight_s: float
    margin_db: float


@dataclass(frozen=True, kw_only=True)
class VoiceBaseline:
    """A learnt baseline, as remembered across calls: level (dBFS), pitch (Hz), seconds of speech behind it."""

    loudness_db: float
    pitch_hz: float | None
    speech_s: float

    def to_json(self) -> dict[str, Any]:
        """As the ``agent_voice`` entry of a call summary (dBFS, Hz, seconds of speech; rounded)."""
        return {
            "loudness_db": round(self.loudness_db, 2),
            "pitch_hz": None if self.pitch_hz is None else round(self.pitch_hz, 1),
            "speech_s": round(self.speech_s, 1),
        }

    @classmethod
    def from_json(cls, data: Any) -> VoiceBaseline | None:
        """Read :meth:`to_json` back; None when absent or malformed."""
        if not isinstance(data, dict):
            return None
        try:
            loud = float(data["loudness_db"])
            speech = float(data["speech_s"])
            pitch = data.get("pitch_hz")
            pitch_hz = None if pitch is None else float(pitch)
        except (KeyError, TypeError, ValueError):
            return None
        if not -120.0 <= loud <= 0.0 or speech <= 0 or (pitch_hz is not None and pitch_hz <= 0):
            return None
        return cls(loudness_db=loud, pitch_hz=pitch_hz, speech_s=speech)

    def merged(self, newer: VoiceBaseline, *, memory_s: float) -> VoiceBaseline:
        """This baseline updated with a newer call's: a weighted mean by seconds of speech, the older
        side counting at most ``memory_s`` seconds so that the remembered level keeps following the agent."""
        old_w = min(self.speech_s, memory_s)
        total = old_w + newer.speech_s
        if total <= 0:
            return newer
        loud = (self.loudness_db * old_w + newer.loudness_db * newer.speech_s) / total
        pitches = [(p, w) for p, w in ((self.pitch_hz, old_w), (newer.pitch_hz, newer.speech_s)) if p and w > 0]
        pitch = None
        if pitches:
            pitch = float(np.exp(sum(np.log(p) * w for p, w in pitches) / sum(w for _, w in pitches)))
        return VoiceBaseline(loudness_db=loud, pitch_hz=pitch, speech_s=min(total, memory_s))


class SpeakerBaseline:
    """Running baseline of one speaker. Units: dBFS, Hz, seconds of that speaker's speech.

    ``min_own_s``: own calm speech needed before a speaker without a prior has a baseline at all.
    ``history``: how many calm windows the median runs over (older ones are forgotten, so the
    baseline follows a speaker slowly). ``reject_above_db``: windows this far above the baseline are
    not calm and are left out. ``release_s``: see the module docstring.
    """

    def __init__(
        self,
        *,
        min_own_s: float,
        history: int,
        reject_above_db: float,
        release_s: float = 20.0,
        prior: VoicePrior | None = None,
    ) -> None:
        self._min_own_s = min_own_s
        self._release_s = release_s
        self._unplaced: list[tuple[float, float, float | None]] = []
        self._reject_above_db = reject_above_db
        self.prior = prior
        self._levels: deque[float] = deque(maxlen=max(1, history))
        self._seconds: deque[float] = deque(maxlen=max(1, history))
        self._pitches: deque[float] = deque(maxlen=max(1, history))
        self._own_s = 0.0
        self._own_level: float | None = None  # median of _levels, kept by _recompute (read every frame)
        self.rejected = 0
        self.loudness_db: float | None = prior.loudness_db if prior is not None else None
        self.pitch_hz: float | None = prior.pitch_hz if prior is not None else None

    @property
    def ready(self) -> bool:
        """True once there is a baseline to compare against (a prior, or ``min_own_s`` of own speech)."""
        return self.loudness_db is not None

    @property
    def speech_s(self) -> float:
        """Seconds of the speaker's own calm speech behind the baseline."""
        return self._own_s

    @property
    def own_weight(self) -> float:
        """Share of the baseline that comes from the speaker's own speech, 0..1."""
        if self.prior is None:
            return 1.0 if self._own_s >= self._min_own_s else 0.0
        return self._own_s / (self._own_s + self.prior.weight_s) if self._own_s + self.prior.weight_s > 0 else 0.0

    def margin_db(self, own_margin_db: float) -> float:
        """The margin above the baseline that counts as raised: the prior's, blended into
        ``own_margin_db`` over the first ``min_own_s`` seconds of own calm speech (the margin only
        guards against a wrong prior level, which those seconds have already pulled towards the voice)."""
        if self.prior is None:
            return own_margin_db
        w = min(1.0, self._own_s / self._min_own_s)
        return w * own_margin_db + (1.0 - w) * self.prior.margin_db

    @property
    def own_level_db(self) -> float | None:
        """Median level (dBFS) of the speaker's own calm windows so far, from the first one on; None before."""
        return self._own_level

    def is_outlier(self, loudness_db: float) -> bool:
        """True if a window this loud would not be calm speech for this speaker: more than
        ``reject_above_db`` above their own calm level (with a prior, from their first calm window
        on, so a window that runs from a calm greeting into a loud turn does not pull a young
        baseline up), else, before any, more than the prior's margin above the prior."""
        own = self.own_level_db
        if own is not None and (self._own_s >= self._min_own_s or self.prior is not None):
            return loudness_db - own > self._reject_above_db
        if self.prior is not None:
            return loudness_db - self.prior.loudness_db > self.prior.margin_db
        return False

    def update(self, loudness_db: float, voiced_hz: np.ndarray, duration_s: float) -> bool:
        """Offer a window of ``duration_s`` seconds of speech at ``loudness_db`` with these voiced
        pitch values; return False if it was left out as an outlier."""
        if duration_s <= 0:
            return False
        if self.is_outlier(loudness_db):
            self.rejected += 1
            if self._own_s < self._min_own_s:
                pitch = float(np.median(voiced_hz)) if len(voiced_hz) else None
                self._unplaced.append((loudness_db, duration_s, pitch))
                if sum(d for _, d, _ in self._unplaced) >= self._release_s:
                    self._release_prior()
            return False
        self._levels.append(loudness_db)
        self._seconds.append(duration_s)
        if len(voiced_hz):
            self._pitches.append(float(np.median(voiced_hz)))
        self._own_s += duration_s
        self._recompute()
        return True

    def _release_prior(self) -> None:
        """The prior was wrong for this voice: their loud-looking windows were their usual level."""
        self.prior = None
        for level, duration, pitch in self._unplaced:
            self._levels.append(level)
            self._seconds.append(duration)
            if pitch is not None:
                self._pitches.append(pitch)
            self._own_s += duration
        self._unplaced = []
        self._recompute()

    def own(self) -> VoiceBaseline | None:
        """The baseline learnt from this speaker's own calm speech only (None before ``min_own_s``)."""
        if self._own_s < self._min_own_s or not self._levels:
            return None
        pitch = float(np.median(self._pitches)) if self._pitches else None
        return VoiceBaseline(loudness_db=self._calm_level(), pitch_hz=pitch, speech_s=self._own_s)

    def _calm_level(self) -> float:
        """The level of the calm windows: their median; of just two, their power average over their seconds
        (c736: a 1 s greeting window at -25.3 dB and its 0.6 s fading tail at -33.2 dB were a -29.2 dB
        level as a median, -27.0 dB as heard)."""
        if len(self._levels) == 2:
            power = sum(dbfs_to_power(level) * s for level, s in zip(self._levels, self._seconds, strict=True))
            return power_to_dbfs(power / sum(self._seconds))
        return float(np.median(self._levels))

    def _recompute(self) -> None:
        """After every change to the calm windows: the own median level and the blended baseline."""
        own_level = self._calm_level()
        self._own_level = own_level
        own_pitch = float(np.median(self._pitches)) if self._pitches else None
        prior = self.prior
        if prior is None:
            if self._own_s >= self._min_own_s:
                self.loudness_db, self.pitch_hz = own_level, own_pitch
            return
        w = self.own_weight
        self.loudness_db = w * own_level + (1.0 - w) * prior.loudness_db
        if own_pitch is None:
            self.pitch_hz = prior.pitch_hz
        elif prior.pitch_hz is None or self._own_s >= self._min_own_s:
            self.pitch_hz = own_pitch
        else:
            self.pitch_hz = float(np.exp(w * np.log(own_pitch) + (1.0 - w) * np.log(prior.pitch_hz)))
