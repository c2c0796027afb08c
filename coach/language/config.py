"""The language nudges' phrase lists and thresholds, loaded from ``phrases.toml``.

:func:`load_language_config` reads the packaged ``phrases.toml`` (or another file), deep-merges the
product's ``[language]`` table of ``coach/default_config.toml`` (packaged file only: every path reads the
settings the product runs), then optional overrides (a team's section of the main config), and returns a
frozen :class:`LanguageConfig`. Phrases are stored as given; matching folds them (see
:mod:`coach.language.text`). Agent-facing texts must be at most :data:`MAX_TEXT` characters.
"""

from __future__ import annotations

import json
import threading
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any

from coach.errors import ConfigError
from coach.language.patterns import FrozenSlots, PatternError, compile_patterns
from coach.tables import merge_tables

MAX_TEXT = 60
SEVERITIES = ("low", "medium", "high")


def _check_rule(name: str, severity: str, text: str) -> None:
    if severity not in SEVERITIES:
        raise ConfigError(f"{name}.severity must be one of {SEVERITIES}, got {severity!r}")
    if not text or len(text) > MAX_TEXT:
        raise ConfigError(f"{name}: agent text must be 1..{MAX_TEXT} characters, got {len(text)}: {text!r}")


@dataclass(frozen=True, kw_only=True, slots=True)
class PhraseRule:
    """One family of negative phrases (patterns, see :mod:`coach.language.patterns`): ``text`` is what
    the agent reads, ``rephrase`` a line to say instead; ``family`` names it in evidence and docs."""

    family: str
    match: tuple[str, ...]
    text: str
    rephrase: str
    at_start: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class RefusalGrammarWords:
    """The word classes of the refusal grammar (:mod:`coach.language.refusal_grammar`), one list per
    role, each entry a word or a few words as spoken (matched after normalising: "cant" is "can't").
    ``text`` / ``rephrase`` are the nudge's lines when only the grammar found the refusal or blame
    (set in ``phrases.toml``, their one source). ``on`` false turns the grammar off (the phrase tables
    alone); a phrases file without a ``[positive_language.grammar]`` section has none. Every class is a
    list of non-empty strings (:class:`~coach.errors.ConfigError` otherwise: a bare string would be read
    letter by letter); this section is the classes' one source, the grammar holds no word lists of its own."""

    on: bool = False
    text: str = ""
    rephrase: str = ""
    negations: tuple[str, ...] = ()
    no_words: tuple[str, ...] = ()
    bridge: tuple[str, ...] = ()
    determiners: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    irregular: tuple[str, ...] = ()
    particle_actions: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    things: tuple[str, ...] = ()
    customer: tuple[str, ...] = ()
    customer_refused: tuple[str, ...] = ()
    deictic: tuple[str, ...] = ()
    passive: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    limits: tuple[str, ...] = ()
    hedges: tuple[str, ...] = ()
    fault_nouns: tuple[str, ...] = ()
    not_possessors: tuple[str, ...] = ()
    away: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    messed: tuple[str, ...] = ()
    first_person: tuple[str, ...] = ()
    should: tuple[str, ...] = ()
    told: tuple[str, ...] = ()
    customer_acts: tuple[str, ...] = ()
    participles: tuple[str, ...] = ()
    expected: tuple[str, ...] = ()
    agent_only_actions: tuple[str, ...] = ()
    modal_negations: tuple[str, ...] = ()
    modals: tuple[str, ...] = ()
    possession: tuple[str, ...] = ()
    openers: tuple[str, ...] = ()
    not_gerunds: tuple[str, ...] = ()
    weak_actions: tuple[str, ...] = ()
    will_words: tuple[str, ...] = ()
    private: tuple[str, ...] = ()
    promises: tuple[str, ...] = ()
    scope_words: tuple[str, ...] = ()
    scope_nouns: tuple[str, ...] = ()
    includes: tuple[str, ...] = ()
    ability_negations: tuple[str, ...] = ()
    reassured: tuple[str, ...] = ()
    flat_no: tuple[str, ...] = ()
    closed: tuple[str, ...] = ()
    deflected: tuple[str, ...] = ()
    deflecting_frames: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for f in fields(self):
            if f.name in ("on", "text", "rephrase"):
                continue
            words = getattr(self, f.name)
            if not isinstance(words, tuple) or not all(isinstance(w, str) and w.strip() for w in words):
                raise ConfigError(f"positive_language.grammar.{f.name} must be a list of words, got {words!r}")


