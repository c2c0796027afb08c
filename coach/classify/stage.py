"""Per-call escalation stage: customer speech and final customer transcripts in, ``escalation`` events out.

Compliance: emotion is inferred for the customer only. Only the customer lane's audio is ever given to this stage
and scored; of the agent it is given the words of their finals (:meth:`hear_agent`), their loudness reports before
the customer first speaks and when they spoke (:meth:`observe`), used only as context for the customer's evidence:
what the customer may echo (a disbelieving echo), the agent's greeting level a loud first turn is measured against
(``opener_loud_weight``), how long the line was silent before the customer spoke, and an agent's words sharing the
customer's joy, which damp the customer's raised voice (``agent_joy_damp``, session 50, E56). No score, level or
evidence about the agent is computed or emitted. One instance per call; synchronous and not thread-safe (the
analyser drives it).

- :meth:`push_speech` takes every 32 ms customer frame the VAD calls speech; every ``voice_hop_s``
  (1 s) of speech the acoustic arousal model scores the last 2 s of speech
  (:class:`~coach.classify.arousal.CustomerArousal`); speech after ``reply_steps_down_s`` of the customer's
  silence tells the tracker they speak again (an "escalated" the score no longer reaches steps down).
- :meth:`push_partial` takes a partial customer transcript (the words of an utterance so far): the
  lexicon markers found in its *committed* words (``words[:stable]``, which later partials never
  revise) count at once, a second or two after they were said, instead of when the utterance ends (a
  long angry turn would otherwise show nothing in words until it is over); the markers of the
  uncommitted tail count *provisionally* once two successive partials have them: the next partial
  replaces them and the final drops them, so a misheard word there ("joke" for "Joe") is taken back;
  a marker whose words the transcriber gives a low probability (``partial_marker_min_p``: "shift the
  boxes" heard "shit in the box") does not count from a partial at all, and in the customer's first turn a
  tail marker whose words it is sure of (``partial_tail_sure_p``) counts on the first partial that has it;
  every ``calm_words_min`` new committed words, the text model reads them (one run serves two readings): as
  calm words, and their
  anger as word evidence until the final (``partial_words_factor``: an upset opener's words count a
  second or two after they are said, not at the turn's end); with ``opener_head_p`` on (off by default), the words
  heard so far in the customer's first turn are read by the opener anger head (:mod:`coach.classify.opener_head`)
  and, with a loud voice, count as a marker;
- :meth:`push_final` takes a final customer transcript; the text model and the lexicon score it (a
  marker a partial of the same utterance already counted is not counted again; an exclaimed sentence,
  "That's another four days!", is a marker too), and it is compared
  with the customer's earlier utterances (a repeated complaint, faster speech); the complaint head
  (:mod:`coach.language.complaint`) reads its meaning from the same sentence embedding, and, while the
  customer's voice is raised, the whole text of the utterance's first partials: a complaint in any
  wording lets the raised voice count (``[escalation] complaint_gate``);
- :meth:`observe` takes the turn-taking events of the call (the customer interrupting or talking over
  the agent, long customer turns; agent turns for the summary);
- :meth:`tick` lets time pass; an ``escalation`` event is emitted at least every ``report_every_s``
  (1 s) while the customer speaks, and whenever the level changes.

Events: ``{"type": "escalation", "t", "at", "score": 0..1, "level": "calm"|"tense"|"escalated",
"changed": level differs from the previous event, "drivers": {"voice", "sustained", "words", "louder",
"complaint", "calm_words", "lexicon"}}`` with
``t == at`` (a state, not a span).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from coach.asr.rate import rate_wpm
from coach.classify.amends import makes_amends
from coach.classify.arousal import ArousalModel, CustomerArousal, load_arousal_model
from coach.classify.escalation import EXCLAIMS, LEVELS, OPENS_LOUD, EscalationConfig, EscalationState, EscalationTracker
from coach.classify.lexicon import (
    LexiconHit,
    delighted,
    echo_accepted,
    echoes,
    echoes_told,
    exclaims,
    pleasant,
    presses,
    tokens,
)
from coach.classify.opener_head import OpenerHead, get_opener_head
from coach.classify.opener_loud import LoudOpener
from coach.classify.paired_reading import PairedReading
from coach.classify.pushback import pushes_back
from coach.classify.sentence_opening import keep_opening
from coach.classify.silence import SilenceWatch
from coach.classify.text_anger import TextAngerScorer
from coach.classify.thanks import shares_joy, thanks
from coach.classify.told_calm import told_calm_down
from coach.language.complaint import ComplaintHead, get_complaint_head
from coach.language.phrasing import CalmDownRule, PositiveLanguageRule
from coach.types import FRAME_SAMPLES, SAMPLE_RATE, Event, Lane, samples_to_seconds, seconds_to_samples

FALL_GAP_S = 2.0
"""The curve has a point about every second while the customer speaks and none while they are silent: when the point
after the last one at the fall's top comes more than this later, the score fell across their silence (the agent's
turn), at the first point of their next turn (``reply_forgets_voice``; the summary)."""
OPENS_ANGRY = "opens angry"
"""The marker of a first turn that the opener anger head reads angry and that is loud (``opener_head_p``)."""
OPENS_ANGRY_HALF_LIFE_S = 10.0
"""Its half-life: it stands for the turn's first seconds until the customer's own markers and voice come, not for
the call (with the lexicon's 60 s, c741's lively happy opener, read angry at +3.4 s, made its next turn 30 s later
"escalated")."""
RECENT_UTTERANCES = 8
"""Earlier customer utterances kept (as embeddings and speaking rates) to notice repetition and speed-up."""

REPORT_EVERY = SAMPLE_RATE  # 1 s
TICK_EVERY = 2 * FRAME_SAMPLES  # 64 ms: two 32 ms analyser frames
"""Call samples between the fusion ticks of :meth:`EscalationStage.tick` while no evidence arrives: a
tick in a frame that brought none (no voice reading, transcript, marker or loudness) only lets the
evidence fade and the dwell timers run, so a level change that a timer makes (a fall after
``exit_hold_s``, a voice-only rise after ``voice_confirm_s``) is reported at most one frame later; a
frame that brought evidence is always ticked. Ticked every frame, the tick was 1.7-1.8 ms of the
stage's ~11 ms of CPU per second of customer speech on five tuning calls (docs/benchmarks.md, session 14)."""
REST_TICK_EVERY = REPORT_EVERY  # 1 s
"""Call samples between the fusion ticks while the call is *at rest* (the last tick read the level calm
and the score below :func:`rest_below`) and no evidence arrives; a due 1 s report is still ticked (at
once when the last tick is :data:`TICK_EVERY` old: at most one frame earlier than on that grid). At
rest no timer of the tracker matters (a voice-only rise waits on a score at ``tense_enter``, a fall on
a level above calm), and with no new evidence every term of the score only fades: the fading calm
words and delight, which damp the voice and the loudness, give back at most a third of a damped term
(``x (1 - a x)`` over ``1 - a`` for a fading ``x`` and a damping ``a <= 3/4``), far from doubling the
score; so the level changes as with a tick every :data:`TICK_EVERY` (the same on 34 tuning calls'
replays). Most of a call is at rest (docs/benchmarks.md, "Session 15 (C8)")."""
REST_FRACTION = 0.5
"""A calm call is at rest while its score is below this fraction of ``tense_enter`` (:func:`rest_below`)."""


