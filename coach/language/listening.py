"""Rules on how the agent answers the customer: mirror the complaint, acknowledge the feeling.

Both judge from what the *customer* said: a complaint (:class:`MirrorComplaintRule`) or a feeling
(:class:`AcknowledgeFeelingsRule`) in a customer final makes a *pending* moment, and the agent's
reply answers it or misses it. The reply is judged as its words arrive, so the nudge is due when the
reply shows it missed the moment, not when the turn ends:

- from the committed words of the agent's partials (:meth:`on_agent_words`): a reply that goes
  straight to business ("what's the policy number?") is judged once ``business_words`` words are
  committed, any other once its first complete sentence of ``judge_words`` words or more is, or
  ``judge_max_words`` words are (an agent may open with "Right." and mirror in the next breath); a
  reply opening with an acknowledgement, a restatement ("So, last time ...") or kind words ("No,
  don't apologise at all") is judged on its whole turn, and a first sentence telling part of the
  customer's story back when it ends, even past ``judge_max_words`` (see :meth:`_ReplyRule.telling_back`);
- from the agent's final (:meth:`on_agent`): the whole turn, for replies shorter than
  ``judge_words`` and for what the first words left open. A reply under ``min_agent_words`` words is
  a backchannel and does not count.

A reply that answers the moment later in the same turn, after the verdict on its first words, takes
the nudge back (a :class:`~coach.types.Withdrawal` from :meth:`on_agent`). A pending moment expires
``expire_s`` seconds after the customer spoke. Positions are samples from the call's start.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.language.apology import bare_apology, opens_with_apology
from coach.language.complaint import Unit, sentence_complaint, sentence_reading
from coach.language.config import AcknowledgeFeelings, MirrorComplaint, load_language_config
from coach.language.mirror import complaint_clause, mirror_line
from coach.language.patterns import DISFLUENCIES, PhraseSet, checked_word_set, compile_patterns
from coach.language.phrasing import CalmDownRule, PositiveLanguageRule
from coach.language.text import Match, content_words, excerpt, find_phrases, first_match, overlap, sentences, tokens
from coach.language.utterance import Utterance, nudge
from coach.turns.holds import spoken_numbers_as_digits
from coach.types import Nudge, Withdrawal, seconds_to_samples

UPSET_LEVELS = ("calm", "tense", "escalated")


@dataclass(slots=True)
class _Pending:
    """A customer moment waiting for the agent's reply: the customer utterance ``utt`` (``start`` /
    ``end`` samples), the sentence ``said`` and the words ``cue`` that made it a moment."""

    utt: str
    start: int
    end: int
    said: str
    cue: str
    clause: str = ""  # the part of ``said`` a reply is compared with (the complaint clause)
    heard: str = ""  # the customer's whole turn (a reply telling its story back answers it too)
    score: float | None = None  # the complaint / feeling head's probability when it found the moment
    weak: bool = False  # a complaint only likely because the turn was upset: an acknowledgement answers it
    opening: bool = False  # a calm statement of why they call (see on_customer): taking it on answers it
    tentative: bool = False  # a complaint the head only half heard: only a reply asking for details misses it
    voiced: bool = False  # (acknowledgement) a complaint cue said at an upset level, not a feeling in words
    unsure: bool = False  # its complaint cue's words were all heard unsure (see unsure_cue): as likely misheard
    echoed: str = ""  # (mirror) the agent's turn before it: its words the customer took up are not their story
    turns: int = 0
    nudged_from: str | None = None  # the agent utterance whose first words were judged a miss

    def missed_by(self, needed_turns: int) -> bool:
        """Count one agent turn that did not answer this; True once ``needed_turns`` such turns passed."""
        self.turns += 1
        return self.turns >= needed_turns

    def expired(self, now: int, expire: int) -> bool:
        """Too long ago (``expire`` samples after it ended) to nudge about any more."""
        return now - self.end > expire


def _never(u: Utterance) -> bool:
    """No customer turn ``u`` (the default of :attr:`_ReplyRule.declines_more`)."""
    return False


def _opens(text: str, phrases: PhraseSet, within: int = 3) -> bool:
    """Whether a phrase of ``phrases`` starts in the first ``within`` words of ``text``."""
    m = first_match(text, phrases)
    return m is not None and m.offset + m.start < within


_EXCLAIMING = frozenset({"oh", "ohh", "ah", "aw", "aww", "ooh", "gosh", "goodness", "crikey", "blimey", "heavens"})
"""First words of a reply taking the customer's news in ("Oh, no.", "Goodness."): :meth:`_ReplyRule._exclaims`."""

_REACTION_LEADS = _EXCLAIMING | frozenset(
    {"well", "okay", "ok", "right", "yes", "yeah", "wow", "um", "uh", "er", "erm"}
)
"""Interjections an agent's reaction to the customer's news may open with before it ("Well, that's a smashing idea.",
"Oh, wow, congratulations"): :func:`_reacts_early` counts the reaction's position after them."""


def _reacts_early(text: str, m: Match | None, within: int = 3) -> bool:
    """Whether the match ``m`` (of a reaction: gladness, a congratulation, a question taken, a remark) in the agent's
    ``text`` starts in its first ``within`` words after the leading :data:`_REACTION_LEADS` (session 56, Q54: quiet
    c1291's "Well, that's a smashing idea. ..." to a lively customer's garbled plans, read a feeling at 0.90, was judged
    a miss because the praise began on the fourth word). The position, not the wording: an interjection before a
    reaction says nothing of its own; a reaction said after business ("Can I take your postcode? Lovely idea") is
    still no opening reaction."""
    if m is None:
        return False
    toks = [t.lower() for t in tokens(text)]
    lead = 0
    while lead < len(toks) and toks[lead] in _REACTION_LEADS:
        lead += 1
    return m.offset + m.start < within + lead


_CLARIFYING = frozenset({"sorry", "pardon", "what", "huh", "again", "sec", "second", "moment", "hello"})
"""Words of a short question that asks the customer to repeat or wait ("Sorry, what?", "Hello?"): not a reply."""


def _is_reply(text: str, min_words: int, requests: PhraseSet | None = None) -> bool:
    """Whether an agent turn ``text`` is a reply rather than a backchannel: ``min_words`` words or more, or a
    question of two words or more that asks for something ("Order number?", "Tracking number?": going
    straight to business, c52, c74), not one asking the customer to repeat ("Sorry, what?"), or a short
    request of ``requests`` that is the whole turn (the recogniser often drops the "?": "Membership
    number.", "Claim reference.", c152, c159)."""
    words = tokens(text)
    if len(words) >= min_words:
        return True
    if len(words) >= 2 and requests is not None and _whole(text, requests):
        return True
    question = text.rstrip().endswith("?") and len(words) >= 2
    return question and not _CLARIFYING & {w.lower() for w in words}


ENGAGED_WORDS = 30
"""Words at least of an agent reply that answers a listening moment by engaging with the customer's turn (session 37,
Q35; see :meth:`_ReplyRule.engaged`)."""


def _asking(text: str, business: PhraseSet, *, first: bool = False) -> bool:
    """Whether the agent's reply ``text`` goes to business or to a question: a sentence of it (``first``: its first
    sentence) opens with a ``business`` phrase ("What's the order number", "Let me pull up ...") or is a question ("Do
    you have the fit report?", "Oh right. And the policy number is?"). Such a reply is judged on its first words; a
    statement waits for the whole turn (see :meth:`_ReplyRule.engaged`)."""
    parts = sentences(text)[:1] if first else sentences(text)
    return any(_opens(s.text, business) or (_asks(s.text) and not _declared(s.tokens)) for s in parts)


DECLARED_WORDS = 16
"""Tokens at least of a sentence heard with a "?" that asks nothing (:func:`_declared`; session 48, Q46). In the tuning
scripts (c01-c1101) no question sentence of the 255 agent lines expected to miss a mirror or an acknowledgement runs
past 17 tokens, and every one of those over 10 opens with an auxiliary or a wh-word or holds one."""

_WH_WORDS = frozenset({"what", "what's", "whats", "which", "who", "whose", "why", "how", "how's", "where", "when"})


def _declared(toks: Sequence[str]) -> bool:
    """Whether the sentence ``toks``, written with a "?", is a long statement that asks nothing (session 48, Q46):
    :data:`DECLARED_WORDS` tokens or more, opening (after lead-ins) with no auxiliary ("Are the bottles kept near the
    lane, or ...?"), no wh-word anywhere in it, and no auxiliary followed by a subject
    (:data:`_INVERTED_SUBJECTS`: "do you", "is that", "can I") anywhere in it. The recogniser writes a "?" after the
    customer's story told back with a rising end or at a pause inside the turn (quiet c1098's reply, at its pause
    after "... and you couldn't get through to us", decoded "You're tired, but as broken by one day for a hundred and
    twenty-nine with your marathon board on a busy road and you couldn't get through those?"): such a sentence is a
    statement, and the reply is judged as one, on its whole turn (:meth:`_ReplyRule.engaged`). A short one ("And you
    dropped him off on the second?") still asks."""
    words = [t.lower() for t in toks]
    opening = _lead_in_dropped(toks)[:1]
    if len(words) < DECLARED_WORDS or _WH_WORDS & set(words) or _QUESTION_OPENERS & set(opening):
        return False
    return not any(w in _AUXILIARIES and n in _INVERTED_SUBJECTS for w, n in itertools.pairwise(words))


CURT_FACT_WORDS = 12
"""Words at most of the first sentence of a statement reply that, telling an unrelated fact, shows the reply moved on
(session 38, Q36; see :meth:`_ReplyRule.moved_on`)."""

CUT_SHORT_S = 2.5
"""Seconds at least of an agent turn whose final the recogniser cut short (see :func:`_cut_short`)."""


UNSURE_CUE_P = 0.25
"""Recogniser word probability (0..1) under which every word of a complaint cue makes the cue *unsure*
(:func:`unsure_cue`)."""


def unsure_cue(u: Utterance, m: Match) -> bool:
    """Whether every word of the complaint cue ``m`` in the customer's ``u`` was heard with a probability under
    :data:`UNSURE_CUE_P` (session 50, Q48: quiet c1147's loud, happy "It's Carys Morgan, head coach of the Swansea
    Storm!" heard "it's gonna be more than it can't show this once a storm", its cue "can't show" at p 0.19 and 0.12,
    answered "Congratulations, that's brilliant news"). Such a cue is as likely a mishearing as a complaint: it opens
    its moment as the heads' readings do, so the agent's gladness, a question taken or a remark on the turn answers
    it (see ``_ReplyRule._model_moment``). False when the words do not line up with the text (no word times) or
    carry no probability."""
    ps = [w.get("p") for w in u.match_words(m)]
    return bool(ps) and all(isinstance(x, (int, float)) and x < UNSURE_CUE_P for x in ps)


_NEGATED_VERBS = frozenset({"can't", "cannot", "won't", "couldn't", "wouldn't", "didn't", "doesn't", "don't", "never"})
"""A negation whose next word is the thing that went wrong, a verb ("still can't *log* in", "it won't *start*", "they
never *rang*"): :func:`action_unheard`."""


def action_unheard(u: Utterance, m: Match) -> bool:
    """Whether the complaint cue ``m`` of the customer's ``u`` holds a negation of :data:`_NEGATED_VERBS` whose next
    word, what failed, was heard under :data:`UNSURE_CUE_P` (session 51, Q49): the recogniser heard a "can't" but not
    what cannot be done, so no complaint was heard. Quiet c1166's happy "the old ones still have countries that changed
    their names years ago" was heard "... but no one still can't train much change, many years ago", "train" at
    p 0.09 (a mirror nudged on the agent's business reply). Over the
    customer finals of the cached tuning events (103 calls, c289-c1173), the other complaint cues holding such a
    negation were real and heard with their next word at 0.92-0.998 ("I didn't open it", "never heard of", "don't
    match"). The agent's refusals have a floor of the same kind (``positive_language.verb_min_p``, session 47,
    Q45). A negation
    said last, or last in its clause ("It just won't."), is left as heard; so is a cue heard unsure as a whole
    (:func:`unsure_cue`: c1147's "can't show", both words at 0.19 and 0.12), whose moment opens for the agent's
    reaction to judge. Such a cue opens no moment; the turn is read by the heads as any turn with no cue."""
    return not unsure_cue(u, m) and u.word_after_under(m, _NEGATED_VERBS, UNSURE_CUE_P, said_last=False)


def _cut_short(u: Utterance) -> bool:
    """Whether the agent's final ``u`` is a reply the recogniser cut short: its words stop mid-sentence (no
    punctuation after the last: "Perhaps the", c516, whose partials held "Perhaps the root syndrome goes deeper
    and ...") in a turn of :data:`CUT_SHORT_S` or more (session 23, Q21). A backchannel is short; a long "Yes."
    is a whole answer."""
    text = u.text.rstrip()
    return bool(text) and text[-1].isalnum() and u.end - u.start >= seconds_to_samples(CUT_SHORT_S)


def _ack_match(text: str, acknowledgements: PhraseSet) -> Match | None:
    """The first phrase of ``acknowledgements`` or of listening.toml's ``[acknowledging]`` in ``text``."""
    found = [m for m in (first_match(text, acknowledgements), first_match(text, _ACKNOWLEDGING)) if m is not None]
    return min(found, key=lambda m: m.offset + m.start) if found else None


def acknowledges(text: str, acknowledgements: PhraseSet) -> bool:
    """Whether the agent's ``text`` acknowledges the customer's feelings: a phrase of ``acknowledgements`` (or of
    listening.toml's ``[acknowledging]``: "I'd be just as annoyed in your shoes", "I know that's not what you
    wanted to hear"), or an "I'm sorry" said as a whole clause (:func:`~coach.language.apology.bare_apology`)."""
    return _ack_match(text, acknowledgements) is not None or bare_apology(text)


@functools.cache
def packaged_calm_down() -> CalmDownRule:
    """The calm-down rule of the packaged ``phrases.toml``: what a listening rule built on its own reads
    (:attr:`_ReplyRule.calm_down`); a :class:`~coach.language.coach.LanguageCoach` gives its rules the rule of its
    own configuration instead."""
    c = load_language_config()
    return CalmDownRule(c.avoid_calm_down, c.slots)


def undone(text: str, acknowledgements: PhraseSet, calm_down: CalmDownRule | None = None) -> bool:
    """Whether the agent's ``text`` takes back the feelings it acknowledges (session 29, Q27): a phrase of
    ``calm_down``'s family anywhere in the turn ("I know you're upset, but there's no need to shout"), or after
    the acknowledgement a dismissal (``[undoing]`` of listening.toml: "I hear you, but that's just the policy",
    "... but there's nothing I can do"). Such a reply is no good listening: it covers no later upset turn and
    credits no mirror; its own moment is left to the calm-down or positive-language nudge the words get.
    ``calm_down``: :func:`packaged_calm_down` when not given."""
    if (calm_down or packaged_calm_down()).find(text) is not None:
        return True
    m = _ack_match(text, acknowledgements)
    after = m.offset + m.end if m is not None else 0
    return any(d.offset + d.start >= after for d in find_phrases(text, _DISMISSALS))


def listens(text: str, acknowledgements: PhraseSet, calm_down: CalmDownRule | None = None) -> bool:
    """Whether the agent's ``text`` acknowledges the customer's feelings (:func:`acknowledges`) and does not take
    it back (:func:`undone`)."""
    return acknowledges(text, acknowledgements) and not undone(text, acknowledgements, calm_down)


FRAMED_WORDS = 3
"""Content words at least after a ``[telling_back]`` frame, in its sentence, that make the frame a mirror."""


def framed_telling_back(text: str) -> bool:
    """Whether the agent's ``text`` tells the problem back in its own words behind a frame that says so
    (listening.toml ``[telling_back]``: "So if I've got this right, it came back with a mark it didn't have",
    "Let me make sure I've understood: you dropped it off clean ..."; session 29, Q27): the frame's sentence goes
    on for :data:`FRAMED_WORDS` content words or more, not opening a question ("..., what's the ticket number?").
    The words told back may be synonyms of the customer's (no shared words needed): the frame names the act."""
    for s in sentences(text):
        m = first_match(s.text, _TELLING_BACK)
        if m is None:
            continue
        rest = s.tokens[m.end :]
        if rest and (rest[0] in _ASKING_OPENERS or rest[0] in _FRAMED_NOT):
            return False
        return len(content_words(" ".join(rest))) >= FRAMED_WORDS
    return False


def _continues(text: str, continuers: PhraseSet) -> bool:
    """Whether the agent's ``text`` only invites the customer to go on: every piece of it (cut at
    punctuation) is a phrase of ``continuers`` ("Okay, go on.", "Right, I'm listening.", "And then what
    happened?"). Such a turn is not the reply to judge: the customer has not finished stating the problem."""
    pieces = [x for x in re.split(r"[,.;:!?]", text) if set(tokens(x)) - DISFLUENCIES]
    return bool(pieces) and all(_whole(x, continuers) for x in pieces)


def _whole_match(said: str, phrases: PhraseSet) -> bool:
    """Whether a phrase of ``phrases`` is the whole of the matched words ``said``."""
    m = first_match(said, phrases)
    return m is not None and m.start == 0 and m.end == len(tokens(said))