@dataclass(frozen=True, kw_only=True, slots=True)
class PositiveLanguage:
    """The positive-language rule: ``phrases`` (families, tried in order) unless an ``exceptions``
    pattern overlaps; a phrase with a word the recogniser was less sure of than ``min_word_p`` (its
    word probability, 0..1; 0 turns the check off) is not nudged: a misheard "I don't know" or
    "I can't" costs the agent's trust, a missed low-severity nudge little. A phrase of three or more
    words may have ``unsure_words`` such words: a refusal heard for real often has one (its object,
    "we don't offer that" with "that" at 0.36), a misheard one is unsure in several. Whatever the
    count, a phrase whose words average under ``min_mean_p`` (0 turns it off) is words nobody said: a
    misheard greeting read "we don't know" at 0.87 / 0.52 / 0.17 (mean 0.52), while the refusals heard
    for real on the recorded tuning calls average 0.72 and up.

    ``unsure_fillers``: words (articles, prepositions, conjunctions, object pronouns) that never count as unsure
    for ``unsure_words``, whatever their probability (they still count in the mean): over the agent finals of the
    tuning calls with events, c01-c957, such a word heard at p 0.2-0.4 was one the agent said 63 % of the time,
    a content word 34 %, a subject pronoun 43 %, a negation ("not", "n't") 31 % (session 43, Q41;
    docs/nudges.md). Empty: every word counts.

    ``ing_verbs``: the verbs whose bare form ends in "-ing" ("bring", "swing"): any other word ending in "-ing" right
    after a negated modal ("I can't cutting it") is no verb it takes, so the modal is a misheard word and the refusal
    is not nudged (session 44, Q42: c1006's partials for "I kept cutting across you"). Empty: the check is off.

    ``verb_min_p``: a negated modal ("can't", "won't") whose next word (the refused action) the recogniser heard
    under this probability (0..1), in a final or a partial, is no refusal heard: the action was not heard, and a
    misheard "I can't" is mostly the word before a garbled one ("I can't hurt her" for "I can't bear to think of it";
    session 47, Q45). A modal with no word after it is judged as before. 0: off.

    The wording head (:mod:`coach.language.wording_head`) is a second opinion on a final no family
    matched: a sentence or clause it rates at or over ``model_threshold`` (above 1: off) is nudged with
    ``model_text`` / ``model_rephrase`` / ``model_why`` (judged by meaning, not by a phrase).

    ``grammar`` (:class:`RefusalGrammarWords`, ``[positive_language.grammar]``): on a sentence no family
    matched, a refusal or blame found from its parts (:mod:`coach.language.refusal_grammar`).

    ``heard_after_words``: with ``from_partials``, also read the words of an agent partial not yet
    committed, once at least this many words follow the phrase there and the partial before heard the
    same words (0: committed words only; :meth:`coach.language.coach.LanguageCoach._wording_heard`)."""

    severity: str
    why: str
    exceptions: tuple[str, ...]
    phrases: tuple[PhraseRule, ...]
    min_word_p: float = 0.0
    unsure_words: int = 0
    min_mean_p: float = 0.0
    unsure_fillers: tuple[str, ...] = ()
    ing_verbs: tuple[str, ...] = ()
    verb_min_p: float = 0.0
    model_threshold: float = 1.1
    model_text: str = ""
    model_rephrase: str = ""
    model_why: str = ""
    grammar: RefusalGrammarWords = field(default_factory=RefusalGrammarWords)
    heard_after_words: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.heard_after_words, int) or self.heard_after_words < 0:
            raise ConfigError("positive_language.heard_after_words must be a whole number >= 0")
        if self.grammar.on:
            _check_rule("positive_language.grammar", self.severity, self.grammar.text)
            _check_rule("positive_language.grammar", self.severity, self.grammar.rephrase)
        if not 0.0 <= self.min_word_p < 1.0 or self.unsure_words < 0 or not 0.0 <= self.min_mean_p < 1.0:
            raise ConfigError("positive_language: min_word_p and min_mean_p must be in [0, 1), unsure_words >= 0")
        if not 0.0 <= self.verb_min_p < 1.0:
            raise ConfigError("positive_language.verb_min_p must be in [0, 1)")
        if not 0.0 <= self.model_threshold <= 1.1:
            raise ConfigError("positive_language.model_threshold in [0, 1.1] (above 1: the wording head is off)")
        if self.model_threshold <= 1.0:
            _check_rule("positive_language", self.severity, self.model_text)
            _check_rule("positive_language", self.severity, self.model_rephrase)
        for rule in self.phrases:
            _check_rule("positive_language", self.severity, rule.text)
            _check_rule("positive_language", self.severity, rule.rephrase)