def rest_below(config: EscalationConfig) -> float:
    """Score (0..1) below which a calm call is at rest: :data:`REST_FRACTION` of ``tense_enter``, at most
    ``tense_exit`` (0.2 with the defaults)."""
    return min(config.tense_exit, REST_FRACTION * config.tense_enter)


ECHOES = "echoes in disbelief"
"""The marker phrase of a disbelieving echo opening a customer utterance (``echo_weight``)."""
PRESSES = "presses for a yes or no"
"""The marker phrase of a yes-or-no question pressed with "or not?" (``press_weight``)."""
PRESS_HALF_LIFE_S = 8.0
"""Its half-life (seconds): a flare at the agent's last words, like the lexicon's [reproach], so the customer's next,
calmer turn does not start "tense" on it."""
PROFANITY = "profanity"
"""The lexicon category of swear words (``profanity_min_p``)."""
WAITING = "waiting"
"""The lexicon category of a wait the customer complains of ("been waiting", "three weeks"; see
``told_wait_not_waiting``)."""
PUNCTUATION_MARKERS = (EXCLAIMS, ECHOES, PRESSES)
"""The markers read from the transcriber's punctuation, not from the lexicon's words."""


def _committed(hit: LexiconHit, n_committed: int, committed_text: str, echo: Callable[[str], bool] = echoes) -> bool:
    """Whether a marker of a partial's text lies within its first ``n_committed`` tokens (its committed
    words, ``committed_text``); a punctuation marker, when the committed words carry it (an echo: when
    ``echo`` finds it in them)."""
    if hit.phrase == EXCLAIMS:
        return exclaims(committed_text)
    if hit.phrase == ECHOES:
        return echo(committed_text)
    if hit.phrase == PRESSES:
        return presses(committed_text)
    return hit.token_index + hit.n_tokens <= n_committed


def _span_ps(hit: LexiconHit, word_of_token: list[int], words: list[dict[str, Any]]) -> list[float]:
    """Transcriber probabilities (0..1) of the words a lexicon marker spans, each word once
    (``word_of_token[i]``: the index in ``words`` of the text's token ``i``; a word without ``p`` counts 1)."""
    span = range(hit.token_index, min(hit.token_index + hit.n_tokens, len(word_of_token)))
    return [float(words[i].get("p", 1.0)) for i in sorted({word_of_token[i] for i in span})]


def _heard_p(hit: LexiconHit, word_of_token: list[int], words: list[dict[str, Any]]) -> float:
    """Mean transcriber probability (0..1) of the words a lexicon marker of a partial spans (:func:`_span_ps`);
    1 for a punctuation marker (an exclamation, an echo) and for a marker spanning no word."""
    if hit.phrase in PUNCTUATION_MARKERS:
        return 1.0
    ps = _span_ps(hit, word_of_token, words)
    return sum(ps) / len(ps) if ps else 1.0


def _surely_heard(
    hits: list[LexiconHit], text: str, words: list[dict[str, Any]], config: EscalationConfig
) -> list[LexiconHit]:
    """The markers of a final (``text``, its ``words``) whose every word the transcriber heard at least
    ``final_marker_min_word_p`` surely, a swear word at least ``profanity_min_p`` (:func:`_floor`; punctuation markers
    always; all of them when both keys are 0, the final has no words or its words do not spell its text)."""
    floor = config.final_marker_min_word_p
    if (
        max(floor, config.profanity_min_p) <= 0
        or not words
        or tokens(text) != tokens(" ".join(str(w["w"]) for w in words))
    ):
        return hits
    where = _word_of_token(words)
    return [
        h
        for h in hits
        if h.phrase in PUNCTUATION_MARKERS or min(_span_ps(h, where, words), default=1.0) >= _floor(h, floor, config)
    ]


def _floor(hit: LexiconHit, floor: float, config: EscalationConfig) -> float:
    """How surely (transcriber probability, 0..1) the words of ``hit`` must be heard to count: ``floor``, or for a
    swear word at least ``profanity_min_p``."""
    return max(floor, config.profanity_min_p) if hit.category == PROFANITY else floor


def _span(hit: LexiconHit) -> set[int]:
    """The token indices of the text a marker spans."""
    return set(range(hit.token_index, hit.token_index + hit.n_tokens))


def _word_of_token(words: list[dict[str, Any]]) -> list[int]:
    """For each :func:`tokens` token of the words joined by spaces, the index of the word it is in."""
    return [i for i, w in enumerate(words) for _ in tokens(str(w["w"]))]


