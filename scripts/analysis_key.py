"""Where a call's full analysis (``coach analyze`` events) is cached: keyed by the files that analysis read.

One implementation for every tool that runs or finds a cached analysis (``scripts/eval_calls.py``; through it the
``--no-asr`` variant of ``scripts/eval_call_escalation.py``, ``scripts/eval_phrase_hearing.py`` and
``scripts/language_delay_parts.py``).

An analysis is named by two parts:

* the **stem**: the rendered audio, the ``--no-asr`` variant or not, and :func:`data_code` (every file of the
  product's ``coach`` package and ``models`` folder that is not Python source nor a Markdown page, the default
  configuration and every table and model among them, read from Python or from C, and the ``--config`` file);
* the **files it read**, measured: the analysis runs with ``analysis_deps/sitecustomize.py`` on its ``PYTHONPATH``,
  so each of its processes (the analyser and its decode children) lists the files it opens under the product's root
  (:func:`measured_files`): the modules it imported (a ``.pyc`` counts as its source) and the tables it read.

The events go to ``<events>/<call>[.noasr].<key>.jsonl`` (``key``: 16 hex digits of the stem and the list) and the
list with each file's sha256 to a manifest ``<events>/deps/<call>[.noasr].<stem>.<key>.json``. A lookup
(:func:`find_analysis`) takes the analysis whose manifest's files all hash the same now, so an edit to a module the
analysis never imports (a telephony socket, the server) keeps it, and an edit to any file it read, or to any data
file, does not. An analysis cached under the key before session 53 (:func:`tree_code`: every ``.py``, ``.toml`` and
``.onnx`` file of ``coach`` and ``models``) is taken over where that key still matches (:func:`adopt`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path

from analysis_deps.sitecustomize import DEPS_ENV, UNDER_ENV  # the harness's variables: one source

HARNESS = Path(__file__).resolve().parent / "analysis_deps"
"""The folder holding the measuring ``sitecustomize.py`` (put first on the analysis's ``PYTHONPATH``)."""
PRODUCT_DIRS = ("coach", "models")
"""The product's folders whose files an analysis's key reads: its package and its models."""
NOT_DATA = (".py", ".pyc", ".md")
"""Suffixes :func:`data_code` leaves to the measurement (source, its bytecode) or out (pages no analysis reads)."""
OLD_KEY_SUFFIXES = (".py", ".toml", ".onnx")
"""The suffixes of the files of :data:`PRODUCT_DIRS` the key before session 53 read (:func:`tree_code`)."""
KEY_DIGITS = 16
"""Hex digits of the stem and the key in the file names."""


def _product_files(product: Path) -> list[Path]:
    """The files of ``product``'s :data:`PRODUCT_DIRS`, bytecode caches left out, in path order."""
    files = [p for d in PRODUCT_DIRS for p in (product / d).rglob("*") if p.is_file()]
    return sorted(p for p in files if "__pycache__" not in p.parts)


def data_code(product: Path, config: Path | None = None) -> str:
    """sha256 of ``product``'s data: every file of its :data:`PRODUCT_DIRS` without a :data:`NOT_DATA` suffix (tables,
    ONNX graphs, the heads' JSON, tokenizers), by path and bytes, and the configuration file ``config`` (None: the
    defaults, already among them). Whole, not measured: a graph handed to ONNX Runtime by path is read from C, where
    no audit hook sees it."""
    digest = hashlib.sha256()
    for f in _product_files(product):
        if f.suffix not in NOT_DATA:
            digest.update(str(f.relative_to(product)).encode() + b"\0" + f.read_bytes())
    if config is not None:
        digest.update(b"config\0" + config.read_bytes())
    return digest.hexdigest()


def tree_code(product: Path, config: Path | None = None) -> str:
    """The key before session 53 (``eval_calls.product_hash`` then): sha256 of every ``.py``, ``.toml`` and ``.onnx``
    file of ``product``'s :data:`PRODUCT_DIRS` (imported by the analysis or not; the heads' ``.json`` not among them)
    and of the configuration file. Kept to find the analyses cached under it (:func:`adopt`)."""
    digest = hashlib.sha256()
    for f in _product_files(product):
        if f.suffix in OLD_KEY_SUFFIXES:
            digest.update(str(f.relative_to(product)).encode() + b"\0" + f.read_bytes())
    if config is not None:
        digest.update(config.read_bytes())
    return digest.hexdigest()


def file_sha(path: Path) -> str:
    """The sha256 of a file's bytes, in hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def source_of(path: Path) -> Path:
    """The file a read stands for: a module's source for its bytecode (``pkg/__pycache__/mod.cpython-311.pyc`` ->
    ``pkg/mod.py``), any other file itself."""
    if path.suffix == ".pyc" and path.parent.name == "__pycache__":
        return path.parent.parent / f"{path.name.split('.')[0]}.py"
    return path


def measured_files(folder: Path, product: Path) -> dict[str, str]:
    """The files under ``product``'s :data:`PRODUCT_DIRS` that the harness's lists in ``folder`` name (every process
    of the analysis; :func:`source_of` each), with their sha256 now, keyed by the path from ``product``."""
    root = product.resolve()
    files: dict[str, str] = {}
    for listing in sorted(folder.glob("*.txt")):
        for line in listing.read_text(encoding="utf-8").splitlines():
            path = source_of(Path(line))
            if not path.is_relative_to(root) or not path.is_file():
                continue
            rel = path.relative_to(root)
            if rel.parts[0] in PRODUCT_DIRS:
                files[rel.as_posix()] = file_sha(path)
    return dict(sorted(files.items()))


def files_hold(files: dict[str, str], product: Path) -> bool:
    """Whether every file of ``files`` (path from ``product`` -> sha256) is still there with the same bytes."""
    return all((product / rel).is_file() and file_sha(product / rel) == sha for rel, sha in files.items())


def _hex(*parts: bytes) -> str:
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:KEY_DIGITS]


class AnalysisCache:
    """The cached full analyses of one product tree and configuration in folder ``events``: ``variant`` "" (with
    transcription) or "noasr" (``coach analyze --no-asr``), each its own files."""

    def __init__(self, events: Path, product: Path, config: Path | None = None, variant: str = "") -> None:
        self.events, self.product, self.variant = events, product.resolve(), variant
        self.config = config.resolve() if config is not None else None
        self.manifests = events / "deps"

    @functools.cached_property
    def data(self) -> str:
        """:func:`data_code` of the tree and configuration, read once (a tool's run reads them once)."""
        return data_code(self.product, self.config)

    @functools.cached_property
    def old_code(self) -> str:
        """:func:`tree_code` of the tree and configuration, read once."""
        return tree_code(self.product, self.config)

    def _prefix(self, name: str) -> str:
        return f"{name}.{self.variant}" if self.variant else name

    def stem(self, name: str, flac: Path) -> str:
        """The call's stem: its audio, the variant and :func:`data_code` of the tree and configuration."""
        return _hex(flac.read_bytes(), self.variant.encode(), self.data.encode())

    def find(self, name: str, flac: Path) -> Path | None:
        """The events file of an analysis of call ``name`` (audio ``flac``) whose manifest's files all still hash the
        same in the product (:func:`files_hold`), or None. Manifests are tried in name order."""
        stem = self.stem(name, flac)
        for manifest in sorted(self.manifests.glob(f"{self._prefix(name)}.{stem}.*.json")):
            listed = json.loads(manifest.read_text(encoding="utf-8"))
            events = self.events / listed["events"]
            if events.is_file() and files_hold(listed["files"], self.product):
                return events
        return None

    def keep(self, name: str, flac: Path, ran: Path, files: dict[str, str]) -> Path:
        """File the events ``ran`` just written by an analysis that read ``files`` (:func:`measured_files`) under its
        key, with its manifest; returns the events file. Each written whole (others may run the same call)."""
        stem = self.stem(name, flac)
        text = json.dumps(files, sort_keys=True)
        key = _hex(stem.encode(), text.encode())
        events = self.events / f"{self._prefix(name)}.{key}.jsonl"
        os.replace(ran, events)
        self._manifest(name, stem, key, events, files, adopted=False)
        return events

    def _manifest(self, name: str, stem: str, key: str, events: Path, files: dict[str, str], adopted: bool) -> None:
        self.manifests.mkdir(parents=True, exist_ok=True)
        manifest = self.manifests / f"{self._prefix(name)}.{stem}.{key}.json"
        tmp = manifest.with_name(f".{manifest.name}.{os.getpid()}.tmp")
        listed = {"adopted": adopted, "data": self.data, "events": events.name, "files": files, "variant": self.variant}
        tmp.write_text(json.dumps(listed, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(tmp, manifest)

    def old_path(self, name: str, flac: Path) -> Path:
        """Where the analysis was cached before session 53: keyed by the audio and :func:`tree_code`."""
        tail = b"no-asr" if self.variant else b""
        key = hashlib.sha256(flac.read_bytes() + self.old_code.encode() + tail).hexdigest()[:KEY_DIGITS]
        return self.events / f"{self._prefix(name)}.{key}.jsonl"

    def _adopted_elsewhere(self, name: str, old: Path) -> bool:
        """Whether the old-key events ``old`` were already taken over under other :attr:`data` (tables, heads, the
        configuration): the old key leaves the heads' ``.json`` out, so it matches still after a head is refitted;
        the data they were first taken over with is the data they were made with, as near as can be told."""
        for manifest in self.manifests.glob(f"{self._prefix(name)}.*.json"):
            listed = json.loads(manifest.read_text(encoding="utf-8"))
            if listed.get("adopted") and listed.get("events") == old.name and listed.get("data") != self.data:
                return True
        return False

    def _data_since(self, old: Path) -> bool:
        """Whether a data file the old key leaves out (a head's ``.json``: a file of :data:`PRODUCT_DIRS` without an
        :data:`OLD_KEY_SUFFIXES` or :data:`NOT_DATA` suffix) was written after the old-key events ``old``: they may
        have been made with it as it was before."""
        made = old.stat().st_mtime
        skip = (*OLD_KEY_SUFFIXES, *NOT_DATA)
        return any(f.stat().st_mtime > made for f in _product_files(self.product) if f.suffix not in skip)

    def measured_reads(self) -> dict[str, str] | None:
        """What analyses at this tree were measured to read: the union of the files of every manifest of this variant
        and :attr:`data` written after a run (not a take-over) whose files all hold now, any call; None where there
        is none."""
        union: dict[str, str] = {}
        now: dict[str, str | None] = {}
        for manifest in sorted(self.manifests.glob("*.json")):
            listed = json.loads(manifest.read_text(encoding="utf-8"))
            if (listed.get("data"), listed.get("variant"), listed.get("adopted")) != (self.data, self.variant, False):
                continue
            for rel in listed["files"]:
                if rel not in now:
                    now[rel] = file_sha(self.product / rel) if (self.product / rel).is_file() else None
            if all(now[rel] == sha for rel, sha in listed["files"].items()):
                union |= listed["files"]
        return dict(sorted(union.items())) or None

    def every_source(self) -> dict[str, str]:
        """Every ``.py`` file of the product's :data:`PRODUCT_DIRS` with its sha256: what the key before session 53
        covered of the code, whether an analysis imports it or not."""
        files = _product_files(self.product)
        return {f.relative_to(self.product).as_posix(): file_sha(f) for f in files if f.suffix == ".py"}

    def adopt(self, name: str, flac: Path) -> Path | None:
        """Take over the analysis cached before session 53 (:meth:`old_path`) where the old key still matches this tree
        (this very code made it): a manifest naming it, its events file keeping its name (the escalation replay's
        saved inputs are keyed by that name). Listed with what analyses at this tree were measured to read
        (:meth:`measured_reads`), else, where none was measured yet, with :meth:`every_source` (the old key's
        reach: any code edit re-keys it, as before). Not where it was taken over under other data already
        (:meth:`_adopted_elsewhere`: a head refitted since), nor where such a file is newer than it
        (:meth:`_data_since`). Returns it, or None."""
        old = self.old_path(name, flac)
        if not old.is_file() or self._adopted_elsewhere(name, old) or self._data_since(old):
            return None
        files = self.measured_reads() or self.every_source()
        self._manifest(name, self.stem(name, flac), old.name.split(".")[-2], old, files, adopted=True)
        return old


def measured_env(product: Path, folder: Path) -> dict[str, str]:
    """The environment an analysis of ``product`` runs in so its processes list their reads in ``folder``: this
    process's, with the harness and ``product`` on ``PYTHONPATH`` (in that order) and the harness's variables."""
    path = f"{HARNESS}{os.pathsep}{product}"
    return os.environ | {"PYTHONPATH": path, DEPS_ENV: str(folder), UNDER_ENV: str(product.resolve())}