@dataclass(frozen=True, kw_only=True, slots=True)
class AvoidCalmDown:
    """The "calm down" rule (``coach/language/phrasing.py``): ``match`` patterns not covered by an
    ``exceptions`` one. With ``from_partials`` it also reads the words of an agent partial not yet
    committed, once at least ``heard_after_words`` words follow the phrase there (0: committed words
    only, as the other wording rules). A ``closing_openers`` phrase that is the whole first sentence of an
    agent turn said as the call closes is no calm-down there (a lone "Breathe." before a goodbye is the
    recogniser's "Great."). ``model_threshold``: on an agent final no wording rule nudged, a sentence the
    calm-down head (``coach/language/calm_head.py``) rates at or over it is a calm-down too (above 1: off).
    ``clause_exceptions`` are exceptions that hold only inside one clause (up to a comma): "cool down the engine" is a
    machine, "you gat to cool down, the boat ga come" a calm-down (session 42, C12). ``heard_exceptions`` cancel a
    phrase only once their words were heard, and never hold one back at a committed prefix's open end: words that
    FOLLOW the phrase ("Settle Down Mattresses", a business's name before a trade noun) would otherwise keep every
    "calm down" ending the committed words waiting for the next word; a partial that commits the phrase before them
    nudges, and the final that hears them withdraws it (session 45, C15). ``heard_min_word_p``: a phrase of ONE word
    read from a partial's words not yet committed (the heard and held readings), heard under this probability, waits
    for the committed words or the final (0: off; session 46, Q44: quiet c1070's greeting decoded "Breathe and work,
    collide up, cope." once, "Breathe" at 0.38)."""

    severity: str
    match: tuple[str, ...]
    exceptions: tuple[str, ...]
    clause_exceptions: tuple[str, ...] = ()
    heard_exceptions: tuple[str, ...] = ()
    text: str
    suggestion: str
    why: str
    heard_after_words: int = 1
    closing_openers: tuple[str, ...] = ()
    model_threshold: float = 1.1
    heard_min_word_p: float = 0.0

    def __post_init__(self) -> None:
        _check_rule("avoid_calm_down", self.severity, self.text)
        if not isinstance(self.heard_after_words, int) or self.heard_after_words < 0:
            raise ConfigError("avoid_calm_down.heard_after_words must be a whole number >= 0")
        if not 0.0 <= self.heard_min_word_p < 1.0:
            raise ConfigError("avoid_calm_down.heard_min_word_p must be in [0, 1)")
        if not 0.0 <= self.model_threshold <= 1.1:
            raise ConfigError("avoid_calm_down.model_threshold in [0, 1.1] (above 1: the calm-down head is off)")


