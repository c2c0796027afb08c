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
    one object: a slot's words are parsed again at every use, and ``PlainWalk`` remembers a subtree's walks by the
    object, so that a slot that many patterns start with is walked once for the same words."""
    table: dict[tuple, _Node] = {}

    def shared(node: _Node) -> _Node:
        parts = tuple(shared(p) for p in node.parts)
        key = (node.op, node.token, node.but, node.first, node.gated, tuple(map(id, parts)))
        return table.setdefault(key, replace(node, parts=parts))

    return [(source, shared(_Parser(source, slots, ()).whole())) for source in sources]


ONE_WORD = frozenset({"word", "any", "any_s", "any_but"})
"""The nodes that take exactly one word."""
END = object()
"""``PlainWalk``'s symbol for the position after the last word (the tokens have run out there)."""


def one_word_end(node: _Node, toks: tuple[str, ...], i: int) -> int | None:
    """Where a one-word node (``ONE_WORD``) started at a word ``i`` (``0 <= i < len(toks)``) ends, or ``None``."""
    t = toks[i]
    if node.op == "word":
        ok = t == node.token
    elif node.op == "any_s":
        ok = len(t) > 2 and t.endswith("'s")
    else:
        ok = node.op == "any" or t not in node.but
    return i + 1 if ok else None


class PlainWalk:
    """The matcher before its shortcuts: every pattern tried at every word, every part of a sequence or of an
    alternative visited (a one-word part matched in place), on trees without the start annotations.

    One object per test, its memory kept across sentences and prefixes. A walk of a subtree from word ``i`` gives
    the same ends (relative to ``i``) wherever the same words follow ``i``: it reads nothing else. So each
    alternative's walk (a slot or a group, most of them shared by many patterns) is remembered by the words it
    read, from ``i`` to the furthest position it looked at (``END`` where that is past the last word), in a trie per
    subtree object; a later walk from any word of any sentence takes it when the same words come. Walks are
    deterministic, so the words one walk read are never a strict start of those another read (the keys are
    prefix-free). The same answers as walking again (session 58, A52: the sample's every sentence and prefix,
    both ways at once, identical)."""

    def __init__(self) -> None:
        self.tries: dict[int, dict] = {}

    def ends(self, node: _Node, toks: tuple[str, ...], i: int) -> tuple[set[int], int]:
        """Where ``node`` (a sequence or an alternative) started at ``i`` can end (``OPEN``: it ran out of words),
        and the furthest position it read (``len(toks)``: it looked past the last word; -1: none)."""
        n = len(toks)
        if i == OPEN:
            return {OPEN}, -1
        remember = node.op == "alt"
        if remember:
            branch, j = self.tries.get(id(node)), i
            while branch is not None:
                known = branch.get(toks[j] if j < n else END)
                if type(known) is tuple:
                    return {e if e == OPEN else e + i for e in known}, j
                branch, j = known, j + 1
        found, far = (set(), -1) if node.op == "alt" else ({i}, -1)
        for part in node.parts:
            starts = (i,) if node.op == "alt" else found
            reached: set[int] = set()
            for p in starts:
                if p == OPEN:
                    reached.add(OPEN)
                elif part.op not in ONE_WORD:
                    got, read = self.ends(part, toks, p)
                    reached |= got
                    far = max(far, read)
                elif p >= len(toks):
                    reached.add(OPEN)
                    far = max(far, p)
                else:
                    end = one_word_end(part, toks, p)
                    if end is not None:
                        reached.add(end)
                    far = max(far, p)
            if node.op == "alt":
                found |= reached
                continue
            found = reached
            if not found:  # no walk left: the later parts would see no position (session 47, T6: ~-20 % CPU)
                break
        if remember and far >= i:
            branch = self.tries.setdefault(id(node), {})
            for j in range(i, far):
                branch = branch.setdefault(toks[j] if j < n else END, {})
            branch[toks[far] if far < n else END] = tuple(e if e == OPEN else e - i for e in found)
        return found, far

    def pattern_ends(self, node: _Node, toks: tuple[str, ...], a: int) -> set[int]:
        """Where the whole pattern ``node`` started at ``a`` can end."""
        if node.op not in ONE_WORD:
            return self.ends(node, toks, a)[0]
        if a >= len(toks):
            return {OPEN}
        end = one_word_end(node, toks, a)
        return set() if end is None else {end}

    def find(self, patterns: list[tuple[str, _Node]], toks: tuple[str, ...]) -> list[tuple[int, int, str]]:
        """Every pattern tried at every word: the matches, as ``PhraseSet.find`` lists them."""
        out = []
        for a in range(len(toks)):
            for source, node in patterns:
                found = self.pattern_ends(node, toks, a)
                if found:
                    out.extend((a, b, source) for b in sorted(found) if b > a)
        return out

    def could_cover(self, patterns: list[tuple[str, _Node]], toks: tuple[str, ...]) -> list[bool]:
        """For each committed prefix ``toks[:b]``, ``b`` = 1 .. ``len(toks)``, shortest first: whether a pattern started
        at a word before ``b`` runs out of it. Each pattern is tried at each start once, then again on each longer
        prefix only while it runs out: a walk that does not run out read no word past its prefix (an ``OPEN``
        reached is carried to the end of every walk that read past it), so it ends alike on every longer one."""
        out: list[bool] = []
        running: list[tuple[int, _Node]] = []
        for b in range(1, len(toks) + 1):
            prefix = toks[:b]
            tried = [*running, *((b - 1, node) for _, node in patterns)]
            running = [(s, node) for s, node in tried if OPEN in self.pattern_ends(node, prefix, s)]
            out.append(bool(running))
        return out


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
    walk = PlainWalk()
    checked = 0
    for n, text in enumerate(lines):
        for s in sentences(text):
            toks = s.tokens
            assert fast.find(toks) == walk.find(plain, toks), text
            if n % 8:
                continue
            for b, covered in enumerate(walk.could_cover(plain, toks), 1):  # every committed prefix of every 8th line
                assert fast.could_cover(toks[:b], 0, b) == covered, (text, b)
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
