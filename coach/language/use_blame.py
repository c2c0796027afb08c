"""Blame told as how the customer's side used, kept or set up a thing, read by structure (issue 9, session 56,
helper L55).

The positive-language family ``use_blame`` (``phrases.toml``) finds piece (a), the cause placed on the customer's
side: "that's really down to where the van was parked", "so it's how it was baked", "your carrier will have been
folding the box ..., so that's where the bend's coming from", "so it was her end really, nothing we could have done".
Those words are as often a schedule, a restore, a charge or advice ("whether we can collect is down to where the
trailer was parked", "I've put the router back, so it's how it was set up on the day it arrived"), so
:class:`~coach.language.phrasing.PositiveLanguageRule` nudges such a match only when :meth:`UseBlame.stands`:

- (a) :meth:`UseBlame.on_their_side`: no ``not_theirs`` phrase overlaps the match (the doer on the firm's side, an
  instruction, a choice or schedule put first, praise);
- (b) :meth:`UseBlame.fault_named`: a fault is on the table, named in the agent's turn (or told there as bad news:
  "I'm afraid", "that's what happens when") or in a customer turn earlier in the call (the rule remembers it:
  :meth:`UseBlame.customer_fault`);
- (c) :meth:`UseBlame.taken_on`: the agent does not take the cause on in the match's sentence, the one before or the
  next one (a remedy, a fix done, the cover that pays, an apology, a next step booked, the matter told as done, the
  customer cleared of it), and leaves it standing: the turn ends on it, bar a hedge (:meth:`UseBlame.goes_on`).

A partial's committed words never nudge this family: the remedy may still come, so the final decides. The words of
(a)'s exclusions, (b) and (c) are in ``use_blame.toml`` beside this module. Reads the text only; nothing is
logged or kept but whether a customer turn named a fault.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from coach.language.patterns import FrozenSlots, PhraseSet, compile_patterns, remember, word_tokens
from coach.language.text import Match, excepted_spans, find_phrases, first_match, sentences

_TOML = Path(__file__).with_name("use_blame.toml")
FAMILY = "use_blame"


@cache
def _raw(path: Path) -> dict:
    """``use_blame.toml`` (or ``path``) as read, once per process (every call's positive-language rule builds one)."""
    return tomllib.loads(path.read_text(encoding="utf-8"))


_MERGED: dict[tuple[int, Path], tuple[Mapping[str, tuple[str, ...]], Mapping[str, tuple[str, ...]]]] = {}
""":func:`_merged_slots` of a loaded slots table (:class:`~coach.language.patterns.FrozenSlots`) and file, by the
table's identity (held, so its id is not reused); forgotten all at once past :data:`_MERGED_TABLES`."""
_MERGED_TABLES = 8


def _merged_slots(slots: Mapping[str, tuple[str, ...]] | None, path: Path) -> Mapping[str, tuple[str, ...]]:
    """The phrase tables' ``slots`` with the file's own two (``not_a_remedy``, ``use_ing_end``). One frozen table per
    loaded table and file: merged afresh at each coach, the six lists missed the compiled sets' cache by identity
    and sorted and hashed the whole table each (~5 % of a wording line's CPU; session 58, T58). A plain table (a
    test's own) is merged at each call, as before."""
    raw = _raw(path)
    key = (id(slots), path)
    seen = _MERGED.get(key)
    if seen is not None and seen[0] is slots:
        return seen[1]
    merged = {**(slots or {}), "not_a_remedy": tuple(raw["not_a_remedy"]), "use_ing_end": tuple(raw["use_ing_end"])}
    if type(slots) is not FrozenSlots:
        return merged
    frozen = FrozenSlots(merged)
    remember(_MERGED, key, (slots, frozen), _MERGED_TABLES)
    return frozen


class UseBlame:
    """Pieces (a) (its exclusions), (b) and (c) of a blame told as use (module doc), compiled once from
    ``use_blame.toml`` with the phrase tables' ``slots``."""

    def __init__(self, slots: Mapping[str, tuple[str, ...]] | None = None, path: Path = _TOML) -> None:
        raw = _raw(path)
        slots = _merged_slots(slots, path)
        self._not_theirs: PhraseSet = compile_patterns(raw["not_theirs"], slots)
        self._fault: PhraseSet = compile_patterns(raw["fault"], slots)
        self._bad_news: PhraseSet = compile_patterns(raw["bad_news"], slots)
        self._taken_on: PhraseSet = compile_patterns(raw["taken_on"], slots)
        self._not_taken_on: PhraseSet = compile_patterns(raw["not_taken_on"], slots)
        self._max_after = int(raw["max_after"])
        self._hedge = frozenset(word_tokens(" ".join(raw["hedge"])))
        self._tail_story: PhraseSet = compile_patterns(raw["tail_story"], slots)

    def on_their_side(self, text: str, m: Match) -> bool:
        """Piece (a)'s exclusions: whether match ``m`` of the ``use_blame`` family in turn ``text`` keeps the cause on
        the customer's side: no ``not_theirs`` phrase overlaps its words (one starting in its sentence and running on
        into the next counts, as the phrase tables' exceptions do)."""
        parts = sentences(text)
        if m.sentence_index >= len(parts):
            return True
        s = parts[m.sentence_index]
        for x, y in excepted_spans(self._not_theirs, parts, m.sentence_index):
            a, b = s.spoken_span(x, min(y, len(s.tokens)))
            if a < m.end and m.start < b:
                return False
        return True

    def customer_fault(self, text: str) -> bool:
        """Whether customer turn ``text`` names a fault (``fault``: a thing broken, leaking, bent, mouldy, not
        working; the service not turning up)."""
        return first_match(text, self._fault) is not None

    def fault_named(self, text: str, *, customer_said: bool = False) -> bool:
        """Piece (b): whether agent turn ``text`` answers a fault: ``customer_said`` (a customer turn earlier in
        the call named one), or the turn names one (``fault``) or tells its line as bad news (``bad_news``)."""
        return (
            customer_said or first_match(text, self._fault) is not None or first_match(text, self._bad_news) is not None
        )

    def taken_on(self, text: str, m: Match) -> bool:
        """Piece (c): whether the agent takes the cause of match ``m`` of turn ``text`` on: a ``taken_on`` phrase that
        no ``not_taken_on`` phrase overlaps (a deed told, not a fix done: "the boiler's been fitted with the flue
        pointing into the wind") in the match's sentence, the one before it or the next one, or the cause not left
        standing (:meth:`goes_on`)."""
        parts = sentences(text)
        near = " . ".join(s.text for s in parts[max(0, m.sentence_index - 1) : m.sentence_index + 2])
        return bool(find_phrases(near, self._taken_on, exceptions=self._not_taken_on)) or self.goes_on(text, m)

    def goes_on(self, text: str, m: Match) -> bool:
        """Whether turn ``text`` goes on past match ``m`` with more than ``max_after`` words that are not ``hedge``
        words nor in a ``tail_story`` clause (``use_blame.toml``): the blame told as use ends the turn, so a turn that
        goes on is saying what comes next; a clause that only tells how the fault came about ("when the tent went on,
        so it was working loose every mile"), pins it ("that's tripping it") or clears the thing ("there's nothing
        wrong with the machine") does not (session 57, L57)."""
        after = word_tokens(text)[m.offset + m.end :]
        told = {i for a, b, _ in self._tail_story.find(after) for i in range(a, b)}
        return sum(t not in self._hedge and i not in told for i, t in enumerate(after)) > self._max_after

    def stands(self, text: str, m: Match, *, final: bool, customer_said: bool) -> bool:
        """Whether the ``use_blame`` match ``m`` of agent turn ``text`` is a blame to nudge: a final (module doc),
        (a) kept on the customer's side, (b) and not (c)."""
        return (
            final
            and self.on_their_side(text, m)
            and self.fault_named(text, customer_said=customer_said)
            and not self.taken_on(text, m)
        )