@dataclass(frozen=True, kw_only=True, slots=True)
class MirrorComplaint:
    """The mirror rule: a customer turn with a complaint (a ``cues`` pattern not covered by a
    ``not_complaints`` one) and an agent reply that neither paraphrases it (``paraphrase_cues``) nor
    reuses ``min_overlap`` of its content words (at least ``min_shared``), nor ``min_shared_turn``
    content words of the customer's whole turn. A reply that goes straight to business (a
    ``business_openers`` pattern in its first words: "what's the policy number", "can I take your
    postcode") is judged on its first ``business_words`` committed words; any other reply on its first
    complete sentence of at least ``judge_words`` words (or its first ``judge_max_words`` words), or
    on the whole turn when it is shorter; turns under ``min_agent_words`` words are backchannels. A
    reply opening with a ``restating_openers`` pattern ("So last year you ...", "So, last time the
    team came"), a ``holding_openers`` one ("No, don't apologise at all") or an acknowledgement is
    judged on its whole turn, by this rule and the acknowledgement rule (which shares these lists).
    Without a cue, the complaint head (:mod:`coach.language.complaint`) finds the call's first
    complaint: a piece it rates at or over ``model_threshold``, or in a turn that says a feeling,
    from ``upset_model_threshold`` (above 1: off). ``taking_on``: replies that take the problem on
    ("let's take a look", "that's usually an easy fix"); they answer the customer's *opening* statement
    when it says no feeling (their first turn, the call's first complaint, or a turn raising a new
    request with ``new_topic_openers``: "While I'm on, ..."): a calm reason for calling needs no mirror
    when the agent takes it on or acknowledges it. ``short_requests``: a two-word agent turn that is one of
    these ("Membership number.", "Claim reference.") is a reply, with or without its "?"; one made only of
    ``continuers`` ("Okay, go on.") is not: the customer's next words are the same statement.
    ``after_question``: whether a complaint in a customer turn that answers an agent's question (their
    last turn ended with "?") opens a moment once the call's complaint was answered (False: the details
    the agent asked for are the conversation about it). ``answer_cue_threshold``: a cue in a calm answer
    to the agent's question (after the customer's first turn, no feeling said) opens a moment only when
    the complaint head rates its sentence or a clause of it at least this (a probability; 0: every cue
    counts): the details asked for are neutral information unless they read as a complaint.
    ``relief_openers``: a customer turn whose first sentence is one of these (thanks, relief, delight:
    "Oh, thank you.", "Ooh, there it is!") is a reaction to what the agent did; a cue in it opens a
    moment only when the head confirms it as for an answer (``answer_cue_threshold``: "Thanks. But the
    bill's gone up again" does, "That's a weight off" heard as "way off" does not). ``reassurances``:
    the agent telling the customer they are not to blame ("you've done nothing wrong", "that's not your
    fault"); with an acknowledgement in the same reply, it answers the complaint (empathy in other
    words than the customer's, issue 9). ``clause_context_floor``: a clause the head rates a complaint
    whose whole sentence it rates under this (a probability; 0: off) is read out of context ("... and left me
    a longcase clock" in "My aunt passed away and left me a longcase clock", c304): a *weak* moment, which
    an acknowledgement answers. ``acknowledged_shared_turn``: a reply that acknowledges the customer and
    tells back this many content words of their turn (fewer than ``min_shared_turn``: the recogniser often
    mishears the rest of the agent's mirror, c306) answers the complaint (0: off); a reply whose first
    sentence tells back this many, still going past ``judge_max_words``, is judged when that sentence ends
    (:mod:`coach.language.listening`, c499).
    ``details_model_threshold`` / ``details_min_words``: a customer's first turn saying no feeling, of
    ``details_min_words`` words or more, whose most complaint-like piece the head rates from
    ``details_model_threshold`` (a probability under ``model_threshold``; above 1: off) is a complaint
    half heard: a reply that does nothing but ask for details misses it, any other reply answers it."""

    severity: str
    cues: tuple[str, ...]
    not_complaints: tuple[str, ...]
    paraphrase_cues: tuple[str, ...]
    restating_openers: tuple[str, ...]
    business_openers: tuple[str, ...]
    holding_openers: tuple[str, ...]
    taking_on: tuple[str, ...] = ()
    short_requests: tuple[str, ...] = ()
    new_topic_openers: tuple[str, ...] = ()
    continuers: tuple[str, ...] = ()
    relief_openers: tuple[str, ...] = ()
    reassurances: tuple[str, ...] = ()
    after_question: bool = True
    answer_cue_threshold: float = 0.6
    clause_context_floor: float = 0.0
    acknowledged_shared_turn: int = 0
    details_model_threshold: float = 1.1
    details_min_words: int = 0
    agent_turns: int
    min_agent_words: int
    business_words: int
    judge_words: int
    judge_max_words: int
    min_overlap: float
    min_shared: int
    min_shared_turn: int
    expire_s: float
    model_threshold: float
    upset_model_threshold: float
    text: str
    why: str

    def __post_init__(self) -> None:
        _check_rule("mirror_complaint", self.severity, self.text)
        if not (0 <= self.answer_cue_threshold <= 1 and 0 <= self.clause_context_floor <= 1):
            raise ConfigError("mirror_complaint: answer_cue_threshold and clause_context_floor in [0, 1]")
        if not 0 <= self.details_model_threshold <= 1.1 or self.details_min_words < 0:
            raise ConfigError("mirror_complaint: details_model_threshold in [0, 1.1], details_min_words >= 0")
        if not 0 <= self.acknowledged_shared_turn <= self.min_shared_turn:
            raise ConfigError("mirror_complaint: 0 <= acknowledged_shared_turn <= min_shared_turn")
        if not (0 <= self.upset_model_threshold <= 1.1 and 0 <= self.model_threshold <= 1.1):
            raise ConfigError("mirror_complaint: model thresholds in [0, 1.1] (above 1: the head is off)")
        if self.agent_turns < 1 or not 0 < self.min_overlap <= 1 or min(self.min_shared, self.min_shared_turn) < 1:
            raise ConfigError("mirror_complaint: agent_turns >= 1, 0 < min_overlap <= 1, min_shared(_turn) >= 1")
        if not self.min_agent_words <= self.business_words <= self.judge_words <= self.judge_max_words:
            raise ConfigError("mirror_complaint: min_agent_words <= business_words <= judge_words <= judge_max_words")


