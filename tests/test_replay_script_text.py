"""scripts/replay_script_text.py: the real language rules on tiny call scripts' text, scored like eval_calls."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "replay_script_text.py"
_spec = importlib.util.spec_from_file_location("replay_script_text", SCRIPT)
assert _spec is not None and _spec.loader is not None
replay = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = replay  # its dataclasses look their module up there
_spec.loader.exec_module(replay)

CALLS = {
    # a short "calm down" turn: its final comes within the window (caught); a long turn that says
    # "relax" first is nudged only at its final, after the window (late); wording kinds only
    "c01_calm_down": """
[call]
part = "tune"

[[turn]]
speaker = "customer"
text = "This is the third time the parcel went missing."

[[turn]]
speaker = "agent"
expect = [{ kind = "avoid_calm_down", phrase = "calm down" }]
text = "Please calm down."

[[turn]]
speaker = "agent"
expect = [{ kind = "avoid_calm_down", phrase = "relax" }]
text = "Relax, these things happen, let me look at the notes the driver left for this delivery."
""",
    # a well-handled call that must stay quiet, but the agent blames policy: a false nudge
    "c02_quiet_policy": """
[call]
part = "tune"
quiet = true

[[turn]]
speaker = "agent"
text = "Unfortunately I can't change the date, it's policy."
""",
    # the same words on a call that is not quiet and expects nothing there: an extra (in the second
    # group by default, c238 up to the held-out part)
    "c238_policy_extra": """
[call]
part = "tune"

[[turn]]
speaker = "agent"
text = "Unfortunately I can't change the date, it's policy."
""",
}


@pytest.fixture
def calls_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tiny scripts, plus a held-out-numbered file that is not TOML: parsing it would raise."""
    for name, text in CALLS.items():
        (tmp_path / f"{name}.toml").write_text(text, encoding="utf-8")
    first_heldout = sys.modules["eval_calls"].FIRST_HELDOUT_CALL
    (tmp_path / f"c{first_heldout}_heldout.toml").write_text("[[[ not toml: never open me", encoding="utf-8")
    monkeypatch.setattr(sys.modules["eval_calls"], "CALLS_DIR", tmp_path)
    return tmp_path


def test_caught_late_false_and_extra_are_counted_and_held_out_files_are_never_opened(
    calls_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert replay.main(["--verbose"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    early = lines[lines.index("== c01-c02: 2 calls (1 must stay quiet)") :]
    later = lines[lines.index("== c238-c238: 1 calls (0 must stay quiet)") :]
    # kind, caught / moments, recall, late, false on quiet, extra
    assert early[2].split() == ["avoid_calm_down", "1", "/", "2", "0.50", "1", "0", "0"]
    assert early[3].split() == ["positive_language", "0", "/", "0", "-", "0", "1", "0"]
    assert later[3].split() == ["positive_language", "0", "/", "0", "-", "0", "0", "1"]
    assert "LATE   avoid_calm_down      turn 2" in out
    assert "FALSE  positive_language    turn 0" in out
    assert "extra  positive_language    turn 0" in out
    assert "heldout" not in out


def test_only_and_kinds_narrow_the_replay(calls_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert replay.main(["--only", "c02_quiet_policy", "--kinds", "avoid_calm_down"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "== c02-c02: 1 calls (1 must stay quiet)"
    assert out[2].split() == ["avoid_calm_down", "0", "/", "0", "-", "0", "0", "0"]  # the policy nudge not replayed
    with pytest.raises(SystemExit):
        replay.main(["--only", "c03_unknown"])


def test_groups_cut_the_calls_where_asked_and_stop_below_the_held_out_part(
    calls_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert replay.main(["--groups", "2,200"]) == 0
    heads = [line for line in capsys.readouterr().out.splitlines() if line.startswith("== ")]
    assert heads == [
        "== c01-c01: 1 calls (0 must stay quiet)",
        "== c02-c02: 1 calls (1 must stay quiet)",
        "== c238-c238: 1 calls (0 must stay quiet)",
    ]
    assert replay.main(["--groups", ""]) == 0
    heads = [line for line in capsys.readouterr().out.splitlines() if line.startswith("== ")]
    assert heads == ["== c01-c238: 3 calls (1 must stay quiet)"]
    first_heldout = sys.modules["eval_calls"].FIRST_HELDOUT_CALL
    for bad in ("238,118", "1", str(first_heldout), "c238", "118,118"):
        with pytest.raises(SystemExit):
            replay.main(["--groups", bad])
    assert replay.group_of_call("c237_x", replay.DEFAULT_GROUPS) == 0
    assert replay.group_of_call("c238_x", replay.DEFAULT_GROUPS) == 1


def test_timeline_model_spaces_words_and_turns() -> None:
    from synth_calls import Line, Silence

    spoken = replay.place(
        [Line(speaker="agent", text="one two"), Silence(silence_s=5.0), Line(speaker="customer", text="x")]
    )
    first, second = spoken
    assert first.start_s == pytest.approx(replay.GAP_S)
    assert first.event["words"][1]["start"] == pytest.approx(replay.GAP_S + 1 / replay.WORDS_PER_S)
    assert second.turn == 2 and second.start_s == pytest.approx(first.end_s + 5.0)  # a silence replaces the gap
    assert first.event["at"] == pytest.approx(first.end_s + replay.FINAL_LAG_S)
