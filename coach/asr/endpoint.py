"""A provisional end of turn for the speech recogniser only (issue 11: one call's final within 1 s).

The VAD reports a turn's end ``min_silence_ms`` (0.5 s) after the speech stopped, and only then was
the final decode queued: a final reached the agent page after the hangover plus one decode of a padded
window (about 1.1 s at one call). Here the final decode starts earlier: once the silence the VAD is
counting inside a turn has lasted ``provisional_end_s`` (say 0.3 s), the lane queues a *provisional*
final for the speech up to where the silence began. The turn code keeps its hangover untouched:

* when the VAD then reports the end at that same sample, the provisional final *is* the turn's final:
  emitted at once if its decode is back, else as soon as it comes back (no second decode);
* when speech resumes before that (a pause shorter than the hangover), the provisional final is
  dropped: it is never shown as a final; its words (the speech up to the pause) count as one more
  hypothesis for the turn's agreement, as a partial's would, so the turn's words before the pause
  commit sooner, with the same agreement rule as partials (no word lost or doubled); the turn goes
  on (a later pause makes a new one).

Partials are held only while a provisional final covers the turn (its decode hears all the speech
so far), not during every silence the VAD counts: short pauses between words do not delay the words
partials commit, which the language rules read.

The watcher is fed the VAD segmenter's pending silence frame by frame (``silence_since``: the sample
where the silence now being counted began, ``None`` while the talker speaks), so it fires on exactly
the silence the VAD will end the turn at. :func:`silence_track` computes the same feed for a whole
recording (benchmarks, replays, tests). Times are sample indices at 16 kHz; nothing reads a clock.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coach.types import FRAME_SAMPLES, seconds_to_samples
from coach.vad.config import VadConfig


@dataclass(slots=True)
class Pending:
    """A provisional final of one piece: its decode request (opaque here), the speech end it assumes
    (samples), its words once decoded (``None`` before), and whether the VAD confirmed the end."""

    request: object
    utt: int
    speech_end: int
    words: list | None = None
    confirmed: bool = False


class ProvisionalEnd:
    """Per-lane state: when to make a provisional final, and what became of it.

    Contract: :meth:`watch` once per VAD frame while the lane's turn is active; :meth:`hold` with the
    request made when it returned a sample; :meth:`confirm` when the VAD reports the end (or
    :meth:`drop` when the turn's final comes from elsewhere); :meth:`settle` with every finished
    decode of a request :meth:`owns`. At most one provisional final is current; a newer one replaces
    it, and the result of one no longer current is ignored (never shown)."""

    def __init__(self, after_s: float) -> None:
        self._after = seconds_to_samples(after_s)
        self._fired_for: tuple[int, int] | None = None
        self._outstanding: list[Pending] = []
        self._unwanted: list[object] = []
        self.pending: Pending | None = None
        self.made = 0
        self.used = 0
        self.dropped = 0

    def watch(self, utt: int, silence_since: int | None, now: int) -> int | None:
        """The sample to end a provisional final at when the silence pending since ``silence_since``
        has lasted ``provisional_end_s`` at ``now``, once per silence; else ``None``."""
        if silence_since is None or now - silence_since < self._after:
            return None
        key = (utt, silence_since)
        if key == self._fired_for:
            return None
        self._fired_for = key
        return silence_since

    @property
    def holds_partials(self) -> bool:
        """True while the lane should take no partial: a provisional final covers the turn (its decode
        hears all the speech so far; a partial now would only delay it). A shorter silence, such as a
        pause between words, holds nothing: partials go on, so the words they commit (which the
        language rules read) are not delayed by every pause the VAD counts."""
        return self.pending is not None

    def hold(self, request: object, utt: int, speech_end: int) -> None:
        """Remember the provisional final just queued (it replaces any older one)."""
        self.drop()
        self.pending = Pending(request, utt, speech_end)
        self._outstanding.append(self.pending)
        self.made += 1

    def drop(self) -> Pending | None:
        """Forget the current provisional final (it is never the turn's final; its request is listed
        by :meth:`take_unwanted`, so that a decode not yet started can be withdrawn). Returns it, or
        ``None`` when there was none: the lane may use words it already decoded as a partial's."""
        p = self.pending
        if p is not None:
            self._unwanted.append(p.request)
            self.pending = None
            self.dropped += 1
        return p

    def take_unwanted(self) -> list[object]:
        """The requests of provisional finals dropped since the last call (their decodes are waste)."""
        out, self._unwanted = self._unwanted, []
        return out

    def confirm(self, utt: int, speech_end: int) -> Pending | None:
        """The VAD ended piece ``utt`` at ``speech_end``: the current provisional final made for that
        end (within one VAD frame), now confirmed and no longer current (nothing can drop it then), or
        ``None`` (then any current one is dropped). Its ``words`` are set when already decoded; else
        :meth:`settle` says to emit it when it comes back."""
        p = self.pending
        if p is None or p.utt != utt or abs(p.speech_end - speech_end) > FRAME_SAMPLES:
            self.drop()
            return None
        p.confirmed = True
        self.pending = None
        self.used += 1
        return p

    def discard(self, confirmed: Pending) -> None:
        """The turn's final came from elsewhere after all (a partial covering it): ignore this
        confirmed provisional final's result and list its request as unwanted."""
        confirmed.confirmed = False
        self._unwanted.append(confirmed.request)
        self.used -= 1
        self.dropped += 1

    def owns(self, request: object) -> bool:
        """True when ``request`` is a provisional final's whose decode has not been settled."""
        return any(p.request is request for p in self._outstanding)

    def settle(self, request: object, words: list) -> bool:
        """A provisional final's decode came back with ``words``: True when they are to be emitted as
        the turn's final now (the VAD confirmed it before), False when they wait for the VAD (kept in
        ``words``) or are ignored (dropped)."""
        p = next(p for p in self._outstanding if p.request is request)
        self._outstanding.remove(p)
        if p.confirmed:
            return True
        if p is self.pending:
            p.words = words
        return False


def silence_track(pcm: np.ndarray, vad: VadConfig | None = None) -> list[int | None]:
    """For each 32 ms VAD frame of a whole recording (mono float32 at 16 kHz), the VAD segmenter's
    pending silence start after that frame (``None`` while speaking or outside speech): what the live
    pipeline feeds :meth:`coach.asr.stage.TranscriptionStage.on_vad` after frame ``i`` (ending at
    sample ``(i + 1) * FRAME_SAMPLES``). Same model and hysteresis as the live VAD (project defaults
    unless ``vad`` is given)."""
    from coach.vad.segmenter import SpeechSegmenter
    from coach.vad.speech_map import frame_probabilities

    probs = frame_probabilities(pcm)
    segmenter = SpeechSegmenter(vad or VadConfig())
    out: list[int | None] = []
    for i, p in enumerate(probs):
        segmenter.push(float(p), i * FRAME_SAMPLES)
        out.append(segmenter.silence_since)
    return out