@dataclass(frozen=True, kw_only=True, slots=True)
class AcknowledgeFeelings:
    """The acknowledgement rule: a customer turn with an ``upset_cues`` pattern not covered by a
    ``not_upset`` one ("I'm not worried"), or the escalation level reaching one of ``upset_levels``,
    or a complaint (the mirror rule's cues) from a customer the escalation model rates at one of
    ``complaint_levels`` (an upset voice whose feeling words the recogniser lost),
    and an agent reply without an ``acknowledgements`` pattern, judged when the mirror rule judges
    (its ``business_openers``, ``restating_openers`` and ``holding_openers``; ``judge_words`` committed
    words; turns under ``min_agent_words`` words are backchannels).
    Without an upset cue, the feeling head (:mod:`coach.language.complaint`) rating a sentence at or
    over ``model_threshold`` (above 1: off) is a feeling, until the call's first moment; from the
    customer's turn ``opening_turns`` + 1 on, only at or over ``later_model_threshold`` (the reason for
    the call, and the feeling about it, come first; later turns are mostly answers, thanks, relief and
    doubt, which the head rates higher than it should). A sentence only the head read under
    ``strong_model_threshold`` whose reply also missed the mirror of the same complaint asks for no acknowledgement
    unless it says a felt state or distress in words (``listening.toml`` [distress]; a complaint or a hardship told
    as a fact is the mirror's lesson: :meth:`coach.language.coach.LanguageCoach._one_for_later`; 0: every reading
    counts as strong; a probability, at most 1). The head is read on whole sentences (a clause
    loses what it says of the feeling), except in a sentence of ``run_on_words`` words or more, which is
    sentences the recogniser ran together without a full stop: its clauses count as sentences (0: off).
    A piece whose words the recogniser was mostly unsure of (``unsure_share`` of them or more under
    ``unsure_word_p``, the words' probabilities in the transcript event) says no feeling by the head:
    misheard words read as anything (0 for ``unsure_word_p``: off). While the customer's level is calm, a piece
    with ``doubtful_share`` (0..1) of its words or more under ``unsure_word_p``, fewer than ``unsure_share``, is read
    only at or over ``later_model_threshold``, whatever the turn (session 55, Q53: a calm customer's half-heard words
    read as a feeling; 0: off). An agent reply decoded so far with ``reply_doubtful_share`` (0..``unsure_share``) of its
    words or more under ``unsure_word_p`` gets no early listening verdict, from either listening rule: the final judges
    it (session 56, Q54; :func:`coach.language.listening.heard_doubtful`; 0: off, a pause heard unsure still waits)."""

    severity: str
    upset_cues: tuple[str, ...]
    not_upset: tuple[str, ...]
    upset_levels: tuple[str, ...]
    complaint_levels: tuple[str, ...]
    acknowledgements: tuple[str, ...]
    agent_turns: int
    min_agent_words: int
    judge_words: int
    expire_s: float
    acknowledged_recently_s: float
    model_threshold: float
    opening_turns: int
    later_model_threshold: float
    strong_model_threshold: float
    run_on_words: int
    text: str
    why: str
    unsure_word_p: float = 0.0
    unsure_share: float = 0.5
    doubtful_share: float = 0.0
    reply_doubtful_share: float = 0.0

    def __post_init__(self) -> None:
        _check_rule("acknowledge_feelings", self.severity, self.text)
        if not 0 <= self.unsure_word_p <= 1 or not 0 < self.unsure_share <= 1:
            raise ConfigError("acknowledge_feelings: unsure_word_p in [0, 1] (0: off), unsure_share in (0, 1]")
        if not 0 <= self.doubtful_share <= self.unsure_share:
            raise ConfigError("acknowledge_feelings: doubtful_share in [0, unsure_share] (0: off)")
        if not 0 <= self.reply_doubtful_share <= self.unsure_share:
            raise ConfigError("acknowledge_feelings: reply_doubtful_share in [0, unsure_share] (0: off)")
        if self.run_on_words < 0:
            raise ConfigError("acknowledge_feelings.run_on_words must be >= 0 (0: off)")
        if self.agent_turns < 1:
            raise ConfigError("acknowledge_feelings.agent_turns must be >= 1")
        if self.judge_words < self.min_agent_words:
            raise ConfigError("acknowledge_feelings: judge_words must be >= min_agent_words")
        if not 0 <= self.model_threshold <= 1.1:
            raise ConfigError("acknowledge_feelings.model_threshold in [0, 1.1] (above 1: the head is off)")
        if self.opening_turns < 0 or not self.model_threshold <= self.later_model_threshold <= 1.1:
            raise ConfigError(
                "acknowledge_feelings: opening_turns >= 0, model_threshold <= later_model_threshold <= 1.1"
            )
        if not 0 <= self.strong_model_threshold <= 1:  # a probability: 1 already makes every reading under 1 weak
            raise ConfigError("acknowledge_feelings.strong_model_threshold in [0, 1] (0: every reading is strong)")
        if not set(self.upset_levels) | set(self.complaint_levels) <= {"tense", "escalated"}:
            raise ConfigError("acknowledge_feelings: upset_levels, complaint_levels: subsets of tense, escalated")


