"""scripts/eval_escalation_markers.py: a lexicon read against itself changes no turn; against one without categories
every marked turn counts as changed, by mood (issue 10, session 39)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import eval_escalation_markers as M  # noqa: E402

from coach.classify.lexicon import DEFAULT_LEXICON  # noqa: E402


def test_turn_kinds() -> None:
    assert M.turn_kind("angry", False, False, False) == "angry later, no marker before"
    assert M.turn_kind("angry", True, True, True) == "angry first, had a marker"
    assert M.turn_kind("calm", False, True, True) == "calm (quiet)"


def test_the_same_lexicon_changes_nothing_and_a_smaller_one_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert M.main(["--against", str(DEFAULT_LEXICON), "--below", "238"]) == 0
    same = capsys.readouterr().out
    assert same.startswith("c1+:") and "(c" not in same
    text = DEFAULT_LEXICON.read_text(encoding="utf-8")
    bare = tmp_path / "bare.toml"  # the idioms and frames, no category
    bare.write_text(text[: text.index("[escalation_request]")], encoding="utf-8")
    M.main(["--against", str(bare), "--below", "238"])
    out = capsys.readouterr().out
    pooled = dict(part.split(": ") for part in out.splitlines()[-1].removeprefix("all: ").split("; "))
    changed, turns = map(int, pooled["angry later, no marker before"].split("/"))
    assert 0 < changed <= turns  # the angry later turns of c01-c237 that the categories mark