def _whole(text: str, phrases: PhraseSet) -> bool:
    """Whether a phrase of ``phrases`` is the whole of the one-sentence ``text``."""
    m = first_match(text, phrases)
    return m is not None and len(sentences(text)) == 1 and m.start == 0 and m.end == len(tokens(text))


_INSTRUCTION_FILLERS = frozenset({"oh", "um", "uh", "er", "erm", "well", "and", "but", "so", "okay", "ok", "please"})
"""Words that may come before an instruction ("Oh, please don't ...")."""


def complaint_match(text: str, cues: PhraseSet, exceptions: PhraseSet, heard: Utterance | None = None) -> Match | None:
    """The first complaint cue of ``cues`` in a customer's ``text`` that no exception overlaps and that is
    not an instruction: a negative opening its sentence ("Do not turn on ...", "Don't open it") has no
    subject that something went wrong for (c160: a greeting misheard as "Do not turn on Aaron"); nor one in a
    saying (:func:`_saying`: "there's no place like home"); nor one said to have done well (:func:`_did_well`);
    nor, when ``heard`` (the utterance whose ``text`` it is) is given, one whose failed action was not heard
    (:func:`action_unheard`)."""
    for m in find_phrases(text, cues, exceptions=exceptions):
        if heard is not None and action_unheard(heard, m):
            continue
        said = tokens(m.said)
        opening = [t for t in tokens(m.sentence) if t not in _INSTRUCTION_FILLERS][: len(said)]
        if (said[:1] in (["don't"], ["do"]) and opening == said) or _saying(m) or _did_well(m) or _surroundings(m):
            continue
        if _worn_out(m, text):
            continue
        if _feared(m) or _asks_ahead(m):
            continue
        return m
    return None


FEAR_GAP = 3
"""Tokens at most between a worry ("worried about") and a complaint cue it fears (:func:`_feared`)."""


def _feared(m: Match) -> bool:
    """Whether the complaint cue ``m`` is what the customer fears may happen (session 32, Q30: quiet c738's "I'm worried
    about leaks going through to her ceiling", before any work was done): it starts within :data:`FEAR_GAP` tokens
    after a ``[fears]`` phrase of its sentence ("worried about", "nervous of"). A feeling for the acknowledgement rule,
    no fault to mirror ("I'm so worried she's broken something" is the same class in phrases.toml's exceptions)."""
    return any(f.end <= m.start <= f.end + FEAR_GAP for f in find_phrases(m.sentence, _FEARS))


def _asks_ahead(m: Match) -> bool:
    """Whether the complaint cue ``m`` is in a question about what may happen (session 32, Q30: quiet c738's "Is that
    big enough, or will everything get soaked, the loo and the towels?"): its sentence ends with a "?", a modal of
    ``future_modals`` ("will", "could", "going") stands before it in its clause (the sentence up to a comma or
    semicolon: "Will you come today, the pipe you fitted has burst?" complains), and the sentence holds no "why" or
    "how" ("Why will nobody ring me back?" complains)."""
    toks = [t.lower() for t in tokens(m.sentence)]
    if not m.sentence.rstrip().endswith("?") or {"why", "how"} & set(toks):
        return False
    at = 0
    for piece in re.split(r"[,;:]", m.sentence):
        size = len(tokens(piece))
        if at <= m.start < at + size:
            return bool(_FUTURE_MODALS & set(toks[at : m.start]))
        at += size
    return False


_AGREEING = frozenset(
    {"sure", "certainly", "absolutely", "definitely", "of course", "yes", "yeah", "yep", "no problem"}
)
"""Words opening a reply that says yes to a customer's request ("Sure, ...", "Of course, ...")."""

_YES_DOERS = frozenset({"we", "i"})
_YES_ADVERBS = frozenset({"certainly", "definitely", "absolutely", "sure", "surely", "really", "of", "course"})
_YES_VERBS = frozenset({"can", "will", "shall"})
YES_SENTENCE_WORDS = 5
"""Tokens at most of a reply's first sentence that says yes by ending on "we can" / "I will" (:func:`_says_yes`)."""


def _says_yes(text: str, *, unfinished: bool = False) -> bool:
    """Whether the agent's ``text`` opens with a short sentence (at most :data:`YES_SENTENCE_WORDS` tokens) that
    ends on a yes, "we / I" + "can / will" ("Course we can.", "We certainly can.", "Yes, I can."): the
    words before it are the recogniser's spelling of a yes as often as not ("of course" heard "I'm close"),
    and a refusal or a question never ends so ("we can't", "can we?"). ``unfinished``: ``text`` is the committed
    words of a turn still going on; the yes must be followed by punctuation or more sentences ("We can.", "We
    certainly can, and ..."): a bare "So, we will" is as often the start of "So, we will need the job number"
    (session 31, Q29: c678's question "Do you have the job number ...?", heard "So, we will have the job done
    ...", was taken for a yes to the customer's opening complaint at its third word)."""
    parts = sentences(text)
    if not parts or parts[0].text.rstrip().endswith("?"):
        return False
    if unfinished and len(parts) == 1 and not text.rstrip().endswith((".", "!", ";", ",")):
        return False
    words = [w.lower() for w in parts[0].tokens]
    while len(words) > 2 and words[-2] in _YES_ADVERBS:
        del words[-2]
    return 2 <= len(parts[0].tokens) <= YES_SENTENCE_WORDS and words[-2] in _YES_DOERS and words[-1] in _YES_VERBS


_AUXILIARIES = frozenset(
    {"does", "do", "did", "is", "are", "was", "were", "have", "has", "can", "could", "would", "will"}
)
_QUESTION_OPENERS = _AUXILIARIES | {"what", "when", "where", "which", "who", "how", "why"}
_LEAD_INS = frozenset({"and", "so", "okay", "ok", "right", "now", "then", "just", "but", "also"})


def _lead_in_dropped(toks: Sequence[str]) -> list[str]:
    """``toks`` lower-cased, without the lead-ins (:data:`_LEAD_INS`: "and", "so", "okay" ...) they open with."""
    words = [w.lower() for w in toks]
    while words and words[0] in _LEAD_INS:
        words.pop(0)
    return words


def _asks(text: str) -> bool:
    """Whether an agent turn ends with a question: a "?", or (the recogniser often puts a full stop) a last
    sentence opening, after "and" / "so" / "okay", with an auxiliary or a wh-word ("And when you press
    the power button, does anything happen at all."). A "when" / "where" followed by a subject rather than an
    auxiliary (:data:`_SUBORDINATORS`) opens a clause of time or place, not a question: the sentence asks only if
    an auxiliary and a subject come inverted later in it ("... does anything happen", "... is it") or a clause after
    a comma opens with an auxiliary or a wh-word (:func:`_asks_after_clause`). Session 40, Q38: quiet c902's "Gwen,
    that's a lot of money for a set that can't be played ..., I'd be furious too." was heard "When that's a lot of
    ... effort that can't be played ..." and read as a question, so its 37-word reply was judged on its first words."""
    if text.rstrip().endswith("?"):
        return True
    parts = sentences(text)
    words = _lead_in_dropped(parts[-1].tokens if parts else ())
    if not words or words[0] not in _QUESTION_OPENERS:
        return False
    if words[0] not in _SUBORDINATORS or len(words) < 2 or words[1] in _AUXILIARIES:
        return True
    return _asks_after_clause(parts[-1].text, words[2:])


def _asks_after_clause(sentence: str, rest: Sequence[str]) -> bool:
    """Whether a sentence opening with a clause of time or place ("When you press the power button", its words after
    the subject ``rest``) goes on to ask: an auxiliary before a subject (:data:`_INVERTED_SUBJECTS`: "does anything",
    "is it") in ``rest``, or a later clause of ``sentence`` (after a comma) opening with an auxiliary or a wh-word."""
    if any(w in _AUXILIARIES and n in _INVERTED_SUBJECTS for w, n in itertools.pairwise(rest)):
        return True
    clauses = (_lead_in_dropped(tokens(c)) for c in sentence.split(",")[1:])
    return any(c and c[0] in _QUESTION_OPENERS for c in clauses)


def asks_only_details(text: str, business: PhraseSet, requests: PhraseSet) -> bool:
    """Whether the agent's turn ``text`` does nothing but ask for details: the whole turn is a short request
    ("Postcode?", ``requests``), or its first sentence opens with a ``business`` phrase ("What's your order
    number", "Which branch", "Can I take ...") and every sentence asks (a "?", or see :func:`_asks`) or opens
    with one. A reply with anything else in it (a restatement, an answer, kind words) is not."""
    parts = sentences(text)
    if not parts:
        return False
    if _whole(text, requests):
        return True
    return _opens(parts[0].text, business) and all(_asks(s.text) or _opens(s.text, business) for s in parts)


ROOT_LETTERS = 5
"""Letters of a content word's root: how a reply telling the customer's story back in its own words is matched."""
SLIP_MIN_LETTERS = 4
"""Letters at least of a word heard with its first sound lost (:func:`shared_roots`: "ticking" for "sticking")."""


def _roots(text: str, size: int = ROOT_LETTERS) -> set[str]:
    """The content words of ``text`` cut to their first ``size`` letters ("cancelled" ~ "cancellation",
    "delivered" ~ "delivery"): how a reply telling the customer's story back in its own words is matched."""
    return {w[:size] for w in content_words(text)}


def shared_roots(heard: str, reply: str) -> int:
    """How many content words of the agent's ``reply`` tell the customer's words ``heard`` back: the same root
    (:func:`_roots`), or (session 23, Q21) the word the recogniser heard with its first sound lost, one of
    :data:`SLIP_MIN_LETTERS` letters or more ("keeps sticking down" heard "keeps ticking down", c523: the
    agent's "with the G button sticking" tells it back)."""
    theirs = content_words(heard)
    roots = {w[:ROOT_LETTERS] for w in theirs}
    lost = {w[:ROOT_LETTERS] for w in theirs if len(w) >= SLIP_MIN_LETTERS}  # "tick" of "ticking"
    slipped = {w[1 : ROOT_LETTERS + 1] for w in theirs if len(w) > SLIP_MIN_LETTERS}  # "tick" of "sticking" said
    told = set()
    for w in content_words(reply):
        root = w[:ROOT_LETTERS]
        near = len(w) > SLIP_MIN_LETTERS and w[1 : ROOT_LETTERS + 1] in lost
        if root in roots or near or (len(w) >= SLIP_MIN_LETTERS and root in slipped):
            told.add(root)
    return len(told)


def _mostly_under(ps: Sequence[float], low: float, share: float) -> bool:
    """Whether ``share`` (0..1) or more of the word probabilities ``ps`` are under ``low`` (False for none)."""
    return bool(ps) and sum(p < low for p in ps) >= share * len(ps)


def heard_unsure(u: Utterance, cfg: AcknowledgeFeelings) -> bool:
    """Whether the recogniser was unsure of most words of ``u`` (all its words with a ``p``): ``unsure_share`` of them
    or more under ``unsure_word_p`` (``cfg``, the acknowledgement rule's bars; False when ``unsure_word_p`` is 0)."""
    ps = [float(w["p"]) for w in u.words if w.get("p") is not None]
    return cfg.unsure_word_p > 0 and _mostly_under(ps, cfg.unsure_word_p, cfg.unsure_share)


def heard_doubtful(u: Utterance, cfg: AcknowledgeFeelings) -> bool:
    """Whether the recogniser was doubtful of the words of the agent's reply ``u`` so far: :func:`heard_unsure`, or
    ``reply_doubtful_share`` of them or more under ``unsure_word_p`` (``cfg``; that part False when either is 0). A
    reply decoded so far with a quarter of its words misheard is no reply to judge yet (session 56, Q54): the listening
    verdict waits for a later decode heard surer or the final (see ``LanguageCoach._partial``)."""
    ps = [float(w["p"]) for w in u.words if w.get("p") is not None]
    low, share = cfg.unsure_word_p, cfg.reply_doubtful_share
    return heard_unsure(u, cfg) or (low > 0 and share > 0 and _mostly_under(ps, low, share))


def _not_echoed(reply: str, echoed: str) -> str:
    """The words of the agent's ``reply`` less those whose root (:func:`_roots`) the agent's earlier turn ``echoed``
    said: what the reply tells back of the customer's own words (see ``MirrorComplaintRule.restates``)."""
    said = _roots(echoed)
    return " ".join(t for t in tokens(reply) if not _roots(t) & said) if said else reply


RESTATED_ROOTS = 1
"""Content words at least a later customer turn shares with the call's first complaint turn that make it the same
complaint told again (:meth:`MirrorComplaintRule._restated`; one: the recogniser loses many of the story's words,
c705's "booked" heard "more than trading" in the first turn, its "text" kept)."""


def _sentence_done(text: str, min_words: int) -> bool:
    """Whether the committed words ``text`` hold complete sentences of ``min_words`` words or more in all
    (punctuation ends a sentence; the last piece is complete only when ``text`` ends with it)."""
    parts = sentences(text)
    if not text.rstrip().endswith((".", "!", "?", ";")):
        parts = parts[:-1]
    return sum(len(p.tokens) for p in parts) >= min_words


def _unfinished(text: str, *phrase_sets: PhraseSet) -> bool:
    """Whether the last sentence of the committed words ``text`` ends inside a phrase of
    ``phrase_sets`` that more words could complete ("I hate to hear" before "that")."""
    parts = sentences(text)
    if not parts or text.rstrip().endswith((".", "!", "?", ";")):
        return False
    toks = parts[-1].tokens
    return any(ps.could_cover(toks, 0, len(toks)) for ps in phrase_sets)