@dataclass(frozen=True, kw_only=True, slots=True)
class OverApologizing:
    severity: str
    apologies: tuple[str, ...]
    count: int
    window_s: float
    text: str
    why: str

    def __post_init__(self) -> None:
        _check_rule("over_apologizing", self.severity, self.text)
        if self.count < 2 or self.window_s <= 0:
            raise ConfigError("over_apologizing: count >= 2 and window_s > 0")


@dataclass(frozen=True, kw_only=True, slots=True)
class SlowDown:
    """Speaking rate (see :mod:`coach.language.pace`): rates in words per minute of speaking time,
    durations in seconds of speaking."""

    severity: str
    norm_wpm: float
    ceiling_wpm: float
    margin: float
    baseline_min_s: float
    min_speaking_s: float
    window_s: float
    max_pause_s: float
    max_repeat_share: float  # a turn whose 3-word sequences repeat over this share (0-1) is not measured
    text: str
    why: str

    def __post_init__(self) -> None:
        _check_rule("slow_down", self.severity, self.text)
        if not 0 < self.max_repeat_share <= 1:
            raise ConfigError("slow_down: 0 < max_repeat_share <= 1")
        if min(self.norm_wpm, self.ceiling_wpm, self.margin, self.window_s) <= 0:
            raise ConfigError("slow_down: norm_wpm, ceiling_wpm, margin and window_s must be > 0")
        if self.ceiling_wpm < self.norm_wpm:
            raise ConfigError("slow_down: ceiling_wpm must be >= norm_wpm")


@dataclass(frozen=True, kw_only=True, slots=True)
class CheckAnythingElse:
    """The closing rule (``coach/language/closing.py``). ``closing_cues`` open the close unless part of
    ``not_closing``; an agent utterance with one of ``opening_cues`` ("how can I help") is the call's
    opening, and nothing said before the customer's first words is a close. ``asks`` / ``recaps``
    within ``lookback_s`` seconds satisfy it; after a customer's cue the agent has ``wait_s`` seconds.
    The agent's goodbye fires before the final from a partial marked ``pause`` (the VAD counted a
    provisional end of turn's silence after it) whose decode heard ``turn_end_s`` seconds of audio
    after its last word as Whisper timed it. ``closing_tail_cues``: the agent's
    wrap-up lines that close only when they end the turn ("you're all set, cheers"). ``wrap_up_cues``:
    lines that close only as the whole of a short agent turn answering a customer who has settled (a
    short turn with one of ``settled_replies``: "Got it.", "Thank you."): "Okay then, cheers", "See you
    Saturday", "Good luck with the move". A tail or wrap-up cue that overlaps one of ``not_tail`` is not
    one ("charged for a good night": a goodbye word inside a phrase). ``send_off_thanks``: thanks that may
    follow a goodbye and end the turn (a send-off, see ``closing.py``). ``ask_answers``: a customer's
    first sentence that answers "anything else?" ("No, that's everything, thanks"): the agent asked,
    whatever the recogniser made of the question. ``sign_off_leads``: acknowledgements ("righto then", "sweet as")
    that, as the whole of an agent's short turn before its last clause, make that clause a sign-off of any words
    after a settled or thanking customer ("Alrighty, later days"; ``closing.py``). All lists are phrase patterns
    (``coach/language/patterns.py``)."""

    severity: str
    closing_cues: tuple[str, ...]
    not_closing: tuple[str, ...]
    opening_cues: tuple[str, ...] = ()
    closing_tail_cues: tuple[str, ...] = ()
    wrap_up_cues: tuple[str, ...] = ()
    not_tail: tuple[str, ...] = ()
    send_off_thanks: tuple[str, ...] = ()
    sign_off_leads: tuple[str, ...] = ()
    settled_replies: tuple[str, ...] = ()
    ask_answers: tuple[str, ...] = ()
    asks: tuple[str, ...]
    recaps: tuple[str, ...]
    wait_s: float
    lookback_s: float
    turn_end_s: float = 0.1
    text: str
    why: str

    def __post_init__(self) -> None:
        _check_rule("check_anything_else", self.severity, self.text)


