"""The rewritten ONNX graphs kept on disk (``coach/graph_cache.py``): the bytes a later process reads
are exactly those the rewrite returned, another model or rewrite never reads them, and a cache that
cannot be written changes nothing but the cost."""

from __future__ import annotations

import ast
import importlib.util
import inspect
import os
import pwd
import subprocess
import sys
import types
from pathlib import Path

import pytest

from coach.classify.int8_probe import probe_graph
from coach.classify.minilm import fused_int8_graph, fused_signed_graph, int8_matmul_graph, signed_int8_graph
from coach.graph_cache import CHECK_BYTES, KEEP_KEYS, SUBFOLDER, cache_key, cached_graph
from coach.vad.silero import default_model_path, lane_batched_graph


def counting():
    """A rewrite that appends a marker to the source's bytes; its ``calls`` counts its calls."""

    def rewrite(source: Path) -> bytes:
        rewrite.calls += 1
        return source.read_bytes() + b"|rewritten"

    rewrite.calls = 0
    return rewrite


def rewrite_to_none(source: Path) -> None:
    """A rewrite whose ``onnx`` is missing."""
    return None


def _source(tmp_path: Path, content: bytes = b"graph-1") -> Path:
    path = tmp_path / "model.onnx"
    path.write_bytes(content)
    return path


def test_a_stored_graph_is_read_back_without_rewriting(tmp_path: Path) -> None:
    source, folder, rewrite = _source(tmp_path), tmp_path / "cache", counting()
    first = cached_graph(source, rewrite, folder=folder)
    second = cached_graph(source, rewrite, folder=folder)
    assert first == second == b"graph-1|rewritten"
    assert rewrite.calls == 1
    assert len(list(folder.glob("*.onnx"))) == 1


def test_a_changed_model_is_rewritten_and_its_old_graph_kept_until_newer_ones_push_it_out(tmp_path: Path) -> None:
    source, folder, rewrite = _source(tmp_path), tmp_path / "cache", counting()
    for n in range(1, KEEP_KEYS + 2):
        source.write_bytes(b"graph-%d" % n)
        assert cached_graph(source, rewrite, folder=folder) == b"graph-%d|rewritten" % n
        for f in folder.glob("*.onnx"):
            if f.stat().st_mtime > 10_000:  # the file just stored: used at second 1000 + n
                os.utime(f, (1000 + n, 1000 + n))
    assert rewrite.calls == KEEP_KEYS + 1
    kept = sorted(p.read_bytes()[:-CHECK_BYTES] for p in folder.glob("*.onnx"))
    assert kept == sorted(b"graph-%d|rewritten" % n for n in range(2, KEEP_KEYS + 2))  # the first one went