class _ReplyRule:
    """What both rules share: one pending customer moment, judged on the agent's reply."""

    kind = ""

    def __init__(
        self,
        cfg: MirrorComplaint | AcknowledgeFeelings,
        cues: tuple[str, ...],
        exceptions: tuple[str, ...],
        openers: MirrorComplaint | None = None,
    ) -> None:
        """``openers``: the mirror rule's config, whose ``business_openers``, ``restating_openers`` and
        ``holding_openers`` decide when a reply is judged (see the module docstring)."""
        self._cfg = cfg
        self._judge_max_words = openers.judge_max_words if openers else cfg.judge_words
        self._shared_turn = openers.min_shared_turn if openers else 0
        self._told_back = openers.acknowledged_shared_turn if openers else 0
        self._business_words = openers.business_words if openers else cfg.judge_words
        self._business = compile_patterns(openers.business_openers if openers else ())
        self._restating = compile_patterns(openers.restating_openers if openers else ())
        self._holding = compile_patterns(openers.holding_openers if openers else ())
        self._requests = compile_patterns(openers.short_requests if openers else ())
        self._continuers = compile_patterns(openers.continuers if openers else ())
        self._agent_turns = cfg.agent_turns
        self._min_words = cfg.min_agent_words
        self._judge_words = cfg.judge_words
        self._expire = seconds_to_samples(cfg.expire_s)
        self._cues = compile_patterns(cues)
        self._not = compile_patterns(exceptions)
        self._pending: _Pending | None = None
        self._nudged: dict[str, str] = {}  # agent utterance -> the moment nudged from its first words
        self._acks = compile_patterns(())  # the acknowledgements (each rule's, set after this)
        self.calm_down = packaged_calm_down()  # the calm-down family that takes an acknowledgement back (undone)
        self._credited: dict[str, _Pending] = {}  # agent utterance -> the moment its first words answered
        # whether a customer turn opens saying no to the agent's "anything else?" (the coach's closing rule's verdict,
        # ClosingRule.declines_more): the heads read nothing into it; never, for a rule built alone
        self.declines_more: Callable[[Utterance], bool] = _never

    def _moment(self, u: Utterance) -> Match | None:
        """The first cue of the customer's turn ``u`` that no exception overlaps."""
        return first_match(u.text, self._cues, exceptions=self._not)

    def answered(self, text: str) -> bool:
        """Whether the agent's words ``text`` answer the pending moment (rule-specific)."""
        raise NotImplementedError

    def defer(self, text: str) -> bool:
        """Whether the first words ``text`` leave the verdict to the whole turn: they open by saying the
        complaint back or with kind words, or end inside a phrase that would answer the moment
        (rule-specific additions)."""
        opened = _opens(text, self._restating) or _opens(text, self._holding) or opens_with_apology(text)
        opened = opened or self.telling_back(text) or self._exclaims(text) or _opens(text, _OWN_FEELING)
        return opened or _continues(text, self._continuers) or _unfinished(text, *self.answers())

    def _exclaims(self, text: str) -> bool:
        """Whether the reply's words so far ``text`` are only a first sentence opening with a cry of dismay or surprise
        (:data:`_EXCLAIMING`: "Oh, Howard, no." before a pause, heard "Oh, hi, I don't know.", quiet c761; session 33,
        Q31): the agent taking the news in, whose next words say what it is to them; the verdict waits for them. Not a
        question, nor one holding a ``business_openers`` phrase ("Oh, okay, what's the order number?")."""
        parts = sentences(text)
        first = [t.lower() for t in tokens(text)[:1]]
        if len(parts) != 1 or not first or first[0] not in _EXCLAIMING or text.rstrip().endswith("?"):
            return False
        return not any(_opens(piece, self._business) for piece in text.split(","))

    def telling_back(self, text: str) -> bool:
        """Whether the first words ``text`` tell part of the customer's turn back (``acknowledged_shared_turn``
        of its content words, fewer than a restatement's ``min_shared_turn``: the complaint may have been misheard,
        c499's "two of the strings have snapped" heard "two of the strings are tapped") in a first sentence still
        going on past ``judge_max_words`` words: the verdict waits for the sentence's end (at most twice
        ``judge_max_words`` words), where the rest of the story told back often is ("Oh, Grace, the harp's come
        with two broken strings the day before your recital."). A first sentence that ends is judged as any
        other: sharing two words, it may be an explanation ("the card machines there are run by the garage")."""
        need = self._told_back
        if need < 1 or len(tokens(text)) >= 2 * self._judge_max_words:
            return False
        return (self.restates(text, need) or self.names_complaint(text)) and not _sentence_done(text, self._judge_words)

    def names_complaint(self, text: str) -> bool:
        """Whether the reply ``text`` opens by naming what the customer's sentence of the pending moment is about:
        its first clause (up to the first punctuation) tells back one of that sentence's content words (see
        :func:`shared_roots`) and is no ``business_openers`` phrase (session 26, Q24: c590's "Stuart, three
        cancellations at an hour's notice, with the wedding two weeks away, that's not on, and I'm sorry", heard
        "to a free cancellation, not to how you'll notice, ...", after "That's the third time you've cancelled our
        first dance lesson": the recogniser lost the rest of the story told back, and the sentence's end holds the
        apology). ``telling_back`` then waits for the first sentence's end."""
        p = self._pending
        if p is None or _opens(text, self._business):
            return False
        first = re.split(r"[,.;:!?]", text, maxsplit=1)[0]
        return shared_roots(p.said, first) >= 1

    def restates(self, text: str, need: int = 0) -> bool:
        """Whether ``text`` tells the pending customer turn back: ``need`` of its content words (by their
        first letters, see :func:`shared_roots`; 0: ``min_shared_turn``)."""
        need = need or self._shared_turn
        p = self._pending
        if p is None or not p.heard or need < 1:
            return False
        return shared_roots(p.heard, text) >= need

    def business_question(self, text: str) -> bool:
        """Whether the words ``text`` of an agent partial (committed or not) are a business question heard whole: they
        end with "?" and open with a ``business_openers`` phrase ("Okay, do you have the receipt number?", "Righto, can
        I grab your surname and postcode?"). The recogniser writes the "?" once it has decoded the whole question, and
        the agent lane commits a short reply's words only about a partial before its final, so such a reply is judged
        from these words (see ``LanguageCoach._paused_reply``; session 40, Q38). Designed on c886-c909 and eight older
        calls as heard (mirror delay p50 2.80 -> 1.94 s from the phrase's start, nothing added on nine quiet calls);
        on c910-c933, not seen when it was written: c918's mirror 2.64 -> 1.94 s, nothing added on eight quiet calls."""
        return text.rstrip().endswith("?") and _opens(text, self._business)

    def due(self, text: str) -> bool:
        """Whether the committed words ``text`` (not deferred) are enough for a verdict: the reply went
        straight to business, or its first complete sentence is there."""
        long = len(tokens(text)) >= self._judge_max_words
        return long or _opens(text, self._business) or _sentence_done(text, self._judge_words)

    def _model_moment(self) -> _Pending | None:
        """The pending moment when the model head found it (no cue word), or a cue heard unsure found it (see
        :func:`unsure_cue`), else None: the agent's reaction (gladness, a question taken, a remark) may show the
        head's reading, or the recogniser's words, were wrong."""
        p = self._pending
        return p if p is not None and (p.score is not None or p.unsure) else None

    def _glad_reply(self, text: str) -> bool:
        """Whether the agent's ``text`` opens by sharing the customer's good news (``_GLAD``: "That's so good to hear",
        "Great to hear, Kev.", "Congratulations!") after a moment the head found (:meth:`_model_moment`) in a turn
        with no "but" and a sentence read with no negation: the head read a complaint or a feeling into a pleased
        story, and the agent's gladness shows it was none (session 23, Q21: c524's "We've got enough regulars for a
        team at last.", 0.75; session 30, Q28: c664's cheerful first turn, garbled by the recogniser, 0.43). Not a
        moment a cue opened ("it arrived broken"), nor a turn with a "but" or whose sentence read holds a negation
        ("Great to hear" to "the fitting went well but the door won't shut" misses the complaint). A negation
        elsewhere in the turn may be the good news itself (session 34, Q32: quiet c786's "the mirror doesn't steam up
        any more", then a sentence about hay fever read as a feeling, answered "That's really good to hear"). A
        congratulation (``[glad_replies]`` congratulating: "Congratulations on the cottage", or a cry of gladness,
        "Oh, how wonderful", which may be heard "or how wonderful" and put the congratulation after it: session 54,
        Q52, quiet c1266, in sample) answers such a moment whatever the turn holds (quiet c784's "we've just bought a
        cottage ... and they haven't been pruned in years"): the agent names the customer's news as good, which a
        complaint never is. The words of a cue heard
        unsure (:func:`unsure_cue`) are no negation read: they are as likely misheard."""
        p = self._model_moment()
        if p is None:
            return False
        if _reacts_early(text, first_match(text, _CONGRATULATING)):
            return True
        if not _reacts_early(text, first_match(text, _GLAD)):
            return False
        said = set(tokens(p.said)) - (set(tokens(p.cue)) if p.unsure else set())  # an unsure cue's words as misheard
        return not _CONTRAST & set(tokens(p.heard or p.said)) and not _NEGATIONS & said

    def _question_reply(self, text: str) -> bool:
        """Whether the agent's ``text`` opens by taking the customer's turn as a question (``_QUESTION_REPLIES``:
        "Good question.") after a moment the head found (:meth:`_model_moment`): the agent heard a question, not a
        complaint or a feeling (session 30, Q28: c688's "Does she do Saturdays, like?" heard "Don't you do part of
        it, like.", 0.72; see ``listening.toml`` [question_replies])."""
        return self._model_moment() is not None and _reacts_early(text, first_match(text, _QUESTION_REPLIES))

    def _remark_reply(self, text: str) -> bool:
        """Whether the agent's ``text`` opens by remarking on what the customer told (``_REMARKS``: "That sounds like
        a great project", "Ha, she sounds like the perfect guest", "That doesn't sound daft at all", "That's a common
        one in those buildings") after a moment the head found (:meth:`_model_moment`; session 36, Q34): a word
        pointing back at the turn and a verb of impression, a grammar rather than idioms. The agent took the turn as
        news to react to and said what it is to them; the head read a complaint or a feeling into a story told
        calmly. In the tuning scripts' words (c01-c837) 21 agent lines hold it, 17 on must-stay-quiet calls, none a
        reply the truth files say misses a mirror or an acknowledgement. "That's the reaction we like to hear" (quiet
        c837) is one too. A cue's moment ("it arrived broken") stays, and so does a feeling at an escalated level for
        the acknowledgement rule (a tense one may be a lively voice: c837's happy teacher read tense)."""
        m = first_match(text, _REMARKS, exceptions=_REMARKS_NOT, open_end=True)  # "They look" may go on "fine to me"
        return self._model_moment() is not None and _reacts_early(text, m)

    def answers(self) -> tuple[PhraseSet, ...]:
        """The phrase sets whose phrases answer the moment (rule-specific)."""
        return ()

    def make(self, p: _Pending, u: Utterance) -> Nudge:
        raise NotImplementedError

    def _nudge(self, p: _Pending, u: Utterance, **evidence: object) -> Nudge:
        """The nudge for moment ``p`` missed by reply ``u`` (rule-specific ``evidence`` added). Its join group
        is the reply (``reply:<agent utterance id>``): a reply that misses both the acknowledgement and the
        mirror is delivered as one nudge (see ``coach/nudges/policy.py``)."""
        cfg = self._cfg
        basis = "final" if u.final else "partial"
        n = nudge(
            self.kind,
            cfg.text,
            cfg.severity,
            p.start,
            p.utt,
            **evidence,
            cue=p.cue,
            agent_said=excerpt(u.text),
            basis=basis,
            why=cfg.why,
        )
        return dataclasses.replace(n, join=f"reply:{u.utt}")

    def _replying(self, u: Utterance) -> _Pending | None:
        """The pending moment ``u`` replies to (the agent spoke after the customer began)."""
        p = self._pending
        return p if p is not None and u.start >= p.start else None

    def on_agent_words(self, u: Utterance) -> list[Nudge]:
        """The committed words of the agent's turn so far (``u.final`` False): a miss is nudged as soon
        as ``judge_words`` of them neither answer the moment nor defer the verdict."""
        p = self._replying(u)
        if p is None or p.nudged_from is not None:
            return []
        if self.answered(u.text):
            self._pending = None
            self._credited = {u.utt: p}
            return []
        words = len(tokens(u.text))
        early = words >= self._business_words and _opens(u.text, self._business)
        if (words < self._judge_words and not early) or self.defer(u.text) or not self.due(u.text):
            return []
        if p.turns + 1 < self._agent_turns:  # not the last turn allowed: its final counts it
            return []
        if self.engaged(u.text) or (not early and not _asking(u.text, self._business) and not self.moved_on(u.text)):
            return []  # a statement: the whole turn shows whether it engages with the customer's (see engaged)
        p.nudged_from = u.utt
        n = self.make(p, u)
        self._nudged[u.utt] = n.moment
        return [n]

    def on_agent(self, u: Utterance) -> list[Nudge | Withdrawal]:
        """The agent's final: judge the whole turn (or take back a nudge its first words caused). A moment its
        first words answered with an acknowledgement that the whole turn takes back (:func:`undone`) is judged
        again on the whole turn."""
        credited = self._credited.pop(u.utt, None)
        if credited is not None and self._pending is None and undone(u.text, self._acks, self.calm_down):
            self._pending = credited
        p = self._replying(u)
        early = self._nudged.pop(u.utt, None)
        if early is not None:
            answered = self.answered(u.text)
            if p is not None and p.nudged_from == u.utt:
                self._pending = None
            if answered:
                why = "The rest of the agent's turn answered the customer: the nudge is taken back."
                return [Withdrawal(moment=early, why=why)]
            return []
        if p is None or _continues(u.text, self._continuers):
            return []
        if self.answered(u.text) or self.engaged(u.text):
            self._pending = None
            return []
        if not self.replies(u) or not p.missed_by(self._agent_turns):
            return []
        self._pending = None
        return [self.make(p, u)]

    def engaged(self, text: str) -> bool:
        """Whether the agent's whole turn ``text`` engages with the customer's turn by its length: a statement (not
        :func:`_asking`) of :data:`ENGAGED_WORDS` words or more (session 37, Q35). A reply that misses the complaint or
        the feeling is curt: a look-up, a details question, an unrelated fact ("Vouchers are valid for twelve months
        from purchase"); in the tuning scripts (c01-c813) every agent line expected to miss one runs to 29 words at
        most, while the replies the rules wrongly nudged on must-stay-quiet calls (c718-c813, heard) ran to 24-59
        words, most past 30: the agent took the news in, told it back, explained and named the next step in its own
        words, the acknowledgement often last ("... and I understand why you're upset"), heard garbled or after a
        pause. So a statement is judged on the whole turn (its final), not its first sentence, and a long one answers
        the moment; a reply going straight to business or to a question is judged on its first words as before."""
        return len(tokens(text)) >= ENGAGED_WORDS and not _asking(text, self._business, first=True)

    def moved_on(self, text: str) -> bool:
        """Whether the statement ``text`` (the committed words of the reply so far) has moved on from the customer's
        turn with its first sentence: the first complete sentence past a short opener ("Right.", "Yep, got it.", at most
        three words, no cry of dismay: :data:`_EXCLAIMING`) is a curt fact, :data:`CURT_FACT_WORDS` words at most,
        naming neither the agent nor the customer (:data:`_PERSONS`) and sharing no content word with the customer's
        turn (:func:`shared_roots`), and no reaction to that turn (:data:`_POINTING_BACK`): "The spring term starts in
        January.", "There's free parking behind the shop." (session 38, Q36). Such a reply is judged then, like one
        going to business, instead of at its final (the statement rule, :meth:`engaged`, cost the acknowledgement
        seconds: a curt reply's final comes at its end). The shape, not the wording: a reply that takes the news in
        names the customer's thing or speaks to them ("your order", "I've got the job sheet here") or is long; a fact
        about something else, with nobody in it, is the look-up or the unrelated explanation the writers' misses are."""
        p = self._pending
        parts = sentences(text)
        if not text.rstrip().endswith((".", "!", "?", ";")):
            parts = parts[:-1]  # the last piece is still being said
        at = next((i for i, s in enumerate(parts) if len(s.tokens) > 3), None)
        if p is None or at is None or any(s.tokens[0] in _EXCLAIMING for s in parts[:at] if s.tokens):
            return False
        first = parts[at]
        if len(first.tokens) > CURT_FACT_WORDS or _PERSONS & set(first.tokens):
            return False
        opener, then = first.tokens[:2]
        if opener in _POINTING_BACK or (opener in ("that", "this") and then in _POINTED_VERBS):
            return False  # a reaction to the customer's turn, not a fact about something else
        return shared_roots(p.heard or p.said, first.text) == 0

    def replies(self, u: Utterance) -> bool:
        """Whether the agent's final ``u`` is a reply (see :func:`_is_reply`), or one the recogniser cut short
        (:func:`_cut_short`)."""
        return _is_reply(u.text, self._min_words, self._requests) or _cut_short(u)

    def tick(self, now: int) -> None:
        if self._pending is not None and self._pending.expired(now, self._expire):
            self._pending = None