@dataclass(frozen=True, kw_only=True, slots=True)
class LanguageConfig:
    """Every language rule's data (one frozen section per rule, named as the nudge kind), the
    ``slots`` their phrase patterns share, and ``from_partials``: the wording rules (positive
    language, "calm down") also read the committed words of partial transcripts (``words[:stable]``),
    so a phrase is nudged as soon as the recogniser commits it rather than when the turn ends."""

    positive_language: PositiveLanguage
    avoid_calm_down: AvoidCalmDown
    mirror_complaint: MirrorComplaint
    acknowledge_feelings: AcknowledgeFeelings
    over_apologizing: OverApologizing
    slow_down: SlowDown
    check_anything_else: CheckAnythingElse
    slots: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    from_partials: bool = True

    def __post_init__(self) -> None:
        """Compile every pattern list once: a bad pattern or slot is an error at load time."""
        lists = [
            self.positive_language.exceptions,
            self.avoid_calm_down.match,
            self.avoid_calm_down.exceptions,
            self.avoid_calm_down.clause_exceptions,
            self.avoid_calm_down.heard_exceptions,
            self.avoid_calm_down.closing_openers,
            *(rule.match for rule in self.positive_language.phrases),
            self.mirror_complaint.cues,
            self.mirror_complaint.not_complaints,
            self.mirror_complaint.paraphrase_cues,
            self.acknowledge_feelings.upset_cues,
            self.acknowledge_feelings.not_upset,
            self.acknowledge_feelings.acknowledgements,
            self.mirror_complaint.restating_openers,
            self.mirror_complaint.business_openers,
            self.mirror_complaint.holding_openers,
            self.mirror_complaint.taking_on,
            self.mirror_complaint.short_requests,
            self.mirror_complaint.new_topic_openers,
            self.mirror_complaint.continuers,
            self.mirror_complaint.relief_openers,
            self.mirror_complaint.reassurances,
            self.check_anything_else.closing_cues,
            self.check_anything_else.not_closing,
            self.check_anything_else.opening_cues,
            self.check_anything_else.closing_tail_cues,
            self.check_anything_else.wrap_up_cues,
            self.check_anything_else.not_tail,
            self.check_anything_else.send_off_thanks,
            self.check_anything_else.sign_off_leads,
            self.check_anything_else.settled_replies,
            self.check_anything_else.ask_answers,
            self.check_anything_else.asks,
            self.check_anything_else.recaps,
        ]
        try:
            for patterns in lists:
                compile_patterns(patterns, self.slots)
        except PatternError as exc:
            raise ConfigError(str(exc)) from None


_SCALARS = ("from_partials",)


def _build(cls: type, data: Mapping[str, Any]) -> Any:
    names = {f.name for f in fields(cls)}
    unknown = set(data) - names
    if unknown:
        raise ConfigError(f"{cls.__name__}: unknown keys {sorted(unknown)}")
    kwargs = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
    return cls(**kwargs)


def product_language_table() -> dict[str, Any]:
    """The ``[language]`` table of the shipped ``coach/default_config.toml``: the product's own overrides of the
    packaged ``phrases.toml`` (the calm-down head's ``model_threshold``, ``from_partials``), which ``coach analyze`` /
    ``coach serve`` apply through :func:`coach.config.load_config`."""
    return _language_table(_default_config_text())