@dataclass
class EscalationCurve:
    """What the call summary says about escalation."""

    start: float | None = None
    peak: float = 0.0
    peak_t: float = 0.0
    peak_level: str = "calm"
    end: float | None = None
    end_level: str = "calm"
    points: list[tuple[float, float]] = field(default_factory=list)
    levels: list[tuple[float, str]] = field(default_factory=list)
    agent_turns: list[tuple[float, float]] = field(default_factory=list)

    def add_agent_turn(self, start: float, end: float) -> None:
        """An agent turn ``[start, end]`` (seconds), for "came down after which agent turn"."""
        self.agent_turns.append((start, end))

    def add(self, t: float, score: float, level: str) -> None:
        if self.start is None:
            self.start = score
        if score > self.peak:
            self.peak, self.peak_t = score, t
        if LEVELS.index(level) > LEVELS.index(self.peak_level):  # type: ignore[arg-type]
            self.peak_level = level
        self.end, self.end_level = score, level
        self.points.append((t, score))
        self.levels.append((t, level))

    def came_down(self) -> dict[str, Any] | None:
        """The last time the level stepped down (the customer's final come-down; None if the call never rose above
        "calm" or never came down), and the agent turn in progress or last begun when it fell (the turn it came down
        after): ``{"t", "from", "to", "fall_from_t", "after_agent_turn": {"n" (1-based), "start", "end"} or None,
        "seconds_after_turn"}``. It fell at the curve's last point before the step (``fall_from_t``), or, when that
        point is more than :data:`FALL_GAP_S` earlier, at the step itself: the level held across the customer's
        silence (the agent's answer) and came down as they spoke again.

        Session 52 (E60): it was the last step down *from the peak level*, the fall dated where the score left its
        top; on the tuning calls whose script has an angry customer brought to calm by an agent turn, it named that
        turn in 22 of 46 calls, because a customer who came down and rose again for a moment (c1131's "Please just
        find us a boat", after its "escalated" had ended) was dated by the first fall, and a score decaying through
        the customer's own angry turn put the fall before the agent's answer (c1110). Now 38/46
        (``scripts/eval_call_escalation.py --replay``, recovery)."""
        if LEVELS.index(self.peak_level) == 0:  # type: ignore[arg-type]
            return None
        down = [
            i
            for i in range(1, len(self.levels))
            if LEVELS.index(self.levels[i - 1][1]) > LEVELS.index(self.levels[i][1])  # type: ignore[arg-type]
        ]
        if not down:
            return None
        i = down[-1]
        t_down = self.levels[i][0]
        before = self.levels[i - 1][0]
        fall_from = t_down if t_down - before > FALL_GAP_S else before  # it fell across their silence (FALL_GAP_S)
        turns = [(n, a, b) for n, (a, b) in enumerate(self.agent_turns, 1) if a <= fall_from + 1e-9]
        turn = turns[-1] if turns else None
        return {
            "t": t_down,
            "from": self.levels[i - 1][1],
            "to": self.levels[i][1],
            "fall_from_t": fall_from,
            "after_agent_turn": None if turn is None else {"n": turn[0], "start": turn[1], "end": turn[2]},
            "seconds_after_turn": None if turn is None else round(t_down - turn[2], 2),
        }

    def summary(self, interventions: list[float]) -> dict[str, Any]:
        """Start, peak and end, and whether it came down after the agent's interventions.

        ``interventions`` are the call times (s) of nudges shown to the agent; ``came_down`` is true
        when the level at the end is below the peak level and the score fell after an intervention
        that happened at or after the peak.
        """
        after_peak = [t for t in interventions if t >= self.peak_t - 5.0]
        came_down = (
            self.end is not None
            and LEVELS.index(self.end_level) < LEVELS.index(self.peak_level)  # type: ignore[arg-type]
            and bool(after_peak)
        )
        return {
            "start": self.start,
            "peak": round(self.peak, 3),
            "peak_t": self.peak_t,
            "peak_level": self.peak_level,
            "end": self.end,
            "end_level": self.end_level,
            "came_down_after_interventions": came_down,
            "came_down": self.came_down(),
        }