class MirrorComplaintRule(_ReplyRule):
    """A customer complaint the agent's reply neither paraphrases nor mirrors -> nudge with a
    ``suggested_line`` built from the customer's words. ``acknowledgements``: patterns of an agent
    opening with empathy, who is then judged on the whole turn (the mirror often follows it)."""

    kind = "mirror_complaint"

    def __init__(self, cfg: MirrorComplaint, acknowledgements: tuple[str, ...] = ()) -> None:
        super().__init__(cfg, cfg.cues, cfg.not_complaints, cfg)
        self.cfg = cfg
        self._paraphrases = compile_patterns(cfg.paraphrase_cues)
        self._acks = compile_patterns(acknowledgements)
        self._taking_on = compile_patterns(cfg.taking_on)
        self._new_topics = compile_patterns(cfg.new_topic_openers)
        self._relief = compile_patterns(cfg.relief_openers)
        self._reassurances = compile_patterns(cfg.reassurances)
        self._heard = False  # a moment was opened in this call (the head opens no more)
        self._customer_turns = 0  # customer turns so far (finals with no agent turn between them are one)
        self._agent_spoke = True  # an agent turn came since the customer's last final (the greeting counts)
        self._agent_asked = False  # the agent's last turn ended with a question
        self._agent_acked = False  # the agent's last turn acknowledged the customer's feelings
        self._agent_words = ""  # the words of the agent's last turn (see restates)
        self._answered_once = False  # the agent answered a moment of this call (mirrored it, took it on)
        self._answer_count = 0  # replies that answered a moment, so far (see on_agent)
        self._answers_seen = 0  # ... as counted at the end of the agent's last turn
        self._agent_told_back = False  # the agent's last turn answered a complaint moment
        self._confirming = False  # the customer's turn opened by confirming it (see _confirms_told_back)
        self._first: str | None = None  # the customer utterance of the call's first complaint moment
        self._first_heard = ""  # the words of that customer turn
        self._first_sure: str | None = None  # the customer utterance of the call's first sure complaint moment (later)
        self._missed_first = False  # the call's first complaint moment was nudged and no reply answered one since
        self._words_open = False  # the words judged are an agent turn's committed words, still going on
        self.level = "calm"  # the customer's upset level from the escalation model (set by LanguageCoach)

    def _new_turn(self, upset: str | None) -> bool:
        """Count the customer's turn; whether this final opens a new one. A feeling said later in the
        opening turn makes its pending moment a moment to mirror after all."""
        fresh = self._agent_spoke
        if fresh:
            self._customer_turns += 1
            self._agent_spoke = False
        elif upset is not None and self._pending is not None:
            self._pending.opening = False
        return fresh

    def _asked_for(self, upset: str | None) -> bool:
        """Whether this customer turn gives details the agent asked for about a problem the agent has already
        taken on (the agent's last turn was a question, the call's complaint was answered, no feeling said):
        with ``after_question`` False, the conversation about it, not a new complaint."""
        return not self.cfg.after_question and self._agent_asked and self._answered_once and upset is None

    def on_customer(self, u: Utterance, turn: Sequence[Unit] = (), *, upset: str | None = None) -> list[Nudge]:
        """A customer final ``u``: a complaint in it (a cue, else the complaint head on the scored
        pieces ``turn``) becomes the pending moment. ``upset``: the sentence of the turn that says a
        feeling; then the most complaint-like piece of its other sentences is mirrored from the lower
        ``upset_model_threshold`` (a *weak* moment, which an acknowledgement also answers). The head
        opens a moment only while none was opened in the call: it finds the customer's complaint; what
        they say later is the conversation about it (cues still open moments). A complaint in the
        customer turn that says no feeling is an *opening* statement of why they call (taking it on or
        acknowledging it answers it: see :meth:`_takes_on`) when it is their first turn,
        the call's first complaint, or opens a new request ("While I'm on, the caddy's lid is cracked", a
        ``new_topic_openers`` pattern);
        one in details the agent asked for after taking the problem on opens none (see :meth:`_asked_for`)."""
        if self._new_turn(upset):
            self._confirming = self._confirms_told_back(u)
        if self._asked_for(upset):
            return []
        opening = upset is None and (self._customer_turns == 1 or not self._heard or self._new_topic(u))
        m = self._moment(u)
        reacting = self._reacting(u, upset)
        if m is not None and (self._answering(upset) or reacting) and not self._cue_confirmed(m, turn):
            m = None  # details asked for, or a pleased reaction, read as neutral information (see _cue_confirmed)
        if m is not None and self._answering(upset) and self._missed_first and self._gives_details(u):
            m = None  # the complaint told on after the details asked for, its mirror already nudged
        if m is not None and self._missed_first and (self._later_felt(upset) or self._restated(u)):
            m = None  # more of the story whose mirror stands nudged and unanswered (see _restated)
        if m is not None and self._confirming and not self._new_topic(u):
            m = None  # "Yes, that's it exactly": the story the agent just told back, told on
        if m is not None and self._cue_told_back(u) and not self._new_topic(u):
            m = None  # the very thing the agent's last turn told back, told on: the complaint already met
        if m is not None:
            clause = complaint_clause(m.sentence, m.said)
            self._pending = _Pending(
                u.utt,
                u.start,
                u.end,
                m.sentence,
                m.said,
                clause=clause,
                heard=u.text,
                opening=opening,
                weak=_a_death(m) or _an_injury(m) or self._later_felt(upset),
                unsure=unsure_cue(u, m),
            )
            self._pending.echoed = self._agent_words
            self._hear(u)
            return []
        # "what if my card is declined", "I haven't got it to hand": not the piece, nor any clause of its sentence;
        # nor a sentence that says no feeling (a courtesy, an aside: "I expect I left it too late", c476; Q19)
        # nor a bare noun phrase ("and my sister", c642; Q26), nor a piece telling of the surroundings ("the street is a
        # nightmare for parking", c690; Q28)
        turn = [
            x
            for x in turn
            if not _excused(x.sentence, self._not, self._cues)
            and not _says_no_feeling(x.sentence)
            and not _bare_noun(x.text)
            and not _trailing_off(x.text)
            and not _tells_surroundings(x.text)
            and not worn_out_marks(x.sentence, u.text)
        ]
        # a worry about what may happen ("I'm worried about leaks going through", quiet c738; session 32, Q30) tells
        # nothing that went wrong: the turn's other pieces are read at the head's own threshold
        felt = None if upset is not None and first_match(upset, _FEARS) is not None else upset
        best = top = max(turn, key=lambda x: x.reading.complaint, default=None)
        if best is not None and best.reading.complaint < self.cfg.model_threshold:
            others = [x for x in turn if felt is not None and x.sentence != felt]
            best = max(others, key=lambda x: x.reading.complaint, default=None)
            if (best is None or best.reading.complaint < self.cfg.upset_model_threshold) and felt is not None:
                # the feeling and what went wrong in one sentence (sarcasm: "brilliant use of my leave")
                best = max((x for x in turn if x.sentence == felt), key=lambda x: x.reading.complaint, default=None)
            if best is not None and best.reading.complaint < self.cfg.upset_model_threshold:
                best = None
        if best is None and top is not None and self._half_heard(u, top, upset):
            clause = complaint_clause(top.text, top.text)
            self._pending = _Pending(
                u.utt,
                u.start,
                u.end,
                top.text,
                clause,
                clause=clause,
                heard=u.text,
                opening=opening,
                score=top.reading.complaint,
                weak=True,
                tentative=True,
                echoed=self._agent_words,
            )
            return []
        if best is None or self._heard or self._answering(upset) or reacting or self._told_on(upset):
            return []
        if self.declines_more(u):
            return []  # "No, that's it" to the agent's ask: the customer closes the call (ClosingRule.declines_more)
        score = best.reading.complaint
        context = sentence_reading(turn, best.sentence)
        weak = score < self.cfg.model_threshold or (context is not None and context < self.cfg.clause_context_floor)
        clause = complaint_clause(best.text, best.text)
        self._pending = _Pending(
            u.utt, u.start, u.end, best.text, clause, clause=clause, score=score, weak=weak, heard=u.text
        )
        self._pending.opening = opening
        self._pending.echoed = self._agent_words
        self._hear(u)
        return []

    def _confirms_told_back(self, u: Utterance) -> bool:
        """Whether the customer's turn ``u`` opens by confirming what the agent's last turn told back: that turn
        answered a complaint moment (mirrored it, took it on) and the turn's first sentence opens with a
        ``[confirming]`` phrase of listening.toml ("Yes, that's it exactly.", "Spot on."; not a bare "yes"). A
        complaint cue in such a turn tells on the story just mirrored (session 53, round three, Q51; designed on quiet
        c1244 after c1222-c1245 were opened: in sample for them: "Yes, that's it exactly. ... this was meant to be the
        real thing." after the agent told the expired voucher back); a new request in it (``new_topic_openers``)
        still opens a moment."""
        first = sentences(u.text)[:1]
        confirms = bool(first) and first_match(first[0].text, _CONFIRMING, at_start=True) is not None
        return self._agent_told_back and confirms

    def _cue_told_back(self, u: Utterance) -> bool:
        """Whether every complaint cue of the customer's turn ``u`` names what the agent's last turn told back: that
        turn answered a complaint moment (mirrored it, took it on) and says every content word of each cue (by root,
        :func:`_roots`). The customer telling on the same damage or fault after the agent named it ("... so the present
        was left out in the rain on the step and the box got soaked." then "He just left it on the step, he didn't even
        knock.") says nothing the agent has not met; a new fault in the turn ("..., the wrapping paper is ruined"), a
        new complaint ("my other parcel never arrived"), a hope ("it was meant to be her big surprise") or a new
        request (``new_topic_openers``) still opens a moment (session 54, Q52, on our wording)."""
        if not self._agent_told_back:
            return False
        told = _roots(self._agent_words)
        cues = [_roots(m.said) for m in find_phrases(u.text, self._cues, exceptions=self._not)]
        return bool(cues) and all(cue and cue <= told for cue in cues)

    @staticmethod
    def _gives_details(u: Utterance) -> bool:
        """Whether the customer's turn ``u`` opens by giving details: its first sentence holds a reference or a
        number (:func:`_reference`: "E V three three one eight", heard "Even 3-3-1-8"). After an unanswered
        mirror nudge (``_missed_first``), a complaint cue told on in such an answer is the same story (session 25,
        Q23: c565's "... he brought his own road bike because nobody told us he couldn't"); one told instead of
        the details asked for ("And the life jackets were torn as well.") is a later complaint to mirror."""
        first = sentences(u.text)[:1]
        return bool(first) and _reference([t.lower() for t in tokens(first[0].text)])

    def _hear(self, u: Utterance) -> None:
        """A complaint moment opened on the customer's ``u``: the head opens no more, and the first is remembered."""
        self._heard = True
        self._remember_first(u.utt, u.text)
        p = self._pending
        sure = p is not None and not p.unsure and (p.score is None or p.score >= self.cfg.model_threshold)
        if sure and self._first_sure is None:
            self._first_sure = u.utt

    def _remember_first(self, utt: str, heard: str) -> None:
        """The customer utterance ``utt`` (words ``heard``) is the call's first complaint moment, unless one was."""
        if self._first is None:
            self._first, self._first_heard = utt, heard

    def _restated(self, u: Utterance) -> bool:
        """Whether the customer's turn ``u`` tells the call's first complaint again (session 32, Q30): it shares
        :data:`RESTATED_ROOTS` content words or more with that turn (:func:`shared_roots`: c705's "I booked through
        you and you sent the text.", answering back a deflection, after "... We got a text at ten past ... saying it
        was cancelled") and opens no new request (``new_topic_openers``). While the
        first complaint's mirror stands nudged and unanswered (``_missed_first``), such a turn, or a later complaint
        said with a feeling (:meth:`_later_felt`, which the acknowledgement answers: c702's "... and nobody
        noticed" in an upset second turn), is the same story told on: the nudge on screen already asks for its
        mirror. A later complaint told calmly in other words ("And the life jackets were torn as well.") still
        asks for one."""
        return shared_roots(self._first_heard, u.text) >= RESTATED_ROOTS and not self._new_topic(u)

    def later(self, moment: str) -> bool:
        """Whether the mirror nudge ``moment`` ("<customer utterance>:mirror_complaint") is of a complaint told after
        the call's first *sure* complaint moment (session 24, Q22: see ``LanguageCoach``, one nudge for a later
        complaint said in a tense voice): one a cue heard sure opened or the head read at ``model_threshold`` or over.
        A weak reading before it (a feeling said, the head under its threshold, a cue heard unsure: :func:`unsure_cue`)
        is no complaint the call established
        (session 50, Q48: c1137's garbled "I bring my own gazebo and two trestle tables", 0.21, answered; the burst
        trough told later, its mirror expected, was dropped as a later complaint in favour of the acknowledgement)."""
        return self._first_sure is not None and moment.rsplit(":", 1)[0] != self._first_sure

    def _half_heard(self, u: Utterance, top: Unit, upset: str | None) -> bool:
        """Whether the customer's first turn ``u``, saying no feeling, is a complaint the head only half
        heard: its most complaint-like piece ``top`` rates from ``details_model_threshold`` (under
        ``model_threshold``) and the turn runs to ``details_min_words`` words or more (a story told, whose
        complaint words the recogniser may have lost: "the hem" heard as "the theme"). Such a *tentative*
        moment is missed only by a reply that does nothing but ask for details (:func:`asks_only_details`);
        any other reply answers it, and it does not count as the call's complaint (see :meth:`on_customer`).
        So is the customer's first turn of ``details_min_words`` words or more that says a feeling (``upset``) at a
        raised level (``level`` tense or escalated), whatever the head rates its pieces (session 33, Q31: c756's angry
        first line about a card charged for a missed session, heard "You know, take a 90-point home, not my cancer
        official, ...", its pieces rated 0.19 at most: the truth files expect or allow the mirror on every reply to an
        angry or upset first turn that asks a question)."""
        cfg = self.cfg
        if self._heard or self._customer_turns != 1 or len(tokens(u.text)) < cfg.details_min_words:
            return False
        if upset is not None:
            return self.level != "calm"
        score = top.reading.complaint
        return score >= cfg.details_model_threshold and (score >= ENQUIRY_DETAILS_THRESHOLD or not _enquires(u.text))

    def _later_felt(self, upset: str | None) -> bool:
        """Whether this customer turn tells a complaint after the call's first complaint moment and says a feeling
        (``upset``): an acknowledgement answers it (session 28, Q26: c636's "We didn't ask for a swap. You sent the
        wrong one. She's been crying in her bedroom", answered "I'm sorry, ..."); a later complaint said with
        feeling asks for the feeling to be named (Q22, see ``LanguageCoach._one_for_later``), one said calmly
        still for the mirror."""
        return upset is not None and self._first is not None

    def _answering(self, upset: str | None) -> bool:
        """Whether this customer turn, after their first, calmly answers the agent's question: the head
        does not read it (c185: "Have you been with us before?" "New. I've been with another provider, but
        my contract with them ends this month", rated a complaint at 0.90); a complaint cue still opens a
        moment there."""
        return self._agent_asked and self._customer_turns > 1 and upset is None

    def _reacting(self, u: Utterance, upset: str | None) -> bool:
        """Whether the customer's turn ``u``, after their first and saying no feeling, opens as a pleased or
        relieved reaction to what the agent did: its first sentence opens with a ``relief_openers`` phrase
        ("Oh, thank you. That's a weight off.", "Ooh, there it is! And the range has gone up to sixty five").
        A cue in it is then read as in an answer (see :meth:`_cue_confirmed`), and the head opens no moment."""
        if upset is not None or self._customer_turns < 2:
            return False
        first = sentences(u.text)[:1]
        return bool(first) and first_match(first[0].text, self._relief, at_start=True) is not None

    def _told_on(self, upset: str | None) -> bool:
        """Whether this customer turn, after their first and saying no feeling, tells their story on after the
        agent's last turn acknowledged their feelings and asked nothing (session 27, Q25: c617's "She used to sit
        by the door waiting for me", after "I'm so sorry. Fifteen years is a whole chapter of your life.", rated
        a complaint at 0.78): the head does not read it; a complaint cue still opens a moment."""
        return self._agent_acked and not self._agent_asked and self._customer_turns > 1 and upset is None

    def _cue_confirmed(self, m: Match, turn: Sequence[Unit]) -> bool:
        """Whether a complaint cue in a calm answer to the agent's question (:meth:`_answering`) is a
        complaint: the complaint head rates its sentence (or a clause of it) at or over
        ``answer_cue_threshold``. Details asked for read as neutral information (c256: the boat's
        measurements, "with the roller" heard as "with a row mark"; c232: "a thin layer ..., quite
        squashed", the state of the loft asked about). A sentence the head did not score is kept."""
        score = sentence_complaint(turn, m.sentence)
        return score is None or score >= self.cfg.answer_cue_threshold

    def on_agent(self, u: Utterance) -> list[Nudge | Withdrawal]:
        """The agent's final (see :meth:`_ReplyRule.on_agent`); a turn of ``min_agent_words`` words or more
        ends the customer's turn, unless it only invites them to go on (``continuers``: what they say
        next is the same statement), and whether it ended with a question is remembered."""
        ends = self.replies(u) and not _continues(u.text, self._continuers)
        if ends:
            self._agent_spoke = True
            self._agent_asked = _asks(u.text)
            self._agent_acked = listens(u.text, self._acks, self.calm_down)
            self._agent_words = u.text
        out = super().on_agent(u)
        if ends:  # whether this turn (its committed words or its final) answered a complaint moment
            self._agent_told_back = self._answer_count > self._answers_seen
            self._answers_seen = self._answer_count
        return out

    def restates(self, text: str, need: int = 0) -> bool:
        """As :meth:`_ReplyRule.restates`, leaving out the reply's words that the agent's own turn before the
        moment said (:func:`_not_echoed`, the pending moment's ``echoed``): a customer who takes up the agent's
        offer before raising a complaint ("Pitch fourteen sounds grand. Now, ... the water trough burst ...") has
        those words in their turn, and a reply that says them again ("So that's pitch fourteen, three metres with
        power. Will you pay by card today?") tells back the agent's words, not the customer's story (session 52,
        Q50: tuning c1137's mirror, missed in script text for this)."""
        p = self._pending
        return super().restates(_not_echoed(text, p.echoed) if p is not None else text, need)

    def _moment(self, u: Utterance) -> Match | None:
        """A complaint cue (:func:`complaint_match`), else a fault told by how the thing moves (``_FAULTS``: "in
        fits and starts"), else the wrong thing delivered (:func:`not_as_chosen`; session 27, Q25), else a person
        the work made unrecognisable (``_UNRECOGNISABLE``: "that's not her any more"; session 31, Q29)."""
        m = complaint_match(u.text, self._cues, self._not, heard=u)
        m = m or first_match(u.text, _FAULTS, exceptions=self._not) or not_as_chosen(u.text)
        return m or first_match(u.text, _UNRECOGNISABLE, exceptions=self._not)

    def _new_topic(self, u: Utterance) -> bool:
        """Whether a sentence of the customer's turn ``u`` opens with a new request ("Perfect, thank you. While
        I'm on, ...", "One more thing")."""
        return bool(find_phrases(u.text, self._new_topics, at_start=True))

    def _takes_on(self, text: str) -> bool:
        """Whether the agent's words ``text`` take a calm statement of why the customer calls on: a
        ``taking_on`` phrase (or one of listening.toml's ``[taking_on]``), an acknowledgement, a first sentence that
        says yes (:func:`_says_yes`) or a yes to the request the customer's turn ends with (:meth:`_grants`)."""
        taken = any(first_match(text, x) is not None for x in (self._taking_on, _TAKING_ON))
        if taken or listens(text, self._acks, self.calm_down):
            return True
        return _says_yes(text, unfinished=self._words_open) or self._grants(text)

    def _grants(self, text: str) -> bool:
        """Whether the agent's words ``text`` open by saying yes (:data:`_AGREEING`: "Sure, ...", "Of course.")
        to the request the pending customer turn ends with ("... the back brake squeaks. Could I book it in
        for a service?", c259): the fault is the reason for a request the agent grants, not a complaint
        left unheard."""
        p = self._pending
        if p is None or not _asks(p.heard):
            return False
        words = [w.lower() for w in tokens(text)[:2]]
        return bool(words) and (words[0] in _AGREEING or " ".join(words) in _AGREEING)

    def _overlap(self, text: str) -> tuple[float, int]:
        p = self._pending
        return overlap(p.clause, text) if p is not None else (0.0, 0)

    def answered(self, text: str) -> bool:
        p = self._pending
        if p is not None and p.tentative and not asks_only_details(text, self._business, self._requests):
            return True  # the reply engages with the turn: nothing to nudge (nor the call's complaint answered)
        if self._answers(text):
            self._answer_count += 1
            self._answered_once = True
            self._missed_first = False
            return True
        return False

    def _answers(self, text: str) -> bool:
        share, shared = self._overlap(text)
        if first_match(text, self._paraphrases) is not None or framed_telling_back(text):
            return True
        p = self._pending
        if p is not None and p.opening and self._takes_on(text):
            return True
        acknowledged = listens(text, self._acks, self.calm_down)
        if p is not None and p.weak and acknowledged:
            return True
        if self._glad_reply(text) or self._question_reply(text) or self._remark_reply(text):
            return True  # good news, a question or a story to remark on, where the head read a complaint
        if acknowledged and first_match(text, self._reassurances) is not None:
            return True  # empathy and "you've done nothing wrong": the complaint heard, in other words
        if first_match(text, _EVENT_NAMED) is not None:
            return True  # "what a horrible thing to happen": the complaint's weight told back in other words (Q34)
        if acknowledged and first_match(text, _REMEDY) is not None:
            return True  # empathy and the agent's own remedy ("I've refunded the fee"): heard, and taken on (Q33)
        told_back = self.cfg.acknowledged_shared_turn
        if acknowledged and told_back and self.restates(text, told_back):
            return True  # empathy and part of the story told back (the rest of the mirror misheard)
        if share >= self.cfg.min_overlap and shared >= self.cfg.min_shared:
            return True
        if self.restates(text):
            return True
        cue = content_words(p.cue) if p is not None else set()
        return bool(cue) and cue <= content_words(text) and shared >= self.cfg.min_shared

    def on_agent_words(self, u: Utterance) -> list[Nudge]:
        """As :meth:`_ReplyRule.on_agent_words`, but a *tentative* moment waits for the agent's final: only
        the whole turn shows that it does nothing but ask for details. The words are read as unfinished
        (``_words_open``, see :func:`_says_yes`)."""
        p = self._replying(u)
        if p is not None and p.tentative:
            return []
        self._words_open = True
        try:
            return super().on_agent_words(u)
        finally:
            self._words_open = False

    def answers(self) -> tuple[PhraseSet, ...]:
        p = self._pending
        taking_on = (self._taking_on, _TAKING_ON) if p is not None and p.opening else ()
        glad = (_GLAD, _QUESTION_REPLIES, _REMARKS) if self._model_moment() is not None else ()
        return self._paraphrases, self._acks, _EVENT_NAMED, *taking_on, *glad

    def defer(self, text: str) -> bool:
        """Also wait for the whole turn after an opening acknowledgement (the mirror often follows it), and
        for a reply to an *opening* statement (see :meth:`on_customer`) that does not go straight to business:
        taking the problem on or acknowledging it answers that, and both often close the turn ("... and I
        can hear how worrying it is. Let's get the claim moving."), after a story told back that the
        recogniser may have misheard."""
        p = self._pending
        if p is not None and p.opening and not _opens(text, self._business):
            return True
        return acknowledges(text, self._acks) or super().defer(text)

    def make(self, p: _Pending, u: Utterance) -> Nudge:
        if p.tentative:  # a tentative moment missed was the call's complaint
            self._heard = True
            self._remember_first(p.utt, p.heard)
        # session 25, Q23 (c565): until a reply answers, a complaint cue in the customer's calm answer giving the
        # details asked for tells the same story on (see _gives_details): its mirror was nudged already
        self._missed_first = self._missed_first or (p.utt == self._first and not self._answered_once)
        share, _ = overlap(p.clause, u.text)
        extra = {} if p.score is None else {"model": round(p.score, 2)}
        line = mirror_line(p.said, p.cue)
        return self._nudge(p, u, said=p.said, suggested_line=line, overlap=round(share, 2), **extra)


