"""The matcher of ``scripts/eval_calls.py`` on hand-made event lists (no rendering, no analysis)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import eval_calls  # noqa: E402
from eval_calls import EARLY_S, WINDOW_S, Moment, score_call, summarise  # noqa: E402


def moment(kind: str, start: float, end: float, group: str = "behaviour") -> Moment:
    return Moment(call="x", kind=kind, group=group, start_s=start, end_s=end)


def nudge(kind: str, at: float, t: float | None = None) -> dict:
    return {"type": "nudge", "kind": kind, "t": at if t is None else t, "at": at}


def cue(kind: str, at: float, outcome: str) -> dict:
    return {"type": "cue", "kind": kind, "t": at, "at": at, "outcome": outcome}


def test_a_nudge_inside_the_window_catches_the_moment_and_gives_its_delay() -> None:
    r = score_call("x", "tune", False, [], [moment("dead_air", 10.0, 22.0)], [nudge("dead_air", 16.5, t=10.0)])
    (hit,) = r.hits
    assert hit.nudge is not None and hit.delay_s == pytest.approx(6.5)
    assert r.unmatched == []


@pytest.mark.parametrize(
    ("at", "caught"),
    [(10.0 - EARLY_S - 0.01, False), (10.0 - EARLY_S, True), (12.0 + WINDOW_S, True), (12.0 + WINDOW_S + 0.01, False)],
)
def test_window_edges(at: float, caught: bool) -> None:
    r = score_call("x", "tune", False, [], [moment("stop_interrupting", 10.0, 12.0)], [nudge("stop_interrupting", at)])
    assert (r.hits[0].nudge is not None) is caught
    assert len(r.unmatched) == (0 if caught else 1)


def test_a_nudge_of_another_kind_does_not_catch_and_counts_as_extra() -> None:
    r = score_call("x", "tune", False, [], [moment("stop_interrupting", 10.0, 12.0)], [nudge("let_them_finish", 11.0)])
    assert r.hits[0].nudge is None
    assert [n.kind for n in r.unmatched] == ["let_them_finish"]


def test_one_nudge_catches_one_moment_so_a_repeat_offence_needs_a_second_nudge() -> None:
    moments = [moment("stop_interrupting", 10.0, 13.0), moment("stop_interrupting", 14.0, 16.0)]
    once = score_call("x", "tune", False, [], moments, [nudge("stop_interrupting", 14.5)])
    assert [h.nudge is not None for h in once.hits] == [True, False]
    twice = score_call(
        "x", "tune", False, [], moments, [nudge("stop_interrupting", 11.0), nudge("stop_interrupting", 14.5)]
    )
    assert [h.nudge.at for h in twice.hits if h.nudge] == [11.0, 14.5]


def test_language_delay_is_from_the_last_word_and_from_the_start() -> None:
    m = moment("avoid_calm_down", 5.0, 5.8, group="language")
    (hit,) = score_call("x", "tune", False, [], [m], [nudge("avoid_calm_down", 7.0)]).hits
    assert hit.delay_s == pytest.approx(1.2)
    assert hit.delay_from_start_s == pytest.approx(2.0)


def test_nudges_on_a_quiet_call_are_false_even_if_their_kind_is_allowed() -> None:
    events = [nudge("positive_language", 3.0), nudge("dead_air", 20.0)]
    r = score_call("q", "heldout", True, ["positive_language"], [], events)
    rows = summarise([r])
    assert rows["positive_language"]["false_on_quiet"] == 1 and rows["dead_air"]["false_on_quiet"] == 1
    assert rows["positive_language"]["extra"] == 0


def test_allowed_kinds_are_not_extra_on_other_calls() -> None:
    events = [nudge("mirror_complaint", 3.0), nudge("positive_language", 9.0)]
    r = score_call("x", "tune", False, ["mirror_complaint"], [], events)
    assert [n.kind for n in r.unmatched] == ["positive_language"]


def test_cue_outcomes_are_counted_and_none_when_the_product_emits_no_cue() -> None:
    moments = [moment("dead_air", 10.0, 20.0), moment("stop_interrupting", 30.0, 32.0)]
    with_cues = [
        cue("dead_air", 16.0, "expired"),
        cue("stop_interrupting", 30.5, "shown"),
        nudge("stop_interrupting", 30.5),
    ]
    rows = summarise([score_call("x", "tune", False, [], moments, with_cues)])
    assert rows["dead_air"]["outcomes"] == {"expired": 1}
    assert rows["behaviour (all)"]["outcomes"] == {"expired": 1, "shown": 1}
    no_cues = summarise([score_call("x", "tune", False, [], moments, [nudge("stop_interrupting", 30.5)])])
    assert no_cues["dead_air"]["outcomes"] == {"none": 1}
    assert no_cues["stop_interrupting"]["outcomes"] == {"shown": 1}


def test_summary_recall_and_percentiles_per_kind_and_group() -> None:
    moments = [moment("dead_air", float(s), float(s) + 10.0) for s in (0, 100, 200, 300)]
    events = [nudge("dead_air", 6.0), nudge("dead_air", 107.0), nudge("dead_air", 208.0)]
    rows = summarise([score_call("x", "tune", False, [], moments, events)])
    d = rows["dead_air"]
    assert (d["moments"], d["caught"], d["recall"]) == (4, 3, 0.75)
    assert d["delay_p50_s"] == pytest.approx(7.0)
    assert d["delay_p95_s"] == pytest.approx(7.9)
    assert rows["behaviour (all)"]["recall"] == 0.75
    assert "language (all)" not in rows


def test_the_report_is_the_same_for_the_same_events_in_any_order() -> None:
    moments = [moment("dead_air", 0.0, 10.0), moment("avoid_calm_down", 20.0, 21.0, group="language")]
    events = [nudge("avoid_calm_down", 22.0), nudge("dead_air", 7.0), nudge("positive_language", 40.0)]
    a = eval_calls.format_table("tune", [score_call("x", "tune", False, [], moments, events)])
    b = eval_calls.format_table("tune", [score_call("x", "tune", False, [], moments[::-1], events[::-1])])
    assert a == b
    assert "avoid_calm_down" in a and "positive_language" in a


def test_cues_match_on_when_they_were_found_not_when_their_outcome_was_decided() -> None:
    m = moment("dead_air", 10.0, 20.0)
    late = {"type": "cue", "kind": "dead_air", "t": 10.0, "found_at": 16.0, "at": 60.0, "outcome": "expired"}
    rows = summarise([score_call("x", "tune", False, [], [m], [late])])
    assert rows["dead_air"]["outcomes"] == {"expired": 1}
    assert (rows["dead_air"]["cued"], rows["dead_air"]["caught"]) == (1, 0)
    undated = late | {"at": 60.0}
    del undated["found_at"]
    assert summarise([score_call("x", "tune", False, [], [m], [undated])])["dead_air"]["cued"] == 0


def final(speaker: str, words: list[tuple[str, float]]) -> dict:
    timed = [{"w": w, "start": s, "end": s + 0.3, "p": 0.9} for w, s in words]
    return {"type": "transcript", "speaker": speaker, "final": True, "words": timed, "t": 0.0, "at": 0.0}


def phrase_moment(kind: str, start: float, end: float, phrase: str) -> Moment:
    return Moment(call="x", kind=kind, group="language", start_s=start, end_s=end, phrase=phrase, speaker="agent")


def test_heard_says_whether_the_final_transcript_has_the_phrase_near_its_time() -> None:
    m = phrase_moment("avoid_calm_down", 10.0, 11.0, "Take it easy")
    said = final("agent", [("Please,", 9.6), ("take", 10.0), ("it", 10.3), ("easy.", 10.6)])
    assert eval_calls.heard(m, [said]) is True
    assert eval_calls.heard(m, [said | {"final": False}]) is False  # partials do not count
    assert eval_calls.heard(m, [said | {"speaker": "customer"}]) is False
    misheard = final("agent", [("take", 10.0), ("it", 10.3), ("easily", 10.6)])
    assert eval_calls.heard(m, [misheard]) is False
    elsewhere = final("agent", [("take", 30.0), ("it", 30.3), ("easy", 30.6)])
    assert eval_calls.heard(m, [elsewhere]) is False
    curly = phrase_moment("positive_language", 1.0, 2.0, "there's nothing I can do")
    assert eval_calls.heard(
        curly, [final("agent", [("There\u2019s", 1.0), ("nothing", 1.2), ("I", 1.4), ("can", 1.5), ("do.", 1.7)])]
    )
    assert eval_calls.heard(moment("dead_air", 0.0, 9.0), [said]) is None


def test_group_rows_count_stray_nudges_too() -> None:
    quiet = score_call("q", "tune", True, [], [], [nudge("dead_air", 30.0), nudge("positive_language", 9.0)])
    other = score_call("x", "tune", False, [], [], [nudge("stop_interrupting", 5.0)])
    rows = summarise([quiet, other])
    assert (rows["behaviour (all)"]["false_on_quiet"], rows["behaviour (all)"]["extra"]) == (1, 1)
    assert (rows["language (all)"]["false_on_quiet"], rows["language (all)"]["extra"]) == (1, 0)


def test_a_nudge_about_the_moment_after_the_window_is_late_not_extra() -> None:
    m = moment("avoid_calm_down", 27.16, 27.69, group="language")
    late = nudge("avoid_calm_down", 32.06, t=26.78)
    r = score_call("x", "tune", False, [], [m], [late])
    (hit,) = r.hits
    assert hit.nudge is None and hit.late is not None and hit.late.at == 32.06
    assert r.unmatched == []
    row = summarise([r])["avoid_calm_down"]
    assert (row["caught"], row["late"], row["extra"], row["recall"]) == (0, 1, 0, 0.0)
    elsewhere = nudge("avoid_calm_down", 60.0, t=55.0)  # refers to another moment: extra
    assert [n.at for n in score_call("x", "tune", False, [], [m], [elsewhere]).unmatched] == [60.0]


def test_a_joined_nudge_catches_one_moment_of_each_kind_it_carries() -> None:
    ack, mirror = (
        moment("acknowledge_feelings", 10.0, 12.0, "language"),
        moment("mirror_complaint", 10.0, 12.0, "language"),
    )
    joined = {**nudge("acknowledge_feelings", 13.0), "kinds": ["acknowledge_feelings", "mirror_complaint"]}
    r = score_call("x", "tune", False, [], [ack, mirror], [joined])
    assert [h.nudge is not None for h in r.hits] == [True, True] and r.unmatched == []
    # a plain nudge of one kind still catches only its own kind
    r = score_call("x", "tune", False, [], [ack, mirror], [nudge("acknowledge_feelings", 13.0)])
    assert sorted((h.moment.kind, h.nudge is not None) for h in r.hits) == [
        ("acknowledge_feelings", True),
        ("mirror_complaint", False),
    ]


def test_a_part_added_to_the_nudge_on_screen_catches_from_the_update() -> None:
    mirror = moment("mirror_complaint", 10.0, 12.0, "language")
    shown = {**nudge("acknowledge_feelings", 13.0), "moment": "u1:ack", "kinds": ["acknowledge_feelings"]}
    update = {
        "type": "nudge.update",
        "t": 14.0,
        "at": 14.0,
        "moment": "u1:ack",
        "kinds": ["acknowledge_feelings", "mirror_complaint"],
    }
    (hit,) = score_call("x", "tune", False, [], [mirror], [shown, update]).hits
    assert hit.nudge is not None and hit.nudge.at == 14.0
    dropped = {**update, "kinds": ["acknowledge_feelings"]}  # an update that drops a part adds nothing
    (hit,) = score_call("x", "tune", False, [], [mirror], [shown, dropped]).hits
    assert hit.nudge is None


def test_dead_air_is_also_given_after_the_threshold_and_hold_check_ins_apart() -> None:
    plain = [moment("dead_air", 0.0, 12.0), moment("dead_air", 100.0, 112.0)]
    hold = Moment(call="x", kind="dead_air", group="behaviour", start_s=200.0, end_s=230.0, on_hold=True)
    events = [nudge("dead_air", 6.1), nudge("dead_air", 106.5), nudge("dead_air", 202.0)]
    d = summarise([score_call("x", "tune", False, [], [*plain, hold], events)])["dead_air"]
    assert d["delay_p50_s"] == pytest.approx(6.1)  # the main figure keeps its definition
    assert d["after_threshold_p50_s"] == pytest.approx(0.3)
    assert d["plain_silences_caught"] == 2
    assert (d["hold_check_p50_s"], d["hold_checks_caught"]) == (pytest.approx(2.0), 1)


def test_a_re_show_of_a_caught_condition_is_again_not_extra_but_a_false_one_stays_false() -> None:
    # c99's shape: a hold that runs long, checked in at 51.4 s and again 30 s later, same moment id
    hold = Moment(call="x", kind="dead_air", group="behaviour", start_s=51.43, end_s=89.43, on_hold=True)
    first = {**nudge("dead_air", 51.42, t=49.41), "moment": "hold_check:1"}
    again = {**nudge("dead_air", 81.44, t=49.41), "moment": "hold_check:1"}
    other = {**nudge("dead_air", 82.0, t=60.0), "moment": "dead_air:2"}  # another moment: extra
    r = score_call("x", "tune", False, [], [hold], [first, again, other])
    assert r.hits[0].nudge is not None and r.hits[0].nudge.at == 51.42
    assert [n.at for n in r.again] == [81.44] and [n.at for n in r.unmatched] == [82.0]
    row = summarise([r])["dead_air"]
    assert (row["again"], row["extra"]) == (1, 1)
    early = {**nudge("dead_air", 45.0, t=39.4), "moment": "hold_check:1"}  # before the window: extra
    r = score_call("x", "tune", False, [], [hold], [early, first, again])
    assert [n.at for n in r.again] == [81.44] and [n.at for n in r.unmatched] == [45.0]
    quiet = score_call("x", "tune", True, [], [], [first, again])  # nothing to catch: both false
    assert quiet.again == [] and len(quiet.unmatched) == 2


CALLS = {"c01_a": {"part": "tune"}, "c02_b": {"part": "tune"}, "c1006_c": {"part": "heldout"}}


def test_only_selects_the_named_calls_of_the_part_and_refuses_names_outside_it() -> None:
    assert eval_calls.select_calls(CALLS, None, "tune") == ["c01_a", "c02_b"]
    assert eval_calls.select_calls(CALLS, ["c02_b"], "tune") == ["c02_b"]
    assert eval_calls.select_calls(CALLS, ["c1006_c"], "all") == ["c1006_c"]
    with pytest.raises(ValueError, match=r"c1006_c \(part heldout\)"):
        eval_calls.select_calls(CALLS, ["c01_a", "c1006_c"], "tune")  # would select c01_a alone, silently
    with pytest.raises(ValueError, match="not evaluation-set calls: c9_x"):
        eval_calls.select_calls(CALLS, ["c9_x"], "all")


def test_render_passes_only_the_named_calls_and_runs_nothing_for_none(monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[list[str]] = []
    monkeypatch.setattr(eval_calls.subprocess, "run", lambda cmd, **_: runs.append(cmd))
    eval_calls.render([])  # the renderer given no --only would render every stale call
    assert runs == []
    eval_calls.render(["c01_a", "c02_b"])
    assert len(runs) == 1 and runs[0][-5:] == ["--stale-only", "--only", "c01_a", "--only", "c02_b"]


def _scripts(folder: Path, parts: dict[str, str]) -> None:
    """Hand-made call scripts ``name -> part`` in ``folder`` (a ``[call]`` table each)."""
    for name, part in parts.items():
        (folder / f"{name}.toml").write_text(f'[call]\npart = "{part}"\n', encoding="utf-8")


def test_tuning_calls_never_read_a_script_of_the_held_out_part(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _scripts(tmp_path, {"c01_a": "tune", "c02_b": "tune"})
    held_out = tmp_path / f"c{eval_calls.FIRST_HELDOUT_CALL}_c.toml"
    held_out.write_text("not toml: reading it would fail", encoding="utf-8")
    monkeypatch.setattr(eval_calls, "CALLS_DIR", tmp_path)
    assert list(eval_calls.tuning_calls()) == ["c01_a", "c02_b"]


def test_eval_behaviour_scores_tuning_calls_only_and_refuses_other_names(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """scripts/eval_behaviour.py: a held-out call (rendered or not) is no call of its table, and an --only name
    outside it or its --part stops with a parser error before anything is analysed."""
    import eval_behaviour

    held_out = f"c{eval_calls.FIRST_HELDOUT_CALL}_c"
    _scripts(tmp_path, {"c01_a": "tune", held_out: "heldout"})
    monkeypatch.setattr(eval_calls, "CALLS_DIR", tmp_path)
    monkeypatch.setattr(eval_behaviour, "analyse", lambda *a, **k: pytest.fail("analysed"))
    for argv, said in (
        (["--only", held_out], f"not evaluation-set calls: {held_out}"),
        (["--part", "heldout", "--only", "c01_a"], "c01_a (part tune)"),
    ):
        with pytest.raises(SystemExit) as exc:
            eval_behaviour.main(argv)
        assert exc.value.code == 2
        assert said in capsys.readouterr().err
