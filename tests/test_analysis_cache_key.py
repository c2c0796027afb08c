"""A call's cached full analysis (``scripts/eval_calls.py``, ``scripts/analysis_key.py``) is keyed by the files that
analysis read (session 53, R17).

It was keyed by every ``.py``, ``.toml`` and ``.onnx`` file of ``coach`` and ``models``: an edit to a telephony
socket or the server re-keyed every cached analysis (1-3 CPU-minutes a call), and the heads' ``models/*.json`` were
not in it at all (a retrained head's analyses were served from before). Small trees in ``tmp_path``; the measuring
harness runs in real Python processes (a parent and a child, ~0.1 s each); nothing is analysed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import analysis_key as K  # noqa: E402
import eval_calls as C  # noqa: E402

RUN = """
import subprocess, sys, tomllib
import coach.engine
if len(sys.argv) > 1:
    tomllib.loads(open("coach/table.toml").read())
    subprocess.run([sys.executable, "-c", "import coach.child"], check=True)
open("out.txt", "w").write("written, not read")
"""
"""What an "analysis" of the small tree does: imports a module, with an argument also reads a table and starts a
child process that imports another (as the decode children do); writes a file (never listed)."""


def _product(root: Path) -> Path:
    """A product tree: modules the run imports and one it never does, a table, a head, a model card, a graph."""
    for rel, text in {
        "coach/__init__.py": "",
        "coach/engine.py": "BEAM = 5\n",
        "coach/child.py": "CHILD = 1\n",
        "coach/telephony.py": "PORT = 1\n",
        "coach/table.toml": "threshold = 1\n",
        "coach/default_config.toml": "[vad]\n",
        "models/head.json": '{"w": [1]}',
        "models/graph.onnx": "graph",
        "models/head.md": "a model card",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def _rewrite(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` and move its modification time on: Python trusts a module's cached bytecode while the
    source's size and mtime second match, so an edit of the same size in the same second would run the old code."""
    mtime = path.stat().st_mtime if path.exists() else 0.0
    path.write_text(text, encoding="utf-8")
    os.utime(path, (mtime + 10, mtime + 10))


def _measure(product: Path, tmp_path: Path, *args: str) -> dict[str, str]:
    """Run :data:`RUN` in ``product`` as ``eval_calls.analyse`` runs an analysis; the files it read."""
    reads = Path(tempfile.mkdtemp(dir=tmp_path))
    env = K.measured_env(product, reads)
    subprocess.run([sys.executable, "-c", RUN, *args], cwd=product, env=env, check=True)
    return K.measured_files(reads, product)


def test_the_harness_lists_the_modules_and_tables_every_process_read(tmp_path: Path) -> None:
    product = _product(tmp_path / "p")
    files = _measure(product, tmp_path, "table")
    assert set(files) == {"coach/__init__.py", "coach/engine.py", "coach/table.toml", "coach/child.py"}
    assert files["coach/engine.py"] == K.file_sha(product / "coach/engine.py")
    assert set(_measure(product, tmp_path)) == {"coach/__init__.py", "coach/engine.py"}  # no table, no child


def test_the_data_key_takes_tables_heads_graphs_and_the_configuration_not_code_nor_pages(tmp_path: Path) -> None:
    product = _product(tmp_path / "p")
    key = K.data_code(product)
    for rel in ("coach/table.toml", "coach/default_config.toml", "models/head.json", "models/graph.onnx"):
        before = (product / rel).read_text(encoding="utf-8")
        (product / rel).write_text(before + " ", encoding="utf-8")
        assert K.data_code(product) != key, rel
        (product / rel).write_text(before, encoding="utf-8")
    for rel in ("coach/telephony.py", "coach/engine.py", "models/head.md"):
        (product / rel).write_text("changed\n", encoding="utf-8")
    assert K.data_code(product) == key  # code is measured per analysis; a model card is read by no analysis
    config = tmp_path / "c.toml"
    config.write_text("[vad]\nthreshold = 0.4\n", encoding="utf-8")
    assert K.data_code(product, config) != key


def _analysed(product: Path, tmp_path: Path, events: Path) -> tuple[K.AnalysisCache, Path, Path]:
    """A call ``c7_kiln`` analysed by :data:`RUN` (it read the table) and kept in ``events``."""
    flac = tmp_path / "c7_kiln.flac"
    flac.write_bytes(b"audio")
    ran = events / ".ran.tmp"
    events.mkdir(exist_ok=True)
    ran.write_text("{}\n", encoding="utf-8")
    cache = K.AnalysisCache(events, product)
    return cache, flac, cache.keep("c7_kiln", flac, ran, _measure(product, tmp_path, "table"))


