"""scripts/eval_call_escalation.py (issue 10): moments by the script's stated mood beside the old
raised-voice rule, their figures, and the mood truth of the tuning calls c238-c309 (read as text only;
the held-out scripts are never opened)."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import eval_call_escalation as E  # noqa: E402
import eval_calls as C  # noqa: E402
from synth_calls import MOODS  # noqa: E402

TURNS = [
    {"speaker": "agent", "text": "Hello, parcels."},
    {"speaker": "customer", "mood": "angry", "text": "Where is my parcel?"},
    {"speaker": "customer", "gain_db": 6.0, "mood": "happy", "text": "Oh it's here!"},
    {"speaker": "customer", "gain_db": 6.0, "text": "Ten pounds?"},
    {"speaker": "customer", "text": "Fine."},
]
UTTERANCES = [
    {"speaker": "agent", "start_s": 0.0, "end_s": 1.0, "text": "Hello, parcels."},
    {"speaker": "customer", "start_s": 2.0, "end_s": 3.0, "text": "Where is my parcel?"},
    {"speaker": "customer", "start_s": 10.0, "end_s": 11.0, "text": "Oh it's here!"},
    {"speaker": "customer", "start_s": 20.0, "end_s": 21.0, "text": "Ten pounds?"},
    {"speaker": "customer", "start_s": 30.0, "end_s": 31.0, "text": "Fine."},
]


def test_moments_carry_the_stated_mood_and_the_old_raised_rule() -> None:
    moments = E.labelled_moments(TURNS, UTTERANCES)
    got = [(m["start_s"], m["mood"], m["raised"]) for m in moments]
    assert got == [(2.0, "angry", False), (10.0, "happy", True), (20.0, None, True)]


def test_moment_figures_per_definition() -> None:
    levels = [(1.0, "calm", 0.1), (4.5, "tense", 0.5), (12.0, "escalated", 0.8), (14.5, "calm", 0.1)]
    row = E.score_call(
        "c250_x",
        False,
        [{"type": "escalation", "at": t, "level": lv, "score": s} for t, lv, s in levels],
        E.labelled_moments(TURNS, UTTERANCES),
    )
    angry, happy, raised = row["moments"]
    assert (angry["level_within_3s"], angry["tense_after_s"], angry["escalated"]) == ("tense", 2.5, False)
    assert (happy["level_within_3s"], happy["escalated"]) == ("escalated", True)
    assert (raised["level_within_3s"], raised["tense_after_s"]) == ("calm", None)
    line = E.moment_figures([row])
    assert "raised moments 1/2 >= tense" in line and "angry moments 1/1 >= tense" in line
    assert "other moods 1/1 escalated" in line
    assert E.group_of("c250_x") == "c238-c261" and E.group_of("c07_x") == "c01-c237"


def test_the_tuning_calls_c238_to_c309_state_a_mood_on_every_customer_turn() -> None:
    paths = [p for p in C.tuning_scripts() if 238 <= C.call_number(p.stem) <= 309]
    assert len(paths) == 72
    for path in paths:
        turns = tomllib.loads(path.read_text(encoding="utf-8")).get("turn", [])
        customer = [t for t in turns if t.get("speaker") == "customer" and "text" in t]
        assert customer and all(t.get("mood") in MOODS for t in customer), path.name


def test_a_held_out_script_is_never_opened() -> None:
    try:
        E.script_turns(f"c{C.FIRST_HELDOUT_CALL}_any")
    except ValueError:
        return
    raise AssertionError("a held-out script was read")


def test_held_out_calls_open_only_when_named_for_their_run_and_form_a_group_of_their_own() -> None:
    name = f"c{C.FIRST_HELDOUT_CALL}_any"
    assert E.group_of(name) == f"c{C.FIRST_HELDOUT_CALL}+ (held out)"
    assert E.group_of(f"c{C.TUNING_GROUPS[-1]}_x").startswith(f"c{C.TUNING_GROUPS[-1]}-")
    try:  # named, the guard lets it through: the file's absence is what stops it here
        E.NAMED_HELDOUT.add(name)
        with pytest.raises(FileNotFoundError):
            E.script_turns(name)
    finally:
        E.NAMED_HELDOUT.clear()
    try:
        E.script_turns(name)
    except ValueError:
        return
    raise AssertionError("a held-out script was read once its run was over")


def test_a_quiet_call_with_an_angry_customer_is_no_false_escalation() -> None:
    """Escalation on a must-stay-quiet call is judged by mood: an angry customer there (handled well,
    so no nudge is owed) may escalate; a quiet call without one still counts."""
    events = [
        {"type": "escalation", "at": t, "level": lv, "score": s}
        for t, lv, s in [(1.0, "calm", 0.1), (3.0, "escalated", 0.8)]
    ]
    angry = E.score_call("c250_a", True, events, E.labelled_moments(TURNS, UTTERANCES))
    calm_turns = [{**t, "mood": "calm"} if t.get("mood") == "angry" else t for t in TURNS]
    calm = E.score_call("c251_b", True, events, E.labelled_moments(calm_turns, UTTERANCES))
    assert not E.quiet_for_escalation(angry) and E.quiet_for_escalation(calm)
    line = E.moment_figures([angry, calm])
    assert "must-stay-quiet 1 (+1 with an angry customer, not counted): calm 0, tense 0, escalated 1" in line
    assert "(yes)" in E.format_report("tune", [angry]) and "(yes)" not in E.format_report("tune", [calm])


def test_only_a_call_outside_the_part_is_an_error_not_an_empty_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--only`` a tuning call under ``--part heldout`` stops with a parser error naming it and its part
    (eval_calls.select_calls), before anything is rendered or analysed; a hand-made call table, no script read."""
    table = {"c0950_bakery": {"part": "tune"}, "c0951_garage": {"part": "tune"}}
    monkeypatch.setattr(E, "calls_to_score", lambda: table)
    monkeypatch.setattr(C, "render", lambda names: pytest.fail(f"rendered {names}"))
    with pytest.raises(SystemExit) as exc:
        E.main(["--part", "heldout", "--only", "c0950_bakery"])
    assert exc.value.code == 2
    assert "c0950_bakery (part tune)" in capsys.readouterr().err
