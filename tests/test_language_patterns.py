"""The phrase matcher's shortcuts (coach/language/patterns.py) give the same results as matching
every pattern at every word: a pattern is tried only at words it may start with, and inside a
pattern an alternative is skipped at a word it cannot start with."""

from __future__ import annotations

import ast
import tomllib
import zlib
from dataclasses import replace
from pathlib import Path

from coach.language.config import load_language_config
from coach.language.patterns import OPEN, PhraseSet, _ends, _Node, _Parser, compile_patterns
from coach.language.text import sentences

DATA = Path(__file__).parent / "data" / "language_wording"
EVAL_WORDING = Path(__file__).resolve().parent.parent / "scripts" / "eval_language_wording.py"


def blind_lists() -> frozenset[str]:
    """``BLIND`` of scripts/eval_language_wording.py (the lists written blind for a later score), read from the
    script's source rather than by importing it (which would load the call scripts' helpers)."""
    for node in ast.parse(EVAL_WORDING.read_text("utf-8")).body:
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
            if any(isinstance(t, ast.Name) and t.id == "BLIND" for t in targets) and node.value is not None:
                return frozenset(ast.literal_eval(node.value))
    raise AssertionError(f"no BLIND in {EVAL_WORDING}")


def plain_trees(sources: list[str], slots: dict) -> list[tuple[str, _Node]]:
    """Each pattern parsed without the start annotations (the matcher before its shortcuts), equal subtrees made
    one object: a slot's words are parsed again at every use, and ``plain_ends`` remembers a subtree's ends by the
    object, so that a slot that many patterns start with is walked once at each word."""
    table: dict[tuple, _Node] = {}

    def shared(node: _Node) -> _Node:
        parts = tuple(shared(p) for p in node.parts)
        key = (node.op, node.token, node.but, node.first, node.gated, tuple(map(id, parts)))
        return table.setdefault(key, replace(node, parts=parts))

    return [(source, shared(_Parser(source, slots, ()).whole())) for source in sources]


Memo = dict[tuple[int, int], tuple[int, set[int]]]
"""``plain_ends``' memory: (subtree object, position) -> (the number of words walked on, the ends)."""


def plain_ends(node: _Node, toks: tuple[str, ...], i: int, memo: Memo, sequences: bool = False) -> set[int]:
    """Where ``node`` can end from ``i``, visiting every part (the matcher before its shortcuts; a word part is
    matched in place). ``memo``: the ends of the alternatives (and with ``sequences`` the sequences) walked before
    on ``toks`` or on a shorter start of the same words (the committed prefixes of one sentence, shortest first).
    A walk that never ran out of words (no ``OPEN`` among its ends) read none past them, so it ends alike on any
    longer start of the sentence; one that ran out is taken only for the same words. The same answers, each
    walked once (the sets are shared: never changed)."""
    n = len(toks)
    if i == OPEN or (i >= n and node.op in ("word", "any", "any_but")):
        return {OPEN}
    if node.op == "word":
        return {i + 1} if toks[i] == node.token else set()
    if node.op == "any":
        return {i + 1}
    if node.op == "any_but":
        return set() if toks[i] in node.but else {i + 1}
    remember = sequences or node.op == "alt"
    if remember:
        key = (id(node), i)
        walked = memo.get(key)
        if walked is not None and (walked[0] == n or (walked[0] < n and OPEN not in walked[1])):
            return walked[1]
    if node.op == "alt":
        found = set().union(*(plain_ends(part, toks, i, memo, sequences) for part in node.parts))
    else:
        found = {i}
        for part in node.parts:
            if part.op == "word":
                found = {OPEN if p < 0 or p >= n else p + 1 for p in found if p < 0 or p >= n or toks[p] == part.token}
            else:
                found = {e for p in found for e in plain_ends(part, toks, p, memo, sequences)}
            if not found:  # no walk left: the later parts would see no position (session 47, T6: ~-20 % CPU)
                break
    if remember:
        memo[key] = (n, found)
    return found


