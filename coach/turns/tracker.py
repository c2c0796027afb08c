"""Call-level turn-taking: overlaps, interruptions, backchannels, dead air, monologues.

One :class:`TurnTracker` per call. The analyser reports each lane's speech boundaries as the VAD
confirms them (:meth:`on_start`, :meth:`on_end`; the sample positions are backdated to where the
speech really began or ended) and calls :meth:`tick` once per 32 ms frame with the current position.

An overlap opens when one side (the newcomer, ``by``) starts while the other (the holder) is talking.
It is a *backchannel* when the newcomer stops within ``backchannel_max_s``; an *interruption* when the
newcomer keeps talking and the holder yields (an agent overlap the recogniser already hears as words of its own,
``agent_words_min`` words that are no backchannel, is one before ``backchannel_max_s``: :meth:`_worded_early`);
a *talkover* when the newcomer talks past a backchannel but gives up first while the holder keeps going. A
customer's short overlap is judged by its words too
(:meth:`TurnTracker.hear`, :mod:`coach.turns.cut_in`): "Sorry, which one?" is a *cut-in*, not a
backchannel, and when the agent is still voicing ``talkover_nudge_s`` after it began it fires
``let_them_finish`` (counted as a talkover); the judgement waits for those words at most
``cut_in_wait_s`` after the customer stopped. An overlap shorter than ``min_overlap_s`` where the
holder simply finishes is an ordinary change of turn and is not reported; for an overlap the agent
started, ``agent_min_overlap_s`` (lower): the overlap is measured from the agent's VAD onset, which
comes up to 0.3 s after a soft first word ("That's ...", "Okay ..."), so a cut-in the customer yields
to within half a second can measure little more than 0.2 s.

Cues follow the delivery contract of :class:`~coach.types.Cue`: conditions that last (dead air, the
customer trying to speak, the agent holding the floor they took, a monologue) are re-sent as
``ongoing`` every frame while they last and closed with their ``end``; every offence is a new moment.
The customer trying to speak is the agent's doing only while the agent keeps *voicing*: the analyser
passes each lane's frame-level voice decision to :meth:`TurnTracker.tick`, and an agent who stops
within ``talkover_nudge_s - yield_grace_s`` of a customer barging in is never nudged (their speech
segment is only confirmed closed ``min_silence_ms`` later). The customer must be voicing too at that
moment (a backchannel has stopped by then); once sent, the cue lasts while both speech segments do.
An explained hold (:meth:`announce_hold`, from :mod:`coach.turns.holds`) lifts the dead-air
threshold of the silence it explains to the time announced; a hold that runs longer prompts a
check-in (a ``dead_air`` cue with ``on_hold``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from coach.turns.config import TurnConfig
from coach.turns.cut_in import content_words, is_cut_in
from coach.types import FRAME_SAMPLES, SAMPLE_RATE, Cue, Event, Lane, Withdrawal, seconds_to_samples

Found = Event | Cue | Withdrawal

_TIE_SAMPLES = 2 * FRAME_SAMPLES
_LANES = tuple(Lane)  # iterating the enum itself is slow, and tick() runs for every frame
_RECENT_FRAMES = round(2.0 * SAMPLE_RATE / FRAME_SAMPLES)  # the agent's frame levels kept: more than any backdate
_VOICE_FRAMES = round(20.0 * SAMPLE_RATE / FRAME_SAMPLES)  # the agent's voiced frames its voice level is taken from


@dataclass
class _LaneState:
    active_start: int | None = None
    last_end: int | None = None
    speech_samples: int = 0
    run_start: int | None = None
    run_last_end: int = 0
    run_cued: bool = False
    longest_run: int = 0


@dataclass
class _Overlap:
    by: Lane
    start: int
    holder_end: int | None = None
    newcomer_end: int | None = None
    stop_cued: bool = False
    talkover_cued: bool = False
    cut_in: bool = False
    """The customer's latest transcript (partial or final) of their overlapping speech is a cut-in."""
    heard_final: bool = False
    holder_start: int = 0
    """Where the holder's speech segment began (an agent overlap is never measured from before it)."""
    words_from: int | None = None
    """An agent overlap: where the agent's first transcribed word began, when before the VAD's onset (``start``): the
    overlap is measured from it; how long the agent has spoken is still measured from ``start``."""
    voice_from: int | None = None
    """An agent overlap: where the agent's voice rose to its own level before the VAD's onset (see
    :meth:`TurnTracker._voice_began`); used as ``words_from`` is, while the customer's end is not before ``start``."""
    worded: bool = False
    """An agent overlap whose speech the recogniser has already heard as words of its own (``agent_words_min`` words
    that are not backchannels, in a partial or the final): an interruption without waiting ``backchannel_max_s``."""

    def measured_from(self) -> int:
        """Where the overlap is measured from: the VAD's onset, or the agent's first word or voice before it."""
        froms = [self.start]
        if self.words_from is not None:
            froms.append(self.words_from)
        if self.voice_from is not None and (self.holder_end is None or self.holder_end > self.start):
            froms.append(self.voice_from)
        return min(froms)

    def end(self, now: int) -> int:
        ends = [e for e in (self.holder_end, self.newcomer_end) if e is not None]
        return max(self.start, min(ends)) if ends else now


