"""Streaming transcription state of one lane: a synchronous state machine, no threads, no clock.

Call order (one thread): :meth:`LaneTranscriber.push` for every chunk of the lane, in order;
:meth:`~LaneTranscriber.speech_started` / :meth:`~LaneTranscriber.speech_ended` when the VAD reports
a boundary (sample indices, possibly in the past). The transcriber never decodes itself: it exposes
decode *requests* (:meth:`~LaneTranscriber.next_final`, :meth:`~LaneTranscriber.take_partial`) and
turns the results handed back to :meth:`~LaneTranscriber.apply` into ``transcript`` events.

* Partial requests: once a turn holds ``first_partial_s`` of audio, then every ``partial_interval_s``
  of new audio, a partial becomes *due*. Due partials are coalesced: taking one decodes all audio so
  far and counts the extra triggers in :attr:`~LaneTranscriber.coalesced`.
* Agreement: each partial hypothesis updates a LocalAgreement-n prefix; committed words never change
  and every later partial starts with them (a final decode may correct them, below).
* Finals: at speech end a final request snapshots the turn's audio; finals queue and are never dropped.
  The final's words are the final decode's (beam search over the whole piece: it may correct words
  the greedy partials committed, ``final_revises``), or the committed words followed by the decode's
  words after them when the decode lost more than half of them or ``final_revises`` is off. When
  the latest partial already decoded all of the turn's speech (the VAD reports an end only after its
  hangover, so partials keep running past the end), that partial becomes the final with no decode
  (``final_from_partial``): the final then costs no decoding latency. Likewise, when the partial in
  flight at speech end (threaded mode) covers all of the speech, the final waits for it instead of
  queueing another decode; if it comes back empty or rejected, the final decode is queued then.
* Provisional finals (:mod:`coach.asr.endpoint`): a final decode made once the VAD has counted
  ``provisional_end_s`` of silence in a turn. When it comes back before the VAD ends the turn, its
  words count as one more agreement hypothesis and are shown at once as a partial event whose
  ``end`` is the audio it heard, marked ``pause`` (the language rules then see the pause after a
  goodbye before the final comes); when the VAD confirms the end there it is the turn's final, else
  it is never shown as one.
* Long turns: past ``max_turn_s`` the turn is cut at the widest pause between committed words, and the
  committed words before the cut become a final at once (no decode); past ``hard_turn_s`` with nothing to
  cut at, a final request is made for the audio up to the quietest point of its last ``hard_cut_search_s``
  and a new piece starts there.

Event times come from sample positions only. ``t`` is the piece's start, ``end`` its speech end (or the
audio decoded so far, for partials), ``at`` the ``now`` passed in by the caller.
"""

from __future__ import annotations

import logging
from collections import Counter, deque
from dataclasses import dataclass, field, replace

import numpy as np

from coach.asr.agreement import Agreement, Word, align_tail, join_words, revise
from coach.asr.buffer import AudioBuffer
from coach.asr.config import AsrConfig
from coach.asr.edges import loudest_frame, sound_after, sound_before, threshold_below
from coach.asr.endpoint import ProvisionalEnd
from coach.asr.engine import DecodeResult
from coach.asr.guards import OUTRO_REASONS, Verdict, judge
from coach.asr.level import decode_audio
from coach.asr.revision import REVISED, Revisable, better, kept_words
from coach.types import SAMPLE_RATE, AudioChunk, Event, Lane, samples_to_seconds, seconds_to_samples

log = logging.getLogger(__name__)

_FRAME = SAMPLE_RATE // 50  # 20 ms: the frame of the quiet-point search (``settle_cut_s``)


def _frame_rms(pcm: np.ndarray) -> np.ndarray:
    """RMS of each whole 20 ms frame of ``pcm``."""
    n = len(pcm) // _FRAME
    frames = pcm[: n * _FRAME].reshape(n, _FRAME).astype(np.float64)
    return np.sqrt(np.mean(np.square(frames), axis=1))


HARD_CUT_FRAMES = 3
"""20 ms frames (60 ms) whose mean RMS rates a point for a cut at ``hard_turn_s``: the shortest gap
between two words of running speech, a single quiet frame being also the closure of a stop."""


def _quiet_run(rms: np.ndarray, threshold: float, frames: int) -> int | None:
    """Index of the middle frame of the longest run of at least ``frames`` frames below ``threshold``
    (``None`` if there is none)."""
    best: tuple[int, int] | None = None
    run = 0
    for j, quiet in enumerate(rms < threshold):
        run = run + 1 if quiet else 0
        if run >= frames and (best is None or run > best[0]):
            best = (run, j)
    return None if best is None else best[1] - best[0] // 2


PARTIAL = "partial"
FINAL = "final"

CUT_SHORT_S = 1.5
"""A decode whose last word ends this long (seconds) or more before the end of the speech it was given was probably
cut short (Whisper ended its window early): a packed slot so cut is decoded again alone (:mod:`coach.asr.scheduler`),
and a partial so cut is not reused as its turn's final (:meth:`LaneTranscriber._heard_whole_turn`)."""


def _reaches(words: list[Word], speech_end: int) -> bool:
    """True when ``words`` (samples) are some and the last ends less than :data:`CUT_SHORT_S` before ``speech_end``."""
    return bool(words) and speech_end - words[-1].end < seconds_to_samples(CUT_SHORT_S)