LISTENING_TABLES = Path(__file__).with_name("listening.toml")
"""The listening rules' word tables (praise, delight, enquiries, questions about the work): their one source."""


def load_tables(path: Path = LISTENING_TABLES) -> dict[str, Any]:
    """The word tables of ``path`` (see ``listening.toml``), parsed."""
    return tomllib.loads(path.read_text(encoding="utf-8"))


_TABLES = load_tables()
_WORDS = _TABLES["words"]


def word_set(key: str, words: dict[str, Any] = _WORDS, path: Path = LISTENING_TABLES) -> frozenset[str]:
    """``listening.toml``'s ``[words]`` list ``key`` as a set of tokens, checked by
    :func:`~coach.language.patterns.checked_word_set` (ValueError naming the file, the key and the entry)."""
    return checked_word_set(words.get(key), f"{path.name} [words] {key}")


def _phrases(table: str, key: str = "patterns") -> PhraseSet:
    """The phrases of ``listening.toml``'s ``[table]`` list ``key``, compiled."""
    return compile_patterns(tuple(_TABLES[table][key]))


_PRAISE = _phrases("praise")
"""Praise of the work's result or the people: see ``listening.toml`` [praise]."""
_DELIGHT_SAYS = _phrases("delight_says")
"""Upset cues a delighted customer says of other things: see ``listening.toml`` [delight_says]."""
_ENQUIRY = _phrases("enquiry")
"""A polite enquiry after progress, whose feeling rating says nothing: see ``listening.toml`` [enquiry]."""
_GOOD_NEWS = _phrases("good_news")
"""Good news the customer reacts to (a price under budget): see ``listening.toml`` [good_news]."""
_COURTESY = _phrases("courtesy")
"""A polite reply to a request to hold, as a whole sentence: see ``listening.toml`` [courtesy]."""
_CONFIRMING = _phrases("confirming")
"""A customer confirming what the agent told back ("Yes, that's it exactly"): see ``listening.toml`` [confirming]."""
_ASIDE = _phrases("aside")
"""A self-deprecating aside or a storyteller's lead-in: see ``listening.toml`` [aside]."""
_GLAD = _phrases("glad_replies")
"""The agent sharing the customer's good news ("Great to hear"): see ``listening.toml`` [glad_replies]."""
_CONGRATULATING = _phrases("glad_replies", "congratulating")
"""The agent congratulating the customer ("Congratulations on ..."): see ``listening.toml`` [glad_replies]."""
_ENQUIRING = _phrases("enquiring")
"""The customer wondering whether something was done ("I just wondered if ..."): see ``listening.toml``."""
_OWN_FEELING = _phrases("own_feeling")
"""The agent opening with how the news leaves them ("I'm so ..."): see ``listening.toml`` [own_feeling]."""
_LOSS = _phrases("loss")
"""A bereavement told with no feeling word ("my wife's memorial garden"): see ``listening.toml`` [loss]."""
_NOT_NAMES = frozenset(_TABLES["loss"]["not_names"])
"""Capitalised words before "passed" that name no one ("It", "Everything"): see ``listening.toml`` [loss]."""
_DREAD = _phrases("dread")
"""The dread of a loss told as a feeling or fear of it ("I fear it might be lost"): see ``listening.toml`` [dread]."""
_HARDSHIP = _phrases("hardship")
"""A feeling told in the first person with no upset cue word ("I cried", "I feel awful", "it's been a hard year"):
see ``listening.toml`` [hardship]."""
_DISTRESS = _phrases("distress")
"""A felt state or distress said in words ("I felt", "I'm shattered", "sat here all morning", "what on earth"): see
``listening.toml`` [distress]."""
_TEASING = _phrases("teasing")
"""What others said of the customer's plan, told with a laugh ("said I was mad to"): ``listening.toml`` [teasing]."""
_ARRIVED = _phrases("as_chosen", "arrived")
_CHOSEN = _phrases("as_chosen", "chosen")
"""What came, then what the customer chose ("it came back dark brown. I chose a light chestnut"): see
``listening.toml`` [as_chosen]."""
_FAULTS = _phrases("faults")
"""A thing that runs badly, told by how it moves ("in fits and starts"): see ``listening.toml`` [faults]."""
_UNRECOGNISABLE = _phrases("unrecognisable")
"""A person or a pet the work made unrecognisable ("that's not her any more"): see ``listening.toml``."""
_DID_WELL = _phrases("did_well")
"""A thing said to have done well ("did wonders", "worked a treat"): see ``listening.toml`` [did_well]."""
DID_WELL_GAP: int = _TABLES["did_well"]["max_gap"]
"""Tokens at most between a complaint cue and the praise of what it names (:func:`_did_well`)."""
_LONG_SERVICE = _phrases("worn_out", "long_service")
"""A thing's long service ("after eleven years", "a good innings"): see ``listening.toml`` [worn_out]."""
_SAME_AGAIN = _phrases("worn_out", "same_again")
"""The same thing asked for again ("I'd like the same model again"): see ``listening.toml`` [worn_out]."""
_SHORT_SERVICE = _phrases("worn_out", "short_service")
_STOCK_ASKED = _phrases("worn_out", "stock_asked")
_LOYALTY = _phrases("worn_out", "loyalty")
_FAULT_WORDS = frozenset(_TABLES["worn_out"]["fault_words"])
_COMPANY_WORDS = frozenset(_TABLES["worn_out"]["company_words"])
_MANY_YEARS = frozenset(_TABLES["worn_out"]["many_years"])
WORN_MIN_YEARS: int = _TABLES["worn_out"]["min_years"]
"""Years at least of a service told with a count ("after 11 years") that wore the thing out (:func:`_worn_out`)."""
WORN_GAP: int = _TABLES["worn_out"]["max_gap"]
"""Tokens at most between a complaint cue and the phrase that tells the thing worn out or bought again."""
_SAYINGS = _phrases("sayings")
"""Sayings with a "no" in them ("no place like home"): see ``listening.toml`` [sayings]."""
_EAGER = _phrases("eager")
"""Joy or eagerness said outright ("so excited", "my whole life"): see ``listening.toml`` [eager]."""
_SURROUNDINGS = _phrases("surroundings")
"""A verdict cue said of the customer's surroundings ("the street is a nightmare for parking"): ``listening.toml``."""
_SURROUNDINGS_NOT = frozenset(_TABLES["surroundings"]["not_words"])
_QUESTION_REPLIES = _phrases("question_replies")
"""The agent taking the customer's turn as a question ("Good question."): see ``listening.toml``."""
_ANSWERS = _phrases("question_replies", "answers")
"""The agent answering the customer's question outright ("You can, ...", "Yes, it will"): ``listening.toml``."""
_REMARKS = _phrases("remarks")
"""The agent remarking on what the customer told ("That sounds lovely"): see ``listening.toml`` [remarks]."""
_REMARKS_NOT = _phrases("remarks", "not")
_EVENT_NAMED = _phrases("event_named")
"""The agent naming what happened as the distress it is ("What a horrible thing to happen"): ``listening.toml``."""
_FONDNESS = _phrases("fondness")
"""Fondness for a person's passion ("she's obsessed with meerkats"): see ``listening.toml`` [fondness]."""
_NEW_WORK = _phrases("new_work")
"""A request for new work ("I'd like to turn the bathroom into a wet room"): see ``listening.toml`` [new_work]."""
_FEARS = _phrases("fears")
"""A worry about what may happen ("worried about"): see ``listening.toml`` [fears]."""
_RELIEF = _phrases("settled_worry", "relief")
"""A relief before a worry told in the past ("That's reassuring, I was worried"): ``listening.toml`` [settled_worry]."""
_WORRIES = frozenset(_TABLES["settled_worry"]["worries"])
_WORRY_PAST = frozenset(_TABLES["settled_worry"]["past"])
_NOT_HARDSHIP = tuple(_TABLES["hardship"]["not"])
"""Tears of joy, laughter or relief: no hardship (``listening.toml`` [hardship] not)."""
_MIXED_FEELINGS = tuple(_TABLES["mixed_feelings"]["patterns"])
"""A fear taken back by a gladder word at once ("terrified, but thrilled"): no upset (``listening.toml``
[mixed_feelings]; session 38, Q36)."""
_REMEDY = _phrases("remedy")
"""The agent's own remedy, done or promised ("I've refunded the fee"): see ``listening.toml`` [remedy]."""
_TAKING_ON = _phrases("taking_on")
"""The agent taking a calm statement of the problem on, besides phrases.toml's: see ``listening.toml`` [taking_on]."""
_DISMISSALS = _phrases("undoing", "dismissals")
_ACKNOWLEDGING = _phrases("acknowledging")
_TELLING_BACK = _phrases("telling_back")
_FRAMED_NOT = frozenset(_TABLES["telling_back"]["not_after"])
"""A first word after a telling-back frame that makes it business, not a mirror: ``listening.toml`` [telling_back]."""
EAGER_COMPLAINT_CEILING: float = _TABLES["eager"]["complaint_ceiling"]
"""Complaint probability (0-1) of a turn's most complaint-like piece under which an eager turn holds no complaint."""
_FUTURE_MODALS = frozenset(_WORDS["future_modals"])
_CONTRAST = frozenset(_WORDS["contrast"])
_NEGATIONS = frozenset(_WORDS["negations"])
_ARTICLES = frozenset(_WORDS["articles"])
_SURPRISE_BEFORE = frozenset(_WORDS["surprise_verb_before"])
_SURPRISE_OBJECTS = frozenset(_WORDS["surprise_objects"])
_SAYING_LINKS = frozenset(_WORDS["saying_links"])
SAYING_REPEAT_WORDS = 4
"""Tokens at most from a saying's noun to its repeat ("no wedding is a wedding without ...": 3; :func:`_saying`)."""
SAYING_LINK_WORDS = 2
"""Tokens at most after the repeated noun to its link word ("without", "like"; :func:`_saying`)."""
_FEELERS = frozenset(_WORDS["feelers"])
_NUMBER_WORDS = frozenset(_WORDS["number_words"])
_ASKING_OPENERS = frozenset(_WORDS["asking_openers"])
_ASKING_LEAD_INS = frozenset(_WORDS["asking_lead_ins"])
_HELPLESS = frozenset(_WORDS["helpless"])
_KIN = frozenset(_WORDS["kin"])
_DEATHS = frozenset(_WORDS["deaths"])
_INJURIES = word_set("injuries")
"""Cue words of a person hurt (:func:`_an_injury`): see ``listening.toml`` [words]."""
_INJURED_OWNERS = word_set("injured_owners")
_BODY_PARTS = word_set("body_parts")
_BARE_LINKS = frozenset(_WORDS["bare_links"])
_DETERMINERS = frozenset(_WORDS["determiners"])
_PERSONS = word_set("persons")
"""Words of the agent or of the customer as persons (:meth:`_ReplyRule.moved_on`): see ``listening.toml`` [words]."""
_POINTING_BACK = word_set("pointing_back")
"""First words of a sentence that points back at the customer's turn or answers it: see ``listening.toml`` [words]."""
_POINTED_VERBS = word_set("pointed_verbs")
"""Words after "that" / "this" that make it point back at what the customer said: see ``listening.toml`` [words]."""
_SUBORDINATORS = word_set("subordinators")
"""Wh-words that open a clause of time or place when a subject follows them (:func:`_asks`): ``listening.toml``."""
_INVERTED_SUBJECTS = word_set("inverted_subjects")
"""Subjects after an auxiliary that make a question (:func:`_asks_after_clause`): see ``listening.toml`` [words]."""
BARE_NOUN_WORDS = 2
"""Words at most after the determiner of a bare noun phrase the complaint head rated (:func:`_bare_noun`)."""


def _did_well(m: Match) -> bool:
    """Whether the complaint cue ``m`` names a thing said to have done well (session 28, Q26: c644's pleased "my leeks
    did wonders on it last year", heard "my leaks did wonders"): a ``[did_well]`` phrase starts within
    :data:`DID_WELL_GAP` tokens after the cue in its sentence, with no negation or "but" in the sentence besides its
    words ("the new seal worked a treat, but it leaks again now" is a complaint)."""
    praise = find_phrases(m.sentence, _DID_WELL)
    return any(m.end <= w.start <= m.end + DID_WELL_GAP and not _hedged(w) for w in praise)


def _long_enough(w: Match) -> bool:
    """Whether the ``long_service`` match ``w`` tells a long service: a count of years of at least
    :data:`WORN_MIN_YEARS` (in digits or words, "after 11 years", "eleven years ago") or a word of many
    (``many_years``: "all these", "a good few"), decades, or a phrase with no count ("a good innings", "served us
    well")."""
    said = tokens(w.said)
    if said[-1] == "ago":
        said = said[:-1]  # "ten years ago"
    if said[-1] not in ("years", "year's"):
        return True
    count = said[-2]
    if count in _MANY_YEARS:
        return True
    digits = spoken_numbers_as_digits(count)
    return digits.isdigit() and int(digits) >= WORN_MIN_YEARS


