"""The shared ONNX sessions (``coach/classify/onnx_session.py``): one per model file, thread count and rewrite
function. Two rewrites of the same name (another tree's copy of ``coach/classify/minilm.py``, loaded beside this
one's by ``scripts/bench_escalation.py``) are two graphs, so two sessions; the real Silero file, rewritten to itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from coach.classify.onnx_session import get_session
from coach.vad.silero import default_model_path


def same_named_rewrite() -> Callable[[Path], bytes]:
    """A rewrite that returns the file as it is; every call makes a new function of the same ``__qualname__``."""

    def rewrite(source: Path) -> bytes:
        return source.read_bytes()

    return rewrite


def test_a_session_is_shared_per_rewrite_function_not_per_rewrite_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_CACHE", str(tmp_path))  # the rewritten graphs' disk cache, this test's own
    mine, theirs = same_named_rewrite(), same_named_rewrite()
    assert mine.__qualname__ == theirs.__qualname__ and mine is not theirs
    model = default_model_path()
    first = get_session(model, "none", rewrite=mine)
    assert get_session(model, "none", rewrite=mine) is first  # shared
    assert get_session(model, "none", rewrite=theirs) is not first  # another tree's graph is not this one's