def test_an_analysis_holds_while_the_files_it_read_and_the_data_are_unchanged(tmp_path: Path) -> None:
    product = _product(tmp_path / "p")
    events = tmp_path / "events"
    cache, flac, kept = _analysed(product, tmp_path, events)
    assert C.analysis_of_record("c7_kiln", kept)  # named as before: the tools that read the newest one find it
    assert K.AnalysisCache(events, product).find("c7_kiln", flac) == kept
    (product / "coach/telephony.py").write_text("PORT = 2\n", encoding="utf-8")
    (product / "models/head.md").write_text("a longer model card\n", encoding="utf-8")
    assert K.AnalysisCache(events, product).find("c7_kiln", flac) == kept  # never read by the analysis
    for rel in ("coach/engine.py", "coach/child.py", "coach/table.toml", "models/head.json"):
        before = (product / rel).read_text(encoding="utf-8")
        (product / rel).write_text(before + " ", encoding="utf-8")
        assert K.AnalysisCache(events, product).find("c7_kiln", flac) is None, rel  # read, or data
        (product / rel).write_text(before, encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text("[vad]\n", encoding="utf-8")
    assert K.AnalysisCache(events, product, config).find("c7_kiln", flac) is None
    assert K.AnalysisCache(events, product, variant="noasr").find("c7_kiln", flac) is None
    flac.write_bytes(b"other audio")
    assert K.AnalysisCache(events, product).find("c7_kiln", flac) is None


def test_an_analysis_cached_under_the_old_key_is_taken_over_where_that_key_still_matches(tmp_path: Path) -> None:
    """Cached before session 53 under every ``coach`` file: kept, with its name, where that key matches the tree (this
    very code made it); listed with what an analysis at this tree was measured to read, or, before any was, with
    every source file (the old key's reach); a stale one is not taken."""
    product = _product(tmp_path / "p")
    events = tmp_path / "events"
    events.mkdir()
    flac = tmp_path / "c8_kiln.flac"
    flac.write_bytes(b"more audio")
    K.AnalysisCache(events, product).old_path("c8_kiln", flac).write_text("{}\n", encoding="utf-8")
    (product / "coach/engine.py").write_text("BEAM = 1\n", encoding="utf-8")
    assert K.AnalysisCache(events, product).adopt("c8_kiln", flac) is None  # made by other code
    old = K.AnalysisCache(events, product).old_path("c8_kiln", flac)
    old.write_text('{"old": 1}\n', encoding="utf-8")
    assert K.AnalysisCache(events, product).find("c8_kiln", flac) is None
    assert K.AnalysisCache(events, product).adopt("c8_kiln", flac) == old  # nothing measured yet: every source
    assert K.AnalysisCache(events, product).find("c8_kiln", flac) == old
    (product / "coach/telephony.py").write_text("PORT = 2\n", encoding="utf-8")
    assert K.AnalysisCache(events, product).find("c8_kiln", flac) is None  # as the old key would
    (product / "coach/telephony.py").write_text("PORT = 1\n", encoding="utf-8")
    for manifest in (events / "deps").glob("*.json"):
        manifest.unlink()
    _analysed(product, tmp_path, events)  # another call analysed at this tree: what it read is measured
    assert K.AnalysisCache(events, product).adopt("c8_kiln", flac) == old
    (product / "coach/telephony.py").write_text("PORT = 2\n", encoding="utf-8")
    assert K.AnalysisCache(events, product).find("c8_kiln", flac) == old  # the old key changed, what it read did not
    (product / "coach/child.py").write_text("CHILD = 2\n", encoding="utf-8")
    assert K.AnalysisCache(events, product).find("c8_kiln", flac) is None


def test_the_old_key_is_the_one_the_cache_was_written_under(tmp_path: Path) -> None:
    """:func:`analysis_key.tree_code` is byte for byte the key ``eval_calls.product_hash`` computed before session 53
    (sha256 over each ``.py``/``.toml``/``.onnx`` file's path and bytes, then the configuration's bytes)."""
    import hashlib

    product = _product(tmp_path / "p")
    digest = hashlib.sha256()
    old = ("__init__.py", "child.py", "default_config.toml", "engine.py", "table.toml", "telephony.py")
    for rel in [*(f"coach/{f}" for f in old), "models/graph.onnx"]:
        digest.update(rel.encode() + b"\0" + (product / rel).read_bytes())
    assert K.tree_code(product) == digest.hexdigest()


@pytest.mark.parametrize("variant", ["", "noasr"])
def test_the_manifest_names_the_events_and_the_data_it_was_made_with(tmp_path: Path, variant: str) -> None:
    product = _product(tmp_path / "p")
    events = tmp_path / "events"
    events.mkdir()
    flac = tmp_path / "c7_kiln.flac"
    flac.write_bytes(b"audio")
    ran = events / ".ran.tmp"
    ran.write_text("{}\n", encoding="utf-8")
    cache = K.AnalysisCache(events, product, variant=variant)
    kept = cache.keep("c7_kiln", flac, ran, {"coach/engine.py": K.file_sha(product / "coach/engine.py")})
    (manifest,) = (events / "deps").glob("*.json")
    listed = json.loads(manifest.read_text(encoding="utf-8"))
    assert listed["events"] == kept.name and listed["data"] == K.data_code(product)
    assert kept.name.startswith("c7_kiln.noasr." if variant else "c7_kiln.") and kept.name.count(".") == (
        3 if variant else 2
    )


CLI = """
import json, sys
import coach.engine

def main():
    args = sys.argv[1:]
    with open("runs.txt", "a") as runs:
        runs.write("run\\n")
    out = args[args.index("--events") + 1]
    event = {"type": "nudge", "beam": coach.engine.BEAM, "asr": "--no-asr" not in args}
    open(out, "w").write(json.dumps(event) + "\\n")
    return 0
"""
"""A stand-in ``coach.cli`` for :func:`eval_calls.analyse`: counts its runs, writes one event."""


def test_analyse_runs_once_and_again_only_after_a_change_to_what_it_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    product = _product(tmp_path / "p")
    (product / "coach/cli.py").write_text(CLI, encoding="utf-8")
    monkeypatch.setattr(C, "RENDER_DIR", tmp_path)
    monkeypatch.setattr(C, "EVENTS_DIR", tmp_path / "events")
    (tmp_path / "c7_kiln.flac").write_bytes(b"audio")

    def runs() -> int:
        return len((product / "runs.txt").read_text(encoding="utf-8").splitlines())

    assert C.analyse("c7_kiln", None, product, cached_only=True) is None
    assert C.analyse("c7_kiln", None, product) == [{"type": "nudge", "beam": 5, "asr": True}]
    assert C.analyse("c7_kiln", None, product) == [{"type": "nudge", "beam": 5, "asr": True}] and runs() == 1
    (product / "coach/telephony.py").write_text("PORT = 2\n", encoding="utf-8")
    assert C.analyse("c7_kiln", None, product, cached_only=True) is not None and runs() == 1
    assert C.analyse("c7_kiln", None, product, no_asr=True) == [{"type": "nudge", "beam": 5, "asr": False}]
    assert runs() == 2
    _rewrite(product / "coach/engine.py", "BEAM = 1\n")
    assert C.analyse("c7_kiln", None, product, cached_only=True) is None
    assert C.analyse("c7_kiln", None, product) == [{"type": "nudge", "beam": 1, "asr": True}] and runs() == 3
    assert C.newest_analysis("c7_kiln") is not None


def _old_analysis(tmp_path: Path) -> tuple[Path, Path, Path, Path]:
    """A product, its events folder, a call's audio and that call's analysis cached under the old key (not yet taken
    over): ``(product, events, flac, old)``."""
    product = _product(tmp_path / "p")
    events = tmp_path / "events"
    events.mkdir()
    flac = tmp_path / "c8_kiln.flac"
    flac.write_bytes(b"more audio")
    old = K.AnalysisCache(events, product).old_path("c8_kiln", flac)
    old.write_text("{}\n", encoding="utf-8")
    return product, events, flac, old


def test_a_taken_over_analysis_is_not_taken_over_again_under_other_data(tmp_path: Path) -> None:
    """The old key leaves the heads' ``.json`` out: after a head is refitted it still matches, so the analysis taken
    over under the head it was made with is not taken over again under the new one (R18, session 53); the old head
    back, it is found again."""
    product, events, flac, old = _old_analysis(tmp_path)
    assert K.AnalysisCache(events, product).adopt("c8_kiln", flac) == old
    head = product / "models/head.json"
    before = head.read_text(encoding="utf-8")
    head.write_text('{"w": [2]}', encoding="utf-8")
    refitted = K.AnalysisCache(events, product)
    assert refitted.old_path("c8_kiln", flac) == old  # the old key cannot tell
    assert refitted.find("c8_kiln", flac) is None and refitted.adopt("c8_kiln", flac) is None
    head.write_text(before, encoding="utf-8")
    assert K.AnalysisCache(events, product).find("c8_kiln", flac) == old


def test_an_old_analysis_older_than_a_head_is_not_taken_over(tmp_path: Path) -> None:
    """A head refitted after the old-key analysis was made, before anything took it over: the old key still matches,
    the head's file is newer than the analysis, so it is not taken over (R18's case before a first take-over)."""
    product, events, flac, old = _old_analysis(tmp_path)
    _rewrite(product / "models/head.json", '{"w": [2]}')
    assert K.AnalysisCache(events, product).old_path("c8_kiln", flac) == old  # the old key cannot tell
    assert K.AnalysisCache(events, product).adopt("c8_kiln", flac) is None
    os.utime(old, (old.stat().st_mtime + 20, old.stat().st_mtime + 20))  # made after the refit: taken over
    assert K.AnalysisCache(events, product).adopt("c8_kiln", flac) == old
