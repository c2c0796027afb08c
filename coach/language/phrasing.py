"""Rules on the agent's own wording: positive language, "calm down", over-apologising.

Each rule is a small synchronous object fed agent utterances in call order; it returns at most one
:class:`~coach.types.Nudge` per utterance. The two wording rules (positive language, "calm down")
also read unfinished utterances, the committed words of partials (``open_end``: a match that an
exception could still cover once more words arrive, "I can't" before "...imagine", waits).
"""

from __future__ import annotations

import dataclasses
import re
from collections import deque
from collections.abc import Callable, Iterator, Mapping

from coach.language.calm_named import is_named
from coach.language.config import AvoidCalmDown, OverApologizing, PhraseRule, PositiveLanguage, RefusalGrammarWords
from coach.language.heard_ask import ask_heard, ask_tail_heard
from coach.language.owned_fault import owned_fault
from coach.language.patterns import compile_patterns
from coach.language.refusal_grammar import Finding, RefusalGrammar
from coach.language.text import (
    _FILLERS,
    Match,
    count_phrases,
    excepted_spans,
    excerpt,
    find_grouped,
    find_phrases,
    first_match,
    phrase_groups,
    sentence_of,
    sentences,
    tokens,
)
from coach.language.use_blame import FAMILY as USE_BLAME
from coach.language.use_blame import UseBlame
from coach.language.utterance import Utterance, nudge
from coach.types import Nudge, samples_to_seconds, seconds_to_samples

_BARE_NEGATED = frozenset({"can't", "cannot", "won't", "couldn't"})
"""A negated modal that ends a refusal's words: the verb it refuses follows it
(:meth:`PositiveLanguageRule._verb_unsure`)."""
_CLAUSE_MARKS = ".,;:!?"
"""Marks the recogniser ends a word with where its clause ends: a negated modal so written has no verb after it."""

_FLAT_NO_TAIL = 2
"""Words a flat no may have after it in its sentence and still be said alone ("Not a chance, love.", "No chance at
all."): :meth:`PositiveLanguageRule._answers_dread`."""

_LINKING_LAST = frozenset({"to", "of"})
"""The small word that ends a refusal's words and makes them one ("there's no way to"): heard unsurely, it is
often part of another word ("no wading" heard as "no way to", c642; :meth:`PositiveLanguageRule._sure`)."""


def _wording_nudge(kind: str, u: Utterance, m: Match, *, text: str, severity: str, why: str, **more: object) -> Nudge:
    """A wording nudge that starts where the phrase was said (the utterance start without word times).
    Its join group is the agent's reply (``reply:<utterance id>``, as the mirror/acknowledge rules'):
    a refusal said in the reply whose "calm down" is on screen joins that nudge (``coach/nudges/policy.py``)."""
    span = u.span(m)
    start = span[0] if span else u.start
    timing = {}
    if span is not None:
        timing = {"phrase_t": samples_to_seconds(span[0]), "phrase_end": samples_to_seconds(span[1])}
    found = nudge(
        kind,
        text,
        severity,
        start,
        u.utt,
        said=m.said,
        sentence=m.sentence,
        phrase=m.phrase,
        why=why,
        basis="final" if u.final else "committed",
        **timing,
        **more,
    )
    return dataclasses.replace(found, join=f"reply:{u.utt}")


_OFFER = re.compile(
    r"\b(?:we|i)\s*(?:\s(?:can|will|could)|'ll)\s+(?!not\b|only\b|just\b|have\b|need\b)[a-z]+", re.IGNORECASE
)
"""An offer by the agent's side ("we can bring", "I'll send", "we could fit"): what a turn whose "can" was heard
"can't" goes on to say (:func:`_offered_after`)."""

_ALTERNATIVE = frozenset({"instead", "though", "however", "but", "only", "unfortunately", "afraid", "sorry", "except"})
"""Words that make a later offer an alternative to a refusal ("... we can offer a voucher instead"), not the
same "can" said again (:func:`_offered_after`)."""