def plain_find(patterns: list[tuple[str, _Node]], toks: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Every pattern tried at every word, on trees without the start annotations (the matcher before)."""
    out, memo = [], {}
    for a in range(len(toks)):
        for source, node in patterns:
            out.extend((a, b, source) for b in sorted(plain_ends(node, toks, a, memo)) if b > a)
    return out


def plain_could_cover(patterns: list[tuple[str, _Node]], toks: tuple[str, ...], b: int, memo: Memo) -> bool:
    """Whether a pattern started at a word before ``b`` runs out of ``toks``; ``memo`` (``plain_ends``) kept for the
    sentence's next, longer prefix, the whole patterns' walks in it too: most of them ended before ``b``."""
    return any(
        OPEN in plain_ends(node, toks, s, memo, sequences=True)
        for s in range(min(b, len(toks)))
        for _, node in patterns
    )


def sample_lines() -> list[str]:
    """A fixed CRC-32 1/64 of the agent lines of the wording lists (the same lines on every run; tables of
    reply pairs have none). The blind lists are never opened: nobody may learn their lines from a failure."""
    out, blind = [], blind_lists()
    for path in sorted(DATA.glob("*.toml")):
        if path.stem in blind:
            continue
        for table in tomllib.loads(path.read_text("utf-8")).values():
            out += [text for text in table.get("lines", ()) if zlib.crc32(text.encode("utf-8")) % 64 == 0]
    return out


def test_the_sample_never_opens_a_blind_list(tmp_path, monkeypatch):
    """The blind lists (``BLIND`` of scripts/eval_language_wording.py) are skipped unopened: here one that is not
    even TOML, beside an open list whose sampled line is kept (session 32, L31)."""
    line = next(f"Line {i}." for i in range(10_000) if zlib.crc32(f"Line {i}.".encode()) % 64 == 0)
    (tmp_path / "open_list.toml").write_text(f'[quiet]\nlines = ["{line}"]\n', "utf-8")
    (tmp_path / "blind_list.toml").write_text("not toml: never to be read", "utf-8")
    monkeypatch.setitem(globals(), "DATA", tmp_path)
    monkeypatch.setitem(globals(), "blind_lists", lambda: frozenset({"blind_list"}))
    assert sample_lines() == [line]


def test_the_blind_lists_are_read_from_the_wording_script():
    blind = blind_lists()
    assert all(isinstance(name, str) and name.startswith("held_out_") for name in blind)


def test_the_start_shortcuts_change_no_match_and_no_open_end():
    cfg = load_language_config()
    slots = cfg.slots
    # the "calm down" families and both rules' exceptions (the lists an open end is judged on); the
    # refusal families go through the same code, and all of them take minutes to match the plain way
    lists = [*cfg.avoid_calm_down.match, *cfg.avoid_calm_down.exceptions, *cfg.positive_language.exceptions]
    fast: PhraseSet = compile_patterns(lists, slots)
    plain = plain_trees(lists, slots)
    assert not any(node.gated for _, node in plain)  # the reference has no shortcuts
    lines = sample_lines()
    assert len(lines) >= 30
    checked = 0
    for n, text in enumerate(lines):
        for s in sentences(text):
            toks = s.tokens
            assert fast.find(toks) == plain_find(plain, toks), text
            memo: Memo = {}  # the prefixes', shortest first (plain_ends)
            for b in range(1, len(toks) + 1) if n % 8 == 0 else ():  # every committed prefix of every 8th line
                prefix = toks[:b]
                assert fast.could_cover(prefix, 0, b) == plain_could_cover(plain, prefix, b, memo), (text, b)
                checked += 1
    assert checked > 30


def test_an_alternative_is_skipped_only_where_it_cannot_start():
    node = _Parser("(we|I) (can't|cannot) (help|do (that|it|))", {}, ()).whole()
    fast = compile_patterns(["(we|I) (can't|cannot) (help|do (that|it|))"])
    toks = ("sorry", "we", "can't", "do", "that")
    assert fast.find(toks) == [(1, 4, fast.patterns[0].source), (1, 5, fast.patterns[0].source)]
    assert sorted(_ends(node, toks, 1)) == [4, 5]
    assert fast.could_cover(("we", "can't"), 0, 2)  # "help" / "do ..." may still follow
    assert not fast.could_cover(("they", "can't"), 0, 2)


def test_a_wildcard_but_a_slots_words_takes_any_other_word():
    """``*!{name}``: one word not among slot ``name``'s words (a slot of single words, or of such slots)."""
    slots = {"mind": ["temper", "anger"], "not_thing": ["{mind}", "you"], "two": ["blood pressure"]}
    fast = compile_patterns(["let the (*!{not_thing}|*!{not_thing} *!{not_thing}) breathe"], slots)
    assert fast.find(("let", "the", "wine", "breathe")) == [(0, 4, fast.patterns[0].source)]
    assert fast.find(("let", "the", "red", "wine", "breathe")) == [(0, 5, fast.patterns[0].source)]
    for toks in (("let", "the", "temper", "breathe"), ("let", "the", "bad", "anger", "breathe")):
        assert fast.find(toks) == []
    assert fast.find(("let", "the", "you", "breathe")) == []
    for bad in ("a *!{two}", "a *!{missing}"):
        try:
            compile_patterns([bad], slots)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} compiled")