def _default_config_text() -> str:
    return resources.files("coach").joinpath("default_config.toml").read_text("utf-8")


def _language_table(default_config: str) -> dict[str, Any]:
    return tomllib.loads(default_config).get("language", {})


def load_language_config(path: Path | None = None, *, overrides: Mapping[str, Any] | None = None) -> LanguageConfig:
    """Load ``phrases.toml`` (packaged default, or ``path``), apply ``overrides``, validate.

    One source: with the packaged file (``path`` None) the product's ``[language]`` table of
    ``coach/default_config.toml`` (:func:`product_language_table`) is applied first, so every caller (a
    :class:`~coach.language.coach.LanguageCoach` built without a config, the wording tests, the replay and
    evaluation tools) reads the settings ``coach analyze`` runs; a caller that wants others says so in
    ``overrides`` (``{"avoid_calm_down": {"model_threshold": 1.1}}``: the tables without the head). A ``path``
    of another phrases file is read as it is (no product table).

    The files are read on every call; the parsed and validated config is remembered per process by their exact
    texts and the overrides (:data:`_LOADED`), so an edited file is parsed again and the same texts give the
    same (immutable) config object. Parsing was ~45 ms of CPU a call (pure-Python TOML of a large file, twice
    per :func:`coach.config.load_config`); a remembered one costs the reads (docs/benchmarks.md, "Test time,
    session 41")."""
    if path is None:
        text = resources.files("coach.language").joinpath("phrases.toml").read_text("utf-8")
        product = _default_config_text()
    else:
        text, product = Path(path).read_text("utf-8"), None
    key = (text, product, json.dumps(overrides or {}, sort_keys=True, default=repr))
    found = _LOADED.get(key)
    if found is None:
        found = _parse(text, product, overrides or {})
        with _LOADED_LOCK:
            if len(_LOADED) >= _LOADED_MAX:
                _LOADED.clear()
            _LOADED[key] = found
    return found


_LOADED: dict[tuple[str, str | None, str], LanguageConfig] = {}
"""Configs parsed in this process, by (phrases file's text, ``default_config.toml``'s text or None for a file
given by path, the overrides as sorted JSON)."""
_LOADED_MAX = 32
"""How many configs :data:`_LOADED` keeps (then it forgets them all and starts again)."""
_LOADED_LOCK = threading.Lock()


def _parse(text: str, product: str | None, overrides: Mapping[str, Any]) -> LanguageConfig:
    """:func:`load_language_config` of a phrases file's ``text``, with the ``[language]`` table of the
    ``default_config.toml`` text ``product`` over it (None: none), then ``overrides``."""
    raw = tomllib.loads(text)
    if product is not None:
        raw = merge_tables(raw, _language_table(product))
    raw = merge_tables(raw, overrides)
    pos = dict(raw["positive_language"])
    pos["phrases"] = [_build(PhraseRule, p) for p in pos.get("phrases", [])]
    if "grammar" in pos:
        pos["grammar"] = _build(RefusalGrammarWords, pos["grammar"])
    sections = {
        "positive_language": _build(PositiveLanguage, pos),
        "avoid_calm_down": _build(AvoidCalmDown, raw["avoid_calm_down"]),
        "mirror_complaint": _build(MirrorComplaint, raw["mirror_complaint"]),
        "acknowledge_feelings": _build(AcknowledgeFeelings, raw["acknowledge_feelings"]),
        "over_apologizing": _build(OverApologizing, raw["over_apologizing"]),
        "slow_down": _build(SlowDown, raw["slow_down"]),
        "check_anything_else": _build(CheckAnythingElse, raw["check_anything_else"]),
    }
    slots = FrozenSlots({str(k): tuple(v) for k, v in raw.get("slots", {}).items()})  # unchanging: compile_patterns
    scalars = {k: raw[k] for k in _SCALARS if k in raw}
    if not all(isinstance(v, bool) for v in scalars.values()):
        raise ConfigError(f"language: {', '.join(_SCALARS)} must be true or false")
    unknown = set(raw) - set(sections) - {"slots", *_SCALARS}
    if unknown:
        raise ConfigError(f"phrases.toml: unknown sections {sorted(unknown)}")
    return LanguageConfig(**sections, slots=slots, **scalars)
