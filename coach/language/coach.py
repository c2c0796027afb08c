"""The language coach of one call: transcript events in, language nudges out.

Pure and synchronous. Call from one thread, in call order: :meth:`LanguageCoach.push` with every
transcript event dict (partials and finals; other events are ignored), :meth:`~LanguageCoach.tick`
with the call position now and then (timers: closing wait, expiry),
:meth:`~LanguageCoach.set_customer_upset` whenever the escalation model's level changes. Every
nudge's ``moment`` is unique within the call ("<utterance id>:<kind>"); a moment is never returned
twice, so a phrase nudged from a partial is not nudged again by its final.

Which words each rule reads:

- committed words of partials (``words[:stable]``, when ``from_partials``) and finals: the agent's
  wording, ``positive_language`` and ``avoid_calm_down``, nudged as soon as the phrase is committed;
  both also from a partial's words not yet committed, once the rule's ``heard_after_words`` words
  follow the phrase there (about one partial interval before the next decode would commit it; the
  phrase is judged as committed words are: one an exception could still cover waits);
- committed words of partials and finals: whether the agent's reply to a complaint or a feeling
  mirrored / acknowledged it (judged on the reply's first words, see :mod:`coach.language.listening`;
  a nudge its first words caused is withdrawn if the rest of the turn answers the customer; when one
  reply misses both, the acknowledgement is returned first: name the feeling, then mirror);
- finals only: everything else whose meaning needs the whole turn (how many apologies, the turn's
  pace, the closing; the agent's goodbye from partials too, at a provisional end of turn (a partial
  marked ``pause``), withdrawn if the agent speaks on: :mod:`coach.language.closing`).

If the final of a turn no longer holds a match of a kind nudged from its partials (a later decode
retracted the words), :meth:`LanguageCoach.push` returns a :class:`~coach.types.Withdrawal` of that
moment before anything else.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Any

from coach.language.calm_head import calm_by_meaning
from coach.language.closing import ClosingRule
from coach.language.complaint import Unit, get_complaint_head, read_turn
from coach.language.config import LanguageConfig, load_language_config
from coach.language.listening import (
    UPSET_LEVELS,
    AcknowledgeFeelingsRule,
    MirrorComplaintRule,
    feeling_only,
    heard_doubtful,
    says_distress,
)
from coach.language.lost_tail import restored
from coach.language.pace import SlowDownRule
from coach.language.phrasing import CalmDownRule, OverApologizingRule, PositiveLanguageRule
from coach.language.text import Match, tokens
from coach.language.utterance import Utterance
from coach.types import Nudge, Withdrawal, seconds_to_samples

AGENT = "agent"
CUSTOMER = "customer"
REVISED_WHY = (
    "The turn was heard again with the speech that followed it and no longer says this: the nudge is taken back."
)
"""A withdrawal's plain-words reason when a revised final no longer supports its nudge (:meth:`LanguageCoach.revise`;
no transcript words in it)."""
HEARD_AGAIN_S = 0.5
"""Seconds of call audio: a phrase heard by two partials is the same one when its first word starts
within this of the other's (Whisper's word times of one word move by a tenth or two between decodes)."""
WAVER_TOKENS = 2
"""Tokens either side of a refusal's negated modal where an earlier partial of the turn may have heard the
modal plain ("I can have a technician ..." in the partials between those that wrote "I can't have ...", c409)."""
_PLAIN_MODALS = {"can't": "can", "cannot": "can", "won't": "will", "couldn't": "could"}
HELD_S = 0.5
"""Seconds of call audio: a "calm down" phrase that ends an agent partial's words, held back only because a
look-alike exception could still run on from it ("Relax." before "... mode is on the left", "Relax into the
harness"), is nudged from the first partial emitted (its ``at``) at least this long after the phrase's last
word with still no word heard after it (session 29, L27). With partials every 0.7 s the real "Relax." is nudged
at most about 1.2 s after its last word (before, it waited for the turn's final); a continuation heard in time
vetoes it, and the final withdraws it if it hears one later."""


_CLOSED = re.compile(r"[.!?]\W*$")
"""Agent partial words ending on a full stop, "?" or "!": the recogniser wrote their last sentence as said whole."""


def _wavered(toks: tuple[str, ...], m: Match, seen: list[tuple[str, ...]]) -> bool:
    """Whether a partial of the turn before (token lists ``seen``) heard the negated modal of refusal ``m`` (in
    the partial's tokens ``toks``) plain: the same word before it and the modal with a word after it, not "not"
    (a "can" ending a partial is "can't" still being decoded), within :data:`WAVER_TOKENS` of its place. The
    recogniser wavered between "can" and "can't" there (c409: "I can have a technician swap the whole unit on
    Thursday", decoded "can't" in four partials of nine and "can" in the final); such a refusal waits for the
    committed words or the final."""
    said = tokens(m.said)
    neg = next((i for i, t in enumerate(said) if t in _PLAIN_MODALS), None)
    if neg is None:
        return False
    at = m.offset + m.start + neg
    plain, prev = _PLAIN_MODALS[said[neg]], toks[at - 1] if at > 0 else ""
    for old in seen:
        for k in range(max(0, at - WAVER_TOKENS), min(len(old), at + WAVER_TOKENS + 1)):
            nxt = old[k + 1] if k + 1 < len(old) else ""
            if old[k] == plain and nxt not in ("", "not") and (old[k - 1] if k > 0 else "") == prev:
                return True
    return False


def _heard_in(n: Nudge, earlier: list[Nudge]) -> bool:
    """Whether one of ``earlier`` (the partial before's nudges) quotes the same words as ``n``, starting
    within :data:`HEARD_AGAIN_S` of it (no word times: the same words)."""
    said = tokens(str(n.evidence.get("said", "")))
    t = n.evidence.get("phrase_t")
    for e in earlier:
        if tokens(str(e.evidence.get("said", ""))) != said:
            continue
        u = e.evidence.get("phrase_t")
        if t is None or u is None or abs(float(t) - float(u)) <= HEARD_AGAIN_S:
            return True
    return False


def _told_as_a_fact(n: Nudge | Withdrawal, strong: float, turn: str, reading: float | None) -> bool:
    """Whether ``n`` is an acknowledgement nudge of a sentence only the feeling head read, its ``reading`` (the head's
    probability, unrounded: :meth:`~coach.language.listening.AcknowledgeFeelingsRule.reading_of`; ``None``: not read
    by the head alone) under ``strong`` (a probability), whose customer ``turn`` (the whole final as heard; its
    ``cue`` where that is empty) says no felt state or distress in words
    (:func:`~coach.language.listening.says_distress`)."""
    if not isinstance(n, Nudge) or n.kind != AcknowledgeFeelingsRule.kind or reading is None:
        return False
    return reading < strong and not says_distress(turn or str(n.evidence.get("cue", "")))


class LanguageCoach:
    """One call's language rules (see module docstring)."""

    def __init__(self, config: LanguageConfig | None = None) -> None:
        self.config = config or load_language_config()
        self.reset()

    def reset(self) -> None:
        """Forget the call (new call, same config)."""
        c = self.config
        self._positive = PositiveLanguageRule(c.positive_language, c.slots)
        self._closing = ClosingRule(c.check_anything_else)
        self._calm = CalmDownRule(c.avoid_calm_down, c.slots, closing=self._closing.closing_turn)
        self._apology = OverApologizingRule(c.over_apologizing)
        self._mirror = MirrorComplaintRule(c.mirror_complaint, c.acknowledge_feelings.acknowledgements)
        mc = c.mirror_complaint
        self._ack = AcknowledgeFeelingsRule(c.acknowledge_feelings, mc.cues, mc.not_complaints, mc)
        self._mirror.calm_down = self._ack.calm_down = CalmDownRule(c.avoid_calm_down, c.slots)  # this config's family
        self._ack.refusals = self._positive  # a refusal the positive-language rule nudges takes the reply's lesson
        self._mirror.declines_more = self._ack.declines_more = self._closing.declines_more  # "No, that's it" to the ask
        self._heads = min(mc.model_threshold, mc.upset_model_threshold, c.acknowledge_feelings.model_threshold) <= 1
        self._pace = SlowDownRule(c.slow_down)
        self._moments: set[str] = set()
        self._early: dict[str, dict[str, str]] = {}  # utt -> {moment: words said}, nudged from partials
        self._last_committed: dict[str, str] = {}  # utt -> committed text last matched
        self._heard_before: dict[str, Utterance] = {}  # utt -> all the words of its partial last matched
        self._heard_turn: dict[str, list[tuple[str, ...]]] = {}  # utt -> the tokens of each of its partials
        self._left_to_ack: set[str] = set()  # mirror moments left to the acknowledgement (see _one_for_later)
        self._partials: dict[str, list[Mapping[str, Any]]] = {}  # utt -> its partial events with words, until its final

    @property
    def customer_upset(self) -> str:
        """The current upset level (calm | tense | escalated)."""
        return self._ack.level

    def set_customer_upset(self, level: str) -> None:
        """Customer upset level from the escalation model: one of calm, tense, escalated."""
        if level not in UPSET_LEVELS:
            raise ValueError(f"upset level must be one of {UPSET_LEVELS}, got {level!r}")
        self._ack.set_level(level)
        self._mirror.level = level  # an upset first turn the recogniser garbled (MirrorComplaintRule._half_heard)

    def push(self, event: Mapping[str, Any]) -> list[Nudge | Withdrawal]:
        """Feed one transcript event dict; returns the nudges (and withdrawals) it leads to."""
        if event.get("type", "transcript") != "transcript":
            return []
        heard = Utterance.from_event(event)
        if not event.get("final"):
            if event.get("words"):
                self._partials.setdefault(heard.utt, []).append(event)
            return self._partial(event, heard)
        u = Utterance.from_event(restored(event, self._partials.pop(heard.utt, [])))  # the tail a cut-short final lost
        out: list[Nudge | Withdrawal] = []
        if u.speaker == AGENT:
            out += self._confirm(u)
        if not u.text.strip():
            return out
        if u.speaker == AGENT:
            replies = self._one_for_later(self._ack.on_agent(u) + self._mirror.on_agent(u))  # acknowledge, mirror
            out += [w for w in replies if isinstance(w, Withdrawal)]
            calm, positive = self.wording(u)
            found = (
                calm
                + positive
                + self._apology.on_agent(u)
                + [n for n in replies if isinstance(n, Nudge)]
                + self._pace.on_agent(u)
            )
            closing = self._closing.on_agent(u)
            out += self._taken_back(closing)
            found += [n for n in closing if isinstance(n, Nudge)]
        elif u.speaker == CUSTOMER:
            self._positive.on_customer(u)  # a flat no answering a fear it voiced is reassurance
            turn = self._read(u.text)
            upset = self._ack.felt(u, turn)
            found = (
                self._mirror.on_customer(u, turn, upset=upset)
                + self._ack.on_customer(u, turn)
                + self._closing.on_customer(u)
            )
        else:
            return out
        return out + self._fresh(found)

    def wording(self, u: Utterance) -> tuple[list[Nudge], list[Nudge]]:
        """The calm-down and positive-language nudges the agent's final ``u`` supports: the phrase tables'
        (:class:`CalmDownRule`, :class:`PositiveLanguageRule`), and when neither finds one the calm-down head's second
        opinion (calm_head.py; off unless its threshold is <= 1). Read by :meth:`push` for a final and by
        :meth:`revise` for a revised one."""
        calm, positive = self._calm.on_agent(u), self._positive.on_agent(u)
        if not (calm or positive):
            calm = calm_by_meaning(
                u, self.config.avoid_calm_down, self._closing.closing_turn, excused=self._calm.excused
            )
        return calm, positive

    def revise(self, event: Mapping[str, Any]) -> list[Nudge | Withdrawal]:
        """The withdrawals and fresh nudges of an admitted revised agent final ``event`` (a ``transcript.revised``
        event dict: :mod:`coach.asr.revision`, admitted by the call's :class:`~coach.asr.revision.RevisionGate`);
        nothing for the customer's. The new words are judged by :meth:`wording`, as a final's are (the phrase tables,
        then the calm-down head: a calm-down it found in the first words stands when it still finds one, helper R22's
        /tmp/R22/a51a.py (1)), for the two kinds a final of the turn could nudge phrase by phrase, ``avoid_calm_down``
        and ``positive_language``:

        - a moment of the turn already nudged (``"<utt>:<kind>"``) that the new words no longer support is withdrawn
          (a :class:`~coach.types.Withdrawal` with :data:`REVISED_WHY`; the nudge policy takes it off the screen or
          drops it if waiting); its moment stays spent: the turn is never nudged twice for one kind;
        - a moment the new words now support and that never fired fires once (:meth:`_fresh`).

        The rules that judged the turn as a whole when its first final came (the listening rules' replies, apologies
        counted in a window, pace, the closing) are not run again: their verdicts and counts stand as first heard, so
        nothing is counted twice."""
        u = Utterance.from_event(event)
        if u.speaker != AGENT:
            return []
        out: list[Nudge | Withdrawal] = []
        calm_found, positive_found = self.wording(u)
        for kind, found in ((self._calm.kind, calm_found), (self._positive.kind, positive_found)):
            moment = f"{u.utt}:{kind}"
            if moment in self._moments:
                if not found:
                    out.append(Withdrawal(moment=moment, why=REVISED_WHY))
            else:
                out += self._fresh(list(found))
        return out

    def _read(self, text: str) -> list[Unit]:
        """The customer turn's pieces scored by the complaint / feeling heads (none when both are off)."""
        return read_turn(get_complaint_head(), text) if self._heads else []

    def _partial(self, event: Mapping[str, Any], heard: Utterance) -> list[Nudge | Withdrawal]:
        """The agent's committed words so far: the wording rules, each moment at most once per turn. ``heard``: the
        partial's utterance (:meth:`Utterance.from_event`), built once per event and passed on."""
        if heard.speaker == CUSTOMER:
            self._closing.on_customer_words(heard)  # the customer talking on after a goodbye (ClosingRule)
            return []
        if heard.speaker != AGENT:
            return []
        # the agent is replying, or saying goodbye; the goodbye fires early only from a partial the VAD's pause
        # follows (``pause``: a provisional final's, coach/asr/stream.py)
        u = Utterance.committed(event)
        closing = self._closing.on_agent_words(u, heard, paused=bool(event.get("pause")))
        early = [n for n in closing if isinstance(n, Nudge) and self.config.from_partials]
        taken_back: list[Nudge | Withdrawal] = [*self._taken_back(closing), *self._fresh(early)]
        if not self.config.from_partials:
            return taken_back
        unfinished = dataclasses.replace(heard, final=False)
        taken_back += self._held_calm(event, unfinished, u) + self._wording_heard(event, unfinished)
        taken_back += self._paused_reply(event, unfinished)
        if not event.get("stable"):
            return taken_back
        if self._last_committed.get(u.utt) == u.text:
            return taken_back  # nothing newly committed (partials often only change their tail)
        self._last_committed = {u.utt: u.text}
        rules = [r for r in (self._calm, self._positive) if f"{u.utt}:{r.kind}" not in self._moments]
        # the calm-down's heard_exceptions also read the partial's words after the committed ones (session 45, C15)
        found = [self._calm.on_agent(u, heard) if r is self._calm else r.on_agent(u) for r in rules]
        fresh = self._early_wording([n for f in found for n in f], u.utt)
        if heard_doubtful(heard, self.config.acknowledge_feelings):
            # a reply heard doubtful so far: the listening verdict waits (_paused_reply). These committed words are not
            # judged again by a later partial with the same committed text (_last_committed); more committed words,
            # a pause heard surer, or the final judge the reply
            return [*taken_back, *fresh]
        replies = self._one_for_later(self._ack.on_agent_words(u) + self._mirror.on_agent_words(u))  # as shown
        return [*taken_back, *fresh, *self._fresh(replies)]

    def _paused_reply(self, event: Mapping[str, Any], heard: Utterance) -> list[Nudge | Withdrawal]:
        """The listening rules' verdict on all the words of an agent partial marked ``pause`` (a provisional final's:
        the VAD counted ``[asr] provisional_end_s`` of silence after them), committed or not, as on committed words
        (:meth:`~coach.language.listening.MirrorComplaintRule.on_agent_words`): a reply that missed the complaint or
        the feeling is nudged from it, about ``min_silence_ms`` - ``provisional_end_s`` (0.26 s of audio) before the
        turn's final, where the committed words of a short reply never hold enough words to judge (session 31, D1).
        Only a miss: words of it that would answer the moment leave that rule to the committed words and the final
        (a provisional decode credits nothing). The final takes the nudge back if the whole turn answers the moment,
        as for one from committed words. Evidence ``basis`` "pause". The same, before any pause, for a partial whose
        words are a business question heard whole (``MirrorComplaintRule.business_question``: "Okay, do you have the
        receipt number?"; session 40, Q38), evidence ``basis`` "question": the agent lane commits a short reply's words
        only about a partial before its final. ``heard``: all the partial's words, unfinished (``final`` False).
        No verdict from a pause whose words the recogniser was mostly unsure of (:func:`heard_unsure`: quiet c1264's
        "Oh, that's horrible, Henrike. ..." decoded at its first pause as "So let's have a little pen like that.", half
        its words under 0.5, and nudged for both the acknowledgement and the mirror; session 54, Q52, in sample): the
        next decodes, the committed words and the final judge the reply. Since session 56 (Q54) the same for any
        early verdict (a pause, a business question, committed words) on a reply whose words so far the recogniser
        was doubtful of (:func:`heard_doubtful`: a quarter of them under 0.5): quiet c1148's, c1286's and c1238's
        good replies, long at their finals, were nudged from garbled first words on the held-out runs."""
        basis = "pause" if event.get("pause") else "question" if self._mirror.business_question(heard.text) else ""
        if not basis or heard_doubtful(heard, self.config.acknowledge_feelings):
            return []
        found = [n for r in (self._ack, self._mirror) if not r.answered(heard.text) for n in r.on_agent_words(heard)]
        paused = [dataclasses.replace(n, evidence={**n.evidence, "basis": basis}) for n in found]
        return self._fresh(self._one_for_later(paused))

    def _wording_heard(self, event: Mapping[str, Any], heard: Utterance) -> list[Nudge | Withdrawal]:
        """``avoid_calm_down`` and ``positive_language`` from all the words of an agent partial,
        committed or not, when at least the rule's ``heard_after_words`` words follow the phrase in it
        (so its decisive words are not the last of the decoded audio, where Whisper is least sure; the
        phrase is judged as committed words are, ``open_end``: an exception that could still cover it
        holds it back): the next partial, one ``partial_interval_s`` later, would usually commit it.
        A refusal (``positive_language``) must also have been heard by the turn's partial before, the
        same words starting within :data:`HEARD_AGAIN_S`, anywhere in its words (its last ones too,
        :meth:`_said_in`): two decodes agree on it, though words before it may still be changing (which
        holds back committing, a prefix, for seconds in a long turn).
        A partial marked ``pause`` (a provisional final's: the VAD counted ``[asr] provisional_end_s`` of silence
        after its words) needs no word after the phrase: its decode heard the silence that follows the turn's last
        words, 0.26 s of audio before the final (session 31, D1); still only as the open end judges it (an exception
        that more words could make of it holds it back) and, for a refusal, heard by the partial before too.
        Evidence ``basis`` "heard"; withdrawn like a committed one if the final retracts it. ``heard``: all the
        partial's words, unfinished (``final`` False)."""
        seen = self._heard_turn.get(heard.utt, [])
        self._heard_turn = {heard.utt: [*seen, tokens(heard.text)]}
        before = self._heard_before.get(heard.utt)
        agreed = before is not None and before.text == heard.text
        paused = bool(event.get("pause"))  # a provisional end of the turn: the phrase may be its last words
        closed = paused and agreed and _CLOSED.search(heard.text) is not None  # ... said whole, decoded twice alike
        if agreed and not closed:
            return []  # the same words as the last partial's: judged already
        self._heard_before = {heard.utt: heard}
        c = self.config
        judged = dataclasses.replace(heard, final=closed)  # a closed pause partial is judged as said whole
        words, basis = tokens(heard.text), "pause" if closed else "heard"
        found: list[Nudge] = []
        for rule, after in (
            (self._calm, c.avoid_calm_down.heard_after_words),
            (self._positive, c.positive_language.heard_after_words),
        ):
            if after < 1 or f"{heard.utt}:{rule.kind}" in self._moments:
                continue
            m = self._heard_match(rule, judged)
            if m is None or len(words) - (m.offset + m.end) < (0 if paused else after):
                continue
            if rule is self._calm and self._one_word_unsure(judged, m):
                continue  # the committed words or the final decide
            if rule is self._positive and _wavered(words, m, seen):
                continue  # the final decides (or the committed words)
            nudges = rule.on_agent(judged)
            if rule is self._positive:
                nudges = [n for n in nudges if _heard_in(n, self._said_in(before))]
            found += [dataclasses.replace(n, evidence={**n.evidence, "basis": basis}) for n in nudges]
        return [*self._early_wording(found, heard.utt)]

    def _held_calm(self, event: Mapping[str, Any], heard: Utterance, committed: Utterance) -> list[Nudge]:
        """``avoid_calm_down`` from an agent partial whose words end on a calm-down phrase that an exception
        could still cover once more words come (``open_end``, so neither the committed nor the heard words
        nudge it yet), once the partial was emitted :data:`HELD_S` of audio after the phrase's last word:
        nothing came on that makes it a look-alike. Evidence ``basis`` "held"; withdrawn like a committed
        one if the final retracts it. With ``heard_after_words = 0`` only a phrase of the committed words, when
        the partial heard no word after them. ``heard``: all the partial's words, unfinished; ``committed``: its
        committed words (:meth:`Utterance.committed`)."""
        rule = self._calm
        if f"{heard.utt}:{rule.kind}" in self._moments:
            return []
        if self.config.avoid_calm_down.heard_after_words < 1:
            words = committed
            if len(tokens(words.text)) < len(tokens(heard.text)):
                return []  # words heard after the committed ones: they decide once committed
            heard = dataclasses.replace(heard, text=words.text, words=words.words)
        if rule.find(heard.text, open_end=True) is not None:
            return []  # nothing holds it: the heard (or committed) words' rule judges it
        m = rule.find(heard.text)
        span = heard.span(m) if m is not None and m.offset + m.end == len(tokens(heard.text)) else None
        at = seconds_to_samples(float(event.get("at", event.get("end", 0.0))))
        if span is None or at - span[1] < seconds_to_samples(HELD_S) or self._one_word_unsure(heard, m):
            return []  # no phrase held, words follow it (they decide), too soon, or one word heard unsurely
        nudges = rule.on_agent(dataclasses.replace(heard, final=True))
        held = [dataclasses.replace(n, evidence={**n.evidence, "basis": "held"}) for n in nudges]
        return self._early_wording(held, heard.utt)

    def _one_word_unsure(self, heard: Utterance, m: Match | None) -> bool:
        """Whether the calm-down match ``m`` of the partial words ``heard`` (not yet committed) is one word heard under
        ``[avoid_calm_down] heard_min_word_p`` (a probability; 0: never): one decode's guess at a word ("Breathe" for a
        greeting's first word, quiet c1070) waits for the committed words or the final. Unknown probability: sure."""
        floor = self.config.avoid_calm_down.heard_min_word_p
        if m is None or floor <= 0 or len(tokens(m.said)) != 1:
            return False
        return any(w.get("p") is not None and float(w["p"]) < floor for w in heard.match_words(m))

    def _said_in(self, before: Utterance | None) -> list[Nudge]:
        """The refusal nudge the words of ``before`` (the turn's partial before) hold, judged as if they
        were final (none without a partial before): the second hearing asks only that two decodes heard
        the same words, even as the last words of the older one; the open end (words after the phrase,
        an exception that could still cover it) and the verb after a negated modal (``verb_min_p``: c1037's
        "We can't fix" at 0.15 before "We can't extend" at 0.98, session 47) are judged on the newer one."""
        if before is None or self._positive.find(before.text, heard=before) is None:
            return []
        return self._positive.on_agent(dataclasses.replace(before, final=True), hearing=True)

    def _heard_match(self, rule: CalmDownRule | PositiveLanguageRule, heard: Utterance) -> Match | None:
        """The match ``rule`` nudges on in the utterance ``heard`` (as its ``on_agent`` finds it: an unfinished one
        with the open end, one judged as said whole (``final``) without)."""
        if isinstance(rule, CalmDownRule):
            return rule.find(heard.text, open_end=not heard.final)
        found = rule.find(heard.text, open_end=not heard.final, heard=heard)
        return found[1] if found else None

    def _early_wording(self, nudges: list[Nudge], utt: str) -> list[Nudge]:
        """The fresh ones of wording ``nudges`` from turn ``utt``'s partials, remembered so that the
        turn's final can withdraw them (:meth:`_confirm`)."""
        fresh = self._fresh(nudges)
        for n in fresh:
            self._early.setdefault(utt, {})[n.moment] = str(n.evidence.get("said", ""))
        return fresh

    def _taken_back(self, found: list[Nudge | Withdrawal]) -> list[Nudge | Withdrawal]:
        """The withdrawals among ``found``; their moments may be nudged again (a later goodbye)."""
        out: list[Nudge | Withdrawal] = [w for w in found if isinstance(w, Withdrawal)]
        for w in out:
            self._moments.discard(w.moment)
        return out

    def _confirm(self, u: Utterance) -> list[Nudge | Withdrawal]:
        """Withdraw the moments nudged from this turn's partials that its final no longer supports. The reason says
        which: the final lost the words, or (a calm-down) still has them but the words heard around them make it a
        look-alike (an exception, e.g. ``heard_exceptions``: "Settle Down Mattresses")."""
        out: list[Nudge | Withdrawal] = []
        for moment, said in self._early.pop(u.utt, {}).items():
            rule = self._calm if moment.endswith(f":{self._calm.kind}") else self._positive
            if rule.find(u.text) is None:
                if rule is self._calm and self._calm.excused(u.text):
                    why = (
                        f"The final transcript heard the words around '{said}': read whole, the sentence is not a "
                        "calm-down (a look-alike), the nudge is taken back."
                    )
                else:
                    why = f"The final transcript no longer has the words '{said}': the nudge is taken back."
                out.append(Withdrawal(moment=moment, why=why))
        return out

    def tick(self, now_sample: int) -> list[Nudge]:
        """Advance timers to call position ``now_sample``; returns nudges that came due."""
        self._mirror.tick(now_sample)
        self._ack.tick(now_sample)
        return self._fresh(self._closing.tick(now_sample))

    def _one_for_later(self, replies: list[Nudge | Withdrawal]) -> list[Nudge | Withdrawal]:
        """The listening rules' ``replies`` to one agent turn (acknowledgement first), less a mirror nudge of a
        complaint told after the call's first complaint moment (:meth:`MirrorComplaintRule.later`) that the
        acknowledgement rule nudged as said at an upset level (:meth:`AcknowledgeFeelingsRule.voiced`): a later
        complaint in a tense voice asks for the feeling to be named, once (session 24, Q22: c510's "my youngest
        was soaked", c383's "Nobody told us that", each nudged twice from one cue). The call's first complaint
        still asks for both; a later one said calmly for the mirror. Nor a mirror nudge whose cue tells back only the
        feeling or verdict the acknowledgement nudge of the same utterance names in an upset cue (:func:`feeling_only`;
        session 25, Q23: c555's "That's ridiculous" after a refusal): the feeling is named once. A sentence the feeling
        head found (its nudge has a ``model`` score) is no such cue: the mirror of the same sentence tells back what
        went wrong (session 26, Q24: c588's "I had to take two dishes off the menu last night", both nudged).
        Nor, the other way round, an acknowledgement nudge of a sentence only the feeling head read (its ``model``
        score) under a strong reading (``acknowledge_feelings.strong_model_threshold``) whose customer turn says no
        felt state or distress in words (:func:`~coach.language.listening.says_distress`),
        beside a mirror nudge of the same reply: the head rated a complaint or a hardship told as a fact, and the
        reply's lesson is the mirror (the lead's convention, session 45; Q42's class: the extras of c846, c894, c942,
        c966 and c989, each the first complaint turn answered with a business question; c973's "I felt I had failed
        him" keeps both). The acknowledgement rule then counts it as never nudged
        (:meth:`~coach.language.listening.AcknowledgeFeelingsRule.give_way`)."""
        mirrored = any(isinstance(n, Nudge) and n.kind == MirrorComplaintRule.kind for n in replies)
        strong = self.config.acknowledge_feelings.strong_model_threshold
        for n in replies:
            if mirrored and _told_as_a_fact(n, strong, self._ack.turn_of(n.moment), self._ack.reading_of(n.moment)):
                self._left_to_ack.add(n.moment)
                self._ack.give_way(n.moment)
        acks = {
            n.moment.rsplit(":", 1)[0]: str(n.evidence.get("cue", ""))
            for n in replies
            if isinstance(n, Nudge) and n.kind == AcknowledgeFeelingsRule.kind and "model" not in n.evidence
        }
        out: list[Nudge | Withdrawal] = []
        for n in replies:
            if n.moment in self._left_to_ack:
                continue  # a withdrawal of a mirror nudge never shown
            utt = n.moment.rsplit(":", 1)[0]
            mirror = isinstance(n, Nudge) and n.kind == MirrorComplaintRule.kind
            voiced = mirror and self._mirror.later(n.moment) and self._ack.voiced(utt)
            if voiced or (mirror and utt in acks and feeling_only(str(n.evidence.get("cue", "")), acks[utt])):
                self._left_to_ack.add(n.moment)
                continue
            out.append(n)
        return out

    def _fresh(self, nudges: list[Nudge]) -> list[Nudge]:
        out: list[Nudge] = []
        for n in nudges:
            if n.moment not in self._moments:
                self._moments.add(n.moment)
                out.append(n)
        return out