class EscalationStage:
    """Customer escalation for one call (see the module docstring)."""

    def __init__(
        self,
        config: EscalationConfig,
        *,
        text_scorer: TextAngerScorer | None = None,
        arousal_model: ArousalModel | None = None,
        complaint_head: ComplaintHead | None = None,
        calm_down: CalmDownRule | None = None,
        pushback: PositiveLanguageRule | None = None,
    ) -> None:
        self._hop = max(1, round(config.voice_hop_s * SAMPLE_RATE))
        self._arousal = CustomerArousal(
            arousal_model or load_arousal_model(),
            hop_samples=self._hop,
            extreme_p=config.voice_extreme_p,
            extreme_n=config.voice_extreme_n,
            extreme_now_p=config.voice_extreme_now_p,
        )
        self._tracker = EscalationTracker(config, words_expected=text_scorer is not None)
        self._text = text_scorer
        self._complaint = complaint_head  # loaded on first use (``complaint_gate``)
        self._calm_down = calm_down  # the call's calm-down tables (told_calm_weight); None: the packaged ones
        self._pushback = pushback  # the call's pushback families (agent_pushback_undamps); None: the packaged ones
        floor = config.complaint_floor if config.complaint_ceiling > config.complaint_floor else -math.inf
        self._complaint_pair = PairedReading(floor)  # the last partial read for complaint, its reading once taken
        self._last_report = -REPORT_EVERY
        self._last_tick = -TICK_EVERY
        self._fresh = False  # evidence reached the tracker since the last tick
        self._at_rest = False  # the last tick read calm below rest_below (ticks every REST_TICK_EVERY)
        self._rest_below = rest_below(config)
        self._speech_since_report = False
        self._reported_level = "calm"
        self._config = config
        self._recent: list[tuple[np.ndarray | None, float | None]] = []  # (embedding, words per minute)
        self._turn_lengths: list[float] = []  # seconds, the customer's earlier turns
        self._counted: dict[str, list[LexiconHit]] = {}  # utterance id -> lexicon markers already counted
        self._prior: list[LexiconHit] = []  # the markers the utterance of the latest _new_hits had counted before
        self._tail_seen: tuple[str, set[str]] = ("", set())  # the last partial's utterance, its tail markers
        self._calm_seen: tuple[str, int] = ("", 0)  # the utterance and committed word count last scored for calm
        self._told: set[str] = set()  # words of the agent's finals since the customer's latest final (echoes)
        self._agent_spoke = -math.inf  # start (call s) of the agent's latest speech since the customer's final (retort)
        self._reply_utt: str | None = None  # the customer's utterance that replies to them (retort_weight)
        self._last_speech: int | None = None  # call sample where the customer's latest speech frame ended
        self._silence = SilenceWatch()  # the agent's latest speech, for a customer turn after dead air
        self._report_at: float | None = None  # call second of the customer's previous prosody report
        self._opener_head: OpenerHead | None = None  # loaded on first use (``opener_head_p``)
        self._opener_seen: tuple[str, float] = ("", 0.0)  # the first turn's last partial read by it, its reading
        self._opener_p = 0.0  # the first turn's reading agreed by two successive partials
        self._opener_done = False  # "opens angry" counted (once a call)
        # the first turn against the agent's greeting (``opener_loud_weight``); also keeps the first turn's loudest
        # prosody report (dBFS) that "opens angry" reads (``opener_head_dbfs``)
        self._loud_opener = LoudOpener(
            config.opener_loud_db, config.opener_loud_words, agent_floor_dbfs=config.opener_loud_agent_floor_dbfs
        )
        # "opens loud" counted (once a call), past its window (complaint_onset_s), or off
        self._loud_opener_done = config.opener_loud_weight <= 0
        self._opened_loud = False  # "opens loud" counted and not withdrawn (agent_joy_withdraws_loud_opener)
        self._joy_at = math.inf  # start (call s) of the agent's latest final sharing the joy (agent_joy_damp)
        self._warmth = 0.0  # ... or making amends: the damp it warms the customer's next turn with (agent_amends_damp)
        self._answer: list[str] = []  # the agent's final texts since the customer's latest final (agent_amends_damp)
        self._first_speech: int | None = None  # call sample of the customer's first speech frame
        self._been_tense = False  # the customer has been "tense" or above in this call (level_reference_db)
        self.curve = EscalationCurve()

    @property
    def level(self) -> str:
        return self._tracker.level

    def push_speech(self, frame_start: int, frame: np.ndarray) -> None:
        """One customer speech frame (float32, 16 kHz) starting at call sample ``frame_start``."""
        self._speech_since_report = True
        gap = self._config.reply_steps_down_s * SAMPLE_RATE
        if gap > 0 and self._last_speech is not None and frame_start - self._last_speech >= gap:
            self._tracker.customer_speaks_again()  # after the agent's answer (reply_steps_down_s)
        broken = self._config.broken_silence_s
        if 0 < broken <= self._silence.silence_before(frame_start, self._last_speech) < math.inf:
            self._tracker.customer_breaks_silence()  # dead air (broken_silence_s)
        self._last_speech = frame_start + len(frame)
        if self._first_speech is None:
            self._first_speech = frame_start
        for reading in self._arousal.push(frame_start, frame):
            self._fresh = True
            self._tracker.push_voice(reading.end, reading.p, window_samples=self._hop)

    def push_partial(self, transcript: dict[str, Any], now: int) -> Event | None:
        """A partial customer transcript event (as a dict, with ``words`` and ``stable``): the markers
        of its committed words not yet counted for this utterance count now, those only in its
        uncommitted tail (and in the previous partial's) count provisionally until the next partial or
        the final; the committed words' text anger counts as word evidence until the final
        (:meth:`_committed_calm`); only markers heard surely count
        (``partial_marker_min_p``); nothing when ``partial_markers`` is off.
        Returns an event if the level changed."""
        if self._text is None or transcript.get("speaker") != Lane.CUSTOMER.value:
            return None
        self._fresh = True
        utt = str(transcript.get("utt", ""))
        self._committed_calm(transcript, now)
        self._partial_complaint(transcript, now)
        self._opener_words(transcript, now)
        self._loud_opener_words(transcript, now)
        if not self._config.partial_markers:
            return None  # a level change from calm words is reported by the next tick
        heard = transcript.get("words") or []
        words = [str(w["w"]) for w in heard]
        stable = int(transcript.get("stable") or 0)
        # one scan of the partial: a marker ending within the committed words counts, the others are the tail's
        # (an exclamation or echo belongs to the committed words once they hold its punctuation);
        # a marker whose words the transcriber is unsure of (a misheard swear word) is not one
        committed_text = " ".join(words[:stable])
        n_committed = len(tokens(committed_text))
        word_of_token = _word_of_token(heard)
        floor = self._config.partial_marker_min_p
        markers = self._retort(transcript, " ".join(words), self._markers(" ".join(words)))
        found = [(h, p) for h in markers if (p := _heard_p(h, word_of_token, heard)) >= _floor(h, floor, self._config)]
        in_committed = [h for h, _ in found if _committed(h, n_committed, committed_text, self._echo)]
        hits, counted = self._new_hits(utt, in_committed)
        # in the customer's first turn (before their first final: no other word of theirs has counted), a
        # word marker heard surely counts on the first partial that has it (``partial_tail_sure_p``)
        opener = not self._tracker.heard_final and self._config.partial_tail_sure_p < 1.0  # 1: off
        sure = {h.phrase for h, p in found if opener and p >= self._config.partial_tail_sure_p}
        sure -= set(PUNCTUATION_MARKERS)
        tail = self._uncounted(utt, [h for h, _ in found if h not in in_committed])
        # a tail marker counts once two successive partials of the utterance have it (a word the
        # decoder hears once, "joke" for "Joe", is usually gone from the next partial), or, a sure one
        # in the first turn, at once
        seen, self._tail_seen = self._tail_seen, (utt, {h.phrase for h in tail})
        held = [h for h in tail if h.phrase in sure or (seen[0] == utt and h.phrase in seen[1])]
        provisional = [(h.phrase, h.weight) for h in held]
        # a lone weak marker: its words' text anger is read by the committed-words check, not here
        lone = counted <= 0 and not provisional and self._lone(hits, [], 0.0)
        state = self._tracker.push_words(
            now,
            float("nan"),
            n_words=0,
            hits=hits,
            provisional=provisional,
            counted=counted,
            lone=lone,
            full=self._grievances(self._prior, hits),
            provisional_full=self._grievances(self._counted.get(utt, []), held),
        )
        return self._event(state, now) if state.level != self._reported_level else None

    def hear_agent(self, transcript: dict[str, Any]) -> None:
        """A final agent transcript event (as a dict): its words are kept, until the customer's next
        final, only to recognise the customer echoing them (``echo_told_louder``), and words that share the
        customer's joy warm their next turn (``agent_joy_damp``), an answer that makes amends (apologises and commits
        to an action, :func:`coach.classify.amends.makes_amends`) warms it too (``agent_amends_damp``), words that
        tell them to calm down weigh on it (``told_calm_weight``), and those or words that push back on them (a
        refusal, a rule, the blame elsewhere) keep their earlier calm words from damping it
        (``agent_pushback_undamps``, ``agent_pushback_raised``); nothing else."""
        if transcript.get("speaker") == Lane.AGENT.value and transcript.get("final"):
            self._told.update(tokens(str(transcript.get("text", ""))))
            self._agent_spoke = max(self._agent_spoke, float(transcript.get("t", -math.inf)))
            if shares_joy(str(transcript.get("text", ""))):
                self._joy_at = float(transcript.get("t", -math.inf))
                self._warmth = max(self._warmth, self._config.agent_joy_damp)
                self._agent_shares_joy()
            self._agent_makes_amends(transcript)
            text = str(transcript.get("text", ""))
            told = max(self._config.told_calm_weight, self._config.told_calm_again_weight) > 0
            calm_down = told_calm_down(text, self._calm_down)
            if told and calm_down:
                self._tracker.told_to_calm_down()  # their next turn is read as answering it (told_calm_weight)
            pushback_read = max(self._config.agent_pushback_undamps, self._config.agent_pushback_raised) > 0
            if pushback_read and (calm_down or self._pushes_back(text)):
                self._tracker.pushed_back()  # earlier calm words do not damp that turn's voice; a raised one counts

    def _pushes_back(self, text: str) -> bool:
        """Whether the agent's final ``text`` refuses, cites a rule or puts the blame elsewhere
        (:func:`~coach.classify.pushback.pushes_back` by the call's families, or the packaged ones) in an answer that
        does not make amends (:func:`~coach.classify.amends.makes_amends` of their finals since the customer's latest
        final): ``agent_pushback_undamps``."""
        return pushes_back(text, self._pushback) and not makes_amends(" ".join(self._answer) or text)

    def _agent_makes_amends(self, transcript: dict[str, Any]) -> None:
        """The agent's words since the customer's latest final, this final's with them, apologise and commit to an
        action (:func:`~coach.classify.amends.makes_amends`): the customer's next turn is warm
        (``agent_amends_damp``)."""
        damp = self._config.agent_amends_damp
        if damp <= 0:
            return
        self._answer.append(str(transcript.get("text", "")))
        if makes_amends(" ".join(self._answer)):
            self._joy_at = float(transcript.get("t", -math.inf))
            self._warmth = max(self._warmth, damp)
            self._tracker.warm_next_turn(damp)

    def _agent_shares_joy(self) -> None:
        """The agent has shared the customer's joy: their next turn is warm (``agent_joy_damp``) and a loud opener was
        good news (``agent_joy_withdraws_loud_opener``: "opens loud" and its later reference withdrawn)."""
        cfg = self._config
        if cfg.agent_joy_damp > 0:
            self._tracker.warm_next_turn(cfg.agent_joy_damp)
        if cfg.agent_joy_withdraws_loud_opener and self._opened_loud:
            self._opened_loud = False
            self._fresh = True
            self._tracker.withdraw_marker(OPENS_LOUD)
            self._tracker.set_level_reference(self._level_reference())

    def push_final(self, transcript: dict[str, Any], now: int) -> Event | None:
        """A final customer transcript event (as a dict); returns an event if the level changed. A final
        agent transcript goes to :meth:`hear_agent` (None)."""
        if transcript.get("speaker") == Lane.AGENT.value:
            self.hear_agent(transcript)
            return None
        if self._text is None or transcript.get("speaker") != Lane.CUSTOMER.value:
            return None
        self._fresh = True
        text = transcript.get("text", "")
        reading = self._text.score(text)
        utt = str(transcript.get("utt", ""))
        found = self._retort(transcript, text, self._markers(text, list(reading.hits)))
        self._agent_spoke, self._reply_utt = -math.inf, None
        hits, counted = self._new_hits(utt, _surely_heard(found, text, transcript.get("words") or [], self._config))
        full = self._grievances(self._prior, hits)  # before this final ends the first turn
        self._counted.pop(utt, None)
        self._told = set()
        self._answer = []
        marks = hits + self._conversation_marks(
            reading.embedding, reading.n_words, rate_wpm(transcript.get("words") or [])
        )
        calm = self._calm_words(transcript.get("words") or [], reading.p, complaint=bool(hits))
        # one weak marker, the words otherwise calm (``lone_marker_max``)
        lone = counted <= 0 and len(marks) == 1 and self._lone(hits, transcript.get("words") or [], reading.p)
        if reading.embedding is not None and self._config.complaint_gate > 0:
            self._tracker.push_complaint(now, self._complaint_p(reading.embedding), final=True)
        state = self._tracker.push_words(
            now,
            reading.p,
            n_words=reading.n_words,
            hits=marks,
            provisional=(),
            counted=counted,
            calm=calm,
            pleasant=delighted(text),
            pleasant_lasts=pleasant(text),
            lone=lone,
            full=full,
            thanks=thanks(text),
        )
        if self._config.pleased_final_releases_tense and not hits and (thanks(text) or pleasant(text)):
            state = self._tracker.release_tense() or state  # they came down and said so
        if not math.inf > self._joy_at >= float(transcript.get("end", math.inf)):
            self._joy_at, self._warmth = math.inf, 0.0  # a final said after the agent's joy: the turn it warmed is read
        elif self._warmth > 0:
            # the agent's joy answered this utterance, but its final came first (a long turn decodes later, agent
            # finals may go first): the warmth is for the customer's next turn still, which this final had zeroed;
            # so for every final of the turn it answered, however many came after it (R16, session 52)
            self._tracker.warm_next_turn(self._warmth)
        return self._event(state, now) if state.level != self._reported_level else None

    def _lone(self, hits: list[LexiconHit], words: list[dict[str, Any]], p: float) -> bool:
        """Whether ``hits`` are one weak marker (weight at most ``lone_marker_max``) in words (``words``,
        text anger ``p``) that would otherwise read as calm words: the tracker reads it against the
        customer's delight evidence."""
        if len(hits) != 1 or not 0 < hits[0].weight <= self._config.lone_marker_max:
            return False
        return self._calm_words(words, p, complaint=False) is True

    def _complaint_p(self, embedding: np.ndarray) -> float:
        """Complaint-head probability of a text from its sentence embedding (no second embedding run)."""
        if self._complaint is None:
            self._complaint = get_complaint_head()
        return float(self._complaint.probabilities(embedding)[0, 0])

    def _partial_complaint(self, transcript: dict[str, Any], now: int) -> None:
        """Read the whole text of a partial customer transcript (committed words and tail) for complaint
        meaning (``complaint_gate``), in the utterance's first ``complaint_onset_s`` seconds and only
        while the voice is raised (``complaint_check_louder``; else the meaning would change nothing now:
        it only lets a raised voice count); it counts once two successive partials of the utterance read
        it (the lower of the two), so a misheard tail read once does not. About 5-10 ms of CPU a reading
        (one sentence embedding), taken only when the pair needs it (:class:`PairedReading`: not for a partial
        that opens an utterance until the next one pairs with it, not when the pair's other reading is at or below
        ``complaint_floor``); what counts is the same as reading every partial."""
        assert self._text is not None
        cfg = self._config
        utt = str(transcript.get("utt", ""))
        if cfg.complaint_gate <= 0 or self._tracker.loud_evidence < cfg.complaint_check_louder:
            return
        if samples_to_seconds(now) - float(transcript.get("t", 0.0)) > cfg.complaint_onset_s:
            return
        text = " ".join(str(w["w"]) for w in transcript.get("words") or [])
        if not text.strip():
            return
        p = self._complaint_pair.push(utt, text, self._read_complaint)
        if p is not None:
            self._tracker.push_complaint(now, p, final=False)

    def _read_complaint(self, text: str) -> float:
        """Complaint-head probability of ``text`` (one sentence embedding; the embedder's cache serves a text read
        already)."""
        assert self._text is not None
        embedding, _ = self._text.embedder.encode([text])
        return self._complaint_p(embedding)

    def _opener_words(self, transcript: dict[str, Any], now: int) -> None:
        """Read the words heard surely so far in the customer's first turn with the opener anger head
        (``opener_head_p``; :mod:`coach.classify.opener_head`), in the turn's first ``complaint_onset_s`` seconds; a
        reading counts once two successive partials of the utterance give it (the lower of the two). One sentence
        embedding a partial (the embedder's cache serves a text read already), a handful a call."""
        assert self._text is not None
        cfg = self._config
        if cfg.opener_head_p <= 0 or self._opener_done or self._tracker.heard_final:
            return
        if samples_to_seconds(now) - float(transcript.get("t", 0.0)) > cfg.complaint_onset_s:
            return
        heard = [
            str(w["w"]) for w in transcript.get("words") or [] if float(w.get("p", 1.0)) >= cfg.partial_marker_min_p
        ]
        embedder = getattr(self._text, "embedder", None)
        if len(heard) < 3 or embedder is None:  # a scorer without an embedder (a lexicon-only stand-in): no reading
            return
        if self._opener_head is None:
            self._opener_head = get_opener_head()
        embedding, _ = embedder.encode([" ".join(heard)])
        p = self._opener_head.p(embedding[0])
        utt = str(transcript.get("utt", ""))
        seen, self._opener_seen = self._opener_seen, (utt, p)
        if seen[0] == utt:
            self._opener_p = max(self._opener_p, min(p, seen[1]))
            self._opens_angry(now)

    def _opens_angry(self, now: int) -> None:
        """Count "opens angry" once the first turn's words read angry and its voice is loud (``opener_head_p``)."""
        cfg = self._config
        if self._opener_done or self._tracker.heard_final or cfg.opener_head_p <= 0:
            return
        if self._opener_p >= cfg.opener_head_p and self._loud_opener.customer_db >= cfg.opener_head_dbfs:
            self._opener_done = True
            self._fresh = True
            hit = LexiconHit(OPENS_ANGRY, "opener", cfg.opener_head_weight, -1, half_life_s=OPENS_ANGRY_HALF_LIFE_S)
            self._tracker.push_words(now, float("nan"), n_words=0, hits=[hit])

    def _loud_opener_words(self, transcript: dict[str, Any], now: int) -> None:
        """Give the loud-opener rule (``opener_loud_weight``) the words of a partial of the customer's first turn; the
        rule's window (``complaint_onset_s`` from the customer's first speech frame) is :meth:`_opens_loud`'s alone,
        one reading of the turn's onset (not also the partial's ``t``)."""
        if self._loud_opener_done or self._tracker.heard_final:
            return
        self._loud_opener.heard(" ".join(str(w["w"]) for w in transcript.get("words") or []))
        self._opens_loud(now)

    def _level_reference(self) -> float:
        """The level (dBFS) the customer's usual level counts as at most for their later turns' held raised voice: the
        agent's level before the customer first spoke plus ``opener_loud_later_db`` once "opens loud" counted, plus
        ``level_reference_db`` once they have been "tense"; the lower (inf: none)."""
        cfg = self._config
        agent = self._loud_opener.agent_db
        if agent == -math.inf:  # no agent report before the customer spoke
            return math.inf
        later = cfg.opener_loud_later_db if self._opened_loud else math.inf
        return agent + min(later, cfg.level_reference_db if self._been_tense else math.inf)

    def _opens_loud(self, now: int) -> None:
        """Count "opens loud" once the first turn is louder than the agent and opened without a greeting, within
        ``complaint_onset_s`` of the customer's first speech (a louder report later in a long first turn is not how it
        opened: c994's upset opener, +8.4 s)."""
        if self._loud_opener_done or self._tracker.heard_final or self._first_speech is None:
            return
        if now - self._first_speech > self._config.complaint_onset_s * SAMPLE_RATE:
            self._loud_opener_done = True  # past its window it can no longer count: stop reading the first turn
            return
        if not self._loud_opener.opens_loud():
            return
        self._loud_opener_done = True
        self._fresh = True
        cfg = self._config
        hit = LexiconHit(OPENS_LOUD, "opener", cfg.opener_loud_weight, -1, half_life_s=OPENS_ANGRY_HALF_LIFE_S)
        self._tracker.push_words(now, float("nan"), n_words=0, hits=[hit])
        self._opened_loud = True
        self._tracker.set_level_reference(self._level_reference())

    def _committed_calm(self, transcript: dict[str, Any], now: int) -> None:
        """Score the committed words of a partial customer transcript for calm words
        (``calm_words_damp``: confidently heard, no anger in their text, no marker) and, with
        ``partial_words_factor``, their text anger as word evidence until the final; only the words
        heard surely (probability at least ``partial_marker_min_p``) are read. They are scored once
        ``calm_words_min`` words are committed, then again each time ``calm_words_min`` more are (each
        scoring runs the sentence embedder, about 5-10 ms: scoring every partial whose committed words
        grew by one or two cost more CPU than the voice), only while the voice evidence is at least
        ``calm_check_voice`` (else there is nothing to damp), except, with partial words on, in the
        first ``complaint_onset_s`` seconds of the customer's first turn (before their first final no
        word of theirs has counted: an upset opener read by its words; later the voice gate, which a
        raised line's voice mostly passes: on five tuning calls, scoring every partial whatever the
        voice took 87 MiniLM runs instead of 52, the whole first turn 69). Nothing while
        ``calm_words_damp`` and ``partial_words_factor`` are both 0 (no text model run)."""
        assert self._text is not None
        cfg = self._config
        words = transcript.get("words") or []
        stable = int(transcript.get("stable") or 0)
        utt = str(transcript.get("utt", ""))
        step = cfg.calm_words_min
        if (cfg.calm_words_damp <= 0 and cfg.partial_words_factor <= 0) or stable < step:
            return
        seen_utt, seen_stable = self._calm_seen
        if seen_utt == utt and stable < seen_stable + cfg.calm_check_step_words:
            return
        opener = (
            cfg.partial_words_factor > 0
            and not self._tracker.heard_final
            and samples_to_seconds(now) - float(transcript.get("t", 0.0)) <= cfg.complaint_onset_s
        )
        if not opener and self._tracker.voice_evidence < cfg.calm_check_voice:
            return  # nothing to damp now; a later partial of the utterance (or its final) is scored
        self._calm_seen = (utt, stable)
        committed = words[:stable]
        # the words heard surely (a word without ``p`` counts as sure): a misheard swear word ("shit in
        # the box" for "shift the boxes", p 0.2) makes no anger, as it makes no marker
        text = " ".join(str(w["w"]) for w in committed if float(w.get("p", 1.0)) >= cfg.partial_marker_min_p)
        reading = self._text.score(text)
        found = self._markers(text, list(reading.hits))
        self._tracker.push_committed_words(
            now,
            reading.n_words,
            calm=self._calm_words(committed, reading.p, complaint=bool(found)),
            p=reading.p if cfg.partial_words_factor > 0 else float("nan"),
            lone=self._lone(found, committed, reading.p),
        )

    def _calm_words(self, words: list[dict[str, Any]], p: float, *, complaint: bool) -> bool | None:
        """Customer words as evidence of calm (``calm_words_damp``): True when no complaint marker,
        text anger ``p`` below ``words_floor`` and heard confidently (mean word probability at least
        ``calm_words_min_p``); False on a marker or text anger at least midway between
        ``words_floor`` and ``words_ceiling``; None otherwise (a little anger in the text, or words not
        heard confidently: misheard, another language): no evidence either way.
        Turn-taking markers are not complaints."""
        cfg = self._config
        if complaint or p >= (cfg.words_floor + cfg.words_ceiling) / 2:
            return False
        if p >= cfg.words_floor:
            return None  # a little anger in the text: not calm, not yet a complaint
        ps = [float(w["p"]) for w in words if "p" in w]
        heard = not ps or sum(ps) / len(ps) >= self._config.calm_words_min_p
        return True if heard else None

    def _markers(self, text: str, hits: list[LexiconHit] | None = None) -> list[LexiconHit]:
        """Lexicon hits of ``text`` (``hits`` if already found) and, once each, an exclamation and a
        disbelieving echo (the transcriber's punctuation; or, with a raised voice, the agent's words
        repeated: ``echo_told_louder``). An exclamation in words that sound delighted and hold no lexicon
        marker is the delight's, not a complaint's ("Perfect! That's great! Put me down for it, please!":
        quiet c663; in the tuning scripts only happy customers' lines are so); with a marker it counts
        ("Brilliant! Just great!" is [sarcasm]). A yes-or-no question pressed with "or not?" counts too
        (``press_weight``)."""
        assert self._text is not None
        cfg = self._config
        lexicon = self._text.lexicon
        found = list(lexicon.find(text) if hits is None else hits)
        if cfg.settled_frames and found and (settled := lexicon.settled_tokens(text)):
            found = [h for h in found if h.token_index not in settled]  # a happy or resolved story's words
        if cfg.counting_needs_clause:
            found = [h for h in found if not lexicon.without_clause(text, h)]  # "how many times work": a question
        if cfg.told_wait_not_waiting:
            found = [h for h in found if not self._told_wait(h)]  # "Three weeks suits me": the agent's estimate
        found = keep_opening(text, found, cfg.sentence_opening_phrases)  # "Yes please, just the one": polite
        if cfg.exclaim_weight > 0 and exclaims(text) and (found or not pleasant(text)):
            found.append(LexiconHit(EXCLAIMS, "delivery", cfg.exclaim_weight, -1))
        if cfg.echo_weight > 0 and self._echo(text):
            found.append(LexiconHit(ECHOES, "delivery", cfg.echo_weight, 0))
        if cfg.press_weight > 0 and presses(text):
            found.append(LexiconHit(PRESSES, "delivery", cfg.press_weight, -1, half_life_s=PRESS_HALF_LIFE_S))
        return found

    def _told_wait(self, hit: LexiconHit) -> bool:
        """Whether ``hit`` is a [waiting] marker every word of which the agent said since the customer's latest final
        (``told_wait_not_waiting``): the time the customer was just quoted, taken up, not a wait of theirs."""
        return hit.category == WAITING and all(w in self._told for w in tokens(hit.phrase))

    def _retort(self, transcript: dict[str, Any], text: str, hits: list[LexiconHit]) -> list[LexiconHit]:
        """``hits`` of a customer transcript (its text so far ``text``), a lexicon marker that opens the customer's
        reply to the agent weighing at least ``retort_weight`` (:class:`~coach.classify.escalation.EscalationConfig`):
        the customer's first utterance begun after the agent began speaking since the customer's latest final (and
        after their first final), the marker starting within its first ``retort_words`` words, the words not
        delighted. An utterance the customer began before the agent spoke (talking over them) is no reply."""
        cfg = self._config
        if cfg.retort_weight <= 0 or not self._tracker.heard_final:
            return hits
        utt = str(transcript.get("utt", ""))
        if self._reply_utt is None and float(transcript.get("t", -math.inf)) >= self._agent_spoke > -math.inf:
            self._reply_utt = utt  # the first utterance the customer says after the agent spoke
        if utt != self._reply_utt or pleasant(text):
            return hits
        return [
            replace(h, weight=cfg.retort_weight)
            if h.phrase not in PUNCTUATION_MARKERS
            and 0 <= h.token_index < cfg.retort_words
            and h.weight < cfg.retort_weight
            else h
            for h in hits
        ]

    def _echo(self, text: str) -> bool:
        """Whether ``text`` opens with a disbelieving echo: a short question
        (:func:`~coach.classify.lexicon.echoes`), or the agent's latest words repeated while the
        customer's voice is raised (``echo_told_louder``; :func:`~coach.classify.lexicon.echoes_told`). A short
        question counts only after the customer's first final: in their first turn they have been told nothing but
        the greeting, so it is no disbelief at what they were told (quiet c741's lively "Morning Callum! Right, ..."
        heard "morning Kolyme, right?" was "tense" on it); the agent's words repeated still count there, once the
        customer goes on to object (:func:`~coach.classify.lexicon.echo_accepted`: c757's calm "Tonight. Okay, she'll
        come after school", said louder, was "escalated" on its committed "Tonight.")."""
        floor = self._config.echo_told_louder
        told = 0 < floor <= self._tracker.louder_evidence and echoes_told(text, self._told) and not echo_accepted(text)
        return told or (self._tracker.heard_final and echoes(text))

    def _uncounted(self, utt: str, hits: list[LexiconHit]) -> list[LexiconHit]:
        """The hits not yet counted for ``utt`` (a phrase counts as often as it occurs in the text)."""
        left = [h.phrase for h in self._counted.get(utt, ())]
        new = []
        for h in hits:
            if h.phrase in left:
                left.remove(h.phrase)
            else:
                new.append(h)
        return new

    def _new_hits(self, utt: str, hits: list[LexiconHit]) -> tuple[list[LexiconHit | tuple[str, float]], float]:
        """The hits of ``utt``'s latest text not counted yet, now counted (with their category's half-life), and
        the weight of the strongest marker the utterance had counted before them (0: none): the
        tracker weighs them with it (:func:`~coach.classify.escalation.utterance_weights`: the
        utterance's strongest marker counts fully, every other one with ``same_utterance_factor``;
        one complaint said several ways is not several complaints)."""
        new = self._uncounted(utt, hits)
        before = self._counted.setdefault(utt, [])
        counted = max((h.weight for h in before), default=0.0)
        self._prior = list(before)
        before.extend(new)
        return list(new), counted

    def _grievances(
        self, prior: list[LexiconHit], hits: list[LexiconHit] | list[LexiconHit | tuple[str, float]]
    ) -> frozenset[int]:
        """The indices of ``hits`` (markers of an utterance about to count: those just counted by
        :meth:`_new_hits`, or the provisional ones of the tail) that count fully as a grievance of another kind
        (``opener_grievances_full``; none after the customer's first final): a lexicon marker (not the
        transcriber's punctuation) of a category that neither the utterance's markers counted before
        (``prior``) nor a stronger one of ``hits`` has, its words overlapping none of theirs; the strongest of
        ``hits`` is one only when the utterance counted a marker before (else it counts fully anyway). Only weak
        grievances, in an utterance without a marker "tense" alone (weight ``tense_enter``; with one, its strongest
        counts fully and the others as before: "This is the third time ..., charged twice ..., fed up" stays
        "tense"), and only while the utterance's markers so far (weighed fully) stay below ``tense_enter``: weak
        grievances of different kinds add up to "tense", not beyond."""
        if not self._config.opener_grievances_full or self._tracker.heard_final:
            return frozenset()
        punctuation = PUNCTUATION_MARKERS
        lexical = {i: h for i, h in enumerate(hits) if isinstance(h, LexiconHit) and h.phrase not in punctuation}
        words = [h for h in prior if h.phrase not in punctuation]
        seen = {h.category for h in words}
        taken = {i for h in words for i in _span(h)}
        tense = self._config.tense_enter
        if any(h.weight >= tense for h in [*words, *lexical.values()]):
            return frozenset()  # a marker tense alone: the utterance's strongest, the others as before
        miss = math.prod(1.0 - h.weight for h in words)  # the utterance's weak grievances add up to "tense", no more
        full = set()
        for i, h in sorted(lexical.items(), key=lambda item: -item[1].weight):
            if seen and h.category not in seen and not taken & _span(h) and 1.0 - miss < tense:
                full.add(i)
            seen.add(h.category)
            taken |= _span(h)
            miss *= 1.0 - h.weight
        return frozenset(full)

    def _conversation_marks(
        self, embedding: np.ndarray | None, n_words: int, wpm: float | None
    ) -> list[tuple[str, float]]:
        """Markers from comparing this utterance with the customer's earlier ones (then remember it)."""
        cfg = self._config
        marks: list[tuple[str, float]] = []
        if embedding is not None and n_words >= 4:
            sims = [float(np.dot(embedding, e)) for e, _ in self._recent if e is not None]
            if sims and max(sims) >= cfg.repeat_similarity:
                marks.append(("repeats the complaint", cfg.repeat_weight))
        rates = [r for _, r in self._recent if r is not None]
        if wpm is not None and len(rates) >= 2 and wpm >= cfg.faster_ratio * float(np.median(rates)):
            marks.append(("talks faster", cfg.faster_weight))
        if n_words >= 4:
            self._recent = [*self._recent, (embedding, wpm)][-RECENT_UTTERANCES:]
        return marks

    def observe(self, events: list[Any], now: int) -> None:
        """Turn-taking and prosody events of the call: the customer interrupting or talking over the
        agent and a customer turn much longer than their earlier ones become markers; the customer's
        prosody reports give how much louder than usual they speak; agent turns are remembered for
        the summary."""
        if not events:
            return  # most frames (this runs every 32 ms)
        cfg = self._config
        marks: list[tuple[str, float]] = []
        for e in events:
            if not isinstance(e, Event):
                continue
            if (
                e.type == "overlap"
                and e.data.get("by") == Lane.CUSTOMER.value
                and e.data.get("kind") in ("interruption", "talkover")
            ):
                marks.append(("interrupts the agent", cfg.interrupt_weight))
            elif e.type == "prosody" and e.data.get("speaker") == Lane.CUSTOMER.value:
                # since their previous report: a turn's first one spans the pause before it (its window does not)
                span_s = e.at - (e.t if self._report_at is None else min(e.t, self._report_at))
                self._report_at = e.at
                if e.data.get("loudness_db") is not None:  # the absolute level (loud_level)
                    self._fresh = True
                    self._tracker.push_level(now, float(e.data["loudness_db"]), span_s=span_s)
                    if not self._tracker.heard_final:
                        self._loud_opener.customer_level(float(e.data["loudness_db"]))
                        self._opens_angry(now)
                        self._opens_loud(now)
                if e.data.get("loudness_delta_db") is not None:
                    self._fresh = True
                    self._tracker.push_loudness(now, float(e.data["loudness_delta_db"]), span_s=span_s)
            elif e.type == "prosody" and e.data.get("speaker") == Lane.AGENT.value:
                self._silence.agent_spoke(seconds_to_samples(e.at))
                if self._last_speech is None and e.data.get("loudness_db") is not None:  # the customer not heard yet
                    self._loud_opener.agent_level(float(e.data["loudness_db"]))
            elif e.type == "speech" and e.data.get("end") is not None:
                if e.data.get("speaker") == Lane.AGENT.value:
                    self._silence.agent_spoke(seconds_to_samples(float(e.data["end"])))
                    self.curve.add_agent_turn(e.t, float(e.data["end"]))
                    self._agent_spoke = max(self._agent_spoke, e.t)
                elif e.data.get("speaker") == Lane.CUSTOMER.value:
                    length = float(e.data["end"]) - e.t
                    earlier = self._turn_lengths[-RECENT_UTTERANCES:]
                    if (
                        length >= cfg.long_turn_s
                        and len(earlier) >= 2
                        and length >= cfg.long_turn_ratio * float(np.median(earlier))
                    ):
                        marks.append(("long turn", cfg.long_turn_weight))
                    self._turn_lengths.append(length)
        if marks:
            self._fresh = True
            self._tracker.push_words(now, float("nan"), n_words=0, hits=marks, said=False)

    def tick(self, now: int) -> Event | None:
        """Advance to ``now``; an event every second while the customer speaks, or on a level change.
        Without new evidence since the last tick, only every :data:`TICK_EVERY` samples, and at rest
        only every :data:`REST_TICK_EVERY` unless a report is due (else None)."""
        due = self._speech_since_report and now - self._last_report >= REPORT_EVERY
        if not self._fresh:
            wait = REST_TICK_EVERY if self._at_rest and not due else TICK_EVERY
            if now - self._last_tick < wait:
                return None
        self._fresh = False
        self._last_tick = now
        state = self._tracker.advance(now)
        if not self._been_tense and state.level != LEVELS[0]:
            self._been_tense = True
            self._tracker.set_level_reference(self._level_reference())  # level_reference_db counts from now
        self._at_rest = state.level == LEVELS[0] and state.score < self._rest_below
        if not (due or state.level != self._reported_level):
            return None
        return self._event(state, now)

    def _event(self, state: EscalationState, now: int) -> Event:
        self._last_report = now
        self._speech_since_report = False
        changed = state.level != self._reported_level
        self._reported_level = state.level
        t = samples_to_seconds(now)
        self.curve.add(t, state.score, state.level)
        return Event.at_samples(
            "escalation",
            now,
            now,
            score=round(state.score, 3),
            level=state.level,
            changed=changed,
            drivers={k: v for k, v in state.drivers.items()},
        )