@dataclass(frozen=True, slots=True, eq=False)
class DecodeRequest:
    """A stretch of one lane's audio to decode.

    ``pcm`` holds samples ``[start, start + len(pcm))``; ``piece_start`` / ``speech_end`` bound the
    speech it transcribes (samples); ``utt`` identifies the piece; ``committed`` is the agreed prefix a
    final must keep; ``requested_at`` is the lane position when it was made (queue order); ``after``
    (partials only) is the end of the last committed word when the request skips committed audio;
    ``context`` holds words already known whose audio the request starts with: the previous piece's
    words when the audio starts before a long-turn cut, or (partials with ``after``) the committed
    words of the last ``partial_context_s``; they are aligned away from the result by text.
    ``words_from`` (sample, or None) is where the audio after the ``edge_pre_roll_s`` quiet begins: a word
    Whisper places in the pre-roll starts there instead (the pre-roll is context, not the turn).
    ``heard`` (finals): the piece's words as the partials showed them when the final was requested, the
    final's words when its decode is dropped as a Whisper outro (``final_heard_fallback``).
    ``revises`` (a final's kind, ``revise_with_next``): the earlier final this request decodes again with the lane's
    next speech after it (:mod:`coach.asr.revision`); its result is a ``transcript.revised`` event or nothing.
    """

    lane: Lane
    kind: str
    utt: int
    start: int
    pcm: np.ndarray
    piece_start: int
    speech_end: int
    speech_fraction: float
    requested_at: int
    prompt: str | None = None
    committed: tuple[Word, ...] = ()
    showed_partial: bool = False
    after: int | None = None
    context: tuple[Word, ...] = ()
    words_from: int | None = None
    heard: tuple[Word, ...] = ()
    revises: Revisable | None = None


@dataclass(slots=True)
class LaneCounters:
    """What happened to one lane's decodes (monotonic counters)."""

    partials_requested: int = 0
    finals_requested: int = 0
    coalesced: int = 0
    superseded: int = 0
    stale: int = 0
    cuts: int = 0
    forced_cuts: int = 0
    finals_from_partial: int = 0
    finals_from_heard: int = 0
    shed: int = 0
    revisions_requested: int = 0
    revised: int = 0
    rejected: Counter[str] = field(default_factory=Counter)


@dataclass(slots=True)
class _Ready:
    piece_start: int
    speech_end: int
    utt: int
    words: list[Word]


