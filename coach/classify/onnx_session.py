"""Process-wide cache of ONNX Runtime sessions for the classifier models.

A model file is loaded once per process and path (guarded by a lock); callers keep their per-call
state elsewhere. ``InferenceSession.run`` is thread-safe, so one session serves every call.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import onnxruntime as ort

from coach import errors
from coach.graph_cache import cached_graph

MODELS_DIR = Path(__file__).resolve().parents[2] / "models"
"""The repository's ``models/`` folder, where the committed ONNX files live."""

_LOCK = threading.Lock()
_SESSIONS: dict[tuple[str, int, Callable[[Path], bytes] | None], ort.InferenceSession] = {}
"""Sessions by (resolved model path, intra-op threads, the rewrite function itself: not its name, which another
tree's copy of the module shares, ``scripts/bench_escalation.py`` comparing two trees' MiniLM in one process)."""


class ModelMissingError(errors.ModelMissingError, FileNotFoundError):
    """A model file is absent; the message names the command that rebuilds it.

    A :class:`coach.errors.ModelMissingError` (so the command line prints it as one line, exit 2, where a
    bare ``FileNotFoundError`` printed a traceback) and still a ``FileNotFoundError`` for callers that catch that.
    """


def require_file(path: Path, rebuild_hint: str) -> Path:
    """Return ``path`` if it is a file, else raise :class:`ModelMissingError` naming ``rebuild_hint``."""
    if not path.is_file():
        raise ModelMissingError(f"model file {path} is missing; rebuild it with: {rebuild_hint}")
    return path


def get_session(
    path: Path, rebuild_hint: str, *, threads: int = 1, rewrite: Callable[[Path], bytes] | None = None
) -> ort.InferenceSession:
    """The shared CPU session for ``path`` (created on first use with ``threads`` intra-op threads).
    ``rewrite``, if given, turns the file into the serialised graph that is actually loaded (once per
    process, path and rewrite function; kept on disk by :func:`coach.graph_cache.cached_graph`,
    so a later process loads the same bytes without rewriting)."""
    key = (str(Path(path).resolve()), threads, rewrite)
    with _LOCK:
        session = _SESSIONS.get(key)
        if session is None:
            require_file(Path(path), rebuild_hint)
            options = ort.SessionOptions()
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
            options.log_severity_level = 3
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            model = cached_graph(Path(key[0]), rewrite) if rewrite else key[0]
            session = ort.InferenceSession(model, sess_options=options, providers=["CPUExecutionProvider"])
            _SESSIONS[key] = session
        return session


def metadata(session: ort.InferenceSession) -> dict[str, str]:
    """The model's ``metadata_props`` as a dict."""
    return dict(session.get_modelmeta().custom_metadata_map)
