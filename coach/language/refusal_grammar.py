"""Refusals and blame found from their parts: a small grammar over a sentence's tokens.

The phrase tables (``[[positive_language.phrases]]``) list wordings; each held-out part brought
wordings nobody had listed. This grammar finds the closed door from its grammar instead, so a refusal
in new words is caught when its parts are ordinary ones (word classes in ``phrases.toml``,
``[positive_language.grammar]``, :class:`~coach.language.config.RefusalGrammarWords`, and the grammar's own finer
classes in ``refusal_words.toml`` beside this module, :data:`WORDS_FILE`):

- **refusal**: a *negation* (not, n't, never, no way, no chance, nothing, nobody, unable, refuses...),
  then only *bridge* words (auxiliaries, pronouns, "going to be", "able to", "something I'm allowed
  to"; at most one other word, right after a determiner: "not a *claim* we'd accept"), then an
  *action* (cover, refund, waive, accept, allow, agree, take ... off, pay for...), a *state* (possible,
  eligible, refundable) or, after "no", a *thing refused* (no refund, no compensation). The *subject*
  before the negation may be the agent, the company or someone else, but not the customer ("so you
  can't log in?" is a mirror), and a subject "it/that/this/there" takes an action only in the passive
  ("that won't be covered"; "it won't change your bill" is information) unless a *hedge* ("I'm
  afraid", "unfortunately", "sorry, but") marks the sentence as a refusal.
- **blame**: fault pointed away ("that's the courier's fault", "the bank's mess"; "..., not us / not
  ours / not our network"; "<someone> messed it up") or put on the customer ("you should have
  kept...", "if you'd called sooner we could have...", "you were told...", "you missed the payment, so...").

Session 12 (P3) widened it by families: permission refused ("the bank won't *let us* reverse it"), everyday
verbs of giving and doing that refuse only with a word of will or ability or a thing after them ("we
aren't prepared to *send* another engineer", "we don't *give* credit"), a limit of cover ("*outside* what
we cover", "falls *outside* the warranty") and a fault denied as the company's ("none of that is *our
fault*").

Nothing fires in a question, after a condition ("if / unless / whether ... can't") or before a
limit ("we won't close it *without* asking you"), nor where the rule's exceptions (empathy,
reassurance: "no problem", "I can't believe...") overlap the match; :class:`PositiveLanguageRule`
checks those. Each :class:`Finding` names its parts, so a nudge can say why it fired.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from coach.asr.textnorm import edit_distance
from coach.language.config import RefusalGrammarWords
from coach.language.patterns import word_tokens


class Entries(tuple):
    """A word class's phrases as token tuples (a tuple of them, in their order) with an index by first word:
    ``starting[word]`` the entries that start with ``word``, in the same order, so that
    :meth:`RefusalGrammar._at` tries only those at a token instead of every entry (the scan was two thirds of the
    grammar's time: session 45, T4; session 46, T5). An empty entry ends the index: the plain scan stopped at it,
    matching nothing after it."""

    starting: dict[str, tuple[tuple[str, ...], ...]]

    def __new__(cls, items: Iterable[tuple[str, ...]] = ()) -> Entries:
        self = super().__new__(cls, items)
        index: dict[str, list[tuple[str, ...]]] = {}
        for e in self:
            if not e:
                break
            index.setdefault(e[0], []).append(e)
        self.starting = {word: tuple(es) for word, es in index.items()}
        return self


MAX_BRIDGE = 7
"""Tokens at most between a negation and its action ("not something I'm allowed to agree to": 5)."""
MAX_PARTICLE_GAP = 3
"""Tokens at most between a particle verb and its particle ("take those late charges off")."""
LOOK_BACK = 6
"""Tokens before a negation searched for its subject and for a condition ("if", "unless")."""
TAIL = 4
"""Tokens after an action searched for a limit ("without", "until")."""

HYPOTHESIS_BACK = 4
"""Tokens at most between a :data:`CONDITIONAL` word and the "<someone>'s" of a fault it supposes."""

NONE_THE = ("none", "the")
""""none" straight before "the" is no refusal without a hedge: the idiom ("none the less, we can do that", "you'll be
none the worse for it") or the recogniser's piece of another word ("I think the underwriter can do better" heard "I
think none the writer can do it"); the refusing "none" takes "of" ("none of the engineers can do it this week")."""
HEARD_PREFIX = 4
"""First letters a heard form of a mishandling verb shares with it (:meth:`RefusalGrammar._mishandling`)."""

CAUSE_SPAN = 9
"""Tokens at most between a cause link and the customer's doing it names."""
WRONG_SPAN = 8
"""Tokens at most from the customer's doing to the "wrong" of how it was done ("you've plugged *the telescope motor into
the* wrong port": 6; session 40, L39)."""
REQUEST_SPAN = 9
"""Words at most in the subject of a closed door that names a thing asked for ("swapping the drum kit for a different
colour just": 9)."""
BACK_SPAN = 12
"""Tokens at most between the customer's doing and a link back to it ("you've been running it flat out on the
hottest wash, that's what's shrunk it": 10)."""


WORDS_FILE = Path(__file__).with_name("refusal_words.toml")
"""The grammar's word classes, one key a class (the constant's name in lower case), each with what it is for: their
one home beside ``phrases.toml``'s ``[positive_language.grammar]`` (moved there from this module in session 38)."""
_WORDS = tomllib.loads(WORDS_FILE.read_text(encoding="utf-8"))


def _words(key: str) -> frozenset[str]:
    """The word class ``key`` of :data:`WORDS_FILE` as a set of words."""
    return frozenset(_WORDS[key])


def _phrases(key: str) -> Entries:
    """The phrases of ``key`` as token tuples, in the order written."""
    return Entries(tuple(t.split()) for t in _WORDS[key])


def _listed(key: str) -> Entries:
    """The phrases of ``key`` as token tuples, longest first (so "will not be" wins over "will not")."""
    return Entries(sorted(_phrases(key), key=len, reverse=True))


def _table(key: str) -> dict[str, str]:
    """The table ``key``: a word and the words it takes."""
    return dict(_WORDS[key])


# The word classes (see refusal_words.toml for what each is for).
ARTICLES = _words("articles")
EXISTENTIAL = _words("existential")
LET = _words("let")
OBJECTS = _words("objects")
AFFIRMED = _words("affirmed")
FLAT_NOPE = _words("flat_nope")
CAUSE_FRAME = _words("cause_frame")
CAUSE_SKIP = _words("cause_skip")
HEARD_YOU = _words("heard_you")
GUESSES = _words("guesses")
CONDITIONAL = _words("conditional")
DAMAGE = _words("damage")
DONE_IT = _phrases("done_it")
COPULAS = _words("copulas")
GAVE_OUT = _words("gave_out")
CAUSE_HEADS = _phrases("cause_heads")
POINTED_BACK = _words("pointed_back")
BACK_LINKS = _words("back_links")
DEICTIC_EFFECT = _words("deictic_effect")
AWAY_PREPOSITIONS = _words("away_prepositions")
NOT_DOING = _words("not_doing")
DOINGS = _words("doings")
HANDLED = _words("handled")
PASSIVE_AUX = _words("passive_aux")
PERSONS = _words("persons")
PAY_WORDS = _words("pay_words")
HYPERBOLE = _phrases("hyperbole")
WAVE = _words("wave")
CHARGES = _words("charges")
REFUSING = _words("refusing")
PAYMENT_MEANS = _words("payment_means")
REFUSING_PARTICLES = _table("refusing_particles")
RULE_NOUNS = _words("rule_nouns")
REFUSER = _words("refuser")
SUBJECT_SKIP = _words("subject_skip")
WOULD_NOT = _words("would_not")
OPTION_STATES = _words("option_states")
ANSWERABLE = _words("answerable")
TAKEN_ON = _listed("taken_on")
OMITTING = _listed("omitting")
DILIGENT = _words("diligent")
SWITCHED = _words("switched")
TOLD_WHOM = _words("told_whom")
BLAME_SUBJECT_SKIP = _words("blame_subject_skip")
EMPATHY_FRAMES = _listed("empathy_frames")
EMPATHY_AFTER = Entries(EMPATHY_FRAMES + _listed("empathy_after"))
TAMPER = _words("tamper")
TAMPER_NEEDS = _table("tamper_needs")
NO_ONE = _listed("no_one")
GETS = _listed("gets")
GIVEN_KIND = _words("given_kind")
SAY_NO_WILL = _listed("say_no_will")
REFUSED_TAIL = _words("refused_tail")
TAIL_AFTER = _words("tail_after")
DENIED_TO_YOU = _listed("denied_to_you")
RECEIVING = _words("receiving")
VALUE_WORDS = _words("value_words")
PROMISED_OFF = _words("promised_off")
ANSWER_NOUNS = _words("answer_nouns")
NO_AFTER = _words("no_after")
RULE_SAY = _words("rule_say")
RULE_BY = _listed("rule_by")
RULE_ALSO = _words("rule_also")
LOSS = _words("loss")
UNDONE = _words("undone")
FAVOUR = _listed("favour")
FAULT_AT = _words("fault_at")
WRONG_WAY = _listed("wrong_way")
IRREPLACEABLE = _words("irreplaceable")
CONTACT = _listed("contact")
OMIT_STOP = _words("omit_stop")
RULE_STATED = _words("rule_stated")
OPEN_SUBJECTS = _words("open_subjects")
OPEN_ABILITY = _words("open_ability")
OPEN_WILL = _words("open_will")
OPEN_BEFORE_NOT = _table("open_before_not")
OPEN_OPENERS = _words("open_openers")
OPEN_SKIP = _words("open_skip")
OPEN_NOT_VERBS = _words("open_not_verbs")
OPEN_PROMISED = _words("open_promised")
OPEN_OBJECTS = _words("open_objects")
OPEN_ALTERNATIVE = _words("open_alternative")
OPEN_OFFERING = _words("open_offering")
OPEN_QUIET_AFTER = _words("open_quiet_after")
PASS_AFTER = _words("pass_after")
PASS_NOUN_BEFORE = _words("pass_noun_before")
PASS_GRADE = _words("pass_grade")
NO_ON = _listed("no_on")
THING_EXTRA = _listed("thing_extra")
HAND_ON = _listed("hand_on")
HAND_OFF = _listed("hand_off")
THIRD_PARTY = _words("third_party")
HAND_ON_NEED = _listed("hand_on_need")
HAND_ON_BEFORE = _words("hand_on_before")
RULE_IS = _words("rule_is")
RULE_NO_QUIET = _words("rule_no_quiet")
ONLY_UNDONE = _words("only_undone")
CLOSED_DOOR_SUBJECTS = _words("closed_door_subjects")
CLOSED_DOOR_NEGATIONS = _listed("closed_door_negations")
CLOSED_DOOR_SKIP = _words("closed_door_skip")
CLOSED_DOOR_QUIET = _words("closed_door_quiet")
CLOSED_DOOR_TAIL = _words("closed_door_tail")
CLOSED_DOOR_NOT_AFTER = _words("closed_door_not_after")
REMIT = _words("remit")
REMIT_QUIET_AFTER = _words("remit_quiet_after")
REMIT_NEGATIONS = _words("remit_negations")
CLEFT_FRAMES = _listed("cleft_frames")
CLEFT_LINKS = _words("cleft_links")
CLEFT_MODIFIERS = _words("cleft_modifiers")
FAULT_DENIED_NOUNS = _words("fault_denied_nouns")
FAULT_DENIED_NEGATIONS = _words("fault_denied_negations")
TAUTOLOGY_NOUNS = _words("tautology_nouns")
NEW_CLAUSE = _words("new_clause")
PASS_REQUEST = _words("pass_request")
SOMETHING_QUIET = _words("something_quiet")
RULE_THEN_NO = _words("rule_then_no")
SOMETHING_BRIDGE = _words("something_bridge")
DECLINE_GRADES = _words("decline_grades")
DECLINE_NOUNS = _words("decline_nouns")
NO_ANY = _words("no_any")
SAYING = _words("saying")
REFLEXIVE_DOINGS = _words("reflexive_doings")
REFLEXIVE_OBJECTS = _words("reflexive_objects")
REFLEXIVES = _words("reflexives")
OWN_DOING = _words("own_doing")
PASSIVE_REFUSING = _words("passive_refusing")
PASSIVE_REFUSING_PARTICLES = _listed("passive_refusing_particles")
PASSIVE_REFUSING_QUIET = _words("passive_refusing_quiet")
BAN_NOUNS = _words("ban_nouns")
IMPOSSIBLE_NOUNS = _listed("impossible_nouns")
OFFERED_NOUNS = _words("offered_nouns")
NOTHING_WORDS = _words("nothing_words")
HOLD_BREATH = _listed("hold_breath")
BREATH_INSTRUCTION = _words("breath_instruction")
REQUEST_HEADS = _words("request_heads")
REQUEST_MARKS = _words("request_marks")
REQUEST_PHRASES = _listed("request_phrases")
REQUEST_GERUNDS = _words("request_gerunds")
REQUEST_BREAKERS = _words("request_breakers")
REQUEST_ADVERBS = _words("request_adverbs")
REQUEST_CLOSED = _listed("request_closed")
HOW_WE_HEADS = _words("how_we_heads")
HOW_WE_SUBJECTS = _words("how_we_subjects")
HOW_WE_QUIET = _words("how_we_quiet")
WHAT_HAPPENS = _listed("what_happens")
WHAT_HAPPENS_LINKS = _words("what_happens_links")
WHAT_HAPPENS_QUIET = _words("what_happens_quiet")
ONLY_WHEN_HEADS = _listed("only_when_heads")
ONLY_WHEN_LINKS = _words("only_when_links")
ONLY_WHEN_MANNER = _listed("only_when_manner")
ONLY_WHEN_SPAN = 6
"""Tokens after an "only when" head within which the mishandling must start (:meth:`RefusalGrammar._only_when`)."""
SAME_ANSWER = _words("same_answer")
BOTCH_VERBS = _words("botch_verbs")
BOTCH_NOUNS = _words("botch_nouns")
CLEAR_RULES = _words("clear_rules")
CLEAR_DEGREE = _words("clear_degree")
SOMEONE = _words("someone")
INSINUATING = _words("insinuating")
NOT_US = _words("not_us")
WOULD_SHORT = _words("would_short")
THATS_THAT = _listed("thats_that")
A_THING = _words("a_thing")
ONE_FOR_WHOM = _words("one_for_whom")
ONE_FOR_QUIET = _words("one_for_quiet")
ONLY_WORDS = _words("only_words")
YOUR_SIDE = _words("your_side")
NOT_IN = _words("not_in")
TAG_AUXES = _words("tag_auxes")
TAG_PERSONS = _words("tag_persons")
PERIOD_NOUNS = _words("period_nouns")
PERIOD_TAILS = _words("period_tails")
NO_POWER = _words("no_power")
NO_POWER_HEADS = _listed("no_power_heads")
THEIRS_QUIET = _words("theirs_quiet")
SOMETHING_NOT = _words("something_not")
SOMETHING_DONE = _words("something_done")
DONE_QUIET = _words("done_quiet")
ON_WHOEVER = _listed("on_whoever")
WHOEVER_DID = _words("whoever_did")
IMPOSSIBLE_GRADES = _words("impossible_grades")


def _entries(words: Iterable[str]) -> Entries:
    """Word-class entries as token tuples, longest first (so "no way" wins over "no")."""
    return Entries(sorted({word_tokens(w) for w in words if word_tokens(w)}, key=len, reverse=True))


def inflections(verb: str) -> set[str]:
    """``verb`` and its regular forms: -s, -ed, -ing, -able ("refund": refunds, refunded, refunding,
    refundable; "waive": waived, waiving; "cover": covered, covering). Irregular forms are listed in
    the word class itself ("taken", "paid")."""
    stem = verb[:-1] if verb.endswith("e") else verb
    forms = {verb, verb + "s", stem + "ed", stem + "ing", stem + "able"}
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    if verb.endswith("e"):
        forms |= {verb + "d"}
    return forms


@dataclass(frozen=True, slots=True)
class Finding:
    """A refusal or blame in a sentence: ``kind`` ("refusal" or "blame"), ``start``/``end`` the token
    range it spans (end exclusive), ``parts`` its named parts as ``(role, words)`` in reading order
    (roles: subject, negation, action, state, thing, hedge, fault, away, customer, counterfactual)."""

    kind: str
    start: int
    end: int
    parts: tuple[tuple[str, str], ...]

    def explain(self) -> str:
        """The parts as one line for a nudge's ``why``: 'refusal: negation "won't" + action "cover"'."""
        return f"{self.kind}: " + " + ".join(f'{role} "{words}"' for role, words in self.parts)


def _refusal(i: int, said: tuple[str, str, str], target: tuple[str, str], end: int) -> Finding:
    """A refusal whose negation starts at token ``i`` and whose ``target`` (role, words) ends before
    ``end``; ``said`` is its (hedge, subject, negation), the first two possibly "" (the subject, when
    there is one, is the token before the negation)."""
    hedge, subject, negation = said
    parts = [("hedge", hedge), ("subject", subject), ("negation", negation), target]
    return Finding("refusal", max(0, i - (1 if subject else 0)), end, tuple((r, w) for r, w in parts if w))


class RefusalGrammar:
    """The grammar of :mod:`coach.language.refusal_grammar` over the word classes ``words``."""

    def __init__(
        self, words: RefusalGrammarWords, mishandled: Iterable[str] = (), customer_side: Iterable[str] = ()
    ) -> None:
        """``mishandled``: single-word forms of what a customer does to a thing by mishandling it (the
        ``mishandled`` slot of ``phrases.toml``: "dropped", "overfilled"), for the cause put on the
        customer as heard (:meth:`_caused_by_you`); ``customer_side``: who is on the customer's side (the
        ``customer_side`` slot: "kids", "builder", "dog"), for a cause put on them (:meth:`_cause`) and for a
        person whose news a flat no greets (:meth:`_flat_no`)."""
        w = words
        self.mishandled = frozenset(m for m in mishandled if m.isalpha())
        self.customer_side = frozenset(c for c in customer_side if c.isalpha())
        self.negations = _entries(w.negations)
        self.no_words = frozenset(w.no_words)
        self.bridge = frozenset(w.bridge)
        self.determiners = frozenset(w.determiners)
        self.actions = frozenset(f for verb in w.actions for f in inflections(verb)) | frozenset(w.irregular)
        self.particles = {
            form: frozenset(pv.split()[1:])
            for pv in w.particle_actions
            for verb in pv.split()[0].split("/")
            for form in inflections(verb)
        }
        self.states = frozenset(f for s in w.states for f in inflections(s) if s.isalpha()) | frozenset(w.states)
        self.things = frozenset(w.things)
        self.customer = frozenset(w.customer)
        self.customer_refused = frozenset(w.customer_refused)
        self.deictic = frozenset(w.deictic)
        self.passive = frozenset(w.passive)
        self.conditions = _entries(w.conditions)
        self.limits = frozenset(w.limits)
        self.hedges = _entries(w.hedges)
        self.fault_nouns = frozenset(w.fault_nouns)
        self.not_possessors = frozenset(w.not_possessors)
        self.away = _entries(w.away)
        self.not_after = frozenset(w.not_after)
        self.messed = frozenset(w.messed)
        self.first_person = frozenset(w.first_person)
        self.should = _entries(w.should)
        self.told = frozenset(w.told)
        self.customer_acts = frozenset(w.customer_acts)
        self.participles = frozenset(w.participles)
        self.expected = frozenset(w.expected)
        self.agent_only = frozenset(f for verb in w.agent_only_actions for f in inflections(verb))
        self.modal_negations = frozenset(w.modal_negations)
        self.modals = frozenset(w.modals)
        self.possession = frozenset(w.possession)
        self.openers = frozenset(w.openers)
        self.not_gerunds = frozenset(w.not_gerunds)
        self.weak_actions = frozenset(
            form for entry in w.weak_actions for form in (*inflections(entry.split("/")[0]), *entry.split("/")[1:])
        )
        self.will_words = frozenset(w.will_words)
        self.private = frozenset(w.private)
        self.promises = frozenset(w.promises)
        self.scope_words = frozenset(w.scope_words)
        self.scope_nouns = frozenset(w.scope_nouns)
        self.includes = frozenset(w.includes)
        self.ability_negations = frozenset(w.ability_negations)
        self.reassured = frozenset(w.reassured)
        self.flat_no = _entries(w.flat_no)
        self.closed = frozenset(w.closed)
        self.deflected = frozenset(w.deflected)
        self.deflecting_frames = frozenset(w.deflecting_frames)
        self.fault_away = Entries(e for e in self.away if len(e) > 1 and e[-1] in self.fault_nouns)

    # -- helpers -------------------------------------------------------------------------------------

    @staticmethod
    def _at(toks: Sequence[str], i: int, entries: Entries) -> int:
        """The length of the first entry of ``entries`` (the longest where they are sorted so) that starts at
        ``toks[i]`` (0: none, and for an ``i`` outside ``toks``, negative too: no caller counts from the end). Reads
        only the entries indexed under ``toks[i]``: ``entries`` is an :class:`Entries`, as every word class of this
        module and of the grammar is (a plain tuple has no index and raises ``AttributeError``; session 47, R11: the
        plain scan kept for it beside the index since session 46 had no caller)."""
        if not 0 <= i < len(toks):
            return 0
        for e in entries.starting.get(toks[i], ()):
            if tuple(toks[i : i + len(e)]) == e:
                return len(e)
        return 0

    def _has(self, toks: Sequence[str], entries: Entries, lo: int = 0, hi: int | None = None) -> str:
        """The first entry of ``entries`` found in ``toks[lo:hi]`` (as words), or ""."""
        hi = len(toks) if hi is None else hi
        for i in range(max(lo, 0), hi):
            n = self._at(toks, i, entries)
            if n:
                return " ".join(toks[i : i + n])
        return ""

    def _participle(self, tok: str) -> bool:
        """A past participle of something the customer did ("kept", "cancelled"; not "received")."""
        return tok not in self.expected and (tok in self.participles or (len(tok) > 4 and tok.endswith("ed")))

    def _activity_subject(self, toks: Sequence[str]) -> bool:
        """The sentence opens on an -ing word ("shouting at me isn't going to fix it"): an activity
        is the subject, the futility frame of the calm-down family, not a refusal."""
        first = next((t for t in toks if t not in self.openers), "")
        gerund = len(first) > 4 and first.endswith("ing") and first not in self.not_gerunds
        return gerund and not self._agent_gerund(first)

    def _agent_gerund(self, tok: str) -> bool:
        """Whether the -ing word ``tok`` is one of the agent's actions ("*refunding* the deposit is simply not an
        option", "*reopening* the claim isn't possible"): a request refused, not the futility frame of the calm-down
        family ("shouting at me won't fix it"). Everyday verbs ("doing nothing isn't an option") do not count; a
        doubled consonant is undone ("swapping")."""
        doubled = tok[:-4] + "ing" if len(tok) > 6 and tok[-4] == tok[-5] else tok
        return any(t in self.actions or t in self.agent_only for t in (tok, doubled))

    def _activity_before(self, toks: Sequence[str], i: int) -> bool:
        """An -ing word is the subject of the negation at ``i`` ("try and relax, getting angry won't make it
        come quicker"): the futility frame of the calm-down family mid-sentence. Searched back at most
        :data:`LOOK_BACK` tokens, stopping at the agent, the customer or "it / that" as a subject ("looking
        at it, we can't refund that" refuses; "shouting at me won't..." does not: :data:`OBJECTS`)."""
        for k in range(i - 1, max(0, i - LOOK_BACK) - 1, -1):
            t = toks[k]
            if t not in OBJECTS and (t in self.first_person or t in self.customer or t in self.deictic):
                return False
            noun = k > 0 and toks[k - 1] in self.determiners  # "the booking can't be amended"
            noun = noun or (k > 1 and toks[k - 2] in ARTICLES)  # "a second reading is not possible" (c364; L39)
            if len(t) > 4 and t.endswith("ing") and t not in self.not_gerunds and not noun:
                return not self._agent_gerund(t)
        return False

    # -- refusals ------------------------------------------------------------------------------------

    def _subject(self, toks: Sequence[str], i: int) -> str:
        """The word before the negation at ``i`` that tells who refuses: the nearest token before it
        that is not an adverb-like bridge word ("we just don't", "that's never"), or "" at the start."""
        j = i - 1
        while j >= 0 and toks[j] in self.bridge and toks[j] not in self.customer and toks[j] not in self.deictic:
            if toks[j] in self.first_person:
                return toks[j]
            j -= 1
        return toks[j] if j >= 0 else ""

    def _target(self, toks: Sequence[str], j: int) -> tuple[str, int, int] | None:
        """The action, state or thing refused at ``toks[j]``: ``(role, first, end)`` token range, or
        ``None``. A particle verb needs its particle within :data:`MAX_PARTICLE_GAP` tokens."""
        tok = toks[j]
        if tok in self.particles:
            for k in range(j + 1, min(j + 2 + MAX_PARTICLE_GAP, len(toks))):
                if toks[k] in self.particles[tok]:
                    return "action", j, k + 1
        if tok in self.actions:
            return "action", j, j + 1
        if tok in WAVE and CHARGES & set(toks[j + 1 : j + 5]):
            return "action", j, j + 1  # "waive" heard "wave", before the charge it waives
        if tok in self.states or tok in ANSWERABLE or (tok in OPTION_STATES and toks[j - 1] in ("a", "an")):
            return "state", j, j + 1
        if tok in self.things:
            return "thing", j, j + 1
        return None

    def _refusals(self, toks: Sequence[str], hedge: str) -> list[Finding]:
        out = []
        i = 0
        while i < len(toks):
            n = self._at(toks, i, self.negations)
            if not n:
                i += 1
                continue
            found = self._refusal_at(toks, i, n, hedge)
            if found is not None:
                out.append(found)
                i = found.end
            else:
                i += n
        return out

    def _refusal_at(self, toks: Sequence[str], i: int, n: int, hedge: str) -> Finding | None:
        """A refusal whose negation spans ``toks[i:i+n]``, or ``None``."""
        if self._has(toks, self.conditions, i - LOOK_BACK, i):
            return None
        if self._activity_before(toks, i):
            return None
        if i >= 2 and toks[i - 1] in ("that", "which") and toks[i - 2] in IRREPLACEABLE:
            return None  # "something that can't be bought again": feeling, not a refusal (c833)
        subject = self._subject(toks, i)
        negation = " ".join(toks[i : i + n])
        if not subject and negation in ("don't", "never"):
            return None  # an instruction: "don't cancel the direct debit", "never share your PIN"
        if negation.endswith("n't") and toks[i + n : i + n + 1] and toks[i + n] in NEW_CLAUSE:
            return None  # "don't, I'll send someone", "doesn't will come off your bill": another clause (c868, c870)
        if negation == NONE_THE[0] and tuple(toks[i + n : i + n + 1]) == NONE_THE[1:] and not hedge:
            return None  # "none the less / the wiser", or "the underwriter" heard "none the writer" (NONE_THE)
        free = 0  # words outside the bridge so far (at most one, right after a determiner)
        passive = False
        agent = subject in self.first_person  # "there's no way *we'd* take those off": the agent refuses
        # "that's not *something* the bank will agree to": a request judged, whoever will not do it
        agent = agent or toks[i + n : i + n + 1] in (("something",), ("anything",))
        j = i + n
        while j < len(toks) and j - (i + n) <= MAX_BRIDGE:
            part = self._part_of(toks, j) if self._verb_negation(negation) else 0
            if part:
                if subject in self.customer:
                    return None  # "so you're not part of the scheme?": the agent mirroring the customer
                return _refusal(i, (hedge, subject, negation), ("limit", " ".join(toks[j:part])), part)
            target = self._target(toks, j)
            if target is not None and target[0] == "action" and toks[j - 1] in ARTICLES:
                # "not a change I can make": a noun after an article, not the verb; but a thing refused
                # after a flat "no" ("zero chance of a refund") is that thing
                target = ("thing", j, j + 1) if toks[j] in self.things and negation in self.no_words else None
            if target is None and passive and self._passive_refused(toks, i, n, j):
                target = ("action", j, j + 1)  # "the scaffold can't be left up", "those seats can't be swapped"
            if target is not None:
                role, a, b = target
                if toks[a] in self.things and negation in self.no_words:
                    role = "thing"  # "there's no possibility of a partial refund"
                # "we no can give the money back": a flat "no" before a modal negates the modal (pidgin "cannot")
                no_modal = negation == "no" and toks[i + n : i + n + 1] and toks[i + n] in self.modals
                # "there's no getting that back": "no" + a doing's -ing form straight after it (session 40, L39, c925)
                no_doing = negation == "no" and role == "action" and a == i + n and toks[a].endswith("ing")
                if (
                    negation == "no"
                    and not no_modal
                    and not no_doing
                    and (role != "thing" or (i > 0 and toks[i - 1] in self.possession))
                ):
                    return None  # "the plan has no guaranteed rate", "we have no refunds pending": reports
                if negation in self.modal_negations and not any(t in self.modals for t in toks[i + n : a]):
                    return None  # "nothing has changed": a report, not a refusal
                if toks[a] in self.agent_only and not (passive or agent) and toks[a] not in self.states:
                    return None  # "the site doesn't change anything": information; "not returnable" is a state
                if role == "thing" and negation not in self.no_words:
                    return None
                if subject in self.customer and toks[a] not in self.customer_refused:
                    return None  # "so you can't log in?": the agent mirroring the customer
                there_is = subject in EXISTENTIAL and negation in self.no_words and negation != "no"
                if role == "action" and subject in self.deictic and not (passive or agent or hedge or there_is):
                    return None  # "it won't change your bill": information, not a refusal
                if self._limited(toks, b):
                    return None  # "we won't close it without asking you"
                if toks[a] in ANSWERABLE:
                    if self._has(toks, TAKEN_ON, b):
                        return None  # "the courier isn't responsible, we are": the company taking it on
                    # its span runs over the words that may take it on, so committed words wait for them
                    return _refusal(i, (hedge, subject, negation), (role, toks[a]), min(len(toks), b + 4))
                return _refusal(i, (hedge, subject, negation), (role, " ".join(toks[a:b])), b)
            tok = toks[j]
            if tok in LET and toks[j + 1 : j + 2] in (("us",), ("me",)) and j + 2 < len(toks):
                if negation in self.no_words and j == i + n:
                    return None  # "oh no, let me pull it up": dismay, then the agent's offer (c843)
                if subject in self.customer or self._limited(toks, j + 2):
                    return None  # "so they won't let you in?", "they won't let us book until Monday"
                return _refusal(i, (hedge, subject, negation), ("permission", f"{tok} {toks[j + 1]}"), j + 2)
            if tok in self.weak_actions and self._weak_refusal(toks, i, j):
                if subject in self.customer or (subject in self.deictic and not (passive or agent or hedge)):
                    return None
                if passive and tok in self.reassured:
                    return None  # "your no-claims discount won't be touched / given out": protection (L39)
                return _refusal(i, (hedge, subject, negation), ("action", tok), j + 1)
            passive = passive or tok in self.passive
            agent = agent or tok in self.first_person
            if tok in self.customer:
                return None  # "there's no way you could have known"
            if tok not in self.bridge:
                if free or not (toks[j - 1] in self.determiners or self._no_kind_of(toks, i, n, j)):
                    return None
                free += 1
            j += 1
        return None

    def _no_kind_of(self, toks: Sequence[str], i: int, n: int, j: int) -> bool:
        """Whether ``toks[j]`` is one word of kind between a flat "no" at ``toks[i:i+n]`` and a thing refused right
        after it ("no *cash* refunds on the wine club", "no *partial* refund": session 40, L39), so the grammar lets it
        through as it does one word after a determiner."""
        return j == i + n and toks[i] in self.no_words and toks[j + 1 : j + 2] != () and toks[j + 1] in self.things

    def _limited(self, toks: Sequence[str], lo: int) -> bool:
        """A limit word in ``toks[lo:lo+TAIL]`` that makes the refusal a promise ("we won't close it *without* asking
        you"); not one whose next three words name a payment (:data:`PAY_WORDS`: "without a further payment")."""
        for k in range(max(lo, 0), min(lo + TAIL, len(toks))):
            if toks[k] in self.limits and not (toks[k] == "without" and PAY_WORDS & set(toks[k + 1 : k + 4])):
                return True
        return False

    def _verb_negation(self, negation: str) -> bool:
        """Whether ``negation`` negates a verb ("isn't", "are not", "never"), not a flat "no / nope" or a
        "nothing / nobody" ("nope, that's all part of your plan" is good news)."""
        return negation not in self.no_words and negation not in self.modal_negations and negation != "nope"

    def _part_of(self, toks: Sequence[str], j: int) -> int:
        """The end of "part of" + a cover at ``toks[j]`` ("part of your plan", "part of the basic package",
        "part of what we cover"), or 0: determiners and bridge words between, at most one other word right
        after a determiner ("your *travel* cover"); the cover is a ``scope_nouns`` word or "what" + who
        covers + an action (:meth:`_what_covered`). After a verb's negation this is a limit of cover:
        "hire cars aren't part of your policy"."""
        if toks[j] != "part" or toks[j + 1 : j + 2] != ("of",):
            return 0
        free = 0
        for k in range(j + 2, min(j + 7, len(toks))):
            if toks[k] in self.scope_nouns:
                return k + 1
            if toks[k] == "what":
                found = self._what_covered(toks, j, k)
                return 0 if found is None else found.end
            if toks[k] not in self.determiners and toks[k] not in self.bridge:
                if free or toks[k - 1] not in self.determiners:
                    return 0
                free += 1
        return 0

    def _passive_refused(self, toks: Sequence[str], i: int, n: int, j: int) -> bool:
        """Whether ``toks[j]``, right after "be", is a past participle refused by the ability negation at
        ``toks[i:i+n]`` ("can't / cannot / can not be" + a participle, regular -ed or a listed irregular one:
        "the scaffold can't be left up past Friday"); not one of ``reassured`` ("can't be used / accessed":
        protection) nor one a customer experiences ("can't be received"); nor in a relative clause that describes "a"
        thing (:data:`A_THING`: "that's a lot of money for a set that can't be played", c902: session 39, L38)."""
        negation = toks[i : i + n]
        ability = len(negation) == 1 and (
            negation[0] in self.ability_negations or (negation[0] == "not" and toks[i - 1 : i] == ("can",))
        )
        tok = toks[j]
        if i >= 3 and toks[i - 1] in ("that", "which") and A_THING & set(toks[max(0, i - 6) : i - 2]):
            return False  # "a set that can't be played": the customer's thing described (c902), not a refusal
        return ability and toks[j - 1] == "be" and tok not in self.reassured and self._participle(tok)

    def _weak_refusal(self, toks: Sequence[str], i: int, j: int) -> bool:
        """Whether the everyday verb at ``toks[j]`` ("give", "send", "make", "do") refuses after the
        negation at ``toks[i]``: with a word of will or ability between them ("won't", "can't", "not
        prepared to", "isn't able to", "I'll be doing") or a thing refused right after it ("we don't give
        credit"), and not with the customer's own data as its object ("I won't give your details out":
        reassurance) nor a limit ("we won't send it until you confirm"); a promise to the customer ("I
        won't make you wait") neither. "We didn't send the letter" is a report: no will, no thing."""
        after = toks[j + 1 : j + 1 + TAIL]
        if any(t in self.private for t in after) or self._limited(toks, j + 1):
            return False
        if any(t in self.things for t in after):
            return True
        if after[:1] and after[0] in self.customer and any(t in self.promises for t in toks[i:j]):
            return False  # "I won't make you wait", "we're not going to send you any more letters": promises
        return any(t in self.will_words for t in toks[i:j])

    def _scope(self, toks: Sequence[str]) -> Finding | None:
        """A limit of what is covered: "that's outside what we cover", "it falls outside the warranty",
        "beyond what we can do", "outside of our policy", "outside the pest contract", "outside what your
        warranty covers". ``scope_words`` ("outside", "beyond"), then bridge words or determiners and at
        most one other word right after a determiner ("the *pest* contract") before a ``scope_nouns`` word;
        or "what" + who covers + an action (:meth:`_what_covered`; not "beyond what I expected")."""
        for i, tok in enumerate(toks):
            if tok not in self.scope_words:
                continue
            free = 0
            for k in range(i + 1, min(i + 6, len(toks))):
                if toks[k] in self.scope_nouns:
                    return Finding("refusal", i, k + 1, (("limit", tok), ("scope", toks[k])))
                if toks[k] == "what":
                    found = self._what_covered(toks, i, k)
                    if found is not None:
                        return found
                    break
                if toks[k] not in self.bridge and toks[k] not in self.determiners:
                    if free or toks[k - 1] not in self.determiners:
                        break
                    free += 1
        return None

    def _what_covered(self, toks: Sequence[str], i: int, k: int) -> Finding | None:
        """After the limit word at ``toks[i]``, "what" at ``toks[k]`` + who covers + an action: the agent
        ("what we cover", "what I can do") or a determiner and at most three nouns ("what your warranty
        covers", "what the home insurance policy pays for"), modals and bridge words between."""
        start = k + 1
        nouns = 0
        if toks[start : start + 1] and toks[start] in self.determiners:
            while start + 1 + nouns < len(toks) and nouns < 3 and self._noun_like(toks[start + 1 + nouns]):
                nouns += 1
        if nouns:
            start += 1 + nouns  # "what your home warranty covers"
        elif toks[start : start + 1] and toks[start] in self.first_person:
            start += 1  # "what we cover"
        else:
            return None
        for m in range(start, min(start + 3, len(toks))):
            if toks[m] in self.actions or toks[m] in self.weak_actions or toks[m] in self.includes:
                return Finding("refusal", i, m + 1, (("limit", toks[i]), ("scope", " ".join(toks[k : m + 1]))))
            if toks[m] not in self.modals and toks[m] not in self.bridge:
                break
        return None

    def _noun_like(self, tok: str) -> bool:
        """Whether ``tok`` may be a noun of "what <determiner> <nouns> covers": no action, bridge word or modal."""
        verbs = (self.actions, self.weak_actions, self.bridge, self.modals, self.includes)
        return not any(tok in words for words in verbs)

    def _flat_no(self, toks: Sequence[str]) -> Finding | None:
        """A flat no opening the sentence (``flat_no``, after openers such as "oh", "look") with a closed
        door later in it (``closed``) and no second negation: "absolutely not, the booking's locked in"."""
        i = next((k for k, t in enumerate(toks) if t not in self.openers), len(toks))
        n = self._at(toks, i, self.flat_no)
        if not n:
            return None
        for k in range(i + n, len(toks)):
            if self._at(toks, k, self.negations) or self._at((toks[k].split("'")[0],), 0, self.negations):
                return None  # "nothing's gone", "it's not locked"
            if self._person(toks[k]):
                return None  # "no way, your daughter passed her test?": news of a person greeted, no door closed
            if toks[k] in self.closed:
                return Finding("refusal", i, i + n, (("negation", " ".join(toks[i : i + n])), ("closed", toks[k])))
        return None

    def _person(self, tok: str) -> bool:
        """Whether ``tok`` names a person as a subject: the customer ("you", "you've"), "he / she / they" (and their
        contractions), or someone on the customer's side ("daughter", "son's": :attr:`customer_side`). After a flat
        no such a person's news is greeted ("No way, your daughter passed first time?", "No way, you've finished
        it already!"), a door is not closed (session 35, L34: list AF's committed words, the flat no fired before
        the "?" came)."""
        base = tok[:-2] if tok.endswith("'s") else tok
        return tok in PERSONS or base in self.customer_side

    def _nope_part_of(self, toks: Sequence[str]) -> Finding | None:
        """A limit of cover whose negation the recogniser lost after a flat no: "nope, rentals *aren't* part
        of your plan" heard "nope, rental *month* part of your plan". A flat "no / nope / nah" at most three
        tokens before "part of" + a cover (:meth:`_part_of`) that ends the sentence (one word may follow),
        the word right before "part" no copula, determiner or :data:`AFFIRMED` word and not ending in
        "'s / 're" ("nope, that's all part of your plan", "nope, rentals are part of it": good news); nor
        with a negation of its own in between (the refusal grammar reads those)."""
        for j in range(2, len(toks)):
            end = self._part_of(toks, j) if toks[j] == "part" else 0
            if not end or end < len(toks) - 1:
                continue
            before = toks[j - 1]
            copula = before in self.bridge or before.endswith(("'s", "'re"))
            if copula or before in self.determiners or before in AFFIRMED:
                return None
            for i in range(j - 2, max(-1, j - 5), -1):
                if toks[i] in FLAT_NOPE and not any(self._at(toks, k, self.negations) for k in range(i + 1, j)):
                    parts = (("negation", toks[i]), ("heard", before), ("cover", " ".join(toks[j:end])))
                    return Finding("refusal", i, end, parts)
            return None
        return None

    # -- blame ---------------------------------------------------------------------------------------

    def _blame(self, toks: Sequence[str]) -> list[Finding]:
        out = []
        for i, tok in enumerate(toks):
            found = (
                self._possessive_fault(toks, i, tok)
                or self._pointed_away(toks, i, tok)
                or self._messed_up(toks, i, tok)
            )
            if found is not None:
                out.append(found)
        found = self._customer_blame(toks)
        if found is not None:
            out.append(found)
        found = self._not_our_fault(toks)
        if found is not None:
            out.append(found)
        shapes = (
            self._caused_by_you,
            self._cause,
            self._omission,
            self._tampering,
            self._fault_at_yours,
            self._wrong_way,
        )
        for found in [
            shape(toks) for shape in (*shapes, self._had_you, self._whoever, self._cleft_blame, self._own_doing)
        ]:
            if found is not None and not any(f.start <= found.start < f.end for f in out):
                out.append(found)
        return out

    def _not_our_fault(self, toks: Sequence[str]) -> Finding | None:
        """A fault denied as the company's own: a negation, then only bridge words, then "our fault /
        our mistake / my doing" ("none of that is our fault", "it was never our error"; "it's not your
        fault" is empathy: only the agent's side counts)."""
        for i in range(len(toks)):
            n = self._at(toks, i, self.negations)
            if not n:
                continue
            j = i + n
            while j < len(toks) and j - (i + n) <= 3:
                m = self._at(toks, j, self.fault_away)
                if m:
                    parts = (("negation", " ".join(toks[i : i + n])), ("away", " ".join(toks[j : j + m])))
                    return Finding("blame", i, j + m, parts)
                if toks[j] not in self.bridge:
                    break
                j += 1
        return None

    def _possessive_fault(self, toks: Sequence[str], i: int, tok: str) -> Finding | None:
        """ "the courier's fault", "the estate agent's doing", "the carrier's problem to fix"; and a task
        handed on in the frame "that's / it's the <someone>'s job" (``deflecting_frames``, ``deflected``)."""
        if not tok.endswith("'s") or tok in self.not_possessors or tok in self.bridge:
            return None
        if CONDITIONAL & set(toks[max(0, i - HYPOTHESIS_BACK) : i]):
            return None  # "if the pattern's at fault, it's recast" (c654's extra): a fault supposed, not pointed
        handed_on = i >= 2 and toks[i - 1] in ("the", "your") and toks[i - 2] in self.deflecting_frames
        if handed_on and toks[i + 1 : i + 2] and toks[i + 1] in self.deflected:
            return Finding("blame", i - 2, i + 2, (("away", " ".join(toks[i - 2 : i + 2])),))
        for k in range(i + 1, min(i + 3, len(toks))):
            if toks[k] == "doing" and toks[k + 1 : k + 2] not in ((), ("not",)):
                return None  # "Bramble's doing well": only "the agent's doing(, not ours)." is blame
            if toks[k] in self.fault_nouns:
                return Finding("blame", i, k + 1, (("fault", " ".join(toks[i : k + 1])),))
        return None

    def _pointed_away(self, toks: Sequence[str], i: int, tok: str) -> Finding | None:
        """ "..., not us" / "not ours" / "not our network" after something else was named (a bare
        "it's not us" is not blame: the word before "not" must not be a verb or pronoun), also with one of
        :data:`AWAY_PREPOSITIONS` between ("a problem with your handset, not with our network")."""
        if tok != "not" or i == 0 or toks[i - 1] in self.not_after:
            return None
        k = i + 2 if toks[i + 1 : i + 2] and toks[i + 1] in AWAY_PREPOSITIONS else i + 1
        n = self._at(toks, k, self.away)
        if not n:
            return None
        return Finding("blame", i, k + n, (("away", " ".join(toks[i : k + n])),))

    def _messed_up(self, toks: Sequence[str], i: int, tok: str) -> Finding | None:
        """ "<someone> messed it up / messing up" where nobody first-person is the one who did."""
        if tok not in self.messed:
            return None
        if "up" not in toks[i + 1 : i + 4] or any(t in self.first_person for t in toks[max(0, i - 4) : i]):
            return None
        end = toks.index("up", i + 1) + 1
        return Finding("blame", i, end, (("fault", " ".join(toks[i:end])),))

    def _customer_blame(self, toks: Sequence[str]) -> Finding | None:
        """The customer's fault: "you should have / ought to have + done", "if you'd + done ... have",
        "you'd need to have + done", "you were told / warned", "you missed / signed ... so ..."."""
        for i, tok in enumerate(toks):
            if tok not in self.customer:
                continue
            n = self._at(toks, i + 1, self.should)
            if n and i + 1 + n < len(toks) and self._participle(toks[i + 1 + n]):
                end = i + 2 + n
                return Finding("blame", i, end, (("customer", tok), ("counterfactual", " ".join(toks[i + 1 : end]))))
            if tok in ("you'd", "you") and i > 0 and toks[i - 1] == "if":
                k = i + 2 if i + 1 < len(toks) and toks[i + 1] == "had" else i + 1
                outcome = {"have", *WOULD_NOT} & {*toks[: i - 1], *toks[k + 1 :]}  # "..., you wouldn't be cold"
                if k < len(toks) and self._participle(toks[k]) and outcome:
                    return Finding(
                        "blame", i - 1, k + 1, (("customer", tok), ("counterfactual", " ".join(toks[i - 1 : k + 1])))
                    )
            told = (
                tok == "you"
                and toks[i + 1 : i + 2] in (("were",), ("we're",))
                and toks[i + 2 : i + 3] in {(t,) for t in self.told}
            )
            if told and (i == 0 or toks[i - 1] != "if"):
                return Finding("blame", i, i + 3, (("customer", tok), ("told", f"were {toks[i + 2]}")))
            if i == 0 and len(toks) > 1 and toks[1] in self.customer_acts and "so" in toks[2:]:
                return Finding("blame", 0, 2, (("customer", tok), ("act", toks[1])))
        return None

    def _mishandling(self, toks: Sequence[str], k: int) -> int:
        """The end of a mishandling verb at ``toks[k]`` as the recogniser writes it, or 0: a ``mishandled``
        word, that word with its ending lost ("overload", "drop": at most three letters short), one at
        most two letters from it that shares its first :data:`HEARD_PREFIX` letters ("overfield" for
        "overfilled"), or such a word split after "over" / "mis" ("over filled")."""
        for end in (k + 1, k + 2) if toks[k] in ("over", "mis") else (k + 1,):
            heard = "".join(toks[k:end])
            for word in self.mishandled:
                if heard == word:
                    return end
                if len(heard) < HEARD_PREFIX or heard[:HEARD_PREFIX] != word[:HEARD_PREFIX]:
                    continue
                if (word.startswith(heard) and len(word) - len(heard) <= 3) or (
                    len(heard) >= 6 and edit_distance(list(heard), list(word)) <= 2
                ):
                    return end
        return 0

    def _caused_by_you(self, toks: Sequence[str]) -> Finding | None:
        """The cause put on a mishandling by the customer, as heard: "that'll be because you overfilled the
        salt" heard "that'll be because *you'll overfield* the salt". "because / since" after a cause frame
        (:data:`CAUSE_FRAME`, :data:`CAUSE_SKIP` adverbs between), then "you" as the recogniser may write
        it (:data:`HEARD_YOU`), at most two words of guessing ("must have", "probably"), then a
        mishandling (:meth:`_mishandling`). "two days since you dropped it off" has no frame."""
        for i, tok in enumerate(toks):
            if tok not in ("because", "since") or i + 2 >= len(toks) or toks[i + 1] not in HEARD_YOU:
                continue
            j = i - 1
            while j >= 0 and toks[j] in CAUSE_SKIP:
                j -= 1
            if j < 0 or toks[j] not in CAUSE_FRAME:
                continue
            for k in range(i + 2, min(i + 5, len(toks))):
                end = self._mishandling(toks, k)
                if end:
                    parts = (("cause", tok), ("customer", toks[i + 1]), ("act", " ".join(toks[k:end])))
                    return Finding("blame", j, end, parts)
                if toks[k] not in GUESSES:
                    break
        return None

    def _doing(self, toks: Sequence[str], k: int, *, plain: bool = True) -> int:
        """The end of a doing of the customer's side that starts at ``toks[k]``, or 0: "you" (as heard, "yous",
        "you're") and at most two words of guessing or auxiliaries ("must have", "'ve been") before a verb of doing
        (an "-ed / -ing" word or one of :data:`DOINGS`, not one of :data:`NOT_DOING`: "you rang", "you've had"), or
        "your" or someone on the customer's side and at most two words ("your *son's been*") before such a verb
        ("your hose *spraying*"). After "you're" or "been" only an "-ing" word ("you're overcharged", "you've been
        charged": done to them); without ``plain`` a plain "-ed" word does not count ("because you moved to the new
        plan")."""
        tok = toks[k]
        base = tok[:-2] if tok.endswith("'s") else tok
        if tok in HEARD_YOU or tok in ("yous", "you're", "you've"):
            skip = GUESSES | {"been", "had", "have", "gone", "and", "went", "lot", "guys", "all"}
        elif tok == "your" or base in self.customer_side:
            skip = frozenset()  # "your hose spraying", "your son's been standing", "the kids kicking"
        else:
            return 0
        ing_only = tok == "you're"  # "you're using": a doing; "you're overcharged": done to them
        free = 0  # one word before the "-ing" after "been" ("you've been *pressure* washing it")
        for m in range(k + 1, min(k + 5, len(toks))):
            t = toks[m]
            if t in NOT_DOING and t not in ("been", "had", "have"):
                return 0
            ing_only = ing_only or t == "been"  # "you've been spreading"; "you've been charged" is done to them
            listed = t in DOINGS or t in self.mishandled
            ending = "ing" if ing_only or not plain else "ed"
            verb = (listed and not ing_only) or (len(t) > 4 and t.endswith((ending, "ing")))
            if verb and t not in NOT_DOING and t not in self.not_gerunds:
                return m + 1
            if skip and t not in skip:
                if free or toks[m - 1] != "been" or t in self.first_person:
                    return 0
                free = 1
        return 0

    def _handled(self, toks: Sequence[str], k: int) -> int:
        """The end of a handling in the passive at ``toks[k]`` ("*was left* running", "it's *been loaded*"), or 0;
        none with its doer named after it ("was dropped *by* our courier")."""
        if toks[k] not in PASSIVE_AUX:
            return 0
        m = k + 2 if toks[k + 1 : k + 2] == ("been",) and toks[k] != "been" else k + 1
        if m >= len(toks) or (toks[m] not in HANDLED and toks[m] not in self.mishandled):
            return 0
        by = "by" in toks[m + 1 : m + 3] and not set(toks[m + 1 : m + 4]) & {"you", "your", "yourself", "yous"}
        return 0 if by else m + 1

    def _denied(self, toks: Sequence[str], lo: int, hi: int) -> bool:
        """A negation, a condition or the agent's side in ``toks[lo:hi]``: "nothing you did", "not down to anything
        you've done", "if you've been using ...", "a faulty batch on our side": no cause put on the customer."""
        for k in range(max(lo, 0), hi):
            t = toks[k]
            if self._at(toks, k, self.negations) or self._at(toks, k, self.conditions) or t in CONDITIONAL:
                return True
            if t in self.first_person and t not in ("us", "me"):
                return True
        return False

    def _effect(self, toks: Sequence[str], lo: int, hi: int) -> str:
        """A damage word (:data:`DAMAGE`, a "'s" ending dropped) in ``toks[lo:hi]``, or ""."""
        for t in toks[max(lo, 0) : hi]:
            if t in DAMAGE or (t.endswith("'s") and t[:-2] in DAMAGE):
                return t
        return ""

    def _cause(self, toks: Sequence[str]) -> Finding | None:
        """Damage put down to the customer's side, from three parts in one sentence (session 35, L34): an *effect*
        (a damage word, :data:`DAMAGE`), a cause *link* and a *doing* of the customer's side (:meth:`_doing`), in
        either order:

        - effect, link (:data:`CAUSE_HEADS`), doing: "the warping's *down to* the heater you put next to it", "that
          rust *comes from* your hose spraying it" (a subject standing for the damage, "*that'll be* from the salt
          you've been spreading", counts as the effect), or a handling in the passive after the link: "the motor
          burnt out *because* it was left running", "cracks *from* the way it was stacked";
        - doing, link back (:data:`POINTED_BACK` + :data:`BACK_LINKS`, or "that" + the damage), effect: "you've run
          it on the wrong setting, *that's what's* burnt the element out", "your son's been standing on the lid,
          *that's what's* split the hinge", "you've jammed it, that's done it" (:data:`DONE_IT`).

        Quiet: a question; no damage named; a negation, a condition or the agent's side among the parts ("nothing
        you did caused the crack", "if you've been using a harsh cleaner, that's why", "a faulty batch on our side");
        a doing that is no mishandling ("you've been with us twelve years, that's why I've waived the fee")."""
        n = len(toks)
        for i in range(n):
            link = self._at(toks, i, CAUSE_HEADS)
            if link:
                found = self._cause_after(toks, i, link)
                if found is not None:
                    return found
            if toks[i] in POINTED_BACK and i > 0:
                found = self._cause_before(toks, i)
                if found is not None:
                    return found
        return None

    def _cause_after(self, toks: Sequence[str], i: int, link: int) -> Finding | None:
        """Effect, then the link at ``toks[i]`` (``link`` tokens), then the doing (:meth:`_cause`)."""
        effect = self._effect(toks, 0, i) or (toks[i - 1] if i and toks[i - 1] in GAVE_OUT else "")
        if not effect:
            j = i - 1
            while j >= 0 and toks[j] in self.bridge and toks[j] not in DEICTIC_EFFECT:
                j -= 1
            copula = j >= 0 and ("'" in toks[j] or set(toks[j + 1 : i]) & COPULAS)
            if j < 0 or toks[j] not in DEICTIC_EFFECT or not copula:
                return None  # "that'll be from ...", "it's because ..."; not "bring it down to us"
            effect = toks[j]
        if self._denied(toks, 0, i):
            return None
        hi = min(len(toks), i + link + CAUSE_SPAN)
        damage = effect not in DEICTIC_EFFECT
        for k in range(i + link, hi):
            end = self._doing(toks, k, plain=damage) or self._handled(toks, k)
            if end:
                if self._denied(toks, i + link, min(len(toks), end + 3)):
                    return None  # "... because it was dropped in our depot"
                cause = " ".join(toks[i : i + link])
                parts = (("effect", effect), ("cause", cause), ("customer", " ".join(toks[k:end])))
                return Finding("blame", i, end, parts)
        return None

    def _cause_before(self, toks: Sequence[str], i: int) -> Finding | None:
        """The doing, then a link back at ``toks[i]`` (:data:`POINTED_BACK`), then the effect (:meth:`_cause`)."""
        j = i + 1
        while j < len(toks) and j - i <= 2 and toks[j] not in BACK_LINKS and tuple(toks[j : j + 2]) not in DONE_IT:
            if toks[j] not in self.bridge:
                break
            j += 1
        if j < len(toks) and toks[j] in BACK_LINKS:
            done = tuple(toks[j + 1 : j + 3]) in DONE_IT  # "..., that's what's done it"
            effect = " ".join(toks[j + 1 : j + 3]) if done else self._effect(toks, j + 1, j + 6)
        elif tuple(toks[j : j + 2]) in DONE_IT:
            effect = " ".join(toks[j : j + 2])
            j += 1
        else:
            effect = self._effect(toks, i + 1, i + 2)  # "..., and that *warped* the sill"
        if not effect or self._denied(toks, j + 1, min(len(toks), j + 5)):
            return None
        for k in range(max(0, i - BACK_SPAN), i):
            end = self._doing(toks, k) or self._handled(toks, k)
            if end and end <= i and not self._denied(toks, 0, end):
                parts = (("customer", " ".join(toks[k:end])), ("cause", " ".join(toks[i : j + 1])), ("effect", effect))
                return Finding("blame", i, min(len(toks), j + 1), parts)  # the link back: what the nudge quotes
        return None

    def _plain_refusals(self, toks: Sequence[str], hedge: str) -> list[Finding]:
        """:meth:`_refusals` read past a phrase of "never" said bigger (:data:`HYPERBOLE`: "we'd never in a month of
        Sundays waive it"); the findings' token ranges are the sentence's own."""
        kept: list[int] = []
        k = 0
        while k < len(toks):
            n = self._at(toks, k, HYPERBOLE) if kept and self._at(toks, kept[-1], self.negations) else 0
            n = n or (self._at(toks, k, HYPERBOLE) if kept and toks[kept[-1]] in self.bridge else 0)
            if n:
                k += n
                continue
            kept.append(k)
            k += 1
        if len(kept) == len(toks):
            return self._refusals(toks, hedge)
        plain = [toks[k] for k in kept]
        out = []
        for f in self._refusals(plain, hedge):
            out.append(Finding(f.kind, kept[f.start], kept[f.end - 1] + 1, f.parts))
        return out

    def _refusing_verb(self, toks: Sequence[str]) -> Finding | None:
        """A verb that refuses by itself (:data:`REFUSING`: "forbid", "prohibit", "decline", "reject", "bar"; or "rule
        out", "turn down"), in the present, with the agent's side (:data:`REFUSER`) or a rule (:data:`RULE_NOUNS`) as
        its subject, adverbs and modals between (:data:`SUBJECT_SKIP`): "our booking rules forbid changing the lesson",
        "a patched frame is one we decline", "we rule out any refund after thirty days" (session 35, L34; list AF).
        Quiet: "refuse to" (the grammar's negation reads it), a past form (a report: "the bank declined it"), another
        subject ("God forbid", "your card declines"), a condition before it, the customer's own data after it ("the
        law bars us from sharing your details"), a means of payment as its object ("I'll decline the old card
        first")."""
        for k, tok in enumerate(toks):
            particle = REFUSING_PARTICLES.get(tok)
            if particle is not None:
                if particle not in toks[k + 1 : k + 4]:
                    continue
            elif tok not in REFUSING or toks[k + 1 : k + 2] == ("to",):
                continue
            j = k - 1
            while j >= 0 and k - j <= 5 and toks[j] in SUBJECT_SKIP:
                j -= 1
            if j < 0:
                continue
            subject = toks[j][:-2] if toks[j].endswith("'s") else toks[j]
            if subject not in REFUSER and subject not in RULE_NOUNS:
                continue
            if self._has(toks, self.conditions, j - LOOK_BACK, j) or any(t in self.private for t in toks[k : k + 7]):
                continue
            if PAYMENT_MEANS & set(toks[k + 1 : k + 4]):
                continue  # "I'll have to decline the old card first": a payment handled, no request refused
            # its span runs over the words its object is read from, so committed words wait for them
            return Finding("refusal", j, min(len(toks), k + 4), (("subject", toks[j]), ("refusing", tok)))
        return None

    # -- session 36 (L35): shapes over open slots -------------------------------------------------------

    def _blame_subject(self, toks: Sequence[str], k: int) -> int:
        """The end of the customer's side as a subject at ``toks[k]``, or 0: "you" / "yous", "your" + at most two
        words ("your *builder*", "your *electric* man"), or someone of the ``customer_side`` slot ("the kids"),
        with :data:`BLAME_SUBJECT_SKIP` words after it ("you *lot obviously*", "your son *must have been*")."""
        tok = toks[k]
        base = tok[:-2] if tok.endswith("'s") else tok
        if tok in ("you", "yous", "you've") or base in self.customer_side:
            end = k + 1
        elif tok == "your":
            end = k + 1
            while end < len(toks) and end - k <= 2 and self._noun_like(toks[end]) and toks[end] not in OMIT_STOP:
                end += 1
            if end == k + 1:
                return 0
        else:
            return 0
        while end < len(toks) and (toks[end] in BLAME_SUBJECT_SKIP or toks[end] in ("has", "have", "'s")):
            end += 1
        return end

    def _before_quiet(self, toks: Sequence[str], k: int) -> bool:
        """A condition, an empathy frame, a negation or a mirror's "so" before the subject at ``toks[k]``."""
        lo = max(0, k - LOOK_BACK)
        if self._has(toks, self.conditions, lo, k) or CONDITIONAL & set(toks[lo:k]):
            return True
        if self._has(toks, EMPATHY_FRAMES, 0, k) or any(self._at(toks, m, self.negations) for m in range(lo, k)):
            return True
        first = next((m for m, t in enumerate(toks) if t not in self.openers or t == "so"), len(toks))
        return first < k and toks[first] == "so"  # "so you never checked the balance": the customer's story mirrored

    def _omission(self, toks: Sequence[str]) -> Finding | None:
        """The customer's side named as leaving undone what it should have done (session 36, L35): a subject of the
        customer's side (:meth:`_blame_subject`), a negated past (:data:`OMITTING`: "didn't", "never", "haven't",
        "forgot to"), a verb of diligence (:data:`DILIGENT`: "you lot obviously didn't *measure* the doorway", "you
        never *told* us about the steps", "your builder never *sealed* the joint"). Quiet: a question; a condition,
        a negation, an empathy frame (:data:`EMPATHY_FRAMES`: "I know you didn't read it, nobody does") or a
        mirror's opening "so" before it; the agent's side taking it on after it (:data:`TAKEN_ON`: "you didn't
        cancel it, we did"); "tell" without the company or a thing told about (:data:`TOLD_WHOM`)."""
        for k in range(len(toks)):
            m = self._blame_subject(toks, k)
            if not m or m >= len(toks):
                continue
            n = self._at(toks, m, OMITTING)
            if not n:
                continue
            v = m + n
            verb = toks[v] if v < len(toks) else ""
            base = next((b for b in DILIGENT if verb in inflections(b) or verb == b + "ed"), "")
            if verb in ("bled", "told", "read", "fed", "kept") or verb.startswith("bled"):
                base = {"bled": "bleed", "told": "tell", "read": "read", "fed": "feed", "kept": "keep"}.get(verb, base)
            if not base:
                continue
            after = toks[v + 1 : v + 4]
            if base in SWITCHED and not {"off", "on"} & set(after):
                continue
            if base in ("tell", "inform", "mention", "notify") and not (TOLD_WHOM & set(toks[v + 1 : v + 2])):
                continue
            if self._before_quiet(toks, k) or self._has(toks, TAKEN_ON, v + 1) or self._has(toks, EMPATHY_AFTER, v + 1):
                continue
            if k and toks[k - 1] == "but":
                continue  # "it shows as cancelled, but you didn't cancel it": siding with the customer
            parts = (("customer", " ".join(toks[k:m])), ("omitted", " ".join(toks[m : v + 1])))
            return Finding("blame", k, v + 1, parts)
        return None

    def _tampering(self, toks: Sequence[str]) -> Finding | None:
        """The customer's side named as tampering with a thing (session 36, L35): a subject of the customer's side
        (:meth:`_blame_subject`), then a past or "been -ing" form of a tampering verb (:data:`TAMPER`: "your teenager
        has been *fiddling* with the router settings", "you've *tampered* with the meter seal", "the kids have
        *messed about* with it"), its particle where it needs one (:data:`TAMPER_NEEDS`). Quiet: a question, a
        condition, a negation or an empathy frame before it, a modal of permission ("you can play about with it")."""
        for k in range(len(toks)):
            m = self._blame_subject(toks, k)
            if not m or m >= len(toks):
                continue
            verb = toks[m]
            ing = verb.endswith("ing")
            stem = next((s for s in TAMPER_NEEDS if verb.startswith(s)), "")
            if verb not in TAMPER or (ing and "been" not in toks[k:m]) or not (ing or verb.endswith("ed")):
                continue
            if stem and not set(TAMPER_NEEDS[stem].split()) & set(toks[m + 1 : m + 3]):
                continue
            if self._before_quiet(toks, k):
                continue
            return Finding("blame", k, m + 1, (("customer", " ".join(toks[k:m])), ("tampered", verb)))
        return None

    def _nobody_gets(self, toks: Sequence[str]) -> Finding | None:
        """What nobody is given (session 36, L35): a universal "nobody" (:data:`NO_ONE`), then :data:`GETS`, then the
        start of a thing (:data:`GIVEN_KIND`): "head office is strict, *nobody gets a* price match", "no one gets their
        money back once it's started". Quiet: a participle after it ("nobody gets charged twice"), a charge in the next
        words ("nobody gets a bill for this"), a condition before it."""
        for k in range(len(toks)):
            n = self._at(toks, k, NO_ONE)
            if not n:
                continue
            g = self._at(toks, k + n, GETS)
            j = k + n + g
            if not g or j >= len(toks) or toks[j] not in GIVEN_KIND:
                continue
            if CHARGES & set(toks[j : j + 4]) or self._has(toks, self.conditions, k - LOOK_BACK, k):
                continue
            return Finding("refusal", k, j + 1, (("negation", " ".join(toks[k : k + n])), ("given", toks[j])))
        return None

    def _say_no(self, toks: Sequence[str]) -> Finding | None:
        """The agent's "say no" said as a necessity (session 36, L35): the agent's side, then :data:`SAY_NO_WILL`
        within four words, then "say no" ("I'm going to have to *say no* to another free session", "we'll have to say
        no this time"). Quiet: a negation between ("I can never say no to a biscuit"), "say no more"."""
        for k in range(1, len(toks) - 1):
            if tuple(toks[k : k + 2]) != ("say", "no") or tuple(toks[k + 2 : k + 3]) == ("more",):
                continue
            lo = max(0, k - 6)
            if not any(t in self.first_person for t in toks[lo:k]) or not self._has(toks, SAY_NO_WILL, lo, k):
                continue
            if any(self._at(toks, m, self.negations) for m in range(lo, k)):
                continue
            return Finding("refusal", k, k + 2, (("refusing", "say no"),))
        return None

    def _closed_tail(self, toks: Sequence[str]) -> Finding | None:
        """A verbless "no <thing>" ending a sentence that stated a rule or a closed door (session 36, L35): "orders are
        final once the florist starts, *no changes*", "under the hire agreement, late returns are charged by the day,
        *no discretion*". The tail: "no" + at most one word + a :data:`REFUSED_TAIL` word, then only :data:`TAIL_AFTER`
        words; before it a :data:`RULE_STATED` word and no negation."""
        for k in range(2, len(toks)):
            if toks[k] != "no":
                continue
            for j in (k + 1, k + 2):
                if j < len(toks) and toks[j] in REFUSED_TAIL and all(t in TAIL_AFTER for t in toks[j + 1 :]):
                    if not RULE_STATED & set(toks[:k]) or any(self._at(toks, m, self.negations) for m in range(k)):
                        return None
                    return Finding("refusal", k, j + 1, (("negation", "no"), ("thing", toks[j])))
        return None

    def _denied_to_you(self, toks: Sequence[str]) -> Finding | None:
        """An outcome denied to the customer (session 36, L35): "you" as the subject, a denied future
        (:data:`DENIED_TO_YOU`), receiving (:data:`RECEIVING`) and, within five words, a thing refused or a good
        thing withheld (:data:`VALUE_WORDS`): "you won't be getting a refund", "you'll not be getting a new canvas out
        of us", "you're not getting a discount on clearance". Quiet: a thing kept off them (:data:`PROMISED_OFF`:
        "you won't be getting any more letters", "charged"), a charge, a condition before it."""
        for k, tok in enumerate(toks):
            if tok not in ("you", "you'll", "you're"):
                continue
            n = self._at(toks, k + 1, DENIED_TO_YOU)
            j = k + 1 + n
            if not n or j >= len(toks) or toks[j] not in RECEIVING or tuple(toks[j + 1 : j + 2]) == ("to",):
                continue  # "you won't have to go back": no obligation is a promise
            after = set(toks[j + 1 : j + 6])
            charge = after & CHARGES and "back" not in after  # "your deposit back" is withheld, not a charge
            if after & PROMISED_OFF or charge or self._has(toks, self.conditions, k - LOOK_BACK, k):
                continue
            if after & self.things or after & VALUE_WORDS:
                return Finding("refusal", k, j + 1, (("customer", tok), ("denied", " ".join(toks[k + 1 : j + 1]))))
        return None

    def _answer_is_no(self, toks: Sequence[str]) -> Finding | None:
        """The agent's answer said to be no (session 36, L35): an answer noun (:data:`ANSWER_NOUNS`) at most eight words
        before "is / be" + "no" that ends the sentence (:data:`NO_AFTER` words after it): "the answer on any money back
        is no", "the decision's no, I'm afraid"; or "it's / that's a no" at the end. Quiet: "no problem" (another word
        after it), a reassurance after it ("the answer is no, you don't need to pay": :data:`FAVOUR`), a condition."""
        for k in range(1, len(toks)):
            tail = toks[k + 1 :]
            if tail[:1] and tail[0] in ("on", "for", "to", "about") and len(tail) <= 4:
                tail = ()  # "the decision's no on the extension"
            if toks[k] not in NO_ANY or not all(t in NO_AFTER for t in tail):
                continue
            if self._has(toks, FAVOUR, k + 1) or self._has(toks, self.conditions, 0, k):
                return None
            said_a_no = k >= 2 and toks[k - 1] == "a" and toks[k - 2] in ("it's", "that's", "it'll", "that'll")
            heads = [m for m in range(max(0, k - 8), k) if toks[m] in ANSWER_NOUNS]
            if said_a_no or (heads and (toks[k - 1] in ("is", "be") or toks[heads[-1]].endswith("'s"))):
                start = heads[-1] if heads else k - 2
                return Finding("refusal", start, k + 1, (("answer", toks[start]), ("no", toks[k])))
        return None

    def _rule_reason(self, toks: Sequence[str]) -> Finding | None:
        """A rule or document named as the reason for a loss (session 36, L35): a rule noun (:data:`RULE_NOUNS`) with
        what it says within four words after it (:data:`RULE_SAY`: "company procedure *says*", "the booking conditions
        are *clear*"), or a rule named after "per / under / pursuant to" (:data:`RULE_BY`); then in the rest of the
        sentence a loss (:data:`LOSS`: "loses the slot", "costs the full fee", "a final sale item"), a negation before
        what cannot be undone (:data:`UNDONE`: "can't come back"), or "clear on / about" + what it is clear on. Quiet: a
        rule in the customer's favour (:data:`FAVOUR`), a question, a negation of the rule itself."""
        for k, tok in enumerate(toks):
            said = 0
            if tok in RULE_NOUNS:
                said = next((m for m in range(k + 1, min(k + 5, len(toks))) if toks[m] in RULE_SAY | RULE_IS), 0)
            by = self._at(toks, k, RULE_BY)
            if by:
                nouns = RULE_NOUNS | RULE_ALSO
                said = next((m for m in range(k + by, min(k + by + 5, len(toks))) if toks[m] in nouns), 0)
            if not said:
                continue
            rest = toks[said + 1 :]
            if self._has(toks, FAVOUR, 0) or any(self._at(toks, m, self.negations) for m in range(max(0, k - 3), said)):
                return None
            undone = any(
                self._at(rest, m, self.negations) and UNDONE & set(rest[m + 1 : m + 4]) for m in range(len(rest))
            )
            clear_on = toks[said] == "clear" and len(rest) > 1 and rest[0] in ("on", "about")
            if toks[said] in RULE_IS:  # session 37 (L36): "the rule is no swapsies once ...", "are only exchanged"
                no_thing = any(
                    t == "no" and rest[m + 1 : m + 2] and rest[m + 1] not in RULE_NO_QUIET for m, t in enumerate(rest)
                )
                only = any(t in ONLY_UNDONE and UNDONE & set(rest[m + 1 : m + 3]) for m, t in enumerate(rest))
                plain = any(  # "the rule is refunds can't come back"; its "no" is read by no_thing alone
                    self._at(rest, m, self.negations) and t != "no" and UNDONE & set(rest[m + 1 : m + 4])
                    for m, t in enumerate(rest)
                )
                undone = plain or no_thing or only
            if LOSS & set(rest) or undone or clear_on:
                return Finding("refusal", k, said + 1, (("rule", toks[k]), ("reason", toks[said])))
        return None

    def _fault_at_yours(self, toks: Sequence[str]) -> Finding | None:
        """A fault located on the customer's side (session 36, L35): a fault noun ("fault", "problem", "issue"), a
        copula or "lies", "at / on / with / in" (:data:`FAULT_AT`) and "your" or someone of the customer's side: "the
        fault's at your end", "the problem is with your router", "the issue lies with your fitter". Quiet: a negation,
        a condition or the agent's side before it ("if the fault's at your end, ...")."""
        for k, tok in enumerate(toks):
            base = tok[:-2] if tok.endswith("'s") else tok
            if base not in ("fault", "problem", "issue", "error"):
                continue
            m = k + 1
            while m < len(toks) and m - k <= 2 and toks[m] in ("is", "lies", "was", "sits", "definitely", "clearly"):
                m += 1
            if (m == k + 1 and not tok.endswith("'s")) or m + 1 >= len(toks) or toks[m] not in FAULT_AT:
                continue
            who = toks[m + 1]
            if who not in ("your", "yours") and who not in self.customer_side:
                continue
            if self._denied(toks, max(0, k - LOOK_BACK), m + 2):
                continue
            return Finding("blame", k, m + 2, (("fault", tok), ("customer", who)))
        return None

    def _wrong_way(self, toks: Sequence[str]) -> Finding | None:
        """A doing of the customer's side done wrong (session 36, L35): a doing (:meth:`_doing`: "you've plugged") and
        within five words "wrong / incorrectly / upside down" (:data:`WRONG_WAY`): "you've plugged the motor into the
        wrong port", "your fitter wired it backwards". Quiet: a negation, a condition or an empathy frame before it,
        the understanding after it ("..., no problem, I'll swap it": :data:`EMPATHY_AFTER`)."""
        for k in range(len(toks)):
            end = self._doing(toks, k)
            m = 0 if end else self._blame_subject(toks, k)  # "your fitter has *wired* it backwards"
            if m and m < len(toks) and toks[k] == "your" and (toks[m] in DOINGS or toks[m].endswith("ed")):
                end = m + 1
            wrong = self._wrong_at(toks, end) if end else -1
            if wrong < 0:
                continue
            if self._before_quiet(toks, k) or self._denied(toks, k, wrong) or self._has(toks, EMPATHY_AFTER, end):
                continue
            return Finding("blame", k, end, (("customer", " ".join(toks[k:end])), ("wrong", "wrong")))
        return None

    def _wrong_at(self, toks: Sequence[str], end: int) -> int:
        """Where a :data:`WRONG_WAY` word starts within :data:`WRONG_SPAN` tokens of ``toks[end]`` (-1: none). Session
        40 (L39): the span was five tokens, so a thing of three words and its place missed it ("you've plugged the
        telescope motor into the *wrong* port", list AG); the longer span is kept honest by :meth:`_denied` over the
        words between (a negation, a condition or the agent's side: "you ordered the red, we sent the wrong one")."""
        for m in range(end, min(end + WRONG_SPAN, len(toks))):
            if self._at(toks, m, WRONG_WAY):
                return m
        return -1

    def _had_you(self, toks: Sequence[str]) -> Finding | None:
        """A counterfactual put first (session 36, L35): "had you <done> ..., <it> would have ..." ("had you measured
        the stairs properly, the sofa would have gone up"); a "would" or "wouldn't" later in the sentence, or one
        written short (:data:`WOULD_SHORT`, session 39, L38: "had you read the email, you'd have known")."""
        for k in range(len(toks) - 2):
            if toks[k] != "had" or toks[k + 1] != "you":
                continue
            v = k + 3 if toks[k + 2] in ("just", "only", "ever") else k + 2
            if (
                v < len(toks)
                and self._participle(toks[v])
                and {"would", "would've", *WOULD_NOT, *WOULD_SHORT} & set(toks[v + 1 :])
            ):
                return Finding("blame", k, v + 1, (("customer", "you"), ("counterfactual", " ".join(toks[k : v + 1]))))
        return None

    def _whoever(self, toks: Sequence[str]) -> Finding | None:
        """The customer handed on to "whoever" (session 36, L35): a :data:`CONTACT` verb then "whoever" ("you'll need to
        speak to whoever sold you the bike", "try whoever fitted it"), nobody of the agent's side in the eight words
        before ("I'll speak to whoever's on shift" is the agent's errand). Or (session 45, L44) the fault left with
        "whoever" did a job before: a copula, at most one adverb, an :data:`ON_WHOEVER` frame, "whoever" and a doing in
        the past (an "-ed" word, :data:`DOINGS` or :data:`WHOEVER_DID`): "a seat coming loose is really on whoever put
        it together", "that's one for whoever built your frame"; quiet with the agent's side in the sentence ("down
        to whoever packed it at our end") or a choice ("it's up to whoever you'd prefer": no past doing)."""
        for k, tok in enumerate(toks):
            if tok not in ("whoever", "whoever's"):
                continue
            if any(t in self.first_person for t in toks[max(0, k - 8) : k]):
                continue
            lo = max(0, k - 6)
            if any(self._at(toks, m, CONTACT) for m in range(lo, k)):
                return Finding("blame", lo, k + 1, (("away", "whoever"),))
            frame = self._whoever_frame(toks, k)
            if frame >= 0 and not any(t in self.first_person for t in toks[k:]):
                return Finding("blame", frame, k + 2, (("away", " ".join(toks[frame:k])), ("doer", "whoever")))
        return None

    def _whoever_frame(self, toks: Sequence[str], k: int) -> int:
        """Where the frame that leaves a fault with the "whoever" at ``toks[k]`` starts ("is *really on* whoever put
        it together"), or -1: an :data:`ON_WHOEVER` frame ending at ``k``, at most one :data:`CAUSE_SKIP` word or
        "really / squarely / entirely" before it and a copula ("is", "'s", "was", "be") before that; "whoever" (not
        "whoever's") then a doing in the past."""
        v = toks[k + 1] if toks[k] == "whoever" and k + 1 < len(toks) else ""
        if not (v in DOINGS or v in WHOEVER_DID or (len(v) > 4 and v.endswith("ed") and v not in self.expected)):
            return -1
        for f in ON_WHOEVER:
            m = k - len(f)
            if m < 1 or tuple(toks[m:k]) != f:
                continue
            c = m - 1 if toks[m - 1] in CAUSE_SKIP or toks[m - 1] in ("really", "squarely", "entirely") else m
            if c >= 1 and (toks[c - 1] in ("is", "was", "be", "are") or toks[c - 1].endswith("'s")):
                return c - 1
        return -1

    # -- session 37 (L36): any verb refused by the agent's side ------------------------------------------

    def _open_negation(self, toks: Sequence[str], k: int) -> tuple[str, int, int]:
        """The negation of ability or will at ``toks[k]`` with the agent's side as its subject: ``(kind, subject
        index, tokens)``, kind "ability" / "will" ("" when none)."""
        tok = toks[k]
        if tok in OPEN_ABILITY or tok in OPEN_WILL:
            kind, n, s = ("ability" if tok in OPEN_ABILITY else "will"), 1, k - 1
            if tok == "unable" and toks[k + 1 : k + 2] != ("to",):
                return "", 0, 0
        elif tok == "no" and toks[k + 1 : k + 2] == ("fit",):
            kind, n, s = "ability", 2, k - 1  # "we no fit change the date": pidgin "cannot"
        elif tok == "not" and k > 0 and toks[k - 1] in OPEN_BEFORE_NOT:
            kind, n, s = OPEN_BEFORE_NOT[toks[k - 1]], 1, k - 1
            if toks[k + 1 : k + 2] == ("able",) or toks[k + 1 : k + 3] == ("in", "a"):
                kind = "ability"
            if toks[s] in ("can", "could", "will", "would"):
                s -= 1
        else:
            return "", 0, 0
        while s >= 0 and toks[s] in CAUSE_SKIP | {"honestly", "really", "actually", "definitely"}:
            s -= 1
        if s >= 0 and toks[s] in OPEN_SUBJECTS:
            return kind, s, n
        if (
            n == 1
            and tok in OPEN_ABILITY | OPEN_WILL
            and all(t in OPEN_OPENERS or t in self.openers for t in toks[: s + 1])
        ):
            return kind, s + 1, n  # "yo, nope, can't swing a second slot": the agent's "I" or "we" left unsaid
        return "", 0, 0

    @staticmethod
    def _open_bases(v: str) -> set[str]:
        """``v`` and, for an -ing form, the verbs it may come from ("couriering": courier; "closing": close;
        "swapping": swap)."""
        bases = {v}
        if v.endswith("ing") and len(v) > 5:
            stem = v[:-3]
            bases |= {stem, stem + "e"} | ({stem[:-1]} if stem[-1] == stem[-2] else set())
        return bases

    def _open_verb(self, v: str, unread: bool = False) -> bool:
        """Whether ``v`` may be the refused verb: a word of three letters or more that no class of the grammar reads
        (its actions are the grammar's own refusals, unless the negation is one it does not read: ``unread``, "we no
        fit *change* it") and not one of :data:`OPEN_NOT_VERBS`, in any of its forms."""
        if not v.isalpha() or len(v) < 3 or v in self.bridge or v in self.determiners or v in self.customer:
            return False
        known = set() if unread else self.actions | self.weak_actions | self.agent_only | set(self.particles)
        known |= OPEN_NOT_VERBS
        return not self._open_bases(v) & known

    def _open_object(self, tok: str) -> bool:
        """Whether ``tok`` starts what is refused: a word of :data:`OPEN_OBJECTS` or one of the grammar's things,
        plural too ("we're not shipping *replacements* to a PO box")."""
        return tok in OPEN_OBJECTS or tok in self.things or (tok.endswith("s") and tok[:-1] in self.things)

    @staticmethod
    def _open_alternative(toks: Sequence[str], lo: int) -> bool:
        """Whether the agent's side offers something after ``toks[lo]`` in the sentence: a word of
        :data:`OPEN_ALTERNATIVE` then, within two words, one of :data:`OPEN_OFFERING` ("so I've booked you", "but
        we'll send one")."""
        after = range(lo, len(toks))
        return any(toks[k] in OPEN_ALTERNATIVE and OPEN_OFFERING & set(toks[k + 1 : k + 3]) for k in after)

    def _open_refusal(self, toks: Sequence[str]) -> Finding | None:
        """A refusal in any verb (session 37, L36): the agent's side as subject (:data:`OPEN_SUBJECTS`), a negation of
        ability (:data:`OPEN_ABILITY`, "can not", "not able to") or of will (:data:`OPEN_WILL`, "will not", "we're not
        going to", "we're not <-ing>"), :data:`OPEN_SKIP` words, ANY verb the grammar's classes do not read
        (:meth:`_open_verb`) and the start of what is refused (:data:`OPEN_OBJECTS`): "we can't swing a second slot",
        "we're not couriering it", "I won't be bumping anyone up", "we couldn't magic up another van". The refused
        verb is an open slot, so a refusal in a verb no list holds, or a verb the recogniser heard as another word,
        is read from its frame. Quiet: a condition before it, a limit after it ("until", "without"), praise or
        feeling after the verb (:data:`OPEN_QUIET_AFTER`: "I wouldn't change a thing", "couldn't agree more"), a
        passive after "be" ("we won't be beaten on price"), "you" as the object, and after a negation of will a verb
        that keeps a harm off the customer (:data:`OPEN_PROMISED`: "we won't charge the card", "I won't note it")."""
        for k in range(len(toks)):
            kind, s, n = self._open_negation(toks, k)
            if not kind:
                continue
            if self._has(toks, self.conditions, s - LOOK_BACK, s) or CONDITIONAL & set(toks[max(0, s - LOOK_BACK) : s]):
                continue
            j = k + n
            while j < len(toks) and toks[j] in OPEN_SKIP:
                j += 1
            if toks[j : j + 1] == ("re",):
                j += 1  # "we will not be re-laying the patio": the prefix written apart
            unread = self._at(toks, k, self.negations) != n  # "ain't", "no fit": the grammar's classes miss them
            if j + 1 >= len(toks) or not self._open_verb(toks[j], unread) or not self._open_object(toks[j + 1]):
                continue
            v = toks[j]
            progressive = v.endswith("ing")
            if toks[j - 1] == "be" and not progressive:
                continue  # "we won't be beaten on price": a passive
            if toks[k] == "not" and toks[k - 1] in ("i'm", "we're") and toks[k + 1] not in ("going", "able", "in"):
                if not progressive:
                    continue  # "we're not sure": a state, not a doing
            if kind == "will" and self._open_bases(v) & OPEN_PROMISED:
                continue
            if OPEN_QUIET_AFTER & set(toks[j + 1 : j + 3]) or self._limited(toks, j + 1):
                continue
            if self._open_alternative(toks, j + 1):
                continue  # "we can't fit it this week, so I've booked you first thing Monday"
            subject = toks[s] if s < k else "(unsaid)"
            parts = (("subject", subject), ("negation", " ".join(toks[k : k + n])), ("action", v))
            # its span runs to the sentence's end, where the alternative may be said: committed words wait for it
            return Finding("refusal", s, len(toks), parts)
        return None

    # -- session 37 (L36), round two ----------------------------------------------------------------------------

    def _pass_on(self, toks: Sequence[str]) -> Finding | None:
        """A request declined as "passed on" (session 37, L36): "pass on" + the request (:data:`PASS_AFTER`) ending the
        sentence (two words at most after it: "I'm gonna have to pass on that, sorry") or + an -ing doing ("we're gonna
        pass on comping your beans"), or the decline as a noun after "is / 's": "a (hard) pass" (:data:`PASS_GRADE`)
        ending the sentence or before "from us / me". Quiet: a message passed on ("pass on your feedback", "pass that on
        to the team": "to" after it), a condition before it, "you" as the one passing."""
        n = len(toks)
        for k, tok in enumerate(toks):
            if tok in ("pass", "passing") and toks[k + 1 : k + 2] == ("on",) and k + 2 < n:
                if self._has(toks, self.conditions, k - LOOK_BACK, k) or "you" in toks[max(0, k - 3) : k]:
                    continue
                nxt = toks[k + 2]
                ending = nxt in PASS_AFTER and n - (k + 3) <= 2 and "to" not in toks[k + 3 :]
                # session 38 (L37): the request named after it ("we'll be passing on that request for an upgrade")
                named = nxt in PASS_AFTER and toks[k + 3 : k + 4] and toks[k + 3] in PASS_REQUEST
                ending = ending or (named and "to" not in toks[k + 4 :])
                doing = len(nxt) > 4 and nxt.endswith("ing") and nxt not in self.not_gerunds
                if ending or doing:
                    return Finding("refusal", k, k + 3, (("declined", f"pass on {nxt}"),))
            if tok == "pass" and k >= 1 and (toks[k - 1] in PASS_NOUN_BEFORE or toks[k - 1] in PASS_GRADE):
                a = k - 1 if toks[k - 1] in PASS_NOUN_BEFORE else k - 2
                if a < 1 or toks[a] not in PASS_NOUN_BEFORE or toks[a - 1] not in ("is", "that's", "it's", "be"):
                    continue
                rest = toks[k + 1 :]
                if not rest or rest[0] == "from" or (len(rest) <= 2 and rest[0] in ("sorry", "mate", "i'm")):
                    return Finding("refusal", a - 1, k + 1, (("declined", " ".join(toks[a : k + 1])),))
        return None

    def _thing_no(self, toks: Sequence[str]) -> Finding | None:
        """A thing asked for refused by a flat no (session 37, L36): the thing (the grammar's ``things``,
        :data:`THING_EXTRA`) and then, later in the sentence and ending it (three words at most after it), a flat no
        (``flat_no``: "a discount on the grill, no way, forget it"); or a flat no + "on" + the thing (:data:`NO_ON`:
        "negative on the refund", "no dice on a discount"). Quiet: a second negation or the customer after the flat
        no ("a refund, no way you'll lose it"), a condition."""
        n = len(toks)
        for k in range(n):
            m = self._at(toks, k, NO_ON)
            if m and toks[k + m : k + m + 1] == ("on",):
                j = k + m + 1
                j += 1 if toks[j : j + 1] and toks[j] in self.determiners else 0
                if j < n and (
                    toks[j] in self.things or self._at(toks, j, THING_EXTRA) or self._at(toks, j - 1, THING_EXTRA)
                ):
                    return Finding("refusal", k, j + 1, (("negation", " ".join(toks[k : k + m])), ("thing", toks[j])))
        thing = next((k for k in range(n) if toks[k] in self.things or self._at(toks, k, THING_EXTRA)), -1)
        if thing < 0 or self._has(toks, self.conditions, 0, thing):
            return None
        for k in range(thing + 1, n):
            m = self._at(toks, k, self.flat_no)
            if not m:
                continue
            tail = toks[k + m :]
            if len(tail) <= 3 or self._at(tail, 0, self.flat_no):
                if any(t in self.customer or self._at(tail, i, self.negations) for i, t in enumerate(tail)):
                    return None
                return Finding(
                    "refusal", thing, k + m, (("thing", toks[thing]), ("negation", " ".join(toks[k : k + m])))
                )
        return None

    def _hand_on(self, toks: Sequence[str]) -> Finding | None:
        """The customer handed on to a third party (session 37, L36): a verb of contact after "you'd have to / you'll
        need to" (:data:`HAND_ON_NEED` + :data:`HAND_ON` or :data:`HAND_OFF`: "so you'd have to go knock on their
        door"), or a verb of sending away (:data:`HAND_OFF`: "take it up with", "moan at") said as an imperative
        (nothing before it but :data:`HAND_ON_BEFORE` words or the end of a clause: "that's the state's business, take
        it up with them"); then within three words a third party (:data:`THIRD_PARTY`: them, their, the <someone>).
        Quiet: a bare "ring them on the number on the box" (a pointer), the agent's side anywhere before it in the
        sentence ("I'll speak to them", "we'll ring the courier"), a condition, a question, "us / me / our"."""
        for k in range(len(toks)):
            off = self._at(toks, k, HAND_OFF)
            m = off or self._at(toks, k, HAND_ON)
            if not m:
                continue
            after = toks[k : k + m + 3]
            if not after or not THIRD_PARTY & set(after) or {"us", "me", "our"} & set(after):
                continue
            before = toks[:k]
            if any(t in self.first_person for t in before) or self._has(toks, self.conditions, 0, k):
                continue
            need = any(self._at(toks, i, HAND_ON_NEED) for i in range(max(0, k - 7), k))
            j = k - 1
            while j >= 0 and toks[j] in HAND_ON_BEFORE:
                j -= 1
            imperative = j < 0 or toks[j] not in self.bridge | self.customer | {"to", "can", "could", "should", "might"}
            if need or (off and imperative and k - j <= 3):
                return Finding("blame", k, min(len(toks), k + m + 2), (("away", " ".join(toks[k : k + m])),))
        return None

    # -- the whole sentence --------------------------------------------------------------------------

    # -- session 38 (L37), round one: open slots (a closed door, a remit, a cleft, a fault denied, a tautology) --

    @staticmethod
    def _owned(
        toks: Sequence[str],
        k: int,
        negations: frozenset[str],
        owners: tuple[str, ...],
        nouns: frozenset[str],
        words: int,
    ) -> int:
        """The index of a ``nouns`` word after ``toks[k]`` (a word of ``negations``), an owner or article right after
        it (``owners``: "not *my* stall", "hardly *a* factory fault") and at most ``words - 1`` words between: 0 when
        there is none."""
        if toks[k] not in negations or toks[k + 1 : k + 2] not in tuple((o,) for o in owners):
            return 0
        return next((r for r in range(k + 2, min(k + 2 + words, len(toks))) if toks[r] in nouns), 0)

    def _closed_door(self, toks: Sequence[str]) -> Finding | None:
        """The request closed off as a thing that will not happen (session 38, L37): a subject standing for the
        request at the start of a clause (:data:`CLOSED_DOOR_SUBJECTS`: "that", "it", or "that / this" + one word:
        "that dog"; only an opener before it), a negation (:data:`CLOSED_DOOR_NEGATIONS`), :data:`CLOSED_DOOR_SKIP`
        words ("going to", "ever") and ANY verb that ends the sentence, only :data:`CLOSED_DOOR_TAIL` words after it:
        "that's not happening", "that won't fly, mate", "that dog won't hunt", "that isn't going to materialise".
        The verb is a doing to come: an "-ing" form, after "going to / gonna", or after "won't / wouldn't" with
        "that / this" as the subject ("it won't streak" is what a thing does). Quiet: an adjective or a participle
        after a copula ("that's not fair", "it isn't signed"), "be" before the verb ("that won't be necessary"), a
        verb of what a thing does or a harm kept off (:data:`CLOSED_DOOR_QUIET`, :data:`OPEN_PROMISED`,
        :data:`OPEN_NOT_VERBS`: "that won't hurt", "it won't take long"; "happening" itself is no promise), any
        other word after the verb (an object, a time: "it won't change your bill", "it won't happen again"), a
        conjunction or promise before the subject (:data:`CLOSED_DOOR_NOT_AFTER`: "so that won't happen"), a
        condition."""
        n = len(toks)
        for k, tok in enumerate(toks):
            if tok not in CLOSED_DOOR_SUBJECTS or (k and toks[k - 1] in CLOSED_DOOR_NOT_AFTER):
                continue
            before = toks[k - 1] if k else "no"
            relative = tok in ("that", "this", "that's", "that'll", "thats")  # "it" is never a relative pronoun
            if (
                relative
                and before not in OPEN_OPENERS
                and before not in self.openers
                and before not in CLOSED_DOOR_TAIL
            ):
                continue  # "a delivery that never comes": a relative clause, not a clause of its own
            if self._has(toks, self.conditions, k - LOOK_BACK, k) or CONDITIONAL & set(toks[max(0, k - LOOK_BACK) : k]):
                continue
            m = k + 1
            if tok in ("that", "this") and m < n and toks[m].isalpha() and not self._at(toks, m, CLOSED_DOOR_NEGATIONS):
                if toks[m] in self.bridge or toks[m] in self.customer or toks[m] in self.determiners:
                    continue
                m += 1  # "that dog won't hunt", "that idea won't fly"
            neg = self._at(toks, m, CLOSED_DOOR_NEGATIONS)
            copula = tok.endswith("'s") or tok in ("thats", "its")
            if not neg or (toks[m] == "not" and not copula) or (copula and toks[m] in ("won't", "wouldn't", "isn't")):
                continue
            modal = toks[m] in ("won't", "wouldn't", "will") and tok in ("that", "this", "that'll")
            j = m + neg
            future = be = False
            while j < n and toks[j] in CLOSED_DOOR_SKIP:
                future = future or toks[j] in ("going", "gonna", "finna", "gon")
                be = be or toks[j] == "be"
                j += 1
            if j >= n or not toks[j].isalpha() or len(toks[j]) < 3:
                continue
            v = toks[j]
            progressive = v.endswith("ing") and not v.endswith("thing")
            if not (progressive or ((future or modal) and not be)):
                continue  # "that's not fair", "it isn't signed", "that won't be necessary", "it won't streak"
            if v in self.bridge or v in self.determiners or v in self.customer:
                continue
            quiet = CLOSED_DOOR_QUIET | OPEN_PROMISED | OPEN_NOT_VERBS
            if v != "happening" and self._open_bases(v) & quiet:
                continue
            if any(t not in CLOSED_DOOR_TAIL for t in toks[j + 1 :]) and v != "happening":
                continue
            if v == "happening" and toks[j + 1 : j + 2] and toks[j + 1] in ("again", "twice", "to", "anymore"):
                continue
            parts = (("subject", " ".join(toks[k:m])), ("negation", " ".join(toks[m : m + neg])), ("action", v))
            return Finding("refusal", k, j + 1, parts)
        return None

    def _not_our_remit(self, toks: Sequence[str]) -> Finding | None:
        """The matter put outside the agent's or company's part (session 38, L37): a negation
        (:data:`REMIT_NEGATIONS`), "my / our", at most one free word and a :data:`REMIT` noun: "not my department",
        "that isn't our remit", "not my stall, mate", "not our problem, I'm afraid"; also "nothing to do with me /
        us". Quiet: a purpose or a longer noun after it (:data:`REMIT_QUIET_AFTER`: "not my job to judge", "not
        our area manager"), "no" + "my" that is a reply ("no, my department sorted it": "no" only right before
        the noun's owner when nothing but the remit follows), and the agent's offer later in the sentence ("not
        our area, but I'll put you through", :meth:`_open_alternative`)."""
        n = len(toks)
        for k, tok in enumerate(toks):
            r = self._owned(toks, k, REMIT_NEGATIONS, ("my", "our"), REMIT, 2)
            if not r:
                continue
            if toks[r + 1 : r + 2] and toks[r + 1] in REMIT_QUIET_AFTER:
                continue
            if tok == "no" and toks[r + 1 :]:
                continue  # "no, my department sorted it": a reply, not "no my problem"
            if self._open_alternative(toks, r + 1):
                continue
            return Finding("refusal", k, r + 1, (("negation", tok), ("away", " ".join(toks[k + 1 : r + 1]))))
        for k in range(n - 3):
            if toks[k : k + 3] == ("nothing", "to", "do") and toks[k + 3 : k + 4] == ("with",):
                if toks[k + 4 : k + 5] in (("me",), ("us",)) and not self._open_alternative(toks, k + 5):
                    return Finding(
                        "refusal", k, k + 5, (("negation", "nothing"), ("away", "to do with " + toks[k + 4]))
                    )
        return None

    def _cleft_blame(self, toks: Sequence[str]) -> Finding | None:
        """A doing put on the customer's side by a cleft (session 38, L37): a frame (:data:`CLEFT_FRAMES`: "it's",
        "it was"), "you" or "your" + at most two words (the one it names: "your own lad", "your kids"), a link
        (:data:`CLEFT_LINKS`: "that", "who") and a doing in the past (any -ed form, :data:`DOINGS`, a damage word):
        "it's your own lad that snapped the hurley", "it was you who left the gate open", "it's your dog that's
        chewed the cable". Quiet: receiving, telling and being (:data:`NOT_DOING`: "it was your son who rang us"),
        a link followed by another subject ("it's you that we need to thank"), a question."""
        n = len(toks)
        for k in range(n):
            f = self._at(toks, k, CLEFT_FRAMES)
            if not f:
                continue
            w = k + f
            if w >= n or toks[w] not in HEARD_YOU | {"your", "yous", "youse"}:
                continue
            link = w + 1
            if toks[w] == "your":
                link = next((m for m in range(w + 2, min(w + 4, n)) if toks[m] in CLEFT_LINKS), 0)
                if not link or any(t in self.bridge and t not in CLEFT_MODIFIERS for t in toks[w + 1 : link]):
                    continue
            if link >= n or toks[link] not in CLEFT_LINKS:
                continue
            v = link + 1
            while v < n and toks[v] in ("has", "have", "had", "'s", "'ve", "just", "must", "been", "probably"):
                v += 1
            if v >= n or toks[v] in NOT_DOING:
                continue
            t = toks[v]
            if not (t in DOINGS or t in self.mishandled or t in DAMAGE or (t.endswith("ed") and len(t) > 4)):
                continue
            if "been" in toks[link + 1 : v] or toks[link + 1 : link + 2] in (("was",), ("were",), ("is",), ("got",)):
                continue  # "it's your order that has been upgraded": done to the customer's side
            parts = (("customer", " ".join(toks[w:link])), ("action", toks[v]))
            return Finding("blame", k, v + 1, parts)
        return None

    def _fault_denied(self, toks: Sequence[str]) -> Finding | None:
        """A fault denied as the product's (session 38, L37): a negation (:data:`FAULT_DENIED_NEGATIONS`: "not",
        "hardly"), "a / an", one or two words saying whose or what kind and a :data:`FAULT_DENIED_NOUNS` noun:
        "that's hardly a factory fault", "it's not a manufacturing defect", "this isn't a warranty fault". Quiet:
        the customer's side named in it ("not your fault": empathy), a bare "not a fault" (no kind said: often
        the reassurance that nothing is broken), a question."""
        for k, tok in enumerate(toks):
            r = self._owned(toks, k, FAULT_DENIED_NEGATIONS, ("a", "an"), FAULT_DENIED_NOUNS, 3)
            if r < k + 3:
                continue  # none, or a bare "not a fault"
            kinds = toks[k + 2 : r]
            if any(t in self.customer or t in self.bridge or t in HEARD_YOU or t == "your" for t in kinds):
                continue
            if k == 0 or toks[k - 1] not in self.deictic | {"is", "was", "that", "it"}:
                continue
            return Finding("refusal", k, r + 1, (("negation", tok), ("fault", " ".join(toks[k + 2 : r + 1]))))
        return None

    def _tautology(self, toks: Sequence[str]) -> Finding | None:
        """A rule said to be itself, the end of the matter (session 38, L37): a :data:`TAUTOLOGY_NOUNS` noun, "is /
        are" (or its "'s"), and the same noun again: "regulations are regulations", "a deal's a deal", "rules is
        rules". Quiet: a negation between ("rules aren't rules to him"), a question."""
        for k, tok in enumerate(toks):
            noun = tok[:-2] if tok.endswith("'s") else tok
            if noun not in TAUTOLOGY_NOUNS:
                continue
            m = k + 1 if tok.endswith("'s") else k + 2
            if m == k + 2 and toks[k + 1 : k + 2] not in (("is",), ("are",)):
                continue
            if toks[m : m + 1] in (("a",), ("an",), ("the",)):
                m += 1
            if toks[m : m + 1] == (noun,):
                return Finding("refusal", k, m + 1, (("rule", noun), ("reason", noun)))
        return None

    # -- session 38 (L37), round two: list AI's and c862-c885's classes as frames with open slots -------------------

    def _something_we_wont(self, toks: Sequence[str]) -> Finding | None:
        """A request judged as "not something" the agent's side will do, in ANY verb (session 38, L37): "isn't / not"
        (:data:`SOMETHING_NOT`) + "something / anything / a thing" + :data:`SOMETHING_BRIDGE` words with the agent's
        side among them + an open verb (:meth:`_open_verb`): "replacing the opal at our expense isn't something we'll
        entertain", "not anything I'm prepared to countenance"; or the practice refused in "do" itself
        (:data:`SOMETHING_DONE`, session 45, L44: "next day sends aren't a thing we do for hires", "a remake isn't
        something that's done once they've been worn") unless :data:`DONE_QUIET` says how often or how ("not
        something we do lightly"). Quiet: a harm kept off or a feeling (:data:`OPEN_PROMISED`, :data:`OPEN_NOT_VERBS`:
        "not something we'd ever charge for", "not something we see often"), a power not held
        (:data:`SOMETHING_QUIET`: "not something we control"), the customer as the one doing it, a condition."""
        n = len(toks)
        for k in range(n - 3):
            if toks[k] not in SOMETHING_NOT or toks[k + 1] not in ("something", "anything", "a"):
                continue
            j = k + 3 if toks[k + 1] == "a" and toks[k + 2 : k + 3] == ("thing",) else k + 2
            if toks[k + 1] == "a" and j == k + 2:
                continue
            agent = False
            while j < n and toks[j] in SOMETHING_BRIDGE:
                agent = agent or toks[j] in OPEN_SUBJECTS or toks[j] in ("we'll", "i'll", "i", "we")
                j += 1
            if tuple(toks[j : j + 2]) == ("that's", "done") or tuple(toks[j - 1 : j + 1]) == ("that", "gets"):
                # "a remake isn't something that's done once they've been worn": the practice in the passive (c709);
                # "that gets done" too, its "that" already read as a bridge word (session 46, R10's note: the check
                # looked for "that gets" after the bridge and so never held)
                agent, j = True, j + 1
            if not agent or j >= n or self._has(toks, self.conditions, k - LOOK_BACK, k):
                continue
            v = toks[j]
            if v in SOMETHING_DONE and toks[j + 1 : j + 2] and toks[j + 1] in DONE_QUIET:
                continue  # "not something we do lightly / every day": how often or how, not whether
            if v not in SOMETHING_DONE and (
                v in self.customer or not self._open_verb(v, unread=True) or self._open_bases(v) & OPEN_PROMISED
            ):
                continue
            if self._open_bases(v) & SOMETHING_QUIET:
                continue  # "that is not something we control": a limit of power told (c706), not a refusal
            parts = (("negation", f"{toks[k]} {toks[k + 1]}"), ("action", v))
            return Finding("refusal", k, j + 1, parts)
        return None

    def _decline_noun(self, toks: Sequence[str]) -> Finding | None:
        """A decline said as a noun (session 38, L37): "a" + at most two :data:`DECLINE_GRADES` + a
        :data:`DECLINE_NOUNS` noun, ending the sentence or before "from / on": "that's a firm nope from our end",
        "a big fat no on the swap", "it's a hard no". Quiet: no grade and no "from / on" ("a no" is read by
        :meth:`_answer_is_no`), "from you" (the customer's no), "no" before another word ("a no claims bonus")."""
        for k, tok in enumerate(toks):
            if tok not in DECLINE_NOUNS or k < 2:
                continue
            a = k - 1
            while a > 0 and toks[a] in DECLINE_GRADES and k - a <= 2:
                a -= 1
            if toks[a] != "a" or a == k - 1:
                continue
            rest = toks[k + 1 :]
            if (
                rest
                and rest[0] not in ("from", "on", "for")
                and not all(t in TAIL_AFTER or t in NO_AFTER for t in rest)
            ):
                continue
            if rest[:1] == ("from",) and rest[1:2] and rest[1] in self.customer:
                continue
            return Finding("refusal", a, k + 1, (("declined", " ".join(toks[a : k + 1])),))
        return None

    def _says_no(self, toks: Sequence[str]) -> Finding | None:
        """Someone's no reported as the answer, in any tongue (session 38, L37): "says / say" + a :data:`NO_ANY` word
        + "to / on / so", a tail or the sentence's end: "head office says nyet to the price match", "the boss say
        no, so is no". Quiet: the customer as the one saying it ("you said no to the upgrade"), a negation or a
        condition before it ("I can never say no", "if they say no"), "say no more", the agent's "say no" as a
        necessity (:meth:`_say_no` reads it)."""
        n = len(toks)
        for k in range(1, n - 1):
            if toks[k] not in SAYING or toks[k + 1] not in NO_ANY:
                continue
            rest = toks[k + 2 :]
            if rest and rest[0] not in ("to", "on", "so", "about") and not all(t in NO_AFTER for t in rest):
                continue
            lo = max(0, k - LOOK_BACK)
            if (
                self.customer & set(toks[lo:k])
                or HEARD_YOU & set(toks[lo:k])
                or any(t.endswith("n't") for t in toks[lo:k])
            ):
                continue  # "you can always say no to it", "I haven't said no"
            if toks[k - 1] in self.first_person or toks[k - 1] in ("i", "we", "i'll", "we'll", "to", "have"):
                continue  # "I'll say no", "have to say no": _say_no's necessity, or the agent's own choice
            if any(self._at(toks, m, self.negations) for m in range(lo, k)) or self._has(toks, self.conditions, lo, k):
                continue
            return Finding("refusal", k, k + 2, (("refusing", f"{toks[k]} {toks[k + 1]}"),))
        return None

    def _own_doing(self, toks: Sequence[str]) -> Finding | None:
        """A cause put back on the customer with a reflexive (session 38, L37): a doing + an object + "on / to" +
        "yourself" ("you brought this on yourself", "you've done it to yourself"); "your own" + a doing noun
        (:data:`OWN_DOING`) or any "-ing" form as heard, after a copula and ending the sentence ("the cracked slates
        are your own doing", c868 heard "you're own knowing"); "you" + a mishandling in the past and "yourself"
        ending the sentence ("you riled them up with the hosepipe yourself"). Quiet: receiving, telling and being
        (:data:`NOT_DOING`: "you booked it yourself"), any other word after the reflexive ("you fitted it
        yourself, brilliant"), a question."""
        n = len(toks)
        end_ok = lambda lo: all(t in CLOSED_DOOR_TAIL or t in TAIL_AFTER for t in toks[lo:])  # noqa: E731
        for k, tok in enumerate(toks):
            if tok in REFLEXIVE_DOINGS:
                m = k + 1
                while m < n and m - k <= 3 and toks[m] in REFLEXIVE_OBJECTS:
                    m += 1
                if (
                    toks[m : m + 1] in (("on",), ("to",), ("upon",))
                    and toks[m + 1 : m + 2]
                    and toks[m + 1] in REFLEXIVES
                ):
                    return Finding("blame", k, m + 2, (("action", tok), ("customer", toks[m + 1])))
            if tok == "own" and k >= 2 and toks[k - 1] in ("your", "you're", "yer", "ya", "yor"):
                heard_are = toks[k - 1] == "you're"  # "are your own" heard "you're own" (c868)
                if not heard_are and toks[k - 2] not in COPULAS | {
                    "that's",
                    "it's",
                    "all",
                    "of",
                    "entirely",
                    "totally",
                }:
                    continue
                nxt = toks[k + 1 : k + 2]
                if nxt and (nxt[0] in OWN_DOING or (nxt[0].endswith("ing") and len(nxt[0]) > 4)) and end_ok(k + 2):
                    return Finding("blame", k - 1, k + 2, (("customer", f"{toks[k - 1]} own"), ("fault", nxt[0])))
            if tok in REFLEXIVES and k >= 3 and end_ok(k + 1):
                you = next((m for m in range(max(0, k - 8), k) if toks[m] in ("you", "you've", "ye", "yous")), -1)
                if you < 0 or you + 1 >= k:
                    continue
                v = toks[you + 1]
                if v in ("just", "must", "have", "had", "'ve", "obviously", "clearly") and you + 2 < k:
                    v = toks[you + 2]
                if v in NOT_DOING or v in self.not_gerunds:
                    continue
                if v in DOINGS or v in self.mishandled or (v.endswith("ed") and len(v) > 4):
                    return Finding("blame", you, k + 1, (("customer", toks[you]), ("action", v)))
        return None

    def _refused_as_passive(self, toks: Sequence[str]) -> Finding | None:
        """A request refused as a passive (session 38, L37): "is / has been / was / got" + a refusing participle
        (:data:`PASSIVE_REFUSING`, :data:`PASSIVE_REFUSING_PARTICLES`): "moving the rodeo tickets to next year has been
        ruled out", "the swap was vetoed". Quiet: a finding or a payment as the subject
        (:data:`PASSIVE_REFUSING_QUIET`: "a leak's been ruled out", "your card was declined"), a negation before it
        ("it wasn't refused"), a condition, a report of what happened ("it was declined", "... declined because
        ..."), a rule of the place (no "banned / forbidden": "the phrase is banned on our floor")."""
        n = len(toks)
        for k in range(1, n):
            tok = toks[k]
            w = self._at(toks, k, PASSIVE_REFUSING_PARTICLES) or (1 if tok in PASSIVE_REFUSING else 0)
            if not w or toks[k - 1] not in PASSIVE_AUX | {"be", "are", "get", "gets", "been"}:
                continue
            lo = max(0, k - LOOK_BACK)
            if PASSIVE_REFUSING_QUIET & set(toks[lo:k]) or any(self._at(toks, m, self.negations) for m in range(lo, k)):
                continue
            if self._has(toks, self.conditions, lo, k) or any(t.endswith("n't") for t in toks[lo:k]):
                continue
            if toks[k + w : k + w + 1] and toks[k + w] in ("because", "since", "as", "due", "cos", "cause"):
                continue  # "it was declined because the vet's notes ...": what happened, with its reason (c147)
            if toks[k - 1] in ("was", "were") and k >= 2 and toks[k - 2] in ("it", "they"):
                continue  # "it was declined": a report of what happened
            return Finding("refusal", k - 1, k + w, (("refused", " ".join(toks[k - 1 : k + w])),))
        return None

    def _ban_on(self, toks: Sequence[str]) -> Finding | None:
        """A prohibition said as a noun over a thing asked for (session 38, L37): a :data:`BAN_NOUNS` noun (one word
        before it at most after "a / the": "a blanket ban") + "on" + within two words a thing refused (the grammar's
        things, :data:`REFUSED_TAIL`): "head office has a blanket ban on refunds after the trip starts". Quiet: a
        ban on anything else (a rule of the place: "a ban on smoking"), the customer's ban."""
        for k, tok in enumerate(toks):
            if tok not in BAN_NOUNS or toks[k + 1 : k + 2] != ("on",):
                continue
            obj = toks[k + 2 : k + 5]
            if not any(t in self.things or t in REFUSED_TAIL for t in obj) or self.customer & set(
                toks[max(0, k - 3) : k]
            ):
                continue
            return Finding("refusal", k, k + 2, (("refusing", f"{tok} on"),))
        return None

    def _impossible(self, toks: Sequence[str]) -> Finding | None:
        """A closed door named (session 38, L37): a copula + "a / an" + at most one word + an
        :data:`IMPOSSIBLE_NOUNS` noun ("a voucher for that one is a dead duck", "that's a non starter"), or a
        negation + "on the" / "off the" + an :data:`OFFERED_NOUNS` noun ("compensation isn't on the menu here",
        "that's off the table"). Quiet: a charge or fee as what is off the table (good news: "the call-out fee is
        off the table"), "yet" or an alternative after it ("not on the menu yet, but it will be"), the customer as
        the subject, a question."""
        n = len(toks)
        charged = CHARGES & {t[:-2] if t.endswith("'s") else t for t in toks} or PAY_WORDS & set(toks)
        for k, tok in enumerate(toks):
            if tok in ("a", "an") and k >= 1:
                for m in (k + 1, k + 2):
                    w = self._at(toks, m, IMPOSSIBLE_NOUNS) if m < n else 0
                    if w:
                        before = toks[k - 1]
                        copula = before in COPULAS | {"that's", "it's", "'s"} or before.endswith("'s")
                        if copula and not self.customer & set(toks[max(0, k - 3) : k]):
                            return Finding("refusal", k, m + w, (("closed", " ".join(toks[m : m + w])),))
                        break
            if tok in ("on", "off") and toks[k + 1 : k + 2] == ("the",) and toks[k + 2 : k + 3]:
                if toks[k + 2] not in OFFERED_NOUNS or charged:
                    continue
                negated = tok == "off" or any(self._at(toks, m, self.negations) for m in range(max(0, k - 3), k))
                later = "yet" in toks[k + 3 : k + 6] or self._open_alternative(toks, k + 3) or "but" in toks[k + 3 :]
                if negated and not later and not self.customer & set(toks[max(0, k - 4) : k]):
                    return Finding("refusal", k, k + 3, (("closed", " ".join(toks[k : k + 3])),))
        return None

    def _gerund_impossible(self, toks: Sequence[str]) -> Finding | None:
        """The agent's doing asked for, said to be impossible (session 45, L44, round two; in sample: c1043): the
        sentence opens (after :data:`OPEN_OPENERS`) on an "-ing" form of one of the agent's actions
        (:meth:`_agent_gerund`, or a weak action: "sending", "booking"), then within :data:`REQUEST_SPAN` words "is /
        's / would be", at most one :data:`IMPOSSIBLE_GRADES` word and "impossible": "sending someone out to you is
        impossible", "rebooking the slot's just impossible this week". Quiet: a grade that leaves room ("nearly /
        almost impossible" are no grades), a question, "but" or an alternative after it ("..., but I'll try")."""
        start = next((m for m, t in enumerate(toks) if t not in OPEN_OPENERS and t not in self.openers), len(toks))
        first = toks[start] if start < len(toks) else ""
        if not first.endswith("ing") or not (self._agent_gerund(first) or first in self.weak_actions):
            return None
        for k in range(start + 2, min(len(toks), start + REQUEST_SPAN + 3)):
            if toks[k] != "impossible":
                continue
            j = k - 1 if toks[k - 1] in IMPOSSIBLE_GRADES else k
            cop = toks[j - 1]
            modal = toks[j - 2] if j >= 2 else ""
            said = cop == "is" or cop.endswith("'s") or (cop == "be" and modal in ("would", "will", "'d"))
            if not said or "but" in toks[k + 1 :] or self._open_alternative(toks, k + 1):
                return None
            return Finding("refusal", start, k + 1, (("request", first), ("closed", "impossible")))
        return None

    def _nothing_of(self, toks: Sequence[str]) -> Finding | None:
        """A thing asked for given as nothing at all (session 38, L37): a :data:`NOTHING_WORDS` word + at most one
        word + a thing refused ("zero refunds, zilch, nada"): the grammar's things or :data:`REFUSED_TAIL`. Quiet: a
        charge as the thing ("zero charges", "zero interest": good news)."""
        for k, tok in enumerate(toks):
            if tok not in NOTHING_WORDS:
                continue
            for m in (k + 1, k + 2):
                if m < len(toks) and (toks[m] in self.things or toks[m] in REFUSED_TAIL):
                    return Finding("refusal", k, m + 1, (("negation", tok), ("thing", toks[m])))
        return None

    def _hold_breath(self, toks: Sequence[str]) -> Finding | None:
        """The thing asked for said not to come, as the idiom of waiting (session 38, L37): "don't / wouldn't" +
        "hold your breath" ending the sentence or before "for <a thing>" / "waiting": "don't hold your breath for a
        credit note". Quiet: a breathing instruction (:data:`BREATH_INSTRUCTION` or "on" after it: "don't hold your
        breath in", "... on the way up"; a time after "for": "for more than ten seconds")."""
        for k in range(1, len(toks)):
            w = self._at(toks, k, HOLD_BREATH)
            if not w or toks[k - 1] not in ("don't", "wouldn't", "not", "never"):
                continue
            rest = toks[k + w :]
            waiting = rest[:1] == ("waiting",) or (
                rest[:1] == ("for",)
                and rest[1:2]
                and not BREATH_INSTRUCTION & set(rest[1:3])
                and not rest[1].isdigit()  # "for a second", "for 10 seconds": an instruction
            )
            if rest and not waiting and not all(t in CLOSED_DOOR_TAIL for t in rest):
                continue
            return Finding("refusal", k - 1, k + w, (("closed", " ".join(toks[k - 1 : k + w])),))
        return None

    def _rule_then_no(self, toks: Sequence[str]) -> Finding | None:
        """A rule named and a "no <thing>" said straight after it, the rule as the reason (session 38, L37): a
        :data:`RULE_THEN_NO` noun (not a medical "procedure": "after the procedure, no heavy lifting") + "no" + a
        word that is no good news (:data:`RULE_NO_QUIET`): "house rules, no dogs
        on the boat", "company policy, no cash refunds". Quiet: "no charge / no quibble" (good news), "just / only no
        ..." (a light restriction), a rule in the customer's favour (:data:`FAVOUR`), a question."""
        for k in range(len(toks) - 2):
            if toks[k] not in RULE_THEN_NO or toks[k + 1] != "no" or toks[k + 2] in RULE_NO_QUIET:
                continue
            if not toks[k + 2].isalpha() or self._has(toks, FAVOUR, 0):
                continue
            return Finding("refusal", k, k + 3, (("rule", toks[k]), ("no", toks[k + 2])))
        return None

    # -- session 39 (L38), round one -------------------------------------------------------------------------------

    def _request_subject(self, toks: Sequence[str], m: int) -> int:
        """The start of a subject before ``toks[m]`` (a negation) that names a thing asked for: looking back at most
        :data:`REQUEST_SPAN` words and stopping at a :data:`REQUEST_BREAKERS` word, a span holding a
        :data:`REQUEST_HEADS` noun, a :data:`REQUEST_MARKS` word ("a *free* upgrade"), a :data:`REQUEST_PHRASES` phrase
        ("*money back*", "a ride *on the house*") or opened by a :data:`REQUEST_GERUNDS` doing ("*swapping* the kit for
        another colour"); -1 when there is none. A head written with "'s" before a bare "not" counts ("the swap's not
        happening")."""
        lo = m
        while lo > 0 and m - lo < REQUEST_SPAN and toks[lo - 1] not in REQUEST_BREAKERS and toks[lo - 1].isascii():
            lo -= 1
        span = [t.removesuffix("'s") for t in toks[lo:m]]
        if not span:
            return -1
        if REQUEST_HEADS & set(span) or REQUEST_MARKS & set(span[:-1]) or any(t in REQUEST_GERUNDS for t in span[:1]):
            return lo
        if any(self._at(span, i, REQUEST_PHRASES) for i in range(len(span))):
            return lo
        return -1

    def _how_we(self, toks: Sequence[str], j: int, *, clause: bool = True) -> int:
        """The end of "how / what" + the firm's side (:data:`HOW_WE_SUBJECTS`) + ANY verb at ``toks[j]``: the index
        after the verb, 0 when it is not that. With ``clause`` (the subject is a bare "that / it") the verb ends the
        sentence, only its object and at most two ``closed_door_tail`` words after it: "how we roll", "what we do",
        "how it works here", "how we do business"; without (a request named as the subject already refuses) any words
        may follow ("isn't how we roll, the waiver covers wear and tear"). Quiet: a word of :data:`HOW_WE_QUIET` as
        the verb or just after it (a wish, a fault owned, an appearance, a rarity: "how we should have", "how it
        looks", "how it usually goes"); with ``clause``, "the / our" + a noun + a word + another word: a longer name
        whose verb comes later ("that's not how the new boiler works, it heats on demand" explains the product, and
        its committed words "... how the new boiler works, it" must not nudge before the final)."""
        n = len(toks)
        if j + 2 > n or toks[j] not in HOW_WE_HEADS or toks[j + 1] not in HOW_WE_SUBJECTS:
            return 0
        k = j + 2
        named = toks[j + 1] in ("the", "our") and k < n and toks[k].isalpha()
        if named:
            k += 1  # "how the firm works", "what our team does"
        if k >= n or not toks[k].isalpha() or toks[k] in HOW_WE_QUIET or toks[k] in self.customer:
            return 0
        if any(t in HOW_WE_QUIET for t in toks[k + 1 : k + 3]):
            return 0
        rest = toks[k + 1 :]
        if rest and rest[0].isalpha() and rest[0] not in self.customer:
            if clause and named:
                return 0  # "how the new boiler works, it heats on demand": a longer name, its verb after it
            rest = rest[1:]  # its object: "how we do *business*", "how we do *things*"
        if clause and (any(t not in CLOSED_DOOR_TAIL for t in rest) or len(rest) > 2):
            return 0
        return k + 1

    def _deictic_start(self, toks: Sequence[str], k: int) -> bool:
        """Whether ``toks[k]`` is "that / it" opening a clause of its own (only an opener before it) as the subject of
        a "how we ..." ("that's not how we roll"); not after a flat "no" ("no, that's not how we work": an answer to a
        fear) nor after a conjunction or a promise (``closed_door_not_after``)."""
        if k < 0 or toks[k] not in CLOSED_DOOR_SUBJECTS:
            return False
        before = toks[k - 1] if k else ""
        if before in ("no", "nah", "nope", "naw") or before in CLOSED_DOOR_NOT_AFTER:
            return False
        return not before or before in OPEN_OPENERS or before in self.openers or before in CLOSED_DOOR_TAIL

    def _request_closed(self, toks: Sequence[str]) -> Finding | None:
        """A thing asked for named as the subject of a closed door (session 39, L38): a request subject
        (:meth:`_request_subject`: "a refund on a used mattress", "money back for a breakdown", "a second ride on the
        house", "swapping the drum kit for another colour"), a negation (``closed_door_negations``; a bare "not"
        after "is / are / 's"), ``closed_door_skip`` words and a :data:`REQUEST_CLOSED` ending ("isn't happening",
        "ain't gonna happen", "just isn't on", "isn't going to materialise") or "how / what we <ANY verb>"
        (:meth:`_how_we`: "just isn't how we roll"), only ``closed_door_tail`` words after it to the sentence's end.
        Quiet: good news or a state after the negation ("a refund isn't a problem", "a replacement won't take long",
        "isn't needed"), a time or a reason after the ending ("a refund isn't happening today, it'll be tomorrow"), a
        question or a condition before the subject, the "how we" of a wish or a fault owned."""
        n = len(toks)
        for m in range(1, n - 1):
            neg = self._at(toks, m, CLOSED_DOOR_NEGATIONS)
            if not neg:
                continue
            e = m
            while e > 1 and toks[e - 1] in REQUEST_ADVERBS:
                e -= 1  # "that's *just* not how we roll"
            if toks[m] == "not" and not (toks[e - 1] in ("is", "are") or toks[e - 1].endswith("'s")):
                continue
            lo = self._request_subject(toks, e - 1 if toks[m] == "not" and toks[e - 1] in ("is", "are") else e)
            deictic = lo < 0 and self._deictic_start(toks, e - 1)
            if deictic:
                lo = e - 1
            if lo < 0 or self._has(toks, self.conditions, lo - LOOK_BACK, lo):
                continue
            j = m + neg
            while j < n and toks[j] in CLOSED_DOOR_SKIP:
                j += 1
            end = self._how_we(toks, j, clause=deictic)
            if not end and deictic:
                continue  # "that's not happening" is the closed door's (:meth:`_closed_door`)
            if not end:
                size = self._at(toks, j, REQUEST_CLOSED)
                if not size or any(t not in CLOSED_DOOR_TAIL for t in toks[j + size :]):
                    continue
                end = j + size
            closed = " ".join(toks[j:end])
            parts = (("thing", " ".join(toks[lo:m])), ("negation", " ".join(toks[m : m + neg])), ("closed", closed))
            return Finding("refusal", lo, end, parts)
        return None

    def _what_happens(self, toks: Sequence[str]) -> Finding | None:
        """A doing of the customer's put back on them as the cause (session 39, L38): "that's / this is / it's what"
        + :data:`WHAT_HAPPENS` ("happens", "you get") + a :data:`WHAT_HAPPENS_LINKS` word + "you" (``heard_you``; none
        after "for") + ANY doing: "that's what happens when you stuff the washer full of horse rugs", "that's what you
        get for leaving it out in the rain". Quiet: the customer's plain business or due (``not_doing``,
        :data:`WHAT_HAPPENS_QUIET`: "that's what happens when you pay by card", "... for being loyal"), "you're" (done
        to the customer), another subject ("when the frost gets in"), a question."""
        n = len(toks)
        for k in range(n - 4):
            if toks[k] not in ("that's", "thats", "this's", "it's", "that") or toks[k + 1] not in ("what", "is"):
                continue
            w = k + 1 if toks[k + 1] == "what" else k + 2
            if toks[w : w + 1] != ("what",):
                continue
            size = self._at(toks, w + 1, WHAT_HAPPENS)
            link = w + 1 + size
            if not size or link >= n - 1 or toks[link] not in WHAT_HAPPENS_LINKS:
                continue
            v = link + 1
            if toks[link] != "for" or toks[v] in HEARD_YOU:
                if toks[v] not in HEARD_YOU:
                    continue
                v += 1
            while v < n and toks[v] in GUESSES:
                v += 1
            if v >= n or not toks[v].isalpha() or len(toks[v]) < 3:
                continue
            if toks[v] in NOT_DOING or toks[v] in WHAT_HAPPENS_QUIET or toks[v] in self.customer:
                continue
            parts = (("cause", " ".join(toks[k:link])), ("customer", "you"), ("doing", toks[v]))
            return Finding("blame", k, v + 1, parts)
        return None

    # -- session 47 (L46), round one -------------------------------------------------------------------------------

    def _only_when(self, toks: Sequence[str]) -> Finding | None:
        """Damage told as a rule that only a mishandling makes it happen (session 47, L46; the "that's what happens when
        you ..." class told as how things break): "only" + a damage word (:data:`DAMAGE`) + :data:`ONLY_WHEN_LINKS`
        ("those chains *only snap when* they've been hung from the belt loops the wrong way round"), or a rule head
        (:data:`ONLY_WHEN_HEADS`: "a split like that *normally means* it's been knocked against the frame"); then,
        starting within :data:`ONLY_WHEN_SPAN` tokens, a handling in the passive (:meth:`_handled`) or a doing of the
        customer's side (:meth:`_doing`) that is a mishandling (a ``mishandled`` word) or done wrong (:data:`WRONG_WAY`
        within :data:`WRONG_SPAN` tokens), or, round two (c1089, in sample), a tampering by anyone
        (:meth:`_tampered_in`: "a clip only opens like that when one of the group has been fiddling with the gate").
        Quiet: a negation, a condition or the agent's side anywhere in the sentence
        around it (:meth:`_denied`: "it only cracks if our fitter overtightened it", "that usually means it wasn't
        seated"), a cause that is no handling ("whistling like that usually means the dome isn't sitting snugly", "the
        mill only grinds when the wind agrees"), a question."""
        n = len(toks)
        for i in range(n - 2):
            head = self._only_head(toks, i) or i + self._at(toks, i, ONLY_WHEN_HEADS)
            if head == i:
                continue
            for k in range(head, min(n, head + ONLY_WHEN_SPAN)):
                end = self._handled(toks, k) or self._doing(toks, k)
                if end and (toks[end - 1] in self.mishandled or self._wrong_at(toks, end) >= 0):
                    break
            else:
                end = self._tampered_in(toks, head, min(n, head + ONLY_WHEN_SPAN + 2))
                k = end - 1
            if not end or self._denied(toks, 0, n):
                continue
            parts = (("rule", " ".join(toks[i:head])), ("handled", " ".join(toks[k:end])))
            return Finding("blame", i, end, parts)
        return None

    def _only_head(self, toks: Sequence[str], i: int) -> int:
        """The end of an "only <verb> <link>" head at ``toks[i]``, or 0 (:meth:`_only_when`): "only", one or two words
        (a damage word: "only *snap*"; session 47 round two, c1089: any verb with a manner after it, "only *opens like
        that* when"), then :data:`ONLY_WHEN_LINKS`."""
        if toks[i] != "only" or i + 2 >= len(toks):
            return 0
        if self._effect(toks, i + 1, i + 2) and toks[i + 2] in ONLY_WHEN_LINKS:
            return i + 3
        for at in (i + 2, i + 3):  # "only opens like that", "only springs open like that"
            manner = self._at(toks, at, ONLY_WHEN_MANNER)
            link = at + manner
            if manner and link < len(toks) and toks[link] in ONLY_WHEN_LINKS:
                return link + 1
        return 0

    def _tampered_in(self, toks: Sequence[str], lo: int, hi: int) -> int:
        """The end of a tampering verb (:data:`TAMPER`, an "-ed / -ing" form, with its particle where it needs one)
        in ``toks[lo:hi]``, or 0: whoever did it, after an "only ... when" head the tampering is the cause told
        ("when one of the group has been *fiddling* with the gate")."""
        for m in range(lo, hi):
            verb = toks[m]
            if verb not in TAMPER or not verb.endswith(("ed", "ing")):
                continue
            stem = next((s for s in TAMPER_NEEDS if verb.startswith(s)), "")
            if not stem or set(TAMPER_NEEDS[stem].split()) & set(toks[m + 1 : m + 3]):
                return m + 1
        return 0

    # -- session 39 (L38), round two -------------------------------------------------------------------------------

    def _same_answer(self, toks: Sequence[str]) -> Finding | None:
        """Asking again said to be futile (session 39, L38; list M's and c891's class): "the same" + a
        :data:`SAME_ANSWER` noun ending the sentence after "get / give / hear" ("ask me every day and you'll get the
        same answer"), or the answer said to stay "the same" ("the answer will be the same"). Quiet: more words after
        it (what the answer is: "you'll get the same answer, it's covered"), a price or a deal ("the same price"), a
        question."""
        n = len(toks)
        for k in range(1, n - 2):
            if (
                toks[k : k + 2] == ("the", "same")
                and toks[k + 2] in SAME_ANSWER
                and toks[k - 1]
                in (
                    "get",
                    "give",
                    "hear",
                    "got",
                    "getting",
                    "given",
                )
            ):
                if all(t in CLOSED_DOOR_TAIL for t in toks[k + 3 :]):
                    return Finding("refusal", k - 1, k + 3, (("futile", " ".join(toks[k : k + 3])),))
            if toks[k] in SAME_ANSWER and toks[k - 1] in ("the", "our", "my") and toks[-2:] == ("the", "same"):
                mid = toks[k + 1 : -2]
                if 1 <= len(mid) <= 3 and set(mid) <= {"will", "would", "is", "stays", "still", "be", "just", "'ll"}:
                    return Finding("refusal", k - 1, n, (("futile", " ".join(toks[k - 1 :])),))
        return None

    def _whoever_botched(self, toks: Sequence[str]) -> Finding | None:
        """A botch put on "whoever" did a job before (session 39, L38; lists AI's and AJ's class): "whoever" + at most
        eight words + a :data:`BOTCH_VERBS` verb or "made a" + a :data:`BOTCH_NOUNS` word ("whoever fitted that tap
        made a mess", "whoever plumbed it made a pig's ear of it", "whoever wired it bodged it"): fault pointed away.
        Quiet: "whoever" as the one the agent will call ("I'll ring whoever fitted it": first person before it)."""
        n = len(toks)
        for k, tok in enumerate(toks):
            if tok not in ("whoever", "whoever's") or any(t in self.first_person for t in toks[max(0, k - 4) : k]):
                continue
            for j in range(k + 2, min(n, k + 10)):
                botch = toks[j] in BOTCH_VERBS
                if toks[j] in ("made", "makes", "making") and j + 2 < n and toks[j + 1] in ("a", "an"):
                    botch = botch or toks[j + 2] in BOTCH_NOUNS
                if botch:
                    return Finding("blame", k, j + 1, (("away", "whoever"), ("botch", toks[j])))
        return None

    def _rule_clear(self, toks: Sequence[str]) -> Finding | None:
        """A rule said to be clear, beyond argument (session 39, L38; lists AG's, AI's and AJ's class): a
        :data:`CLEAR_RULES` noun, "is / are" (or its "'s"), :data:`CLEAR_DEGREE` words and "clear": "the contract's
        quite clear", "our terms of hire are crystal clear on late returns". Quiet: a rule in the customer's favour in
        the sentence (``favour``: "the terms are clear, you're covered"), "clear" of a thing ("the print is clear")."""
        n = len(toks)
        for k in range(n - 1):
            if toks[k] != "clear":
                continue
            j = k - 1
            while j >= 0 and toks[j] in CLEAR_DEGREE:
                j -= 1
            if j < 1 or toks[j] not in ("is", "are", "was", "were") and not toks[j].endswith("'s"):
                continue
            head = toks[j].removesuffix("'s") if toks[j].endswith("'s") else toks[j - 1]
            near = {head, *toks[max(0, j - 4) : j]}
            if not near & CLEAR_RULES or self._has(toks, FAVOUR, 0):
                continue
            return Finding("refusal", max(0, j - 1), k + 1, (("rule", head), ("clear", "clear")))
        return None

    def _someone_did(self, toks: Sequence[str]) -> Finding | None:
        """The customer blamed as an unnamed "someone" (session 39, L38; list AJ's and c895's class): an
        :data:`INSINUATING` word straight before "someone / somebody" and a doing or a "didn't" after it ("clearly
        someone didn't", "obviously somebody's dropped it"), or "that someone / somebody" denied as the firm's side
        ("and that somebody wasn't us"). Quiet: "someone" of the agent's side or still to come ("someone will call
        you", "someone from our team"), no insinuation before it."""
        n = len(toks)
        for k in range(1, n - 1):
            if toks[k] not in SOMEONE:
                continue
            after = toks[k + 1 : k + 3]
            if toks[k - 1] in INSINUATING and after and after[0] not in ("will", "from", "who", "to", "at", "in"):
                if after[0] != "else":
                    return Finding("blame", k - 1, k + 2, (("customer", " ".join(toks[k - 1 : k + 1])),))
            if toks[k - 1] == "that" and after[:1] in (("wasn't",), ("isn't",), ("weren't",)) and len(after) > 1:
                if after[1] in NOT_US:
                    return Finding("blame", k - 1, k + 3, (("customer", "that " + toks[k]), ("away", after[1])))
        return None

    def _thats_that(self, toks: Sequence[str]) -> Finding | None:
        """The matter declared closed after a refusal in the same sentence (session 39, L38; list AJ's class): a
        negation of the grammar's earlier in the sentence, then :data:`THATS_THAT` ending it ("the regulations say
        under sixteens can't ride alone, so that's that"). Quiet: no negation before it ("right, that's that sorted",
        a wrap-up), words after it."""
        n = len(toks)
        for k in range(2, n):
            size = self._at(toks, k, THATS_THAT)
            if not size or k + size != n:
                continue
            if any(self._at(toks, m, self.negations) for m in range(k)):
                return Finding("refusal", k, n, (("closed", " ".join(toks[k:])),))
        return None

    def _one_for_them(self, toks: Sequence[str]) -> Finding | None:
        """The matter called "one for" a third party (session 39, L38; list AG's and c897's class): "that's / it's"
        + at most two adverbs + "one for" + :data:`ONE_FOR_WHOM` ("that's one for the warranty people", "that's
        really one for them to sort"). Quiet: a negation before "one" ("that's not one for them, we'll sort it"), "one
        for you / us / me", a keepsake or a saying (:data:`ONE_FOR_QUIET`: "one for the road", "one for the album")."""
        n = len(toks)
        for k in range(n - 2):
            if toks[k : k + 2] != ("one", "for") or toks[k + 2] not in ONE_FOR_WHOM:
                continue
            lo = k - 1
            while lo >= 0 and toks[lo] in REQUEST_ADVERBS | {"more", "probably", "very", "much"}:
                lo -= 1
            if lo < 0 or toks[lo] not in ("that's", "it's", "thats", "its") or k - lo > 3:
                continue
            if ONE_FOR_QUIET & set(toks[k + 2 : k + 5]) or toks[k + 2] in ("your",) and k + 3 >= n:
                continue
            return Finding("refusal", lo, k + 3, (("away", " ".join(toks[k : k + 3])),))
        return None

    def _only_pass_along(self, toks: Sequence[str]) -> Finding | None:
        """The agent's side as a mere go-between (session 39, L38; c897's class): "we / I" + an :data:`ONLY_WORDS`
        word + "pass" + at most two words + "along / on", ending the sentence ("we just pass them along", "I only pass
        it on"). Quiet: "to you" or any other word after it (a saving passed on), no "just / only" ("we'll pass it
        on": a promise)."""
        n = len(toks)
        for k in range(n - 3):
            if toks[k] not in ("we", "i") or toks[k + 1] not in ONLY_WORDS or toks[k + 2] not in ("pass", "passed"):
                continue
            for j in range(k + 3, min(n, k + 6)):
                if toks[j] in ("along", "on") and all(t in CLOSED_DOOR_TAIL for t in toks[j + 1 :]):
                    return Finding("refusal", k, j + 1, (("away", " ".join(toks[k : j + 1])),))
        return None

    def _not_the_thing(self, toks: Sequence[str]) -> Finding | None:
        """A fault placed on the customer's side and denied of the thing (session 39, L38; c892's and list AJ's class):
        the sentence ends with "not" + a :data:`NOT_IN` word or none + "the / our" + one or two words, and before it
        "your" + a :data:`YOUR_SIDE` word ("that's down to the upkeep on your end, not in the timber") or "did /
        caused that / this / it" with no first person before it ("leaving the door open all winter did that, not
        the glass"). Quiet: the agent's side as the doer ("we did that, not the courier"), more words after the
        thing, a question."""
        n = len(toks)
        for k in range(2, n - 1):
            if toks[k] != "not":
                continue
            j = k + 1 + (toks[k + 1] in NOT_IN)
            if j >= n or toks[j] not in ("the", "our") or not 1 <= n - j - 1 <= 2:
                continue
            before = toks[:k]
            side = any(before[m] == "your" and before[m + 1] in YOUR_SIDE for m in range(len(before) - 1))
            did = next((m for m in range(len(before) - 1) if before[m] in ("did", "caused")), -1)
            if did >= 0 and (before[did + 1] not in ("that", "this", "it") or self.first_person & set(before[:did])):
                did = -1
            if side or did >= 0 or self._theirs_before(before):
                return Finding("blame", k, n, (("customer", "your side"), ("away", " ".join(toks[k:]))))
        return None

    @staticmethod
    def _theirs_before(before: Sequence[str]) -> bool:
        """Whether ``before`` (the words before "not the / our ...") ends with a copula + "your / their" + one or two
        words ("that's *your ventilation*", "the aligners are *their job*"; session 40, L39, list AK's class): the
        thing said to be theirs, then denied the firm's. Not a :data:`THEIRS_QUIET` word, the customer's to have or to
        decide ("it's your call, not the shop's")."""
        for w in (1, 2):
            m = len(before) - w - 1
            if m >= 1 and before[m] in ("your", "their") and before[m - 1] in COPULAS | {"that's", "it's", "they're"}:
                return not THEIRS_QUIET & set(before[m + 1 :])
        return False

    def _no_power(self, toks: Sequence[str]) -> Finding | None:
        """A power the agent says it has none of (session 40, L39, round two; list AK): "I've / we've (got) no" + a
        :data:`NO_POWER` word ("the system's locked the licence and I've no override", "we've no say in it"); not
        after a condition."""
        for k in range(len(toks) - 2):
            n = self._at(toks, k, NO_POWER_HEADS)
            if not n or toks[k + n : k + n + 1] != ("no",) or k + n + 1 >= len(toks) or toks[k + n + 1] not in NO_POWER:
                continue
            if self._has(toks, self.conditions, k - LOOK_BACK, k):
                return None
            return Finding("refusal", k, k + n + 2, (("negation", "no"), ("power", toks[k + n + 1])))
        return None

    def _untagged(self, toks: Sequence[str]) -> tuple[str, ...]:
        """The sentence without a closing tag that expects "yes" (a :data:`TAG_AUXES` word + a :data:`TAG_PERSONS` word
        ending it: "you've plugged the motor into the wrong port, *haven't you*", "your lad did that, *didn't he*"), or
        () where there is none or the clause before it holds a negation of its own ("you haven't been charged, have
        you", "that's not right, is it": a real question, or the agent doubting). Session 40 (L39): a blame put with a
        tag is still the blame; the tag's question mark hid it (list AG)."""
        if len(toks) < 4 or toks[-2] not in TAG_AUXES or toks[-1] not in TAG_PERSONS:
            return ()
        head = tuple(toks[:-2])
        if any(self._at(head, k, self.negations) for k in range(len(head))):
            return ()
        return head

    def _period_tail(self, toks: Sequence[str]) -> Finding | None:
        """A refusal shut by a flat tail that ends the sentence (:data:`PERIOD_TAILS`: "we won't put a plane up for
        your cabin run till spring, *period*", list AH; session 40, L39), whatever the verb: a verb's negation whose
        subject is the agent's side or a third party (not the customer, not "it / that": "it won't affect your score,
        period" is reassurance), no "you" after it (a promise: "we'll never charge you for it, period"), no condition
        before it. Quiet: the tail word as a noun (:data:`PERIOD_NOUNS` or a determiner before it: "during the trial
        period", "in that period")."""
        if len(toks) < 4 or toks[-1] not in PERIOD_TAILS or toks[-2] in PERIOD_NOUNS or toks[-2] in self.determiners:
            return None
        for i in range(len(toks) - 1):
            n = self._at(toks, i, self.negations)
            negation = " ".join(toks[i : i + n])
            if not n or not self._verb_negation(negation):
                continue
            subject = self._subject(toks, i)
            quiet = not subject or subject in self.customer or subject in self.deictic
            if quiet or HEARD_YOU & set(toks[i:]) or self._has(toks, self.conditions, 0, i):
                return None
            return Finding("refusal", i, len(toks), (("negation", negation), ("tail", toks[-1])))
        return None

    def find(self, toks: Sequence[str], *, question: bool = False) -> list[Finding]:
        """Every refusal and blame in one sentence's normalised tokens (see
        :func:`~coach.language.patterns.normalise`), in reading order; none in a ``question``."""
        untagged = self._untagged(toks)
        if untagged:
            toks, question = untagged, False  # "you've plugged it into the wrong port, haven't you?": the statement
        if question:
            return []
        hedge = self._has(toks, self.hedges)
        refusals = [] if self._activity_subject(toks) else self._plain_refusals(toks, hedge)
        extras = (
            self._scope(toks),
            self._flat_no(toks),
            self._nope_part_of(toks),
            self._refusing_verb(toks),
            self._nobody_gets(toks),
            self._say_no(toks),
            self._closed_tail(toks),
            self._denied_to_you(toks),
            self._answer_is_no(toks),
            self._rule_reason(toks),
            self._open_refusal(toks),
            self._pass_on(toks),
            self._thing_no(toks),
            self._hand_on(toks),
            self._closed_door(toks),
            self._not_our_remit(toks),
            self._fault_denied(toks),
            self._tautology(toks),
            self._something_we_wont(toks),
            self._decline_noun(toks),
            self._says_no(toks),
            self._refused_as_passive(toks),
            self._ban_on(toks),
            self._impossible(toks),
            self._gerund_impossible(toks),
            self._nothing_of(toks),
            self._hold_breath(toks),
            self._rule_then_no(toks),
            self._request_closed(toks),
            self._same_answer(toks),
            self._rule_clear(toks),
            self._thats_that(toks),
            self._one_for_them(toks),
            self._only_pass_along(toks),
            self._period_tail(toks),
            self._no_power(toks),
        )
        for extra in extras:
            if extra is not None and not any(f.start <= extra.start < f.end for f in refusals):
                refusals.append(extra)
        found = refusals + self._blame(toks)
        for blame in (
            self._what_happens(toks),
            self._only_when(toks),
            self._whoever_botched(toks),
            self._someone_did(toks),
            self._not_the_thing(toks),
        ):
            if blame is not None and not any(f.start <= blame.start < f.end for f in found):
                found.append(blame)
        return sorted(found, key=lambda f: (f.start, -f.end))