class LaneTranscriber:
    """Per-lane streaming state (see module docstring). Not thread-safe: one owner thread."""

    def __init__(self, lane: Lane, config: AsrConfig | None = None) -> None:
        self.lane = lane
        self.config = config or AsrConfig()
        c = self.config
        self._pre = seconds_to_samples(c.pre_pad_s)
        self._post = seconds_to_samples(c.post_pad_s)
        self._history = seconds_to_samples(c.history_s)
        self._first = seconds_to_samples(c.first_partial_s)
        self._interval = seconds_to_samples(c.partial_interval_s)
        self._max_turn = seconds_to_samples(c.max_turn_s)
        self._hard_turn = seconds_to_samples(c.hard_turn_s)
        self._hard_search = seconds_to_samples(c.hard_cut_search_s)
        self._reuse = seconds_to_samples(c.reuse_partial_s)
        self._guard = seconds_to_samples(c.commit_guard_s)
        self._context = seconds_to_samples(c.partial_context_s) if c.partial_context_s else None
        self._onset = seconds_to_samples(0.1)
        self._edge = seconds_to_samples(c.edge_extend_s) if c.edge_extend_s else None
        self._edge_max = seconds_to_samples(c.edge_max_turn_s)
        self._pre_roll = seconds_to_samples(c.edge_pre_roll_s)
        self._heard_to = 0  # where the audio of the lane's last final request ended
        self._settle = seconds_to_samples(c.settle_cut_s) if c.settle_cut_s else None
        self._digits = c.align_digit_runs
        # the agent's finals may have to be decoded (beam, whole turn): the language rules read them
        self._reuse_partials = c.final_from_partial and (lane is not Lane.AGENT or c.agent_final_from_partial)
        self._settle_min = seconds_to_samples(c.settle_cut_s / 2)
        self._quiet_frames = max(1, round(c.cut_quiet_s * SAMPLE_RATE / _FRAME))
        self.counters = LaneCounters()
        self._withheld: list[Event] = []
        self._audio = AudioBuffer()
        self._finals: deque[DecodeRequest] = deque()
        self._ready: list[_Ready] = []
        self._inflight_partial: DecodeRequest | None = None
        self._held: tuple[DecodeRequest, DecodeRequest, Agreement] | None = None
        self._utt = 0
        self._last_final_text = ""
        after = c.agent_provisional_end_s if lane is Lane.AGENT and c.agent_provisional_end_s else c.provisional_end_s
        self.provisional = ProvisionalEnd(after) if c.provisional_end_s else None
        self.loaded = False  # the shared decoder counts loaded_calls calls or more (set_loaded)
        self._revise_gap = seconds_to_samples(c.revise_gap_s)
        self._lookahead = seconds_to_samples(c.revise_lookahead_s)
        self._ended: Revisable | None = None  # the audio of the last piece the VAD ended, until its final
        self._revisable: Revisable | None = None  # that piece with its final's words, until decoded again or not
        self._next: tuple[int, int] | None = None  # the lane's latest VAD turn: utt, start
        self._reset_turn()

    def _reset_turn(self) -> None:
        self.active = False
        self._piece_start = 0
        self._piece_pad = self._pre
        self._piece_context: tuple[Word, ...] = ()
        self._piece_prompt: str | None = None
        self._vad_start = False  # the piece starts where the VAD said (not after a cut or with context)
        self._sound_from: int | None = None  # sound found before the VAD's start, where it starts
        self._sound_to: int | None = None  # sound found after the VAD's end, where it stops
        self._rolled = 0  # samples of edge_pre_roll_s before the pads: quiet, left out of the speech fraction
        self._agreement = self._new_agreement()
        self._last_trigger: int | None = None
        self._due = 0
        self._due_since = 0
        self._shown = False
        self._last_partial: tuple[str, int] | None = None
        self._latest: list[Word] = []
        self._latest_end: int | None = None
        self._quiet_checked = 0

    def _new_agreement(self, carried: tuple[Word, ...] | list[Word] = ()) -> Agreement:
        """A piece's agreement (``carried``: its words already committed); the agent's commits a sure word on one
        decode with :meth:`_single_p` (the language rules read the agent's committed words)."""
        c, single = self.config, self._single_p()
        return Agreement(c.agreement_n, carried, weak_p=c.weak_word_p, digit_runs=self._digits, single_p=single)

    def _single_p(self) -> float:
        """The probability at which one decode commits a word of this lane (0: agreement only): the agent's
        ``loaded_agent_single_commit_p`` while :attr:`loaded` (when set), else its ``agent_single_commit_p``."""
        c = self.config
        if self.lane is not Lane.AGENT:
            return 0.0
        loaded = self.loaded and c.loaded_agent_single_commit_p
        return c.loaded_agent_single_commit_p if loaded else c.agent_single_commit_p

    def set_loaded(self, loaded: bool) -> None:
        """Whether at least ``loaded_calls`` calls share the decoder now (the stage asks its scheduler); the
        turn's agreement takes the matching single-decode probability (:meth:`_single_p`) at once."""
        if loaded == self.loaded:
            return
        self.loaded = loaded
        self._agreement.single_p = self._single_p()
        if self._held is not None:
            self._held[2].single_p = self._agreement.single_p

    # ---- input -------------------------------------------------------------------------------

    @property
    def position(self) -> int:
        """Samples of this lane received so far (call sample index of the next chunk)."""
        return self._audio.end

    def push(self, chunk: AudioChunk) -> None:
        """Append one chunk of this lane (16 kHz float32, in order)."""
        if chunk.lane is not self.lane:
            raise ValueError(f"chunk of lane {chunk.lane} pushed to the {self.lane} transcriber")
        self._audio.append(chunk.start_sample, chunk.pcm)
        if self._revisable is not None:
            self._maybe_revise()
        if self.active:
            self._check_long_turn()
            self._maybe_trigger()
        elif self._audio.end - self._audio.start > 2 * self._history:
            self._trim(self._audio.end - self._history)

    def speech_started(self, sample: int) -> None:
        """The VAD found speech beginning at ``sample`` (may lie up to ``history_s`` in the past)."""
        if self.active:
            return
        self._reset_turn()
        self.active = True
        self._utt += 1
        self._piece_start = min(max(sample, self._audio.start), self._audio.end)
        self._vad_start = True
        if self.config.revise_with_next:
            self._next = (self._utt, self._piece_start)
            self._maybe_revise()
        self._maybe_trigger()

    def speech_ended(self, sample: int) -> None:
        """The VAD found the speech ending at ``sample``: queue the turn's final decode."""
        if not self.active:
            return
        end = min(max(sample, self._piece_start), self._audio.end)
        if self.config.revise_with_next:
            self._keep_for_revision(end)
        if not self._provisional_final(end) and not self._final_from_partial(end):
            final = self._make_final(end, self._final_audio_end(end))
            pending = self._inflight_partial
            if (
                self._reuse_partials
                and pending is not None
                and pending.utt == self._utt
                and self._covers(pending.start + len(pending.pcm), end)
            ):
                self._held = (pending, final, self._agreement)
            else:
                self._finals.append(final)
        self.counters.superseded += self._due
        self._reset_turn()
        self._trim(min(end, self._audio.end - self._history))

    def _trim(self, keep_from: int) -> None:
        """Forget the lane's audio before ``keep_from``, but not the audio after a revisable final's (the pause and the
        next speech its revision decodes, :meth:`_maybe_revise`)."""
        if self._revisable is not None:
            keep_from = min(keep_from, self._revisable.start + len(self._revisable.pcm))
        self._audio.trim(keep_from)

    def _keep_for_revision(self, end: int) -> None:
        """At the VAD's end ``end`` of the turn: keep the padded audio of a piece the VAD started and ended (not a long
        turn's cut) for a revision (:meth:`_maybe_revise`)."""
        if self._vad_start:
            lo = max(self._audio.start, self._piece_start - self._pre)
            hi = min(end + self._post, self._audio.end)
            self._ended = Revisable(self._utt, self._piece_start, end, lo, self._audio.slice(lo, hi))

    def _maybe_revise(self) -> None:
        """Queue the decode of the revisable final with the lane's next speech once the audio reaches
        ``revise_lookahead_s`` past that speech's start (A50's 1-3 s: "ask not" and the quiet after it, for jfk's
        first piece, whatever the next piece's end): only when it began within ``revise_gap_s`` of the final's
        speech end, the audio between is still held, and the decoder is not under load (:attr:`loaded`); else the
        final is left as it is. Queued as a final (the finals' beam and window), after the lane's finals so far."""
        r, nxt = self._revisable, self._next
        if r is None or nxt is None:
            return
        utt, start = nxt
        if utt == r.utt:  # the lane has not spoken again yet (a VAD start is reported at most history_s late)
            if self._audio.end - r.speech_end > self._revise_gap + self._history:
                self._revisable = None
            return
        if utt != r.utt + 1 or start - r.speech_end > self._revise_gap or self.loaded or not r.words:
            self._revisable = None
            return
        to = start + self._lookahead
        if self._audio.end < to:
            return
        self._revisable = None
        held_from = r.start + len(r.pcm)
        if self._audio.start > held_from:
            return
        pcm = np.concatenate([r.pcm, self._audio.slice(held_from, to)])
        speech = (r.speech_end - r.piece_start) + (to - start)
        self.counters.revisions_requested += 1
        self._finals.append(
            DecodeRequest(
                self.lane,
                FINAL,
                r.utt,
                r.start,
                decode_audio(self.lane, pcm, self.config),
                r.piece_start,
                r.speech_end,
                round(min(1.0, speech / max(1, len(pcm))), 3),
                self._audio.end,
                revises=r,
            )
        )

    def vad_silence(self, silence_since: int | None, now: int) -> None:
        """The VAD's silence pending in this turn began at ``silence_since`` (``None``: speaking), seen
        at lane position ``now``: once it lasts ``provisional_end_s``, a provisional final is queued
        for the speech up to it (:mod:`coach.asr.endpoint`)."""
        ep = self.provisional
        if ep is None or not self.active:
            return
        if silence_since is None:  # speaking again: the provisional final is not the turn's
            ep.drop()  # (its words, if decoded, were counted when they came back: _heard_at_pause)
        end = ep.watch(self._utt, silence_since, now)
        if end is None or not self._piece_start < end <= self._audio.end:
            return
        partial = self._inflight_partial
        if self._heard_whole_turn(end) is not None:
            return  # the last partial already decoded the turn: it becomes the final at the VAD's end
        if (
            self._reuse_partials
            and partial is not None
            and partial.utt == self._utt
            and self._covers(partial.start + len(partial.pcm), end)
        ):
            return  # so will the partial in flight
        final = self._make_final(end, self._final_audio_end(end))
        ep.hold(final, self._utt, end)
        self._finals.append(final)
        self.counters.superseded += self._due  # the provisional final covers them
        self._due = 0

    def _final_audio_end(self, end: int) -> int:
        """Where a final for speech ending at ``end`` stops its audio, a sample index (``post_pad_s``
        after it, never past the audio held); may also move where it starts, by widening the piece's
        pre-pad (``_piece_pad``). With ``edge_extend_s``, a turn the VAD started that is
        shorter than ``edge_max_turn_s`` also hears the sound the VAD left out at its edges: its audio
        starts 0.1 s before the sound leading into the VAD's start and ends 0.1 s after the sound
        trailing on from its end (each at most ``edge_extend_s`` beyond the boundary; frames at most
        ``edge_level_db`` below the turn's loudest), when that reaches further than the pads; the sound
        before the start is looked for only after the audio of the lane's previous final (a word between
        two turns is heard by one final, not two). Such a turn's final also starts at least
        ``edge_pre_roll_s`` before the VAD's start, never before the audio of the lane's previous final.
        Only the final: its decode replaces the partials' committed words (``final_revises``)."""
        audio_end = end + self._post
        start = self._piece_start
        if self._edge is not None and self._vad_start and end - start < self._edge_max:
            level = threshold_below(loudest_frame(self._audio.slice(start, end)), self.config.edge_level_db)
            lead = sound_before(self._audio.slice(max(start - self._edge, self._heard_to), start), level)
            if lead:
                self._sound_from = start - lead
                self._piece_pad = max(self._piece_pad, lead + self._onset)
            trail = sound_after(self._audio.slice(end, end + self._edge), level)
            if trail:
                self._sound_to = end + trail
                audio_end = max(audio_end, end + trail + self._onset)
            pad = self._piece_pad - self._rolled  # the pads without the pre-roll (this may run again)
            rolled = max(self._piece_pad, min(self._pre_roll, start - self._heard_to))
            self._rolled, self._piece_pad = rolled - pad, rolled
        self._heard_to = min(audio_end, self._audio.end)
        return self._heard_to

    def _provisional_final(self, end: int) -> bool:
        """The turn ends where its provisional final assumed: that final is the turn's (emitted now
        if decoded; else when it comes back, unless the last partial covers the turn: then that one)."""
        ep = self.provisional
        if ep is None or (confirmed := ep.confirm(self._utt, end)) is None:
            return False
        words = confirmed.words
        if words is None:
            if self._final_from_partial(end):
                ep.discard(confirmed)  # its result, when it comes, is ignored
            return True
        if words or getattr(confirmed.request, "showed_partial", False):
            self._ready.append(_Ready(self._piece_start, end, self._utt, words))
        return True

    def _covers(self, audio_end: int, speech_end: int) -> bool:
        """True when a decode of audio up to ``audio_end`` holds all speech up to ``speech_end``."""
        return speech_end + self._post // 2 <= audio_end <= speech_end + self._reuse

    def _heard_whole_turn(self, end: int) -> list[Word] | None:
        """The turn's words as the latest partial left them (the committed words and its tail), when that partial
        decoded all of the speech up to ``end`` (its audio ends between ``end + post_pad_s / 2`` and ``end +
        reuse_partial_s``) and its words reach within :data:`CUT_SHORT_S` of ``end``; else ``None``. A partial
        whose decode stopped early (Whisper's end of text after the context words of a long turn: c904's customer
        turn kept 9 words of 44 heard) is not the turn's final: the final is decoded."""
        latest_end = self._latest_end
        if not self._reuse_partials or latest_end is None or not self._covers(latest_end, end):
            return None
        words = self._agreement.committed + [
            w for w in self._agreement.tail(self._latest) if w.start < end + self._post
        ]
        return words if _reaches(words, end) else None

    def _final_from_partial(self, end: int) -> bool:
        """Reuse the latest partial as the final when it heard all of the turn (:meth:`_heard_whole_turn`; a partial
        in flight at the turn's end is judged alike, :meth:`_resolve_held`): no final decode needed."""
        words = self._heard_whole_turn(end)
        if words is None:
            return False
        self._ready.append(_Ready(self._piece_start, end, self._utt, words))
        self.counters.finals_from_partial += 1
        return True

    def flush(self, now: int) -> None:
        """End an open turn at ``now`` (end of call)."""
        if self.active:
            self.speech_ended(now)

    # ---- requests ----------------------------------------------------------------------------

    @property
    def pending_finals(self) -> int:
        return len(self._finals)

    def peek_final(self) -> DecodeRequest | None:
        """The oldest queued final request, left in the queue."""
        return self._finals[0] if self._finals else None

    def next_final(self) -> DecodeRequest | None:
        """Remove and return the oldest queued final request."""
        return self._finals.popleft() if self._finals else None

    def take_finals(self) -> list[DecodeRequest]:
        """Remove and return every queued final request, oldest first."""
        out = list(self._finals)
        self._finals.clear()
        return out

    @property
    def partial_due(self) -> bool:
        """A partial is due (none in a pause that may be the turn's end: ``ProvisionalEnd.holds_partials``)."""
        return self.active and self._due > 0 and (self.provisional is None or not self.provisional.holds_partials)

    @property
    def partial_due_since(self) -> int:
        """Lane position when the oldest untaken partial trigger fired."""
        return self._due_since

    def take_partial(self) -> DecodeRequest | None:
        """A partial request over the whole piece so far, or ``None`` if none is due."""
        if not self.partial_due:
            return None
        self.counters.coalesced += self._due - 1
        self.counters.partials_requested += 1
        self._due = 0
        end = self._audio.end
        committed = self._agreement.committed
        req = self._request(PARTIAL, end, end, committed=())
        if committed and self._context is not None and committed[-1].end - self._context > req.start:
            # decode only the audio of the words not yet committed and of the committed words of the last
            # partial_context_s before them, from a word's onset: audio that starts mid-word makes Whisper
            # skip words and misplace the next ones' times
            if self.config.partial_word_onset:
                context = self._context_words(committed, committed[-1].end - self._context)
                first = context[0].start - self._onset
                if len(context) < len(committed):
                    first = max(first, committed[-len(context) - 1].end)
            else:
                first, context = committed[-1].end - self._context, ()
            req = self._request(PARTIAL, end, end, committed=(), first=first, after=committed[-1].end, context=context)
        self._inflight_partial = req
        return self._inflight_partial

    def drop_partials(self) -> None:
        """Forget due partials (end of call)."""
        self.counters.superseded += self._due
        self._due = 0

    def _request(
        self,
        kind: str,
        speech_end: int,
        audio_end: int,
        committed: tuple[Word, ...],
        first: int | None = None,
        after: int | None = None,
        context: tuple[Word, ...] = (),
    ) -> DecodeRequest:
        """A request for the piece's audio up to ``audio_end`` (from ``first`` when given and later than
        the piece's start: a partial that skips audio whose words are all committed)."""
        start = max(self._audio.start, self._piece_start - self._piece_pad)
        if first is not None:
            start = max(start, min(first, audio_end))
        pcm = decode_audio(self.lane, self._audio.slice(start, audio_end), self.config)
        rolled = max(0, self._piece_start - self._piece_pad + self._rolled - start)  # the pre-roll in pcm
        span = max(1, len(pcm) - rolled)
        speech_from = self._piece_start - self._piece_pad if self._piece_context else self._piece_start
        if self._sound_from is not None:
            speech_from = min(speech_from, self._sound_from)
        speech_to = max(speech_end, self._sound_to or 0) if kind == FINAL else speech_end
        fraction = max(0, min(speech_to, start + rolled + span) - max(speech_from, start + rolled)) / span
        if self._piece_prompt is not None:
            prompt: str | None = self._piece_prompt
        elif self.config.prompt_previous and self._last_final_text:
            prompt = self._last_final_text
        else:
            prompt = None
        return DecodeRequest(
            self.lane,
            kind,
            self._utt,
            start,
            pcm,
            self._piece_start,
            speech_end,
            round(fraction, 3),
            self._audio.end,
            prompt,
            committed,
            self._shown,
            after,
            self._piece_context if after is None else context,
            start + rolled if rolled else None,
        )

    @staticmethod
    def _context_words(committed: list[Word], window: int) -> tuple[Word, ...]:
        """The committed words that start at or after sample ``window`` (at least the last one)."""
        context = tuple(w for w in committed if w.start >= window)
        return context or (committed[-1],)

    def _make_final(self, speech_end: int, audio_end: int) -> DecodeRequest:
        """A final request for the piece up to ``audio_end``, keeping all the piece's committed words."""
        self.counters.finals_requested += 1
        kept = tuple(self._agreement.committed)
        request = self._request(FINAL, speech_end, audio_end, committed=kept)
        if not self.config.final_heard_fallback:
            return request
        tail = [w for w in self._agreement.tail(self._latest) if w.start < audio_end]
        return replace(request, heard=kept + tuple(tail))

    def _maybe_trigger(self, *, now: bool = False) -> None:
        """Make a partial due when the interval has passed (``now``: whatever the interval)."""
        if not self.config.partials:
            return
        end = self._audio.end
        length = end - self._piece_start
        if self._last_trigger is None:
            if length < self._first:
                return
        elif end - self._last_trigger < self._interval and not now:
            return
        if self._due == 0:
            self._due_since = end
        self._due += 1
        self._last_trigger = end

    # ---- long turns --------------------------------------------------------------------------

    def _check_long_turn(self) -> None:
        length = self._audio.end - self._piece_start
        if self._settle is not None and length >= self._settle and self._cut_at_quiet():
            return
        if length < self._max_turn:
            return
        if self._cut_at_committed():
            return
        if length >= self._hard_turn:
            cut = self._quietest_point()
            self._finals.append(self._make_final(cut, cut))
            self.counters.forced_cuts += 1
            self._start_piece(cut, carried=(), prompt=join_words(self._agreement.committed))

    def _quietest_point(self) -> int:
        """Where a piece with nothing to cut at is cut at ``hard_turn_s``, a sample index: the middle of
        the quietest ``HARD_CUT_FRAMES`` 20 ms frames (lowest mean RMS; the latest on a tie) of its last
        ``hard_cut_search_s``, so the cut falls in the gap between two words rather than inside one
        (a word cut in two is lost by both pieces or heard by both). The audio's end when the search is
        off (0) or the span holds fewer frames than that."""
        end = self._audio.end
        if not self._hard_search:
            return end
        first = max(self._piece_start, end - self._hard_search)
        rms = _frame_rms(self._audio.slice(first, end))
        if len(rms) < HARD_CUT_FRAMES:
            return end
        means = np.convolve(rms, np.ones(HARD_CUT_FRAMES) / HARD_CUT_FRAMES, mode="valid")
        best = len(means) - 1 - int(np.argmin(means[::-1]))
        return first + best * _FRAME + HARD_CUT_FRAMES * _FRAME // 2

    def _cut_at_committed(self) -> bool:
        committed = self._agreement.committed
        following = committed + self._agreement.tail(self._latest)
        min_end = self._piece_start + self._max_turn // 4
        best: tuple[int, int] | None = None
        for i in range(len(committed)):
            if i + 1 >= len(following) or committed[i].end < min_end:
                continue
            gap = following[i + 1].start - committed[i].end
            if best is None or gap >= best[0]:
                best = (gap, i)
        if best is None:
            return False
        gap, i = best
        self._cut(i, committed[i].end + max(0, gap) // 2)
        return True

    def _cut_at_quiet(self) -> bool:
        """Cut the piece before ``max_turn_s`` where its words have settled: at the latest quiet point
        between two committed words (a run of ``cut_quiet_s`` whose 20 ms frames all stay below
        ``cut_quiet_level`` times the piece's loudest frame RMS), preferring one after a word that ends
        a sentence (Whisper's punctuation), with at least ``settle_cut_s / 2`` of the piece before it.
        The cut lies in the middle of the quiet run: neither piece hears a clipped word. Looked for only
        when new words were committed."""
        committed = self._agreement.committed
        if len(committed) == self._quiet_checked:
            return False
        self._quiet_checked = len(committed)
        following = committed + self._agreement.tail(self._latest)
        min_end = self._piece_start + self._settle_min
        frames = _frame_rms(self._audio.slice(self._piece_start, self._audio.end))
        if len(frames) == 0:
            return False
        threshold = float(frames.max()) * self.config.cut_quiet_level
        best: tuple[bool, int, int] | None = None
        for i in range(len(committed)):
            if i + 1 >= len(following) or committed[i].end < min_end:
                continue
            lo = max(0, (committed[i].end - self._onset - self._piece_start) // _FRAME)
            hi = min(len(frames), (following[i + 1].start + self._onset - self._piece_start) // _FRAME + 1)
            mid = _quiet_run(frames[lo:hi], threshold, self._quiet_frames)
            if mid is None:
                continue
            sentence = committed[i].text.rstrip().endswith((".", "?", "!"))
            candidate = (sentence, i, self._piece_start + (lo + mid) * _FRAME)
            if best is None or candidate[:2] >= best[:2]:
                best = candidate
        if best is None:
            return False
        self._cut(best[1], best[2])
        return True

    def _cut(self, i: int, cut: int) -> None:
        """End the piece after committed word ``i`` at sample ``cut``: its committed words as its final, and a
        new piece from the cut."""
        committed = self._agreement.committed
        self._ready.append(_Ready(self._piece_start, cut, self._utt, list(committed[: i + 1])))
        self.counters.cuts += 1
        window = cut - (self._context or 0)
        context = tuple(w for w in committed[: i + 1] if w.end > window)
        self._start_piece(cut, tuple(committed[i + 1 :]), join_words(committed[: i + 1]), context)

    def _start_piece(
        self, start: int, carried: tuple[Word, ...], prompt: str = "", context: tuple[Word, ...] = ()
    ) -> None:
        """A new piece of a long turn from sample ``start``; ``carried``: its words already committed;
        ``context``: the previous piece's last words (all of them within ``partial_context_s`` of the
        cut), whose audio the new piece's decodes then hear before the cut."""
        due, last_trigger = self._due, self._last_trigger
        self._reset_turn()
        self.active = True
        self._utt += 1
        self._piece_start = start
        # a piece cut after committed words hears up to partial_context_s of audio before the cut, as
        # context: its decodes start with those words, which are aligned away (align_tail)
        self._piece_pad = min(self._context or 0, start - context[0].start) if context else 0
        self._piece_context = context if self._piece_pad else ()
        # (the audio is the context then: with the words as a prompt too, Whisper skips that audio)
        self._piece_prompt = prompt[-200:] if prompt and self.config.prompt_after_cut and not context else None
        self._agreement = self._new_agreement(carried)
        self._due, self._last_trigger = due, last_trigger
        self._trim(start - self._piece_pad)

    # ---- results -----------------------------------------------------------------------------

    def drain_ready(self, now: int) -> list[Event]:
        """Finals made without a decode (long-turn cuts, provisional finals), as events emitted at ``now``."""
        events = [self._event(r.piece_start, r.speech_end, r.utt, r.words, final=True, now=now) for r in self._ready]
        self._ready.clear()
        return events

    def apply(self, req: DecodeRequest, result: DecodeResult, now: int) -> list[Event]:
        """Turn a finished decode of ``req`` into events (emitted at call position ``now``). A final whose
        decoded words the guards withheld, all or some, also queues an ``asr.withheld`` event (the reason and
        a count, never the text) for :meth:`take_withheld`."""
        verdict, keep = judge(result, self.config.guards, speech_fraction=req.speech_fraction)
        if req.revises is not None:
            return self._revision(req, req.revises, self._words(req, result)[:keep] if verdict.ok else [], now)
        if req.kind == PARTIAL and verdict.reason == "trimmed_loop":
            # a looping partial is skipped whole: words next to a loop must not get committed (a rejected partial
            # keeps its own reason in the counters; an outro after its words is cut off, the words kept)
            verdict, keep = Verdict(False, "repetition"), 0
        if not verdict.ok or keep < len(result.words):
            self.counters.rejected[verdict.reason or "rejected"] += 1
            log.debug("asr decode rejected", extra={"lane": self.lane.value, "reason": verdict.reason})
        words = self._words(req, result)[:keep]
        from_heard = req.kind == FINAL and verdict.reason in OUTRO_REASONS and bool(req.heard)
        if req.kind == FINAL and keep < len(result.words):
            self._withheld.append(self._withheld_event(req, verdict.reason, len(result.words) - keep, from_heard, now))
        return self._apply_words(req, words, verdict, from_heard, now)

    def _revision(self, req: DecodeRequest, r: Revisable, words: list[Word], now: int) -> list[Event]:
        """The ``transcript.revised`` event of final ``r`` decoded again (``req``) with the lane's next speech: the
        decode's ``words`` whose middle lies in the final's padded audio, when :func:`~coach.asr.revision.better`
        than the final's; else nothing."""
        kept = kept_words(words, r.start, r.start + len(r.pcm))
        if not better(r.words, kept):
            return []
        self.counters.revised += 1
        utt = f"{self.lane.value}-{r.utt}"
        return [
            Event.at_samples(
                REVISED,
                r.piece_start,
                now,
                speaker=self.lane.value,
                utt=utt,
                revises=utt,
                end=samples_to_seconds(r.speech_end),
                text=join_words(kept),
                final=True,
                words=[w.to_dict() for w in kept],
            )
        ]

    def take_withheld(self) -> list[Event]:
        """The ``asr.withheld`` events queued by :meth:`apply` since the last call."""
        events, self._withheld = self._withheld, []
        return events

    def _withheld_event(self, req: DecodeRequest, reason: str, n_words: int, from_heard: bool, now: int) -> Event:
        """``asr.withheld``: the guards kept ``n_words`` decoded words of a final from the transcript."""
        return Event.at_samples(
            "asr.withheld",
            req.piece_start,
            now,
            speaker=self.lane.value,
            utt=f"{self.lane.value}-{req.utt}",
            end=samples_to_seconds(req.speech_end),
            reason=reason or "rejected",
            words=n_words,
            replaced_by="heard" if from_heard else "",
        )

    def _apply_words(
        self, req: DecodeRequest, words: list[Word], verdict: Verdict, from_heard: bool, now: int
    ) -> list[Event]:
        if from_heard:
            # Whisper wrote an outro or a loop over speech: the final is what the partials heard of it
            words = list(req.heard)
            self.counters.finals_from_heard += 1
        elif req.context and req.after is None:
            # the previous piece's words, heard as context
            words = align_tail(words, req.context, digit_runs=self._digits)
        if req.after is not None:
            held = self._held is not None and req is self._held[0]
            agreement = self._held[2] if held and self._held is not None else self._agreement
            if req.context:  # the committed words heard as context, aligned away by text first
                fresh = align_tail(words, req.context, digit_runs=self._digits)
            else:
                fresh = [w for w in words if (w.start + w.end) // 2 > req.after]
            words = list(agreement.committed) + fresh
        if req is self._inflight_partial:
            self._inflight_partial = None
        if self._held is not None and req is self._held[0]:
            return self._resolve_held(words, now)
        if req.kind == FINAL:
            if self.config.final_revises:
                final_words = revise(req.committed, words, digit_runs=self._digits)
            else:
                final_words = list(req.committed) + align_tail(words, req.committed, digit_runs=self._digits)
            if self.provisional is not None and self.provisional.owns(req):
                if not self.provisional.settle(req, final_words):  # waits for the VAD, or was dropped
                    if self.provisional.pending is None or self.provisional.pending.request is not req:
                        return self._heard_before_pause(req, final_words, now)  # dropped: the turn went on
                    return self._heard_at_pause(req, final_words, now)
            if not final_words and not req.showed_partial:
                return []
            return [self._event(req.piece_start, req.speech_end, req.utt, final_words, final=True, now=now)]
        if not self.active or req.utt != self._utt:
            self.counters.stale += 1
            return []
        if not verdict.ok:
            return []
        self._latest = words
        self._latest_end = req.start + len(req.pcm)
        self._agreement.update(words, commit_before=self._latest_end - self._guard)
        return self._partial_event(req, now)

    def _partial_event(self, req: DecodeRequest, now: int) -> list[Event]:
        """The partial event after an agreement update: the committed words, then the uncommitted tail
        of the latest partial; nothing when it shows what the last one showed."""
        committed = self._agreement.committed
        shown = committed + self._agreement.tail(self._latest)
        signature = (join_words(shown), len(committed))
        if not shown or signature == self._last_partial:
            return []
        self._last_partial = signature
        self._shown = True
        return [
            self._event(req.piece_start, req.speech_end, req.utt, shown, final=False, now=now, stable=len(committed))
        ]

    def _count_pause_words(self, req: DecodeRequest, words: list[Word]) -> bool:
        """Count the words a provisional final decoded (the turn's speech up to a pause of at least
        ``provisional_end_s``) as one more hypothesis for the turn's agreement, as a partial's would,
        unless the turn is over or a partial that heard later audio came back since. No commit guard:
        the decode's audio ends in the silence the VAD counted after the speech, so no word in it is
        cut at the end of the audio; with ``pause_commits_last_word`` a single-decode commit (the agent
        lane's ``single_p``) may take its last word too. True when that committed words."""
        heard_to = req.start + len(req.pcm)
        if not self.active or req.utt != self._utt or not words:
            return False
        if self._latest_end is not None and self._latest_end > heard_to:
            return False
        last = self.config.pause_commits_last_word
        return bool(self._agreement.update(words, commit_before=heard_to, last_whole=last))

    def _heard_before_pause(self, req: DecodeRequest, words: list[Word], now: int) -> list[Event]:
        """A provisional final whose turn went on (the pause was not its end; dropped before its decode
        came back) decoded ``words``: counted for the agreement (:meth:`_count_pause_words`). Returns
        a partial event when that commits words (the language rules read committed words), showing
        the latest partial's uncommitted tail after them."""
        if not self._count_pause_words(req, words):
            return []
        return self._partial_event(req, now)

    def _heard_at_pause(self, req: DecodeRequest, words: list[Word], now: int) -> list[Event]:
        """A provisional final's decode came back while the VAD has not yet ended the turn (it waits for
        the VAD's hangover): its words are counted for the agreement (:meth:`_count_pause_words`; if
        the turn goes on they are the speech before the pause, if it ends they are its final), and
        shown at once as a partial event: the committed words, then the decode's words after them,
        whose ``end`` is the audio the decode heard (``provisional_end_s`` or more of silence after
        the speech) and marked ``pause`` (the VAD counted that silence), so the language rules see the
        pause at the end of the turn (a goodbye) about ``min_silence_ms - provisional_end_s`` before
        the final. Nothing with ``partials`` off."""
        if not self.config.partials or not self.active or req.utt != self._utt or not words:
            return []
        self._count_pause_words(req, words)
        committed = self._agreement.committed
        shown = committed + align_tail(words, committed, digit_runs=self._digits)
        self._last_partial = (join_words(shown), len(committed))
        self._shown = True
        heard_to, stable = req.start + len(req.pcm), len(committed)
        return [self._event(req.piece_start, heard_to, req.utt, shown, final=False, now=now, stable=stable, pause=True)]

    def shed(self, req: DecodeRequest) -> None:
        """A partial request was dropped undecoded (the scheduler was busy): forget it, and queue the
        final decode a final held for it was waiting on."""
        self.counters.shed += 1
        if req is self._inflight_partial:
            self._inflight_partial = None
        if self._held is not None and req is self._held[0]:
            self._finals.append(self._held[1])
            self._held = None

    def _resolve_held(self, words: list[Word], now: int) -> list[Event]:
        """The partial in flight at speech end came back: make it the final when its words reach within
        :data:`CUT_SHORT_S` of the speech's end (:func:`_reaches`), else (no words, or a decode that stopped
        early) queue a final decode."""
        assert self._held is not None
        _, final, agreement = self._held
        self._held = None
        if words:
            agreement.update(words)
            tail = [w for w in agreement.tail(words) if w.start < final.speech_end + self._post]
            final_words = agreement.committed + tail
            if _reaches(final_words, final.speech_end):
                self.counters.finals_from_partial += 1
                self.counters.finals_requested -= 1
                return [self._event(final.piece_start, final.speech_end, final.utt, final_words, final=True, now=now)]
        self._finals.append(final)
        return []

    @property
    def holding_final(self) -> bool:
        """True while a final waits for the partial decode in flight at speech end."""
        return self._held is not None

    def _words(self, req: DecodeRequest, result: DecodeResult) -> list[Word]:
        lo, hi = req.start, req.start + len(req.pcm)
        floor = lo if req.words_from is None else min(max(lo, req.words_from), hi)
        out = []
        for w in result.words:
            start = min(max(lo + int(round(w.start * SAMPLE_RATE)), floor), hi)
            end = min(max(lo + int(round(w.end * SAMPLE_RATE)), start), hi)
            out.append(Word(w.word, start, end, w.probability))
        return out

    def _event(
        self,
        piece_start: int,
        speech_end: int,
        utt: int,
        words: list[Word],
        *,
        final: bool,
        now: int,
        stable: int | None = None,
        pause: bool = False,
    ) -> Event:
        data: dict[str, object] = {
            "speaker": self.lane.value,
            "utt": f"{self.lane.value}-{utt}",
            "end": samples_to_seconds(speech_end),
            "text": join_words(words),
            "final": final,
            "words": [w.to_dict() for w in words],
        }
        if stable is not None:
            data["stable"] = stable
        if pause:
            data["pause"] = True
        if final and data["text"]:
            self._last_final_text = str(data["text"])
        if final and self._ended is not None and self._ended.utt == utt:
            if self._revisable is None:  # one at a time: a final whose revision still waits keeps its turn
                self._revisable = replace(self._ended, words=tuple(words))
            self._ended = None
            self._maybe_revise()
        return Event.at_samples("transcript", piece_start, now, **data)
