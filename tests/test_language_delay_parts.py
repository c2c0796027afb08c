"""scripts/language_delay_parts.py: a caught language moment's delay split into parts, and what the final costs."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.test_language_rules import final

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "language_delay_parts.py"
_spec = importlib.util.spec_from_file_location("language_delay_parts", SCRIPT)
assert _spec is not None and _spec.loader is not None
delay = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(delay)


def test_a_refusal_nudged_from_its_final_is_split_with_the_turns_tail_and_the_vad_wait() -> None:
    """Session 44 (Q42): ``tail`` runs from the quoted words' end to the turn's last word, ``vad`` from there to the
    final; the parts still chain from the truth phrase's start to the nudge."""
    turn = final("agent", "Sorry, we don't ship abroad, but there's a courier I trust.", 8.0)  # 0.4 s a word
    nudge = {"type": "nudge", "at": turn["at"], "kinds": ["positive_language"], "said": "we don't ship abroad"}
    moment = SimpleNamespace(kind="positive_language", start_s=8.0, end_s=12.0, speaker="agent")
    r = delay.parts_of(moment, turn["at"], [turn, nudge])
    assert r["said"] == pytest.approx(1.96)  # "abroad," (the 5th word) ends at 8 + 4.9 * 0.4
    assert r["tail"] == pytest.approx(2.4)  # six words more: the last one ends at 8 + 10.9 * 0.4
    assert r["vad"] == pytest.approx(turn["at"] - 12.36)
    assert r["start"] == pytest.approx(r["said"] + r["tail"] + r["vad"])
    assert r["final"] == pytest.approx(r["start"])


def test_the_deciding_word_is_placed_in_the_phrase_and_the_nudge_against_its_first_commit() -> None:
    """Session 46 (Q44): ``word`` / ``of`` place the last quoted word in the scripted phrase (in words), and ``held``
    is the nudge less the first partial whose committed words hold the quoted words (negative: nudged from words
    not committed yet)."""
    text = "Sorry, we don't ship abroad, but there's a courier I trust."
    turn = final("agent", text, 8.0)
    early = {**turn, "final": False, "at": 10.5, "stable": 3, "words": turn["words"][:7]}  # "abroad," not committed
    later = {**early, "at": 11.2, "stable": 6}
    nudge = {"type": "nudge", "at": 10.5, "kinds": ["positive_language"], "said": "we don't ship abroad"}
    moment = SimpleNamespace(kind="positive_language", start_s=8.0, end_s=12.0, speaker="agent", phrase=text)
    r = delay.parts_of(moment, 10.5, [early, later, turn, nudge])
    assert (r["word"], r["of"]) == (5, 11)
    assert r["held"] == pytest.approx(-0.7)
    misheard = SimpleNamespace(**{**vars(moment), "phrase": "Sorry, we do not ship overseas."})
    assert delay.parts_of(misheard, 10.5, [early, later, turn, nudge])["word"] is None


def test_the_call_table_never_reads_a_script_of_the_held_out_part(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its table is ``eval_calls.tuning_calls()``: a held-out script is not even parsed (here it is no TOML, so reading
    it would fail), and a held-out name is refused as no tuning call before anything is read or analysed."""
    import eval_calls

    (tmp_path / "c01_a.toml").write_text('[call]\npart = "tune"\n', encoding="utf-8")
    held_out = f"c{eval_calls.FIRST_HELDOUT_CALL}_c"
    (tmp_path / f"{held_out}.toml").write_text("not toml: reading it would fail", encoding="utf-8")
    monkeypatch.setattr(eval_calls, "CALLS_DIR", tmp_path)
    monkeypatch.setattr(delay, "analyse", lambda *a, **k: pytest.fail("analysed"))
    with pytest.raises(SystemExit) as exc:
        delay.main([held_out])
    assert exc.value.code == 2
    assert f"not tuning calls: {held_out}" in capsys.readouterr().err