def worn_out_marks(sentence: str, turn: str) -> list[Match]:
    """The phrases of the customer's ``sentence`` that tell the thing worn out after long service or bought again, in
    a ``turn`` (the customer's words) that asks to buy it again (session 57, Q55: quiet c1312's "My little pond pump has
    finally given up after eleven years, and I'd like the same model again", the complaint head's complaint): a
    ``long_service`` phrase (:func:`_long_enough`) or a ``same_again`` one, the turn holding a ``same_again`` or a
    ``stock_asked`` phrase; none (``[]``) when the sentence also tells a short service (``short_service``: "after two
    weeks"), a loyalty (``loyalty``: "after ten years as a customer"), a fault judged or a fresh one (``fault_words``),
    names the company (``company_words``) outside a question whether they still stock it (``stock_asked``: "if you
    still have it"), or holds a negation or a "but" besides the phrases' words (``listening.toml`` [worn_out])."""
    marks = [w for w in find_phrases(sentence, _LONG_SERVICE) if _long_enough(w)]
    marks += find_phrases(sentence, _SAME_AGAIN)
    if not marks or first_match(turn, _SAME_AGAIN) is None and first_match(turn, _STOCK_ASKED) is None:
        return []
    if first_match(sentence, _SHORT_SERVICE) is not None or first_match(sentence, _LOYALTY) is not None:
        return []
    toks = tokens(sentence)
    asked = {w.offset + i for w in find_phrases(sentence, _STOCK_ASKED) for i in range(w.start, w.end)}
    own = {w.offset + i for w in marks for i in range(w.start, w.end)}
    rest = {t for i, t in enumerate(toks) if i not in asked}
    if (_COMPANY_WORDS | _FAULT_WORDS) & rest or (_NEGATIONS | _CONTRAST) & {
        t for i, t in enumerate(toks) if i not in own
    }:
        return []
    return marks


def _worn_out(m: Match, turn: str) -> bool:
    """Whether the complaint cue ``m`` of the customer's ``turn`` tells of a thing worn out after long service and
    bought again: a phrase of :func:`worn_out_marks` within :data:`WORN_GAP` tokens of it in its sentence ("has finally
    given up after eleven years"; not "I've got the same model and it keeps cutting out", which asks for nothing)."""
    return any(w.start - m.end <= WORN_GAP and m.start - w.end <= WORN_GAP for w in worn_out_marks(m.sentence, turn))


def _a_death(m: Match) -> bool:
    """Whether the complaint cue ``m`` tells of the death of a person or a pet (session 28, Q26: c641's "my dad died
    last month", matched by the cue of a thing that "died"): a ``kin`` word and a ``deaths`` word in its words. A loss
    to acknowledge: the mirror's moment is then *weak* (an acknowledgement answers it)."""
    said = {t.lower() for t in tokens(m.said)}
    return bool(said & _KIN) and bool(said & _DEATHS)


def _an_injury(m: Match) -> bool:
    """Whether the complaint cue ``m`` tells of a person's injury (session 40, Q38: quiet c929's "I've broken my wrist
    in two places", matched by the cue of a thing "broken"): the cue ends with an ``injuries`` word and a possessive
    (``injured_owners``: my / his / her ...) and a ``body_parts`` word follow it in the same clause ("It arrived
    broken, my back door won't shut" is no injury). A hurt to acknowledge, not a fault to tell back: the mirror's
    moment is then *weak* (an acknowledgement answers it), as for a death (:func:`_a_death`)."""
    said = [t.lower() for t in tokens(m.said)]
    if not said or said[-1] not in _INJURIES:
        return False
    hurt = re.search(rf"\b{re.escape(said[-1])}\s+(\S+)\s+([\w']+)", m.sentence.lower())  # one clause: no comma between
    return hurt is not None and hurt[1] in _INJURED_OWNERS and hurt[2] in _BODY_PARTS


def _bare_noun(text: str) -> bool:
    """Whether the piece ``text`` the complaint head rated is a bare noun phrase (session 28, Q26: c642's "and my
    sister", a garbled story's fragment rated 0.27 beside a feeling): after ``bare_links`` words, a determiner and
    at most :data:`BARE_NOUN_WORDS` words, none a negation. It names nothing that went wrong to mirror."""
    toks = [t.lower() for t in tokens(text)]
    while toks and toks[0] in _BARE_LINKS:
        toks.pop(0)
    return bool(toks) and toks[0] in _DETERMINERS and len(toks) <= 1 + BARE_NOUN_WORDS and not _NEGATIONS & set(toks)


TRAILING_WORDS = 3
"""Words at most, after ``bare_links`` words, of a piece the recogniser cut off with "..." that says nothing yet
(:func:`_trailing_off`)."""


def _trailing_off(text: str) -> bool:
    """Whether the piece ``text`` the complaint head rated is a fragment the recogniser cut off (session 48, Q46): it
    ends with "..." on a word that says nothing by itself (no content word: "were", "it", "the") and, after
    ``bare_links`` words, has at most :data:`TRAILING_WORDS` words (quiet c1100's happy
    first turn, its final cut short and its tail restored from a partial ending "... and people were...", rated 0.81:
    "People were lining up around the block!" was never heard). Its complaint, if any, was not heard: nothing to
    mirror. A longer piece that trails off ("the zip broke the first time I wore..."), one cut after a content word
    ("and nobody rang..."), or one that ends, is read as before."""
    if not text.rstrip().endswith(("...", "\u2026")):
        return False
    toks = [t.lower() for t in tokens(text)]
    while toks and toks[0] in _BARE_LINKS:
        toks.pop(0)
    return len(toks) <= TRAILING_WORDS and not (toks and content_words(toks[-1]))


def _saying(m: Match) -> bool:
    """Whether the complaint cue ``m`` is part of a saying (session 24, Q22): one of ``listening.toml`` [sayings]
    overlaps it ("and there's no place like home"), or it ends on "no" / "nothing" / "none" whose noun comes back
    within :data:`SAYING_REPEAT_WORDS` tokens with a link word (``saying_links``) between them or within
    :data:`SAYING_LINK_WORDS` tokens after: "no wedding is a wedding without a ceilidh" (c549, heard "there's no
    wedding in my wedding without a cake"), "no party like a party at home". What is missing is told of no thing the
    customer has."""
    toks = [t.lower() for t in tokens(m.sentence)]
    if any(x.start < m.end and m.start < x.end for x in find_phrases(m.sentence, _SAYINGS)):
        return True
    if not toks[m.start : m.end] or toks[m.end - 1] not in ("no", "nothing", "none") or m.end >= len(toks):
        return False
    noun = toks[m.end][:ROOT_LETTERS]
    if len(noun) < 3:
        return False
    for i in range(m.end + 1, min(len(toks), m.end + 1 + SAYING_REPEAT_WORDS)):
        if toks[i][:ROOT_LETTERS] == noun:
            return bool(_SAYING_LINKS & set(toks[m.end + 1 : i + 1 + SAYING_LINK_WORDS]))
    return False


def _eager(text: str, turn: Sequence[Unit], complaint: Match | None, *, before: bool = False) -> bool:
    """Whether the customer's turn ``text`` (scored pieces ``turn``) is told in joy or eagerness with no complaint
    in it (session 25, Q23: c573's "Oh my goodness, I've wanted to see puffins my whole life, ... Can we come out on
    the boat next week?", heard "I need all my goodness, I wanted to see off in my whole life, ...", rated a feeling
    at 0.73): an ``[eager]`` phrase with no negation or "but" in its sentence besides its own words (or, ``before``,
    one in an earlier turn of the call: c573's next turn, "the earlier the better! Will we actually get close to
    them?", heard "We are actually getting lost", 0.88), no complaint cue (``complaint``, the turn's first) and no
    piece the complaint head rates at or over :data:`EAGER_COMPLAINT_CEILING`. "I'm so excited, but the tickets
    never came" is a complaint."""
    if complaint is not None or not (before or _unhedged(text, _EAGER)):
        return False
    return all(x.reading.complaint < EAGER_COMPLAINT_CEILING for x in turn)


def _buys_again(text: str, turn: Sequence[Unit], complaint: Match | None) -> bool:
    """Whether the customer's turn ``text`` (scored pieces ``turn``) buys a worn-out thing again with no complaint in
    it (session 57, Q55: quiet c1312's reorder, heard "... finally given up after 11 years and I'd like the same model.
    Again, if you still have it, the frogs are waging.", rated a feeling at 0.77 once its mirror was gone): a sentence
    with :func:`worn_out_marks`, no complaint cue (``complaint``, the turn's first) and no piece the complaint head
    rates at or over :data:`EAGER_COMPLAINT_CEILING`, as an eager turn (:func:`_eager`)."""
    if complaint is not None or not any(worn_out_marks(s.text, text) for s in sentences(text)):
        return False
    return all(x.reading.complaint < EAGER_COMPLAINT_CEILING for x in turn)


def _fond(text: str) -> bool:
    """Whether the piece ``text`` of a customer's turn tells fondness for someone's passion (``_FONDNESS``: "she is
    obsessed with meerkats, absolutely obsessed", quiet c741; session 32, Q30) with no negation or "but" after those
    words in its sentence, nor a negation just before them (a "but" before is the storyteller's: "this is going to
    sound daft, but my best mate is obsessed with meerkats"): the feeling head's rating of it says nothing."""
    m = first_match(text, _FONDNESS)
    if m is None:
        return False
    toks = [t.lower() for t in tokens(m.sentence)]
    after, before = set(toks[m.end :]), set(toks[max(0, m.start - 2) : m.start])
    return not (_NEGATIONS | _CONTRAST) & after and not _NEGATIONS & before


def _reason_for_work(turn: str, piece: str) -> bool:
    """Whether the piece ``piece`` of the customer's ``turn`` is the reason for new work the turn asks for
    (``_NEW_WORK``: "I'd like to turn the tiny bathroom into a wet room. The bath takes up half the room and I never
    use it.", quiet c738; session 32, Q30): a sentence other than the request's that names nothing of the company's
    (``[surroundings]`` not_words: "you", "your"). Read at a calm level only; "I'd like to redo the bathroom, your
    fitter cracked three tiles" is the company's to hear."""
    asked = first_match(turn, _NEW_WORK)
    if asked is None or first_match(piece, _NEW_WORK) is not None:
        return False
    return not _SURROUNDINGS_NOT & set(tokens(piece))


def _worry_ahead(sentence: str, cue: Match | None = None) -> bool:
    """Whether ``sentence`` tells a worry about what the work the customer plans may do (session 33, Q31: quiet c738's
    "The downstairs neighbour is very particular, so I'm worried about leaks going through to her ceiling.", after "I'd
    like to turn the tiny bathroom into a wet room"): a ``[fears]`` phrase ("worried about", "nervous of") with no word
    of the company's after it (``[surroundings]`` not_words: "I'm worried about the leak your fitter left" is had, not
    feared); with ``cue``, the upset cue lies in that phrase. Read in a call that asked for new work, at a calm level
    (:meth:`AcknowledgeFeelingsRule._felt`): such a worry asks how the work guards against it, and the agent answers it
    by explaining (the truth files expect no acknowledgement there: quiet c738, c408's "I'm a bit worried about
    wrecking them, so I wanted to know what I'd need")."""
    toks = [t.lower() for t in tokens(sentence)]
    for f in find_phrases(sentence, _FEARS):
        if cue is not None and not (f.start < cue.end and cue.start < f.end):
            continue
        return not _SURROUNDINGS_NOT & set(toks[f.end :])
    return False


SETTLED_GAP = 3
"""Tokens at most between a past-tense "was / were / been" and the worry word it tells (:func:`_settled_worry`)."""


def _settled_worry(text: str, m: Match) -> bool:
    """Whether the upset cue ``m`` in the customer's turn ``text`` is a worry the agent's news has just settled (session
    35, Q33: quiet c810's "That's reassuring, I was worried about hurting the tree", heard with no stop after
    "reassuring"): the cue is a worry word (``[settled_worry]`` worries) told in the past tense (a ``past`` word within
    :data:`SETTLED_GAP` tokens before it in its sentence: "I was a bit worried", "we'd been nervous"), and a relief
    (``relief``: "reassuring", "good to know", "that's great") comes before it in the turn with no "but" between them.
    Nothing is left to acknowledge. A worry with no relief before it ("I was worried sick"), one said now ("I'm still
    worried"), or one after a "but" ("That's reassuring, but I was worried ...") still asks for the acknowledgement."""
    said = [t.lower() for t in tokens(m.said)]
    worry = next((k for k, t in enumerate(said) if t in _WORRIES), None)
    if worry is None:
        return False
    at = m.start + worry
    before = [t.lower() for t in tokens(m.sentence)[max(0, at - SETTLED_GAP) : at]]
    if not _WORRY_PAST & set(before):
        return False
    at = m.offset + m.start
    relief = [r.offset + r.end for r in find_phrases(text, _RELIEF) if r.offset + r.end <= at]
    if not relief:
        return False
    between = [t.lower() for t in tokens(text)[max(relief) : at]]
    return not _CONTRAST & set(between)


def _no_feeler(m: Match) -> bool:
    """Whether the feeling cue ``m`` is said of a reference, with nobody to feel it (session 25, Q23: c558's "H T
    four four nine. It's paid" heard "H-T HD449 is scared, I can see ..."): its clause (its sentence up to a
    comma or semicolon) holds a token with a digit, or two number words, and no ``feelers`` word (a person or a
    pet: "I", "we", "my", "the kids"). "Account 1234, and I'm scared stiff" has a feeler."""
    at = 0
    for piece in re.split(r"[,;:]", m.sentence):
        toks = [t.lower() for t in tokens(piece)]
        if at <= m.start < at + len(toks):
            return _reference(toks) and not _FEELERS & set(toks)
        at += len(toks)
    return False


def _reference(toks: Sequence[str]) -> bool:
    """Whether the lower-case tokens ``toks`` hold a reference or a number: a token with a digit ("HD449",
    "3-3-1-8"), or two ``number_words`` ("four four nine")."""
    return any(c.isdigit() for t in toks for c in t) or sum(t in _NUMBER_WORDS for t in toks) >= 2


_OMISSION_OPENERS = frozenset(_WORDS["omission_openers"])


def _omissions(text: str) -> bool:
    """Whether the customer's sentence ``text`` lists what nobody did (session 25, Q23: c560's "Nobody rang me,
    nobody emailed!", heard "Nobody ran me, nobody amailed.", rated a feeling at 0.71 at a calm level; "No call, no
    text, nothing."): two comma pieces or more, each opening with an ``omission_openers`` word. A complaint for the
    mirror rule; the feeling head's rating of it names no feeling (a feeling word in it is an upset cue, read
    first: "Nobody rang, I'm livid")."""
    pieces = [[t.lower() for t in tokens(p)] for p in re.split(r"[,;]", text)]
    pieces = [p[1:] if p and p[0] in ("and", "or") else p for p in pieces if p]
    return len(pieces) >= 2 and all(p and p[0] in _OMISSION_OPENERS for p in pieces)


ENQUIRY_DETAILS_THRESHOLD = 0.5
"""Complaint probability (0-1) from which a first turn ending in an enquiry is a complaint half heard (see
:func:`_enquires`; ``details_model_threshold`` for any other first turn)."""


def _enquires(text: str) -> bool:
    """Whether the customer's turn ``text`` ends by asking the agent to look something up (session 34, Q32): its last
    sentence asks (a "?", or see :func:`_asks`) or wonders (``[enquiring]`` of ``listening.toml``: "I just wondered if
    it's been sent", quiet c427). A reply asking for the order's reference answers such a turn: the lower bar
    ``details_model_threshold`` (0.4 since session 34: c774's "It was promised for the start of term", 0.45) does not
    make it a complaint half heard under :data:`ENQUIRY_DETAILS_THRESHOLD`."""
    parts = sentences(text)
    return bool(parts) and (_asks(parts[-1].text) or first_match(parts[-1].text, _ENQUIRING) is not None)


FEELING_ONLY_EXTRA_WORDS = 2
"""Tokens at most a mirror's cue has besides an acknowledgement's cue it holds (:func:`feeling_only`)."""


def says_distress(sentence: str) -> bool:
    """Whether ``sentence`` says a felt state or distress in words (``listening.toml`` [distress]: "I felt I had
    failed him", "I'm absolutely shattered", "sat on the phone all day", "what on earth is going on"), rather than
    only telling what went wrong or what it cost ("they smell musty", "I couldn't chew a piece of bread"). See
    :meth:`coach.language.coach.LanguageCoach._one_for_later`."""
    return first_match(sentence, _DISTRESS) is not None


def feeling_only(mirror_cue: str, ack_cue: str) -> bool:
    """Whether a mirror nudge's cue ``mirror_cue`` would tell back nothing but the feeling or verdict the
    acknowledgement nudge's cue ``ack_cue`` (an upset cue, of the same utterance) names (session 25, Q23: c555's
    "That's ridiculous", after the agent's refusal, nudged as both, the mirror's line "So that's ridiculous — is
    that right?"): ``ack_cue``'s words all in ``mirror_cue``, which has at most :data:`FEELING_ONLY_EXTRA_WORDS`
    more. A mirror of what went wrong ("the parcel never came") beside a feeling ("I'm fed up") is not."""
    ack, mirror = [t.lower() for t in tokens(ack_cue)], [t.lower() for t in tokens(mirror_cue)]
    return bool(ack) and set(ack) <= set(mirror) and len(mirror) <= len(ack) + FEELING_ONLY_EXTRA_WORDS


_TURNS_AFTER = _CONTRAST | {"until"}
"""Words after an exception that turn its sentence (:func:`_excused`): the contrast words and "until"."""


