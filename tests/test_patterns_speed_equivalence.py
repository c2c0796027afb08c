"""The phrase matcher's speed-ups (session 31, T2) answer as the plain tree walk does: the compiled matcher of each
pattern gives :func:`~coach.language.patterns._ends`'s ends at every start (open ends included), the answers
remembered per token sequence are the ones computed afresh, and a slots table changed in place is compiled again.
Table-driven, small patterns: well under a second."""

from __future__ import annotations

import dataclasses

import pytest

from coach.language import patterns
from coach.language.config import load_language_config
from coach.language.patterns import OPEN, PhraseSet, _ends, compile_patterns

SLOTS = {"we": ("we", "I", "the team"), "cant": ("can't", "cannot", "(won't|will not) be able to")}
PATTERNS = (
    "{we} {cant} (help|do (that|it|))",
    "no need to (get|be) (so|) (upset|angry)",
    "(calm|settle) (yourself|) down",
    "* *'s (final|non-negotiable)",
    "that's (it|all) *",
    "(a|a b) (c|)",
    "(|not) (ours|us)",
    "bye",
    "(take|) it easy *",
)
TOKS = (
    ("we", "can't", "do", "that"),
    ("sorry", "i", "cannot", "help", "you", "we", "won't", "be", "able", "to"),
    ("no", "need", "to", "get", "so", "upset", "no", "need", "to", "be"),
    ("please", "calm", "yourself", "down", "calm", "down"),
    ("the", "fee's", "final", "that", "claim's", "non-negotiable"),
    ("that's", "it", "a", "b", "c", "a"),
    ("not", "ours", "us", "bye", "take", "it", "easy"),
    ("the", "team", "will", "not"),
    ("it", "easy"),
    (),
)


def test_each_compiled_pattern_ends_where_the_tree_walk_does():
    for p in compile_patterns(PATTERNS, SLOTS).patterns:
        for toks in TOKS:
            for k in range(len(toks) + 1):  # every prefix: ends run out into OPEN
                prefix = toks[:k]
                for i in (OPEN, *range(len(prefix) + 1)):
                    assert set(p.ends(prefix, i, len(prefix))) == _ends(p.node, prefix, i), (p.source, prefix, i)


def _plain_find(phrases, toks):  # noqa: ANN001, ANN202
    return [
        (a, b, p.source)
        for a in range(len(toks))
        for p in phrases.patterns
        for b in sorted(_ends(p.node, toks, a))
        if b > a
    ]


def _plain_could_cover(phrases, toks, b):  # noqa: ANN001, ANN202
    return any(OPEN in _ends(p.node, toks, s) for s in range(min(b, len(toks))) for p in phrases.patterns)