@dataclass
class _Live:
    """A cue whose condition is still going on: re-sent every frame while ``alive(now)``."""

    kind: str
    start: int
    moment: str
    evidence: Callable[[int], dict[str, Any]]
    alive: Callable[[int], bool]


@dataclass
class _Hold:
    """An explained hold announced by words ending at sample ``start``: a silence that begins within
    ``allow`` samples of it is not dead air for its first ``allow`` samples (``hold_s`` seconds said
    or assumed, plus the grace)."""

    start: int
    allow: int
    hold_s: float
    announced_s: float | None
    covered_silence: bool = False
    vague: bool = False
    """A look-up said in passing ("let me check"), no hold word and no duration."""
    opens_by: int | None = None
    """When set, only a silence that begins by this sample (the customer's answer agreeing to the
    wait: a turn that goes on past it is talk, not the wait)."""


@dataclass
class TurnSummary:
    """Totals for the ``call.end`` summary. Seconds; counts keyed by ``agent`` / ``customer``."""

    speech_s: dict[str, float]
    interruptions: dict[str, int]
    backchannels: dict[str, int]
    talkovers: dict[str, int]
    overlap_s: float
    longest_monologue_s: dict[str, float]
    dead_air_s: float
    dead_air_count: int


@dataclass
class TurnTracker:
    """Turn-taking state of one call. Positions are sample indices at 16 kHz."""

    cfg: TurnConfig
    _lanes: dict[Lane, _LaneState] = field(init=False)
    _overlaps: list[_Overlap] = field(init=False, default_factory=list)
    _silence_start: int | None = field(init=False, default=None)
    _silence_before: int | None = field(init=False, default=None)
    _silence_cued: bool = field(init=False, default=False)
    _counts: dict[str, dict[str, int]] = field(init=False)
    _overlap_samples: int = field(init=False, default=0)
    _dead_air_samples: int = field(init=False, default=0)
    _dead_air_count: int = field(init=False, default=0)
    _live: list[_Live] = field(init=False, default_factory=list)
    _voiced_at: dict[Lane, int] = field(init=False, default_factory=dict)
    _hold: _Hold | None = field(init=False, default=None)
    _back_from: tuple[_Hold, int, int] | None = field(init=False, default=None)
    """The hold the agent's last speech segment ended (they spoke inside it), with that segment's start and end."""
    _silence_moment: str = field(init=False, default="")
    _silence_moment_start: int = field(init=False, default=0)
    _silence_evidence: dict[str, Any] = field(init=False, default_factory=dict)
    _now: int = field(init=False, default=0)
    _agent_levels: deque[tuple[int, float]] = field(init=False, default_factory=lambda: deque(maxlen=_RECENT_FRAMES))
    _agent_voice: deque[float] = field(init=False, default_factory=lambda: deque(maxlen=_VOICE_FRAMES))

    def __post_init__(self) -> None:
        self._lanes = {lane: _LaneState() for lane in Lane}
        self._counts = {k: {lane.value: 0 for lane in Lane} for k in ("interruption", "backchannel", "talkover")}
        self._bc = seconds_to_samples(self.cfg.backchannel_max_s)
        self._min_overlap = seconds_to_samples(self.cfg.min_overlap_s)
        self._agent_min_overlap = seconds_to_samples(self.cfg.agent_min_overlap_s)
        self._talkover = seconds_to_samples(self.cfg.talkover_nudge_s)
        self._dead_air = seconds_to_samples(self.cfg.dead_air_s)
        self._max_pause = seconds_to_samples(self.cfg.monologue_max_pause_s)
        self._monologue = seconds_to_samples(self.cfg.monologue_s)
        self._yield_grace = seconds_to_samples(self.cfg.yield_grace_s)
        self._cut_in_wait = seconds_to_samples(self.cfg.cut_in_wait_s)
        self._onset_backdate = seconds_to_samples(self.cfg.onset_backdate_s)
        self._blip = seconds_to_samples(self.cfg.blip_s)

    # -- boundaries -------------------------------------------------------------------------------

    def on_start(self, lane: Lane, start: int, now: int) -> list[Found]:
        """``lane`` began speaking at sample ``start`` (confirmed at ``now``)."""
        out: list[Found] = []
        state = self._lanes[lane]
        other = self._lanes[lane.other]
        # a silence not yet called dead air that a blip may only interrupt (see on_end)
        self._silence_before = self._silence_start if not self._silence_cued else None
        out.extend(self._close_silence(start, now))
        state.active_start = start
        self._voiced_at[lane] = now
        if other.active_start is not None:
            by = self._newcomer(lane, start)
            began = other.active_start if by is lane else start
            ov = _Overlap(by=by, start=max(start, other.active_start), holder_start=began)
            if by is Lane.AGENT and lane is Lane.AGENT:
                ov.voice_from = self._voice_began(ov, state.last_end or 0)
            self._overlaps.append(ov)
        if state.run_start is None or start - state.run_last_end > self._max_pause:
            self._close_run(lane, now, out)
            state.run_start = start
            state.run_cued = False
        return out

    def _newcomer(self, lane: Lane, start: int) -> Lane:
        """Who barged in when ``lane`` starts at ``start`` while the other lane is talking.

        Normally ``lane``. When both started within ``_TIE_SAMPLES`` of each other, the newcomer is
        the one who had not been speaking just before: the other one was holding the floor
        through a short pause between words.
        """
        other = self._lanes[lane.other]
        assert other.active_start is not None
        if abs(start - other.active_start) > _TIE_SAMPLES:
            return lane if other.active_start < start else lane.other
        mine, theirs = self._lanes[lane].last_end or -1, other.last_end or -1
        return lane.other if mine > theirs else lane

    def on_end(self, lane: Lane, start: int, end: int, now: int) -> list[Found]:
        """``lane`` stopped speaking at sample ``end`` (confirmed at ``now``)."""
        state = self._lanes[lane]
        state.active_start = None
        state.last_end = end
        state.speech_samples += max(0, end - start)
        state.run_last_end = end
        for ov in self._overlaps:
            if ov.by is lane and ov.newcomer_end is None:
                ov.newcomer_end = max(end, ov.start)
            elif ov.by is not lane and ov.holder_end is None:
                ov.holder_end = max(end, ov.start)
        out: list[Found] = [Event.at_samples("speech", start, now, speaker=lane.value, end=end / SAMPLE_RATE)]
        out.extend(self._refresh_live(now, ended_at=end, resend=False))
        if end - start >= self._bc:
            self._close_run(lane.other, now, out)
        hold = self._hold
        if hold is not None and lane is Lane.AGENT and hold.covered_silence and start >= hold.start:
            self._hold = None  # the agent is back from the hold
            self._back_from = (hold, start, end)  # unless their words are a check-in (see check_in)
        if all(s.active_start is None for s in self._lanes.values()):
            self._silence_start = max(s.last_end or 0 for s in self._lanes.values())
            self._silence_cued = False
            # a blip (a breath, a click: shorter than blip_s) alone in a silence does not end it (session 35, H24,
            # c797: a 0.26 s agent blip 1.6 s into a 13 s dead air put its cue 1.9 s late)
            before = self._silence_before
            if before is not None and end - start < self._blip and start >= before:
                self._silence_start = before
        self._silence_before = None
        return out

    def hear(self, transcripts: list[Event]) -> None:
        """Transcript events (partials and finals, as the ASR emits them): a customer overlap still
        open or awaiting its words keeps the latest text of the customer's speech it overlaps, for
        :meth:`_watch_overlap` to tell a backchannel from a cut-in (:func:`~coach.turns.cut_in.is_cut_in`)."""
        for event in transcripts:
            data = event.data
            if event.type == "transcript" and data.get("speaker") == Lane.AGENT.value:
                self._agent_words_began(data)
            if event.type != "transcript" or data.get("speaker") != Lane.CUSTOMER.value:
                continue
            start = seconds_to_samples(event.t)
            end = seconds_to_samples(float(data.get("end", event.at)))
            for ov in self._overlaps:
                spoke_until = self._now if ov.newcomer_end is None else ov.newcomer_end
                if ov.by is Lane.CUSTOMER and start <= spoke_until and end >= ov.start:
                    ov.cut_in = is_cut_in(str(data.get("text") or ""), self.cfg)
                    ov.heard_final = bool(data.get("final"))

    # -- holds ------------------------------------------------------------------------------------

    def announce_hold(
        self,
        start: int,
        end: int,
        now: int,
        *,
        announced_s: float | None,
        vague: bool = False,
        cap_s: float | None = None,
        opens_s: float | None = None,
        default_s: float | None = None,
    ) -> list[Found]:
        """The agent announced a hold with words spoken from ``start`` to ``end`` (samples), found at
        ``now``; ``announced_s`` is the duration they gave, if any; ``vague``: only a look-up ("let me
        check"), no hold word. The silence that follows is not dead air for ``announced_s`` (else
        ``hold_vague_s`` for a vague one, ``hold_default_s`` otherwise) plus ``hold_grace_s`` (``hold_vague_grace_s``
        for a vague one with no duration: its time is the coach's guess, not the agent's word); a dead-air cue already
        sent for that silence is withdrawn.

        A hold restated without a count ("it takes them about a minute and a half, so I'll pop you
        on hold" ... the customer answers ... "thanks, I'll be back with you shortly") keeps the
        duration announced before it while that earlier hold is still to come (no silence has used it
        yet, and its window is open): the wait the customer was told still stands. ``cap_s``: the
        most it covers (a hold heard only in partials whose final lost it, ``hold_heard_s``).
        ``opens_s``: the silence must begin within that many seconds of ``end`` (a hold read from the
        customer's answer, ``hold_answer_s``); a later one is judged without it. ``default_s``: what a hold
        word with no duration covers instead of ``hold_default_s`` (``hold_word_s``: asked with no word of
        shortness, see :mod:`coach.turns.holds`)."""
        earlier = self._hold
        if (
            announced_s is None
            and earlier is not None
            and earlier.announced_s is not None
            and not earlier.covered_silence
            and start <= earlier.start + earlier.allow
        ):
            announced_s = earlier.announced_s
        if announced_s is not None:
            hold_s = announced_s
        else:
            hold_s = self.cfg.hold_vague_s if vague else default_s or self.cfg.hold_default_s
        if cap_s is not None:
            hold_s = min(hold_s, cap_s)
        vague = vague and announced_s is None  # a look-up said in passing: the agent page shows no hold clock for it
        grace = self.cfg.hold_vague_grace_s if vague else self.cfg.hold_grace_s
        allow = seconds_to_samples(hold_s + grace)
        opens_by = None if opens_s is None else end + seconds_to_samples(opens_s)
        self._hold = _Hold(
            start=end,
            allow=allow,
            hold_s=hold_s,
            announced_s=announced_s,
            vague=vague,
            opens_by=opens_by,
        )
        out: list[Found] = [Event.at_samples("hold", start, now, announced_s=announced_s, hold_s=hold_s, vague=vague)]
        if self._silence_start is not None and self._silence_start >= start and self._silence_cued:
            out.append(Withdrawal(self._silence_moment, "the agent had explained the silence: a hold"))
            self._silence_cued = False
        return out

    def check_in(self, start: int, end: int, now: int) -> list[Found]:
        """The agent's words from ``start`` to ``end`` (samples), found at ``now``, were a check-in that asked no time
        ("Still with me? Nearly there.", :func:`coach.turns.holds.check_in`; session 42, B2): when they began inside a
        hold (in the silence it covered: its segment ended the hold, or is still going on), the hold goes on from their
        end for what was left of its time, and at least ``hold_default_s`` (a hold of unknown length: the agent said
        the wait goes on, not for how long). Else (words said outside a hold) nothing: ``[]``."""
        hold, back = self._hold, self._back_from
        lead = seconds_to_samples(self.cfg.hold_lead_s)
        if hold is not None and hold.covered_silence and start >= hold.start:
            earlier = hold  # the final came before the segment's end was confirmed
        elif back is not None and back[1] - lead <= start <= back[2]:
            earlier = back[0]
        else:
            return []
        self._back_from = None
        left = earlier.hold_s - (start - earlier.start) / SAMPLE_RATE
        return self.announce_hold(start, end, now, announced_s=None, default_s=max(left, self.cfg.hold_default_s))

    def _agent_words_began(self, data: Mapping[str, Any]) -> None:
        """An agent overlap still open whose words began before its VAD onset (session 35, H24, c802: "Loose is
        cheaper though" started 0.5 s before the VAD heard it, a soft first word over the customer, who yielded 0.6 s
        in; the overlap measured 0.13 s, under ``agent_min_overlap_s``): it is measured from the first word, by at most
        ``onset_backdate_s`` and not before the customer began. Only an overlap the VAD already saw (the agent's
        onset came while the customer spoke) is moved, not a turn change after the customer stopped (the VAD keeps the
        customer's segment open until it confirms its end, so such an overlap opens and measures nothing)."""
        said = data.get("words") or []
        if not said:
            return
        first = seconds_to_samples(float(said[0]["start"]))
        agent, customer = self._lanes[Lane.AGENT], self._lanes[Lane.CUSTOMER]
        self._agent_words_heard(said, agent.active_start)
        for ov in self._overlaps:
            if ov.by is not Lane.AGENT or ov.stop_cued or ov.newcomer_end is not None or first >= ov.start:
                continue
            if customer.active_start is None and (customer.last_end or 0) <= ov.start:
                continue  # the customer stopped before the agent's onset (confirmed since): a turn change
            earliest = max(ov.start - self._onset_backdate, ov.holder_start, agent.last_end or 0)
            if first >= earliest:
                ov.words_from = first

    def _agent_words_heard(self, said: list[Mapping[str, Any]], segment_start: int | None) -> None:
        """Mark the open agent overlaps whose speech segment (begun at ``segment_start``) the transcript's words
        ``said`` (each with ``w`` and its ``start``, seconds) carry ``agent_words_min`` words that are not backchannels
        (:func:`~coach.turns.cut_in.content_words`): see :attr:`_Overlap.worded`. Words from before the segment (up to
        ``onset_backdate_s``) count: the VAD's onset can come after a soft first word."""
        need = self.cfg.agent_words_min
        if need <= 0 or segment_start is None:
            return
        open_ = [ov for ov in self._overlaps if ov.by is Lane.AGENT and not ov.stop_cued and ov.newcomer_end is None]
        if not open_:
            return
        since = segment_start - self._onset_backdate
        text = " ".join(str(w.get("w", "")) for w in said if seconds_to_samples(float(w["start"])) >= since)
        if len(content_words(text, self.cfg)) >= need:
            for ov in open_:
                ov.worded = True

    def _voice_began(self, ov: _Overlap, last_end: int) -> int | None:
        """Where the agent's voice rose to its own level before the VAD's onset ``ov.start``, when it did: the first
        of two frames in a row no more than ``onset_level_db`` under the agent's voice (the median level of its voiced
        frames, known once it has voiced for ``backchannel_max_s``), at most ``onset_backdate_s`` before the onset,
        never before the customer began or the agent's last segment ended. A soft first word the VAD scored low over
        the customer's voice (c802's "Loose is", 0.4 s before the onset at -40 to -30 dBFS on a -25 dB voice; c622's
        "That's", 0.31 s) is the agent speaking, whatever the recogniser makes of it; a neighbour far under the
        agent's voice, a click (one frame) or line noise is not."""
        if len(self._agent_voice) * FRAME_SAMPLES < self._bc:
            return None
        floor = float(np.median(self._agent_voice)) - self.cfg.onset_level_db
        earliest = max(ov.start - self._onset_backdate, ov.holder_start, last_end)
        before: int | None = None
        for end, level in self._agent_levels:
            begin = end - FRAME_SAMPLES
            if begin < earliest or end > ov.start + FRAME_SAMPLES:
                before = None
                continue
            if level < floor:
                before = None
            elif before is None:
                before = begin
            elif before < ov.start:
                return before
        return None

    def customer_asked(self, start: int) -> None:
        """The customer asked a question in words starting at sample ``start`` (issue 9, c509: "I'll check
        with the conservation officer" ... "Okay. When could you come out for the survey?"): a look-up said
        in passing before it (a vague hold) no longer explains the silence after it, which is the agent's
        to fill; a hold word or a duration still does (the customer may ask while the agent goes to look)."""
        hold = self._hold
        if hold is not None and hold.vague and start >= hold.start:
            self._hold = None

    def _hold_covering(self, silence_start: int) -> _Hold | None:
        hold = self._hold
        if hold is None or silence_start < hold.start - seconds_to_samples(self.cfg.hold_lead_s):
            return None
        if silence_start > hold.start + hold.allow or (hold.opens_by is not None and silence_start > hold.opens_by):
            self._hold = None
            return None
        return hold

    # -- per frame --------------------------------------------------------------------------------

    def tick(
        self, now: int, voiced: Mapping[Lane, bool] | None = None, levels: Mapping[Lane, float] | None = None
    ) -> list[Found]:
        """Advance to sample ``now``: decide overlaps, and watch for dead air and monologues.

        ``voiced``: whether each lane's frame ending at ``now`` is speech (the VAD's frame decision);
        when omitted, a lane counts as voicing while its speech segment is open. ``levels``: each lane's level of
        that frame (dBFS), for where an agent overlap began (:meth:`_voice_began`); when omitted, the VAD's onset."""
        self._now = now
        for lane in _LANES:
            speaking = voiced[lane] if voiced is not None else self._lanes[lane].active_start is not None
            if speaking:
                self._voiced_at[lane] = now
        if levels is not None:
            level = levels[Lane.AGENT]
            self._agent_levels.append((now, level))
            if voiced is not None and voiced[Lane.AGENT]:
                self._agent_voice.append(level)
        out: list[Found] = []
        for ov in list(self._overlaps):
            self._watch_overlap(ov, now, out)
        out.extend(self._watch_silence(now))
        for lane, state in self._lanes.items():
            other = self._lanes[lane.other]
            if other.active_start is not None and now - other.active_start >= self._bc:
                self._close_run(lane, now, out)
            if state.active_start is not None and state.run_start is not None and not state.run_cued:
                length = now - state.run_start
                if length >= self._monologue and lane is Lane.AGENT:
                    state.run_cued = True
                    run_start = state.run_start
                    self._start_live(
                        out,
                        "long_monologue",
                        run_start,
                        f"monologue:{run_start}",
                        lambda t, s=run_start: {"monologue_s": round((t - s) / SAMPLE_RATE, 1)},
                        lambda t, st=state, s=run_start: st.run_start == s,
                    )
        out.extend(self._refresh_live(now))
        return out

    def _voicing(self, lane: Lane, now: int) -> bool:
        """``lane`` has voiced within the last ``yield_grace_s`` (and its speech segment is open)."""
        return (
            self._lanes[lane].active_start is not None
            and now - self._voiced_at.get(lane, -self._yield_grace - 1) <= self._yield_grace
        )

    def _start_live(
        self,
        out: list[Found],
        kind: str,
        start: int,
        moment: str,
        evidence: Callable[[int], dict[str, Any]],
        alive: Callable[[int], bool],
    ) -> None:
        live = _Live(kind, start, moment, evidence, alive)
        self._live.append(live)
        out.append(Cue(kind, start, moment, evidence(self._now), ongoing=True))

    def _refresh_live(self, now: int, ended_at: int | None = None, *, resend: bool = True) -> list[Found]:
        """Re-send (if ``resend``) every live cue that still holds; close the others (at ``ended_at``,
        else ``now``)."""
        out: list[Found] = []
        for live in list(self._live):
            if live.alive(now):
                if resend:
                    out.append(Cue(live.kind, live.start, live.moment, live.evidence(now), ongoing=True))
                continue
            self._live.remove(live)
            end = max(live.start, ended_at if ended_at is not None else now)
            out.append(Cue(live.kind, live.start, live.moment, live.evidence(end), end=end))
        return out

    def _watch_silence(self, now: int) -> list[Found]:
        start = self._silence_start
        if start is None:
            return []
        length = now - start
        hold = self._hold_covering(start)
        threshold = self._dead_air if hold is None else max(self._dead_air, hold.allow)
        if hold is not None:
            hold.covered_silence = hold.covered_silence or length >= self._dead_air
        if not self._silence_cued and length >= threshold:
            self._silence_cued = True
            self._silence_moment = f"{'hold_check' if hold else 'dead_air'}:{start}"
            # a hold that runs long: the moment begins when the time said (or assumed) has passed
            self._silence_moment_start = start if hold is None else start + seconds_to_samples(hold.hold_s)
            self._silence_evidence = (
                {}
                if hold is None
                else {
                    "on_hold": True,
                    "hold_s": hold.hold_s,
                    "announced_s": hold.announced_s,
                }
            )
        if not self._silence_cued:
            return []
        evidence = {"silence_s": round(length / SAMPLE_RATE, 1), **self._silence_evidence}
        return [Cue("dead_air", self._silence_moment_start, self._silence_moment, evidence, ongoing=True)]

    def _watch_overlap(self, ov: _Overlap, now: int, out: list[Found]) -> None:
        newcomer = self._lanes[ov.by]
        holder_active = ov.holder_end is None
        newcomer_spoke = (ov.newcomer_end if ov.newcomer_end is not None else now) - ov.start
        overlap = ov.end(now) - ov.measured_from()
        min_overlap = self._agent_min_overlap if ov.by is Lane.AGENT else self._min_overlap
        if ov.by is Lane.AGENT and not ov.stop_cued and newcomer.active_start is not None:
            if (newcomer_spoke >= self._bc or self._worded_early(ov, now)) and overlap >= min_overlap:
                ov.stop_cued = True
                evidence = {
                    "agent_spoke_s": round(newcomer_spoke / SAMPLE_RATE, 1),
                    "overlap_s": round(overlap / SAMPLE_RATE, 1),
                    "customer_yielded": not holder_active,
                }
                segment = newcomer.active_start
                self._start_live(
                    out,
                    "stop_interrupting",
                    ov.start,
                    f"interrupt:{ov.start}",
                    lambda t, e=evidence: e,
                    lambda t, st=newcomer, s=segment: st.active_start == s,
                )
        if ov.by is Lane.CUSTOMER and not ov.talkover_cued and holder_active and now - ov.start >= self._talkover:
            self._watch_talkover(ov, now, newcomer_spoke, out)
        decided = ov.newcomer_end is not None or newcomer_spoke >= self._bc
        if ov.holder_end is None and ov.newcomer_end is None or not decided or self._awaiting_words(ov, now):
            return
        if ov.newcomer_end is not None and newcomer_spoke < self._bc and not ov.talkover_cued:
            kind = "backchannel"
        elif ov.holder_end is not None and (ov.newcomer_end is None or ov.holder_end <= ov.newcomer_end):
            kind = "interruption" if overlap >= min_overlap else None
        else:
            kind = "talkover"
        self._overlaps.remove(ov)
        if kind is None:
            return
        self._counts[kind][ov.by.value] += 1
        self._overlap_samples += overlap
        out.append(
            Event.at_samples(
                "overlap", ov.start, now, by=ov.by.value, kind=kind, end=round(ov.end(now) / SAMPLE_RATE, 3)
            )
        )

    def _worded_early(self, ov: _Overlap, now: int) -> bool:
        """An agent overlap that is an interruption before ``backchannel_max_s`` (session 43, B3): its words are heard
        (``ov.worded``), the agent is still voicing, and the customer voiced at least ``agent_min_overlap_s`` after
        the overlap began (their last voiced frame, not the segment's end, which the VAD confirms only
        ``min_silence_ms`` later: a customer who had finished as the agent began is a turn change)."""
        if not ov.worded or not self._voicing(Lane.AGENT, now):
            return False
        held = ov.holder_end if ov.holder_end is not None else self._voiced_at.get(Lane.CUSTOMER, 0)
        return min(held, ov.end(now)) - ov.measured_from() >= self._agent_min_overlap

    def _watch_talkover(self, ov: _Overlap, now: int, newcomer_spoke: int, out: list[Found]) -> None:
        """``let_them_finish`` for a customer overlap the agent has talked on through for ``talkover_nudge_s``:
        both still voicing (a talk-over, ongoing while both talk), or a short cut-in ("Sorry, which one?",
        ``ov.cut_in``) whose words came within ``cut_in_wait_s`` of its end (ongoing while the agent's
        segment lasts)."""
        agent_voicing = self._voicing(Lane.AGENT, now)
        talkover = ov.newcomer_end is None and agent_voicing and self._voicing(Lane.CUSTOMER, now)
        cut_in = (
            not talkover
            and ov.cut_in
            and (ov.newcomer_end is None or now - ov.newcomer_end <= self._cut_in_wait)
            and newcomer_spoke >= self._min_overlap
            and agent_voicing
        )
        if not (talkover or cut_in):
            return
        ov.talkover_cued = True
        agent = self._lanes[Lane.AGENT]
        marked = {"cut_in": True} if cut_in else {}
        self._start_live(
            out,
            "let_them_finish",
            ov.start,
            f"talkover:{ov.start}",
            lambda t, o=ov: {"overlap_s": round((o.end(t) - o.start) / SAMPLE_RATE, 1), **marked},
            (lambda t, o=ov: o.newcomer_end is None and o.holder_end is None)
            if talkover
            else (lambda t, st=agent, s=agent.active_start: st.active_start == s),
        )

    def _awaiting_words(self, ov: _Overlap, now: int) -> bool:
        """A customer overlap that ended while the agent talks on, not yet judged a cut-in: its words
        (read by :meth:`hear`) may still make it one until its final is heard (and is no cut-in) or
        ``cut_in_wait_s`` has passed since it ended (audio time)."""
        return (
            ov.by is Lane.CUSTOMER
            and not ov.talkover_cued
            and ov.holder_end is None
            and ov.newcomer_end is not None
            and now - ov.newcomer_end < self._cut_in_wait
            and (not ov.heard_final or ov.cut_in)
        )

    def _close_silence(self, until: int, now: int) -> list[Found]:
        start, cued = self._silence_start, self._silence_cued
        self._silence_start = None
        self._silence_cued = False
        if start is None or not cued:
            return []
        self._dead_air_samples += max(0, until - start)
        self._dead_air_count += 1
        evidence = {"silence_s": round((until - start) / SAMPLE_RATE, 1), **self._silence_evidence}
        return [
            Cue("dead_air", self._silence_moment_start, self._silence_moment, evidence, end=until),
            Event.at_samples("dead_air", start, now, end=round(until / SAMPLE_RATE, 3)),
        ]

    def _close_run(self, lane: Lane, now: int, out: list[Found]) -> None:
        state = self._lanes[lane]
        if state.run_start is None:
            return
        end = now if state.active_start is not None else state.run_last_end
        length = max(0, end - state.run_start)
        state.longest_run = max(state.longest_run, length)
        if length >= self._monologue:
            out.append(
                Event.at_samples("monologue", state.run_start, now, speaker=lane.value, end=round(end / SAMPLE_RATE, 3))
            )
        state.run_start = None if state.active_start is None else now
        state.run_cued = False

    # -- end of call ------------------------------------------------------------------------------

    def finish(self, now: int) -> list[Event]:
        """Close what is still open at the end of the call. Call after flushing open segments."""
        out: list[Found] = []
        for ov in list(self._overlaps):
            if ov.newcomer_end is None:
                ov.newcomer_end = now
            if ov.holder_end is None:
                ov.holder_end = now
            self._watch_overlap(ov, now, out)
        # silence after the last words is the call winding down or the line being hung up: not dead air
        self._silence_start = None
        for lane in Lane:
            self._close_run(lane, now, out)
        self._live = []  # what is still going on ends with the call (the nudge policy closes it)
        return [x for x in out if isinstance(x, Event)]

    def summary(self) -> TurnSummary:
        speech = {lane.value: round(s.speech_samples / SAMPLE_RATE, 2) for lane, s in self._lanes.items()}
        return TurnSummary(
            speech_s=speech,
            interruptions=dict(self._counts["interruption"]),
            backchannels=dict(self._counts["backchannel"]),
            talkovers=dict(self._counts["talkover"]),
            overlap_s=round(self._overlap_samples / SAMPLE_RATE, 2),
            longest_monologue_s={lane.value: round(s.longest_run / SAMPLE_RATE, 1) for lane, s in self._lanes.items()},
            dead_air_s=round(self._dead_air_samples / SAMPLE_RATE, 1),
            dead_air_count=self._dead_air_count,
        )
