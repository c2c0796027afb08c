"""Whole-word/phrase matching of contact-centre escalation markers in customer transcripts.

Compliance: used on the **customer lane only**, as an input to the escalation score.

The markers live in an editable TOML file (default :data:`DEFAULT_LEXICON`, format described at its
top). :class:`EscalationLexicon` compiles them once; :meth:`EscalationLexicon.find` is a pure,
thread-safe function of the text. Hits are evidence for the fusion (:mod:`coach.classify.escalation`);
they carry the phrase as written in the lexicon, never the transcript text.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

DEFAULT_LEXICON = Path(__file__).with_name("escalation_lexicon.toml")

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})


def tokens(text: str) -> list[str]:
    """Lower-case word tokens; apostrophes inside words are kept (``don't``), other punctuation dropped."""
    return _TOKEN.findall(text.lower().translate(_APOSTROPHES))


def token_spans(text: str) -> list[re.Match[str]]:
    """The :func:`tokens` of ``text`` as matches, whose positions index ``text`` itself (for the punctuation between
    words)."""
    return list(_TOKEN.finditer(text.lower().translate(_APOSTROPHES)))


@dataclass(frozen=True, slots=True)
class LexiconHit:
    """One marker found: ``phrase`` as written in the lexicon, its ``category`` and ``weight``,
    and ``token_index`` (position of its first word in :func:`tokens` of the text)."""

    phrase: str
    category: str
    weight: float
    token_index: int
    n_tokens: int = 1
    """How many words of the text the marker spans."""
    half_life_s: float = 0.0
    """Its category's own half-life (seconds; 0: the tracker's ``lexicon_half_life_s``)."""
    needs_clause: bool = False
    """Whether the marker complains only as the head of a clause (its category's ``needs_clause``:
    :meth:`EscalationLexicon.without_clause`)."""


@dataclass(frozen=True, slots=True)
class _Pattern:
    phrase: str
    category: str
    weight: float
    words: tuple[str, ...]
    half_life_s: float = 0.0
    needs_clause: bool = False


def _word_matches(pattern: str, word: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


NOT_MARKERS = "not_markers"
"""Name of the lexicon table whose ``phrases`` are idioms that contain a marker's words without its
meaning ("third time lucky"): their words are no marker's (the table has no ``weight``)."""
FRAMES = "frames"
"""Name of the lexicon table of word classes that frame a sentence (:class:`Frames`; the table has no ``weight``)."""


@dataclass(frozen=True, slots=True)
class Frames:
    """Word classes (lower-case single words) that frame the sentence a marker is in; a lexicon file's
    ``[frames]`` table, every key required (none: every class empty, no sentence framed)."""

    pride_words: frozenset[str] = frozenset()
    """Words of the customer's pride in or fondness for what the sentence tells ("which we're all very proud of"):
    a grievance marker in such a sentence is part of a happy story (:meth:`EscalationLexicon.settled_tokens`)."""
    past_turns: frozenset[str] = frozenset()
    """Past-tense verbs that turn a told grievance around after "until"/"till" ("I was so cross until your engineer
    came"): the grievance is over. A present verb ("until you fix it") is a demand, not a resolution."""
    clause_openers: frozenset[str] = frozenset()
    """Words that open the clause a ``needs_clause`` marker heads (a pronoun, an auxiliary, a possessive:
    "how many times I've rung"; :meth:`EscalationLexicon.without_clause`)."""

    @classmethod
    def from_table(cls, table: object) -> Frames:
        """The ``[frames]`` table of a lexicon file (``ValueError`` unless it holds exactly this class's fields,
        each a list of single whole words)."""
        names = set(cls.__dataclass_fields__)
        if not isinstance(table, dict) or set(table) != names:
            got = sorted(table) if isinstance(table, dict) else table
            raise ValueError(f"lexicon [{FRAMES}] needs exactly {sorted(names)}, got {got}")
        classes = {}
        for name, words in table.items():
            if not isinstance(words, list) or not words:
                raise ValueError(f"lexicon [{FRAMES}] {name}: a non-empty list of words")
            classes[name] = frozenset(w for phrase in words for w in _words(f"{FRAMES}.{name}", str(phrase)))
            if len(classes[name]) != len(words) or any(w.endswith("*") for w in classes[name]):
                raise ValueError(f"lexicon [{FRAMES}] {name}: one whole word a string, no wildcard, no repeat")
        return cls(**classes)


def _words(category: str, phrase: str) -> tuple[str, ...]:
    """The lower-case words of a lexicon phrase (``ValueError`` if it is not whole words)."""
    words = tuple(phrase.lower().translate(_APOSTROPHES).split())
    if not words or any(not _TOKEN.fullmatch(w.rstrip("*")) for w in words):
        raise ValueError(f"lexicon category {category!r}: bad phrase {phrase!r}")
    return words


class EscalationLexicon:
    """Compiled markers. Overlapping phrases of the same category count once (the longest wins); the
    words of a ``not_markers`` idiom count for no category."""

    def __init__(
        self,
        categories: dict[str, tuple[float, tuple[str, ...]]],
        not_markers: tuple[str, ...] = (),
        half_lives: dict[str, float] | None = None,
        frames: Frames = Frames(),
        needs_clause: Collection[str] = (),
    ) -> None:
        """``half_lives``: a category's own half-life in seconds (categories not named: 0, the tracker's);
        ``frames``: the word classes of :meth:`settled_tokens` and :meth:`without_clause`; ``needs_clause``: the
        phrases that complain only as the head of a clause (each must be one of a category's)."""
        patterns = []
        half_lives = half_lives or {}
        self.frames = frames
        for category, (weight, phrases) in categories.items():
            if not 0.0 < weight <= 1.0:
                raise ValueError(f"lexicon category {category!r}: weight must be in (0, 1], got {weight}")
            half_life = float(half_lives.get(category, 0.0))
            if half_life < 0:
                raise ValueError(f"lexicon category {category!r}: half_life_s must be >= 0, got {half_life}")
            for phrase in phrases:
                words = _words(category, phrase)
                patterns.append(_Pattern(phrase, category, float(weight), words, half_life, phrase in needs_clause))
        if unknown := set(needs_clause) - {p.phrase for p in patterns}:
            raise ValueError(f"lexicon: needs_clause names no category's phrase: {sorted(unknown)}")
        # idioms by their first word (one dict look-up a word: find() runs on every partial)
        self._idioms: dict[str, list[tuple[str, ...]]] = {}
        for idiom in (_words(NOT_MARKERS, p) for p in not_markers):
            if idiom[0].endswith("*"):
                raise ValueError(f"lexicon [{NOT_MARKERS}]: an idiom may not start with a wildcard: {idiom!r}")
            self._idioms.setdefault(idiom[0], []).append(idiom)
        # longest first so that "speak to a manager" shadows "a manager"
        self._patterns = tuple(sorted(patterns, key=lambda p: -len(p.words)))
        # find() looks a marker up instead of trying every marker that starts with the word (141 start with "i"):
        # the markers of whole words by their words, the lengths to look up by their first word; the few with a
        # wildcard word are tried one by one. Each keeps its rank: ``(first word a wildcard, place in _patterns)``.
        self._exact: dict[tuple[str, ...], list[tuple[tuple[bool, int], _Pattern]]] = {}
        self._lengths: dict[str, tuple[int, ...]] = {}
        self._wild_by_first: dict[str, list[tuple[tuple[bool, int], _Pattern]]] = {}
        self._prefix_first: list[tuple[tuple[bool, int], _Pattern]] = []
        for rank, p in enumerate(self._patterns):
            if p.words[0].endswith("*"):
                self._prefix_first.append(((True, rank), p))
            elif any(w.endswith("*") for w in p.words):
                self._wild_by_first.setdefault(p.words[0], []).append(((False, rank), p))
            else:
                self._exact.setdefault(p.words, []).append(((False, rank), p))
        lengths: dict[str, set[int]] = {}
        for words in self._exact:
            lengths.setdefault(words[0], set()).add(len(words))
        self._lengths = {w: tuple(sorted(n)) for w, n in lengths.items()}
        self._prefixes = tuple(p.words[0][:-1] for _, p in self._prefix_first)

    @classmethod
    def from_toml(cls, path: Path = DEFAULT_LEXICON) -> EscalationLexicon:
        """Load a lexicon file (see the format at the top of :data:`DEFAULT_LEXICON`)."""
        with Path(path).open("rb") as fh:
            raw = tomllib.load(fh)
        cats: dict[str, tuple[float, tuple[str, ...]]] = {}
        half_lives: dict[str, float] = {}
        needs_clause: list[str] = []
        idioms = tuple(str(p) for p in raw.pop(NOT_MARKERS, {}).get("phrases", ()))
        frames = Frames.from_table(raw.pop(FRAMES)) if FRAMES in raw else Frames()
        for name, table in raw.items():
            if not isinstance(table, dict) or "weight" not in table or "phrases" not in table:
                raise ValueError(f"{path}: [{name}] needs `weight` and `phrases`")
            cats[name] = (float(table["weight"]), tuple(str(p) for p in table["phrases"]))
            if "half_life_s" in table:
                half_lives[name] = float(table["half_life_s"])
            needs_clause.extend(str(p) for p in table.get("needs_clause", ()))
        return cls(cats, idioms, half_lives, frames, needs_clause)

    @property
    def phrases(self) -> tuple[str, ...]:
        """Every phrase of the lexicon."""
        return tuple(p.phrase for p in self._patterns)

    def find(self, text: str) -> list[LexiconHit]:
        """Markers in ``text``, in text order. Within one category, a token is used by one hit only."""
        words = tokens(text)
        used: set[tuple[str, int]] = set()
        hits: list[LexiconHit] = []
        idiom = self._idiom_tokens(words)
        for i, word in enumerate(words):
            # the markers said from this word on, in rank order (longest first, as before the look-up)
            said = [
                m
                for n in self._lengths.get(word, ())
                if i + n <= len(words)
                for m in self._exact.get(tuple(words[i : i + n]), ())
            ]
            wild = self._wild_by_first.get(word, [])
            if self._prefixes and word.startswith(self._prefixes):
                wild = wild + self._prefix_first
            said += [(r, p) for r, p in wild if self._said_at(p, words, i)]
            for _, p in sorted(said, key=lambda m: m[0]) if len(said) > 1 else said:
                n = len(p.words)
                if any((p.category, j) in used or j in idiom for j in range(i, i + n)):
                    continue
                used.update((p.category, j) for j in range(i, i + n))
                hits.append(LexiconHit(p.phrase, p.category, p.weight, i, n, p.half_life_s, p.needs_clause))
        return hits

    @staticmethod
    def _said_at(p: _Pattern, words: list[str], i: int) -> bool:
        """Whether marker ``p`` (wildcards allowed) is said at ``words[i:]``."""
        n = len(p.words)
        return i + n <= len(words) and all(
            _word_matches(pw, w) for pw, w in zip(p.words, words[i : i + n], strict=True)
        )

    def settled_tokens(self, text: str) -> set[int]:
        """Token indices (:func:`tokens` of ``text``) of the sentences told as settled or happy: a sentence holding a
        word of pride or fondness (``frames.pride_words``, not negated in the two words before it: "not thrilled",
        "nobody is proud" are complaints), or "until"/"till" followed within a few words by a past-tense turning verb
        (``frames.past_turns``: "I was fuming until you rang back"). A grievance marker there tells of something
        resolved or praised, not of the customer's anger now."""
        pride, turns = self.frames.pride_words, self.frames.past_turns
        out: set[int] = set()
        start = 0
        for sentence in _SENTENCE.findall(text):
            words = tokens(sentence)
            fond = any(
                w in pride and not _SETTLED_NEGATORS & set(words[max(0, i - 2) : i]) for i, w in enumerate(words)
            )
            turned = any(
                w in _UNTIL and any(v in turns for v in words[i + 1 : i + 1 + _SETTLED_SPAN])
                for i, w in enumerate(words)
            )
            if fond or turned:
                out.update(range(start, start + len(words)))
            start += len(words)
        return out

    def without_clause(self, text: str, hit: LexiconHit) -> bool:
        """Whether ``hit`` (of ``text``) is a ``needs_clause`` marker ("how many times") followed, in its sentence,
        by a word that opens no clause (not of ``frames.clause_openers``, nor a contraction of one: "I've", "it's"):
        a question about a count, not a complaint about how often. Followed by nothing or a pause ("How many
        times?!", "lost count of how many times, honestly") it is the complaint."""
        if not hit.needs_clause:
            return False
        start = 0
        for sentence in _SENTENCE.findall(text):
            spans = list(_TOKEN.finditer(sentence.lower().translate(_APOSTROPHES)))
            end = hit.token_index - start + hit.n_tokens  # the word after the phrase, in this sentence
            if start <= hit.token_index < start + len(spans):
                if end >= len(spans) or sentence[spans[end - 1].end() : spans[end].start()].strip():
                    return False  # nothing follows, or a pause does ("how many times, honestly")
                return spans[end].group().split("'")[0] not in self.frames.clause_openers
            start += len(spans)
        return False

    def _idiom_tokens(self, words: list[str]) -> set[int]:
        """Indices of ``words`` inside a ``not_markers`` idiom."""
        out: set[int] = set()
        if not self._idioms:
            return out
        for i, word in enumerate(words):
            for idiom in self._idioms.get(word, ()):
                n = len(idiom)
                said = words[i : i + n]
                if len(said) == n and all(_word_matches(w, t) for w, t in zip(idiom, said, strict=True)):
                    out.update(range(i, i + n))
        return out


EXCLAIM_EXCEPT = frozenset(
    {
        "thank",
        "thanks",
        "cheers",
        "lovely",
        "perfect",
        "amazing",
        "wonderful",
        "fantastic",
        "brilliant",
        "great",
        "excellent",
        "hi",
        "hello",
        "hey",
        "bye",
        "goodbye",
        "morning",
        "afternoon",
        "evening",
        "yes",
        "yay",
        "wow",
        "congratulations",
        "ooh",
        "oooh",
        "hooray",
        "woohoo",
        "haha",
        "smashing",
        "marvellous",
        "superb",
        "gorgeous",
    }
)
"""Words that make an exclaimed sentence a pleasantry or delight ("Thanks so much!", "Hi there!", "Ooh, I'm
coming!", a happy customer's barge-in: quiet c568), not a raised complaint. (Sarcasm such as "Oh brilliant, another
week" is the [sarcasm] category's job; a bare "Oh, brilliant!" is no marker since session 44.)"""

_SENTENCE = re.compile(r"[^.!?]*[.!?]+|[^.!?]+$")


def sentences(text: str) -> list[str]:
    """``text`` split at sentence ends (runs of ``.``, ``!``, ``?``, kept with their sentence); an unfinished last
    sentence counts as one."""
    return _SENTENCE.findall(text)


def sentence_tokens(text: str) -> list[list[str]]:
    """:func:`sentences` of ``text``, each as its :func:`tokens`; a sentence without words is left out."""
    return [t for t in (tokens(s) for s in sentences(text)) if t]


def exclaims(text: str) -> bool:
    """Whether ``text`` has an exclaimed sentence (one ending in "!", from the transcriber's
    punctuation) without a word of :data:`EXCLAIM_EXCEPT`."""
    return any(s.rstrip().endswith("!") and not EXCLAIM_EXCEPT.intersection(tokens(s)) for s in _SENTENCE.findall(text))


ECHO_EXCEPT = frozenset(
    {
        "what",
        "when",
        "where",
        "who",
        "whom",
        "whose",
        "why",
        "how",
        "which",
        "is",
        "are",
        "am",
        "was",
        "were",
        "do",
        "does",
        "did",
        "can",
        "could",
        "will",
        "would",
        "shall",
        "may",
        "have",
        "has",
        "hello",
        "hi",
        "hey",
        "sorry",
        "pardon",
        "really",
        "yes",
        "yeah",
        "no",
        "ok",
        "okay",
        "right",
        "me",
        "you",
        "anyone",
        "anybody",
        "so",
        "and",
        "but",
        "or",
    }
)
"""First words that make a short question a request ("When?", "Is it?", "Hello?", "Sorry?"), not an
echo of what the agent just said."""
ECHO_MAX_WORDS = 3


def echoes(text: str) -> bool:
    """Whether ``text`` opens with a disbelieving echo: a question of at most :data:`ECHO_MAX_WORDS`
    words that repeats what the customer was just told ("Tomorrow?", "A charge?", "Ten pounds?"),
    not one opening with a word of :data:`ECHO_EXCEPT` ("what's" counts as "what")."""
    first = next(iter(_SENTENCE.findall(text)), "").rstrip()
    words = tokens(first)
    return first.endswith("?") and 0 < len(words) <= ECHO_MAX_WORDS and words[0].split("'")[0] not in ECHO_EXCEPT


PRESS_OPENERS = frozenset(
    {"is", "are", "am", "was", "were", "can", "could", "will", "would", "do", "does", "did", "have", "has", "should"}
)
"""First words of a yes-or-no question (after a word of :data:`PRESS_LEADS`) that :func:`presses` reads."""
PRESS_LEADS = frozenset({"so", "and", "then", "well", "now", "hello", "look", "right"})
"""Words that may come before such a question's first word ("So are you coming or not?", "Hello, are you ...")."""
PRESS_MIN_WORDS = 5
"""At least this many words in the question, "or not" with them ("Is it or not?" is too short to read)."""


def presses(text: str) -> bool:
    """Whether ``text`` has a yes-or-no question pressed with a closing "or not" ("Can you get them here today or
    not?", "So is it booked or not?", "Hello, are you checking or not?"): a sentence ending in "?" (the
    transcriber's punctuation) whose words end with "or not", that opens with a word of :data:`PRESS_OPENERS`
    (after any of :data:`PRESS_LEADS`), and holds no "whether" or "if" (a statement of doubt, "I don't know if
    it's covered or not", is none)."""
    for sentence in _SENTENCE.findall(text):
        if not sentence.rstrip().endswith("?"):
            continue
        words = tokens(sentence)
        while words and words[0] in PRESS_LEADS:
            words = words[1:]
        if (
            len(words) >= PRESS_MIN_WORDS
            and words[-2:] == ["or", "not"]
            and words[0] in PRESS_OPENERS
            and not {"whether", "if"} & set(words)
        ):
            return True
    return False


ECHO_TOLD_EXCEPT = frozenset(
    {
        "good",
        "morning",
        "afternoon",
        "evening",
        "bye",
        "goodbye",
        "thanks",
        "thank",
        "cheers",
        "fine",
        "lovely",
        "great",
    }
)
"""First words of a greeting, thanks or acceptance ("Morning.", "Fine.") that repeat the agent without disbelief."""
_ECHO_TOLD_FIRST_EXCEPT = ECHO_EXCEPT | ECHO_TOLD_EXCEPT  # first words that open no told echo, joined once
ECHO_TOLD_MAX_WORDS = 4
"""A told echo may be one word longer than a questioned one: what the customer was just told is often a noun
phrase with its article ("A couple of blocks. My husband's car wheel went into one"), and every word of it must
be the agent's."""


ECHO_ACCEPT = frozenset(
    {"okay", "ok", "fine", "right", "yes", "yeah", "yep", "sure", "alright", "lovely", "great", "perfect", "good"}
)
"""First words of a sentence that accepts what was just repeated ("Tonight. Okay, she'll come after school")."""


def echo_accepted(text: str) -> bool:
    """Whether a repeat of the agent's words opening ``text`` (:func:`echoes_told`) is no disbelief by what follows
    it: nothing yet (the repeat alone, "Tonight."), or a sentence opening with a word of :data:`ECHO_ACCEPT`. The
    disbelief goes on to object ("Next Friday. I need it tomorrow")."""
    sentences = _SENTENCE.findall(text)
    after = tokens(sentences[1]) if len(sentences) > 1 else []
    return not after or after[0] in ECHO_ACCEPT


def echoes_told(text: str, told: Collection[str]) -> bool:
    """Whether ``text`` opens with a repeat of what the customer was just told, whatever its punctuation:
    a first sentence of at most :data:`ECHO_TOLD_MAX_WORDS` words, not exclaimed ("The hot tub!" is delight),
    not opening with a word of :data:`ECHO_EXCEPT` or :data:`ECHO_TOLD_EXCEPT`, with a word of at least
    three letters, every word of it among ``told`` (the lower-case :func:`tokens` of the agent's latest
    words). The caller decides whether it is disbelief (a raised voice) or a confirmation."""
    first = next(iter(_SENTENCE.findall(text)), "").rstrip()
    words = tokens(first)
    return (
        0 < len(words) <= ECHO_TOLD_MAX_WORDS
        and not first.endswith("!")
        and words[0].split("'")[0] not in _ECHO_TOLD_FIRST_EXCEPT
        and any(len(w) >= 3 for w in words)
        and all(w in told for w in words)
    )


PLEASANT_OPENERS = frozenset(
    {
        "brilliant",
        "perfect",
        "wonderful",
        "lovely",
        "fantastic",
        "amazing",
        "excellent",
        "superb",
        "marvellous",
        "smashing",
        "awesome",
        "yay",
        "ooh",
    }
)
"""First words of a delighted sentence ("Perfect, that's what I need", "Ooh, there it is"); not "wow" or "great"
(disbelief, "Great, so ..." sarcasm)."""
PLEASANT_PHRASES = (
    ("love", "it"),
    ("loving", "it"),
    ("so", "happy"),
    ("really", "happy"),
    ("super", "happy"),
    ("so", "pleased"),
    ("really", "pleased"),
    ("delighted",),
    ("thrilled",),
    ("really", "helpful"),
    ("so", "helpful"),
    ("thank", "you", "so", "much"),
    ("made", "my", "day"),
    ("ha", "ha"),
    ("haha",),
)
"""Word sequences of delight, thanks or laughter anywhere in an utterance ("I absolutely love it")."""
_PLEASANT_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {
    w: tuple(p for p in PLEASANT_PHRASES if p[0] == w) for w in {p[0] for p in PLEASANT_PHRASES}
}
""":data:`PLEASANT_PHRASES` by their first word, in their order (:func:`pleasant` looks up each word once: E65,
session 54, cost)."""
NEGATORS = frozenset({"not", "never", "no", "isn't", "wasn't", "aren't", "don't", "didn't", "hardly", "hasn't"})
"""Negations that take a word of delight back ("not happy", "wasn't exactly delighted"): :func:`negated`."""
_DEGREE = frozenset(
    {"very", "so", "too", "that", "all", "at", "exactly", "particularly", "especially", "terribly", "overly"}
    | {"remotely", "entirely", "totally", "quite", "really", "super", "massively", "hugely"}
)
"""Degree words a negation may stand before a word of delight with ("not very excited", "not all that thrilled",
"wasn't exactly delighted"): :func:`_after` looks back across them."""
_DEGREE_SPAN = 3
"""How many degree words :func:`_after` looks back across ("not at all that excited")."""


def negated(words: list[str], i: int, negators: frozenset[str] = NEGATORS) -> bool:
    """Whether ``words[i]`` (tokens of one sentence) follows a word of ``negators`` (default :data:`NEGATORS`), right
    before it or across up to :data:`_DEGREE_SPAN` degree words ("not exactly great news", "no great news")."""
    return _after(words, i, negators)


def _after(words: list[str], i: int, before: frozenset[str]) -> bool:
    """Whether ``words[i]`` comes right after a word of ``before``, or after one with up to :data:`_DEGREE_SPAN`
    degree words (:data:`_DEGREE`) between ("not very excited": True for "excited" and the negators)."""
    j = i - 1
    while j >= 0 and words[j] not in before and words[j] in _DEGREE and i - 1 - j < _DEGREE_SPAN:
        j -= 1
    return j >= 0 and words[j] in before


DELIGHT_WORDS = frozenset(
    {
        "brilliant",
        "fantastic",
        "amazing",
        "wonderful",
        "awesome",
        "excellent",
        "superb",
        "marvellous",
        "fabulous",
        "legendary",
        "delighted",
        "thrilled",
        "chuffed",
        "excited",
        "loves",
    }
)
"""Words of delight or enthusiasm that count anywhere in an utterance, not only opening a sentence (a loud happy
caller's "Rowena, brilliant, a real person", "My mother loves ..."): over the customer finals of the analysed tuning
calls c01-c1029 none was in an angry turn's final (session 47, E51). Not "great", "perfect", "lovely", "best" or
"love" (sarcasm: "Oh lovely", "is that the best you can do", "I'd love to know why")."""
DELIGHT_PHRASES = (
    ("you're", "a", "star"),
    ("you're", "the", "best"),
    ("you're", "a", "legend"),
)
"""Word sequences of praise or eagerness that count anywhere, like :data:`DELIGHT_WORDS`."""


_CONTRAST = frozenset({"but", "except", "although", "though", "until", "till", "til", "however"})
"""Words after which a sentence turns against the delight before them ("the morning was wonderful, but straight
after ...", c910's complaint)."""


_NOT_DELIGHT_AFTER = NEGATORS | {"oh"}
"""Words after which a delight word is no delight: a negation ("not excited") or sarcasm ("Oh brilliant")."""


def delighted(text: str) -> bool:
    """Whether ``text`` reads as delight for the escalation fusion's delight evidence (``pleasant_damp``): it is
    :func:`pleasant`, or one of its sentences holds a word of :data:`DELIGHT_WORDS` or a phrase of
    :data:`DELIGHT_PHRASES`, not after a negation or "oh" (:data:`_NOT_DELIGHT_AFTER`, across degree words: "not very
    excited", :func:`_after`) and not followed in that sentence by a word of :data:`_CONTRAST`. Broader than
    :func:`pleasant`, which also decides whether an exclaimed sentence is a pleasantry; the caller must still not
    count it where the utterance has a marker."""
    if pleasant(text):
        return True
    for sentence in _SENTENCE.findall(text):
        words = tokens(sentence)
        for i, w in enumerate(words):
            if _after(words, i, _NOT_DELIGHT_AFTER) or _CONTRAST.intersection(words[i + 1 :]):
                continue
            if w in DELIGHT_WORDS or any(tuple(words[i : i + len(p)]) == p for p in DELIGHT_PHRASES):
                return True
    return False


def pleasant(text: str) -> bool:
    """Whether ``text`` sounds delighted: a sentence opening with a word of :data:`PLEASANT_OPENERS`, or a
    phrase of :data:`PLEASANT_PHRASES` not preceded by a negation in its sentence, across degree words ("not really
    happy", "not very thrilled" are not; "Not at all. Really happy with it." is; :func:`_after`).

    Counter-evidence for the escalation fusion (a lively, loud, happy customer is not upset); the caller
    must not count it when the utterance also has an escalation marker ("Oh brilliant, another week" is
    the [sarcasm] category's: "oh" is not an opener here)."""
    sentences = sentence_tokens(text)
    if any(s[:1] and s[0] in PLEASANT_OPENERS for s in sentences):
        return True
    words = [w for s in sentences for w in s]
    first = 0  # where the sentence of words[i] starts: a negation is looked for in it alone
    for sentence in sentences:
        for i in range(first, first + len(sentence)):
            phrases = _PLEASANT_BY_FIRST.get(words[i])  # only a phrase opening with this word can be said here
            if not phrases or _after(words[first : i + 1], i - first, NEGATORS):
                continue  # "Not at all. Really happy with it" is: "not ... all" ends the sentence before
            for phrase in phrases:
                if tuple(words[i : i + len(phrase)]) == phrase:
                    return True
        first += len(sentence)
    return False


@functools.lru_cache(maxsize=1)
def default_lexicon() -> EscalationLexicon:
    """The lexicon shipped in :data:`DEFAULT_LEXICON` (loaded once per process)."""
    return EscalationLexicon.from_toml(DEFAULT_LEXICON)


_UNTIL = frozenset({"until", "till", "til"})
_SETTLED_NEGATORS = NEGATORS | frozenset({"haven't", "won't", "can't", "couldn't", "wouldn't", "nobody", "nothing"})
_SETTLED_SPAN = 5
"""How many words after "until" the turning verb may come ("until the lady at your Leeds office rang")."""