def _offered_after(text: str, m: Match) -> bool:
    """Whether a sentence of ``text`` after match ``m``'s offers the thing ("We can bring a couple of sizes"): the
    turn agrees with a "can", not with the "can't" heard (session 30, L28: c664's "We can, yes. There's a pet flap
    ... We can bring a couple of sizes" heard "We can't address. ... We can bring ..."). A sentence with a word of
    :data:`_ALTERNATIVE` offers something else instead and does not count."""
    later = sentences(text)[m.sentence_index + 1 :]
    return any(_OFFER.search(s.text) and not set(s.tokens) & _ALTERNATIVE for s in later)


_GOES_ON = re.compile(
    r"^(?:\S+\s+){0,20}?and\s+(?:he|she|they|(?:our|the)\s+(?!customer\b|bank\b|insurer\b)[a-z]+)(?:'ll|\s+will)\s+"
    r"(?!not\b|only\b|just\b|have\b|need\b|charge\b|tell\b|say\b|still\b|be\b)[a-z]+",
    re.IGNORECASE,
)
"""The plan going on after a "can't" clause in its own sentence ("... out to you tomorrow to clear it, and he'll look
at the wall"): what the agent's "can" heard "can't" is followed by (:func:`_plan_goes_on`). Only the one sent (he,
she, they, or "our / the <someone>": "..., and our fitter will take the old one away", c854's quiet call, session 37
L36; not the customer, the bank, the insurer): "we'll" / "I'll" after a refusal is as often the alternative offered
after it."""

_LIMITED = frozenset({"until", "till", "til", "earliest", "sooner", "before"})
"""Words that make the plan after a "can't" a limit on it ("can't get him out until Friday, and he'll ...")."""


def _plan_goes_on(text: str, m: Match) -> bool:
    """Whether match ``m`` of ``text`` holds a negated modal (:data:`_BARE_NEGATED`) and its own sentence goes on
    with the plan it would refuse, told as what someone will do ("I can't have a lad out to you tomorrow morning to
    clear it, and he'll look at the wall": c643's "I can have ..." heard with a "t", its verb heard surely), with no
    word of :data:`_ALTERNATIVE` or :data:`_LIMITED` in the sentence (session 30, L28)."""
    if not set(tokens(m.said)) & _BARE_NEGATED:
        return False
    s = sentence_of(text, m)
    if s is None:
        return False
    # the sentence goes on in the pieces a partial's full stops cut it into ("... kitchen tomorrow. by 10. And our
    # fitter will ...", c854): those that start in lower case or with "and" (session 37, L36)
    rest = list(s.spoken[m.end :])
    toks = set(s.tokens)
    for later in sentences(text)[m.sentence_index + 1 :]:
        first = later.text.lstrip()[:1]
        if not (first.islower() or first.isdigit() or (later.tokens[:1] == ("and",))):
            break
        rest += later.spoken
        toks |= set(later.tokens)
    if toks & (_ALTERNATIVE | _LIMITED):
        return False
    return _GOES_ON.search(" ".join(rest).replace(",", "")) is not None


_OFFER_ANNOUNCED = re.compile(
    r"\b(?:here'?s|here is|this is) what (?:i|we) can do\b|\bwhat (?:i|we) can do is\b"
    r"|\bwhat (?:i'll|we'll|i will|we will) do is\b",
    re.IGNORECASE,
)
"""The agent announcing an offer ("Here's what I can do.", "What we'll do is ..."): the next sentences are the offer
(:func:`_offer_follows`)."""


def _offer_follows(text: str, m: Match) -> bool:
    """Whether match ``m`` of ``text`` holds a negated modal (:data:`_BARE_NEGATED`) in one of the two sentences right
    after the agent announced an offer (:data:`_OFFER_ANNOUNCED`), with no word of :data:`_ALTERNATIVE` or
    :data:`_LIMITED` in its sentence: "Here's what I can do. I have a gas tandoor we lend out, and I can('t) have it in
    your kitchen tomorrow by ten" is the offer, its "can" heard "can't" (session 37, L36: c854's quiet call, nudged from
    the committed words before the plan after it was heard). "Here's what I can do: I can't refund it, but I can
    offer a voucher" names an alternative and still nudges."""
    if not set(tokens(m.said)) & _BARE_NEGATED:
        return False
    s = sentence_of(text, m)
    if s is None or set(s.tokens) & (_ALTERNATIVE | _LIMITED):
        return False
    before = sentences(text)[max(0, m.sentence_index - 2) : m.sentence_index]
    return any(_OFFER_ANNOUNCED.search(s.text) for s in before)