def test_remembered_answers_are_the_fresh_ones_in_any_order_of_asking():
    phrases = compile_patterns(PATTERNS, SLOTS)
    asks = [(toks[:k], b) for toks in TOKS for k in range(len(toks) + 1) for b in {0, k // 2, k, k + 1}]
    for order in (asks, sorted(asks, key=lambda x: (x[0], -x[1]))):
        phrases._found.clear(), phrases._open.clear()  # noqa: SLF001 (forgotten: asked afresh in this order)
        fresh = compile_patterns(list(PATTERNS), dict(SLOTS))  # the same set (compiled once), its memory shared
        for toks, b in order:
            assert phrases.could_cover(toks, 0, b) == _plain_could_cover(phrases, toks, b), (toks, b)
            assert fresh.find(list(toks)) == _plain_find(phrases, toks), toks
    found = phrases.find(TOKS[0])
    found.clear()  # a caller's list is its own
    assert phrases.find(TOKS[0]) == _plain_find(phrases, TOKS[0])


def test_a_slots_table_changed_in_place_is_compiled_again():
    patterns = ("{we} {cant} help",)
    slots = {"we": ("we",), "cant": ("can't",)}
    assert compile_patterns(patterns, slots).find(("we", "can't", "help"))
    slots["we"] = ("they",)
    changed = compile_patterns(patterns, slots)
    assert not changed.find(("we", "can't", "help"))
    assert changed.find(("they", "can't", "help")) == [(0, 3, "{we} {cant} help")]
    assert compile_patterns(patterns, slots) is changed


def test_a_full_memory_is_forgotten_and_the_answers_stay(monkeypatch):
    monkeypatch.setattr(patterns, "_REMEMBERED", 3)
    phrases = compile_patterns(("(calm|settle) (yourself|) down", "no need to (get|be) (so|) (upset|angry)"))
    for toks in [*TOKS, *TOKS]:
        for b in (len(toks), 1):
            assert phrases.could_cover(toks, 0, b) == _plain_could_cover(phrases, toks, b), (toks, b)
        assert phrases.find(toks) == _plain_find(phrases, toks), toks
        assert len(phrases._found) <= 3 and len(phrases._open) <= 3  # noqa: SLF001


def test_a_sequence_grown_from_one_walked_before_gets_the_fresh_answer():
    """A committed prefix growing a word or a few at a time (session 44, T3: only the walks that ran out of tokens
    and the new starts are walked again), more than ``_EXTENDED`` words at once, or after its shorter walk was
    forgotten: the same answers as the plain walk."""
    phrases = compile_patterns(PATTERNS, SLOTS)
    turn = tuple(t for toks in TOKS for t in toks)  # 50 words: every pattern's start, its ends and open ends
    for steps in ((1,), (2, 3), (patterns._EXTENDED + 1, 1), (1, 4, 7)):  # noqa: SLF001
        phrases._found.clear(), phrases._recent.clear()  # noqa: SLF001
        k, i = 0, 0
        while k < len(turn):
            k = min(len(turn), k + steps[i % len(steps)])
            i += 1
            if i % 5 == 0:
                phrases._found.clear()  # noqa: SLF001 (the walk it grows from forgotten)
            assert phrases.find(turn[:k]) == _plain_find(phrases, turn[:k]), (steps, k)


def test_the_patterns_indexed_by_their_first_word_are_those_that_may_start_there():
    """The index built when a set is made (session 45, T4) gives, for every word, the patterns whose first words
    hold it or that may start anywhere, in configured order; a word no pattern starts with gets the latter only."""
    phrases = compile_patterns((*PATTERNS, "* upset", "bye (now|)", "(so|) upset"), SLOTS)
    words = {t for toks in TOKS for t in toks} | {t for p in phrases.patterns for t in p.first} | {"zebra", ""}
    for word in words:
        numbered = [(i, p) for i, p in enumerate(phrases.patterns) if p.any_first or word in p.first]
        assert list(phrases.numbered(word)) == numbered, word
    assert [p.source for _, p in phrases.numbered("zebra")] == ["* *'s (final|non-negotiable)", "* upset"]


def test_a_pattern_is_not_tried_where_the_next_word_cannot_be_its_second():
    """A pattern's ``second`` (session 45, T4): the words a match of two or more words has second, so a walk from a
    start whose next word is none of them ends nowhere and does not run out (the plain walk finds nothing there);
    ``None`` where any word may be second or one word may match alone."""
    phrases = compile_patterns((*PATTERNS, "you (need|) (to|) calm down", "(so|) upset"), SLOTS)
    second = {p.source: p.second for p in phrases.patterns}
    assert second["{we} {cant} (help|do (that|it|))"] == {"can't", "cannot", "won't", "will", "team"}
    assert second["no need to (get|be) (so|) (upset|angry)"] == {"need"}
    assert second["(calm|settle) (yourself|) down"] == {"yourself", "down"}
    assert second["you (need|) (to|) calm down"] == {"need", "to", "calm"}
    assert second["* *'s (final|non-negotiable)"] is None  # a wildcard second
    assert second["(|not) (ours|us)"] is None  # "ours" alone
    assert second["(so|) upset"] is None
    assert patterns._second_words(patterns._Node("new_kind")) is None  # noqa: SLF001 (unknown: always tried)
    words = sorted({t for toks in TOKS for t in toks} | {t for p in phrases.patterns for t in p.first})
    for p in phrases.patterns:
        if p.second is None:
            continue
        for first in p.first:
            for other in words:
                ends = _ends(p.node, (first, other, "and", "more"), 0)
                if other not in p.second:
                    assert not {e for e in ends if e == OPEN or e > 0}, (p.source, first, other)


def _plain_at(toks, i, entries):  # noqa: ANN001, ANN202
    """The refusal grammar's entry lookup before its index: every entry tried at ``toks[i]``, in order."""
    for e in entries:
        if tuple(toks[i : i + len(e)]) == e:
            return len(e)
    return 0


def test_the_refusal_grammars_entries_indexed_by_first_word_answer_as_the_plain_scan():
    """:class:`~coach.language.refusal_grammar.Entries` (session 46, T5): ``RefusalGrammar._at`` reads only the entries
    under the token's word and gives the plain scan's answer at every position in range and past the end, for entries
    in any order (the first that fits wins, not the longest), an empty entry (the scan stopped there); a negative
    position answers 0 and a plain tuple raises (session 47, R11: one path; no caller passed either);
    then for every phrase class of the grammar's own (``refusal_words.toml``) on sentences made of its entries."""
    from coach.language import refusal_grammar
    from coach.language.refusal_grammar import Entries, RefusalGrammar

    at = RefusalGrammar._at  # noqa: SLF001
    small = (("no",), ("no", "way"), ("not", "ever"), ("not",), (), ("never",), ("no", "way", "jose"))
    toks = ("no", "way", "jose", "not", "ever", "never", "not", "no")
    for entries in (Entries(small), Entries(sorted(small, key=len, reverse=True)), Entries()):
        for i in range(len(toks) + 3):
            assert at(toks, i, entries) == _plain_at(toks, i, entries), (entries, i)
            assert at(list(toks), i, entries) == _plain_at(toks, i, entries), (entries, i)
        assert [at(toks, i, entries) for i in (-1, -2, -3)] == [0, 0, 0]  # the plain scan's slice found ("not",) at -2
    with pytest.raises(AttributeError):
        at(toks, 0, small)
    assert Entries(small).starting == {"no": (("no",), ("no", "way")), "not": (("not", "ever"), ("not",))}
    classes = [v for v in vars(refusal_grammar).values() if isinstance(v, Entries)]
    assert len(classes) >= 30
    for entries in classes:
        some = entries[:: max(1, len(entries) // 24)]  # ~24 of each class, longest and shortest among them
        words = [t for e in some for t in (*e[:-1], "and", *e)]  # each entry cut short, then whole
        for i in range(-1, len(words) + 1):
            assert at(words, i, entries) == _plain_at(words, i, entries), (entries[:3], i)


def _annotated_as_defined(node: patterns._Node) -> bool:
    """Every subtree of ``node`` has the first words and gate its own :func:`~coach.language.patterns._reach` gives."""
    r = patterns._reach(node)  # noqa: SLF001
    return (
        node.first == r.first
        and node.gated == (not r.any_first and not r.empty)
        and all(_annotated_as_defined(p) for p in node.parts)
    )


def _shape(node: patterns._Node) -> tuple:
    return node.op, node.token, node.but, tuple(_shape(p) for p in node.parts)


def test_a_list_compiled_with_shared_slot_trees_is_each_pattern_compiled_alone():
    """The compile shares a slot's parsed and annotated tree between the patterns (and lists) of one slots table,
    and a word's node between all (session 47, T6): each pattern's tree is still its own parse's, every subtree
    annotated as its definition says, and it matches as when compiled alone; a slot that refers to itself is
    still an error after its table's trees were shared."""
    slots = {**SLOTS, "loop": ("{loop} again",)}
    together = compile_patterns((*PATTERNS, "{we} {we} (help|{cant})"), slots).patterns
    for c in together:
        alone = compile_patterns([c.source], slots).patterns[0]
        assert _shape(c.node) == _shape(patterns._Parser(c.source, dict(slots), ()).whole())  # noqa: SLF001
        assert _annotated_as_defined(c.node) and c.node == alone.node
        assert (c.first, c.any_first, c.second) == (alone.first, alone.any_first, alone.second)
        for toks in TOKS:
            assert all(c.ends(toks, i, len(toks)) == alone.ends(toks, i, len(toks)) for i in range(len(toks) + 1))
    try:
        compile_patterns(["{we} then {loop}"], slots)
    except patterns.PatternError as exc:
        assert "refers to itself" in str(exc)
    else:
        raise AssertionError("a slot that refers to itself compiled")


EMPTY_ENDED = (
    "(a|) (b|) c",
    "a (b|) (c|)",
    "(a (b|)|) c",
    "((|a)|b) (|c)",
    "(|a) (|b)",
    "x (y (z|)|) *",
    "(a|a b) (|c d)",
)
"""Patterns whose parts may match no word, alone or in a row: where the tokens run out in them they may end there,
run out, or both."""


def test_where_the_tokens_run_out_a_pattern_ends_as_the_tree_walk_does():
    """A node started where the tokens have run out answers without walking its parts (session 54, M1): run out
    (:data:`OPEN`) if it may take a word, its start if it may match none; a sequence whose walk reaches the end
    answers so for the parts still to come. The same as the plain tree walk at every start of every prefix, here
    and for every pattern of the packaged configuration (its slots one by one too)."""
    toks = ("a", "b", "c", "d", "x", "y", "z", "a", "b")
    for p in compile_patterns(EMPTY_ENDED).patterns:
        for k in range(len(toks) + 1):
            for i in (OPEN, *range(k + 1)):
                assert set(p.ends(toks[:k], i, k)) == _ends(p.node, toks[:k], i), (p.source, k, i)
    ends = {p.source: p.ends((), 0, 0) for p in compile_patterns(EMPTY_ENDED).patterns}
    assert ends["(a|) (b|) c"] == {OPEN} and ends["(|a) (|b)"] == {OPEN, 0}
    cfg = load_language_config()
    lists = [*_pattern_lists(cfg, cfg.slots), tuple(f"{{{name}}}" for name in cfg.slots)]
    found = {p for patterns_ in lists for p in compile_patterns(patterns_, cfg.slots).patterns}
    assert len(found) > 2000
    said = ("sorry", "we", "can't", "do", "that", "i'm", "afraid", "so", "please", "calm", "down", "no", "need", "to")
    said += ("get", "so", "upset", "not", "our", "fault")
    for p in found:
        for k in (0, 3, len(said)):
            for i in range(k + 1):
                assert set(p.ends(said[:k], i, k)) == _ends(p.node, said[:k], i), (p.source, k, i)


def _pattern_lists(obj: object, slots: patterns.Slots) -> list[tuple[str, ...]]:
    """The tuples of strings in the settings ``obj`` (a dataclass, nested) that compile as patterns with ``slots``."""
    if dataclasses.is_dataclass(obj):
        return [t for f in dataclasses.fields(obj) for t in _pattern_lists(getattr(obj, f.name), slots)]
    if isinstance(obj, tuple) and obj and all(isinstance(x, str) for x in obj):
        try:
            compile_patterns(obj, slots)
        except patterns.PatternError:
            return []
        return [obj]
    if isinstance(obj, tuple | list):
        return [t for x in obj for t in _pattern_lists(x, slots)]
    return []


def test_a_partial_whose_earlier_word_is_rewritten_gets_the_fresh_answer():
    """The recogniser changes a word already sent ("we can't" heard again as "we can"): the new prefix does not extend
    the remembered one, so it is walked afresh, and a later prefix growing from either gets the plain walk's answer
    too; a line fed a word at a time ends with the answer of the whole line asked at once."""
    phrases = compile_patterns(PATTERNS, SLOTS)
    heard = [
        ("we", "can't"),
        ("we", "can't", "help"),
        ("we", "can", "help"),  # an earlier word rewritten
        ("we", "can", "help", "you"),
        ("we", "cannot", "help", "you", "no", "need"),  # rewritten again, and grown by two
        ("we", "cannot", "help", "you", "no", "need", "to", "get", "so", "upset"),
        ("the", "team", "cannot", "help"),  # the first word rewritten
    ]
    for toks in heard:
        assert phrases.find(toks) == _plain_find(phrases, toks), toks
        assert phrases.could_cover(toks, 0, len(toks)) == _plain_could_cover(phrases, toks, len(toks)), toks
    line = tuple(t for toks in TOKS for t in toks)
    grown, whole = compile_patterns(list(PATTERNS), dict(SLOTS)), PhraseSet(compile_patterns(PATTERNS, SLOTS).patterns)
    for k in range(1, len(line) + 1):
        grown.find(line[:k])
    assert grown.find(line) == whole.find(line) == _plain_find(whole, line)


def test_a_walk_that_ran_out_is_not_walked_again_where_the_next_word_cannot_be_its_second():
    """A walk started at a sentence's last word runs out (its pattern needs more words); when the next word comes and
    is none of the pattern's ``second``, the walk is not tried again (session 54, M1: as a new start there is not),
    and the answers are the plain walk's."""
    calls: list[tuple[str, int, int]] = []

    def counted(p):  # noqa: ANN001, ANN202
        def ends(toks, i, n):  # noqa: ANN001, ANN202
            calls.append((p.source, i, n))
            return p.ends(toks, i, n)

        return dataclasses.replace(p, ends=ends)

    phrases = PhraseSet(tuple(counted(p) for p in compile_patterns(PATTERNS, SLOTS).patterns))
    assert phrases.find(("sorry", "we")) == []  # "{we} {cant} ..." runs out at "we"
    assert ("{we} {cant} (help|do (that|it|))", 1, 2) in calls
    calls.clear()
    assert phrases.find(("sorry", "we", "are", "here")) == _plain_find(phrases, ("sorry", "we", "are", "here"))
    assert not [c for c in calls if c[0] == "{we} {cant} (help|do (that|it|))" and c[1] == 1]  # "are" is no second
    calls.clear()
    assert phrases.find(("sorry", "we", "cannot")) == []  # grown from ("sorry", "we"): "cannot" may be second
    assert ("{we} {cant} (help|do (that|it|))", 1, 3) in calls


def test_a_frozen_slots_table_is_trusted_by_identity_and_cannot_change_in_place():
    import copy
    import pickle

    frozen = patterns.FrozenSlots({"we": ["we"], "cant": ("can't",)})
    assert frozen == {"we": ("we",), "cant": ("can't",)}  # values made tuples
    for change in (
        lambda: frozen.__setitem__("we", ("they",)),
        lambda: frozen.__delitem__("we"),
        lambda: frozen.update(we=("they",)),
        lambda: frozen.pop("we"),
        lambda: frozen.popitem(),
        lambda: frozen.setdefault("x", ()),
        frozen.clear,
    ):
        with pytest.raises(TypeError):
            change()
    assert frozen == {"we": ("we",), "cant": ("can't",)}
    for again in (copy.copy(frozen), copy.deepcopy(frozen), pickle.loads(pickle.dumps(frozen))):
        assert type(again) is patterns.FrozenSlots and again == frozen
    shape = ("{we} {cant} help",)
    assert compile_patterns(shape, frozen) is compile_patterns(shape, dict(frozen))  # the same compiled set
    assert compile_patterns(shape, frozen).find(("we", "can't", "help")) == [(0, 3, "{we} {cant} help")]
    assert type(load_language_config().slots) is patterns.FrozenSlots


def test_a_list_of_patterns_changed_in_place_is_compiled_again():
    shapes = ["we {cant} help"]
    slots = {"cant": ("can't",)}
    first = compile_patterns(shapes, slots)
    assert compile_patterns(shapes, slots) is first
    shapes[0] = "they {cant} help"
    changed = compile_patterns(shapes, slots)
    assert changed.find(("they", "can't", "help")) and not changed.find(("we", "can't", "help"))


def test_sets_asked_often_stay_remembered_past_many_one_off_asks(monkeypatch):
    monkeypatch.setattr(patterns, "_IDENTITIES", 8)
    monkeypatch.setattr(patterns, "_BY_IDENTITY", patterns.OrderedDict())
    slots = {"we": ("we", "I")}
    kept = ("{we} can't help",)
    compiled = []
    for k in range(40):  # a configured tuple asked again between one-off tuples (a rule's one-pattern asks)
        compiled.append(compile_patterns(kept, slots))
        compile_patterns((f"word{k}",), None)
        assert len(patterns._BY_IDENTITY) <= 8  # noqa: SLF001
        assert (id(kept), id(slots)) in patterns._BY_IDENTITY  # noqa: SLF001
    assert all(c is compiled[0] for c in compiled)
