"""Phrase patterns: a small notation for families of phrasings, compiled to a fast token matcher.

The wording rules list *families* ("{we} {cant} do anything", "no need to (get|be) {upset}") rather
than sentences. Notation, words separated by spaces:

- ``word``: one token, folded and spelled like the transcript (:func:`fold` and :func:`normalise`: lower case,
  straight apostrophe, no accents, "cálmate" is "calmate", "cant" is "can't", "gonna" is "going to");
- ``(a|b c|)``: one of the alternatives, each itself a pattern (groups nest); an empty alternative
  makes the group optional;
- ``{name}``: one of the phrasings listed under ``name`` in the ``[slots]`` table (patterns too);
- ``*``: any one word;
- ``*!{name}``: any one word that is not one of the words listed under ``name`` in ``[slots]`` (a slot of single
  words; session 42, C12: an exception's free word that must not be a word the rule is about, "let the * breathe"
  but not "let the temper breathe");
- ``*'s``: any one word ending in "'s" (a noun with its "is" or its possessive run on: "the fee's",
  "compensation's", "that claim's").

Patterns are parsed once into small trees and matched on a sentence's tokens directly (no expansion
into every phrasing). :class:`PhraseSet` finds them and can tell whether a pattern could still cover
a match once more words follow (for matching committed prefixes of a turn).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_LATIN = f"{_LETTER}\u0300-\u036f"
"""Latin letters, accented or not ("cálmate", "tranquilícese", "ça", "spokój"), and the combining accents of a word
written decomposed ("ca\u0301lmate"): a word of a Latin alphabet is one token, whatever its accents (before session
33 "cálmate" was two, "c" and "lmate", and no rule saw it); :func:`fold` writes it plainly."""
WORD = re.compile(rf"[{_LETTER}0-9][{_LATIN}0-9]*(?:['\u2019][{_LATIN}]+)*")
WILDCARD = "*"
S_WILDCARD = "*'s"
"""Any one word ending in "'s" ("the fee's non-negotiable"), not "'s" alone."""
BUT_WILDCARD = "*!"
"""Before a ``{slot}``: any one word but the slot's words (``*!{calm_mind_only}``)."""
_SYNTAX = re.compile(r"\(|\)|\||\*!\{[A-Za-z_][A-Za-z0-9_]*\}|\{[A-Za-z_][A-Za-z0-9_]*\}|\*'s|\*|[^\s(){}|*]+")

Slots = Mapping[str, Sequence[str]]


class FrozenSlots(dict):
    """A ``[slots]`` table that does not change once made (each value a tuple of patterns): a loaded configuration's
    (:func:`coach.language.config.load_language_config`). :func:`compile_patterns` trusts its identity, where it
    compares a plain table with a copy at each ask (~150 asks a coach's start, ~5 us each, ~6 % of a wording
    line's time; session 57, T57). Its items are those it was made with: changing it in place raises TypeError
    (a changed table is a new one: ``{**slots, name: (...)}``)."""

    __slots__ = ()

    def __init__(self, *args: object, **kwargs: object) -> None:
        dict.__init__(self, *args, **kwargs)
        for name, value in self.items():
            if type(value) is not tuple:
                dict.__setitem__(self, name, tuple(value))

    def _unchanged(self, *_args: object, **_kwargs: object) -> None:
        raise TypeError("a FrozenSlots table does not change in place; make a new one")

    __setitem__ = __delitem__ = __ior__ = clear = pop = popitem = setdefault = update = _unchanged  # type: ignore

    def __reduce__(self) -> tuple[type, tuple[dict]]:
        """Copied and pickled as made (not item by item, which :meth:`_unchanged` refuses)."""
        return FrozenSlots, (dict(self),)


_UNACCENTED = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
"""Latin letters no decomposition takes apart, written plainly."""