def _whole_sentence(text: str, sentence: str) -> Match:
    """A :class:`Match` spanning the whole sentence ``sentence`` of ``text`` (its first sentence when none
    is equal), so the nudge starts where that sentence was said."""
    offset = 0
    for i, s in enumerate(sentences(text)):
        if s.text == sentence:
            return Match("(meaning)", s.text, s.text, 0, len(s.spoken), i, offset)
        offset += len(s.spoken)
    return Match("(meaning)", sentence, sentence, 0, 0)


_GRAMMARS: dict[tuple[int, tuple[str, ...], tuple[str, ...]], tuple[RefusalGrammarWords, RefusalGrammar]] = {}
"""The refusal grammars built, by the identity of their (frozen) word classes and the slots' words, holding the word
classes (their id is not reused meanwhile)."""


def _refusal_grammar(
    words: RefusalGrammarWords, mishandled: tuple[str, ...], customer_side: tuple[str, ...]
) -> RefusalGrammar:
    """One :class:`RefusalGrammar` per configuration, shared by every call's rule (it keeps nothing of a call):
    building one (its word classes' inflections) was half of a :class:`LanguageCoach`'s start, ~0.5 ms, paid by
    each of the wording tests' ~16,000 fresh coaches (session 44, T3)."""
    key = (id(words), tuple(mishandled), tuple(customer_side))
    seen = _GRAMMARS.get(key)
    if seen is None or seen[0] is not words:
        if len(_GRAMMARS) >= 32:
            _GRAMMARS.clear()
        seen = _GRAMMARS[key] = (words, RefusalGrammar(words, mishandled, customer_side))
    return seen[1]