def _tree_rewrite(root: Path, comment: str) -> types.ModuleType:
    """``rw.graph``, a counting rewrite (``rw.CALLS``), loaded from the file ``root/rw.py`` (the same module name
    and function in every tree; ``comment`` makes one tree's text differ from another's)."""
    path = root / "rw.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"# {comment}\nCALLS = 0\n\n\ndef graph(source):\n    global CALLS\n    CALLS += 1\n"
        "    return source.read_bytes() + b'|tree'\n"
    )
    spec = importlib.util.spec_from_file_location("rw", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_two_trees_sharing_the_cache_keep_a_graph_each(tmp_path: Path) -> None:
    """Two checkouts whose rewrite modules differ (one edited) removed each other's file on storing theirs, so each
    start of either rewrote the model."""
    source, folder = _source(tmp_path), tmp_path / "cache"
    a, b = _tree_rewrite(tmp_path / "a", "tree a"), _tree_rewrite(tmp_path / "b", "tree b, edited")
    for rewrite in (a.graph, b.graph, a.graph, b.graph):
        assert cached_graph(source, rewrite, folder=folder) == b"graph-1|tree"
    assert (a.CALLS, b.CALLS) == (1, 1)
    assert len(list(folder.glob("*.onnx"))) == 2


def test_keys_beyond_the_most_recently_used_give_their_files_up(tmp_path: Path) -> None:
    """A deleted worktree's file does not stay for ever: past KEEP_KEYS keys, the least recently used goes."""
    source, folder = _source(tmp_path), tmp_path / "cache"
    trees = [_tree_rewrite(tmp_path / f"t{i}", f"tree {i}") for i in range(KEEP_KEYS + 1)]
    for i, tree in enumerate(trees[:KEEP_KEYS]):
        cached_graph(source, tree.graph, folder=folder)
        for f in folder.glob("*.onnx"):
            if f.stat().st_mtime > 10_000:  # the file just stored: tree i's, used at second 1000 + i
                os.utime(f, (1000 + i, 1000 + i))
    cached_graph(source, trees[0].graph, folder=folder)  # tree 0 used again now: tree 1's file is the oldest
    cached_graph(source, trees[-1].graph, folder=folder)
    assert len(list(folder.glob("*.onnx"))) == KEEP_KEYS
    for tree in [trees[0], *trees[2:]]:
        cached_graph(source, tree.graph, folder=folder)
        assert tree.CALLS == 1  # still cached
    cached_graph(source, trees[1].graph, folder=folder)
    assert trees[1].CALLS == 2  # its file went


def test_the_key_names_the_model_and_the_rewrite(tmp_path: Path) -> None:
    source = _source(tmp_path)
    other = tmp_path / "other.onnx"
    other.write_bytes(b"graph-2")
    key = cache_key(source, counting())
    assert key == cache_key(source, counting())
    assert key != cache_key(other, counting())
    assert key != cache_key(source, rewrite_to_none)


def test_nothing_is_cached_when_the_rewrite_gives_none(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    assert cached_graph(_source(tmp_path), rewrite_to_none, folder=folder) is None
    assert not folder.exists() or not any(folder.iterdir())


def test_a_rewrite_compiled_from_a_string_is_run_each_time_and_nothing_cached(tmp_path: Path) -> None:
    """Its module has no source file, so no key covers its code (``python -c``, a notebook)."""
    space: dict = {}
    exec(compile("def rewrite(source):\n    return source.read_bytes() + b'|x'\n", "<generated>", "exec"), space)
    source, folder = _source(tmp_path), tmp_path / "cache"
    assert cache_key(source, space["rewrite"]) is None
    assert cached_graph(source, space["rewrite"], folder=folder) == b"graph-1|x"
    assert not folder.exists()


def test_an_unwritable_cache_only_costs_the_rewrite(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_bytes(b"")  # a file where the folder should be: mkdir fails
    source, rewrite = _source(tmp_path), counting()
    assert cached_graph(source, rewrite, folder=blocked / "cache") == b"graph-1|rewritten"
    assert cached_graph(source, rewrite, folder=blocked / "cache") == b"graph-1|rewritten"
    assert rewrite.calls == 2


def test_a_user_with_no_home_folder_only_costs_the_rewrite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No ``$COACH_CACHE``, no ``$HOME`` and no passwd entry (a container run as an arbitrary user id): the VAD of a
    ``coach analyze --no-asr`` needs no cache folder, so none is required."""

    def no_entry(uid: int) -> pwd.struct_passwd:
        raise KeyError(uid)

    monkeypatch.delenv("COACH_CACHE", raising=False)
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    source, rewrite = _source(tmp_path), counting()
    assert cached_graph(source, rewrite) == b"graph-1|rewritten"
    assert rewrite.calls == 1


def test_the_silero_lane_graph_from_the_cache_is_the_rewrite(tmp_path: Path) -> None:
    model = default_model_path()
    fresh = lane_batched_graph(model)
    assert fresh is not None
    assert cached_graph(model, lane_batched_graph, folder=tmp_path) == fresh  # computed and stored
    assert cached_graph(model, lane_batched_graph, folder=tmp_path) == fresh  # read back


def test_a_warm_cache_builds_the_vad_in_a_new_process_without_importing_onnx(tmp_path: Path) -> None:
    """What the cache is for: a process start (here the VAD's session, as ``coach analyze`` builds it)
    reads the stored graph and never imports ``onnx`` (~0.6 CPU-s)."""
    cached_graph(default_model_path(), lane_batched_graph, folder=tmp_path / SUBFOLDER)  # as an earlier start
    code = (
        "import sys; from coach.vad.silero import SileroModel; model = SileroModel(); "
        "print(model.lanes_together, 'onnx' in sys.modules)"
    )
    env = {**os.environ, "COACH_CACHE": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b"",  # renamed before the disk had its bytes, then a crash
        lambda b: b[: len(b) // 2],  # cut short
        lambda b: b[:3] + bytes([b[3] ^ 1]) + b[4:],  # one bit of the graph flipped
        lambda b: b[:-1] + bytes([b[-1] ^ 1]),  # one bit of the check flipped
    ],
    ids=["empty", "cut-short", "graph-bit", "check-bit"],
)
def test_a_damaged_cached_graph_is_rewritten_and_stored_again_never_returned(tmp_path: Path, damage) -> None:
    source, folder, rewrite = _source(tmp_path), tmp_path / "cache", counting()
    cached_graph(source, rewrite, folder=folder)
    (stored,) = folder.glob("*.onnx")
    stored.write_bytes(damage(stored.read_bytes()))
    assert cached_graph(source, rewrite, folder=folder) == b"graph-1|rewritten"
    assert rewrite.calls == 2
    assert cached_graph(source, rewrite, folder=folder) == b"graph-1|rewritten"  # mended on disk
    assert rewrite.calls == 2


def _coach_imports(module: types.ModuleType) -> set[str]:
    """Names ``module`` binds by ``from coach... import`` (at any depth of its source)."""
    tree = ast.parse(inspect.getsource(module))
    return {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "coach"
        for alias in node.names
    }


def _names_used(function: types.FunctionType) -> set[str]:
    """Global names ``function`` reads, with those of the same module's functions it reads, transitively."""
    module = sys.modules[function.__module__]
    seen: set[str] = set()
    todo = [function.__code__]
    while todo:
        code = todo.pop()
        todo += [c for c in code.co_consts if isinstance(c, types.CodeType)]
        for name in code.co_names:
            if name in seen:
                continue
            seen.add(name)
            value = getattr(module, name, None)
            if isinstance(value, types.FunctionType) and value.__module__ == module.__name__:
                todo.append(value.__code__)
    return seen


@pytest.mark.parametrize(
    "rewrite",
    [lane_batched_graph, int8_matmul_graph, fused_int8_graph, fused_signed_graph, signed_int8_graph, probe_graph],
)
def test_the_products_rewrites_take_nothing_from_other_coach_modules(rewrite) -> None:
    """The cache key holds the text of the rewrite's own module only: a helper or constant the rewrite took
    from another ``coach`` module could change without the graph being built anew."""
    module = sys.modules[rewrite.__module__]
    assert not _names_used(rewrite) & _coach_imports(module)


def test_the_import_check_sees_a_name_taken_from_another_coach_module() -> None:
    """The check above can fail: MiniLM's embedder (not a rewrite) uses ``get_session`` from
    ``coach.classify.onnx_session``."""
    from coach.classify.minilm import SentenceEmbedder

    module = sys.modules[SentenceEmbedder.__module__]
    assert "get_session" in _names_used(SentenceEmbedder.__init__) & _coach_imports(module)