def _excused(sentence: str, exceptions: PhraseSet, cues: PhraseSet) -> bool:
    """Whether an exception of ``exceptions`` (the mirror's ``not_complaints``) excuses the whole ``sentence`` from the
    complaint head: one matches it and the sentence does not turn after it, no word of :data:`_TURNS_AFTER` and no
    complaint cue of ``cues`` (:func:`complaint_match`) in the words after the match. A delight or an amends told first
    and then taken back is a complaint to read (session 55, Q53, after helper R19's probe of session 54: "The kids were
    made up with the bikes, but two of them came with flat tyres." and "They said a voucher made up for it, but the
    voucher doesn't even work." were excused by "made up (with|about|for it)"); "He'll be made up with that, he's been
    on about it for weeks" stays excused."""
    words = tokens(sentence)
    for m in find_phrases(sentence, exceptions):
        rest = words[m.offset + m.end :]
        if _TURNS_AFTER & {w.lower() for w in rest}:
            continue
        if rest and complaint_match(" ".join(rest), cues, exceptions) is not None:
            continue
        return True
    return False


def _says_no_feeling(text: str) -> bool:
    """Whether the customer's sentence ``text`` says no feeling whatever the feeling head rates it (session 21,
    Q19): it is, whole, a polite reply to a request to hold (``_COURTESY``: "Not at all.", "I'll wait."), an
    aside (:func:`_is_aside`), teasing told on (:func:`_teased`), or the caller introducing themselves
    (:func:`_introduces`)."""
    return _whole(text, _COURTESY) or _is_aside(text) or _teased(text) or _introduces(text)


_GREETING_WORDS = frozenset(
    {"hello", "hi", "hiya", "hey", "morning", "afternoon", "evening", "good", "oh", "yes", "yeah"}
)
_INTRO_OPENERS = (("it's",), ("it", "is"), ("this", "is"), ("my", "name", "is"), ("name's",), ("my", "name's"))
_NOT_INTRODUCED = frozenset(
    {
        "i",
        "i'm",
        "i've",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "christmas",
        "easter",
        "bank",
        "half",
    }
)
"""Capitalised words after "it's" that name no caller (:func:`_introduces`): days, months, holidays."""
INTRO_CLAUSE_WORDS = 8
"""Words at most of a clause in which the caller says who they are (:func:`_introduces`), after the greeting."""


def _introduces(text: str) -> bool:
    """Whether the customer's sentence ``text`` only says who is calling (session 52, round four, Q50; designed after
    c1198-c1221 were opened, on quiet c1221: in sample for them): each clause (cut at , ; :) is a greeting with at
    most a name left ("Hello Sad"), or opens with "it's", "this is", "my name is" and a name (a capital) and runs to
    at most :data:`INTRO_CLAUSE_WORDS` words after the greeting ("it's Morris at Coca-Cola and Writing School"), one of
    them such an introduction. The feeling head rated quiet c1221's garbled "Hello Sad, it's Can Off, it's Morris at
    Coca-Cola and Writing School." 0.65 or more; a name and a place say no feeling (an upset cue in the sentence is
    read before the head, whatever this says)."""
    introduced = False
    for clause in re.split(r"[,;:]", text):
        said = [w for w in (x.strip('.!?"()') for x in clause.split()) if w]  # as written: a name's capital kept
        while said and said[0].lower() in _GREETING_WORDS:
            said = said[1:]
        toks = [t.lower() for t in said]
        opener = next((len(o) for o in _INTRO_OPENERS if tuple(toks[: len(o)]) == o), 0)
        after = said[opener] if opener and len(said) > opener else ""
        named = (
            after[:1].isupper() and after.lower() not in _NOT_INTRODUCED
        )  # "it's Morris", not "it's been", "It's Monday"
        if named and len(toks) <= INTRO_CLAUSE_WORDS:
            introduced = True
        elif len(toks) > 2:
            return False
    return introduced


def _teased(text: str) -> bool:
    """Whether the customer's sentence ``text`` tells what others said of their plan with a laugh (``_TEASING``:
    "My husband said I was mad to book it", session 27, Q25: c621's lively customer) with no negation or "but" in
    the sentence besides those words: "mad" there is foolish, not angry."""
    return _unhedged(text, _TEASING)


def _surroundings(m: Match) -> bool:
    """Whether the cue ``m`` is said of the customer's surroundings, the roads, traffic or parking (``_SURROUNDINGS``,
    the cue inside the phrase; session 30, Q28: c690's "Gardner Street is a nightmare for parking"), in a sentence
    that names nothing of the company's (no "you" / "your": "your car park is a nightmare for parking" is theirs)."""
    if _SURROUNDINGS_NOT & set(tokens(m.sentence)):
        return False
    return any(w.start <= m.start and m.end <= w.end for w in find_phrases(m.sentence, _SURROUNDINGS))


def _tells_surroundings(text: str) -> bool:
    """Whether a piece ``text`` of a customer's turn tells of their surroundings in a verdict word (``_SURROUNDINGS``:
    "Gardner Street is a nightmare for parking") and names nothing of the company's: the complaint head's rating of
    it (c690, heard "Gardener Street is a nightmare for parking") says nothing to mirror."""
    return not _SURROUNDINGS_NOT & set(tokens(text)) and first_match(text, _SURROUNDINGS) is not None


def _teasing(m: Match) -> bool:
    """Whether the cue ``m`` is part of teasing told on (:func:`_teased`: "said I was mad to")."""
    t = first_match(m.sentence, _TEASING)
    return t is not None and t.start < m.end and m.start < t.end and not _hedged(t)


def not_as_chosen(text: str) -> Match | None:
    """The sentence of the customer's turn ``text`` that tells what they chose after one that tells what came
    (``_ARRIVED`` then ``_CHOSEN`` opening a later sentence: "It came back dark brown. I chose a light chestnut.",
    session 27, Q25: c606): the wrong thing delivered, told with no negative word; or None."""
    came = first_match(text, _ARRIVED)
    if came is None:
        return None
    later = (m for m in find_phrases(text, _CHOSEN, at_start=True) if m.sentence_index > came.sentence_index)
    return next(later, None)


def _is_aside(text: str) -> bool:
    """Whether the customer's sentence ``text`` holds an aside (``_ASIDE``: "I expect I left it too late.", "So
    here I am, juggling ...") with no negation or "but" in the sentence besides the aside's own words ("I left it
    too late and now nobody can come")."""
    return _unhedged(text, _ASIDE)


def _gift(toks: Sequence[str], at: int) -> bool:
    """Whether the lone "surprise" at token ``at`` of the lower-case sentence ``toks`` is a gift, not the sarcastic
    "surprise, surprise": a noun after an article ("it's a surprise"), or (session 24, Q22) a verb after "to"
    ("I want to surprise her", c544) or with a person as its object ("we'll surprise them"): ``listening.toml``
    ``articles``, ``surprise_verb_before``, ``surprise_objects``."""
    before = toks[at - 1] if at > 0 else ""
    after = toks[at + 1] if at + 1 < len(toks) else ""
    return before in _ARTICLES or before in _SURPRISE_BEFORE or after in _SURPRISE_OBJECTS


def _good_news(text: str, m: Match) -> bool:
    """Whether the customer's turn ``text`` reacts to good news (``_GOOD_NEWS``: "That's less than I budgeted")
    with no negation or "but" in the good news' sentence besides its words, nor in the cue ``m``'s sentence."""
    return _unhedged(text, _GOOD_NEWS) and not _hedged(m)


def _unhedged(text: str, phrases: PhraseSet) -> bool:
    """Whether the first phrase of ``phrases`` in ``text`` is said plainly: no negation or "but" in its sentence
    besides its own words (see :func:`_hedged`)."""
    m = first_match(text, phrases)
    return m is not None and not _hedged(m)


def _hedged(m: Match) -> bool:
    """Whether the sentence of the match ``m`` holds a negation or a "but" (``_NEGATIONS``, ``_CONTRAST``)
    besides ``m``'s own words."""
    toks = tokens(m.sentence)
    return bool((_NEGATIONS | _CONTRAST) & set(toks[: m.start] + toks[m.end :]))


def _asks_about(text: str) -> bool:
    """Whether the customer's sentence ``text`` asks about the work or the product ("What are you putting
    down, and will it end up level the whole way?", c448, rated a feeling at 0.85; "Which paint do you use?",
    "When will the fitter come?"): it ends with a "?", opens (after "and" / "so" / "first thing") with a
    wh-word or an auxiliary of :data:`_ASKING_OPENERS` (not "why" or "how": "Why does nobody ring back?"),
    and has no negation, no helpless first person or "supposed", no "how" / "why" and no "really" in it ("What
    am I meant to do?", "Is nobody going to help?", "Is this how you treat people?", "Is that really the best
    you can do?"). The feeling head's rating of such a question
    says nothing: a customer asking what comes next is following the agent, not telling of a feeling."""
    if not text.rstrip().endswith("?"):
        return False
    words = [w.lower() for w in tokens(text)]
    while words and words[0] in _ASKING_LEAD_INS:
        words.pop(0)
    return bool(words) and words[0] in _ASKING_OPENERS and not (_HELPLESS | _NEGATIONS) & set(words)


_NAME_BEFORE_PASSED = re.compile(r"\b([A-Z][a-z]+)(?= (?:sadly |recently |just )?passed\b)")
"""A capitalised word just before "passed": the recogniser writes a person's name so ("Jack passed in the spring")."""


def _named_loss(text: str, exceptions: PhraseSet) -> Match | None:
    """A death told of someone by name with no feeling word ("He's getting married on Saturday, Jack passed in the
    spring", c901; session 39, Q37): the ``[loss]`` "passed" pattern read with the name in a person word's place. The
    name is a capitalised word before "passed" that is not one of ``[loss] not_names`` ("It passed last week",
    "Everything passed on Monday"); the pattern still asks for when ("in the spring", "last week", "a month ago").
    The match is of ``text``'s own words."""
    swapped = _NAME_BEFORE_PASSED.sub(lambda m: m[1] if m[1].lower() in _NOT_NAMES else "he", text)
    m = None if swapped == text else first_match(swapped, _LOSS, exceptions=exceptions)
    if m is None:
        return None
    sentence = sentences(text)[m.sentence_index]
    said = " ".join(sentence.tokens[m.start : m.end])
    return dataclasses.replace(m, said=said, sentence=sentence.text)