class PositiveLanguageRule:
    """Negative phrases (refusals, "it's policy", "I don't know", blame...) -> a positive rephrase.

    The phrase families are tried in configured order (most specific first); the first family with
    a non-excepted match fires; ``rephrase`` is that family's line to say instead. Where no family
    matches, the refusal grammar (:mod:`coach.language.refusal_grammar`, ``[positive_language.grammar]``)
    may find one from its parts: family ``grammar_refusal`` / ``grammar_blame``, the match's ``phrase``
    names the parts heard and so does the nudge's ``why``."""

    kind = "positive_language"

    def __init__(self, cfg: PositiveLanguage, slots: Mapping[str, tuple[str, ...]] | None = None) -> None:
        self.cfg = cfg
        self._fillers = frozenset(tokens(" ".join(cfg.unsure_fillers)))
        self._families = phrase_groups([rule.match for rule in cfg.phrases], slots, [r.at_start for r in cfg.phrases])
        self._exceptions = compile_patterns(cfg.exceptions, slots)
        mishandled = (slots or {}).get("mishandled", ())
        customer_side = (slots or {}).get("customer_side", ())
        self._grammar = _refusal_grammar(cfg.grammar, mishandled, customer_side) if cfg.grammar.on else None
        g = cfg.grammar
        self._grammar_rules = {
            kind: PhraseRule(family=f"grammar_{kind}", match=(), text=g.text, rephrase=g.rephrase)
            for kind in ("refusal", "blame")
        }
        self._dread = compile_patterns(("{customer_dread}",), slots) if (slots or {}).get("customer_dread") else None
        self._customer_before = ""  # the customer's last final turn (:meth:`on_customer`)
        self._use_blame = UseBlame(slots)
        self._fault_heard = False  # a customer final of this call named a fault (the use_blame family's piece (b))

    def on_customer(self, u: Utterance) -> None:
        """Remember the customer's final turn ``u``: a flat no that answers a fear it voiced is reassurance
        (:meth:`_answers_dread`), and whether it named a fault (a blame told as use answers one:
        :mod:`coach.language.use_blame`)."""
        self._customer_before = u.text
        self._fault_heard = self._fault_heard or self._use_blame.customer_fault(u.text)

    def _answers_dread(self, text: str, rule: PhraseRule, m: Match) -> bool:
        """Whether match ``m`` of agent turn ``text`` is a flat no opening the turn (the ``cant_do`` family that
        opens a sentence: "Not a chance.", "No way.") said nearly alone (at most :data:`_FLAT_NO_TAIL` words after
        it in its sentence), after a customer turn that voiced a fear for themselves (the ``customer_dread`` slot:
        "I honestly thought I'd have to give it up", "will I lose my place?"): the no answers the fear, it refuses
        nothing (session 34, L33: c713's "Not a chance." after "I honestly thought I'd have to give it up")."""
        if self._dread is None or not self._customer_before or not rule.at_start or rule.family != "cant_do":
            return False
        s = sentence_of(text, m) if m.sentence_index <= 1 else None
        if s is None or len(s.spoken) - m.end > _FLAT_NO_TAIL:
            return False
        return first_match(self._customer_before, self._dread) is not None

    def find(
        self, text: str, *, open_end: bool = False, heard: Utterance | None = None
    ) -> tuple[PhraseRule, Match] | None:
        """The first family with a match in ``text`` and that match, or else the grammar's finding
        (:meth:`find_by_grammar`, as a rule of family ``grammar_<kind>``), or ``None``. With ``heard``
        (the utterance ``text`` is from), a match with more words less sure than ``min_word_p`` than
        ``unsure_words`` allows, or whose words' mean probability is under ``min_mean_p``, does not
        count (:meth:`_sure`)."""
        return next(self.candidates(text, open_end=open_end, heard=heard), None)

    def candidates(
        self, text: str, *, open_end: bool = False, heard: Utterance | None = None
    ) -> Iterator[tuple[PhraseRule, Match]]:
        """Every match :meth:`find` could answer with, in its order: each family's sure matches in configured
        order, then each of the grammar's findings (as a rule of family ``grammar_<kind>``), lazily. The first is
        :meth:`find`'s; :meth:`on_agent` reads on past one its filters excuse (session 46, L45)."""
        found = find_grouped(text, self._families, exceptions=self._exceptions, open_end=open_end)
        for rule, matches in zip(self.cfg.phrases, found, strict=True):
            for m in matches:
                if heard is None or self._sure(heard, m):
                    yield rule, m
        for m, finding in self._grammar_findings(text, open_end=open_end, heard=heard):
            yield self._grammar_rules[finding.kind], m

    def _sure(self, u: Utterance, m: Match) -> bool:
        """Whether the words of match ``m`` were heard surely enough to nudge: at most ``unsure_words``
        of them (none in a phrase under three words) under ``min_word_p``, not counting ``unsure_fillers``
        (session 43, Q41: a small word heard unsurely was said twice as often as a content word), and their mean
        probability at least ``min_mean_p``; nor a last word of :data:`_LINKING_LAST` under ``min_word_p`` (session
        28, L24). A match without word probabilities counts as sure."""
        words = u.match_words(m)
        ps = [float(w["p"]) for w in words if w.get("p") is not None]
        allowed = self.cfg.unsure_words if len(ps) >= 3 else 0
        if ps and sum(ps) / len(ps) < self.cfg.min_mean_p:
            return False
        said = tokens(m.said)
        if ps and said and said[-1] in _LINKING_LAST and ps[-1] < self.cfg.min_word_p:
            return False  # the word that makes it a refusal is the unsure one
        unsure = [w for w in words if w.get("p") is not None and float(w["p"]) < self.cfg.min_word_p]
        return sum(not self._filler(str(w.get("w", ""))) for w in unsure) <= allowed

    def _filler(self, word: str) -> bool:
        """Whether the recogniser's ``word`` is one of ``unsure_fillers`` (all its tokens are)."""
        toks = tokens(word)
        return bool(toks) and set(toks) <= self._fillers

    def _verb_unsure(self, u: Utterance, m: Match) -> bool:
        """Whether ``m``, read from unfinished words (a partial's), holds a negated modal ("we can't") whose verb
        the recogniser has not yet heard surely: no word after it, or the next one under ``min_word_p``. A greedy
        partial hears "can" as "can't" with a garbled verb after it (c605: "we can't come alive" / "we can't
        check" at 0.33 and 0.07 for the final's "we can check"); such a refusal waits for the next decode or the
        final. Session 29 (L26): whether the modal ends the match or the unsure verb is the match's own action
        ("We can, yes." read "We can't address" by a partial, c664's kind): the grammar's action after a misheard
        "can't" is as often a garbled word. Word probabilities unknown: not unsure."""
        return not u.final and self._negation_unsure(u, m)

    def _gerund_after_modal(self, text: str, m: Match) -> bool:
        """Whether a negated modal of ``m`` (:data:`_BARE_NEGATED`) is followed in ``text`` by a word ending in "-ing"
        that is none of ``ing_verbs`` (the verbs whose bare form ends so: "can't bring"): a modal takes the bare verb,
        so "I can't cutting it" is a misheard word ("I kept cutting across you", c1006's partials; session 44, Q42).
        Over the scripts of c01-c1029 and the wording lists, the only "-ing" words after a negated modal are such
        verbs; over the transcripts of the tuning calls, c1006's partials alone have another. ``ing_verbs`` empty:
        never."""
        if not self.cfg.ing_verbs:
            return False
        toks = tokens(text)
        said = tokens(m.said)
        for i, t in enumerate(said):
            at = m.offset + m.start + i + 1
            if t in _BARE_NEGATED and at < len(toks):
                after = toks[at].lower()
                if after.endswith("ing") and after not in self.cfg.ing_verbs:
                    return True
        return False

    def _final_negation_unsure(self, u: Utterance, m: Match) -> bool:
        """Whether the refusal ``m`` of the final ``u`` is no refusal heard: its negated modal has no word or an unsure
        one after it and a later sentence offers the thing ("We can, yes. ... We can bring ..." heard "We can't
        address. ...": the turn disagrees). An unsure word after the modal alone is not enough in a final (session 30's
        L28 class, "We can't fitter."; session 44, Q42 left session 43's ``unsure_verb_final`` off for good and session
        45 removed it)."""
        return self._negation_unsure(u, m) and _offered_after(u.text, m)

    def _negation_unsure(self, u: Utterance, m: Match) -> bool:
        """Whether a negated modal of ``m`` (:data:`_BARE_NEGATED`) has no word after it in ``u`` or an unsure one
        (under ``min_word_p``): the refused action was not heard (:meth:`_verb_unsure`, :meth:`on_agent`)."""
        return self._action_under(u, m, self.cfg.min_word_p, said_last=True)

    def _verb_unheard(self, u: Utterance, m: Match) -> bool:
        """Whether a negated modal of ``m`` has a word after it in ``u`` (a final or a partial) heard under
        ``verb_min_p``: the refused action was not heard, so neither was the refusal (session 47, Q45: every
        "I can't" of the tuning calls' stored cues whose next word was under 0.55 was a misheard word, c1000's
        "I can't tell many" for "count", c1066's "I can't remove Friday" for "signed off ... Friday", c1077's
        "I can't hurt her" for "I can't bear to think of it"; the refusals caught were heard at 0.90 and up). A
        modal said last, or last in its clause (the recogniser's ".", ",", ...: "No, we can't. The manager ..."), is
        left to the other filters. ``verb_min_p`` 0: never."""
        return self.cfg.verb_min_p > 0 and self._action_under(u, m, self.cfg.verb_min_p, said_last=False)

    def _action_under(self, u: Utterance, m: Match, floor: float, *, said_last: bool) -> bool:
        """Whether a negated modal of ``m`` (:data:`_BARE_NEGATED`) is followed in ``u`` by a word heard under
        ``floor`` (:meth:`~coach.language.utterance.Utterance.word_after_under`)."""
        return u.word_after_under(m, _BARE_NEGATED, floor, said_last=said_last, clause_marks=_CLAUSE_MARKS)

    def find_by_grammar(
        self, text: str, *, open_end: bool = False, heard: Utterance | None = None
    ) -> tuple[Match, Finding] | None:
        """The first refusal or blame the grammar finds in ``text`` that no exception overlaps, and its
        words as a :class:`Match` (``phrase``: the finding explained), or ``None``. With ``open_end``
        (committed words, more to come), a finding in the sentence still being said counts only with
        at least two words after it and no exception that could still cover it; ``heard`` as in
        :meth:`find`."""
        return next(self._grammar_findings(text, open_end=open_end, heard=heard), None)

    def _grammar_findings(
        self, text: str, *, open_end: bool = False, heard: Utterance | None = None
    ) -> Iterator[tuple[Match, Finding]]:
        """Every finding :meth:`find_by_grammar` could answer with, in text order, lazily."""
        if self._grammar is None:
            return
        parts = sentences(text)
        offset = 0
        for index, s in enumerate(parts):
            toks = s.tokens
            ahead = (*toks, *parts[index + 1].tokens) if index + 1 < len(parts) else toks
            blocked = excepted_spans(self._exceptions, parts, index)
            for f in self._grammar.find(toks, question=s.text.rstrip().endswith("?")):
                if any(x < f.end and f.start < y for x, y in blocked):
                    continue
                if open_end and index >= len(parts) - 2 and self._exceptions.could_cover(ahead, f.start, f.end):
                    continue
                if open_end and index == len(parts) - 1 and f.end + 2 > len(toks):
                    continue
                x, y = s.spoken_span(f.start, f.end)
                m = Match(f.explain(), " ".join(s.spoken[x:y]), s.text, x, y, index, offset)
                if heard is None or self._sure(heard, m):
                    yield m, f
            offset += len(s.spoken)

    def on_agent(self, u: Utterance, *, hearing: bool = False) -> list[Nudge]:
        """The nudge for agent utterance ``u`` (a final, or a partial's committed words): the first of
        :meth:`candidates` that no filter of :meth:`_excused` excuses and that shares no word with one excused
        (the same words read by a later family or the grammar are the same mishearing or look-alike); none found,
        a final may still be read by meaning (:meth:`_by_meaning`). Before session 46 (L45) only the first
        candidate was judged: one excused hid a later refusal in the same turn. ``hearing``: ``u`` is only an earlier
        decode's hearing of the phrase another one nudges (``LanguageCoach._said_in``): its verb after a negated modal
        is not judged (:meth:`_verb_unheard`; the decode that nudges is). A ``use_blame`` match that does not stand
        (:meth:`coach.language.use_blame.UseBlame.stands`: no fault on the table, the cause taken on, or a partial) is
        passed over without excusing its words: another family or the grammar may still read them (session 56, L55)."""
        excused: list[tuple[int, int]] = []
        for rule, m in self.candidates(u.text, open_end=not u.final, heard=u):
            at, to = m.offset + m.start, m.offset + m.end
            if any(x < to and at < y for x, y in excused):
                continue
            if rule.family == USE_BLAME and not self._use_blame.stands(
                u.text, m, final=u.final, customer_said=self._fault_heard
            ):
                continue  # no fault on the table, or the cause taken on: read on (the same words may be another's)
            if self._excused(u, rule, m, hearing=hearing):
                excused.append((at, to))
                continue
            return [
                _wording_nudge(
                    self.kind,
                    u,
                    m,
                    text=rule.text,
                    severity=self.cfg.severity,
                    why=f"{self.cfg.why} Heard {m.phrase}." if rule in self._grammar_rules.values() else self.cfg.why,
                    rephrase=rule.rephrase,
                    family=rule.family,
                )
            ]
        return self._by_meaning(u) if not excused and u.final and self.cfg.model_threshold <= 1.0 else []

    def _excused(self, u: Utterance, rule: PhraseRule, m: Match, *, hearing: bool = False) -> bool:
        """Whether match ``m`` of ``rule`` in agent utterance ``u`` is no refusal to nudge: a look-alike or a
        mishearing read by one of the filters below, or a refusal the next decode decides (``hearing``: as
        :meth:`on_agent`)."""
        if self._answers_dread(u.text, rule, m):
            return True  # "Not a chance." to "I thought I'd have to give it up": reassurance
        if self._verb_unsure(u, m):
            return True  # the next decode, or the final, decides
        if not hearing and self._verb_unheard(u, m):
            return True  # "I can't hurt her" for "I can't bear to think of it": the refused action was not heard
        if self._gerund_after_modal(u.text, m):
            return True  # "I can't cutting it" for "I kept cutting": a modal takes the bare verb
        if u.final and self._final_negation_unsure(u, m):
            return True  # "We can, yes. ... We can bring ..." heard "We can't address. ...": the turn disagrees
        if _plan_goes_on(u.text, m):
            return True  # "I can't have a lad out ... and he'll look at ...": the sentence agrees with a "can"
        if _offer_follows(u.text, m):
            return True  # "Here's what I can do. ... I can't have it with you tomorrow": the offer, "can" heard "can't"
        if ask_heard(u, m) or ask_tail_heard(u, m):
            return True  # "There's nothing else I can do for you." heard unsurely: "Is there anything else ...?"
        return rule.family == "policy" and owned_fault(u.text, m)  # "that's our work" misheard

    def _by_meaning(self, u: Utterance) -> list[Nudge]:
        """The positive-language head's second opinion on a final no family matched
        (:func:`coach.language.positive_head.positive_by_meaning`: a sentence it rates at or over
        ``model_threshold`` -> a generic rephrase, ``basis`` "meaning"; none with a word heard under
        ``min_word_p``: the meaning of misheard words is a guess)."""
        from coach.language.positive_head import positive_by_meaning

        return positive_by_meaning(u, self.cfg)


