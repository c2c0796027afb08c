"""Whether a calm-down phrase found in an agent sentence is a name, not words said to the customer.

A calm word can be a proper noun: a product, a range, a pet, a shop ("That's the Easy Tiger armchair in mustard
velvet", "The dog's name is Relax, she's a Labrador": list BA's false calm-downs, session 56, L56). Read by the
shape, not by listing names:

- **capitalised mid-sentence**: the match's first word starts with a capital letter, is not the sentence's first
  word, and follows the word before it with nothing but spaces (no comma, colon, quote or dash: "Sir, Relax." and
  '"Relax," he said' are not names by this test), and the word before it is no sentence opener or address
  (``OPENERS``: "Right Calm down please", "Sir Calm down" run on without a comma). A recogniser or a typist
  capitalises a word there only for a name; a calm-down told to the customer is written in lower case ("I need you
  to calm down");
- **title case**: every word of a match of two words or more is written with a capital and lower-case letters, as
  names are ("Pipe Down Acoustics are fitting the soundproofing", "Settle Down Removals": list BB's false calm-down,
  session 57, L58), wherever it stands; a calm-down said is written "Calm down", a shout "CALM DOWN";
- **named**: the words before the match end on a naming frame (``NAMING``: "called", "named", "name is", "known as",
  "brand", "model"): "the range is called chill", "her name's relax", as a recogniser writes them in lower case.

The test reads only the match's sentence (``Match.sentence``, ``start``: word positions of
:data:`coach.language.patterns.WORD`), so a committed prefix judges a name as soon as its words are heard.
"""

from __future__ import annotations

from coach.language.patterns import WORD, fold
from coach.language.text import Match

__all__ = ["NAMING", "OPENERS", "is_named"]

NAMING: tuple[tuple[str, ...], ...] = (
    ("called",),
    ("named",),
    ("name", "is"),
    ("name's",),
    ("names", "are"),
    ("known", "as"),
    ("brand",),
    ("model",),
    ("label",),
    ("titled",),
)
"""Word runs (folded) that, ending straight before a calm-down match, make its words a name."""


OPENERS = frozenset(
    {
        "right",
        "okay",
        "ok",
        "alright",
        "now",
        "look",
        "listen",
        "please",
        "so",
        "well",
        "oh",
        "hey",
        "hi",
        "just",
        "come",
        "on",
        "and",
        "but",
        "sir",
        "madam",
        "mate",
        "love",
        "son",
        "pal",
        "dear",
        "darling",
        "miss",
        "mister",
        "mr",
        "mrs",
        "ms",
    }
)
"""Folded words after which a capital opens the calm-down's own sentence run on without a comma ("Right Calm down
please", "Sir Calm down": helper R21's probe, session 56), not a name."""


def _capitalised_mid_sentence(sentence: str, start: int) -> bool:
    """Whether word ``start`` of ``sentence`` opens with a capital letter, is not the first word, and is separated
    from the word before it, no :data:`OPENERS` word, by spaces only."""
    words = list(WORD.finditer(sentence))
    if not 0 < start < len(words):
        return False
    word, before = words[start], words[start - 1]
    gap = sentence[before.end() : word.start()]
    opener = fold(before.group()) in OPENERS
    return word.group()[0].isupper() and word.group() != "I" and not gap.strip() and not opener


def _title_case(sentence: str, start: int, end: int) -> bool:
    """Whether words ``start`` to ``end`` (exclusive) of ``sentence``, two or more, are each a capital then letters
    not all capitals ("Pipe Down", not "Pipe down" nor "PIPE DOWN")."""
    words = WORD.findall(sentence)[start:end]
    return len(words) >= 2 and all(w[0].isupper() and not w.isupper() for w in words)


def _after_naming(sentence: str, start: int) -> bool:
    """Whether the words of ``sentence`` before word ``start`` end on a :data:`NAMING` run."""
    before = tuple(fold(w) for w in WORD.findall(sentence)[:start])
    return any(before[-len(run) :] == run for run in NAMING if len(before) >= len(run))


def is_named(m: Match) -> bool:
    """Whether calm-down match ``m`` names a thing or a pet rather than telling the customer (see the module)."""
    return (
        _capitalised_mid_sentence(m.sentence, m.start)
        or _title_case(m.sentence, m.start, m.end)
        or _after_naming(m.sentence, m.start)
    )