def _plain(word: str) -> str:
    """``word`` (lower case) without its accents: decomposed (NFKD), combining marks dropped, the letters
    :data:`_UNACCENTED` holds written plainly ("cálmate" is "calmate", "beruhigen Sie" stays, "spokój" is
    "spokoj", "straße" is "strasse"; session 33, C3)."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_UNACCENTED)


def fold(word: str) -> str:
    """A token: lower case, straight apostrophe, no accents (:func:`_plain`): every rule sees plain letters, so
    an accented calm-down or goodbye ("cálmate", "tranquilícese", "adiós") matches its pattern written plainly."""
    word = word.lower().replace("\u2019", "'")
    return word if word.isascii() else _plain(word)


def word_tokens(text: str) -> tuple[str, ...]:
    """The tokens of plain ``text`` (no pattern syntax)."""
    return tuple(fold(w) for w in WORD.findall(text))


# Tolerant matching: the same spelling for what a recogniser (or a person) writes in several ways.
_APOSTROPHED = (
    "can't don't won't isn't aren't wasn't weren't doesn't didn't haven't hasn't hadn't couldn't wouldn't "
    "shouldn't mustn't i'm i've you're you've you'll we're we've they're they've that's there's what's "
    "it'll that'll"
)
_DROPPED_T = "aren't isn't doesn't didn't wasn't weren't couldn't wouldn't shouldn't"
_NUMBERS = "1st:first 2nd:second 3rd:third 4th:fourth 5th:fifth 6th:sixth 1:one 2:two 3:three 4:four 5:five 6:six"
_DIALECT = (
    "nae:no tae:to doon:down yersel:yourself yerself:yourself heid:head ye:you"
    # session 20 (L15): Scots negations and verbs ("we cannae dae that", "we dinnae take cards")
    " cannae:can't canna:can't dinnae:don't dinna:don't wouldnae:wouldn't couldnae:couldn't isnae:isn't"
    " willnae:won't wullnae:won't dae:do"
    # session 21, second round (L16): Yorkshire "thysen" / "thysel" ("calm thysen down", list R)
    " thysen:yourself thysel:yourself thyself:yourself"
    # session 46 (C16): Shetland "dunna" (don't) and "dysel" (yourself), Cumbrian "thissel" ("Dunna fash dysel",
    # "Settle thissel, marra": list AQ, in sample)
    " dunna:don't dysel:yourself thissel:yourself"
    # session 24, second round (L19): Scots "haud" ("haud yer horses", "haud on")
    " haud:hold"
    # ... and a dropped "g" written with its apostrophe ("don't go gettin' all het up", list U)
    " gettin:getting bein:being goin:going"
    # session 25, second round (L20): Geordie "divvent" / "divvn't" (don't) and "aal" (all), Yorkshire "thissen"
    # (yourself): "divvent be gettin' aal worked up", "simmer thissen down" (list V)
    " divvent:don't divvint:don't divn't:don't divvn't:don't aal:all thissen:yourself thisen:yourself"
    # session 26, second round (L21): Bajan "doan" (don't) and "yuhself" (yourself), Shetland "peerie" (little): "doan
    # get on so, settle yuhself", "a peerie bit calmer" (list W)
    " doan:don't yuhself:yourself peerie:little"
    # session 27, second round (L22): Caribbean "cyah" / "cyaan" (can't), a dropped "g" on "nothing" and Northern
    # "nowt" (nothing): "I cyah do nothing for you", "ain't nothin' we can do", "it's nowt to do with us" (list X)
    " cyah:can't cyaan:can't nothin:nothing nuthin:nothing nowt:nothing"
    # session 36 (C6): the dropped "g" on the verbs of the temper idioms (slot calm_fit: "no sense pitchin' a fit",
    # "havin' a conniption", "don't be throwin' a wobbly"), none of them an English word without it
    " havin:having pitchin:pitching throwin:throwing chuckin:chucking blowin:blowing flyin:flying losin:losing"
    " kickin:kicking makin:making spittin:spitting workin:working windin:winding takin:taking bitin:biting"
    " flippin:flipping freakin:freaking carryin:carrying stormin:storming rantin:ranting"
    " ravin:raving fumin:fuming seethin:seething huffin:huffing stressin:stressing"
    # session 41 (C11): ... and of the noise a customer is told to stop ("belay that bellowin", list AL); not the ones
    # the shout slot writes dropped ("hollerin", "shoutin", "yellin": the slot keeps them apart from "shouting at us")
    " bellowin:bellowing screechin:screeching wailin:wailing cursin:cursing"
    # session 42 (L41), round two (list AM, AK: in sample): the second person of Pittsburgh ("yinz"), Barbados
    # ("wunna") and the archaic registers ("thou", "thee", "thy", "thine"): "that's on yinz", "that's thy own lookout",
    # "wunna should've read de email"; none of them an English word of its own
    " yinz:you wunna:you thou:you thee:you thy:your thine:your"
    # session 46 (L45), round two (lists Z, AP, AQ: in sample): Scots "oor" (our: "that's no oor problem", "it's no oor
    # fault") and Northern "thi" (your: "that's thi own fault"); neither an English word of its own
    " oor:our thi:your"
    # session 47 (L46), round two (list AR, in sample): Black Country "yow" (you: "yow shoulda kept the receipt") and
    # the Scots "ye" with its contractions ("ye'll need tae phone the council"); none an English word of its own
    " yow:you ye'll:you'll ye've:you've ye're:you're ye'd:you'd"
    # ... and round three: Scots "jist" and the common "yer" for your ("ye cannae get yer money back on sale stuff,
    # that's jist the way it is"); of the 36 list lines holding "yer" (29 calm-downs) only that one reads differently
    " jist:just yer:your"
    # session 48 (L47), round two (list AS, in sample): chat shorthand "u" for you, said or typed ("sorry cant help u
    # with that u need to contact the seller"); the other lines holding "u" alone are lists AM-AP's chat lines and
    # customers spelling codes in c118, c144, c173 ("G H U", "D U B")
    " u:you"
    # session 53 (L52, issue 9): Caribbean and West African "dat" (that) and Trinidad "doh" (don't): "dat no our kine",
    # "doh vex" (list AW, in sample)
    " dat:that doh:don't"
    # ... and Jamaican "mi" (I), "yuh" (you), "wid" (with): "mi cyaan help yuh wid dat" (list AW, in sample)
    " mi:i yuh:you wid:with"
    # session 54 (L53, issue 9): the written short form "dept" ("sorry cant help w that its not our dept", list AX, in
    # sample); no English word of its own
    " dept:department depts:departments"
)
_SPELLINGS: dict[str, str | tuple[str, ...]] = {
    **{w.replace("'", ""): w for w in _APOSTROPHED.split()},
    **dict(pair.split(":") for pair in (*_NUMBERS.split(), "7:seven", "8:eight", "9:nine", "10:ten")),
    "gonna": ("going", "to"),
    "wanna": ("want", "to"),
    "gotta": ("got", "to"),
    # session 47 (L46), round two (list AR, in sample): "yow shoulda kept the receipt"
    "shoulda": ("should", "have"),
    "ok": "okay",
    # session 14 (W7): Scots and Irish spellings the recogniser writes as heard ("nae need tae be shouting",
    # "calm yersel doon", "keep the heid"), and "calm down" run together as one word
    **dict(pair.split(":") for pair in _DIALECT.split()),
    "calmdown": ("calm", "down"),
    # session 46 (L45), round two (list AQ, in sample): Cornish "tidn't" (it isn't: "tidn't our fault, my lover")
    "tidn't": ("it", "isn't"),
    "tidnt": ("it", "isn't"),
    # session 53 (L52, issue 9): the archaic "'tis" / "'twas" (it is / it was: "'tis not within my power to grant thee a
    # refund", list AW), neither an English word of its own once its apostrophe is gone
    "tis": ("it", "is"),
    "twas": ("it", "was"),
    # a negation whose "t" the recogniser dropped ("rentals aren part of your plan"): no English word of its own
    **{w[:-2]: w for w in _DROPPED_T.split()},
}
_STRETCHED = re.compile(r"([a-z])\1{2,}")
"""A letter written three times or more in a row: a word drawn out ("relaaax", "sooo upset", "chiiill")."""


def _unstretch(tok: str) -> str:
    """``tok`` with each letter written three times or more in a row written once ("relaaax" is "relax",
    "sooo" is "so"; session 23, L18: list T's "Relaaax, bro"); a token that is one letter repeated ("aaa",
    "www", "zzz") is left as it is. No English word has a letter three times in a row."""
    if not _STRETCHED.search(tok) or len(set(tok)) == 1:
        return tok
    return _STRETCHED.sub(r"\1", tok)


DISFLUENCIES = frozenset({"um", "umm", "uh", "uhh", "uhm", "er", "erm", "hmm", "mm", "ah"})
"""Hesitations dropped before matching ("I, um, can't" is "I can't")."""
_SPLIT_SELF = frozenset({"your", "you", "you're", "yo", "ya", "yer", "ur"})
"""Words that, before "self" / "selves", are "yourself" / "yourselves" written in two ("pull your self together",
"compose you self"; session 30, L29): :func:`normalise` joins them, so every "yourself" pattern reads both."""
_DOWN_AS_HEARD = ("dine", "dun", "daan", "dahn", "doun", "dyne", "dwn")
""""Down" after "calm" as a drawl, an accent or the recogniser writes it ("calm dine please", "calm dun sir", "calm
daan"; session 41, C11: lists M, N and O's misses), and as texted ("calm dwn"; session 43, C13: list AN): none of them
follows "calm" in a sentence of its own."""
_PAIRS = {("no", "needs"): "need", **{("calm", w): "down" for w in _DOWN_AS_HEARD}}
"""A word that, after the word before it, is spelled as this ("there's no needs to shout": "no need"; "calm dine":
"calm down", :data:`_DOWN_AS_HEARD`)."""
BYE_SOUNDS = frozenset({"bye", "by", "buy"})
"""Words that sound as "bye": two of them in a row are "bye bye" however the recogniser wrote them ("that's you down
for Wednesday, bye bye now" heard "... by by now", c650; "buy, buy", "bye by"), which counts once, as "bye" (session
30, L29). No English sentence says "by by" or "buy buy"; a lone "by" stays "by" ("we'll have it done by now")."""


PHRASES_FILE = "phrases.toml"
"""The packaged phrase tables (``coach/language/phrases.toml``): this module reads its ``[slots]`` ``soothed_twice``."""


def checked_word_set(values: object, where: str) -> frozenset[str]:
    """``values``, a list read from a word-list file, as a set of words; raises ValueError naming ``where`` (the
    file, table and key) and the entry when it is not a non-empty list of lower-case single words (as the tokens
    are), or repeats one."""
    if not isinstance(values, list) or not values:
        raise ValueError(f"{where}: expected a non-empty list of lower-case words, got {values!r}")
    for value in values:
        if not isinstance(value, str) or not value or value != value.strip().lower() or " " in value:
            raise ValueError(f"{where}: {value!r} is not a lower-case single word")
    if len(set(values)) != len(values):
        raise ValueError(f"{where}: {sorted(v for v in set(values) if values.count(v) > 1)} repeated")
    return frozenset(values)


def packaged_word_list(table: str, key: str, text: str | None = None) -> frozenset[str]:
    """The packaged ``phrases.toml``'s ``[table]`` list ``key`` (or that of the TOML ``text``) as a set of words,
    checked by :func:`checked_word_set`."""
    if text is None:
        text = resources.files("coach.language").joinpath(PHRASES_FILE).read_text("utf-8")
    return checked_word_set(tomllib.loads(text).get(table, {}).get(key), f"{PHRASES_FILE} [{table}] {key}")


SOOTHED_TWICE = packaged_word_list("slots", "soothed_twice")
"""Soothing words whose repeat :func:`normalise` keeps ("easy, easy", "pole pole"): see ``phrases.toml`` [slots]
``soothed_twice`` (session 37, C7; moved there in session 39, R3)."""


def normalise(toks: Sequence[str], *, drop_disfluencies: bool = True) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """``toks`` (folded) spelled one way for matching, and for each result token the index of the
    input token it comes from: contractions without their apostrophe ("cant", "thats") get it back,
    "gonna" is "going to", "ok" is "okay", small numbers and ordinals are words ("3rd" is "third"), a
    drawn-out word is written plainly ("relaaax" is "relax", :func:`_unstretch`),
    hesitations ("um", "er") are dropped and a word or a short phrase said twice in a row ("I I
    can't", "we don't, we don't do that") counts once (not a soothing word of :data:`SOOTHED_TWICE`: "easy,
    easy"); two :data:`BYE_SOUNDS` in a row ("by by") are "bye",
    "your self" is "yourself" (:data:`_SPLIT_SELF`) and "no needs" is "no need" (:data:`_PAIRS`)."""
    out: list[str] = []
    index: list[int] = []
    for i, raw in enumerate(toks):
        tok = _unstretch(raw)  # "ummm" is "um"
        if drop_disfluencies and tok in DISFLUENCIES:
            continue
        spelled = _SPELLINGS.get(tok, tok)
        for part in (spelled,) if isinstance(spelled, str) else spelled:
            if out and part in ("self", "selves") and out[-1] in _SPLIT_SELF and index[-1] != i:
                out[-1] = "yourself" if part == "self" else "yourselves"  # "your self" (_SPLIT_SELF)
                continue
            part = _PAIRS.get((out[-1], part), part) if out else part
            if out and part in BYE_SOUNDS and out[-1] in BYE_SOUNDS and index[-1] != i:
                out[-1] = "bye"  # "by by", "buy bye": "bye bye" as heard (BYE_SOUNDS)
                continue
            if out and out[-1] == part and index[-1] != i and part not in SOOTHED_TWICE:
                continue  # a word said twice in a row
            out.append(part)
            index.append(i)
    for n in (3, 2):  # a phrase said twice in a row ("we don't, we don't do that")
        i = 0
        while i + 2 * n <= len(out):
            if out[i : i + n] == out[i + n : i + 2 * n]:
                del out[i + n : i + 2 * n], index[i + n : i + 2 * n]
            else:
                i += 1
    return tuple(out), tuple(index)


class PatternError(ValueError):
    """A phrase pattern that cannot be parsed."""


@dataclass(frozen=True, slots=True)
class _Node:
    """A parsed pattern: ``op`` is "word" (``token``), "any" (one word), "any_s" (one word ending in
    "'s"), "any_but" (one word not in ``but``), "seq" or "alt" (``parts``)."""

    op: str
    token: str = ""
    parts: tuple[_Node, ...] = ()
    first: frozenset[str] = frozenset()
    gated: bool = False
    but: frozenset[str] = frozenset()
    opens: bool = True
    """Annotated (:func:`_gated`): a match may take a word (one or more; its walk started where the tokens have run out
    gives :data:`OPEN`)."""
    empty: bool = False
    """Annotated (:func:`_gated`): a match may be of no word (its walk started where the tokens have run out gives
    that position)."""

    def cannot_start(self, token: str) -> bool:
        """True when no match of this node starts at a word ``token`` (its first word must be one of
        ``first``; only for a node that is not optional and cannot start with any word, ``gated``)."""
        return self.gated and token not in self.first


OPEN = -1
"""An end position meaning: the tokens ran out part-way through the pattern (more words may match)."""


@lru_cache(maxsize=8192)
def _pattern_words(part: str) -> tuple[_Node, ...]:
    """The word nodes of a pattern's plain-word ``part`` (its tokens, normalised as text is), made once per part
    (a configuration's patterns hold ~70,000 word parts, a few thousand distinct: session 47, T6)."""
    return tuple(_Node("word", token=t) for t in normalise(word_tokens(part), drop_disfluencies=False)[0])


class _Parser:
    def __init__(
        self, pattern: str, slots: Slots, seen: tuple[str, ...], parsed: dict[str, _Node] | None = None
    ) -> None:
        """``parsed``: slots already parsed from the same ``slots`` table, by name, to be reused and added to (one
        tree per slot for a whole list of patterns; ``None``: each use of a slot is parsed again)."""
        self.pattern = pattern
        self.parts = _SYNTAX.findall(pattern)
        self.pos = 0
        self.slots = slots
        self.seen = seen
        self.parsed = parsed

    def fail(self, why: str) -> PatternError:
        return PatternError(f"phrase pattern {self.pattern!r}: {why}")

    def whole(self) -> _Node:
        if "".join(self.parts) != re.sub(r"\s", "", self.pattern):
            raise self.fail("stray '{' or '}' (a slot is {name})")
        node = self.alternatives()
        if self.pos != len(self.parts):
            raise self.fail(f"unexpected {self.parts[self.pos]!r}")
        return node

    def alternatives(self) -> _Node:
        options = [self.sequence()]
        while self.pos < len(self.parts) and self.parts[self.pos] == "|":
            self.pos += 1
            options.append(self.sequence())
        return options[0] if len(options) == 1 else _Node("alt", parts=tuple(options))

    def sequence(self) -> _Node:
        items: list[_Node] = []
        while self.pos < len(self.parts) and self.parts[self.pos] not in ("|", ")"):
            for node in self.item():
                if not (node.op == "word" and items and items[-1] == node):  # text counts "bye bye" once
                    items.append(node)
        return items[0] if len(items) == 1 else _Node("seq", parts=tuple(items))

    def item(self) -> list[_Node]:
        part = self.parts[self.pos]
        self.pos += 1
        if part == "(":
            group = self.alternatives()
            if self.pos >= len(self.parts) or self.parts[self.pos] != ")":
                raise self.fail("unclosed '('")
            self.pos += 1
            return [group]
        if part == WILDCARD:
            return [_Node("any")]
        if part == S_WILDCARD:
            return [_Node("any_s")]
        if part.startswith(BUT_WILDCARD):
            return [_Node("any_but", but=self.words(part[len(BUT_WILDCARD) + 1 : -1]))]
        if part.startswith("{"):
            return [self.slot(part[1:-1])]
        words = _pattern_words(part)
        if not words:
            raise self.fail(f"{part!r} is not a word")
        return list(words)

    def slot(self, name: str) -> _Node:
        if name not in self.slots:
            raise self.fail(f"unknown slot {{{name}}}")
        if name in self.seen:
            raise self.fail(f"slot {{{name}}} refers to itself")
        if self.parsed is not None and name in self.parsed:
            # parsed whole before, so no slot it reaches reaches it again: it parses alike under any ``seen``
            return self.parsed[name]
        seen = (*self.seen, name)
        options = tuple(_Parser(alt, self.slots, seen, self.parsed).whole() for alt in self.slots[name])
        node = _Node("alt", parts=options)
        if self.parsed is not None:
            self.parsed[name] = node
        return node

    def words(self, name: str, seen: tuple[str, ...] = ()) -> frozenset[str]:
        """The words of slot ``name`` for ``*!{name}``: each entry is one plain word or another such slot
        (``"{calm_mind_only}"``)."""
        if name not in self.slots:
            raise self.fail(f"unknown slot {{{name}}}")
        if name in seen:
            raise self.fail(f"slot {{{name}}} refers to itself")
        out: set[str] = set()
        for entry in self.slots[name]:
            if re.fullmatch(r"\{[A-Za-z_][A-Za-z0-9_]*\}", entry):
                out |= self.words(entry[1:-1], (*seen, name))
                continue
            toks = normalise(word_tokens(entry), drop_disfluencies=False)[0]
            if len(toks) != 1 or _SYNTAX.findall(entry) != [entry]:
                raise self.fail(f"*!{{{name}}} needs a slot of single words, not {entry!r}")
            out.add(toks[0])
        return frozenset(out)


def _ends(node: _Node, toks: Sequence[str], i: int) -> set[int]:
    """Token positions where ``node`` can end when started at ``i`` (:data:`OPEN`: ran out of tokens).
    A part that cannot start with the word it would start at (:meth:`_Node.cannot_start`) is skipped
    unvisited, and a word is matched in place (the same results as visiting every part, fewer calls)."""
    if i == OPEN:
        return {OPEN}
    n = len(toks)
    if node.op in ("word", "any", "any_s", "any_but"):
        if i >= n:
            return {OPEN}
        if node.op == "any_but":
            return {i + 1} if toks[i] not in node.but else set()
        return {i + 1} if node.op == "any" or toks[i] == node.token or _run_on_s(node, toks[i]) else set()
    if i < n and node.cannot_start(toks[i]):
        return set()
    if node.op == "alt":
        out: set[int] = set()
        for part in node.parts:
            out |= _ends(part, toks, i)
        return out
    positions = {i}
    for part in node.parts:
        reached: set[int] = set()
        for p in positions:
            if p == OPEN or p >= n:
                reached |= _ends(part, toks, p)
            elif part.op == "word":
                if toks[p] == part.token:
                    reached.add(p + 1)
            elif not part.cannot_start(toks[p]):
                reached |= _ends(part, toks, p)
        positions = reached
        if not positions:
            break
    return positions


def _gated(node: _Node, done: dict[int, tuple[_Node, _Reach, _Node]] | None = None) -> tuple[_Node, _Reach]:
    """``node`` with every node in it annotated with the words it can start with (``first``, ``gated``), and its
    :func:`_reach`, both built from the parts' once (each subtree visited once: recomputing the reach of every
    subtree at every level above it was most of a process's start, session 47, T6). ``done``: subtrees already
    annotated, by the object (a slot's tree shared by the patterns of one list, see :class:`_Parser`)."""
    if node.op == "word":
        return _gated_word(node.token)
    if done is None:
        done = {}
    key = id(node)
    found = done.get(key)
    if found is not None and found[2] is node:
        return found[0], found[1]
    annotated = [_gated(p, done) for p in node.parts]
    parts = tuple(p for p, _ in annotated)
    reach = _combined_reach(node.op, node.token, [r for _, r in annotated])
    gated = _Node(
        node.op,
        node.token,
        parts,
        reach.first,
        not reach.any_first and not reach.empty,
        node.but,
        reach.one or reach.more,
        reach.empty,
    )
    done[key] = (gated, reach, node)  # holding ``node``: its id is not reused while ``done`` lives
    return gated, reach


@lru_cache(maxsize=8192)
def _gated_word(token: str) -> tuple[_Node, _Reach]:
    """:func:`_gated` of the word ``token``'s node, made once per word."""
    reach = _combined_reach("word", token, [])
    return _Node("word", token, (), reach.first, not reach.any_first and not reach.empty), reach


def _run_on_s(node: _Node, token: str) -> bool:
    """``token`` is a word with "'s" run on and ``node`` is ``*'s``."""
    return node.op == "any_s" and len(token) > 2 and token.endswith("'s")


_Ends = Callable[[Sequence[str], int, int], Set[int]]
"""A node compiled (:func:`_matcher`): ``f(toks, i, len(toks))`` is ``_ends(node, toks, i)`` (not to be changed)."""
_NONE: frozenset[int] = frozenset()
_OPEN_ONLY = frozenset({OPEN})
_AT = tuple(frozenset({k}) for k in range(256))
"""``{k}`` for small token positions, shared (the compiled matcher's sets are read-only)."""


def _at(k: int) -> frozenset[int]:
    return _AT[k] if k < len(_AT) else frozenset({k})


def _rest_at_end(parts: tuple[_Node, ...]) -> list[tuple[bool, bool]]:
    """For each part of a sequence, what it and the parts after it give where the tokens have run out (``opens``:
    :data:`OPEN`, one of them may take a word; ``empty``: the position itself, all of them may match none): the walk
    of the sequence that reaches the end of the tokens before part ``k`` answers ``_rest_at_end(parts)[k]``. An
    :data:`OPEN` carries on through every part after it, a position at the end goes on only through parts that may
    match no word."""
    out: list[tuple[bool, bool]] = []
    opens, empty = False, True  # no part: the position itself
    for part in reversed(parts):
        opens, empty = part.opens or (part.empty and opens), part.empty and empty
        out.append((opens, empty))
    return out[::-1]


def _end_set(opens: bool, empty: bool, i: int) -> Set[int]:
    """A node's ends when started at ``i``, where the tokens have run out (:attr:`_Node.opens`, :attr:`_Node.empty`:
    :data:`OPEN` if it may take a word, ``i`` if it may match none; every node does one or both)."""
    if not empty:
        return _OPEN_ONLY
    return frozenset({OPEN, i}) if opens else _at(i)


def _matcher(node: _Node, done: dict[int, tuple[_Ends, _Node]] | None = None) -> _Ends:
    """``node`` (annotated by :func:`_gated`) as a function giving the same ends as :func:`_ends`, faster:
    the node's kind is decided once here rather than at every call, an alternative tries only the parts
    that may start with the word at hand (looked up by word), and a sequence from one position calls
    its parts directly (session 31, T2: the wording tests spent 63 % of their time in :func:`_ends`), and a node
    started where the tokens have run out answers from its annotations (:attr:`_Node.opens`, :attr:`_Node.empty`)
    without walking its parts (session 54, M1: a committed prefix's walks mostly run out in a slot's alternatives).
    ``done``: functions already built, by the subtree object (a slot's tree shared by many patterns is built
    once; the functions keep nothing between calls)."""
    if done is None:
        done = {}
    found = done.get(id(node))
    if found is not None and found[1] is node:
        return found[0]
    f = _built_matcher(node, done)
    done[id(node)] = (f, node)  # holding ``node``: its id is not reused while ``done`` lives
    return f


def _built_matcher(node: _Node, done: dict[int, tuple[_Ends, _Node]]) -> _Ends:
    """:func:`_matcher` of ``node``, built (its parts' through ``done``)."""
    if node.op == "word":
        return _word_matcher(node.token)
    if node.op == "any_but":
        but = node.but

        def any_but(toks: Sequence[str], i: int, n: int) -> Set[int]:
            if i == OPEN or i >= n:
                return _OPEN_ONLY
            return _NONE if toks[i] in but else _at(i + 1)

        return any_but
    if node.op in ("any", "any_s"):
        every = node.op == "any"
        token = node.token

        def wild(toks: Sequence[str], i: int, n: int) -> Set[int]:
            if i == OPEN or i >= n:
                return _OPEN_ONLY
            t = toks[i]
            return _at(i + 1) if every or t == token or (len(t) > 2 and t.endswith("'s")) else _NONE

        return wild
    return _alt_matcher(node, done) if node.op == "alt" else _seq_matcher(node, done)


@lru_cache(maxsize=8192)
def _word_matcher(token: str) -> _Ends:
    """:func:`_matcher` of the word ``token``'s node, made once per word."""

    def word(toks: Sequence[str], i: int, n: int) -> Set[int]:
        if i == OPEN or i >= n:
            return _OPEN_ONLY
        return _at(i + 1) if toks[i] == token else _NONE

    return word


def _alt_matcher(node: _Node, done: dict[int, tuple[_Ends, _Node]]) -> _Ends:
    gated, first = node.gated, node.first
    parts = tuple(_matcher(p, done) for p in node.parts)
    always = tuple(f for p, f in zip(node.parts, parts, strict=True) if p.op != "word" and not p.gated)
    by_word: dict[str, list[_Ends]] = {}
    for p, f in zip(node.parts, parts, strict=True):
        for token in (p.token,) if p.op == "word" else p.first if p.gated else ():
            by_word.setdefault(token, []).append(f)
    tried = {token: (*fs, *always) for token, fs in by_word.items()}
    opens, empty = node.opens, node.empty

    def alt(toks: Sequence[str], i: int, n: int) -> Set[int]:
        if i == OPEN:
            return _OPEN_ONLY
        if i >= n:
            return _end_set(opens, empty, i)  # what its parts would give there (session 54, M1)
        if gated and toks[i] not in first:
            return _NONE
        fs = tried.get(toks[i], always)
        out: Set[int] = _NONE
        for f in fs:
            found = f(toks, i, n)
            if found:
                out = found if not out else out | found
        return out

    return alt


def _seq_matcher(node: _Node, done: dict[int, tuple[_Ends, _Node]]) -> _Ends:
    gated, first = node.gated, node.first
    rest = _rest_at_end(node.parts)
    steps = tuple(
        (p.op == "word", p.token, p.gated, p.first, _matcher(p, done), *rest[k]) for k, p in enumerate(node.parts)
    )
    opens, empty = node.opens, node.empty

    def seq(toks: Sequence[str], i: int, n: int) -> Set[int]:
        if i == OPEN:
            return _OPEN_ONLY
        if i >= n:
            return _end_set(opens, empty, i)  # what its parts would give there (session 54, M1)
        if gated and toks[i] not in first:
            return _NONE
        positions: Set[int] = _at(i)
        for is_word, token, part_gated, part_first, f, rest_opens, rest_empty in steps:
            if len(positions) == 1:
                [p] = positions
                if p == OPEN:
                    return _OPEN_ONLY  # every part after gives OPEN for OPEN
                if p >= n:
                    return _end_set(rest_opens, rest_empty, p)  # this part and the rest where the tokens ran out
                if is_word:
                    positions = _at(p + 1) if toks[p] == token else _NONE
                elif part_gated and toks[p] not in part_first:
                    positions = _NONE
                else:
                    positions = f(toks, p, n)
            else:
                reached: set[int] = set()
                for p in positions:
                    if p == OPEN or p >= n:
                        reached |= f(toks, p, n)
                    elif is_word:
                        if toks[p] == token:
                            reached.add(p + 1)
                    elif not (part_gated and toks[p] not in part_first):
                        reached |= f(toks, p, n)
                positions = reached
            if not positions:
                break
        return positions

    return seq


@dataclass(frozen=True, slots=True)
class _Compiled:
    source: str
    node: _Node
    first: frozenset[str]
    any_first: bool
    ends: _Ends = field(compare=False, repr=False)
    second: frozenset[str] | None = field(default=None, compare=False, repr=False)
    """The words a match of two words or more, or a walk that read two, may have second (:func:`_second_words`);
    ``None``: any word, or the pattern may match one word alone."""


@dataclass(frozen=True, slots=True)
class _Reach:
    """What :func:`_reach` knows of a node's matches: the words they may have first and second (``any_*``: any word
    may be), and whether a match may be of no word, of one, of two or more. The one source of a node's first words
    and of whether it may match no word (:func:`_gated`, :func:`_compile`), as of its second words
    (:func:`_second_words`)."""

    first: frozenset[str]
    any_first: bool
    second: frozenset[str]
    any_second: bool
    empty: bool
    one: bool
    more: bool


_ANYTHING = _Reach(frozenset(), True, frozenset(), True, True, True, True)
"""The reach of a node of a kind :func:`_reach` does not know: any words, any length (so never a reason to skip)."""


def _reach(node: _Node) -> _Reach:
    """:class:`_Reach` of ``node``, from its parts: a sequence follows how many words its parts may have taken so far
    (none, one, two or more) into the part that may take the second."""
    return _combined_reach(node.op, node.token, [_reach(p) for p in node.parts])


def _combined_reach(op: str, token: str, parts: list[_Reach]) -> _Reach:
    """:func:`_reach` of a node of kind ``op`` (``token``: a word's) whose parts' reaches are ``parts``."""
    if op == "word":
        return _Reach(frozenset({token}), False, frozenset(), False, False, True, False)
    if op in ("any", "any_s", "any_but"):
        return _Reach(frozenset(), True, frozenset(), False, False, True, False)
    if op not in ("alt", "seq"):
        return _ANYTHING
    if op == "alt":
        return _Reach(
            frozenset().union(*(r.first for r in parts)),
            any(r.any_first for r in parts),
            frozenset().union(*(r.second for r in parts)),
            any(r.any_second for r in parts),
            any(r.empty for r in parts),
            any(r.one for r in parts),
            any(r.more for r in parts),
        )
    first: set[str] = set()
    second: set[str] = set()
    any_first = any_second = False
    taken = {0}  # how many words the parts so far may have taken (2: two or more)
    for r in parts:
        after = set()
        if 0 in taken:
            first |= r.first
            second |= r.second
            any_first, any_second = any_first or r.any_first, any_second or r.any_second
            after |= {k for k, may in ((0, r.empty), (1, r.one), (2, r.more)) if may}
        if 1 in taken:
            second |= r.first
            any_second = any_second or r.any_first
            after |= {k for k, may in ((1, r.empty), (2, r.one or r.more)) if may}
        if 2 in taken:
            after.add(2)
        taken = after
    return _Reach(frozenset(first), any_first, frozenset(second), any_second, 0 in taken, 1 in taken, 2 in taken)


def _second_words(node: _Node) -> frozenset[str] | None:
    """The words a match of ``node`` of two words or more has second, and so the word a walk of it that read past
    its first word read second (the rest of a walk can always be matched); ``None`` when any word may be, or a
    match of one word is possible (a start followed by any word may then match). :meth:`PhraseSet._walk` does not
    try the pattern at a start whose next word is not one of these (session 45, T4)."""
    return _second_of(_reach(node))


def _second_of(r: _Reach) -> frozenset[str] | None:
    """:func:`_second_words` of a node whose reach is ``r``."""
    return None if r.any_second or r.one else r.second


_Walked = tuple[tuple[tuple[int, int, str], ...], tuple[tuple[int, int, int], ...], frozenset[tuple[int, int]]]
"""What :meth:`PhraseSet._walk` found in a token sequence: :meth:`PhraseSet.find`'s answer, the same occurrences as
``(start, pattern's index, end)``, and the ``(start, pattern's index)`` walks with an open end."""


@dataclass(frozen=True, slots=True)
class PhraseSet:
    """Compiled patterns, in configured order."""

    patterns: tuple[_Compiled, ...]
    _numbered: dict[str, tuple[tuple[int, _Compiled], ...]] = field(default_factory=dict, compare=False, repr=False)
    """Per word a pattern may start at (one of some pattern's ``first``): :meth:`numbered`'s answer, built once when
    the set is made (session 45, T4: built per word asked, by trying every pattern, it was a quarter of a wording
    line's matching time; most words a set is asked about are new to it)."""
    _anywhere: tuple[tuple[int, _Compiled], ...] = field(default=(), compare=False, repr=False)
    """The patterns that may start at any word (``any_first``), numbered: :meth:`numbered`'s answer for other words."""
    _found: dict[tuple[str, ...], _Walked] = field(default_factory=dict, compare=False, repr=False)
    _recent: list[tuple[str, ...]] = field(default_factory=list, compare=False, repr=False)
    """The last :data:`_RECENT` token sequences :meth:`_walk` walked, the latest last."""
    _open: dict[tuple[str, ...], tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)
    """Per token sequence: how far :meth:`could_cover` has looked for a start with an open end, and the first
    one found (the sequence's length: none yet)."""

    def __post_init__(self) -> None:
        """Index the patterns by the words they may start at (:attr:`_numbered`)."""
        anywhere: list[tuple[int, _Compiled]] = []
        by_word: dict[str, list[tuple[int, _Compiled]]] = {}
        for i, p in enumerate(self.patterns):  # in configured order: each word's list stays in it
            if p.any_first:
                anywhere.append((i, p))
                for found in by_word.values():
                    found.append((i, p))
            else:
                for t in p.first:
                    by_word.setdefault(t, list(anywhere)).append((i, p))
        for t, found in by_word.items():
            self._numbered[t] = tuple(found)
        object.__setattr__(self, "_anywhere", tuple(anywhere))

    def find(self, toks: Sequence[str]) -> list[tuple[int, int, str]]:
        """Every non-empty occurrence as ``(start, end, pattern)`` token ranges, ``end`` exclusive
        (every end a pattern can reach from a start: "(a|a b)" gives two). Remembered per ``toks`` (the
        rules ask again of the same sentence: each refusal family with the exceptions, each committed
        prefix of a turn of its finished sentences); ``toks`` that extend a remembered sequence by a few
        words are walked again only where they may differ (:meth:`_walk`)."""
        return list(self._walked(toks)[0])

    def find_numbered(self, toks: Sequence[str]) -> tuple[tuple[int, int, int], ...]:
        """:meth:`find`'s occurrences as ``(start, pattern's index in`` :attr:`patterns` ``, end)``, in its order (by
        start, pattern and end): which pattern matched, where two patterns are written alike."""
        return self._walked(toks)[1]

    def _walked(self, toks: Sequence[str]) -> _Walked:
        key = tuple(toks)
        walked = self._found.get(key)
        if walked is None:
            walked = self._walk(key)
            remember(self._found, key, walked)
        return walked

    def _walk(self, key: tuple[str, ...]) -> _Walked:
        """:meth:`find`'s answer for ``key``, its occurrences as ``(start, pattern's index, end)`` and the
        ``(start, pattern's index)`` walks that ran out of tokens (an end :data:`OPEN`). A walk with no open end
        read no token past the sequence, so on a longer sequence with the same first tokens it ends alike:
        when one of the last few sequences walked (:data:`_RECENT`), still remembered, is ``key`` less its
        last words (at most :data:`_EXTENDED` of them; a committed prefix of a turn grows so, a word or a few
        at a time) only its open walks and the new starts are walked (session 44, T3: the committed-words
        replay of the wording lists walked every start of the growing sentence again at each word)."""
        n = len(key)
        found: list[tuple[int, int, int]] = []
        opened = []
        start = 0
        recent = self._recent
        m = 0
        for k in recent:
            size = len(k)
            if m < size < n <= size + _EXTENDED and key[size - 1] == k[-1] and key[:size] == k:
                m = size
        if m:
            before = self._found.get(key[:m])
            if before is not None:
                again = before[2]
                found = [e for e in before[1] if (e[0], e[1]) not in again]
                for a, i in again:
                    p = self.patterns[i]
                    if a + 1 < n and p.second is not None and key[a + 1] not in p.second:
                        continue  # as a new start would be skipped below: its second word ends the walk
                    ends = p.ends(key, a, n)
                    found += [(a, i, e) for e in ends if e > a]
                    if OPEN in ends:
                        opened.append((a, i))
                start = m
        recent.append(key)
        if len(recent) > _RECENT:
            del recent[0]
        numbered, anywhere = self._numbered.get, self._anywhere
        last = n - 1
        for a in range(start, n):
            after = key[a + 1] if a < last else None  # the word after the start (a walk past it reads it second)
            for i, p in numbered(key[a], anywhere):
                if after is not None and p.second is not None and after not in p.second:
                    continue  # p.second: the words its walk may read second
                ends = p.ends(key, a, n)
                if ends:
                    found += [(a, i, e) for e in sorted(ends) if e > a]
                    if OPEN in ends:
                        opened.append((a, i))
        if start:
            found.sort()
        if not found:
            return (), (), frozenset(opened) if opened else _NO_WALKS
        patterns = self.patterns
        return tuple((a, e, patterns[i].source) for a, i, e in found), tuple(found), frozenset(opened)

    def numbered(self, token: str) -> tuple[tuple[int, _Compiled], ...]:
        """:meth:`starting`'s patterns with their indexes in :attr:`patterns`."""
        return self._numbered.get(token, self._anywhere)

    def could_cover(self, toks: Sequence[str], a: int, b: int) -> bool:
        """True if some pattern, started before ``b``, agrees with ``toks`` up to their end and needs
        more words: once they follow, it may yet cover ``[a, b)``."""
        key = tuple(toks)
        n = len(key)
        limit = min(b, n)
        searched, first_open = self._open.get(key, (0, n))
        if first_open < n or searched >= limit:
            return first_open < limit
        for s in range(searched, limit):  # the first start with an open end, looked for up to ``limit``
            if any(OPEN in p.ends(key, s, n) for _, p in self.numbered(key[s])):
                remember(self._open, key, (s + 1, s))
                return True
        remember(self._open, key, (limit, n))
        return False


_NO_WALKS: frozenset[tuple[int, int]] = frozenset()
_EXTENDED = 8
"""At most this many words added to a remembered token sequence are walked from it (:meth:`PhraseSet._walk`)."""
_RECENT = 4
"""How many of the sequences it last walked a :class:`PhraseSet` looks through for one that ``key`` extends (a
family's set walks one new sequence at each committed word, the exceptions' two or three)."""
_REMEMBERED = 1024
"""Token sequences a :class:`PhraseSet` remembers its answers for (then it forgets them all and starts again)."""


def remember(memo: dict, key: Hashable, value: object, size: int | None = None) -> None:
    """Put ``value`` in the cache ``memo`` under ``key``, first forgetting all it holds when it holds ``size`` entries
    (none: :data:`_REMEMBERED`, read at the call) (the language code's bounded caches: a rule's walks, compiled slot
    trees, grouped pattern sets, merged slots tables; cheaper than an LRU where a miss is rare and a refill cheap)."""
    if len(memo) >= (_REMEMBERED if size is None else size):
        memo.clear()
    memo[key] = value


def _freeze(slots: Slots | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(sorted((k, tuple(v)) for k, v in (slots or {}).items()))


@dataclass(slots=True)
class _SlotTrees:
    """What the patterns compiled with one slots table share (:func:`_compile`): each slot's tree parsed once
    (``parsed``, by name), annotated once (``gated``, by the parsed tree's object) and made a function once
    (``matchers``, by the annotated tree's object). A slot is parsed, annotated and built alike in any pattern, so
    every list of a configuration pays for a slot once per process, not at each use (session 47, T6: the
    compile of a configuration, ~4 CPU-s of every process's start, was mostly slots parsed and annotated again)."""

    parsed: dict[str, _Node] = field(default_factory=dict)
    gated: dict[int, tuple[_Node, _Reach, _Node]] = field(default_factory=dict)
    matchers: dict[int, tuple[_Ends, _Node]] = field(default_factory=dict)


_SLOT_TREES: dict[tuple[tuple[str, tuple[str, ...]], ...], _SlotTrees] = {}
""":class:`_SlotTrees` per slots table (as :func:`_freeze` gives it); forgotten all at once past
:data:`_SLOT_TABLES`."""
_SLOT_TABLES = 8


def _slot_trees(slots: tuple[tuple[str, tuple[str, ...]], ...]) -> _SlotTrees:
    found = _SLOT_TREES.get(slots)
    if found is None:
        found = _SlotTrees()
        remember(_SLOT_TREES, slots, found, _SLOT_TABLES)
    return found


@lru_cache(maxsize=256)
def _compile(patterns: tuple[str, ...], slots: tuple[tuple[str, tuple[str, ...]], ...]) -> PhraseSet:
    table = dict(slots)
    shared = _slot_trees(slots)
    gated, matchers = dict(shared.gated), dict(shared.matchers)  # this list's subtrees besides the slots'
    out = []
    for source in patterns:
        node, reach = _gated(_Parser(source, table, (), shared.parsed).whole(), gated)
        out.append(_Compiled(source, node, reach.first, reach.any_first, _matcher(node, matchers), _second_of(reach)))
    # keep the slots' annotations and functions for the next list; a copy of the names' trees (taken at once), as
    # another thread compiling a list of the same table may add a slot meanwhile
    for tree in tuple(shared.parsed.values()):
        if id(tree) in gated and id(tree) not in shared.gated:
            shared.gated[id(tree)] = gated[id(tree)]
        done = shared.gated.get(id(tree))
        if done is not None and id(done[0]) in matchers:
            shared.matchers[id(done[0])] = matchers[id(done[0])]
    return PhraseSet(tuple(out))


_BY_IDENTITY: OrderedDict[tuple[int, int], tuple[Sequence[str], Slots | None, dict, PhraseSet, list[str] | None]] = (
    OrderedDict()
)
"""The sets compiled for a tuple (or list) of patterns and a slots table, by the objects' identity, with a copy of the
table when compiled (a rule built for every call asks again for the same configured tuples: hashing them and the
whole slots table for the cache of :func:`_compile` each time was a tenth of the wording tests' time). An ask
compares the table with the copy (a table changed in place since is compiled again): building a tuple of its
~70 items at each of the ~150 asks of a coach's start was ~5 % of a wording line's time (session 46, T5). A list is
compared with a copy of it too. The :data:`_IDENTITIES` asked most recently are kept (session 57, T57: the
one-pattern tuples a rule builds at each turn, ~25 asks a wording line, filled the cache, which was then emptied at
once, so every ~40 lines each of a coach's ~150 configured sets missed again: the slots table sorted and hashed)."""
_IDENTITIES = 1024


def compile_patterns(patterns: Iterable[str], slots: Slots | None = None) -> PhraseSet:
    """A :class:`PhraseSet` for ``patterns`` (cached: the same lists compile once per process)."""
    kind = type(patterns)
    if kind is not tuple and kind is not list:
        return _compile(tuple(patterns), _freeze(slots))
    key = (id(patterns), id(slots))
    seen = _BY_IDENTITY.get(key)
    if (
        seen is not None
        and seen[0] is patterns
        and seen[1] is slots
        and (type(slots) is FrozenSlots or seen[2] == (slots or {}))
        and (seen[4] is None or seen[4] == patterns)
    ):
        _BY_IDENTITY.move_to_end(key)
        return seen[3]  # the same tuple (or list) and table, unchanged (compared with copies: no tuple built)
    found = _compile(tuple(patterns), _freeze(slots))
    copied = None if kind is tuple else list(patterns)
    copy = {} if type(slots) is FrozenSlots else dict(slots or {})
    _BY_IDENTITY[key] = (patterns, slots, copy, found, copied)  # held: their ids are not reused meanwhile
    _BY_IDENTITY.move_to_end(key)
    if len(_BY_IDENTITY) > _IDENTITIES:
        _BY_IDENTITY.popitem(last=False)  # the one asked least recently
    return found