class CalmDownRule:
    """The "calm down" family ("relax", "take it easy", "no need to shout"...) -> acknowledge the
    feeling instead (``suggestion`` is a line to say). ``closing`` (the call's closing rule's
    :meth:`~coach.language.closing.ClosingRule.closing_turn`) says whether an agent turn's words are said
    as the call closes: there a first sentence that is wholly a ``closing_openers`` phrase (a lone
    "Breathe.", the recogniser's "Great." before a goodbye) is no calm-down, nor such a last sentence ("... it's on
    its way tomorrow. Take it easy now.": :meth:`_lone_closer`)."""

    kind = "avoid_calm_down"

    def __init__(
        self,
        cfg: AvoidCalmDown,
        slots: Mapping[str, tuple[str, ...]] | None = None,
        closing: Callable[[str], bool] | None = None,
    ) -> None:
        self.cfg = cfg
        self._match = compile_patterns(cfg.match, slots)
        self._exceptions = compile_patterns(cfg.exceptions, slots)
        self._clause_exceptions = compile_patterns(cfg.clause_exceptions, slots)
        self._heard_exceptions = compile_patterns(cfg.heard_exceptions, slots)
        self._openers = compile_patterns(cfg.closing_openers, slots)
        self._closing = closing

    def find(self, text: str, *, open_end: bool = False, heard: str | None = None) -> Match | None:
        """The first non-excepted match in ``text`` (none in a lone closing opener, see the class, nor a name:
        :func:`~coach.language.calm_named.is_named`), or ``None``.
        ``heard_exceptions`` judge only words heard, whatever ``open_end`` (see :class:`AvoidCalmDown`): those of
        ``heard`` when given (all the words of the partial whose committed words, a prefix of them, are ``text``),
        else of ``text``."""
        found = find_phrases(text, self._match, exceptions=self._exceptions, open_end=open_end)
        found = [m for m in found if not is_named(m)]  # "the Easy Tiger armchair", "her name is Relax"
        if found and self.cfg.clause_exceptions:
            last = len(sentences(text)) - 1
            found = [m for m in found if not self._clause_excused(m, open_end and m.sentence_index == last)]
        if found and self.cfg.heard_exceptions:
            said = find_phrases(heard or text, self._match, exceptions=self._heard_exceptions)
            kept = {(k.sentence_index, k.start, k.phrase) for k in said}
            found = [m for m in found if (m.sentence_index, m.start, m.phrase) in kept]  # their words heard: excused
        lone = self._lone_opener(text) if found and found[0].sentence_index == 0 else 0
        found = [m for m in found if m.sentence_index > 0 or m.start >= lone]
        last = self._lone_closer(text) if found else None
        found = [m for m in found if m.sentence_index != last]
        return found[0] if found else None

    def _clause_excused(self, m: Match, open_end: bool) -> bool:
        """Whether a ``clause_exceptions`` pattern covers match ``m`` inside the clause (the piece of its sentence
        between commas) that holds it; a match across a comma is no clause's. ``open_end``: ``m``'s sentence is the
        last of a committed prefix, so its last clause may still grow into an exception (as :func:`find_phrases`)."""
        offset = 0
        pieces = m.sentence.split(",")
        for n, piece in enumerate(pieces):
            size = len(tokens(piece))
            if offset <= m.start and m.end <= offset + size:
                tail = open_end and n == len(pieces) - 1
                kept = find_phrases(piece, self._match, exceptions=self._clause_exceptions, open_end=tail)
                return not any(k.phrase == m.phrase and k.start == m.start - offset for k in kept)
            offset += size
        return False

    def excused(self, sentence: str) -> bool:
        """Whether ``sentence`` holds a wording of the family at all, exceptions aside: on an agent turn this rule
        left alone, the tables saw calm-down words there and their exceptions judged them a look-alike ("I'd never
        ask you to calm down", "grab the rail to steady yourself"), which the calm-down head leaves to them."""
        return bool(find_phrases(sentence, self._match))

    def _lone_opener(self, text: str) -> int:
        """When the agent turn ``text`` is said as the call closes and its first clause (up to a comma or a
        full stop) is wholly a ``closing_openers`` phrase (after fillers: "Oh, breathe."), that clause's
        length in tokens; else 0. ("Breathe, I'm lonely ..., just good bye." as c400's final wrote it: the
        comma is the recogniser's guess too.)"""
        if self._closing is None or not self.cfg.closing_openers:
            return 0
        parts = sentences(text)
        clause, size = "", 0
        for clause in re.split(r"[,;:]", parts[0].text) if parts else ():
            size += len(tokens(clause))
            if not set(tokens(clause)) <= _FILLERS:  # "Oh, breathe.": the clause after the fillers
                break
        m = first_match(clause, self._openers, at_start=True)
        return size if m is not None and m.end == len(tokens(clause)) and self._closing(text) else 0

    def _lone_closer(self, text: str) -> int | None:
        """When the agent turn ``text`` is said as the call closes and its last sentence, not its first, is wholly a
        ``closing_openers`` phrase (after fillers), that sentence's index; else ``None``: a farewell said as a sentence
        of its own after the business is done ("Alrighty, it's on its way tomorrow. Take it easy now.", c1057 as heard,
        session 46 C16), where a comma would have let the tables' "all set ... take it easy" exceptions see it."""
        parts = sentences(text)
        if self._closing is None or not self.cfg.closing_openers or len(parts) < 2:
            return None
        words = [w for w in tokens(parts[-1].text) if w.lower() not in _FILLERS]
        m = first_match(" ".join(words), self._openers, at_start=True)
        return len(parts) - 1 if m is not None and m.end == len(words) and self._closing(text) else None

    def on_agent(self, u: Utterance, heard: Utterance | None = None) -> list[Nudge]:
        """The nudge for the first calm-down in ``u`` (committed words, or a final); ``heard``: the partial whose
        committed words ``u`` are, its words after them read by ``heard_exceptions`` only."""
        m = self.find(u.text, open_end=not u.final, heard=heard.text if heard is not None else None)
        if m is None:
            return []
        c = self.cfg
        return [_wording_nudge(self.kind, u, m, text=c.text, severity=c.severity, suggestion=c.suggestion, why=c.why)]


class OverApologizingRule:
    """``count`` or more apologies by the agent within ``window_s`` -> one nudge, then the count restarts."""

    kind = "over_apologizing"

    def __init__(self, cfg: OverApologizing) -> None:
        self.cfg = cfg
        self._window = seconds_to_samples(cfg.window_s)
        self._seen: deque[tuple[int, str]] = deque()

    def on_agent(self, u: Utterance) -> list[Nudge]:
        for m in count_phrases(u.text, self.cfg.apologies):
            self._seen.append((u.start, m.said))
        while self._seen and self._seen[0][0] < u.end - self._window:
            self._seen.popleft()
        if len(self._seen) < self.cfg.count:
            return []
        first = self._seen[0][0]
        said = [s for _, s in self._seen]
        self._seen.clear()
        return [
            nudge(
                self.kind,
                self.cfg.text,
                self.cfg.severity,
                first,
                u.utt,
                said=said,
                count=len(said),
                window_s=self.cfg.window_s,
                since=samples_to_seconds(first),
                latest=excerpt(u.text),
                why=self.cfg.why,
            )
        ]

    def reset(self) -> None:
        self._seen.clear()
