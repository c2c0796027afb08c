"""The replay scripts say which ``coach`` package they import (session 52, R16): with the editable install, a replay run
from ``/work/main`` without ``PYTHONPATH`` measures main's code, not the worktree meant (a helper measured so in
session 51). ``scripts/replay_listening.py``, ``scripts/replay_script_text.py`` and ``scripts/eval_call_escalation.py
--replay`` print it on stderr first. Tiny trees in ``tmp_path``; nothing is analysed."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

import coach

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
sys.path.insert(0, str(SCRIPTS))
import eval_calls as C  # noqa: E402

SAID = f"coach imported from {Path(coach.__file__).resolve().parent}"


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = sys.modules.get(name) or importlib.util.module_from_spec(spec)
    if name not in sys.modules:
        sys.modules[name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
    return module


def test_the_imported_coach_is_said_and_returned(capsys: pytest.CaptureFixture[str]) -> None:
    assert C.say_coach() == Path(coach.__file__).resolve().parent
    assert capsys.readouterr().err.strip() == SAID


def test_replay_script_text_says_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    replay = _script("replay_script_text")
    (tmp_path / "c02_quiet.toml").write_text(
        '[call]\npart = "tune"\nquiet = true\n\n[[turn]]\nspeaker = "agent"\ntext = "Morning."\n', encoding="utf-8"
    )
    monkeypatch.setattr(sys.modules["eval_calls"], "CALLS_DIR", tmp_path)
    assert replay.main(["--only", "c02_quiet", "--kinds", "avoid_calm_down"]) == 0
    assert SAID in capsys.readouterr().err


def test_replay_listening_says_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    replay = _script("replay_listening")
    (tmp_path / "artifacts" / "calls").mkdir(parents=True)
    (tmp_path / "artifacts" / "calls" / "c05_kiln.truth.json").write_text('{"moments": []}', encoding="utf-8")
    (tmp_path / "c05_kiln.toml").write_text('[call]\npart = "tune"\n', encoding="utf-8")
    events = tmp_path / "c05_kiln.0123456789abcdef.jsonl"
    events.write_text(json.dumps({"type": "speech", "t": 0.0, "at": 1.0}) + "\n", encoding="utf-8")
    monkeypatch.setattr(replay, "CALLS", tmp_path)
    monkeypatch.setattr(replay, "ROOT", tmp_path)
    assert replay.main([str(events), "--kinds", "check_anything_else"]) == 0
    assert SAID in capsys.readouterr().err


def test_eval_call_escalation_says_it_when_it_replays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    escalation = _script("eval_call_escalation")
    monkeypatch.setattr(escalation.C, "CALLS_DIR", tmp_path)  # no call: the run stops at the unknown --only name
    for replaying in (True, False):
        with pytest.raises(SystemExit):
            escalation.main(["--only", "c09_unknown", *(["--replay"] if replaying else [])])
        assert (SAID in capsys.readouterr().err) is replaying  # a run through coach analyze runs --product's