class AcknowledgeFeelingsRule(_ReplyRule):
    """An upset customer and no acknowledgement in the agent's reply -> nudge. Upset: a feeling in
    their words; or a complaint (``complaints`` patterns not covered by ``not_complaints``: the mirror
    rule's) while the escalation level is one of ``complaint_levels`` (the voice says what the
    recogniser may have lost: tiny.en heard "I was so embarrassed" as "I want so in my room"); or,
    when configured, the level alone reaching one of ``upset_levels``. An acknowledgement covers the
    customer's feelings for ``acknowledged_recently_s``: upset within that time after one does not ask
    for another."""

    kind = "acknowledge_feelings"

    def __init__(
        self,
        cfg: AcknowledgeFeelings,
        complaints: tuple[str, ...] = (),
        not_complaints: tuple[str, ...] = (),
        openers: MirrorComplaint | None = None,
    ) -> None:
        super().__init__(cfg, cfg.upset_cues, (*cfg.not_upset, *_MIXED_FEELINGS), openers)
        self.cfg = cfg
        self._acks = compile_patterns(cfg.acknowledgements)
        self._not_told = compile_patterns((*cfg.not_upset, *_NOT_HARDSHIP))  # exceptions of [loss], [dread], [hardship]
        self._relief = compile_patterns(openers.relief_openers if openers else ())
        self._complaints = compile_patterns(complaints)
        self._not_complaints = compile_patterns(not_complaints)
        self._replied = False  # the agent finished a turn since the customer's last one
        self.level = "calm"
        self._last_customer: Utterance | None = None
        self._last_ack: int | None = None
        self._recent = seconds_to_samples(cfg.acknowledged_recently_s)
        self._heard = False  # a moment was opened in this call (the feeling head opens no more)
        self._turns = 0  # customer finals with a scored piece so far (this one included)
        self._counted = ""  # the customer utterance last counted
        self._asked_details = False  # the agent's last turn asked for details (a name, a number)
        self._delighted = False  # the customer praised the work in an earlier turn, at a calm level
        self._eager = False  # the customer told joy or eagerness in a turn with no complaint (see _eager)
        self._voiced: set[str] = set()  # customer utterances nudged for a complaint said at an upset level
        self._planning = False  # the customer asked for new work at a calm level (see _worry_ahead)
        self.refusals: PositiveLanguageRule | None = None  # the coach's positive-language rule (_left_to_refusal)
        self._shown: dict[str, str] = {}  # moment -> the customer's turn as heard: those nudged, less those given way
        self._readings: dict[str, float] = {}  # moment -> the head's unrounded reading, of those of _shown it read

    def set_level(self, level: str) -> None:
        """Customer upset level from the escalation model: calm | tense | escalated."""
        if level not in UPSET_LEVELS:
            raise ValueError(f"upset level must be one of {UPSET_LEVELS}, got {level!r}")
        rising = UPSET_LEVELS.index(level) > UPSET_LEVELS.index(self.level)
        self.level = level
        u = self._last_customer
        if not rising or self._pending is not None or u is None or self._replied or self._acknowledged(u.end):
            return
        if level in self.cfg.upset_levels:
            self._pending = _Pending(u.utt, u.start, u.end, u.text, f"level:{level}")
        else:
            self._pending = self._complaint(u)
        if self._pending is not None:
            self._pending.heard = u.text

    def _complaint(self, u: Utterance) -> _Pending | None:
        """A complaint cue in ``u`` said while the level is one of ``complaint_levels``, as a pending
        moment. (Not the complaint head: the level rates calm callers tense too often, c69.)"""
        if self.level not in self.cfg.complaint_levels:
            return None
        m = self._complaint_cue(u.text, heard=u)
        if m is None:
            return None
        unsure = unsure_cue(u, m)
        return _Pending(u.utt, u.start, u.end, m.sentence, f"{m.said} (level:{self.level})", voiced=True, unsure=unsure)

    def _complaint_cue(self, text: str, heard: Utterance | None = None) -> Match | None:
        """The first complaint cue (the mirror rule's ``complaints``, none ``not_complaints`` covers) of ``text``
        (of the utterance ``heard``, when given: see :func:`complaint_match`)."""
        return complaint_match(text, self._complaints, self._not_complaints, heard)

    def voiced(self, utt: str) -> bool:
        """Whether this rule nudged for the customer utterance ``utt`` as a complaint said at an upset level (a
        complaint cue and the escalation level, see :meth:`_complaint`), not a feeling told in words."""
        return utt in self._voiced

    def _felt(self, u: Utterance, turn: Sequence[Unit], *, own: bool = False) -> _Pending | None:
        """A feeling in ``u``: an upset cue, else the sentence of ``turn`` the feeling head rates highest
        when at or over its threshold (see :meth:`_bar`; none a ``not_upset`` pattern matches), while no moment was
        opened in the call (later in a call the head mostly hears relief and thanks: "that's a relief",
        "sorry to be a pain"). ``own``: the acknowledgement's own moment is sought (:meth:`on_customer`), so a piece
        the recogniser was doubtful of needs the later threshold (:meth:`_doubtful`); :meth:`felt` (the mirror's
        reading of the turn's feeling) calls it without (session 55, Q53)."""
        self._planning = self._planning or (self.level == "calm" and first_match(u.text, _NEW_WORK) is not None)
        m = self._moment(u)
        if m is not None:
            return _Pending(u.utt, u.start, u.end, m.sentence, m.said)
        if self.declines_more(u):
            return None  # "No, that's it" to the agent's ask: the customer closes the call (ClosingRule.declines_more)
        if self.level == "calm" and (self._delighted or self._praising(u.text)):
            return None  # a delighted customer: the head rates delight (and their stories) as feeling too
        if self.level == "calm" and self._reacts(u):
            return None  # "Brilliant, ..." to what the agent did (c615, the rest misheard): the rating says nothing
        if self.level != "escalated" and _eager(u.text, turn, self._complaint_cue(u.text), before=self._eager):
            self._eager = True
            return None  # an eager customer (a lively voice may read tense): their joy is no feeling to name
        if self.level != "escalated" and _buys_again(u.text, turn, self._complaint_cue(u.text)):
            return None  # a thing worn out and bought again (c1312): the head's feeling on a reorder says nothing
        # whole sentences only: a clause loses what it says of the feeling ("I've just had a baby"), but a
        # sentence run on past ``run_on_words`` words is several, run together by the recogniser
        turn = [x for x in turn if self._whole_sentence(x) and first_match(x.text, self._not) is None]
        if self._heard or any(_is_aside(x.text) for x in turn):
            return None  # a turn with an aside ("I expect I left it too late. I'm in time.", c476) is told lightly
        over = [
            x
            for x in turn
            if x.reading.feeling >= self._bar(u, x, own=own)
            and not self._unsure(u, x)
            and first_match(x.text, _ENQUIRY) is None
            and not _asks_about(x.text)
            and not _says_no_feeling(x.text)
            and not (self.level == "calm" and _omissions(x.text))
            and not _fond(x.text)
            and not (self.level == "calm" and _reason_for_work(u.text, x.text))
            and not self._planned_worry(x.text)
        ]
        best = max(over, key=lambda x: x.reading.feeling, default=None)
        if best is None:
            return None
        return _Pending(u.utt, u.start, u.end, best.text, best.text, score=best.reading.feeling)

    def _moment(self, u: Utterance) -> Match | None:
        """The first upset cue of the customer's turn ``u`` that no exception overlaps and that is no delight
        (see :meth:`_delight`), else a bereavement told with no feeling word (``_LOSS``: "for my wife's memorial
        garden"; session 23, Q21), else the dread of a loss (``_DREAD``: "I feel ... it might be lost"; session 26,
        Q24), else a feeling told in the first person with no cue word (``_HARDSHIP``: "I cried", "it's been a hard
        year"; session 27, Q25; not tears of joy: [hardship] ``not``). A cue inside teasing told on ("said I was mad
        to", :func:`_teasing`) is none, nor a worry the agent's news has just settled (:func:`_settled_worry`)."""
        for m in find_phrases(u.text, self._cues, exceptions=self._not):
            if self._planned_worry(m.sentence, m) or _settled_worry(u.text, m):
                continue
            if not self._delight(u.text, m) and not _no_feeler(m) and not _teasing(m) and not _surroundings(m):
                return m
        told = (first_match(u.text, x, exceptions=self._not_told) for x in (_LOSS, _DREAD, _HARDSHIP))
        return next((m for m in told if m is not None), None) or _named_loss(u.text, self._not_told)

    def _planned_worry(self, sentence: str, cue: Match | None = None) -> bool:
        """Whether ``sentence`` (``cue``: its upset cue) is a worry about planned work (:func:`_worry_ahead`), in a call
        whose customer asked for new work (``[new_work]``) at a calm level, the level calm still."""
        return self._planning and self.level == "calm" and _worry_ahead(sentence, cue)

    def _delight(self, text: str, m: Match) -> bool:
        """Whether the cue ``m`` in the customer's ``text`` is said by a delighted customer, not an upset one: "a
        surprise" as a gift (:func:`_gift`: "Don't tell her, it's a surprise", "I want to surprise her"); or, while
        the level is calm, a disbelief or verdict cue (``_DELIGHT_SAYS``) said with no negation or "but" in its
        sentence besides the cue's own words by a customer who praised the work earlier in the call, or earlier in
        this turn with no "but" after the praise; or, while the level is not escalated, such a cue in a turn that
        reacts to good news (:func:`_good_news`; session 21, Q19)."""
        toks = [t.lower() for t in tokens(m.sentence)]
        if tokens(m.said) == ["surprise"] and _gift(toks, m.start):
            return True
        if not _whole_match(m.said, _DELIGHT_SAYS):
            return False
        if self.level != "escalated" and _good_news(text, m):
            return True  # "No way. That's less than I budgeted. I can't believe it." (c477, read tense)
        if self.level != "calm":
            return False
        if _hedged(m):
            return False
        if self._delighted:
            return True
        praise = first_match(text, _PRAISE)
        start, at = (praise.offset + praise.start, m.offset + m.start) if praise else (0, 0)
        return start < at and not _CONTRAST & set(tokens(text)[start:at])

    def _reacts(self, u: Utterance) -> bool:
        """Whether the customer's final ``u``, after their first turn, opens as a pleased or relieved reaction to
        what the agent did (the mirror rule's ``relief_openers``: "Brilliant, ...", "Oh, thank you"; session 27,
        Q25): the feeling head's rating of such a turn says nothing (c615's "Brilliant," and a misheard line
        rated 0.70); an upset cue in it is read all the same (:meth:`_moment`, first)."""
        first = sentences(u.text)[:1]
        return self._turns > 1 and bool(first) and first_match(first[0].text, self._relief, at_start=True) is not None

    def _praising(self, text: str) -> bool:
        """Whether the customer's ``text`` praises the work with no "but" or negation after the praise."""
        praise = first_match(text, _PRAISE)
        if praise is None:
            return False
        after = set(tokens(text)[praise.offset + praise.start :])
        return not (_CONTRAST | _NEGATIONS) & after

    def _unsure(self, u: Utterance, x: Unit) -> bool:
        """Whether the recogniser was unsure of most words of the scored piece ``x`` of the customer final
        ``u``: ``unsure_share`` of them or more under ``unsure_word_p`` (c400's calm opening heard as "So I'm
        in a storm after it is before men.", rated 0.79), or of most words of the run-on sentence a clause ``x`` was
        cut from (session 52, Q50, designed after c1198-c1221 were opened: in sample for them: quiet c1214's garbled
        first turn, one 40-word sentence heard mostly under 0.5, its clause "I'm your nyoshone" rated 0.67 with two
        of its three words heard over 0.5). Its feeling score then says nothing: a clause is only as sure as the
        words the recogniser ran it together with."""
        low = self.cfg.unsure_word_p
        if low <= 0:
            return False
        share = self.cfg.unsure_share
        pieces = (x.text, x.sentence) if x.text != x.sentence else (x.text,)
        return any(_mostly_under(u.piece_ps(x.sentence, piece), low, share) for piece in pieces)

    def _whole_sentence(self, x: Unit) -> bool:
        """Whether the scored piece ``x`` stands as a sentence for the feeling head: it is one, or a clause of
        a sentence of ``run_on_words`` words or more (sentences the recogniser ran together)."""
        run_on = self.cfg.run_on_words
        return x.text == x.sentence or (run_on > 0 and len(tokens(x.sentence)) >= run_on)

    def _bar(self, u: Utterance, x: Unit, *, own: bool = False) -> float:
        """The feeling head's threshold for the sentence ``x`` of the customer final ``u``: ``model_threshold``
        in the customer's first ``opening_turns`` turns, ``later_model_threshold`` after them and for the
        answer to the agent's request for details (the first sentence after "Could I have the name on the
        booking?": the head over-rates names and numbers, c187's "Yes, it's Tariq Hussain" heard as "Yes,
        it's tart cussing" at 0.80). With ``own`` (the acknowledgement's own moment, see :meth:`_felt`), an opening
        piece the recogniser was doubtful of (:meth:`_doubtful`) takes ``later_model_threshold`` too."""
        first = sentences(u.text)[:1]
        answer = self._asked_details and bool(first) and x.sentence == first[0].text
        opening = self._turns <= self.cfg.opening_turns and not answer and not (own and self._doubtful(u, x))
        return self.cfg.model_threshold if opening else self.cfg.later_model_threshold

    def _doubtful(self, u: Utterance, x: Unit) -> bool:
        """Whether, while the customer's level is calm, the recogniser was unsure of ``doubtful_share`` or more of the
        words of the scored piece ``x`` of the customer final ``u`` (under ``unsure_word_p``; fewer than
        ``unsure_share``: see :meth:`_unsure`). The head's reading of such a piece needs ``later_model_threshold``
        (session 55, Q53): a calm customer's order or introduction, half heard, reads as a feeling at 0.66-0.80 as
        often as an upset customer's words do (quiet c1267's "We are starting the muscles and keep snoit as we're
        wakin'!", 0.77, 5 of its 11 words under 0.5); the voice and the customer's own words said plainly still open
        the moment. False when ``doubtful_share`` or ``unsure_word_p`` is 0, or the level is not calm."""
        share, low = self.cfg.doubtful_share, self.cfg.unsure_word_p
        if share <= 0 or low <= 0 or self.level != "calm":
            return False
        return _mostly_under(u.piece_ps(x.sentence, x.text), low, share)

    def _asks_details(self, text: str) -> bool:
        """Whether the agent's turn ``text`` ends asking for details: its last sentence is a question
        (see :func:`_asks`) opening with a ``business_openers`` phrase ("Could I have the name on the
        booking?"), or with one after a comma (session 24, Q22: "Congratulations, they're right, you know,
        what's the date and roughly how many guests?", c549), or the whole turn is a ``short_requests`` phrase
        ("Account number.")."""
        parts = sentences(text)
        last = parts[-1].text if parts else ""
        asked = any(_opens(piece, self._business) for piece in last.split(","))
        return (_asks(text) and asked) or _whole(text, self._requests)

    def felt(self, u: Utterance, turn: Sequence[Unit] = ()) -> str | None:
        """The sentence of the customer final ``u`` (scored pieces ``turn``) that says a feeling no recent
        acknowledgement already covers, or None."""
        self._count(u, turn)
        p = None if self._acknowledged(u.end) else self._felt(u, turn)
        return None if p is None else p.said

    def _count(self, u: Utterance, turn: Sequence[Unit]) -> None:
        """Count the customer final ``u`` (scored pieces ``turn``) once, however often it is read: one with a
        scored piece, or the answer to the agent's request for details even when nothing in it was scored
        (c105's "It's J K one two, three four, five six, C" is the customer's second turn)."""
        if (turn or self._asked_details) and u.utt != self._counted:
            self._counted = u.utt
            self._turns += 1

    def _acknowledged(self, at: int) -> bool:
        """The agent acknowledged the customer's feelings within ``acknowledged_recently_s`` before ``at``."""
        return self._last_ack is not None and at - self._last_ack <= self._recent

    def on_customer(self, u: Utterance, turn: Sequence[Unit] = ()) -> list[Nudge]:
        """A customer final ``u`` (its pieces scored by the heads: ``turn``; empty without them)."""
        self._last_customer = u
        self._replied = False
        self._count(u, turn)
        if self._pending is not None or self._acknowledged(u.end):
            return []
        self._pending = self._felt(u, turn, own=True) or self._complaint(u)
        if self._pending is not None:
            self._pending.heard = u.text
        self._heard = self._heard or self._pending is not None
        self._delighted = self._delighted or (self._pending is None and self.level == "calm" and self._praising(u.text))
        return []

    def answered(self, text: str) -> bool:
        if acknowledges(text, self._acks):
            return True
        # gladness or a question taken as one answers only a feeling the head found at a calm level: not one an upset
        # cue names ("I'm so worried"), nor one a level found
        # a remark on the turn answers it at a tense level too: a lively voice reads tense (quiet c837; session 36, Q34)
        if self.level != "escalated" and self._remark_reply(text):
            return True
        p = self._pending
        if p is not None and p.unsure and self._glad_reply(text):
            return True  # gladness at any level: a loud, happy voice reads tense or escalated (see unsure_cue)
        replies = (self._glad_reply, self._question_reply, self._told_back_reply, self._answer_reply)
        return self.level == "calm" and any(reply(text) for reply in replies)

    def _answer_reply(self, text: str) -> bool:
        """Whether the agent's ``text`` opens (its first two words) by answering the question the customer's turn ends
        with (``[question_replies] answers``: "You can, ...", "Yes, it will") after a feeling only the head read in
        that turn (:meth:`_model_moment`; session 37, Q35: quiet c856's "Can I grow up to make toes in it?", a
        question about tomatoes rated a feeling at 0.71, answered "You can ..."): the head read a question as a
        feeling, and the agent answered it. A feeling a cue names ("I'm so worried, can you come today?") still asks
        for its acknowledgement."""
        p = self._model_moment()
        return p is not None and _asks(p.heard or p.said) and _opens(text, _ANSWERS, within=2)

    def _told_back_reply(self, text: str) -> bool:
        """Whether the agent's ``text`` tells the customer's turn back after a feeling only the head read in it
        (:meth:`_model_moment`; session 33, Q31: quiet c763's garbled "When I unripped it at home and I tear along the
        top edge.", rated a feeling at 0.75, answered "So the needlepoint came home with a four inch tear along the
        top ..."): a first word "so" or a ``restating_openers`` phrase, and ``min_shared_turn`` content words of the
        turn told back (:meth:`restates`). The head read the complaint as a feeling; the mirror shows it was heard. A
        feeling a cue names ("I'm so upset") still asks for its acknowledgement."""
        if self._model_moment() is None:
            return False
        first = [t.lower() for t in tokens(text)[:1]]
        return (first == ["so"] or _opens(text, self._restating)) and self.restates(text)

    def answers(self) -> tuple[PhraseSet, ...]:
        return (self._acks, _GLAD, _QUESTION_REPLIES, _REMARKS)

    def defer(self, text: str) -> bool:
        """Also wait for the whole turn when the first words tell the customer's story back (the
        acknowledgement often follows the mirror: "Third time since the service, and with a newborn at
        home. That sounds exhausting.")."""
        return self.restates(text) or super().defer(text)

    def _left_to_calm_down(self, u: Utterance) -> bool:
        """Whether the agent's words ``u`` reply to the pending moment with a phrase of the calm-down family
        (:attr:`calm_down`: "no need to go full volcano on me", "steady the buffs there"): the reply's lesson is the
        ``avoid_calm_down`` nudge its words get, so the moment is closed with no acknowledgement nudge of its own (one
        reply, one lesson; :func:`undone` leaves an acknowledgement taken back by one to that nudge the same way;
        session 39, Q37). In the tuning scripts (c01-c885) 140 of the 142 agent lines expected to be nudged for a
        calm-down expect no acknowledgement (c295 and c366 expect both), while the rule nudged the feeling of the
        angry turn before such a line as an extra (c848's "Okay, no need to go full volcano on me, it's one day.",
        c872's second feeling). The mirror rule is not affected: a calm-down does not tell the complaint back."""
        return self._replying(u) is not None and self.calm_down.find(u.text) is not None

    def _left_to_refusal(self, u: Utterance) -> bool:
        """Whether the agent's words ``u`` reply to a later feeling, after this call's first acknowledgement nudge,
        with a refusal, a policy or blame that the coach's positive-language rule nudges (:attr:`refusals`, its own
        verdict on these words: "A second engraving isn't something we'd ever do at no charge", c901's reply to "I
        sat and cried at the kitchen table", its second feeling): the agent has had the acknowledgement lesson once,
        and this reply's is that nudge, as for a calm-down (:meth:`_left_to_calm_down`; session 39, Q37). In the
        tuning scripts (c01-c909) none of the 254 agent lines expected to be nudged for positive language expects an
        acknowledgement, and no call expects two acknowledgements; a call's first feeling answered by a policy still
        asks for both (tests/test_language_listening.py's reply-timing floor). Without :attr:`refusals` (a rule built
        alone) nothing is left to it."""
        if self.refusals is None or not self._shown or self._replying(u) is None:
            return False
        return bool(self.refusals.on_agent(u))

    def _left_to_wording(self, u: Utterance) -> bool:
        """:meth:`_left_to_calm_down` or :meth:`_left_to_refusal`."""
        return self._left_to_calm_down(u) or self._left_to_refusal(u)

    def on_agent_words(self, u: Utterance) -> list[Nudge]:
        if listens(u.text, self._acks, self.calm_down):
            self._last_ack = u.end
        p = self._replying(u)
        if p is not None and p.nudged_from is None and self._left_to_wording(u):
            self._pending = None
            return []
        return super().on_agent_words(u)

    def on_agent(self, u: Utterance) -> list[Nudge | Withdrawal]:
        if listens(u.text, self._acks, self.calm_down):
            self._last_ack = u.end
        self._replied = True
        if _is_reply(u.text, self._min_words, self._requests) and not _continues(u.text, self._continuers):
            self._asked_details = self._asks_details(u.text)
        if self._left_to_wording(u) and self._credited.get(u.utt) is None:
            early = self._nudged.pop(u.utt, None)
            self._pending = None
            why = "The agent's turn told the customer to calm down, or refused: that nudge is the lesson."
            return [] if early is None else [Withdrawal(moment=early, why=why)]
        return super().on_agent(u)

    def give_way(self, moment: str) -> None:
        """The coach did not show the nudge of ``moment`` (a sentence only the feeling head read, left to the same
        reply's mirror nudge: :meth:`coach.language.coach.LanguageCoach._one_for_later`): it counts as no
        acknowledgement nudged, and the feeling head may open a later moment of the call (c989: the first complaint
        turn's "My tuba player can't get them past his knees." given way, the next turn's "I'm honestly sick to my
        stomach" is the feeling to acknowledge)."""
        self._shown.pop(moment, None)
        self._readings.pop(moment, None)
        self._heard = False

    def turn_of(self, moment: str) -> str:
        """The customer's whole turn, as heard, of the acknowledgement ``moment`` this rule nudged in the call (""
        for none, or one given way)."""
        return self._shown.get(moment, "")

    def reading_of(self, moment: str) -> float | None:
        """The feeling head's probability, unrounded, for the sentence of the acknowledgement ``moment`` this rule
        nudged in the call (``None``: a moment not read by the head alone, none, or one given way). The nudge's
        evidence ``model`` is the same reading rounded to two places for display; a threshold compares this one
        (session 47, R11: a reading of 0.847 showed as 0.85 and counted as strong against 0.85)."""
        return self._readings.get(moment)

    def make(self, p: _Pending, u: Utterance) -> Nudge:
        if p.voiced:
            self._voiced.add(p.utt)
        extra = {} if p.score is None else {"model": round(p.score, 2)}
        n = self._nudge(p, u, said=excerpt(p.said), level=self.level, **extra)
        self._shown[n.moment] = p.heard or p.said
        if p.score is not None:
            self._readings[n.moment] = p.score
        return n
